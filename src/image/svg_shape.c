/*
 * SVG shapes (svg.c's walk hands each one over): their geometry in user
 * units, moved into the root's by the element's transforms within
 * LP_SVG_MAX_REACH viewBox sizes, and their paints: colours, and the
 * gradients fill="url(#id)" names (svg_gradient.c).
 */
#include "image/svg_gradient.h"
#include "image/svg_internal.h"
#include "image/svg_path.h"

#include "base/array.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Geometry -------------------------------------------------------- */

static bool
geometry(svg_walk *w, const lp_svg_node *n, lp_svg_pathbuf *pb)
{
	double v[6];
	const char *s;
	long bad = -1;
	switch (n->kind) {
	case LP_SVG_EL_PATH:
		if ((s = lp_svg_attr(n, "d")))
			bad = lp_svg_parse_path(s, pb);
		break;
	case LP_SVG_EL_RECT:
		if (!lp_svg_num_attr(w, n, "x", 0, &v[0]) ||
		        !lp_svg_num_attr(w, n, "y", 0, &v[1]) ||
		        !lp_svg_num_attr(w, n, "width", 0, &v[2]) ||
		        !lp_svg_num_attr(w, n, "height", 0, &v[3]) ||
		        !lp_svg_num_attr(w, n, "rx", -1, &v[4]) ||
		        !lp_svg_num_attr(w, n, "ry", -1, &v[5]))
			return false;
		if (v[2] > 0 && v[3] > 0)
			lp_svg_rect(pb, v[0], v[1], v[2], v[3], v[4], v[5]);
		break;
	case LP_SVG_EL_CIRCLE:
	case LP_SVG_EL_ELLIPSE: {
		bool circle = n->kind == LP_SVG_EL_CIRCLE;
		if (!lp_svg_num_attr(w, n, "cx", 0, &v[0]) ||
		        !lp_svg_num_attr(w, n, "cy", 0, &v[1]) ||
		        !lp_svg_num_attr(w, n, circle ? "r" : "rx", 0, &v[2]) ||
		        !lp_svg_num_attr(w, n, circle ? "r" : "ry", 0, &v[3]))
			return false;
		if (v[2] > 0 && v[3] > 0)
			lp_svg_ellipse(pb, v[0], v[1], v[2], v[3]);
		break;
	}
	case LP_SVG_EL_LINE:
		if (!lp_svg_num_attr(w, n, "x1", 0, &v[0]) ||
		        !lp_svg_num_attr(w, n, "y1", 0, &v[1]) ||
		        !lp_svg_num_attr(w, n, "x2", 0, &v[2]) ||
		        !lp_svg_num_attr(w, n, "y2", 0, &v[3]))
			return false;
		lp_svg_move(pb, v[0], v[1]);
		lp_svg_line(pb, v[2], v[3]);
		break;
	case LP_SVG_EL_POLYLINE:
	case LP_SVG_EL_POLYGON:
		if ((s = lp_svg_attr(n, "points")))
			bad = lp_svg_parse_points(s, pb, n->kind == LP_SVG_EL_POLYGON);
		break;
	default:
		break;
	}
	if (bad >= 0) {
		lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "bad path data or points in <%s>", n->name);
		return false;
	}
	return true;
}

static void
grow_box(double box[4], double x, double y)
{
	box[0] = fmin(box[0], x), box[1] = fmin(box[1], y);
	box[2] = fmax(box[2], x), box[3] = fmax(box[3], y);
}

/* The bounding box of the path as drawn (a cubic's extremes, not its
 * control points), for objectBoundingBox gradients. */
