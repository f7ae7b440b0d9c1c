/* The raster device (src/raster/raster_device.c, raster_paint.c,
 * raster_image.c, glyph_cache.c) and the PNG writer (png_out.c): exact
 * anisotropic scaling, the fax line, the fax rules, glyphs rasterized once,
 * resolutions and page sizes refused with a message, PNG files named and
 * written whole or not at all. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../integration/cli_util.h"
#include "../support/raster_doc.h"
#include "image/image.h"
#include "raster/glyph_cache.h"
#include "raster/raster.h"
#include "raster/raster_device.h"
#include "test-config.h"

/* ---- Helpers --------------------------------------------------------- */

static lp_dlist_builder *b;
static lp_diag *diag;

static void
setup(void)
{
	b = lp_dlist_builder_new();
	diag = lp_diag_new(NULL, NULL);
}

static void
teardown(void)
{
	lp_dlist_builder_drop(b);
	lp_diag_drop(diag);
}

TestSuite(raster, .init = setup, .fini = teardown, .timeout = 120);

static lp_dlist *
finish(void)
{
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	b = NULL;
	return list;
}

/* A closed rectangle path, filled. */
static void
add_rect(float x, float y, float w, float h, lp_rgb color, float opacity)
{
	lp_path_seg segs[] = {
		{LP_PATH_MOVE, {x, y}}, {LP_PATH_LINE, {x + w, y}}, {LP_PATH_LINE, {x + w, y + h}},
		{LP_PATH_LINE, {x, y + h}}, {LP_PATH_CLOSE, {0}},
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

static lp_status
capture(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	captured *c = user;
	(void)n_pages;
	cr_assert(lt(u32, index, 4));
	size_t size = (size_t)page->width * page->height * page->channels;
	c->px[index] = malloc(size);
	memcpy(c->px[index], page->pixels, size);
	c->w[index] = page->width;
	c->h[index] = page->height;
	c->ch[index] = page->channels;
	c->n = index + 1;
	return LP_OK;
}

static void
captured_free(captured *c)
{
	for (uint32_t i = 0; i < c->n; i++)
		free(c->px[i]);
}

static lp_status
run(const lp_dlist *list, lp_raster_mode mode, double dx, double dy, uint32_t line, captured *c)
{
	memset(c, 0, sizeof *c);
	lp_raster_options o = {mode, dx, dy, line};
	return lp_raster_run(list, &o, capture, c, diag);
}

static uint32_t
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

static bool
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
	cr_assert(eq(int, run(list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_ERR_USAGE));
	cr_assert(eq(u32, c.n, 1), "Letter fits the line");
	cr_assert(eq(u32, c.w[0], 1728));
	cr_assert(diag_has("page 2 is 297 mm wide; a fax line of 1728 pixels holds 215 mm"));
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
	cr_assert(gt(dbl, n / (double)area, 0.25), "%u of %u", n, area);
	cr_assert(lt(dbl, n / (double)area, 0.42), "%u of %u", n, area);
	captured_free(&c);
	lp_dlist_drop(list);
}

Test(raster, fax_dithers_large_fills_and_outlines_translucent_ones)
{
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	add_rect(72, 72, 72, 72, 0xc3303a, 1);     /* the emblem's red */
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
	cr_assert(gt(dbl, dark / (double)total, 0.58));
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

/* ---- Glyphs ---------------------------------------------------------- */

Test(raster, glyphs_are_rasterized_once_per_size_and_phase)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "g.md", "---\ntitle: Т\nlayout: plain\n---\nааа\n");
	const lp_dl_text *t = NULL;
	for (uint32_t i = 0; i < r.list->pages[0].n_items && !t; i++)
		if (r.list->pages[0].items[i].kind == LP_DL_TEXT)
			t = &r.list->pages[0].items[i].u.text;
	cr_assert(ne(ptr, (void *)t, NULL));
	lp_glyph_cache *cache = lp_glyph_cache_new();
	lp_fill *fill = lp_fill_new();
	lp_glyph_key k = {t->font, t->glyphs[0].gid, t->size_pt, 204 / 72.0, 196 / 72.0, 0, 0, true};
	const lp_raster_mask *m1, *m2, *m3;
	lp_raster_mask scratch = {0};
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m1, &scratch), LP_OK));
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m2, &scratch), LP_OK));
	cr_assert(eq(ptr, (void *)m1, (void *)m2), "the same frozen mask");
	cr_assert(eq(sz, lp_glyph_cache_rasterized(cache), 1));
	cr_assert(gt(u32, m1->w, 5), "an 11 pt letter at 204 dpi");
	k.size_pt *= 2;
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(eq(sz, lp_glyph_cache_rasterized(cache), 2), "another size, another mask");
	cr_assert(gt(u32, m3->w, m1->w));
	lp_fill_drop(fill);
	lp_glyph_cache_drop(cache);
	lp_test_release_drop(&r);
}

