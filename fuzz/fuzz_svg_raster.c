/* Fuzz target: SVG emblems through the raster device, as a fax or a
 * preview draws them: parsed and emitted into a display list as fuzz_svg
 * does, then replayed into pixels (paths and strokes filled, gradients,
 * the fax rules' dither and outlines, clips), in the mode the input's
 * bytes choose, with fuzz_raster.h's checks. The page is the emblem's box
 * with 20 points round it. */
#include "fuzz_raster.h"
#include "fuzz_svg.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	if (!diag)
		return 0;
	lp_dlist *list = fuzz_svg_list(data, size, FUZZ_RASTER_PAGE_PT, FUZZ_RASTER_PAGE_PT, 20.0f,
	        20.0f, 60.0f, 60.0f, diag);
	if (list) {
		unsigned sum = 0;
		for (size_t i = 0; i < size; i++)
			sum += data[i];
		fuzz_raster_run(list, sum, "fuzz.svg", FUZZ_REPORTED, diag);
	}
	lp_dlist_drop(list);
	lp_diag_drop(diag);
	return 0;
}
