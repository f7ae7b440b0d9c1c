/*
 * Every page of a document in one PNG, top to bottom (a batch's output, or
 * a PNG in memory): pages of different widths centred, a mid-grey band of
 * LP_PNG_STRIP_GAP_IN between them. The rows go to libpng as each page is
 * painted, so memory holds one page and the compressed image, never the
 * whole strip: 50 pages at 96 dpi are 134 MB of pixels and 12 MB of PNG.
 *
 * libpng's row-by-row writer reports errors by longjmp. Every call into it
 * is made from a function that has just set its jump buffer, so a jump
 * lands there and never across the raster device's frames. The settings
 * are those of png_out.c's simplified writer (no filters, zlib level 3, an
 * sRGB chunk), and like it nothing depends on the time.
 */
#include "raster/raster.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "raster/raster_device.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct strip {
	png_structp png;
	png_infop info;
	uint8_t *out; /* the PNG so far */
	size_t size, cap;
	bool nomem;
	char error[160]; /* libpng's first complaint */
	uint8_t *row; /* one row of the strip */
	uint32_t width, height, channels, gap;
	uint32_t rows_done;
	lp_diag *diag;
} strip;

static void
on_png_error(png_structp png, png_const_charp msg)
{
	strip *s = png_get_error_ptr(png);
	if (!s->error[0])
		snprintf(s->error, sizeof s->error, "%s", msg);
	png_longjmp(png, 1);
}

static void
on_png_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg;
}

static void
on_png_write(png_structp png, png_bytep data, size_t n)
{
	strip *s = png_get_io_ptr(png);
	if (LP_ARRAY_RESERVE(s->out, s->cap, s->size + n, LP_ARRAY_ANY) != LP_OK) {
		s->nomem = true;
		png_error(png, "out of memory");
	}
	memcpy(s->out + s->size, data, n);
	s->size += n;
}

static void
on_png_flush(png_structp png)
{
	(void)png;
}

static lp_status
strip_failed(strip *s)
{
	if (s->nomem)
		return LP_ERR_NOMEM;
	return lp_diag_report(s->diag, LP_ERROR, LP_ERR_BACKEND, NULL, 0, 0,
	        "libpng could not encode the pages: %s", s->error);
}

static lp_status
write_header(strip *s)
{
	if (setjmp(png_jmpbuf(s->png)))
		return strip_failed(s);
	png_set_write_fn(s->png, s, on_png_write, on_png_flush);
	png_set_IHDR(s->png, s->info, s->width, s->height, 8,
	        s->channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	        PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_set_sRGB(s->png, s->info, PNG_sRGB_INTENT_PERCEPTUAL);
	png_set_filter(s->png, PNG_FILTER_TYPE_BASE, PNG_NO_FILTERS);
	png_set_compression_level(s->png, 3);
	png_write_info(s->png, s->info);
	return LP_OK;
}

/* The grey band before a page (after the first), then the page's rows
 * centred on grey. */
static lp_status
write_page_rows(strip *s, const lp_raster_page *page, bool band)
{
	if (setjmp(png_jmpbuf(s->png)))
		return strip_failed(s);
	size_t row = (size_t)s->width * s->channels;
	memset(s->row, 0x80, row);
	for (uint32_t y = 0; band && y < s->gap; y++)
		png_write_row(s->png, s->row);
	size_t left = (size_t)(s->width - page->width) / 2 * s->channels;
	size_t page_row = (size_t)page->width * s->channels;
	for (uint32_t y = 0; y < page->height; y++) {
		memcpy(s->row + left, page->pixels + y * page_row, page_row);
		png_write_row(s->png, s->row);
	}
	return LP_OK;
}

static lp_status
write_end(strip *s)
{
	if (setjmp(png_jmpbuf(s->png)))
		return strip_failed(s);
	png_write_end(s->png, NULL);
	return LP_OK;
}

static lp_status
strip_page(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	(void)n_pages;
	strip *s = user;
	uint32_t rows = page->height + (index ? s->gap : 0);
	/* The sizes were worked out before the run, as the device works
	 * them out; a page that disagrees is a bug, not a broken image. */
	if (page->width > s->width || page->channels != s->channels ||
	        rows > s->height - s->rows_done)
		return lp_diag_report(s->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "page %u is not the size the PNG was begun with", index + 1);
	lp_status st = index == 0 ? write_header(s) : LP_OK;
	if (st == LP_OK)
		st = write_page_rows(s, page, index > 0);
	s->rows_done += rows;
	return st;
}

lp_status
lp_raster_render_png_strip(const lp_dlist *list, const lp_png_options *options, uint8_t **data,
        size_t *size, lp_diag *diag)
{
	*data = NULL;
	*size = 0;
	lp_png_options opt = options ? *options : lp_png_options_default();
	if (list->n_pages <= 1)
		return lp_raster_render_png(list, &opt, 0, data, size, diag);
	lp_raster_options ro = lp_png_raster_options(&opt);
	strip s = {.channels = ro.mode == LP_RASTER_RGB ? 3 : 1,
	        .gap = (uint32_t)(opt.dpi * LP_PNG_STRIP_GAP_IN + 0.5),
	        .diag = diag};
	if (s.gap == 0)
		s.gap = 1;
	/* The strip's size before any page is painted: it is refused at
	 * once when too large, and libpng needs it first. A resolution out
	 * of range is left for the run to report. */
	if (opt.dpi >= 1 && opt.dpi <= LP_MAX_RASTER_DPI) {
		double width = 0, height = 0;
		for (uint32_t i = 0; i < list->n_pages; i++) {
			double w, h;
			lp_raster_page_pixels(&list->pages[i], &ro, &w, &h);
			width = w > width ? w : width;
			height += h + (i ? s.gap : 0);
		}
		if (width * height > LP_MAX_PNG_STRIP_PIXELS)
			return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, opt.source_name, 0, 0,
			        "the document's %u pages at this resolution make a PNG of more "
			        "than %u million pixels; use a lower --dpi, --format tiff or pdf, "
			        "or render to OUT.png for one file a page",
			        list->n_pages, LP_MAX_PNG_STRIP_PIXELS >> 20);
		s.width = (uint32_t)width;
		s.height = (uint32_t)height;
	}
	lp_status st = LP_ERR_NOMEM;
	s.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &s, on_png_error, on_png_warning);
	s.info = s.png ? png_create_info_struct(s.png) : NULL;
	s.row = malloc((size_t)s.width * s.channels + 1);
	if (s.png && s.info && s.row) {
		st = lp_raster_run(list, &ro, strip_page, &s, diag);
		if (st == LP_OK && s.rows_done != s.height)
			st = lp_diag_report(diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
			        "the pages made %u rows of the PNG's %u", s.rows_done, s.height);
		if (st == LP_OK)
			st = write_end(&s);
	}
	if (s.png)
		png_destroy_write_struct(&s.png, s.info ? &s.info : NULL);
	free(s.row);
	if (st == LP_OK) {
		*data = s.out;
		*size = s.size;
	} else {
		free(s.out);
	}
	return st;
}
