/* The G4 coder with pages kept (src/raster/ccitt_recall.c): a page that
 * takes its first and last rows' codes from a page coded before gives the
 * bytes it gives coded alone, whatever the recall holds; and it takes
 * what a shared letterhead offers, no more: rows below a row that differs
 * from the kept page's are coded afresh, and a page of another size takes
 * nothing; and pages that take little stop being kept, but for a few; and
 * the first page a recall is given is not kept. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "raster/ccitt.h"
#include "raster/ccitt_internal.h"

TestSuite(ccitt_recall, .timeout = 60);

#define W 1728
#define STRIDE 216

static void
run_of(uint8_t *row, uint32_t x0, uint32_t x1)
{
	for (uint32_t x = x0; x < x1 && x < W; x++)
		row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
}

/* Rows y0 .. y1 of text-like runs drawn from seed: glyph-sized runs that
 * move a little from row to row, as strokes do. */
static void
text_rows(uint8_t *page, uint32_t y0, uint32_t y1, uint32_t seed)
{
	for (uint32_t y = y0; y < y1; y++)
		for (uint32_t x = 100 + seed % 7; x + 12 < W - 100; x += 9 + (x * seed + y) % 13)
			run_of(page + (size_t)y * STRIDE, x + (y * seed) % 3,
			        x + 2 + (x + seed) % 5);
}

/* A fax-sized page: a letterhead (its own rows at the top and bottom,
 * drawn from head) and a body (drawn from body) between white gaps. */
static uint8_t *
page_of(uint32_t h, uint32_t head, uint32_t body)
{
	uint8_t *p = calloc((size_t)STRIDE * h, 1);
	cr_assert(ne(ptr, p, NULL));
	text_rows(p, 40, 200, head);
	text_rows(p, 260, h - 300, body);
	text_rows(p, h - 200, h - 60, head + 1);
	return p;
}

/* What r offers a page of h rows (none told white). */
static lp_ccitt_match
find(lp_ccitt_recall *r, const uint8_t *rows, uint32_t h)
{
	return lp_ccitt_recall_find(r, &(lp_ccitt_rows){rows, STRIDE, W, h, NULL});
}

static uint8_t *
coded(const uint8_t *rows, uint32_t h, const uint8_t *inked, lp_ccitt_recall *r, size_t *size)
{
	uint8_t *data;
	cr_assert(eq(int, lp_ccitt_g4_encode(rows, STRIDE, W, h, inked, r, &data, size), LP_OK));
	return data;
}

/* Codes rows with r, told which rows are white as a painter tells it, and
 * alone: the same bytes. */
static void
same_bytes(const uint8_t *rows, uint32_t h, lp_ccitt_recall *r, const char *what)
{
	uint8_t *inked = malloc(h);
	for (uint32_t y = 0; y < h; y++) {
		const uint8_t *row = rows + (size_t)y * STRIDE;
		inked[y] = row[0] || memcmp(row, row + 1, STRIDE - 1);
	}
	size_t n_alone, n_kept;
	uint8_t *alone = coded(rows, h, NULL, NULL, &n_alone);
	uint8_t *kept = coded(rows, h, inked, r, &n_kept);
	free(inked);
	cr_assert(eq(sz, n_kept, n_alone), "%s: %zu bytes, alone %zu", what, n_kept, n_alone);
	cr_assert(eq(int, memcmp(kept, alone, n_alone), 0), "%s: other bytes", what);
	free(alone);
	free(kept);
}

/* The first page a recall is given, which it does not keep. */
static void
first_page(lp_ccitt_recall *r)
{
	uint8_t *p = page_of(2292, 1, 1);
	same_bytes(p, 2292, r, "the recall's first page");
	cr_assert(eq(ptr, (void *)find(r, p, 2292).page, NULL));
	free(p);
}

Test(ccitt_recall, the_first_page_is_not_kept)
{
	/* A render from the command line codes one page: a copy of it would
	 * be memory and time for nothing. The second page is kept. */
	lp_ccitt_recall *r = lp_ccitt_recall_new();
	uint8_t *page = page_of(2292, 3, 11);
	same_bytes(page, 2292, r, "the first page");
	cr_assert(eq(ptr, (void *)find(r, page, 2292).page, NULL));
	same_bytes(page, 2292, r, "the same page, second");
	cr_assert(eq(u32, find(r, page, 2292).top, 2292));
	free(page);
	lp_ccitt_recall_drop(r);
}

