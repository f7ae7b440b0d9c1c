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
#include "raster/fill.h"
#include "raster/shape_cache.h"

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

#endif
