/* Body images in Markdown (src/release/mdimage.c): figure blocks with
 * their path, description and title, the description cut out of the text
 * around it; and the resolution a PNG or JPEG gives (src/image/density.c). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "image/density.h"
#include "release/release.h"

#include "release_fixture.h"
#include "test-config.h"

static lp_release *
parse_ok(const char *text)
{
	lp_release *rel;
	cr_assert(eq(int, release_parse_as("body.md", text, strlen(text), &rel), LP_OK));
	return rel;
}

static const char *
message(size_t i)
{
	const lp_diag_entry *e = lp_diag_at_index(diag, i);
	return e ? e->message : "";
}

TestSuite(mdimage, .init = release_setup, .fini = release_teardown);

Test(mdimage, an_image_alone_replaces_its_paragraph)
{
	const char *text = "Текст.\n\n![Грб \"града\" &amp; *знак*](grb%201.png \"Грб &ndash; "
	                   "знак\")\n";
	lp_release *rel = parse_ok(text);
	cr_assert(eq(u32, rel->n_blocks, 2));
	const lp_block *b = &rel->blocks[1];
	cr_assert(eq(int, b->kind, LP_BLOCK_FIGURE));
	cr_assert(eq(str, (char *)b->text, ""));
	cr_assert(eq(u32, b->n_spans, 0));
	const lp_figure *f = b->figure;
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_assert(eq(str, (char *)f->path, "grb 1.png"));
	cr_assert(eq(str, (char *)f->written, "grb%201.png"));
	cr_assert(eq(str, (char *)f->alt, "Грб „града” & знак"));
	cr_assert(eq(str, (char *)f->title, "Грб – знак"));
	cr_assert(eq(u64, f->path_offset, (uint64_t)(strstr(text, "grb%") - text)));
	cr_assert(eq(u64, b->src_offset, f->path_offset));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

Test(mdimage, an_image_among_words_follows_its_paragraph_which_keeps_one_space)
{
	lp_release *rel = parse_ok("Пасус са *![сликом](a.png) у* реду.\n\n"
	                           "![прва](b.png) на почетку и на крају ![друга](c.svg)\n");
	cr_assert(eq(u32, rel->n_blocks, 5));
	const lp_block *b = rel->blocks;
	cr_assert(eq(int, b[0].kind, LP_BLOCK_PARAGRAPH));
	cr_assert(eq(str, (char *)b[0].text, "Пасус са у реду."));
	/* The spans still cover the text: "Пасус са", " у" (em), " реду."
	 * (the space before the image went with it). */
	cr_assert(eq(u32, b[0].n_spans, 3));
	cr_assert(eq(u32, b[0].spans[1].flags, LP_INLINE_EM));
	cr_assert(eq(u32, b[0].spans[1].start, (uint32_t)strlen("Пасус са")));
	cr_assert(eq(u32, b[0].spans[1].len, (uint32_t)strlen(" у")));
	cr_assert(eq(u32, b[0].spans[2].start + b[0].spans[2].len, b[0].len));
	cr_assert(eq(int, b[1].kind, LP_BLOCK_FIGURE));
	cr_assert(eq(str, (char *)b[1].figure->alt, "сликом"));
	cr_assert(eq(str, (char *)b[2].text, "на почетку и на крају"));
	cr_assert(eq(str, (char *)b[3].figure->path, "b.png"));
	cr_assert(eq(str, (char *)b[4].figure->path, "c.svg"));
	cr_assert(eq(ptr, (void *)b[4].figure->title, NULL));
}

/* Images side by side, the first ones without a description: each cut
 * once, nothing cut twice. */
Test(mdimage, images_side_by_side_are_cut_once_each)
{
	lp_release *rel =
	        parse_ok("![](a.png)![](b.png) ![x](c.png)\n\nа ![](d.png)![y](e.png) б\n");
	cr_assert(eq(u32, rel->n_blocks, 6));
	const lp_block *b = rel->blocks;
	for (int i = 0; i < 3; i++)
		cr_assert(eq(int, b[i].kind, LP_BLOCK_FIGURE));
	cr_assert(eq(str, (char *)b[2].figure->alt, "x"));
	cr_assert(eq(str, (char *)b[3].text, "а б"));
	cr_assert(eq(str, (char *)b[5].figure->alt, "y"));
}

Test(mdimage, an_image_in_a_list_item_or_quote_keeps_its_containers)
{
	lp_release *rel = parse_ok("- Ставка ![слика](a.png)\n\n> ![цитат](b.png)\n");
	cr_assert(eq(u32, rel->n_blocks, 3));
	const lp_block *b = rel->blocks;
	cr_assert(eq(int, b[0].kind, LP_BLOCK_LIST_ITEM));
	cr_assert(eq(str, (char *)b[0].text, "Ставка"));
	cr_assert(eq(int, b[1].kind, LP_BLOCK_FIGURE));
	cr_assert(eq(int, b[1].level, 1));
	cr_assert(eq(int, b[2].kind, LP_BLOCK_FIGURE));
	cr_assert(eq(int, b[2].quote_depth, 1));
}

