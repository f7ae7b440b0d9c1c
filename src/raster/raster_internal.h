/*
 * The raster device's state, shared by the files of raster/ that paint
 * (raster_device.c: the device and text; raster_paint.c: compositing and
 * the fax rules; raster_image.c: images). Not for use outside raster/.
 */
#ifndef LP_RASTER_RASTER_INTERNAL_H
#define LP_RASTER_RASTER_INTERNAL_H

#include "dlist/device.h"
#include "raster/fill.h"
#include "raster/glyph_cache.h"
#include "raster/raster_device.h"
#include "raster/shape_cache.h"

typedef struct lp_raster_dev {
	lp_device dev;
	lp_raster_options opt;
	lp_diag *diag;
	lp_raster_page_fn fn;
	void *user;
	lp_fill *fill;
	lp_glyph_cache *glyphs;
	lp_glyph_cache *own_glyphs; /* when the options gave none */
	uint32_t n_pages, page_index;
	/* The page being painted: w x h pixels of ch bytes each, or in fax
	 * mode 1 bit each (a set bit black, the first pixel in a byte's most
	 * significant bit), rows `stride` bytes apart. */
	uint8_t *px; /* fax: sheet->bits */
	size_t px_cap;
	lp_fax_sheet *sheet; /* fax: the page's memory, given back to glyphs after */
	uint8_t *inked; /* fax: sheet->inked, a byte a row set where painted */
	uint32_t w, h, ch;
	size_t stride;
	lp_fill_xform m; /* points → pixels, with the fax line's centring */
	lp_glyph_memo *memo; /* taken from glyphs, for this m's resolution */
} lp_raster_dev;

/* What an item is, for the fax rules. */
typedef enum lp_paint_kind {
	LP_PAINT_TEXT, /* glyphs */
	LP_PAINT_LINE, /* rules and strokes */
	LP_PAINT_FILL /* filled paths */
} lp_paint_kind;

/* Paints colour c at opacity (0..1) through mask onto the page. Never
 * fails. */
void lp_raster_paint(lp_raster_dev *d, const lp_raster_mask *mask, int32_t dx, int32_t dy, lp_rgb c,
        float opacity, lp_paint_kind kind);

/* A fax glyph in dark text, the common case, painted the way
 * lp_raster_paint(d, m, dx, dy, c, 1, LP_PAINT_TEXT) paints it when c is
 * dark: black under each of its bits, its rows marked inked, each row one
 * 64-bit OR, without the per-glyph colour and clipping of the general
 * path. False, having painted nothing, when the mask cannot be painted so
 * (no words, not wholly inside the page, too near its right edge). */
bool lp_raster_paint_fax_glyph(lp_raster_dev *d, const lp_raster_mask *m, int32_t dx, int32_t dy);

/* raster_stamp.c: the stamp of kept mask m painted as lp_raster_paint(d,
 * m, 0, 0, c, opacity, kind) paints it, in *out (NULL when it paints
 * nothing, or the mask is not wholly inside the page); fails with
 * LP_ERR_NOMEM. */
lp_status lp_raster_stamp_make(const lp_raster_dev *d, const lp_raster_mask *m, lp_rgb c,
        float opacity, lp_paint_kind kind, lp_fax_stamp **out);
/* Paints a stamp: the same pixels and inked rows its painting gave. */
void lp_raster_stamp_paint(lp_raster_dev *d, const lp_fax_stamp *stamp);

/* raster_gradient.c: paints a path's fill through mask: its colour, or
 * its gradient pixel by pixel. Never fails. */
void lp_raster_paint_fill(
        lp_raster_dev *d, const lp_raster_mask *m, int32_t dx, int32_t dy, const lp_dl_path *p);

/* Luminance of a colour, 0 (black) .. 1 (white), Rec. 601 weights as
 * greyscale renderers use. */
double lp_raster_luma(lp_rgb c);

/* Black (0) or white (255) for level (0 black .. 1 white) at page pixel
 * (x, y): an 8x8 ordered dither anchored to the page. */
uint8_t lp_raster_dither(double level, uint32_t x, uint32_t y);

/* Fax pages: pixel (x, y), inside the page, set black or white. */
static inline void
lp_raster_fax_put(lp_raster_dev *d, uint32_t x, uint32_t y, bool black)
{
	uint8_t *p = d->px + (size_t)y * d->stride + x / 8;
	uint8_t bit = (uint8_t)(0x80 >> (x % 8));
	d->inked[y] = 1;
	*p = black ? (uint8_t)(*p | bit) : (uint8_t)(*p & ~bit);
}

/* raster_image.c: draws an image resampled into its rectangle. */
lp_status lp_raster_draw_image(lp_raster_dev *d, const lp_dl_image *di);

#endif
