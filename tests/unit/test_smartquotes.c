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
