/* SVG linear and radial gradients; see svg_gradient.h. */
#include "image/svg_gradient.h"

#include "image/svg_style.h"

#include "base/diag.h"

#include <math.h>
#include <string.h>

/* How many gradients an href chain may pass through: templates are one
 * or two deep. */
#define SVG_GRADIENT_CHAIN 16

/* The first node of the chain with attribute name, or NULL. */
static const char *
chain_attr(const lp_svg_tree *t, const uint32_t *chain, uint32_t n, const char *name)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *v = lp_svg_attr(&t->nodes[chain[i]], name);
		if (v)
			return v;
	}
	return NULL;
}

/* A coordinate: a number, or a percentage (of the box, or of the
 * viewBox's side in user space). */
static bool
coord(const char *v, double dflt, double side, bool user_space, double *out)
{
	*out = dflt;
	if (!v)
		return true;
	const char *s = v;
	if (!lp_svg_number(&s, out))
		return false;
	while (*s == ' ')
		s++;
	if (*s == '%') {
		*out = *out / 100 * (user_space ? side : 1);
		s++;
	} else if (*s) {
		return lp_svg_parse_length(v, out);
	}
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/* A stop's colour and opacity: attributes, then its style attribute. */
static bool
stop_paint(const lp_svg_node *n, lp_rgb *rgb, double *opacity)
{
	const char *c = lp_svg_attr(n, "stop-color"), *o = lp_svg_attr(n, "stop-opacity");
	char cbuf[64], obuf[32];
	const char *style = lp_svg_attr(n, "style");
	for (const char *s = style; s && *s;) {
		while (*s == ' ' || *s == ';' || *s == '\t' || *s == '\n')
			s++;
		const char *colon = strchr(s, ':'), *end = strchr(s, ';');
		if (!colon || (end && end < colon))
			break;
		if (!end)
			end = s + strlen(s);
		const char *v = colon + 1;
		while (*v == ' ')
			v++;
		size_t vl = (size_t)(end - v);
		bool is_c = strncmp(s, "stop-color", 10) == 0,
		     is_o = strncmp(s, "stop-opacity", 12) == 0;
		if ((is_c && vl < sizeof cbuf) || (is_o && vl < sizeof obuf)) {
			char *buf = is_c ? cbuf : obuf;
			memcpy(buf, v, vl);
			buf[vl] = '\0';
			*(is_c ? &c : &o) = buf;
		}
		s = end;
	}
	bool on = true;
	*rgb = 0;
	*opacity = 1;
	if (c && !lp_svg_parse_colour(c, &on, rgb))
		return false;
	if (!on)
		*opacity = 0;
	if (o) {
		double v;
		if (!lp_svg_parse_length(o, &v))
			return false;
		*opacity *= fmin(1, fmax(0, v));
	}
	return true;
}

/* The stops of the first node of the chain that has any. */
static lp_status
read_stops(const lp_svg_tree *t, const uint32_t *chain, uint32_t n, lp_svg_gradient *g,
        const char *file, lp_diag *diag)
{
	double op[LP_DL_MAX_STOPS];
	for (uint32_t i = 0; i < n && g->n_stops == 0; i++) {
		for (uint32_t k = t->nodes[chain[i]].first_child; k != LP_SVG_NONE;
		        k = t->nodes[k].next_sibling) {
			const lp_svg_node *s = &t->nodes[k];
			if (s->kind != LP_SVG_EL_STOP)
				continue;
			if (g->n_stops + 2 >= LP_DL_MAX_STOPS)
				return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, file, s->line,
				        s->col, "a gradient has more than %d stops",
				        LP_DL_MAX_STOPS - 2);
			double off;
			lp_rgb rgb;
			double o;
			if (!coord(lp_svg_attr(s, "offset"), 0, 1, false, &off) ||
			        !stop_paint(s, &rgb, &o))
				return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, file, s->line,
				        s->col, "bad offset, stop-color or stop-opacity in <stop>");
			off = fmin(1, fmax(0, off));
			if (g->n_stops && off < g->stops[g->n_stops - 1].offset)
				off = g->stops[g->n_stops - 1].offset;
			op[g->n_stops] = o;
			g->stops[g->n_stops++] = (lp_dl_stop){(float)off, rgb};
		}
	}
	if (g->n_stops == 0)
		return LP_OK;
	/* The end colours repeated out to 0 and 1. */
	if (g->n_stops >= 2 && g->stops[0].offset > 0) {
		memmove(g->stops + 1, g->stops, g->n_stops * sizeof *g->stops);
		memmove(op + 1, op, g->n_stops * sizeof *op);
		g->stops[0].offset = 0;
		g->n_stops++;
	}
	if (g->n_stops >= 2 && g->stops[g->n_stops - 1].offset < 1) {
		g->stops[g->n_stops] = g->stops[g->n_stops - 1];
		op[g->n_stops] = op[g->n_stops - 1];
		g->stops[g->n_stops++].offset = 1;
	}
	double sum[3] = {0, 0, 0}, osum = 0;
	for (uint32_t i = 0; i + 1 < g->n_stops; i++) {
		double w = (double)(g->stops[i + 1].offset - g->stops[i].offset);
		for (int c = 0; c < 3; c++)
			sum[c] += w *
			          (((g->stops[i].color >> (16 - 8 * c)) & 0xff) +
			                  ((g->stops[i + 1].color >> (16 - 8 * c)) & 0xff)) /
			          2;
		osum += w * (op[i] + op[i + 1]) / 2;
	}
	if (g->n_stops == 1) {
		for (int c = 0; c < 3; c++)
			sum[c] = (g->stops[0].color >> (16 - 8 * c)) & 0xff;
		osum = op[0];
	}
	g->mean = 0;
	for (int c = 0; c < 3; c++)
		g->mean = g->mean << 8 | (lp_rgb)fmin(255, fmax(0, round(sum[c])));
	g->opacity = osum;
	for (uint32_t i = 1; i < g->n_stops; i++)
		g->opacity_varies |= op[i] != op[0];
	return LP_OK;
}

