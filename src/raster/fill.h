/*
 * The raster backend's one path filler: outlines (glyphs, emblems, rules,
 * strokes) become coverage masks. Edges are added in device pixels (x right,
 * y down), curves flattened on the way in; a mask is rendered by scanline
 * with the exact area each pixel's square has inside the path, under the
 * non-zero or even-odd rule.
 *
 * A 1-bit mode makes the black-or-white decision inside the filler, where
 * coverage is still known: a pixel is black when at least half of it is
 * covered, or when it is the strongest pixel across a thin stem (a local
 * maximum of coverage across the row or the column), so that no stem or
 * hairline narrower than a pixel drops out (TrueType calls this dropout
 * control); but not at the end of a shape (black on one side along the
 * stem, nothing on the other), so the faint edge under a dot or at a
 * stroke's tip grows no spur. Ties go to the pixel left of or above the other; at a thin
 * stem's very ends both may stay.
 *
 * Ownership: lp_fill_new() returns a filler the caller drops; it is reused
 * between shapes (lp_fill_reset) and belongs to one thread. Masks are
 * malloc'ed; lp_raster_mask_free() releases their pixels.
 */
#ifndef LP_RASTER_FILL_H
#define LP_RASTER_FILL_H

#include "letterpress.h"

#include "dlist/dlist.h"

/* Coverage of a rectangle of pixels: a[(y - y0) * w + (x - x0)], 0 (none)
 * to 255 (full). In 1-bit mode every value is 0 or 255, and the mask is
 * also packed for painting a fax page word by word: bit 7 - x % 8 of
 * bits[(y - y0) * stride + x / 8] is set where a is 255 (the bits past w
 * are clear). */
typedef struct lp_raster_mask {
	int32_t x0, y0;
	uint32_t w, h;
	uint8_t *a; /* NULL when w or h is 0 */
	uint8_t *bits; /* 1-bit masks only; else NULL */
	uint32_t stride;
	/* 1-bit masks at most 7 bytes wide (a glyph up to 56 pixels): each
	 * row's bits as one word, its first pixel in bit 63, so that a row is
	 * painted shifted to any pixel as one 64-bit OR; else NULL. */
	uint64_t *words;
} lp_raster_mask;

void lp_raster_mask_free(lp_raster_mask *m);

/* Fills m->words from m->bits when the mask is 1-bit and at most 7 bytes
 * wide (else leaves it NULL); a mask that has them keeps them. Fails with
 * LP_ERR_NOMEM. */
lp_status lp_raster_mask_words(lp_raster_mask *m);

/* Page points → device pixels: (x * sx + tx, y * sy + ty). flatness: how
 * far a flattened curve may stray from the true one, in device pixels; 0
 * for the filler's own, a fiftieth of a pixel (fill_path.c), which 8-bit
 * coverage cannot tell from the curve. */
typedef struct lp_fill_xform {
	double sx, sy, tx, ty;
	double flatness;
} lp_fill_xform;

/* The flatness of 1-bit (fax) pages and glyph masks. Each of their pixels
 * is decided at about half coverage, and a glyph there is put on whole
 * pixels, up to a pixel from where it is set; a curve a fifth of a pixel
 * off moves no more than that. Ten times the default flatness makes a
 * curve about three times fewer edges (Wang's bound goes with its square
 * root): a fifth less work for a cold glyph. Measured by Tesseract on
 * every example (docs/benchmarks.md, "Fax legibility"), the pages read as
 * well as with the default. A build may set another (-D) to measure it. */
#ifndef LP_FILL_MONO_FLATNESS
#define LP_FILL_MONO_FLATNESS 0.2
#endif

typedef enum lp_fill_rule { LP_FILL_NONZERO, LP_FILL_EVEN_ODD } lp_fill_rule;

typedef struct lp_fill lp_fill;

/* NULL when out of memory. */
lp_fill *lp_fill_new(void);
void lp_fill_drop(lp_fill *f);

/* Forgets the edges added so far. */
void lp_fill_reset(lp_fill *f);

/* One straight edge in device pixels. Edges of every contour go to one
 * filler; their directions give the winding. Fails with LP_ERR_LIMIT past
 * LP_MAX_RASTER_EDGES (sticky: lp_fill_mask reports it), else never. */
void lp_fill_line(lp_fill *f, double x0, double y0, double x1, double y1);

/* The display list's path segments (each subpath closed whether or not it
 * ends in LP_PATH_CLOSE, as a fill closes it), transformed by m. */
void lp_fill_path(lp_fill *f, const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m);

/* The outline of the path's stroke of width_px (device pixels, measured
 * along x; an anisotropic transform stretches it as it stretches the path):
 * each flattened segment as a rectangle, joined by round joins, butt caps.
 * Filled with the non-zero rule. */
void lp_fill_stroke(
        lp_fill *f, const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m, double width_pt);

/* A straight rule of width_pt about its centre line, with butt ends, as a
 * rectangle (a rule across x and y is turned). */
void lp_fill_rule_rect(lp_fill *f, double x0, double y0, double x1, double y1, double width_pt,
        const lp_fill_xform *m);

/* Renders the edges into a mask of their bounding box, cut to the clip
 * rectangle [cx0, cx1) x [cy0, cy1). An empty shape gives an empty mask
 * (w or h 0). Fails with LP_ERR_NOMEM or LP_ERR_LIMIT (more edges than
 * LP_MAX_RASTER_EDGES, or more than LP_MAX_RASTER_FILL_STEPS of work; the
 * caller reports it). */
lp_status lp_fill_mask(lp_fill *f, lp_fill_rule rule, bool mono, int32_t cx0, int32_t cy0,
        int32_t cx1, int32_t cy1, lp_raster_mask *out);

#endif
