/* Body images (`![description](file "caption")`, docs/releases.md): PNG,
 * JPEG and SVG drawn as figures at their natural size inside the measure,
 * scaled down to the measure and to a page, each file embedded once, the
 * description as the Figure's /Alt, the caption under the picture; and a
 * picture that cannot be drawn is an error at the release's line and
 * column of its path, with no output. Read back by poppler (pdfimages,
 * pdfinfo), pdf.js and ImageMagick on the raster outputs. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

/* The plain layout (layouts/plain): A4, 25 mm margins. */
#define FRAME_X 70.87f
#define MEASURE 453.54f
#define FRAME_H 700.16f

static char out[1 << 17];

LP_TEST_TEMP_DIR_SUITE(body_images);

static const char head[] = "---\ntitle: Слике\nplace: Београд\ndate: 2024-02-20\n---\n\n";

static void
release(const char *body)
{
	char rel[2048];
	snprintf(rel, sizeof rel, "%s%s", head, body);
	write_text(dir, "r.md", rel);
}

static void
copy_image(const char *name)
{
	cr_assert(eq(int,
	        sh(out, sizeof out, "cp '" LP_TEST_DATA_DIR "/images/%s' '%s/'", name, dir), 0));
}

/* The display list's image item for a file: "image X,Y WxH ... name=..." */
typedef struct placed {
	float x, y, w, h;
	int page;
} placed;

static placed
image_item(const char *dump, const char *name)
{
	char key[128];
	snprintf(key, sizeof key, "name=\"%s\"", name);
	const char *hit = strstr(dump, key);
	cr_assert(ne(ptr, (void *)hit, NULL), "no image %s in:\n%s", name, dump);
	const char *line = hit;
	while (line > dump && line[-1] != '\n')
		line--;
	placed p = {0};
	cr_assert(
	        eq(int, sscanf(line, "image %f,%f %fx%f", &p.x, &p.y, &p.w, &p.h), 4), "%s", line);
	for (const char *q = dump; (q = strstr(q, "page ")) && q < line; q++)
		if (q == dump || q[-1] == '\n')
			p.page++;
	return p;
}

static void
near(float got, float want, const char *what)
{
	cr_assert(fabsf(got - want) < 0.02f, "%s: %.2f, not %.2f", what, got, want);
}

