/* --pdfa 1b|2b|3b as a user runs it, and the bookmarks and page labels of
 * every PDF, read back with poppler (pdfinfo, pdfdetach), qpdf and MuPDF
 * (mutool). Preflight runs on every example in tests/pdfa/readers.sh. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS
#define EXAMPLES LP_TEST_SRCDIR "/examples"
#define LONG EXAMPLES "/long-izvestaj.md"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(pdfa, 120);

/* What the last command printed (out) holds, or does not. */
#define has(want) LP_EXPECT_IN(out, want)
#define lacks(unwanted) LP_EXPECT_NOT_IN(out, unwanted)

Test(pdfa, xmp_is_the_twin_of_the_info_dictionary)
{
	cr_assert(eq(int, sh(out, sizeof out, LP " render -q " LONG " -o %s/a.pdf --pdfa 2b", dir),
	                  0),
	        "%s", out);
	/* Uncompressed: the packet is in the file's bytes as they are. */
	cr_assert(eq(int, sh(out, sizeof out, "grep -ac 'pdfaid:part=\"2\"' %s/a.pdf", dir), 0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -meta %s/a.pdf", dir), 0), "%s", out);
	has(" pdfaid:conformance=\"B\"");
	has("<rdf:li xml:lang=\"x-default\">Извештај о спровођењу програма дигитализације архивске "
	    "грађе</rdf:li>");
	has("<dc:creator><rdf:Seq><rdf:li>РЕПУБЛИКА СРБИЈА — ИСТОРИЈСКИ АРХИВ ШУМАДИЈЕ — СЛУЖБА ЗА "
	    "ОДНОСЕ С ЈАВНОШЋУ</rdf:li>");
	has(" xmp:CreateDate=\"2024-10-15T12:00:00Z\"");
	has(" xmp:ModifyDate=\"2024-10-15T12:00:00Z\"");
	has(" xmp:CreatorTool=\"letterpress ");
	has(" pdf:Producer=\"letterpress ");
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -rawdates %s/a.pdf", dir), 0), "%s", out);
	has("CreationDate:    D:20241015120000Z\n");
	has("ModDate:         D:20241015120000Z\n");
	has("Author:          РЕПУБЛИКА СРБИЈА — ИСТОРИЈСКИ АРХИВ ШУМАДИЈЕ — СЛУЖБА ЗА ОДНОСЕ С "
	    "ЈАВНОШЋУ\n");
}

Test(pdfa, markup_characters_are_escaped_in_xmp)
{
	write_text(dir, "amp.md",
	        "---\ntitle: \"Tom & Jerry <live>\"\ndate: 2024-02-20\n---\n\nText.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render -q %s/amp.md -o %s/a.pdf --pdfa 1b", dir,
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -meta %s/a.pdf", dir), 0), "%s", out);
	has(">Tom &amp; Jerry &lt;live&gt;</rdf:li>");
}

Test(pdfa, keywords_carry_no_contact_data)
{
	write_text(dir, "f.md",
	        "---\ntitle: T\ndate: 2024-02-20\nprojekat: Дигитализација\nphone: \"+381 "
	        "34 300 100\"\n"
	        "email: press@danube.example\nweb: www.danube.example\nkontakt: \"+381 21 "
	        "480 2200\"\n"
	        "pisite: pisma@danube.example\n---\n\nText.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render -q %s/f.md -o %s/a.pdf --pdfa 2b", dir,
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -meta %s/a.pdf; pdfinfo %s/a.pdf", dir, dir),
	                  0),
	        "%s", out);
	/* The layout prints none of these fields: none is a keyword. */
	lacks("Keywords");
	lacks("projekat");
	lacks("danube");
	lacks("+381");
	/* A keywords field is the keywords. */
	write_text(dir, "kw.md",
	        "---\ntitle: T\nkeywords: [archives, digitisation]\nprojekat: 7\n---\n\nText.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/kw.md -o %s/k.pdf && pdfinfo %s/k.pdf", dir,
	                          dir, dir),
	                  0),
	        "%s", out);
	has("Keywords:        archives, digitisation\n");
}

