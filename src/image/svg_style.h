/*
 * SVG presentation properties for svg.c: the inherited style of an element
 * and the parsers for paints, lengths and the style attribute.
 */
#ifndef LP_IMAGE_SVG_STYLE_H
#define LP_IMAGE_SVG_STYLE_H

#include "image/svg_path.h"
#include "image/svg_tree.h"

typedef struct lp_svg_style {
	lp_svg_matrix ctm;
	bool fill, stroke, even_odd;
	lp_rgb fill_color, stroke_color;
	double fill_opacity, stroke_opacity, opacity; /* opacity: product of ancestors' */
	double stroke_width;
	lp_rgb color; /* currentColor */
	/* fill="url(#id)": the paint server's node, else LP_SVG_NONE; its
	 * colour is the fallback's, if one was given. */
	uint32_t fill_server, stroke_server;
	const lp_svg_tree *tree; /* where url(#id) is looked up */
	bool hidden; /* visibility: hidden (inherited) */
	/* Not inherited: the walk clears them for each element. */
	bool display_none;
	/* The last property read that changes how the drawing looks but is
	 * not drawn (a static name: "filter", "mask" ...), a url() paint
	 * that names nothing in the file; for the caller to warn of. */
	const char *skipped;
	const char *bad_url;
} lp_svg_style;

/* A paint: #rgb, #rrggbb, rgb(), a colour name, currentColor (color) or
 * "none" (*on = false). False when malformed or unknown. */
bool lp_svg_parse_colour(const char *v, bool *on, lp_rgb *rgb);
/* A number with an optional unit (px, pt, mm, cm, in at 96 dpi), in user
 * units. False when malformed. */
bool lp_svg_parse_length(const char *v, double *out);
/* One property (fill, stroke, stroke-width, opacity, fill-opacity,
 * stroke-opacity, fill-rule, color, display, visibility); the ones that
 * change the look but are not drawn are named in st->skipped, others are
 * ignored, as SVG asks. False when the value is malformed. */
bool lp_svg_apply_property(lp_svg_style *st, const char *key, const char *val);
/* Declarations "a: b; c: d" (a style attribute, a CSS rule's body), with
 * CSS comments and !important allowed. False when malformed. */
bool lp_svg_apply_style(lp_svg_style *st, const char *style);

#endif
