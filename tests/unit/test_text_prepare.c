#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>
#include <time.h>

#include "base/limits.h"
#include "text/text.h"
#include "text/text_internal.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "../support/arena_diag.h"

TestSuite(text_prepare, .init = arena_diag_setup, .fini = arena_diag_teardown);

static lp_span
span(uint32_t start, uint32_t len)
{
	return (lp_span){start, len,
	        {.family = "Noto Serif",
	                .weight = 400,
	                .size_pt = 11,
	                .lang = "sr-Cyrl",
	                .link = -1}};
}

static lp_status
prepare1(const char *text, size_t len, lp_text_par *out)
{
	lp_span *s = lp_arena_alloc(arena, sizeof *s);
	*s = span(0, (uint32_t)len);
	lp_text_par in = {text, (uint32_t)len, s, 1, "release.md", 7};
	return lp_text_prepare(&in, arena, out, diag);
}

static const char *
message(size_t i)
{
	const lp_diag_entry *e = lp_diag_at_index(diag, i);
	return e ? e->message : "";
}

Test(text_prepare, clean_text_passes_unchanged)
{
	const char *t = "Председник је\tданас\nразговарао.";
	lp_text_par out;
	cr_assert(eq(int, prepare1(t, strlen(t), &out), LP_OK));
	cr_assert(eq(str, (char *)out.text, (char *)t));
	cr_assert(eq(u32, out.len, (uint32_t)strlen(t)));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

/* Shaping trusts the prepared paragraph's "simple" (no character extends a
 * cluster, every word may be shaped alone): set for text of simple
 * characters, never for text with a mark, with a character outside the
 * simple ranges or with bytes that are not UTF-8, whatever the caller's
 * copy said. */
Test(text_prepare, only_simple_text_is_marked_simple)
{
	static const char *const simple[] = {
	        "Председник је\tданас\nразговарао.", "Vučić \u201eSrbija\u201c \u2014 2024.", ""};
	static const char *const other[] = {
	        "Поново\u0301 и", "a\u00adb", "ab\xC0\xAF", "\u4e2d\u6587", "x\u2028y"};
	lp_text_par out;
	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
		cr_assert(eq(int, prepare1(simple[i], strlen(simple[i]), &out), LP_OK));
		cr_assert(out.simple, "'%s'", simple[i]);
	}
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		lp_span *sp = lp_arena_alloc(arena, sizeof *sp);
		*sp = span(0, (uint32_t)strlen(other[i]));
		lp_text_par in = {other[i], (uint32_t)strlen(other[i]), sp, 1, "release.md", 7};
		in.simple = true;
		cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_OK));
		cr_assert(not(out.simple), "'%s'", other[i]);
	}
}

/* lp_text_prepare() passes text of simple characters through without
 * ICU: that is right only if each is its own NFC form (quick check yes,
 * not "maybe", which marks the characters that compose with the one
 * before) with combining class 0, so that no two of them ever normalize
 * together. */
Test(text_prepare, every_simple_character_stays_as_it_is_under_nfc)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	bool got = U_SUCCESS(err);
	cr_assert(got, "ICU's NFC data");
	uint32_t simple = 0;
	for (uint32_t cp = 0; cp < 0x30000; cp++) {
		if (!lp_text_is_simple(cp))
			continue;
		simple++;
		UChar u[2];
		int32_t n = 0;
		U16_APPEND_UNSAFE(u, n, cp);
		err = U_ZERO_ERROR;
		bool yes = unorm2_quickCheck(nfc, u, n, &err) == UNORM_YES && U_SUCCESS(err);
		cr_assert(yes, "U+%04X is not its own NFC form", (unsigned)cp);
		cr_assert(u_getCombiningClass((UChar32)cp) == 0, "U+%04X combines", (unsigned)cp);
	}
	cr_assert(lt(u32, 1000, simple));
	/* And such text comes out as it went in, spans and all. */
	const char *t = "„Грађани“ — рекао је… • Dr. Müller’s «text» 20. 2. 2024.";
	lp_text_par out;
	cr_assert(eq(int, prepare1(t, strlen(t), &out), LP_OK));
	cr_assert(eq(str, (char *)out.text, (char *)t));
	cr_assert(eq(u32, out.spans[0].len, (uint32_t)strlen(t)));
}

Test(text_prepare, invalid_utf8_becomes_fffd_with_a_warning_at_its_offset)
{
	const char t[] = "ab\xC0\xAF"
	                 "cd\xE2\x82";
	lp_text_par out;
	cr_assert(eq(int, prepare1(t, sizeof t - 1, &out), LP_OK));
	cr_assert(eq(str, (char *)out.text,
	        "ab\xEF\xBF\xBD\xEF\xBF\xBD"
	        "cd\xEF\xBF\xBD"));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 3));
	cr_assert(not(eq(ptr, strstr(message(0), "paragraph byte 2"), NULL)), "%s", message(0));
	cr_assert(not(eq(ptr, strstr(message(2), "paragraph byte 6"), NULL)), "%s", message(2));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "release.md"));
	cr_assert(eq(u32, e->line, 7));
}