Test(pdfa, output_intent_and_printable_links)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " EXAMPLES
	                             "/predsednik-2024-02-20.md -o %s/a.pdf --pdfa 2b",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "qpdf --qdf --object-streams=disable %s/a.pdf - | grep -a -E "
	                          "'/S /GTS_PDFA1|/OutputConditionIdentifier|/N 3|/Subtype "
	                          "/Link|/F 4'",
	                          dir),
	                  0),
	        "%s", out);
	has("/S /GTS_PDFA1");
	has("/OutputConditionIdentifier (sRGB)");
	has("/N 3");
	int links = 0, printed = 0;
	for (const char *p = out; (p = strstr(p, "/Subtype /Link")); p++)
		links++;
	for (const char *p = out; (p = strstr(p, "/F 4")); p++)
		printed++;
	cr_assert(ge(int, links, 2), "%s", out);
	cr_assert(eq(int, printed, links), "every link needs /F 4:\n%s", out);
	/* The embedded profile: ICC version 2.1 (PDF/A-1 reads no later), a
	 * display profile of RGB with the XYZ connection space. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "qpdf --qdf --object-streams=disable %s/a.pdf %s/q.pdf && "
	                          "qpdf --show-object=$(grep -a -o '/DestOutputProfile [0-9]*' "
	                          "%s/q.pdf | grep -o '[0-9]*$') "
	                          "--filtered-stream-data %s/q.pdf | head -c 40 | od -A n -t x1 | "
	                          "tr -d ' \\n'",
	                          dir, dir, dir, dir),
	                  0),
	        "%s", out);
	has("021000006d6e74725247422058595a20"); /* 2.1.0, "mntr", "RGB ", "XYZ " */
}

Test(pdfa, same_input_same_bytes)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " LONG " -o %s/a.pdf --pdfa 3b && " LP
	                             " render -q " LONG
	                             " -o %s/b.pdf --pdfa 3b && cmp %s/a.pdf %s/b.pdf",
	                          dir, dir, dir, dir),
	                  0),
	        "%s", out);
}

Test(pdfa, three_b_carries_its_markdown_source)
{
	cr_assert(eq(int, sh(out, sizeof out, LP " render -q " LONG " -o %s/a.pdf --pdfa 3b", dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfdetach -list %s/a.pdf", dir), 0), "%s", out);
	has("1: long-izvestaj.md");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "pdfdetach -save 1 -o %s/src.md %s/a.pdf && cmp %s/src.md " LONG,
	                          dir, dir, dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "qpdf --qdf --object-streams=disable %s/a.pdf - | grep -a -E "
	                          "'/AF |/AFRelationship|/Subtype /text|/Size|pdfaid:part='",
	                          dir),
	                  0),
	        "%s", out);
	has("/AF [");
	has("/AFRelationship /Source");
	has("/Subtype /text#2fmarkdown");
	has("/Size 29533");
	has("pdfaid:part=\"3\"");
	/* 2b carries no file. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " LONG
	                             " -o %s/b.pdf --pdfa 2b && pdfdetach -list %s/b.pdf",
	                          dir, dir),
	                  0),
	        "%s", out);
	has("0 embedded files");
}

Test(pdfa, one_b_has_no_transparency)
{
	write_text(dir, "wm.md",
	        "---\nlayout: memorandum\ntitle: Обавештење\ndate: 2024-10-15\nwatermark: "
	        "КОПИЈА\n---\n\nПрви пасус.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/wm.md -o %s/t.pdf && qpdf --qdf %s/t.pdf - | "
	                             "grep -ac '/ca '",
	                          dir, dir, dir),
	                  0),
	        "%s", out);
	cr_assert(ge(int, atoi(out), 1), "the watermark is translucent in a plain PDF: %s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/wm.md -o %s/o.pdf --pdfa 1b && qpdf --qdf "
	                             "%s/o.pdf - | "
	                             "grep -ac '/ca \\|/CA \\|/SMask'",
	                          dir, dir, dir),
	                  1),
	        "%s", out);
	cr_assert(eq(int, atoi(out), 0), "PDF/A-1b with transparency: %s", out);
	cr_assert(eq(int, sh(out, sizeof out, "head -c 8 %s/o.pdf", dir), 0));
	has("%PDF-1.4");
	/* Drawn all the same: the page differs from one without the mark. */
	write_text(dir, "nowm.md",
	        "---\nlayout: memorandum\ntitle: Обавештење\ndate: "
	        "2024-10-15\n---\n\nПрви пасус.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/nowm.md -o %s/n.pdf --pdfa 1b && "
	                             "pdftoppm -r 20 -gray %s/o.pdf %s/o && pdftoppm -r 20 -gray "
	                             "%s/n.pdf %s/n && ! cmp -s %s/o-1.pgm %s/n-1.pgm",
	                          dir, dir, dir, dir, dir, dir, dir, dir),
	                  0),
	        "the watermark is gone: %s", out);
}

