/* The raster backend's path filler (src/raster/fill.c): exact coverage,
 * the two fill rules, 1-bit decisions that keep thin stems, clipping, and
 * the edge cap. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "base/limits.h"
#include "raster/fill.h"

static lp_fill *f;
static lp_raster_mask mask;

static void
setup(void)
{
	f = lp_fill_new();
	cr_assert(ne(ptr, f, NULL));
	mask = (lp_raster_mask){0, 0, 0, 0, NULL, NULL, 0};
}

static void
teardown(void)
{
	lp_raster_mask_free(&mask);
	lp_fill_drop(f);
}

TestSuite(raster_fill, .init = setup, .fini = teardown);

/* A rectangle as four edges, clockwise on the page (y down) when cw. */
static void
rect(double x0, double y0, double x1, double y1, bool cw)
{
	if (cw) {
		lp_fill_line(f, x0, y0, x1, y0);
		lp_fill_line(f, x1, y0, x1, y1);
		lp_fill_line(f, x1, y1, x0, y1);
		lp_fill_line(f, x0, y1, x0, y0);
	} else {
		lp_fill_line(f, x0, y0, x0, y1);
		lp_fill_line(f, x0, y1, x1, y1);
		lp_fill_line(f, x1, y1, x1, y0);
		lp_fill_line(f, x1, y0, x0, y0);
	}
}

static void
render(lp_fill_rule rule, bool mono)
{
	lp_raster_mask_free(&mask);
	cr_assert(eq(int, lp_fill_mask(f, rule, mono, 0, 0, 1000, 1000, &mask), LP_OK));
}

static int
at(int32_t x, int32_t y)
{
	if (x < mask.x0 || y < mask.y0 || x >= mask.x0 + (int32_t)mask.w ||
	        y >= mask.y0 + (int32_t)mask.h)
		return 0;
	return mask.a[(size_t)(y - mask.y0) * mask.w + (size_t)(x - mask.x0)];
}

/* Covered area in pixels. */
static double
area(void)
{
	double sum = 0;
	for (size_t i = 0; i < (size_t)mask.w * mask.h; i++)
		sum += mask.a[i] / 255.0;
	return sum;
}

Test(raster_fill, square_has_exact_coverage)
{
	rect(2.5, 3.5, 12.5, 13.5, true);
	render(LP_FILL_NONZERO, false);
	cr_assert(eq(int, mask.x0, 2));
	cr_assert(eq(int, mask.y0, 3));
	cr_assert(eq(u32, mask.w, 11));
	cr_assert(eq(u32, mask.h, 11));
	cr_assert(eq(int, at(7, 8), 255), "inside");
	cr_assert(eq(int, at(2, 8), 128), "left edge: half a pixel");
	cr_assert(eq(int, at(12, 8), 128), "right edge");
	cr_assert(eq(int, at(7, 3), 128), "top edge");
	cr_assert(eq(int, at(2, 3), 64), "corner: a quarter");
	cr_assert(lt(dbl, fabs(area() - 100.0), 0.1), "area %g", area());
}

/* A circle from four cubic arcs (the usual 0.5523 control distance),
 * flattened to flatness pixels (0: the filler's own). */
static void
circle_flat(double cx, double cy, double r, double flatness, lp_fill_rule rule, bool mono)
{
	const double k = 0.5522847498 * r;
	lp_path_seg segs[] = {
	        {LP_PATH_MOVE, {(float)(cx + r), (float)cy}},
	        {LP_PATH_CUBIC, {(float)(cx + r), (float)(cy + k), (float)(cx + k), (float)(cy + r),
	                                (float)cx, (float)(cy + r)}},
	        {LP_PATH_CUBIC, {(float)(cx - k), (float)(cy + r), (float)(cx - r), (float)(cy + k),
	                                (float)(cx - r), (float)cy}},
	        {LP_PATH_CUBIC, {(float)(cx - r), (float)(cy - k), (float)(cx - k), (float)(cy - r),
	                                (float)cx, (float)(cy - r)}},
	        {LP_PATH_CUBIC, {(float)(cx + k), (float)(cy - r), (float)(cx + r), (float)(cy - k),
	                                (float)(cx + r), (float)cy}},
	        {LP_PATH_CLOSE, {0}},
	};
	lp_fill_xform id = {1, 1, 0, 0, flatness};
	lp_fill_path(f, segs, 6, &id);
	render(rule, mono);
}