static void
path_box(const lp_svg_pathbuf *pb, double box[4])
{
	box[0] = box[1] = INFINITY;
	box[2] = box[3] = -INFINITY;
	double cur[2] = {0, 0}, start[2] = {0, 0};
	for (uint32_t i = 0; i < pb->n; i++) {
		const float *p = pb->segs[i].pt;
		switch (pb->segs[i].op) {
		case LP_PATH_MOVE:
			start[0] = cur[0] = p[0], start[1] = cur[1] = p[1];
			grow_box(box, p[0], p[1]);
			break;
		case LP_PATH_LINE:
			cur[0] = p[0], cur[1] = p[1];
			grow_box(box, p[0], p[1]);
			break;
		case LP_PATH_CUBIC:
			for (int ax = 0; ax < 2; ax++) {
				/* B'(t)/3 = a t² + b t + c */
				double p0 = cur[ax], p1 = p[ax], p2 = p[2 + ax], p3 = p[4 + ax];
				double a = -p0 + 3 * p1 - 3 * p2 + p3, b = 2 * (p0 - 2 * p1 + p2),
				       c = p1 - p0, roots[2];
				int nr = 0;
				if (fabs(a) < 1e-12) {
					if (fabs(b) > 1e-12)
						roots[nr++] = -c / b;
				} else {
					double disc = b * b - 4 * a * c;
					if (disc >= 0) {
						roots[nr++] = (-b + sqrt(disc)) / (2 * a);
						roots[nr++] = (-b - sqrt(disc)) / (2 * a);
					}
				}
				for (int r = 0; r < nr; r++) {
					double t = roots[r], u = 1 - t;
					if (!(t > 0 && t < 1))
						continue;
					double v = u * u * u * p0 + 3 * u * u * t * p1 +
					           3 * u * t * t * p2 + t * t * t * p3;
					box[ax] = fmin(box[ax], v),
					box[2 + ax] = fmax(box[2 + ax], v);
				}
			}
			cur[0] = p[4], cur[1] = p[5];
			grow_box(box, p[4], p[5]);
			break;
		case LP_PATH_CLOSE:
			cur[0] = start[0], cur[1] = start[1];
			break;
		}
	}
}

/* Every point of pb through m; false when one is not finite or lies
 * beyond lim. */
static bool
transform_points(lp_svg_pathbuf *pb, const lp_svg_matrix *m, const double lim[4])
{
	static const int npts[] = {1, 1, 3, 0};
	for (uint32_t i = 0; i < pb->n; i++) {
		float *p = pb->segs[i].pt;
		for (int k = 0; k < npts[pb->segs[i].op]; k++) {
			double x = p[2 * k], y = p[2 * k + 1];
			double tx = m->a * x + m->c * y + m->e, ty = m->b * x + m->d * y + m->f;
			if (!(tx >= lim[0] && tx <= lim[2] && ty >= lim[1] && ty <= lim[3]))
				return false;
			p[2 * k] = (float)tx, p[2 * k + 1] = (float)ty;
		}
	}
	return true;
}

/* ---- Shapes and paints ----------------------------------------------- */

static void
add_shape(svg_walk *w, const lp_svg_node *n, const svg_shape *sh)
{
	lp_svg *svg = w->svg;
	lp_status s = LP_ARRAY_RESERVE(
	        svg->shapes, svg->cap_shapes, (size_t)svg->n_shapes + 1, LP_ARRAY_ANY);
	lp_dl_stop *stops = NULL;
	if (s == LP_OK && sh->grad.n_stops) {
		stops = malloc(sh->grad.n_stops * sizeof *stops);
		if (stops)
			memcpy(stops, sh->grad.stops, sh->grad.n_stops * sizeof *stops);
		else
			s = LP_ERR_NOMEM;
	}
	if (s != LP_OK) {
		free((void *)sh->path.segs);
		lp_svg_fail_at(w, n, s, "out of memory");
		return;
	}
	svg_shape *out = &svg->shapes[svg->n_shapes++];
	*out = *sh;
	out->grad.stops = stops;
}

/* A radial gradient's circle in its own space and the map to the root's
 * user space, whose square round the circle must stay within
 * LP_SVG_MAX_REACH viewBox sizes. */
