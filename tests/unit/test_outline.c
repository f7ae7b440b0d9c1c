#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "font/outline.h"
#include "test-config.h"

static lp_fontdb *db;
static const lp_font *serif;
static lp_arena *arena;

static void
setup(void)
{
	db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	lp_fontdb_freeze(db);
	serif = lp_fontdb_font_at(db, 0);
	arena = lp_arena_new(0);
}

static void
teardown(void)
{
	lp_arena_drop(arena);
	lp_fontdb_drop(db);
}

TestSuite(outline, .init = setup, .fini = teardown);

/* The bounding box of every point of the segments. */
static void
bounds(const lp_path_seg *s, uint32_t n, float box[4])
{
	box[0] = box[1] = INFINITY;
	box[2] = box[3] = -INFINITY;
	for (uint32_t i = 0; i < n; i++) {
		int pts = s[i].op == LP_PATH_CUBIC ? 3 : s[i].op == LP_PATH_CLOSE ? 0 : 1;
		for (int k = 0; k < pts; k++) {
			box[0] = fminf(box[0], s[i].pt[2 * k]);
			box[1] = fminf(box[1], s[i].pt[2 * k + 1]);
			box[2] = fmaxf(box[2], s[i].pt[2 * k]);
			box[3] = fmaxf(box[3], s[i].pt[2 * k + 1]);
		}
	}
}

Test(outline, a_letter_becomes_closed_curves_on_its_baseline)
{
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	uint32_t gid = lp_font_glyph(serif, 0x041E); /* О */
	cr_assert(eq(int,
	        lp_font_glyph_outline(serif, gid, 100, 50, 200, NULL, arena, &segs, &n, &cap),
	        LP_OK));
	cr_assert(lt(u32, 4, n));
	cr_assert(eq(int, segs[0].op, LP_PATH_MOVE));
	cr_assert(eq(int, segs[n - 1].op, LP_PATH_CLOSE));
	int cubics = 0;
	for (uint32_t i = 0; i < n; i++)
		cubics += segs[i].op == LP_PATH_CUBIC;
	cr_assert(lt(int, 3, cubics)); /* TrueType's quadratics came out as cubics */
	float box[4];
	bounds(segs, n, box);
	/* A capital sits on the baseline (y 200, y down) and rises ~0.7 em. */
	cr_assert(lt(flt, box[3], 202.0f));
	cr_assert(lt(flt, 195.0f, box[3]));
	cr_assert(lt(flt, box[1], 135.0f));
	cr_assert(lt(flt, 50.0f, box[0]));
}

Test(outline, a_quarter_turn_stands_the_letter_up)
{
	lp_path_seg *a = NULL, *b = NULL;
	uint32_t na = 0, ca = 0, nb = 0, cb = 0;
	uint32_t gid = lp_font_glyph(serif, 0x2014); /* an em dash: wide, flat */
	cr_assert(eq(int, lp_font_glyph_outline(serif, gid, 100, 0, 0, NULL, arena, &a, &na, &ca),
	        LP_OK));
	lp_outline_turn turn = {90, 0, 0};
	cr_assert(eq(int, lp_font_glyph_outline(serif, gid, 100, 0, 0, &turn, arena, &b, &nb, &cb),
	        LP_OK));
	float flat[4], up[4];
	bounds(a, na, flat);
	bounds(b, nb, up);
	cr_assert(lt(flt, 5 * (flat[3] - flat[1]), flat[2] - flat[0]));
	cr_assert(lt(flt, 5 * (up[2] - up[0]), up[3] - up[1]));
	/* counter-clockwise on the page: the dash now rises from the pivot */
	cr_assert(lt(flt, up[1], -50.0f));
}

Test(outline, a_space_has_no_outline)
{
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	cr_assert(eq(int,
	        lp_font_glyph_outline(
	                serif, lp_font_glyph(serif, ' '), 12, 0, 0, NULL, arena, &segs, &n, &cap),
	        LP_OK));
	cr_assert(eq(u32, n, 0));
}