Test(body_images, png_jpeg_and_svg_are_drawn_at_their_natural_size_centred_in_the_measure)
{
	copy_image("body-300ppi.png");
	copy_image("photo-150ppi.jpg");
	copy_image("photo.jpg");
	copy_image("emblem.svg");
	release("Текст.\n\n![Пруге](body-300ppi.png)\n\n![Фотографија](photo-150ppi.jpg)\n\n"
	        "![Фотографија без резолуције](photo.jpg)\n\n![Грб](emblem.svg)\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	/* pHYs 300 ppi: 600 x 300 pixels are 2 x 1 in. */
	placed p = image_item(out, "body-300ppi.png");
	near(p.w, 144, "PNG width");
	near(p.h, 72, "PNG height");
	near(p.x + p.w / 2, FRAME_X + MEASURE / 2, "PNG centre");
	/* JFIF 150 ppi, and none (96 ppi): 80 x 60 pixels. */
	p = image_item(out, "photo-150ppi.jpg");
	near(p.w, 38.4f, "JPEG width");
	near(p.h, 28.8f, "JPEG height");
	p = image_item(out, "photo.jpg");
	near(p.w, 60, "JPEG width at 96 ppi");
	near(p.h, 45, "JPEG height at 96 ppi");
	near(p.x + p.w / 2, FRAME_X + MEASURE / 2, "JPEG centre");
	/* The SVG (100 x 120 user units: 75 x 90 pt) as paths, inside the
	 * centred 75 pt and below the last picture. */
	const char *svg = strstr(out, "alt=\"Грб\"");
	cr_assert(ne(ptr, (void *)svg, NULL), "%s", out);
	float x0 = FRAME_X + (MEASURE - 75) / 2, minx = 1e9f, maxx = -1e9f, miny = 1e9f,
	      maxy = -1e9f;
	int n = 0;
	for (const char *q = strstr(out, "\npath "); q; q = strstr(q + 1, "\npath ")) {
		const char *end = strchr(q + 1, '\n');
		for (const char *t = q + 6; t && t < end; t = strchr(t + 1, ' ')) {
			float x, y;
			if (sscanf(t + 1, "%*[MLC]%f,%f", &x, &y) == 2 ||
			        sscanf(t + 1, "%f,%f", &x, &y) == 2) {
				minx = fminf(minx, x), maxx = fmaxf(maxx, x);
				miny = fminf(miny, y), maxy = fmaxf(maxy, y);
				n++;
			}
		}
	}
	cr_assert(lt(int, 10, n), "%s", out);
	/* (Its curves' control points and a rotated polygon reach a little
	 * past its viewBox.) */
	cr_assert(le(flt, x0 - 2, minx), "%.2f", minx);
	cr_assert(le(flt, maxx, x0 + 77), "%.2f", maxx);
	cr_assert(le(flt, p.y + p.h, miny), "%.2f", miny);
	cr_assert(le(flt, maxy - miny, 95), "%.2f", maxy - miny);
	cr_assert(lt(flt, 60, maxy - miny), "%.2f", maxy - miny);
	/* poppler: each raster image placed at the resolution it gives. */
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(
	        eq(int,
	                sh(out, sizeof out,
	                        "pdfimages -list %s/r.pdf | awk 'NR > 2 {print $4 \"x\" $5, $13}'",
	                        dir),
	                0),
	        "%s", out);
	cr_assert(eq(str, out, "600x300 300\n80x60 150\n80x60 96\n"));
}

Test(body_images, the_same_file_twice_is_embedded_once)
{
	copy_image("photo.jpg");
	copy_image("gray.png");
	release("![Прва](photo.jpg)\n\nТекст.\n\n![Друга](photo.jpg)\n\n![Сива](gray.png)\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir), 0), "%s",
	        out);
	/* Three placements of two image objects. */
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "pdfimages -list %s/r.pdf | awk 'NR > 2 {n++; print $11} END "
	                "{print n}' | sort -u | wc -l",
	                dir),
	        0));
	cr_assert(eq(str, out, "3\n"), "%s", out); /* two object ids and the count 3 */
	cr_assert(eq(int,
	        sh(out, sizeof out, "pdfimages -list %s/r.pdf | awk 'NR > 2' | wc -l", dir), 0));
	cr_assert(eq(str, out, "3\n"), "%s", out);
}

