#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <pthread.h>
#include <string.h>

#include "base/source.h"
#include "release/release.h"
#include "text/scriptlint.h"
#include "test-config.h"

#include <unicode/uchar.h>
#include <unicode/uspoof.h>

#include "../support/arena_diag.h"

static lp_lexicon *lex;

static void
setup(void)
{
	arena_diag_setup();
	lex = lp_lexicon_new(LP_WORDLIST_PATH);
}

static void
teardown(void)
{
	lp_lexicon_drop(lex);
	arena_diag_teardown();
}

TestSuite(scriptlint, .init = setup, .fini = teardown);

/* Findings as "OFFSET:message", one a line. */
static char said[4096];
static size_t n_said;

static lp_status
collect(void *user, uint32_t offset, lp_severity severity, lp_status code, const char *msg)
{
	(void)user;
	(void)severity;
	size_t used = strlen(said);
	snprintf(said + used, sizeof said - used, "%u:%s\n", offset, msg);
	n_said++;
	return code;
}

static size_t
lint_with(lp_lexicon *l, const char *t)
{
	said[0] = '\0';
	n_said = 0;
	lp_text_lint_scripts(t, (uint32_t)strlen(t), l, collect, NULL);
	return n_said;
}

static size_t
lint(const char *t)
{
	return lint_with(lex, t);
}

Test(scriptlint, cyrillic_expo_is_reported_as_latin_lookalike)
{
	const char *t = "Једна од тема била је ЕХРО 2027, а посебно потенцијал.";
	cr_assert(eq(sz, lint(t), 1), "%s", said);
	cr_assert(ne(ptr, strstr(said, "'EXPO'"), NULL), "%s", said);
	cr_assert(ne(ptr, strstr(said, "'ЕХРО'"), NULL), "%s", said);
	char want[16];
	snprintf(want, sizeof want, "%zu:", (size_t)(strstr(t, "ЕХРО") - t));
	cr_assert(eq(int, strncmp(said, want, strlen(want)), 0), "%s", said);
}

/* The examples: ordinary capitals whose Latin reading is no word. */
Test(scriptlint, capitals_that_read_as_no_latin_word_are_quiet)
{
	cr_assert(eq(sz, lint("КОНКУРС за радно место СЕКРЕТАР, НОВА ТАКСА"), 0), "%s", said);
	/* Everyday words whose reading is an English word (lexicon.h, data/lint). */
	cr_assert(eq(sz, lint("О ТОМЕ, НАМ, САМ, ТОМ 2, АТОМ, МОРЕ, МАМА"), 0), "%s", said);
	/* Cyrillic acronyms in their own right. */
	cr_assert(eq(sz, lint("ЕУ, НАТО, РТС, МУП, НВО, ВВС, МТС"), 0), "%s", said);
}

Test(scriptlint, words_and_acronyms_from_the_lists_are_reported)
{
	cr_assert(eq(sz, lint("ВЕТА верзија"), 1), "%s", said); /* BETA, the word list */
	cr_assert(ne(ptr, strstr(said, "Latin word 'BETA'"), NULL), "%s", said);
	cr_assert(eq(sz, lint("директор (СЕО)"), 1), "%s", said); /* CEO, the acronyms */
	cr_assert(ne(ptr, strstr(said, "Latin acronym 'CEO'"), NULL), "%s", said);
	cr_assert(eq(sz, lint("ТАХІ"), 1), "%s", said); /* Ukrainian І */
	cr_assert(eq(sz, lint("ЅМЅ"), 1), "%s", said); /* Macedonian Ѕ */
}

Test(scriptlint, latin_letter_inside_a_cyrillic_word)
{
	/* Latin O (U+004F) at the start of "Општина". */
	cr_assert(eq(sz, lint("Oпштина Стари град"), 1));
	cr_assert(ne(ptr, strstr(said, "U+004F"), NULL), "%s", said);
	cr_assert(ne(ptr, strstr(said, "Latin"), NULL), "%s", said);
	/* Reported at the word, once. */
	cr_assert(eq(sz, lint("у Општинa"), 1), "%s", said);
	cr_assert(eq(int, strncmp(said, "3:", 2), 0), "%s", said);
}

Test(scriptlint, cyrillic_letter_inside_a_latin_word)
{
	/* Cyrillic о (U+043E) in "politike". */
	cr_assert(eq(sz, lint("predsednik pоlitike"), 1));
	cr_assert(ne(ptr, strstr(said, "U+043E"), NULL), "%s", said);
}

Test(scriptlint, clean_text_is_quiet)
{
	cr_assert(eq(sz, lint("Председник Републике Србије, EXPO 2027 у Београду."), 0));
	cr_assert(eq(sz, lint("САОПШТЕЊЕ ЗА МЕДИЈЕ"), 0)); /* Ш, Њ, З, Д have no twin */
	cr_assert(eq(sz, lint("ОК, на време"), 0)); /* too short, not capitals */
	cr_assert(eq(sz, lint("ехро"), 0)); /* lower case: not flagged */
	cr_assert(eq(sz, lint("Е\xCC\x88ХРО"), 0)); /* Ё spelt with a mark: no twin */
}

