#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "release/release.h"

#include "release_fixture.h"

static lp_status
parse_n(const char *text, size_t len, lp_release **rel)
{
	return release_parse_as("body.md", text, len, rel);
}

static lp_release *
parse_ok(const char *text)
{
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, strlen(text), &rel), LP_OK));
	return rel;
}

/* Spans must cover the block text exactly, in order. */
static void
check_spans(const lp_block *b)
{
	uint32_t at = 0;
	for (uint32_t i = 0; i < b->n_spans; i++) {
		cr_assert(eq(u32, b->spans[i].start, at));
		cr_assert(lt(u32, 0, b->spans[i].len));
		at += b->spans[i].len;
	}
	cr_assert(eq(u32, at, b->len));
	cr_assert(eq(sz, strlen(b->text), b->len));
}

TestSuite(markdown, .init = release_setup, .fini = release_teardown);

Test(markdown, block_kinds_levels_and_offsets)
{
	const char *text =
	        "# Наслов\n\nПрви пасус.\n\n## Поднаслов\n\n***\n\n```\nkod \"x\"\n```\n";
	lp_release *rel = parse_ok(text);
	cr_assert(eq(u32, rel->n_blocks, 5));
	const lp_block *b = rel->blocks;
	cr_assert(eq(int, b[0].kind, LP_BLOCK_HEADING));
	cr_assert(eq(int, b[0].level, 1));
	cr_assert(eq(str, (char *)b[0].text, "Наслов"));
	cr_assert(eq(u64, b[0].src_offset, (uint64_t)(strstr(text, "Наслов") - text)));
	cr_assert(eq(int, b[1].kind, LP_BLOCK_PARAGRAPH));
	cr_assert(eq(u64, b[1].src_offset, (uint64_t)(strstr(text, "Први") - text)));
	cr_assert(eq(int, b[2].level, 2));
	cr_assert(eq(int, b[3].kind, LP_BLOCK_RULE));
	cr_assert(eq(u32, b[3].len, 0));
	cr_assert(eq(u64, b[3].src_offset, (uint64_t)(strstr(text, "***") - text)));
	cr_assert(eq(int, b[4].kind, LP_BLOCK_CODE));
	cr_assert(eq(str, (char *)b[4].text, "kod \"x\""));
	for (uint32_t i = 0; i < rel->n_blocks; i++)
		check_spans(&b[i]);
}

Test(markdown, emphasis_strong_and_code_spans)
{
	lp_release *rel = parse_ok("Реч *нагласак* и **јако** и ***оба*** и `kod`.\n");
	const lp_block *b = &rel->blocks[0];
	check_spans(b);
	cr_assert(eq(str, (char *)b->text, "Реч нагласак и јако и оба и kod."));
	cr_assert(eq(u32, b->n_spans, 9));
	cr_assert(eq(u32, b->spans[1].flags, LP_INLINE_EM));
	cr_assert(eq(u32, b->spans[1].len, strlen("нагласак")));
	cr_assert(eq(u32, b->spans[3].flags, LP_INLINE_STRONG));
	cr_assert(eq(u32, b->spans[5].flags, LP_INLINE_EM | LP_INLINE_STRONG));
	cr_assert(eq(u32, b->spans[7].flags, LP_INLINE_CODE));
	cr_assert(eq(i32, b->spans[7].link, -1));
}

Test(markdown, hard_break_is_line_separator_and_soft_break_a_space)
{
	lp_release *rel = parse_ok("Београд,  \n20. фебруар\nу подне\\\nкрај\n");
	cr_assert(eq(str, (char *)rel->blocks[0].text,
	        "Београд,\xE2\x80\xA8"
	        "20. фебруар у подне\xE2\x80\xA8крај"));
	check_spans(&rel->blocks[0]);
}

