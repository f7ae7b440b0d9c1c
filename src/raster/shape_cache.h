/*
 * Masks of a fax page's filled paths (an emblem's) and rules, filled once
 * and then reused, as glyph masks are (glyph_cache.h): an emblem of eight paths
 * costs a fax page about as much to fill as all its text costs to paint,
 * and every page of every document set on the same letterhead draws the
 * same paths. Found by a hash of the key, so a drawing of many small
 * paths finds each in a step or two.
 *
 * A mask is a pure function of its key: the path's segments (compared
 * point by point, not by where they are stored), the fill rule, the
 * transform to pixels, the clip, the 1-bit mode and a rule's width. So a
 * document's pixels never depend on what was filled before.
 *
 * Thread-safe: lookups and inserts take the cache's lock; an entry is
 * frozen once inserted, until the cache is dropped, but for its one fax
 * stamp, set once under the lock and read without it (published with a
 * release store).
 */
#ifndef LP_RASTER_SHAPE_CACHE_H
#define LP_RASTER_SHAPE_CACHE_H

#include "raster/fill.h"

typedef struct lp_shape_key {
	const lp_path_seg *segs; /* borrowed for the lookup; the cache keeps a copy */
	uint32_t n_segs;
	lp_fill_rule rule;
	lp_fill_xform m;
	int32_t clip_w, clip_h; /* the mask is cut to [0, clip_w) x [0, clip_h) */
	bool mono;
	/* Above 0: the shape is a rule (lp_fill_rule_rect) this many points
	 * wide along the line from segs[0]'s point to segs[1]'s (a move and
	 * a line), not the path filled: a letterhead's rules come back on
	 * every page as its emblem does. */
	float rule_width_pt;
} lp_shape_key;

typedef struct lp_shape_cache lp_shape_cache;

/* NULL when out of memory. */
lp_shape_cache *lp_shape_cache_new(void);
void lp_shape_cache_drop(lp_shape_cache *cache);

/* The filled path's mask: from the cache, or filled with fill (the
 * caller's, one per thread) and kept. Past LP_RASTER_SHAPE_CACHE_BYTES a
 * new shape is filled into *scratch instead, which the caller frees with
 * lp_raster_mask_free(). *out is borrowed until the cache is dropped.
 * Fails as lp_fill_mask() does. */
lp_status lp_shape_cache_get(lp_shape_cache *cache, const lp_shape_key *key, lp_fill *fill,
        const lp_raster_mask **out, lp_raster_mask *scratch);

/* A fax fill's stamp (raster_stamp.c): the page bytes painting a kept
 * mask in one colour gives, rows [y0, y0 + h) and bytes [bx, bx + nb) of
 * each, nb a row: where cover has a bit the page takes value's, elsewhere
 * it keeps its own. An emblem is painted with its dither and edges once,
 * and on every later page only copied. */
typedef struct lp_fax_stamp {
	uint32_t y0, h, bx, nb;
	uint8_t *cover, *value;
} lp_fax_stamp;

void lp_fax_stamp_free(lp_fax_stamp *stamp);

/* The stamp kept with mask m for paint (a key of how it is painted: its
 * colour, opacity and kind), or NULL. m is one lp_shape_cache_get gave
 * from the cache, not a scratch. *make is set for one caller only, the
 * second to ask of m: it should make a stamp and give it to
 * lp_shape_cache_keep_stamp. A mask painted once (a one-page document's)
 * is not worth a stamp, and one whose stamp could not be kept is not
 * stamped again. Takes no lock. */
const lp_fax_stamp *lp_shape_cache_stamp(
        lp_shape_cache *cache, const lp_raster_mask *m, uint64_t paint, bool *make);

/* Keeps *stamp with m for paint, and returns the stamp kept (this one, or
 * one another thread kept first), or NULL when m has a stamp for another
 * paint or the cache's budget is spent. *stamp is taken either way: kept,
 * or freed. */
const lp_fax_stamp *lp_shape_cache_keep_stamp(
        lp_shape_cache *cache, const lp_raster_mask *m, uint64_t paint, lp_fax_stamp *stamp);

/* How many shapes were filled so far (for tests and the bench). */
size_t lp_shape_cache_filled(lp_shape_cache *cache);

#endif
