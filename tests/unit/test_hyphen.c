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

#include "lp_config.h"
#include "para/hyphen.h"
#include "base/diag.h"

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
	uint32_t n = lp_hyphenate(hyph, lang, word, len, lmin, rmin, exc, n_exc, at);
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
	        {"ru", "правительство", "пра=ви=тельство"},
	        {"bg", "правителство", "пра=ви=тел=с=т=во"},
	        {"uk", "президент", "пре=зи=дент"},
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
	cr_assert(not(lp_hyphenators_has(hyph, "mk")));
	cr_assert(lp_hyphenators_has(hyph, "sr-Cyrl"));
	split("mk", "претседател", 2, 2, NULL, 0, out);
	cr_assert(eq(str, out, "претседател"));
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
	cr_assert(eq(u32, lp_hyphenate(h, "sr", "председник", 20, 2, 2, NULL, 0, at), 0));
	lp_hyphenators_drop(h);
	lp_diag_drop(diag);
}

/* One frozen set, many threads: every thread sees the same hyphens. */
static void *hyphenate_many(void *arg)
{
	const char *const words[] = {"председник", "republike", "правительство", "government"};
	const char *const langs[] = {"sr-Cyrl", "sr-Latn", "ru", "en"};
	long *bad = arg;
	for (int i = 0; i < 2000; i++) {
		int k = i % 4;
		uint8_t at[64] = {0};
		uint32_t n = lp_hyphenate(hyph, langs[k], words[k], (uint32_t)strlen(words[k]), 2, 2,
			NULL, 0, at);
		static const uint32_t want[] = {2, 3, 2, 2};
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
