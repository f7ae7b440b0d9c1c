/* See raster_doc.h. */
#include "raster_doc.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "test-config.h"

static void
build(lp_test_release *r)
{
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	r->diag = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_engine_new(&eo, &r->engine, r->diag), LP_OK));
	lp_status s = build_document(r->engine, r->src, NULL, &r->job, &r->list, false, r->diag);
	char msg[512] = "";
	if (s != LP_OK && lp_diag_size(r->diag) > 0)
		lp_diag_format(
		        lp_diag_at_index(r->diag, lp_diag_size(r->diag) - 1), msg, sizeof msg);
	cr_assert(eq(int, s, LP_OK), "%s", msg);
}

void
lp_test_release_build(lp_test_release *r, const char *path)
{
	memset(r, 0, sizeof *r);
	cr_assert(eq(int, lp_source_load(path, LP_MAX_RELEASE_BYTES, &r->src, NULL), LP_OK));
	build(r);
}

void
lp_test_release_build_text(lp_test_release *r, const char *name, const char *text)
{
	memset(r, 0, sizeof *r);
	cr_assert(eq(int, lp_source_from_memory(name, text, strlen(text), &r->src), LP_OK));
	build(r);
}

void
lp_test_release_drop(lp_test_release *r)
{
	lp_dlist_drop(r->list);
	job_release(&r->job);
	lp_source_drop(r->src);
	lp_engine_drop(r->engine);
	lp_diag_drop(r->diag);
}

bool
lp_test_png_read_grey(const char *path, uint32_t *w, uint32_t *h, uint8_t **pixels)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return false;
	img.format = PNG_FORMAT_GRAY;
	*pixels = malloc(PNG_IMAGE_SIZE(img));
	if (!*pixels || !png_image_finish_read(&img, NULL, *pixels, 0, NULL)) {
		png_image_free(&img);
		free(*pixels);
		return false;
	}
	*w = img.width;
	*h = img.height;
	return true;
}

uint8_t *
lp_test_file_read(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}