Test(raster, the_engine_cache_serves_later_documents)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md");
	lp_tiff_options o = lp_tiff_options_default();
	o.glyphs = r.engine->glyphs;
	uint8_t *a, *b2;
	size_t na, nb;
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &a, &na, diag), LP_OK));
	size_t first = lp_glyph_cache_rasterized(r.engine->glyphs);
	cr_assert(gt(sz, first, 50), "the seed's letters");
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &b2, &nb, diag), LP_OK));
	cr_assert(eq(sz, lp_glyph_cache_rasterized(r.engine->glyphs), first), "none again");
	cr_assert(eq(sz, na, nb));
	cr_assert(eq(int, memcmp(a, b2, na), 0));
	/* And the same bytes as with a cache of its own. */
	o.glyphs = NULL;
	free(b2);
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &b2, &nb, diag), LP_OK));
	cr_assert(eq(sz, na, nb));
	cr_assert(eq(int, memcmp(a, b2, na), 0));
	free(a);
	free(b2);
	lp_test_release_drop(&r);
}

typedef struct tiff_thread {
	const lp_dlist *list;
	lp_tiff_options opt;
	uint8_t *data;
	size_t size;
	lp_status status;
} tiff_thread;

static void *
tiff_in_thread(void *user)
{
	tiff_thread *t = user;
	t->status = lp_raster_render_tiff(t->list, &t->opt, &t->data, &t->size, NULL);
	return NULL;
}

Test(raster, threads_share_the_engine_cache)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/latinica-2024-03-14.md");
	tiff_thread t[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		t[i] = (tiff_thread){r.list, lp_tiff_options_default(), NULL, 0, LP_ERR_INTERNAL};
		t[i].opt.glyphs = r.engine->glyphs;
		t[i].opt.resolution = i % 2 ? LP_FAX_STANDARD : LP_FAX_FINE;
		cr_assert(eq(int, pthread_create(&th[i], NULL, tiff_in_thread, &t[i]), 0));
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		cr_assert(eq(int, t[i].status, LP_OK));
	}
	for (int i = 2; i < 4; i++) {
		cr_assert(eq(sz, t[i].size, t[i - 2].size));
		cr_assert(eq(int, memcmp(t[i].data, t[i - 2].data, t[i].size), 0), "thread %d", i);
	}
	for (int i = 0; i < 4; i++)
		free(t[i].data);
	lp_test_release_drop(&r);
}

Test(raster, fax_glyph_copies_are_identical)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "g.md", "---\ntitle: Т\nlayout: plain\n---\nшшшшшшшш\n");
	captured c;
	cr_assert(eq(int, run(r.list, LP_RASTER_FAX, 204, 196, 1728, &c), LP_OK));
	/* Columns of ink along the body line: the eight ш must give eight
	 * equal runs of the same widths. */
	uint32_t x0, y0, x1, y1;
	cr_assert(gt(u32, count_dark(&c, 0, &x0, &y0, &x1, &y1), 0));
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
	cr_assert(gt(u32, count_dark(&c, 0, &x0, &y0, &x1, &y1), 1000000), "a piece of the Ш");
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
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/emblem-alpha.png", &alpha, diag), LP_OK));
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
	cr_assert(gt(u32, coloured, 1000), "%u coloured pixels", coloured);
	/* The transparent corners of the alpha picture keep the black below. */
	const uint8_t *corner = c.px[0] + ((size_t)11 * 300 + 161) * 3;
	cr_assert(eq(int, corner[0] + corner[1] + corner[2], 0));
	captured_free(&c);
	lp_dlist_drop(list);
	lp_image_drop(cmyk);
	lp_image_drop(alpha);
}