static void
circle(double cx, double cy, double r, lp_fill_rule rule, bool mono)
{
	circle_flat(cx, cy, r, 0, rule, mono);
}

Test(raster_fill, circle_area_is_pi_r_squared)
{
	circle(50.3, 40.7, 20, LP_FILL_NONZERO, false);
	double want = M_PI * 400;
	/* The cubic circle is 0.03 % off a true one; coverage adds nothing. */
	cr_assert(lt(dbl, fabs(area() - want) / want, 0.002), "area %g, pi r^2 %g", area(), want);
	cr_assert(eq(int, at(50, 40), 255));
	cr_assert(eq(int, at(50, 15), 0), "outside");
}

Test(raster_fill, circle_in_one_bit_keeps_its_area)
{
	circle(50.3, 40.7, 20, LP_FILL_NONZERO, true);
	double want = M_PI * 400;
	for (size_t i = 0; i < (size_t)mask.w * mask.h; i++)
		cr_assert(mask.a[i] == 0 || mask.a[i] == 255);
	cr_assert(lt(dbl, fabs(area() - want) / want, 0.03), "area %g, pi r^2 %g", area(), want);
}

/* A flattened curve's chords cut inside it: the area lost is about
 * 2/3 x flatness x perimeter, so a coarser flatness shows in the area, and
 * stays within its bound. */
Test(raster_fill, flatness_is_how_far_the_chords_stray)
{
	const double r = 20, perimeter = 2 * M_PI * r;
	circle_flat(50.3, 40.7, r, 0, LP_FILL_NONZERO, false);
	double fine = area();
	lp_fill_reset(f);
	circle_flat(50.3, 40.7, r, LP_FILL_MONO_FLATNESS, LP_FILL_NONZERO, false);
	double coarse = area();
	double lost = fine - coarse;
	cr_assert(lt(dbl, 0.25 * LP_FILL_MONO_FLATNESS * perimeter, lost),
	        "lost %g pixels: the flatness was not used", lost);
	cr_assert(lt(dbl, lost, LP_FILL_MONO_FLATNESS * perimeter),
	        "lost %g pixels: the chords strayed further than the flatness", lost);
	cr_log_info("%g pixels lost of %g", lost, fine);
	/* In one bit, the same circle but for some pixels along its edge:
	 * those within the flatness of half coverage. */
	lp_fill_reset(f);
	circle_flat(50.3, 40.7, r, 0, LP_FILL_NONZERO, true);
	lp_raster_mask exact = mask;
	mask = (lp_raster_mask){0};
	lp_fill_reset(f);
	circle_flat(50.3, 40.7, r, LP_FILL_MONO_FLATNESS, LP_FILL_NONZERO, true);
	cr_assert(eq(u32, mask.w, exact.w));
	cr_assert(eq(u32, mask.h, exact.h));
	size_t differ = 0;
	for (size_t i = 0; i < (size_t)mask.w * mask.h; i++)
		differ += mask.a[i] != exact.a[i];
	cr_assert(lt(sz, differ, (size_t)(perimeter / 4)), "%zu pixels differ", differ);
	lp_raster_mask_free(&exact);
}

Test(raster_fill, nonzero_joins_overlaps_even_odd_cuts_them)
{
	rect(0, 0, 20, 20, true);
	rect(10, 10, 30, 30, true);
	render(LP_FILL_NONZERO, false);
	cr_assert(eq(int, at(15, 15), 255), "overlap, same direction, non-zero");
	cr_assert(eq(int, at(5, 5), 255));
	cr_assert(eq(int, at(25, 25), 255));
	render(LP_FILL_EVEN_ODD, false);
	cr_assert(eq(int, at(15, 15), 0), "overlap, even-odd");
	cr_assert(eq(int, at(5, 5), 255));
	cr_assert(eq(int, at(25, 25), 255));
	cr_assert(lt(dbl, fabs(area() - 600.0), 0.1), "area %g", area());
}

Test(raster_fill, opposite_winding_makes_a_hole_under_nonzero)
{
	rect(0, 0, 30, 30, true);
	rect(10, 10, 20, 20, false);
	render(LP_FILL_NONZERO, false);
	cr_assert(eq(int, at(15, 15), 0), "a counter (the hole of an O)");
	cr_assert(eq(int, at(5, 15), 255));
	cr_assert(lt(dbl, fabs(area() - 800.0), 0.1));
}

