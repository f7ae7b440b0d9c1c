/* Words shaped alone and kept by the engine (text/wordcache.c) give the
 * glyphs the whole run gives, cold and warm, and fonts whose space takes
 * part in their lookups are never shaped a word at a time. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <hb.h>
#include <string.h>

#include "text/text.h"
#include "text/wordcache.h"
#include "test-config.h"

static lp_fontdb *db;
static lp_arena *arena;
static lp_diag *diag;
static lp_word_cache *words;

static void
setup(void)
{
	db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(db, LP_TEST_FONTS_DIR, NULL), LP_OK));
	lp_fontdb_freeze(db);
	arena = lp_arena_new(0);
	diag = lp_diag_new(NULL, NULL);
	words = lp_word_cache_new();
	cr_assert(ne(ptr, words, NULL));
}

static void
teardown(void)
{
	lp_word_cache_drop(words);
	lp_diag_drop(diag);
	lp_arena_drop(arena);
	lp_fontdb_drop(db);
}

TestSuite(words, .init = setup, .fini = teardown);

static lp_text_style
style(const char *family, bool italic, const char *lang, float tracking_em)
{
	return (lp_text_style){.family = family,
	        .weight = 400,
	        .italic = italic,
	        .size_pt = 11,
	        .lang = lang,
	        .tracking_em = tracking_em,
	        .link = -1};
}

/* text shaped by a new shaper, with the engine's word cache or without. */
static lp_shaped_par *
shape(const char *text, lp_text_style st, bool with_words)
{
	lp_shaper *sh = lp_shaper_new(db, NULL, 0);
	cr_assert(ne(ptr, sh, NULL));
	if (with_words)
		lp_shaper_use_words(sh, words);
	lp_span *s = lp_arena_alloc(arena, sizeof *s);
	*s = (lp_span){0, (uint32_t)strlen(text), st};
	lp_text_par in = {text, (uint32_t)strlen(text), s, 1, "t.md", 1}, prep;
	lp_shaped_par *out = NULL;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &prep, NULL), LP_OK));
	cr_assert(eq(int, lp_text_shape(sh, &prep, arena, &out, diag), LP_OK));
	lp_shaper_drop(sh);
	return out;
}

static void
assert_same(const lp_shaped_par *a, const lp_shaped_par *b, const char *text, const char *when)
{
	cr_assert(eq(u32, a->n_runs, b->n_runs), "%s: '%s'", when, text);
	for (uint32_t r = 0; r < a->n_runs; r++) {
		const lp_run *x = &a->runs[r], *y = &b->runs[r];
		cr_assert(eq(u32, x->n_glyphs, y->n_glyphs), "%s: '%s' run %u", when, text, r);
		for (uint32_t i = 0; i < x->n_glyphs; i++) {
			const lp_glyph *g = &x->glyphs[i], *h = &y->glyphs[i];
			cr_assert(g->gid == h->gid && g->cluster == h->cluster &&
			                  g->x_advance_fu == h->x_advance_fu &&
			                  g->x_offset_fu == h->x_offset_fu &&
			                  g->y_offset_fu == h->y_offset_fu && g->flags == h->flags,
			        "%s: '%s' glyph %u: gid %u/%u cluster %u/%u advance %d/%d flags "
			        "%x/%x",
			        when, text, i, g->gid, h->gid, g->cluster, h->cluster,
			        g->x_advance_fu, h->x_advance_fu, g->flags, h->flags);
		}
	}
}

