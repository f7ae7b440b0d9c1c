/* Nothing in a release is dropped without a word (issue 16, item 1, in
 * part): a GFM table is typeset (as a table, without a warning), a body
 * image that cannot be drawn is an error at its path (the images drawn:
 * test_body_images.c), and a
 * heading level the layout has no style for takes the nearest level's
 * style, with a warning at the heading; and a release is read once, so
 * that no warning is said twice. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE(drops);

static const char head[] = "---\ntitle: Т\nplace: Београд\ndate: 2024-02-20\n---\n\n";

Test(drops, a_table_is_typeset_without_a_word)
{
	char rel[512];
	snprintf(rel, sizeof rel, "%sТекст.\n\n| Град | Број |\n|---|--:|\n| Ниш | 12 |\n", head);
	write_text(dir, "r.md", rel);
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

Test(drops, a_body_image_that_is_missing_is_an_error_at_its_path)
{
	char rel[512];
	snprintf(rel, sizeof rel, "%sТекст.\n\n![грб града](grb.png)\n", head);
	write_text(dir, "r.md", rel);
	/* EX_NOINPUT, as for a missing signature picture. */
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 66), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:9:14: error: 'image' names 'grb.png', which does not "
	                              "exist"),
	                  NULL),
	        "%s", out);
}

Test(drops, a_heading_level_without_a_style_takes_the_nearest_and_says_so)
{
	write_text(dir, "l.yaml",
	        "styles:\n  body: {family: Noto Serif, size: 11pt}\n"
	        "  heading1: {family: Noto Serif, size: 14pt}\n"
	        "styles-for:\n  body: body\n");
	char rel[512];
	snprintf(rel, sizeof rel,
	        "---\nlayout: l.yaml\ntitle: Т\nplace: Б\ndate: 2024-02-20\n---\n\n"
	        "# Један\n\n### Три\n");
	write_text(dir, "r.md", rel);
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
	write_text(dir, "q.yaml",
	        "quotes: \"«»‹›\"\nstyles:\n  body: {family: Noto Serif, size: 11pt}\n"
	        "styles-for:\n  body: body\n");
	write_text(dir, "r.md",
	        "---\nlayout: q.yaml\ntitle: Наслов \"први\"\nplace: Б\n"
	        "date: 2024-02-20\n---\n\nТекст \"с наводницима\" и ЕХРО.\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "r.md: ok, 1 warning(s)"), NULL), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "title=\"Наслов «први»\""), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "«с наводницима»"), NULL), "%s", out);
}

/* Markdown other dialects give a meaning letterpress does not draw is set
 * as it is written, with a warning at it; task list boxes, setext
 * headings, hard breaks, nested quotes and code are set, none dropped. */
Test(drops, markdown_set_as_written_is_said_and_nothing_is_dropped)
{
	char rel[1024];
	snprintf(rel, sizeof rel,
	        "%sПрецртано ~~ово~~ и `~~код~~`.\n\nФуснота[^1].\n\n- [ ] задатак\n\n"
	        "Поднаслов\n---------\n\nРед један\\\nред два\n\n> први\n> > други\n\n"
	        "    увучен код\n",
	        head);
	write_text(dir, "r.md", rel);
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:7:11: warning: '~~' strikes text through in GitHub's "
	                              "Markdown; letterpress draws no struck text"),
	                  NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "r.md:9:8: warning: '[^' starts a footnote"), NULL), "%s", out);
	/* The tildes either side of "ово" (the second a repeat, not shown)
	 * and the footnote; inside code, tildes are code. */
	cr_assert(ne(ptr, strstr(out, "r.md: ok, 3 warning(s)"), NULL), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=lines %s/r.md", dir), 0), "%s", out);
	const char *want[] = {"|Прецртано ~~ово~~ и ~~код~~.|", "|Фуснота[^1].|", "[ ] задатак|",
	        "|Поднаслов|", "|Ред један|", "|ред два|", "|први|", "|други|", "|увучен код|"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert(ne(ptr, strstr(out, want[i]), NULL), "%s not in\n%s", want[i], out);
}

/* A watermark the layout has no block for is not printed, and says so at
 * the release's key. */
Test(drops, a_watermark_without_a_watermark_block_is_said)
{
	char rel[512];
	snprintf(rel, sizeof rel,
	        "---\ntitle: Т\nplace: Београд\ndate: 2024-02-20\nwatermark: КОПИЈА\n---\n\n"
	        "Текст.\n");
	write_text(dir, "r.md", rel);
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:5:1: warning: layout 'plain' has no watermark block: "
	                              "the watermark 'КОПИЈА' is not printed"),
	                  NULL),
	        "%s", out);
}