Test(raster_fill, hairline_stem_stays_one_pixel_in_one_bit)
{
	/* 0.6 px wide, straddling pixels 10 and 11: 0.3 of each covered, so
	 * a plain threshold would drop it. */
	rect(10.7, 2, 11.3, 22, true);
	render(LP_FILL_NONZERO, false);
	cr_assert(lt(int, at(10, 10), 128), "no pixel is half covered");
	render(LP_FILL_NONZERO, true);
	/* Along the stem one pixel a row; at its two ends the stem also looks
	 * like a short crossbar, and may keep both. */
	for (int y = 3; y < 21; y++)
		cr_assert(eq(int, at(10, y) + at(11, y), 255), "row %d: one pixel of the stem", y);
	cr_assert(ge(int, at(10, 2) + at(11, 2), 255));
	cr_assert(ge(int, at(10, 21) + at(11, 21), 255));
}

Test(raster_fill, hairline_rule_stays_one_row_in_one_bit)
{
	/* A 0.2 pt rule at 204 dpi is 0.57 px; centred on the line between
	 * rows 20 and 21, it covers 0.28 of each. */
	double s = 204.0 / 72;
	lp_fill_xform fax = {s, s, 0, 0};
	lp_fill_rule_rect(f, 1, 21.0 / s, 30, 21.0 / s, 0.2, &fax);
	render(LP_FILL_NONZERO, false);
	cr_assert(lt(int, at(40, 20), 128));
	render(LP_FILL_NONZERO, true);
	for (int x = 4; x < 80; x++)
		cr_assert(eq(int, at(x, 20) + at(x, 21), 255), "column %d: one row of the rule", x);
}

Test(raster_fill, one_bit_dot_grows_no_spur)
{
	/* A colon's dot at 8 pt on a fax: two pixels square and a faint 0.3
	 * of a row below. That row is a local maximum across, but beside a
	 * black pixel it fills no gap: kept, it made the colon a semicolon. */
	rect(10, 10, 12, 12.3, true);
	render(LP_FILL_NONZERO, true);
	cr_assert(eq(int, at(10, 11) + at(11, 11), 510), "the dot itself");
	cr_assert(eq(int, at(10, 12) + at(11, 12), 0), "no spur under it");
}

Test(raster_fill, one_bit_does_not_grow_edges)
{
	rect(2.3, 2.3, 12.3, 12.3, true);
	render(LP_FILL_NONZERO, true);
	int width = 0;
	for (int x = 0; x < 20; x++)
		width += at(x, 6) == 255;
	cr_assert(eq(int, width, 10), "a 10 px square stays 10 px wide");
}

Test(raster_fill, clip_keeps_cover_of_edges_left_of_it)
{
	rect(-50, 5, 5, 10, true);
	lp_raster_mask_free(&mask);
	cr_assert(eq(int, lp_fill_mask(f, LP_FILL_NONZERO, false, 0, 0, 100, 100, &mask), LP_OK));
	cr_assert(eq(int, mask.x0, 0));
	cr_assert(eq(u32, mask.w, 5));
	for (int x = 0; x < 5; x++)
		cr_assert(eq(int, at(x, 7), 255), "column %d", x);
	/* A diagonal edge crossing the clip's left side. */
	lp_fill_reset(f);
	lp_fill_line(f, -10, 0, 10, 20);
	lp_fill_line(f, 10, 20, 40, 20);
	lp_fill_line(f, 40, 20, 40, 0);
	lp_fill_line(f, 40, 0, -10, 0);
	render(LP_FILL_NONZERO, false);
	/* Inside the clip: the area right of x = y - 10 and x >= 0, to 40. */
	double want = 0;
	for (int y = 0; y < 20; y++)
		want += 40 - fmax(0, y + 0.5 - 10);
	cr_assert(lt(dbl, fabs(area() - want), 0.1), "area %g want %g", area(), want);
}

Test(raster_fill, edges_past_the_cap_are_a_limit_error)
{
	for (uint32_t i = 0; i <= LP_MAX_RASTER_EDGES; i++)
		lp_fill_line(f, 0, 0, 1, 1);
	cr_assert(eq(
	        int, lp_fill_mask(f, LP_FILL_NONZERO, false, 0, 0, 10, 10, &mask), LP_ERR_LIMIT));
	lp_fill_reset(f);
	rect(0, 0, 2, 2, true);
	render(LP_FILL_NONZERO, false);
	cr_assert(lt(dbl, fabs(area() - 4), 0.01), "reset clears the error");
}

