/* GFM tables in a release's body (issue 16, item 1): set as tables, seen
 * by real readers. Word boxes from `pdftotext -bbox` (poppler) give the
 * columns' widths and alignment; `pdftotext -raw`, `pdfinfo -struct-text`
 * (poppler) and pdf.js's getStructTree the reading order; a long table
 * repeats its header on the pages it continues on; hostile tables (ragged
 * rows, empty cells, 128 columns, 129) never crash. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>

#include "bbox_util.h"
#include "../support/raster_doc.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 20];

LP_TEST_TEMP_DIR_SUITE(tables);

static const char head[] = "---\ntitle: Т\nplace: Београд\ndate: 2024-02-20\n---\n\n";

static void
write_release(const char *name, const char *body)
{
	write_headed(dir, head, name, body);
}

static const char body[] =
        "Пре табеле.\n\n"
        "| Град | Број | Белешка |\n"
        "|:--|--:|:-:|\n"
        "| Ниш | 12 | x |\n"
        "| Нови Сад | 4567 | Главни град Војводине, на Дунаву, са универзитетом, позориштем "
        "и музејима, и Петроварадинском тврђавом преко реке |\n\n"
        "После табеле.\n";

/* Columns line up as the delimiter row says: the left one with the text
 * above, the right one's numbers at their header's right edge, the
 * centred one's words about their header's middle; the rules span the
 * measure; a long cell wraps inside its column and its row grows. */
Test(tables, columns_align_wrap_and_span_the_measure, .timeout = 60)
{
	write_release("t.md", body);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/t.md -o %s/t.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(eq(ptr, strstr(out, "warning"), NULL), "%s", out);
	static char bbox[1 << 16];
	cr_assert(eq(int, sh(bbox, sizeof bbox, "pdftotext -bbox %s/t.pdf -", dir), 0));
	box pre = word(bbox, "Пре", NULL), grad = word(bbox, "Град", NULL),
	    nis = word(bbox, "Ниш", NULL), broj = word(bbox, "Број", NULL),
	    n12 = word(bbox, "12", NULL), n4567 = word(bbox, "4567", NULL),
	    bel = word(bbox, "Белешка", NULL), x = word(bbox, "x", NULL);
	cr_assert(ieee_ulp_eq(dbl, grad.x0, pre.x0, 4), "%f %f", grad.x0, pre.x0);
	cr_assert(ieee_ulp_eq(dbl, nis.x0, pre.x0, 4));
	cr_assert(lt(dbl, fabs(n12.x1 - broj.x1), 0.05), "%f %f", n12.x1, broj.x1);
	cr_assert(lt(dbl, fabs(n4567.x1 - broj.x1), 0.05));
	cr_assert(lt(dbl, fabs((x.x0 + x.x1) / 2 - (bel.x0 + bel.x1) / 2), 0.05));
	/* Rows top to bottom, a row's cells on one baseline. */
	cr_assert(lt(dbl, fabs(nis.y1 - n12.y1), 0.05));
	cr_assert(lt(dbl, grad.y1, nis.y0));
	/* The long cell: lines inside its column (right of the numbers, within
	 * the measure), two at least, all above the text after. */
	const char *from = NULL;
	box first = word(bbox, "Главни", &from), last = word(bbox, "реке", &from),
	    after = word(bbox, "После", NULL);
	cr_assert(lt(dbl, broj.x1, first.x0));
	cr_assert(lt(dbl, first.y0 + 10, last.y0), "%f %f", first.y0, last.y0);
	cr_assert(lt(dbl, last.y1, after.y0));
	cr_assert(lt(dbl, fabs(first.y1 - n4567.y1), 0.05)); /* rows align at the top */
	/* The rules: above, under the header and below, as wide as the
	 * measure (the plain layout's 160 mm from 25 mm). */
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/t.md", dir), 0), "%s", out);
	const char *p = out;
	int outer = 0, mid = 0;
	while ((p = strstr(p, "\nrule 70.87,"))) {
		p++;
		cr_assert(ne(ptr, strstr(p, " 524.41,"), NULL));
		outer += strncmp(strstr(p, "width="), "width=0.8 ", 10) == 0;
		mid += strncmp(strstr(p, "width="), "width=0.5 ", 10) == 0;
	}
	cr_assert(eq(int, outer, 2), "%s", out);
	cr_assert(eq(int, mid, 1), "%s", out);
	/* The header in bold, the body cells not. */
	cr_assert(
	        ne(ptr, strstr(out, "NotoSerif-Bold size=11 color=#000000 glyphs=4 text=\"Град\""),
	                NULL),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "NotoSerif-Regular size=11 color=#000000 glyphs=3 "
	                              "text=\"Ниш\""),
	                  NULL),
	        "%s", out);
}

