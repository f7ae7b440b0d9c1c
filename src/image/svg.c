/*
 * SVG emblems: the file read into an element tree (svg_tree.c), its
 * <style> sheets matched (svg_css.c), then the tree walked from the root
 * into a list of filled/stroked paths in the root's user units; <use>
 * draws the element it names there, wherever it is defined. lp_svg_emit()
 * maps the viewBox into a page rectangle (preserveAspectRatio xMidYMid
 * meet). The input is untrusted: see svg_tree.c for the XML, and here
 * <use> cycles are refused and every copy a <use> makes is counted
 * (LP_MAX_SVG_USE_DEPTH, LP_MAX_SVG_DRAWN, LP_MAX_SVG_SEGMENTS).
 *
 * What is not drawn (<text>, <image>, filters, masks, clipping, patterns,
 * markers, dashes) is a warning at its line:col, once per kind and file.
 * Group opacity is approximated by multiplying it into the children's
 * fill and stroke opacity, which is exact unless shapes in the group
 * overlap.
 */
#include "image/svg_internal.h"
#include "image/svg_path.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
lp_svg_fail_at(svg_walk *w, const lp_svg_node *n, lp_status code, const char *fmt, ...)
{
	if (w->status != LP_OK)
		return;
	if (code == LP_ERR_NOMEM) {
		w->status = code;
		return;
	}
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	w->status = lp_diag_report(w->diag, LP_ERROR, code, w->name, n->line, n->col, "%s", msg);
}

bool
lp_svg_num_attr(svg_walk *w, const lp_svg_node *n, const char *name, double dflt, double *out)
{
	const char *v = lp_svg_attr(n, name);
	*out = dflt;
	if (v && !lp_svg_parse_length(v, out)) {
		lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "bad number in attribute %s", name);
		return false;
	}
	return true;
}

/* ---- The walk -------------------------------------------------------- */

static void draw(svg_walk *w, uint32_t k, const lp_svg_style *parent);

/* The element's own style over its parent's: transform, presentation
 * attributes, the sheets' rules, the style attribute (SVG 2 §6.7). */
static bool
element_style(svg_walk *w, uint32_t k, lp_svg_style *st)
{
	const lp_svg_node *n = &w->tree.nodes[k];
	st->display_none = false;
	st->skipped = st->bad_url = NULL;
	const char *tr = lp_svg_attr(n, "transform");
	if (tr) {
		lp_svg_matrix m;
		if (lp_svg_parse_transform(tr, &m) >= 0) {
			lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "bad transform \"%s\"", tr);
			return false;
		}
		st->ctm = lp_svg_matrix_mul(&m, &st->ctm);
		const double *v = &st->ctm.a;
		for (int i = 0; i < 6; i++) {
			if (!isfinite(v[i])) {
				lp_svg_fail_at(w, n, LP_ERR_LIMIT,
				        "the transforms down to <%s> overflow", n->name);
				return false;
			}
		}
	}
	for (int i = 0; n->atts[i]; i += 2) {
		const char *key = n->atts[i];
		if (strcmp(key, "style") == 0 || strcmp(key, "transform") == 0)
			continue;
		if (!lp_svg_apply_property(st, key, n->atts[i + 1])) {
			lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "bad value for %s", key);
			return false;
		}
	}
	for (uint32_t i = w->css.match_at[k]; i < w->css.match_at[k + 1]; i++) {
		const lp_svg_css_rule *r = &w->css.rules[w->css.match[i]];
		if (!lp_svg_apply_style(st, r->decls))
			lp_svg_warn_once(&w->warn, "css-declaration", r->line, r->col,
			        "the CSS rule here has a malformed declaration; the rest of it is "
			        "skipped");
	}
	const char *style = lp_svg_attr(n, "style");
	if (style && !lp_svg_apply_style(st, style)) {
		lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "malformed style attribute \"%s\"", style);
		return false;
	}
	if (st->skipped)
		lp_svg_warn_once(&w->warn, st->skipped, n->line, n->col,
		        "%s on <%s> is not drawn: the drawing may look different", st->skipped,
		        n->name);
	if (st->bad_url)
		lp_svg_warn_once(&w->warn, "bad-url", n->line, n->col,
		        "<%s> has %s: it is not painted", n->name, st->bad_url);
	return true;
}

static void
draw_children(svg_walk *w, uint32_t k, const lp_svg_style *st)
{
	for (uint32_t c = w->tree.nodes[k].first_child; c != LP_SVG_NONE && w->status == LP_OK;
	        c = w->tree.nodes[c].next_sibling)
		draw(w, c, st);
}

