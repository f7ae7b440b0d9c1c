/*
 * Hyphenation with Debian's patterns. Expected splits were taken from
 * libhyphen's own output on the same dictionaries (hnj_hyphen_hyphenate2
 * with each file's charset), with two characters kept on either side.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>

#include "lp_config.h"
#include "para/hyphen.h"
#include "para/hyphen_internal.h"
#include "base/diag.h"
#include "../support/scratch.h"

static lp_hyphenators *hyph;

static void
setup(void)
{
	hyph = lp_hyphenators_new(LP_HYPHEN_DIR, NULL);
	cr_assert(not(eq(ptr, hyph, NULL)));
}

static void
teardown(void)
{
	lp_hyphenators_drop(hyph);
}

/* The word with '=' at every hyphenation point. */
static void
split(const char *lang, const char *word, int lmin, int rmin, const char *const *exc,
        uint32_t n_exc, char *out)
{
	uint32_t len = (uint32_t)strlen(word);
	uint8_t at[256] = {0};
	uint32_t n = lp_hyphenate(hyph, NULL, lang, word, len, lmin, rmin, exc, n_exc, at);
	size_t o = 0;
	uint32_t marks = 0;
	for (uint32_t i = 0; i < len; i++) {
		if (at[i]) {
			out[o++] = '=';
			marks++;
		}
		out[o++] = word[i];
	}
	out[o] = '\0';
	cr_assert(eq(u32, n, marks));
}

typedef struct hy_case {
	char lang[16];
	char word[64];
	char want[80];
} hy_case;

