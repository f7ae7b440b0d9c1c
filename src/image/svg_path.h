/*
 * SVG geometry for svg.c: affine matrices, the transform attribute, path
 * data (every command of SVG 1.1 §8.3, arcs as cubics) and the basic
 * shapes, accumulated as lp_path_seg in SVG user units.
 */
#ifndef LP_IMAGE_SVG_PATH_H
#define LP_IMAGE_SVG_PATH_H

#include "dlist/dlist.h"

/* x' = a x + c y + e, y' = b x + d y + f (SVG's matrix(a b c d e f)). */
typedef struct lp_svg_matrix {
	double a, b, c, d, e, f;
} lp_svg_matrix;

typedef struct lp_svg_pathbuf {
	lp_path_seg *segs; /* malloc'ed */
	uint32_t n, cap;
	lp_svg_matrix m; /* applied to every point added */
	uint32_t max; /* segments allowed; past it, too_many is set */
	/* When lim[2] > lim[0]: a point that lands (after m) outside
	 * [lim[0], lim[2]] × [lim[1], lim[3]] sets out_of_range. A point that
	 * is not finite always does. */
	double lim[4];
	bool nomem, too_many, out_of_range;
} lp_svg_pathbuf;

lp_svg_matrix lp_svg_matrix_identity(void);
/* r = p then q: q applied after p. */
lp_svg_matrix lp_svg_matrix_mul(const lp_svg_matrix *p, const lp_svg_matrix *q);
/* Parses a transform list ("translate(10) rotate(30 5 5) …"); returns the
 * byte offset of an error, or -1. */
long lp_svg_parse_transform(const char *s, lp_svg_matrix *out);

void lp_svg_move(lp_svg_pathbuf *pb, double x, double y);
void lp_svg_line(lp_svg_pathbuf *pb, double x, double y);
void lp_svg_cubic(
        lp_svg_pathbuf *pb, double x1, double y1, double x2, double y2, double x, double y);
void lp_svg_close(lp_svg_pathbuf *pb);
/* SVG 1.1 Appendix F.6: an elliptical arc from (x0, y0) as cubics. */
void lp_svg_arc(lp_svg_pathbuf *pb, double x0, double y0, double rx, double ry, double phi_deg,
        bool large, bool sweep, double x, double y);
void lp_svg_ellipse(lp_svg_pathbuf *pb, double cx, double cy, double rx, double ry);
void lp_svg_rect(lp_svg_pathbuf *pb, double x, double y, double w, double h, double rx, double ry);

/* Path data; returns the byte offset of the first error, or -1. */
long lp_svg_parse_path(const char *d, lp_svg_pathbuf *pb);
/* A list of numbers ("points" of polyline/polygon) into pb as lines;
 * returns an error offset or -1. */
long lp_svg_parse_points(const char *s, lp_svg_pathbuf *pb, bool close);

/* One number at *s (SVG number syntax), skipping separators before it. */
bool lp_svg_number(const char **s, double *out);

#endif
