/* The fax page's short ways of painting write what painting the mask
 * writes, on any page. A fill's stamp (src/raster/raster_stamp.c): each
 * way a fill is painted on a fax page (a large dark fill dithered with a
 * solid edge, a light one dithered, a small dark one solid, a translucent
 * one outlined, one near the page's right edge), stamped on a page of
 * noise, gives the bits and the inked rows lp_raster_paint gives. A kept
 * mask is stamped from its second painting on, once, and keeps one stamp,
 * for one paint. And a glyph of dark text painted by
 * lp_raster_paint_fax_glyph gives what lp_raster_paint gives, at every
 * pixel phase, and declines a mask it cannot paint so. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "raster/raster_internal.h"

enum { PAGE_W = 1728, PAGE_H = 400, STRIDE = PAGE_W / 8 };

/* A fax device over a page of noise the same for every call. */
static lp_raster_dev
noisy_page(uint8_t *px, uint8_t *inked)
{
	uint32_t x = 12345;
	for (size_t i = 0; i < (size_t)PAGE_H * STRIDE; i++) {
		x = x * 1103515245u + 12345u;
		px[i] = (uint8_t)(x >> 16);
	}
	memset(inked, 0, PAGE_H);
	lp_raster_dev d;
	memset(&d, 0, sizeof d);
	d.opt.mode = LP_RASTER_FAX;
	d.px = px;
	d.inked = inked;
	d.w = PAGE_W;
	d.h = PAGE_H;
	d.stride = STRIDE;
	return d;
}

/* A disc of radius r pixels at (cx, cy), filled as a 1-bit mask. */
static lp_raster_mask
disc(lp_fill *fill, double cx, double cy, double r)
{
	lp_path_seg s[5];
	/* Four cubics, a circle to within a pixel: enough for a shape. */
	double k = 0.5523 * r;
	s[0] = (lp_path_seg){LP_PATH_MOVE, {(float)(cx + r), (float)cy}};
	s[1] = (lp_path_seg){LP_PATH_CUBIC, {(float)(cx + r), (float)(cy + k), (float)(cx + k),
	                                            (float)(cy + r), (float)cx, (float)(cy + r)}};
	s[2] = (lp_path_seg){LP_PATH_CUBIC, {(float)(cx - k), (float)(cy + r), (float)(cx - r),
	                                            (float)(cy + k), (float)(cx - r), (float)cy}};
	s[3] = (lp_path_seg){LP_PATH_CUBIC, {(float)(cx - r), (float)(cy - k), (float)(cx - k),
	                                            (float)(cy - r), (float)cx, (float)(cy - r)}};
	s[4] = (lp_path_seg){LP_PATH_CUBIC, {(float)(cx + k), (float)(cy - r), (float)(cx + r),
	                                            (float)(cy - k), (float)(cx + r), (float)cy}};
	lp_fill_xform one = {1, 1, 0, 0, LP_FILL_MONO_FLATNESS};
	lp_raster_mask m;
	lp_fill_reset(fill);
	lp_fill_path(fill, s, 5, &one);
	cr_assert(eq(
	        int, lp_fill_mask(fill, LP_FILL_NONZERO, true, 0, 0, PAGE_W, PAGE_H, &m), LP_OK));
	return m;
}

/* Stamps m painted as (c, opacity) on a noisy page, and paints it on
 * another: both pages and both rows' inking must be the same. */
static void
stamp_paints_as_painting(const lp_raster_mask *m, lp_rgb c, float opacity, const char *what)
{
	static uint8_t a[PAGE_H * STRIDE], b[PAGE_H * STRIDE], ia[PAGE_H], ib[PAGE_H];
	lp_raster_dev da = noisy_page(a, ia), db = noisy_page(b, ib);
	lp_fax_stamp *s = NULL;
	cr_assert(eq(int, lp_raster_stamp_make(&da, m, c, opacity, LP_PAINT_FILL, &s), LP_OK));
	cr_assert(ne(ptr, s, NULL), "%s: a stamp", what);
	cr_assert(eq(int, memcmp(a, b, sizeof a), 0), "%s: making a stamp paints nothing", what);
	lp_raster_stamp_paint(&da, s);
	lp_raster_paint(&db, m, 0, 0, c, opacity, LP_PAINT_FILL);
	cr_assert(eq(int, memcmp(a, b, sizeof a), 0), "%s: the same bits", what);
	cr_assert(eq(int, memcmp(ia, ib, sizeof ia), 0), "%s: the same rows inked", what);
	lp_fax_stamp_free(s);
}

Test(raster_stamp, a_stamp_writes_what_painting_writes)
{
	lp_fill *fill = lp_fill_new();
	/* Centres at odd pixels, so that no row starts on a byte. */
	lp_raster_mask big = disc(fill, 203.3, 120.7, 90), small = disc(fill, 601.5, 77.2, 3),
	               edge = disc(fill, 1700.4, 300.1, 27);
	stamp_paints_as_painting(&big, 0xcc1f1f, 1, "a large red fill (dithered, solid edge)");
	stamp_paints_as_painting(&big, 0xd0d0d0, 1, "a large light fill (dithered)");
	stamp_paints_as_painting(&small, 0x202020, 1, "a small dark fill (solid)");
	stamp_paints_as_painting(&small, 0xf0f0f0, 1, "a small light fill (none)");
	stamp_paints_as_painting(&big, 0x000000, 0.3f, "a translucent fill (outlined)");
	stamp_paints_as_painting(&edge, 0x1f1fcc, 1, "a fill at the right edge");
	lp_raster_mask_free(&big);
	lp_raster_mask_free(&small);
	lp_raster_mask_free(&edge);
	lp_fill_drop(fill);
}

