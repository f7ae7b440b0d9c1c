/*
 * PNG decoding with libpng's simplified API (png_image_*). libpng reports
 * every error by longjmp; the simplified API keeps that setjmp/longjmp
 * inside libpng (png_safe_execute) and returns 0 with a message, so no jump
 * ever crosses letterpress code. The pixel and decoded-size limits are
 * checked after the header is read and before anything is allocated,
 * which stops a 30000x30000 header in microseconds.
 */
#include "image/image_decode.h"

#include "base/diag.h"
#include "base/limits.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

bool
lp_png_sniff(const uint8_t *data, size_t size)
{
	return size >= 8 && png_sig_cmp(data, 0, 8) == 0;
}

/* Splits interleaved colour+alpha into two planes, the colour in place
 * (each pixel moves down, never over one not yet read), so the peak is the
 * decoded buffer and the alpha plane, not two copies. An alpha plane that
 * is opaque everywhere is dropped, so opaque images get no SMask. */
static lp_status
split_alpha(uint8_t *buf, size_t n_px, int comps, lp_image_pixels *out)
{
	out->alpha = malloc(n_px);
	if (!out->alpha)
		return LP_ERR_NOMEM;
	bool opaque = true;
	for (size_t i = 0; i < n_px; i++) {
		out->alpha[i] = buf[i * (size_t)(comps + 1) + (size_t)comps];
		memmove(buf + i * (size_t)comps, buf + i * (size_t)(comps + 1), (size_t)comps);
		opaque &= out->alpha[i] == 0xff;
	}
	if (opaque) {
		free(out->alpha);
		out->alpha = NULL;
	}
	uint8_t *shrunk = realloc(buf, n_px * (size_t)comps);
	out->samples = shrunk ? shrunk : buf;
	return LP_OK;
}

/* libpng's simplified API tells its errors apart by message only; its
 * allocation failures say "out of memory" (or "Out of Memory"). */
static lp_status
out_of_memory(const png_image *im)
{
	char lower[sizeof im->message];
	size_t i = 0;
	for (; i + 1 < sizeof lower && im->message[i]; i++)
		lower[i] = (char)(im->message[i] |
		                  (im->message[i] >= 'A' && im->message[i] <= 'Z' ? 0x20 : 0));
	lower[i] = '\0';
	return strstr(lower, "out of memory") ? LP_ERR_NOMEM : LP_ERR_SYNTAX;
}

/* Walks the chunk list before libpng sees it: every chunk's declared length
 * must fit in the bytes that are there. libpng allocates a chunk's declared
 * size before reading it, so a 49-byte file declaring a 1.4 GB chunk cost
 * 1.4 GB and 20 s before libpng noticed the truncation. */
static lp_status
check_chunks(const char *name, const uint8_t *data, size_t size, lp_diag *diag)
{
	size_t at = 8;
	while (at < size) {
		if (size - at < 12)
			return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_SYNTAX, name, at,
			        "PNG is cut short inside a chunk header");
		uint32_t len = (uint32_t)data[at] << 24 | (uint32_t)data[at + 1] << 16 |
		               (uint32_t)data[at + 2] << 8 | data[at + 3];
		if (len > 0x7fffffffu || len > size - at - 12)
			return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_SYNTAX, name, at,
			        "PNG chunk declares %u bytes but only %zu follow (the file is cut "
			        "short or damaged)",
			        len, size - at - 12);
		if (memcmp(data + at + 4, "IEND", 4) == 0)
			return LP_OK;
		at += 12 + (size_t)len;
	}
	return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_SYNTAX, name, size,
	        "PNG ends without its IEND chunk (the file is cut short)");
}

lp_status
lp_png_decode(
        const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag)
{
	png_image im;
	uint8_t *buf = NULL;
	lp_status s = LP_OK;
	memset(&im, 0, sizeof im);
	memset(out, 0, sizeof *out);
	im.version = PNG_IMAGE_VERSION;
	if ((s = check_chunks(name, data, size, diag)) != LP_OK)
		goto fail;
	if (!png_image_begin_read_from_memory(&im, data, size)) {
		s = lp_diag_at_offset(diag, LP_ERROR, out_of_memory(&im), name, 0,
		        "bad PNG header: %s", im.message);
		goto fail;
	}
	if (im.width == 0 || im.height == 0 ||
	        (uint64_t)im.width * im.height > LP_MAX_IMAGE_PIXELS) {
		s = lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, 16,
		        "PNG is %ux%u pixels; the limit is %u pixels", im.width, im.height,
		        (unsigned)LP_MAX_IMAGE_PIXELS);
		goto fail;
	}
	bool color = im.format & PNG_FORMAT_FLAG_COLOR;
	bool alpha = im.format & PNG_FORMAT_FLAG_ALPHA;
	int comps = color ? 3 : 1;
	im.format =
	        (color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
	size_t n_px = (size_t)im.width * im.height;
	uint64_t bytes = (uint64_t)n_px * (uint64_t)(comps + alpha);
	if (bytes > LP_MAX_IMAGE_DECODED_BYTES) {
		s = lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, 16,
		        "PNG of %ux%u pixels decodes to %llu bytes; the limit is %u", im.width,
		        im.height, (unsigned long long)bytes, (unsigned)LP_MAX_IMAGE_DECODED_BYTES);
		goto fail;
	}
	buf = malloc(PNG_IMAGE_SIZE(im));
	if (!buf) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	/* A truncated or corrupt stream fails here; libpng does not say where,
	 * so the message names the file size. */
	if (!png_image_finish_read(&im, NULL, buf, 0, NULL)) {
		s = lp_diag_at_offset(diag, LP_ERROR, out_of_memory(&im), name, size,
		        "corrupt or truncated PNG data: %s", im.message);
		goto fail;
	}
	out->width = im.width;
	out->height = im.height;
	out->space = color ? LP_IMAGE_RGB : LP_IMAGE_GRAY;
	if (alpha && (s = split_alpha(buf, n_px, comps, out)) != LP_OK)
		goto fail;
	if (!alpha)
		out->samples = buf;
	return LP_OK;
fail:
	png_image_free(&im);
	free(buf);
	free(out->samples);
	free(out->alpha);
	memset(out, 0, sizeof *out);
	return s;
}
