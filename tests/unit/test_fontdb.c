#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

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

Test(fontdb, loads_the_eight_default_faces)
{
	cr_assert(eq(sz, lp_fontdb_count(db), 8));
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
	cr_assert(gt(i32, m->cap_height, 600));
	cr_assert(lt(i32, m->descender, 0));
	cr_assert(gt(i32, m->space_advance, 0));
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
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "junk.ttf", "not a font at all", 17, diag), LP_ERR_FONT));
	const lp_font *f = lp_fontdb_lookup(db, "Noto Serif", 400, false);
	size_t size;
	const uint8_t *data = lp_font_data(f, &size);
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "half.ttf", data, size / 50, diag), LP_ERR_FONT));
	cr_assert(eq(sz, lp_fontdb_count(d2), 0));
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, 0)->file, "junk.ttf"));
	lp_fontdb_freeze(d2);
	cr_assert(eq(int, lp_fontdb_add_memory(d2, "late.ttf", data, size, diag), LP_ERR_USAGE));
	lp_diag_drop(diag);
	lp_fontdb_drop(d2);
}
