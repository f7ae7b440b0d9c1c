/*
 * PNG previews: anti-aliased 8-bit grey or RGB pages through libpng's
 * simplified write API (its error jumps stay inside libpng). The API
 * writes no time chunk and no text, so the bytes depend on the pixels
 * alone.
 *
 * A document of several pages becomes one file a page. Every page is
 * encoded and written to its temporary file before the first is renamed
 * into place, so a failure while rendering or writing leaves nothing new
 * and every file of an earlier run as it was. The encoded pages wait on
 * disk, not in memory: a 455-page document's are 114 MB at 96 dpi. In
 * memory (a batch's output), a document of several pages is one image of
 * its pages top to bottom (png_strip.c), so that one output is one file
 * with one hash.
 */
#include "raster/raster.h"

#include "base/atomic_file.h"
#include "base/diag.h"
#include "base/limits.h"
#include "raster/raster_device.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

lp_png_options
lp_png_options_default(void)
{
	return (lp_png_options){96, false, NULL, NULL};
}

typedef struct png_blob {
	uint8_t *data;
	size_t size;
} png_blob;

typedef struct png_job {
	png_blob *pages; /* by page index */
	lp_diag *diag;
} png_job;

static lp_status
encode(const lp_raster_page *page, png_blob *out, lp_diag *diag)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = page->width;
	img.height = page->height;
	img.format = page->channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
	/* Previews favour speed: zlib's default level took two thirds of a
	 * page's time for files a few percent smaller. */
	img.flags = PNG_IMAGE_FLAG_FAST;
	/* Written once into a buffer of the largest size it can take. */
	png_alloc_size_t size = PNG_IMAGE_PNG_SIZE_MAX(img);
	out->data = malloc(size ? size : 1);
	if (!out->data) {
		png_image_free(&img);
		return LP_ERR_NOMEM;
	}
	if (!png_image_write_to_memory(&img, out->data, &size, 0, page->pixels, 0, NULL))
		goto fail;
	uint8_t *shrunk = realloc(out->data, size ? size : 1);
	if (shrunk)
		out->data = shrunk;
	out->size = size;
	return LP_OK;
fail:
	free(out->data);
	out->data = NULL;
	lp_status s = lp_diag_report(diag, LP_ERROR, LP_ERR_BACKEND, NULL, 0, 0,
	        "libpng could not encode a page: %s", img.message);
	png_image_free(&img);
	return s;
}

static lp_status
put_page(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	(void)n_pages;
	png_job *j = user;
	return encode(page, &j->pages[index], j->diag);
}

lp_raster_options
lp_png_raster_options(const lp_png_options *opt)
{
	return (lp_raster_options){opt->grey ? LP_RASTER_GREY : LP_RASTER_RGB, opt->dpi, opt->dpi,
	        0, opt->glyphs, opt->source_name};
}

lp_status
lp_raster_render_png(const lp_dlist *list, const lp_png_options *options, uint32_t page,
        uint8_t **data, size_t *size, lp_diag *diag)
{
	*data = NULL;
	*size = 0;
	lp_png_options opt = options ? *options : lp_png_options_default();
	if (page >= list->n_pages)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "page %u asked for; the document has %u", page + 1, list->n_pages);
	/* The same list seen as one page. */
	lp_dlist one = *list;
	one.pages = &list->pages[page];
	one.n_pages = 1;
	png_blob blob = {NULL, 0};
	png_job j = {&blob, diag};
	lp_raster_options ro = lp_png_raster_options(&opt);
	lp_status s = lp_raster_run(&one, &ro, put_page, &j, diag);
	if (s != LP_OK) {
		free(blob.data);
		return s;
	}
	*data = blob.data;
	*size = blob.size;
	return LP_OK;
}

char *
lp_raster_png_page_path(const char *path, uint32_t page, uint32_t n_pages)
{
	if (n_pages == 1)
		return strdup(path);
	size_t n = strlen(path);
	bool ext = n >= 4 && strcasecmp(path + n - 4, ".png") == 0;
	size_t stem = ext ? n - 4 : n;
	size_t cap = n + 16;
	char *out = malloc(cap);
	if (out)
		snprintf(out, cap, "%.*s-%u%s", (int)stem, path, page + 1, ext ? path + stem : "");
	return out;
}

/* Pages on their way to their files: each page's PNG goes into its own
 * temporary file as soon as it is encoded, closed there; none is
 * published until every page is written. */
typedef struct pages_job {
	lp_atomic_file **files; /* by page index */
	const char *path;
	lp_diag *diag;
} pages_job;

static lp_status
write_page(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	pages_job *j = user;
	png_blob blob = {NULL, 0};
	lp_status s = encode(page, &blob, j->diag);
	char *name = s == LP_OK ? lp_raster_png_page_path(j->path, index, n_pages) : NULL;
	if (s == LP_OK && !name)
		s = LP_ERR_NOMEM;
	if (s == LP_OK)
		s = lp_atomic_file_open(name, &j->files[index], j->diag);
	if (s == LP_OK)
		s = lp_atomic_file_write(j->files[index], blob.data, blob.size, j->diag);
	if (s == LP_OK)
		s = lp_atomic_file_close(j->files[index], j->diag);
	free(name);
	free(blob.data);
	return s;
}

lp_status
lp_raster_write_png(
        const lp_dlist *list, const lp_png_options *options, const char *path, lp_diag *diag)
{
	lp_png_options opt = options ? *options : lp_png_options_default();
	uint32_t n = list->n_pages;
	if (strcmp(path, "-") == 0) {
		if (n > 1)
			return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
			        "the document has %u pages, which make %u PNG files; standard "
			        "output "
			        "takes one",
			        n, n);
		uint8_t *data = NULL;
		size_t size = 0;
		lp_status s = n ? lp_raster_render_png(list, &opt, 0, &data, &size, diag) : LP_OK;
		if (s == LP_OK && n)
			s = lp_atomic_write(path, data, size, diag);
		free(data);
		return s;
	}
	/* Every page is written before the first is renamed into place: a
	 * failure while rendering or writing (a full disk) leaves the pages
	 * of an earlier run as they were. Only a rename that fails part-way
	 * (the folder gone read-only meanwhile) leaves some pages new. */
	pages_job j = {calloc(n ? n : 1, sizeof *j.files), path, diag};
	if (!j.files)
		return LP_ERR_NOMEM;
	lp_raster_options ro = lp_png_raster_options(&opt);
	lp_status s = lp_raster_run(list, &ro, write_page, &j, diag);
	for (uint32_t i = 0; i < n; i++) {
		if (s == LP_OK && j.files[i])
			s = lp_atomic_file_commit(j.files[i], diag);
		else
			lp_atomic_file_abort(j.files[i]);
	}
	free(j.files);
	return s;
}