static void
radial_fill(svg_walk *w, const lp_svg_node *n, const lp_svg_node *srv, const lp_svg_gradient *g,
        const double box[4], const lp_svg_matrix *ctm, svg_shape *sh, lp_dl_stop *stops)
{
	lp_svg_matrix m;
	if (!lp_svg_gradient_map(g, box, ctm, &m) || !(g->r > 0)) {
		sh->path.fill_color = g->stops[g->n_stops - 1].color;
		return;
	}
	/* Numbers a PDF writes (libharu's reals stop at 32767) and a scale
	 * within what a page holds; past them the mean colour is drawn. */
	double big[] = {g->cx, g->cy, g->r, g->fx, g->fy, m.a, m.b, m.c, m.d};
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
		if (!(fabs(big[i]) < 30000))
			return;
	const float *vb = w->svg->vb;
	double reach = LP_SVG_MAX_REACH * fmax(vb[2], vb[3]);
	for (int i = 0; i < 4; i++) {
		double x = g->cx + (i & 1 ? g->r : -g->r), y = g->cy + (i & 2 ? g->r : -g->r);
		double tx = m.a * x + m.c * y + m.e, ty = m.b * x + m.d * y + m.f;
		if (!(fabs(tx - vb[0]) <= reach && fabs(ty - vb[1]) <= reach)) {
			lp_svg_fail_at(w, srv, LP_ERR_LIMIT,
			        "the gradient's circle on <%s> reaches more than %d times the "
			        "viewBox's size beyond it",
			        n->name, LP_SVG_MAX_REACH);
			return;
		}
	}
	memcpy(stops, g->stops, g->n_stops * sizeof *stops);
	sh->grad = (lp_dl_gradient){.radial = true,
	        .cx = (float)g->cx,
	        .cy = (float)g->cy,
	        .r = (float)g->r,
	        .fx = (float)g->fx,
	        .fy = (float)g->fy,
	        .m = {(float)m.a, (float)m.b, (float)m.c, (float)m.d, (float)m.e, (float)m.f},
	        .stops = stops,
	        .n_stops = g->n_stops};
	double dx = (double)sh->grad.fx - sh->grad.cx, dy = (double)sh->grad.fy - sh->grad.cy;
	double det = (double)sh->grad.m[0] * sh->grad.m[3] - (double)sh->grad.m[1] * sh->grad.m[2];
	if (!(sh->grad.r > 0) || !(dx * dx + dy * dy < (double)sh->grad.r * sh->grad.r) ||
	        det == 0) /* lost to float */
		sh->grad.n_stops = 0;
}

/* The paint of a fill that names a paint server: a gradient drawn for
 * real (sh->grad set); anything else is not drawn. */
static void
server_fill(svg_walk *w, const lp_svg_node *n, const lp_svg_style *st, const double box[4],
        svg_shape *sh, lp_dl_stop *stops)
{
	const lp_svg_node *srv = &w->tree.nodes[st->fill_server];
	if (srv->kind != LP_SVG_EL_LINEAR && srv->kind != LP_SVG_EL_RADIAL) {
		lp_svg_warn_once(&w->warn, "paint-server", n->line, n->col,
		        "<%s> is filled by a <%s>, which is not drawn: the fill is left out",
		        n->name, srv->name);
		sh->path.fill = false;
		return;
	}
	lp_svg_gradient g;
	lp_status s =
	        lp_svg_gradient_read(&w->tree, st->fill_server, w->svg->vb, &g, w->name, w->diag);
	if (s != LP_OK) {
		w->status = s;
		return;
	}
	if (g.n_stops == 0) { /* SVG: as if fill were none */
		sh->path.fill = false;
		return;
	}
	sh->path.fill_color = g.mean;
	sh->path.fill_opacity = (float)(sh->path.fill_opacity * g.opacity);
	if (g.opacity_varies)
		lp_svg_warn_once(&w->warn, "stop-opacity", srv->line, srv->col,
		        "stops of different stop-opacity are drawn with their mean opacity");
	if (g.spread_other)
		lp_svg_warn_once(&w->warn, "spreadMethod", srv->line, srv->col,
		        "spreadMethod reflect and repeat are drawn as pad");
	if (g.n_stops == 1)
		return;
	if (g.radial) {
		radial_fill(w, n, srv, &g, box, &st->ctm, sh, stops);
		return;
	}
	double axis[4];
	if (!lp_svg_gradient_place(&g, box, &st->ctm, axis)) {
		sh->path.fill_color = g.stops[g.n_stops - 1].color;
		return;
	}
	const float *vb = w->svg->vb;
	double reach = LP_SVG_MAX_REACH * fmax(vb[2], vb[3]);
	for (int i = 0; i < 4; i++) {
		if (!(fabs(axis[i] - vb[i % 2]) <= reach)) {
			lp_svg_fail_at(w, srv, LP_ERR_LIMIT,
			        "the gradient's axis on <%s> reaches more than %d times the "
			        "viewBox's size beyond it",
			        n->name, LP_SVG_MAX_REACH);
			return;
		}
	}
	memcpy(stops, g.stops, g.n_stops * sizeof *stops);
	sh->grad = (lp_dl_gradient){.x0 = (float)axis[0],
	        .y0 = (float)axis[1],
	        .x1 = (float)axis[2],
	        .y1 = (float)axis[3],
	        .stops = stops,
	        .n_stops = g.n_stops};
	if (sh->grad.x0 == sh->grad.x1 && sh->grad.y0 == sh->grad.y1) /* lost to float */
		sh->grad.n_stops = 0;
}

