/* The raster device (src/raster/raster_device.c, raster_paint.c,
 * raster_image.c): exact anisotropic scaling, the fax line, the fax rules,
 * big glyphs, images, resolutions and page sizes refused with a message. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../support/raster_doc.h"
#include "image/image.h"
#include "raster/raster.h"
#include "raster_fixture.h"
#include "test-config.h"

TestSuite(raster, .init = setup, .fini = teardown, .timeout = 120);

/* ---- Geometry -------------------------------------------------------- */

Test(raster, anisotropic_resolution_is_exact)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	add_rect(72, 72, 72, 72, 0x000000, 1); /* one inch square */
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_GREY, 204, 98, 0, &c), LP_OK));
	cr_assert(eq(u32, c.w[0], 1687), "A4 at 204 dpi: 1686.6 px, the last partial one counts");
	cr_assert(eq(u32, c.h[0], 1146));
	uint32_t x0, y0, x1, y1;
	uint32_t n = count_dark(&c, 0, &x0, &y0, &x1, &y1);
	cr_assert(eq(u32, x0, 204));
	cr_assert(eq(u32, x1, 408));
	cr_assert(eq(u32, y0, 98));
	cr_assert(eq(u32, y1, 196));
	cr_assert(eq(u32, n, 204 * 98));
	captured_free(&c);
	lp_dlist_drop(list);
}

Test(raster, fax_line_centres_the_page)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	lp_dlist_add_rule(b, &(lp_dl_rule){0, 100, 595.28f, 100, 2, 0x000000});
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	cr_assert(eq(u32, c.w[0], 1728));
	cr_assert(eq(u32, c.h[0], 2292));
	uint32_t x0, y0, x1, y1;
	count_dark(&c, 0, &x0, &y0, &x1, &y1);
	/* (1728 - 1686.6) / 2 = 20.7, on a whole pixel: 21 left, 20 right. */
	cr_assert(eq(u32, x0, 21));
	cr_assert(eq(u32, 1728 - x1, 20));
	captured_free(&c);
	lp_dlist_drop(list);
}

Test(raster, letter_is_cut_to_the_fax_line_wider_pages_refused)
{
	lp_dlist_begin_page(b, 612, 792);
	lp_dlist_begin_page(b, 841.89f, 1190.55f); /* A3 */
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_ERR_UNSUPPORTED));
	cr_assert(eq(u32, c.n, 1), "Letter fits the line");
	cr_assert(eq(u32, c.w[0], 1728));
	cr_assert(diag_has("page 2 is 297 mm wide; a fax line of 1728 pixels holds 215 mm"));
	/* Named after the release when the caller gives its name. */
	lp_raster_options o = {LP_RASTER_FAX, 204, 196, 1728, NULL, "a3.md"};
	captured_free(&c);
	memset(&c, 0, sizeof c);
	cr_assert(eq(int, lp_raster_run(list, &o, capture, &c, diag), LP_ERR_UNSUPPORTED));
	cr_assert(diag_has("a3.md: error: page 2 is 297 mm wide"));
	captured_free(&c);
	lp_dlist_drop(list);
}

Test(raster, resolutions_and_page_sizes_out_of_range_are_refused)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_GREY, 0, 72, 0, &c), LP_ERR_USAGE));
	cr_assert(eq(int, run(list, LP_RASTER_GREY, NAN, 72, 0, &c), LP_ERR_USAGE));
	cr_assert(eq(int, run(list, LP_RASTER_GREY, 1201, 1201, 0, &c), LP_ERR_USAGE));
	cr_assert(diag_has("a resolution of 1201x1201 dpi; it must be 1 to 1200 dpi"));
	/* A4 at 1200 dpi is 139 million pixels. */
	cr_assert(eq(int, run(list, LP_RASTER_GREY, 1200, 1200, 0, &c), LP_ERR_LIMIT));
	cr_assert(diag_has("page 1 would be 9922x14032 pixels"));
	cr_assert(eq(u32, c.n, 0));
	lp_dlist_drop(list);
}