ParameterizedTestParameters(hyphen, patterns)
{
	static hy_case cases[] = {
	        {"sr-Cyrl", "председник", "пред=сед=ник"},
	        {"sr-Cyrl", "републике", "ре=пу=бли=ке"},
	        {"sr-Cyrl", "саопштење", "са=оп=ште=ње"},
	        {"sr-Cyrl", "министарство", "ми=ни=стар=ство"},
	        {"sr-Cyrl", "Београд", "Бео=град"},
	        {"sr-Latn", "predsednik", "pred=sed=nik"},
	        {"sr-Latn", "saopštenje", "sa=op=šte=nje"},
	        {"sr-Latn", "ministarstvo", "mi=ni=star=stvo"},
	        {"sr-Latn", "džungla", "džun=gla"},
	        /* Serbian picks its patterns by the word's own script. */
	        {"sr-Cyrl", "republike", "re=pu=bli=ke"},
	        {"sr-Latn", "државни", "др=жав=ни"},
	        /* Russian and Ukrainian files are expanded as they are read
	         * (hyphen_expand.c): libhyphen on the files as shipped finds
	         * "пра=ви=тельство" and nothing in the Ukrainian words. */
	        {"ru", "правительство", "пра=ви=тель=ство"},
	        {"uk", "громадян", "гро=ма=дян"},
	        {"uk", "міської", "мі=сь=кої"},
	        {"uk", "округа", "ок=ру=га"},
	        {"bg", "правителство", "пра=ви=тел=с=т=во"},
	        {"uk", "президент", "пре=зи=дент"},
	        /* Macedonian has no patterns of its own in Debian: it is set
	         * with the Serbian Cyrillic ones, whose syllable rules it shares;
	         * ѓ, ќ and ѕ, which they do not know, still break around. */
	        {"mk", "отколку", "от=кол=ку"},
	        {"mk", "учесници", "уче=сни=ци"},
	        {"mk", "соопштение", "со=оп=ште=ние"},
	        {"mk", "министерство", "ми=ни=стер=ство"},
	        {"mk", "граѓаните", "гра=ѓа=ни=те"},
	        {"mk", "меѓународна", "ме=ѓу=на=род=на"},
	        {"mk", "општината", "оп=шти=на=та"},
	        {"mk", "вработување", "вра=бо=ту=ва=ње"},
	        {"mk", "претседател", "прет=се=да=тел"},
	        {"mk", "реализација", "ре=а=ли=за=ци=ја"},
	        {"mk", "Скопје", "Ско=пје"},
	        {"mk", "ќерката", "ќер=ка=та"},
	        {"mk", "ѕвезда", "ѕве=зда"},
	        {"mk", "земјоделство", "зе=мјо=дел=ство"},
	        /* A stress mark (U+0301, which NFC leaves apart from a
	         * Cyrillic vowel) is not a letter: the word breaks as without
	         * it, each hyphen after the mark, and the minima count
	         * letters. */
	        {"ru", "прави\u0301тельство", "пра=ви\u0301=тель=ство"},
	        {"ru", "доро\u0301га", "до=ро\u0301=га"},
	        {"uk", "грома\u0301дян", "гро=ма\u0301=дян"},
	        {"bg", "прави\u0301телство", "пра=ви\u0301=тел=с=т=во"},
	        {"sr-Cyrl", "ре\u0300публике", "ре\u0300=пу=бли=ке"},
	        {"en-US", "government", "gov=ern=ment"},
	        {"en", "hyphenation", "hy=phen=ation"},
	};
	return cr_make_param_array(hy_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(hy_case *c, hyphen, patterns, .init = setup, .fini = teardown)
{
	char out[160];
	split(c->lang, c->word, 2, 2, NULL, 0, out);
	cr_assert(eq(str, out, c->want));
}

Test(hyphen, minima_are_honoured, .init = setup, .fini = teardown)
{
	char out[160];
	split("sr-Cyrl", "републике", 3, 3, NULL, 0, out);
	cr_assert(eq(str, out, "репу=блике"));
	split("sr-Cyrl", "републике", 2, 3, NULL, 0, out);
	cr_assert(eq(str, out, "ре=пу=блике"));
}

Test(hyphen, exceptions_win, .init = setup, .fini = teardown)
{
	const char *exc[] = {"пред-седник", "saop-štenje"};
	char out[160];
	split("sr-Cyrl", "Председник", 2, 2, exc, 2, out);
	cr_assert(eq(str, out, "Пред=седник"));
	split("sr-Latn", "saopštenje", 2, 2, exc, 2, out);
	cr_assert(eq(str, out, "saop=štenje"));
	split("sr-Cyrl", "саопштење", 2, 2, exc, 2, out);
	cr_assert(eq(str, out, "са=оп=ште=ње"));
}

Test(hyphen, no_dictionary_no_hyphens, .init = setup, .fini = teardown)
{
	char out[160];
	cr_assert(not(lp_hyphenators_has(hyph, "de")));
	cr_assert(lp_hyphenators_has(hyph, "sr-Cyrl"));
	cr_assert(lp_hyphenators_has(hyph, "mk"));
	split("de", "Präsidentschaft", 2, 2, NULL, 0, out);
	cr_assert(eq(str, out, "Präsidentschaft"));
	/* Characters KOI8-R cannot hold: not hyphenated rather than garbled. */
	split("ru", "president", 2, 2, NULL, 0, out);
	cr_assert(eq(str, out, "president"));
}

Test(hyphen, missing_folder_is_a_warning)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_hyphenators *h = lp_hyphenators_new("/tmp/lp-no-such-hyphen-dir", diag);
	cr_assert(not(eq(ptr, h, NULL)));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 6));
	cr_assert(eq(sz, lp_diag_errors(diag), 0));
	uint8_t at[16] = {0};
	cr_assert(eq(u32, lp_hyphenate(h, NULL, "sr", "председник", 20, 2, 2, NULL, 0, at), 0));
	lp_hyphenators_drop(h);
	lp_diag_drop(diag);
}

