#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/limits.h"

#include "base/diag.h"
#include "base/source.h"
#include "release/release.h"
#include "test-config.h"

#include "release_fixture.h"

static lp_status
parse(const char *text, lp_release **rel)
{
	return release_parse_as("rel.md", text, strlen(text), rel);
}

/* The first diagnostic as "file:line:col: error: message". */
static const char *
first_error(void)
{
	static char buf[512];
	cr_assert(lt(sz, 0, lp_diag_size(diag)));
	lp_diag_format(lp_diag_at_index(diag, 0), buf, sizeof buf);
	return buf;
}

TestSuite(frontmatter, .init = release_setup, .fini = release_teardown);

Test(frontmatter, seed_without_front_matter_gets_default_metadata)
{
	lp_source_drop(src);
	cr_assert(eq(int,
	        lp_source_load(LP_TEST_SRCDIR "/examples/seed-saopstenje-2024-02-20.md", 1 << 20,
	                &src, diag),
	        LP_OK));
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, NULL, arena, &rel, diag), LP_OK));
	cr_assert(eq(str, (char *)rel->meta.lang, "sr-Cyrl"));
	cr_assert(eq(ptr, (void *)rel->meta.title, NULL));
	cr_assert(eq(ptr, (void *)rel->meta.layout, NULL));
	cr_assert(eq(int, rel->meta.date.year, 0));
	cr_assert(eq(ptr, (void *)rel->meta.date_text, NULL));
	cr_assert(eq(u32, rel->meta.n_fields, 0));
	cr_assert(eq(u32, rel->n_blocks, 11));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

Test(frontmatter, known_fields_are_typed)
{
	lp_release *rel;
	const char *text = "---\n"
	                   "layout: predsednik\n"
	                   "lang: sr-Cyrl\n"
	                   "title: Саопштење за медије\n"
	                   "place: Београд\n"
	                   "date: 2024-02-20\n"
	                   "number: 011-00-45/2024\n"
	                   "organ:\n"
	                   "  - РЕПУБЛИКА СРБИЈА\n"
	                   "  - СЛУЖБА ЗА САРАДЊУ СА МЕДИЈИМА\n"
	                   "signature:\n"
	                   "  name: Петар Петровић\n"
	                   "  function: шеф Службе\n"
	                   "watermark: НАЦРТ\n"
	                   "---\n"
	                   "Текст.\n";
	cr_assert(eq(int, parse(text, &rel), LP_OK));
	const lp_meta *m = &rel->meta;
	cr_assert(eq(str, (char *)m->layout, "predsednik"));
	cr_assert(eq(str, (char *)m->title, "Саопштење за медије"));
	cr_assert(eq(str, (char *)m->place, "Београд"));
	cr_assert(eq(int, m->date.year, 2024));
	cr_assert(eq(int, m->date.month, 2));
	cr_assert(eq(int, m->date.day, 20));
	cr_assert(eq(str, (char *)m->date_text, "20. фебруар 2024. године"));
	cr_assert(eq(str, (char *)m->number, "011-00-45/2024"));
	cr_assert(eq(u32, m->n_organ, 2));
	cr_assert(eq(str, (char *)m->organ[1], "СЛУЖБА ЗА САРАДЊУ СА МЕДИЈИМА"));
	cr_assert(eq(str, (char *)m->signature.name, "Петар Петровић"));
	cr_assert(eq(str, (char *)m->signature.function, "шеф Службе"));
	cr_assert(eq(ptr, (void *)m->signature.image, NULL));
	cr_assert(eq(str, (char *)m->watermark, "НАЦРТ"));
	cr_assert(eq(u32, m->n_fields, 0));
	cr_assert(eq(u32, rel->n_blocks, 1));
	/* The body starts after the closing line. */
	cr_assert(eq(u64, rel->blocks[0].src_offset, (uint64_t)(strstr(text, "Текст") - text)));
}

