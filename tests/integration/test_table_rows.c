/* A table's rows as real readers see them (docs/releases.md, Tables): a
 * row taller than a page is cut between lines of its cells and continues
 * under the repeated header, every word read once and in order
 * (`pdftotext -raw`, MuPDF) and none below the body frame (`pdftotext
 * -bbox`). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

/* The plain layout (layouts/plain): A4, the body frame 25 mm from the
 * paper's top and bottom edges. */
#define FRAME_BOTTOM 771.02

static char out[1 << 18];

LP_TEST_TEMP_DIR_SUITE(table_rows);

static const char head[] = "---\nlang: en\ntitle: Rows\ndate: 2024-01-01\n---\n\nIntro.\n\n";

static void
write_release(const char *name, const char *body)
{
	size_t n = strlen(head) + strlen(body) + 1;
	char *text = malloc(n);
	cr_assert(ne(ptr, text, NULL));
	snprintf(text, n, "%s%s", head, body);
	write_text(dir, name, text);
	free(text);
}

typedef struct box {
	double x0, y0, x1, y1;
} box;

/* A table whose second row's cell holds 240 numbered words among 960
 * others: about two and a half pages. */
static void
tall_table(void)
{
	static const char *filler[] = {"alpha", "beta", "gamma", "delta", "epsilon"};
	static char text[1 << 15];
	size_t n = (size_t)snprintf(text, sizeof text, "| Kind | Text |\n|---|---|\n| short | ");
	for (int i = 1; i <= 240; i++) {
		n += (size_t)snprintf(text + n, sizeof text - n, "w%03d", i);
		for (int k = 0; k < 4; k++)
			n += (size_t)snprintf(
			        text + n, sizeof text - n, " %s", filler[(i * 7 + k * 3) % 5]);
		n += (size_t)snprintf(text + n, sizeof text - n, " ");
	}
	snprintf(text + n, sizeof text - n, "|\n| next | row |\n\nAfter.\n");
	write_release("tall.md", text);
}

/* Every numbered word once, in order, in one reader's text. */
static void
all_words_in_order(const char *text, const char *reader)
{
	const char *p = text;
	for (int i = 1; i <= 240; i++) {
		char w[8];
		snprintf(w, sizeof w, "w%03d", i);
		const char *q = strstr(p, w);
		cr_assert(ne(ptr, (void *)q, NULL), "%s: %s missing or out of order", reader, w);
		p = q + 4;
	}
	cr_assert(eq(ptr, strstr(p, "w0"), NULL), "%s: a word twice", reader);
	cr_assert(ne(ptr, strstr(p, "next"), NULL), "%s: %s", reader, text);
}

/* A row taller than a page is cut between its lines: no word is lost
 * (both readers, in order), none is drawn below the frame (over the page
 * number, off the paper), and each page it continues on starts with the
 * header again. Said without a warning: nothing is wrong. */
Test(table_rows, a_row_taller_than_a_page_continues_on_the_next, .timeout = 60)
{
	tall_table();
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/tall.md -o %s/tall.pdf", dir, dir), 0),
	        "%s", out);
	cr_assert(eq(ptr, strstr(out, "warning"), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext -raw %s/tall.pdf -", dir), 0));
	all_words_in_order(out, "pdftotext -raw");
	cr_assert(eq(int,
	        sh(out, sizeof out, "mutool draw -q -F txt -o - %s/tall.pdf 2>/dev/null", dir), 0));
	all_words_in_order(out, "mutool");
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo %s/tall.pdf | grep Pages", dir), 0));
	int pages = atoi(strchr(out, ':') + 1);
	cr_assert(lt(int, 2, pages), "%s", out);
	for (int pg = 1; pg <= pages; pg++) {
		cr_assert(eq(int,
		        sh(out, sizeof out, "pdftotext -raw -f %d -l %d %s/tall.pdf -", pg, pg,
		                dir),
		        0));
		if (pg > 1)
			cr_assert(eq(int, strncmp(out, "Kind Text\n", 10), 0), "page %d: %.200s",
			        pg, out);
		cr_assert(eq(int,
		        sh(out, sizeof out, "pdftotext -bbox -f %d -l %d %s/tall.pdf -", pg, pg,
		                dir),
		        0));
		/* Words of letters (the page number is digits and a slash). */
		for (const char *p = out; (p = strstr(p, "<word ")); p++) {
			box b;
			char w[64];
			cr_assert(eq(int,
			        sscanf(p,
			                "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
			                "yMax=\"%lf\">%63[^<]",
			                &b.x0, &b.y0, &b.x1, &b.y1, w),
			        5));
			if (strpbrk(w, "abcdefghijklmnopqrstuvwxyz"))
				cr_assert(le(dbl, b.y1, FRAME_BOTTOM + 0.5),
				        "page %d: '%s' at %.1f, below the frame", pg, w, b.y1);
		}
	}
	/* One row in the structure, its cell's text whole. */
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/tall.pdf", dir), 0));
	int tr = 0;
	for (const char *p = out; (p = strstr(p, " TR\n")); p++)
		tr++;
	cr_assert(eq(int, tr, 3), "%s", out);
}