/* One frozen set, many threads: every thread sees the same hyphens. */
static void *
hyphenate_many(void *arg)
{
	const char *const words[] = {"председник", "republike", "правительство", "government"};
	const char *const langs[] = {"sr-Cyrl", "sr-Latn", "ru", "en"};
	long *bad = arg;
	for (int i = 0; i < 2000; i++) {
		int k = i % 4;
		uint8_t at[64] = {0};
		uint32_t n = lp_hyphenate(hyph, NULL, langs[k], words[k],
		        (uint32_t)strlen(words[k]), 2, 2, NULL, 0, at);
		static const uint32_t want[] = {2, 3, 3, 2};
		if (n != want[k])
			(*bad)++;
	}
	return NULL;
}

Test(hyphen, shared_between_threads, .init = setup, .fini = teardown)
{
	pthread_t th[4];
	long bad[4] = {0};
	for (int i = 0; i < 4; i++)
		cr_assert(eq(int, pthread_create(&th[i], NULL, hyphenate_many, &bad[i]), 0));
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		cr_assert(eq(long, bad[i], 0));
	}
}

/* ---- A document's own dictionaries (hyphen_doc.c, hyphen_patterns.c) ---- */

#include "para/hyphen_patterns.h"

#include <stdlib.h>

static const char *const alphabets[] = {
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        "abcčćdđefghijklmnoprsštuvzž",
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        "абвгдежзийклмнопрстуфхцчшщъьюя",
        "abcdefghijklmnopqrstuvwxyz",
};
static const char *const doc_langs[] = {"sr-Cyrl", "sr-Latn", "ru", "uk", "bg", "en"};

/* Random words in each language's letters: a document's own dictionary,
 * made from those words, hyphenates every one of them as the whole
 * dictionary does, at every position (minima 1). */
Test(hyphen, a_documents_own_dictionary_answers_as_the_whole_one, .init = setup, .fini = teardown)
{
	enum { WORDS = 2500 };
	srand(11);
	for (int l = 0; l < 6; l++) {
		const char *letters[64];
		int n_letters = 0;
		for (const char *p = alphabets[l]; *p; p += ((uint8_t)*p < 0x80) ? 1 : 2)
			letters[n_letters++] = p;
		char *text = malloc(WORDS * 16 * 2 + 1);
		uint32_t *start = malloc(WORDS * sizeof *start), *len = malloc(WORDS * sizeof *len);
		size_t used = 0;
		for (int w = 0; w < WORDS; w++) {
			start[w] = (uint32_t)used;
			for (int k = 0, n = 3 + rand() % 12; k < n; k++) {
				const char *c = letters[rand() % n_letters];
				size_t cl = ((uint8_t)*c < 0x80) ? 1 : 2;
				memcpy(text + used, c, cl);
				used += cl;
			}
			len[w] = (uint32_t)used - start[w];
			text[used++] = ' ';
		}
		lp_hyphenators *own = lp_hyphenators_new(LP_HYPHEN_DIR, NULL);
		lp_hyphen_doc *doc = lp_hyphen_doc_new(own, text, used);
		cr_assert(not(eq(ptr, doc, NULL)));
		int differ = 0;
		for (int w = 0; w < WORDS; w++) {
			uint8_t whole[64] = {0}, mine[64] = {0};
			lp_hyphenate(hyph, NULL, doc_langs[l], text + start[w], len[w], 1, 1, NULL,
			        0, whole);
			lp_hyphenate(own, doc, doc_langs[l], text + start[w], len[w], 1, 1, NULL, 0,
			        mine);
			differ += memcmp(whole, mine, len[w] + 1) != 0;
		}
		cr_assert(eq(int, differ, 0), "%s: %d of %d words differ", doc_langs[l], differ,
		        WORDS);
		lp_hyphen_doc_drop(doc);
		lp_hyphenators_drop(own);
		free(text);
		free(start);
		free(len);
	}
}

/* Words the document's text lacks, and every later document, use the
 * whole dictionary; the answers stay the same. */