Test(markdown, links_and_autolinks)
{
	lp_release *rel = parse_ok("[сајт](https://example.rs/a?b=1&amp;c=2), <https://x.rs>, "
	                           "<mediji@example.rs>, www.predsednik.rs и pisite@example.rs.\n");
	cr_assert(eq(u32, rel->n_links, 5));
	cr_assert(eq(str, (char *)rel->links[0], "https://example.rs/a?b=1&c=2"));
	cr_assert(eq(str, (char *)rel->links[1], "https://x.rs"));
	cr_assert(eq(str, (char *)rel->links[2], "mailto:mediji@example.rs"));
	cr_assert(eq(str, (char *)rel->links[3], "http://www.predsednik.rs"));
	cr_assert(eq(str, (char *)rel->links[4], "mailto:pisite@example.rs"));
	const lp_block *b = &rel->blocks[0];
	check_spans(b);
	cr_assert(eq(u32, b->spans[0].flags, LP_INLINE_LINK));
	cr_assert(eq(i32, b->spans[0].link, 0));
	cr_assert(eq(u32, b->spans[0].len, strlen("сајт")));
	int seen = 0;
	for (uint32_t i = 0; i < b->n_spans; i++) {
		if (b->spans[i].link == 3) {
			cr_assert(eq(u32, b->spans[i].flags, LP_INLINE_LINK));
			cr_assert(eq(int,
			        memcmp(b->text + b->spans[i].start, "www.predsednik.rs",
			                b->spans[i].len),
			        0));
			seen++;
		}
	}
	cr_assert(eq(int, seen, 1));
}

Test(markdown, nested_lists_and_quotes)
{
	const char *text = "- прво\n- друго\n  1. под\n  2. под2\n\n> цитат\n> > дубље\n\n"
	                   "5) a\n\n   наставак\n";
	lp_release *rel = parse_ok(text);
	cr_assert(eq(u32, rel->n_blocks, 8));
	const lp_block *b = rel->blocks;
	cr_assert(eq(int, b[0].kind, LP_BLOCK_LIST_ITEM));
	cr_assert(eq(str, (char *)b[0].marker, "•"));
	cr_assert(eq(int, b[0].level, 1));
	cr_assert(eq(str, (char *)b[1].text, "друго"));
	cr_assert(eq(str, (char *)b[2].marker, "1."));
	cr_assert(eq(int, b[2].level, 2));
	cr_assert(eq(str, (char *)b[3].marker, "2."));
	cr_assert(eq(u64, b[3].src_offset, (uint64_t)(strstr(text, "под2") - text)));
	cr_assert(eq(int, b[4].quote_depth, 1));
	cr_assert(eq(str, (char *)b[4].text, "цитат"));
	cr_assert(eq(int, b[5].quote_depth, 2));
	cr_assert(eq(int, b[5].kind, LP_BLOCK_PARAGRAPH));
	cr_assert(eq(str, (char *)b[6].marker, "5)"));
	cr_assert(eq(str, (char *)b[6].text, "a"));
	/* A loose item's second paragraph stays in the list. */
	cr_assert(eq(int, b[7].kind, LP_BLOCK_PARAGRAPH));
	cr_assert(eq(int, b[7].level, 1));
	cr_assert(eq(ptr, (void *)b[7].marker, NULL));
}

Test(markdown, entities_are_decoded_and_raw_html_stays_text)
{
	lp_release *rel = parse_ok("&laquo;a&raquo; &#1034; &#x40B; &bogus; &#0; <b>x</b>\n");
	cr_assert(eq(str, (char *)rel->blocks[0].text, "«a» Њ Ћ &bogus; \xEF\xBF\xBD <b>x</b>"));
}

Test(markdown, nesting_deeper_than_the_limit_is_an_error)
{
	char text[LP_MAX_NESTING * 2 + 64];
	size_t n = 0;
	memcpy(text, "Увод.\n\n", strlen("Увод.\n\n"));
	n = strlen("Увод.\n\n");
	for (int i = 0; i < LP_MAX_NESTING + 1; i++)
		text[n++] = '>';
	memcpy(text + n, " дубоко\n", sizeof " дубоко\n");
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, strlen(text), &rel), LP_ERR_LIMIT));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(int, e->code, LP_ERR_LIMIT));
	/* exactly at the limit is fine */
	text[n - 1] = ' ';
	cr_assert(eq(int, parse_n(text, strlen(text), &rel), LP_OK));
	cr_assert(eq(int, rel->blocks[1].quote_depth, LP_MAX_NESTING));
}

Test(markdown, deep_lists_hit_the_limit)
{
	char *text = malloc(64 * 64);
	size_t n = 0;
	for (int i = 0; i < 40; i++) {
		for (int k = 0; k < i * 2; k++)
			text[n++] = ' ';
		memcpy(text + n, "- x\n", 4);
		n += 4;
	}
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, n, &rel), LP_ERR_LIMIT));
	cr_assert(eq(u32, lp_diag_at_index(diag, 0)->line, LP_MAX_NESTING + 1));
	free(text);
}

