/*
 * The engine's frozen maps (frozen_map.h). Chained buckets; a bucket's head
 * is published with a release store once its entry is complete, and an
 * entry's next never changes after that, so a reader that loads the head
 * with acquire sees whole entries without the lock.
 */
#include "base/frozen_map.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 8192u /* a power of two */

typedef struct entry {
	struct entry *next;
	uint64_t hash;
	uint32_t key_len, value_at;
	size_t value_len;
	/* then the key, then the value (aligned as max_align_t): a lookup
	 * reads the header and the key, most often one cache line, and the
	 * value the caller reads next follows them. */
} entry;

/* Where the value of an entry with a key of n bytes starts. */
static size_t
value_at(size_t n)
{
	size_t a = alignof(max_align_t);
	return (sizeof(entry) + n + a - 1) / a * a;
}

struct lp_frozen_map {
	pthread_mutex_t lock;
	size_t bytes, max_bytes;
	entry *slots[SLOTS];
};

lp_frozen_map *
lp_frozen_map_new(size_t max_bytes)
{
	lp_frozen_map *m = calloc(1, sizeof *m);
	if (m && pthread_mutex_init(&m->lock, NULL) != 0) {
		free(m);
		return NULL;
	}
	if (m)
		m->max_bytes = max_bytes;
	return m;
}

void
lp_frozen_map_drop(lp_frozen_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < SLOTS; i++)
		for (entry *e = m->slots[i], *next; e; e = next) {
			next = e->next;
			free(e);
		}
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static const unsigned char *
value_of(const entry *e)
{
	return (const unsigned char *)e + e->value_at;
}

static const unsigned char *
key_of(const entry *e)
{
	return (const unsigned char *)(e + 1);
}

uint64_t
lp_hash_bytes(uint64_t h, const void *data, size_t n)
{
	/* The shifts spread the high bits into a bucket index. */
	const unsigned char *p = data;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h ^= w;
		h *= 0x100000001b3u;
		h ^= h >> 29;
	}
	for (; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3u;
	}
	/* MurmurHash3's finalizer: every bit of h moves the low bits a
	 * bucket is chosen by (FNV's multiply moves only the bits above, and
	 * keys that differ in their last bytes crowded a few buckets). */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	return h ^ h >> 33;
}

static const entry *
lookup(lp_frozen_map *m, uint64_t h, const void *key, size_t key_len)
{
	for (const entry *e = __atomic_load_n(&m->slots[h & (SLOTS - 1)], __ATOMIC_ACQUIRE); e;
	        e = e->next)
		if (e->hash == h && e->key_len == key_len && memcmp(key_of(e), key, key_len) == 0)
			return e;
	return NULL;
}

const void *
lp_frozen_map_find(lp_frozen_map *m, const void *key, size_t key_len, size_t *value_len)
{
	if (!m)
		return NULL;
	const entry *e = lookup(m, lp_hash_bytes(LP_HASH_START, key, key_len), key, key_len);
	if (!e)
		return NULL;
	*value_len = e->value_len;
	return value_of(e);
}

size_t
lp_frozen_map_bytes(lp_frozen_map *m)
{
	if (!m)
		return 0;
	pthread_mutex_lock(&m->lock);
	size_t n = m->bytes;
	pthread_mutex_unlock(&m->lock);
	return n;
}

void
lp_frozen_map_put(
        lp_frozen_map *m, const void *key, size_t key_len, const void *value, size_t value_len)
{
	if (!m || key_len > m->max_bytes / 64 || value_len > m->max_bytes / 64)
		return;
	size_t at = value_at(key_len), size = at + value_len;
	if (size > m->max_bytes / 64)
		return;
	/* Made before the lock is taken. */
	entry *e = malloc(size);
	if (!e)
		return;
	*e = (entry){.hash = lp_hash_bytes(LP_HASH_START, key, key_len),
	        .key_len = (uint32_t)key_len,
	        .value_at = (uint32_t)at,
	        .value_len = value_len};
	memcpy(e + 1, key, key_len);
	if (value_len)
		memcpy((unsigned char *)e + at, value, value_len);
	pthread_mutex_lock(&m->lock);
	bool keep = !lookup(m, e->hash, key, key_len) && m->bytes + size <= m->max_bytes;
	if (keep) {
		entry **slot = &m->slots[e->hash & (SLOTS - 1)];
		e->next = *slot;
		__atomic_store_n(slot, e, __ATOMIC_RELEASE);
		m->bytes += size;
	}
	pthread_mutex_unlock(&m->lock);
	if (!keep)
		free(e);
}
