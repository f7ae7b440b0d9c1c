/*
 * The PDF backend's output read back by real readers: qpdf --check,
 * poppler (pdftotext, pdffonts, pdftoppm), MuPDF, Ghostscript and Mozilla
 * pdf.js. A reader that repairs a file says so on stderr, so stderr must
 * stay empty.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/pdf_sample.h"
#include "../support/scratch.h"
#include "../support/shape_line.h"
#include "pdf/pdf.h"
#include "pdf/pdf_fontcache.h"
#include "test-config.h"

#define DOC "lp_it_readers.pdf"

static lp_test_doc doc;

static void
setup(void)
{
	lp_scratch_enter();
	lp_test_doc_build(&doc, 3, true);
	cr_assert(eq(int, lp_pdf_write(doc.list, NULL, DOC, NULL), LP_OK));
}

static void
teardown(void)
{
	lp_test_doc_drop(&doc);
	lp_scratch_leave();
}

/* Output of a command (stdout and stderr together), which must succeed. */
static char *
run_ok(const char *cmd)
{
	int status;
	char *out = lp_test_run(cmd, &status);
	cr_assert(eq(int, status, 0), "%s failed:\n%s", cmd, out);
	return out;
}

/* Drops the lines a reader prints about itself whatever the file (Debian's
 * MuPDF is built without ICC support and says so every time). */
static void
drop_line(char *out, const char *line)
{
	char *at = strstr(out, line);
	if (at) {
		size_t len = strlen(line);
		if (at[len] == '\n')
			len++;
		memmove(at, at + len, strlen(at + len) + 1);
	}
}

TestSuite(pdf_readers, .init = setup, .fini = teardown);

Test(pdf_readers, qpdf_check_has_no_errors_or_warnings)
{
	char *out = run_ok("qpdf --check " DOC " 2>&1");
	cr_assert(strstr(out, "No syntax or stream encoding errors found") != NULL, "%s", out);
	cr_assert(strstr(out, "WARNING") == NULL, "%s", out);
	cr_assert(strstr(out, "PDF Version: 1.7") != NULL, "%s", out);
	free(out);
}

Test(pdf_readers, renderers_print_nothing_on_stderr)
{
	char *out = run_ok("mutool draw -q -r 36 -o lp_it_mu-%d.png " DOC " 2>&1 >/dev/null");
	drop_line(out, "warning: ICC support is not available");
	cr_assert(eq(str, out, ""));
	free(out);
	out = run_ok("pdftoppm -r 36 -png " DOC " lp_it_pp 2>&1 >/dev/null");
	cr_assert(eq(str, out, ""));
	free(out);
	out = run_ok(
	        "gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=ppmraw -r36 -o /dev/null " DOC " 2>&1");
	cr_assert(eq(str, out, ""));
	free(out);
}

Test(pdf_readers, pdfinfo_sees_pages_metadata_and_a_stable_id)
{
	char *out = run_ok("pdfinfo " DOC " 2>&1");
	cr_assert(strstr(out, "Pages:           3") != NULL, "%s", out);
	cr_assert(strstr(out, "Page size:       595.276 x 841.89 pts (A4)") != NULL, "%s", out);
	cr_assert(strstr(out, "Creator:         letterpress 0.1.0") != NULL, "%s", out);
	free(out);
	out = run_ok("pdffonts " DOC " 2>&1");
	cr_assert(strstr(out, " no ") == NULL, "a font is not embedded/subset/unicode:\n%s", out);
	free(out);
}

Test(pdf_readers, links_are_uri_annotations_without_border)
{
	char *out = run_ok("qpdf --qdf --object-streams=disable " DOC " - 2>&1");
	cr_assert(strstr(out, "/URI (mailto:mediji@predsednik.rs)") != NULL);
	cr_assert(strstr(out, "/URI (https://www.predsednik.rs/)") != NULL);
	cr_assert(strstr(out, "/URI (tel:+381113061000)") != NULL);
	cr_assert(strstr(out, "/Border [") != NULL);
	cr_assert(strstr(out, "/SMask") != NULL, "the PNG's alpha has no SMask");
	cr_assert(strstr(out, "/DCTDecode") != NULL, "the JPEG is not passed through");
	free(out);
}

