/* letterpress render/check/layouts as a user runs them, checked with real
 * PDF readers (qpdf, pdftotext, pdffonts, pdfinfo). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS
#define EXAMPLES LP_TEST_SRCDIR "/examples"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(render, 120);

Test(render, seed_example_renders_and_passes_qpdf)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES "/predsednik-2024-02-20.md -o %s/s.pdf",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "qpdf --check %s/s.pdf", dir), 0), "%s", out);
	cr_assert(eq(ptr, strstr(out, "WARNING"), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo %s/s.pdf | grep -E '^Pages:'", dir), 0));
	cr_assert(ne(ptr, strstr(out, " 1\n"), NULL), "the seed fits one page: %s", out);
	cr_assert(le(i64, file_size(strcat(strcpy(out, dir), "/s.pdf")), 60 * 1024));
}

Test(render, seed_text_extracts_in_order)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES "/predsednik-2024-02-20.md -o %s/s.pdf",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	        sh(out, sizeof out, "pdftotext -enc UTF-8 %s/s.pdf - | tr -s ' \\n' ' '", dir), 0));
	const char *want[] = {"РЕПУБЛИКА СРБИЈА", "САОПШТЕЊЕ ЗА МЕДИЈЕ",
	        "Председник Републике Србије Александар Вучић разговарао је данас телефоном",
	        "територијалног интегритета Србије", "Београд, 20. фебруар 2024. године",
	        "mediji@predsednik.rs", "www.predsednik.rs"};
	const char *at = out;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *hit = strstr(at, want[i]);
		cr_assert(ne(ptr, (void *)hit, NULL), "missing or out of order: %s\n--- text:\n%s",
		        want[i], out);
		at = hit;
	}
}

Test(render, fonts_are_embedded_subset_unicode)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES "/predsednik-2024-02-20.md -o %s/s.pdf",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdffonts %s/s.pdf | tail -n +3", dir), 0));
	int fonts = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"), fonts++)
		cr_assert(ne(ptr, strstr(line, "yes yes yes"), NULL), "font not emb/sub/uni: %s",
		        line);
	cr_assert(ge(int, fonts, 2));
}

Test(render, links_in_footer_are_annotations)
{
	cr_assert(eq(int,
	        sh(out, sizeof out, LP " render " EXAMPLES "/predsednik-2024-02-20.md -o %s/s.pdf",
	                dir),
	        0));
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "qpdf --qdf --object-streams=disable %s/s.pdf - | grep -a '/URI'", dir),
	        0));
	cr_assert(ne(ptr, strstr(out, "mailto:mediji@predsednik.rs"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "http://www.predsednik.rs"), NULL), "%s", out);
}

Test(render, same_input_same_bytes)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP
	                          " render " EXAMPLES "/predsednik-2024-02-20.md -o %s/a.pdf && " LP
	                          " render " EXAMPLES
	                          "/predsednik-2024-02-20.md -o %s/b.pdf && cmp %s/a.pdf %s/b.pdf",
	                          dir, dir, dir, dir),
	                  0),
	        "%s", out);
}

Test(render, stdin_to_stdout)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cat " EXAMPLES "/predsednik-2024-02-20.md | " LP
	                          " render - -o - > %s/o.pdf && qpdf --check %s/o.pdf",
	                          dir, dir),
	                  0),
	        "%s", out);
}

Test(render, seed_without_front_matter_uses_default_layout)
{
	cr_assert(
	        eq(int,
	                sh(out, sizeof out,
	                        LP " render " EXAMPLES "/seed-saopstenje-2024-02-20.md -o %s/p.pdf",
	                        dir),
	                0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext %s/p.pdf - | tr -s ' \\n' ' '", dir), 0));
	/* The seed spaces its title out with real spaces; readers join such
	 * letters or not as they like, so check the words around it. */
	cr_assert(ne(ptr, strstr(out, "ПРЕДСЕДНИКА РЕПУБЛИКЕ"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Председник Републике Србије Александар Вучић"), NULL), "%s",
	        out);
	cr_assert(ne(ptr, strstr(out, "Београд, 20. фебруар 2024. године"), NULL), "%s", out);
}

Test(render, every_example_renders_cleanly)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "for f in " EXAMPLES "/*.md; do " LP
	                          " render -q \"$f\" -o %s/x.pdf "
	                          "&& qpdf --check %s/x.pdf > /dev/null || { echo \"FAILED $f\"; "
	                          "exit 1; }; done",
	                          dir, dir),
	                  0),
	        "%s", out);
}

