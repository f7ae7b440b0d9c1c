/* Glyph masks rasterized once (src/raster/glyph_cache.c): per size and
 * phase, across documents through the engine's cache, and from several
 * threads at once. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/raster_doc.h"
#include "raster/ccitt_internal.h"
#include "raster/glyph_cache.h"
#include "raster/raster.h"
#include "raster_fixture.h"
#include "test-config.h"

TestSuite(glyph_cache, .init = setup, .fini = teardown, .timeout = 120);

Test(glyph_cache, glyphs_are_rasterized_once_per_size_and_phase)
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
	lp_glyph_key k = {
	        t->font, t->glyphs[0].gid, t->size_pt, 204 / 72.0, 196 / 72.0, 0, 0, true};
	const lp_raster_mask *m1, *m2, *m3;
	lp_raster_mask scratch = {0};
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m1, &scratch), LP_OK));
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m2, &scratch), LP_OK));
	cr_assert(eq(ptr, (void *)m1, (void *)m2), "the same frozen mask");
	cr_assert(eq(sz, lp_glyph_cache_rasterized(cache), 1));
	cr_assert(lt(u32, 5, m1->w), "an 11 pt letter at 204 dpi");
	k.size_pt *= 2;
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(eq(sz, lp_glyph_cache_rasterized(cache), 2), "another size, another mask");
	cr_assert(lt(u32, m1->w, m3->w));
	lp_fill_drop(fill);
	lp_glyph_cache_drop(cache);
	lp_test_release_drop(&r);
}

Test(glyph_cache, the_engine_cache_serves_later_documents)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md");
	lp_tiff_options o = lp_tiff_options_default();
	o.glyphs = r.engine->glyphs;
	uint8_t *a, *b2;
	size_t na, nb;
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &a, &na, diag), LP_OK));
	size_t first = lp_glyph_cache_rasterized(r.engine->glyphs);
	cr_assert(lt(sz, 50, first), "the seed's letters");
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

/* A memo given back serves the next document at its resolution with what
 * it found; another resolution gets one of its own, empty. */
Test(glyph_cache, a_memo_given_back_serves_the_next_document)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md");
	lp_glyph_cache *cache = r.engine->glyphs;
	lp_tiff_options o = lp_tiff_options_default();
	o.glyphs = cache;
	uint8_t *tiff;
	size_t n;
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &tiff, &n, diag), LP_OK));
	free(tiff);
	/* The other first: the fine one the render gave back is not for it. */
	lp_glyph_memo *other = lp_glyph_memo_take(cache, 204 / 72.0, 98 / 72.0, true);
	lp_glyph_memo *fine = lp_glyph_memo_take(cache, 204 / 72.0, 196 / 72.0, true);
	cr_assert(fine && other && fine != other);
	const lp_dl_text *t = NULL;
	for (uint32_t i = 0; i < r.list->pages[0].n_items && !t; i++)
		if (r.list->pages[0].items[i].kind == LP_DL_TEXT)
			t = &r.list->pages[0].items[i].u.text;
	cr_assert(ne(ptr, (void *)t, NULL));
	size_t kept = 0, empty = 0;
	for (uint32_t gid = 0; gid < 4096; gid++) {
		lp_glyph_key k = {t->font, gid, t->size_pt, 204 / 72.0, 196 / 72.0, 0, 0, true};
		const lp_glyph_memo_slot *in_fine = lp_glyph_memo_slot_of(fine, &k);
		const lp_glyph_memo_slot *in_other = lp_glyph_memo_slot_of(other, &k);
		kept += in_fine->mask && in_fine->gid == gid && in_fine->font == t->font;
		empty += !in_other->mask;
	}
	cr_assert(lt(sz, 5, kept), "the first line's letters, remembered");
	cr_assert(eq(sz, empty, 4096));
	lp_glyph_memo_give(cache, other);
	lp_glyph_memo_give(cache, fine);
	lp_test_release_drop(&r);
}

/* The engine's cache keeps the G4 coder's pages (ccitt_recall.c): a fax on
 * a letterhead coded before takes that letterhead's codes, and every
 * document still gives the bytes it gives alone. Each release here is set
 * by an engine of its own and painted with the first one's cache, which
 * keys glyphs by their font's address: every release is kept until the
 * end, so that no font is freed and another made at its address while
 * the cache remembers it (an engine's own fonts live as long as it and
 * its cache). Dropped as it went, a release's face was now and then made
 * at the address of an earlier release's other face, and painted with
 * that face's glyphs (one run in two hundred failed). */
