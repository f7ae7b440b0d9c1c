/* Fuzz target: SVG emblems through the raster device, as a fax or a
 * preview draws them: parsed and emitted into a display list as fuzz_svg
 * does, then replayed into pixels (paths and strokes filled, gradients,
 * the fax rules' dither and outlines, clips). The page is the emblem's
 * box with a margin, not a whole A4, so that an input costs a shape's
 * pixels rather than a page's. The mode follows from the input's bytes,
 * so that one corpus reaches each: fax at 204 x 196 and 204 x 98 dpi, an
 * anti-aliased grey page at 150 dpi and an RGB one at 300.
 *
 * Besides crashes: a status that means a bug (internal, usage) is never
 * the answer to an SVG, a failure is reported, and every page has the
 * size its resolution gives, with no bit set past a fax row's width. */
#include "fuzz_svg.h"

#include "raster/raster_device.h"

/* The page: the emblem's box of fuzz_svg (60 points square) with 20
 * points round it. */
#define PAGE_PT 100.0f

static lp_status
check_page(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	const lp_raster_options *opts = user;
	FUZZ_CHECK(index == 0 && n_pages == 1);
	FUZZ_CHECK(page->width == (uint32_t)ceil(PAGE_PT * opts->dpi_x / 72.0 - 1e-4));
	FUZZ_CHECK(page->height == (uint32_t)ceil(PAGE_PT * opts->dpi_y / 72.0 - 1e-4));
	if (opts->mode != LP_RASTER_FAX) {
		FUZZ_CHECK(page->pixels != NULL && page->bits == NULL);
		return LP_OK;
	}
	FUZZ_CHECK(page->bits != NULL && page->stride % 8 == 0);
	FUZZ_CHECK(page->stride * 8 >= page->width);
	for (uint32_t y = 0; y < page->height; y++) {
		const uint8_t *row = page->bits + (size_t)y * page->stride;
		for (uint32_t x = page->width; x < page->stride * 8; x++)
			FUZZ_CHECK(!(row[x / 8] & (0x80 >> (x % 8))));
	}
	return LP_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	if (!diag)
		return 0;
	lp_dlist *list =
	        fuzz_svg_list(data, size, PAGE_PT, PAGE_PT, 20.0f, 20.0f, 60.0f, 60.0f, diag);
	if (list) {
		unsigned sum = 0;
		for (size_t i = 0; i < size; i++)
			sum += data[i];
		static const lp_raster_options modes[] = {
		        {LP_RASTER_FAX, 204, 196, 0, NULL, "fuzz.svg"},
		        {LP_RASTER_FAX, 204, 98, 0, NULL, "fuzz.svg"},
		        {LP_RASTER_GREY, 150, 150, 0, NULL, "fuzz.svg"},
		        {LP_RASTER_RGB, 300, 300, 0, NULL, "fuzz.svg"},
		};
		const lp_raster_options *opts = &modes[sum % 4];
		lp_status st = lp_raster_run(list, opts, check_page, (void *)opts, diag);
		FUZZ_CHECK(st != LP_ERR_INTERNAL && st != LP_ERR_USAGE);
		if (st != LP_OK)
			fuzz_check_failure(diag, st, FUZZ_REPORTED);
	}
	lp_dlist_drop(list);
	lp_diag_drop(diag);
	return 0;
}
