#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "dlist/trace.h"
#include "image/image.h"
#include "test-config.h"

Test(trace, dumps_one_line_per_item_rounded)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dl_meta meta = {"Наслов \"x\"", "Орган", NULL, NULL, "letterpress 0.1.0", "sr", 86400};
	lp_dlist_builder_set_meta(b, &meta);
	uint32_t h1 = lp_dlist_add_node(b, LP_ROLE_H1, 0, NULL);
	uint32_t fig = lp_dlist_add_node(b, LP_ROLE_FIGURE, h1, "Грб");
	lp_dlist_begin_page(b, 595.2756f, 841.8898f);
	lp_dlist_tag(b, h1);
	const char text[] = "Ђак";
	lp_dl_glyph g[3] = {{1, 10.004f, 20, 0}, {2, 20.126f, 20, 2}, {3, 30, 20.5f, 4}};
	lp_dl_text t = {
	        lp_fontdb_font_at(db, 0), 11, 0x102030, g, 3, text, (uint32_t)strlen(text), NULL};
	lp_dlist_add_text(b, &t);
	lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
	lp_dl_rule r = {72, 130, 523, 130.001f, 0.5f, 0x1f3a93};
	lp_dlist_add_rule(b, &r);
	lp_path_seg segs[3] = {
	        {LP_PATH_MOVE, {1, 2}}, {LP_PATH_CUBIC, {3, 4, 5, 6, 7, 8}}, {LP_PATH_CLOSE, {0}}};
	lp_dl_path p = {segs, 3, true, false, true, 0xff0000, 0, 0.5f, 1, 1};
	lp_dlist_add_path(b, &p);
	lp_dl_link l = {1, 2, 3, 4, "tel:+381"};
	lp_dlist_add_link(b, &l);
	lp_image *img;
	cr_assert(eq(int, lp_image_load(LP_TEST_DATA_DIR "/images/gray.png", &img, NULL), LP_OK));
	lp_dl_image im = {img, 450, 40.004f, 60, 30};
	lp_dlist_tag(b, fig);
	lp_dlist_add_image(b, &im);
	lp_dl_outline o = {0, 1, 20.004f, "Ђак"};
	lp_dlist_add_outline(b, &o);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	char *dump;
	size_t size;
	cr_assert(eq(int, lp_trace_to_string(list, &dump, &size), LP_OK));
	cr_assert(eq(str, dump,
	        "document pages=1 title=\"Наслов \\\"x\\\"\" author=\"Орган\" "
	        "creator=\"letterpress 0.1.0\" lang=\"sr\" date=86400\n"
	        "node 1 H1 parent=0\n"
	        "node 2 Figure parent=1 alt=\"Грб\"\n"
	        "page 1 595.28x841.89\n"
	        "tag node=1\n"
	        "text font=NotoSerif-Regular size=11 color=#102030 glyphs=3 text=\"Ђак\" "
	        "[1@10,20/0 2@20.13,20/2 3@30,20.5/4]\n"
	        "tag artifact=layout\n"
	        "rule 72,130 523,130 width=0.5 color=#1f3a93\n"
	        "path segs=3 fill=#ff0000/0.5 rule=evenodd M1,2 C3,4 5,6 7,8 Z\n"
	        "link 1,2 3,4 uri=\"tel:+381\"\n"
	        "tag node=2\n"
	        "image 450,40 60x30 16x16 name=\"gray.png\" hash=2d1e5cff98d60ca5\n"
	        "outline level=1 page=1 y=20 text=\"Ђак\"\n"));
	cr_assert(eq(sz, size, strlen(dump)));
	free(dump);
	lp_dlist_drop(list);
	lp_image_drop(img);
	lp_fontdb_drop(db);
}
