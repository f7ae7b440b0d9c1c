/*
 * Shaped words kept by the engine for every document (wordcache.c); the
 * pipeline makes one and hands it to each document's shaper
 * (lp_shaper_use_words()). Thread-safe.
 */
#ifndef LP_TEXT_WORDCACHE_H
#define LP_TEXT_WORDCACHE_H

#include "text/text.h"

#include <stdbool.h>
#include <stdint.h>

/* One glyph of a word shaped alone: cluster is a byte offset in the word. */
typedef struct lp_word_glyph {
	uint32_t gid, cluster;
	int32_t x_advance_fu, x_offset_fu, y_offset_fu;
	bool unsafe_to_break;
} lp_word_glyph;

/* What besides its bytes a word's glyphs depend on. lang is HarfBuzz's
 * interned language (one pointer a language). */
typedef struct lp_word_key {
	const lp_font *font;
	const void *lang;
	uint32_t script;
	bool no_liga;
} lp_word_key;

/* The glyphs kept for w[0, len), *n of them, or NULL. Borrowed until the
 * cache is dropped. */
const lp_word_glyph *lp_word_cache_find(
        lp_word_cache *cache, const lp_word_key *key, const char *w, uint32_t len, uint32_t *n);

/* Keeps a copy of g[0, n) for w[0, len), unless the cache has the word
 * already or is full. */
void lp_word_cache_put(lp_word_cache *cache, const lp_word_key *key, const char *w, uint32_t len,
        const lp_word_glyph *g, uint32_t n);

#endif
