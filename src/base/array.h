/*
 * Growable arrays. An array is the caller's own three fields, a pointer to
 * its elements and two counts (how many are used, how many fit), as the
 * structures that hold them already have them; these macros make room in
 * it, doubling, so that n pushes cost O(n) copies. The capacity may be a
 * uint32_t or a size_t.
 *
 *     if ((s = LP_ARRAY_RESERVE(v->items, v->cap, v->n + 1, LP_ARRAY_ANY)) != LP_OK)
 *             return s;
 *     v->items[v->n++] = item;
 *
 * LP_ARRAY_RESERVE grows a malloc'd array (free() it when done);
 * LP_ARENA_ARRAY_RESERVE one allocated in an lp_arena, which grows in place
 * when it can (base/arena.h) and otherwise leaves its old copy to the arena.
 * Either fails with LP_ERR_LIMIT when need is over max elements or the array
 * would pass LP_MAX_ARRAY_BYTES (nothing is reported: the caller knows
 * where), and with LP_ERR_NOMEM when memory runs out; the array and its
 * capacity are then unchanged. New elements of an arena array are zeroed,
 * those of a malloc'd one are not.
 *
 * LP_ARRAY_SHRINK gives back a malloc'd array's spare room once it is done
 * growing: its capacity becomes n (freed and NULL when n is 0), or stays
 * as it was when a smaller block cannot be had.
 */
#ifndef LP_BASE_ARRAY_H
#define LP_BASE_ARRAY_H

#include "letterpress.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct lp_arena lp_arena;

/* No cap of the array's own: only LP_MAX_ARRAY_BYTES (and, for a uint32_t
 * capacity, UINT32_MAX elements). */
#define LP_ARRAY_ANY SIZE_MAX

#define LP_ARRAY_RESERVE(items, cap, need, max)                                                    \
	_Generic(&(cap), uint32_t *                                                                \
	         : lp_array_reserve32, size_t *                                                    \
	         : lp_array_reserve)(&(items), &(cap), (need), sizeof *(items), (max))

#define LP_ARENA_ARRAY_RESERVE(arena, items, cap, need, max)                                       \
	_Generic(&(cap), uint32_t *                                                                \
	         : lp_arena_array_reserve32, size_t *                                              \
	         : lp_arena_array_reserve)(                                                        \
	        (arena), &(items), &(cap), (need), sizeof *(items), (max))

#define LP_ARRAY_SHRINK(items, cap, n)                                                             \
	_Generic(&(cap), uint32_t *                                                                \
	         : lp_array_shrink32, size_t *                                                     \
	         : lp_array_shrink)(&(items), &(cap), (n), sizeof *(items))

/* The capacity to grow to: doubled from cap (or the first) until need
 * fits, but never past max elements nor LP_MAX_ARRAY_BYTES; 0 when need is
 * past them. */
size_t lp_array_grown_cap(size_t cap, size_t need, size_t elem, size_t max);
/* The pointer behind items_ptr (a T **), read and written as bytes so that
 * no T * is accessed through a void * lvalue; for array.c and
 * arena_array.c. */
static inline void *
lp_array_items_load(const void *items_ptr)
{
	void *p;
	memcpy(&p, items_ptr, sizeof p);
	return p;
}

static inline void
lp_array_items_store(void *items_ptr, void *p)
{
	memcpy(items_ptr, &p, sizeof p);
}

/* What the macros call: items_ptr is the address of the array's pointer
 * (a T **), elem the size of T. The _grow functions make the room; the
 * reserve functions below ask them only when need does not fit, a test
 * made inline, as nearly every push fits. */
lp_status lp_array_grow(void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max);
lp_status lp_array_grow32(void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max);
void lp_array_shrink(void *items_ptr, size_t *cap, size_t n, size_t elem);
void lp_array_shrink32(void *items_ptr, uint32_t *cap, size_t n, size_t elem);
lp_status lp_arena_array_grow(
        lp_arena *arena, void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max);
lp_status lp_arena_array_grow32(
        lp_arena *arena, void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max);

static inline lp_status
lp_array_reserve(void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max)
{
	return need <= *cap ? LP_OK : lp_array_grow(items_ptr, cap, need, elem, max);
}

static inline lp_status
lp_array_reserve32(void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max)
{
	return need <= *cap ? LP_OK : lp_array_grow32(items_ptr, cap, need, elem, max);
}

static inline lp_status
lp_arena_array_reserve(
        lp_arena *arena, void *items_ptr, size_t *cap, size_t need, size_t elem, size_t max)
{
	return need <= *cap ? LP_OK : lp_arena_array_grow(arena, items_ptr, cap, need, elem, max);
}

static inline lp_status
lp_arena_array_reserve32(
        lp_arena *arena, void *items_ptr, uint32_t *cap, size_t need, size_t elem, size_t max)
{
	return need <= *cap ? LP_OK : lp_arena_array_grow32(arena, items_ptr, cap, need, elem, max);
}

#endif
