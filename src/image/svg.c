/*
 * SVG emblems read with expat into a list of filled/stroked paths in SVG
 * user units; lp_svg_emit() maps the viewBox into a page rectangle
 * (preserveAspectRatio xMidYMid meet). The input is untrusted: a DOCTYPE,
 * any entity declaration and external entities are refused (so there is no
 * "billion laughs"), nesting is capped, and every error names line:col.
 *
 * Group opacity is approximated by multiplying it into the children's fill
 * and stroke opacity, which is exact unless shapes in the group overlap.
 */
#include "image/image.h"
#include "image/svg_path.h"
#include "image/svg_style.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct svg_shape {
	lp_dl_path path; /* segs malloc'ed */
} svg_shape;

struct lp_svg {
	float vb[4]; /* viewBox x y w h */
	float width, height;
	svg_shape *shapes;
	uint32_t n_shapes, cap_shapes;
	uint32_t n_segs; /* in all shapes */
};

typedef struct svg_parse {
	XML_Parser xml;
	const char *name;
	lp_diag *diag;
	lp_status status;
	lp_svg *svg;
	lp_svg_style stack[LP_MAX_SVG_DEPTH + 1];
	int depth; /* elements open */
	int skip_depth; /* > 0 while inside an element we do not draw */
	bool seen_root;
} svg_parse;

