/* The raster backend on real releases, checked with real readers: every
 * TIFF Class F tag through libtiff and tiffinfo; libtiff, ImageMagick,
 * tiff2pdf and Ghostscript (on tiff2pdf's PDF) decode the same pixels;
 * byte-identical runs; and the 72 dpi PNG preview against pdftoppm's
 * rendering of the PDF made from the same display list. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

#include "cli_util.h"
#include "../support/raster_doc.h"
#include "pdf/pdf.h"
#include "raster/raster.h"

#define EXAMPLES LP_TEST_SRCDIR "/examples"
#define SEED EXAMPLES "/predsednik-2024-02-20.md"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(fax, 300);

/* Writes the release's TIFF to dir/name. */
static void
write_tiff(const char *release, lp_fax_resolution res, lp_fax_coding coding, const char *name,
        uint32_t *n_pages)
{
	lp_test_release r;
	lp_test_release_build(&r, release);
	lp_tiff_options o = {res, coding};
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert(eq(int, lp_raster_write_tiff(r.list, &o, path, r.diag), LP_OK));
	if (n_pages)
		*n_pages = r.list->n_pages;
	lp_test_release_drop(&r);
}

static TIFF *
open_tiff(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	TIFF *tif = TIFFOpen(path, "r");
	cr_assert(ne(ptr, tif, NULL));
	return tif;
}

/* Every tag Class F asks for, on every page. */
static void
check_tags(TIFF *tif, uint32_t n_pages, float yres, uint16_t compression, uint32_t g3opt)
{
	cr_assert(eq(int, TIFFNumberOfDirectories(tif), n_pages));
	for (uint32_t p = 0; p < n_pages; p++) {
		cr_assert(TIFFSetDirectory(tif, (uint16_t)p));
		uint32_t u32v = 0, width = 0, length = 0, rows = 0;
		uint16_t u16v = 0, pn = 0, pt = 0;
		float res = 0;
		char *text = NULL;
		cr_assert(TIFFGetField(tif, TIFFTAG_SUBFILETYPE, &u32v));
		cr_assert(eq(u32, u32v, FILETYPE_PAGE));
		cr_assert(TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width));
		cr_assert(eq(u32, width, 1728));
		cr_assert(TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &length));
		cr_assert(eq(u32, length, yres == 196 ? 2292 : 1146), "A4 at %g dpi", (double)yres);
		cr_assert(TIFFGetField(tif, TIFFTAG_BITSPERSAMPLE, &u16v));
		cr_assert(eq(u16, u16v, 1));
		cr_assert(TIFFGetField(tif, TIFFTAG_SAMPLESPERPIXEL, &u16v));
		cr_assert(eq(u16, u16v, 1));
		cr_assert(TIFFGetField(tif, TIFFTAG_COMPRESSION, &u16v));
		cr_assert(eq(u16, u16v, compression));
		if (compression == COMPRESSION_CCITTFAX3) {
			cr_assert(TIFFGetField(tif, TIFFTAG_GROUP3OPTIONS, &u32v));
			cr_assert(eq(u32, u32v, g3opt));
		} else {
			cr_assert(TIFFGetField(tif, TIFFTAG_GROUP4OPTIONS, &u32v));
			cr_assert(eq(u32, u32v, 0));
		}
		cr_assert(TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &u16v));
		cr_assert(eq(u16, u16v, PHOTOMETRIC_MINISWHITE));
		cr_assert(TIFFGetField(tif, TIFFTAG_FILLORDER, &u16v));
		cr_assert(eq(u16, u16v, FILLORDER_LSB2MSB));
		cr_assert(TIFFGetField(tif, TIFFTAG_ROWSPERSTRIP, &rows));
		cr_assert(eq(u32, rows, length));
		cr_assert(eq(u32, TIFFNumberOfStrips(tif), 1), "one strip a page");
		cr_assert(TIFFGetField(tif, TIFFTAG_XRESOLUTION, &res));
		cr_assert(eq(flt, res, 204));
		cr_assert(TIFFGetField(tif, TIFFTAG_YRESOLUTION, &res));
		cr_assert(eq(flt, res, yres));
		cr_assert(TIFFGetField(tif, TIFFTAG_RESOLUTIONUNIT, &u16v));
		cr_assert(eq(u16, u16v, RESUNIT_INCH));
		cr_assert(TIFFGetField(tif, TIFFTAG_PAGENUMBER, &pn, &pt));
		cr_assert(eq(u16, pn, p));
		cr_assert(eq(u16, pt, n_pages));
		cr_assert(TIFFGetField(tif, TIFFTAG_CLEANFAXDATA, &u16v));
		cr_assert(eq(u16, u16v, CLEANFAXDATA_CLEAN));
		cr_assert(TIFFGetField(tif, TIFFTAG_SOFTWARE, &text));
		cr_assert(eq(int, strncmp(text, "letterpress ", 12), 0));
	}
}