Test(mdimage, nested_images_and_links_are_said)
{
	lp_release *rel = parse_ok("[![веза](a.png)](https://example.org)\n\n"
	                           "![спољна ![унутрашња](i.png) слика](o.png)\n");
	cr_assert(eq(u32, rel->n_blocks, 2));
	cr_assert(eq(str, (char *)rel->blocks[1].figure->alt, "спољна унутрашња слика"));
	cr_assert(eq(sz, lp_diag_size(diag), 2));
	cr_assert(ne(ptr, strstr(message(0), "inside a link"), NULL), "%s", message(0));
	cr_assert(ne(ptr, strstr(message(1), "inside another image's description"), NULL), "%s",
	        message(1));
}

/* A picture in a table's cell stays in that cell: a cell of nothing else
 * keeps its place in its row (the cells after it in their columns), and
 * no figure leaves the table. A title, which a cell does not print, is
 * said at its image's path. */
Test(mdimage, a_picture_in_a_table_cell_stays_in_its_cell)
{
	lp_release *rel = parse_ok("| Име | Слика | Улога |\n|---|---|---|\n"
	                           "| Ана | ![Анина слика](a.png) | председница |\n"
	                           "| Иван | види ![Иван](b.png \"Иван, 2024\") ово | заменик |\n");
	cr_assert(eq(u32, rel->n_blocks, 1));
	const lp_table *t = rel->blocks[0].table;
	cr_assert(ne(ptr, (void *)t, NULL));
	cr_assert(eq(u32, t->n_rows, 3));
	const lp_block *c = t->cells;
	cr_assert(eq(u32, c[4].len, 0));
	cr_assert(eq(u32, c[4].n_pictures, 1));
	cr_assert(eq(str, (char *)c[4].pictures[0].path, "a.png"));
	cr_assert(eq(str, (char *)c[4].pictures[0].alt, "Анина слика"));
	cr_assert(eq(str, (char *)c[5].text, "председница"));
	cr_assert(eq(str, (char *)c[7].text, "види ово"));
	cr_assert(eq(u32, c[7].n_pictures, 1));
	cr_assert(eq(str, (char *)c[7].pictures[0].alt, "Иван"));
	cr_assert(eq(str, (char *)c[8].text, "заменик"));
	for (uint32_t i = 0; i < 9; i++)
		cr_assert(eq(u32, c[i].n_pictures, i == 4 || i == 7), "cell %u", i);
	cr_assert(eq(sz, lp_diag_size(diag), 1));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(ne(ptr, strstr(e->message, "title is not printed"), NULL), "%s", e->message);
	cr_assert(eq(u32, e->line, 4));
	cr_assert(eq(u32, e->col, 23)); /* the path */
}

Test(mdimage, an_image_without_a_path_is_an_error)
{
	lp_release *rel;
	const char *text = "Текст ![опис]().\n";
	cr_assert(eq(int, release_parse_as("body.md", text, strlen(text), &rel), LP_ERR_SYNTAX));
	cr_assert(ne(ptr, strstr(message(0), "names no file"), NULL), "%s", message(0));
}

/* A link destination is URL-like: a relative path's %XX escapes are
 * decoded (UTF-8 bytes too), in a table's cell as well; a '%' without two
 * hex digits after it is kept, as browsers keep it; an address with a
 * scheme is left as written. Leading out of the folder is refused later,
 * when the decoded path is read (the picture's reader, docs/security.md). */
