/*
 * What a font answers once the database has read it (fontdb.c): its
 * names, metrics, file bytes and HarfBuzz handles, its glyphs, and the
 * face a PDF embedder subsets. Apart from the database because none of it
 * depends on how fonts are loaded or found: a font is frozen once added,
 * and these only read it (the embedding face aside, made once).
 */
#include "font/font_internal.h"

const char *
lp_font_family(const lp_font *f)
{
	return f->family;
}
const char *
lp_font_style_name(const lp_font *f)
{
	return f->style ? f->style : "";
}
const char *
lp_font_postscript_name(const lp_font *f)
{
	return f->ps_name;
}
const char *
lp_font_origin(const lp_font *f)
{
	return f->origin;
}
const char *
lp_font_shown(const lp_font *f)
{
	return f->shown ? f->shown : f->origin;
}
const lp_font_metrics *
lp_font_metrics_of(const lp_font *f)
{
	return &f->m;
}
bool
lp_font_is_cff(const lp_font *f)
{
	return f->cff;
}
hb_face_t *
lp_font_hb_face(const lp_font *f)
{
	return f->hb_face;
}
hb_font_t *
lp_font_hb_font(const lp_font *f)
{
	return f->hb_font;
}

static hb_blob_t *
embed_table(hb_face_t *face, hb_tag_t tag, void *user)
{
	(void)face;
	switch (tag) {
	case HB_TAG('c', 'm', 'a', 'p'):
	case HB_TAG('G', 'S', 'U', 'B'):
	case HB_TAG('G', 'P', 'O', 'S'):
	case HB_TAG('G', 'D', 'E', 'F'):
	case HB_TAG('J', 'S', 'T', 'F'):
	case HB_TAG('B', 'A', 'S', 'E'):
	case HB_TAG('D', 'S', 'I', 'G'):
		return NULL; /* an empty table */
	default:
		return hb_face_reference_table(((const lp_font *)user)->hb_face, tag);
	}
}

hb_face_t *
lp_font_hb_embed_face(const lp_font *cf)
{
	/* A cache on an otherwise frozen object: whichever thread makes it
	 * first publishes it; the others drop theirs. */
	lp_font *f = (lp_font *)cf;
	hb_face_t *face = __atomic_load_n(&f->embed_face, __ATOMIC_ACQUIRE);
	if (face)
		return face;
	hb_face_t *made = hb_face_create_for_tables(embed_table, f, NULL);
	hb_face_set_upem(made, hb_face_get_upem(f->hb_face));
	hb_face_set_glyph_count(made, hb_face_get_glyph_count(f->hb_face));
	hb_face_make_immutable(made);
	hb_face_t *expected = NULL;
	if (!__atomic_compare_exchange_n(
	            &f->embed_face, &expected, made, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		hb_face_destroy(made);
		return expected;
	}
	return made;
}

const uint8_t *
lp_font_data(const lp_font *f, size_t *size)
{
	*size = f->size;
	return f->data;
}

uint32_t
lp_font_glyph(const lp_font *f, uint32_t cp)
{
	hb_codepoint_t g = 0;
	return hb_font_get_nominal_glyph(f->hb_font, cp, &g) ? g : 0;
}

bool
lp_font_has_codepoint(const lp_font *f, uint32_t cp)
{
	return lp_font_glyph(f, cp) != 0;
}

int32_t
lp_font_glyph_advance(const lp_font *f, uint32_t gid)
{
	return hb_font_get_glyph_h_advance(f->hb_font, gid);
}

const char *
lp_font_glyph_name(const lp_font *f, uint32_t gid, char *buf, size_t size)
{
	if (size == 0)
		return "";
	buf[0] = '\0';
	if (!hb_font_get_glyph_name(f->hb_font, gid, buf, (unsigned)size))
		buf[0] = '\0';
	return buf;
}