Test(markdown, invalid_utf8_does_not_crash)
{
	/* The text stage replaces and reports invalid UTF-8; here it only
	 * has to pass through. */
	const char text[] = "a \xC0\xAF \"b\xFF\" \xE2\x80 'cd\n\n# \xF4\x90\x80\x80\n";
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, sizeof text - 1, &rel), LP_OK));
	cr_assert(eq(u32, rel->n_blocks, 2));
	check_spans(&rel->blocks[1]);
}

Test(markdown, nul_is_an_error_where_it_stands)
{
	/* md4c would turn NUL into U+FFFD without a word; a NUL in a release
	 * is damage, so it is reported with its place. */
	const char text[] = "first line\nc\0d\n";
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, sizeof text - 1, &rel), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 2));
}

Test(markdown, links_a_document_cannot_carry_keep_their_text)
{
	lp_release *rel =
	        parse_ok("[отвори](javascript:alert(1)) и [сајт](https://www.example.rs)\n");
	const lp_block *b = &rel->blocks[0];
	int links = 0;
	for (uint32_t i = 0; i < b->n_spans; i++)
		links += b->spans[i].link >= 0;
	cr_assert(eq(int, links, 1));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	cr_assert(ne(ptr, strstr(b->text, "отвори"), NULL));
}

Test(markdown, empty_body)
{
	lp_release *rel = parse_ok("");
	cr_assert(eq(u32, rel->n_blocks, 0));
	cr_assert(eq(u32, rel->n_links, 0));
}

/* A long release made in memory: 20,000 words in paragraphs of 100 under
 * a heading every 10 paragraphs. */
Test(markdown, twenty_thousand_words_parse_quickly)
{
	static const char *const words[] = {"Председник", "је", "данас", "разговарао", "о",
	        "сарадњи", "\"енергетике\"", "*и*", "инфраструктуре,", "пољопривреде."};
	size_t cap = 1 << 20, n = 0;
	char *text = malloc(cap);
	int paragraphs = 0, headings = 0;
	for (int w = 0; w < 20000; w++) {
		if (w % 1000 == 0) {
			n += (size_t)snprintf(text + n, cap - n, "## Одељак %d\n\n", ++headings);
		}
		n += (size_t)snprintf(text + n, cap - n, "%s%s", words[w % 10],
		        w % 100 == 99  ? "\n\n"
		        : w % 12 == 11 ? "\n"
		                       : " ");
		if (w % 100 == 99)
			paragraphs++;
	}
	cr_assert(lt(sz, n, cap));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, n, &rel), LP_OK));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	cr_assert(eq(u32, rel->n_blocks, (uint32_t)(paragraphs + headings)));
	cr_assert(eq(int, paragraphs, 200));
	cr_assert(lt(dbl, secs, 0.5));
	free(text);
}

/* The text policy at parse time: each finding at the file:line:col of the
 * character, through soft breaks, emphasis and entities. */
static const lp_diag_entry *
parse_error(const char *text)
{
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, strlen(text), &rel), LP_ERR_SYNTAX));
	cr_assert(eq(sz, lp_diag_errors(diag), 1));
	return lp_diag_at_index(diag, 0);
}

Test(markdown, bidi_controls_are_errors_where_they_stand)
{
	const lp_diag_entry *e = parse_error("Први ред.\n\nДруги ред, па \xE2\x80\xAE обрнуто.\n");
	cr_assert(eq(str, (char *)e->file, "body.md"));
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 15));
	cr_assert(ne(ptr, strstr(e->message, "U+202E RIGHT-TO-LEFT OVERRIDE"), NULL), "%s",
	        e->message);
}

Test(markdown, a_control_after_a_soft_break_and_emphasis_is_placed_exactly)
{
	const lp_diag_entry *e = parse_error("Први ред\nи *други \xC2\x85* ред\n");
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 10));
	cr_assert(ne(ptr, strstr(e->message, "U+0085"), NULL), "%s", e->message);
}

Test(markdown, an_entity_for_a_bidi_control_is_an_error_at_the_entity)
{
	const lp_diag_entry *e = parse_error("> Први\n>\n> ред &#x2067; и\n");
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 7));
	cr_assert(ne(ptr, strstr(e->message, "U+2067 RIGHT-TO-LEFT ISOLATE"), NULL), "%s",
	        e->message);
}

