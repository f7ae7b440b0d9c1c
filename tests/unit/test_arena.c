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

Test(arena, unset_arrays_come_from_the_arena_and_refuse_overflow)
{
	lp_arena *a = lp_arena_new(0);
	size_t before = lp_arena_used(a);
	double *d = lp_arena_array_unset(a, 100, sizeof *d);
	cr_assert(ne(ptr, d, NULL));
	cr_assert(eq(sz, lp_arena_used(a) - before, 100 * sizeof *d));
	d[0] = 1.5;
	d[99] = 2.5; /* all of it is the caller's */
	/* (2^63 + 1) * 2 wraps to 2 without the check. */
	cr_assert(eq(ptr, lp_arena_array_unset(a, SIZE_MAX / 2 + 2, 2), NULL));
	cr_assert(eq(ptr, lp_arena_array_unset(a, (size_t)1 << 31, 1), NULL));
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
	lp_arena *a = lp_arena_new(64 << 10); /* one chunk holds them all */
	cr_assert(a != NULL);
	for (size_t size = 1; size <= 40; size++) {
		unsigned char *p = lp_arena_alloc(a, size);
		cr_assert(p != NULL);
		cr_assert(__asan_region_is_poisoned(p, size) == NULL, "allocation of %zu is usable",
		        size);
		cr_assert(__asan_address_is_poisoned(p + size) == 1,
		        "byte past %zu bytes is poisoned", size);
		if (size > 1) /* the previous allocation's redzone */
			cr_assert(__asan_address_is_poisoned(p - 1) == 1,
			        "byte before %zu bytes is poisoned", size);
	}
	/* The unused rest of a chunk is poisoned too. */
	unsigned char *big = lp_arena_alloc(a, 4000);
	cr_assert(big != NULL);
	cr_assert(__asan_address_is_poisoned(big + 4000) == 1);
	lp_arena_drop(a);
#else
	cr_skip_test("not an AddressSanitizer build");
#endif
}
