/*
 * Shaped words kept by the engine: press releases say "Србије", "године"
 * and "у" again and again, in every release of an archive, and HarfBuzz
 * shaped each of them again with every paragraph. A word is shaped alone
 * only where that gives the glyphs it gets inside its run (shape.c
 * decides: simple characters, a font whose layout tables never touch the
 * space), so a word found here is the same glyphs, clusters and flags a
 * fresh shaping makes, and no document's bytes depend on what was shaped
 * before it (tests/unit/test_shape.c, tests/integration/test_batch.c).
 *
 * Keyed by the word's bytes, the font, script, language and whether
 * ligatures are off (tracked text), in one of the engine's frozen maps
 * (base/frozen_map.c: found without a lock, at most LP_WORD_CACHE_BYTES).
 * Words with digits are kept only up to LP_WORD_DIGITS_MAX bytes (see
 * lp_word_cache_put()), other words up to LP_WORD_KEY_MAX bytes.
 */
#include "text/wordcache.h"

#include "base/frozen_map.h"

#include <stdlib.h>
#include <string.h>

#define LP_WORD_CACHE_BYTES (4u << 20)
#define LP_WORD_KEY_MAX 256
#define LP_WORD_DIGITS_MAX 6 /* bytes of the longest word with digits kept */

struct lp_word_cache {
	lp_frozen_map *map;
};

lp_word_cache *
lp_word_cache_new(void)
{
	lp_word_cache *c = malloc(sizeof *c);
	if (c && !(c->map = lp_frozen_map_new(LP_WORD_CACHE_BYTES))) {
		free(c);
		return NULL;
	}
	return c;
}

void
lp_word_cache_drop(lp_word_cache *c)
{
	if (!c)
		return;
	lp_frozen_map_drop(c->map);
	free(c);
}

/* The map's key: what the glyphs depend on, field by field (no padding
 * bytes), then the word; 0 when the word is too long to keep. */
static size_t
make_key(unsigned char key[LP_WORD_KEY_MAX], const lp_word_key *k, const char *w, uint32_t len)
{
	const void *font = k->font, *lang = k->lang;
	unsigned char liga = k->no_liga ? 1 : 0;
	size_t head = sizeof font + sizeof lang + sizeof k->script + 1;
	if (len > LP_WORD_KEY_MAX - head)
		return 0;
	memcpy(key, &font, sizeof font);
	memcpy(key + sizeof font, &lang, sizeof lang);
	memcpy(key + sizeof font + sizeof lang, &k->script, sizeof k->script);
	key[head - 1] = liga;
	memcpy(key + head, w, len);
	return head + len;
}

const lp_word_glyph *
lp_word_cache_find(lp_word_cache *c, const lp_word_key *k, const char *w, uint32_t len, uint32_t *n)
{
	unsigned char key[LP_WORD_KEY_MAX];
	size_t key_len = make_key(key, k, w, len), size;
	const lp_word_glyph *g = key_len ? lp_frozen_map_find(c->map, key, key_len, &size) : NULL;
	if (!g)
		return NULL;
	*n = (uint32_t)(size / sizeof *g);
	return g;
}

void
lp_word_cache_put(lp_word_cache *c, const lp_word_key *k, const char *w, uint32_t len,
        const lp_word_glyph *g, uint32_t n)
{
	/* Longer words with digits are not kept: amounts, phone numbers and
	 * references are mostly new each time, and a long document that
	 * numbers its paragraphs would fill the cache with them. Short ones
	 * are: a year ("2024."), a day ("20."), a list's "1." come back in
	 * every release, and there are few of them. */
	if (len > LP_WORD_DIGITS_MAX)
		for (uint32_t i = 0; i < len; i++)
			if (w[i] >= '0' && w[i] <= '9')
				return;
	unsigned char key[LP_WORD_KEY_MAX];
	size_t key_len = make_key(key, k, w, len);
	if (key_len)
		lp_frozen_map_put(c->map, key, key_len, g, (size_t)n * sizeof *g);
}
