#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "font/fontdb.h"
#include "test-config.h"

static lp_fontdb *db;

static void
load(void)
{
	db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(db, LP_TEST_FONTS_DIR, NULL), LP_OK));
	lp_fontdb_freeze(db);
}

static void
unload(void)
{
	lp_fontdb_drop(db);
}

TestSuite(fontdb, .init = load, .fini = unload);

Test(fontdb, loads_the_twelve_default_faces)
{
	/* Noto Serif and Noto Sans in four styles, Noto Sans Mono and DejaVu
	 * Sans in two. */
	cr_assert(eq(sz, lp_fontdb_count(db), 12));
}

Test(fontdb, lookup_matches_style_then_nearest_weight)
{
	const lp_font *f = lp_fontdb_lookup(db, "noto serif", 700, true);
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_assert(eq(str, (char *)lp_font_postscript_name(f), "NotoSerif-BoldItalic"));
	f = lp_fontdb_lookup(db, "Noto Sans", 500, false);
	cr_assert(eq(str, (char *)lp_font_postscript_name(f), "NotoSans-Regular"));
	cr_assert(eq(ptr, (void *)lp_fontdb_lookup(db, "Comic Sans", 400, false), NULL));
}

Test(fontdb, metrics_and_cyrillic_coverage)
{
	const lp_font *f = lp_fontdb_lookup(db, "Noto Serif", 400, false);
	const lp_font_metrics *m = lp_font_metrics_of(f);
	cr_assert(eq(u32, m->units_per_em, 1000));
	cr_assert(lt(i32, 600, m->cap_height));
	cr_assert(lt(i32, m->descender, 0));
	cr_assert(lt(i32, 0, m->space_advance));
	cr_assert(lp_font_has_codepoint(f, 0x0452)); /* ђ */
	cr_assert(lp_font_has_codepoint(f, 0x040B)); /* Ћ */
	cr_assert(not(lp_font_is_cff(f)));
	char name[64];
	uint32_t gid = lp_font_glyph(f, 0x0431);
	cr_assert(eq(str, (char *)lp_font_glyph_name(f, gid, name, sizeof name), "uni0431"));
}

Test(fontdb, garbage_and_truncated_fonts_are_rejected_with_their_name)
{
	lp_fontdb *d2 = lp_fontdb_new();
	lp_diag *diag = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "junk.ttf", "not a font at all", 17, diag),
	        LP_ERR_FONT));
	const lp_font *f = lp_fontdb_lookup(db, "Noto Serif", 400, false);
	size_t size;
	const uint8_t *data = lp_font_data(f, &size);
	cr_assert(
	        eq(int, lp_fontdb_add_memory(d2, "half.ttf", data, size / 50, diag), LP_ERR_FONT));
	cr_assert(eq(sz, lp_fontdb_count(d2), 0));
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, 0)->file, "junk.ttf"));
	lp_fontdb_freeze(d2);
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "late.ttf", data, size, diag), LP_ERR_USAGE));
	lp_diag_drop(diag);
	lp_fontdb_drop(d2);
}

/* The font file is read, not mapped: truncating it while the database
 * lives must not fault (a mapping would raise SIGBUS on the next touch). */
Test(fontdb, font_bytes_survive_the_file_being_rewritten)
{
	char dir[] = "/tmp/lp-fontdb-XXXXXX", path[64], cmd[256];
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
	snprintf(path, sizeof path, "%s/f.ttf", dir);
	snprintf(cmd, sizeof cmd, "cp " LP_TEST_FONTS_DIR "/NotoSans-Regular.ttf %s", path);
	cr_assert(eq(int, system(cmd), 0));
	lp_fontdb *d2 = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(d2, path, NULL), LP_OK));
	cr_assert(eq(int, truncate(path, 0), 0));
	size_t size;
	const uint8_t *data = lp_font_data(lp_fontdb_font_at(d2, 0), &size);
	cr_assert(lt(sz, 100000, size));
	unsigned sum = 0;
	for (size_t i = 0; i < size; i++)
		sum += data[i];
	cr_assert(lt(u32, 0, sum));
	cr_assert(ne(u32, lp_font_glyph(lp_fontdb_font_at(d2, 0), 0x0416), 0));
	lp_fontdb_drop(d2);
	unlink(path);
	rmdir(dir);
}

/* The same for a folder's fonts, which are read into one mapping the
 * database holds: a file truncated after must not touch their bytes; and a
 * font in the folder that cannot be read as one is reported by its name. */
Test(fontdb, a_folders_fonts_survive_their_files_being_rewritten)
{
	char dir[] = "/tmp/lp-fontdb-XXXXXX", cmd[256], path[64];
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
	snprintf(cmd, sizeof cmd,
	        "cp " LP_TEST_FONTS_DIR "/NotoSans-Regular.ttf " LP_TEST_FONTS_DIR
	        "/NotoSerif-Bold.ttf %s",
	        dir);
	cr_assert(eq(int, system(cmd), 0));
	lp_fontdb *d2 = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(d2, dir, NULL), LP_OK));
	cr_assert(eq(sz, lp_fontdb_count(d2), 2));
	for (size_t k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/%s", dir,
		        k ? "NotoSerif-Bold.ttf" : "NotoSans-Regular.ttf");
		cr_assert(eq(int, truncate(path, 0), 0));
	}
	const lp_font *sans = lp_fontdb_lookup(d2, "Noto Sans", 400, false);
	const lp_font *serif = lp_fontdb_lookup(d2, "Noto Serif", 700, false);
	cr_assert(ne(ptr, (void *)sans, NULL));
	cr_assert(ne(ptr, (void *)serif, NULL));
	cr_assert(eq(str, (char *)lp_font_postscript_name(serif), "NotoSerif-Bold"));
	cr_assert(ne(u32, lp_font_glyph(sans, 0x0416), 0));
	cr_assert(ne(u32, lp_font_glyph(serif, 0x0416), 0));
	size_t size;
	const uint8_t *data = lp_font_data(serif, &size);
	cr_assert(lt(sz, 100000, size));
	cr_assert(eq(int, memcmp(data, "\0\1\0\0", 4), 0)); /* TrueType, intact */
	lp_fontdb_drop(d2);
	/* Emptied, they are fonts no more: the first is named. */
	lp_diag *diag = lp_diag_new(NULL, NULL);
	d2 = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(d2, dir, diag), LP_ERR_FONT));
	snprintf(path, sizeof path, "%s/NotoSans-Regular.ttf", dir);
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, 0)->file, path));
	lp_fontdb_drop(d2);
	lp_diag_drop(diag);
	snprintf(cmd, sizeof cmd, "rm -r %s", dir);
	cr_assert(eq(int, system(cmd), 0));
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8),
	p[3] = (uint8_t)v;
}

