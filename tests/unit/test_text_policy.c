#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "text/policy.h"

/* What the check reported: the findings in order. */
typedef struct finding {
	uint32_t offset;
	lp_severity severity;
	lp_status code;
	char message[256];
} finding;

static finding found[16];
static size_t n_found;

static lp_status
collect(void *user, uint32_t offset, lp_severity severity, lp_status code, const char *message)
{
	(void)user;
	if (n_found < sizeof found / sizeof found[0]) {
		finding *f = &found[n_found];
		f->offset = offset;
		f->severity = severity;
		f->code = code;
		snprintf(f->message, sizeof f->message, "%s", message);
	}
	n_found++;
	return code;
}

static lp_status
check(const char *text)
{
	n_found = 0;
	return lp_text_check(text, (uint32_t)strlen(text), true, collect, NULL);
}

TestSuite(text_policy);

Test(text_policy, letters_punctuation_tab_and_newline_pass)
{
	cr_assert(eq(int, check("Председник је\tданас\nразговарао „о” café ½ — €."), LP_OK));
	cr_assert(eq(sz, n_found, 0));
}

Test(text_policy, each_bidi_control_is_an_error_naming_it)
{
	static const uint32_t bidi[] = {
	        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		char text[16] = "ab", want[16];
		size_t w = lp_utf8_encode(bidi[i], (uint8_t *)text + 2);
		memcpy(text + 2 + w, "c", 2);
		snprintf(want, sizeof want, "U+%04X ", (unsigned)bidi[i]);
		cr_assert(eq(int, check(text), LP_ERR_SYNTAX), "U+%04X", (unsigned)bidi[i]);
		cr_assert(eq(sz, n_found, 1));
		cr_assert(eq(u32, found[0].offset, 2));
		cr_assert(ne(ptr, strstr(found[0].message, want), NULL), "%s", found[0].message);
	}
	check("x\xE2\x80\xAE");
	cr_assert(ne(ptr, strstr(found[0].message, "U+202E RIGHT-TO-LEFT OVERRIDE"), NULL), "%s",
	        found[0].message);
}

Test(text_policy, c0_c1_controls_and_del_are_errors)
{
	static const char *const bad[] = {"a\x1b[31m", "a\x7f", "a\xC2\x80", "a\xC2\x85",
	        "a\xC2\x9B"
	        "2J",
	        "a\xC2\x9F", "a\r", "a\x0c"};
	static const char *const names[] = {"U+001B ESCAPE", "U+007F DELETE", "U+0080",
	        "U+0085 NEXT LINE", "U+009B CONTROL SEQUENCE INTRODUCER", "U+009F",
	        "U+000D CARRIAGE RETURN", "U+000C FORM FEED"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert(eq(int, check(bad[i]), LP_ERR_SYNTAX), "%zu", i);
		cr_assert(eq(u32, found[0].offset, 1));
		cr_assert(
		        ne(ptr, strstr(found[0].message, names[i]), NULL), "%s", found[0].message);
	}
	n_found = 0;
	cr_assert(eq(int, lp_text_check("a\0b", 3, true, collect, NULL), LP_ERR_SYNTAX));
	cr_assert(ne(ptr, strstr(found[0].message, "U+0000"), NULL), "%s", found[0].message);
}

Test(text_policy, other_default_ignorables_warn)
{
	static const char *const warned[] = {"a\xE2\x80\x8B"
	                                     "b",
	        "a\xE2\x81\xA0"
	        "b",
	        "a\xEF\xBB\xBF"
	        "b",
	        "a\xE2\x80\x8F"
	        "b",
	        "a\xE1\x85\x9F"
	        "b"};
	for (size_t i = 0; i < sizeof warned / sizeof warned[0]; i++) {
		cr_assert(eq(int, check(warned[i]), LP_OK));
		cr_assert(eq(sz, n_found, 1), "%zu", i);
		cr_assert(eq(int, found[0].severity, LP_WARNING));
		cr_assert(eq(u32, found[0].offset, 1));
	}
	check("a\xE2\x80\x8B");
	cr_assert(ne(ptr, strstr(found[0].message, "U+200B ZERO WIDTH SPACE"), NULL), "%s",
	        found[0].message);
	/* Warnings only when asked for. */
	n_found = 0;
	cr_assert(eq(int,
	        lp_text_check("a\xE2\x80\x8B"
	                      "b",
	                4, false, collect, NULL),
	        LP_OK));
	cr_assert(eq(sz, n_found, 0));
}

Test(text_policy, soft_hyphen_joiners_between_letters_and_variation_selectors_pass)
{
	cr_assert(eq(int,
	        check("пред\xC2\xAD"
	              "сед\xC2\xAD"
	              "ник"),
	        LP_OK)); /* U+00AD */
	cr_assert(eq(int,
	        check("Auf\xE2\x80\x8C"
	              "lage"),
	        LP_OK)); /* ZWNJ */
	cr_assert(eq(int, check("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7"),
	        LP_OK)); /* क्‍ष */
	/* 👨‍👩‍👧 and ❤️ */
	cr_assert(eq(int,
	        check("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
	              "\xF0\x9F\x91\xA7 \xE2\x9D\xA4\xEF\xB8\x8F"),
	        LP_OK));
	cr_assert(eq(sz, n_found, 0), "%s", found[0].message);
}

/* Variation selectors and U+034F are default-ignorable marks: they pass,
 * and count towards the cap like any mark. */
