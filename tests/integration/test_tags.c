/*
 * Tagged PDF and reading order, read back by independent readers on every
 * example: the structure tree as Mozilla pdf.js (getStructTree,
 * getTextContent, getAnnotations) and poppler (pdfinfo -struct-text) see
 * it, and the plain text of pdftotext, MuPDF and pdf.js in content order.
 *
 * What each reader is held to (docs/standards.md, Tagged PDF):
 * - roles: a Document with an H1 for a titled release, P paragraphs,
 *   every Figure with /Alt, every Link with /Contents;
 * - reading order: each element's first words appear in that order in
 *   every reader's plain text (the title before the body, the body
 *   before the footer);
 * - every word of the structure, hyphenated words whole, is a word in
 *   poppler's structure text and in every reader's plain text, none of
 *   them joined by the test (docs/standards.md, "The break hyphen in each
 *   reader").
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/pdf_sample.h"
#include "../support/scratch.h"
#include "test-config.h"

typedef struct example {
	char name[64];
} example;

ParameterizedTestParameters(tags, example_reads_back)
{
	static example list[32];
	size_t n = 0;
	DIR *d = opendir(LP_TEST_SRCDIR "/examples");
	cr_assert(ne(ptr, d, NULL));
	for (struct dirent *e; (e = readdir(d)) && n < 32;) {
		size_t len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0 &&
		        len - 3 < sizeof list[0].name) {
			memcpy(list[n].name, e->d_name, len - 3);
			list[n++].name[len - 3] = '\0';
		}
	}
	closedir(d);
	return cr_make_param_array(example, list, n);
}

static char *run_ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
run_ok(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int status;
	char *out = lp_test_run(cmd, &status);
	cr_assert(eq(int, status, 0), "%s failed:\n%s", cmd, out);
	return out;
}

/* Whitespace runs become one space. Returns " w1 w2 ... wn " (spaces
 * around every word, for whole-word search). A word hyphenated at a line
 * end is not joined here: every reader must return it whole. */