/* ---- PNG files ------------------------------------------------------- */

Test(raster, png_page_names)
{
	char *p = lp_raster_png_page_path("out.png", 0, 1);
	cr_assert(eq(str, p, "out.png"));
	free(p);
	p = lp_raster_png_page_path("dir/out.PNG", 1, 3);
	cr_assert(eq(str, p, "dir/out-2.PNG"));
	free(p);
	p = lp_raster_png_page_path("preview", 9, 12);
	cr_assert(eq(str, p, "preview-10"));
	free(p);
}

static lp_dlist *
two_pages(void)
{
	lp_dlist_begin_page(b, 100, 100);
	add_rect(10, 10, 20, 20, 0xff0000, 1);
	lp_dlist_begin_page(b, 100, 100);
	add_rect(50, 50, 20, 20, 0x0000ff, 1);
	return finish();
}

Test(raster, png_one_file_a_page_deterministic_no_time)
{
	char dir[64], path[128];
	make_temp_dir(dir, sizeof dir);
	lp_dlist *list = two_pages();
	lp_png_options o = {72, false};
	snprintf(path, sizeof path, "%s/out.png", dir);
	cr_assert(eq(int, lp_raster_write_png(list, &o, path, diag), LP_OK));
	cr_assert(eq(int, count_files(dir), 2));
	uint32_t w, h;
	uint8_t *px;
	snprintf(path, sizeof path, "%s/out-2.png", dir);
	cr_assert(lp_test_png_read_grey(path, &w, &h, &px));
	cr_assert(eq(u32, w, 100));
	cr_assert(eq(u32, h, 100));
	cr_assert(lt(int, px[60 * 100 + 60], 128), "page 2's square");
	cr_assert(eq(int, px[20 * 100 + 20], 255), "not page 1's");
	free(px);
	uint8_t *a, *b2;
	size_t na, nb;
	cr_assert(eq(int, lp_raster_render_png(list, &o, 1, &a, &na, diag), LP_OK));
	cr_assert(eq(int, lp_raster_render_png(list, &o, 1, &b2, &nb, diag), LP_OK));
	cr_assert(eq(sz, na, nb));
	cr_assert(eq(int, memcmp(a, b2, na), 0), "same list, same bytes");
	for (size_t i = 0; i + 4 <= na; i++)
		cr_assert(memcmp(a + i, "tIME", 4) != 0, "no time chunk");
	free(a);
	free(b2);
	cr_assert(eq(int, lp_raster_render_png(list, &o, 2, &a, &na, diag), LP_ERR_USAGE));
	cr_assert(diag_has("page 3 asked for; the document has 2"));
	lp_dlist_drop(list);
	remove_temp_dir(dir);
}

Test(raster, png_failure_leaves_no_page_behind)
{
	char dir[64], path[128];
	make_temp_dir(dir, sizeof dir);
	lp_dlist *list = two_pages();
	/* Page 2's name is taken by a folder: page 1 must not stay. */
	snprintf(path, sizeof path, "%s/out-2.png", dir);
	cr_assert(eq(int, mkdir(path, 0755), 0));
	snprintf(path, sizeof path, "%s/out.png", dir);
	lp_png_options o = {72, true};
	cr_assert(ne(int, lp_raster_write_png(list, &o, path, diag), LP_OK));
	cr_assert(eq(int, count_files(dir), 1), "only the folder that was there");
	cr_assert(not(file_exists(strcat(strcpy(path, dir), "/out-1.png"))));
	/* Several pages do not go to standard output. */
	cr_assert(eq(int, lp_raster_write_png(list, &o, "-", diag), LP_ERR_USAGE));
	cr_assert(diag_has("the document has 2 pages, which make 2 PNG files; standard output takes one"));
	lp_dlist_drop(list);
	remove_temp_dir(dir);
}