Test(raster_fill, work_past_the_cap_is_a_limit_error)
{
	/* 40,000 edges each crossing 2,000 rows: 80 million steps. */
	for (int i = 0; i < 20000; i++) {
		lp_fill_line(f, i % 100, 0, i % 100, 2000);
		lp_fill_line(f, i % 100 + 0.5, 2000, i % 100 + 0.5, 0);
	}
	cr_assert(eq(int, lp_fill_mask(f, LP_FILL_NONZERO, false, 0, 0, 1000, 3000, &mask),
	        LP_ERR_LIMIT));
	/* The same cut to 100 rows is cheap, and filled. */
	cr_assert(eq(int, lp_fill_mask(f, LP_FILL_NONZERO, false, 0, 0, 1000, 100, &mask), LP_OK));
	cr_assert(eq(u32, mask.h, 100));
}

Test(raster_fill, masks_past_a_page_are_a_limit_error)
{
	/* A square of 9,000 pixels a side with no clip (as a glyph is made):
	 * 81 million pixels from four edges, past a page's most; asked of
	 * before, it was allocated and filled. */
	rect(0, 0, 9000, 9000, true);
	cr_assert(eq(int,
	        lp_fill_mask(f, LP_FILL_NONZERO, true, INT32_MIN / 2, INT32_MIN / 2, INT32_MAX / 2,
	                INT32_MAX / 2, &mask),
	        LP_ERR_LIMIT));
	cr_assert(eq(ptr, mask.a, NULL));
	/* Cut to a page, the same square is filled. */
	render(LP_FILL_NONZERO, true);
	cr_assert(eq(u32, mask.w, 1000));
	cr_assert(eq(u32, mask.h, 1000));
}

Test(raster_fill, mask_words_are_made_once)
{
	/* Asked again, a mask keeps the words it has (it made new ones, and
	 * lost the first to a leak). */
	rect(0, 0, 20, 10, true);
	render(LP_FILL_NONZERO, true);
	const uint64_t *words = mask.words;
	cr_assert(ne(ptr, (void *)words, NULL));
	cr_assert(eq(int, lp_raster_mask_words(&mask), LP_OK));
	cr_assert(eq(ptr, (void *)mask.words, (void *)words));
}

Test(raster_fill, strokes_cover_their_width_and_join_round)
{
	/* An L of two 20 px legs, 2 px wide: two 20x2 rectangles less their
	 * shared square, plus a quarter disc at the outer corner. */
	lp_path_seg segs[] = {
	        {LP_PATH_MOVE, {10, 10}}, {LP_PATH_LINE, {30, 10}}, {LP_PATH_LINE, {30, 30}}};
	lp_fill_xform id = {1, 1, 0, 0};
	lp_fill_stroke(f, segs, 3, &id, 2);
	render(LP_FILL_NONZERO, false);
	double want = 20 * 2 + 20 * 2 - 1 * 1 + M_PI / 4; /* legs, overlap, round outer corner */
	cr_assert(lt(dbl, fabs(area() - want), 0.6), "area %g want %g", area(), want);
	cr_assert(eq(int, at(20, 9), 255), "the first leg, above the centre line");
	cr_assert(eq(int, at(20, 11), 0), "only a pixel below it");
	cr_assert(eq(int, at(30, 20), 255), "the second leg");
}

Test(raster_fill, wide_strokes_join_round_at_every_radius)
{
	/* The L again, 300 px legs, at half-widths r from 40 to 80 px: a join
	 * is a polygon of 8 + r sides up to 64 (a radius of 57 to 64 pixels
	 * once asked for more sides than the polygon's array had, and wrote
	 * past it). Its outer corner is a quarter of that polygon. */
	lp_path_seg segs[] = {
	        {LP_PATH_MOVE, {100, 100}}, {LP_PATH_LINE, {400, 100}}, {LP_PATH_LINE, {400, 400}}};
	lp_fill_xform id = {1, 1, 0, 0};
	for (double r = 40; r <= 80; r += 0.75) {
		lp_fill_reset(f);
		lp_fill_stroke(f, segs, 3, &id, 2 * r);
		render(LP_FILL_NONZERO, false);
		double sides = r < 56 ? floor(8 + r) : 64;
		double corner = sides / 2 * r * r * sin(2 * M_PI / sides) / 4;
		double want = 2 * 300 * 2 * r - r * r + corner;
		/* Within a hundredth of the corner: k sides do not fall on
		 * the axes, so its quarter is not quite a quarter. */
		cr_assert(lt(dbl, fabs(area() - want), 1 + corner / 100), "r %g: area %g want %g",
		        r, area(), want);
	}
}