Test(body_images, the_description_is_the_figures_alt_and_the_title_its_caption)
{
	copy_image("photo.jpg");
	release("Пасус са ![сликом \"унутра\"](photo.jpg) у реду.\n\n"
	        "![Поглед на реку](photo.jpg \"Поглед са моста\")\n\nКрај.\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir), 0), "%s",
	        out);
	/* The description leaves the text, one space where it stood. */
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=lines %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "|Пасус са у реду.|"), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "pdftotext %s/r.pdf -", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Пасус са у реду."), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "сликом"), NULL), "%s", out);
	const char *cap = strstr(out, "Поглед са моста");
	cr_assert(ne(ptr, (void *)cap, NULL), "%s", out);
	cr_assert(lt(ptr, (void *)cap, (void *)strstr(out, "Крај.")), "%s", out);
	/* poppler: two Figures, the caption a paragraph after the second. */
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo -struct-text %s/r.pdf", dir), 0), "%s", out);
	const char *f1 = strstr(out, "Figure"), *f2 = f1 ? strstr(f1 + 1, "Figure") : NULL;
	cr_assert(ne(ptr, (void *)f2, NULL), "%s", out);
	cr_assert(ne(ptr, strstr(f2, "\"Поглед са моста\""), NULL), "%s", out);
	if (!LP_TEST_NODE[0] || access(LP_TEST_JS_DIR "/node_modules/pdfjs-dist", R_OK) != 0)
		cr_skip_test("pdf.js not installed: run ./setup --test (npm ci in tests/js)");
	/* pdf.js: /Alt, with the language's quotation marks. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "'" LP_TEST_NODE "' '" LP_TEST_JS_DIR "/pdf-struct.mjs' %s/r.pdf",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "Figure alt=\"сликом „унутра”\""), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Figure alt=\"Поглед на реку\""), NULL), "%s", out);
}

Test(body_images, a_picture_larger_than_the_page_is_scaled_down_to_the_measure_and_the_frame)
{
	copy_image("body-wide.png");
	copy_image("body-tall.png");
	release("Текст.\n\n![Широка](body-wide.png)\n\n![Висока](body-tall.png)\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	/* 3000 x 60 pixels at 96 ppi: 2250 pt wide, set to the measure. */
	placed p = image_item(out, "body-wide.png");
	near(p.x, FRAME_X, "wide x");
	near(p.w, MEASURE, "wide width");
	near(p.h, 45 * MEASURE / 2250, "wide height");
	/* 60 x 3000: 2250 pt tall, set to the frame's height on a page of
	 * its own (it does not fit under the text). */
	p = image_item(out, "body-tall.png");
	near(p.h, FRAME_H, "tall height");
	near(p.w, 45 * FRAME_H / 2250, "tall width");
	cr_assert(eq(int, p.page, 2), "%s", out);
	near(p.y, 70.87f, "tall top");
}

/* A caption stays on the picture's page: a picture as tall as the frame
 * leaves room under it for its caption's line. */
Test(body_images, a_picture_as_tall_as_the_frame_leaves_room_for_its_caption)
{
	copy_image("body-tall.png");
	release("Текст.\n\n![Висока](body-tall.png \"Потпис\")\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	placed p = image_item(out, "body-tall.png");
	const char *cap = strstr(out, "text=\"Потпис\"");
	cr_assert(ne(ptr, (void *)cap, NULL), "%s", out);
	/* The caption's baseline: the y of its first glyph. */
	const char *g = strchr(cap, '@');
	float gx, base;
	cr_assert(eq(int, sscanf(g, "@%f,%f", &gx, &base), 2), "%s", cap);
	cr_assert(lt(flt, p.y + p.h, base), "%s", out);
	cr_assert(le(flt, base, 70.87f + FRAME_H), "%s", out);
	cr_assert(lt(flt, FRAME_H - 30, p.h), "%s", out);
	/* Both on the second page, nothing forced. */
	cr_assert(eq(int, p.page, 2), "%s", out);
	cr_assert(eq(ptr, strstr(out, "\npage 3 "), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "allow no page break"), NULL), "%s", out);
}

Test(body_images, a_path_out_of_the_release_folder_is_refused_with_no_output)
{
	copy_image("photo.jpg");
	const char *paths[] = {"../photo.jpg", "/etc/hostname"};
	for (int i = 0; i < 2; i++) {
		char body[256];
		snprintf(body, sizeof body, "Текст.\n\n![Слика](%s)\n", paths[i]);
		release(body);
		/* EX_DATAERR, as for the signature picture. */
		cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir),
		                  65),
		        "%s", out);
		char want[256];
		snprintf(want, sizeof want,
		        "r.md:9:10: error: 'image' must be a file inside the release's folder; "
		        "'%s' is not",
		        paths[i]);
		cr_assert(ne(ptr, strstr(out, want), NULL), "%s", out);
		/* The caret spans the path as written. */
		char caret[64];
		snprintf(caret, sizeof caret, "|          %.*s\n", (int)strlen(paths[i]),
		        "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
		cr_assert(ne(ptr, strstr(out, caret), NULL), "%s", out);
		char pdf[128];
		snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
		cr_assert(not(file_exists(pdf)), "%s", out);
	}
}

/* Copies a test picture under another name (a space, Cyrillic letters). */
static void
copy_image_as(const char *name, const char *as)
{
	cr_assert(eq(int,
	        sh(out, sizeof out, "cp '" LP_TEST_DATA_DIR "/images/%s' '%s/%s'", name, dir, as),
	        0));
}

