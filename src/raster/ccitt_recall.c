/*
 * Pages the G4 coder coded before, kept so that a new page's rows equal to
 * theirs take their codes (ccitt.h, lp_ccitt_recall).
 *
 * A row's code depends on that row and the one above it only, so where a
 * new page's first rows are an earlier page's, their codes are that
 * page's first bits; and where its last rows and the one above them are,
 * the codes of those rows are the bits between the earlier page's offsets
 * after the rows before. The letterhead of a release set on the same
 * layout as one before (the emblem, the organ lines, the footer) is such
 * rows: a fifth to a third of a fax page's changes, which are then
 * compared, not coded.
 */
#include "raster/ccitt_internal.h"

#include <stdlib.h>
#include <string.h>

/* Pages kept: a batch on a few letterheads finds each one's last page.
 * Each holds its rows (about 500 KB a fine fax page) and its codes. */
#define LP_CCITT_RECALL_PAGES 8

/* A page is kept when an earlier one gave it less than this share of its
 * codes (in 1/64): a page of a letterhead already kept takes a fifth or
 * more from that one, and need not be kept again. */
#define LP_CCITT_RECALL_KEEP_BELOW 6

/* Pages that took little in a row, after which only one in
 * LP_CCITT_RECALL_SPARSE is kept: a batch of pages without a letterhead
 * (the plain layout) would otherwise pay a copy for every page, some 7 %
 * of its time, for nothing. A page that takes much starts it again. */
#define LP_CCITT_RECALL_MISSES 8
#define LP_CCITT_RECALL_SPARSE 32

struct lp_ccitt_recall {
	lp_ccitt_page page[LP_CCITT_RECALL_PAGES];
	uint32_t misses; /* pages in a row that took little */
	/* When last kept or taken from (much): 0 empty. */
	uint64_t used[LP_CCITT_RECALL_PAGES];
	uint64_t clock;
	uint64_t pages; /* coded with it so far */
};

lp_ccitt_recall *
lp_ccitt_recall_new(void)
{
	return calloc(1, sizeof(lp_ccitt_recall));
}

static void
page_free(lp_ccitt_page *p)
{
	free(p->rows);
	free(p->code);
	free(p->row_end);
	free(p->inked);
	*p = (lp_ccitt_page){0};
}

void
lp_ccitt_recall_drop(lp_ccitt_recall *r)
{
	if (!r)
		return;
	for (int i = 0; i < LP_CCITT_RECALL_PAGES; i++)
		page_free(&r->page[i]);
	free(r);
}

/* Whether row y of the new page is the kept page's: at once when both
 * are known white, else by their bytes. */
static inline bool
same_row(const lp_ccitt_page *p, const lp_ccitt_rows *n, size_t row_bytes, uint32_t y)
{
	if (n->inked && !n->inked[y] && !p->inked[y])
		return true;
	return memcmp(n->rows + (size_t)y * n->stride, p->rows + (size_t)y * row_bytes,
	               row_bytes) == 0;
}

/* How many rows from the top are the kept page's. Its first row with ink
 * is compared first: on a page of another letterhead that is where the
 * two part, below a white margin that every page shares, and so one row
 * tells it for most pages kept. */
static uint32_t
rows_from_top(const lp_ccitt_page *p, const lp_ccitt_rows *n, size_t row_bytes)
{
	if (p->first_ink < n->height && !same_row(p, n, row_bytes, p->first_ink))
		return 0; /* at most its white margin: a bit a row, not worth taking */
	uint32_t y = 0;
	while (y < n->height && same_row(p, n, row_bytes, y))
		y++;
	return y;
}

/* The first row of the run of rows up to the bottom that are the kept
 * page's, not above from. */
static uint32_t
rows_from_bottom(const lp_ccitt_page *p, const lp_ccitt_rows *n, size_t row_bytes, uint32_t from)
{
	uint32_t y = n->height;
	while (y > from && same_row(p, n, row_bytes, y - 1))
		y--;
	return y;
}

/* Bits of p's codes for rows [0, top) and [bottom, height). */
static size_t
bits_taken(const lp_ccitt_page *p, uint32_t top, uint32_t bottom)
{
	size_t n = top ? p->row_end[top - 1] : 0;
	if (bottom < p->height)
		n += p->row_end[p->height - 1] - p->row_end[bottom - 1];
	return n;
}

