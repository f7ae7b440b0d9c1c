/*
 * SVG presentation properties for svg.c: the inherited style of an element
 * and the parsers for paints, lengths and the style attribute.
 */
#ifndef LP_IMAGE_SVG_STYLE_H
#define LP_IMAGE_SVG_STYLE_H

#include "image/svg_path.h"

typedef struct lp_svg_style {
	lp_svg_matrix ctm;
	bool fill, stroke, even_odd;
	lp_rgb fill_color, stroke_color;
	double fill_opacity, stroke_opacity, opacity; /* opacity: product of ancestors' */
	double stroke_width;
} lp_svg_style;

/* A paint: #rgb, #rrggbb, rgb(), a colour name, currentColor (black) or
 * "none" (*on = false). False when malformed or unknown. */
bool lp_svg_parse_colour(const char *v, bool *on, lp_rgb *rgb);
/* A number with an optional unit (px, pt, mm, cm, in at 96 dpi), in user
 * units. False when malformed. */
bool lp_svg_parse_length(const char *v, double *out);
/* One property (fill, stroke, stroke-width, opacity, fill-opacity,
 * stroke-opacity, fill-rule); others are ignored, as SVG asks. False when
 * the value is malformed. */
bool lp_svg_apply_property(lp_svg_style *st, const char *key, const char *val);
/* A style="" attribute. False when malformed. */
bool lp_svg_apply_style(lp_svg_style *st, const char *style);

#endif