/* A <switch> draws its first child whose conditions hold (SVG 1.1 §5.8.2).
 * letterpress claims no feature or extension and no language, so that is
 * the first child with none of the conditional attributes: what editors
 * put last for the viewers that have none (text as paths after a
 * <foreignObject>). */
static void
draw_switch(svg_walk *w, uint32_t k, const lp_svg_style *st)
{
	for (uint32_t c = w->tree.nodes[k].first_child; c != LP_SVG_NONE;
	        c = w->tree.nodes[c].next_sibling) {
		const lp_svg_node *n = &w->tree.nodes[c];
		if (lp_svg_attr(n, "requiredFeatures") || lp_svg_attr(n, "requiredExtensions") ||
		        lp_svg_attr(n, "systemLanguage"))
			continue;
		draw(w, c, st);
		return;
	}
}

/* True when drawing target would reach a <use> being drawn: the target
 * is that <use> or holds it. */
static bool
in_cycle(const svg_walk *w, uint32_t target, uint32_t use)
{
	for (uint32_t i = 0; i <= w->n_uses; i++) {
		uint32_t u = i < w->n_uses ? w->uses[i] : use;
		for (uint32_t a = u; a != LP_SVG_NONE; a = w->tree.nodes[a].parent)
			if (a == target)
				return true;
	}
	return false;
}

/* A <symbol>'s viewBox fitted into the <use>'s width and height (xMidYMid
 * meet), its children drawn there. */
static void
draw_symbol(svg_walk *w, const lp_svg_node *use, uint32_t sym, lp_svg_style *st)
{
	const lp_svg_node *s = &w->tree.nodes[sym];
	const char *vbs = lp_svg_attr(s, "viewBox");
	double vb[4], uw, uh, sw, sh;
	if (vbs) {
		const char *p = vbs;
		for (int i = 0; i < 4; i++) {
			if (!lp_svg_number(&p, &vb[i])) {
				lp_svg_fail_at(w, s, LP_ERR_SYNTAX, "bad viewBox \"%s\"", vbs);
				return;
			}
		}
		if (!lp_svg_num_attr(w, s, "width", w->svg->vb[2], &sw) ||
		        !lp_svg_num_attr(w, s, "height", w->svg->vb[3], &sh) ||
		        !lp_svg_num_attr(w, use, "width", sw, &uw) ||
		        !lp_svg_num_attr(w, use, "height", sh, &uh))
			return;
		if (vb[2] > 0 && vb[3] > 0 && uw > 0 && uh > 0) {
			double sc = fmin(uw / vb[2], uh / vb[3]);
			lp_svg_matrix m = {sc, 0, 0, sc, (uw - sc * vb[2]) / 2 - sc * vb[0],
			        (uh - sc * vb[3]) / 2 - sc * vb[1]};
			st->ctm = lp_svg_matrix_mul(&m, &st->ctm);
		}
	}
	if (element_style(w, sym, st) && !st->display_none)
		draw_children(w, sym, st);
}

static void
draw_use(svg_walk *w, uint32_t k, lp_svg_style *st)
{
	const lp_svg_node *n = &w->tree.nodes[k];
	const char *href = lp_svg_attr(n, "href");
	if (!href || href[0] != '#') {
		lp_svg_warn_once(&w->warn, "use-outside", n->line, n->col,
		        "<use> of \"%s\" is not drawn: only elements of the same file "
		        "(\"#id\") are",
		        href ? href : "");
		return;
	}
	uint32_t target = lp_svg_tree_find(&w->tree, href + 1, strlen(href + 1));
	if (target == LP_SVG_NONE) {
		lp_svg_warn_once(&w->warn, "use-missing", n->line, n->col,
		        "<use> of \"%s\" is not drawn: no element has that id", href);
		return;
	}
	if (in_cycle(w, target, k)) {
		lp_svg_fail_at(w, n, LP_ERR_SYNTAX,
		        "<use> of \"%s\" draws an element that holds this <use>: a cycle", href);
		return;
	}
	if (w->n_uses >= LP_MAX_SVG_USE_DEPTH) {
		lp_svg_fail_at(w, n, LP_ERR_LIMIT,
		        "<use> inside what a <use> draws, more than %d deep", LP_MAX_SVG_USE_DEPTH);
		return;
	}
	double x, y;
	if (!lp_svg_num_attr(w, n, "x", 0, &x) || !lp_svg_num_attr(w, n, "y", 0, &y))
		return;
	lp_svg_matrix t = {1, 0, 0, 1, x, y};
	st->ctm = lp_svg_matrix_mul(&t, &st->ctm);
	w->uses[w->n_uses++] = k;
	if (w->tree.nodes[target].kind == LP_SVG_EL_SYMBOL)
		draw_symbol(w, n, target, st);
	else
		draw(w, target, st);
	w->n_uses--;
}