/* Renders r.md to r.pdf and counts the picture placements in it (poppler's
 * pdfimages), after checking that the display list draws `name`. */
static int
rendered_images(const char *name)
{
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	image_item(out, name);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(eq(ptr, strstr(out, "warning"), NULL), "%s", out);
	cr_assert(eq(int,
	        sh(out, sizeof out, "pdfimages -list %s/r.pdf | awk 'NR > 2' | wc -l", dir), 0));
	return atoi(out);
}

/* A link destination is URL-like (CommonMark): "my%20pic.png" names the
 * file "my pic.png", as "<my pic.png>" does, and both are one picture. */
Test(body_images, a_percent_encoded_space_names_the_file_with_the_space)
{
	copy_image_as("body-300ppi.png", "my pic.png");
	release("Текст.\n\n![Размак](my%20pic.png)\n\n![Исти](<my pic.png>)\n");
	cr_assert(eq(int, rendered_images("my pic.png"), 2));
	/* One image object, placed twice. */
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "pdfimages -list %s/r.pdf | awk 'NR > 2 {print $11}' | sort -u | wc -l",
	                dir),
	        0));
	cr_assert(eq(str, out, "1\n"), "%s", out);
}

/* Editors and Markdown tools write a Cyrillic name's UTF-8 bytes as
 * escapes; in a table's cell too. */
Test(body_images, a_percent_encoded_cyrillic_name_names_its_file)
{
	copy_image_as("photo.jpg", "грб града.jpg");
	release("Текст.\n\n![Грб](%D0%B3%D1%80%D0%B1%20%D0%B3%D1%80%D0%B0%D0%B4%D0%B0.jpg)\n\n"
	        "| Име | Слика |\n|---|---|\n| Град | ![Грб](<%d0%b3%d1%80%d0%b1 града.jpg>) |\n");
	cr_assert(eq(int, rendered_images("грб града.jpg"), 2));
}

/* A '%' without two hex digits after it stays as it is written. */
Test(body_images, a_malformed_percent_escape_is_kept_as_written)
{
	copy_image_as("gray.png", "a%G1b.png");
	copy_image_as("photo.jpg", "100%");
	release("Текст.\n\n![Сива](a%G1b.png)\n\n![Фотографија](100%)\n");
	cr_assert(eq(int, rendered_images("a%G1b.png"), 2));
}

/* Decoded, a path goes through the same confinement as any: escaped dots
 * and slashes do not lead out of the release's folder, and %00 does not
 * cut the path short. Each an error at the path, nothing written. */
Test(body_images, percent_escapes_neither_lead_out_of_the_folder_nor_cut_the_path)
{
	copy_image("photo.jpg");
	cr_assert(eq(int,
	        sh(out, sizeof out, "mkdir %s/sub && mv %s/photo.jpg %s/sub/", dir, dir, dir), 0));
	const char *paths[] = {"%2e%2e%2fsub%2Fphoto.jpg", "..%2Fsub/photo.jpg",
	        "%2Fetc%2Fhostname", "sub/photo.jpg%00.txt"};
	const char *want[] = {
	        "'image' must be a file inside the release's folder; '../sub/photo.jpg' is not",
	        "'image' must be a file inside the release's folder; '../sub/photo.jpg' is not",
	        "'image' must be a file inside the release's folder; '/etc/hostname' is not",
	        "this image's path 'sub/photo.jpg%00.txt' has the escape %00, a NUL byte"};
	for (int i = 0; i < 4; i++) {
		char body[256];
		snprintf(body, sizeof body, "Текст.\n\n![Слика](%s)\n", paths[i]);
		release(body);
		/* The release in sub/: "../sub/photo.jpg" would be its own folder's
		 * file, were it not refused as written. */
		cr_assert(eq(int, sh(out, sizeof out, "mv %s/r.md %s/sub/r.md", dir, dir), 0));
		cr_assert(eq(int,
		                  sh(out, sizeof out, LP " render %s/sub/r.md -o %s/sub/r.pdf", dir,
		                          dir),
		                  65),
		        "%s", out);
		char msg[256];
		snprintf(msg, sizeof msg, "r.md:9:10: error: %s", want[i]);
		cr_assert(ne(ptr, strstr(out, msg), NULL), "%s", out);
		char pdf[128];
		snprintf(pdf, sizeof pdf, "%s/sub/r.pdf", dir);
		cr_assert(not(file_exists(pdf)), "%s", out);
	}
}

