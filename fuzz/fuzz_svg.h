/*
 * What the SVG targets share (fuzz_svg draws the emblem as PDF,
 * fuzz_svg_raster as pixels): the input parsed as an emblem, then emitted
 * into a one-page display list as the furniture does, with the checks on
 * both steps.
 */
#ifndef LP_FUZZ_FUZZ_SVG_H
#define LP_FUZZ_FUZZ_SVG_H

#include "fuzz.h"

#include "dlist/dlist.h"
#include "image/image.h"

#include <math.h>

/* The emblem of the input in the box (x, y, w, h) of a page of page_w by
 * page_h points, as a finished display list; NULL when the input is
 * refused (reported, as fuzz_check_failure asks) or the list is (never
 * as an internal error: the parser must refuse what it cannot place). */
static inline lp_dlist *
fuzz_svg_list(const uint8_t *data, size_t size, float page_w, float page_h, float x, float y,
        float w, float h, lp_diag *diag)
{
	lp_svg *svg = NULL;
	lp_dlist *list = NULL;
	lp_status st = lp_svg_from_memory("fuzz.svg", data, size, &svg, diag);
	if (st != LP_OK) {
		FUZZ_CHECK(svg == NULL);
		fuzz_check_failure(diag, st, FUZZ_LINE);
		return NULL;
	}
	float sw, sh;
	lp_svg_size(svg, &sw, &sh);
	FUZZ_CHECK(isfinite(sw) && isfinite(sh));
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (b) {
		lp_dlist_begin_page(b, page_w, page_h);
		lp_svg_emit(svg, x, y, w, h, b);
		st = lp_dlist_builder_finish(b, &list);
		FUZZ_CHECK(st != LP_ERR_INTERNAL);
	}
	lp_svg_drop(svg);
	return list;
}

#endif