Test(markdown, invisible_characters_warn_and_joiners_between_letters_pass)
{
	lp_release *rel =
	        parse_ok("Први\xE2\x80\x8Bред, Auf\xE2\x80\x8Clage и `код\xE2\x81\xA0`.\n");
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 2));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->col, 5));
	cr_assert(ne(ptr, strstr(e->message, "U+200B ZERO WIDTH SPACE"), NULL), "%s", e->message);
	e = lp_diag_at_index(diag, 1);
	cr_assert(eq(u32, e->col, 26));
	cr_assert(ne(ptr, strstr(e->message, "U+2060 WORD JOINER"), NULL), "%s", e->message);
	cr_assert(ne(ptr, strstr(rel->blocks[0].text, "\xE2\x80\x8B"), NULL));
}

Test(markdown, a_mark_flood_is_a_limit_error_at_the_mark_past_the_limit)
{
	char text[64 + 2 * 40];
	size_t n = (size_t)sprintf(text, "# Наслов\n\nред q");
	for (int i = 0; i < 40; i++, n += 2)
		memcpy(text + n, i & 1 ? "\xCC\x96" : "\xCC\x80", 2);
	text[n] = '\0';
	lp_release *rel;
	cr_assert(eq(int, parse_n(text, n, &rel), LP_ERR_LIMIT));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 6 + LP_MAX_MARKS_PER_CLUSTER));
}

/* A GFM table is kept as a table: rows of cells with their spans and
 * offsets, the header marked, each column's alignment. */
Test(markdown, a_table_keeps_its_rows_cells_alignment_and_offsets)
{
	const char *text = "Пре.\n\n| Град | Број | Белешка |\n|:--|--:|:-:|\n"
	                   "| **Ниш** | 12 | |\n| Нови Сад |\n| а | б | в | вишак |\n\nПосле.\n";
	lp_release *rel = parse_ok(text);
	cr_assert(eq(u32, rel->n_blocks, 3));
	const lp_block *b = &rel->blocks[1];
	cr_assert(eq(int, b->kind, LP_BLOCK_TABLE));
	cr_assert(eq(u32, b->len, 0));
	cr_assert(eq(u64, b->src_offset, (uint64_t)(strstr(text, "| Град") - text)));
	const lp_table *t = b->table;
	cr_assert(ne(ptr, (void *)t, NULL));
	cr_assert(eq(u32, t->n_cols, 3));
	cr_assert(eq(u32, t->n_rows, 4));
	cr_assert(eq(u32, t->n_head, 1));
	cr_assert(eq(int, t->align[0], LP_CELL_LEFT));
	cr_assert(eq(int, t->align[1], LP_CELL_RIGHT));
	cr_assert(eq(int, t->align[2], LP_CELL_CENTER));
	const char *want[4][3] = {{"Град", "Број", "Белешка"}, {"Ниш", "12", ""},
	        {"Нови Сад", "", ""}, {"а", "б", "в"}};
	for (uint32_t r = 0; r < 4; r++)
		for (uint32_t c = 0; c < 3; c++) {
			const lp_block *cell = &t->cells[r * 3 + c];
			cr_assert(eq(int, cell->kind, LP_BLOCK_PARAGRAPH));
			cr_assert(eq(str, (char *)cell->text, (char *)want[r][c]), "%u,%u", r, c);
			check_spans(cell);
		}
	/* Inline spans and offsets, as any block's. */
	const lp_block *nis = &t->cells[3];
	cr_assert(eq(u32, nis->n_spans, 1));
	cr_assert(eq(u32, nis->spans[0].flags, LP_INLINE_STRONG));
	cr_assert(eq(u64, nis->src_offset, (uint64_t)(strstr(text, "Ниш") - text)));
	cr_assert(eq(u64, t->cells[6].src_offset, (uint64_t)(strstr(text, "Нови") - text)));
	cr_assert(eq(str, (char *)rel->blocks[2].text, "После."));
}

/* GFM leaves out a row's cells past the header's columns, and so does the
 * release, but a warning says so at the first one with text: "54 %" after
 * a '|' meant as text. A row that only closes with more pipes, and rows
 * within the columns, say nothing. */
