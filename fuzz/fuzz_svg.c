/* Fuzz target: SVG emblems, parsed (expat, paths, transforms, styles),
 * emitted into a display list as the furniture does, and written as PDF
 * paths. A display list that finish() rejects as non-finite is a finding:
 * the parser must refuse what it cannot place. */
#include "fuzz.h"

#include "dlist/dlist.h"
#include "image/image.h"
#include "pdf/pdf.h"

#include <math.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_svg *svg = NULL;
	lp_dlist *list = NULL;
	uint8_t *pdf = NULL;
	size_t pdf_size = 0;
	if (!diag)
		return 0;
	lp_status st = lp_svg_from_memory("fuzz.svg", data, size, &svg, diag);
	if (st != LP_OK) {
		FUZZ_CHECK(svg == NULL);
		fuzz_check_failure(diag, st, FUZZ_LINE);
		goto fail;
	}
	float w, h;
	lp_svg_size(svg, &w, &h);
	FUZZ_CHECK(isfinite(w) && isfinite(h));
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (!b)
		goto fail;
	/* An A4 page with the emblem in a letterhead's usual box. */
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	lp_svg_emit(svg, 70.0f, 40.0f, 60.0f, 60.0f, b);
	st = lp_dlist_builder_finish(b, &list);
	FUZZ_CHECK(st != LP_ERR_INTERNAL);
	if (st != LP_OK)
		goto fail;
	lp_pdf_options opts = lp_pdf_options_default();
	opts.compress = false; /* deflate is zlib's, not ours: skip its time */
	st = lp_pdf_render(list, &opts, &pdf, &pdf_size, diag);
	if (st != LP_OK)
		fuzz_check_failure(diag, st, FUZZ_REPORTED);
	else
		FUZZ_CHECK(pdf != NULL && pdf_size > 0);
fail:
	free(pdf);
	lp_dlist_drop(list);
	lp_svg_drop(svg);
	lp_diag_drop(diag);
	return 0;
}
