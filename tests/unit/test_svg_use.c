/* The SVG reader's <use>, <style> sheets, gradients and the warnings for
 * what it does not draw. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/svg_emit.h"
#include "image/image.h"

/* The left and top of a path's points. */
static void
corner(const lp_dl_path *p, float *x, float *y)
{
	*x = *y = INFINITY;
	for (uint32_t i = 0; i < p->n_segs; i++) {
		if (p->segs[i].op == LP_PATH_CLOSE)
			continue;
		*x = fminf(*x, p->segs[i].pt[0]);
		*y = fminf(*y, p->segs[i].pt[1]);
	}
}

Test(svg_use, draws_elements_defined_later_and_in_defs)
{
	lp_status s;
	lp_dlist *l = emit("<use href='#r' x='50' y='5'/>"
	                   "<use xlink:href='#g' transform='translate(0 40)'/>"
	                   "<defs><rect id='r' width='10' height='10' fill='red'/></defs>"
	                   "<g id='g' fill='blue'><rect x='1' y='2' width='5' height='5'/></g>",
	        &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 3)); /* two copies, and the <g> itself */
	float x, y;
	corner(path_at(l, 0), &x, &y);
	cr_assert(x == 50 && y == 5, "got %g,%g", (double)x, (double)y);
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0xff0000));
	corner(path_at(l, 1), &x, &y);
	cr_assert(x == 1 && y == 42, "got %g,%g", (double)x, (double)y);
	cr_assert(eq(u32, path_at(l, 1)->fill_color, 0x0000ff));
	corner(path_at(l, 2), &x, &y);
	cr_assert(x == 1 && y == 2);
	lp_dlist_drop(l);
}

Test(svg_use, inherits_from_the_use_and_fits_a_symbol)
{
	lp_status s;
	lp_dlist *l =
	        emit("<symbol id='s' viewBox='0 0 10 10'><circle cx='5' cy='5' r='5'/></symbol>"
	             "<use href='#s' x='20' y='20' width='40' height='40' fill='green'/>",
	                &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 1)); /* the symbol is drawn only by the use */
	const lp_dl_path *p = path_at(l, 0);
	float x, y;
	corner(p, &x, &y);
	cr_assert(
	        fabsf(x - 20) < 1e-3f && fabsf(y - 20) < 1e-3f, "got %g,%g", (double)x, (double)y);
	cr_assert(eq(u32, p->fill_color, 0x008000));
	lp_dlist_drop(l);
}

Test(svg_use, cycles_are_refused_at_the_use)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	cr_assert(eq(ptr, emit("<g id='a'>\n<use href='#a'/></g>", &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 1));
	cr_assert(strstr(e->message, "cycle") != NULL, "%s", e->message);
	/* Through two elements, one defined later. */
	cr_assert(eq(ptr,
	        emit("<use href='#b'/><g id='c'><use href='#b'/></g>"
	             "<defs><g id='b'><use href='#c'/></g></defs>",
	                &s, diag),
	        NULL));
	cr_assert(eq(int, s, LP_ERR_SYNTAX));
	lp_diag_drop(diag);
}

