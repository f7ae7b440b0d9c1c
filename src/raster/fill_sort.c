/*
 * The filler's sort of a shape's edges by their top; see fill_internal.h.
 * The order matters: it is the order their areas are summed in, so the
 * same shape always gets the same coverage.
 */
#include "raster/fill_internal.h"

#include <string.h>

typedef lp_fill_edge edge;

/* Sorts edges by their top, keeping the order of equal ones (the order
 * their areas are summed in, so the same shape always gets the same
 * coverage): insertion into runs of 16, then merging runs through tmp. */
static void
sort_edges(edge *e, size_t n, edge *tmp)
{
	const size_t run = 16;
	for (size_t lo = 0; lo < n; lo += run) {
		size_t hi = lo + run < n ? lo + run : n;
		for (size_t i = lo + 1; i < hi; i++) {
			edge v = e[i];
			size_t j = i;
			for (; j > lo && e[j - 1].y0 > v.y0; j--)
				e[j] = e[j - 1];
			e[j] = v;
		}
	}
	edge *src = e, *dst = tmp;
	for (size_t width = run; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n,
			       hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = src[j].y0 < src[i].y0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		edge *t = src;
		src = dst, dst = t;
	}
	if (src != e)
		memcpy(e, src, n * sizeof *e);
}

/* Rows at most, and edges a row at most, for sort_by_row: past
 * them the merge sort is used. */
#define LP_FILL_SORT_ROWS 1024
#define LP_FILL_SORT_PER_ROW 32

/* The row of the mask an edge's top lies in, with tops above the mask in
 * its first row and tops below in its last: a non-decreasing function of
 * the top, so that sorting by rows and then by tops within a row sorts by
 * tops. */
static inline uint32_t
row_of(float top, double oy, uint32_t rows)
{
	double d = (double)top - oy;
	return d < 1 ? 0 : d >= rows ? rows - 1 : (uint32_t)d;
}

/* Sorts edges as sort_edges does, in fewer steps for a glyph: a stable
 * sort has one result (equal tops keep their order), so counting the
 * edges into a bucket a row of the mask, in order, and sorting each
 * bucket's few by insertion gives the same order. Returns false, having
 * sorted nothing, for more than LP_FILL_SORT_ROWS rows or more than
 * LP_FILL_SORT_PER_ROW tops in one row (where insertion would be slow). */
static bool
sort_by_row(edge *e, size_t n, edge *tmp, double oy, uint32_t rows)
{
	uint32_t end[LP_FILL_SORT_ROWS];
	if (rows > LP_FILL_SORT_ROWS)
		return false;
	memset(end, 0, rows * sizeof *end);
	for (size_t i = 0; i < n; i++)
		end[row_of(e[i].y0, oy, rows)]++;
	uint32_t sum = 0;
	for (uint32_t r = 0; r < rows; r++) {
		if (end[r] > LP_FILL_SORT_PER_ROW)
			return false;
		sum += end[r];
		end[r] = sum - end[r]; /* the row's first slot, for now */
	}
	for (size_t i = 0; i < n; i++)
		tmp[end[row_of(e[i].y0, oy, rows)]++] = e[i];
	/* end[r] is now one past row r's last edge. */
	for (uint32_t r = 0, lo = 0; r < rows; lo = end[r++]) {
		for (uint32_t i = lo + 1; i < end[r]; i++) {
			edge v = tmp[i];
			uint32_t j = i;
			for (; j > lo && tmp[j - 1].y0 > v.y0; j--)
				tmp[j] = tmp[j - 1];
			tmp[j] = v;
		}
	}
	memcpy(e, tmp, n * sizeof *e);
	return true;
}

void
lp_fill_sort_edges(edge *e, size_t n, edge *tmp, double oy, uint32_t rows)
{
	if (!sort_by_row(e, n, tmp, oy, rows))
		sort_edges(e, n, tmp);
}
