/*
 * Scanline filling with exact area coverage; see fill.h.
 *
 * Each edge adds, to the cells of every scanline it crosses, the signed
 * area between it and the cell's right side and the signed height it
 * covers (the accumulation method of Raph Levien's font-rs, like FreeType's
 * "smooth" rasterizer). A running sum along a row then gives each pixel's
 * winding-weighted coverage; the fill rule folds that into 0..1. Rows are
 * done in bands, with only the edges that cross the band active, so memory
 * is one band of accumulators whatever the shape's size. Paths, strokes and
 * rules become edges in fill_path.c.
 */
#include "raster/fill.h"

#include "base/array.h"
#include "base/limits.h"
#include "raster/fill_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Rows accumulated at once. */
#define LP_FILL_BAND 32
/* Device coordinates are clamped to this (pixels): far beyond any page, so
 * only absurd coordinates (a kilometre off the page) move, and every sum the
 * filler makes stays finite. */
#define LP_FILL_MAX_COORD 1e7

typedef lp_fill_edge edge;

struct lp_fill {
	edge *edges;
	size_t n, cap;
	bool over; /* past LP_MAX_RASTER_EDGES */
	bool nomem;
	double minx, miny, maxx, maxy;
};

void
lp_raster_mask_free(lp_raster_mask *m)
{
	if (m) {
		free(m->a);
		free(m->bits);
		free(m->words);
		m->a = m->bits = NULL;
		m->words = NULL;
		m->w = m->h = m->stride = 0;
	}
}

lp_status
lp_raster_mask_words(lp_raster_mask *m)
{
	if (m->words || !m->bits || m->stride > 7 || m->h == 0)
		return LP_OK; /* made already, or not wanted */
	m->words = malloc((size_t)m->h * sizeof *m->words);
	if (!m->words)
		return LP_ERR_NOMEM;
	for (uint32_t y = 0; y < m->h; y++) {
		uint64_t v = 0;
		for (uint32_t j = 0; j < m->stride; j++)
			v |= (uint64_t)m->bits[(size_t)y * m->stride + j] << (56 - 8 * j);
		m->words[y] = v;
	}
	return LP_OK;
}

lp_fill *
lp_fill_new(void)
{
	lp_fill *f = calloc(1, sizeof *f);
	if (f)
		lp_fill_reset(f);
	return f;
}

void
lp_fill_drop(lp_fill *f)
{
	if (f) {
		free(f->edges);
		free(f);
	}
}

void
lp_fill_reset(lp_fill *f)
{
	f->n = 0;
	f->over = f->nomem = false;
	f->minx = f->miny = INFINITY;
	f->maxx = f->maxy = -INFINITY;
}

/* fmin and fmax without their care for NaN (the filler's numbers are
 * finite: lp_fill_line drops an edge that is not), which made them calls
 * into libm in the filler's inner loops. */
static inline double
dmin(double a, double b)
{
	return a < b ? a : b;
}

static inline double
dmax(double a, double b)
{
	return a > b ? a : b;
}

static double
clamp_coord(double v)
{
	return v < -LP_FILL_MAX_COORD  ? -LP_FILL_MAX_COORD
	       : v > LP_FILL_MAX_COORD ? LP_FILL_MAX_COORD
	                               : v;
}

void
lp_fill_line(lp_fill *f, double x0, double y0, double x1, double y1)
{
	/* Every coordinate within the clamp (which a NaN is not, failing
	 * every compare) is the common case: one test each. */
	if (!(fabs(x0) <= LP_FILL_MAX_COORD && fabs(y0) <= LP_FILL_MAX_COORD &&
	            fabs(x1) <= LP_FILL_MAX_COORD && fabs(y1) <= LP_FILL_MAX_COORD)) {
		if (isnan(x0) || isnan(y0) || isnan(x1) || isnan(y1))
			return; /* nowhere: no pixel is inside it */
		x0 = clamp_coord(x0), y0 = clamp_coord(y0);
		x1 = clamp_coord(x1), y1 = clamp_coord(y1);
	}
	if (y0 == y1 || f->over || f->nomem)
		return; /* a horizontal edge covers no height */
	if (f->n >= LP_MAX_RASTER_EDGES) {
		f->over = true;
		return;
	}
	/* Under LP_MAX_RASTER_EDGES, a failure is memory. */
	if (f->n == f->cap && LP_ARRAY_RESERVE(f->edges, f->cap, f->n + 1, LP_ARRAY_ANY) != LP_OK) {
		f->nomem = true;
		return;
	}
	edge *e = &f->edges[f->n++];
	if (y0 < y1)
		*e = (edge){(float)x0, (float)y0, (float)x1, (float)y1, 1.0f};
	else
		*e = (edge){(float)x1, (float)y1, (float)x0, (float)y0, -1.0f};
	f->minx = dmin(f->minx, dmin(x0, x1));
	f->maxx = dmax(f->maxx, dmax(x0, x1));
	f->miny = dmin(f->miny, dmin(y0, y1));
	f->maxy = dmax(f->maxy, dmax(y0, y1));
}