/* Whitespace-separated words of s, joined by single spaces. */
static char *
words(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\f' || *s == '\t') {
			space = o != out;
		} else {
			if (space)
				*o++ = ' ';
			space = false;
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

Test(pdf_readers, pdfjs_extracts_the_same_text_as_pdftotext)
{
	if (!LP_TEST_NODE[0] || access(LP_TEST_JS_DIR "/node_modules/pdfjs-dist", R_OK) != 0)
		cr_skip_test("pdf.js not installed: run ./setup --test (npm ci in tests/js)");
	char *poppler = run_ok("pdftotext -enc UTF-8 " DOC " - 2>&1");
	char *pdfjs = run_ok("'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdf-text.mjs' " DOC " 2>&1");
	char *a = words(poppler), *b = words(pdfjs);
	cr_assert(eq(str, b, a));
	cr_assert(strstr(a, "САОПШТЕЊЕ ЗА МЕДИЈЕ Председник") != NULL, "%s", a);
	cr_assert(strstr(a, "бригада где да пут тата") != NULL, "%s", a);
	cr_assert(strstr(a, "affirmed its efficient workflow.") != NULL, "%s", a);
	free(a);
	free(b);
	free(poppler);
	free(pdfjs);
}

/* PDFium (FPDFText_GetText, through its WebAssembly build in npm's
 * @hyzyla/pdfium) ends its lines with "\r\n": the "\r" goes before the
 * words are compared. (It used to return U+FFFE for a line-end hyphen it
 * took for a soft one; no hyphen it reads ends a line any more:
 * docs/standards.md, "The break hyphen in each reader".) */
static void
pdfium_plain(char *text)
{
	char *o = text;
	for (char *i = text; *i; i++)
		if (*i != '\r')
			*o++ = *i;
	*o = '\0';
}

Test(pdf_readers, pdfium_extracts_the_same_text_as_pdftotext)
{
	if (!LP_TEST_NODE[0] || access(LP_TEST_JS_DIR "/node_modules/@hyzyla/pdfium", R_OK) != 0)
		cr_skip_test("PDFium not installed: run ./setup --test (npm ci in tests/js)");
	char *poppler = run_ok("pdftotext -enc UTF-8 " DOC " - 2>&1");
	char *pdfium =
	        run_ok("'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdfium-text.mjs' " DOC " 2>&1");
	pdfium_plain(pdfium);
	char *a = words(poppler), *b = words(pdfium);
	cr_assert(eq(str, b, a));
	free(a);
	free(b);
	free(poppler);
	free(pdfium);
}

/* A page with the letter-spaced title, its tracking said in the display
 * list (as the pipeline says it) or only in the glyphs' places. */
static lp_dlist *
title_page(bool tracked)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	(tracked ? lp_test_add_tracked_line : lp_test_add_line)(b, lp_fontdb_font_at(doc.db, 2),
	        "САОПШТЕЊЕ ЗА МЕДИЈЕ", "sr", 72, 100, 16, 4, "САОПШТЕЊЕ ЗА МЕДИЈЕ");
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	return list;
}

/* Wide tracking (a quarter em): pdftotext reads the /ActualText; pdf.js
 * ignores /ActualText and treats gaps over 0.102 em as spaces (its
 * TRACKING_SPACE_FACTOR), so there only the letters' order can be checked. */
Test(pdf_readers, widely_tracked_title_extracts_as_words)
{
	lp_dlist *list = title_page(false);
	cr_assert(eq(int, lp_pdf_write(list, NULL, "lp_it_title.pdf", NULL), LP_OK));
	char *out = run_ok("pdftotext -enc UTF-8 lp_it_title.pdf - 2>&1");
	char *w = words(out);
	cr_assert(eq(str, w, "САОПШТЕЊЕ ЗА МЕДИЈЕ"));
	free(w);
	free(out);
	if (LP_TEST_NODE[0] && access(LP_TEST_JS_DIR "/node_modules/pdfjs-dist", R_OK) == 0) {
		out = run_ok("'" LP_TEST_NODE "' '" LP_TEST_JS_DIR
		             "/pdf-text.mjs' lp_it_title.pdf 2>&1");
		char *o = out;
		for (char *i = out; *i; i++)
			if (*i != ' ' && *i != '\n' && *i != '\f')
				*o++ = *i;
		*o = '\0';
		cr_assert(eq(str, out, "САОПШТЕЊЕЗАМЕДИЈЕ"));
		free(out);
	}
	/* PDFium joins the letters into words as poppler does. */
	if (LP_TEST_NODE[0] && access(LP_TEST_JS_DIR "/node_modules/@hyzyla/pdfium", R_OK) == 0) {
		out = run_ok("'" LP_TEST_NODE "' '" LP_TEST_JS_DIR
		             "/pdfium-text.mjs' lp_it_title.pdf 2>&1");
		pdfium_plain(out);
		w = words(out);
		cr_assert(eq(str, w, "САОПШТЕЊЕ ЗА МЕДИЈЕ"));
		free(w);
		free(out);
	}
	lp_dlist_drop(list);
}

