/*
 * What svg.c (the walk) and svg_shape.c (shapes and their paints) share:
 * the parsed picture and the walk's state. For image/ only.
 */
#ifndef LP_IMAGE_SVG_INTERNAL_H
#define LP_IMAGE_SVG_INTERNAL_H

#include "image/image.h"
#include "image/svg_css.h"
#include "image/svg_style.h"
#include "image/svg_tree.h"

#include "base/limits.h"

typedef struct svg_shape {
	lp_dl_path path; /* segs malloc'ed; fill_gradient NULL (grad is the gradient) */
	lp_dl_gradient grad; /* n_stops 0: none; stops malloc'ed */
} svg_shape;

struct lp_svg {
	float vb[4]; /* viewBox x y w h */
	float width, height;
	svg_shape *shapes;
	uint32_t n_shapes, cap_shapes;
	uint32_t n_segs; /* in all shapes */
};

typedef struct svg_walk {
	const char *name;
	lp_diag *diag;
	lp_status status;
	lp_svg_tree tree;
	lp_svg_css css;
	lp_svg_warn warn;
	lp_svg *svg;
	uint32_t drawn; /* elements drawn, every copy counted */
	uint32_t uses[LP_MAX_SVG_USE_DEPTH]; /* the <use>s being drawn, outermost first */
	uint32_t n_uses;
} svg_walk;

/* Reports an error at element n (the first one only; the walk stops). */
void lp_svg_fail_at(svg_walk *w, const lp_svg_node *n, lp_status code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* A length attribute of n, or dflt; false (reported) when malformed. */
bool lp_svg_num_attr(svg_walk *w, const lp_svg_node *n, const char *name, double dflt, double *out);
/* svg_shape.c: a shape element drawn with style st into w->svg. */
void lp_svg_draw_shape(svg_walk *w, const lp_svg_node *n, const lp_svg_style *st);

#endif
