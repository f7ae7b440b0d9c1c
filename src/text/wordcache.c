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
 * ligatures are off (tracked text). Entries are frozen once inserted
 * (never moved, changed or freed until the cache is dropped) and published
 * atomically, so words are found without the lock, which only inserts
 * take. Past LP_WORD_CACHE_BYTES nothing more is kept, and new words are
 * shaped each time, which costs time, not memory.
 * Words with digits are never kept (see lp_word_cache_put()).
 */
#include "text/wordcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LP_WORD_CACHE_BYTES (4u << 20)
#define SLOTS 8192u /* chained buckets, a power of two */

typedef struct entry {
	struct entry *next;
	lp_word_key key;
	uint64_t hash;
	uint32_t len, n_glyphs;
	/* the glyphs, then the word's bytes */
} entry;

struct lp_word_cache {
	pthread_mutex_t lock;
	entry *slots[SLOTS];
	size_t bytes;
};

lp_word_cache *
lp_word_cache_new(void)
{
	lp_word_cache *c = calloc(1, sizeof *c);
	if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
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
	for (size_t i = 0; i < SLOTS; i++)
		for (entry *e = c->slots[i], *next; e; e = next) {
			next = e->next;
			free(e);
		}
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static const lp_word_glyph *
glyphs_of(const entry *e)
{
	return (const lp_word_glyph *)(e + 1);
}

static const char *
text_of(const entry *e)
{
	return (const char *)(glyphs_of(e) + e->n_glyphs);
}

static uint64_t
key_hash(const lp_word_key *k, const char *w, uint32_t len)
{
	uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)(uintptr_t)k->font ^
	             ((uint64_t)(uintptr_t)k->lang << 7) ^ ((uint64_t)k->script << 1) ^
	             (k->no_liga ? 1u : 0u);
	for (uint32_t i = 0; i < len; i++) {
		h ^= (uint8_t)w[i];
		h *= 0x100000001b3u;
	}
	return h;
}

static const entry *
lookup(lp_word_cache *c, uint64_t h, const lp_word_key *k, const char *w, uint32_t len)
{
	/* A bucket's head is published with a release store after its entry
	 * is complete, and an entry's next never changes after that. */
	for (const entry *e = __atomic_load_n(&c->slots[h & (SLOTS - 1)], __ATOMIC_ACQUIRE); e;
	        e = e->next)
		if (e->hash == h && e->len == len && e->key.font == k->font &&
		        e->key.lang == k->lang && e->key.script == k->script &&
		        e->key.no_liga == k->no_liga && memcmp(text_of(e), w, len) == 0)
			return e;
	return NULL;
}

const lp_word_glyph *
lp_word_cache_find(lp_word_cache *c, const lp_word_key *k, const char *w, uint32_t len, uint32_t *n)
{
	/* Read without the lock (see lookup()): two threads finding words
	 * never wait for each other. */
	const entry *e = lookup(c, key_hash(k, w, len), k, w, len);
	if (!e)
		return NULL;
	*n = e->n_glyphs;
	return glyphs_of(e);
}

void
lp_word_cache_put(lp_word_cache *c, const lp_word_key *k, const char *w, uint32_t len,
        const lp_word_glyph *g, uint32_t n)
{
	size_t size = sizeof(entry) + (size_t)n * sizeof *g + len;
	if (size > LP_WORD_CACHE_BYTES / 64)
		return;
	/* Words with digits are not kept: dates, amounts and numbers are
	 * mostly new each time, and a long document that numbers its
	 * paragraphs would fill the cache with them. */
	for (uint32_t i = 0; i < len; i++)
		if (w[i] >= '0' && w[i] <= '9')
			return;
	/* Made before the lock is taken. */
	entry *e = malloc(size);
	if (!e)
		return;
	*e = (entry){.key = *k, .hash = key_hash(k, w, len), .len = len, .n_glyphs = n};
	memcpy((lp_word_glyph *)(e + 1), g, (size_t)n * sizeof *g);
	memcpy((char *)text_of(e), w, len);
	pthread_mutex_lock(&c->lock);
	bool keep = !lookup(c, e->hash, k, w, len) && c->bytes + size <= LP_WORD_CACHE_BYTES;
	if (keep) {
		entry **slot = &c->slots[e->hash & (SLOTS - 1)];
		e->next = *slot;
		__atomic_store_n(slot, e, __ATOMIC_RELEASE);
		c->bytes += size;
	}
	pthread_mutex_unlock(&c->lock);
	if (!keep)
		free(e);
}