/* ---- The fax rules --------------------------------------------------- */

Test(raster, fax_makes_dark_grey_rules_black_and_keeps_hairlines)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	/* 0.2 pt of #555555: 0.57 px, a third of a pixel's ink in grey. */
	lp_dlist_add_rule(b, &(lp_dl_rule){100, 200.1f, 400, 200.1f, 0.2f, 0x555555});
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	uint32_t x0, y0, x1, y1;
	uint32_t n = count_dark(&c, 0, &x0, &y0, &x1, &y1);
	cr_assert(eq(u32, y1 - y0, 1), "one row");
	cr_assert(eq(u32, n, x1 - x0), "solid, no dots");
	cr_assert(ge(u32, n, 849));
	for (size_t i = 0; i < (size_t)c.w[0] * c.h[0]; i++)
		cr_assert(c.px[0][i] == 0 || c.px[0][i] == 255, "1 bit");
	captured_free(&c);
	lp_dlist_drop(list);
}

Test(raster, fax_dithers_light_rules_rather_than_dropping_them)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	lp_dlist_add_rule(b, &(lp_dl_rule){100, 200, 400, 200, 3, 0xaaaaaa});
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	uint32_t x0, y0, x1, y1;
	uint32_t n = count_dark(&c, 0, &x0, &y0, &x1, &y1);
	uint32_t area = (x1 - x0) * (y1 - y0);
	/* #AAAAAA is two thirds white: a third of the rule's pixels black. */
	cr_assert(lt(dbl, 0.25, n / (double)area), "%u of %u", n, area);
	cr_assert(lt(dbl, n / (double)area, 0.42), "%u of %u", n, area);
	captured_free(&c);
	lp_dlist_drop(list);
}

Test(raster, fax_dithers_large_fills_and_outlines_translucent_ones)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	add_rect(72, 72, 72, 72, 0xc3303a, 1); /* the emblem's red */
	add_rect(300, 72, 72, 72, 0x000000, 0.2f); /* a watermark */
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	const uint8_t *px = c.px[0];
	uint32_t w = c.w[0];
	/* Red: luma 0.36, so about 64 % of the inside is black, the edge solid. */
	uint32_t dark = 0, total = 0;
	for (uint32_t y = 230; y < 360; y++)
		for (uint32_t x = 250; x < 380; x++, total++)
			dark += px[(size_t)y * w + x] == 0;
	cr_assert(lt(dbl, 0.58, dark / (double)total));
	cr_assert(lt(dbl, dark / (double)total, 0.70));
	uint32_t left = 21 + 204; /* the square's left column */
	for (uint32_t y = 200; y < 380; y++)
		cr_assert(eq(int, px[(size_t)y * w + left], 0), "crisp left edge, row %u", y);
	/* Translucent: only the outline, the inside stays white for the text. */
	uint32_t wl = 21 + (uint32_t)(300 * 204 / 72.0 + 0.5);
	cr_assert(eq(int, px[(size_t)300 * w + wl], 0), "outline");
	for (uint32_t x = wl + 2; x < wl + 200; x++)
		cr_assert(eq(int, px[(size_t)300 * w + x], 255), "inside, column %u", x);
	captured_free(&c);
	lp_dlist_drop(list);
}

/* The pixels of the ring round a box, dark. */
static bool
ring_is_dark(const captured *c, uint32_t page, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1)
{
	const uint8_t *px = c->px[page];
	uint32_t w = c->w[page];
	for (uint32_t x = x0; x < x1; x++)
		if (px[(size_t)y0 * w + x] || px[(size_t)(y1 - 1) * w + x])
			return false;
	for (uint32_t y = y0; y < y1; y++)
		if (px[(size_t)y * w + x0] || px[(size_t)y * w + x1 - 1])
			return false;
	return true;
}

