/* Visual regression: every example rendered to 50 dpi greyscale PNG pages
 * must match the references in tests/visual/refs within a tolerance.
 * Regenerate them with tests/visual/regenerate.sh (and review the diff). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <png.h>

#include "cli_util.h"

/* A page may differ from its reference by this much before it fails:
 * anti-aliasing changes between poppler versions stay well under it, a
 * moved block or a paragraph set on other lines does not. At 50 dpi a
 * missing short word or a changed digit can stay under it: the golden
 * traces (test_golden.c) are the test that catches those. */
#define MAX_MEAN_DIFF 1.5 /* mean absolute difference, 0..255 */
#define MAX_BAD_FRACTION 0.004 /* pixels off by more than 96 */

typedef struct example {
	char name[64];
} example;

ParameterizedTestParameters(visual, example_matches_reference)
{
	static example list[32];
	size_t n = 0;
	DIR *d = opendir(LP_TEST_SRCDIR "/examples");
	struct dirent *e;
	while (d && (e = readdir(d)) && n < 32) {
		size_t len = strlen(e->d_name);
		if (len > 3 && len < 60 && !strcmp(e->d_name + len - 3, ".md"))
			snprintf(list[n++].name, sizeof list[0].name, "%.*s", (int)(len - 3),
			        e->d_name);
	}
	if (d)
		closedir(d);
	return cr_make_param_array(example, list, n);
}

static bool
load_gray(const char *path, png_image *img, png_bytep *pixels)
{
	memset(img, 0, sizeof *img);
	img->version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(img, path))
		return false;
	img->format = PNG_FORMAT_GRAY;
	*pixels = malloc(PNG_IMAGE_SIZE(*img));
	if (!*pixels || !png_image_finish_read(img, NULL, *pixels, 0, NULL)) {
		free(*pixels);
		return false;
	}
	return true;
}

ParameterizedTest(example *ex, visual, example_matches_reference, .timeout = 120)
{
	char dir[64], out[4096];
	make_temp_dir(dir, sizeof dir);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP_TEST_LETTERPRESS " render -q " LP_TEST_SRCDIR
	                                              "/examples/%s.md -o %s/doc.pdf && pdftoppm "
	                                              "-r 50 -gray -png %s/doc.pdf %s/page",
	                          ex->name, dir, dir, dir),
	                  0),
	        "%s", out);
	int pages = 0;
	for (int p = 1;; p++) {
		char got[256], want[256];
		/* pdftoppm numbers pages with as many digits as the last page has */
		snprintf(got, sizeof got, "%s/page-%d.png", dir, p);
		if (!file_exists(got))
			snprintf(got, sizeof got, "%s/page-%02d.png", dir, p);
		if (!file_exists(got))
			break;
		pages++;
		snprintf(want, sizeof want, LP_TEST_SRCDIR "/tests/visual/refs/%s-%d.png", ex->name,
		        p);
		if (!file_exists(want))
			snprintf(want, sizeof want, LP_TEST_SRCDIR "/tests/visual/refs/%s-%02d.png",
			        ex->name, p);
		cr_assert(file_exists(want), "no reference %s (run tests/visual/regenerate.sh)",
		        want);
		png_image a, b;
		png_bytep pa, pb;
		cr_assert(load_gray(got, &a, &pa));
		cr_assert(load_gray(want, &b, &pb));
		cr_assert(eq(u32, a.width, b.width), "page %d width", p);
		cr_assert(eq(u32, a.height, b.height), "page %d height", p);
		double sum = 0;
		size_t bad = 0, n = (size_t)a.width * a.height;
		for (size_t i = 0; i < n; i++) {
			int diff = abs((int)pa[i] - (int)pb[i]);
			sum += diff;
			bad += diff > 96;
		}
		free(pa);
		free(pb);
		cr_assert(le(dbl, sum / (double)n, MAX_MEAN_DIFF),
		        "%s page %d: mean difference %.2f", ex->name, p, sum / (double)n);
		cr_assert(le(dbl, (double)bad / (double)n, MAX_BAD_FRACTION),
		        "%s page %d: %zu pixels differ", ex->name, p, bad);
	}
	cr_assert(lt(int, 0, pages));
	char extra[256];
	snprintf(extra, sizeof extra, LP_TEST_SRCDIR "/tests/visual/refs/%s-%d.png", ex->name,
	        pages + 1);
	cr_assert(not(file_exists(extra)), "the reference has more pages than %d", pages);
	remove_temp_dir(dir);
}