Test(glyph_cache, a_letterhead_coded_before_gives_the_same_bytes)
{
	static const char *const bodies[] = {"Прва вест, кратка.\n\nДруги пасус прве вести.\n",
	        "Друга вест, у једном пасусу нешто дужем од прве, без наслова.\n",
	        "Прва вест, кратка.\n\nДруги пасус прве вести.\n"};
	lp_test_release first;
	lp_test_release_build_text(&first, "a.md",
	        "---\ntitle: Саопштење\nlayout: predsednik\ndate: 2024-02-20\n---\nУвод.\n");
	lp_glyph_cache *cache = first.engine->glyphs;
	lp_tiff_options with = lp_tiff_options_default(), alone = with;
	with.glyphs = cache;
	uint8_t *shared, *own;
	size_t n_shared, n_own;
	cr_assert(
	        eq(int, lp_raster_render_tiff(first.list, &with, &shared, &n_shared, diag), LP_OK));
	free(shared);
	lp_test_release later[3];
	for (int i = 0; i < 3; i++) {
		char text[512];
		snprintf(text, sizeof text,
		        "---\ntitle: Саопштење\nlayout: predsednik\ndate: 2024-02-2%d\n---\n%s", i,
		        bodies[i]);
		lp_test_release *r = &later[i];
		lp_test_release_build_text(r, "b.md", text);
		cr_assert(eq(int, lp_raster_render_tiff(r->list, &with, &shared, &n_shared, diag),
		        LP_OK));
		cr_assert(
		        eq(int, lp_raster_render_tiff(r->list, &alone, &own, &n_own, diag), LP_OK));
		cr_assert(eq(sz, n_shared, n_own), "release %d", i);
		cr_assert(eq(int, memcmp(shared, own, n_own), 0), "release %d", i);
		free(shared);
		free(own);
	}
	/* The pages were kept: the recall given back holds an A4 fine page
	 * (1728 x 2292), which a new one does not. */
	lp_ccitt_recall *kept = lp_glyph_cache_take_recall(cache);
	lp_ccitt_recall *fresh = lp_glyph_cache_take_recall(cache);
	cr_assert(kept && fresh);
	uint8_t *white = calloc((size_t)216 * 2292, 1);
	lp_ccitt_rows page = {white, 216, 1728, 2292, NULL};
	cr_assert(ne(ptr, (void *)lp_ccitt_recall_find(kept, &page).page, NULL));
	cr_assert(eq(ptr, (void *)lp_ccitt_recall_find(fresh, &page).page, NULL));
	free(white);
	lp_glyph_cache_give_recall(cache, kept);
	lp_glyph_cache_give_recall(cache, fresh);
	for (int i = 0; i < 3; i++)
		lp_test_release_drop(&later[i]);
	lp_test_release_drop(&first);
}

/* A fax page's memory is kept for the next document, one larger than any
 * fax page (a page as tall as the limits allow) is not. */
