/*
 * The PNG and JPEG targets: one image decoded from memory as a layout's
 * emblem or a signature would be, checked against what image.h promises,
 * then placed on a page and written as a PDF image (with its soft mask, or
 * passed through as DCT data). Inputs of the other format are skipped, so
 * each target's corpus stays its own format.
 */
#ifndef LP_FUZZ_FUZZ_IMAGE_H
#define LP_FUZZ_FUZZ_IMAGE_H

#include "fuzz.h"

#include "base/limits.h"
#include "dlist/dlist.h"
#include "image/image.h"
#include "image/image_decode.h"
#include "pdf/pdf.h"

static inline void
fuzz_image_check(const lp_image *img)
{
	uint32_t w = lp_image_width(img), h = lp_image_height(img);
	FUZZ_CHECK(w > 0 && h > 0 && (uint64_t)w * h <= LP_MAX_IMAGE_PIXELS);
	lp_image_space space = lp_image_color_space(img);
	FUZZ_CHECK(space == LP_IMAGE_GRAY || space == LP_IMAGE_RGB || space == LP_IMAGE_CMYK);
	size_t n;
	const uint8_t *jpeg = lp_image_jpeg(img, &n);
	FUZZ_CHECK(jpeg == NULL || (n > 0 && lp_jpeg_sniff(jpeg, n)));
	/* A JPEG that passes through into the PDF is never decoded: it has
	 * its bytes and no samples. Anything else has exactly its samples. */
	const uint8_t *px = lp_image_samples(img, &n);
	FUZZ_CHECK(px != NULL || jpeg != NULL);
	if (px) {
		FUZZ_CHECK(n == (size_t)w * h * space);
		/* Read the first and last sample: a short buffer is an ASan report. */
		FUZZ_CHECK(px[0] + px[n - 1] < 512);
	}
	const uint8_t *alpha = lp_image_alpha(img, &n);
	FUZZ_CHECK(alpha == NULL || (n == (size_t)w * h && alpha[0] + alpha[n - 1] < 512));
}

/* The input decoded as "fuzz.img", checked as above; NULL when it is
 * refused, which must be reported naming the file. */
static inline lp_image *
fuzz_image_decode(const uint8_t *data, size_t size, lp_diag *diag)
{
	lp_image *img = NULL;
	lp_status st = lp_image_from_memory("fuzz.img", data, size, &img, diag);
	if (st != LP_OK) {
		FUZZ_CHECK(img == NULL);
		fuzz_check_failure(diag, st, FUZZ_FILE);
		return NULL;
	}
	fuzz_image_check(img);
	return img;
}

static inline int
fuzz_image(const uint8_t *data, size_t size, bool (*sniff)(const uint8_t *, size_t))
{
	if (!sniff(data, size))
		return 0;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	lp_dlist *list = NULL;
	uint8_t *pdf = NULL;
	size_t pdf_size = 0;
	if (!diag || !(img = fuzz_image_decode(data, size, diag)))
		goto fail;
	lp_status st;
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (!b)
		goto fail;
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	lp_dlist_add_image(b, &(lp_dl_image){.image = img, .x = 70, .y = 40, .w = 60, .h = 60});
	st = lp_dlist_builder_finish(b, &list);
	FUZZ_CHECK(st == LP_OK || st == LP_ERR_NOMEM);
	if (st != LP_OK)
		goto fail;
	lp_pdf_options opts = lp_pdf_options_default();
	st = lp_pdf_render(list, &opts, &pdf, &pdf_size, diag);
	if (st != LP_OK)
		fuzz_check_failure(diag, st, FUZZ_REPORTED);
	else
		FUZZ_CHECK(pdf != NULL && pdf_size > 0);
fail:
	free(pdf);
	lp_dlist_drop(list);
	lp_image_drop(img);
	lp_diag_drop(diag);
	return 0;
}

#endif
