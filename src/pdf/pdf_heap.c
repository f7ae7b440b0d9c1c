/*
 * libharu's memory for one document; see pdf_heap.h.
 *
 * Every block has a 16-byte header naming its heap and its size class, so
 * that the block stays aligned for any type. A small block's class is its
 * size in 16-byte steps (at most LP_PDF_HEAP_SMALL bytes); it comes from a
 * chunk and, once freed, waits on its class's list for the next request of
 * that size. A big block is malloc'ed with two more links before its
 * header, which keep it on the heap's list until it is freed, so dropping
 * the heap frees what libharu never did.
 */
#include "pdf/pdf_heap.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
/* A freed small block and a chunk's unused tail stay poisoned, so that
 * AddressSanitizer still sees libharu touch memory it gave back. */
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define LP_PDF_HEAP_STEP 16u
#define LP_PDF_HEAP_SMALL 1024u
#define LP_PDF_HEAP_CLASSES (LP_PDF_HEAP_SMALL / LP_PDF_HEAP_STEP)
#define LP_PDF_HEAP_CHUNK (64u << 10)
/* The class of a big block, and of a block made with no heap current. */
#define CLASS_BIG 0xffffffffu
#define CLASS_PLAIN 0xfffffffeu

typedef struct header {
	lp_pdf_heap *heap;
	uint32_t cls;
	uint32_t unused;
} header;
_Static_assert(sizeof(header) == LP_PDF_HEAP_STEP, "a header keeps blocks aligned");

typedef struct big {
	struct big *prev, *next;
	header h;
} big;
_Static_assert(sizeof(big) % LP_PDF_HEAP_STEP == 0, "a big block stays aligned");

typedef struct chunk {
	struct chunk *next;
	size_t unused;
} chunk;
_Static_assert(sizeof(chunk) % LP_PDF_HEAP_STEP == 0, "a chunk's blocks stay aligned");

typedef struct free_block {
	struct free_block *next;
} free_block;

struct lp_pdf_heap {
	chunk *chunks;
	char *bump, *end; /* the newest chunk's unused part */
	free_block *free[LP_PDF_HEAP_CLASSES + 1];
	big *bigs;
	size_t n_small, n_big;
};

static _Thread_local lp_pdf_heap *current;

lp_pdf_heap *
lp_pdf_heap_new(void)
{
	return calloc(1, sizeof(lp_pdf_heap));
}

void
lp_pdf_heap_drop(lp_pdf_heap *heap)
{
	if (!heap)
		return;
	for (big *b = heap->bigs, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	for (chunk *c = heap->chunks, *next; c; c = next) {
		next = c->next;
		UNPOISON(c, LP_PDF_HEAP_CHUNK);
		free(c);
	}
	free(heap);
}

lp_pdf_heap *
lp_pdf_heap_enter(lp_pdf_heap *heap)
{
	lp_pdf_heap *was = current;
	current = heap;
	return was;
}

void
lp_pdf_heap_leave(lp_pdf_heap *previous)
{
	current = previous;
}

static void *
small_alloc(lp_pdf_heap *heap, uint32_t cls)
{
	size_t n = sizeof(header) + (size_t)cls * LP_PDF_HEAP_STEP;
	header *h;
	free_block *f = heap->free[cls];
	if (f) {
		h = (header *)f - 1;
		UNPOISON(h, n);
		heap->free[cls] = f->next;
	} else {
		if ((size_t)(heap->end - heap->bump) < n) {
			chunk *c = malloc(LP_PDF_HEAP_CHUNK);
			if (!c)
				return NULL;
			c->next = heap->chunks;
			heap->chunks = c;
			heap->bump = (char *)(c + 1);
			heap->end = (char *)c + LP_PDF_HEAP_CHUNK;
			POISON(heap->bump, (size_t)(heap->end - heap->bump));
		}
		h = (header *)heap->bump;
		heap->bump += n;
		UNPOISON(h, n);
	}
	*h = (header){heap, cls, 0};
	heap->n_small++;
	return h + 1;
}

void *
lp_pdf_heap_alloc(HPDF_UINT size)
{
	lp_pdf_heap *heap = current;
	if (!heap) {
		header *h = malloc(sizeof(header) + size);
		if (!h)
			return NULL;
		*h = (header){NULL, CLASS_PLAIN, 0};
		return h + 1;
	}
	if (size <= LP_PDF_HEAP_SMALL) {
		uint32_t cls = (size + LP_PDF_HEAP_STEP - 1) / LP_PDF_HEAP_STEP;
		return small_alloc(heap, cls ? cls : 1);
	}
	big *b = malloc(sizeof(big) + size);
	if (!b)
		return NULL;
	b->h = (header){heap, CLASS_BIG, 0};
	b->prev = NULL;
	b->next = heap->bigs;
	if (heap->bigs)
		heap->bigs->prev = b;
	heap->bigs = b;
	heap->n_big++;
	return b + 1;
}

void
lp_pdf_heap_free(void *block)
{
	if (!block)
		return;
	header *h = (header *)block - 1;
	lp_pdf_heap *heap = h->heap;
	if (h->cls == CLASS_PLAIN) {
		free(h);
	} else if (h->cls == CLASS_BIG) {
		big *b = (big *)block - 1;
		if (b->prev)
			b->prev->next = b->next;
		else
			heap->bigs = b->next;
		if (b->next)
			b->next->prev = b->prev;
		heap->n_big--;
		free(b);
	} else {
		uint32_t cls = h->cls;
		free_block *f = block;
		f->next = heap->free[cls];
		heap->free[cls] = f;
		heap->n_small--;
		/* The list's link stays readable; the rest of the block is off
		 * limits until it is handed out again. */
		POISON(h, sizeof(header));
		POISON((char *)block + sizeof(free_block),
		        (size_t)cls * LP_PDF_HEAP_STEP - sizeof(free_block));
	}
}

void
lp_pdf_heap_counts(const lp_pdf_heap *heap, size_t *small, size_t *big_blocks)
{
	*small = heap->n_small;
	*big_blocks = heap->n_big;
}
