/* Chunked bump allocator; see arena.h. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LP_ARENA_DEFAULT_CHUNK (64u << 10)
/* A single request larger than this is a bug or hostile input upstream. */
#define LP_ARENA_MAX_REQUEST ((size_t)1 << 30)
#define LP_ARENA_ALIGN (alignof(max_align_t))

/* Under AddressSanitizer every allocation is followed by a poisoned redzone
 * and a chunk's unused space stays poisoned, so that an overflow inside an
 * arena is reported like one on the heap (a bump allocator would otherwise
 * hide it: the next allocation is valid memory). */
#if defined(__SANITIZE_ADDRESS__)
#define LP_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LP_ARENA_ASAN 1
#endif
#endif
#ifdef LP_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define LP_ARENA_REDZONE LP_ARENA_ALIGN
#define LP_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define LP_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define LP_ARENA_REDZONE 0
#define LP_POISON(p, n) ((void)(p), (void)(n))
#define LP_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

typedef struct lp_chunk {
	struct lp_chunk *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
} lp_chunk;

struct lp_arena {
	lp_chunk *head;
	/* Chunks given back by lp_arena_reset, empty, for the next round. */
	lp_chunk *spare;
	size_t chunk_size;
	size_t used;
	size_t peak; /* the most used has been */
	size_t held; /* bytes of all chunks, spare ones included */
};

/* Counts n more bytes handed out. */
static void
count(lp_arena *a, size_t n)
{
	a->used += n;
	if (a->used > a->peak)
		a->peak = a->used;
}

static void
free_chunks(lp_chunk *c)
{
	while (c) {
		lp_chunk *next = c->next;
		LP_UNPOISON(c->data, c->size);
		free(c);
		c = next;
	}
}

/* What an allocation of size bytes takes from a chunk. */
static size_t
footprint(size_t size)
{
	return ((size + LP_ARENA_ALIGN - 1) & ~(LP_ARENA_ALIGN - 1)) + LP_ARENA_REDZONE;
}

lp_arena *
lp_arena_new(size_t chunk_size)
{
	lp_arena *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->chunk_size = chunk_size ? chunk_size : LP_ARENA_DEFAULT_CHUNK;
	return a;
}

void
lp_arena_drop(lp_arena *a)
{
	if (!a)
		return;
	free_chunks(a->head);
	free_chunks(a->spare);
	free(a);
}

void
lp_arena_reset(lp_arena *a)
{
	if (!a)
		return;
	lp_chunk *c = a->head;
	while (c) {
		lp_chunk *next = c->next;
		c->used = 0;
		LP_POISON(c->data, c->size);
		c->next = a->spare;
		a->spare = c;
		c = next;
	}
	a->head = NULL;
	a->used = 0;
}

/* A spare chunk with room for need bytes, taken off the spare list; the
 * smallest that fits, so that a big one stays for a big request. */
static lp_chunk *
take_spare(lp_arena *a, size_t need)
{
	lp_chunk **best = NULL;
	for (lp_chunk **link = &a->spare; *link; link = &(*link)->next)
		if ((*link)->size >= need && (!best || (*link)->size < (*best)->size))
			best = link;
	if (!best)
		return NULL;
	lp_chunk *c = *best;
	*best = c->next;
	return c;
}

static void *
alloc_raw(lp_arena *a, size_t size)
{
	if (!a || size > LP_ARENA_MAX_REQUEST)
		return NULL;
	if (size == 0)
		size = 1;
	size_t need = footprint(size);
	lp_chunk *c = a->head;
	if (!c || c->size - c->used < need) {
		if (!(c = take_spare(a, need))) {
			size_t cap = need > a->chunk_size ? need : a->chunk_size;
			c = malloc(sizeof *c + cap);
			if (!c)
				return NULL;
			c->size = cap;
			c->used = 0;
			a->held += cap;
			LP_POISON(c->data, cap);
		}
		/* A big one-off block goes behind the current chunk so the
		 * current chunk's free space is not abandoned. */
		if (a->head && need > a->chunk_size) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += need;
	count(a, size);
	LP_UNPOISON(p, size);
	return p;
}

void *
lp_arena_alloc(lp_arena *a, size_t size)
{
	void *p = alloc_raw(a, size);
	if (p)
		memset(p, 0, size ? size : 1);
	return p;
}

void *
lp_arena_array(lp_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return lp_arena_alloc(a, n * size);
}

void *
lp_arena_array_unset(lp_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return alloc_raw(a, n * size);
}

/* Grows old (old_size bytes) to new_size where it is, when it is the last
 * allocation of the current chunk and the chunk has room, or when it has a
 * big block of its own (which realloc may move). NULL when neither. An
 * array that doubles as it grows (a block per list item) then costs its
 * final size, not the sum of all its copies. */
static void *
grow_in_place(lp_arena *a, unsigned char *old, size_t old_size, size_t new_size)
{
	if (!a || !a->head || new_size > LP_ARENA_MAX_REQUEST)
		return NULL;
	lp_chunk *c = a->head;
	size_t off = (size_t)(old - c->data);
	if (old >= c->data && off < c->size && off + footprint(old_size) == c->used &&
	        c->size - off >= footprint(new_size)) {
		c->used = off + footprint(new_size);
	} else {
		lp_chunk **link = &a->head;
		while (*link &&
		        !((*link)->data == old && (*link)->used == footprint(old_size) &&
		                (*link)->size == (*link)->used && (*link)->size > a->chunk_size))
			link = &(*link)->next;
		if (!*link)
			return NULL;
		c = *link;
		LP_UNPOISON(c->data, c->size);
		lp_chunk *moved = realloc(c, sizeof *c + footprint(new_size));
		if (!moved) {
			LP_POISON(c->data + old_size, c->size - old_size);
			return NULL;
		}
		c = *link = moved;
		a->held += footprint(new_size) - c->size;
		c->size = c->used = footprint(new_size);
		LP_POISON(c->data, c->size);
		LP_UNPOISON(c->data, old_size);
		old = c->data;
	}
	LP_UNPOISON(old + old_size, new_size - old_size);
	memset(old + old_size, 0, new_size - old_size);
	count(a, new_size - old_size);
	return old;
}

void *
lp_arena_grow(lp_arena *a, void *old, size_t old_n, size_t new_n, size_t size)
{
	if (old && old_n && new_n > old_n && new_n <= SIZE_MAX / size) {
		void *p = grow_in_place(a, old, old_n * size, new_n * size);
		if (p)
			return p;
	}
	void *p = lp_arena_array(a, new_n, size);
	if (p && old && old_n)
		memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
	return p;
}

void *
lp_arena_memdup(lp_arena *a, const void *data, size_t size)
{
	void *p = lp_arena_alloc(a, size);
	if (p && size)
		memcpy(p, data, size);
	return p;
}

char *
lp_arena_strndup(lp_arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = lp_arena_alloc(a, len + 1);
	if (p && len)
		memcpy(p, s, len);
	return p;
}

char *
lp_arena_strdup(lp_arena *a, const char *s)
{
	return s ? lp_arena_strndup(a, s, strlen(s)) : NULL;
}

char *
lp_arena_vprintf(lp_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *p = lp_arena_alloc(a, (size_t)n + 1);
	if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
lp_arena_printf(lp_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = lp_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
lp_arena_used(const lp_arena *a)
{
	return a ? a->used : 0;
}

size_t
lp_arena_peak(const lp_arena *a)
{
	return a ? a->peak : 0;
}

size_t
lp_arena_held(const lp_arena *a)
{
	return a ? a->held : 0;
}
