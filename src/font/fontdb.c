/* Font database: fonts read, kept and looked up; see fontdb.h. What a
 * font answers once read is in font.c. */
#include "font/font_internal.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ot.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct lp_fontdb {
	int refs;
	bool frozen;
	bool last_resort; /* asked only for a family no database above has */
	lp_fontdb *base; /* looked in after this one's own faces (kept), or NULL */
	FT_Library ft;
	lp_font **fonts; /* LP_MAX_FONTS slots, never moved */
	size_t n; /* published with release, read with acquire */
	/* Mappings that hold the bytes of a font folder's fonts (read into
	 * them, see add_folder), unmapped when the database is dropped. */
	struct font_map {
		uint8_t *base;
		size_t len;
	} * maps;
	size_t n_maps, cap_maps;
};

static size_t
count(const lp_fontdb *db)
{
	return __atomic_load_n(&db->n, __ATOMIC_ACQUIRE);
}

lp_fontdb *
lp_fontdb_new(void)
{
	lp_fontdb *db = calloc(1, sizeof *db);
	if (!db)
		return NULL;
	db->refs = 1;
	db->fonts = calloc(LP_MAX_FONTS, sizeof *db->fonts);
	if (!db->fonts || FT_Init_FreeType(&db->ft) != 0) {
		free(db->fonts);
		free(db);
		return NULL;
	}
	return db;
}

lp_fontdb *
lp_fontdb_new_over(lp_fontdb *base)
{
	lp_fontdb *db = lp_fontdb_new();
	if (db)
		db->base = lp_fontdb_keep(base);
	return db;
}

lp_fontdb *
lp_fontdb_new_last_resort(void)
{
	lp_fontdb *db = lp_fontdb_new();
	if (db)
		db->last_resort = true;
	return db;
}

lp_fontdb *
lp_fontdb_keep(lp_fontdb *db)
{
	if (db)
		__atomic_add_fetch(&db->refs, 1, __ATOMIC_RELAXED);
	return db;
}

static void
font_free(lp_font *f)
{
	if (!f)
		return;
	hb_font_destroy(f->hb_font);
	hb_face_destroy(f->embed_face);
	hb_face_destroy(f->hb_face);
	if (!f->borrowed)
		free(f->data);
	free(f->origin);
	free(f->shown);
	free(f->family);
	free(f->ps_name);
	free(f->style);
	free(f);
}

void
lp_fontdb_drop(lp_fontdb *db)
{
	if (!db || __atomic_sub_fetch(&db->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	for (size_t i = 0; i < db->n; i++)
		font_free(db->fonts[i]);
	free(db->fonts);
	for (size_t i = 0; i < db->n_maps; i++)
		munmap(db->maps[i].base, db->maps[i].len);
	free(db->maps);
	FT_Done_FreeType(db->ft);
	lp_fontdb_drop(db->base);
	free(db);
}

static char *
name_string(hb_face_t *face, hb_ot_name_id_t id)
{
	unsigned len = hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, NULL, NULL);
	if (len == 0)
		return NULL;
	char *s = malloc(len + 1);
	if (!s)
		return NULL;
	unsigned size = len + 1;
	hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &size, s);
	return s;
}