Test(words, shaped_alone_cold_and_warm_as_the_whole_run)
{
	static const struct {
		const char *text, *family, *lang;
		bool italic;
		float tracking;
	} cases[] = {
	        {"Влада Републике Србије је у Београду, 20. фебруара 2024. године, усвојила "
	         "закључак о подршци.",
	                "Noto Serif", "sr-Cyrl", false, 0},
	        {"бгдпт бгдпт у Београду", "Noto Serif", "sr", true, 0},
	        {"бгдпт бгдпт у Москве", "Noto Serif", "ru", true, 0},
	        {"The office's affluent fiat: AVATAR, Tomorrow.  Two  spaces.", "Noto Serif", "en",
	                false, 0},
	        {"САОПШТЕЊЕ ЗА МЕДИЈЕ", "Noto Serif", "sr-Cyrl", false, 0.2f},
	        {"office fiat", "Noto Sans", "en", false, 0.1f},
	        {"Vlada Republike Srbije, 20. februar 2024. godine", "Noto Sans", "sr-Latn", true,
	                0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lp_text_style st =
		        style(cases[i].family, cases[i].italic, cases[i].lang, cases[i].tracking);
		lp_shaped_par *whole = shape(cases[i].text, st, false);
		lp_shaped_par *cold = shape(cases[i].text, st, true);
		lp_shaped_par *warm = shape(cases[i].text, st, true);
		assert_same(whole, cold, cases[i].text, "cold");
		assert_same(whole, warm, cases[i].text, "warm");
	}
}

/* The quotes, dashes, ellipsis and bullet of press releases leave a
 * paragraph's words to be shaped alone (text_internal.h's simple
 * characters): the words come out of the cache as the whole run gives
 * them, with the punctuation that clings to them. */
Test(words, quotes_dashes_and_the_ellipsis_leave_words_alone)
{
	static const struct {
		const char *text, *lang, *word;
		float tracking;
	} cases[] = {
	        {"„Грађани“ — рекао је – ‘да’… • крај", "sr-Cyrl", "„Грађани“", 0},
	        {"«Мы» — сказал он… „Да“", "ru", "„Да“", 0},
	        {"“Passengers shouldn’t wait” — the office’s • plan…", "en", "shouldn’t", 0},
	        {"„САОПШТЕЊЕ“ — МЕДИЈИ", "sr-Cyrl", "„САОПШТЕЊЕ“", 0.2f},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lp_text_style st = style("Noto Serif", false, cases[i].lang, cases[i].tracking);
		lp_shaped_par *whole = shape(cases[i].text, st, false);
		lp_shaped_par *cold = shape(cases[i].text, st, true);
		lp_shaped_par *warm = shape(cases[i].text, st, true);
		assert_same(whole, cold, cases[i].text, "cold");
		assert_same(whole, warm, cases[i].text, "warm");
		const lp_run *run = &cold->runs[0];
		lp_word_key key = {run->font, hb_language_from_string(run->lang, -1), run->script,
		        run->tracking_fu != 0};
		uint32_t n = 0;
		cr_assert(ne(ptr,
		                  (void *)lp_word_cache_find(words, &key, cases[i].word,
		                          (uint32_t)strlen(cases[i].word), &n),
		                  NULL),
		        "'%s' was shaped alone and kept", cases[i].word);
	}
}

/* A short word with digits (a year, a day) is kept; a longer one (a
 * phone number) is not: those are mostly new each time. */
Test(words, short_words_with_digits_are_kept_long_ones_are_not)
{
	const char *text = "Београд, 20. фебруар 2024. године, тел. 011/3232-123";
	lp_text_style st = style("Noto Serif", false, "sr-Cyrl", 0);
	lp_shaped_par *whole = shape(text, st, false);
	lp_shaped_par *cold = shape(text, st, true);
	lp_shaped_par *warm = shape(text, st, true);
	assert_same(whole, cold, text, "cold");
	assert_same(whole, warm, text, "warm");
	const lp_run *run = &cold->runs[0];
	lp_word_key key = {run->font, hb_language_from_string(run->lang, -1), run->script, false};
	uint32_t n = 0;
	cr_assert(ne(ptr, (void *)lp_word_cache_find(words, &key, "2024.", 5, &n), NULL));
	cr_assert(ne(ptr, (void *)lp_word_cache_find(words, &key, "20.", 3, &n), NULL));
	cr_assert(eq(ptr, (void *)lp_word_cache_find(words, &key, "011/3232-123", 12, &n), NULL));
}

Test(words, a_font_whose_space_takes_part_is_shaped_whole)
{
	/* DejaVu Sans has a ligature lookup that looks at the space. */
	const lp_font *dejavu = lp_fontdb_lookup(db, "DejaVu Sans", 400, false);
	const lp_font *noto = lp_fontdb_lookup(db, "Noto Serif", 400, false);
	cr_assert(ne(ptr, (void *)dejavu, NULL));
	cr_assert(ne(ptr, (void *)noto, NULL));
	cr_assert(not(lp_font_words_stand_alone(dejavu)));
	cr_assert(lp_font_words_stand_alone(noto));
	/* Asked twice (the answer is kept), the same. */
	cr_assert(not(lp_font_words_stand_alone(dejavu)));
	cr_assert(lp_font_words_stand_alone(noto));

	const char *text = "Влада Републике Србије, the office";
	lp_text_style st = style("DejaVu Sans", false, "sr-Cyrl", 0);
	assert_same(shape(text, st, false), shape(text, st, true), text, "DejaVu");
}
