/*
 * JPEG validation and, where needed, decoding with libjpeg.
 *
 * Gray and YCbCr/RGB JPEGs go to the PDF as they are (DCTDecode), so their
 * pixels are never decoded here: a 587 KB progressive JPEG once decoded to
 * 584 MB that nothing used. They are checked instead by walking their
 * markers (every segment inside the file, a frame header before the
 * first scan, at most LP_MAX_JPEG_SCANS scans, an end-of-image marker:
 * a truncated file fails) and by libjpeg reading the headers. Damage inside
 * the entropy-coded data is left to the PDF reader, which decodes it.
 *
 * CMYK/YCCK, arithmetic-coded and 12-bit JPEGs are decoded to samples,
 * because PDF readers do not agree on Adobe's inverted CMYK; the decoded
 * size and libjpeg's own working memory are bounded by
 * LP_MAX_IMAGE_DECODED_BYTES before anything is decoded.
 *
 * libjpeg's error_exit must not return to the library (it would carry on
 * with a broken state), so the one way to survive an error is to longjmp
 * out of it: that setjmp is a library requirement and is confined to
 * read_guarded() below. Warnings (a premature end of data, corrupt entropy
 * data) are errors here, because libjpeg "repairs" them by padding the
 * image with gray.
 */
#include "image/image_decode.h"

#include "base/diag.h"
#include "base/limits.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jerror.h>
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

/* ---- The marker walk ------------------------------------------------- */

typedef struct jpeg_layout {
	uint32_t n_scans;
	/* Every segment from the start to the frame header follows the one
	 * before it directly (no fill bytes, no stand-alone markers), which is
	 * all libharu's JPEG header reader understands. */
	bool plain_header;
} jpeg_layout;

static bool
is_frame_header(uint8_t m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static bool
is_standalone(uint8_t m)
{
	return (m >= 0xD0 && m <= 0xD7) || m == 0x01;
}

static lp_status
walk_error(const char *name, size_t at, lp_diag *diag, const char *what)
{
	return lp_diag_at_offset(
	        diag, LP_ERROR, LP_ERR_SYNTAX, name, at, "corrupt or truncated JPEG: %s", what);
}

/* Checks the file's structure from after the start-of-image marker to
 * the end-of-image marker, in one pass, without decoding anything. */
static lp_status
walk_markers(const char *name, const uint8_t *d, size_t size, jpeg_layout *out, lp_diag *diag)
{
	size_t pos = 2;
	bool frame = false;
	*out = (jpeg_layout){.plain_header = true};
	for (;;) {
		if (pos >= size)
			return walk_error(
			        name, size, diag, "the file ends before its end-of-image marker");
		if (d[pos] != 0xFF)
			return walk_error(name, pos, diag, "a marker was expected here");
		size_t at = pos;
		while (pos < size && d[pos] == 0xFF)
			pos++; /* fill bytes */
		if (pos >= size)
			return walk_error(
			        name, size, diag, "the file ends before its end-of-image marker");
		uint8_t m = d[pos++];
		if (!frame && (pos - at > 2 || is_standalone(m)))
			out->plain_header = false;
		if (m == 0xD9) {
			if (out->n_scans == 0)
				return walk_error(name, at, diag,
				        "no image data before the end-of-image marker");
			return LP_OK;
		}
		if (is_standalone(m))
			continue;
		if (m == 0x00 || m == 0xD8)
			return walk_error(name, at, diag, "a marker out of place");
		if (size - pos < 2)
			return walk_error(
			        name, size, diag, "the file ends inside a marker segment");
		size_t len = (size_t)d[pos] << 8 | d[pos + 1];
		if (len < 2)
			return walk_error(
			        name, pos, diag, "a marker segment shorter than its length field");
		if (len > size - pos)
			return walk_error(
			        name, size, diag, "the file ends inside a marker segment");
		pos += len;
		if (is_frame_header(m))
			frame = true;
		if (m != 0xDA)
			continue;
		/* A scan: its entropy-coded data runs to the next marker that is
		 * neither a stuffed zero nor a restart marker. */
		if (!frame)
			return walk_error(name, at, diag, "a scan before the frame header");
		if (++out->n_scans > LP_MAX_JPEG_SCANS)
			return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, at,
			        "JPEG has more than %d scans; that is the limit",
			        LP_MAX_JPEG_SCANS);
		while (pos + 1 < size &&
		        !(d[pos] == 0xFF && d[pos + 1] != 0x00 && !is_standalone(d[pos + 1])))
			pos++;
		if (pos + 1 >= size)
			return walk_error(
			        name, size, diag, "the file ends before its end-of-image marker");
	}
}

/* ---- libjpeg --------------------------------------------------------- */

