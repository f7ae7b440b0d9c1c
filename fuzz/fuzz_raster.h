/*
 * What the raster targets share (fuzz_svg_raster draws emblems,
 * fuzz_image_raster images): a small page replayed through the raster
 * device in one of four modes chosen by the input's bytes, so that one
 * corpus reaches each (fax at 204 x 196 and 204 x 98 dpi, an anti-aliased
 * grey page at 150 dpi and an RGB one at 300), and the checks on what it
 * hands back: one page of the size its resolution gives, with no bit set
 * past a fax row's width, a status that never means a bug, and a failure
 * always reported.
 */
#ifndef LP_FUZZ_FUZZ_RASTER_H
#define LP_FUZZ_FUZZ_RASTER_H

#include "fuzz.h"

#include "dlist/dlist.h"
#include "raster/raster_device.h"

#include <math.h>

/* The page's side in points: small, so that an input costs a shape's or
 * an image's pixels rather than an A4 page's. */
#define FUZZ_RASTER_PAGE_PT 100.0f

static inline lp_status
fuzz_raster_check_page(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	const lp_raster_options *opts = user;
	FUZZ_CHECK(index == 0 && n_pages == 1);
	FUZZ_CHECK(page->width == (uint32_t)ceil(FUZZ_RASTER_PAGE_PT * opts->dpi_x / 72.0 - 1e-4));
	FUZZ_CHECK(page->height == (uint32_t)ceil(FUZZ_RASTER_PAGE_PT * opts->dpi_y / 72.0 - 1e-4));
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

/* Replays list (one page of FUZZ_RASTER_PAGE_PT square) in the mode that
 * pick (any number taken from the input) chooses, with the checks above;
 * a failure must be reported as located asks (fuzz.h). */
static inline void
fuzz_raster_run(const lp_dlist *list, unsigned pick, const char *name, int located, lp_diag *diag)
{
	const lp_raster_options modes[] = {
	        {LP_RASTER_FAX, 204, 196, 0, NULL, name},
	        {LP_RASTER_FAX, 204, 98, 0, NULL, name},
	        {LP_RASTER_GREY, 150, 150, 0, NULL, name},
	        {LP_RASTER_RGB, 300, 300, 0, NULL, name},
	};
	const lp_raster_options *opts = &modes[pick % 4];
	lp_status st = lp_raster_run(list, opts, fuzz_raster_check_page, (void *)opts, diag);
	FUZZ_CHECK(st != LP_ERR_INTERNAL && st != LP_ERR_USAGE);
	if (st != LP_OK)
		fuzz_check_failure(diag, st, located);
}

#endif