lp_status
lp_svg_gradient_read(const lp_svg_tree *t, uint32_t k, const float vb[4], lp_svg_gradient *g,
        const char *file, lp_diag *diag)
{
	*g = (lp_svg_gradient){.radial = t->nodes[k].kind == LP_SVG_EL_RADIAL};
	uint32_t chain[SVG_GRADIENT_CHAIN], n = 0;
	for (uint32_t at = k; at != LP_SVG_NONE;) {
		const lp_svg_node *node = &t->nodes[at];
		for (uint32_t i = 0; i < n; i++) {
			if (chain[i] == at)
				return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, file,
				        node->line, node->col,
				        "gradients refer to each other through href in a cycle");
		}
		if (n == SVG_GRADIENT_CHAIN)
			return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, file, node->line,
			        node->col, "gradients refer through href more than %d deep",
			        SVG_GRADIENT_CHAIN);
		chain[n++] = at;
		const char *href = lp_svg_attr(node, "href");
		at = LP_SVG_NONE;
		if (href && href[0] == '#') {
			at = lp_svg_tree_find(t, href + 1, strlen(href + 1));
			if (at != LP_SVG_NONE && t->nodes[at].kind != LP_SVG_EL_LINEAR &&
			        t->nodes[at].kind != LP_SVG_EL_RADIAL)
				at = LP_SVG_NONE;
		}
	}
	const lp_svg_node *node = &t->nodes[k];
	const char *units = chain_attr(t, chain, n, "gradientUnits");
	g->user_space = units && strcmp(units, "userSpaceOnUse") == 0;
	const char *spread = chain_attr(t, chain, n, "spreadMethod");
	g->spread_other = spread && strcmp(spread, "pad") != 0;
	g->transform = lp_svg_matrix_identity();
	const char *tr = chain_attr(t, chain, n, "gradientTransform");
	if (tr && lp_svg_parse_transform(tr, &g->transform) >= 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, file, node->line, node->col,
		        "bad gradientTransform \"%s\"", tr);
	if (!g->radial) {
		bool u = g->user_space;
		if (!coord(chain_attr(t, chain, n, "x1"), 0, vb[2], u, &g->x1) ||
		        !coord(chain_attr(t, chain, n, "y1"), 0, vb[3], u, &g->y1) ||
		        !coord(chain_attr(t, chain, n, "x2"), u ? vb[2] : 1, vb[2], u, &g->x2) ||
		        !coord(chain_attr(t, chain, n, "y2"), 0, vb[3], u, &g->y2))
			return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, file, node->line,
			        node->col, "bad x1, y1, x2 or y2 in <%s>", node->name);
	}
	if (g->radial) {
		bool u = g->user_space;
		/* Percentages of r: of the viewBox's diagonal over sqrt 2. */
		double side = sqrt(((double)vb[2] * vb[2] + (double)vb[3] * vb[3]) / 2);
		if (!coord(chain_attr(t, chain, n, "cx"), u ? vb[2] / 2 : .5, vb[2], u, &g->cx) ||
		        !coord(chain_attr(t, chain, n, "cy"), u ? vb[3] / 2 : .5, vb[3], u,
		                &g->cy) ||
		        !coord(chain_attr(t, chain, n, "r"), u ? side / 2 : .5, side, u, &g->r) ||
		        !coord(chain_attr(t, chain, n, "fx"), g->cx, vb[2], u, &g->fx) ||
		        !coord(chain_attr(t, chain, n, "fy"), g->cy, vb[3], u, &g->fy))
			return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, file, node->line,
			        node->col, "bad cx, cy, r, fx or fy in <%s>", node->name);
		/* A focus on or outside the circle moves just inside it (SVG 1.1
		 * §13.2.3 puts it on the edge, where the shading degenerates). */
		double dx = g->fx - g->cx, dy = g->fy - g->cy, dist = sqrt(dx * dx + dy * dy);
		if (dist > 0.99 * g->r && dist > 0) {
			g->fx = g->cx + dx * 0.99 * g->r / dist;
			g->fy = g->cy + dy * 0.99 * g->r / dist;
		}
	}
	return read_stops(t, chain, n, g, file, diag);
}

