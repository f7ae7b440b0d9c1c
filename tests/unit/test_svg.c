#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/svg_emit.h"
#include "image/image.h"
#include "test-config.h"

#define assert_pt(seg, k, X, Y)                                                                    \
	do {                                                                                       \
		cr_assert(fabsf((seg).pt[2 * (k)] - (X)) < 1e-3f &&                                \
		                  fabsf((seg).pt[2 * (k) + 1] - (Y)) < 1e-3f,                      \
		        "got %g,%g want %g,%g", (double)(seg).pt[2 * (k)],                         \
		        (double)(seg).pt[2 * (k) + 1], (double)(X), (double)(Y));                  \
	} while (0)

Test(svg, lines_relative_and_absolute)
{
	lp_status s;
	lp_dlist *l = emit("<path d='M10 10 h10 v10 H10 V15 l5-5 L10,10z m 1 1 l1 1'/>", &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	const lp_dl_path *p = path_at(l, 0);
	cr_assert(eq(u32, p->n_segs, 10));
	assert_pt(p->segs[1], 0, 20, 10);
	assert_pt(p->segs[2], 0, 20, 20);
	assert_pt(p->segs[3], 0, 10, 20);
	assert_pt(p->segs[4], 0, 10, 15);
	assert_pt(p->segs[5], 0, 15, 10);
	cr_assert(eq(int, p->segs[7].op, LP_PATH_CLOSE));
	assert_pt(p->segs[8], 0, 11, 11); /* after z the pen is back at 10,10 */
	assert_pt(p->segs[9], 0, 12, 12);
	cr_assert(p->fill && !p->stroke);
	lp_dlist_drop(l);
}

Test(svg, curves_smooth_and_quadratic)
{
	lp_status s;
	lp_dlist *l = emit("<path d='M0 0C10 0 20 10 20 20S30 40 40 40Q50 40 50 50T50 70c1 1 2 2 3 "
	                   "3s2 2 3 3q1 0 1 1t1 1'/>",
	        &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	const lp_dl_path *p = path_at(l, 0);
	cr_assert(eq(u32, p->n_segs, 9));
	assert_pt(p->segs[2], 0, 20, 30); /* S reflects 20,10 about 20,20 */
	assert_pt(p->segs[2], 2, 40, 40);
	/* Q 50,40 50,50 from 40,40: controls 2/3 of the way to 50,40. */
	assert_pt(p->segs[3], 0, 40 + 20.0f / 3, 40);
	assert_pt(p->segs[3], 2, 50, 50);
	/* T reflects the control 50,40 about 50,50 to 50,60. */
	assert_pt(p->segs[4], 0, 50, 50 + 20.0f / 3);
	assert_pt(p->segs[4], 2, 50, 70);
	assert_pt(p->segs[5], 2, 53, 73);
	assert_pt(p->segs[6], 0, 54, 74);
	assert_pt(p->segs[6], 2, 56, 76);
	assert_pt(p->segs[8], 2, 58, 78);
	lp_dlist_drop(l);
}

Test(svg, arcs_become_cubics_through_the_right_points)
{
	lp_status s;
	lp_dlist *l = emit("<path d='M0 50 A10 10 0 0 1 20 50 a20 10 0 1 0 10 0'/>", &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	const lp_dl_path *p = path_at(l, 0);
	/* A half circle in two quarter cubics, through the top (10,40). */
	cr_assert(eq(int, p->segs[1].op, LP_PATH_CUBIC));
	assert_pt(p->segs[1], 2, 10, 40);
	assert_pt(p->segs[2], 2, 20, 50);
	/* Quarter-circle control distance 4/3 tan(pi/8) r = 5.523. */
	assert_pt(p->segs[1], 0, 0, 50 - 5.5228475f);
	assert_pt(p->segs[p->n_segs - 1], 2, 30, 50);
	lp_dlist_drop(l);
}

Test(svg, shapes_transforms_and_style)
{
	lp_status s;
	lp_dlist *l =
	        emit("<g transform='translate(10 20) scale(2)' fill='red' opacity='0.5'>"
	             "<rect width='10' height='5' style='fill:#00ff00; fill-opacity:0.5; "
	             "stroke:navy; stroke-width:2'/>"
	             "<circle cx='5' cy='5' r='5' fill-rule='evenodd'/>"
	             "</g>"
	             "<rect x='1' y='1' width='20' height='10' rx='2'/>"
	             "<ellipse cx='50' cy='50' rx='10' ry='5' fill='none' stroke='black'/>"
	             "<line x1='0' y1='0' x2='10' y2='0' stroke='#abc'/>"
	             "<polyline points='0,0 10,0 10,10' fill='none' stroke='black'/>"
	             "<polygon points='0,0 10,0 10,10'/>"
	             "<path d='M1 0L2 0' transform='rotate(90)' stroke='black'/>"
	             "<path d='M0 10L0 0' transform='skewX(45)' stroke='black'/>"
	             "<path d='M1 1L2 2' transform='matrix(1 0 0 1 5 5) skewY(0)' stroke='black'/>"
	             "<defs><rect width='5' height='5'/></defs>",
	                &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 10));
	const lp_dl_path *r = path_at(l, 0);
	cr_assert(eq(u32, r->fill_color, 0x00ff00));
	cr_assert(eq(flt, r->fill_opacity, 0.25f));
	cr_assert(eq(u32, r->stroke_color, 0x000080));
	cr_assert(eq(flt, r->stroke_width_pt, 4.0f)); /* scaled by 2 */
	assert_pt(r->segs[0], 0, 10, 20);
	assert_pt(r->segs[2], 0, 30, 30);
	const lp_dl_path *c = path_at(l, 1);
	cr_assert(c->even_odd);
	cr_assert(eq(u32, c->fill_color, 0xff0000));
	const lp_dl_path *rr = path_at(l, 2);
	cr_assert(eq(u32, rr->n_segs, 10)); /* 4 lines, 4 corner arcs, move, close */
	assert_pt(rr->segs[0], 0, 3, 1);
	cr_assert(eq(u32, path_at(l, 4)->stroke_color, 0xaabbcc));
	cr_assert(eq(int, path_at(l, 6)->segs[3].op, LP_PATH_CLOSE));
	assert_pt(path_at(l, 7)->segs[0], 0, 0, 1); /* rotate(90): (1,0) -> (0,1) */
	assert_pt(path_at(l, 8)->segs[0], 0, 10, 10); /* skewX(45): x += y */
	assert_pt(path_at(l, 9)->segs[0], 0, 6, 6);
	lp_dlist_drop(l);
}

Test(svg, scales_and_centres_into_the_rectangle)
{
	const char doc[] = "<svg xmlns='http://www.w3.org/2000/svg' width='20mm' height='10mm' "
	                   "viewBox='0 0 200 100'>"
	                   "<rect width='200' height='100'/></svg>";
	lp_svg *svg;
	cr_assert(eq(int, lp_svg_from_memory("t.svg", doc, strlen(doc), &svg, NULL), LP_OK));
	float w, h;
	lp_svg_size(svg, &w, &h);
	cr_assert(fabsf(w - 20 * 96 / 25.4f) < 0.01f);
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 500, 500);
	lp_svg_emit(svg, 100, 100, 100, 100, b); /* 2:1 into a square: centred vertically */
	lp_dlist *l;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &l), LP_OK));
	assert_pt(path_at(l, 0)->segs[0], 0, 100, 125);
	assert_pt(path_at(l, 0)->segs[2], 0, 200, 175);
	lp_dlist_drop(l);
	lp_svg_drop(svg);
}

