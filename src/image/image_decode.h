/*
 * Decoders behind lp_image_from_memory (image.c). Each validates fully and
 * fills an lp_image_pixels whose buffers it mallocs; on failure it reports
 * to diag and leaves nothing allocated.
 */
#ifndef LP_IMAGE_IMAGE_DECODE_H
#define LP_IMAGE_IMAGE_DECODE_H

#include "image/image.h"

typedef struct lp_image_pixels {
	uint32_t width, height;
	lp_image_space space;
	uint8_t *samples; /* width * height * space; NULL for a passed-through JPEG */
	uint8_t *alpha; /* width * height, or NULL */
	bool jpeg_passthrough; /* the file bytes can go to the PDF as DCTDecode */
} lp_image_pixels;

bool lp_png_sniff(const uint8_t *data, size_t size);
bool lp_jpeg_sniff(const uint8_t *data, size_t size);
lp_status lp_png_decode(
        const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag);
lp_status lp_jpeg_decode(
        const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag);
/* The same, always decoding the samples (never a passthrough). */
lp_status lp_jpeg_decode_samples(
        const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag);

#endif
