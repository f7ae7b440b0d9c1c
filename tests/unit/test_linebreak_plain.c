/*
 * The plain-text path of UAX #14 (linebreak_plain.c) against ICU's line
 * break iterator itself: the same opportunities on every string tried.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "para/linebreak.h"

/* Characters of every class the plain path knows, several of some. */
static const char *const alphabet[] = {"a", "Z", "ж", "Ш", "č", "ß", "ω", "7", "0", " ", " ", ",",
        ".", ":", ";", "!", "?", "\"", "'", "(", "[", ")", "]", "-", "„", "‚", "“", "”", "‘", "’",
        "«", "»", "–", "—", "…", "\u00a0", "\u202f", "/", "@", "#", "_", "="};
#define N_ALPHABET (sizeof alphabet / sizeof *alphabet)

/* ICU's opportunities as linebreak.c reads them, before its tailoring. */
static void
icu_flags(UBreakIterator *bi, const char *text, uint32_t len, uint8_t *flags)
{
	UErrorCode err = U_ZERO_ERROR;
	UText ut = UTEXT_INITIALIZER;
	utext_openUTF8(&ut, text, len, &err);
	ubrk_setUText(bi, &ut, &err);
	cr_assert(eq(int, U_SUCCESS(err) ? 1 : 0, 1));
	memset(flags, 0, len + 1);
	for (int32_t pos = ubrk_first(bi); pos != UBRK_DONE; pos = ubrk_next(bi)) {
		if (pos <= 0 || (uint32_t)pos >= len)
			continue;
		int32_t status = ubrk_getRuleStatus(bi);
		uint8_t f = LP_BRK_ALLOWED;
		if (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT)
			f |= LP_BRK_MANDATORY;
		if (text[pos - 1] == '-')
			f |= LP_BRK_AFTER_HYPHEN;
		flags[pos] = f;
	}
	utext_close(&ut);
}

/* The text with '|' where flags allow a break, for a failure's message. */
static void
marked(const char *text, uint32_t len, const uint8_t *flags, char *out)
{
	size_t o = 0;
	for (uint32_t i = 0; i < len; i++) {
		if (flags[i] & LP_BRK_ALLOWED)
			out[o++] = '|';
		out[o++] = text[i];
	}
	out[o] = 0;
}

Test(linebreak_plain, every_short_string_breaks_as_icu_breaks_it)
{
	static const char *const langs[] = {"sr", "en", "ru", "uk", "bg", "mk"};
	UBreakIterator *bi[6];
	for (int l = 0; l < 6; l++) {
		UErrorCode err = U_ZERO_ERROR;
		bi[l] = ubrk_open(UBRK_LINE, langs[l], NULL, 0, &err);
		cr_assert(eq(int, U_SUCCESS(err) ? 1 : 0, 1));
	}
	uint32_t seed = 20261206;
	for (int n = 0; n < 60000; n++) {
		char text[64];
		uint32_t len = 0;
		seed = seed * 1103515245u + 12345u;
		int chars = 1 + (int)((seed >> 16) % 9);
		for (int k = 0; k < chars; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *c = alphabet[(seed >> 16) % N_ALPHABET];
			memcpy(text + len, c, strlen(c));
			len += (uint32_t)strlen(c);
		}
		text[len] = 0;
		uint8_t ours[64] = {0}, theirs[64];
		cr_assert(lp_linebreak_plain(text, len, ours), "\"%s\" left to ICU", text);
		icu_flags(bi[n % 6], text, len, theirs);
		if (memcmp(ours, theirs, len) != 0) {
			char a[160], b[160];
			marked(text, len, ours, a);
			marked(text, len, theirs, b);
			cr_fatal("\"%s\": plain path \"%s\", ICU \"%s\"", text, a, b);
		}
	}
	for (int l = 0; l < 6; l++)
		ubrk_close(bi[l]);
}

Test(linebreak_plain, other_characters_are_left_to_icu)
{
	/* A tab (after a break already found, which is taken back), a soft
	 * hyphen, a combining mark, a plus sign, a line end, a CJK character
	 * and invalid UTF-8. */
	static const char *const texts[] = {
	        "a b\tc", "под\u00adручје", "и\u0306", "+381", "ред\nред", "a\u4e00", "a\xff"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		uint32_t len = (uint32_t)strlen(texts[i]);
		uint8_t flags[32];
		memset(flags, 0, sizeof flags);
		cr_assert(not(lp_linebreak_plain(texts[i], len, flags)), "%s", texts[i]);
		for (uint32_t k = 0; k <= len; k++)
			cr_assert(eq(u8, flags[k], 0), "%s: byte %u", texts[i], k);
	}
}

Test(linebreak_plain, only_root_rule_languages_take_the_plain_path)
{
	static const char *const plain[] = {
	        "", "sr", "sr-Cyrl", "sr-Latn", "ru", "uk", "bg", "mk", "en", "en-GB"};
	static const char *const icu[] = {
	        "ja", "zh-Hans", "fi", "sv", "srb", "sr-u-lb-strict", "en@lb=loose"};
	cr_assert(lp_linebreak_plain_lang(NULL));
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		cr_assert(lp_linebreak_plain_lang(plain[i]), "%s", plain[i]);
	for (size_t i = 0; i < sizeof icu / sizeof *icu; i++)
		cr_assert(not(lp_linebreak_plain_lang(icu[i])), "%s", icu[i]);
}
