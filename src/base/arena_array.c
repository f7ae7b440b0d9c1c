/* Growable arrays in an lp_arena; see array.h. */
#include "base/arena.h"
#include "base/array.h"

#include <string.h>

lp_status
lp_arena_array_grow(
        lp_arena *arena, void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max)
{
	if (need <= *cap)
		return LP_OK;
	size_t n = lp_array_grown_cap(*cap, need, elem, max);
	if (n == 0)
		return LP_ERR_LIMIT;
	void *p = lp_arena_grow(arena, lp_array_items_load(items_ptr), *cap, n, elem);
	if (!p)
		return LP_ERR_NOMEM;
	lp_array_items_store(items_ptr, p);
	*cap = n;
	return LP_OK;
}

lp_status
lp_arena_array_grow32(
        lp_arena *arena, void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max)
{
	size_t c = *cap;
	lp_status s = lp_arena_array_grow(
	        arena, items_ptr, &c, need, elem, max < UINT32_MAX ? max : UINT32_MAX);
	*cap = (uint32_t)c;
	return s;
}