Test(frontmatter, organ_may_be_one_string)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\norgan: ВЛАДА\n---\n", &rel), LP_OK));
	cr_assert(eq(u32, rel->meta.n_organ, 1));
	cr_assert(eq(str, (char *)rel->meta.organ[0], "ВЛАДА"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "organ"), "ВЛАДА"));
	cr_assert(eq(u32, rel->n_blocks, 0));
	cr_assert(eq(int, parse("---\norgan: |\n  ВЛАДА\n  КАБИНЕТ\n---\n", &rel), LP_OK));
	cr_assert(eq(u32, rel->meta.n_organ, 2));
	cr_assert(eq(str, (char *)rel->meta.organ[1], "КАБИНЕТ"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "organ"), "ВЛАДА\xE2\x80\xA8КАБИНЕТ"));
}

Test(frontmatter, other_fields_are_kept_in_order_with_offsets)
{
	lp_release *rel;
	const char *text = "---\ntitle: T\nphone: \"+381 11 3043 086\"\nweb: www.predsednik.rs\n"
	                   "tags: [мир, сарадња]\n---\n";
	cr_assert(eq(int, parse(text, &rel), LP_OK));
	cr_assert(eq(u32, rel->meta.n_fields, 3));
	cr_assert(eq(str, (char *)rel->meta.fields[0].key, "phone"));
	cr_assert(eq(str, (char *)rel->meta.fields[0].value, "+381 11 3043 086"));
	cr_assert(
	        eq(u64, rel->meta.fields[0].src_offset, (uint64_t)(strstr(text, "phone") - text)));
	cr_assert(eq(str, (char *)rel->meta.fields[1].key, "web"));
	cr_assert(eq(u64, rel->meta.fields[1].src_offset, (uint64_t)(strstr(text, "web") - text)));
	cr_assert(eq(str, (char *)rel->meta.fields[2].value, "мир, сарадња"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "web"), "www.predsednik.rs"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "title"), "T"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "lang"), "sr-Cyrl"));
	cr_assert(eq(ptr, (void *)lp_release_field(rel, "fax"), NULL));
}

Test(frontmatter, mapping_where_a_string_belongs_is_an_error_with_position)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\nlang: sr\ntitle:\n  a: b\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(ptr, rel, NULL));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:4:3: error: 'title' must be a string, not a mapping"));
}

Test(frontmatter, columns_count_characters_after_cyrillic)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\nплаце: [а, {б: в}]\n---\n", &rel), LP_ERR_SYNTAX));
	/* the mapping starts at character 12 of line 2 */
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:2:12: error: 'плаце' must be a string, not a mapping"));
}

Test(frontmatter, duplicate_key_is_an_error)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\ntitle: a\nplace: b\ntitle: c\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:4:1: error: duplicate key 'title' in the front matter"));
}

Test(frontmatter, yaml_syntax_error_has_position)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\ntitle: \"a\" b\n---\n", &rel), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "rel.md"));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(int, e->code, LP_ERR_SYNTAX));
	cr_assert(not(eq(ptr, strstr(e->message, "front matter"), NULL)));
}

Test(frontmatter, unterminated_front_matter_is_an_error)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\ntitle: a\n\nТекст.\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:1:1: error: the front matter opened by '---' here is never closed by a "
	        "'---' line"));
	cr_assert(eq(int, parse("---", &rel), LP_ERR_SYNTAX));
}

Test(frontmatter, impossible_date_is_an_error)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\ndate: 2024-02-30\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:2:7: error: 'date' must be a date that exists, written YYYY-MM-DD; "
	        "'2024-02-30' is not"));
	cr_assert(eq(int, parse("---\ndate: 20.02.2024.\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\ndate: 2024-02-29\n---\n", &rel), LP_OK));
	cr_assert(eq(int, rel->meta.date.day, 29));
}