/* ---- Rendering ------------------------------------------------------- */

/* Adds edge e's area and cover to the accumulators of rows [b0, b1), each
 * row `stride` floats wide for pixel columns [0, w) (x already relative to
 * the mask). Columns left of 0 and right of w: the edge is first cut at
 * x = 0 and x = w, and the outer pieces pushed onto those borders, where
 * their cover still counts for every pixel to their right. */
static void
accumulate_piece(float *acc, size_t stride, int w, int b0, int b1, double x0, double y0, double x1,
        double y1, float dir)
{
	if (y1 <= y0)
		return;
	double dxdy = (x1 - x0) / (y1 - y0);
	double ys = dmax(y0, b0), ye = dmin(y1, b1);
	if (ys >= ye)
		return;
	/* x is kept within [0, w], where the piece's ends are: stepped down
	 * the rows it drifts by rounding, and a piece ending on the left
	 * border came out at -1e-14, which put its cover in column -1,
	 * before the accumulators (fuzz/reproducers/fax/
	 * watermark-edge-drifts-left-of-the-mask.md). */
	double x = dmin(dmax(x0 + (ys - y0) * dxdy, 0), w);
	/* floor() and ceil() as a conversion to int (which cuts towards
	 * zero) and a compare: the same numbers for any coordinate the
	 * filler clamps to, in two instructions rather than floor's and
	 * ceil's sequences (ys is at least b0, so it is its own case). */
	for (int y = (int)ys; y < ye; y++) {
		double top = dmax(y, ys), bottom = dmin(y + 1, ye);
		double dy = bottom - top;
		if (dy <= 0)
			continue;
		double xnext = dmin(dmax(x + dxdy * dy, 0), w);
		float *row = acc + (size_t)(y - b0) * stride;
		double d = dy * dir;
		double lo = dmin(x, xnext), hi = dmax(x, xnext);
		int loi = (int)lo, hii = (int)hi;
		loi -= loi > lo;
		hii += hii < hi;
		double lof = loi;
		if (hii <= loi + 1) {
			/* Within one pixel: the part right of the edge's middle. */
			double xm = 0.5 * (x + xnext) - lof;
			row[loi] += (float)(d - d * xm);
			row[loi + 1] += (float)(d * xm);
		} else {
			/* Across pixels: the area under the edge, pixel by pixel. */
			double s = 1.0 / (hi - lo);
			double lofr = lo - lof;
			double a0 = 0.5 * s * (1 - lofr) * (1 - lofr);
			double hifr = hi - hii + 1;
			double am = 0.5 * s * hifr * hifr;
			row[loi] += (float)(d * a0);
			if (hii == loi + 2) {
				row[loi + 1] += (float)(d * (1 - a0 - am));
			} else {
				double a1 = s * (1.5 - lofr);
				row[loi + 1] += (float)(d * (a1 - a0));
				for (int xi = loi + 2; xi < hii - 1; xi++)
					row[xi] += (float)(d * s);
				double a2 = a1 + (hii - loi - 3) * s;
				row[hii - 1] += (float)(d * (1 - a2 - am));
			}
			row[hii] += (float)(d * am);
		}
		x = xnext;
	}
}

/* The piece of the edge (x0, y0)-(x1, y1) between ya and yb, which lies
 * on one side of each border: left of the mask it is pushed onto x = 0,
 * right of it dropped. */
static inline void
accumulate_cut(float *acc, size_t stride, int w, int b0, int b1, double x0, double y0, double x1,
        double y1, double ya, double yb, float dir)
{
	double xa = x0 + (ya - y0) * (x1 - x0) / (y1 - y0);
	double xb = x0 + (yb - y0) * (x1 - x0) / (y1 - y0);
	double xm = 0.5 * (xa + xb);
	if (xm <= 0)
		xa = xb = 0;
	else if (xm >= w)
		return; /* right of every pixel: covers none */
	xa = dmin(dmax(xa, 0), w), xb = dmin(dmax(xb, 0), w);
	accumulate_piece(acc, stride, w, b0, b1, xa, ya, xb, yb, dir);
}

