/* An emblem that uses <use>, a <style> class and a linear gradient, drawn
 * by letterpress and looked at by real readers: the PDF rendered by
 * poppler (pdftoppm) and MuPDF (mutool draw), and letterpress's own PNG,
 * each checked for the colours at known places. The warning for its
 * <text> reaches render and check with the SVG's line:col. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <png.h>

#include "cli_util.h"

LP_TEST_TEMP_DIR_SUITE(svg_render);

/* viewBox 100 x 120 in the memorandum's 11 x 13.5 mm emblem box at
 * 25 mm, 16 mm: 0.11 mm a unit, the drawing 0.15 mm below the box's top.
 * A band from red (left) to blue (right) on top, a gold square (a class
 * on the <use>) bottom left, a green one (a fill on the other <use>)
 * bottom right, both copies of one square defined after them; a circle
 * under them, white in the middle to black at its edge. */
static const char emblem[] =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 120\">\n"
        " <style>.gold { fill: #ffcc00 }</style>\n"
        " <linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#ff0000\"/>"
        "<stop offset=\"1\" stop-color=\"#0000ff\"/></linearGradient>\n"
        " <rect x=\"0\" y=\"0\" width=\"100\" height=\"40\" fill=\"url(#g)\"/>\n"
        " <use href=\"#sq\" x=\"0\" y=\"50\" class=\"gold\"/>\n"
        " <use xlink:href=\"#sq\" x=\"70\" y=\"50\" fill=\"#008000\"/>\n"
        " <defs><rect id=\"sq\" width=\"30\" height=\"30\"/></defs>\n"
        " <text x=\"10\" y=\"110\">Grb</text>\n"
        " <radialGradient id=\"rg\"><stop offset=\"0\" stop-color=\"#ffffff\"/>"
        "<stop offset=\"1\" stop-color=\"#000000\"/></radialGradient>\n"
        " <circle cx=\"50\" cy=\"100\" r=\"15\" fill=\"url(#rg)\"/>\n"
        "</svg>\n";

static const char release[] = "---\nlayout: lay/layout.yaml\nlang: en\ntitle: Test\n"
                              "date: 2024-06-11\norgan:\n  - THE OFFICE\n---\n\nHello.\n";

#define DPI 150

/* The pixel at SVG user point (u, v) of the emblem, at DPI. */
static void
at(double u, double v, int *x, int *y)
{
	*x = (int)((25 + 0.11 * u) / 25.4 * DPI);
	*y = (int)((16.15 + 0.11 * v) / 25.4 * DPI);
}

typedef struct page {
	int w, h;
	unsigned char *rgb;
} page;

/* A binary PPM (P6, 8-bit) as the readers write it. */
static page
read_ppm(const char *path)
{
	page p = {0, 0, NULL};
	FILE *f = fopen(path, "rb");
	cr_assert(f != NULL, "no %s", path);
	int maxval;
	cr_assert(eq(int, fscanf(f, "P6 %d %d %d", &p.w, &p.h, &maxval), 3));
	fgetc(f);
	p.rgb = malloc((size_t)p.w * p.h * 3);
	cr_assert(eq(sz, fread(p.rgb, 3, (size_t)p.w * p.h, f), (size_t)p.w * p.h));
	fclose(f);
	return p;
}

static page
read_png(const char *path)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	cr_assert(png_image_begin_read_from_file(&img, path), "%s", img.message);
	img.format = PNG_FORMAT_RGB;
	page p = {(int)img.width, (int)img.height, malloc(PNG_IMAGE_SIZE(img))};
	cr_assert(png_image_finish_read(&img, NULL, p.rgb, 0, NULL), "%s", img.message);
	return p;
}

/* The colour at (u, v) is within tol of want in every channel. */
static void
expect(const page *p, const char *who, double u, double v, unsigned want, int tol)
{
	int x, y;
	at(u, v, &x, &y);
	cr_assert(x < p->w && y < p->h);
	const unsigned char *c = p->rgb + ((size_t)y * p->w + x) * 3;
	for (int k = 0; k < 3; k++) {
		int w = (int)((want >> (16 - 8 * k)) & 0xff);
		cr_assert(abs(c[k] - w) <= tol, "%s at %g,%g (%d,%d): #%02x%02x%02x, want #%06x",
		        who, u, v, x, y, c[0], c[1], c[2], want);
	}
}