Test(markdown, a_cell_past_the_columns_is_said_at_its_text)
{
	const char *text = "| Општина | Одзив |\n|---|---:|\n| Земун | Нови Београд | 54 % |\n"
	                   "| Врачар | 36 % | |\n| а | |\nб | в\n> | в | г | д |\n";
	lp_release *rel = parse_ok(text);
	cr_assert(eq(int, rel->blocks[0].kind, LP_BLOCK_TABLE));
	cr_assert(eq(sz, lp_diag_size(diag), 1));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(int, e->severity, LP_WARNING));
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 26));
	cr_assert(ne(ptr, strstr(e->message, "more cells than the table's 2 columns"), NULL));
}

/* 128 columns are a table, every row of it as wide; 129 are refused at
 * the table (md4c 0.4 reads them, 0.5 would leave them a paragraph). */
Test(markdown, a_table_of_128_columns_and_one_of_129)
{
	for (int cols = 128; cols <= 129; cols++) {
		char *text = malloc(16 * 1024);
		cr_assert(ne(ptr, text, NULL));
		size_t n = (size_t)sprintf(text, "Пре.\n\n");
		for (int row = 0; row < 3; row++) {
			for (int c = 0; c < cols; c++)
				n += (size_t)sprintf(text + n, row == 1 ? "|---" : "|%d", c);
			n += (size_t)sprintf(text + n, "|\n");
		}
		lp_release *rel;
		lp_status st = parse_n(text, n, &rel);
		if (cols == 128) {
			cr_assert(eq(int, st, LP_OK));
			cr_assert(eq(u32, rel->n_blocks, 2));
			cr_assert(eq(int, rel->blocks[1].kind, LP_BLOCK_TABLE));
			cr_assert(eq(u32, rel->blocks[1].table->n_cols, 128));
			cr_assert(eq(u32, rel->blocks[1].table->n_rows, 2));
			cr_assert(eq(
			        str, (char *)rel->blocks[1].table->cells[128 + 127].text, "127"));
		} else {
			cr_assert(eq(int, st, LP_ERR_LIMIT));
			const lp_diag_entry *e = lp_diag_at_index(diag, 0);
			cr_assert(eq(u32, e->line, 3));
			cr_assert(eq(u32, e->col, 1));
			cr_assert(eq(int, e->code, LP_ERR_LIMIT));
		}
		free(text);
	}
}

/* A table that ends the file, one in a list item and one in a quote keep
 * their nesting; a header without rows is a table of one row. */
Test(markdown, tables_in_lists_quotes_and_without_rows)
{
	lp_release *rel = parse_ok("- ставка\n\n  | а | б |\n  |---|---|\n  | 1 | 2 |\n\n"
	                           "> | ц |\n> |---|\n\n| x |\n|---|");
	cr_assert(eq(u32, rel->n_blocks, 4));
	cr_assert(eq(int, rel->blocks[1].kind, LP_BLOCK_TABLE));
	cr_assert(eq(int, rel->blocks[1].level, 1));
	cr_assert(eq(u32, rel->blocks[1].table->n_rows, 2));
	cr_assert(eq(int, rel->blocks[2].kind, LP_BLOCK_TABLE));
	cr_assert(eq(int, rel->blocks[2].quote_depth, 1));
	cr_assert(eq(u32, rel->blocks[2].table->n_rows, 1));
	cr_assert(eq(int, rel->blocks[3].kind, LP_BLOCK_TABLE));
	cr_assert(eq(str, (char *)rel->blocks[3].table->cells[0].text, "x"));
}

/* A code block's tabs are spaces to the next multiple of 4 columns,
 * counted in characters from the start of each line; a paragraph's tab
 * stays a tab (it is set as a space). */
Test(markdown, a_code_blocks_tabs_are_spaces_to_the_next_stop)
{
	const char *text = "```\nа\tб\n\tц\nабвг\tд\n```\n\nа\tб\n";
	lp_release *rel = parse_ok(text);
	cr_assert(eq(u32, rel->n_blocks, 2));
	cr_assert(eq(int, rel->blocks[0].kind, LP_BLOCK_CODE));
	cr_assert(eq(str, (char *)rel->blocks[0].text, "а   б\n    ц\nабвг    д"));
	cr_assert(eq(str, (char *)rel->blocks[1].text, "а\tб"));
	check_spans(&rel->blocks[0]);
}