static void
draw(svg_walk *w, uint32_t k, const lp_svg_style *parent)
{
	const lp_svg_node *n = &w->tree.nodes[k];
	if (++w->drawn > LP_MAX_SVG_DRAWN) {
		lp_svg_fail_at(w, n, LP_ERR_LIMIT,
		        "the SVG draws more than %u elements, counting each copy a <use> makes",
		        LP_MAX_SVG_DRAWN);
		return;
	}
	switch (n->kind) {
	case LP_SVG_EL_QUIET:
	case LP_SVG_EL_STYLE:
	case LP_SVG_EL_DEFS:
	case LP_SVG_EL_SYMBOL: /* drawn only by a <use> */
	case LP_SVG_EL_LINEAR:
	case LP_SVG_EL_RADIAL:
	case LP_SVG_EL_STOP:
		return;
	case LP_SVG_EL_OTHER:
		lp_svg_warn_once(&w->warn, n->name, n->line, n->col,
		        "<%s> is not drawn: letterpress draws shapes, paths, groups, <use> and "
		        "gradients",
		        n->name);
		return;
	default:
		break;
	}
	lp_svg_style st = *parent;
	if (!element_style(w, k, &st) || st.display_none)
		return;
	switch (n->kind) {
	case LP_SVG_EL_SVG: /* a nested <svg> is drawn as a group (its viewBox is not applied) */
	case LP_SVG_EL_G:
	case LP_SVG_EL_A:
		draw_children(w, k, &st);
		break;
	case LP_SVG_EL_SWITCH:
		draw_switch(w, k, &st);
		break;
	case LP_SVG_EL_USE:
		draw_use(w, k, &st);
		break;
	default:
		lp_svg_draw_shape(w, n, &st);
		break;
	}
}

static void
read_root(svg_walk *w)
{
	lp_svg *svg = w->svg;
	const lp_svg_node *n = &w->tree.nodes[0];
	double wd, ht;
	const char *vb = lp_svg_attr(n, "viewBox");
	const char *ws = lp_svg_attr(n, "width"), *hs = lp_svg_attr(n, "height");
	/* width="100%" says "fill the viewport": the size is the viewBox's. */
	bool w_rel = ws && strchr(ws, '%'), h_rel = hs && strchr(hs, '%');
	wd = ht = -1;
	if ((!w_rel && !lp_svg_num_attr(w, n, "width", -1, &wd)) ||
	        (!h_rel && !lp_svg_num_attr(w, n, "height", -1, &ht)))
		return;
	if (vb) {
		const char *s = vb;
		double v[4];
		for (int i = 0; i < 4; i++) {
			if (!lp_svg_number(&s, &v[i])) {
				lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "bad viewBox \"%s\"", vb);
				return;
			}
			svg->vb[i] = (float)v[i];
		}
		if (v[2] <= 0 || v[3] <= 0) {
			lp_svg_fail_at(w, n, LP_ERR_SYNTAX, "empty viewBox \"%s\"", vb);
			return;
		}
	}
	svg->width = (float)(wd > 0 ? wd : vb ? svg->vb[2] : 0);
	svg->height = (float)(ht > 0 ? ht : vb ? svg->vb[3] : 0);
	if (!vb) {
		svg->vb[2] = svg->width;
		svg->vb[3] = svg->height;
	}
	if (!(svg->vb[2] > 0 && svg->vb[3] > 0))
		lp_svg_fail_at(w, n, LP_ERR_SYNTAX,
		        "the SVG has no size: give a viewBox or width and height");
}

/* ---- Public ---------------------------------------------------------- */

void
lp_svg_drop(lp_svg *svg)
{
	if (!svg)
		return;
	for (uint32_t i = 0; i < svg->n_shapes; i++) {
		free((void *)svg->shapes[i].path.segs);
		free((void *)svg->shapes[i].grad.stops);
	}
	free(svg->shapes);
	free(svg);
}

