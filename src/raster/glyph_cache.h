/*
 * Glyph masks, rasterized once per (font, glyph, size, resolution, pen
 * phase, 1-bit or not) and then reused: a page of body text shows a few
 * hundred distinct glyphs thousands of times.
 *
 * A mask's pen sits at a quarter-pixel phase of the device grid (x and y);
 * its x0/y0 are relative to the pen's whole pixel. 1-bit masks are made at
 * phase 0 only, so every copy of a glyph on a fax page has the same pixels.
 *
 * Thread-safe: lookups and inserts take the cache's lock, and an entry is
 * frozen once inserted (never moved or changed until the cache is dropped),
 * so one cache may serve several documents at once.
 */
#ifndef LP_RASTER_GLYPH_CACHE_H
#define LP_RASTER_GLYPH_CACHE_H

#include "font/fontdb.h"
#include "raster/ccitt.h"
#include "raster/fill.h"
#include "raster/shape_cache.h"

#include <string.h>

typedef struct lp_glyph_key {
	const lp_font *font;
	uint32_t gid;
	float size_pt;
	double sx, sy; /* pixels per point across and down */
	uint8_t phase_x, phase_y; /* quarter pixels, 0..3 */
	bool mono;
} lp_glyph_key;

typedef struct lp_glyph_cache lp_glyph_cache;

/* NULL when out of memory. */
lp_glyph_cache *lp_glyph_cache_new(void);
void lp_glyph_cache_drop(lp_glyph_cache *cache);

/* The glyph's mask: from the cache, or rasterized with fill (the caller's,
 * one per thread) and kept. Once the cache holds LP_RASTER_GLYPH_CACHE_BYTES
 * a new glyph is rasterized into *scratch instead, which the caller frees
 * with lp_raster_mask_free(). *out is borrowed until the cache is dropped.
 * Fails with LP_ERR_NOMEM. */
lp_status lp_glyph_cache_get(lp_glyph_cache *cache, const lp_glyph_key *key, lp_fill *fill,
        const lp_raster_mask **out, lp_raster_mask *scratch);

/* The masks of large filled paths kept beside the glyphs, with the same
 * lifetime and sharing (shape_cache.h). Borrowed; never NULL. */
lp_shape_cache *lp_glyph_cache_shapes(lp_glyph_cache *cache);

/* How many glyph masks were rasterized so far (for tests and the bench). */
size_t lp_glyph_cache_rasterized(lp_glyph_cache *cache);

/* A device's memory of the masks it looked up last, in front of the cache:
 * a slot a (font, glyph, size, phase) at the memo's own resolution, the
 * mask borrowed from the cache. A page repeats a few hundred glyphs
 * thousands of times; the memo spares each repeat the cache's lock and
 * hash. Given back to the cache when the device is done, a memo serves the
 * next document at that resolution warm: a batch's document then finds
 * its glyphs without the lock too. A batch of releases in a few layouts
 * and languages meets a few thousand of them: at 512 slots one paint in
 * five missed, at 2048 one in fifty (docs/benchmarks.md). */
#define LP_GLYPH_MEMO_SLOTS 2048

typedef struct lp_glyph_memo_slot {
	const lp_font *font;
	const lp_raster_mask *mask; /* NULL: the slot is empty */
	uint32_t gid;
	float size_pt;
	uint8_t phase_x, phase_y;
} lp_glyph_memo_slot;

/* In the open so that the slot of a key is found in line, a glyph at a
 * time (lp_glyph_memo_slot_of). */
typedef struct lp_glyph_memo {
	double sx, sy;
	bool mono;
	struct lp_glyph_memo *next; /* in the cache's spares */
	lp_glyph_memo_slot slot[LP_GLYPH_MEMO_SLOTS];
} lp_glyph_memo;

/* A memo for masks at sx, sy and mono: one the cache was given back at
 * that resolution, else an empty one. NULL when out of memory. */
lp_glyph_memo *lp_glyph_memo_take(lp_glyph_cache *cache, double sx, double sy, bool mono);
/* Keeps memo for the next document (NULL: nothing). */
void lp_glyph_memo_give(lp_glyph_cache *cache, lp_glyph_memo *memo);
/* The slot a key of the memo's resolution goes in. */
static inline lp_glyph_memo_slot *
lp_glyph_memo_slot_of(lp_glyph_memo *m, const lp_glyph_key *k)
{
	uint32_t size_bits;
	memcpy(&size_bits, &k->size_pt, sizeof size_bits);
	uint64_t h = (uint64_t)(uintptr_t)k->font >> 4;
	h = h * 31 + k->gid;
	h = h * 31 + size_bits;
	h = h * 31 + (uint64_t)(k->phase_x | k->phase_y << 2);
	h *= 0x9e3779b97f4a7c15u;
	return &m->slot[(h >> 40) & (LP_GLYPH_MEMO_SLOTS - 1)];
}

/* A fax page's memory, kept between documents (raster_device.c): its bits
 * and, for the page it last held (rows of stride bytes), a byte a row set
 * where anything was painted, so that the next page clears only those
 * rows and the coder knows the white ones without reading them. */
typedef struct lp_fax_sheet {
	uint8_t *bits;
	size_t cap;
	uint8_t *inked;
	uint32_t inked_cap, rows;
	size_t stride;
} lp_fax_sheet;

/* A sheet given back, else NULL. */
lp_fax_sheet *lp_glyph_cache_take_sheet(lp_glyph_cache *cache);
/* Keeps sheet for the next document (NULL: nothing); one over
 * LP_FAX_KEPT_PAGE_MAX_BYTES is freed instead. */
void lp_glyph_cache_give_sheet(lp_glyph_cache *cache, lp_fax_sheet *sheet);
/* Frees a sheet that is not given back. */
void lp_fax_sheet_free(lp_fax_sheet *sheet);

/* A G4 coder's pages kept between documents (ccitt.h), so that the next
 * fax on the same letterhead takes its letterhead's codes: one given
 * back, else a new one (NULL when out of memory). One document at a time
 * holds it. */
lp_ccitt_recall *lp_glyph_cache_take_recall(lp_glyph_cache *cache);
/* Keeps recall for the next document (NULL: nothing). */
void lp_glyph_cache_give_recall(lp_glyph_cache *cache, lp_ccitt_recall *recall);

#endif
