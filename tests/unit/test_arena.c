#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"

Test(arena, allocations_are_zeroed_aligned_and_distinct)
{
	lp_arena *a = lp_arena_new(128);
	cr_assert(ne(ptr, a, NULL));
	char *p = lp_arena_alloc(a, 10);
	char *q = lp_arena_alloc(a, 10);
	cr_assert(ne(ptr, p, q));
	for (int i = 0; i < 10; i++)
		cr_assert(eq(i8, p[i], 0));
	cr_assert(eq(u64, (uintptr_t)q % _Alignof(max_align_t), 0));
	lp_arena_drop(a);
}

Test(arena, large_request_gets_its_own_block_and_small_chunk_keeps_space)
{
	lp_arena *a = lp_arena_new(256);
	char *small = lp_arena_alloc(a, 16);
	char *big = lp_arena_alloc(a, 100000);
	char *small2 = lp_arena_alloc(a, 16);
	cr_assert(ne(ptr, big, NULL));
	memset(big, 7, 100000);
	/* the second small allocation continues the first chunk */
	cr_assert(lt(i64, small2 - small, 256));
	cr_assert(eq(u64, lp_arena_used(a), 100032));
	lp_arena_drop(a);
}

Test(arena, absurd_and_overflowing_requests_fail)
{
	lp_arena *a = lp_arena_new(0);
	cr_assert(eq(ptr, lp_arena_alloc(a, SIZE_MAX), NULL));
	cr_assert(eq(ptr, lp_arena_array(a, SIZE_MAX / 2, 4), NULL));
	lp_arena_drop(a);
}

Test(arena, strings_and_grow_copy_content)
{
	lp_arena *a = lp_arena_new(0);
	char *s = lp_arena_strndup(a, "Београд, 20.", 6);
	cr_assert(eq(str, s, "Бео"));
	char *f = lp_arena_printf(a, "%d. %s", 20, "фебруар");
	cr_assert(eq(str, f, "20. фебруар"));
	int *v = lp_arena_array(a, 2, sizeof *v);
	v[0] = 1;
	v[1] = 2;
	int *w = lp_arena_grow(a, v, 2, 8, sizeof *w);
	cr_assert(eq(int, w[0], 1));
	cr_assert(eq(int, w[1], 2));
	cr_assert(eq(int, w[7], 0));
	lp_arena_drop(a);
	lp_arena_drop(NULL);
}

/* Sanitizer builds poison the bytes right after each allocation, so an
 * overflow inside an arena (as organ lines once overflowed theirs) is
 * reported instead of landing in the next allocation. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifdef TEST_ASAN
#include <sanitizer/asan_interface.h>
#endif

Test(arena, bytes_past_an_allocation_are_poisoned_under_asan)
{
#ifdef TEST_ASAN
	lp_arena *a = lp_arena_new(4096); /* room for all 40 in one chunk */
	cr_assert(ne(ptr, a, NULL));
	for (size_t size = 1; size <= 40; size++) {
		unsigned char *p = lp_arena_alloc(a, size);
		cr_assert(ne(ptr, p, NULL));
		cr_assert(eq(ptr, __asan_region_is_poisoned(p, size), NULL), "allocation of %zu is usable", size);
		cr_assert(ne(int, __asan_address_is_poisoned(p + size), 0), "byte past %zu bytes is poisoned", size);
		if (size > 1) /* the previous allocation's redzone */
			cr_assert(ne(int, __asan_address_is_poisoned(p - 1), 0), "byte before %zu bytes is poisoned", size);
	}
	/* The unused rest of a chunk is poisoned too. */
	unsigned char *big = lp_arena_alloc(a, 4000);
	cr_assert(ne(ptr, big, NULL));
	cr_assert(ne(int, __asan_address_is_poisoned(big + 4000), 0));
	lp_arena_drop(a);
#else
	cr_skip_test("not an AddressSanitizer build");
#endif
}

Test(arena, reset_gives_memory_back_and_keeps_one_chunk)
{
	lp_arena *a = lp_arena_new(1024);
	char *p = lp_arena_alloc(a, 100);
	char *big = lp_arena_alloc(a, 100000);
	cr_assert(ne(ptr, p, NULL));
	cr_assert(ne(ptr, big, NULL));
	lp_arena_reset(a);
	cr_assert(eq(u64, lp_arena_used(a), 0));
	/* The chunk of the usual size is used again from its start. */
	char *q = lp_arena_alloc(a, 100);
	cr_assert(eq(ptr, q, p));
	cr_assert(eq(i8, q[0], 0));
	lp_arena_reset(a);
	lp_arena_reset(NULL);
	lp_arena_drop(a);
}

/* A doubling array costs its final size: the last allocation grows where
 * it is, and an array with a block of its own is reallocated. */
Test(arena, grow_in_place_keeps_content_and_zeroes_the_rest)
{
	lp_arena *a = lp_arena_new(4096);
	int *v = lp_arena_array(a, 4, sizeof *v);
	for (int i = 0; i < 4; i++)
		v[i] = i + 1;
	int *w = lp_arena_grow(a, v, 4, 8, sizeof *w);
	cr_assert(eq(ptr, w, v)); /* the last allocation of its chunk */
	cr_assert(eq(int, w[3], 4));
	cr_assert(eq(int, w[7], 0));
	cr_assert(eq(u64, lp_arena_used(a), 32));

	/* Past the chunk size the array gets a block of its own, which grows
	 * by realloc: used counts the final size only. */
	size_t n = 16;
	int *big = lp_arena_array(a, n, sizeof *big);
	for (; n < 100000; n *= 2) {
		big[n - 1] = (int)n;
		big = lp_arena_grow(a, big, n, 2 * n, sizeof *big);
		cr_assert(ne(ptr, big, NULL));
		cr_assert(eq(int, big[n - 1], (int)n));
		cr_assert(eq(int, big[2 * n - 1], 0));
	}
	/* Copies only while it fitted in the 4 KiB chunk; doubling by copy
	 * would have left about n ints behind. */
	cr_assert(le(u64, lp_arena_used(a), 32 + 4096 + n * sizeof *big));
	lp_arena_drop(a);
}
