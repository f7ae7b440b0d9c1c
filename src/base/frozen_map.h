/*
 * A map from bytes to bytes that an engine keeps for all its documents
 * (frozen_map.c): shaped words (text/wordcache.c), a word's hyphenation
 * points (para/hyphen.c). Entries are frozen once in (never moved, changed
 * or freed until the map is dropped), so finding one takes no lock; only
 * putting one does. Past its byte budget nothing more is kept: the caller
 * works the value out again, which costs time, not memory. Thread-safe.
 */
#ifndef LP_BASE_FROZEN_MAP_H
#define LP_BASE_FROZEN_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct lp_frozen_map lp_frozen_map;

/* NULL when out of memory. max_bytes counts the entries with their keys,
 * values and bookkeeping. */
lp_frozen_map *lp_frozen_map_new(size_t max_bytes);
void lp_frozen_map_drop(lp_frozen_map *map);

/* The value kept for key[0, key_len) and its length, or NULL. The value is
 * aligned as malloc aligns and borrowed until the map is dropped. */
const void *lp_frozen_map_find(
        lp_frozen_map *map, const void *key, size_t key_len, size_t *value_len);

/* Keeps a copy of value for key, unless the map has the key already or
 * the entry would pass the budget (or a 64th of it alone). */
void lp_frozen_map_put(
        lp_frozen_map *map, const void *key, size_t key_len, const void *value, size_t value_len);

/* The bytes the map keeps, as counted against its budget. */
size_t lp_frozen_map_bytes(lp_frozen_map *map);

/* The maps' hash of p[0, n), continuing from h (start with
 * LP_HASH_START): FNV-1a's step eight bytes at a time, finished with
 * MurmurHash3's mix so that every byte moves the low bits. Equal keys
 * hash equal within a process; nothing is stored by it. */
#define LP_HASH_START 0xcbf29ce484222325u
uint64_t lp_hash_bytes(uint64_t h, const void *p, size_t n);

#endif
