/* The fixture of the raster suites: a display list builder, a collecting
 * diagnostics sink, and a device run whose pages are captured. */
#ifndef LP_TEST_RASTER_FIXTURE_H
#define LP_TEST_RASTER_FIXTURE_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "raster/raster_device.h"

static lp_dlist_builder *b;
static lp_diag *diag;

static inline void
setup(void)
{
	b = lp_dlist_builder_new();
	diag = lp_diag_new(NULL, NULL);
}

static inline void
teardown(void)
{
	lp_dlist_builder_drop(b);
	lp_diag_drop(diag);
}

static inline lp_dlist *
finish(void)
{
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	b = NULL;
	return list;
}

/* A closed rectangle path, filled. */
static inline void
add_rect(float x, float y, float w, float h, lp_rgb color, float opacity)
{
	lp_path_seg segs[] = {
	        {LP_PATH_MOVE, {x, y}},
	        {LP_PATH_LINE, {x + w, y}},
	        {LP_PATH_LINE, {x + w, y + h}},
	        {LP_PATH_LINE, {x, y + h}},
	        {LP_PATH_CLOSE, {0}},
	};
	lp_dl_path p = {segs, 5, true, false, false, color, 0, opacity, 1, 0};
	lp_dlist_add_path(b, &p);
}

/* The pages a run produced, copied. */
typedef struct captured {
	uint32_t n;
	uint32_t w[4], h[4], ch[4];
	uint8_t *px[4];
} captured;

static inline lp_status
capture(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	captured *c = user;
	(void)n_pages;
	cr_assert(lt(u32, index, 4));
	size_t size = (size_t)page->width * page->height * page->channels;
	c->px[index] = malloc(size);
	if (page->pixels) {
		memcpy(c->px[index], page->pixels, size);
	} else { /* a fax page's bits, a set bit black, as 0 and 255 */
		for (uint32_t y = 0; y < page->height; y++)
			for (uint32_t x = 0; x < page->width; x++)
				c->px[index][(size_t)y * page->width + x] =
				        page->bits[y * page->stride + x / 8] & (0x80 >> (x % 8))
				                ? 0
				                : 255;
	}
	c->w[index] = page->width;
	c->h[index] = page->height;
	c->ch[index] = page->channels;
	c->n = index + 1;
	return LP_OK;
}

static inline void
captured_free(captured *c)
{
	for (uint32_t i = 0; i < c->n; i++)
		free(c->px[i]);
}

static inline lp_status
run(const lp_dlist *list, lp_raster_mode mode, double dx, double dy, uint32_t line, captured *c)
{
	memset(c, 0, sizeof *c);
	lp_raster_options o = {mode, dx, dy, line};
	return lp_raster_run(list, &o, capture, c, diag);
}

static inline uint32_t
count_dark(const captured *c, uint32_t page, uint32_t *x0, uint32_t *y0, uint32_t *x1, uint32_t *y1)
{
	uint32_t n = 0;
	*x0 = *y0 = UINT32_MAX;
	*x1 = *y1 = 0;
	for (uint32_t y = 0; y < c->h[page]; y++)
		for (uint32_t x = 0; x < c->w[page]; x++)
			if (c->px[page][((size_t)y * c->w[page] + x) * c->ch[page]] < 128) {
				n++;
				*x0 = x < *x0 ? x : *x0;
				*y0 = y < *y0 ? y : *y0;
				*x1 = x + 1 > *x1 ? x + 1 : *x1;
				*y1 = y + 1 > *y1 ? y + 1 : *y1;
			}
	return n;
}

static inline bool
diag_has(const char *text)
{
	char buf[512];
	for (size_t i = 0; i < lp_diag_size(diag); i++) {
		lp_diag_format(lp_diag_at_index(diag, i), buf, sizeof buf);
		if (strstr(buf, text))
			return true;
	}
	return false;
}

#endif