Test(text_prepare, nul_and_c0_controls_are_errors)
{
	lp_text_par out;
	cr_assert(eq(int, prepare1("ab\0c", 4, &out), LP_ERR_SYNTAX));
	cr_assert(not(eq(ptr, strstr(message(0), "U+0000"), NULL)), "%s", message(0));
	cr_assert(not(eq(ptr, strstr(message(0), "byte 2"), NULL)), "%s", message(0));
	cr_assert(eq(int, prepare1("a\x1b[0m", 5, &out), LP_ERR_SYNTAX));
	cr_assert(eq(int, prepare1("a\r\n", 3, &out), LP_ERR_SYNTAX));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 3));
}

Test(text_prepare, line_separator_tab_and_newline_are_allowed)
{
	const char *t = "Београд,\xE2\x80\xA8"
	                "20. фебруар\tи\n";
	lp_text_par out;
	cr_assert(eq(int, prepare1(t, strlen(t), &out), LP_OK));
	cr_assert(eq(str, (char *)out.text, (char *)t));
}

Test(text_prepare, nfc_composes_and_rebases_spans)
{
	/* "и" + U+0306 BREVE → "й" (2 bytes shorter); "e" + U+0301 → "é". */
	const char *t = "Мали\xCC\x86 "
	                "cafe\xCC\x81!";
	uint32_t first = (uint32_t)strlen("Мали\xCC\x86 ");
	lp_span spans[2] = {span(0, first), span(first, (uint32_t)strlen(t) - first)};
	lp_text_par in = {t, (uint32_t)strlen(t), spans, 2, "x.md", 1};
	lp_text_par out;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_OK));
	cr_assert(eq(str, (char *)out.text, "Малй café!"));
	cr_assert(eq(u32, out.spans[0].start, 0));
	cr_assert(eq(u32, out.spans[0].len, (uint32_t)strlen("Малй ")));
	cr_assert(eq(u32, out.spans[1].start, (uint32_t)strlen("Малй ")));
	cr_assert(eq(u32, out.spans[1].len, (uint32_t)strlen("café!")));
	cr_assert(eq(str, (char *)out.spans[1].style.lang, "sr-Cyrl"));
}

Test(text_prepare, span_boundary_is_a_normalization_boundary)
{
	const char *t = "e\xCC\x81";
	lp_span spans[2] = {span(0, 1), span(1, 2)};
	lp_text_par in = {t, 3, spans, 2, "x.md", 1}, out;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_OK));
	cr_assert(eq(u32, out.len, 3));
	cr_assert(eq(u32, out.spans[1].start, 1));
}

static char *
mark_flood(int marks, size_t *len)
{
	size_t n = 1 + 2 * (size_t)marks;
	char *s = lp_arena_alloc(arena, n + 1);
	s[0] = 'q'; /* no precomposed q with these marks */
	for (int i = 0; i < marks; i++)
		memcpy(s + 1 + 2 * i, (i & 1) ? "\xCC\x81" : "\xCC\x80", 2);
	*len = n;
	return s;
}

Test(text_prepare, combining_marks_are_capped)
{
	size_t len;
	lp_text_par out;
	char *ok = mark_flood(LP_MAX_MARKS_PER_CLUSTER, &len);
	cr_assert(eq(int, prepare1(ok, len, &out), LP_OK));
	char *bad = mark_flood(LP_MAX_MARKS_PER_CLUSTER + 1, &len);
	cr_assert(eq(int, prepare1(bad, len, &out), LP_ERR_LIMIT));
	cr_assert(not(eq(ptr, strstr(message(0), "combining marks"), NULL)), "%s", message(0));
}

Test(text_prepare, a_flood_of_70000_marks_fails_fast)
{
	size_t len;
	lp_text_par out;
	char *bad = mark_flood(70000, &len);
	cr_assert(eq(int, prepare1(bad, len, &out), LP_ERR_LIMIT));
}

/* Marks of alternating combining classes (230, 220): ICU's canonical
 * reordering sorts them by insertion, so normalizing 120,000 of them took
 * 7 to 21 seconds before the marks were counted first. */
Test(text_prepare, alternating_marks_are_counted_before_nfc)
{
	size_t n = 1 + 2 * 120000;
	char *s = lp_arena_alloc(arena, n);
	s[0] = 'a';
	for (size_t i = 0; i < 120000; i++)
		memcpy(s + 1 + 2 * i, i & 1 ? "\xCC\x96" : "\xCC\x80", 2);
	lp_text_par out;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert(eq(int, prepare1(s, n, &out), LP_ERR_LIMIT));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_assert(lt(dbl, secs, 0.5));
	cr_assert(ne(ptr, strstr(message(0), "paragraph byte 65"), NULL), "%s", message(0));
}

/* NFC turns U+0344 into two marks (U+0308 U+0301), so 20 of them pass the
 * count before NFC and must still be caught after it. */
Test(text_prepare, marks_that_nfc_splits_are_counted_again)
{
	char s[1 + 2 * 20];
	s[0] = 'a';
	for (int i = 0; i < 20; i++)
		memcpy(s + 1 + 2 * i, "\xCD\x84", 2);
	lp_text_par out;
	cr_assert(eq(int, prepare1(s, sizeof s, &out), LP_ERR_LIMIT));
}