/* Reads metrics with FreeType, which has validated the tables on open. */
static void
read_metrics(lp_font *f, FT_Face ft)
{
	lp_font_metrics *m = &f->m;
	m->units_per_em = ft->units_per_EM;
	m->ascender = ft->ascender;
	m->descender = ft->descender;
	m->line_gap = ft->height - ft->ascender + ft->descender;
	m->bbox[0] = (int32_t)ft->bbox.xMin;
	m->bbox[1] = (int32_t)ft->bbox.yMin;
	m->bbox[2] = (int32_t)ft->bbox.xMax;
	m->bbox[3] = (int32_t)ft->bbox.yMax;
	m->italic = (ft->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
	m->fixed_pitch = FT_IS_FIXED_WIDTH(ft);
	m->weight = (ft->style_flags & FT_STYLE_FLAG_BOLD) ? 700 : 400;
	m->glyph_count = (uint32_t)ft->num_glyphs;
	TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
	if (os2 && os2->version != 0xFFFF) {
		if (os2->usWeightClass >= 1 && os2->usWeightClass <= 1000)
			m->weight = os2->usWeightClass;
		if (os2->version >= 2) {
			m->cap_height = os2->sCapHeight;
			m->x_height = os2->sxHeight;
		}
		if (os2->sTypoAscender > 0) {
			m->ascender = os2->sTypoAscender;
			m->descender = os2->sTypoDescender;
			m->line_gap = os2->sTypoLineGap;
		}
		/* Panose family kind 2 (Latin text), serif style 11..13 = sans. */
		m->serif = os2->panose[0] == 2 && !(os2->panose[1] >= 11 && os2->panose[1] <= 13);
	}
	if (m->cap_height <= 0)
		m->cap_height = m->ascender * 7 / 10;
	if (m->x_height <= 0)
		m->x_height = m->ascender / 2;
	TT_Postscript *post = FT_Get_Sfnt_Table(ft, FT_SFNT_POST);
	if (post)
		m->italic_angle = (float)post->italicAngle / 65536.0f;
}

/* The font is complete before readers can see it. */
static lp_status
fontdb_push(lp_fontdb *db, lp_font *f, lp_diag *diag)
{
	if (db->n == LP_MAX_FONTS)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, lp_font_shown(f), 0, 0,
		        "more than %u fonts in one database", LP_MAX_FONTS);
	db->fonts[db->n] = f;
	__atomic_store_n(&db->n, db->n + 1, __ATOMIC_RELEASE);
	return LP_OK;
}

/* True when the font has an fvar table: a variable font. FreeType
 * 2.12.1's glyph loader for them is where CVE-2025-27363 (an out-of-bounds
 * write on hostile subglyph data) lives, so they are refused before
 * FreeType sees them; HarfBuzz, a separate parser, looks. */
static bool
is_variable(const uint8_t *data, size_t size)
{
	hb_blob_t *blob = hb_blob_create(
	        (const char *)data, (unsigned)size, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_blob_t *fvar = hb_face_reference_table(face, HB_TAG('f', 'v', 'a', 'r'));
	bool variable = hb_blob_get_length(fvar) > 0;
	hb_blob_destroy(fvar);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return variable;
}

/* Takes ownership of data (malloc'd) whatever happens when owned; else
 * data lies in one of the database's mappings and is only borrowed. origin
 * is the font's identity (a real path, or a memory name), name what
 * messages call it. */
static lp_status
add_font(lp_fontdb *db, const char *origin, const char *name, uint8_t *data, size_t size,
        bool owned, lp_diag *diag)
{
	if (db->frozen) {
		if (owned)
			free(data);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "font database is frozen; fonts must be added before rendering starts");
	}
	if (size > LP_MAX_FONT_BYTES) {
		if (owned)
			free(data);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
		        "font is larger than the limit of %u bytes", LP_MAX_FONT_BYTES);
	}
	if (is_variable(data, size)) {
		if (owned)
			free(data);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_FONT, name, 0, 0,
		        "is a variable font (it has an fvar table); letterpress takes static "
		        "instances only (FreeType CVE-2025-27363)");
	}
	lp_font *f = calloc(1, sizeof *f);
	if (!f) {
		if (owned)
			free(data);
		return LP_ERR_NOMEM;
	}
	f->data = data;
	f->size = size;
	f->borrowed = !owned;
	f->origin = strdup(origin);
	f->shown = strcmp(name, origin) ? strdup(name) : NULL;
	if (!f->origin || (!f->shown && strcmp(name, origin))) {
		font_free(f);
		return LP_ERR_NOMEM;
	}

	FT_Face ft = NULL;
	if (FT_New_Memory_Face(db->ft, f->data, (FT_Long)size, 0, &ft) != 0 || !FT_IS_SFNT(ft) ||
	        !FT_IS_SCALABLE(ft) || ft->units_per_EM < 16 || ft->units_per_EM > 16384 ||
	        ft->num_glyphs <= 1) {
		if (ft)
			FT_Done_Face(ft);
		font_free(f);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_FONT, name, 0, 0,
		        "not a usable OpenType/TrueType font (FreeType cannot read it)");
	}
	read_metrics(f, ft);
	FT_Done_Face(ft);

	hb_blob_t *blob = hb_blob_create(
	        (const char *)f->data, (unsigned)size, HB_MEMORY_MODE_READONLY, NULL, NULL);
	f->hb_face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(f->hb_face) == 0) {
		font_free(f);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_FONT, name, 0, 0,
		        "not a usable OpenType/TrueType font (HarfBuzz finds no glyphs)");
	}
	hb_blob_t *cff = hb_face_reference_table(f->hb_face, HB_TAG('C', 'F', 'F', ' '));
	f->cff = hb_blob_get_length(cff) > 0;
	hb_blob_destroy(cff);
	hb_face_make_immutable(f->hb_face);
	f->hb_font = hb_font_create(f->hb_face);
	hb_font_set_scale(f->hb_font, (int)f->m.units_per_em, (int)f->m.units_per_em);
	hb_font_make_immutable(f->hb_font);

	f->family = name_string(f->hb_face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
	if (!f->family)
		f->family = name_string(f->hb_face, HB_OT_NAME_ID_FONT_FAMILY);
	f->ps_name = name_string(f->hb_face, HB_OT_NAME_ID_POSTSCRIPT_NAME);
	f->style = name_string(f->hb_face, HB_OT_NAME_ID_TYPOGRAPHIC_SUBFAMILY);
	if (!f->style)
		f->style = name_string(f->hb_face, HB_OT_NAME_ID_FONT_SUBFAMILY);
	if (!f->family || !f->ps_name) {
		font_free(f);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_FONT, name, 0, 0,
		        "font has no family or PostScript name in its name table");
	}
	hb_codepoint_t space;
	if (hb_font_get_nominal_glyph(f->hb_font, ' ', &space))
		f->m.space_advance = hb_font_get_glyph_h_advance(f->hb_font, space);
	else
		f->m.space_advance = (int32_t)f->m.units_per_em / 4;

	lp_status s = fontdb_push(db, f, diag);
	if (s != LP_OK)
		font_free(f);
	return s;
}

