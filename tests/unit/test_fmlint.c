/* Front-matter mistakes in plain words, each at its line and column, with
 * the span a caret marks and the hint (release/fmlint.c). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/source.h"
#include "release/release.h"

#include "release_fixture.h"

TestSuite(fmlint, .init = release_setup, .fini = release_teardown);

/* text with a date put last in its front matter (where there is one), so
 * that the warning about an undated release stays out of these tests. */
static lp_status
parse(const char *text)
{
	lp_release *rel;
	static char dated[512];
	const char *close = strncmp(text, "---\n", 4) == 0 ? strstr(text + 3, "\n---\n") : NULL;
	if (close && strlen(text) + 32 < sizeof dated) {
		int head = (int)(close + 1 - text);
		snprintf(dated, sizeof dated, "%.*sdate: 2024-02-20\n%s", head, text, close + 1);
		text = dated;
	}
	return release_parse_as("rel.md", text, strlen(text), &rel);
}

/* The only message of its severity there is, checked whole: text, place,
 * span, hints. */
static void
expect(lp_severity sev, const char *text, uint32_t span, const char *hints)
{
	cr_assert(eq(sz, lp_diag_size(diag), 1), "%zu messages", lp_diag_size(diag));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	char buf[512];
	lp_diag_format(e, buf, sizeof buf);
	cr_assert(eq(int, e->severity, sev));
	cr_assert(eq(str, buf, (char *)text));
	cr_assert(eq(u32, e->span, span));
	cr_assert(eq(str, (char *)(e->hints ? e->hints : "(none)"), (char *)hints));
}

Test(fmlint, a_tab_in_the_indentation)
{
	cr_assert(eq(int, parse("---\ntitle: x\n\tplace: y\n---\nT\n"), LP_ERR_SYNTAX));
	expect(LP_ERROR,
	        "rel.md:3:1: error: invalid front matter: a tab indents this line; YAML indents "
	        "with spaces only",
	        1, "replace the tab with spaces");
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, 0)->source_line, "\tplace: y"));
}

Test(fmlint, an_unclosed_quote_is_shown_where_it_opens)
{
	cr_assert(eq(int, parse("---\ntitle: \"Саопштење\nplace: y\n---\nT\n"), LP_ERR_SYNTAX));
	expect(LP_ERROR,
	        "rel.md:2:8: error: invalid front matter: this value's opening \" is never closed",
	        1, "close the quotation mark on the same line, or drop the opening one");
}

Test(fmlint, a_list_item_indented_less_than_its_list)
{
	cr_assert(eq(int, parse("---\norgan:\n  - A\n - B\n---\nT\n"), LP_ERR_SYNTAX));
	expect(LP_ERROR,
	        "rel.md:4:2: error: invalid front matter: this list item is not indented like "
	        "the items above it",
	        1, "start every '- ' of one list in the same column");
}

Test(fmlint, a_list_item_indented_deeper_is_folded_into_the_one_above)
{
	cr_assert(
	        eq(int, parse("---\norgan:\n  - РЕПУБЛИКА СРБИЈА\n    - ВЛАДА\n---\nT\n"), LP_OK));
	expect(LP_WARNING,
	        "rel.md:4:5: warning: this '- ' line is indented deeper than its list, so YAML "
	        "reads it as more text of the item above (in 'organ'), not as an item of its own",
	        1,
	        "indent this '-' like the '-' of the item above, so that it starts an item of its "
	        "own");
}