Test(text_prepare, c1_controls_del_and_bidi_controls_are_errors)
{
	static const char *const bad[] = {"a\xC2\x85", "a\x7f",
	        "a\xE2\x80\xAE"
	        "b",
	        "a\xE2\x81\xA6"
	        "b"};
	lp_text_par out;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert(eq(int, prepare1(bad[i], strlen(bad[i]), &out), LP_ERR_SYNTAX), "%zu", i);
	cr_assert(ne(ptr, strstr(message(2), "U+202E RIGHT-TO-LEFT OVERRIDE"), NULL), "%s",
	        message(2));
	cr_assert(ne(ptr, strstr(message(3), "U+2066 LEFT-TO-RIGHT ISOLATE"), NULL), "%s",
	        message(3));
}

/* Invisible characters are the release parser's to warn about, where it
 * knows their line and column; here they pass. */
Test(text_prepare, invisible_characters_pass_without_a_second_warning)
{
	const char *t = "a\xE2\x80\x8B"
	                "b";
	lp_text_par out;
	cr_assert(eq(int, prepare1(t, strlen(t), &out), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

Test(text_prepare, zwj_between_marks_does_not_reset_the_count)
{
	char s[1 + 40 * 5];
	size_t n = 0;
	s[n++] = 'a';
	for (int i = 0; i < 40; i++) {
		memcpy(s + n, "\xCC\x81\xE2\x80\x8D", 5);
		n += 5;
	}
	lp_text_par out;
	cr_assert(eq(int, prepare1(s, n, &out), LP_ERR_LIMIT));
}

Test(text_prepare, oversized_paragraph_is_a_limit_error)
{
	size_t n = LP_MAX_PARAGRAPH_BYTES + 1;
	char *s = lp_arena_alloc(arena, n);
	memset(s, 'a', n);
	lp_text_par out;
	cr_assert(eq(int, prepare1(s, n, &out), LP_ERR_LIMIT));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 1));
}

Test(text_prepare, spans_must_cover_the_text)
{
	lp_span spans[2] = {span(0, 2), span(3, 2)};
	lp_text_par in = {"abcde", 5, spans, 2, "x.md", 1}, out;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_ERR_USAGE));
	lp_span short_span = span(0, 4);
	lp_text_par in2 = {"abcde", 5, &short_span, 1, "x.md", 1};
	cr_assert(eq(int, lp_text_prepare(&in2, arena, &out, diag), LP_ERR_USAGE));
}

Test(text_prepare, nan_size_or_tracking_is_refused)
{
	lp_span s = span(0, 3);
	s.style.size_pt = 0.0f / 0.0f;
	lp_text_par in = {"abc", 3, &s, 1, "x.md", 1}, out;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_ERR_USAGE));
	s.style.size_pt = 11;
	s.style.tracking_em = 1.0f / 0.0f;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_ERR_USAGE));
}

Test(text_prepare, a_flood_of_invalid_bytes_is_summarised)
{
	char s[100];
	memset(s, 0xFF, sizeof s);
	lp_text_par out;
	cr_assert(eq(int, prepare1(s, sizeof s, &out), LP_OK));
	cr_assert(eq(u32, out.len, 300));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), LP_MAX_INVALID_UTF8_REPORTED + 1));
	cr_assert(not(eq(ptr, strstr(message(LP_MAX_INVALID_UTF8_REPORTED), "84 more"), NULL)),
	        "%s", message(LP_MAX_INVALID_UTF8_REPORTED));
}

/* Where a byte of the prepared text came from: the same byte in a span
 * kept as it was; in a span NFC changed, the start of the character (with
 * the marks NFC joined to it) that made it. */
Test(text_prepare, input_offsets_of_prepared_text)
{
	/* "Мой й x ој" in two spans, the first with its й decomposed (и +
	 * U+0306): the first shrinks by four bytes, the second moves. */
	const char *t = "Мои\xcc\x86 и\xcc\x86 x ој";
	uint32_t first = (uint32_t)(strstr(t, " x") - t);
	lp_span *s = lp_arena_array(arena, 2, sizeof *s);
	s[0] = span(0, first);
	s[1] = span(first, (uint32_t)strlen(t) - first);
	lp_text_par in = {t, (uint32_t)strlen(t), s, 2, "release.md", 7};
	lp_text_par out;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_OK));
	cr_assert(eq(str, (char *)out.text, "Мой й x ој"));
	static const struct {
		const char *at;
		uint32_t from;
	} cases[] = {{"Мой", 0}, {"ой й", 2}, {"й й", 4}, {" й x", 8}, {"й x", 9}, {" x", 13},
	        {"x", 14}, {"ој", 16}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint32_t at = (uint32_t)(strstr(out.text, cases[i].at) - out.text);
		cr_assert(eq(u32, lp_text_input_offset(&in, &out, at), cases[i].from), "%s",
		        cases[i].at);
	}
	/* inside the composed й: where it starts */
	cr_assert(eq(u32, lp_text_input_offset(&in, &out, 5), 4));
}
