#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/array.h"
#include "base/limits.h"

typedef struct point {
	double x, y;
} point;

Test(array, pushes_keep_every_element_and_capacity_doubles)
{
	point *v = NULL;
	uint32_t n = 0, cap = 0;
	uint32_t grew = 0, last_cap = 0;
	for (uint32_t i = 0; i < 1000; i++) {
		cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, n + 1, LP_ARRAY_ANY), LP_OK));
		if (cap != last_cap) {
			/* each growth at least doubles: 8, 16, ... 1024 */
			if (last_cap)
				cr_assert(eq(u32, cap, last_cap * 2));
			last_cap = cap;
			grew++;
		}
		v[n++] = (point){i, -(double)i};
	}
	cr_assert(eq(u32, cap, 1024));
	cr_assert(eq(u32, grew, 8));
	for (uint32_t i = 0; i < n; i++) {
		cr_assert(eq(dbl, v[i].x, i));
		cr_assert(eq(dbl, v[i].y, -(double)i));
	}
	free(v);
}

Test(array, a_size_t_capacity_and_a_large_first_need)
{
	char *buf = NULL;
	size_t cap = 0;
	/* 8 doubled until it holds 100 */
	cr_assert(eq(int, LP_ARRAY_RESERVE(buf, cap, 100, LP_ARRAY_ANY), LP_OK));
	cr_assert(eq(sz, cap, 128));
	memset(buf, 'a', 128);
	cr_assert(eq(int, LP_ARRAY_RESERVE(buf, cap, 129, LP_ARRAY_ANY), LP_OK));
	cr_assert(eq(sz, cap, 256));
	cr_assert(eq(i8, buf[127], 'a'));
	/* already room: nothing moves */
	char *before = buf;
	cr_assert(eq(int, LP_ARRAY_RESERVE(buf, cap, 200, LP_ARRAY_ANY), LP_OK));
	cr_assert(eq(ptr, buf, before));
	cr_assert(eq(sz, cap, 256));
	free(buf);
}

Test(array, growth_stops_at_the_cap_given)
{
	int *v = NULL;
	uint32_t cap = 0;
	cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, 5, 10), LP_OK));
	cr_assert(eq(u32, cap, 8));
	/* doubling would give 16; the cap keeps it at 10 */
	cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, 9, 10), LP_OK));
	cr_assert(eq(u32, cap, 10));
	int *kept = v;
	cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, 11, 10), LP_ERR_LIMIT));
	cr_assert(eq(ptr, v, kept));
	cr_assert(eq(u32, cap, 10));
	free(v);
}

Test(array, sizes_that_would_overflow_are_refused)
{
	double *v = NULL;
	size_t cap = 0;
	cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, SIZE_MAX / 4, LP_ARRAY_ANY), LP_ERR_LIMIT));
	cr_assert(
	        eq(int, LP_ARRAY_RESERVE(v, cap, LP_MAX_ARRAY_BYTES / sizeof *v + 1, LP_ARRAY_ANY),
	                LP_ERR_LIMIT));
	cr_assert(eq(ptr, v, NULL));
	cr_assert(eq(sz, cap, 0));
	/* a uint32_t capacity cannot count past UINT32_MAX elements */
	char *c = NULL;
	uint32_t cap32 = 0;
	cr_assert(eq(int, LP_ARRAY_RESERVE(c, cap32, (size_t)UINT32_MAX + 1, LP_ARRAY_ANY),
	        LP_ERR_LIMIT));
	cr_assert(eq(ptr, c, NULL));
}

Test(array, arena_arrays_grow_in_place_and_zero_new_elements)
{
	lp_arena *a = lp_arena_new(0);
	int *v = NULL;
	uint32_t n = 0, cap = 0;
	for (int i = 0; i < 8; i++) {
		cr_assert(eq(int, LP_ARENA_ARRAY_RESERVE(a, v, cap, n + 1, LP_ARRAY_ANY), LP_OK));
		v[n++] = i + 1;
	}
	cr_assert(eq(u32, cap, 8));
	int *first = v;
	/* the last allocation of its chunk: it grows where it is */
	cr_assert(eq(int, LP_ARENA_ARRAY_RESERVE(a, v, cap, 9, LP_ARRAY_ANY), LP_OK));
	cr_assert(eq(ptr, v, first));
	cr_assert(eq(u32, cap, 16));
	cr_assert(eq(sz, lp_arena_used(a), 16 * sizeof(int)));
	for (uint32_t i = 0; i < 8; i++)
		cr_assert(eq(int, v[i], (int)i + 1));
	for (uint32_t i = 8; i < 16; i++)
		cr_assert(eq(int, v[i], 0));
	/* something else allocated after it: it is copied */
	(void)lp_arena_alloc(a, 1);
	cr_assert(eq(int, LP_ARENA_ARRAY_RESERVE(a, v, cap, 17, LP_ARRAY_ANY), LP_OK));
	cr_assert(ne(ptr, v, first));
	cr_assert(eq(u32, cap, 32));
	cr_assert(eq(int, v[7], 8));
	cr_assert(eq(int, v[31], 0));
	cr_assert(eq(int, LP_ARENA_ARRAY_RESERVE(a, v, cap, 33, 32), LP_ERR_LIMIT));
	cr_assert(eq(u32, cap, 32));
	lp_arena_drop(a);
}

Test(array, shrinking_keeps_the_elements_and_gives_back_the_rest)
{
	int *v = NULL;
	uint32_t n = 0, cap = 0;
	for (int i = 0; i < 9; i++) {
		cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, n + 1, LP_ARRAY_ANY), LP_OK));
		v[n++] = i + 1;
	}
	cr_assert(eq(u32, cap, 16));
	LP_ARRAY_SHRINK(v, cap, n);
	cr_assert(eq(u32, cap, 9));
	cr_assert(le(sz, malloc_usable_size(v), 16 * sizeof(int)));
	for (uint32_t i = 0; i < n; i++)
		cr_assert(eq(int, v[i], (int)i + 1));
	/* growing again after it doubles from its new size */
	cr_assert(eq(int, LP_ARRAY_RESERVE(v, cap, 10, LP_ARRAY_ANY), LP_OK));
	cr_assert(eq(u32, cap, 18));
	cr_assert(eq(int, v[8], 9));
	/* asked for more than it holds: unchanged */
	int *before = v;
	LP_ARRAY_SHRINK(v, cap, 20);
	cr_assert(eq(ptr, v, before));
	cr_assert(eq(u32, cap, 18));
	/* to nothing: freed (LeakSanitizer would see it otherwise) */
	LP_ARRAY_SHRINK(v, cap, 0);
	cr_assert(eq(ptr, v, NULL));
	cr_assert(eq(u32, cap, 0));
	size_t *w = NULL, wcap = 0;
	cr_assert(eq(int, LP_ARRAY_RESERVE(w, wcap, 100, LP_ARRAY_ANY), LP_OK));
	cr_assert(eq(sz, wcap, 128));
	LP_ARRAY_SHRINK(w, wcap, 3);
	cr_assert(eq(sz, wcap, 3));
	free(w);
}
