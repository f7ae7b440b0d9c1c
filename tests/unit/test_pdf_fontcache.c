/* Font programs kept across documents (pdf/pdf_fontcache.c): a program
 * from the cache gives the same bytes as one made for the document, each
 * face and glyph set is made once, and compressed and plain programs are
 * kept apart. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/pdf_sample.h"
#include "pdf/pdf.h"
#include "pdf/pdf_fontcache.h"

typedef struct rendered {
	uint8_t *data;
	size_t size;
} rendered;

static rendered
render(const lp_dlist *list, bool compress, lp_pdf_font_cache *cache)
{
	lp_pdf_options opt = lp_pdf_options_default();
	opt.compress = compress;
	opt.font_cache = cache;
	rendered r;
	cr_assert(eq(int, lp_pdf_render(list, &opt, &r.data, &r.size, NULL), LP_OK));
	return r;
}

static void
assert_same(rendered a, rendered b, const char *what)
{
	cr_assert(eq(sz, a.size, b.size), "%s: %zu bytes against %zu", what, a.size, b.size);
	cr_assert(eq(int, memcmp(a.data, b.data, a.size), 0), "%s: other bytes", what);
}

/* The sample uses three faces (serif, its italic, sans bold). */
#define SAMPLE_FONTS 3

Test(pdf_fontcache, a_program_from_the_cache_gives_the_same_bytes)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 2, true);
	lp_pdf_font_cache *cache = lp_pdf_font_cache_new();
	cr_assert(ne(ptr, cache, NULL));
	rendered alone = render(doc.list, true, NULL);
	rendered cold = render(doc.list, true, cache);
	size_t hits, kept;
	lp_pdf_font_cache_counts(cache, &hits, &kept);
	cr_assert(eq(sz, hits, 0));
	cr_assert(eq(sz, kept, SAMPLE_FONTS));
	rendered warm = render(doc.list, true, cache);
	lp_pdf_font_cache_counts(cache, &hits, &kept);
	cr_assert(eq(sz, hits, SAMPLE_FONTS), "every face found again");
	cr_assert(eq(sz, kept, SAMPLE_FONTS), "nothing made twice");
	assert_same(alone, cold, "cold cache");
	assert_same(alone, warm, "warm cache");
	free(alone.data);
	free(cold.data);
	free(warm.data);
	lp_pdf_font_cache_drop(cache);
	lp_test_doc_drop(&doc);
}

/* A one-page and a three-page document share faces but not glyph sets:
 * each gets its own programs, and each renders as it does alone, whatever
 * the cache held before. */
Test(pdf_fontcache, another_glyph_set_is_another_program)
{
	lp_test_doc small, big;
	lp_test_doc_build(&small, 1, false);
	lp_test_doc_build(&big, 3, false);
	lp_pdf_font_cache *cache = lp_pdf_font_cache_new();
	rendered small_alone = render(small.list, true, NULL);
	rendered big_alone = render(big.list, true, NULL);
	rendered small_cached = render(small.list, true, cache);
	size_t hits, kept_small, kept_both;
	lp_pdf_font_cache_counts(cache, &hits, &kept_small);
	rendered big_cached = render(big.list, true, cache);
	lp_pdf_font_cache_counts(cache, &hits, &kept_both);
	cr_assert(lt(sz, kept_small, kept_both), "the bigger document's glyph sets are new");
	assert_same(small_alone, small_cached, "one page");
	assert_same(big_alone, big_cached, "three pages after one");
	free(small_alone.data);
	free(big_alone.data);
	free(small_cached.data);
	free(big_cached.data);
	lp_pdf_font_cache_drop(cache);
	lp_test_doc_drop(&small);
	lp_test_doc_drop(&big);
}

/* A plain (uncompressed) document after a compressed one of the same
 * glyphs: its programs are made again, not taken deflated. */
Test(pdf_fontcache, plain_and_deflated_programs_are_kept_apart)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	lp_pdf_font_cache *cache = lp_pdf_font_cache_new();
	rendered deflated = render(doc.list, true, cache);
	rendered plain_alone = render(doc.list, false, NULL);
	rendered plain = render(doc.list, false, cache);
	size_t hits, kept;
	lp_pdf_font_cache_counts(cache, &hits, &kept);
	cr_assert(eq(sz, hits, 0));
	cr_assert(eq(sz, kept, 2 * SAMPLE_FONTS));
	assert_same(plain_alone, plain, "plain after deflated");
	cr_assert(not(eq(sz, plain.size, deflated.size)));
	free(deflated.data);
	free(plain_alone.data);
	free(plain.data);
	lp_pdf_font_cache_drop(cache);
	lp_test_doc_drop(&doc);
}

Test(pdf_fontcache, no_cache_is_no_cache)
{
	size_t hits = 1, kept = 1;
	lp_pdf_font_cache_counts(NULL, &hits, &kept);
	cr_assert(eq(sz, hits, 0));
	cr_assert(eq(sz, kept, 0));
	lp_pdf_font_cache_drop(NULL);
}