Test(text_policy, ignorable_marks_count_as_marks)
{
	char s[1 + 3 * (LP_MAX_MARKS_PER_CLUSTER + 1) + 1];
	size_t n = 0;
	s[n++] = 'a';
	for (int i = 0; i <= LP_MAX_MARKS_PER_CLUSTER; i++, n += 3)
		memcpy(s + n, i & 1 ? "\xEF\xB8\x80" : "\xEF\xB8\x8F", 3);
	s[n] = '\0';
	cr_assert(eq(int, check(s), LP_ERR_LIMIT));
	cr_assert(eq(int,
	        check("a\xCD\x8F"
	              "b"),
	        LP_OK));
	cr_assert(eq(sz, n_found, 0));
}

Test(text_policy, joiners_elsewhere_warn)
{
	static const char *const warned[] = {"\xE2\x80\x8D"
	                                     "a",
	        "a \xE2\x80\x8C"
	        "b",
	        "a\xE2\x80\x8D",
	        "1\xE2\x80\x8D"
	        "2"};
	static const uint32_t at[] = {0, 2, 1, 1};
	for (size_t i = 0; i < sizeof warned / sizeof warned[0]; i++) {
		cr_assert(eq(int, check(warned[i]), LP_OK));
		cr_assert(eq(sz, n_found, 1), "%zu", i);
		cr_assert(eq(u32, found[0].offset, at[i]), "%zu", i);
	}
}

Test(text_policy, marks_are_capped_per_character)
{
	char s[1 + 2 * (LP_MAX_MARKS_PER_CLUSTER + 1) + 2];
	size_t n = 0;
	s[n++] = 'a';
	for (int i = 0; i < LP_MAX_MARKS_PER_CLUSTER; i++, n += 2)
		memcpy(s + n, "\xCC\x81", 2);
	s[n] = '\0';
	cr_assert(eq(int, check(s), LP_OK));
	memcpy(s + n, "\xCC\x81", 2);
	s[n + 2] = '\0';
	cr_assert(eq(int, check(s), LP_ERR_LIMIT));
	cr_assert(eq(u32, found[0].offset, (uint32_t)n));
	/* A base between floods starts the count again. */
	char ok[2 * (1 + 2 * LP_MAX_MARKS_PER_CLUSTER) + 1];
	memcpy(ok, s, 1 + 2 * LP_MAX_MARKS_PER_CLUSTER);
	memcpy(ok + 1 + 2 * LP_MAX_MARKS_PER_CLUSTER, s, 1 + 2 * LP_MAX_MARKS_PER_CLUSTER);
	ok[sizeof ok - 1] = '\0';
	cr_assert(eq(int, check(ok), LP_OK));
}

/* 120,000 alternating marks (ccc 230 and 220) on one base: NFC's canonical
 * reordering of them took seconds before the marks were counted first. */
Test(text_policy, a_flood_of_alternating_marks_fails_fast)
{
	size_t n = 1 + 2 * 120000;
	char *s = malloc(n + 1);
	s[0] = 'a';
	for (size_t i = 0; i < 120000; i++)
		memcpy(s + 1 + 2 * i, i & 1 ? "\xCC\x96" : "\xCC\x80", 2);
	s[n] = '\0';
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert(eq(int, check(s), LP_ERR_LIMIT));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_assert(lt(dbl, secs, 0.1));
	free(s);
}

Test(text_policy, invalid_utf8_is_left_to_the_caller)
{
	cr_assert(eq(int,
	        check("a\xC0\xAF\xFF"
	              "b\xE2\x80"),
	        LP_OK));
	cr_assert(eq(sz, n_found, 0));
}

/* Each warning costs the caller a walk to its column: a text full of
 * zero-width spaces gets one warning per code point, at the first. */
Test(text_policy, each_invisible_character_is_reported_once_per_text)
{
	size_t n = 1 + 3 * 10000;
	char *s = malloc(n + 8);
	s[0] = 'a';
	for (size_t i = 0; i < 10000; i++)
		memcpy(s + 1 + 3 * i, "\xE2\x80\x8B", 3);
	memcpy(s + n, "\xE2\x81\xA0", 4);
	cr_assert(eq(int, check(s), LP_OK));
	cr_assert(eq(sz, n_found, 2));
	cr_assert(eq(u32, found[0].offset, 1));
	cr_assert(eq(u32, found[1].offset, (uint32_t)n));
	free(s);
}

/* The walk that lets most text skip the check: every character it passes
 * (each alone, and after a letter, as a joiner would stand) is one the
 * check, warnings included, has nothing to say about; a control, a mark
 * or a character past the simple ranges is not passed. */
Test(text_policy, simple_and_allowed_text_has_nothing_to_report)
{
	int passed = 0;
	for (uint32_t cp = 1; cp < 0x3000; cp++) {
		uint8_t t[8] = {'a'};
		size_t n = lp_utf8_encode(cp, t + 1);
		if (n == 0 || !lp_text_simple_and_allowed((const char *)t + 1, (uint32_t)n))
			continue;
		passed++;
		cr_assert(lp_text_simple_and_allowed((const char *)t, (uint32_t)n + 1));
		n_found = 0;
		cr_assert(eq(int,
		        lp_text_check((const char *)t, (uint32_t)n + 1, true, collect, NULL),
		        LP_OK));
		cr_assert(eq(sz, n_found, 0), "U+%04X: %s", cp, found[0].message);
	}
	cr_assert(lt(int, 700, passed));
	static const char *const refused[] = {"a\x01", "\x7f", "\xc2\x85", "a\xcc\x81", "\xc2\xad",
	        "\xe2\x80\x8b", "\xe2\x80\xae", "\xff"};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		cr_assert(not(lp_text_simple_and_allowed(refused[i], (uint32_t)strlen(refused[i]))),
		        "refused[%zu]", i);
}
