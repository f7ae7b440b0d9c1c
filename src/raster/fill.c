/*
 * Scanline filling with exact area coverage; see fill.h.
 *
 * Each edge adds, to the cells of every scanline it crosses, the signed
 * area between it and the cell's right side and the signed height it
 * covers (the accumulation method of Raph Levien's font-rs, like FreeType's
 * "smooth" rasterizer). A running sum along a row then gives each pixel's
 * winding-weighted coverage; the fill rule folds that into 0..1. Rows are
 * done in bands, with only the edges that cross the band active, so memory
 * is one band of accumulators whatever the shape's size.
 */
#include "raster/fill.h"

#include "base/limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows accumulated at once. */
#define LP_FILL_BAND 32
/* How far a flattened curve may stray from the true one, in device pixels:
 * at a fiftieth of a pixel a circle's area is within 0.1 % of the curve's,
 * below what 8-bit coverage can show. */
#define LP_FILL_FLATNESS 0.02
/* Pieces one cubic becomes at most: enough for a curve across a whole page
 * at LP_FILL_FLATNESS; a longer one is drawn a little coarser. */
#define LP_FILL_MAX_PIECES 256
/* Device coordinates are clamped to this (pixels): far beyond any page,
 * small enough that float steps stay exact to a thousandth of a pixel
 * inside one. */
#define LP_FILL_MAX_COORD 1e7
/* 1-bit mode: a pixel at least half covered is black; a weaker one only
 * when it is the strongest across a stem, and at least this much covered,
 * so that the faint edge of a curve does not grow a pixel. */
#define LP_FILL_STEM_MIN (0.18f * 255.0f)

typedef struct edge {
	float x0, y0, x1, y1; /* y0 < y1 */
	float dir;            /* +1 going down, -1 going up */
} edge;

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
		m->a = NULL;
		m->w = m->h = 0;
	}
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

static double
clamp_coord(double v)
{
	return v < -LP_FILL_MAX_COORD ? -LP_FILL_MAX_COORD : v > LP_FILL_MAX_COORD ? LP_FILL_MAX_COORD : v;
}

void
lp_fill_line(lp_fill *f, double x0, double y0, double x1, double y1)
{
	x0 = clamp_coord(x0), y0 = clamp_coord(y0), x1 = clamp_coord(x1), y1 = clamp_coord(y1);
	if (y0 == y1 || f->over || f->nomem)
		return; /* a horizontal edge covers no height */
	if (f->n == f->cap) {
		if (f->n >= LP_MAX_RASTER_EDGES) {
			f->over = true;
			return;
		}
		size_t cap = f->cap ? f->cap * 2 : 256;
		edge *grown = realloc(f->edges, cap * sizeof *grown);
		if (!grown) {
			f->nomem = true;
			return;
		}
		f->edges = grown;
		f->cap = cap;
	}
	edge *e = &f->edges[f->n++];
	if (y0 < y1)
		*e = (edge){(float)x0, (float)y0, (float)x1, (float)y1, 1.0f};
	else
		*e = (edge){(float)x1, (float)y1, (float)x0, (float)y0, -1.0f};
	f->minx = fmin(f->minx, fmin(x0, x1));
	f->maxx = fmax(f->maxx, fmax(x0, x1));
	f->miny = fmin(f->miny, fmin(y0, y1));
	f->maxy = fmax(f->maxy, fmax(y0, y1));
}

/* ---- Paths, flattened in page points -------------------------------- */

typedef void (*point_fn)(void *user, double x, double y, bool move);

/* Walks the segments as a polyline in page points: move = a new subpath.
 * Cubics are cut into pieces enough that the chord strays at most
 * LP_FILL_FLATNESS device pixels (Wang's bound on the second differences). */
