/*
 * The memory libharu uses for one document. libharu allocates every
 * object, dictionary entry and number of a document on its own (about a
 * thousand blocks for a one-page release) and frees them one by one when
 * the document is freed: in a batch that was some 7 % of the time, most of
 * it in malloc's slow paths (a document's blocks outlive the per-thread
 * caches). A heap hands out small blocks from chunks of its own and keeps
 * freed ones on a list per size, so a document's blocks are a pointer bump
 * or a list pop; big blocks (stream buffers, grown lists) go to malloc and
 * are freed as soon as libharu frees them, so memory stays what libharu's
 * own frees leave it.
 *
 * libharu's allocation hooks take no user data, so the heap a block comes
 * from is the calling thread's current one (lp_pdf_heap_enter), and every
 * block records its heap: a block may be freed whatever heap is current.
 */
#ifndef LP_PDF_HEAP_H
#define LP_PDF_HEAP_H

#include <hpdf.h>

typedef struct lp_pdf_heap lp_pdf_heap;

/* NULL when out of memory. */
lp_pdf_heap *lp_pdf_heap_new(void);
/* Frees every block still allocated, small or big. */
void lp_pdf_heap_drop(lp_pdf_heap *heap);

/* Makes heap the calling thread's current one and returns the one it was,
 * to be given back to lp_pdf_heap_leave when the libharu calls are done. */
lp_pdf_heap *lp_pdf_heap_enter(lp_pdf_heap *heap);
void lp_pdf_heap_leave(lp_pdf_heap *previous);

/* libharu's hooks (HPDF_NewEx): from the current heap, or from malloc when
 * no heap is current. */
void *lp_pdf_heap_alloc(HPDF_UINT size);
void lp_pdf_heap_free(void *block);

/* Small blocks handed out and not freed, big ones held: for tests. */
void lp_pdf_heap_counts(const lp_pdf_heap *heap, size_t *small, size_t *big);

#endif