lp_status
lp_fontdb_add_memory(lp_fontdb *db, const char *name, const void *data, size_t size, lp_diag *diag)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return LP_ERR_NOMEM;
	memcpy(copy, data, size);
	return add_font(db, name, name, copy, size, true, diag);
}

lp_status
lp_fontdb_add_file(lp_fontdb *db, const char *path, lp_diag *diag)
{
	return lp_fontdb_add_file_as(db, path, path, diag);
}

lp_status
lp_fontdb_add_file_as(lp_fontdb *db, const char *path, const char *shown, lp_diag *diag)
{
	/* Read, not mapped: a font file rewritten while the engine lives would
	 * make a mapping fault (SIGBUS) in the middle of a batch, and FreeType
	 * is fuzzed on fonts in memory. The bytes are read once and owned by
	 * the database. */
	char *data;
	size_t size;
	lp_status s = lp_file_read(path, LP_MAX_FONT_BYTES, &data, &size, diag);
	if (s != LP_OK)
		return s;
	return add_font(db, path, shown ? shown : path, (uint8_t *)data, size, true, diag);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where a font starts in a folder's mapping: a cache line apart. */
#define LP_FONT_ALIGN 64
/* The kernel's huge page on x86-64 and arm64 (4 KB pages). */
#define LP_HUGE_PAGE ((size_t)2 << 20)

static size_t
round_up(size_t n, size_t to)
{
	return (n + to - 1) / to * to;
}

/* The folder's fonts (names sorted), read into one anonymous mapping the
 * database holds: a region the kernel may back with huge pages, where a
 * buffer a font (600 KB each) took a page fault every 4 KB; reading the
 * ten fonts of letterpress's folder was 4 ms of a 29 ms process
 * (docs/benchmarks.md, "Fonts read into one mapping"). Still read, not
 * mapped from the files (see lp_fontdb_add_file). A font whose size is
 * not known beforehand, or that grew since, is read as
 * lp_fontdb_add_file() reads it, which also reports any error. */
static lp_status
add_folder(lp_fontdb *db, char **names, size_t n, lp_diag *diag)
{
	size_t *sizes = calloc(n ? n : 1, sizeof *sizes), total = 0;
	if (!sizes)
		return LP_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		        (uintmax_t)st.st_size <= LP_MAX_FONT_BYTES)
			sizes[i] = (size_t)st.st_size;
		total += round_up(sizes[i], LP_FONT_ALIGN);
	}
	uint8_t *at = NULL;
	if (total > 0 &&
	        LP_ARRAY_RESERVE(db->maps, db->cap_maps, db->n_maps + 1, LP_ARRAY_ANY) == LP_OK) {
		size_t len = total + LP_HUGE_PAGE; /* room to start on a huge page */
		uint8_t *base =
		        mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (base != MAP_FAILED) {
			db->maps[db->n_maps++] = (struct font_map){base, len};
			at = base + (LP_HUGE_PAGE - (uintptr_t)base % LP_HUGE_PAGE) % LP_HUGE_PAGE;
#ifdef MADV_HUGEPAGE
			madvise(at, total, MADV_HUGEPAGE); /* a hint: without it, 4 KB pages */
#endif
		}
	}
	lp_status s = LP_OK;
	for (size_t i = 0; i < n && s == LP_OK; i++) {
		size_t size;
		bool fits = false;
		if (at && sizes[i] > 0)
			s = lp_file_read_into(
			        names[i], LP_MAX_FONT_BYTES, at, sizes[i], &size, &fits, diag);
		if (s == LP_OK)
			s = fits ? add_font(db, names[i], names[i], at, size, false, diag)
			         : lp_fontdb_add_file(db, names[i], diag);
		if (at)
			at += round_up(sizes[i], LP_FONT_ALIGN);
	}
	free(sizes);
	return s;
}