Test(body_images, a_corrupt_picture_is_an_error_at_its_path_with_no_output)
{
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "head -c 200 '" LP_TEST_DATA_DIR "/images/body-300ppi.png' > %s/bad.png",
	                dir),
	        0));
	write_text(dir, "bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0\"");
	const char *files[] = {"bad.png", "bad.svg"};
	for (int i = 0; i < 2; i++) {
		char body[256];
		snprintf(body, sizeof body, "Текст.\n\n![Слика](%s)\n", files[i]);
		release(body);
		cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir),
		                  65),
		        "%s", out);
		char want[256];
		snprintf(want, sizeof want, "r.md:9:10: error: this picture cannot be drawn: %s/%s",
		        dir, files[i]);
		cr_assert(ne(ptr, strstr(out, want), NULL), "%s", out);
		char caret[64];
		snprintf(caret, sizeof caret, "|          %.*s\n", (int)strlen(files[i]),
		        "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
		cr_assert(ne(ptr, strstr(out, caret), NULL), "%s", out);
		char pdf[128];
		snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
		cr_assert(not(file_exists(pdf)), "%s", out);
	}
}

Test(body_images, an_image_without_description_is_decoration_and_refused_under_pdfua)
{
	copy_image("photo.jpg");
	release("Текст.\n\n![](photo.jpg)\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "r.md:9:5: warning: this image has no description"), NULL),
	        "%s", out);
	/* An artifact: drawn, in no structure element. */
	cr_assert(ne(ptr, strstr(out, "tag artifact=layout\nimage "), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "Figure"), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, LP " render --pdfua %s/r.md -o %s/r.pdf", dir, dir),
	                  65),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:9:5: error: PDF/UA-1 (--pdfua) needs this image's "
	                              "alternative text"),
	                  NULL),
	        "%s", out);
}

/* The raster backend draws what the display list holds: the picture's
 * place is dark in a PNG preview and in a fax page (halftoned). */