static void
walk(const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m, point_fn fn, void *user)
{
	double cx = 0, cy = 0;
	double scale = fmax(fabs(m->sx), fabs(m->sy));
	for (uint32_t i = 0; i < n; i++) {
		const lp_path_seg *s = &segs[i];
		switch (s->op) {
		case LP_PATH_MOVE:
			cx = s->pt[0], cy = s->pt[1];
			fn(user, cx, cy, true);
			break;
		case LP_PATH_LINE:
			cx = s->pt[0], cy = s->pt[1];
			fn(user, cx, cy, false);
			break;
		case LP_PATH_CUBIC: {
			double x1 = s->pt[0], y1 = s->pt[1], x2 = s->pt[2], y2 = s->pt[3];
			double x3 = s->pt[4], y3 = s->pt[5];
			double ddx = fmax(fabs(cx - 2 * x1 + x2), fabs(x1 - 2 * x2 + x3));
			double ddy = fmax(fabs(cy - 2 * y1 + y2), fabs(y1 - 2 * y2 + y3));
			double dd = hypot(ddx, ddy) * scale;
			double pieces = ceil(sqrt(0.75 * dd / LP_FILL_FLATNESS));
			int k = pieces < 1 || !(pieces == pieces) ? 1 :
				pieces > LP_FILL_MAX_PIECES ? LP_FILL_MAX_PIECES : (int)pieces;
			for (int j = 1; j <= k; j++) {
				double t = (double)j / k, u = 1 - t;
				double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
				fn(user, a * cx + b * x1 + c * x2 + d * x3, a * cy + b * y1 + c * y2 + d * y3,
					false);
			}
			cx = x3, cy = y3;
			break;
		}
		case LP_PATH_CLOSE:
			fn(user, NAN, NAN, false); /* closes the subpath */
			break;
		}
	}
}

typedef struct fill_walk {
	lp_fill *f;
	const lp_fill_xform *m;
	double sx, sy; /* subpath start, device */
	double px, py; /* current point, device */
	bool open;
} fill_walk;

static void
fill_point(void *user, double x, double y, bool move)
{
	fill_walk *w = user;
	if (move || isnan(x)) {
		if (w->open)
			lp_fill_line(w->f, w->px, w->py, w->sx, w->sy);
		w->open = false;
		if (isnan(x)) {
			w->px = w->sx, w->py = w->sy;
			return;
		}
		w->sx = w->px = x * w->m->sx + w->m->tx;
		w->sy = w->py = y * w->m->sy + w->m->ty;
		w->open = true;
		return;
	}
	double dx = x * w->m->sx + w->m->tx, dy = y * w->m->sy + w->m->ty;
	if (!w->open) { /* drawing on after a close starts from its start */
		w->open = true;
		w->px = w->sx, w->py = w->sy;
	}
	lp_fill_line(w->f, w->px, w->py, dx, dy);
	w->px = dx, w->py = dy;
}

void
lp_fill_path(lp_fill *f, const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m)
{
	fill_walk w = {f, m, 0, 0, 0, 0, false};
	walk(segs, n, m, fill_point, &w);
	fill_point(&w, NAN, NAN, false);
}

/* A polygon in page points, transformed, as edges. */
static void
polygon(lp_fill *f, const double *xy, int n, const lp_fill_xform *m)
{
	for (int i = 0; i < n; i++) {
		int j = (i + 1) % n;
		lp_fill_line(f, xy[2 * i] * m->sx + m->tx, xy[2 * i + 1] * m->sy + m->ty,
			xy[2 * j] * m->sx + m->tx, xy[2 * j + 1] * m->sy + m->ty);
	}
}