/* gradientTransform, then the box (for objectBoundingBox), then the
 * shape's ctm. */
bool
lp_svg_gradient_map(
        const lp_svg_gradient *g, const double bbox[4], const lp_svg_matrix *ctm, lp_svg_matrix *m)
{
	lp_svg_matrix box = {bbox[2] - bbox[0], 0, 0, bbox[3] - bbox[1], bbox[0], bbox[1]};
	*m = g->user_space ? g->transform : lp_svg_matrix_mul(&g->transform, &box);
	*m = lp_svg_matrix_mul(m, ctm);
	double det = m->a * m->d - m->b * m->c;
	return fabs(det) > 1e-12 && isfinite(det);
}

bool
lp_svg_gradient_place(
        const lp_svg_gradient *g, const double bbox[4], const lp_svg_matrix *ctm, double axis[4])
{
	/* Gradient space → the root's user space. */
	lp_svg_matrix m;
	double dx = g->x2 - g->x1, dy = g->y2 - g->y1, dd = dx * dx + dy * dy;
	if (!lp_svg_gradient_map(g, bbox, ctm, &m) || !(dd > 0))
		return false;
	double det = m.a * m.d - m.b * m.c;
	/* The inverse, q = N r: gradient space from the root's. */
	lp_svg_matrix inv = {m.d / det, -m.b / det, -m.c / det, m.a / det, 0, 0};
	inv.e = -(inv.a * m.e + inv.c * m.f);
	inv.f = -(inv.b * m.e + inv.d * m.f);
	/* t = (q - p1) · d / |d|², affine in r: t = gx x + gy y + beta. Its
	 * lines of equal t are parallel in any space, so the axis across
	 * them from t = 0 to t = 1 is all a reader needs. */
	double gx = (inv.a * dx + inv.b * dy) / dd, gy = (inv.c * dx + inv.d * dy) / dd;
	double beta = ((inv.e - g->x1) * dx + (inv.f - g->y1) * dy) / dd;
	double gg = gx * gx + gy * gy;
	if (!(gg > 0) || !isfinite(gg) || !isfinite(beta))
		return false;
	axis[0] = -beta * gx / gg;
	axis[1] = -beta * gy / gg;
	axis[2] = (1 - beta) * gx / gg;
	axis[3] = (1 - beta) * gy / gg;
	return true;
}