/* Text comes out row by row, cell by cell: in the content stream
 * (pdftotext -raw) and in the structure tree (poppler, pdf.js) as Table >
 * TR > TH/TD, the header cells scoped to their columns. */
Test(tables, reading_order_and_structure, .timeout = 60)
{
	write_release("t.md", body);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/t.md -o %s/t.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext -raw %s/t.pdf -", dir), 0));
	cr_assert(ne(ptr,
	                  strstr(out,
	                          "Пре табеле.\nГрад Број Белешка\nНиш 12 x\nНови Сад 4567 Главни"),
	                  NULL),
	        "%s", out);
	/* pdf.js and MuPDF read the content in its order too (poppler's
	 * default mode reorders by its own analysis of the layout). */
	cr_assert(eq(int,
	        sh(out, sizeof out, "'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdf-text.mjs' %s/t.pdf",
	                dir),
	        0));
	cr_assert(ne(ptr, strstr(out, "Град Број Белешка\nНиш 12 x\nНови Сад 4567 Главни"), NULL),
	        "%s", out);
	cr_assert(eq(int,
	        sh(out, sizeof out, "mutool draw -q -F txt -o - %s/t.pdf 2>/dev/null", dir), 0));
	const char *words[] = {
	        "Град", "Број", "Белешка", "Ниш", "12", "x", "Нови Сад", "4567", "Главни", "После"};
	const char *at = out;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		const char *q = strstr(at, words[i]);
		cr_assert(ne(ptr, (void *)q, NULL), "mutool: %s out of order in %s", words[i], out);
		at = q + strlen(words[i]);
	}
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/t.pdf", dir), 0));
	const char *order[] = {"Table", "TR", "TH", "\"Град\"", "TH", "\"Број\"", "TH",
	        "\"Белешка\"", "TR", "TD", "\"Ниш\"", "TD", "\"12\"", "TD", "\"x\"", "TR", "TD",
	        "\"Нови Сад\"", "TD", "\"4567\"", "TD", "\"Главни", "P", "\"После табеле.\""};
	const char *p = strstr(out, "\"Пре табеле.\"");
	cr_assert(ne(ptr, (void *)p, NULL), "%s", out);
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *q = strstr(p, order[i]);
		cr_assert(ne(ptr, (void *)q, NULL), "%s after %.40s in %s", order[i], p, out);
		p = q + strlen(order[i]);
	}
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdf-struct.mjs' %s/t.pdf",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "TR: Град Број Белешка\n        TH: Град\n        TH: Број"),
	                  NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "TR: Ниш 12 x\n        TD: Ниш\n        TD: 12\n        TD: x"),
	                NULL),
	        "%s", out);
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "qpdf --qdf --object-streams=disable %s/t.pdf - | "
	                "grep -a -c '/Scope /Column'",
	                dir),
	        0));
	cr_assert(eq(int, atoi(out), 3), "%s", out);
}

/* A table longer than a page continues on the next, rows whole, its
 * header again on top (an artifact there: the structure has it once). */
