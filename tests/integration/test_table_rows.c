/* A table's rows as real readers see them (docs/releases.md, Tables): a
 * row taller than a page is cut between lines of its cells and continues
 * under the repeated header, every word read once and in order
 * (`pdftotext -raw`, MuPDF) and none below the body frame (`pdftotext
 * -bbox`); a picture in a cell is drawn in that cell, and the row's other
 * cells stay in their columns. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>

#include "bbox_util.h"

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
	write_headed(dir, head, name, body);
}

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

static void
copy_image(const char *name)
{
	cr_assert(eq(int,
	        sh(out, sizeof out, "cp '" LP_TEST_DATA_DIR "/images/%s' '%s/'", name, dir), 0));
}

/* The display list's n-th image item (from 1): "image X,Y WxH ...". */
static box
image_item(const char *dump, int nth)
{
	const char *line = dump;
	for (int i = 0; i < nth; i++) {
		line = strstr(line + 1, "\nimage ");
		cr_assert(ne(ptr, (void *)line, NULL), "no image %d in:\n%s", nth, dump);
	}
	box b;
	cr_assert(eq(int, sscanf(line, "\nimage %lf,%lf %lfx%lf", &b.x0, &b.y0, &b.x1, &b.y1), 4));
	b.x1 += b.x0;
	b.y1 += b.y0;
	return b;
}

static const char people[] = "| Name | Photo | Role |\n|------|-------|------|\n"
                             "| Ana | ![Ana's photo](photo.jpg) | chair |\n"
                             "| Ivan | see ![Ivan](photo.jpg) here | deputy |\n\nAfter.\n";

/* A picture in a cell is drawn in that cell, under its words, and the
 * row's other cells stay in their columns: the picture's cell was left
 * out of its row (the next cell moved into its column) and the picture
 * drawn above the table. Its description is the Figure's /Alt inside the
 * cell's TD. */
Test(table_rows, a_picture_in_a_cell_is_drawn_in_its_cell, .timeout = 60)
{
	copy_image("photo.jpg");
	write_release("p.md", people);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/p.md -o %s/p.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(eq(ptr, strstr(out, "warning"), NULL), "%s", out);
	static char bbox[1 << 16];
	cr_assert(eq(int, sh(bbox, sizeof bbox, "pdftotext -bbox %s/p.pdf -", dir), 0));
	box name = word(bbox, "Name", NULL), photo = word(bbox, "Photo", NULL),
	    role = word(bbox, "Role", NULL), ana = word(bbox, "Ana", NULL),
	    chair = word(bbox, "chair", NULL), ivan = word(bbox, "Ivan", NULL),
	    see = word(bbox, "see", NULL), deputy = word(bbox, "deputy", NULL);
	cr_assert(lt(dbl, fabs(chair.x0 - role.x0), 0.05), "chair at %f, Role at %f", chair.x0,
	        role.x0);
	cr_assert(lt(dbl, fabs(deputy.x0 - role.x0), 0.05));
	cr_assert(lt(dbl, fabs(see.x0 - photo.x0), 0.05));
	cr_assert(lt(dbl, fabs(ana.x0 - name.x0), 0.05));
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/p.md", dir), 0), "%s", out);
	/* Ana's: in the Photo column, under the header, above Ivan's row. */
	box a = image_item(out, 1), i = image_item(out, 2);
	cr_assert(lt(dbl, fabs(a.x0 - photo.x0), 0.05), "%f %f", a.x0, photo.x0);
	cr_assert(lt(dbl, a.x1, role.x0));
	cr_assert(lt(dbl, name.y1, a.y0));
	cr_assert(lt(dbl, a.y1, ivan.y0));
	cr_assert(lt(dbl, fabs(ana.y0 - chair.y0), 0.05)); /* one row */
	/* Ivan's: under "see here", in the column, within the table. */
	cr_assert(lt(dbl, fabs(i.x0 - photo.x0), 0.05));
	cr_assert(lt(dbl, see.y1, i.y0));
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext -raw %s/p.pdf -", dir), 0));
	cr_assert(ne(ptr, strstr(out, "Ana chair\nIvan see here deputy\nAfter."), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/p.pdf", dir), 0));
	cr_assert(ne(ptr,
	                  strstr(out, "      TD\n        \"Ana\"\n      TD\n        Figure\n"
	                              "          \"\"\n      TD\n        \"chair\"\n"),
	                  NULL),
	        "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/p.md", dir), 0), "%s", out);
	const char *fig = strstr(out, " Figure parent=");
	cr_assert(ne(ptr, (void *)fig, NULL), "%s", out);
	char td[64];
	snprintf(td, sizeof td, "\nnode %d TD parent=", atoi(fig + strlen(" Figure parent=")));
	cr_assert(ne(ptr, strstr(out, td), NULL), "%s in %s", td, out);
	const char *alt = strstr(fig, "alt=\"Ana’s photo\"\n");
	cr_assert(ne(ptr, (void *)alt, NULL), "%s", out);
	cr_assert(lt(ptr, (void *)alt, (void *)strchr(fig, '\n')), "%s", out); /* its own */
}

/* A picture taller than a page, in a cell, is scaled down to fit a page
 * under the table's header, and is drawn within the frame. */
Test(table_rows, a_tall_picture_in_a_cell_fits_a_page, .timeout = 60)
{
	copy_image("body-tall.png");
	write_release("t.md", "| A | B |\n|---|---|\n| x | ![Tall](body-tall.png) |\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/t.md", dir), 0), "%s", out);
	cr_assert(eq(ptr, strstr(out, "warning"), NULL), "%s", out);
	box p = image_item(out, 1);
	cr_assert(le(dbl, p.y1, FRAME_BOTTOM + 0.01), "the picture ends at %f", p.y1);
	/* In its column, under the header. */
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/t.md -o %s/t.pdf", dir, dir), 0), "%s",
	        out);
	static char bbox[1 << 16];
	cr_assert(eq(int, sh(bbox, sizeof bbox, "pdftotext -bbox %s/t.pdf -", dir), 0));
	const char *from = NULL;
	word(bbox, "Rows", &from);
	box b = word(bbox, "B", &from);
	cr_assert(lt(dbl, fabs(p.x0 - b.x0), 0.05), "%f %f", p.x0, b.x0);
	cr_assert(lt(dbl, b.y1, p.y0));
	cr_assert(lt(dbl, 400, p.y1 - p.y0), "%f tall", p.y1 - p.y0);
	/* Its proportions (60 × 3000 pixels) kept. */
	cr_assert(lt(dbl, fabs((p.y1 - p.y0) / (p.x1 - p.x0) - 50), 0.01));
}
