#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

static int calls;
static void
count_cb(const lp_diag_entry *e, void *user)
{
	(void)e;
	(void)user;
	calls++;
}

Test(diag, byte_offset_becomes_line_and_character_column)
{
	lp_source *src;
	const char *text = "---\nnaslov: Прво\nдатум: x\n";
	cr_assert(eq(int, lp_source_from_memory("rel.md", text, strlen(text), &src), LP_OK));
	lp_diag *d = lp_diag_new(NULL, NULL);
	/* offset of 'x': line 3, column 8 (Cyrillic letters are 2 bytes each) */
	size_t off = (size_t)(strchr(text, 'x') - text);
	lp_status s = lp_diag_at(d, LP_ERROR, LP_ERR_SYNTAX, src, off, "bad date '%s'", "x");
	cr_assert(eq(int, s, LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(d, 0);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 8));
	char buf[128];
	lp_diag_format(e, buf, sizeof buf);
	cr_assert(eq(str, buf, "rel.md:3:8: error: bad date 'x'"));
	cr_assert(eq(sz, lp_diag_errors(d), 1));
	lp_diag_drop(d);
	lp_source_drop(src);
}

Test(diag, offset_only_and_no_file_formats)
{
	lp_diag *d = lp_diag_new(count_cb, NULL);
	lp_diag_at_offset(d, LP_WARNING, LP_OK, "arms.png", 1234, "truncated");
	lp_diag_report(d, LP_NOTE, LP_OK, NULL, 0, 0, "plain");
	char buf[128];
	lp_diag_format(lp_diag_at_index(d, 0), buf, sizeof buf);
	cr_assert(eq(str, buf, "arms.png:byte 1234: warning: truncated"));
	lp_diag_format(lp_diag_at_index(d, 1), buf, sizeof buf);
	cr_assert(eq(str, buf, "note: plain"));
	cr_assert(eq(int, calls, 2));
	cr_assert(eq(sz, lp_diag_count(d, LP_WARNING), 1));
	lp_diag_drop(d);
}

Test(diag, floods_are_counted_but_not_kept)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	for (int i = 0; i < LP_DIAG_MAX_KEPT + 50; i++)
		lp_diag_report(d, LP_WARNING, LP_OK, "f", 1, 1, "w%d", i);
	cr_assert(eq(sz, lp_diag_size(d), LP_DIAG_MAX_KEPT + 50));
	cr_assert(eq(ptr, (void *)lp_diag_at_index(d, LP_DIAG_MAX_KEPT), NULL));
	cr_assert(ne(ptr, (void *)lp_diag_at_index(d, LP_DIAG_MAX_KEPT - 1), NULL));
	lp_diag_drop(d);
}

/* What a sink replayed later holds (a layout's, a batch release's): a
 * thousand warnings once pushed out the error that failed the render,
 * which then exited with no error message at all. */
static lp_diag_entry last[2];
static char last_text[2][160];
static void
keep_last_cb(const lp_diag_entry *e, void *user)
{
	(void)user;
	last[0] = last[1];
	memcpy(last_text[0], last_text[1], sizeof last_text[0]);
	last[1] = *e;
	lp_diag_format(e, last_text[1], sizeof last_text[1]);
	calls++;
}

Test(diag, an_error_after_a_flood_is_kept_and_replayed)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	for (int i = 0; i < LP_DIAG_MAX_KEPT + 200; i++)
		lp_diag_report(d, LP_WARNING, LP_OK, "emblem.svg", 1, (uint32_t)i + 1, "w%d", i);
	lp_diag_report(d, LP_ERROR, LP_ERR_FONT, "layout.yaml", 3, 25, "no such family");
	const lp_diag_entry *e = lp_diag_at_index(d, LP_DIAG_MAX_KEPT);
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_assert(eq(int, e->severity, LP_ERROR));
	cr_assert(eq(str, (char *)e->message, "no such family"));

	calls = 0;
	lp_diag *to = lp_diag_new(keep_last_cb, NULL);
	lp_diag_replay(to, d);
	cr_assert(eq(int, calls, LP_DIAG_MAX_KEPT + 2)); /* the kept ones, the error, a note */
	cr_assert(eq(str, last_text[0], "layout.yaml:3:25: error: no such family"));
	cr_assert(eq(int, last[1].severity, LP_NOTE));
	cr_assert(eq(str, last_text[1],
	        "emblem.svg: note: 200 more message(s) were not kept (past 1000, only errors "
	        "are)"));
	cr_assert(eq(sz, lp_diag_errors(to), 1));
	lp_diag_drop(to);

	/* Errors have room of their own, but not without end. */
	for (int i = 0; i < LP_DIAG_MAX_KEPT_ERRORS + 50; i++)
		lp_diag_report(d, LP_ERROR, LP_ERR_SYNTAX, "f", 1, 1, "e%d", i);
	cr_assert(ne(ptr,
	        (void *)lp_diag_at_index(d, LP_DIAG_MAX_KEPT + LP_DIAG_MAX_KEPT_ERRORS - 1), NULL));
	cr_assert(eq(ptr, (void *)lp_diag_at_index(d, LP_DIAG_MAX_KEPT + LP_DIAG_MAX_KEPT_ERRORS),
	        NULL));
	lp_diag_drop(d);
}

