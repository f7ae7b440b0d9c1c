#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <hpdf.h>
#include <stdint.h>
#include <string.h>

#include "pdf/pdf_heap.h"

Test(pdf_heap, a_freed_block_is_handed_out_again_for_its_size)
{
	lp_pdf_heap *heap = lp_pdf_heap_new();
	lp_pdf_heap *was = lp_pdf_heap_enter(heap);
	void *a = lp_pdf_heap_alloc(40), *b = lp_pdf_heap_alloc(40);
	cr_assert(a != NULL && b != NULL && a != b);
	memset(a, 1, 40);
	memset(b, 2, 40);
	lp_pdf_heap_free(a);
	/* The same size class (33..48 bytes) gets a's block back; another
	 * class does not. */
	void *c = lp_pdf_heap_alloc(100);
	cr_assert(c != a);
	void *d = lp_pdf_heap_alloc(48);
	cr_assert(eq(ptr, d, a));
	size_t small, big;
	lp_pdf_heap_counts(heap, &small, &big);
	cr_assert(eq(sz, small, 3));
	cr_assert(eq(sz, big, 0));
	lp_pdf_heap_leave(was);
	lp_pdf_heap_drop(heap);
}

Test(pdf_heap, blocks_are_aligned_for_any_type_and_do_not_overlap)
{
	lp_pdf_heap *heap = lp_pdf_heap_new();
	lp_pdf_heap *was = lp_pdf_heap_enter(heap);
	enum { N = 3000 };
	static uint8_t *p[N];
	static uint32_t size[N];
	for (uint32_t i = 0; i < N; i++) {
		size[i] = 1 + (i * 7919u) % 1500; /* small and big, many chunks */
		p[i] = lp_pdf_heap_alloc(size[i]);
		cr_assert(p[i] != NULL);
		cr_assert(eq(u64, (uintptr_t)p[i] % 16, 0));
		memset(p[i], (int)(i & 0xff), size[i]);
	}
	for (uint32_t i = 0; i < N; i++)
		for (uint32_t k = 0; k < size[i]; k++)
			cr_assert(eq(u8, p[i][k], (uint8_t)(i & 0xff)));
	for (uint32_t i = 0; i < N; i += 2)
		lp_pdf_heap_free(p[i]);
	size_t small, big;
	lp_pdf_heap_counts(heap, &small, &big);
	cr_assert(eq(sz, small + big, N / 2));
	lp_pdf_heap_leave(was);
	/* The rest, small and big, goes with the heap (LeakSanitizer holds
	 * the sanitized run to it). */
	lp_pdf_heap_drop(heap);
}

Test(pdf_heap, a_block_is_freed_to_its_own_heap_whichever_is_current)
{
	lp_pdf_heap *one = lp_pdf_heap_new(), *two = lp_pdf_heap_new();
	lp_pdf_heap *was = lp_pdf_heap_enter(one);
	void *small = lp_pdf_heap_alloc(24), *big = lp_pdf_heap_alloc(5000);
	lp_pdf_heap_enter(two);
	lp_pdf_heap_free(small);
	lp_pdf_heap_free(big);
	size_t s1, b1, s2, b2;
	lp_pdf_heap_counts(one, &s1, &b1);
	lp_pdf_heap_counts(two, &s2, &b2);
	cr_assert(eq(sz, s1 + b1, 0));
	cr_assert(eq(sz, s2 + b2, 0));
	/* With no heap current, blocks come from malloc and go back to it. */
	lp_pdf_heap_leave(NULL);
	void *plain = lp_pdf_heap_alloc(64);
	cr_assert(plain != NULL);
	lp_pdf_heap_free(plain);
	lp_pdf_heap_leave(was);
	lp_pdf_heap_drop(one);
	lp_pdf_heap_drop(two);
}

Test(pdf_heap, a_libharu_document_lives_and_dies_in_a_heap)
{
	lp_pdf_heap *heap = lp_pdf_heap_new();
	lp_pdf_heap *was = lp_pdf_heap_enter(heap);
	HPDF_Doc doc = HPDF_NewEx(NULL, lp_pdf_heap_alloc, lp_pdf_heap_free, 0, NULL);
	cr_assert(doc != NULL);
	HPDF_Page page = HPDF_AddPage(doc);
	cr_assert(page != NULL);
	cr_assert(eq(int, HPDF_Page_Rectangle(page, 10, 10, 100, 100), HPDF_OK));
	cr_assert(eq(int, HPDF_Page_Fill(page), HPDF_OK));
	cr_assert(eq(int, HPDF_SaveToStream(doc), HPDF_OK));
	HPDF_UINT32 n = HPDF_GetStreamSize(doc);
	cr_assert(lt(u32, 100, n));
	size_t small, big;
	lp_pdf_heap_counts(heap, &small, &big);
	cr_assert(lt(sz, 50, small)); /* libharu's objects are in the heap */
	HPDF_Free(doc);
	/* libharu frees what it allocated: nothing is left behind. */
	lp_pdf_heap_counts(heap, &small, &big);
	cr_assert(eq(sz, small, 0));
	cr_assert(eq(sz, big, 0));
	lp_pdf_heap_leave(was);
	lp_pdf_heap_drop(heap);
}
