/* PNG previews (src/raster/png_out.c): one file a page, named after the
 * output, deterministic with no time chunk, written whole or not at all. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../integration/cli_util.h"
#include "../support/raster_doc.h"
#include "raster/raster.h"
#include "raster_fixture.h"

TestSuite(png_out, .init = setup, .fini = teardown, .timeout = 120);

Test(png_out, png_page_names)
{
	char *p = lp_raster_png_page_path("out.png", 0, 1);
	cr_assert(eq(str, p, "out.png"));
	free(p);
	p = lp_raster_png_page_path("dir/out.PNG", 1, 3);
	cr_assert(eq(str, p, "dir/out-2.PNG"));
	free(p);
	p = lp_raster_png_page_path("preview", 9, 12);
	cr_assert(eq(str, p, "preview-10"));
	free(p);
}

static lp_dlist *
two_pages(void)
{
	lp_dlist_begin_page(b, 100, 100);
	add_rect(10, 10, 20, 20, 0xff0000, 1);
	lp_dlist_begin_page(b, 100, 100);
	add_rect(50, 50, 20, 20, 0x0000ff, 1);
	return finish();
}

Test(png_out, png_one_file_a_page_deterministic_no_time)
{
	char dir[64], path[128];
	make_temp_dir(dir, sizeof dir);
	lp_dlist *list = two_pages();
	lp_png_options o = {72, false};
	snprintf(path, sizeof path, "%s/out.png", dir);
	cr_assert(eq(int, lp_raster_write_png(list, &o, path, diag), LP_OK));
	cr_assert(eq(int, count_files(dir), 2));
	uint32_t w, h;
	uint8_t *px;
	snprintf(path, sizeof path, "%s/out-2.png", dir);
	cr_assert(lp_test_png_read_grey(path, &w, &h, &px));
	cr_assert(eq(u32, w, 100));
	cr_assert(eq(u32, h, 100));
	cr_assert(lt(int, px[60 * 100 + 60], 128), "page 2's square");
	cr_assert(eq(int, px[20 * 100 + 20], 255), "not page 1's");
	free(px);
	uint8_t *a, *b2;
	size_t na, nb;
	cr_assert(eq(int, lp_raster_render_png(list, &o, 1, &a, &na, diag), LP_OK));
	cr_assert(eq(int, lp_raster_render_png(list, &o, 1, &b2, &nb, diag), LP_OK));
	cr_assert(eq(sz, na, nb));
	cr_assert(eq(int, memcmp(a, b2, na), 0), "same list, same bytes");
	for (size_t i = 0; i + 4 <= na; i++)
		cr_assert(memcmp(a + i, "tIME", 4) != 0, "no time chunk");
	free(a);
	free(b2);
	cr_assert(eq(int, lp_raster_render_png(list, &o, 2, &a, &na, diag), LP_ERR_USAGE));
	cr_assert(diag_has("page 3 asked for; the document has 2"));
	lp_dlist_drop(list);
	remove_temp_dir(dir);
}

Test(png_out, png_failure_leaves_no_page_behind)
{
	char dir[64], path[128];
	make_temp_dir(dir, sizeof dir);
	lp_dlist *list = two_pages();
	/* Page 2's name is taken by a folder: page 1 must not stay. */
	snprintf(path, sizeof path, "%s/out-2.png", dir);
	cr_assert(eq(int, mkdir(path, 0755), 0));
	snprintf(path, sizeof path, "%s/out.png", dir);
	lp_png_options o = {72, true};
	cr_assert(ne(int, lp_raster_write_png(list, &o, path, diag), LP_OK));
	cr_assert(eq(int, count_files(dir), 1), "only the folder that was there");
	cr_assert(not(file_exists(strcat(strcpy(path, dir), "/out-1.png"))));
	/* Several pages do not go to standard output. */
	cr_assert(eq(int, lp_raster_write_png(list, &o, "-", diag), LP_ERR_USAGE));
	cr_assert(diag_has("the document has 2 pages, which make 2 PNG files; standard output takes one"));
	lp_dlist_drop(list);
	remove_temp_dir(dir);
}