Test(glyph_cache, a_page_memory_is_kept_only_at_a_fax_page_s_size)
{
	lp_glyph_cache *cache = lp_glyph_cache_new();
	cr_assert(ne(ptr, cache, NULL));
	size_t sizes[] = {(size_t)216 * 2292, LP_FAX_KEPT_PAGE_MAX_BYTES + 1};
	for (int i = 0; i < 2; i++) {
		lp_fax_sheet *s = calloc(1, sizeof *s);
		cr_assert(ne(ptr, s, NULL));
		s->bits = calloc(sizes[i], 1);
		s->cap = sizes[i];
		lp_glyph_cache_give_sheet(cache, s);
		lp_fax_sheet *back = lp_glyph_cache_take_sheet(cache);
		if (i == 0)
			cr_assert(eq(ptr, (void *)back, (void *)s), "a fax page's memory not kept");
		else
			cr_assert(eq(ptr, (void *)back, NULL), "a %zu-byte page's memory kept",
			        sizes[i]);
		lp_fax_sheet_free(back);
	}
	lp_glyph_cache_drop(cache);
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

Test(glyph_cache, threads_share_the_engine_cache)
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

/* Rows of a mask with any black pixel, and the widest row's black pixels. */
static void
mask_extent(const lp_raster_mask *m, uint32_t *rows, uint32_t *widest)
{
	*rows = *widest = 0;
	for (uint32_t y = 0; y < m->h; y++) {
		uint32_t n = 0;
		for (uint32_t x = 0; x < m->w; x++)
			n += m->a[(size_t)y * m->w + x] != 0;
		*rows += n > 0;
		*widest = n > *widest ? n : *widest;
	}
}

Test(glyph_cache, a_period_at_98_dpi_keeps_its_height)
{
	/* An 8 pt period is about 1.1 pt across: at 204 x 98 dpi, 3 pixels
	 * wide and 1.5 rows tall. Decided at 98 dpi directly it was one row
	 * four pixels wide, an underscore to a reader; made at 196 and its
	 * rows merged in pairs, it is two rows, no wider than 4 pixels. */
	lp_test_release r;
	lp_test_release_build_text(&r, "p.md", "---\ntitle: Т\nlayout: plain\n---\nа.\n");
	const lp_dl_text *t = NULL;
	for (uint32_t i = 0; i < r.list->pages[0].n_items; i++)
		if (r.list->pages[0].items[i].kind == LP_DL_TEXT &&
		        strstr(r.list->pages[0].items[i].u.text.text, "."))
			t = &r.list->pages[0].items[i].u.text;
	cr_assert(ne(ptr, (void *)t, NULL));
	const lp_dl_glyph *dot = &t->glyphs[t->n_glyphs - 1];
	lp_glyph_cache *cache = lp_glyph_cache_new();
	lp_fill *fill = lp_fill_new();
	lp_glyph_key k = {t->font, dot->gid, 8, 204 / 72.0, 98 / 72.0, 0, 0, true};
	const lp_raster_mask *m;
	lp_raster_mask scratch = {0};
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m, &scratch), LP_OK));
	uint32_t rows, widest;
	mask_extent(m, &rows, &widest);
	cr_assert(eq(u32, rows, 2), "the period is %u rows tall", rows);
	cr_assert(le(u32, widest, 4), "the period is %u pixels wide", widest);
	/* The same at 196 dpi is three rows, made directly. */
	k.sy = 196 / 72.0;
	cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m, &scratch), LP_OK));
	mask_extent(m, &rows, &widest);
	cr_assert(eq(u32, rows, 3));
	lp_fill_drop(fill);
	lp_glyph_cache_drop(cache);
	lp_test_release_drop(&r);
}

Test(glyph_cache, one_bit_masks_carry_their_rows_as_words)
{
	/* What a fax page is painted from, a row at a time: each word's top
	 * bits are the row's pixels. */
	lp_test_release r;
	lp_test_release_build_text(&r, "w.md", "---\ntitle: Т\nlayout: plain\n---\nШж\n");
	const lp_dl_text *t = NULL;
	for (uint32_t i = 0; i < r.list->pages[0].n_items && !t; i++)
		if (r.list->pages[0].items[i].kind == LP_DL_TEXT)
			t = &r.list->pages[0].items[i].u.text;
	cr_assert(ne(ptr, (void *)t, NULL));
	lp_glyph_cache *cache = lp_glyph_cache_new();
	lp_fill *fill = lp_fill_new();
	for (int dpi = 98; dpi <= 196; dpi += 98) {
		lp_glyph_key k = {
		        t->font, t->glyphs[0].gid, t->size_pt, 204 / 72.0, dpi / 72.0, 0, 0, true};
		const lp_raster_mask *m;
		lp_raster_mask scratch = {0};
		cr_assert(eq(int, lp_glyph_cache_get(cache, &k, fill, &m, &scratch), LP_OK));
		cr_assert(ne(ptr, (void *)m->words, NULL));
		for (uint32_t y = 0; y < m->h; y++)
			for (uint32_t x = 0; x < m->w; x++)
				cr_assert(eq(int, (int)(m->words[y] >> (63 - x) & 1),
				        m->a[(size_t)y * m->w + x] != 0));
		for (uint32_t y = 0; y < m->h; y++)
			cr_assert(eq(u64, m->words[y] << m->w, 0), "no bit past the width");
	}
	lp_fill_drop(fill);
	lp_glyph_cache_drop(cache);
	lp_test_release_drop(&r);
}