Test(svg_use, a_billion_laughs_of_uses_is_a_limit_error)
{
	/* Level k holds ten uses of level k - 1: 10^9 rectangles. */
	char body[8192] = "<defs><rect id='l0' width='1' height='1'/>";
	for (int k = 1; k <= 9; k++) {
		char g[512];
		int n = snprintf(g, sizeof g, "<g id='l%d'>", k);
		for (int i = 0; i < 10; i++)
			n += snprintf(g + n, sizeof g - (size_t)n, "<use href='#l%d'/>", k - 1);
		snprintf(g + n, sizeof g - (size_t)n, "</g>");
		strcat(body, g);
	}
	strcat(body, "</defs>\n<use href='#l9'/>");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	cr_assert(eq(ptr, emit(body, &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_LIMIT));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(e->line >= 1 && e->col >= 1);
	cr_assert(strstr(e->message, "<use>") != NULL, "%s", e->message);
	/* Empty groups, which make no segments, are counted too. */
	strcpy(body, "<defs><g id='l0'/>");
	for (int k = 1; k <= 9; k++) {
		char g[512];
		int n = snprintf(g, sizeof g, "<g id='l%d'>", k);
		for (int i = 0; i < 10; i++)
			n += snprintf(g + n, sizeof g - (size_t)n, "<use href='#l%d'/>", k - 1);
		snprintf(g + n, sizeof g - (size_t)n, "</g>");
		strcat(body, g);
	}
	strcat(body, "</defs><use href='#l9'/>");
	cr_assert(eq(ptr, emit(body, &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_LIMIT));
	lp_diag_drop(diag);
}

Test(svg_use, classes_by_specificity_then_order_and_style_wins)
{
	lp_status s;
	lp_dlist *l = emit("<style>\n"
	                   "  rect { fill: #00ff00 }\n"
	                   "  rect.a { fill: #ffff00 }\n"
	                   "  .a { fill: #ff0000 } /* lower than rect.a, though later */\n"
	                   "  .b, .c { stroke: #0000ff; stroke-width: 2 }\n"
	                   "  #x { fill: #000080 }\n"
	                   "  .late { fill: #111111 } .late { fill: #222222 }\n"
	                   "</style>"
	                   "<rect class='a' width='1' height='1' fill='black'/>"
	                   "<rect class='a c' id='x' width='1' height='1'/>"
	                   "<rect id='x2' class='b' width='1' height='1' style='fill:#abcdef'/>"
	                   "<rect class='late' width='1' height='1'/>"
	                   "<circle class='zz' r='1' fill='#123456'/>",
	        &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0xffff00)); /* rect.a over attribute */
	cr_assert(eq(u32, path_at(l, 1)->fill_color, 0x000080)); /* #x over classes */
	cr_assert(path_at(l, 1)->stroke && path_at(l, 1)->stroke_color == 0x0000ff);
	cr_assert(eq(u32, path_at(l, 2)->fill_color, 0xabcdef)); /* style="" over all */
	cr_assert(eq(flt, path_at(l, 2)->stroke_width_pt, 2));
	cr_assert(eq(u32, path_at(l, 3)->fill_color, 0x222222)); /* the later of equals */
	cr_assert(eq(u32, path_at(l, 4)->fill_color, 0x123456)); /* no rule matches */
	lp_dlist_drop(l);
}

Test(svg_use, display_none_from_a_class_hides)
{
	lp_status s;
	lp_dlist *l = emit("<style>.off{display:none}</style><g class='off'><rect width='1' "
	                   "height='1'/></g><rect width='2' height='2'/>",
	        &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 1));
	lp_dlist_drop(l);
}

Test(svg_use, fancy_selectors_and_at_rules_are_warned_at_their_place)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	lp_dlist *l = emit("<style>\n.a { fill: red }\n  g > .a, .b:hover { fill: blue }\n"
	                   "@media print { .a { fill: green } }\n</style>"
	                   "<rect class='a' width='1' height='1'/>",
	        &s, diag);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0xff0000));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 2)); /* each kind once */
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(strstr(e->message, "g > .a") != NULL, "%s", e->message);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 3));
	e = lp_diag_at_index(diag, 1);
	cr_assert(strstr(e->message, "@-rule") != NULL, "%s", e->message);
	cr_assert(eq(u32, e->line, 4));
	cr_assert(eq(u32, e->col, 1));
	lp_dlist_drop(l);
	lp_diag_drop(diag);
}

Test(svg_use, skipped_elements_and_properties_are_warned_once_per_kind)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	lp_dlist *l = emit("\n<text x='1' y='1'>Grb</text><text>again</text>\n"
	                   "  <image href='x.png' width='1' height='1'/>\n"
	                   "<rect width='1' height='1' filter='url(#f)'/>"
	                   "<rect width='1' height='1' style='stroke-linejoin:miter'/>"
	                   "<rect width='1' height='1' clip-path='none'/>",
	        &s, diag);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 3));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 3));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(strstr(e->message, "<text> is not drawn") != NULL, "%s", e->message);
	cr_assert(eq(str, (char *)e->file, "t.svg"));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 1));
	e = lp_diag_at_index(diag, 1);
	cr_assert(strstr(e->message, "<image>") != NULL, "%s", e->message);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 3));
	cr_assert(strstr(lp_diag_at_index(diag, 2)->message, "filter") != NULL);
	lp_dlist_drop(l);
	lp_diag_drop(diag);
}

