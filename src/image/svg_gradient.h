/*
 * SVG gradients for svg.c: a linearGradient or radialGradient read with
 * what it takes over through href (SVG 1.1 §13.2), and placed on a shape:
 * a linear one as the display list's page-space axis, a radial one with
 * the map from its own space (lp_dl_gradient).
 */
#ifndef LP_IMAGE_SVG_GRADIENT_H
#define LP_IMAGE_SVG_GRADIENT_H

#include "image/svg_path.h"
#include "image/svg_tree.h"

typedef struct lp_svg_gradient {
	bool radial;
	bool user_space; /* gradientUnits="userSpaceOnUse"; else objectBoundingBox */
	lp_svg_matrix transform; /* gradientTransform */
	double x1, y1, x2, y2; /* the axis (linear) */
	double cx, cy, r, fx, fy; /* the circle and the focus (radial), inside it */
	/* Offsets clamped to 0..1 and made not decreasing; when there are
	 * two or more, the first is 0 and the last 1 (the end colours
	 * repeated), as lp_dl_gradient wants them. */
	lp_dl_stop stops[LP_DL_MAX_STOPS];
	uint32_t n_stops;
	lp_rgb mean; /* the colour over 0..1 on average */
	double opacity; /* the stops' stop-opacity on average */
	bool opacity_varies;
	bool spread_other; /* spreadMethod reflect or repeat (drawn as pad) */
} lp_svg_gradient;

/* Reads the gradient at node k. vb is the root's viewBox, for
 * percentages in user space. Fails with LP_ERR_SYNTAX (a bad value, an
 * href cycle) or LP_ERR_LIMIT (stops), reported at the element. */
lp_status lp_svg_gradient_read(const lp_svg_tree *tree, uint32_t k, const float vb[4],
        lp_svg_gradient *g, const char *file, lp_diag *diag);

/* The axis (x0, y0, x1, y1) of g on a shape whose user-space bounding
 * box is bbox (x0, y0, x1, y1), with ctm from that space to the root's.
 * False when there is no axis (a zero-length vector, a flat box, a
 * transform that is not invertible): SVG then paints the last stop's
 * colour. */
bool lp_svg_gradient_place(
        const lp_svg_gradient *g, const double bbox[4], const lp_svg_matrix *ctm, double axis[4]);

/* The map from g's own space to the root's user space on a shape with
 * that bbox and ctm: gradientTransform, the box (objectBoundingBox), ctm.
 * False when it is not invertible (a flat box). */
bool lp_svg_gradient_map(
        const lp_svg_gradient *g, const double bbox[4], const lp_svg_matrix *ctm, lp_svg_matrix *m);

#endif