Test(raster, fax_edges_are_solid_on_all_four_sides)
{
	/* Painted a byte at a time, each side of a shape is found from other
	 * bits: the row above and below, the bit before and after. The boxes
	 * sit on whole pixels, so their corners are whole pixels too. */
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	add_rect(300, 72, 72, 72, 0x000000, 0.2f); /* translucent: its outline */
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	add_rect(36, 144, 36, 36, 0xc3303a, 1); /* dithered, solid edge */
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	uint32_t x0, y0, x1, y1;
	uint32_t n = count_dark(&c, 0, &x0, &y0, &x1, &y1);
	cr_assert(lt(u32, 150, x1 - x0));
	cr_assert(ring_is_dark(&c, 0, x0, y0, x1, y1), "%u %u %u %u n %u", x0, y0, x1, y1, n);
	cr_assert(eq(u32, n, 2 * (x1 - x0) + 2 * (y1 - y0) - 4), "the outline and nothing else");
	n = count_dark(&c, 1, &x0, &y0, &x1, &y1);
	cr_assert(ring_is_dark(&c, 1, x0, y0, x1, y1));
	cr_assert(lt(u32, n, (x1 - x0) * (y1 - y0) * 3 / 4), "dithered inside");
	captured_free(&c);
	lp_dlist_drop(list);
}

/* ---- Glyphs ---------------------------------------------------------- */

Test(raster, fax_glyph_copies_are_identical)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "g.md", "---\ntitle: Т\nlayout: plain\n---\nшшшшшшшш\n");
	captured c;
	cr_assert(eq(int, run(r.list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	/* Columns of ink along the body line: the eight ш must give eight
	 * equal runs of the same widths. */
	uint32_t x0, y0, x1, y1;
	cr_assert(lt(u32, 0, count_dark(&c, 0, &x0, &y0, &x1, &y1)));
	uint32_t w = c.w[0], row = y1 - 2; /* near the baseline of the last line */
	int runs[64], n = 0, len = 0;
	for (uint32_t x = 0; x < w && n < 64; x++) {
		if (c.px[0][(size_t)row * w + x] == 0)
			len++;
		else if (len) {
			runs[n++] = len;
			len = 0;
		}
	}
	cr_assert(ge(int, n, 8));
	cr_assert(eq(int, n % 8, 0), "%d runs", n);
	for (int i = n / 8; i < n; i++)
		cr_assert(eq(int, runs[i], runs[i - n / 8]), "run %d", i);
	captured_free(&c);
	lp_test_release_drop(&r);
}

Test(raster, a_glyph_off_its_run_s_baseline_is_painted_at_its_own)
{
	/* The glyphs of a run mostly share a baseline, whose pixel row the
	 * device works out once; a glyph with a baseline of its own (a mark's
	 * offset) must still go to its own row. */
	lp_test_release r;
	lp_test_release_build_text(&r, "g.md", "---\ntitle: Т\nlayout: plain\n---\nшшшш\n");
	lp_dl_item *it = NULL;
	for (uint32_t i = 0; i < r.list->pages[0].n_items; i++)
		if (r.list->pages[0].items[i].kind == LP_DL_TEXT)
			it = (lp_dl_item *)&r.list->pages[0].items[i]; /* the body's, last */
	cr_assert(ne(ptr, it, NULL));
	cr_assert(lt(u32, 3, it->u.text.n_glyphs));
	captured before;
	cr_assert(eq(int, run(r.list, LP_RASTER_FAX, 204, 196, 1728, &before), LP_OK));
	uint32_t x0, y0, x1, y1;
	cr_assert(lt(u32, 0, count_dark(&before, 0, &x0, &y0, &x1, &y1)));
	((lp_dl_glyph *)it->u.text.glyphs)[2].y += 40; /* 109 rows lower */
	captured after;
	cr_assert(eq(int, run(r.list, LP_RASTER_FAX, 204, 196, 1728, &after), LP_OK));
	uint32_t w = after.w[0], below = 0;
	for (uint32_t y = y1 + 60; y < y1 + 140 && y < after.h[0]; y++)
		for (uint32_t x = 0; x < w; x++)
			below += after.px[0][(size_t)y * w + x] == 0;
	cr_assert(lt(u32, 20, below), "the lowered glyph: %u dark pixels below the line", below);
	captured_free(&before);
	captured_free(&after);
	lp_test_release_drop(&r);
}

Test(raster, huge_glyphs_are_filled_cut_to_the_page)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "g.md", "---\ntitle: Т\nlayout: plain\n---\nШ\n");
	lp_dl_item *it = NULL;
	for (uint32_t i = 0; i < r.list->pages[0].n_items && !it; i++)
		if (r.list->pages[0].items[i].kind == LP_DL_TEXT)
			it = (lp_dl_item *)&r.list->pages[0].items[i];
	cr_assert(ne(ptr, it, NULL));
	/* 14,400 pt at 600 dpi: a mask of 120,000 pixels a side if cached. */
	it->u.text.size_pt = 14400;
	((lp_dl_glyph *)it->u.text.glyphs)[0].x = -3000;
	((lp_dl_glyph *)it->u.text.glyphs)[0].y = 8000;
	captured c;
	cr_assert(eq(int, run(r.list, LP_RASTER_GREY, 600, 600, 0, &c), LP_OK));
	uint32_t x0, y0, x1, y1;
	cr_assert(lt(u32, 1000000, count_dark(&c, 0, &x0, &y0, &x1, &y1)), "a piece of the Ш");
	captured_free(&c);
	lp_test_release_drop(&r);
}

