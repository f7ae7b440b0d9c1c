#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dlfcn.h>
#include <hpdf.h>
#include <stdint.h>
#include <string.h>

#include "pdf/pdf_heap.h"
#include "pdf/pdf_hpdf_bytes.h"

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

/* libharu's byte helpers as letterpress puts them in its place
 * (src/pdf/pdf_hpdf_bytes.c) do what libharu's own do, return values
 * included: each is run beside libharu's, found in its library. */
Test(pdf_heap, the_byte_helpers_answer_as_libharus_own)
{
	/* Loaded already (the program links it): the handle finds the
	 * library's own definitions first. */
	void *lib = dlopen("libhpdf-2.3.0.so", RTLD_NOW | RTLD_LOCAL);
	cr_assert(ne(ptr, lib, NULL), "cannot open libharu: %s", dlerror());
	HPDF_BYTE *(*their_memcpy)(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT);
	void *(*their_memset)(void *, HPDF_BYTE, HPDF_UINT);
	HPDF_UINT (*their_strlen)(const char *, HPDF_INT);
	*(void **)&their_memcpy = dlsym(lib, "HPDF_MemCpy");
	*(void **)&their_memset = dlsym(lib, "HPDF_MemSet");
	*(void **)&their_strlen = dlsym(lib, "HPDF_StrLen");
	cr_assert(their_memcpy && their_memset && their_strlen);
	HPDF_BYTE src[80], a[80], b[80];
	for (int i = 0; i < 80; i++)
		src[i] = (HPDF_BYTE)(i * 7 + 1);
	for (HPDF_UINT n = 0; n <= 70; n++) {
		memset(a, 0xee, sizeof a), memset(b, 0xee, sizeof b);
		cr_assert(eq(
		        i64, lp_hpdf_memcpy(a + 3, src, n) - a, their_memcpy(b + 3, src, n) - b));
		cr_assert(eq(int, memcmp(a, b, sizeof a), 0), "memcpy of %u bytes", n);
		cr_assert(eq(i64, (HPDF_BYTE *)lp_hpdf_memset(a + 5, 0x5a, n) - a,
		        (HPDF_BYTE *)their_memset(b + 5, 0x5a, n) - b));
		cr_assert(eq(int, memcmp(a, b, sizeof a), 0), "memset of %u bytes", n);
	}
	static const char *const strings[] = {"", "a", "Font", "/FlateDecode stream", NULL};
	static const HPDF_INT limits[] = {-1, 0, 1, 3, 4, 5, 100, HPDF_LIMIT_MAX_STRING_LEN};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++)
			cr_assert(eq(u32, lp_hpdf_strlen(strings[i], limits[k]),
			                  their_strlen(strings[i], limits[k])),
			        "\"%s\" at most %d", strings[i] ? strings[i] : "(null)", limits[k]);
	dlclose(lib);
}