/* Page p decoded by libtiff, one byte a pixel (1 black). */
static uint8_t *
decode(TIFF *tif, uint32_t p, uint32_t *w, uint32_t *h)
{
	cr_assert(TIFFSetDirectory(tif, (uint16_t)p));
	TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, w);
	TIFFGetField(tif, TIFFTAG_IMAGELENGTH, h);
	size_t row = (*w + 7) / 8;
	uint8_t *bits = malloc(row * *h);
	cr_assert(
	        eq(sz, (size_t)TIFFReadEncodedStrip(tif, 0, bits, (tmsize_t)(row * *h)), row * *h));
	uint8_t *px = malloc((size_t)*w * *h);
	for (uint32_t y = 0; y < *h; y++)
		for (uint32_t x = 0; x < *w; x++)
			px[(size_t)y * *w + x] = (bits[y * row + x / 8] >> (7 - x % 8)) & 1;
	free(bits);
	return px;
}

Test(fax, seed_tiff_has_every_class_f_tag)
{
	uint32_t n;
	write_tiff(SEED, LP_FAX_FINE, LP_FAX_G4, "s.tiff", &n);
	cr_assert(eq(u32, n, 1));
	TIFF *tif = open_tiff("s.tiff");
	check_tags(tif, 1, 196, COMPRESSION_CCITTFAX4, 0);
	char *date = NULL;
	cr_assert(TIFFGetField(tif, TIFFTAG_DATETIME, &date), "the release's date");
	cr_assert(eq(str, date, "2024:02:20 12:00:00"));
	/* The page is centred in the line: the margins left and right of the
	 * ink differ by at most the rounding of 20.7 px. */
	uint32_t w, h;
	uint8_t *px = decode(tif, 0, &w, &h);
	uint32_t left = w, right = 0;
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			if (px[(size_t)y * w + x]) {
				left = x < left ? x : left;
				right = x > right ? x : right;
			}
	/* Body 25 mm from both edges: 200.8 px, plus the centring offset. */
	cr_assert(
	        le(dbl, fabs((double)left - (w - 1 - right)), 3), "left %u right %u", left, right);
	free(px);
	TIFFClose(tif);

	cr_assert(eq(int, sh(out, sizeof out, "tiffinfo %s/s.tiff", dir), 0), "%s", out);
	const char *want[] = {"Subfile Type: multi-page document (2 = 0x2)",
	        "Image Width: 1728 Image Length: 2292", "Resolution: 204, 196 pixels/inch",
	        "Bits/Sample: 1", "Compression Scheme: CCITT Group 4",
	        "Photometric Interpretation: min-is-white", "FillOrder: lsb-to-msb",
	        "Samples/Pixel: 1", "Rows/Strip: 2292", "Page Number: 0-1",
	        "DateTime: 2024:02:20 12:00:00", "Fax Data: clean"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert(ne(ptr, strstr(out, want[i]), NULL), "tiffinfo lacks \"%s\":\n%s",
		        want[i], out);
	cr_assert(eq(ptr, strstr(out, "Warning"), NULL), "%s", out);
}

Test(fax, standard_mode_and_g3_codings)
{
	write_tiff(SEED, LP_FAX_STANDARD, LP_FAX_G4, "std.tiff", NULL);
	TIFF *tif = open_tiff("std.tiff");
	check_tags(tif, 1, 98, COMPRESSION_CCITTFAX4, 0);
	TIFFClose(tif);
	write_tiff(SEED, LP_FAX_FINE, LP_FAX_G4, "g4.tiff", NULL);
	write_tiff(SEED, LP_FAX_FINE, LP_FAX_G3_1D, "g31.tiff", NULL);
	write_tiff(SEED, LP_FAX_FINE, LP_FAX_G3_2D, "g32.tiff", NULL);
	TIFF *g4 = open_tiff("g4.tiff"), *g31 = open_tiff("g31.tiff"), *g32 = open_tiff("g32.tiff");
	check_tags(g31, 1, 196, COMPRESSION_CCITTFAX3, GROUP3OPT_FILLBITS);
	check_tags(g32, 1, 196, COMPRESSION_CCITTFAX3, GROUP3OPT_FILLBITS | GROUP3OPT_2DENCODING);
	/* Three codings of the same pixels. */
	uint32_t w, h;
	uint8_t *a = decode(g4, 0, &w, &h), *b = decode(g31, 0, &w, &h),
	        *c = decode(g32, 0, &w, &h);
	cr_assert(eq(int, memcmp(a, b, (size_t)w * h), 0));
	cr_assert(eq(int, memcmp(a, c, (size_t)w * h), 0));
	free(a), free(b), free(c);
	TIFFClose(g4), TIFFClose(g31), TIFFClose(g32);
	cr_assert(eq(int, sh(out, sizeof out, "tiffinfo %s/g32.tiff", dir), 0), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "Group 3 Options: 2-d encoding+EOL padding"), NULL), "%s", out);
}