static void
accumulate(float *acc, size_t stride, int w, int b0, int b1, const edge *e, double ox, double oy)
{
	double x0 = e->x0 - ox, y0 = e->y0 - oy, x1 = e->x1 - ox, y1 = e->y1 - oy;
	/* Cut at the borders x = 0 and x = w, in order along y. */
	bool cut_left = x0 * x1 < 0, cut_right = (x0 - w) * (x1 - w) < 0;
	if (!cut_left && !cut_right) { /* a glyph's edges: one piece */
		accumulate_cut(acc, stride, w, b0, b1, x0, y0, x1, y1, y0, y1, e->dir);
		return;
	}
	double cuts[4] = {y0, y0, y1, y1};
	int n = 1;
	if (cut_left)
		cuts[n++] = y0 + (0 - x0) * (y1 - y0) / (x1 - x0);
	if (cut_right)
		cuts[n++] = y0 + (w - x0) * (y1 - y0) / (x1 - x0);
	cuts[n++] = y1;
	if (n == 4 && cuts[1] > cuts[2]) {
		double t = cuts[1];
		cuts[1] = cuts[2], cuts[2] = t;
	}
	for (int i = 0; i + 1 < n; i++)
		accumulate_cut(
		        acc, stride, w, b0, b1, x0, y0, x1, y1, cuts[i], cuts[i + 1], e->dir);
}

/* v * 255 rounded to the nearest integer, ties to even (as lrintf does in
 * the default rounding mode) for v in 0 .. 1: adding 1.5 * 2^23 leaves no
 * bits for a fraction, so the float addition itself rounds. */
static inline uint8_t
level_of(float v)
{
	return (uint8_t)((v * 255.0f + 12582912.0f) - 12582912.0f);
}

/* v, or 1 where v is more (v is not NaN). */
static inline float
fminf_1(float v)
{
	return v > 1 ? 1 : v;
}

/* Row of coverage from its accumulators: a running sum folded by the fill
 * rule into 0..255. The accumulators are left cleared (and the two past
 * w, which an edge on the right border may touch), so that the band is
 * ready for the next. */
static void
coverage_row(float *row, uint32_t w, lp_fill_rule rule, uint8_t *dst)
{
	float sum = 0;
	if (rule == LP_FILL_EVEN_ODD) {
		for (uint32_t x = 0; x < w; x++) {
			sum += row[x];
			row[x] = 0;
			float v = fmodf(fabsf(sum), 2.0f);
			if (v > 1)
				v = 2 - v;
			dst[x] = level_of(v);
		}
		row[w] = row[w + 1] = 0;
		return;
	}
	/* Non-zero: the running sum a pixel at a time (its additions in
	 * order, so that a shape always gets the same coverage), then its
	 * folding into levels, eight pixels at a time where SSE2 is there. */
	uint32_t x = 0;
	for (; x + 4 <= w; x += 4) {
		sum += row[x], row[x] = sum;
		sum += row[x + 1], row[x + 1] = sum;
		sum += row[x + 2], row[x + 2] = sum;
		sum += row[x + 3], row[x + 3] = sum;
	}
	for (; x < w; x++) {
		sum += row[x];
		row[x] = sum;
	}
	x = 0;
#if defined(__SSE2__)
	/* The same single-precision steps as level_of(fminf_1(fabsf(v))),
	 * four at a time (minps(v, 1) is v > 1 ? 1 : v for v not NaN). */
	const __m128 abs_bits = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
	const __m128 one = _mm_set1_ps(1.0f), full = _mm_set1_ps(255.0f),
	             round = _mm_set1_ps(12582912.0f);
	for (; x + 8 <= w; x += 8) {
		__m128 lo = _mm_min_ps(_mm_and_ps(_mm_loadu_ps(row + x), abs_bits), one);
		__m128 hi = _mm_min_ps(_mm_and_ps(_mm_loadu_ps(row + x + 4), abs_bits), one);
		lo = _mm_sub_ps(_mm_add_ps(_mm_mul_ps(lo, full), round), round);
		hi = _mm_sub_ps(_mm_add_ps(_mm_mul_ps(hi, full), round), round);
		__m128i words = _mm_packs_epi32(_mm_cvttps_epi32(lo), _mm_cvttps_epi32(hi));
		_mm_storel_epi64((__m128i *)(dst + x), _mm_packus_epi16(words, words));
	}
#endif
	for (; x < w; x++)
		dst[x] = level_of(fminf_1(fabsf(row[x])));
	memset(row, 0, ((size_t)w + 2) * sizeof *row);
}

