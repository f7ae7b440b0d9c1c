/*
 * Whether a font shapes each word the same alone as among its neighbours:
 * true when none of its OpenType lookups (GSUB or GPOS) covers the space,
 * as input, backtrack or lookahead, and it has no legacy 'kern' table or
 * AAT tables HarfBuzz would apply instead. Then a space stops every
 * substitution and every kerning pair, and text/ may shape a word once and
 * use it again (text/wordcache.c). Fonts whose space takes part (a
 * ligature across words, kerning against the space, as DejaVu's 'liga'
 * has) are shaped a run at a time as before.
 *
 * Worked out on first use: collecting a face's lookup coverage costs
 * about as much as shaping a page, so it is done once per font and
 * published atomically (two threads that race work out the same answer).
 */
#include "font/font_internal.h"

#include <hb-ot.h>

enum { WORDS_UNKNOWN = 0, WORDS_ALONE = 1, WORDS_IN_CONTEXT = 2 };

static bool
has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	bool has = hb_blob_get_length(b) > 0;
	hb_blob_destroy(b);
	return has;
}

static bool
space_in_lookups(hb_face_t *face, hb_codepoint_t space)
{
	static const hb_tag_t tables[] = {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS};
	hb_set_t *before = hb_set_create(), *input = hb_set_create(), *after = hb_set_create();
	bool found = !hb_set_allocation_successful(before) ||
	             !hb_set_allocation_successful(input) || !hb_set_allocation_successful(after);
	for (size_t t = 0; t < 2 && !found; t++) {
		unsigned n = hb_ot_layout_table_get_lookup_count(face, tables[t]);
		for (unsigned i = 0; i < n && !found; i++) {
			hb_set_clear(before);
			hb_set_clear(input);
			hb_set_clear(after);
			hb_ot_layout_lookup_collect_glyphs(
			        face, tables[t], i, before, input, after, NULL);
			found = hb_set_has(before, space) || hb_set_has(input, space) ||
			        hb_set_has(after, space) || !hb_set_allocation_successful(input);
		}
	}
	hb_set_destroy(before);
	hb_set_destroy(input);
	hb_set_destroy(after);
	return found;
}

bool
lp_font_words_stand_alone(const lp_font *font)
{
	lp_font *f = (lp_font *)font; /* the answer is a cache; the font stays as it is */
	int state = __atomic_load_n(&f->words, __ATOMIC_ACQUIRE);
	if (state == WORDS_UNKNOWN) {
		hb_codepoint_t space;
		bool alone = hb_font_get_nominal_glyph(f->hb_font, 0x20, &space) &&
		             !has_table(f->hb_face, HB_TAG('k', 'e', 'r', 'n')) &&
		             !has_table(f->hb_face, HB_TAG('m', 'o', 'r', 'x')) &&
		             !has_table(f->hb_face, HB_TAG('k', 'e', 'r', 'x')) &&
		             !space_in_lookups(f->hb_face, space);
		state = alone ? WORDS_ALONE : WORDS_IN_CONTEXT;
		__atomic_store_n(&f->words, state, __ATOMIC_RELEASE);
	}
	return state == WORDS_ALONE;
}