Test(render, missing_input_is_66_and_writes_nothing)
{
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/none.md -o %s/x.pdf", dir, dir), 66));
	cr_assert(ne(ptr, strstr(out, "none.md"), NULL), "%s", out);
	cr_assert(eq(int, count_files(dir), 0));
}

Test(render, bad_front_matter_is_65_with_line_and_column)
{
	char path[128];
	snprintf(path, sizeof path, "%s/bad.md", dir);
	FILE *f = fopen(path, "w");
	fputs("---\nlayout: predsednik\ndate: 2024-02-30\n---\nТекст.\n", f);
	fclose(f);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s -o %s/x.pdf", path, dir), 65));
	cr_assert(ne(ptr, strstr(out, "bad.md:3:"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "error"), NULL), "%s", out);
	cr_assert(eq(int, count_files(dir), 1));
}

Test(render, unknown_layout_and_unwritable_output)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES
	                             "/predsednik-2024-02-20.md --layout nosuch -o %s/x.pdf",
	                          dir),
	                  66),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES
	                             "/predsednik-2024-02-20.md -o /nonexistent/x.pdf"),
	                  73),
	        "%s", out);
	cr_assert(eq(int, count_files(dir), 0));
}

Test(render, existing_output_survives_a_failed_render)
{
	char path[128];
	snprintf(path, sizeof path, "%s/keep.pdf", dir);
	FILE *f = fopen(path, "w");
	fputs("precious", f);
	fclose(f);
	char bad[128];
	snprintf(bad, sizeof bad, "%s/bad.md", dir);
	f = fopen(bad, "w");
	fputs("---\ntitle: [unclosed\n---\n", f);
	fclose(f);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s -o %s", bad, path), 65), "%s", out);
	cr_assert(eq(i64, file_size(path), 8));
	cr_assert(eq(int, count_files(dir), 2));
}

Test(render, check_writes_nothing_and_reports)
{
	cr_assert(
	        eq(int,
	                sh(out, sizeof out,
	                        "cd %s && " LP " check " EXAMPLES "/seed-saopstenje-2024-02-20.md",
	                        dir),
	                0),
	        "%s", out);
	/* The seed writes EXPO in Cyrillic letters: the lint says so. */
	cr_assert(ne(ptr, strstr(out, "warning"), NULL), "%s", out);
	cr_assert(eq(int, count_files(dir), 0));
	cr_assert(eq(int, sh(out, sizeof out, LP " check " EXAMPLES "/x.md -o y.pdf"), 64));
}

Test(render, layouts_lists_the_shipped_layouts)
{
	cr_assert(eq(int, sh(out, sizeof out, LP " layouts"), 0));
	const char *names[] = {"predsednik", "memorandum", "latinica", "plain"};
	for (size_t i = 0; i < 4; i++)
		cr_assert(ne(ptr, strstr(out, names[i]), NULL), "missing %s in\n%s", names[i], out);
}