Test(svg, entity_bomb_and_doctype_are_refused_with_position)
{
	const char bomb[] =
	        "<?xml version='1.0'?>\n"
	        "<!DOCTYPE svg [\n<!ENTITY a 'aaaaaaaaaa'>\n<!ENTITY b "
	        "'&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n]>\n"
	        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'><text>&b;</text></svg>";
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_svg *svg = NULL;
	cr_assert(eq(int, lp_svg_from_memory("bomb.svg", bomb, strlen(bomb), &svg, diag),
	        LP_ERR_SYNTAX));
	cr_assert(eq(ptr, svg, NULL));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "bomb.svg"));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(e->col > 0);
	const char ext[] = "<svg xmlns='http://www.w3.org/2000/svg'>&ext;</svg>";
	cr_assert(eq(
	        int, lp_svg_from_memory("ext.svg", ext, strlen(ext), &svg, diag), LP_ERR_SYNTAX));
	lp_diag_drop(diag);
}

Test(svg, malformed_input_is_reported_with_line)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	cr_assert(eq(ptr, emit("\n<path d='M0 0 L 10'/>", &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_SYNTAX));
	cr_assert(eq(u32, lp_diag_at_index(diag, 0)->line, 2));
	cr_assert(eq(ptr, emit("<rect width='1' height='1' fill='nocolour'/>", &s, diag), NULL));
	cr_assert(eq(ptr, emit("<g transform='wobble(1)'/>", &s, diag), NULL));
	cr_assert(eq(ptr, emit("<rect", &s, diag), NULL));
	char deep[2048] = "";
	for (int i = 0; i < 70; i++)
		strcat(deep, "<g>");
	for (int i = 0; i < 70; i++)
		strcat(deep, "</g>");
	cr_assert(eq(ptr, emit(deep, &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_LIMIT));
	lp_svg *svg = NULL;
	cr_assert(eq(int, lp_svg_load(LP_TEST_DATA_DIR "/images/absent.svg", &svg, diag),
	        LP_ERR_MISSING));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 6));
	lp_diag_drop(diag);
}