Test(pdfa, a_character_without_a_glyph_is_refused_with_its_line)
{
	/* U+1F6F8 FLYING SAUCER: in none of the bundled faces. */
	write_text(dir, "snow.md",
	        "---\ntitle: T\n---\n\nFirst.\n\nA saucer \xf0\x9f\x9b\xb8 here.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render %s/snow.md -o %s/s.pdf --pdfa 2b", dir,
	                          dir),
	                  65),
	        "%s", out);
	has("snow.md:7:");
	has("error: no font covers U+1F6F8");
	has("PDF/A");
	cr_assert(not(file_exists(strcat(strcpy(out, dir), "/s.pdf"))));
	/* Without PDF/A it is a warning and a box. */
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/snow.md -o %s/s.pdf", dir, dir), 0),
	        "%s", out);
	has("warning: no font covers U+1F6F8");
}

Test(pdfa, levels_it_cannot_meet_are_refused)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cp " LP_TEST_DATA_DIR "/images/emblem-alpha.png %s/p.png && cp " LP_TEST_DATA_DIR
	        "/images/cmyk.jpg %s/c.jpg",
	        dir, dir);
	cr_assert(eq(int, system(cmd), 0));
	write_text(dir, "alpha.md",
	        "---\nlayout: memorandum\ntitle: T\nsignature: {name: Петар Петровић, "
	        "image: p.png}\n---\n\nТекст.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render %s/alpha.md -o %s/a.pdf --pdfa 1b", dir,
	                          dir),
	                  65),
	        "%s", out);
	has("alpha channel");
	cr_assert(not(file_exists(strcat(strcpy(out, dir), "/a.pdf"))));
	/* PDF/A-2 allows transparency. */
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render -q %s/alpha.md -o %s/a.pdf --pdfa 2b",
	                          dir, dir),
	                  0),
	        "%s", out);
	write_text(dir, "cmyk.md",
	        "---\nlayout: memorandum\ntitle: T\nsignature: {name: Петар Петровић, "
	        "image: c.jpg}\n---\n\nТекст.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render %s/cmyk.md -o %s/c.pdf --pdfa 2b", dir,
	                          dir),
	                  65),
	        "%s", out);
	has("CMYK");
	/* Usage: a level that does not exist, a format that is no PDF. */
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " render " LONG " -o %s/x.pdf --pdfa 4u", dir), 64),
	        "%s", out);
	has("--pdfa takes 1b, 2b or 3b");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " render " LONG " -o %s/x.tiff --pdfa 2b", dir), 64),
	        "%s", out);
	has("PDF/A");
}