Test(frontmatter, signature_needs_a_mapping_of_known_keys)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\nsignature: Пера\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(
	        int, parse("---\nsignature:\n  name: a\n  rank: b\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(
	        int, parse("---\nsignature:\n  name: a\n  image: potpis.png\n---\n", &rel), LP_OK));
	cr_assert(eq(str, (char *)rel->meta.signature.image, "potpis.png"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "signature.name"), "a"));
}

Test(frontmatter, aliases_and_non_mapping_documents_are_errors)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\na: &x b\nc: *x\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\n- a\n- b\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\n---\nТекст.\n", &rel), LP_OK));
	cr_assert(eq(u32, rel->n_blocks, 1));
}

Test(frontmatter, crlf_lines_and_byte_order_mark)
{
	lp_release *rel;
	const char *text =
	        "\xEF\xBB\xBF---\r\ntitle: a\r\nplace: b\r\ndate: 2024-02-20\r\n---\r\nТекст.\r\n";
	cr_assert(eq(int, parse(text, &rel), LP_OK));
	cr_assert(eq(str, (char *)rel->meta.place, "b"));
	cr_assert(eq(u64, rel->blocks[0].src_offset, (uint64_t)(strstr(text, "Текст") - text)));
	cr_assert(eq(int, parse("---\r\ntitle: a\r\nx: [\r\n---\r\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(u32, lp_diag_at_index(diag, 0)->line, 4));
}

Test(frontmatter, default_lang_option_applies_without_lang_key)
{
	lp_source_drop(src);
	const char *text = "---\ndate: 2024-02-20\n---\n";
	cr_assert(eq(int, lp_source_from_memory("rel.md", text, strlen(text), &src), LP_OK));
	lp_release_options opts = {.default_lang = "en"};
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, &opts, arena, &rel, diag), LP_OK));
	cr_assert(eq(str, (char *)rel->meta.date_text, "20 February 2024"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "date"), "20 February 2024"));
}

Test(frontmatter, too_many_keys_hit_the_limit)
{
	size_t cap = (LP_MAX_FRONTMATTER_ENTRIES + 10) * 16, n = 0;
	char *text = malloc(cap);
	n += (size_t)snprintf(text + n, cap - n, "---\n");
	for (int i = 0; i <= LP_MAX_FRONTMATTER_ENTRIES; i++)
		n += (size_t)snprintf(text + n, cap - n, "k%d: v\n", i);
	n += (size_t)snprintf(text + n, cap - n, "---\n");
	lp_release *rel;
	cr_assert(eq(int, parse(text, &rel), LP_ERR_LIMIT));
	cr_assert(eq(u32, lp_diag_at_index(diag, 0)->line, LP_MAX_FRONTMATTER_ENTRIES + 2));
	free(text);
}

/* libyaml hands back "\0" inside the value; copied as a C string, the title
 * used to end silently at it. */
Test(frontmatter, nul_in_a_value_is_an_error_at_the_value)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\nplace: Београд\ntitle: \"Наслов\\0скривено\"\n---\n", &rel),
	        LP_ERR_SYNTAX));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:3:8: error: 'title' holds a NUL character (\\0), which text cannot hold"));
	cr_assert(eq(int, parse("---\norgan: [a, \"b\\0c\"]\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\n\"kl\\0juč\": a\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\nsignature:\n  \"name\\0x\": a\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(sz, lp_diag_errors(diag), 4));
}

static char *
long_value(const char *key, size_t n)
{
	char *text = malloc(n + 80);
	size_t k = (size_t)sprintf(text, "---\n%s: ", key);
	memset(text + k, 'x', n);
	strcpy(text + k + n, "\ndate: 2024-02-20\n---\nТекст.\n");
	return text;
}

/* A value over 64 KiB used to fail only in libharu, with exit 70. */
Test(frontmatter, a_value_past_the_limit_is_a_limit_error_at_the_value)
{
	lp_release *rel;
	char *text = long_value("title", LP_MAX_FIELD_BYTES);
	cr_assert(eq(int, parse(text, &rel), LP_OK));
	free(text);
	text = long_value("title", 70000);
	cr_assert(eq(int, parse(text, &rel), LP_ERR_LIMIT));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:2:8: error: 'title' is 70000 bytes long; a front-matter value may have at "
	        "most 8192"));
	free(text);
}