Test(svg, emblem_file_loads)
{
	lp_svg *svg;
	cr_assert(eq(int, lp_svg_load(LP_TEST_DATA_DIR "/images/emblem.svg", &svg, NULL), LP_OK));
	float w, h;
	lp_svg_size(svg, &w, &h);
	cr_assert(eq(flt, w, 100));
	cr_assert(eq(flt, h, 120));
	lp_svg_drop(svg);
}

Test(svg, hidden_elements_and_relative_root_size)
{
	const char doc[] = "<svg xmlns='http://www.w3.org/2000/svg' width='100%' height='100%' "
	                   "viewBox='0 0 40 20'>"
	                   "<rect width='1' height='1' display='none'/><rect width='1' height='1' "
	                   "style='display:none'/>"
	                   "<rect width='2' height='2'/></svg>";
	lp_svg *svg;
	cr_assert(eq(int, lp_svg_from_memory("t.svg", doc, strlen(doc), &svg, NULL), LP_OK));
	float w, h;
	lp_svg_size(svg, &w, &h);
	cr_assert(eq(flt, w, 40));
	cr_assert(eq(flt, h, 20));
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 100, 100);
	lp_svg_emit(svg, 0, 0, 40, 20, b);
	lp_dlist *l;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &l), LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 1));
	lp_dlist_drop(l);
	lp_svg_drop(svg);
}

/* Every prefix and many one-byte corruptions of a real file: each is
 * either accepted or an error, never a crash (run under ASan in CI). */
Test(svg, every_prefix_is_handled)
{
	FILE *f = fopen(LP_TEST_DATA_DIR "/images/emblem.svg", "rb");
	cr_assert(f != NULL);
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	size_t errors = 0;
	for (size_t len = 0; len < n; len += 7) {
		lp_svg *svg = NULL;
		errors += lp_svg_from_memory("cut.svg", buf, len, &svg, diag) != LP_OK;
		lp_svg_drop(svg);
	}
	cr_assert(lt(sz, 0, errors));
	lp_diag_drop(diag);
}

Test(svg, too_many_segments_is_a_limit_error)
{
	size_t n = 1000001;
	const char head[] =
	        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'><path d='M0 0";
	const char tail[] = "'/></svg>";
	char *doc = malloc(sizeof head + 3 * n + sizeof tail);
	char *p = doc + sprintf(doc, "%s", head);
	for (size_t i = 0; i < n; i++, p += 3)
		memcpy(p, "h1 ", 3);
	strcpy(p, tail);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_svg *svg = NULL;
	cr_assert(
	        eq(int, lp_svg_from_memory("big.svg", doc, strlen(doc), &svg, diag), LP_ERR_LIMIT));
	cr_assert(eq(ptr, svg, NULL));
	lp_diag_drop(diag);
	free(doc);
}

/* Nested scale(1e9) groups used to overflow to inf and NaN, which only the
 * display list caught: "internal error", exit 70, no location. */
Test(svg, nested_transforms_that_overflow_are_located_errors)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	char body[4096] = "\n";
	for (int i = 0; i < 40; i++)
		strcat(body, "<g transform='scale(1e9)'>");
	strcat(body, "\n<rect width='1' height='1'/>");
	for (int i = 0; i < 40; i++)
		strcat(body, "</g>");
	cr_assert(eq(ptr, emit(body, &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_LIMIT));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "t.svg"));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(lt(u32, 1, e->col));
	cr_assert(ne(ptr, strstr(e->message, "overflow"), NULL), "%s", e->message);
	lp_diag_drop(diag);
}

/* Finite but far: the points, not the matrix, are out of bounds. */
Test(svg, shapes_far_outside_the_viewbox_are_located_errors)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	cr_assert(eq(ptr,
	        emit("<g transform='scale(1e9)'><g transform='scale(1e9)'>\n"
	             "<circle cx='1' cy='1' r='1'/></g></g>",
	                &s, diag),
	        NULL));
	cr_assert(eq(int, s, LP_ERR_LIMIT));
	cr_assert(eq(u32, lp_diag_at_index(diag, 0)->line, 2));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(diag, 0)->message, "<circle>"), NULL));
	cr_assert(eq(ptr, emit("<path d='M0 0 L 1e9 0'/>", &s, diag), NULL));
	cr_assert(eq(ptr,
	        emit("<g transform='scale(1e8)'><path d='M0 0 L 1 0' stroke='black' "
	             "stroke-width='1e9' fill='none'/></g>",
	                &s, diag),
	        NULL));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 3));
	/* Within LP_SVG_MAX_REACH viewBox sizes: drawn. */
	lp_dlist *l = emit("<rect x='-4000' y='-4000' width='8000' height='8000'/>", &s, diag);
	cr_assert(eq(int, s, LP_OK));
	lp_dlist_drop(l);
	lp_diag_drop(diag);
}