Test(raster_stamp, a_kept_mask_keeps_one_stamp_for_one_paint)
{
	static uint8_t px[PAGE_H * STRIDE], inked[PAGE_H];
	lp_raster_dev d = noisy_page(px, inked);
	lp_shape_cache *c = lp_shape_cache_new();
	lp_fill *fill = lp_fill_new();
	lp_path_seg s[4] = {{LP_PATH_MOVE, {100, 100}}, {LP_PATH_LINE, {180, 100}},
	        {LP_PATH_LINE, {140, 170}}, {LP_PATH_CLOSE, {0}}};
	lp_shape_key k = {s, 4, LP_FILL_NONZERO, {1, 1, 0, 0, LP_FILL_MONO_FLATNESS}, PAGE_W,
	        PAGE_H, true, 0};
	const lp_raster_mask *m;
	lp_raster_mask scratch = {0};
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m, &scratch), LP_OK));
	bool make;
	cr_assert(eq(ptr, (void *)lp_shape_cache_stamp(c, m, 1, &make), NULL), "none made yet");
	cr_assert(not(make), "a mask painted once is not worth a stamp");
	cr_assert(eq(ptr, (void *)lp_shape_cache_stamp(c, m, 1, &make), NULL));
	cr_assert(make, "the second time it is");
	cr_assert(eq(ptr, (void *)lp_shape_cache_stamp(c, m, 1, &make), NULL));
	cr_assert(not(make), "made by one caller only");
	lp_fax_stamp *red = NULL, *blue = NULL;
	cr_assert(eq(int, lp_raster_stamp_make(&d, m, 0xcc0000, 1, LP_PAINT_FILL, &red), LP_OK));
	cr_assert(eq(int, lp_raster_stamp_make(&d, m, 0x0000cc, 1, LP_PAINT_FILL, &blue), LP_OK));
	cr_assert(eq(ptr, (void *)lp_shape_cache_keep_stamp(c, m, 1, red), red));
	cr_assert(eq(ptr, (void *)lp_shape_cache_stamp(c, m, 1, &make), red), "found again");
	cr_assert(eq(ptr, (void *)lp_shape_cache_stamp(c, m, 2, &make), NULL),
	        "not for another paint");
	cr_assert(not(make));
	cr_assert(eq(ptr, (void *)lp_shape_cache_keep_stamp(c, m, 2, blue), NULL),
	        "a mask keeps one stamp: another paint's is freed, and painted as ever");
	lp_fill_drop(fill);
	lp_shape_cache_drop(c);
}

/* Paints glyph-sized mask m at (dx, dy) both ways on two noisy pages. */
static void
glyph_paints_as_painting(const lp_raster_mask *m, int32_t dx, int32_t dy, bool taken)
{
	static uint8_t a[PAGE_H * STRIDE], b[PAGE_H * STRIDE], ia[PAGE_H], ib[PAGE_H];
	lp_raster_dev da = noisy_page(a, ia), db = noisy_page(b, ib);
	bool painted = lp_raster_paint_fax_glyph(&da, m, dx, dy);
	cr_assert(eq(int, painted, taken), "at (%d, %d): taken or declined", dx, dy);
	if (!painted) {
		cr_assert(eq(int, memcmp(a, b, sizeof a), 0), "declined: nothing painted");
		cr_assert(eq(int, memcmp(ia, ib, sizeof ia), 0), "declined: no row inked");
		lp_raster_paint(&da, m, dx, dy, 0x101010, 1, LP_PAINT_TEXT);
	}
	lp_raster_paint(&db, m, dx, dy, 0x101010, 1, LP_PAINT_TEXT);
	cr_assert(eq(int, memcmp(a, b, sizeof a), 0), "at (%d, %d): the same bits", dx, dy);
	cr_assert(
	        eq(int, memcmp(ia, ib, sizeof ia), 0), "at (%d, %d): the same rows inked", dx, dy);
}

Test(raster_stamp, a_fax_glyph_paints_what_painting_paints)
{
	lp_fill *fill = lp_fill_new();
	/* A disc as wide as a large glyph, with its rows as words. */
	lp_raster_mask g = disc(fill, 20.4, 20.6, 11);
	cr_assert(eq(int, lp_raster_mask_words(&g), LP_OK));
	cr_assert(ne(ptr, g.words, NULL));
	for (int32_t x = 0; x < 8; x++) /* every phase within a byte */
		glyph_paints_as_painting(&g, 300 + x, 50, true);
	glyph_paints_as_painting(&g, -g.x0, 0, true); /* the page's top left corner */
	glyph_paints_as_painting(&g, -g.x0 - 1, 10, false); /* past the left edge */
	glyph_paints_as_painting(&g, 10, PAGE_H - g.y0 - 3, false); /* past the bottom */
	glyph_paints_as_painting(&g, PAGE_W - g.x0 - (int32_t)g.w, 10, false); /* last word */
	free(g.words);
	g.words = NULL; /* a mask without words is painted the long way */
	glyph_paints_as_painting(&g, 300, 50, false);
	lp_raster_mask_free(&g);
	lp_fill_drop(fill);
}
