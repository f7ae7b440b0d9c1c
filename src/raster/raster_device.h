/*
 * The raster device: an lp_device that replays a display list into pages
 * of pixels, one page at a time, and hands each finished page to a writer
 * (TIFF, PNG, or a test). It never lays out: glyph ids and positions come
 * from the display list as they are, the same ones the PDF shows.
 *
 * Resolutions may differ across and down (a fax is 204 x 196 or 204 x 98
 * dpi); every shape is scaled once from points to pixels, so a circle on
 * the page stays a circle on paper.
 *
 * Modes: grey and RGB pages are anti-aliased, 8 bits a sample, for
 * previews. The fax mode is 1 bit (stored as bits) with the fax
 * rules of raster_paint.c: dark text and rules solid black, large fills
 * dithered, translucent fills outlined, no anti-aliasing, stems at least a
 * pixel wide.
 */
#ifndef LP_RASTER_RASTER_DEVICE_H
#define LP_RASTER_RASTER_DEVICE_H

#include "letterpress.h"

#include "dlist/dlist.h"

typedef enum lp_raster_mode {
	LP_RASTER_GREY, /* 8-bit grey, anti-aliased */
	LP_RASTER_RGB, /* 8-bit RGB, anti-aliased */
	LP_RASTER_FAX /* 1-bit decisions (0 black, 255 white), fax rules */
} lp_raster_mode;

typedef struct lp_raster_options {
	lp_raster_mode mode;
	double dpi_x, dpi_y;
	/* When non-zero, every row is this many pixels and the page is centred
	 * in it (a fax line is 1728 pixels); a page up to 0.5 % wider is cut at
	 * both sides (US Letter at 204 dpi is 1734), a wider one refused. */
	uint32_t line_px;
	/* Glyph masks to use and fill, shared between documents (an engine's);
	 * NULL: a cache for this run only. */
	struct lp_glyph_cache *glyphs;
	/* The file errors about the document name (the release); NULL for
	 * none. */
	const char *name;
} lp_raster_options;

/* The pixels page takes across (w) and down (h) at opts' resolution, as
 * the device sizes it (the fax line's width when opts has one); false when
 * it has none. */
bool lp_raster_page_pixels(
        const lp_dl_page *page, const lp_raster_options *opts, double *w, double *h);

/* The raster options of a PNG preview (png_out.c, png_strip.c). */
struct lp_png_options;
lp_raster_options lp_png_raster_options(const struct lp_png_options *opt);

/* One finished page, rows top down. Borrowed for the call. */
typedef struct lp_raster_page {
	uint32_t width, height;
	uint32_t channels; /* 1 (grey, fax) or 3 (RGB) */
	const uint8_t *pixels; /* grey and RGB: channels bytes a pixel, white 255; fax: NULL */
	double dpi_x, dpi_y;
	/* Fax: 1 bit a pixel, a set bit black (TIFF's min-is-white), the
	 * first pixel in the most significant bit of a row's first byte, rows
	 * `stride` bytes apart (a multiple of 8; bits past the width clear);
	 * else NULL. */
	const uint8_t *bits;
	size_t stride;
	/* Fax: a byte a row, 0 only where the row is white (nothing was
	 * painted on it), so that a coder need not read it; else NULL. */
	const uint8_t *inked;
} lp_raster_page;

/* Called once per page, in order; a non-OK status stops the replay. */
typedef lp_status (*lp_raster_page_fn)(
        void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages);

/* Replays list page by page into fn. Fails with LP_ERR_USAGE (a resolution
 * out of range, an empty document), LP_ERR_UNSUPPORTED (a page too wide for
 * the fax line, or too small for a pixel), LP_ERR_LIMIT (a page past LP_MAX_RASTER_PAGE_PIXELS, a
 * shape past LP_MAX_RASTER_EDGES), LP_ERR_NOMEM, or what fn returns; reported to diag (except fn's
 * own failures, which fn reports). */
lp_status lp_raster_run(const lp_dlist *list, const lp_raster_options *opts, lp_raster_page_fn fn,
        void *user, lp_diag *diag);

#endif