/* The title's outlines are a form XObject the page draws with Do; a second
 * document of the same engine takes them (and their deflated bytes) from
 * the engine's cache and comes out byte for byte the same. */
Test(pdf_readers, tracked_title_outlines_are_a_form_kept_by_the_engine)
{
	lp_dlist *list = title_page(true);
	lp_pdf_options o = lp_pdf_options_default();
	o.font_cache = lp_pdf_font_cache_new();
	cr_assert(ne(ptr, o.font_cache, NULL));
	uint8_t *first, *second;
	size_t n1, n2;
	cr_assert(eq(int, lp_pdf_render(list, &o, &first, &n1, NULL), LP_OK));
	cr_assert(eq(int, lp_pdf_render(list, &o, &second, &n2, NULL), LP_OK));
	cr_assert(eq(sz, n1, n2));
	cr_assert(eq(int, memcmp(first, second, n1), 0), "the second document differs");
	FILE *f = fopen("lp_it_form.pdf", "wb");
	cr_assert(ne(ptr, f, NULL));
	cr_assert(eq(sz, fwrite(second, 1, n2, f), n2));
	fclose(f);
	free(first);
	free(second);
	char *out = run_ok("qpdf --qdf --object-streams=disable lp_it_form.pdf lp_it_form.qdf && "
	                   "grep -a -c -e '/Subtype /Form' -e ' Do$' lp_it_form.qdf");
	cr_assert(eq(int, atoi(out), 2), "a form and one Do: %s", out);
	free(out);
	/* Drawn as before: the words still extract. */
	out = run_ok("pdftotext -enc UTF-8 lp_it_form.pdf - 2>&1");
	char *w = words(out);
	cr_assert(eq(str, w, "САОПШТЕЊЕ ЗА МЕДИЈЕ"));
	free(w);
	free(out);
	lp_pdf_font_cache_drop(o.font_cache);
	lp_dlist_drop(list);
}

/* A CFF-flavoured OpenType font (Latin Modern, Debian fonts-lmodern) goes
 * in as CIDFontType0 with a FontFile3 /OpenType subset. */
#define LM_ROMAN "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf"

Test(pdf_readers, cff_font_is_embedded_as_cidfonttype0)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LM_ROMAN, NULL), LP_OK));
	const lp_font *lm = lp_fontdb_font_at(db, 0);
	cr_assert(lp_font_is_cff(lm));
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_test_add_line(
	        b, lm, "The office affirmed the final figures.", "en", 72, 100, 12, 0, NULL);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	cr_assert(eq(int, lp_pdf_write(list, NULL, "lp_it_cff.pdf", NULL), LP_OK));
	char *out = run_ok("pdffonts lp_it_cff.pdf 2>&1");
	cr_assert(strstr(out, "CID Type 0C (OT)") != NULL || strstr(out, "CID Type 0C") != NULL,
	        "%s", out);
	cr_assert(strstr(out, "yes yes yes") != NULL, "%s", out);
	free(out);
	out = run_ok("pdftotext -enc UTF-8 lp_it_cff.pdf - 2>&1");
	char *w = words(out);
	cr_assert(eq(str, w, "The office affirmed the final figures."));
	free(w);
	free(out);
	out = run_ok("qpdf --check lp_it_cff.pdf 2>&1");
	cr_assert(strstr(out, "WARNING") == NULL, "%s", out);
	free(out);
	out = run_ok("mutool draw -q -r 36 -o /dev/null lp_it_cff.pdf 2>&1");
	drop_line(out, "warning: ICC support is not available");
	cr_assert(eq(str, out, ""));
	free(out);
	out = run_ok("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=ppmraw -r36 -o /dev/null "
	             "lp_it_cff.pdf 2>&1");
	cr_assert(eq(str, out, ""));
	free(out);
	out = run_ok("pdftoppm -r 36 -png lp_it_cff.pdf lp_it_cff 2>&1");
	cr_assert(eq(str, out, ""));
	free(out);
	lp_dlist_drop(list);
	lp_fontdb_drop(db);
}