lp_ccitt_match
lp_ccitt_recall_find(lp_ccitt_recall *r, const lp_ccitt_rows *n)
{
	uint32_t height = n->height;
	lp_ccitt_match best = {NULL, 0, height};
	if (!r)
		return best;
	size_t row_bytes = ((size_t)n->width + 7) / 8;
	int at = -1;
	uint32_t best_top = 0;
	/* The page whose first rows go furthest down: the same letterhead. */
	for (int i = 0; i < LP_CCITT_RECALL_PAGES; i++) {
		const lp_ccitt_page *p = &r->page[i];
		if (!r->used[i] || p->width != n->width || p->height != height)
			continue;
		uint32_t top = rows_from_top(p, n, row_bytes);
		if (at < 0 || top > best_top)
			at = i, best_top = top;
	}
	if (at < 0)
		return best;
	const lp_ccitt_page *p = &r->page[at];
	best.page = p;
	best.top = best_top;
	if (best_top < height) {
		/* Rows from the bottom up to and with the one above them: the
		 * row above a taken row is the kept page's too. */
		uint32_t first = rows_from_bottom(p, n, row_bytes, best_top + 1);
		best.bottom = first < height ? first + 1 : height;
	}
	return best;
}

void
lp_ccitt_recall_keep(lp_ccitt_recall *r, const lp_ccitt_match *m, const lp_ccitt_rows *n,
        const uint8_t *code, size_t code_bits, const size_t *row_end)
{
	uint32_t width = n->width, height = n->height;
	if (!r || height == 0)
		return;
	/* Not the first page a recall sees: a process that codes one page (a
	 * render from the command line) would copy it, half a megabyte of
	 * fresh memory, for nothing; a batch loses one page's letterhead. */
	if (r->pages++ == 0)
		return;
	if (m->page && bits_taken(m->page, m->top, m->bottom) * 64 >=
	                       code_bits * LP_CCITT_RECALL_KEEP_BELOW) {
		/* Its letterhead's page, kept already: kept longer. (A page
		 * that gave little, only white rows at the top, may go.) */
		r->used[m->page - r->page] = ++r->clock;
		r->misses = 0;
		return;
	}
	if (r->misses++ >= LP_CCITT_RECALL_MISSES && r->misses % LP_CCITT_RECALL_SPARSE != 0)
		return;
	size_t row_bytes = ((size_t)width + 7) / 8, code_bytes = (code_bits + 7) / 8;
	if (row_bytes * height > LP_FAX_KEPT_PAGE_MAX_BYTES ||
	        code_bytes > LP_FAX_KEPT_PAGE_MAX_BYTES)
		return;
	/* In place of the page matched least lately (or an empty place), in
	 * its memory when it has the size: a batch that keeps page after
	 * page (more letterheads than places) then allocates none, and only
	 * the rows inked on either page are written (the others stay zero). */
	int at = 0;
	for (int i = 1; i < LP_CCITT_RECALL_PAGES; i++)
		if (r->used[i] < r->used[at])
			at = i;
	lp_ccitt_page *p = &r->page[at];
	r->used[at] = 0;
	if (!p->rows || p->width != width || p->height != height) {
		page_free(p);
		p->rows = calloc(height, row_bytes);
		p->row_end = malloc(height * sizeof *p->row_end);
		p->inked = calloc(height, 1);
	}
	if (p->code_cap < code_bytes + 8) {
		free(p->code);
		/* 8 bytes past the codes: the coder takes them 8 bytes at a time
		 * (put_bits in ccitt.c). */
		p->code = malloc(code_bytes + 8);
		p->code_cap = p->code ? code_bytes + 8 : 0;
	}
	if (!p->rows || !p->code || !p->row_end || !p->inked) {
		page_free(p); /* a page not kept only costs the next its codes */
		return;
	}
	p->first_ink = height;
	for (uint32_t y = 0; y < height; y++) {
		const uint8_t *row = n->rows + (size_t)y * n->stride;
		uint8_t *kept = p->rows + (size_t)y * row_bytes;
		bool inked = !n->inked || n->inked[y];
		if (inked)
			memcpy(kept, row, row_bytes);
		else if (p->inked[y]) /* (a white row: all zero) */
			memset(kept, 0, row_bytes);
		p->inked[y] = inked;
		if (inked && p->first_ink == height &&
		        (row[0] || memcmp(row, row + 1, row_bytes - 1)))
			p->first_ink = y;
	}
	memset(p->code + code_bytes, 0, 8);
	memcpy(p->code, code, code_bytes);
	memcpy(p->row_end, row_end, height * sizeof *p->row_end);
	p->width = width;
	p->height = height;
	r->used[at] = ++r->clock;
}