lp_status
lp_svg_from_memory(const char *name, const void *data, size_t size, lp_svg **out, lp_diag *diag)
{
	svg_walk w = {.name = name ? name : "<svg>", .diag = diag};
	w.warn = (lp_svg_warn){.file = w.name, .diag = diag};
	*out = NULL;
	if (size > LP_MAX_SVG_BYTES) {
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, w.name, 0, 0,
		        "SVG is %zu bytes; the limit is %u", size, (unsigned)LP_MAX_SVG_BYTES);
	}
	w.svg = calloc(1, sizeof *w.svg);
	if (!w.svg)
		return LP_ERR_NOMEM;
	w.status = lp_svg_tree_parse(w.name, data, size, &w.tree, diag);
	if (w.status == LP_OK)
		w.status = lp_svg_css_read(&w.tree, &w.css, &w.warn);
	if (w.status == LP_OK)
		read_root(&w);
	if (w.status == LP_OK) {
		lp_svg_style root = {.ctm = lp_svg_matrix_identity(),
		        .fill = true,
		        .fill_opacity = 1,
		        .stroke_opacity = 1,
		        .opacity = 1,
		        .stroke_width = 1,
		        .fill_server = LP_SVG_NONE,
		        .stroke_server = LP_SVG_NONE,
		        .tree = &w.tree};
		if (element_style(&w, 0, &root) && !root.display_none)
			draw_children(&w, 0, &root);
	}
	lp_svg_tree_drop(&w.tree);
	if (w.status != LP_OK) {
		lp_svg_drop(w.svg);
		return w.status;
	}
	*out = w.svg;
	return LP_OK;
}

lp_status
lp_svg_load(const char *path, lp_svg **out, lp_diag *diag)
{
	lp_source *src = NULL;
	*out = NULL;
	lp_status s = lp_source_load(path, LP_MAX_SVG_BYTES, &src, diag);
	if (s == LP_OK)
		s = lp_svg_from_memory(path, lp_source_data(src), lp_source_size(src), out, diag);
	lp_source_drop(src);
	return s;
}

void
lp_svg_size(const lp_svg *svg, float *w, float *h)
{
	*w = svg->width;
	*h = svg->height;
}

void
lp_svg_emit(const lp_svg *svg, float x, float y, float w, float h, lp_dlist_builder *b)
{
	/* preserveAspectRatio="xMidYMid meet" (SVG 1.1 §7.8). A uniform scale
	 * and a shift keep a gradient's axis across its lines of colour. */
	double s = fmin((double)w / svg->vb[2], (double)h / svg->vb[3]);
	double ox = x + (w - s * svg->vb[2]) / 2 - s * svg->vb[0];
	double oy = y + (h - s * svg->vb[3]) / 2 - s * svg->vb[1];
	for (uint32_t i = 0; i < svg->n_shapes; i++) {
		lp_dl_path path = svg->shapes[i].path;
		lp_path_seg *segs = malloc((path.n_segs ? path.n_segs : 1) * sizeof *segs);
		if (!segs) {
			/* The builder has no way to take an error from outside but
			 * a non-finite value, which its finish() rejects. */
			lp_dlist_begin_page(b, NAN, NAN);
			return;
		}
		for (uint32_t k = 0; k < path.n_segs; k++) {
			segs[k] = path.segs[k];
			for (int j = 0; j < 3; j++) {
				segs[k].pt[2 * j] = (float)(ox + s * segs[k].pt[2 * j]);
				segs[k].pt[2 * j + 1] = (float)(oy + s * segs[k].pt[2 * j + 1]);
			}
		}
		path.segs = segs;
		path.stroke_width_pt = (float)(path.stroke_width_pt * s);
		lp_dl_gradient grad = svg->shapes[i].grad;
		if (grad.n_stops && grad.radial) {
			for (int k = 0; k < 6; k++) /* then the page's scale and shift */
				grad.m[k] = (float)(s * grad.m[k] + (k == 4          ? ox
				                                            : k == 5 ? oy
				                                                     : 0));
			path.fill_gradient = &grad;
		} else if (grad.n_stops) {
			grad.x0 = (float)(ox + s * grad.x0), grad.y0 = (float)(oy + s * grad.y0);
			grad.x1 = (float)(ox + s * grad.x1), grad.y1 = (float)(oy + s * grad.y1);
			path.fill_gradient = &grad;
		}
		lp_dlist_add_path(b, &path);
		free(segs);
	}
}