Test(pdfa, bookmarks_follow_the_headings)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " LONG
	                             " -o %s/a.pdf && mutool show %s/a.pdf outline",
	                          dir, dir),
	                  0),
	        "%s", out);
	/* The title is the root; the 13 headings under it, on their pages. */
	has("-\t\"Извештај о спровођењу програма дигитализације архивске грађе\"\t#page=1&");
	has("|\t\t\"Увод\"\t#page=1&");
	has("|\t\t\"Заштита података\"\t#page=5&");
	has("|\t\t\"Закључак\"\t#page=6&");
	int entries = 0;
	for (const char *p = out; (p = strstr(p, "#page=")); p++)
		entries++;
	cr_assert(eq(int, entries, 14), "%s", out);
	/* Deeper headings nest under the one before them. */
	write_text(dir, "nest.md",
	        "---\ntitle: Наслов\n---\n\n## Први\n\nТекст.\n\n### Први "
	        "а\n\nТекст.\n\n#### Први а1\n\n"
	        "Текст.\n\n## Други\n\nТекст.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/nest.md -o %s/n.pdf --layout memorandum && "
	                             "mutool show %s/n.pdf outline",
	                          dir, dir, dir),
	                  0),
	        "%s", out);
	has("-\t\"Наслов\"");
	/* mutool: "-" an entry with entries under it, "|" one without. */
	has("\n-\t\t\"Први\"");
	has("\n-\t\t\t\"Први а\"");
	has("\n|\t\t\t\t\"Први а1\"");
	has("\n|\t\t\"Други\"");
	/* The destination is the heading's place: the title's is above the first heading's. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "mutool show %s/n.pdf outline | sed 's/.*,//' | head -2 | tr "
	                          "'\\n' ' '",
	                          dir),
	                  0),
	        "%s", out);
	double title_y = 0, first_y = 0;
	cr_assert(eq(int, sscanf(out, "%lf %lf", &title_y, &first_y), 2), "%s", out);
	cr_assert(lt(dbl, title_y, first_y), "%s", out);
}

Test(pdfa, page_labels_where_pages_are_numbered)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " LONG
	                             " -o %s/a.pdf && qpdf --json --json-key=pagelabels "
	                             "%s/a.pdf | tr -d ' \\n'",
	                          dir, dir),
	                  0),
	        "%s", out);
	has("\"pagelabels\":[{\"index\":0,\"label\":{\"/S\":\"/D\",\"/St\":1}}]");
	/* A one-page release shows no number. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " EXAMPLES
	                             "/predsednik-2024-02-20.md -o %s/b.pdf && "
	                             "qpdf --json --json-key=pagelabels %s/b.pdf | tr -d ' \\n'",
	                          dir, dir),
	                  0),
	        "%s", out);
	has("\"pagelabels\":[]");
}

Test(pdfa, batch_writes_the_level_asked_for)
{
	write_text(dir, "a.md", "---\ntitle: A\ndate: 2024-02-20\n---\n\nText.\n");
	write_text(dir, "b.md", "---\ntitle: B\ndate: 2024-02-21\n---\n\nText.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && " LP " batch -q a.md b.md -o arch --pdfa 3b && "
	                          "pdfinfo -meta arch/a.pdf && pdfdetach -list arch/b.pdf",
	                          dir),
	                  0),
	        "%s", out);
	has("pdfaid:part=\"3\"");
	has("1: b.md");
}

/* PDF/A-1b has no object streams, so its classic layout is written
 * compactly (src/pdf/pdf_classic.c): stream lengths direct and no object
 * left for them (no free row in the table either), text strings not as
 * hex, no white space the syntax does not need; and it stays what qpdf
 * and poppler read, metadata and links included. */
Test(pdfa, one_b_is_written_compactly)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " LONG " -o %s/a.pdf --pdfa 1b && "
	                             "qpdf --check %s/a.pdf >/dev/null && "
	                             "qpdf --json --json-key=qpdf %s/a.pdf >%s/a.json && "
	                             "echo ints=$(grep -c '\"value\": [0-9]*$' %s/a.json) && "
	                             "echo free=$(sed -n '/^xref/,/^trailer/p' %s/a.pdf | grep -c "
	                             "' f') && "
	                             "echo hex=$(grep -ac '<FEFF' %s/a.pdf) && "
	                             "echo spaced=$(grep -ac '^/Type /' %s/a.pdf) && "
	                             "pdfinfo %s/a.pdf && pdfinfo -url %s/a.pdf",
	                          dir, dir, dir, dir, dir, dir, dir, dir, dir, dir),
	                  0),
	        "%s", out);
	has("ints=0\n");
	has("free=1\n");
	has("hex=0\n");
	has("spaced=0\n");
	has("Title:           Извештај о спровођењу програма дигитализације архивске грађе");
	has("Creator:         letterpress");
	has("mailto:kontakt@arhiv-sumadija.example.rs");
}

/* A text string written as a literal keeps what needs escaping there:
 * parentheses, a backslash, and the byte 0x0D of UTF-16 "č" (U+010D),
 * which qpdf, as ISO 32000-1 §7.3.4.2 says, reads as a line feed when it
 * stands unescaped (making it "Ċ", U+010A, whose 0x0A is kept as it is).
 * (grep's status 1: no string was left as hex.) */
Test(pdfa, one_b_literal_strings_keep_their_text)
{
	write_text(dir, "esc.md",
	        "---\ntitle: \"(č) \\\\ Ċ)(\"\nlang: sr-Latn\ndate: 2024-02-20\n"
	        "organ: [\"A (b)\"]\n---\n\nText.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/esc.md -o %s/a.pdf --pdfa 1b && "
	                             "pdfinfo %s/a.pdf && "
	                             "qpdf --json --json-key=qpdf %s/a.pdf | grep '\"/Title\"' && "
	                             "grep -ac '<FEFF' %s/a.pdf",
	                          dir, dir, dir, dir, dir),
	                  1),
	        "%s", out);
	has("Title:           (č) \\ Ċ)(\n");
	has("Author:          A (b)\n");
	has("\"/Title\": \"u:(č) \\\\ Ċ)(\"");
}
