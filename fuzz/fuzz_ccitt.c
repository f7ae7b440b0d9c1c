/* Fuzz target: the fax TIFF's G4 coder (src/raster/ccitt.c) against
 * libtiff's own G4 coder, which it promises to match byte for byte
 * (ccitt.h). The first two bytes give the width (1 .. 4096 pixels, past
 * the 2,560 where runs take more than one makeup code); the rest are the
 * rows, 1 bit a pixel, as many whole rows as there are (at most 512). Any
 * difference in the coded bytes is a finding, and so is any between the
 * coder's two listers of a row's changes (ccitt_changes.c), or made with
 * pages kept (ccitt_recall.c) or told which rows are white. */
#include "fuzz_tiff.h"
#include "raster/ccitt.h"
#include "raster/ccitt_internal.h"

#define MAX_WIDTH 4096
#define MAX_ROWS 512

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	TIFFSetWarningHandler(NULL);
	return 0;
}

/* libtiff's G4 strip of the rows (packed tight; it may write on them),
 * raw, into *out: its size, or 0 when libtiff failed. */
static size_t
libtiff_g4(uint8_t *rows, uint32_t w, uint32_t h, uint8_t **out)
{
	fuzz_tiff_sink s = {0};
	size_t n = 0;
	*out = NULL;
	TIFF *t = fuzz_tiff_open(&s, "wm");
	FUZZ_CHECK(t != NULL);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	TIFFSetField(t, TIFFTAG_FAXMODE, FAXMODE_CLASSF);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, h);
	tmsize_t bytes = (tmsize_t)((w + 7) / 8) * h;
	bool ok = TIFFWriteEncodedStrip(t, 0, rows, bytes) == bytes;
	TIFFClose(t);
	if (ok && (t = fuzz_tiff_open(&s, "rm")) != NULL) {
		uint64_t *counts = NULL;
		if (TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &counts) == 1 && counts[0] > 0 &&
		        (*out = malloc((size_t)counts[0])) != NULL &&
		        TIFFReadRawStrip(t, 0, *out, (tmsize_t)counts[0]) == (tmsize_t)counts[0])
			n = (size_t)counts[0];
		TIFFClose(t);
	}
	free(s.data);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	uint32_t w = 1 + (uint32_t)(data[0] | data[1] << 8) % MAX_WIDTH;
	size_t stride = (w + 7) / 8;
	size_t h = (size - 2) / stride;
	if (h == 0)
		return 0;
	if (h > MAX_ROWS)
		h = MAX_ROWS;
	uint8_t *ours = NULL, *theirs = NULL;
	size_t n_ours = 0;
	lp_status st =
	        lp_ccitt_g4_encode(data + 2, stride, w, (uint32_t)h, NULL, NULL, &ours, &n_ours);
	if (st == LP_ERR_NOMEM)
		return 0;
	FUZZ_CHECK(st == LP_OK && ours != NULL);
	/* The portable lister, the coder told of most white rows (a row's
	 * bits past the width do not count); every third is left to be read. */
	uint8_t inked[MAX_ROWS];
	for (size_t y = 0; y < h; y++) {
		const uint8_t *row = data + 2 + y * stride;
		bool white = y % 3 != 0;
		for (uint32_t x = 0; white && x < w; x++)
			white = !(row[x >> 3] & (0x80 >> (x & 7)));
		inked[y] = !white;
	}
	uint8_t *portable = NULL;
	size_t n_portable = 0;
	st = lp_ccitt_g4_encode_with(lp_ccitt_lister_for(true), data + 2, stride, w, (uint32_t)h,
	        inked, NULL, &portable, &n_portable);
	if (st == LP_OK) {
		FUZZ_CHECK(n_portable == n_ours && memcmp(portable, ours, n_ours) == 0);
		free(portable);
	}
	uint8_t *rows = malloc(stride * h);
	FUZZ_CHECK(rows != NULL);
	memcpy(rows, data + 2, stride * h);
	size_t n_theirs = libtiff_g4(rows, w, (uint32_t)h, &theirs);
	if (n_theirs > 0) {
		FUZZ_CHECK(n_ours == n_theirs);
		FUZZ_CHECK(memcmp(ours, theirs, n_ours) == 0);
	}
	/* Kept pages: after the first page a recall is given (which it does
	 * not keep) and the second (kept), the page again takes all of its
	 * codes, and a copy with one row made white takes the rows above and
	 * below it; all give the bytes they give alone. */
	lp_ccitt_recall *recall = lp_ccitt_recall_new();
	if (recall) {
		memcpy(rows, data + 2, stride * h);
		for (int pass = 0; pass < 4; pass++) {
			if (pass == 3)
				memset(rows + stride * (h / 2), 0, stride);
			uint8_t *kept = NULL, *alone = NULL;
			size_t n_kept = 0, n_alone = 0;
			if (lp_ccitt_g4_encode(rows, stride, w, (uint32_t)h, NULL, recall, &kept,
			            &n_kept) == LP_OK &&
			        lp_ccitt_g4_encode(rows, stride, w, (uint32_t)h, NULL, NULL, &alone,
			                &n_alone) == LP_OK)
				FUZZ_CHECK(n_kept == n_alone && memcmp(kept, alone, n_alone) == 0);
			free(kept);
			free(alone);
		}
		lp_ccitt_recall_drop(recall);
	}
	free(rows);
	free(ours);
	free(theirs);
	return 0;
}
