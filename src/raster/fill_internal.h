/*
 * What the filler's files share (raster/fill*.c only): the edge, the
 * sort of a shape's edges and the 1-bit decisions.
 */
#ifndef LP_RASTER_FILL_INTERNAL_H
#define LP_RASTER_FILL_INTERNAL_H

#include "letterpress.h"

/* One straight edge in device pixels, top to bottom. */
typedef struct lp_fill_edge {
	float x0, y0, x1, y1; /* y0 < y1 */
	float dir; /* +1 going down, -1 going up */
} lp_fill_edge;

/* Sorts the n edges by their top (y0), keeping the order of equal ones,
 * through tmp (n edges). oy is the top of the mask and rows its height:
 * a shape of a few rows is sorted a row at a time. Never fails. */
void lp_fill_sort_edges(lp_fill_edge *e, size_t n, lp_fill_edge *tmp, double oy, uint32_t rows);

/* The 1-bit decisions (see fill.h) of coverage mask c (w x h, 0..255)
 * into on (0 or 255 a pixel) and packed (a bit a pixel, the first in bit
 * 7, rows packed_stride bytes apart, cleared by the caller). */
void lp_fill_mono_mask(const uint8_t *c, uint32_t w, uint32_t h, uint8_t *on, uint8_t *packed,
        uint32_t packed_stride);

#endif