Test(mdimage, a_paths_percent_escapes_are_decoded_malformed_ones_kept)
{
	lp_release *rel = parse_ok("![a](my%20pic.png)\n\n![b](%D0%B3%D1%80%D0%B1.png)\n\n"
	                           "![c](a%G1b%2.png%)\n\n![d](<100%25 %2e%2e%2Fx.png>)\n\n"
	                           "![e](https://example.org/a%20b.png)\n\n"
	                           "![f](data:image/png;base64,iVBO%2B)\n\n"
	                           "| Име | Слика |\n|---|---|\n| Ана | ![g](%D0%90%20a.png) |\n");
	cr_assert(eq(u32, rel->n_blocks, 7));
	const char *want[] = {"my pic.png", "грб.png", "a%G1b%2.png%", "100% ../x.png",
	        "https://example.org/a%20b.png", "data:image/png;base64,iVBO%2B"};
	for (int i = 0; i < 6; i++) {
		cr_assert(eq(int, rel->blocks[i].kind, LP_BLOCK_FIGURE), "block %d", i);
		cr_assert(eq(str, (char *)rel->blocks[i].figure->path, (char *)want[i]));
	}
	cr_assert(eq(str, (char *)rel->blocks[0].figure->written, "my%20pic.png"));
	const lp_table *t = rel->blocks[6].table;
	cr_assert(ne(ptr, (void *)t, NULL));
	cr_assert(eq(u32, t->cells[3].n_pictures, 1));
	cr_assert(eq(str, (char *)t->cells[3].pictures[0].path, "А a.png"));
	cr_assert(eq(str, (char *)t->cells[3].pictures[0].written, "%D0%90%20a.png"));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

/* %00 would cut the path short at a NUL and name another file: an error
 * at the path, in a cell as outside tables. */
Test(mdimage, a_nul_escape_in_a_path_is_an_error_at_the_path)
{
	const char *texts[] = {"Текст.\n\n![слика](pic.png%00.txt)\n",
	        "| а | б |\n|---|---|\n| в | ![слика](a%2500%00) |\n"};
	uint32_t line[] = {3, 3}, col[] = {10, 16};
	for (int i = 0; i < 2; i++) {
		size_t before = lp_diag_size(diag);
		lp_release *rel;
		cr_assert(eq(int, release_parse_as("body.md", texts[i], strlen(texts[i]), &rel),
		        LP_ERR_SYNTAX));
		cr_assert(eq(sz, lp_diag_size(diag), before + 1));
		const lp_diag_entry *e = lp_diag_at_index(diag, before);
		cr_assert(ne(ptr, (void *)e, NULL));
		cr_assert(eq(int, e->severity, LP_ERROR));
		cr_assert(ne(ptr, strstr(e->message, "has the escape %00, a NUL byte"), NULL), "%s",
		        e->message);
		cr_assert(eq(u32, e->line, line[i]), "%s", e->message);
		cr_assert(eq(u32, e->col, col[i]), "%s", e->message);
	}
}

static size_t
read_image(const char *name, char *buf, size_t size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/images/%s", LP_TEST_DATA_DIR, name);
	FILE *f = fopen(path, "rb");
	cr_assert(ne(ptr, f, NULL), "%s", path);
	size_t n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

Test(mdimage, density_from_phys_and_jfif)
{
	static char buf[1 << 16];
	float x = 0, y = 0;
	size_t n = read_image("body-300ppi.png", buf, sizeof buf);
	cr_assert(lp_image_density(buf, n, &x, &y));
	cr_assert(lt(flt, 299.99f, x), "%f", x);
	cr_assert(lt(flt, x, 300.01f), "%f", x);
	cr_assert(lt(flt, 299.99f, y), "%f", y);
	cr_assert(lt(flt, y, 300.01f), "%f", y);
	n = read_image("photo-150ppi.jpg", buf, sizeof buf);
	cr_assert(lp_image_density(buf, n, &x, &y));
	cr_assert(eq(flt, x, 150.0f));
	/* No pHYs; a JFIF aspect ratio only; cut short: none. */
	x = 7;
	n = read_image("gray.png", buf, sizeof buf);
	cr_assert(not(lp_image_density(buf, n, &x, &y)));
	n = read_image("photo.jpg", buf, sizeof buf);
	cr_assert(not(lp_image_density(buf, n, &x, &y)));
	n = read_image("body-300ppi.png", buf, sizeof buf);
	for (size_t cut = 0; cut < 8 + 25 + 21; cut++) /* signature, IHDR, pHYs */
		cr_assert(not(lp_image_density(buf, cut, &x, &y)), "%zu", cut);
	cr_assert(eq(flt, x, 7.0f));
}

/* The title is text the reader sees: the text policy holds it, at its
 * place in the file. */
Test(mdimage, the_title_is_held_to_the_text_policy_where_it_is_written)
{
	lp_release *rel;
	const char *text = "![опис](a.png \"наслов \xE2\x80\xAE обрнут\")\n";
	cr_assert(eq(int, release_parse_as("body.md", text, strlen(text), &rel), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_assert(eq(u32, e->line, 1));
	cr_assert(eq(u32, e->col, 23), "%s", e->message);
}

/* A heading of nothing but a picture is replaced by it, as a paragraph
 * is; the title gets the language's quotation marks. */
Test(mdimage, a_heading_of_a_picture_alone_is_replaced_and_the_title_quoted)
{
	lp_release *rel = parse_ok("# ![Грб](grb.png 'Грб \"града\"')\n\nТекст.\n");
	cr_assert(eq(u32, rel->n_blocks, 2));
	cr_assert(eq(int, rel->blocks[0].kind, LP_BLOCK_FIGURE));
	cr_assert(eq(str, (char *)rel->blocks[0].figure->title, "Грб „града”"));
	cr_assert(eq(int, rel->blocks[1].kind, LP_BLOCK_PARAGRAPH));
}