/* "###" alone, a press release's end mark, is an empty heading to
 * CommonMark: it prints nothing, and a warning at it says how to print
 * it; the escaped form is a paragraph of "###". */
Test(markdown, an_empty_heading_is_warned_about)
{
	lp_release *rel = parse_ok("Текст.\n\n###\n\n\\#\\#\\#\n");
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 1));
	cr_assert(ne(ptr, strstr(e->message, "heading is empty"), NULL), "%s", e->message);
	cr_assert(eq(u32, rel->n_blocks, 3));
	cr_assert(eq(str, (char *)rel->blocks[2].text, "###"));
}

/* A link without text printed nothing and took its address with it: it is
 * set as its address, as written, linked, with a warning at it. */
Test(markdown, a_link_without_text_is_set_as_its_address)
{
	lp_release *rel = parse_ok("Веза [](https://example.org/a) и [](www.example.rs).\n");
	const lp_block *b = &rel->blocks[0];
	cr_assert(eq(str, (char *)b->text, "Веза https://example.org/a и www.example.rs."));
	cr_assert(eq(u32, rel->n_links, 2));
	cr_assert(eq(str, (char *)rel->links[1], "http://www.example.rs"));
	uint32_t linked = 0;
	for (uint32_t i = 0; i < b->n_spans; i++)
		linked += b->spans[i].link >= 0 ? b->spans[i].len : 0;
	cr_assert(eq(u32, linked, (uint32_t)strlen("https://example.org/awww.example.rs")));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 2));
	cr_assert(eq(u32, lp_diag_at_index(diag, 0)->col, 9));
}

/* ... and one whose text is spaces only, which shows nothing either. */
Test(markdown, a_link_of_spaces_is_set_as_its_address)
{
	lp_release *rel = parse_ok("Извештај [ ](https://example.org/a) је ту.\n");
	cr_assert(eq(str, (char *)rel->blocks[0].text, "Извештај  https://example.org/a је ту."));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
}

/* An HTML comment, which every Markdown preview hides, is printed (raw
 * HTML is text here): a warning at it, so that a note to colleagues is
 * not published unseen. Not in code. */
Test(markdown, an_html_comment_is_warned_about)
{
	lp_release *rel = parse_ok("Текст. <!-- интерно -->\n\n`<!-- код -->`\n");
	cr_assert(eq(str, (char *)rel->blocks[0].text, "Текст. <!-- интерно -->"));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 1));
	cr_assert(eq(u32, e->col, 8));
	cr_assert(ne(ptr, strstr(e->message, "HTML comment"), NULL), "%s", e->message);
}

/* In a table's cell "\|" is a pipe, in a code span too (GFM unescapes it
 * as it splits the row); md4c left the backslash in code. Elsewhere a
 * code span keeps its backslashes, as CommonMark says. */
Test(markdown, an_escaped_pipe_in_a_cells_code_is_a_pipe)
{
	lp_release *rel = parse_ok("| А | Б |\n|---|---|\n| `x \\| y` | `a\\\\b` |\n\n"
	                           "Ван `p \\| q` табеле.\n");
	const lp_table *t = rel->blocks[0].table;
	cr_assert(eq(str, (char *)t->cells[2].text, "x | y"));
	cr_assert(eq(str, (char *)t->cells[3].text, "a\\\\b"));
	check_spans(&t->cells[2]);
	cr_assert(eq(str, (char *)rel->blocks[1].text, "Ван p \\| q табеле."));
}

/* "[^1]" with a "[^1]: address" line is a link to CommonMark and the line
 * a link reference, never printed: the reference is set as written,
 * unlinked, and the definition said to be lost, at its line. One that is
 * no definition ("[^2]: a sentence.") stays a paragraph, and is printed. */
Test(markdown, a_footnote_written_as_a_link_reference_is_said_lost)
{
	lp_release *rel = parse_ok("Податак[^1] и још[^2].\n\n[^1]: https://stat.gov.rs/a\n\n"
	                           "[^2]: Завод за статистику, 2024.\n");
	cr_assert(eq(u32, rel->n_blocks, 2));
	cr_assert(eq(str, (char *)rel->blocks[0].text, "Податак[^1] и још[^2]."));
	cr_assert(eq(u32, rel->n_links, 0));
	cr_assert(eq(str, (char *)rel->blocks[1].text, "[^2]: Завод за статистику, 2024."));
	uint32_t lost = 0, refs = 0;
	for (size_t i = 0; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (e && strstr(e->message, "is never printed")) {
			lost++;
			cr_assert(eq(u32, e->line, 3));
			cr_assert(eq(u32, e->col, 1));
		}
		if (e && strstr(e->message, "'[^' starts a footnote") && e->line == 1)
			refs += e->col == 8;
	}
	cr_assert(eq(u32, lost, 1));
	cr_assert(eq(u32, refs, 1));
}