Test(diag, repeated_warnings_are_counted_once_shown)
{
	calls = 0;
	lp_diag *d = lp_diag_new(count_cb, NULL);
	/* Said of every paragraph: once a file. */
	lp_diag_report(
	        d, LP_WARNING, LP_OK, "mk.md", 20, 1, "no hyphenation dictionary for \"mk\"");
	lp_diag_report(
	        d, LP_WARNING, LP_OK, "mk.md", 29, 1, "no hyphenation dictionary for \"mk\"");
	lp_diag_report(
	        d, LP_WARNING, LP_OK, "other.md", 3, 1, "no hyphenation dictionary for \"mk\"");
	lp_diag_report(d, LP_ERROR, LP_ERR_SYNTAX, "mk.md", 1, 1, "bad");
	lp_diag_report(d, LP_ERROR, LP_ERR_SYNTAX, "mk.md", 2, 1, "bad");
	cr_assert(eq(int, calls, 4)); /* the second mk.md warning was held back; errors never are */
	cr_assert(eq(sz, lp_diag_repeats(d), 1));
	cr_assert(eq(sz, lp_diag_count(d, LP_WARNING), 3));
	cr_assert(eq(sz, lp_diag_size(d), 5));
	/* Said of each place alike: once a line, each line it is on. */
	lp_diag_extra each = {.each_place = true};
	lp_diag_report_ex(d, LP_WARNING, LP_OK, "mk.md", 6, 16, &each, "'<!--' starts a comment");
	lp_diag_report_ex(d, LP_WARNING, LP_OK, "mk.md", 6, 40, &each, "'<!--' starts a comment");
	lp_diag_report_ex(d, LP_WARNING, LP_OK, "mk.md", 8, 9, &each, "'<!--' starts a comment");
	cr_assert(eq(int, calls, 6));
	cr_assert(eq(sz, lp_diag_repeats(d), 2));
	const lp_diag_entry *kept = lp_diag_at_index(d, 5); /* kept: 4, then 6:16, 8:9 */
	cr_assert(ne(ptr, (void *)kept, NULL));
	cr_assert(eq(u32, kept->line, 8));
	lp_diag_drop(d);
}

/* A measuring pass's messages are said again by replaying its diag (a
 * table's cells, table.c): a message said of each place alike stays one
 * a place there too, where it was held back as a repeat of its first. */
Test(diag, replayed_messages_keep_each_place)
{
	lp_diag *from = lp_diag_new(NULL, NULL);
	lp_diag_extra each = {.each_place = true};
	lp_diag_report_ex(from, LP_WARNING, LP_OK, "t.md", 4, 3, &each, "word wider than the line");
	lp_diag_report_ex(from, LP_WARNING, LP_OK, "t.md", 9, 3, &each, "word wider than the line");
	lp_diag_report(from, LP_WARNING, LP_OK, "t.md", 5, 1, "no dictionary");
	lp_diag_report(from, LP_WARNING, LP_OK, "t.md", 7, 1, "no dictionary");
	cr_assert(eq(sz, lp_diag_repeats(from), 1)); /* the second "no dictionary" */
	calls = 0;
	lp_diag *to = lp_diag_new(count_cb, NULL);
	lp_diag_replay(to, from);
	cr_assert(eq(int, calls, 3));
	cr_assert(eq(sz, lp_diag_repeats(to), 0));
	const lp_diag_entry *second = lp_diag_at_index(to, 1);
	cr_assert(ne(ptr, (void *)second, NULL));
	cr_assert(eq(u32, second->line, 9));
	/* Replayed again, each is a repeat of itself. */
	lp_diag_replay(to, from);
	cr_assert(eq(int, calls, 3));
	cr_assert(eq(sz, lp_diag_repeats(to), 3));
	lp_diag_drop(to);
	lp_diag_drop(from);
}

/* A release's escape sequences used to reach the terminal raw through
 * quoted values and file names. */