Test(fax, multi_page_numbers_and_same_bytes_every_run)
{
	uint32_t n;
	write_tiff(EXAMPLES "/long-izvestaj.md", LP_FAX_FINE, LP_FAX_G4, "a.tiff", &n);
	cr_assert(ge(u32, n, 2));
	TIFF *tif = open_tiff("a.tiff");
	check_tags(tif, n, 196, COMPRESSION_CCITTFAX4, 0);
	TIFFClose(tif);
	write_tiff(EXAMPLES "/long-izvestaj.md", LP_FAX_FINE, LP_FAX_G4, "b.tiff", NULL);
	cr_assert(eq(int, sh(out, sizeof out, "cmp %s/a.tiff %s/b.tiff", dir, dir), 0), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "identify %s/a.tiff | wc -l", dir), 0), "%s", out);
	cr_assert(eq(int, atoi(out), (int)n), "ImageMagick sees every page: %s", out);
}

/* ImageMagick, tiff2pdf and Ghostscript (on tiff2pdf's PDF) decode what
 * libtiff decodes. */
Test(fax, other_readers_decode_the_same_pixels)
{
	write_tiff(SEED, LP_FAX_FINE, LP_FAX_G4, "s.tiff", NULL);
	TIFF *tif = open_tiff("s.tiff");
	uint32_t w, h;
	uint8_t *px = decode(tif, 0, &w, &h);
	TIFFClose(tif);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "identify -format '%%w %%h %%x %%y %%[tiff:photometric]\\n' "
	                          "%s/s.tiff",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, strncmp(out, "1728 2292 204", 13), 0), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, "convert %s/s.tiff -depth 8 gray:%s/im.raw", dir, dir),
	                0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out, "tiff2pdf -o %s/t.pdf %s/s.tiff && pdfinfo %s/t.pdf",
	                          dir, dir, dir),
	                  0),
	        "%s", out);
	const char *pages = strstr(out, "Pages:");
	cr_assert(ne(ptr, (void *)pages, NULL), "%s", out);
	cr_assert(eq(int, atoi(pages + 6), 1), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pgmraw -r204x196 "
	                          "-sOutputFile=%s/gs.pgm %s/t.pdf",
	                          dir, dir),
	                  0),
	        "%s", out);
	char path[256];
	size_t im_size, gs_size;
	snprintf(path, sizeof path, "%s/im.raw", dir);
	uint8_t *im = lp_test_file_read(path, &im_size);
	snprintf(path, sizeof path, "%s/gs.pgm", dir);
	uint8_t *gs = lp_test_file_read(path, &gs_size);
	cr_assert(eq(sz, im_size, (size_t)w * h));
	cr_assert(ge(sz, gs_size, (size_t)w * h));
	const uint8_t *gpx = gs + gs_size - (size_t)w * h; /* after the PGM header */
	size_t im_diff = 0, gs_diff = 0, ink = 0;
	for (size_t i = 0; i < (size_t)w * h; i++) {
		ink += px[i];
		im_diff += (im[i] < 128) != px[i];
		gs_diff += (gpx[i] < 128) != px[i];
	}
	cr_assert(lt(sz, 10000, ink));
	cr_assert(eq(sz, im_diff, 0), "ImageMagick decodes other pixels");
	cr_assert(eq(sz, gs_diff, 0), "Ghostscript shows other pixels");
	free(im), free(gs), free(px);
}

