/*
 * Raster images (PNG, JPEG) and SVG emblems, decoded and validated by
 * letterpress before any backend sees them. Images are untrusted input:
 * every size is checked against base/limits.h, truncation and corrupt data
 * are errors naming the file and position, and nothing here can abort the
 * process (libharu would, on a truncated PNG).
 *
 * Ownership: *_load and *_from_memory return an object the caller drops
 * with *_drop (NULL-safe). Accessors return borrowed pointers valid until
 * the drop. Loaded objects are immutable and may be shared between threads.
 */
#ifndef LP_IMAGE_IMAGE_H
#define LP_IMAGE_IMAGE_H

#include "letterpress.h"

#include "dlist/dlist.h"

typedef enum lp_image_space {
	LP_IMAGE_GRAY = 1, /* one sample per pixel */
	LP_IMAGE_RGB = 3,
	LP_IMAGE_CMYK = 4 /* not inverted: 0 is no ink */
} lp_image_space;

/* Reads a PNG or JPEG file (told apart by its signature). Fails with
 * LP_ERR_MISSING, LP_ERR_LIMIT (bytes or pixels), LP_ERR_SYNTAX (corrupt,
 * truncated) or LP_ERR_UNSUPPORTED (an unknown format), reported to diag. */
lp_status lp_image_load(const char *path, lp_image **out, lp_diag *diag);
/* The same from bytes (copied); name is what diagnostics show. */
lp_status lp_image_from_memory(
        const char *name, const void *data, size_t size, lp_image **out, lp_diag *diag);
void lp_image_drop(lp_image *img);

uint32_t lp_image_width(const lp_image *img);
uint32_t lp_image_height(const lp_image *img);
lp_image_space lp_image_color_space(const lp_image *img);
/* The file or memory name the image came from. */
const char *lp_image_name(const lp_image *img);
/* Decoded 8-bit samples, row by row, colour components interleaved, no
 * alpha: width * height * space bytes. NULL (and *size 0) for a JPEG that
 * goes to the PDF as it is (lp_image_jpeg): its pixels are never decoded. */
const uint8_t *lp_image_samples(const lp_image *img, size_t *size);
/* 8-bit alpha, width * height bytes, or NULL when the image is opaque. */
const uint8_t *lp_image_alpha(const lp_image *img, size_t *size);
/* For a JPEG that a PDF reader can decode as it is (baseline or
 * progressive, gray or RGB, 8-bit, Huffman-coded, its headers in the plain
 * layout libharu reads): the file bytes, their structure checked, for
 * DCTDecode passthrough. NULL otherwise. */
const uint8_t *lp_image_jpeg(const lp_image *img, size_t *size);
/* For an image whose samples are not kept (a passed-through JPEG, for
 * backends that need pixels: the raster one): its samples decoded now,
 * width * height * channels bytes of lp_image_color_space(), in a malloc'd
 * buffer the caller frees. Its entropy-coded data is decoded for the first
 * time here, so a damaged file fails here, reported to diag with the
 * image's name and the byte where libjpeg stopped. */
lp_status lp_image_decode_samples(const lp_image *img, uint8_t **samples, lp_diag *diag);

/* ---- SVG ------------------------------------------------------------- */

typedef struct lp_svg lp_svg;

/* Reads the SVG subset emblems use (path with every command, rect, circle,
 * ellipse, line, polyline, polygon, g, use and symbol, transforms,
 * fill/stroke/opacity, style attributes and simple <style> rules, linear
 * and radial gradients; docs/layouts.md, SVG pictures). What is not drawn is a
 * warning to diag at its line:col. DTDs and entities are refused. Fails
 * with LP_ERR_MISSING, LP_ERR_LIMIT or LP_ERR_SYNTAX, with file:line:col. */
lp_status lp_svg_load(const char *path, lp_svg **out, lp_diag *diag);
lp_status lp_svg_from_memory(
        const char *name, const void *data, size_t size, lp_svg **out, lp_diag *diag);
void lp_svg_drop(lp_svg *svg);
/* Intrinsic size in SVG user units: width/height attributes, else the
 * viewBox size. Never fails. */
void lp_svg_size(const lp_svg *svg, float *w, float *h);
/* Adds the drawing as lp_dl_path items to the current page of b, scaled
 * uniformly and centred into the rectangle (x, y, w, h) in page points.
 * Errors go to the builder's sticky error. */
void lp_svg_emit(const lp_svg *svg, float x, float y, float w, float h, lp_dlist_builder *b);

#endif
