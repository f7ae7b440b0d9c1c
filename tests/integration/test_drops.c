/* Nothing in a release is dropped without a word (issue 16, item 1, in
 * part): a GFM table is typeset (as a table, without a warning), a body
 * image (not drawn yet) is named in a warning at its file, and a
 * heading level the layout has no style for takes the nearest level's
 * style, with a warning at the heading; and a release is read once, so
 * that no warning is said twice. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE(drops);

static void
write_file(const char *name, const char *text)
{
	write_text(dir, name, text);
}

static const char head[] = "---\ntitle: Т\nplace: Београд\ndate: 2024-02-20\n---\n\n";

Test(drops, a_table_is_typeset_without_a_word)
{
	char rel[512];
	snprintf(rel, sizeof rel, "%sТекст.\n\n| Град | Број |\n|---|--:|\n| Ниш | 12 |\n", head);
	write_file("r.md", rel);
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(eq(ptr, strstr(out, "warning:"), NULL), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	/* Its cells, each a cell of its own (tests/integration/test_tables.c). */
	cr_assert(ne(ptr, strstr(out, "TH parent="), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "text=\"Ниш\""), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "text=\"12\""), NULL), "%s", out);
	/* The delimiter row is not text. */
	cr_assert(eq(ptr, strstr(out, "---"), NULL), "%s", out);
	/* --dump=lines shows each cell's lines. */
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=lines %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "|Град|\n\n"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "|Ниш|\n\n"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "|12|\n\n"), NULL), "%s", out);
}

Test(drops, a_body_image_is_named_in_a_warning)
{
	char rel[512];
	snprintf(rel, sizeof rel, "%sТекст.\n\n![грб града](grb.png)\n", head);
	write_file("r.md", rel);
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:9:14: warning: images in the body are not drawn yet: "
	                              "'grb.png'"),
	                  NULL),
	        "%s", out);
}

Test(drops, a_heading_level_without_a_style_takes_the_nearest_and_says_so)
{
	write_file("l.yaml", "styles:\n  body: {family: Noto Serif, size: 11pt}\n"
	                     "  heading1: {family: Noto Serif, size: 14pt}\n"
	                     "styles-for:\n  body: body\n");
	char rel[512];
	snprintf(rel, sizeof rel,
	        "---\nlayout: l.yaml\ntitle: Т\nplace: Б\ndate: 2024-02-20\n---\n\n"
	        "# Један\n\n### Три\n");
	write_file("r.md", rel);
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:10:5: warning: the layout has no style for this "
	                              "heading's level (heading3): it is set in 'heading1'"),
	                  NULL),
	        "%s", out);
	/* heading1 is given: no word about it. */
	cr_assert(eq(ptr, strstr(out, "(heading1)"), NULL), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out,
	                          "NotoSerif-Regular size=14 color=#000000 glyphs=3 text=\"Три\""),
	                  NULL),
	        "%s", out);
}

/* A layout with quotation marks of its own sets the body and the title
 * with them, and the release is read once: each warning is said and
 * counted once. */
Test(drops, a_layout_with_its_own_quotes_reads_the_release_once)
{
	write_file("q.yaml", "quotes: \"«»‹›\"\nstyles:\n  body: {family: Noto Serif, size: 11pt}\n"
	                     "styles-for:\n  body: body\n");
	write_file("r.md", "---\nlayout: q.yaml\ntitle: Наслов \"први\"\nplace: Б\n"
	                   "date: 2024-02-20\n---\n\nТекст \"с наводницима\" и ЕХРО.\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "r.md: ok, 1 warning(s)"), NULL), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "title=\"Наслов «први»\""), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "«с наводницима»"), NULL), "%s", out);
}