Test(render, long_release_gets_page_numbers)
{
	/* 20,000 words of Serbian prose in many paragraphs. */
	char gen[512];
	snprintf(gen, sizeof gen, "%s/long.md", dir);
	FILE *f = fopen(gen, "w");
	fputs("---\nlayout: memorandum\ntitle: Дугачак извештај\nplace: Београд\ndate: 2024-02-20\n"
	      "number: 011-00-1/2024\norgan: [Република Србија, Министарство]\n---\n",
	        f);
	const char *words[] = {"сарадња", "Република", "економски", "односи", "развој",
	        "инфраструктура", "пољопривреда", "међународног", "права", "заједничких",
	        "интереса", "и", "у", "са", "да"};
	for (int w = 0; w < 20000; w++) {
		fputs(words[(w * 7 + w / 13) % 15], f);
		fputs((w + 1) % 90 == 0 ? ".\n\n" : " ", f);
	}
	fputs(".\n", f);
	fclose(f);
	cr_assert(eq(int, sh(out, sizeof out, LP " render -q %s -o %s/long.pdf", gen, dir), 0),
	        "%s", out);
	cr_assert(eq(int,
	        sh(out, sizeof out, "pdfinfo %s/long.pdf | awk '/^Pages:/{print $2}'", dir), 0));
	int pages = atoi(out);
	cr_assert(lt(int, 20, pages));
	char want[64];
	snprintf(want, sizeof want, "Страна %d/%d", pages, pages);
	cr_assert(eq(int,
	        sh(out, sizeof out, "pdftotext -f %d -l %d %s/long.pdf -", pages, pages, dir), 0));
	cr_assert(ne(ptr, strstr(out, want), NULL), "no '%s' on the last page:\n%s", want, out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext -f 2 -l 2 %s/long.pdf -", dir), 0));
	snprintf(want, sizeof want, "Страна 2/%d", pages);
	cr_assert(ne(ptr, strstr(out, want), NULL), "no '%s' on page 2", want);
}

Test(render, pdfjs_reads_the_title_as_words)
{
	if (!LP_TEST_NODE[0] || !file_exists(LP_TEST_JS_DIR "/node_modules/pdfjs-dist"))
		cr_skip_test("pdf.js is not installed (./setup --test installs it)");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES
	                             "/predsednik-2024-02-20.md -o %s/s.pdf && '" LP_TEST_NODE
	                             "' '" LP_TEST_JS_DIR "/pdf-text.mjs' %s/s.pdf",
	                          dir, dir),
	                  0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "САОПШТЕЊЕ ЗА МЕДИЈЕ"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "mediji@predsednik.rs"), NULL), "%s", out);
}

/* A memorandum with a signature picture beside the release, a watermark and
 * a field of its own. */
static void
write_signed_release(const char *image)
{
	char path[128];
	snprintf(path, sizeof path, "%s/signed.md", dir);
	FILE *f = fopen(path, "w");
	fprintf(f,
	        "---\nlayout: memorandum\ntitle: Обавештење\nplace: Крагујевац\ndate: 2024-10-15\n"
	        "number: 03-418/2024\norgan: [Република Србија, Град Крагујевац]\n"
	        "signature: {name: Петар Петровић, function: начелник, image: %s}\n"
	        "watermark: КОПИЈА\nprojekat: Дигитализација\n---\nПрви пасус.\n",
	        image);
	fclose(f);
}