Test(diag, format_escapes_what_a_terminal_would_act_on)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_diag_report(d, LP_ERROR, LP_ERR_SYNTAX, "re\x1b]0;x\x07l.md", 2, 3,
	        "unknown key '\x1b[2J\x1b[31m' \xC2\x9B"
	        "1m \xE2\x80\xAE"
	        "abc\xE2\x81\xA9 \x7f\xFF\xC2 "
	        "line\nfake: error\t|");
	char buf[256];
	size_t n = lp_diag_format(lp_diag_at_index(d, 0), buf, sizeof buf);
	const char *want =
	        "re\\x1b]0;x\\x07l.md:2:3: error: unknown key '\\x1b[2J\\x1b[31m' "
	        "\\u{9B}1m \\u{202E}abc\\u{2069} \\x7f\\xFF\\xC2 line\\x0afake: error\\x09|";
	cr_assert(eq(str, buf, (char *)want));
	cr_assert(eq(sz, n, strlen(want)));
	lp_diag_drop(d);
}

Test(diag, format_keeps_text_and_cuts_only_between_characters)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_diag_report(d, LP_WARNING, LP_OK, "саопштење.md", 1, 1, "„Наслов” — \x1b[0m");
	char buf[128];
	lp_diag_format(lp_diag_at_index(d, 0), buf, sizeof buf);
	cr_assert(eq(str, buf, "саопштење.md:1:1: warning: „Наслов” — \\x1b[0m"));
	/* "саопштење.md:1:1: warning: " is 36 bytes: a 38-byte buffer has
	 * room for 37, and the quote's three bytes do not fit whole. */
	char small[38];
	size_t n = lp_diag_format(lp_diag_at_index(d, 0), small, sizeof small);
	cr_assert(eq(str, small, "саопштење.md:1:1: warning: "));
	cr_assert(eq(sz, n, strlen(buf)));
	char tiny[8];
	lp_diag_format(lp_diag_at_index(d, 0), tiny, sizeof tiny);
	cr_assert(eq(str, tiny, "сао"));
	lp_diag_drop(d);
}

Test(diag, a_message_carries_its_line_span_and_hints)
{
	lp_source *src;
	const char *text = "---\r\nтитле: Прво\r\nlang: x\r\n";
	cr_assert(eq(int, lp_source_from_memory("rel.md", text, strlen(text), &src), LP_OK));
	lp_diag *d = lp_diag_new(NULL, NULL);
	/* A span in bytes becomes characters; the line loses its CR LF. */
	lp_diag_extra x = {.span_bytes = strlen("титле"), .hint = "did you mean 'title'?\nor not"};
	lp_diag_at_ex(d, LP_WARNING, LP_OK, src, 5, &x, "unknown key");
	const lp_diag_entry *e = lp_diag_at_index(d, 0);
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 1));
	cr_assert(eq(str, (char *)e->source_line, "титле: Прво"));
	cr_assert(eq(u32, e->span, 5));
	cr_assert(eq(str, (char *)e->hints, "did you mean 'title'?\nor not"));
	/* A report by line knows the line only through the source set. */
	lp_diag_report(d, LP_ERROR, LP_ERR_SYNTAX, "rel.md", 3, 7, "bad");
	cr_assert(eq(ptr, (void *)lp_diag_at_index(d, 1)->source_line, NULL));
	cr_assert(eq(ptr, (void *)lp_diag_set_source(d, src), NULL));
	lp_diag_extra y = {.span = 1};
	lp_diag_report_ex(d, LP_ERROR, LP_ERR_SYNTAX, "rel.md", 3, 7, &y, "bad");
	lp_diag_report(d, LP_ERROR, LP_ERR_SYNTAX, "other.yaml", 3, 7, "bad");
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 2)->source_line, "lang: x"));
	cr_assert(eq(u32, lp_diag_at_index(d, 2)->span, 1));
	cr_assert(eq(ptr, (void *)lp_diag_at_index(d, 3)->source_line, NULL));
	/* Replayed messages keep them. */
	lp_diag *to = lp_diag_new(NULL, NULL);
	lp_diag_replay(to, d);
	cr_assert(eq(str, (char *)lp_diag_at_index(to, 0)->source_line, "титле: Прво"));
	cr_assert(eq(str, (char *)lp_diag_at_index(to, 0)->hints, "did you mean 'title'?\nor not"));
	cr_assert(eq(u32, lp_diag_at_index(to, 0)->span, 5));
	lp_diag_drop(to);
	lp_diag_drop(d);
	lp_source_drop(src);
}

Test(diag, a_line_too_long_to_show_is_left_out)
{
	static char text[LP_DIAG_MAX_SOURCE_LINE + 16];
	memset(text, 'a', sizeof text - 2);
	text[sizeof text - 2] = '\n';
	lp_source *src;
	cr_assert(eq(int, lp_source_from_memory("rel.md", text, strlen(text), &src), LP_OK));
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_diag_extra x = {.span_bytes = 3};
	lp_diag_at_ex(d, LP_WARNING, LP_OK, src, 5, &x, "x");
	cr_assert(eq(ptr, (void *)lp_diag_at_index(d, 0)->source_line, NULL));
	cr_assert(eq(u32, lp_diag_at_index(d, 0)->span, 0));
	lp_diag_drop(d);
	lp_source_drop(src);
}