/* ---- PNG previews against pdftoppm ----------------------------------- */

/* Measured on the examples (docs/ARCHITECTURE.md, "The raster backend"):
 * pixel for pixel, a mean absolute difference of 0.15-5.0 levels of 255
 * and up to 3.2 % of pixels more than 64 levels apart, all of it whole
 * lines of text a row apart (a baseline exactly on a pixel boundary goes
 * to the row above or below by each renderer's rounding); allowing a row
 * of slack, 0.12-0.39 levels and at most 0.01 %. The bounds leave room for
 * font and layout changes, not for a misplaced or missing item. */
#define LP_PREVIEW_MAX_MEAN_DIFF 8.0
#define LP_PREVIEW_MAX_FAR_SHARE 0.06
#define LP_PREVIEW_MAX_MEAN_DIFF_SLACK 1.0
#define LP_PREVIEW_MAX_FAR_SHARE_SLACK 0.001

static void
compare_with_pdftoppm(const char *release)
{
	lp_test_release r;
	lp_test_release_build(&r, release);
	char pdf[256], png[256];
	snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
	snprintf(png, sizeof png, "%s/r.png", dir);
	cr_assert(eq(int, lp_pdf_write(r.list, NULL, pdf, r.diag), LP_OK));
	lp_png_options o = {72, true};
	cr_assert(eq(int, lp_raster_write_png(r.list, &o, png, r.diag), LP_OK));
	uint32_t n = r.list->n_pages;
	lp_test_release_drop(&r);
	cr_assert(eq(int, sh(out, sizeof out, "pdftoppm -r 72 -gray -png %s %s/pp", pdf, dir), 0),
	        "%s", out);
	for (uint32_t p = 0; p < n; p++) {
		char mine[256], theirs[256];
		if (n == 1)
			snprintf(mine, sizeof mine, "%s", png);
		else
			snprintf(mine, sizeof mine, "%s/r-%u.png", dir, p + 1);
		/* pdftoppm numbers with as many digits as the last page has. */
		snprintf(theirs, sizeof theirs, "%s/pp-%0*u.png", dir, n >= 10 ? 2 : 1, p + 1);
		uint32_t w1, h1, w2, h2;
		uint8_t *a, *b;
		cr_assert(lp_test_png_read_grey(mine, &w1, &h1, &a), "%s", mine);
		cr_assert(lp_test_png_read_grey(theirs, &w2, &h2, &b), "%s", theirs);
		cr_assert(eq(u32, w1, w2));
		cr_assert(eq(u32, h1, h2));
		double sum = 0, sum1 = 0;
		size_t far = 0, far1 = 0, total = (size_t)w1 * h1;
		for (size_t y = 0; y < h1; y++)
			for (size_t x = 0; x < w1; x++) {
				size_t i = y * w1 + x;
				int d = abs((int)a[i] - (int)b[i]), d1 = d;
				/* The same, allowing the row above or below. */
				if (y > 0 && abs((int)a[i] - (int)b[i - w1]) < d1)
					d1 = abs((int)a[i] - (int)b[i - w1]);
				if (y + 1 < h1 && abs((int)a[i] - (int)b[i + w1]) < d1)
					d1 = abs((int)a[i] - (int)b[i + w1]);
				sum += d, sum1 += d1;
				far += d > 64, far1 += d1 > 64;
			}
		cr_log_info("%s page %u: mean difference %.2f levels, %.2f %% over 64; "
		            "with a row of slack %.2f, %.2f %%",
		        release, p + 1, sum / total, 100.0 * far / total, sum1 / total,
		        100.0 * far1 / total);
		cr_assert(le(dbl, sum / total, LP_PREVIEW_MAX_MEAN_DIFF), "%s page %u", release,
		        p + 1);
		cr_assert(le(dbl, (double)far / total, LP_PREVIEW_MAX_FAR_SHARE), "%s page %u",
		        release, p + 1);
		cr_assert(le(dbl, sum1 / total, LP_PREVIEW_MAX_MEAN_DIFF_SLACK), "%s page %u",
		        release, p + 1);
		cr_assert(le(dbl, (double)far1 / total, LP_PREVIEW_MAX_FAR_SHARE_SLACK),
		        "%s page %u", release, p + 1);
		free(a), free(b);
	}
}

