/* Font programs kept across documents; see pdf_fontcache.h. */
#include "pdf/pdf_fontcache.h"

#include "base/frozen_map.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of programs one cache keeps: a one-page release's three subsets
 * take some 60 KiB deflated, and an archive in one language uses a few
 * dozen glyph sets a face; past this, programs are made for each document
 * again, so an archive of ever-new glyph sets costs time, not memory. */
#define LP_PDF_FONT_CACHE_BYTES (16u << 20)
/* Bytes kept by bytes (CMaps, a title's drawing and its form), beside. */
#define LP_PDF_BYTES_CACHE_BYTES (4u << 20)
#define LP_PDF_FONT_CACHE_SLOTS 256u /* chained buckets, a power of two */

typedef struct entry {
	struct entry *next;
	uint64_t hash;
	const lp_font *font;
	uint32_t n_gids;
	uint8_t *used; /* n_gids / 8 + 1 bytes */
	lp_pdf_font_program program;
} entry;

struct lp_pdf_font_cache {
	pthread_mutex_t lock;
	entry *slots[LP_PDF_FONT_CACHE_SLOTS];
	lp_frozen_map *kept_bytes; /* found without the lock */
	size_t bytes;
	size_t hits, kept;
};

lp_pdf_font_cache *
lp_pdf_font_cache_new(void)
{
	lp_pdf_font_cache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	if (!(c->kept_bytes = lp_frozen_map_new(LP_PDF_BYTES_CACHE_BYTES))) {
		free(c);
		return NULL;
	}
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		lp_frozen_map_drop(c->kept_bytes);
		free(c);
		return NULL;
	}
	return c;
}

void
lp_pdf_font_cache_drop(lp_pdf_font_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < LP_PDF_FONT_CACHE_SLOTS; i++) {
		entry *e = c->slots[i];
		while (e) {
			entry *next = e->next;
			free(e); /* one block: see entry_new() */
			e = next;
		}
	}
	lp_frozen_map_drop(c->kept_bytes);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static size_t
used_bytes(uint32_t n_gids)
{
	return n_gids / 8 + 1;
}

/* The hash over the face, the compression and the glyph set. */
static uint64_t
key_hash(const lp_font *font, const uint8_t *used, uint32_t n_gids, bool compressed)
{
	uintptr_t f = (uintptr_t)font;
	uint8_t face[sizeof f], c = compressed ? 1u : 0u;
	for (size_t i = 0; i < sizeof f; i++)
		face[i] = (uint8_t)(f >> (8 * i));
	return lp_hash_bytes(lp_hash_bytes(lp_hash_bytes(LP_HASH_START, face, sizeof face), &c, 1),
	        used, used_bytes(n_gids));
}

static entry *
lookup(lp_pdf_font_cache *c, uint64_t h, const lp_font *font, const uint8_t *used, uint32_t n_gids,
        bool compressed)
{
	for (entry *e = c->slots[h & (LP_PDF_FONT_CACHE_SLOTS - 1)]; e; e = e->next)
		if (e->hash == h && e->font == font && e->n_gids == n_gids &&
		        e->program.compressed == compressed &&
		        memcmp(e->used, used, used_bytes(n_gids)) == 0)
			return e;
	return NULL;
}

const lp_pdf_font_program *
lp_pdf_font_cache_find(lp_pdf_font_cache *c, const lp_font *font, const uint8_t *used,
        uint32_t n_gids, bool compressed)
{
	if (!c)
		return NULL;
	uint64_t h = key_hash(font, used, n_gids, compressed);
	pthread_mutex_lock(&c->lock);
	entry *e = lookup(c, h, font, used, n_gids, compressed);
	if (e)
		c->hits++;
	pthread_mutex_unlock(&c->lock);
	return e ? &e->program : NULL;
}

/* The entry and every array it holds in one allocation of *size bytes. */
static entry *
entry_new(const lp_font *font, const uint8_t *used, uint32_t n_gids, const lp_pdf_font_program *p,
        size_t *size)
{
	size_t n_used = used_bytes(n_gids);
	size_t cids = (size_t)p->n_used * sizeof *p->cids;
	*size = sizeof(entry) + cids + n_used + p->file_size + p->cidset_size;
	entry *e = malloc(*size);
	if (!e)
		return NULL;
	/* uint16_t CIDs first, right after the entry, keep their alignment. */
	uint8_t *at = (uint8_t *)(e + 1);
	*e = (entry){.font = font, .n_gids = n_gids, .program = *p};
	memcpy(at, p->cids, cids);
	e->program.cids = (const uint16_t *)at;
	at += cids;
	e->used = at;
	memcpy(at, used, n_used);
	at += n_used;
	memcpy(at, p->file, p->file_size);
	e->program.file = at;
	at += p->file_size;
	memcpy(at, p->cidset, p->cidset_size);
	e->program.cidset = at;
	return e;
}

const lp_pdf_font_program *
lp_pdf_font_cache_add(lp_pdf_font_cache *c, const lp_font *font, const uint8_t *used,
        uint32_t n_gids, const lp_pdf_font_program *program)
{
	if (!c)
		return NULL;
	uint64_t h = key_hash(font, used, n_gids, program->compressed);
	size_t size = 0;
	/* Copied before the lock is taken: the copy is the slow part. */
	entry *e = entry_new(font, used, n_gids, program, &size);
	if (!e)
		return NULL;
	e->hash = h;
	pthread_mutex_lock(&c->lock);
	entry *have = lookup(c, h, font, used, n_gids, program->compressed);
	bool keep = !have && c->bytes + size <= LP_PDF_FONT_CACHE_BYTES;
	if (keep) {
		entry **slot = &c->slots[h & (LP_PDF_FONT_CACHE_SLOTS - 1)];
		e->next = *slot;
		*slot = e;
		c->bytes += size;
		c->kept++;
	}
	pthread_mutex_unlock(&c->lock);
	if (!keep) {
		free(e);
		return have ? &have->program : NULL;
	}
	return &e->program;
}

bool
lp_pdf_font_cache_find_bytes(lp_pdf_font_cache *c, const uint8_t *key, size_t n,
        const uint8_t **value, size_t *value_size)
{
	if (!c)
		return false;
	*value = lp_frozen_map_find(c->kept_bytes, key, n, value_size);
	return *value != NULL;
}

void
lp_pdf_font_cache_add_bytes(
        lp_pdf_font_cache *c, const uint8_t *key, size_t n, const uint8_t *value, size_t value_size)
{
	if (c)
		lp_frozen_map_put(c->kept_bytes, key, n, value, value_size);
}

void
lp_pdf_font_cache_counts(lp_pdf_font_cache *c, size_t *hits, size_t *kept)
{
	*hits = *kept = 0;
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	*hits = c->hits;
	*kept = c->kept;
	pthread_mutex_unlock(&c->lock);
}