/* A link whose target a PDF cannot carry loses its link with a warning at
 * its address as written (a reference link's, at its definition), not at
 * the paragraph's start: two of them in one paragraph are found apart. */
Test(markdown, a_bad_link_target_is_said_at_its_address)
{
	lp_release *rel = parse_ok("Текст\nи [овде](прилог.pdf) и [тамо][т].\n\n"
	                           "[т]: ftp://example.rs/a\n");
	cr_assert(eq(int, rel->blocks[0].spans[1].link, -1));
	uint32_t at[2][2] = {{0}}, n = 0;
	for (size_t i = 0; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (e && strstr(e->message, "link target") && n < 2)
			at[n][0] = e->line, at[n++][1] = e->col;
	}
	cr_assert(eq(u32, n, 2));
	cr_assert(eq(u32, at[0][0], 2));
	cr_assert(eq(u32, at[0][1], 10));
	cr_assert(eq(u32, at[1][0], 4));
	cr_assert(eq(u32, at[1][1], 6));
}

/* Each block with text keeps where its text is in the file (lp_block.map),
 * for messages about its words once it is set: every ASCII letter and
 * digit of the text maps to itself in the file, and each quote made
 * typographic to the straight quote it was, through soft line breaks,
 * emphasis, entities, a link, a picture cut out, a list item and a
 * table's cells. */
static void
check_map(const char *file, const lp_block *b, uint32_t *quotes)
{
	cr_assert(lt(u32, 0, b->n_map));
	for (uint32_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->text[i];
		uint64_t at = lp_textmap_at(b->map, b->n_map, i);
		bool mark = !strncmp(b->text + i, "“", 3) || !strncmp(b->text + i, "”", 3) ||
		            !strncmp(b->text + i, "‘", 3) || !strncmp(b->text + i, "’", 3);
		if (mark) {
			cr_assert(ne(ptr, strchr("\"'", file[at]), NULL), "byte %u of \"%s\"", i,
			        b->text);
			++*quotes;
		} else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		           (c >= 'A' && c <= 'Z')) {
			cr_assert(eq(chr, file[at], (char)c), "byte %u of \"%s\"", i, b->text);
		}
	}
}

Test(markdown, blocks_map_their_text_to_the_file)
{
	const char *text = "---\nlang: en\n---\n\n"
	                   "Say \"hi\" to **Ana's** &amp; [the link](https://x.example/q9) then\n"
	                   "  ![a \"pic\"](p.png) next 'word' &nbsp;end \"x\" don't.\n\n"
	                   "- item \"one\"\n  two\n\n"
	                   "| \"c\" **d** | e&amp;f |\n|---|---|\n| g | \"h\" 'i' |\n";
	lp_release *rel = parse_ok(text);
	uint32_t quotes = 0;
	for (uint32_t i = 0; i < rel->n_blocks; i++) {
		const lp_block *b = &rel->blocks[i];
		if (b->kind == LP_BLOCK_TABLE) {
			for (uint32_t c = 0; c < b->table->n_rows * b->table->n_cols; c++)
				check_map(text, &b->table->cells[c], &quotes);
		} else if (b->len) {
			check_map(text, b, &quotes);
		}
	}
	/* hi, Ana's, word, x, don't (the picture's are cut out), one, c, h, i */
	cr_assert(eq(u32, quotes, 2 + 1 + 2 + 2 + 1 + 2 + 2 + 2 + 2));
	/* And a word after all of them in its paragraph, at its own place. */
	const lp_block *b = &rel->blocks[0];
	const char *next = strstr(b->text, "next");
	cr_assert(ne(ptr, (void *)next, NULL), "%s", b->text);
	cr_assert(eq(u64, lp_textmap_at(b->map, b->n_map, (uint32_t)(next - b->text)),
	        (uint64_t)(strstr(text, "next") - text)));
}
