/* A table's column widths (src/pipeline/table.c), as browsers' automatic
 * table layout gives them for a table as wide as the measure; a row's
 * height and where a page may cut it (src/pipeline/tablerow.c). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "pipeline/table_internal.h"

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

/* A row of cells of n[c] lines each (10 pt leading, 2 pt pad), lines
 * ending at a space unless hyph[c] says which ends inside a word. */
static lp_layout row_layout = {.widows = 2, .orphans = 2};
static lp_line row_lines[3][64];
static lp_par_lines row_pl[3];
static lp_set_par row_par[3];
static lp_set_cell row_cells[3];
static uint32_t row_nodes[4];

static struct lp_set_row
make_row(const uint32_t *n, uint32_t n_cells, int hyph_cell, uint32_t hyph_line)
{
	for (uint32_t c = 0; c < n_cells; c++) {
		for (uint32_t l = 0; l < n[c]; l++)
			row_lines[c][l] = (lp_line){.start = 10 * l, .end = 10 * l + 9};
		if ((int)c == hyph_cell)
			row_lines[c][hyph_line].hyphenated = true;
		row_pl[c] = (lp_par_lines){row_lines[c], n[c]};
		row_par[c] = (lp_set_par){.lines = &row_pl[c], .leading_pt = 10};
		row_cells[c] = (lp_set_cell){.par = n[c] ? &row_par[c] : NULL, .w_pt = 100};
	}
	return (struct lp_set_row){NULL, row_cells, n_cells, false, 2, 8, 10, row_nodes};
}

static lp_job *
row_job(void)
{
	static lp_job job;
	job = (lp_job){.layout = &row_layout, .arena = lp_arena_new(4096)};
	cr_assert(ne(ptr, job.arena, NULL));
	return &job;
}

/* A row is as tall as its longest cell and its pads; a page may cut it
 * between two lines, where every cell keeps two lines (the layout's
 * orphans and widows) on either side or has ended, and no word is split;
 * the cuts are heights in the row's box. */
Test(table, a_row_may_be_cut_between_lines_its_cells_keep_together)
{
	lp_job *job = row_job();
	uint32_t n[] = {3, 40};
	struct lp_set_row row = make_row(n, 2, 1, 20); /* line 21 of cell 2 hyphenated */
	lp_flow_block fb = {0};
	cr_assert(eq(int, lp_table_row_shape(job, &row, &fb), LP_OK));
	cr_assert(eq(flt, fb.height_pt, 2 * 2 + 40 * 10));
	cr_assert(eq(flt, fb.cut_pad_pt, 2));
	cr_assert(eq(u32, fb.n_cuts, 39));
	for (uint32_t k = 0; k < fb.n_cuts; k++) {
		uint32_t above = k + 1; /* lines above cut k */
		cr_assert(eq(flt, fb.cuts[k], 2 + 10.0f * (float)above));
		/* Cell 1 (3 lines) leaves one line either side after 1 or 2;
		 * cell 2 keeps two at its start and end; line 21 ends in a
		 * word. */
		bool ok = above >= 3 && above <= 38 && above != 21;
		cr_assert(eq(int, fb.cut_ok[k], ok), "cut after %u lines", above);
	}
	lp_arena_drop(job->arena);
}

/* A row of one line each has no cut: it is never taller than a line. */
Test(table, a_row_of_one_line_has_no_cut)
{
	lp_job *job = row_job();
	uint32_t n[] = {1, 0, 1};
	struct lp_set_row row = make_row(n, 3, -1, 0);
	lp_flow_block fb = {0};
	cr_assert(eq(int, lp_table_row_shape(job, &row, &fb), LP_OK));
	cr_assert(eq(flt, fb.height_pt, 2 * 2 + 10));
	cr_assert(eq(u32, fb.n_cuts, 0));
	lp_arena_drop(job->arena);
}

/* A picture under a cell's two lines (2 pt apart, 50 pt tall) beside a
 * cell of 12 lines: the row is as tall as the longer, and no cut goes
 * through the picture (nor through a line at its top). */
Test(table, a_row_is_never_cut_through_a_picture)
{
	lp_job *job = row_job();
	uint32_t n[] = {2, 12};
	struct lp_set_row row = make_row(n, 2, -1, 0);
	lp_cell_picture pic = {.nat_w_pt = 200, .nat_h_pt = 100};
	row_cells[0].pics = &pic;
	row_cells[0].n_pics = 1;
	lp_table_place_pictures(&row_cells[0], 10, 2, INFINITY);
	cr_assert(eq(flt, pic.w_pt, 100)); /* the cell's width */
	cr_assert(eq(flt, pic.h_pt, 50));
	cr_assert(eq(flt, pic.top_pt, 22));
	lp_flow_block fb = {0};
	cr_assert(eq(int, lp_table_row_shape(job, &row, &fb), LP_OK));
	cr_assert(eq(flt, fb.height_pt, 2 * 2 + 120));
	float want[] = {10, 20, 80, 90, 100, 110};
	cr_assert(eq(u32, fb.n_cuts, 6));
	for (uint32_t k = 0; k < 6; k++)
		cr_assert(eq(flt, fb.cuts[k], 2 + want[k]), "cut %u at %f", k, (double)fb.cuts[k]);
	/* A picture made shorter (a page's height) moves nothing above it. */
	lp_table_place_pictures(&row_cells[0], 10, 2, 20);
	cr_assert(eq(flt, pic.h_pt, 20));
	cr_assert(eq(flt, pic.w_pt, 40));
	row_cells[0].pics = NULL;
	row_cells[0].n_pics = 0;
	lp_arena_drop(job->arena);
}
