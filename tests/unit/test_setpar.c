/* Where a message about a word of a paragraph being set points
 * (src/pipeline/setpar.c): a word wider than the line (src/para/para.c)
 * is warned about at the line and column it is written at in the release,
 * through soft line breaks, quotes made typographic, emphasis, entities,
 * links, a list item's marker, a table's cell, a code block's tabs and
 * text NFC changed; the layout's own text at the layout's line. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letterpress.h"
#include "test-config.h"

#include "../integration/cli_util.h"

#include "../support/engine_diag.h"

TestSuite(setpar, .init = engine_diag_setup, .fini = engine_diag_teardown, .timeout = 120);

#define WIDE "word wider than the line"

/* 130 letters no dictionary hyphenates, wider than any body line. */
#define LONG                                                                                       \
	"Qxxxxxxxxxyyyyyyyyyyxxxxxxxxxxyyyyyyyyyyxxxxxxxxxxyyyyyyyyyyxxxxxxxxxxyyyyyyyyyyxxxxxxxx" \
	"xx"                                                                                       \
	"yyyyyyyyyyxxxxxxxxxxyyyyyyyyyyxxxxxxxxxx"

static void
render_with(const char *text, const char *layout)
{
	uint8_t *pdf = NULL;
	size_t size = 0;
	lp_render_options o = {.version = LP_RENDER_OPTIONS_VERSION, .layout = layout};
	lp_status st = lp_render_memory(
	        engine, "wide.md", text, strlen(text), layout ? &o : NULL, &pdf, &size, diag);
	cr_assert(eq(int, st, LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 0));
	free(pdf);
}

/* The n-th warning about a wide word (0: the first). */
static const lp_diag_entry *
wide_word(size_t n)
{
	for (size_t i = 0; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (strstr(e->message, WIDE) && n-- == 0)
			return e;
	}
	return NULL;
}

static size_t
wide_words(void)
{
	size_t n = 0;
	while (wide_word(n))
		n++;
	return n;
}

static void
assert_at(const lp_diag_entry *e, const char *file, uint32_t line, uint32_t col)
{
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_assert(eq(str, (char *)e->file, (char *)file));
	cr_assert(eq(u32, e->line, line), "%s at %u:%u", e->message, e->line, e->col);
	cr_assert(eq(u32, e->col, col), "%s at %u:%u", e->message, e->line, e->col);
}

/* The word on the third line of its paragraph, after soft line breaks,
 * quotes made typographic, strong emphasis, an entity and a link: its
 * own line and column, and its first characters instead of a byte
 * offset into the paragraph's text. */
Test(setpar, a_wide_word_is_warned_about_where_it_is_written)
{
	render_with("Савет је данас представио план за заједнички ред вожње\n"
	            "који је председница назвала \"добрим\" и **важним** кораком,\n"
	            "&nbsp;„пре\" [свега](https://example.org/a) \"x\" " LONG " после.\n",
	        NULL);
	cr_assert(eq(sz, wide_words(), 1));
	const lp_diag_entry *e = wide_word(0);
	assert_at(e, "wide.md", 3, 48);
	cr_assert(eq(ptr, strstr(e->message, "byte"), NULL), "%s", e->message);
	char want[128];
	snprintf(want, sizeof want, "broken without a hyphen: \"%.60s…\"", LONG);
	cr_assert(ne(ptr, strstr(e->message, want), NULL), "%s", e->message);
}

/* A word that starts with a quote made typographic is found at the quote;
 * one after strong emphasis of its first letters at those letters, past
 * the asterisks. */
Test(setpar, a_word_in_quotes_or_in_part_emphasized)
{
	render_with("Први ред.\nДруги \"" LONG "\" ред\nи **Qx**" LONG ".\n", NULL);
	cr_assert(eq(sz, wide_words(), 2));
	assert_at(wide_word(0), "wide.md", 2, 7);
	assert_at(wide_word(1), "wide.md", 3, 5);
}

/* Two alike words on other lines are each warned about: the message no
 * longer differs by a byte offset, and each needs seeing to. */
Test(setpar, the_same_word_twice_is_said_twice)
{
	render_with("Први " LONG "\nи опет\n" LONG " крај.\n\nДруги пасус " LONG ".\n", NULL);
	cr_assert(eq(sz, wide_words(), 3));
	assert_at(wide_word(0), "wide.md", 1, 6);
	assert_at(wide_word(1), "wide.md", 3, 1);
	assert_at(wide_word(2), "wide.md", 5, 13);
}

/* A list item's text comes after its marker, which the release does not
 * write as the paragraph has it; a heading's after its hashes. */
Test(setpar, in_a_list_item_and_a_heading)
{
	render_with("Увод.\n\n"
	            "- ставка са \"наводницима\" и\n"
	            "  **још** " LONG " крај\n"
	            "- друга\n\n"
	            "## Наслов \"x\" " LONG "\n",
	        NULL);
	cr_assert(eq(sz, wide_words(), 2));
	assert_at(wide_word(0), "wide.md", 4, 11);
	assert_at(wide_word(1), "wide.md", 7, 15);
}

/* A cell's word wider than any column is warned about as the table is
 * first measured (the table's own warning follows): at the cell's line
 * and the word's column. */
Test(setpar, in_a_table_cell)
{
	size_t n = 4000;
	char *word = malloc(n + 1);
	memset(word, 'x', n);
	word[0] = 'Q';
	word[n] = '\0';
	size_t size = n + 256;
	char *text = malloc(size);
	snprintf(text, size, "| Глава | Друга |\n|---|---|\n| а | б |\n| \"ц\" **ћ** %s | д |\n",
	        word);
	render_with(text, NULL);
	free(text);
	free(word);
	cr_assert(eq(sz, wide_words(), 1));
	assert_at(wide_word(0), "wide.md", 4, 13);
}

/* A code block's tab is spaces in its text; a decomposed letter one
 * character after NFC: neither moves the word in the file. */
Test(setpar, after_a_tab_and_after_text_nfc_changed)
{
	render_with("Увод.\n\n"
	            "    код\t" LONG "\n\n"
	            "Мои\xcc\x86 и\xcc\x86 и\xcc\x86 " LONG " крај.\n",
	        NULL);
	cr_assert(eq(sz, wide_words(), 2));
	assert_at(wide_word(0), "wide.md", 3, 9);
	/* Columns count characters: the three breves are three. */
	assert_at(wide_word(1), "wide.md", 5, 12);
}

/* The layout's own text has no place in the release: at the layout's
 * block, as before. */
Test(setpar, layout_text_is_warned_about_at_the_layout)
{
	char dir[64], path[128];
	make_temp_dir(dir, sizeof dir);
	write_text(dir, "layout.yaml",
	        "styles:\n  body: {size: 11pt}\nfirst-page:\n  body: {top: 60mm}\n  blocks:\n"
	        "    - kind: text\n      x: 25mm\n      y: 20mm\n      width: 60mm\n"
	        "      lines: [\"Служба " LONG "\"]\n");
	snprintf(path, sizeof path, "%s/layout.yaml", dir);
	render_with("---\ntitle: Т\ndate: 2024-02-20\n---\n\nТекст.\n", path);
	cr_assert(eq(sz, wide_words(), 1));
	assert_at(wide_word(0), path, 6, 0);
	remove_temp_dir(dir);
}
