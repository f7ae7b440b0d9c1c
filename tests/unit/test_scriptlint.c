#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "text/text.h"
#include "test-config.h"

#include "../support/arena_diag.h"

TestSuite(scriptlint, .init = arena_diag_setup, .fini = arena_diag_teardown);

static size_t
warnings_for(const char *t)
{
	lp_span s = {0, (uint32_t)strlen(t),
	        {.family = "Noto Serif", .size_pt = 11, .lang = "sr-Cyrl", .link = -1}};
	lp_text_par in = {t, (uint32_t)strlen(t), &s, 1, "seed.md", 12}, out;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_OK));
	return lp_diag_count(diag, LP_WARNING);
}

static const char *
message(size_t i)
{
	const lp_diag_entry *e = lp_diag_at_index(diag, i);
	return e ? e->message : "";
}

Test(scriptlint, cyrillic_expo_is_reported_as_latin_lookalike)
{
	const char *t = "Једна од тема била је ЕХРО 2027, а посебно потенцијал.";
	cr_assert(eq(sz, warnings_for(t), 1));
	cr_assert(not(eq(ptr, strstr(message(0), "'EXPO'"), NULL)), "%s", message(0));
	cr_assert(not(eq(ptr, strstr(message(0), "'ЕХРО'"), NULL)), "%s", message(0));
	size_t at = strstr(t, "ЕХРО") - t;
	char want[64];
	snprintf(want, sizeof want, "paragraph byte %zu)", at);
	cr_assert(not(eq(ptr, strstr(message(0), want), NULL)), "%s", message(0));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "seed.md"));
	cr_assert(eq(u32, e->line, 12));
	cr_assert(eq(int, e->severity, LP_WARNING));
}

Test(scriptlint, latin_letter_inside_a_cyrillic_word)
{
	/* Latin O (U+004F) at the start of "Општина". */
	cr_assert(eq(sz, warnings_for("Oпштина Стари град"), 1));
	cr_assert(not(eq(ptr, strstr(message(0), "U+004F"), NULL)), "%s", message(0));
	cr_assert(not(eq(ptr, strstr(message(0), "Latin"), NULL)), "%s", message(0));
}

Test(scriptlint, cyrillic_letter_inside_a_latin_word)
{
	/* Cyrillic а (U+0430) in "predsednik". */
	cr_assert(eq(sz, warnings_for("predsednik pоlitike"), 1));
	cr_assert(not(eq(ptr, strstr(message(0), "U+043E"), NULL)), "%s", message(0));
}

Test(scriptlint, clean_text_is_quiet)
{
	cr_assert(eq(sz, warnings_for("Председник Републике Србије, EXPO 2027 у Београду."), 0));
	cr_assert(eq(sz, warnings_for("САОПШТЕЊЕ ЗА МЕДИЈЕ"), 0)); /* Ш, Њ, З, Д have no twin */
	cr_assert(eq(sz, warnings_for("ОК, на време"), 0)); /* too short, not capitals */
	cr_assert(eq(sz, warnings_for("ехро"), 0)); /* lower case: not flagged */
}

/* The seed release has "ЕХРО" (Cyrillic) twice where "EXPO" is meant, and
 * nothing else the lint should flag. */
Test(scriptlint, seed_release_flags_exactly_the_two_cyrillic_expo)
{
	FILE *f = fopen(LP_TEST_SRCDIR "/examples/seed-saopstenje-2024-02-20.md", "rb");
	cr_assert(ne(ptr, f, NULL));
	static char md[16384];
	size_t n = fread(md, 1, sizeof md - 1, f);
	fclose(f);
	md[n] = '\0';
	size_t expo = 0;
	for (char *p = md, *end; *p; p = end) {
		end = strstr(p, "\n\n");
		end = end ? end + 2 : p + strlen(p);
		size_t before = lp_diag_size(diag);
		lp_span s = {0, (uint32_t)(end - p),
		        {.family = "Noto Serif", .size_pt = 11, .lang = "sr", .link = -1}};
		lp_text_par in = {p, (uint32_t)(end - p), &s, 1, "seed.md", 1}, out;
		cr_assert(eq(int, lp_text_prepare(&in, arena, &out, diag), LP_OK));
		for (size_t i = before; i < lp_diag_size(diag); i++)
			expo += strstr(message(i), "looks like Latin 'EXPO'") != NULL;
	}
	cr_assert(eq(sz, lp_diag_size(diag), 2));
	cr_assert(eq(sz, expo, 2));
}