Test(hyphen, other_words_and_later_documents_use_the_whole_dictionary)
{
	lp_hyphenators *h = lp_hyphenators_new(LP_HYPHEN_DIR, NULL);
	const char *text = "Председник Републике";
	lp_hyphen_doc *first = lp_hyphen_doc_new(h, text, strlen(text));
	lp_hyphen_doc *second = lp_hyphen_doc_new(h, text, strlen(text));
	const char *words[] = {"председник", "републике", "саопштење"};
	const uint32_t want[] = {2, 3, 3}; /* пред-сед-ник, ре-пу-бли-ке, са-оп-ште-ње */
	for (int i = 0; i < 3; i++) {
		uint8_t a[64] = {0}, b[64] = {0};
		uint32_t len = (uint32_t)strlen(words[i]);
		cr_assert(eq(u32, lp_hyphenate(h, first, "sr", words[i], len, 2, 2, NULL, 0, a),
		                  want[i]),
		        "%s", words[i]);
		cr_assert(eq(u32, lp_hyphenate(h, second, "sr", words[i], len, 2, 2, NULL, 0, b),
		        want[i]));
		cr_assert(eq(int, memcmp(a, b, len), 0));
	}
	lp_hyphen_doc_drop(first);
	lp_hyphen_doc_drop(second);
	lp_hyphen_doc_drop(NULL);
	lp_hyphenators_drop(h);
}

/* From an engine's second document on, a word's points are kept
 * (hyphen.c, h->points): random words in every language, hyphenated twice
 * (the second time from what was kept) and with other minima, answer as a
 * set of dictionaries that keeps nothing. */
Test(hyphen, kept_points_answer_as_fresh_ones, .init = setup, .fini = teardown)
{
	enum { WORDS = 1500 };
	srand(12);
	lp_hyphenators *h = lp_hyphenators_new(LP_HYPHEN_DIR, NULL);
	lp_hyphen_doc *docs[2] = {lp_hyphen_doc_new(h, "", 0), lp_hyphen_doc_new(h, "", 0)};
	for (int l = 0; l < 6; l++) {
		const char *letters[64];
		int n_letters = 0;
		for (const char *p = alphabets[l]; *p; p += ((uint8_t)*p < 0x80) ? 1 : 2)
			letters[n_letters++] = p;
		int differ = 0;
		for (int w = 0; w < WORDS; w++) {
			char word[64];
			size_t used = 0;
			for (int k = 0, n = 3 + rand() % 12; k < n; k++) {
				const char *c = letters[rand() % n_letters];
				size_t cl = ((uint8_t)*c < 0x80) ? 1 : 2;
				memcpy(word + used, c, cl);
				used += cl;
			}
			for (int round = 0; round < 3; round++) {
				int min = round == 2 ? 2 : 1;
				uint8_t fresh[64] = {0}, kept[64] = {0};
				lp_hyphenate(hyph, NULL, doc_langs[l], word, (uint32_t)used, min,
				        min, NULL, 0, fresh);
				lp_hyphenate(h, docs[1], doc_langs[l], word, (uint32_t)used, min,
				        min, NULL, 0, kept);
				differ += memcmp(fresh, kept, used + 1) != 0;
			}
		}
		cr_assert(eq(int, differ, 0), "%s: %d of %d answers differ", doc_langs[l], differ,
		        3 * WORDS);
	}
	lp_hyphen_doc_drop(docs[0]);
	lp_hyphen_doc_drop(docs[1]);
	lp_hyphenators_drop(h);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs(text, f);
	fclose(f);
}

/* A subset keeps the header lines and only the patterns the words walk
 * through; a two-level file is kept whole; garbage does not crash. */
