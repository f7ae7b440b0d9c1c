/*
 * JPEG validation and decoding with libjpeg. libjpeg's error_exit must not
 * return to the library (it would carry on with a broken state), so the
 * one way to survive an error is to longjmp out of it: that setjmp is a
 * library requirement and is confined to decode_guarded() below. Warnings
 * (a premature end of data, corrupt entropy data) are errors here, because
 * libjpeg "repairs" them by padding the image with gray, and libharu would
 * embed a truncated JPEG silently.
 *
 * Every JPEG is fully decoded once, so a file that reaches the PDF is known
 * to decode. Gray and YCbCr/RGB JPEGs then go to the PDF as they are
 * (DCTDecode); CMYK/YCCK ones as decoded samples, because Adobe's inverted
 * CMYK convention is not read the same way by every PDF reader.
 */
#include "image/image_decode.h"

#include "base/diag.h"
#include "base/limits.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jpeglib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct jpeg_guard {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
} jpeg_guard;

static void
guard_error_exit(j_common_ptr cinfo)
{
	jpeg_guard *g = (jpeg_guard *)cinfo->err;
	g->mgr.format_message(cinfo, g->message);
	longjmp(g->jump, 1);
}

static void
guard_emit_message(j_common_ptr cinfo, int level)
{
	/* level -1 is a warning about damaged data: treat it as fatal. */
	if (level < 0)
		guard_error_exit(cinfo);
}

bool
lp_jpeg_sniff(const uint8_t *data, size_t size)
{
	return size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
}

/* Everything that can longjmp happens in here; the caller owns no memory
 * that the jump could leak, because buffers hang off *out and are freed by
 * the caller on failure. */
static lp_status
decode_guarded(struct jpeg_decompress_struct *ci, jpeg_guard *g, const char *name,
	const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag)
{
	if (setjmp(g->jump)) {
		size_t left = ci->src ? ci->src->bytes_in_buffer : 0;
		return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_SYNTAX, name, size - left,
			"corrupt or truncated JPEG: %s", g->message);
	}
	jpeg_create_decompress(ci);
	jpeg_mem_src(ci, data, (unsigned long)size);
	jpeg_read_header(ci, TRUE);
	if ((uint64_t)ci->image_width * ci->image_height > LP_MAX_IMAGE_PIXELS ||
		ci->image_width == 0 || ci->image_height == 0) {
		return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, 0,
			"JPEG is %ux%u pixels; the limit is %u pixels", (unsigned)ci->image_width,
			(unsigned)ci->image_height, (unsigned)LP_MAX_IMAGE_PIXELS);
	}
	bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
	if (cmyk)
		ci->out_color_space = JCS_CMYK;
	else if (ci->jpeg_color_space == JCS_GRAYSCALE)
		ci->out_color_space = JCS_GRAYSCALE;
	else
		ci->out_color_space = JCS_RGB;
	jpeg_start_decompress(ci);
	size_t comps = (size_t)ci->output_components;
	size_t stride = comps * ci->output_width;
	out->samples = malloc(stride * ci->output_height);
	if (!out->samples) {
		jpeg_abort_decompress(ci);
		return LP_ERR_NOMEM;
	}
	while (ci->output_scanline < ci->output_height) {
		JSAMPROW row = out->samples + stride * ci->output_scanline;
		jpeg_read_scanlines(ci, &row, 1);
	}
	jpeg_finish_decompress(ci);
	out->width = ci->output_width;
	out->height = ci->output_height;
	out->space = cmyk ? LP_IMAGE_CMYK : comps == 1 ? LP_IMAGE_GRAY : LP_IMAGE_RGB;
	if (cmyk && ci->saw_Adobe_marker) {
		/* Adobe applications write CMYK inverted (0 = full ink). */
		for (size_t i = 0; i < stride * out->height; i++)
			out->samples[i] = (uint8_t)(255 - out->samples[i]);
	}
	out->jpeg_passthrough = !cmyk && !ci->arith_code && ci->data_precision == 8;
	return LP_OK;
}

lp_status
lp_jpeg_decode(const char *name, const uint8_t *data, size_t size, lp_image_pixels *out,
	lp_diag *diag)
{
	struct jpeg_decompress_struct ci;
	jpeg_guard g;
	memset(&ci, 0, sizeof ci);
	memset(&g, 0, sizeof g);
	memset(out, 0, sizeof *out);
	ci.err = jpeg_std_error(&g.mgr);
	g.mgr.error_exit = guard_error_exit;
	g.mgr.emit_message = guard_emit_message;
	lp_status s = decode_guarded(&ci, &g, name, data, size, out, diag);
	jpeg_destroy_decompress(&ci);
	if (s != LP_OK) {
		free(out->samples);
		memset(out, 0, sizeof *out);
	}
	return s;
}