lp_status
lp_fontdb_add_dir(lp_fontdb *db, const char *dir, lp_diag *diag)
{
	DIR *d = opendir(dir);
	if (!d)
		return lp_diag_report(
		        diag, LP_ERROR, LP_ERR_MISSING, dir, 0, 0, "cannot open font folder");
	char **names = NULL;
	size_t n = 0, cap = 0;
	lp_status s = LP_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.')
			continue;
		const char *ext = e->d_name + len - 4;
		if (strcasecmp(ext, ".ttf") != 0 && strcasecmp(ext, ".otf") != 0)
			continue;
		if ((s = LP_ARRAY_RESERVE(names, cap, n + 1, LP_ARRAY_ANY)) != LP_OK)
			break;
		names[n] = malloc(strlen(dir) + len + 2);
		if (!names[n]) {
			s = LP_ERR_NOMEM;
			break;
		}
		sprintf(names[n], "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (s == LP_OK) {
		qsort(names, n, sizeof *names, cmp_names);
		s = add_folder(db, names, n, diag);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return s;
}

void
lp_fontdb_freeze(lp_fontdb *db)
{
	db->frozen = true;
}

/* CSS-like matching: style first, then the nearest weight. The faces are
 * tried from the top database down and a later one must match strictly
 * better, so where a layout's own face and a base face of the same family
 * match equally well, the layout's wins; a base face still serves a
 * request the layout's faces match worse (its bold, when the layout
 * brought only a regular). A last-resort database (the system's fonts)
 * is looked in only when no database above has the family at all: what it
 * holds of a family the layout or the fonts folder has never changes an
 * answer. */
const lp_font *
lp_fontdb_lookup(const lp_fontdb *db, const char *family, uint16_t weight, bool italic)
{
	const lp_font *best = NULL;
	int best_score = 0;
	for (; db && !(db->last_resort && best); db = db->base) {
		for (size_t i = 0, n = count(db); i < n; i++) {
			const lp_font *f = db->fonts[i];
			if (strcasecmp(f->family, family) != 0)
				continue;
			int score = (f->m.italic == italic ? 0 : 10000) +
			            abs((int)f->m.weight - (int)weight);
			if (!best || score < best_score) {
				best = f;
				best_score = score;
			}
		}
	}
	return best;
}

size_t
lp_fontdb_count(const lp_fontdb *db)
{
	return count(db);
}

const lp_font *
lp_fontdb_font_at(const lp_fontdb *db, size_t i)
{
	return i < count(db) ? db->fonts[i] : NULL;
}

const lp_fontdb *
lp_fontdb_base(const lp_fontdb *db)
{
	return db->base;
}
