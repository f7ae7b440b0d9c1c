#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <string.h>

#include "base/diag.h"
#include "base/limits.h"
#include "pages/pages.h"

#include "../support/arena_diag.h"

TestSuite(pagebuild, .init = arena_diag_setup, .fini = arena_diag_teardown);

/* Frames of exactly `lines` lines of 10 pt leading. */
static lp_pages_params
frames(int lines)
{
	return (lp_pages_params){.first_top_pt = 100,
	        .first_height_pt = 10.0f * lines,
	        .rest_top_pt = 50,
	        .rest_height_pt = 10.0f * lines,
	        .widows = 2,
	        .orphans = 2};
}

static lp_flow_block
par(uint32_t lines)
{
	return (lp_flow_block){
	        .kind = LP_FLOW_LINES, .n_lines = lines, .leading_pt = 10, .first_ascent_pt = 8};
}

/* Lines of block b on page p. */
static uint32_t
lines_on(const lp_page_plan *plan, uint32_t p, uint32_t b)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < plan->pages[p].n_placed; i++)
		n += plan->pages[p].placed[i].block == b;
	return n;
}

Test(pagebuild, fills_pages_and_places_baselines)
{
	lp_flow_block flow[] = {par(25)};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 1, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 3));
	cr_assert(plan->pages[0].first);
	cr_assert(not(plan->pages[1].first));
	cr_assert(eq(u32, plan->pages[0].n_placed, 10));
	cr_assert(eq(u32, plan->pages[2].n_placed, 5));
	cr_assert(eq(flt, plan->pages[0].placed[0].y_pt, 108.0f));
	cr_assert(eq(flt, plan->pages[0].placed[9].y_pt, 198.0f));
	cr_assert(eq(flt, plan->pages[1].placed[0].y_pt, 58.0f));
}

Test(pagebuild, orphan_moves_to_next_page)
{
	/* 9 lines, then a 5-line paragraph: only 1 line of it would fit. */
	lp_flow_block flow[] = {par(9), par(5)};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 2, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, lines_on(plan, 0, 1), 0));
	cr_assert(eq(u32, lines_on(plan, 1, 1), 5));
}

Test(pagebuild, widow_pulls_a_line_over)
{
	/* 11 lines on a 10-line page would leave 1 widow: break after 9. */
	lp_flow_block flow[] = {par(11)};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 1, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->pages[0].n_placed, 9));
	cr_assert(eq(u32, plan->pages[1].n_placed, 2));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}

Test(pagebuild, title_keeps_with_first_lines_and_dateline_with_last)
{
	lp_flow_block title = par(1);
	title.keep_with_next = true;
	lp_flow_block dateline = par(2);
	dateline.keep_with_prev = true;
	dateline.space_before_pt = 10;
	/* page: 10 lines. filler 8 + title 1 + body 6 + dateline 2 */
	lp_flow_block flow[] = {par(8), title, par(6), dateline};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 4, &p, arena, &plan, diag), LP_OK));
	/* the title would fit at line 9 with one body line: it moves with the body */
	cr_assert(eq(u32, lines_on(plan, 0, 1), 0));
	cr_assert(eq(u32, lines_on(plan, 1, 1), 1));
	cr_assert(ge(u32, lines_on(plan, 1, 2), 2));
	/* the dateline is never alone: at least 2 body lines precede it on its page */
	for (uint32_t pg = 0; pg < plan->n_pages; pg++)
		if (lines_on(plan, pg, 3))
			cr_assert(ge(u32, lines_on(plan, pg, 2), 2));
}

Test(pagebuild, space_collapses_and_is_dropped_at_page_top)
{
	lp_flow_block a = par(1), b = par(1);
	a.space_after_pt = 6;
	b.space_before_pt = 12;
	lp_flow_block flow[] = {a, b};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 2, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(flt, plan->pages[0].placed[1].y_pt - plan->pages[0].placed[0].y_pt, 22.0f));

	lp_flow_block c = par(1);
	c.space_before_pt = 40;
	c.break_before = true;
	lp_flow_block flow2[] = {par(1), c};
	cr_assert(eq(int, lp_pages_build(flow2, 2, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 2));
	cr_assert(eq(flt, plan->pages[1].placed[0].y_pt, 58.0f));
}