static void fail_at(svg_parse *p, lp_status code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void
fail_at(svg_parse *p, lp_status code, const char *fmt, ...)
{
	if (p->status != LP_OK)
		return;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	uint32_t line = (uint32_t)XML_GetCurrentLineNumber(p->xml);
	uint32_t col = (uint32_t)XML_GetCurrentColumnNumber(p->xml) + 1;
	p->status = lp_diag_report(p->diag, LP_ERROR, code, p->name, line, col, "%s", msg);
	XML_StopParser(p->xml, XML_FALSE);
}

static const char *
attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

static bool
num_attr(svg_parse *p, const char **atts, const char *name, double dflt, double *out)
{
	const char *v = attr(atts, name);
	*out = dflt;
	if (v && !lp_svg_parse_length(v, out)) {
		fail_at(p, LP_ERR_SYNTAX, "bad number in attribute %s", name);
		return false;
	}
	return true;
}

/* ---- Elements -------------------------------------------------------- */

static void
add_shape(svg_parse *p, const lp_svg_style *st, lp_svg_pathbuf *pb, double stroke_width)
{
	lp_svg *svg = p->svg;
	if (pb->nomem) {
		free(pb->segs);
		p->status = LP_ERR_NOMEM;
		XML_StopParser(p->xml, XML_FALSE);
		return;
	}
	if (pb->too_many) {
		free(pb->segs);
		fail_at(p, LP_ERR_LIMIT, "the SVG has more than %u path segments",
		        LP_MAX_SVG_SEGMENTS);
		return;
	}
	svg->n_segs += pb->n;
	if (pb->n == 0 || (!st->fill && !st->stroke)) {
		free(pb->segs);
		return;
	}
	lp_status s = LP_ARRAY_RESERVE(
	        svg->shapes, svg->cap_shapes, (size_t)svg->n_shapes + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		free(pb->segs);
		p->status = s;
		XML_StopParser(p->xml, XML_FALSE);
		return;
	}
	svg->shapes[svg->n_shapes++].path = (lp_dl_path){.segs = pb->segs,
	        .n_segs = pb->n,
	        .fill = st->fill,
	        .stroke = st->stroke,
	        .even_odd = st->even_odd,
	        .fill_color = st->fill_color,
	        .stroke_color = st->stroke_color,
	        .fill_opacity = (float)(st->fill_opacity * st->opacity),
	        .stroke_opacity = (float)(st->stroke_opacity * st->opacity),
	        .stroke_width_pt = (float)stroke_width};
}

static void
read_root(svg_parse *p, const char **atts)
{
	lp_svg *svg = p->svg;
	double w, h;
	const char *vb = attr(atts, "viewBox");
	const char *ws = attr(atts, "width"), *hs = attr(atts, "height");
	/* width="100%" says "fill the viewport": the size is the viewBox's. */
	bool w_rel = ws && strchr(ws, '%'), h_rel = hs && strchr(hs, '%');
	w = h = -1;
	if ((!w_rel && !num_attr(p, atts, "width", -1, &w)) ||
	        (!h_rel && !num_attr(p, atts, "height", -1, &h)))
		return;
	if (vb) {
		const char *s = vb;
		double v[4];
		for (int i = 0; i < 4; i++) {
			if (!lp_svg_number(&s, &v[i])) {
				fail_at(p, LP_ERR_SYNTAX, "bad viewBox \"%s\"", vb);
				return;
			}
			svg->vb[i] = (float)v[i];
		}
		if (v[2] <= 0 || v[3] <= 0) {
			fail_at(p, LP_ERR_SYNTAX, "empty viewBox \"%s\"", vb);
			return;
		}
	}
	svg->width = (float)(w > 0 ? w : vb ? svg->vb[2] : 0);
	svg->height = (float)(h > 0 ? h : vb ? svg->vb[3] : 0);
	if (!vb) {
		svg->vb[2] = svg->width;
		svg->vb[3] = svg->height;
	}
	if (!(svg->vb[2] > 0 && svg->vb[3] > 0))
		fail_at(p, LP_ERR_SYNTAX,
		        "the SVG has no size: give a viewBox or width and height");
}

static bool
geometry(svg_parse *p, const char *el, const char **atts, lp_svg_pathbuf *pb)
{
	double v[6];
	const char *s;
	long bad = -1;
	if (strcmp(el, "path") == 0) {
		if ((s = attr(atts, "d")))
			bad = lp_svg_parse_path(s, pb);
	} else if (strcmp(el, "rect") == 0) {
		if (!num_attr(p, atts, "x", 0, &v[0]) || !num_attr(p, atts, "y", 0, &v[1]) ||
		        !num_attr(p, atts, "width", 0, &v[2]) ||
		        !num_attr(p, atts, "height", 0, &v[3]) ||
		        !num_attr(p, atts, "rx", -1, &v[4]) || !num_attr(p, atts, "ry", -1, &v[5]))
			return false;
		if (v[2] > 0 && v[3] > 0)
			lp_svg_rect(pb, v[0], v[1], v[2], v[3], v[4], v[5]);
	} else if (strcmp(el, "circle") == 0 || strcmp(el, "ellipse") == 0) {
		bool circle = el[0] == 'c';
		if (!num_attr(p, atts, "cx", 0, &v[0]) || !num_attr(p, atts, "cy", 0, &v[1]) ||
		        !num_attr(p, atts, circle ? "r" : "rx", 0, &v[2]) ||
		        !num_attr(p, atts, circle ? "r" : "ry", 0, &v[3]))
			return false;
		if (v[2] > 0 && v[3] > 0)
			lp_svg_ellipse(pb, v[0], v[1], v[2], v[3]);
	} else if (strcmp(el, "line") == 0) {
		if (!num_attr(p, atts, "x1", 0, &v[0]) || !num_attr(p, atts, "y1", 0, &v[1]) ||
		        !num_attr(p, atts, "x2", 0, &v[2]) || !num_attr(p, atts, "y2", 0, &v[3]))
			return false;
		lp_svg_move(pb, v[0], v[1]);
		lp_svg_line(pb, v[2], v[3]);
	} else if (strcmp(el, "polyline") == 0 || strcmp(el, "polygon") == 0) {
		if ((s = attr(atts, "points")))
			bad = lp_svg_parse_points(s, pb, el[4] == 'g');
	}
	if (bad >= 0) {
		fail_at(p, LP_ERR_SYNTAX, "bad path data or points in <%s>", el);
		return false;
	}
	return true;
}

static void XMLCALL
on_start(void *user, const char *el, const char **atts)
{
	svg_parse *p = user;
	static const char *const shapes[] = {
	        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"};
	if (p->depth >= LP_MAX_SVG_DEPTH) {
		fail_at(p, LP_ERR_LIMIT, "SVG elements nest deeper than %d levels",
		        LP_MAX_SVG_DEPTH);
		return;
	}
	const char *local = strrchr(el, ' '); /* namespace-qualified names */
	local = local ? local + 1 : el;
	lp_svg_style *st = &p->stack[p->depth + 1];
	*st = p->stack[p->depth];
	p->depth++;
	if (p->skip_depth)
		return;
	if (!p->seen_root) {
		if (strcmp(local, "svg") != 0) {
			fail_at(p, LP_ERR_SYNTAX, "the root element is <%s>, not <svg>", local);
			return;
		}
		p->seen_root = true;
		read_root(p, atts);
	}
	bool shape = false;
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
		shape |= strcmp(local, shapes[i]) == 0;
	const char *display = attr(atts, "display");
	const char *style_attr = attr(atts, "style");
	bool hidden = (display && strcmp(display, "none") == 0) ||
	              (style_attr && strstr(style_attr, "display:none"));
	if (hidden || (!shape && strcmp(local, "g") != 0 && strcmp(local, "svg") != 0)) {
		/* defs, title, metadata, text…, display="none": not drawn. A
		 * nested <svg> is drawn as a group (its own viewBox is not
		 * applied). */
		p->skip_depth = p->depth;
		return;
	}
	const char *tr = attr(atts, "transform");
	if (tr) {
		lp_svg_matrix m;
		if (lp_svg_parse_transform(tr, &m) >= 0) {
			fail_at(p, LP_ERR_SYNTAX, "bad transform \"%s\"", tr);
			return;
		}
		st->ctm = lp_svg_matrix_mul(&m, &st->ctm);
		const double *v = &st->ctm.a;
		for (int i = 0; i < 6; i++) {
			if (!isfinite(v[i])) {
				fail_at(p, LP_ERR_LIMIT, "the transforms down to <%s> overflow",
				        local);
				return;
			}
		}
	}
	static const char *const props[] = {"fill", "stroke", "stroke-width", "opacity",
	        "fill-opacity", "stroke-opacity", "fill-rule"};
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
		const char *v = attr(atts, props[i]);
		if (v && !lp_svg_apply_property(st, props[i], v)) {
			fail_at(p, LP_ERR_SYNTAX, "bad value for %s", props[i]);
			return;
		}
	}
	const char *style = attr(atts, "style");
	if (style && !lp_svg_apply_style(st, style)) {
		fail_at(p, LP_ERR_SYNTAX, "malformed style attribute \"%s\"", style);
		return;
	}
	if (!shape)
		return;
	const float *vb = p->svg->vb;
	double reach = LP_SVG_MAX_REACH * fmax(vb[2], vb[3]);
	lp_svg_pathbuf pb = {.m = st->ctm,
	        .max = LP_MAX_SVG_SEGMENTS - p->svg->n_segs,
	        .lim = {vb[0] - reach, vb[1] - reach, vb[0] + vb[2] + reach,
	                vb[1] + vb[3] + reach}};
	if (!geometry(p, local, atts, &pb)) {
		free(pb.segs);
		return;
	}
	/* A stroke width scales with the transform's mean scale factor. */
	double width = st->stroke_width * sqrt(fabs(st->ctm.a * st->ctm.d - st->ctm.b * st->ctm.c));
	if (pb.out_of_range || (st->stroke && !(width <= reach))) {
		free(pb.segs);
		fail_at(p, LP_ERR_LIMIT,
		        "<%s> reaches more than %d times the viewBox's size beyond "
		        "it (its coordinates or transforms are too large)",
		        local, LP_SVG_MAX_REACH);
		return;
	}
	add_shape(p, st, &pb, width);
}

static void XMLCALL
on_end(void *user, const char *el)
{
	svg_parse *p = user;
	(void)el;
	if (p->skip_depth == p->depth)
		p->skip_depth = 0;
	p->depth--;
}

static void XMLCALL
on_doctype(void *user, const char *name, const char *sysid, const char *pubid, int internal)
{
	(void)sysid;
	(void)pubid;
	(void)internal;
	fail_at(user, LP_ERR_SYNTAX, "DOCTYPE <!DOCTYPE %s> refused: SVG files need no DTD", name);
}

static void XMLCALL
on_entity_decl(void *user, const char *name, int pe, const char *value, int len, const char *base,
        const char *sysid, const char *pubid, const char *notation)
{
	(void)pe, (void)value, (void)len, (void)base, (void)sysid, (void)pubid, (void)notation;
	fail_at(user, LP_ERR_SYNTAX, "entity declaration \"%s\" refused", name);
}

static int XMLCALL
on_external_entity(
        XML_Parser xml, const char *ctx, const char *base, const char *sysid, const char *pubid)
{
	(void)xml, (void)ctx, (void)base, (void)sysid, (void)pubid;
	return XML_STATUS_ERROR;
}

/* ---- Public ---------------------------------------------------------- */

void
lp_svg_drop(lp_svg *svg)
{
	if (!svg)
		return;
	for (uint32_t i = 0; i < svg->n_shapes; i++)
		free((void *)svg->shapes[i].path.segs);
	free(svg->shapes);
	free(svg);
}

lp_status
lp_svg_from_memory(const char *name, const void *data, size_t size, lp_svg **out, lp_diag *diag)
{
	svg_parse p = {.name = name ? name : "<svg>", .diag = diag};
	*out = NULL;
	if (size > LP_MAX_SVG_BYTES) {
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, p.name, 0, 0,
		        "SVG is %zu bytes; the limit is %u", size, (unsigned)LP_MAX_SVG_BYTES);
	}
	p.svg = calloc(1, sizeof *p.svg);
	p.xml = XML_ParserCreate("UTF-8");
	if (!p.svg || !p.xml) {
		p.status = LP_ERR_NOMEM;
		goto fail;
	}
	p.stack[0] = (lp_svg_style){.ctm = lp_svg_matrix_identity(),
	        .fill = true,
	        .fill_opacity = 1,
	        .stroke_opacity = 1,
	        .opacity = 1,
	        .stroke_width = 1};
	XML_SetUserData(p.xml, &p);
	XML_SetElementHandler(p.xml, on_start, on_end);
	XML_SetStartDoctypeDeclHandler(p.xml, on_doctype);
	XML_SetEntityDeclHandler(p.xml, on_entity_decl);
	XML_SetExternalEntityRefHandler(p.xml, on_external_entity);
	XML_SetParamEntityParsing(p.xml, XML_PARAM_ENTITY_PARSING_NEVER);
	if (XML_Parse(p.xml, data, (int)size, XML_TRUE) == XML_STATUS_ERROR && p.status == LP_OK) {
		p.status = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, p.name,
		        (uint32_t)XML_GetCurrentLineNumber(p.xml),
		        (uint32_t)XML_GetCurrentColumnNumber(p.xml) + 1, "%s",
		        XML_ErrorString(XML_GetErrorCode(p.xml)));
	}
	if (p.status == LP_OK && !p.seen_root)
		p.status = lp_diag_report(
		        diag, LP_ERROR, LP_ERR_SYNTAX, p.name, 0, 0, "no <svg> element");
fail:
	if (p.xml)
		XML_ParserFree(p.xml);
	if (p.status != LP_OK) {
		lp_svg_drop(p.svg);
		return p.status;
	}
	*out = p.svg;
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
	/* preserveAspectRatio="xMidYMid meet" (SVG 1.1 §7.8). */
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
		lp_dlist_add_path(b, &path);
		free(segs);
	}
}