Test(body_images, previews_and_fax_pages_show_the_picture)
{
	copy_image("body-300ppi.png");
	release("Текст.\n\n![Пруге](body-300ppi.png)\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	placed p = image_item(out, "body-300ppi.png");
	cr_assert(eq(int, sh(out, sizeof out, LP " render --dpi=72 %s/r.md -o %s/r.png", dir, dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.tiff", dir, dir), 0),
	        "%s", out);
	/* The middle half of the picture, and as much white beside it. */
	struct {
		const char *file;
		float sx, sy, dx; /* pixels a point across and down; fax line offset */
	} f[] = {{"r.png", 1, 1, 0}, {"r.tiff", 204.f / 72, 196.f / 72, (1728 - 1687) / 2}};
	for (int i = 0; i < 2; i++) {
		int w = (int)(p.w / 2 * f[i].sx), h = (int)(p.h / 2 * f[i].sy);
		int x = (int)((p.x + p.w / 4) * f[i].sx + f[i].dx),
		    y = (int)((p.y + p.h / 4) * f[i].sy);
		cr_assert(eq(int,
		                  sh(out, sizeof out,
		                          "convert '%s/%s[0]' -crop %dx%d+%d+%d -format "
		                          "'%%[fx:mean] ' "
		                          "info: && convert '%s/%s[0]' -crop %dx%d+%d+%d -format "
		                          "'%%[fx:mean]' info:",
		                          dir, f[i].file, w, h, x, y, dir, f[i].file, w, h,
		                          x + (int)(p.w * f[i].sx), y),
		                  0),
		        "%s", out);
		float in, beside;
		cr_assert(eq(int, sscanf(out, "%f %f", &in, &beside), 2), "%s", out);
		cr_assert(lt(flt, in, 0.7f), "%s: picture mean %.2f", f[i].file, in);
		cr_assert(lt(flt, 0.99f, beside), "%s: beside it %.2f", f[i].file, beside);
	}
}

/* Five different pictures of 15 MiB decoded each pass
 * LP_MAX_DOC_PICTURE_BYTES (64 MiB) at the fifth; one used again costs
 * nothing more. */
Test(body_images, the_pictures_of_a_release_are_held_to_a_budget_together)
{
	cr_assert(
	        eq(int,
	                sh(out, sizeof out,
	                        "cd %s && python3 -c \"import struct, zlib\n"
	                        "def chunk(k, d):\n"
	                        "    return struct.pack('>I', len(d)) + k + d + "
	                        "struct.pack('>I', zlib.crc32(k + d))\n"
	                        "raw = (b'\\\\0' + b'\\\\x80' * 4000) * 4000\n"
	                        "open('b1.png', 'wb').write(b'\\\\x89PNG\\\\r\\\\n\\\\x1a\\\\n' + "
	                        "chunk(b'IHDR', struct.pack('>IIBBBBB', 4000, 4000, 8, 0, 0, 0, "
	                        "0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', "
	                        "b''))\" && for i in 2 3 4 5; do cp b1.png b$i.png; done",
	                        dir),
	                0),
	        "%s", out);
	release("![1](b1.png)\n\n![2](b2.png)\n\n![3](b3.png)\n\n![4](b4.png)\n\n![1](b1.png)\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " check %s/r.md", dir), 0), "%s", out);
	release("![1](b1.png)\n\n![2](b2.png)\n\n![3](b3.png)\n\n![4](b4.png)\n\n![5](b5.png)\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir), 65),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:15:6: error: with this picture the release's pictures "
	                              "hold 77 MiB; the limit is 64 MiB"),
	                  NULL),
	        "%s", out);
	char pdf[128];
	snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
	cr_assert(not(file_exists(pdf)), "%s", out);
}

/* A layout's `figure` style places the picture and spaces it; its
 * `caption` style sets the caption. */
Test(body_images, the_layouts_figure_and_caption_styles_are_used)
{
	copy_image("photo.jpg");
	write_text(dir, "l.yaml",
	        "page:\n  size: A4\n  margins: {top: 25mm, right: 25mm, bottom: 25mm, left: 25mm}\n"
	        "styles:\n  body: {family: Noto Serif, size: 11pt, space-after: 4pt}\n"
	        "  figure: {based-on: body, align: right, space-before: 30pt}\n"
	        "  caption: {based-on: body, size: 8pt, align: right}\n");
	char rel[512];
	snprintf(rel, sizeof rel,
	        "---\nlayout: l.yaml\n%sТекст.\n\n![Слика](photo.jpg \"Потпис\")\n",
	        head + strlen("---\n"));
	write_text(dir, "r.md", rel);
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " check --dump=dlist %s/r.md", dir), 0), "%s", out);
	placed p = image_item(out, "photo.jpg");
	near(p.x + p.w, FRAME_X + MEASURE, "right edge");
	/* 30 pt above it, from the last line of "Текст." (its baseline). */
	const char *t = strstr(out, "text=\"Текст.\"");
	cr_assert(ne(ptr, (void *)t, NULL), "%s", out);
	float gx, base;
	cr_assert(eq(int, sscanf(strchr(t, '@'), "@%f,%f", &gx, &base), 2));
	cr_assert(lt(flt, base + 30, p.y), "%.2f %.2f", base, p.y);
	const char *cap = strstr(out, "size=8 color=#000000 glyphs=6 text=\"Потпис\"");
	cr_assert(ne(ptr, (void *)cap, NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "Italic"), NULL), "%s", out);
}
