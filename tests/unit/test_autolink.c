#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "release/autolink.h"

/* The spans cover the text in order, one after another, to its end. */
static void
assert_spans_cover(const char *text, const lp_rspan *spans, uint32_t n)
{
	uint32_t at = 0;
	for (uint32_t i = 0; i < n; i++) {
		cr_assert(eq(u32, spans[i].start, at), "spans cover the text in order");
		at += spans[i].len;
	}
	cr_assert(eq(u32, at, (uint32_t)strlen(text)));
}

/* A footer line: an address, a URL with "www." and one closing a sentence. */
Test(autolink, addresses_and_urls_become_link_spans)
{
	lp_arena *a = lp_arena_new(0);
	const char *text = "Е-пошта: mediji@predsednik.rs, www.predsednik.rs и https://x.rs/a.";
	lp_rspan *spans;
	const char **uris;
	uint32_t n_uris;
	uint32_t n = lp_autolink(a, text, &spans, &uris, &n_uris);
	cr_assert(eq(u32, n_uris, 3));
	cr_assert(eq(str, (char *)uris[0], "mailto:mediji@predsednik.rs"));
	cr_assert(eq(str, (char *)uris[1], "http://www.predsednik.rs"));
	cr_assert(eq(str, (char *)uris[2], "https://x.rs/a"));
	/* plain, link, plain, link, plain, link, the final full stop */
	cr_assert(eq(u32, n, 7));
	assert_spans_cover(text, spans, n);
	for (uint32_t i = 0; i < n; i++) {
		cr_assert(eq(u32, spans[i].flags, i % 2 ? LP_INLINE_LINK : 0u));
		cr_assert(eq(i32, spans[i].link, i % 2 ? (int32_t)(i / 2) : -1));
	}
	cr_assert(eq(int, strncmp(text + spans[1].start, "mediji@predsednik.rs", spans[1].len), 0));
	cr_assert(eq(u32, spans[5].len, (uint32_t)strlen("https://x.rs/a")));
	lp_arena_drop(a);
}

Test(autolink, text_without_links_is_one_plain_span)
{
	lp_arena *a = lp_arena_new(0);
	lp_rspan *spans;
	const char **uris;
	uint32_t n_uris;
	cr_assert(eq(u32, lp_autolink(a, "Београд, 20. фебруар", &spans, &uris, &n_uris), 1));
	cr_assert(eq(u32, n_uris, 0));
	cr_assert(eq(u32, spans[0].start, 0));
	cr_assert(eq(u32, spans[0].len, (uint32_t)strlen("Београд, 20. фебруар")));
	cr_assert(eq(i32, spans[0].link, -1));
	lp_arena_drop(a);
}

/* An address right after another ("a@b.c@d.e"): the second '@' must not
 * reach back into the first link for its local part, or the spans would
 * overlap (a fuzzer's footer e-mail, which stopped the render with an
 * internal error). */
Test(autolink, a_link_never_reaches_back_into_the_one_before)
{
	lp_arena *a = lp_arena_new(0);
	const char *texts[] = {"p@.s@.u", "0, p@.s@.u, i", "a@b.c@d.e", "x@y.z@@w.v"};
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		lp_rspan *spans;
		const char **uris;
		uint32_t n_uris;
		uint32_t n = lp_autolink(a, texts[t], &spans, &uris, &n_uris);
		uint32_t at = 0;
		for (uint32_t i = 0; i < n; i++) {
			cr_assert(eq(u32, spans[i].start, at), "%s: span %u", texts[t], i);
			cr_assert(lt(u32, 0u, spans[i].len), "%s: span %u is empty", texts[t], i);
			at += spans[i].len;
		}
		cr_assert(eq(u32, at, (uint32_t)strlen(texts[t])), "%s", texts[t]);
	}
	lp_rspan *spans;
	const char **uris;
	uint32_t n_uris;
	lp_autolink(a, "a@b.c@d.e", &spans, &uris, &n_uris);
	cr_assert(eq(u32, n_uris, 1));
	cr_assert(eq(str, (char *)uris[0], "mailto:a@b.c"));
	lp_arena_drop(a);
}

/* An address too long for a PDF link (a 2,100-byte web: field in a
 * footer) stays text: it was made a link, and the PDF writer then refused
 * it with a usage error (exit 64, no file). The links around it are kept. */
Test(autolink, an_address_past_the_uri_limit_stays_text)
{
	lp_arena *a = lp_arena_new(0);
	char text[2300] = "a@b.rs, https://";
	size_t at = strlen(text);
	memset(text + at, 'x', 2100);
	strcpy(text + at + 2100, ".rs и www.c.rs");
	lp_rspan *spans;
	const char **uris;
	uint32_t n_uris;
	uint32_t n = lp_autolink(a, text, &spans, &uris, &n_uris);
	cr_assert(eq(u32, n_uris, 2));
	cr_assert(eq(str, (char *)uris[0], "mailto:a@b.rs"));
	cr_assert(eq(str, (char *)uris[1], "http://www.c.rs"));
	/* link, the plain text with the long address in it, link */
	cr_assert(eq(u32, n, 3));
	assert_spans_cover(text, spans, n);
	cr_assert(eq(i32, spans[1].link, -1));
	lp_arena_drop(a);
}
