/* The engine's frozen maps (base/frozen_map.c): what is put is found, the
 * first value for a key stays, nothing more is kept past the budget, and
 * values are aligned for the structs kept in them. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/frozen_map.h"

Test(frozen_map, keeps_and_finds)
{
	lp_frozen_map *m = lp_frozen_map_new(1u << 20);
	cr_assert(not(eq(ptr, m, NULL)));
	char key[32];
	for (int i = 0; i < 2000; i++) {
		int n = snprintf(key, sizeof key, "word %d", i);
		double v[2] = {i, -i};
		lp_frozen_map_put(m, key, (size_t)n, v, sizeof v);
	}
	for (int i = 0; i < 2000; i++) {
		int n = snprintf(key, sizeof key, "word %d", i);
		size_t len = 0;
		const double *v = lp_frozen_map_find(m, key, (size_t)n, &len);
		cr_assert(not(eq(ptr, (void *)v, NULL)), "%s was not kept", key);
		cr_assert(eq(sz, len, 2 * sizeof(double)));
		cr_assert(eq(int, (int)((uintptr_t)v % _Alignof(double)), 0));
		cr_assert(eq(dbl, v[0], i));
		cr_assert(eq(dbl, v[1], -i));
	}
	size_t len;
	cr_assert(eq(ptr, (void *)lp_frozen_map_find(m, "word", 4, &len), NULL));
	/* A key's first value stays: entries are frozen. */
	lp_frozen_map_put(m, "word 7", 6, "x", 1);
	const double *v = lp_frozen_map_find(m, "word 7", 6, &len);
	cr_assert(eq(sz, len, 2 * sizeof(double)));
	cr_assert(eq(dbl, v[0], 7));
	/* An empty value is a value. */
	lp_frozen_map_put(m, "empty", 5, NULL, 0);
	cr_assert(not(eq(ptr, (void *)lp_frozen_map_find(m, "empty", 5, &len), NULL)));
	cr_assert(eq(sz, len, 0));
	lp_frozen_map_drop(m);
	lp_frozen_map_drop(NULL);
	cr_assert(eq(ptr, (void *)lp_frozen_map_find(NULL, "a", 1, &len), NULL));
}

Test(frozen_map, stops_keeping_at_its_budget)
{
	lp_frozen_map *m = lp_frozen_map_new(64u << 10);
	char key[32], value[400] = {0};
	int kept = 0;
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(key, sizeof key, "k%d", i);
		lp_frozen_map_put(m, key, (size_t)n, value, sizeof value);
		size_t len;
		kept += lp_frozen_map_find(m, key, (size_t)n, &len) != NULL;
	}
	/* 64 KiB holds fewer than 160 entries of 400 bytes and more than 100. */
	cr_assert(lt(int, 100, kept));
	cr_assert(lt(int, kept, 160));
	/* An entry over a 64th of the budget is never kept. */
	static char big[2048];
	lp_frozen_map *small = lp_frozen_map_new(64u << 10);
	lp_frozen_map_put(small, "big", 3, big, sizeof big);
	size_t len;
	cr_assert(eq(ptr, (void *)lp_frozen_map_find(small, "big", 3, &len), NULL));
	lp_frozen_map_drop(small);
	lp_frozen_map_drop(m);
}

/* A bucket is chosen by the hash's low bits, and every byte of a key must
 * move them: keys a multiple of 8 bytes long that differ only in their
 * last byte (a shaped word's key, for one word length in eight) fell in 8
 * buckets of 8,192 before the hash was finished with a mix. */
Test(frozen_map, keys_that_differ_in_their_last_byte_spread_over_the_buckets)
{
	for (size_t len = 8; len <= 32; len += 3) {
		bool seen[8192] = {false};
		unsigned distinct = 0;
		for (unsigned v = 0; v < 256; v++) {
			unsigned char key[32];
			memset(key, 'a', sizeof key);
			key[len - 1] = (unsigned char)v;
			uint64_t h = lp_hash_bytes(LP_HASH_START, key, len);
			if (!seen[h & 8191]) {
				seen[h & 8191] = true;
				distinct++;
			}
		}
		/* 256 random keys fill about 252 of 8,192 buckets. */
		cr_expect(distinct >= 240, "%zu-byte keys: %u buckets", len, distinct);
	}
}
