/* Fuzz target: a whole render to memory through the raster backend, release
 * bytes to a fax TIFF or a PNG preview, with the shipped fonts and layouts
 * (fuzz_render covers the PDF writer). The output's kind follows from the
 * input's bytes, so that one corpus reaches every coding: G4 fine, G4
 * standard, G3 2-D, and a small PNG. Besides crashes and the status checks
 * fuzz_render makes, a TIFF must be one libtiff reads whole: every page
 * 1728 pixels wide and numbered, every row decoded without an error. */
#include "fuzz_tiff.h"

#include <stdarg.h>

static lp_engine *engine;
/* libtiff's decoder reports a bad code word and goes on to the next row:
 * its reports are counted here, and each is a finding. */
static unsigned tiff_errors;

static void count_tiff_error(const char *module, const char *fmt, va_list ap)
        __attribute__((format(printf, 2, 0)));

static void
count_tiff_error(const char *module, const char *fmt, va_list ap)
{
	fprintf(stderr, "libtiff: %s: ", module ? module : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	tiff_errors++;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	engine = fuzz_make_engine("fuzz_fax");
	/* libtiff's warnings are about the reader's own habits, not findings. */
	TIFFSetWarningHandler(NULL);
	TIFFSetErrorHandler(count_tiff_error);
	return 0;
}

/* Every page read back through libtiff's decoder. */
static void
check_tiff(const uint8_t *data, size_t size)
{
	FUZZ_CHECK(size > 8 && memcmp(data, "II*\0", 4) == 0);
	tiff_errors = 0;
	fuzz_tiff_sink m = {(uint8_t *)data, size, 0, 0};
	TIFF *t = fuzz_tiff_open(&m, "rm");
	FUZZ_CHECK(t != NULL);
	uint8_t row[1728 / 8];
	uint16_t pages = 0;
	do {
		uint32_t w = 0, h = 0;
		FUZZ_CHECK(TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w) == 1 && w == 1728);
		FUZZ_CHECK(TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h) == 1 && h > 0);
		FUZZ_CHECK(TIFFScanlineSize(t) == (tmsize_t)sizeof row);
		for (uint32_t y = 0; y < h; y++)
			FUZZ_CHECK(TIFFReadScanline(t, row, y, 0) == 1);
		pages++;
	} while (TIFFReadDirectory(t));
	uint16_t page = 0, n_pages = 0;
	FUZZ_CHECK(TIFFGetField(t, TIFFTAG_PAGENUMBER, &page, &n_pages) == 1);
	FUZZ_CHECK(n_pages == pages && page == pages - 1);
	TIFFClose(t);
	FUZZ_CHECK(tiff_errors == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	uint8_t *out = NULL;
	size_t out_size = 0;
	if (!diag)
		return 0;
	/* The kind of output from the bytes' sum: the same input takes the
	 * same path every time, and the release itself is all the input. */
	uint32_t sum = 0;
	for (size_t i = 0; i < size; i++)
		sum += data[i];
	lp_render_options opts = {.date_epoch = 1708387200, .format = LP_FORMAT_TIFF};
	switch (sum % 4) {
	case 1:
		opts.fax_mode = LP_FAX_MODE_STANDARD;
		break;
	case 2:
		opts.fax_code = LP_FAX_CODE_G3_2D;
		break;
	case 3: /* a PNG small enough to keep the fuzzer quick */
		opts.format = LP_FORMAT_PNG;
		opts.dpi = 24;
		opts.grey = sum & 4;
		break;
	default:
		break;
	}
	lp_status st =
	        lp_render_memory(engine, "fuzz.md", data, size, &opts, &out, &out_size, diag);
	if (st == LP_OK) {
		FUZZ_CHECK(out != NULL);
		if (opts.format == LP_FORMAT_TIFF)
			check_tiff(out, out_size);
		else
			FUZZ_CHECK(out_size > 8 && memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0);
	} else {
		FUZZ_CHECK(out == NULL);
		FUZZ_CHECK(st != LP_ERR_INTERNAL && st != LP_ERR_USAGE && st != LP_ERR_BACKEND);
		fuzz_check_failure(diag, st, FUZZ_FILE);
	}
	free(out);
	lp_diag_drop(diag);
	return 0;
}
