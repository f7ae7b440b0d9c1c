/* The fax preflight and profile (src/raster/fax_profile.c): each kind of
 * problem reported once with where it first is; the profiled list makes
 * dark colours black, hairlines a fax pixel wide and watermarks outlines;
 * the TIFF writer runs the preflight, naming the layout block at fault. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "../support/raster_doc.h"
#include "image/image.h"
#include "pdf/pdf.h"
#include "raster/fax_profile.h"
#include "raster/raster.h"
#include "test-config.h"

static lp_diag *diag;

static void
setup(void)
{
	diag = lp_diag_new(NULL, NULL);
}

static void
teardown(void)
{
	lp_diag_drop(diag);
}

TestSuite(fax_profile, .init = setup, .fini = teardown, .timeout = 120);

static const char *
message(size_t i)
{
	static char buf[1024];
	lp_diag_format(lp_diag_at_index(diag, i), buf, sizeof buf);
	return buf;
}

static bool
has(const char *text)
{
	for (size_t i = 0; i < lp_diag_size(diag); i++)
		if (strstr(message(i), text))
			return true;
	return false;
}

static lp_dl_item *
first_item(lp_dlist *list, lp_dl_kind kind)
{
	for (uint32_t p = 0; p < list->n_pages; p++)
		for (uint32_t i = 0; i < list->pages[p].n_items; i++)
			if (list->pages[p].items[i].kind == kind)
				return (lp_dl_item *)&list->pages[p].items[i];
	return NULL;
}

Test(fax_profile, seed_release_faxes_cleanly)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md");
	cr_assert(eq(sz, lp_fax_preflight(r.list, "seed.md", diag), 0), "%s",
	        lp_diag_size(diag) ? message(0) : "");
	lp_test_release_drop(&r);
}

/* A page with one of each problem (and two of small text). */
static lp_dlist *
troubled(const lp_font *font, lp_image *img)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595.28f, 841.89f);
	lp_dl_glyph g[2] = {{36, 100, 200, 0}, {36, 106, 200, 1}};
	lp_dlist_add_text(b, &(lp_dl_text){font, 6.5f, 0x000000, g, 2, "ab", 2, NULL});
	lp_dlist_add_text(b, &(lp_dl_text){font, 7, 0x000000, g, 1, "c", 1, NULL});
	lp_dl_glyph light[1] = {{36, 72, 300, 0}};
	lp_dlist_add_text(b, &(lp_dl_text){font, 11, 0xaaaaaa, light, 1, "light", 5, NULL});
	lp_dlist_add_rule(b, &(lp_dl_rule){72, 400, 300, 400, 0.2f, 0x555555});
	lp_path_seg segs[] = {{LP_PATH_MOVE, {100, 500}}, {LP_PATH_LINE, {200, 500}},
	        {LP_PATH_LINE, {200, 600}}, {LP_PATH_CLOSE, {0}}};
	lp_dlist_add_path(b, &(lp_dl_path){segs, 4, true, false, false, 0x9a9a9a, 0, 0.25f, 1, 0});
	lp_dlist_add_image(b, &(lp_dl_image){img, 72, 10, 2, 2});
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	return list;
}

Test(fax_profile, preflight_names_each_problem_once)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "f.md", "---\ntitle: T\nlayout: plain\n---\nx\n");
	lp_image *img;
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/gray.png", &img, diag), LP_OK));
	lp_dlist *list = troubled(first_item(r.list, LP_DL_TEXT)->u.text.font, img);
	cr_assert(eq(sz, lp_fax_preflight(list, "f.md", diag), 6));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 6));
	cr_assert(has("f.md: warning: fax: text under 8 pt will be hard to read on a fax: \"ab\" "
	              "at 6.5 pt "
	              "on page 1, 35 mm from the left and 71 mm from the top (and more like it)"));
	cr_assert(has("fax: text too light to fax as black is dithered and may not be legible: "
	              "\"light\" in #AAAAAA on page 1"));
	cr_assert(has("fax: lines under 0.5 pt may break up on a fax: 0.20 pt wide on page 1"));
	cr_assert(has(
	        "fax: translucent drawings (watermarks) are faxed as their outline: opacity 0.25"));
	cr_assert(has("fax: images lose detail finer than a fax's 204 dpi: "));
	cr_assert(has("fax: a fax server prints its header line over the top 6 mm of a page: the "
	              "image "));
	lp_dlist_drop(list);
	lp_image_drop(img);
	lp_test_release_drop(&r);
}

Test(fax_profile, profile_blackens_widens_and_outlines)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "f.md", "---\ntitle: T\nlayout: plain\n---\nx\n");
	lp_image *img;
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/gray.png", &img, diag), LP_OK));
	lp_dlist *list = troubled(first_item(r.list, LP_DL_TEXT)->u.text.font, img);
	lp_dlist *fax;
	cr_assert(eq(int, lp_fax_profile(list, &fax), LP_OK));
	cr_assert(eq(u32, fax->n_pages, 1));
	cr_assert(eq(u32, fax->pages[0].n_items, list->pages[0].n_items));
	const lp_dl_item *it = fax->pages[0].items;
	cr_assert(eq(u32, it[2].u.text.color, 0xaaaaaa), "light text is left (and warned of)");
	cr_assert(eq(u32, it[3].u.rule.color, 0x000000), "#555555 becomes black");
	cr_assert(ge(flt, it[3].u.rule.width_pt, 72.0f / 204.0f), "a fax pixel wide");
	cr_assert(not(it[4].u.path.fill), "the watermark is no longer filled");
	cr_assert(it[4].u.path.stroke);
	cr_assert(eq(u32, it[4].u.path.stroke_color, 0x000000));
	cr_assert(eq(flt, it[4].u.path.stroke_opacity, 1.0f));
	uint8_t *pdf;
	size_t size;
	cr_assert(eq(int, lp_pdf_render(fax, NULL, &pdf, &size, diag), LP_OK),
	        "a PDF can be made of it");
	free(pdf);
	lp_dlist_drop(fax);
	lp_dlist_drop(list);
	lp_image_drop(img);
	lp_test_release_drop(&r);
}

Test(fax_profile, tiff_runs_the_preflight_at_the_layout_block)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "wm.md",
	        "---\ntitle: Саопштење\nlayout: predsednik\n"
	        "date: 2024-02-20\nwatermark: копија\n---\nТекст.\n");
	lp_tiff_options o = lp_tiff_options_default();
	o.source_name = "wm.md";
	uint8_t *data;
	size_t size;
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &data, &size, diag), LP_OK));
	free(data);
	/* At the layout block that draws it, not the release. */
	cr_assert(has("layouts/predsednik/layout.yaml:"));
	cr_assert(has(
	        ": warning: fax: translucent drawings (watermarks) are faxed as their outline"));
	cr_assert(not(has("wm.md: warning: fax: translucent")));
	lp_test_release_drop(&r);
}