Test(fmlint, a_hash_after_a_space_cuts_an_unquoted_value)
{
	cr_assert(eq(int, parse("---\nnumber: Број #5\n---\nT\n"), LP_OK));
	expect(LP_WARNING,
	        "rel.md:2:14: warning: '#' after a space starts a YAML comment: 'number' ends "
	        "before it, and the rest of the line is left out",
	        2, "put the value in quotes to keep the '#': number: \"Број #…\"");
	/* A comment written as one ("# ...") is left alone. */
	arena_diag_teardown();
	arena_diag_setup();
	cr_assert(eq(int, parse("---\nnumber: 5 # the fifth\n---\nT\n"), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

Test(fmlint, a_colon_inside_an_unquoted_value)
{
	cr_assert(eq(int, parse("---\ntitle: Note: x\n---\nT\n"), LP_ERR_SYNTAX));
	expect(LP_ERROR,
	        "rel.md:2:12: error: invalid front matter: a ': ' inside an unquoted value reads "
	        "as a second key",
	        1, "put the value in quotes: key: \"text: more text\"");
}

Test(fmlint, lang_with_an_underscore_is_not_bcp47)
{
	cr_assert(eq(int, parse("---\nlang: sr_Latn\n---\nT\n"), LP_ERR_SYNTAX));
	expect(LP_ERROR,
	        "rel.md:2:7: error: 'lang' must be a BCP 47 language tag (like sr-Latn or en); "
	        "'sr_Latn' is not one",
	        7, "did you mean 'sr-Latn'?");
}

Test(fmlint, an_unsupported_language_says_what_falls_back)
{
	cr_assert(eq(int, parse("---\nlang: de\n---\nT\n"), LP_OK));
	expect(LP_WARNING,
	        "rel.md:2:7: warning: letterpress does not support the language 'de': the date "
	        "falls back to ISO 8601 (YYYY-MM-DD), quotation marks to English “…” ‘…’, and "
	        "words are not hyphenated",
	        2, "letterpress knows sr-Cyrl, sr-Latn, ru, uk, bg, mk, en");
}

Test(fmlint, a_language_name_suggests_its_tag)
{
	cr_assert(eq(int, parse("---\nlang: Russian\n---\nT\n"), LP_OK));
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, 0)->hints, "did you mean 'ru'?"));
	/* Ukraine's code for Ukrainian */
	cr_assert(eq(int, parse("---\nlang: ua\n---\nT\n"), LP_OK));
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, lp_diag_size(diag) - 1)->hints,
	        "did you mean 'uk'?"));
}

Test(fmlint, a_script_the_language_is_not_written_in)
{
	cr_assert(eq(int, parse("---\nlang: ru-Latn\n---\nT\n"), LP_OK));
	expect(LP_WARNING,
	        "rel.md:2:7: warning: letterpress writes 'ru' only in the Cyrl script, not in "
	        "'Latn': dates and quotation marks fall back to Cyrl",
	        7, "did you mean 'ru-Cyrl'?");
}

Test(fmlint, supported_tags_say_nothing)
{
	const char *tags[] = {
	        "sr-Cyrl", "sr-Latn", "sr-latn-RS", "sr", "ru", "uk", "bg", "mk", "en-GB"};
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
		char text[64];
		snprintf(text, sizeof text, "---\nlang: %s\n---\nT\n", tags[i]);
		cr_assert(eq(int, parse(text), LP_OK), "%s", tags[i]);
		cr_assert(eq(sz, lp_diag_size(diag), 0), "%s", tags[i]);
	}
}

/* Tags match whatever their case (RFC 5646 2.1.1): "RU" hyphenates,
 * dates and quotes as "ru" does, since all of them look the tag up. */
Test(fmlint, a_tag_in_any_case_is_the_same_tag)
{
	const char *tags[][2] = {{"RU", "ru"}, {"Uk", "uk"}, {"SR-LATN", "sr-Latn"},
	        {"sr-latn-rs", "sr-Latn-RS"}, {"EN-gb", "en-GB"}, {"en-x-Foo", "en-x-foo"}};
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
		char text[96];
		snprintf(
		        text, sizeof text, "---\nlang: %s\ndate: 2024-02-20\n---\nT\n", tags[i][0]);
		lp_release *rel = NULL;
		cr_assert(eq(int, release_parse_as("rel.md", text, strlen(text), &rel), LP_OK));
		cr_assert(eq(sz, lp_diag_size(diag), 0), "%s", tags[i][0]);
		cr_assert(eq(str, (char *)rel->meta.lang, (char *)tags[i][1]));
	}
}

Test(fmlint, front_matter_without_its_opening_fence)
{
	cr_assert(
	        eq(int, parse("layout: predsednik\ntitle: Саопштење\norgan:\n  - A\n---\nТекст.\n"),
	                LP_OK));
	expect(LP_WARNING,
	        "rel.md:1:1: warning: these 'key: value' lines up to the '---' look like front "
	        "matter, but the release does not begin with '---': they are read as body text "
	        "(a heading)",
	        6, "add a line '---' above this one to open the front matter");
}

Test(fmlint, prose_with_a_colon_is_not_front_matter)
{
	cr_assert(eq(int, parse("Note: the office is closed.\n\nText.\n"), LP_OK));
	cr_assert(eq(int, parse("Note: closed\nToday we say more.\n---\nText.\n"), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}