Test(render, signature_picture_watermark_and_own_fields)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "cp " LP_TEST_DATA_DIR "/images/photo.jpg %s/potpis.jpg", dir);
	cr_assert(eq(int, system(cmd), 0));
	write_signed_release("potpis.jpg");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " render -q %s/signed.md -o %s/s.pdf", dir, dir), 0),
	        "%s", out);
	cr_assert(eq(
	        int, sh(out, sizeof out, "pdfimages -list %s/s.pdf | tail -n +3 | wc -l", dir), 0));
	cr_assert(eq(int, atoi(out), 1), "one picture expected, got %s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext %s/s.pdf - | tr -s ' \\n' ' '", dir), 0));
	cr_assert(ne(ptr, strstr(out, "Петар Петровић начелник"), NULL), "%s", out);
	/* The watermark is decoration: drawn, but not among the words. */
	cr_assert(eq(ptr, strstr(out, "КОП"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Број: 03-418/2024"), NULL), "%s", out);
	/* A field the layout prints nowhere is not a keyword either. */
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo %s/s.pdf", dir), 0));
	cr_assert(eq(ptr, strstr(out, "projekat"), NULL), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " check -q --dump=dlist %s/signed.md | grep -c '/0.15 "
	                             "rule=nonzero'",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, atoi(out), 1), "one translucent watermark expected: %s", out);
}

Test(render, missing_signature_picture_is_an_error_naming_it)
{
	write_signed_release("nema.png");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/signed.md -o %s/s.pdf", dir, dir), 66),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "nema.png"), NULL), "%s", out);
	cr_assert(not(file_exists(strcat(strcpy(out, dir), "/s.pdf"))));
}

/* Golden line dumps: every example's body lines (width, adjustment ratio,
 * text) as tests/golden/NAME.lines holds them. A difference is a line that
 * breaks differently; tests/golden/regenerate.sh writes new ones. */
Test(render, line_breaks_match_the_golden_dumps)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd " EXAMPLES " && for f in *.md; do n=${f%%.md}; " LP
	                          " check -q --dump=lines \"$f\" | diff -u " LP_TEST_SRCDIR
	                          "/tests/golden/$n.lines - "
	                          "|| exit 1; done"),
	                  0),
	        "line breaks changed:\n%s", out);
}

/* The dump names every item; the golden traces (test_golden.c) hold it
 * whole, this checks what a reader of the seed's page expects to find. */
Test(render, dlist_dump_describes_the_page)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " check -q --dump=dlist " EXAMPLES "/predsednik-2024-02-20.md "
	                             "| awk '{print $1}' | sort | uniq -c | tr -s ' \\n' ' '"),
	                  0),
	        "%s", out);
	/* 7 emblem paths, 75 glyph runs (3 organ lines, the title, the body
	 * lines, their break hyphens and each hyphenated word's second half
	 * twice, read-only and seen-only, dateline, footer), the end mark and
	 * the footer's hairline, two footer links, the title's bookmark. */
	cr_assert(eq(str, out,
	        " 1 document 2 link 21 node 1 outline 1 page 7 path 2 rule 45 tag 75 text "));
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " check -q --dump=dlist " EXAMPLES "/predsednik-2024-02-20.md "
	                             "| grep -E '^(page|link)'"),
	                  0),
	        "%s", out);
	cr_assert(eq(str, out,
	        "page 1 595.28x841.89\n"
	        "link 368.4,785.52 450.01,796.41 uri=\"mailto:mediji@predsednik.rs\"\n"
	        "link 261.63,796.02 333.64,806.91 uri=\"http://www.predsednik.rs\"\n"));
	cr_assert(eq(int, sh(out, sizeof out, LP " render " EXAMPLES "/x.md -o x.pdf --dump=lines"),
	        64));
}

Test(render, dates_come_from_the_release_or_source_date_epoch_or_nowhere)
{
	char path[128];
	snprintf(path, sizeof path, "%s/nodate.md", dir);
	FILE *f = fopen(path, "w");
	fputs("Текст без датума.\n", f);
	fclose(f);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "SOURCE_DATE_EPOCH=1700000000 " LP " render %s -o %s/a.pdf && "
	                          "pdfinfo %s/a.pdf | grep CreationDate",
	                          path, dir, dir),
	                  0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "Nov 14 22:13:20 2023"), NULL), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "env -u SOURCE_DATE_EPOCH " LP " render %s -o %s/b.pdf && "
	                          "pdfinfo %s/b.pdf | grep -c Date",
	                          path, dir, dir),
	                  1),
	        "no date expected: %s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render " EXAMPLES "/predsednik-2024-02-20.md -o %s/c.pdf && "
	                             "pdfinfo %s/c.pdf | grep CreationDate",
	                          dir, dir),
	                  0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "Feb 20 12:00:00 2024"), NULL), "%s", out);
}
