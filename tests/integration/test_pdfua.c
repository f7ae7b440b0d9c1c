/* --pdfua as a user runs it: the entries PDF/UA-1 (ISO 14289-1) asks for,
 * read back by pdf.js (tests/js/pdf-ua.mjs), poppler and qpdf, PDFBox
 * Preflight on a file that claims PDF/A-1b as well, and every refusal with
 * its exit code, its located message and no output file. docs/standards.md
 * maps each clause to the test here. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS
#define EXAMPLES LP_TEST_SRCDIR "/examples"
#define SEED EXAMPLES "/predsednik-2024-02-20.md"
#define LONG EXAMPLES "/long-izvestaj.md"
#define PDFJS "node " LP_TEST_SRCDIR "/tests/js/pdf-ua.mjs"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(pdfua, 180);

/* What the last command printed (out) holds, or does not. */
#define has(want) LP_EXPECT_IN(out, want)
#define lacks(unwanted) LP_EXPECT_NOT_IN(out, unwanted)

/* Renders NAME (in dir) with --pdfua and ARGS; it must fail with exit 65,
 * say WANT, and leave no out.pdf. */
static void
refused(const char *name, const char *args, const char *want)
{
	int rc = sh(out, sizeof out, "cd %s && " LP " render %s -o out.pdf --pdfua %s", dir, name,
	        args);
	cr_assert(eq(int, rc, 65), "exit %d:\n%s", rc, out);
	has(want);
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	cr_assert(not(file_exists(path)), "a refused render left %s", path);
	cr_assert(eq(int, sh(out, sizeof out, "ls -A %s | grep -c tmp", dir), 1),
	        "temporary files:\n%s", out);
}

Test(pdfua, the_entries_as_pdfjs_poppler_and_qpdf_read_them)
{
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " render -q " SEED " -o %s/a.pdf --pdfua", dir), 0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, PDFJS " %s/a.pdf", dir), 0), "%s", out);
	has("lang=sr-Cyrl\n");
	has("title=Саопштење за медије\n");
	has("displaydoctitle=true\n");
	has("marked=true\n");
	has("xmp dc:title=Саопштење за медије\n");
	has("xmp pdfuaid:part=1\n");
	has("figure alt=Грб: штит са крстом и четири оцила\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, "pdfinfo %s/a.pdf && pdfinfo -meta %s/a.pdf", dir, dir),
	                0),
	        "%s", out);
	has("Title:           Саопштење за медије\n");
	has("Tagged:          yes\n");
	has(" pdfuaid:part=\"1\"");
	has("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Саопштење за медије</rdf:li>");
	/* Without PDF/A there is no PDF/A schema to describe it to. */
	lacks("pdfaExtension");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "qpdf --qdf --object-streams=disable %s/a.pdf - | "
	                          "grep -a -E '/DisplayDocTitle|/Lang|/Metadata|/Tabs'",
	                          dir),
	                  0),
	        "%s", out);
	has("/DisplayDocTitle true");
	has("/Lang (sr-Cyrl)");
	has("/Metadata ");
	has("/Tabs /S");
	/* A plain render claims nothing. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " SEED " -o %s/p.pdf && " PDFJS " %s/p.pdf", dir,
	                          dir),
	                  0),
	        "%s", out);
	has("displaydoctitle=\n");
	lacks("pdfuaid");
}

Test(pdfua, with_pdfa_the_schema_is_described_and_preflight_accepts_it)
{
	const char *jars = "/usr/share/java";
	char jar[128];
	snprintf(jar, sizeof jar, "%s/preflight.jar", jars);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q " LONG " -o %s/a.pdf --pdfua --pdfa 1b", dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -meta %s/a.pdf", dir), 0), "%s", out);
	has(" pdfuaid:part=\"1\"");
	has(" pdfaid:part=\"1\"");
	has("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>");
	has("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>");
	has("<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</"
	    "pdfaProperty:valueType>");
	if (!file_exists(jar) || sh(NULL, 0, "command -v java") != 0)
		cr_skip_test("no java or no PDFBox Preflight (libpdfbox2-java)");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "java -cp %s/preflight.jar:%s/pdfbox2.jar:%s/fontbox2.jar:"
	                          "%s/xmpbox.jar:%s/commons-logging.jar:%s/jaxb-api.jar:%s/"
	                          "javax.activation.jar "
	                          "org.apache.pdfbox.preflight.Validator_A1b %s/a.pdf",
	                          jars, jars, jars, jars, jars, jars, jars, dir),
	                  0),
	        "%s", out);
	has("is a valid PDF/A-1b file");
}

Test(pdfua, every_titled_example_renders_and_the_seed_without_a_title_is_refused)
{
	const char *titled[] = {"bg-2024-06-11", "en-2024-09-24", "latinica-2024-03-14",
	        "long-izvestaj", "mk-2024-07-02", "predsednik-2024-02-20", "ru-2024-04-09",
	        "uk-2024-05-16"};
	for (size_t i = 0; i < sizeof titled / sizeof *titled; i++) {
		cr_assert(
		        eq(int,
		                sh(out, sizeof out,
		                        LP " render -q " EXAMPLES
		                           "/%s.md -o %s/e.pdf --pdfua --pdfa 2b && "
		                           "pdfinfo -meta %s/e.pdf | grep -c 'pdfuaid:part=\"1\"'",
		                        titled[i], dir, dir),
		                0),
		        "%s: %s", titled[i], out);
	}
	cr_assert(eq(int,
	        sh(out, sizeof out, "cp " EXAMPLES "/seed-saopstenje-2024-02-20.md %s/seed.md",
	                dir),
	        0));
	refused("seed.md", "",
	        "seed.md:1:1: error: PDF/UA-1 (--pdfua) needs the document's title: "
	        "add 'title:' to the front matter\n");
}

Test(pdfua, an_emblem_without_alt_text_is_refused_at_its_layout_line)
{
	/* The president's layout without its emblem's alt (line 125). */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "mkdir %s/lay && cp " LP_TEST_SRCDIR
	                          "/layouts/predsednik/emblem.svg "
	                          "%s/lay/ && sed '127d' " LP_TEST_SRCDIR
	                          "/layouts/predsednik/layout.yaml > %s/lay/layout.yaml && "
	                          "grep -c 'alt:' %s/lay/layout.yaml",
	                          dir, dir, dir, dir),
	                  1),
	        "%s", out);
	write_text(dir, "r.md", "---\ntitle: Саопштење\n---\n\nТекст.\n");
	refused("r.md", "--layout lay/layout.yaml",
	        "layout.yaml:125:7: error: PDF/UA-1 (--pdfua) needs the "
	        "emblem's alternative text: give it 'alt:' (or alt: \"\" when it is only "
	        "decoration)\n");
	/* Without --pdfua it is decoration, as before. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && " LP
	                          " render -q r.md -o out.pdf --layout lay/layout.yaml",
	                          dir),
	                  0),
	        "%s", out);
	/* alt: "" says so: an artifact, and --pdfua accepts it. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && sed -i '126a\\      alt: \"\"' lay/layout.yaml && " LP
	                          " render -q r.md -o d.pdf --pdfua --layout lay/layout.yaml "
	                          "&& " PDFJS " d.pdf",
	                          dir),
	                  0),
	        "%s", out);
	lacks("figure");
}

/* A link whose text is spaces shows nothing: it is set as its address,
 * which then says where it goes (7.18.5), with the warning any render
 * gives it. */