/* The colour of a gradient at t, linearly between its stops. */
static lp_rgb
colour_at(const lp_dl_gradient *g, float t)
{
	for (uint32_t i = 0; i + 1 < g->n_stops; i++) {
		const lp_dl_stop *a = &g->stops[i], *b = &g->stops[i + 1];
		if (t > b->offset)
			continue;
		float u = b->offset > a->offset ? (t - a->offset) / (b->offset - a->offset) : 1;
		lp_rgb c = 0;
		for (int sh = 16; sh >= 0; sh -= 8) {
			float v = (float)((a->color >> sh) & 0xff) * (1 - u) +
			          (float)((b->color >> sh) & 0xff) * u;
			c |= (lp_rgb)lroundf(v) << sh;
		}
		return c;
	}
	return g->stops[g->n_stops - 1].color;
}

/* t of page point (x, y) on the gradient's axis. */
static float
t_at(const lp_dl_gradient *g, float x, float y)
{
	float dx = g->x1 - g->x0, dy = g->y1 - g->y0;
	return ((x - g->x0) * dx + (y - g->y0) * dy) / (dx * dx + dy * dy);
}

Test(svg_use, linear_gradients_on_the_box_in_user_space_and_turned)
{
	lp_status s;
	lp_dlist *l = emit(
	        "<defs><linearGradient id='base'><stop offset='0.2' stop-color='#ff0000'/>"
	        "<stop offset='80%' style='stop-color:#0000ff'/></linearGradient>"
	        "<linearGradient id='box' href='#base'/>"
	        "<linearGradient id='user' xlink:href='#base' gradientUnits='userSpaceOnUse' "
	        "x1='0' y1='0' x2='0' y2='100'/>"
	        "<linearGradient id='turned' href='#base' gradientTransform='rotate(90 .5 .5)'/>"
	        "</defs>"
	        "<rect x='10' y='10' width='50' height='20' fill='url(#box)'/>"
	        "<rect x='10' y='50' width='50' height='20' fill='url(#user)'/>"
	        "<rect x='10' y='10' width='50' height='20' fill='url(#turned)'/>",
	        &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	const lp_dl_gradient *g = path_at(l, 0)->fill_gradient;
	cr_assert(g != NULL);
	/* Stops from the template, padded out to 0 and 1. */
	cr_assert(eq(u32, g->n_stops, 4));
	cr_assert(eq(flt, g->stops[0].offset, 0));
	cr_assert(eq(flt, g->stops[3].offset, 1));
	cr_assert(eq(u32, colour_at(g, t_at(g, 10, 20)), 0xff0000)); /* left edge */
	cr_assert(eq(u32, colour_at(g, t_at(g, 60, 20)), 0x0000ff)); /* right edge */
	cr_assert(eq(u32, colour_at(g, t_at(g, 35, 11)), 0x800080)); /* middle, any height */
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0x800080)); /* the mean */
	g = path_at(l, 1)->fill_gradient;
	cr_assert(eq(u32, colour_at(g, t_at(g, 30, 10)), 0xff0000)); /* top of the viewBox */
	cr_assert(eq(u32, colour_at(g, t_at(g, 30, 50)), 0x800080));
	g = path_at(l, 2)->fill_gradient;
	/* Turned a quarter in the box: red at the top, blue at the bottom. */
	cr_assert(eq(u32, colour_at(g, t_at(g, 20, 10)), 0xff0000));
	cr_assert(eq(u32, colour_at(g, t_at(g, 20, 30)), 0x0000ff));
	cr_assert(eq(u32, colour_at(g, t_at(g, 59, 20)), 0x800080));
	lp_dlist_drop(l);
}

/* A radial gradient's point (x, y) of its own space on the page. */
static void
radial_page(const lp_dl_gradient *g, float x, float y, float *px, float *py)
{
	*px = g->m[0] * x + g->m[2] * y + g->m[4];
	*py = g->m[1] * x + g->m[3] * y + g->m[5];
}

