/* The filler's sort of a shape's edges (src/raster/fill_sort.c): by their
 * tops, equal tops in the order they came, whether it sorts a row at a
 * time (a shape of a few rows) or merges (many rows, or a crowded row). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "raster/fill_internal.h"

TestSuite(fill_sort);

static uint32_t rng = 2024;
static uint32_t
next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* n edges whose tops are multiples of a quarter (so many are equal) in
 * [lo, hi); x0 holds each edge's first position, to see the order of
 * equal tops. */
static lp_fill_edge *
edges_of(size_t n, float lo, float hi)
{
	lp_fill_edge *e = calloc(n, sizeof *e);
	cr_assert(ne(ptr, e, NULL));
	uint32_t quarters = (uint32_t)((hi - lo) * 4);
	for (size_t i = 0; i < n; i++) {
		float top = lo + (float)(next_rand() % quarters) / 4;
		e[i] = (lp_fill_edge){(float)i, top, 0, top + 1, 1};
	}
	return e;
}

/* Sorts n edges both ways: the filler's, and an insertion sort that
 * moves an edge only past greater tops; the two must agree. */
static void
same_as_stable_insertion(lp_fill_edge *e, size_t n, double oy, uint32_t rows, const char *what)
{
	lp_fill_edge *want = malloc(n * sizeof *want), *tmp = malloc(n * sizeof *tmp);
	cr_assert(ne(ptr, want, NULL));
	cr_assert(ne(ptr, tmp, NULL));
	memcpy(want, e, n * sizeof *e);
	for (size_t i = 1; i < n; i++) {
		lp_fill_edge v = want[i];
		size_t j = i;
		for (; j > 0 && want[j - 1].y0 > v.y0; j--)
			want[j] = want[j - 1];
		want[j] = v;
	}
	lp_fill_sort_edges(e, n, tmp, oy, rows);
	for (size_t i = 0; i < n; i++) {
		cr_assert(eq(flt, e[i].y0, want[i].y0), "%s: top of edge %zu", what, i);
		cr_assert(eq(flt, e[i].x0, want[i].x0),
		        "%s: edge %zu is the wrong one of equal tops", what, i);
	}
	free(want);
	free(tmp);
}

Test(fill_sort, a_few_rows_sort_a_row_at_a_time_and_stably)
{
	/* 40 rows, 150 edges: about 4 a row, sorted by row. */
	lp_fill_edge *e = edges_of(150, 100, 140);
	same_as_stable_insertion(e, 150, 100, 40, "40 rows");
	free(e);
}

Test(fill_sort, tops_outside_the_mask_come_first_or_last)
{
	/* A clipped shape: tops above the mask's first row and below its
	 * last are sorted with the first and last rows (60 edges: under
	 * LP_FILL_SORT_PER_ROW in those rows too, so sorted a row at a
	 * time). */
	lp_fill_edge *e = edges_of(60, -6, 30);
	same_as_stable_insertion(e, 60, 0, 20, "tops outside");
	free(e);
}

Test(fill_sort, a_crowded_row_or_many_rows_merge)
{
	/* 200 tops in 2 rows (over the per-row bound), and 3000 edges over
	 * 2000 rows (over the rows bound): the merge sort. */
	lp_fill_edge *e = edges_of(200, 0, 2);
	same_as_stable_insertion(e, 200, 0, 2, "crowded row");
	free(e);
	e = edges_of(3000, 0, 2000);
	same_as_stable_insertion(e, 3000, 0, 2000, "many rows");
	free(e);
}