void
lp_fill_rule_rect(lp_fill *f, double x0, double y0, double x1, double y1, double width_pt,
	const lp_fill_xform *m)
{
	double len = hypot(x1 - x0, y1 - y0);
	if (!(len > 0) || !(width_pt > 0))
		return;
	double nx = -(y1 - y0) / len * width_pt / 2, ny = (x1 - x0) / len * width_pt / 2;
	double q[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
	polygon(f, q, 4, m);
}

/* A round join: a polygon of a circle, sides enough for a tenth of a
 * pixel. All pieces of a stroke wind the same way, so non-zero joins them. */
static void
disc(lp_fill *f, double x, double y, double r, const lp_fill_xform *m)
{
	double rpx = r * fmax(fabs(m->sx), fabs(m->sy));
	int k = rpx < 1 ? 8 : rpx > 64 ? 64 : (int)(8 + rpx);
	double xy[128];
	for (int i = 0; i < k; i++) {
		double a = 2 * M_PI * i / k;
		xy[2 * i] = x + r * cos(a);
		xy[2 * i + 1] = y + r * sin(a);
	}
	polygon(f, xy, k, m);
}

typedef struct stroke_walk {
	lp_fill *f;
	const lp_fill_xform *m;
	double w;
	double sx, sy, px, py;
	bool open, drew;
} stroke_walk;

/* Every rectangle and disc is made to wind the same way (the rectangle's
 * corners go round in the order its normal gives, the disc's by angle),
 * so their union fills under non-zero. */
static void
stroke_piece(stroke_walk *s, double x, double y)
{
	double len = hypot(x - s->px, y - s->py);
	if (len > 0) {
		double nx = -(y - s->py) / len * s->w / 2, ny = (x - s->px) / len * s->w / 2;
		double q[8] = {s->px - nx, s->py - ny, x - nx, y - ny, x + nx, y + ny, s->px + nx,
			s->py + ny};
		polygon(s->f, q, 4, s->m);
		if (s->drew)
			disc(s->f, s->px, s->py, s->w / 2, s->m);
		s->drew = true;
	}
	s->px = x, s->py = y;
}

static void
stroke_point(void *user, double x, double y, bool move)
{
	stroke_walk *s = user;
	if (isnan(x)) { /* close: back to the start, joined */
		if (s->open)
			stroke_piece(s, s->sx, s->sy);
		s->open = false;
		s->px = s->sx, s->py = s->sy;
		return;
	}
	if (move) {
		s->sx = s->px = x, s->sy = s->py = y;
		s->open = true;
		s->drew = false;
		return;
	}
	s->open = true;
	stroke_piece(s, x, y);
}

void
lp_fill_stroke(lp_fill *f, const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m,
	double width_pt)
{
	if (!(width_pt > 0))
		return;
	stroke_walk s = {f, m, width_pt, 0, 0, 0, 0, false, false};
	walk(segs, n, m, stroke_point, &s);
}

/* ---- Rendering ------------------------------------------------------- */

/* Adds edge e's area and cover to the accumulators of rows [b0, b1), each
 * row `stride` floats wide for pixel columns [0, w) (x already relative to
 * the mask). Columns left of 0 and right of w: the edge is first cut at
 * x = 0 and x = w, and the outer pieces pushed onto those borders, where
 * their cover still counts for every pixel to their right. */
static void
accumulate_piece(float *acc, size_t stride, int b0, int b1, double x0, double y0, double x1,
	double y1, float dir)
{
	if (y1 <= y0)
		return;
	double dxdy = (x1 - x0) / (y1 - y0);
	double ys = fmax(y0, b0), ye = fmin(y1, b1);
	if (ys >= ye)
		return;
	double x = x0 + (ys - y0) * dxdy;
	for (int y = (int)floor(ys); y < ye; y++) {
		double top = fmax(y, ys), bottom = fmin(y + 1, ye);
		double dy = bottom - top;
		if (dy <= 0)
			continue;
		double xnext = x + dxdy * dy;
		float *row = acc + (size_t)(y - b0) * stride;
		double d = dy * dir;
		double lo = fmin(x, xnext), hi = fmax(x, xnext);
		double lof = floor(lo);
		int loi = (int)lof, hii = (int)ceil(hi);
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
			double hifr = hi - ceil(hi) + 1;
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

static void
accumulate(float *acc, size_t stride, int w, int b0, int b1, const edge *e, double ox, double oy)
{
	double x0 = e->x0 - ox, y0 = e->y0 - oy, x1 = e->x1 - ox, y1 = e->y1 - oy;
	/* Cut at the borders x = 0 and x = w, in order along y. */
	double cuts[4] = {y0, y0, y1, y1};
	int n = 1;
	for (int k = 0; k < 2; k++) {
		double bx = k == 0 ? 0 : w;
		if ((x0 - bx) * (x1 - bx) < 0) {
			double yc = y0 + (bx - x0) * (y1 - y0) / (x1 - x0);
			cuts[n++] = yc;
		}
	}
	cuts[n++] = y1;
	if (n == 4 && cuts[1] > cuts[2]) {
		double t = cuts[1];
		cuts[1] = cuts[2], cuts[2] = t;
	}
	for (int i = 0; i + 1 < n; i++) {
		double ya = cuts[i], yb = cuts[i + 1];
		double xa = x0 + (ya - y0) * (x1 - x0) / (y1 - y0);
		double xb = x0 + (yb - y0) * (x1 - x0) / (y1 - y0);
		double xm = 0.5 * (xa + xb);
		if (xm <= 0)
			xa = xb = 0;
		else if (xm >= w)
			continue; /* right of every pixel: covers none */
		xa = fmin(fmax(xa, 0), w), xb = fmin(fmax(xb, 0), w);
		accumulate_piece(acc, stride, b0, b1, xa, ya, xb, yb, e->dir);
	}
}

static int
cmp_edge_top(const void *a, const void *b)
{
	float x = ((const edge *)a)->y0, y = ((const edge *)b)->y0;
	return (x > y) - (x < y);
}

/* 1-bit decision for one pixel of the coverage mask c (see fill.h). */
static uint8_t
mono_at(const uint8_t *c, uint32_t w, uint32_t h, uint32_t x, uint32_t y)
{
	uint8_t v = c[(size_t)y * w + x];
	if (v >= 128)
		return 255;
	if (v < LP_FILL_STEM_MIN)
		return 0;
	uint8_t l = x > 0 ? c[(size_t)y * w + x - 1] : 0, r = x + 1 < w ? c[(size_t)y * w + x + 1] : 0;
	uint8_t u = y > 0 ? c[(size_t)(y - 1) * w + x] : 0, d = y + 1 < h ? c[(size_t)(y + 1) * w + x] : 0;
	/* Strictly above the neighbour before, at least the one after: of
	 * two equal pixels across a stem, exactly one is kept. */
	return (v > l && v >= r) || (v > u && v >= d) ? 255 : 0;
}

lp_status
lp_fill_mask(lp_fill *f, lp_fill_rule rule, bool mono, int32_t cx0, int32_t cy0, int32_t cx1,
	int32_t cy1, lp_raster_mask *out)
{
	*out = (lp_raster_mask){0, 0, 0, 0, NULL};
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
	/* The work before doing it: rows and columns each edge crosses. */
	double steps = 0;
	for (size_t i = 0; i < f->n; i++) {
		const edge *e = &f->edges[i];
		double rows = fmin(e->y1, y1) - fmax(e->y0, y0);
		if (rows > 0)
			steps += rows + 1 + fmin(fabs((double)e->x1 - e->x0), w);
	}
	if (steps > LP_MAX_RASTER_FILL_STEPS)
		return LP_ERR_LIMIT;
	size_t stride = (size_t)w + 2;
	uint8_t *a = calloc((size_t)w * h, 1);
	float *acc = malloc(stride * LP_FILL_BAND * sizeof *acc);
	edge **active = malloc(f->n * sizeof *active);
	if (!a || !acc || !active) {
		free(a), free(acc), free(active);
		return LP_ERR_NOMEM;
	}
	qsort(f->edges, f->n, sizeof *f->edges, cmp_edge_top);
	size_t next = 0, n_active = 0;
	for (uint32_t b0 = 0; b0 < h; b0 += LP_FILL_BAND) {
		uint32_t b1 = b0 + LP_FILL_BAND < h ? b0 + LP_FILL_BAND : h;
		/* Drop edges that ended above the band, take in those that begin
		 * in it. */
		size_t k = 0;
		for (size_t i = 0; i < n_active; i++)
			if (active[i]->y1 - y0 > b0)
				active[k++] = active[i];
		n_active = k;
		while (next < f->n && f->edges[next].y0 - y0 < b1) {
			if (f->edges[next].y1 - y0 > b0)
				active[n_active++] = &f->edges[next];
			next++;
		}
		memset(acc, 0, stride * (b1 - b0) * sizeof *acc);
		for (size_t i = 0; i < n_active; i++)
			accumulate(acc, stride, (int)w, (int)b0, (int)b1, active[i], x0, y0);
		for (uint32_t y = b0; y < b1; y++) {
			const float *row = acc + (size_t)(y - b0) * stride;
			uint8_t *dst = a + (size_t)y * w;
			float sum = 0;
			for (uint32_t x = 0; x < w; x++) {
				sum += row[x];
				float v = fabsf(sum);
				if (rule == LP_FILL_EVEN_ODD) {
					v = fmodf(v, 2.0f);
					if (v > 1)
						v = 2 - v;
				} else if (v > 1) {
					v = 1;
				}
				dst[x] = (uint8_t)lrintf(v * 255.0f);
			}
		}
	}
	free(acc);
	free(active);
	if (mono) {
		uint8_t *bits = malloc((size_t)w * h);
		if (!bits) {
			free(a);
			return LP_ERR_NOMEM;
		}
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++)
				bits[(size_t)y * w + x] = mono_at(a, w, h, x, y);
		free(a);
		a = bits;
	}
	*out = (lp_raster_mask){(int32_t)x0, (int32_t)y0, w, h, a};
	return LP_OK;
}