Test(tables, a_long_table_repeats_its_header_on_each_page, .timeout = 60)
{
	static char text[1 << 14];
	size_t n = (size_t)snprintf(text, sizeof text, "Увод.\n\n| Ред | Вредност |\n|---|--:|\n");
	for (int i = 1; i <= 80; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "| Ред %d | %d |\n", i, i * 37);
	snprintf(text + n, sizeof text - n, "\nКрај.\n");
	write_release("long.md", text);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/long.md -o %s/long.pdf", dir, dir), 0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo %s/long.pdf | grep Pages", dir), 0));
	int pages = atoi(strchr(out, ':') + 1);
	cr_assert(lt(int, 1, pages), "%s", out);
	int rows = 0;
	for (int pg = 1; pg <= pages; pg++) {
		cr_assert(eq(int,
		        sh(out, sizeof out, "pdftotext -raw -f %d -l %d %s/long.pdf -", pg, pg,
		                dir),
		        0));
		const char *h = strstr(out, "Ред Вредност\n");
		cr_assert(ne(ptr, (void *)h, NULL), "page %d: %s", pg, out);
		/* On a continued page the header comes first. */
		if (pg > 1)
			cr_assert(eq(ptr, (void *)h, (void *)out), "page %d: %s", pg, out);
		const size_t red = strlen("Ред ");
		for (const char *p = out; (p = strstr(p, "Ред ")); p += red)
			rows += p[red] >= '0' && p[red] <= '9';
	}
	cr_assert(eq(int, rows, 80));
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/long.pdf", dir), 0));
	int th = 0, tr = 0;
	for (const char *p = out; (p = strstr(p, " TH:\n         /Scope /Column\n")); p++)
		th++;
	for (const char *p = out; (p = strstr(p, " TR\n")); p++)
		tr++;
	cr_assert(eq(int, th, 2), "%s", out);
	cr_assert(eq(int, tr, 81));
}

/* Hostile tables render: rows shorter and longer than the header, empty
 * cells and rows, a cell of one long word, 128 columns (too many for the
 * measure: words broken, and a warning at the table); 129 columns are
 * refused at the table's line with the data error status. */
Test(tables, bad_tables_never_crash, .timeout = 120)
{
	static char text[1 << 15];
	size_t n = (size_t)snprintf(text, sizeof text,
	        "| а | б | в |\n|---|:-:|--:|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n|  |  |  |\n"
	        "| Ђ%s |\n\n| самотна |\n|---|\n\n",
	        "ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа"
	        "аааааааааааааааааааааааааааааааа");
	for (int row = 0; row < 3; row++) {
		for (int c = 0; c < 128; c++)
			n += (size_t)snprintf(
			        text + n, sizeof text - n, row == 1 ? "|---" : "|%d%d", c, row);
		n += (size_t)snprintf(text + n, sizeof text - n, "|\n");
	}
	write_release("bad.md", text);
	for (int f = 0; f < 2; f++) {
		cr_assert(eq(int,
		                  sh(out, sizeof out, LP " render %s/bad.md -o %s/bad.%s", dir, dir,
		                          f ? "png" : "pdf"),
		                  0),
		        "%s", out);
		cr_assert(
		        ne(ptr, strstr(out, "bad.md:17:1: warning: this table's 128 columns need"),
		                NULL),
		        "%s", out);
	}
	/* One word for the 128 columns, none for each word broken in them. */
	const char *w128 = strstr(out, "bad.md:17:1: warning: this table's 128 columns need");
	cr_assert(eq(ptr, strstr(w128, "broken without a hyphen"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(w128, "line wider than the measure"), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "qpdf --check %s/bad.pdf", dir), 0), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext -raw %s/bad.pdf -", dir), 0));
	cr_assert(ne(ptr, strstr(out, "самотна"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "| 4"), NULL), "%s", out);

	char wide[1 << 12];
	size_t w = 0;
	for (int row = 0; row < 2; row++) {
		for (int c = 0; c < 129; c++)
			w += (size_t)snprintf(
			        wide + w, sizeof wide - w, row == 1 ? "|---" : "|%d", c);
		w += (size_t)snprintf(wide + w, sizeof wide - w, "|\n");
	}
	write_release("wide.md", wide);
	int rc = sh(out, sizeof out, LP " render %s/wide.md -o %s/wide.pdf", dir, dir);
	cr_assert(eq(int, rc, 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "wide.md:7:1: error: this table has 129 columns"), NULL),
	        "%s", out);
	snprintf(text, sizeof text, "%s/wide.pdf", dir);
	cr_assert(not(file_exists(text)));
}

/* An empty cell keeps its place in its row's structure (a reader counts
 * the cells before one to know its column): it shows a space. */
Test(tables, an_empty_cell_keeps_its_place_in_the_structure, .timeout = 60)
{
	write_release("e.md", "| а | б | в |\n|---|---|---|\n|  | x |\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/e.md -o %s/e.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/e.pdf", dir), 0));
	cr_assert(ne(ptr,
	                  strstr(out, "    TR\n      TD\n        \" \"\n      TD\n        \"x\"\n"
	                              "      TD\n        \" \"\n"),
	                  NULL),
	        "%s", out);
}

