/* Growable arrays; see array.h. */
#include "base/array.h"

#include "base/arena.h"
#include "base/limits.h"

#include <stdlib.h>
#include <string.h>

/* An array's first capacity, in elements, unless need asks for more. */
#define LP_ARRAY_FIRST_CAP 8

/* The capacity to grow to: doubled from cap (or the first) until need fits,
 * but never past the array's cap; 0 when need is past it. */
static size_t
grown_cap(size_t cap, size_t need, size_t elem, size_t max)
{
	size_t limit = LP_MAX_ARRAY_BYTES / (elem ? elem : 1);
	if (max < limit)
		limit = max;
	if (need > limit)
		return 0;
	size_t n = cap ? cap : LP_ARRAY_FIRST_CAP;
	while (n < need)
		n = n > limit / 2 ? limit : n * 2;
	return n < limit ? n : limit;
}

/* The pointer behind items_ptr (a T **), read and written as bytes so that
 * no T * is accessed through a void * lvalue. */
static void *
load(const void *items_ptr)
{
	void *p;
	memcpy(&p, items_ptr, sizeof p);
	return p;
}

static void
store(void *items_ptr, void *p)
{
	memcpy(items_ptr, &p, sizeof p);
}

lp_status
lp_array_reserve(void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max)
{
	if (need <= *cap)
		return LP_OK;
	size_t n = grown_cap(*cap, need, elem, max);
	if (n == 0)
		return LP_ERR_LIMIT;
	void *p = realloc(load(items_ptr), n * elem);
	if (!p)
		return LP_ERR_NOMEM;
	store(items_ptr, p);
	*cap = n;
	return LP_OK;
}

lp_status
lp_array_reserve32(void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max)
{
	size_t c = *cap;
	lp_status s =
	        lp_array_reserve(items_ptr, &c, need, elem, max < UINT32_MAX ? max : UINT32_MAX);
	*cap = (uint32_t)c;
	return s;
}

lp_status
lp_arena_array_reserve(
        lp_arena *arena, void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max)
{
	if (need <= *cap)
		return LP_OK;
	size_t n = grown_cap(*cap, need, elem, max);
	if (n == 0)
		return LP_ERR_LIMIT;
	void *p = lp_arena_grow(arena, load(items_ptr), *cap, n, elem);
	if (!p)
		return LP_ERR_NOMEM;
	store(items_ptr, p);
	*cap = n;
	return LP_OK;
}

lp_status
lp_arena_array_reserve32(
        lp_arena *arena, void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max)
{
	size_t c = *cap;
	lp_status s = lp_arena_array_reserve(
	        arena, items_ptr, &c, need, elem, max < UINT32_MAX ? max : UINT32_MAX);
	*cap = (uint32_t)c;
	return s;
}