void
lp_svg_draw_shape(svg_walk *w, const lp_svg_node *n, const lp_svg_style *st)
{
	lp_svg *svg = w->svg;
	lp_svg_pathbuf pb = {
	        .m = lp_svg_matrix_identity(), .max = LP_MAX_SVG_SEGMENTS - svg->n_segs};
	if (!geometry(w, n, &pb) || pb.nomem || pb.too_many) {
		free(pb.segs);
		if (pb.nomem)
			lp_svg_fail_at(w, n, LP_ERR_NOMEM, "out of memory");
		else if (pb.too_many)
			lp_svg_fail_at(w, n, LP_ERR_LIMIT,
			        "the SVG has more than %u path segments (counting each copy a "
			        "<use> makes)",
			        LP_MAX_SVG_SEGMENTS);
		return;
	}
	svg->n_segs += pb.n;
	if (pb.n == 0 || st->hidden || (!st->fill && !st->stroke)) {
		free(pb.segs);
		return;
	}
	double box[4];
	path_box(&pb, box);
	const float *vb = svg->vb;
	double reach = LP_SVG_MAX_REACH * fmax(vb[2], vb[3]);
	double lim[4] = {
	        vb[0] - reach, vb[1] - reach, vb[0] + vb[2] + reach, vb[1] + vb[3] + reach};
	/* A stroke width scales with the transform's mean scale factor. */
	double width = st->stroke_width * sqrt(fabs(st->ctm.a * st->ctm.d - st->ctm.b * st->ctm.c));
	if (pb.out_of_range || !transform_points(&pb, &st->ctm, lim) ||
	        (st->stroke && !(width <= reach))) {
		free(pb.segs);
		lp_svg_fail_at(w, n, LP_ERR_LIMIT,
		        "<%s> reaches more than %d times the viewBox's size beyond "
		        "it (its coordinates or transforms are too large)",
		        n->name, LP_SVG_MAX_REACH);
		return;
	}
	lp_dl_stop stops[LP_DL_MAX_STOPS];
	svg_shape sh = {.path = {.segs = pb.segs,
	                        .n_segs = pb.n,
	                        .fill = st->fill,
	                        .stroke = st->stroke,
	                        .even_odd = st->even_odd,
	                        .fill_color = st->fill_color,
	                        .stroke_color = st->stroke_color,
	                        .fill_opacity = (float)(st->fill_opacity * st->opacity),
	                        .stroke_opacity = (float)(st->stroke_opacity * st->opacity),
	                        .stroke_width_pt = (float)width}};
	if (st->fill && st->fill_server != LP_SVG_NONE)
		server_fill(w, n, st, box, &sh, stops);
	if (st->stroke && st->stroke_server != LP_SVG_NONE) {
		const lp_svg_node *srv = &w->tree.nodes[st->stroke_server];
		lp_svg_gradient g = {.n_stops = 0};
		bool grad = srv->kind == LP_SVG_EL_LINEAR || srv->kind == LP_SVG_EL_RADIAL;
		lp_status s = grad ? lp_svg_gradient_read(
		                             &w->tree, st->stroke_server, vb, &g, w->name, w->diag)
		                   : LP_OK;
		if (s != LP_OK)
			w->status = s;
		lp_svg_warn_once(&w->warn, "stroke-server", n->line, n->col,
		        grad ? "a gradient stroke is drawn in the mean colour of its stops"
		             : "a stroke by a <pattern> or other paint server is not drawn");
		sh.path.stroke = grad && g.n_stops > 0;
		if (sh.path.stroke) {
			sh.path.stroke_color = g.mean;
			sh.path.stroke_opacity = (float)(sh.path.stroke_opacity * g.opacity);
		}
	}
	if (w->status != LP_OK || (!sh.path.fill && !sh.path.stroke)) {
		free(pb.segs);
		return;
	}
	add_shape(w, n, &sh);
}