/* A copy of font with one more table, a minimal 'fvar' (no axes): the
 * table directory grows by one record (kept sorted by tag), every table
 * moves 16 bytes on, and the new table goes at the end. malloc'd. */
static uint8_t *
with_fvar(const uint8_t *font, size_t size, size_t *out_size)
{
	uint16_t n = (uint16_t)(font[4] << 8 | font[5]);
	size_t dir_end = 12 + 16u * n, fvar_at = size + 16 + (4 - (size + 16) % 4) % 4;
	static const uint8_t fvar[16] = {0, 1, 0, 0, 0, 16, 0, 2, 0, 0, 0, 20, 0, 0, 0, 4};
	*out_size = fvar_at + sizeof fvar;
	uint8_t *out = calloc(1, *out_size);
	cr_assert(out != NULL);
	memcpy(out, font, 12);
	out[4] = (uint8_t)((n + 1) >> 8), out[5] = (uint8_t)(n + 1);
	uint8_t *rec = out + 12;
	bool placed = false;
	for (uint16_t i = 0; i < n; i++) {
		const uint8_t *r = font + 12 + 16u * i;
		if (!placed && memcmp(r, "fvar", 4) > 0) {
			memcpy(rec, "fvar", 4);
			put32(rec + 8, (uint32_t)fvar_at);
			put32(rec + 12, sizeof fvar);
			rec += 16;
			placed = true;
		}
		memcpy(rec, r, 16);
		put32(rec + 8, be32(r + 8) + 16);
		rec += 16;
	}
	if (!placed) {
		memcpy(rec, "fvar", 4);
		put32(rec + 8, (uint32_t)fvar_at);
		put32(rec + 12, sizeof fvar);
	}
	memcpy(out + dir_end + 16, font + dir_end, size - dir_end);
	memcpy(out + fvar_at, fvar, sizeof fvar);
	return out;
}

Test(fontdb, variable_fonts_are_refused_naming_the_file)
{
	size_t size, var_size;
	const uint8_t *data = lp_font_data(lp_fontdb_lookup(db, "Noto Sans", 400, false), &size);
	uint8_t *var = with_fvar(data, size, &var_size);
	lp_fontdb *d2 = lp_fontdb_new();
	lp_diag *diag = lp_diag_new(NULL, NULL);
	/* The same bytes without the fvar record load: only fvar differs. */
	uint8_t *plain = malloc(var_size);
	memcpy(plain, var, var_size);
	for (size_t i = 12; i < 12 + 16u * (size_t)(plain[4] << 8 | plain[5]); i += 16)
		if (memcmp(plain + i, "fvar", 4) == 0)
			memcpy(plain + i, "fvaq", 4); /* an unknown table, ignored */
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "plain.ttf", plain, var_size, diag), LP_OK));
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "var.ttf", var, var_size, diag), LP_ERR_FONT));
	cr_assert(eq(sz, lp_fontdb_count(d2), 1));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_assert(eq(str, (char *)e->file, "var.ttf"));
	cr_assert(ne(ptr, strstr(e->message, "variable font"), NULL), "%s", e->message);
	free(plain);
	free(var);
	lp_diag_drop(diag);
	lp_fontdb_drop(d2);
}

/* The system layer (lp_fontdb_new_last_resort()) answers only for a family
 * no database above has: its bold of a family the fonts folder has never
 * wins over the folder's regular. */
Test(fontdb, last_resort_answers_only_unknown_families)
{
	lp_fontdb *system = lp_fontdb_new_last_resort();
	cr_assert(eq(int,
	        lp_fontdb_add_file(system, LP_TEST_FONTS_DIR "/DejaVuSans-Bold.ttf", NULL), LP_OK));
	cr_assert(eq(int, lp_fontdb_add_file(system, LP_TEST_FONTS_DIR "/NotoSans-Bold.ttf", NULL),
	        LP_OK));
	lp_fontdb *base = lp_fontdb_new_over(system);
	cr_assert(eq(
	        int, lp_fontdb_add_file(base, LP_TEST_FONTS_DIR "/DejaVuSans.ttf", NULL), LP_OK));
	lp_fontdb_freeze(base);

	const lp_font *f = lp_fontdb_lookup(base, "DejaVu Sans", 700, false);
	cr_assert(eq(str, (char *)lp_font_postscript_name(f), "DejaVuSans"));
	f = lp_fontdb_lookup(base, "Noto Sans", 700, false);
	cr_assert(eq(str, (char *)lp_font_postscript_name(f), "NotoSans-Bold"));
	cr_assert(eq(str, (char *)lp_font_style_name(f), "Bold"));
	cr_assert(eq(ptr, (void *)lp_fontdb_base(base), system));
	lp_fontdb_drop(base);
	lp_fontdb_drop(system);
}