Test(pagebuild, impossible_keeps_warn_and_still_break)
{
	lp_flow_block big = par(30);
	big.keep_with_next = true;
	lp_pages_params p = frames(10);
	p.widows = p.orphans = 20; /* no line may break anywhere */
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(&big, 1, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 3));
	cr_assert(ge(sz, lp_diag_count(diag, LP_WARNING), 1));
}

Test(pagebuild, empty_flow_is_one_page_and_bad_input_fails)
{
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(NULL, 0, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 1));
	cr_assert(eq(u32, plan->pages[0].n_placed, 0));
	p.rest_height_pt = 0;
	cr_assert(eq(int, lp_pages_build(NULL, 0, &p, arena, &plan, diag), LP_ERR_USAGE));
	lp_flow_block bad = par(1);
	bad.leading_pt = -1;
	p = frames(10);
	cr_assert(eq(int, lp_pages_build(&bad, 1, &p, arena, &plan, diag), LP_ERR_INTERNAL));
}

Test(pagebuild, tall_box_overflows_with_warning)
{
	lp_flow_block box = {.kind = LP_FLOW_BOX, .height_pt = 500};
	lp_flow_block flow[] = {par(2), box, par(2)};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 3, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 3));
	cr_assert(eq(flt, plan->pages[1].placed[0].y_pt, 50.0f));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
}

/* The caller's source of each block (a release line): a warning names the
 * block it is about, which was once only the release, with no line. */
static void
block_lines(void *user, uint32_t block, const char **file, uint32_t *line, uint32_t *col)
{
	(void)user;
	*file = "r.md";
	*line = 10 + block;
	*col = 1;
}

Test(pagebuild, a_warning_names_the_block_it_is_about)
{
	lp_flow_block box = {.kind = LP_FLOW_BOX, .height_pt = 500};
	lp_flow_block flow[] = {par(2), box, par(2)};
	lp_pages_params p = frames(10);
	p.where = block_lines;
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 3, &p, arena, &plan, diag), LP_OK));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(ne(ptr, (void *)e, NULL));
	char buf[160];
	lp_diag_format(e, buf, sizeof buf);
	cr_assert(eq(str, buf,
	        "r.md:11:1: warning: page 2: a block is 500.0 pt tall, taller than the 100.0 pt "
	        "frame"));
}

Test(pagebuild, twenty_thousand_lines_stay_bounded)
{
	lp_flow_block flow[] = {par(20000)};
	lp_pages_params p = frames(50);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 1, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 400));
}

/* The page builder's own count is exact (the pipeline refuses most long
 * releases earlier, from a lower bound); its message names the release. */
Test(pagebuild, more_pages_than_the_limit_is_an_error_naming_the_file)
{
	lp_flow_block flow[] = {par(10 * LP_MAX_PAGES)};
	lp_pages_params p = frames(10);
	p.source_name = "r.md";
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 1, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, LP_MAX_PAGES));
	flow[0].n_lines++;
	cr_assert(eq(int, lp_pages_build(flow, 1, &p, arena, &plan, diag), LP_ERR_LIMIT));
	const lp_diag_entry *e = lp_diag_at_index(diag, lp_diag_size(diag) - 1);
	cr_assert(eq(str, (char *)e->file, "r.md"));
	cr_assert(ne(ptr, strstr(e->message, "more than 1000 pages"), NULL));
}

Test(pagebuild, a_hyphenated_line_never_ends_a_page)
{
	/* 25 lines in pages of 10: the 10th line ends with a break hyphen,
	 * so the first page ends after the 9th, and the 19th (the 10th of
	 * the next page) likewise holds the word's first part. */
	bool hyph[25] = {false};
	hyph[9] = true;
	hyph[18] = true;
	lp_flow_block flow[] = {par(25)};
	flow[0].hyphenated = hyph;
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 1, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->pages[0].n_placed, 9));
	cr_assert(eq(u32, plan->pages[1].n_placed, 9));
	cr_assert(eq(u32, plan->pages[2].n_placed, 7));
	for (uint32_t pg = 0; pg + 1 < plan->n_pages; pg++) {
		const lp_placed *last = &plan->pages[pg].placed[plan->pages[pg].n_placed - 1];
		cr_assert(not(hyph[last->line]), "page %u ends with a hyphenated line", pg + 1);
	}
}