Test(frontmatter, values_together_past_the_limit_are_a_limit_error)
{
	size_t cap = 6 * (LP_MAX_FIELD_BYTES + 16), n = 0;
	char *text = malloc(cap);
	n += (size_t)sprintf(text, "---\n");
	for (int i = 0; i < 5; i++) {
		n += (size_t)sprintf(text + n, "k%d: ", i);
		memset(text + n, 'x', LP_MAX_FIELD_BYTES - 1000);
		n += LP_MAX_FIELD_BYTES - 1000;
		text[n++] = '\n';
	}
	strcpy(text + n, "---\n");
	lp_release *rel;
	cr_assert(eq(int, parse(text, &rel), LP_ERR_LIMIT));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 6));
	cr_assert(eq(u32, e->col, 5));
	free(text);
}

Test(frontmatter, bidi_and_control_characters_in_values_are_errors_where_they_stand)
{
	lp_release *rel;
	cr_assert(eq(
	        int, parse("---\ntitle: Наслов \xE2\x80\xAE текст\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:2:15: error: 'title': U+202E RIGHT-TO-LEFT OVERRIDE is not allowed in text "
	        "(it shows text in another order than the one it is read and copied in)"));
	/* Written as an escape, the character is not in the file: the value's start. */
	cr_assert(eq(int, parse("---\nplace: x\norgan:\n  - a\n  - \"b\\u2066c\"\n---\n", &rel),
	        LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 1);
	cr_assert(eq(u32, e->line, 5));
	cr_assert(eq(u32, e->col, 5));
	cr_assert(ne(ptr, strstr(e->message, "'organ': U+2066 LEFT-TO-RIGHT ISOLATE"), NULL), "%s",
	        e->message);
	cr_assert(eq(int, parse("---\nnote: \"\\e[2J\"\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\nnote: \"a\\x85b\"\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(eq(int, parse("---\n\"ke\\x7fy\": a\n---\n", &rel), LP_ERR_SYNTAX));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(diag, 4)->message, "the key 'ke"), NULL));
}

Test(frontmatter, invisible_characters_in_values_warn_where_they_stand)
{
	lp_release *rel;
	cr_assert(eq(int, parse("---\nplace: Бео\xE2\x80\x8Bград\n---\n", &rel), LP_OK));
	cr_assert(eq(str, (char *)first_error(),
	        "rel.md:2:11: warning: 'place': invisible character U+200B ZERO WIDTH SPACE in the "
	        "text; it is kept, but check that it belongs there"));
	cr_assert(eq(str, (char *)rel->meta.place, "Бео\xE2\x80\x8Bград"));
}

/* Finding a mark walked from the start of its line each time, so many keys
 * on one long line took time quadratic in it (minutes for 9 MB). */
Test(frontmatter, many_keys_on_one_long_line_parse_in_linear_time)
{
	size_t cap = 900 * 2010 + 64, n = 0;
	char *text = malloc(cap);
	n += (size_t)sprintf(text, "---\n{");
	for (int i = 0; i < 900; i++) {
		n += (size_t)sprintf(text + n, "%sk%d: v", i ? "," : "", i);
		memset(text + n, ' ', 2000);
		n += 2000;
	}
	strcpy(text + n, "}\n---\nТекст.\n");
	lp_release *rel;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert(eq(int, parse(text, &rel), LP_OK));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_assert(lt(dbl, secs, 1.0));
	cr_assert(eq(u32, rel->meta.n_fields, 900));
	cr_assert(
	        eq(u64, rel->meta.fields[899].src_offset, (uint64_t)(strstr(text, "k899") - text)));
	free(text);
}