/* ---- Images ---------------------------------------------------------- */

Test(raster, images_are_resampled_into_their_rectangle)
{
	lp_image *img;
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/gray.png", &img, diag), LP_OK));
	lp_dlist_begin_page(b, 200, 200);
	lp_dlist_add_image(b, &(lp_dl_image){img, 50, 50, 100, 100});
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_RGB, 72, 72, 0, &c), LP_OK));
	uint32_t x0, y0, x1, y1;
	count_dark(&c, 0, &x0, &y0, &x1, &y1);
	cr_assert(ge(u32, x0, 50));
	cr_assert(le(u32, x1, 150));
	cr_assert(ge(u32, y0, 50));
	cr_assert(le(u32, y1, 150));
	captured_free(&c);
	lp_dlist_drop(list);
	lp_image_drop(img);
}

Test(raster, cmyk_and_alpha_images_are_laid_over_the_page)
{
	lp_image *cmyk, *alpha;
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/cmyk.jpg", &cmyk, diag), LP_OK));
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/emblem-alpha.png", &alpha, diag),
	        LP_OK));
	cr_assert(ne(ptr, (void *)lp_image_alpha(alpha, &(size_t){0}), NULL));
	lp_dlist_begin_page(b, 300, 100);
	add_rect(150, 0, 150, 100, 0x000000, 1);
	lp_dlist_add_image(b, &(lp_dl_image){cmyk, 10, 10, 80, 80});
	lp_dlist_add_image(b, &(lp_dl_image){alpha, 160, 10, 80, 80});
	lp_dlist *list = finish();
	captured c;
	cr_assert(eq(int, run(list, LP_RASTER_RGB, 72, 72, 0, &c), LP_OK));
	/* The CMYK picture shows, in colour (not left white or black). */
	uint32_t coloured = 0;
	for (uint32_t y = 10; y < 90; y++)
		for (uint32_t x = 10; x < 90; x++) {
			const uint8_t *p = c.px[0] + ((size_t)y * 300 + x) * 3;
			coloured += p[0] != p[1] || p[1] != p[2];
		}
	cr_assert(lt(u32, 1000, coloured), "%u coloured pixels", coloured);
	/* The transparent corners of the alpha picture keep the black below. */
	const uint8_t *corner = c.px[0] + ((size_t)11 * 300 + 161) * 3;
	cr_assert(eq(int, corner[0] + corner[1] + corner[2], 0));
	captured_free(&c);
	lp_dlist_drop(list);
	lp_image_drop(cmyk);
	lp_image_drop(alpha);
}