Test(raster_fill, open_subpaths_are_closed_by_the_fill)
{
	lp_path_seg segs[] = {{LP_PATH_MOVE, {0, 0}}, {LP_PATH_LINE, {10, 0}},
	        {LP_PATH_LINE, {10, 10}}, {LP_PATH_LINE, {0, 10}}, {LP_PATH_MOVE, {20, 0}},
	        {LP_PATH_LINE, {30, 0}}, {LP_PATH_LINE, {30, 10}}};
	lp_fill_xform id = {1, 1, 0, 0};
	lp_fill_path(f, segs, 7, &id);
	render(LP_FILL_NONZERO, false);
	cr_assert(lt(dbl, fabs(area() - (100 + 50)), 0.1), "a square and a triangle: %g", area());
}

/* The area of polygon p (n corners) cut to the rectangle [0, w) x [0, h),
 * by cutting it at each side in turn (Sutherland and Hodgman). */
static double
clipped_area(const double (*p)[2], int n, double w, double h)
{
	double a[16][2], b[16][2];
	for (int i = 0; i < n; i++)
		a[i][0] = p[i][0], a[i][1] = p[i][1];
	const double side[4][3] = {{1, 0, 0}, {-1, 0, -w}, {0, 1, 0}, {0, -1, -h}};
	for (int s = 0; s < 4; s++) {
		int m = 0;
		for (int i = 0; i < n; i++) {
			const double *c = a[i], *d = a[(i + 1) % n];
			double dc = side[s][0] * c[0] + side[s][1] * c[1] - side[s][2];
			double dd = side[s][0] * d[0] + side[s][1] * d[1] - side[s][2];
			if (dc >= 0)
				b[m][0] = c[0], b[m][1] = c[1], m++;
			if ((dc >= 0) != (dd >= 0)) {
				double t = dc / (dc - dd);
				b[m][0] = c[0] + t * (d[0] - c[0]),
				b[m][1] = c[1] + t * (d[1] - c[1]), m++;
			}
		}
		for (int i = 0; i < m; i++)
			a[i][0] = b[i][0], a[i][1] = b[i][1];
		n = m;
	}
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += a[i][0] * a[(i + 1) % n][1] - a[(i + 1) % n][0] * a[i][1];
	return fabs(sum) / 2;
}

/* Long edges cut by the clip's sides: stepped down the rows, an edge that
 * ends on the left side drifted to -1e-14 and put its cover before the
 * accumulators, corrupting the heap (a fax watermark's outline did:
 * fuzz/reproducers/fax/watermark-edge-drifts-left-of-the-mask.md). Under
 * AddressSanitizer any write outside them stops the test; every build
 * checks that the cut shapes keep their areas. */
Test(raster_fill, shapes_cut_by_the_clip_keep_their_area)
{
	uint64_t seed = 12345;
	for (int k = 0; k < 400; k++) {
		double p[3][2];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 2; j++) {
				seed = seed * 6364136223846793005u + 1442695040888963407u;
				double r = (double)(seed >> 11) / 9007199254740992.0; /* [0, 1) */
				p[i][j] = j == 0 ? -300 + r * 900 : r * 600;
			}
		lp_fill_reset(f);
		lp_fill_line(f, p[0][0], p[0][1], p[1][0], p[1][1]);
		lp_fill_line(f, p[1][0], p[1][1], p[2][0], p[2][1]);
		lp_fill_line(f, p[2][0], p[2][1], p[0][0], p[0][1]);
		lp_raster_mask_free(&mask);
		cr_assert(eq(int, lp_fill_mask(f, LP_FILL_NONZERO, false, 0, 0, 300, 600, &mask),
		        LP_OK));
		double want = clipped_area((const double(*)[2])p, 3, 300, 600);
		cr_assert(lt(dbl, fabs(area() - want), 0.5 + want * 1e-3),
		        "shape %d: area %g, want %g", k, area(), want);
	}
}
