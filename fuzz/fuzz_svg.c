/* Fuzz target: SVG emblems, parsed (expat, paths, transforms, styles),
 * emitted into a display list as the furniture does, and written as PDF
 * paths. A display list that finish() rejects as non-finite is a finding:
 * the parser must refuse what it cannot place. */
#include "fuzz_svg.h"

#include "pdf/pdf.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	uint8_t *pdf = NULL;
	size_t pdf_size = 0;
	if (!diag)
		return 0;
	/* An A4 page with the emblem in a letterhead's usual box. */
	lp_dlist *list =
	        fuzz_svg_list(data, size, 595.28f, 841.89f, 70.0f, 40.0f, 60.0f, 60.0f, diag);
	if (list) {
		lp_pdf_options opts = lp_pdf_options_default();
		opts.compress = false; /* deflate is zlib's, not ours: skip its time */
		lp_status st = lp_pdf_render(list, &opts, &pdf, &pdf_size, diag);
		if (st != LP_OK)
			fuzz_check_failure(diag, st, FUZZ_REPORTED);
		else
			FUZZ_CHECK(pdf != NULL && pdf_size > 0);
	}
	free(pdf);
	lp_dlist_drop(list);
	lp_diag_drop(diag);
	return 0;
}
