/* Growable arrays in malloc'd memory; see array.h. Kept apart from the
 * arena's (arena_array.c) so that the program, a client of the public
 * header, can link this file alone for its own arrays. */
#include "base/array.h"

#include "base/limits.h"

#include <stdlib.h>
#include <string.h>

/* An array's first capacity, in elements, unless need asks for more. */
#define LP_ARRAY_FIRST_CAP 8

size_t
lp_array_grown_cap(size_t cap, size_t need, size_t elem, size_t max)
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

lp_status
lp_array_grow(void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max)
{
	if (need <= *cap)
		return LP_OK;
	size_t n = lp_array_grown_cap(*cap, need, elem, max);
	if (n == 0)
		return LP_ERR_LIMIT;
	void *p = realloc(lp_array_items_load(items_ptr), n * elem);
	if (!p)
		return LP_ERR_NOMEM;
	lp_array_items_store(items_ptr, p);
	*cap = n;
	return LP_OK;
}

lp_status
lp_array_grow32(void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max)
{
	size_t c = *cap;
	lp_status s = lp_array_grow(items_ptr, &c, need, elem, max < UINT32_MAX ? max : UINT32_MAX);
	*cap = (uint32_t)c;
	return s;
}

void
lp_array_shrink(void *items_ptr, size_t *cap, size_t n, size_t elem)
{
	void *items = lp_array_items_load(items_ptr);
	if (n == 0) {
		free(items);
		lp_array_items_store(items_ptr, NULL);
		*cap = 0;
		return;
	}
	if (n >= *cap)
		return;
	void *p = realloc(items, n * elem);
	if (p) { /* else kept as it is: a smaller block could not be had */
		lp_array_items_store(items_ptr, p);
		*cap = n;
	}
}

void
lp_array_shrink32(void *items_ptr, uint32_t *cap, size_t n, size_t elem)
{
	size_t c = *cap;
	lp_array_shrink(items_ptr, &c, n, elem);
	*cap = (uint32_t)c;
}
