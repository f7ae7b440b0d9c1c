/* Fuzz target: a whole render to memory, release bytes to PDF bytes, with
 * the shipped fonts and layouts. The engine is made once per process, as a
 * batch run makes it, so each input costs one document. Besides crashes,
 * a failure that is a bug by its status (internal error, a usage error or a
 * backend error from valid arguments) is a finding. */
#include "fuzz.h"

#include <string.h>

static lp_engine *engine;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	engine = fuzz_make_engine("fuzz_render");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	uint8_t *pdf = NULL;
	size_t pdf_size = 0;
	if (!diag)
		return 0;
	/* A fixed date: the same input takes the same path every time. */
	lp_render_options opts = {.date_epoch = 1708387200};
	lp_status st =
	        lp_render_memory(engine, "fuzz.md", data, size, &opts, &pdf, &pdf_size, diag);
	if (st == LP_OK) {
		FUZZ_CHECK(pdf != NULL && pdf_size > 8 && memcmp(pdf, "%PDF-", 5) == 0);
	} else {
		FUZZ_CHECK(pdf == NULL);
		FUZZ_CHECK(st != LP_ERR_INTERNAL && st != LP_ERR_USAGE && st != LP_ERR_BACKEND);
		fuzz_check_failure(diag, st, FUZZ_FILE);
	}
	free(pdf);
	lp_diag_drop(diag);
	return 0;
}