/* Without the word list, only mixed words are checked, and the lexicon
 * says so once. */
Test(scriptlint, a_missing_word_list_leaves_mixed_words_and_says_so_once)
{
	lp_lexicon *none = lp_lexicon_new("/nonexistent/american-english");
	cr_assert(eq(sz, lint_with(none, "ЕХРО и ВЕТА"), 1), "%s", said);
	cr_assert(ne(ptr, strstr(said, "wamerican"), NULL), "%s", said);
	cr_assert(eq(sz, lint_with(none, "ЕХРО и ВЕТА"), 0), "%s", said);
	cr_assert(eq(sz, lint_with(none, "Oпштина"), 1), "%s", said);
	lp_lexicon_drop(none);
	cr_assert(eq(sz, lint_with(NULL, "ЕХРО и Oпштина"), 1), "%s", said);
}

/* One lexicon, first asked by many threads at once: it is read once and
 * every thread gets the same answers. */
static void *
ask(void *arg)
{
	lp_lexicon *l = arg;
	bool ok = true;
	for (int i = 0; i < 200; i++)
		ok &= lp_lexicon_lookup(l, "BETA", 4) == LP_LEXICON_WORD &&
		      lp_lexicon_lookup(l, "EXPO", 4) == LP_LEXICON_ACRONYM &&
		      lp_lexicon_lookup(l, "KOHKYPC", 7) == LP_LEXICON_NO &&
		      lp_lexicon_lookup(l, "TOME", 4) == LP_LEXICON_NO; /* ТОМЕ, Serbian */
	return ok ? arg : NULL;
}

Test(scriptlint, threads_share_one_lexicon)
{
	lp_lexicon *shared = lp_lexicon_new(LP_WORDLIST_PATH);
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		cr_assert(eq(int, pthread_create(&t[i], NULL, ask, shared), 0));
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		cr_assert(eq(ptr, r, (void *)shared));
	}
	lp_lexicon_drop(shared);
}

/* The look-alike table is Unicode's confusables data: every pair in it is
 * confusable by ICU's spoof checker, and every capital of the five
 * languages' alphabets (U+0400–U+042F, and Ukrainian Ґ) that ICU finds
 * confusable with one ASCII capital is in it. Capitals of other languages
 * (Ѵ, Ү, Ӏ, Ԍ, Ԝ) are left out: a release in these five never has them, and
 * the lexicon's keys have room for fifteen letters. */
Test(scriptlint, the_twin_table_is_icus_confusables)
{
	UErrorCode err = U_ZERO_ERROR;
	USpoofChecker *sc = uspoof_open(&err);
	uspoof_setChecks(sc, USPOOF_CONFUSABLE, &err);
	bool ok = U_SUCCESS(err);
	cr_assert(ok, "%s", u_errorName(err));
	size_t pairs = 0;
	for (UChar32 cp = 0x400; cp < 0x491; cp++) {
		if (cp == 0x430)
			cp = 0x490; /* after the basic capitals, Ґ */
		UChar cyr[2] = {(UChar)cp, 0};
		char twin = lp_text_latin_twin((uint32_t)cp), found = 0;
		for (UChar c = 'A'; c <= 'Z'; c++) {
			UChar lat[2] = {c, 0};
			int32_t r = uspoof_areConfusable(sc, cyr, 1, lat, 1, &err);
			if (U_SUCCESS(err) && r)
				found = (char)c;
		}
		cr_assert(eq(chr, twin, found), "U+%04X: table %c, ICU %c", (unsigned)cp,
		        twin ? twin : '-', found ? found : '-');
		pairs += twin != 0;
	}
	cr_assert(eq(sz, pairs, 15));
	uspoof_close(sc);
}

/* The seed release has "ЕХРО" (Cyrillic) twice where "EXPO" is meant, and
 * nothing else the lint should flag: the first at its line and column, the
 * second, the same message, held back as a repeat (base/diag.c). */
Test(scriptlint, seed_release_flags_exactly_the_cyrillic_expo)
{
	lp_source *src;
	cr_assert(eq(int,
	        lp_source_load(LP_TEST_SRCDIR "/examples/seed-saopstenje-2024-02-20.md", 1 << 20,
	                &src, diag),
	        LP_OK));
	lp_release *rel;
	lp_release_options ro = {.lexicon = lex};
	cr_assert(eq(int, lp_release_parse(src, &ro, arena, &rel, diag), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 2)); /* reported */
	cr_assert(eq(sz, lp_diag_repeats(diag), 1)); /* of which held back */
	cr_assert(eq(ptr, (void *)lp_diag_at_index(diag, 1), NULL));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_assert(ne(ptr, strstr(e->message, "looks like the Latin acronym 'EXPO'"), NULL), "%s",
	        e->message);
	const char *data = lp_source_data(src);
	uint32_t line, col;
	lp_source_line_col(src, (uint64_t)(strstr(data, "ЕХРО") - data), &line, &col);
	cr_assert(eq(u32, e->line, line));
	cr_assert(eq(u32, e->col, col));
	lp_source_drop(src);
}