Test(ccitt_recall, a_page_takes_a_kept_letterhead_and_codes_as_alone)
{
	uint32_t h = 2292;
	lp_ccitt_recall *r = lp_ccitt_recall_new();
	first_page(r);
	uint8_t *first = page_of(h, 3, 11);
	same_bytes(first, h, r, "the first page");
	/* The same letterhead, another body: the letterhead's rows and the
	 * white ones next to them are taken, the body's are not. */
	uint8_t *second = page_of(h, 3, 17);
	lp_ccitt_match m = find(r, second, h);
	cr_assert(ne(ptr, (void *)m.page, NULL));
	cr_assert(eq(u32, m.top, 260), "top %u", m.top);
	cr_assert(eq(u32, m.bottom, h - 300 + 1), "bottom %u", m.bottom);
	same_bytes(second, h, r, "a page on the same letterhead");
	/* Another letterhead between them, then the first page again: all
	 * of it taken. */
	uint8_t *other = page_of(h, 5, 11);
	same_bytes(other, h, r, "a page on another letterhead");
	m = find(r, first, h);
	cr_assert(eq(u32, m.top, h));
	same_bytes(first, h, r, "the first page again");
	/* A row just above the kept page's last rows that differs from the
	 * kept one's: the row under it is coded against it, not taken. */
	uint8_t *odd = page_of(h, 3, 11);
	uint32_t y = h - 200;
	memset(odd + (size_t)(y - 1) * STRIDE, 0, STRIDE);
	for (uint32_t yy = h - 300; yy < y - 1; yy++)
		memset(odd + (size_t)yy * STRIDE, 0, STRIDE);
	run_of(odd + (size_t)(y - 1) * STRIDE, 300, 900);
	m = find(r, odd, h);
	cr_assert(eq(u32, m.bottom, y + 1), "bottom %u", m.bottom);
	same_bytes(odd, h, r, "a row above the footer differs");
	/* A shorter body: its white rows where the kept page has text are
	 * not the kept page's, white or not. */
	uint8_t *shorter = page_of(h, 3, 11);
	memset(shorter + (size_t)600 * STRIDE, 0, (size_t)(h - 300 - 600) * STRIDE);
	m = find(r, shorter, h);
	cr_assert(eq(u32, m.top, 600), "top %u", m.top);
	same_bytes(shorter, h, r, "a shorter body");
	free(first);
	free(second);
	free(other);
	free(odd);
	free(shorter);
	lp_ccitt_recall_drop(r);
}

Test(ccitt_recall, a_page_past_a_fax_page_s_size_is_not_kept)
{
	/* 6,000 rows of 1,728 pixels: 1.3 MB, more than any fax page; a
	 * recall of eight such would hold memory for nothing. */
	lp_ccitt_recall *r = lp_ccitt_recall_new();
	first_page(r);
	uint8_t *tall = page_of(6000, 3, 11);
	same_bytes(tall, 6000, r, "a tall page");
	lp_ccitt_match m = find(r, tall, 6000);
	cr_assert(eq(ptr, (void *)m.page, NULL));
	free(tall);
	lp_ccitt_recall_drop(r);
}

Test(ccitt_recall, pages_that_take_nothing_are_seldom_kept)
{
	lp_ccitt_recall *r = lp_ccitt_recall_new();
	first_page(r);
	uint8_t *fine = page_of(2292, 3, 11);
	same_bytes(fine, 2292, r, "fine");
	uint8_t *standard = page_of(1146, 3, 11);
	lp_ccitt_match m = find(r, standard, 1146);
	cr_assert(eq(ptr, (void *)m.page, NULL));
	same_bytes(standard, 1146, r, "standard");
	/* Twenty pages on letterheads of their own, each taking little: not
	 * every one is kept (a copy a page would cost a batch without a
	 * letterhead for nothing), so the first letterhead is still there for
	 * a page on it; and every page still codes as alone. */
	for (uint32_t k = 0; k < 20; k++) {
		uint8_t *p = page_of(2292, 20 + k, 11 + k);
		same_bytes(p, 2292, r, "one of twenty letterheads");
		free(p);
	}
	uint8_t *again = page_of(2292, 3, 40);
	m = find(r, again, 2292);
	cr_assert(eq(u32, m.top, 260), "the first letterhead, still kept: top %u", m.top);
	same_bytes(again, 2292, r, "the first letterhead again");
	free(again);
	free(fine);
	free(standard);
	lp_ccitt_recall_drop(r);
}

Test(ccitt_recall, a_place_taken_again_holds_the_new_page_s_rows)
{
	/* Eight pages of eight letterheads fill the places; a ninth, after
	 * one of them is taken from again, goes in the place matched least
	 * lately, in that page's memory: its rows must be its own there, the
	 * white body too where the page before had text. */
	uint32_t h = 2292;
	lp_ccitt_recall *r = lp_ccitt_recall_new();
	first_page(r);
	uint8_t *full[8];
	for (uint32_t i = 0; i < 8; i++) {
		full[i] = page_of(h, 20 + 2 * i, 11);
		same_bytes(full[i], h, r, "a page on a letterhead of its own");
	}
	same_bytes(full[0], h, r, "the first of them again");
	uint8_t *blank = page_of(h, 60, 11);
	memset(blank + (size_t)260 * STRIDE, 0, (size_t)(h - 300 - 260) * STRIDE);
	same_bytes(blank, h, r, "a page with no body");
	lp_ccitt_match m = find(r, blank, h);
	cr_assert(eq(u32, m.top, h), "top %u", m.top);
	cr_assert(eq(u32, find(r, full[0], h).top, h));
	cr_assert(eq(u32, find(r, full[1], h).top, 0), "the page whose place it took");
	same_bytes(blank, h, r, "the page with no body, again");
	for (uint32_t i = 0; i < 8; i++)
		free(full[i]);
	free(blank);
	lp_ccitt_recall_drop(r);
}