Test(hyphen, pattern_subsets_keep_headers_and_few_patterns, .init = lp_scratch_enter,
        .fini = lp_scratch_leave)
{
	write_file("lp_test_hy.dic",
	        "UTF-8\nLEFTHYPHENMIN 3\n% a comment\na1b\nb1c\nx1y\nxy1z\nq1q\n");
	lp_hy_patterns *p = lp_hy_patterns_read("lp_test_hy.dic");
	cr_assert(not(eq(ptr, p, NULL)));
	cr_assert(eq(u32, lp_hy_patterns_count(p), 5));
	const lp_hy_span abc[] = {{0, 3}};
	lp_hy_words words = {"abc", abc, 1};
	cr_assert(eq(u32, lp_hy_patterns_matching(p, &words), 2));
	HyphenDict *d = lp_hy_patterns_subset(p, &words);
	cr_assert(not(eq(ptr, d, NULL)));
	cr_assert(eq(int, d->lhmin, 3));
	hnj_hyphen_free(d);
	lp_hy_patterns_drop(p);

	write_file("lp_test_hy2.dic", "UTF-8\na1b\nNEXTLEVEL\nx1y\n");
	p = lp_hy_patterns_read("lp_test_hy2.dic");
	cr_assert(not(eq(ptr, p, NULL)));
	d = lp_hy_patterns_subset(p, &words);
	cr_assert(not(eq(ptr, d, NULL)));
	cr_assert(not(eq(ptr, d->nextlevel, NULL)), "a two-level file lost its second level");
	hnj_hyphen_free(d);
	lp_hy_patterns_drop(p);

	static const char junk[] =
	        "\xff\xfe\x01\x02 1 2 3\n\n\n/ / /\n.1.\n9999999999\n\x80\x81\x82";
	write_file("lp_test_hy3.dic", junk);
	p = lp_hy_patterns_read("lp_test_hy3.dic");
	if (p) {
		d = lp_hy_patterns_subset(p, &words);
		if (d)
			hnj_hyphen_free(d);
		lp_hy_patterns_drop(p);
	}
	cr_assert(eq(ptr, lp_hy_patterns_read("/tmp/lp-no-such.dic"), NULL));
	write_file("lp_test_hy4.dic", "");
	cr_assert(eq(ptr, lp_hy_patterns_read("lp_test_hy4.dic"), NULL));
}

/* A word's letters are lowered, and a paragraph's characters asked whether
 * they are letters or lower case, without ICU where that is easy (ASCII and
 * the Cyrillic letters of Russian, Serbian, Ukrainian, Bulgarian and
 * Macedonian): the answers must be ICU's, character for character. */
Test(hyphen, basic_letters_are_answered_as_icu_answers)
{
	int handled = 0;
	for (uint32_t cp = 0; cp < 0x800; cp++) {
		uint32_t lower = 0;
		bool latin = false;
		if (!lp_hy_lower_basic(cp, &lower, &latin))
			continue;
		handled++;
		UBlockCode b = ublock_getCode((UChar32)cp);
		bool icu_latin = b == UBLOCK_BASIC_LATIN || b == UBLOCK_LATIN_1_SUPPLEMENT ||
		                 b == UBLOCK_LATIN_EXTENDED_A;
		uint32_t icu_lower = (uint32_t)u_tolower((UChar32)cp);
		cr_assert(eq(u32, lower, icu_lower), "U+%04X", cp);
		cr_assert(latin == icu_latin, "U+%04X", cp);
		bool mark = (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK) != 0;
		cr_assert(not(mark), "U+%04X", cp);
	}
	cr_assert(eq(int, handled, 0x80 + 0x60));
	/* And the two questions asked of every character of a paragraph. */
	for (uint32_t cp = 0; cp < 0x800; cp++) {
		bool alpha = u_isalpha((UChar32)cp) || (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK);
		bool lower = u_islower((UChar32)cp);
		cr_assert(eq(int, lp_hyphen_word_char(cp), alpha), "U+%04X", cp);
		cr_assert(eq(int, lp_hyphen_is_lower(cp), lower), "U+%04X", cp);
	}
}
