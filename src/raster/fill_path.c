/*
 * Paths, strokes and rules as the filler's edges (see fill.h): curves
 * flattened in page points to a tolerance given in device pixels, then
 * transformed; strokes as the union of a rectangle per flattened segment
 * and a round join at each vertex, all winding the same way.
 */
#include "raster/fill.h"

#include <math.h>

/* How far a flattened curve may stray from the true one, in device pixels,
 * unless the transform says (1-bit pages: LP_FILL_MONO_FLATNESS): at a
 * fiftieth of a pixel a circle's area is within 0.1 % of the curve's,
 * below what 8-bit coverage can show. */
#define LP_FILL_FLATNESS 0.02
/* Pieces one cubic becomes at most: enough for a curve across a whole page
 * at LP_FILL_FLATNESS; a longer one is drawn a little coarser. */
#define LP_FILL_MAX_PIECES 256

typedef void (*point_fn)(void *user, double x, double y, bool move);

/* Walks the segments as a polyline in page points: move = a new subpath.
 * Cubics are cut into pieces enough that the chord strays at most the
 * transform's flatness (Wang's bound on the second differences). */
static inline void
walk(const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m, point_fn fn, void *user)
{
	double cx = 0, cy = 0;
	double scale = fmax(fabs(m->sx), fabs(m->sy));
	double flatness = m->flatness > 0 ? m->flatness : LP_FILL_FLATNESS;
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
			double pieces = ceil(sqrt(0.75 * dd / flatness));
			int k = pieces < 1 || !(pieces == pieces) ? 1
			        : pieces > LP_FILL_MAX_PIECES     ? LP_FILL_MAX_PIECES
			                                          : (int)pieces;
			for (int j = 1; j <= k; j++) {
				double t = (double)j / k, u = 1 - t;
				double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t,
				       d = t * t * t;
				fn(user, a * cx + b * x1 + c * x2 + d * x3,
				        a * cy + b * y1 + c * y2 + d * y3, false);
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

static inline void
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
	enum { MAX_SIDES = 64 };
	double rpx = r * fmax(fabs(m->sx), fabs(m->sy));
	/* 8 + rpx sides up to the most, capped as a count (a radius of 57 to 64
	 * pixels once gave up to 72, past the polygon's array). */
	int k = rpx < 1 ? 8 : rpx < MAX_SIDES - 8 ? (int)(8 + rpx) : MAX_SIDES;
	double xy[2 * MAX_SIDES];
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
lp_fill_stroke(
        lp_fill *f, const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m, double width_pt)
{
	if (!(width_pt > 0))
		return;
	stroke_walk s = {f, m, width_pt, 0, 0, 0, 0, false, false};
	walk(segs, n, m, stroke_point, &s);
}
