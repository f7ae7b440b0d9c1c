/*
 * Break opportunities: UAX #14 through ICU, and the tailoring on top.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <string.h>

#include "para/linebreak.h"

static lp_arena *arena;

static void
setup(void)
{
	arena = lp_arena_new(0);
}

static void
teardown(void)
{
	lp_arena_drop(arena);
}

TestSuite(linebreak, .init = setup, .fini = teardown);

/* The text with '|' at every allowed break, '!' at every mandatory one. */
static const char *
marked(const char *text)
{
	uint32_t len = (uint32_t)strlen(text);
	uint8_t *f;
	cr_assert(eq(int, lp_linebreak_find(text, len, "sr", arena, &f, NULL), LP_OK));
	char *out = lp_arena_alloc(arena, 2 * len + 1);
	size_t o = 0;
	for (uint32_t i = 0; i < len; i++) {
		if (f[i] & LP_BRK_MANDATORY)
			out[o++] = '!';
		else if (f[i] & LP_BRK_ALLOWED)
			out[o++] = '|';
		out[o++] = text[i];
	}
	return out;
}

Test(linebreak, spaces_break_after_the_space)
{
	cr_assert(eq(str, (char *)marked("Народна скупштина Републике"),
	        "Народна |скупштина |Републике"));
}

Test(linebreak, nbsp_and_narrow_nbsp_do_not_break)
{
	cr_assert(eq(str, (char *)marked("у 10\u00a0часова и 1\u202f000 динара"),
	        "у |10\u00a0часова |и |1\u202f000 |динара"));
}

Test(linebreak, explicit_hyphen_breaks_after_it)
{
	uint8_t *f;
	const char *t = "Аустро-Угарска";
	cr_assert(eq(int, lp_linebreak_find(t, (uint32_t)strlen(t), "sr", arena, &f, NULL), LP_OK));
	uint32_t at = (uint32_t)(strchr(t, '-') - t) + 1;
	cr_assert(eq(u8, f[at], LP_BRK_ALLOWED | LP_BRK_AFTER_HYPHEN));
}

Test(linebreak, soft_hyphen_is_marked)
{
	uint8_t *f;
	const char *t = "пред\u00adседник";
	cr_assert(eq(int, lp_linebreak_find(t, (uint32_t)strlen(t), "sr", arena, &f, NULL), LP_OK));
	cr_assert(eq(u8, f[strlen("пред\u00ad")], LP_BRK_ALLOWED | LP_BRK_SOFT_HYPHEN));
}

Test(linebreak, line_separator_and_newline_are_mandatory)
{
	cr_assert(eq(str, (char *)marked("један\u2028два\nтри"), "један\u2028!два\n!три"));
}

Test(linebreak, urls_and_email_break_only_by_the_rule)
{
	cr_assert(eq(str, (char *)marked("Пишите на mediji@predsednik.rs или www.predsednik.rs."),
	        "Пишите |на |mediji|@predsednik|.rs |или |www|.predsednik|.rs."));
	cr_assert(eq(str, (char *)marked("(https://www.vlada-srbije.gov.rs/vesti/2024)"),
	        "(https://|www|.vlada|-srbije|.gov|.rs/|vesti/|2024)"));
}

Test(linebreak, url_bytes_are_flagged)
{
	uint8_t *f;
	const char *t = "на mediji@predsednik.rs данас";
	cr_assert(eq(int, lp_linebreak_find(t, (uint32_t)strlen(t), "sr", arena, &f, NULL), LP_OK));
	const char *a = strstr(t, "mediji");
	for (size_t i = 0; i < strlen("mediji@predsednik.rs"); i++)
		cr_assert(ne(int, f[a - t + (long)i] & LP_BRK_IN_URL, 0));
	cr_assert(eq(int, f[0] & LP_BRK_IN_URL, 0));
	cr_assert(eq(int, f[strlen(t) - 1] & LP_BRK_IN_URL, 0));
}

/* One iterator kept across paragraphs and languages gives every paragraph
 * the flags a fresh iterator gives it: opened by the breaker, or cloned
 * from an engine's templates, the first time (the templates open) and the
 * next (they only clone). */
Test(linebreak, a_kept_iterator_breaks_like_a_fresh_one)
{
	static const char *const texts[] = {
	        "Председник Републике Србије Александар Вучић примио је акредитиве.",
	        "Hard\nbreak, soft\u00adhyphen and e-mail mediji@predsednik.rs "
	        "(www.predsednik.rs).",
	        "",
	        "Владимир сказал: «Это — пример», и ушёл.",
	        "Kurz-  und langfristig; “quoted” text?",
	        "キャンセルぁぃぅ々ゝー",
	        "キャンセルぁぃぅ々ゝー",
	};
	/* The last two break differently: strict keeps small kana and
	 * iteration marks with the letter before, loose does not. */
	static const char *const langs[] = {
	        "sr", "sr", "sr", "ru", NULL, "ja@lb=strict", "ja@lb=loose"};
	lp_linebreak_templates *t = lp_linebreak_templates_new();
	cr_assert(not(eq(ptr, t, NULL)));
	for (int round = 0; round < 3; round++) {
		lp_linebreaker *lb = lp_linebreaker_new(round ? t : NULL);
		cr_assert(not(eq(ptr, lb, NULL)));
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			uint32_t len = (uint32_t)strlen(texts[i]);
			uint8_t *kept, *fresh;
			cr_assert(eq(int,
			        lp_linebreak_find_with(
			                lb, texts[i], len, langs[i], arena, &kept, NULL),
			        LP_OK));
			cr_assert(eq(int,
			        lp_linebreak_find(texts[i], len, langs[i], arena, &fresh, NULL),
			        LP_OK));
			cr_assert(eq(int, memcmp(kept, fresh, len + 1), 0),
			        "round %d: paragraph %zu differs", round, i);
		}
		lp_linebreaker_drop(lb);
	}
	lp_linebreak_templates_drop(t);
	lp_linebreak_templates_drop(NULL);
	lp_linebreaker_drop(NULL);
}

/* A hyphen, U+2010 or an en dash inside a token, where UAX #14 has no
 * break after it (HY × NU; × QU), is a last resort for a long token: LP_BRK_TOKEN_DASH
 * after it, never with LP_BRK_ALLOWED. */
Test(linebreak, a_dash_inside_a_token_is_a_last_resort)
{
	static const struct {
		const char *text;
		uint32_t dashes;
	} cases[] = {{"рачун 840-0000001234567-89 у", 2}, {"реч\u2013\"цитат\" и", 1},
	        {"реч\u2010\"цитат\" и", 1}};
	for (size_t t = 0; t < sizeof cases / sizeof *cases; t++) {
		const char *text = cases[t].text;
		uint32_t len = (uint32_t)strlen(text), n = 0;
		uint8_t *f;
		cr_assert(eq(int, lp_linebreak_find(text, len, "sr", arena, &f, NULL), LP_OK));
		for (uint32_t i = 0; i < len; i++) {
			if (!(f[i] & LP_BRK_TOKEN_DASH))
				continue;
			n++;
			cr_assert(not(f[i] & LP_BRK_ALLOWED), "%s: byte %u", text, i);
			uint8_t last = (uint8_t)text[i - 1]; /* of -, U+2010 or U+2013 */
			cr_assert(last == '-' || last == 0x90 || last == 0x93, "%s: byte %u", text,
			        i);
		}
		cr_assert(eq(u32, n, cases[t].dashes), "%s", text);
	}
}