static void
check_page(const page *p, const char *who)
{
	/* The gradient's ends match its stops (3 units in, t = 0.03 and
	 * 0.97), its middle is half way, at any height of the band. */
	expect(p, who, 3, 20, 0xf70008, 24);
	expect(p, who, 97, 20, 0x0800f7, 24);
	expect(p, who, 50, 5, 0x800080, 24);
	expect(p, who, 50, 35, 0x800080, 24);
	expect(p, who, 15, 65, 0xffcc00, 8); /* the class on the first copy */
	expect(p, who, 85, 65, 0x008000, 8); /* the fill on the second */
	expect(p, who, 50, 65, 0xffffff, 8); /* nothing between them */
	expect(p, who, 15, 95, 0xffffff, 8); /* no square but the copies */
	/* The radial gradient: white at its centre, 0.8 of the way out
	 * #333333, along any radius. */
	expect(p, who, 50, 100, 0xffffff, 24);
	expect(p, who, 62, 100, 0x333333, 24);
	expect(p, who, 50, 88, 0x333333, 24);
	expect(p, who, 30, 100, 0xffffff, 8); /* outside the circle */
}

static void
setup_folder(void)
{
	char out[4096];
	cr_assert(eq(int,
	        sh(out, sizeof out, "mkdir %s/lay && cp %s/layouts/memorandum/layout.yaml %s/lay/",
	                dir, LP_TEST_SRCDIR, dir),
	        0));
	write_text(dir, "lay/emblem.svg", emblem);
	write_text(dir, "r.md", release);
}

Test(svg_render, pdf_readers_see_the_gradient_the_copies_and_the_class)
{
	setup_folder();
	char out[8192];
	cr_assert(eq(int,
	                  sh(out, sizeof out, "cd %s && %s render r.md -o r.pdf", dir,
	                          LP_TEST_LETTERPRESS),
	                  0),
	        "%s", out);
	/* The <text> is not drawn, and the user is told where it is. */
	cr_assert(
	        strstr(out, "lay/emblem.svg:8:2: warning: <text> is not drawn") != NULL, "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "qpdf --check %s/r.pdf", dir), 0), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "pdftoppm -r %d -f 1 -l 1 -singlefile %s/r.pdf %s/poppler", DPI,
	                          dir, dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out, "mutool draw -q -r %d -o %s/mupdf.ppm %s/r.pdf 1",
	                          DPI, dir, dir),
	                  0),
	        "%s", out);
	char path[512];
	snprintf(path, sizeof path, "%s/poppler.ppm", dir);
	page p = read_ppm(path);
	check_page(&p, "poppler");
	free(p.rgb);
	snprintf(path, sizeof path, "%s/mupdf.ppm", dir);
	p = read_ppm(path);
	check_page(&p, "mupdf");
	free(p.rgb);
}

Test(svg_render, the_raster_backend_draws_the_same)
{
	setup_folder();
	char out[8192];
	cr_assert(eq(int,
	                  sh(out, sizeof out, "cd %s && %s render r.md -o r.png --dpi %d", dir,
	                          LP_TEST_LETTERPRESS, DPI),
	                  0),
	        "%s", out);
	char path[512];
	snprintf(path, sizeof path, "%s/r.png", dir);
	page p = read_png(path);
	check_page(&p, "letterpress");
	free(p.rgb);
}

Test(svg_render, check_tells_of_what_the_emblem_does_not_draw)
{
	setup_folder();
	char out[8192];
	cr_assert(
	        eq(int, sh(out, sizeof out, "cd %s && %s check r.md", dir, LP_TEST_LETTERPRESS), 0),
	        "%s", out);
	cr_assert(
	        strstr(out, "lay/emblem.svg:8:2: warning: <text> is not drawn") != NULL, "%s", out);
}

Test(svg_render, a_releases_own_picture_is_warned_of_too)
{
	setup_folder();
	write_text(dir, "s.md",
	        "---\nlayout: lay/layout.yaml\nlang: en\ntitle: Test\ndate: 2024-06-11\n"
	        "organ:\n  - THE OFFICE\nsignature:\n  name: A. Person\n  image: sig.svg\n---\n\n"
	        "Hello.\n");
	write_text(dir, "sig.svg",
	        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>\n"
	        "<rect width='10' height='5' mask='url(#m)'/></svg>\n");
	char out[8192];
	cr_assert(
	        eq(int, sh(out, sizeof out, "cd %s && %s check s.md", dir, LP_TEST_LETTERPRESS), 0),
	        "%s", out);
	cr_assert(strstr(out, "sig.svg:2:1: warning: mask on <rect> is not drawn") != NULL, "%s",
	        out);
	/* Named as written beside a release in the working folder. */
	cr_assert(strstr(out, "./sig.svg") == NULL, "%s", out);
}