/* A table's head (a rule, a header row, a rule) repeats at the top of
 * every page its body continues on, above the rows, and nowhere else. */
Test(pagebuild, a_continued_tables_head_repeats_above_its_rows)
{
	lp_flow_block flow[26] = {par(3)};
	lp_flow_block rule = {.kind = LP_FLOW_BOX, .height_pt = 1, .keep_with_next = true};
	flow[1] = rule;
	flow[2] = (lp_flow_block){.kind = LP_FLOW_BOX, .height_pt = 9, .keep_with_next = true};
	flow[3] = rule;
	for (int r = 4; r < 25; r++)
		flow[r] = (lp_flow_block){
		        .kind = LP_FLOW_BOX, .height_pt = 10, .repeat_first = 1, .n_repeat = 3};
	flow[25] = (lp_flow_block){.kind = LP_FLOW_BOX, .height_pt = 1, .keep_with_prev = true};
	lp_pages_params p = frames(10); /* 100 pt a page */
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 26, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 3));
	/* Page 1: the paragraph, the head as it is, 5 rows (30 + 11 + 50). */
	const lp_plan_page *pg = &plan->pages[0];
	cr_assert(eq(u32, lines_on(plan, 0, 4), 1));
	for (uint32_t i = 0; i < pg->n_placed; i++)
		cr_assert(not(pg->placed[i].repeat));
	/* Page 2 starts with the head again (11 pt), then the next 8 rows. */
	pg = &plan->pages[1];
	cr_assert(eq(u32, pg->placed[0].block, 1));
	cr_assert(eq(u32, pg->placed[1].block, 2));
	cr_assert(eq(u32, pg->placed[2].block, 3));
	for (int i = 0; i < 3; i++)
		cr_assert(pg->placed[i].repeat);
	cr_assert(eq(flt, pg->placed[0].y_pt, 50));
	cr_assert(eq(flt, pg->placed[1].y_pt, 51));
	cr_assert(not(pg->placed[3].repeat));
	cr_assert(eq(u32, pg->placed[3].block, 9));
	cr_assert(eq(flt, pg->placed[3].y_pt, 61));
	cr_assert(eq(u32, pg->n_placed, 3 + 8));
	/* The last page: head, the last rows and the bottom rule. */
	pg = &plan->pages[2];
	cr_assert(pg->placed[0].repeat);
	cr_assert(eq(u32, pg->placed[pg->n_placed - 1].block, 25));
}

/* A box with cuts every 10 pt (a table's row of a long cell) after a
 * head of 11 pt (a rule, a header row, a rule), and a bottom rule. */
static float row_cuts[24];
static lp_flow_block cut_flow[5];

static void
tall_row(float height)
{
	uint32_t n = 0;
	for (float y = 10; y < height - 0.5f && n < 24; y += 10)
		row_cuts[n++] = y;
	lp_flow_block rule = {.kind = LP_FLOW_BOX, .height_pt = 1, .keep_with_next = true};
	cut_flow[0] = rule;
	cut_flow[1] = (lp_flow_block){.kind = LP_FLOW_BOX, .height_pt = 9, .keep_with_next = true};
	cut_flow[2] = rule;
	cut_flow[3] = (lp_flow_block){.kind = LP_FLOW_BOX,
	        .height_pt = height,
	        .repeat_first = 0,
	        .n_repeat = 3,
	        .cuts = row_cuts,
	        .n_cuts = n,
	        .cut_pad_pt = 2};
	cut_flow[4] = (lp_flow_block){.kind = LP_FLOW_BOX, .height_pt = 1, .keep_with_prev = true};
}

/* A box taller than a page is cut where it may be: its pieces fill each
 * page from where it starts, every page it continues on starts with the
 * repeated head, the pad under it, then the next piece, and no piece
 * runs past the frame. */