/* Everything that can longjmp happens in here; the caller owns no memory
 * that the jump could leak, because buffers hang off *out and are freed by
 * the caller on failure. Decodes only when the image cannot go to the PDF
 * as it is, or when decode asks for the samples. */
static lp_status
read_guarded(struct jpeg_decompress_struct *ci, jpeg_guard *g, const char *name,
        const uint8_t *data, size_t size, const jpeg_layout *layout, lp_image_pixels *out,
        lp_diag *diag, bool decode)
{
	if (setjmp(g->jump)) {
		if (g->mgr.msg_code == JERR_OUT_OF_MEMORY)
			return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_NOMEM, name, 0,
			        "out of memory reading the JPEG");
		if (g->mgr.msg_code == JERR_NO_BACKING_STORE)
			return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, 0,
			        "JPEG needs more than %u bytes to decode; that is the limit",
			        (unsigned)LP_MAX_IMAGE_DECODED_BYTES);
		size_t left = ci->src ? ci->src->bytes_in_buffer : 0;
		return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_SYNTAX, name, size - left,
		        "corrupt or truncated JPEG: %s", g->message);
	}
	jpeg_create_decompress(ci);
	/* libjpeg asks for whole-image buffers (a progressive image's
	 * coefficients) within this; past it, it fails, having no backing
	 * store, instead of allocating. */
	ci->mem->max_memory_to_use = LP_MAX_IMAGE_DECODED_BYTES;
	jpeg_mem_src(ci, data, (unsigned long)size);
	jpeg_read_header(ci, TRUE);
	if ((uint64_t)ci->image_width * ci->image_height > LP_MAX_IMAGE_PIXELS ||
	        ci->image_width == 0 || ci->image_height == 0) {
		return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, 0,
		        "JPEG is %ux%u pixels; the limit is %u pixels", (unsigned)ci->image_width,
		        (unsigned)ci->image_height, (unsigned)LP_MAX_IMAGE_PIXELS);
	}
	bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
	bool gray = ci->jpeg_color_space == JCS_GRAYSCALE && ci->num_components == 1;
	bool rgb = (ci->jpeg_color_space == JCS_YCbCr || ci->jpeg_color_space == JCS_RGB) &&
	           ci->num_components == 3;
	out->width = ci->image_width;
	out->height = ci->image_height;
	if (!decode && (gray || rgb) && !ci->arith_code && ci->data_precision == 8 &&
	        layout->plain_header) {
		out->space = gray ? LP_IMAGE_GRAY : LP_IMAGE_RGB;
		out->jpeg_passthrough = true;
		return LP_OK;
	}
	if (cmyk)
		ci->out_color_space = JCS_CMYK;
	else if (ci->jpeg_color_space == JCS_GRAYSCALE)
		ci->out_color_space = JCS_GRAYSCALE;
	else
		ci->out_color_space = JCS_RGB;
	jpeg_calc_output_dimensions(ci);
	size_t comps = (size_t)ci->output_components;
	size_t stride = comps * ci->output_width;
	if ((uint64_t)stride * ci->output_height > LP_MAX_IMAGE_DECODED_BYTES)
		return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_LIMIT, name, 0,
		        "JPEG of %ux%u pixels decodes to %llu bytes; the limit is %u",
		        (unsigned)ci->output_width, (unsigned)ci->output_height,
		        (unsigned long long)stride * ci->output_height,
		        (unsigned)LP_MAX_IMAGE_DECODED_BYTES);
	jpeg_start_decompress(ci);
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
	return LP_OK;
}

static lp_status
jpeg_decode(const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, bool decode,
        lp_diag *diag)
{
	struct jpeg_decompress_struct ci;
	jpeg_guard g;
	jpeg_layout layout;
	memset(out, 0, sizeof *out);
	lp_status s = walk_markers(name, data, size, &layout, diag);
	if (s != LP_OK)
		return s;
	memset(&ci, 0, sizeof ci);
	memset(&g, 0, sizeof g);
	ci.err = jpeg_std_error(&g.mgr);
	g.mgr.error_exit = guard_error_exit;
	g.mgr.emit_message = guard_emit_message;
	s = read_guarded(&ci, &g, name, data, size, &layout, out, diag, decode);
	jpeg_destroy_decompress(&ci);
	if (s != LP_OK) {
		free(out->samples);
		memset(out, 0, sizeof *out);
	}
	return s;
}

lp_status
lp_jpeg_decode(
        const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag)
{
	return jpeg_decode(name, data, size, out, false, diag);
}

lp_status
lp_jpeg_decode_samples(
        const char *name, const uint8_t *data, size_t size, lp_image_pixels *out, lp_diag *diag)
{
	return jpeg_decode(name, data, size, out, true, diag);
}