lp_status
lp_fill_mask(lp_fill *f, lp_fill_rule rule, bool mono, int32_t cx0, int32_t cy0, int32_t cx1,
        int32_t cy1, lp_raster_mask *out)
{
	*out = (lp_raster_mask){0, 0, 0, 0, NULL, NULL, 0, NULL};
	if (f->nomem)
		return LP_ERR_NOMEM;
	if (f->over)
		return LP_ERR_LIMIT;
	if (f->n == 0)
		return LP_OK;
	double x0 = fmax(floor(f->minx), cx0), y0 = fmax(floor(f->miny), cy0);
	double x1 = fmin(ceil(f->maxx), cx1), y1 = fmin(ceil(f->maxy), cy1);
	if (x1 <= x0 || y1 <= y0)
		return LP_OK;
	uint32_t w = (uint32_t)(x1 - x0), h = (uint32_t)(y1 - y0);
	/* No mask is bigger than a page: a device clips to its page, and a
	 * shape without a clip, a cached glyph, is a few hundred pixels, unless
	 * its font is hostile (a point at 32,767 units of a 16-unit em is a
	 * million pixels out at 512 pixels an em, and four edges would ask for
	 * terabytes, all written, as the edge count alone lets pass). */
	if ((double)w * h > LP_MAX_RASTER_PAGE_PIXELS)
		return LP_ERR_LIMIT;
	/* The work before doing it: rows and columns each edge crosses (no
	 * edge crosses more than h rows and w columns, so a small shape, a
	 * glyph, needs no count). */
	double steps = 0;
	bool small = (double)f->n * ((double)h + 1 + w) <= LP_MAX_RASTER_FILL_STEPS;
	for (size_t i = 0; i < f->n && !small; i++) {
		const edge *e = &f->edges[i];
		double rows = dmin(e->y1, y1) - dmax(e->y0, y0);
		if (rows > 0)
			steps += rows + 1 + dmin(fabs((double)e->x1 - e->x0), w);
	}
	if (steps > LP_MAX_RASTER_FILL_STEPS)
		return LP_ERR_LIMIT;
	size_t stride = (size_t)w + 2;
	/* Every pixel of a is written (by coverage_row), which also leaves
	 * acc cleared for the next band. */
	uint8_t *a = malloc((size_t)w * h);
	float *acc = calloc(stride * (h < LP_FILL_BAND ? h : LP_FILL_BAND), sizeof *acc);
	edge **active = malloc(f->n * sizeof *active);
	if (!a || !acc || !active) {
		free(a), free(acc), free(active);
		return LP_ERR_NOMEM;
	}
	size_t next = 0, n_active = 0;
	if (h <= LP_FILL_BAND) {
		/* One band (a glyph of text): every edge that reaches it is
		 * active from the start, summed in the order it was added, an
		 * order as fixed as the sorted one (a shape still always gets
		 * the same coverage); nothing to sort. */
		for (size_t i = 0; i < f->n; i++)
			if (f->edges[i].y1 - y0 > 0 && f->edges[i].y0 - y0 < h)
				active[n_active++] = &f->edges[i];
		next = f->n;
	} else {
		edge *tmp = malloc(f->n * sizeof *tmp);
		if (!tmp) {
			free(a), free(acc), free(active);
			return LP_ERR_NOMEM;
		}
		lp_fill_sort_edges(f->edges, f->n, tmp, y0, h);
		free(tmp);
	}
	for (uint32_t b0 = 0; b0 < h; b0 += LP_FILL_BAND) {
		uint32_t b1 = b0 + LP_FILL_BAND < h ? b0 + LP_FILL_BAND : h;
		/* Drop edges that ended above the band (none above the first:
		 * a one-band shape took in only those that reach it), take in
		 * those that begin in it. */
		if (b0 > 0) {
			size_t k = 0;
			for (size_t i = 0; i < n_active; i++)
				if (active[i]->y1 - y0 > b0)
					active[k++] = active[i];
			n_active = k;
		}
		while (next < f->n && f->edges[next].y0 - y0 < b1) {
			if (f->edges[next].y1 - y0 > b0)
				active[n_active++] = &f->edges[next];
			next++;
		}
		for (size_t i = 0; i < n_active; i++)
			accumulate(acc, stride, (int)w, (int)b0, (int)b1, active[i], x0, y0);
		for (uint32_t y = b0; y < b1; y++)
			coverage_row(acc + (size_t)(y - b0) * stride, w, rule, a + (size_t)y * w);
	}
	free(acc);
	free(active);
	uint8_t *packed = NULL;
	uint32_t packed_stride = 0;
	if (mono) {
		uint8_t *on = malloc((size_t)w * h);
		packed_stride = (w + 7) / 8;
		packed = calloc((size_t)packed_stride * h, 1);
		if (!on || !packed) {
			free(a), free(on), free(packed);
			return LP_ERR_NOMEM;
		}
		lp_fill_mono_mask(a, w, h, on, packed, packed_stride);
		free(a);
		a = on;
	}
	*out = (lp_raster_mask){(int32_t)x0, (int32_t)y0, w, h, a, packed, packed_stride, NULL};
	lp_status s = lp_raster_mask_words(out);
	if (s != LP_OK)
		lp_raster_mask_free(out);
	return s;
}
