/*
 * Embedded font programs kept across documents. A font program (the
 * hb-subset subset of a face, deflated) and its /CIDSet depend on nothing
 * but the face, the set of glyphs a document uses and whether streams are
 * compressed; releases of one archive keep using the same few glyph sets
 * (the letterhead's bold and sans lines, the body's alphabet), and
 * subsetting and deflating a program was a third of writing a PDF. So
 * each (face, glyph set, compression) is subset and deflated once per
 * engine and its bytes written again as they are: a document's bytes are
 * the same whether its program came from the cache or not.
 *
 * A font's ToUnicode CMap is kept the same way, by its own bytes: made
 * again for each document (it is cheap), it is deflated once; so are other
 * bytes that recur from document to document (a title's outlines).
 *
 * Thread-safe: lookups and inserts take the cache's lock, and an entry is
 * frozen once inserted (never moved, changed or freed until the cache is
 * dropped), so one cache serves every document of a batch at once.
 */
#ifndef LP_PDF_PDF_FONTCACHE_H
#define LP_PDF_PDF_FONTCACHE_H

#include "letterpress.h"

#include "font/fontdb.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lp_pdf_font_cache lp_pdf_font_cache;

/* One face's program for one glyph set, as a PDF stores it. */
typedef struct lp_pdf_font_program {
	const uint8_t *file; /* the FontFile2/3 stream's bytes (deflated when compressed) */
	size_t file_size;
	size_t subset_size; /* the subset's own size (/Length1) */
	const uint8_t *cidset; /* the /CIDSet stream's bytes (deflated when compressed) */
	size_t cidset_size;
	bool compressed;
	uint32_t n_cids; /* glyphs in the subset */
	uint32_t n_used; /* glyphs of the set, each with its CID in cids[] */
	const uint16_t *cids; /* the used glyphs' CIDs, in glyph id order */
} lp_pdf_font_program;

/* NULL when out of memory. */
lp_pdf_font_cache *lp_pdf_font_cache_new(void);
void lp_pdf_font_cache_drop(lp_pdf_font_cache *cache);

/* The program of font for the glyphs set in used (a bitmap over n_gids,
 * most significant bit first), or NULL when the cache has none. Borrowed
 * until the cache is dropped. */
const lp_pdf_font_program *lp_pdf_font_cache_find(lp_pdf_font_cache *cache, const lp_font *font,
        const uint8_t *used, uint32_t n_gids, bool compressed);

/* Keeps a copy of program (made for font and used), unless the cache
 * already holds one for the same key or holds LP_PDF_FONT_CACHE_BYTES:
 * then nothing is kept. Returns the cache's entry, or NULL when none was
 * kept (the caller goes on with its own). */
const lp_pdf_font_program *lp_pdf_font_cache_add(lp_pdf_font_cache *cache, const lp_font *font,
        const uint8_t *used, uint32_t n_gids, const lp_pdf_font_program *program);

/* Bytes kept by bytes: a stream's deflated bytes by its plain ones (a
 * font's ToUnicode CMap, a title's outlines as a form), a drawing's
 * content by the key it was drawn from (pdf_tracked.c), in a frozen map
 * of their own (base/frozen_map.c: found without the lock, at most
 * 4 MiB). The value kept for key[0, n), borrowed until the cache is
 * dropped; false when the cache has none. */
bool lp_pdf_font_cache_find_bytes(lp_pdf_font_cache *cache, const uint8_t *key, size_t n,
        const uint8_t **value, size_t *value_size);
/* Keeps a copy of key and value, unless the cache holds the key already
 * or is full; either way the caller goes on with its own. */
void lp_pdf_font_cache_add_bytes(lp_pdf_font_cache *cache, const uint8_t *key, size_t n,
        const uint8_t *value, size_t value_size);

/* How many programs were found in the cache and how many were kept, for
 * tests and the bench. */
void lp_pdf_font_cache_counts(lp_pdf_font_cache *cache, size_t *hits, size_t *kept);

#endif