Test(svg_use, radial_gradients_from_the_focus_to_the_circle)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	lp_dlist *l = emit("<radialGradient id='r'><stop offset='0' stop-color='#000000'/>"
	                   "<stop offset='1' stop-color='#ffffff'/></radialGradient>"
	                   "<radialGradient id='f' href='#r' gradientUnits='userSpaceOnUse' "
	                   "cx='20' cy='20' r='10' fx='40' fy='20'/>"
	                   "<circle r='10' cx='50' cy='50' fill='url(#r)'/>"
	                   "<rect width='40' height='40' fill='url(#f)'/>"
	                   "<rect width='1' height='1' fill='url(#nothing)'/>",
	        &s, diag);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 2));
	const lp_dl_gradient *g = path_at(l, 0)->fill_gradient;
	cr_assert(g != NULL && g->radial);
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0x808080)); /* the mean */
	/* On the box: the circle's centre and edge are the shape's. */
	float x, y;
	radial_page(g, g->cx, g->cy, &x, &y);
	cr_assert(fabsf(x - 50) < 1e-3f && fabsf(y - 50) < 1e-3f, "%g,%g", (double)x, (double)y);
	radial_page(g, g->cx + g->r, g->cy, &x, &y);
	cr_assert(fabsf(x - 60) < 1e-3f && fabsf(y - 50) < 1e-3f, "%g,%g", (double)x, (double)y);
	cr_assert(eq(flt, g->fx, g->cx));
	/* A focus outside the circle is moved just inside it. */
	g = path_at(l, 1)->fill_gradient;
	cr_assert(g != NULL && g->radial);
	cr_assert(g->fx > 29.8f && g->fx < 30 && g->fy == 20, "%g", (double)g->fx);
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	cr_assert(strstr(lp_diag_at_index(diag, 0)->message, "url()") != NULL);
	lp_dlist_drop(l);
	lp_diag_drop(diag);
}

Test(svg_use, gradient_href_cycles_are_refused)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	cr_assert(eq(ptr,
	        emit("<linearGradient id='a' href='#b'/><linearGradient id='b' href='#a'/>"
	             "<rect width='1' height='1' fill='url(#a)'/>",
	                &s, diag),
	        NULL));
	cr_assert(eq(int, s, LP_ERR_SYNTAX));
	cr_assert(strstr(lp_diag_at_index(diag, 0)->message, "cycle") != NULL);
	lp_diag_drop(diag);
}

Test(svg_use, rules_that_match_everything_everywhere_are_a_limit_error)
{
	/* 512 rules for every element times 8,000 elements: past the 4
	 * million matches kept. */
	size_t n = 512 * 8 + 8000 * 4 + 64;
	char *body = malloc(n);
	strcpy(body, "<style>");
	for (int i = 0; i < 512; i++)
		strcat(body, "*{}\n");
	strcat(body, "</style>");
	size_t at = strlen(body);
	for (int i = 0; i < 8000; i++, at += 4)
		memcpy(body + at, "<g/>", 4);
	body[at] = '\0';
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	cr_assert(eq(ptr, emit(body, &s, diag), NULL));
	cr_assert(eq(int, s, LP_ERR_LIMIT));
	cr_assert(lp_diag_at_index(diag, 0)->line >= 1);
	free(body);
	lp_diag_drop(diag);
}

Test(svg_use, a_switch_draws_its_first_child_without_conditions)
{
	lp_status s;
	lp_dlist *l = emit("<switch><rect systemLanguage='en' width='1' height='1' fill='red'/>"
	                   "<rect width='2' height='2' fill='blue'/>"
	                   "<rect width='3' height='3' fill='green'/></switch>",
	        &s, NULL);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, l->pages[0].n_items, 1));
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0x0000ff));
	lp_dlist_drop(l);
}

/* 300,000 skipped selectors: their positions are counted in one pass over
 * the sheet, not one pass each (which took minutes). */
Test(svg_use, a_sheet_of_many_selectors_is_read_in_linear_time, .timeout = 10)
{
	size_t n = 300000;
	char *body = malloc(n * 4 + 64);
	strcpy(body, "<style>");
	size_t at = strlen(body);
	for (size_t i = 0; i < n; i++, at += 4)
		memcpy(body + at, "a b,", 4);
	strcpy(body + at, "a b{}</style>");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	lp_dlist *l = emit(body, &s, diag);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	lp_dlist_drop(l);
	free(body);
	lp_diag_drop(diag);
}

Test(svg_use, an_elements_classes_past_the_cap_are_warned_of_and_not_matched)
{
	char body[1024] = "<style>.c1{fill:#ff0000}.c39{fill:#0000ff}</style><rect class='";
	for (int i = 0; i < 40; i++)
		snprintf(body + strlen(body), sizeof body - strlen(body), "c%d ", i);
	strcat(body, "' width='1' height='1'/>");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_status s;
	lp_dlist *l = emit(body, &s, diag);
	cr_assert(eq(int, s, LP_OK));
	cr_assert(eq(u32, path_at(l, 0)->fill_color, 0xff0000)); /* c39 is past the 32 */
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	cr_assert(strstr(lp_diag_at_index(diag, 0)->message, "more than 32 classes") != NULL);
	lp_dlist_drop(l);
	lp_diag_drop(diag);
}
