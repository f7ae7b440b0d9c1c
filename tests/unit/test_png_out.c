/* PNG previews (src/raster/png_out.c): one file a page, named after the
 * output, deterministic with no time chunk, written whole or not at all;
 * in memory, one image of every page. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../integration/cli_util.h"
#include "../support/raster_doc.h"
#include "raster/raster.h"
#include "raster_fixture.h"

#include <png.h>

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
	cr_assert(diag_has(
	        "the document has 2 pages, which make 2 PNG files; standard output takes one"));
	lp_dlist_drop(list);
	remove_temp_dir(dir);
}

/* In memory a document is one image: pages of different widths centred,
 * a grey band between them; a strip past LP_MAX_PNG_STRIP_PIXELS is
 * refused before it is made. */
Test(png_out, png_strip_stacks_the_pages)
{
	lp_dlist_begin_page(b, 72, 72);
	add_rect(0, 0, 72, 72, 0x000000, 1);
	lp_dlist_begin_page(b, 36, 72);
	lp_dlist *list = finish();
	lp_png_options o = lp_png_options_default();
	o.dpi = 72;
	o.grey = true;
	uint8_t *data;
	size_t size;
	cr_assert(eq(int, lp_raster_render_png_strip(list, &o, &data, &size, diag), LP_OK));
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	cr_assert(png_image_begin_read_from_memory(&img, data, size));
	img.format = PNG_FORMAT_GRAY;
	/* 72 rows, 6 of gap (1/12 in), 72 rows. */
	cr_assert(eq(u32, img.width, 72));
	cr_assert(eq(u32, img.height, 150));
	uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
	cr_assert(png_image_finish_read(&img, NULL, px, 0, NULL));
	cr_assert(eq(u8, px[10 * 72 + 36], 0), "page 1 is black");
	cr_assert(eq(u8, px[74 * 72 + 36], 0x80), "the gap is grey");
	cr_assert(eq(u8, px[100 * 72 + 36], 0xff), "page 2 is white paper");
	cr_assert(eq(u8, px[100 * 72 + 5], 0x80), "beside the narrower page 2: grey");
	free(px);
	free(data);
	lp_dlist_drop(list);
}

Test(png_out, png_strip_past_its_limit_is_refused)
{
	/* 1000 x 1000 pixels a page at 72 dpi: 68 pages pass 64 Mi pixels. */
	for (int i = 0; i < 70; i++)
		lp_dlist_begin_page(b, 1000, 1000);
	lp_dlist *list = finish();
	lp_png_options o = lp_png_options_default();
	o.dpi = 72;
	o.grey = true;
	uint8_t *data;
	size_t size;
	cr_assert(eq(int, lp_raster_render_png_strip(list, &o, &data, &size, diag), LP_ERR_LIMIT));
	cr_assert(eq(ptr, data, NULL));
	char msg[512];
	lp_diag_format(lp_diag_at_index(diag, 0), msg, sizeof msg);
	cr_assert(ne(ptr,
	                  strstr(msg, "pages at this resolution make a PNG of more than 64 million "
	                              "pixels"),
	                  NULL),
	        "%s", msg);
	lp_dlist_drop(list);
}
