/* A table's column widths (src/pipeline/table.c), as browsers' automatic
 * table layout gives them for a table as wide as the measure. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "pipeline/pipeline.h"

static void
widths(const float *min, const float *max, uint32_t n, float avail, float *w, bool fit)
{
	cr_assert(eq(int, lp_table_widths(min, max, n, avail, w), fit));
	float sum = 0;
	for (uint32_t c = 0; c < n; c++)
		sum += w[c];
	cr_assert(ieee_ulp_eq(flt, sum, avail, 64), "%f", (double)sum);
}

/* Maxima that fit: each column its max, the rest in proportion to it. */
Test(table, maxima_that_fit_share_the_rest_by_their_max)
{
	float min[] = {10, 20, 5}, max[] = {40, 100, 60}, w[3];
	widths(min, max, 3, 400, w, true);
	cr_assert(ieee_ulp_eq(flt, w[0], 80, 8));
	cr_assert(ieee_ulp_eq(flt, w[1], 200, 8));
	cr_assert(ieee_ulp_eq(flt, w[2], 120, 8));
}

/* Maxima too wide: each its min, the rest by max - min. */
Test(table, minima_that_fit_share_the_rest_by_max_minus_min)
{
	float min[] = {30, 50, 20}, max[] = {80, 350, 120}, w[3];
	widths(min, max, 3, 200, w, true);
	cr_assert(ieee_ulp_eq(flt, w[0], 30 + 100 * 50.0f / 450, 8));
	cr_assert(ieee_ulp_eq(flt, w[1], 50 + 100 * 300.0f / 450, 8));
	cr_assert(ieee_ulp_eq(flt, w[2], 20 + 100 * 100.0f / 450, 8));
}

/* A column whose max is within an even share keeps it whole. */
Test(table, a_short_column_keeps_its_max)
{
	float min[] = {20, 50, 20}, max[] = {40, 350, 120}, w[3];
	widths(min, max, 3, 200, w, true);
	cr_assert(ieee_ulp_eq(flt, w[0], 40, 8));
	cr_assert(ieee_ulp_eq(flt, w[1], 50 + 90 * 300.0f / 400, 8));
	cr_assert(ieee_ulp_eq(flt, w[2], 20 + 90 * 100.0f / 400, 8));
}

/* Minima too wide: narrow columns keep theirs, the wide ones share the
 * rest by their min, and false. */
Test(table, minima_too_wide_are_squeezed_and_said)
{
	float min[] = {20, 300, 30, 100}, max[] = {20, 600, 40, 200}, w[4];
	widths(min, max, 4, 200, w, false);
	cr_assert(ieee_ulp_eq(flt, w[0], 20, 8));
	cr_assert(ieee_ulp_eq(flt, w[1], 150 * 300.0f / 400, 8));
	cr_assert(ieee_ulp_eq(flt, w[2], 30, 8));
	cr_assert(ieee_ulp_eq(flt, w[3], 150 * 100.0f / 400, 8));
}

/* Empty columns (no width at all) share the measure evenly. */
Test(table, empty_columns_share_the_measure)
{
	float min[] = {0, 0, 0, 0}, max[] = {0, 0, 0, 0}, w[4];
	widths(min, max, 4, 100, w, true);
	for (int c = 0; c < 4; c++)
		cr_assert(ieee_ulp_eq(flt, w[c], 25, 8));
}