/* A table in a list item starts where the item's marker does; one in a
 * block quote is indented as its paragraphs are; both reach the measure's
 * right edge, and their structure nests (LBody, BlockQuote). */
Test(tables, tables_in_lists_and_quotes_are_indented_with_them, .timeout = 60)
{
	write_release("n.md", "- Ставка:\n\n  | а | б |\n  |---|--:|\n  | један | 1 |\n\n"
	                      "> Цитат:\n>\n> | ц | д |\n> |:-:|---|\n> | x | y |\n\nКрај.\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/n.md", dir), 0), "%s", out);
	const char *bullet = strstr(out, "text=\"•");
	cr_assert(ne(ptr, (void *)bullet, NULL), "%s", out);
	double bx = 0, qx = 0;
	cr_assert(eq(int, sscanf(strchr(bullet, '@') + 1, "%lf", &bx), 1));
	const char *quote = strstr(out, "text=\"Цитат:\" [");
	cr_assert(ne(ptr, (void *)quote, NULL), "%s", out);
	cr_assert(eq(int, sscanf(strchr(quote, '@') + 1, "%lf", &qx), 1));
	char want[64];
	snprintf(want, sizeof want, "\nrule %.2f,", bx);
	cr_assert(ne(ptr, strstr(out, want), NULL), "%s in %s", want, out);
	snprintf(want, sizeof want, "\nrule %.2f,", qx);
	cr_assert(ne(ptr, strstr(out, want), NULL), "%s in %s", want, out);
	cr_assert(lt(dbl, bx, qx));
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/n.md -o %s/n.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/n.pdf", dir), 0));
	cr_assert(ne(ptr, strstr(out, "      LBody (block)\n        \"Ставка:\"\n        Table"),
	                  NULL),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "    P (block)\n      \"Цитат:\"\n    Table"), NULL), "%s",
	        out);
}

/* The raster backend draws tables from the same display list: a PNG at
 * 72 dpi (a pixel a point) has the table's three rules, each a dark row
 * across the measure, and nothing else that wide. */
Test(tables, a_png_preview_draws_the_rules, .timeout = 60)
{
	write_release("t.md", body);
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render %s/t.md -o %s/t.png --dpi 72 --grey", dir,
	                          dir),
	                  0),
	        "%s", out);
	char path[4096];
	snprintf(path, sizeof path, "%s/t.png", dir);
	uint32_t w, h;
	uint8_t *px;
	cr_assert(lp_test_png_read_grey(path, &w, &h, &px));
	int rules = 0;
	bool was = false;
	for (uint32_t y = 0; y < h; y++) {
		uint32_t dark = 0;
		for (uint32_t x = 71; x < 524 && x < w; x++)
			dark += px[(size_t)y * w + x] < 160;
		bool rule = dark > 440;
		rules += rule && !was;
		was = rule;
	}
	free(px);
	cr_assert(eq(int, rules, 3));
}

/* A layout's `table` style sets the cells and its `table-header` style
 * the header; the rules take the colour of the layout's separator. */
Test(tables, a_layouts_table_styles_and_rule_colour, .timeout = 60)
{
	write_text(dir, "l.yaml",
	        "styles:\n  body: {family: Noto Serif, size: 11pt}\n"
	        "  table: {family: Noto Sans, size: 9pt, color: \"#202060\"}\n"
	        "  table-header: {family: Noto Sans, size: 9pt, style: italic}\n"
	        "first-page:\n  body: {x: 25mm, y: 30mm, width: 160mm, height: 230mm}\n"
	        "  blocks:\n    - {kind: separator, x: 25mm, y: 280mm, width: 160mm, color: "
	        "\"#333333\"}\n");
	write_text(dir, "s.md",
	        "---\nlayout: l.yaml\ntitle: Т\nplace: Б\ndate: 2024-02-20\n---\n\n"
	        "| Град | Број |\n|---|--:|\n| Ниш | 12 |\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/s.md", dir), 0), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "NotoSans-Italic size=9 color=#000000 glyphs=4 text=\"Град\""),
	                NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "NotoSans-Regular size=9 color=#202060 glyphs=3 text=\"Ниш\""),
	                NULL),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "width=0.8 color=#333333"), NULL), "%s", out);
}