Test(pagebuild, a_box_taller_than_a_page_is_cut_at_its_cuts)
{
	tall_row(240);
	lp_pages_params p = frames(10); /* 100 pt a page */
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(cut_flow, 5, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0), "a warning: %s",
	        lp_diag_size(diag) ? lp_diag_at_index(diag, 0)->message : "");
	/* Page 1: the head (11 pt), 8 pieces (80 pt); pages 2 and 3: the
	 * head again, 2 pt, 8 pieces; the bottom rule on the last. */
	cr_assert(eq(u32, plan->n_pages, 3));
	cr_assert(eq(u32, lines_on(plan, 0, 3), 8));
	cr_assert(eq(u32, lines_on(plan, 1, 3), 8));
	cr_assert(eq(u32, lines_on(plan, 2, 3), 8));
	const lp_plan_page *pg = &plan->pages[1];
	cr_assert(pg->placed[0].repeat);
	cr_assert(eq(u32, pg->placed[3].block, 3));
	cr_assert(eq(u32, pg->placed[3].line, 8));
	cr_assert(not(pg->placed[3].repeat));
	cr_assert(eq(flt, pg->placed[3].y_pt, 50 + 11 + 2));
	cr_assert(eq(flt, pg->placed[4].y_pt, 50 + 11 + 2 + 10));
	for (uint32_t q = 0; q < plan->n_pages; q++) {
		const lp_plan_page *g = &plan->pages[q];
		const lp_placed *last = &g->placed[g->n_placed - 1];
		float top = q ? 50 : 100, bottom = last->y_pt + (last->block == 3 ? 10 : 1);
		cr_assert(le(flt, bottom, top + 100), "page %u ends at %f", q + 1, (double)bottom);
	}
	cr_assert(eq(u32, plan->pages[2].placed[plan->pages[2].n_placed - 1].block, 4));
}

/* A box with cuts that fits a page is never cut: it moves whole. */
Test(pagebuild, a_box_that_fits_a_page_is_moved_whole)
{
	tall_row(80);
	lp_flow_block flow[6] = {par(5)};
	memcpy(flow + 1, cut_flow, sizeof cut_flow);
	for (int i = 1; i < 6; i++)
		flow[i].repeat_first += flow[i].n_repeat ? 1 : 0;
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(flow, 6, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, plan->n_pages, 2));
	cr_assert(eq(u32, lines_on(plan, 0, 4), 0));
	cr_assert(eq(u32, lines_on(plan, 1, 4), 1));
	cr_assert(eq(u32, plan->pages[1].placed[3].line, 0));
}

/* A page breaks at a cut it may break at, before the ones it may not
 * (a cell's widow, a word hyphenated across the cut). */
Test(pagebuild, a_box_is_cut_where_its_cuts_allow)
{
	tall_row(240);
	bool ok[24];
	for (int k = 0; k < 24; k++)
		ok[k] = true;
	ok[7] = false; /* after 80 pt: page 1 breaks after 70 */
	cut_flow[3].cut_ok = ok;
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(cut_flow, 5, &p, arena, &plan, diag), LP_OK));
	cr_assert(eq(u32, lines_on(plan, 0, 3), 7));
	cr_assert(eq(u32, plan->pages[1].placed[3].line, 7));
}

/* A head taller than a page (a header row of a long cell, cut itself)
 * is not repeated: it would leave no room under it, and run past the
 * frame on every page the table continues on. */
Test(pagebuild, a_head_taller_than_a_page_is_not_repeated)
{
	tall_row(240);
	static float head_cuts[14];
	for (int k = 0; k < 14; k++)
		head_cuts[k] = 10.0f * (float)(k + 1);
	cut_flow[1] = (lp_flow_block){.kind = LP_FLOW_BOX,
	        .height_pt = 150,
	        .keep_with_next = true,
	        .cuts = head_cuts,
	        .n_cuts = 14};
	lp_pages_params p = frames(10);
	lp_page_plan *plan;
	cr_assert(eq(int, lp_pages_build(cut_flow, 5, &p, arena, &plan, diag), LP_OK));
	for (uint32_t q = 0; q < plan->n_pages; q++) {
		const lp_plan_page *g = &plan->pages[q];
		float top = q ? 50 : 100;
		for (uint32_t i = 0; i < g->n_placed; i++) {
			const lp_placed *pl = &g->placed[i];
			cr_assert(not(pl->repeat), "page %u repeats the head", q + 1);
			cr_assert(le(flt, pl->y_pt + 10, top + 100.01f), "page %u: %f", q + 1,
			        (double)pl->y_pt);
		}
	}
}
