#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "base/source.h"
#include "release/smartquotes.h"

static char *
convert(const char *lang, const char *in)
{
	static char buf[512];
	lp_arena *a = lp_arena_new(0);
	lp_quotes q;
	lp_quotes_for_lang(lang, &q);
	char *out;
	uint32_t len;
	cr_assert(eq(int,
	        lp_smartquotes_apply(&q, in, (uint32_t)strlen(in), NULL, 0, a, &out, &len), LP_OK));
	cr_assert(eq(sz, strlen(out), len));
	snprintf(buf, sizeof buf, "%s", out);
	lp_arena_drop(a);
	return buf;
}

struct quote_case {
	char lang[12];
	char in[96];
	char out[128];
};

ParameterizedTestParameters(smartquotes, languages)
{
	static struct quote_case cases[] = {
	        {"sr", "\"мир\" и 'рат'", "„мир” и ‚рат’"},
	        {"sr-Latn", "Rekao je: \"Dobro.\"", "Rekao je: „Dobro.”"},
	        {"ru", "\"мир\"", "«мир»"},
	        {"uk", "(\"мир\")", "(«мир»)"},
	        {"bg", "\"мир\"", "„мир“"},
	        {"mk", "\"мир\"", "„мир“"},
	        {"en", "\"peace\" and 'war'", "“peace” and ‘war’"},
	        /* nested quotes take the secondary pair */
	        {"sr", "\"он рече 'да' јуче\"", "„он рече ‚да’ јуче”"},
	        {"ru", "\"книга \"Мир\" вышла\"", "«книга „Мир“ вышла»"},
	        {"en", "\"a \"b \"c\" d\" e\"", "“a ‘b “c” d’ e”"},
	        /* apostrophes inside and at the end of words */
	        {"en", "don't, O'Brien, students' rights", "don’t, O’Brien, students’ rights"},
	        {"uk", "п'ять", "п’ять"},
	        {"en", "'90s and \"quoted\"", "’90s and “quoted”"},
	        {"sr", "—\"да\"", "—„да”"},
	        {"sr", "'24. године", "’24. године"},
	        {"sr", "\"\"", "„”"},
	        {"sr", "без наводника", "без наводника"},
	};
	return cr_make_param_array(struct quote_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct quote_case *c, smartquotes, languages)
{
	cr_assert(eq(str, convert(c->lang, c->in), c->out));
}

/* An apostrophe that begins a word is U+2019, not an opening mark, when it
 * elides a year's first digits (every language) or, in English, the start
 * of a listed word. */
ParameterizedTestParameters(smartquotes, elisions)
{
	static struct quote_case cases[] = {
	        {"en", "'Twas the night", "’Twas the night"},
	        {"en", "rock 'n' roll", "rock ’n’ roll"},
	        {"en", "rock 'n roll", "rock ’n roll"},
	        {"en", "'rock 'n' roll' he said", "‘rock ’n’ roll’ he said"},
	        {"en", "the '90s", "the ’90s"},
	        {"en", "get 'em, 'TIS so, 'cause", "get ’em, ’TIS so, ’cause"},
	        {"en", "\"'Tis true,\" she said", "“’Tis true,” she said"},
	        {"en-GB", "'til dawn", "’til dawn"},
	        /* and with "n't" after it */
	        {"en", "'Tisn't so, 'twasn't", "’Tisn’t so, ’twasn’t"},
	        /* a quoted listed word, and words that only begin like one */
	        {"en", "'Twas' is a word", "‘Twas’ is a word"},
	        {"en", "'emu' and 'email'", "‘emu’ and ‘email’"},
	        /* a quoted number is no year */
	        {"en", "'24' and '5' and '2024'", "‘24’ and ‘5’ and ‘2024’"},
	        {"ru", "'90-их", "’90-их"},
	        {"ru", "в '90-х, \"'90-е\"", "в ’90-х, «’90-е»"},
	        {"sr", "'90-их и '24.", "’90-их и ’24."},
	        {"sr", "'24'", "‚24’"},
	        /* the word list is English alone */
	        {"sr", "'em' 'n'", "‚em’ ‚n’"},
	        {"ru", "'tis'", "„tis“"},
	        {"fr", "'Twas", "‘Twas"},
	};
	return cr_make_param_array(struct quote_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct quote_case *c, smartquotes, elisions)
{
	cr_assert(eq(str, convert(c->lang, c->in), c->out));
}

/* A '"' with a letter or digit on both sides opens when no '"' quotation is
 * open and closes the open one otherwise. */
ParameterizedTestParameters(smartquotes, quote_inside_a_word)
{
	static struct quote_case cases[] = {
	        {"ru", "ООО\"Ромашка\"", "ООО«Ромашка»"},
	        {"ru", "ООО\"Ромашка\" и АО\"Лотос\".", "ООО«Ромашка» и АО«Лотос»."},
	        {"ru", "\"Клуб\"Ромашка", "«Клуб»Ромашка"},
	        {"uk", "ТОВ\"Сонце\"", "ТОВ«Сонце»"},
	        {"sr", "ДОО\"Сунце\" из Ниша", "ДОО„Сунце” из Ниша"},
	        {"sr-Latn", "DOO\"Sunce\"", "DOO„Sunce”"},
	        {"bg", "ООД\"Слънце\"", "ООД„Слънце“"},
	        {"en", "Acme\"Rockets\" Ltd", "Acme“Rockets” Ltd"},
	        {"en", "ZAO\"1C\"", "ZAO“1C”"},
	        {"ru", "(ООО\"Ромашка\")", "(ООО«Ромашка»)"},
	};
	return cr_make_param_array(struct quote_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct quote_case *c, smartquotes, quote_inside_a_word)
{
	cr_assert(eq(str, convert(c->lang, c->in), c->out));
}

/* After a digit, a straight quote that closes no quotation is a prime:
 * inches and seconds ″, feet and minutes ′. */
ParameterizedTestParameters(smartquotes, primes)
{
	static struct quote_case cases[] = {
	        {"en", "a 12\"x8\" print", "a 12″x8″ print"},
	        {"en", "5'10\" tall, a 6' fence", "5′10″ tall, a 6′ fence"},
	        {"sr", "45°30'15\" С", "45°30′15″ С"},
	        {"ru", "экран 15\", не больше", "экран 15″, не больше"},
	        /* a quotation open: closed, as before */
	        {"sr", "\"Агенда 2030\" и '2024'", "„Агенда 2030” и ‚2024’"},
	        {"ru", "\"в 1990\" и \"12\"", "«в 1990» и «12»"},
	        {"en", "'from 1990' on", "‘from 1990’ on"},
	        /* a letter after it: an apostrophe */
	        {"en", "the 1990's", "the 1990’s"},
	        /* a quotation the author opened with the language's own mark
	         * closes (as a word processor leaves it), and is closed after */
	        {"sr", "„Агенда 2030\" и 5'10\"", "„Агенда 2030” и 5′10″"},
	        {"ru", "«Москва 2024\" и 27\"", "«Москва 2024» и 27″"},
	        {"sr", "‚2024' и 6'", "‚2024’ и 6′"},
	        {"en", "don’t say 5' or “the 1990\"", "don’t say 5′ or “the 1990”"},
	};
	return cr_make_param_array(struct quote_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct quote_case *c, smartquotes, primes)
{
	cr_assert(eq(str, convert(c->lang, c->in), c->out));
}

/* With a layout's own marks, an English release keeps its elisions. */
Test(smartquotes, english_elisions_follow_the_language_with_a_layouts_marks)
{
	lp_arena *a = lp_arena_new(0);
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src;
	const char *text = "---\nlang: en\n---\n'Twas \"here\"\n";
	cr_assert(eq(int, lp_source_from_memory("q.md", text, strlen(text), &src), LP_OK));
	lp_release_options opts = {.quotes = "»«›‹"};
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, &opts, a, &rel, d), LP_OK));
	cr_assert(eq(str, (char *)rel->blocks[0].text, "’Twas »here«"));
	lp_source_drop(src);
	lp_diag_drop(d);
	lp_arena_drop(a);
}

Test(smartquotes, code_spans_keep_straight_quotes_and_spans_move)
{
	lp_arena *a = lp_arena_new(0);
	lp_quotes q;
	lp_quotes_for_lang("sr", &q);
	/* "а" is 2 bytes: the prose span is "\"а\" " (5), the code span "\"b\"" (3). */
	const char *t = "\"а\" \"b\" \"ц\"";
	lp_rspan spans[3] = {{0, 5, 0, -1}, {5, 3, LP_INLINE_CODE, -1}, {8, 5, 0, -1}};
	char *out;
	uint32_t len;
	cr_assert(eq(int, lp_smartquotes_apply(&q, t, (uint32_t)strlen(t), spans, 3, a, &out, &len),
	        LP_OK));
	cr_assert(eq(str, out, "„а” \"b\" „ц”"));
	cr_assert(eq(u32, spans[0].start, 0));
	cr_assert(eq(u32, spans[0].len, strlen("„а” ")));
	cr_assert(eq(u32, spans[1].start, strlen("„а” ")));
	cr_assert(eq(u32, spans[1].len, 3));
	cr_assert(eq(u32, spans[2].start + spans[2].len, len));
	cr_assert(eq(int, memcmp(out + spans[2].start, " „ц”", spans[2].len), 0));
	lp_arena_drop(a);
}

/* A quotation mark inside a code span is not the author's quotation: the
 * quote after a digit outside it is still a prime. */
Test(smartquotes, a_code_spans_marks_open_no_quotation)
{
	lp_arena *a = lp_arena_new(0);
	lp_quotes q;
	lp_quotes_for_lang("sr", &q);
	const char *t = "знак „ и 27\"";
	uint32_t code_at = (uint32_t)strlen("знак "), code_len = (uint32_t)strlen("„");
	lp_rspan spans[3] = {{0, code_at, 0, -1}, {code_at, code_len, LP_INLINE_CODE, -1},
	        {code_at + code_len, (uint32_t)strlen(t) - code_at - code_len, 0, -1}};
	char *out;
	uint32_t len;
	cr_assert(eq(int, lp_smartquotes_apply(&q, t, (uint32_t)strlen(t), spans, 3, a, &out, &len),
	        LP_OK));
	cr_assert(eq(str, out, "знак „ и 27″"));
	lp_arena_drop(a);
}

Test(smartquotes, quotes_from_a_string_of_four_characters)
{
	lp_quotes q;
	cr_assert(lp_quotes_from_string("»«›‹", &q));
	cr_assert(eq(str, q.open1, "»"));
	cr_assert(eq(str, q.close1, "«"));
	cr_assert(eq(str, q.open2, "›"));
	cr_assert(eq(str, q.close2, "‹"));
	cr_assert(not(lp_quotes_from_string("«»", &q)));
	cr_assert(not(lp_quotes_from_string("«»‹›x", &q)));
	cr_assert(not(lp_quotes_from_string("«»‹\xFF", &q)));
	cr_assert(not(lp_quotes_from_string(NULL, &q)));
	/* the failed calls left q alone */
	cr_assert(eq(str, q.open1, "»"));
}

Test(smartquotes, release_option_overrides_the_language)
{
	lp_arena *a = lp_arena_new(0);
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src;
	const char *text = "---\nlang: sr\ntitle: '\"Наслов\"'\n---\n\"Текст\" `\"код\"`\n";
	cr_assert(eq(int, lp_source_from_memory("q.md", text, strlen(text), &src), LP_OK));
	lp_release_options opts = {.quotes = "»«›‹"};
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, &opts, a, &rel, d), LP_OK));
	cr_assert(eq(str, (char *)rel->meta.title, "»Наслов«"));
	cr_assert(eq(str, (char *)rel->blocks[0].text, "»Текст« \"код\""));
	cr_assert(eq(int, lp_release_parse(src, NULL, a, &rel, d), LP_OK));
	cr_assert(eq(str, (char *)rel->meta.title, "„Наслов”"));
	opts.quotes = "ab";
	cr_assert(eq(int, lp_release_parse(src, &opts, a, &rel, d), LP_ERR_USAGE));
	lp_source_drop(src);
	lp_diag_drop(d);
	lp_arena_drop(a);
}

/* Many quotes of one kind and none of the other: still one pass. */
Test(smartquotes, many_apostrophes_take_linear_time)
{
	size_t n = 200000;
	char *in = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		in[i] = i % 4 == 1 ? '\'' : i % 4 == 3 ? ' ' : 'a';
	in[n] = '\0';
	lp_arena *a = lp_arena_new(0);
	lp_quotes q;
	lp_quotes_for_lang("en", &q);
	char *out;
	uint32_t len;
	clock_t t0 = clock();
	cr_assert(
	        eq(int, lp_smartquotes_apply(&q, in, (uint32_t)n, NULL, 0, a, &out, &len), LP_OK));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	cr_assert(eq(u32, len, n + 2 * (n / 4)));
	cr_assert(eq(int, memcmp(out, "a’a a’a", strlen("a’a a’a")), 0));
	cr_assert(lt(dbl, secs, 0.2));
	lp_arena_drop(a);
	free(in);
}