Test(fax, png_preview_agrees_with_pdftoppm)
{
	static const char *const examples[] = {"predsednik-2024-02-20.md", "latinica-2024-03-14.md",
	        "ru-2024-04-09.md", "en-2024-09-24.md", "long-izvestaj.md"};
	for (size_t i = 0; i < sizeof examples / sizeof *examples; i++) {
		char path[256];
		snprintf(path, sizeof path, EXAMPLES "/%s", examples[i]);
		compare_with_pdftoppm(path);
	}
}

/* The preflight names the layout block that set what will not fax (its
 * file:line:col in layout.yaml), and the release line for body text; a
 * block in the fax header band is reported at its layout line too. */
Test(fax, preflight_names_the_layout_and_release_lines)
{
	char path[256];
	snprintf(path, sizeof path, "%s/fx", dir);
	cr_assert(eq(int, mkdir(path, 0755), 0));
	write_text(dir, "fx/layout.yaml",
	        "page:\n"
	        "  size: A4\n"
	        "  margins: {top: 25mm, right: 25mm, bottom: 25mm, left: 25mm}\n"
	        "styles:\n"
	        "  body: {family: Noto Serif, size: 11pt, leading: 14pt}\n"
	        "  tiny: {family: Noto Sans, size: 6pt, leading: 8pt}\n"
	        "  pale: {family: Noto Sans, size: 9pt, leading: 11pt, color: \"#BBBBBB\"}\n"
	        "styles-for:\n"
	        "  body: body\n"
	        "  heading1: tiny\n"
	        "first-page:\n"
	        "  body: {top: 30mm, bottom: 30mm}\n"
	        "  blocks:\n"
	        "    - kind: text\n"
	        "      lines: [\"Top line\"]\n"
	        "      style: pale\n"
	        "      y: 2mm\n"
	        "    - kind: separator\n"
	        "      y: 270mm\n"
	        "      rule-width: 0.2pt\n"
	        "    - kind: text\n"
	        "      lines: [\"Tel: +381 11 123 4567\"]\n"
	        "      style: tiny\n"
	        "      y: 275mm\n");
	write_text(dir, "r.md",
	        "---\ntitle: T\nlayout: ./fx\n---\nBody text.\n\n# Small heading\n\nMore.\n");
	int rc = sh(out, sizeof out, "cd %s && %s render r.md -o r.tiff", dir, LP_TEST_LETTERPRESS);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(
	        ne(ptr,
	                strstr(out, "fx/layout.yaml:21:7: warning: fax: text under 8 pt will be "
	                            "hard to "
	                            "read on a fax: \"Tel: +381 11 123 4567\" at 6.0 pt on page 1"),
	                NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr,
	                strstr(out,
	                        "r.md:7:3: warning: fax: text under 8 pt will be hard to read on a "
	                        "fax: \"Small heading\" at 6.0 pt on page 1"),
	                NULL),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "fx/layout.yaml:18:7: warning: fax: lines under 0.5 pt may "
	                              "break up "
	                              "on a fax: 0.20 pt wide"),
	                  NULL),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "fx/layout.yaml:14:7: warning: fax: text too light to fax as "
	                              "black"),
	                  NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr,
	                strstr(out,
	                        "fx/layout.yaml:14:7: warning: fax: a fax server prints its header "
	                        "line over the top 6 mm of a page: text \"Top line\""),
	                NULL),
	        "%s", out);
}

/* The shipped layouts fax without a preflight warning: their fold and punch
 * marks and rules are at least 0.5 pt, so a release on them that a fax can
 * carry is told nothing it could not mend. Two pages, so that the
 * following-pages blocks are drawn too, in fine and standard modes. */
Test(fax, shipped_layouts_pass_the_preflight)
{
	const char *layouts[] = {"predsednik", "memorandum", "latinica", "plain"};
	const char *modes[] = {"fine", "standard"};
	for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++)
		for (size_t m = 0; m < 2; m++) {
			int rc = sh(out, sizeof out,
			        "%s render %s/long-izvestaj.md --layout %s --fax-mode %s -o "
			        "%s/l.tiff",
			        LP_TEST_LETTERPRESS, EXAMPLES, layouts[i], modes[m], dir);
			cr_assert(eq(int, rc, 0), "%s: %s", layouts[i], out);
			cr_assert(eq(ptr, strstr(out, "warning: fax:"), NULL), "%s, %s: %s",
			        layouts[i], modes[m], out);
		}
}