Test(pdfua, a_link_of_spaces_is_set_as_its_address)
{
	write_text(dir, "r.md",
	        "---\ntitle: Саопштење\n---\n\nПрви пасус.\n\nВише на [ "
	        "](https://www.example.rs).\n");
	int rc = sh(out, sizeof out, "cd %s && " LP " render r.md -o out.pdf --pdfua", dir);
	cr_assert(eq(int, rc, 0), "exit %d:\n%s", rc, out);
	has("r.md:7:13: warning: this link has no text; it is set as its address");
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext %s/out.pdf -", dir), 0), "%s", out);
	has("Више на https://www.example.rs.");
}

Test(pdfua, a_heading_that_skips_a_level_is_refused_at_its_line)
{
	write_text(dir, "r.md",
	        "---\ntitle: Саопштење\n---\n\n# Увод\n\nТекст.\n\n### Детаљ\n\nТекст.\n");
	refused("r.md", "",
	        "r.md:9:5: error: PDF/UA-1 (--pdfua): headings may not skip a level, and this one "
	        "is H4 after H2 (the title is H1, '#' is H2)\n");
	/* In order, it renders. */
	write_text(dir, "ok.md", "---\ntitle: Саопштење\n---\n\n# Увод\n\n## Детаљ\n\nТекст.\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out, "cd %s && " LP " render -q ok.md -o ok.pdf --pdfua",
	                          dir),
	                  0),
	        "%s", out);
}

Test(pdfua, only_pdf_and_batch_claims_it_too)
{
	write_text(dir, "a.md", "---\ntitle: A\ndate: 2024-02-20\n---\n\nText.\n");
	int rc = sh(out, sizeof out, "cd %s && " LP " render a.md -o a.tiff --pdfua", dir);
	cr_assert(eq(int, rc, 64), "exit %d: %s", rc, out);
	has("PDF/UA (--pdfua) is a kind of PDF, not of tiff output");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && " LP " batch -q a.md -o arch --pdfua && "
	                          "pdfinfo -meta arch/a.pdf",
	                          dir),
	                  0),
	        "%s", out);
	has(" pdfuaid:part=\"1\"");
	/* A batch refuses a release without a title, and says where. */
	write_text(dir, "b.md", "Text without front matter.\n");
	rc = sh(out, sizeof out, "cd %s && " LP " batch -q b.md -o arch2 --pdfua", dir);
	cr_assert(eq(int, rc, 65), "exit %d: %s", rc, out);
	has("b.md:1:1: error: PDF/UA-1 (--pdfua) needs the document's title");
}