static char *
words(const char *s)
{
	char *out = malloc(strlen(s) + 3), *o = out;
	*o++ = ' ';
	for (; *s; s++) {
		bool nbsp = (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0;
		if (nbsp)
			s++; /* a no-break space (after a list marker) parts words too */
		if (nbsp || *s == ' ' || *s == '\n' || *s == '\f' || *s == '\t' || *s == '\r') {
			if (o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	if (o[-1] != ' ')
		*o++ = ' ';
	*o = '\0';
	return out;
}

/* Every word of `want` is a word of `have` (both from words()). */
static void
assert_all_words(const char *want, const char *have, const char *reader, const char *name)
{
	for (const char *w = want + 1; *w;) {
		const char *e = strchr(w, ' ');
		size_t n = (size_t)(e - w);
		char needle[512];
		/* A letter alone is not searched for: the seed spells its
		 * heading out letter by letter ("С А О П Ш Т Е Њ Е"), and
		 * poppler reads spaces that narrow as none. */
		bool letter = n <= 2 && (unsigned char)w[0] >= 0x80 ? n == 2 : n == 1;
		if (!letter && n + 2 < sizeof needle) {
			snprintf(needle, sizeof needle, " %.*s ", (int)n, w);
			cr_assert(strstr(have, needle) != NULL, "%s: %s lacks the word \"%.*s\"",
			        name, reader, (int)n, w);
		}
		w = e + 1;
	}
}

/* The pdf.js structure lines "  Role ...: text" → the texts in order,
 * and checks on each role. */
static char *
structure_text(const char *tree, const char *name, bool titled)
{
	char *all = calloc(1, strlen(tree) + 1);
	bool h1 = false, p = false;
	for (const char *line = tree; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		char buf[8192];
		snprintf(buf, sizeof buf, "%.*s", (int)(end - line), line);
		const char *role = buf + strspn(buf, " ");
		if (strncmp(role, "H1", 2) == 0)
			h1 = strstr(role, ": ") != NULL;
		if (strncmp(role, "P:", 2) == 0)
			p = true;
		if (strncmp(role, "Figure", 6) == 0)
			cr_assert(
			        strstr(role, "alt=\"") != NULL, "%s: a Figure without /Alt", name);
		if (strncmp(role, "Link", 4) == 0)
			cr_assert(strstr(role, "contents=\"") != NULL,
			        "%s: a Link without /Contents", name);
		/* The text follows the last quoted value (an alt text may hold
		 * ": " itself). */
		const char *q = strrchr(role, '"');
		const char *t = strstr(q ? q : role, ": ");
		/* A link's words are its paragraph's too, where they are whole
		 * (with the punctuation after them). */
		if (t && strncmp(role, "Link", 4) != 0) {
			strcat(all, t + 2);
			strcat(all, "\n");
		}
		line = *end ? end + 1 : end;
	}
	cr_assert(p, "%s: no P in the structure", name);
	cr_assert(eq(int, h1, titled), "%s: the title's H1 %s", name,
	        titled ? "is missing" : "is there");
	return all;
}

/* Each structure element's first words appear in that order in the text. */
static void
assert_order(const char *elements, const char *have, const char *reader, const char *name)
{
	const char *at = have;
	for (const char *line = elements; *line;) {
		const char *end = strchr(line, '\n');
		char *one = strndup(line, (size_t)(end - line));
		char *first = words(one);
		free(one);
		/* Up to three words: enough to be one place in a release. */
		char *cut = first;
		for (int k = 0; k < 4 && cut; k++)
			cut = strchr(cut + 1, ' ');
		if (cut)
			cut[1] = '\0';
		const char *found = strstr(at, first);
		cr_assert(found != NULL, "%s: %s has \"%s\" out of reading order", name, reader,
		        first);
		at = found;
		free(first);
		line = end + 1;
	}
}

ParameterizedTest(example *ex, tags, example_reads_back, .timeout = 300, .init = lp_scratch_enter,
        .fini = lp_scratch_leave)
{
	if (!LP_TEST_NODE[0] || access(LP_TEST_JS_DIR "/node_modules/pdfjs-dist", R_OK) != 0)
		cr_skip_test("pdf.js not installed: run ./setup --test (npm ci in tests/js)");
	char pdf[256], cmd[1024];
	snprintf(pdf, sizeof pdf, "%s/%s.pdf", lp_scratch, ex->name);
	snprintf(cmd, sizeof cmd,
	        "'" LP_TEST_LETTERPRESS "' render -q '" LP_TEST_SRCDIR
	        "/examples/%s.md' -o '%s' 2>&1",
	        ex->name, pdf);
	int status;
	char *out = lp_test_run(cmd, &status);
	cr_assert(eq(int, status, 0), "%s", out);
	free(out);
	char *md = run_ok("head -c 4 '" LP_TEST_SRCDIR "/examples/%s.md'", ex->name);
	bool titled = strncmp(md, "---", 3) == 0;
	free(md);

	char *tree = run_ok("'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdf-struct.mjs' '%s'", pdf);
	cr_assert(strncmp(tree, "Root\n  Document\n", 16) == 0, "%s:\n%s", ex->name, tree);
	char *elements = structure_text(tree, ex->name, titled);
	char *want = words(elements);

	/* poppler's own structure reader: the same words. */
	char *ps = run_ok("pdfinfo -struct-text '%s'", pdf);
	cr_assert(strstr(ps, "Document\n") != NULL);
	/* It prints each marked-content sequence quoted on a line of its
	 * own; an element's sequences join as they stand, elements do not. */
	char *joined = calloc(1, strlen(ps) + 2), *o = joined;
	for (char *line = ps; *line;) {
		char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		char *q = line + strspn(line, " ");
		if (*q == '"' && end > q + 1 && end[-1] == '"') {
			memcpy(o, q + 1, (size_t)(end - q - 2));
			o += end - q - 2;
		} else if (!(end - line > 8 && memcmp(end - 8, "(inline)", 8) == 0) &&
		           strncmp(q, "Object ", 7) != 0) {
			*o++ = ' '; /* block elements part words; a link and its
			             * annotation do not */
		}
		line = *end ? end + 1 : end;
	}
	*o = '\0';
	char *pw = words(joined);
	free(joined);
	assert_all_words(want, pw, "pdfinfo -struct-text", ex->name);
	char *ptext = run_ok("pdftotext -enc UTF-8 '%s' -", pdf);
	char *pt = words(ptext);
	assert_all_words(want, pt, "pdftotext", ex->name);
	char *raw = run_ok("pdftotext -raw -enc UTF-8 '%s' -", pdf);
	char *rt = words(raw);
	assert_order(elements, rt, "pdftotext -raw", ex->name);
	char *mu = run_ok("mutool draw -q -F txt -o - '%s' 2>/dev/null", pdf);
	char *mt = words(mu);
	assert_all_words(want, mt, "mutool", ex->name);
	assert_order(elements, mt, "mutool", ex->name);
	char *js = run_ok("'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdf-text.mjs' '%s'", pdf);
	char *jt = words(js);
	assert_all_words(want, jt, "pdf.js", ex->name);
	assert_order(elements, jt, "pdf.js", ex->name);
	free(tree);
	free(elements);
	free(want);
	free(ps);
	free(pw);
	free(ptext);
	free(pt);
	free(raw);
	free(rt);
	free(mu);
	free(mt);
	free(js);
	free(jt);
	unlink(pdf);
}

/* The order a reader of the plain text meets a letter in: organ lines,
 * title, body, dateline, footer (the footer used to come before the
 * title). */
Test(tags, plain_text_is_in_reading_order, .timeout = 120, .init = lp_scratch_enter,
        .fini = lp_scratch_leave)
{
	const char *pdf = "order.pdf";
	int status;
	char *out = lp_test_run("'" LP_TEST_LETTERPRESS "' render -q '" LP_TEST_SRCDIR
	                        "/examples/predsednik-2024-02-20.md' -o order.pdf 2>&1",
	        &status);
	cr_assert(eq(int, status, 0), "%s", out);
	free(out);
	static const char *const order[] = {"РЕПУБЛИКА СРБИЈА", "САОПШТЕЊЕ ЗА МЕДИЈЕ",
	        "Председник Републике Србије Александар", "дао нови замах", "Београд,",
	        "Андрићев венац 1", "www.predsednik.rs"};
	for (size_t r = 0; r < 2; r++) {
		char *text = r == 0 ? run_ok("pdftotext -raw -enc UTF-8 '%s' -", pdf)
		                    : run_ok("mutool draw -q -F txt -o - '%s' 2>/dev/null", pdf);
		const char *reader = r == 0 ? "pdftotext -raw" : "mutool";
		char *w = words(text);
		const char *at = w;
		for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
			const char *found = strstr(at, order[i]);
			cr_assert(found != NULL, "%s: \"%s\" is not after \"%s\":\n%s", reader,
			        order[i], i ? order[i - 1] : "the start", w);
			at = found;
		}
		free(text);
		free(w);
	}
	/* Its footer's links: in structure order (/Tabs /S), each with its
	 * /Contents and its place in the ParentTree. */
	char *qdf = run_ok("qpdf --qdf --object-streams=disable '%s' -", pdf);
	cr_assert(strstr(qdf, "/Tabs /S") != NULL);
	cr_assert(strstr(qdf, "/StructParent 1") != NULL);
	cr_assert(strstr(qdf, "/StructParents 0") != NULL);
	cr_assert(strstr(qdf, "/Marked true") != NULL);
	free(qdf);
	unlink(pdf);
}
