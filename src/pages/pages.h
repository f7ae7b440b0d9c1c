/*
 * The page builder: stacks the flow (paragraph lines, rules, images) into
 * the body frames of the first and following pages, choosing page breaks
 * that respect widows, orphans and keeps.
 *
 * The flow is flattened into a list of boxes (lines and other blocks),
 * each with the vertical glue before it and whether a page may break
 * before it. A page then takes boxes while they fit and breaks at the last
 * allowed place, so every rule — "at least `orphans` lines of a paragraph
 * before a break, at least `widows` after it, the title stays with the first
 * lines, the dateline with the last" — is a single question per boundary:
 * may a page break here? When no boundary on a full page allows it, the page
 * breaks where it overflows and a warning says so.
 *
 * The builder never breaks paragraphs into lines: widths are decided before
 * (para/), which is why the first and following body frames must have the
 * same width (the layout loader enforces it).
 */
#ifndef LP_PAGES_PAGES_H
#define LP_PAGES_PAGES_H

#include "letterpress.h"

#include "base/arena.h"

typedef enum lp_flow_kind {
	LP_FLOW_LINES, /* a paragraph's lines */
	LP_FLOW_BOX /* one box: a rule, an image, a fixed-height block, a table's row */
} lp_flow_kind;

typedef struct lp_flow_block {
	lp_flow_kind kind;
	uint32_t n_lines; /* LINES: how many */
	float leading_pt; /* LINES: baseline to baseline */
	float first_ascent_pt; /* LINES: from the top of the first line to its baseline */
	float height_pt; /* BOX: its height */
	float space_before_pt; /* dropped at the top of a page */
	float space_after_pt;
	bool keep_with_next; /* no page break between this block and the next */
	bool keep_with_prev; /* no page break between the previous block and this */
	bool break_before; /* start on a new page */
	/* LINES: per line, true when it ends inside a word (with a hyphen
	 * the line breaker added, after a dash, inside an address); NULL when
	 * none does. No page breaks after such a line (TeX's \brokenpenalty,
	 * taken as infinite): a word split across pages cannot be found by
	 * any reader's search. */
	const bool *hyphenated;
	/* A page that starts with this block starts with the blocks
	 * [repeat_first, repeat_first + n_repeat) again, placed above it (a
	 * continued table's head: its top rule, header rows and the rule
	 * under them); they come before it in the flow. n_repeat 0: none. */
	uint32_t repeat_first, n_repeat;
	/* BOX: where it may be cut, when it is taller than a following page's
	 * frame under the head it repeats (a table's row of a long cell):
	 * cuts[0 .. n_cuts) are heights from its top, ascending, inside
	 * (0, height_pt). Its pieces are then placed one under another, as a
	 * paragraph's lines are, a piece that starts a page cut_pad_pt below
	 * the page's top (or its repeated head). A page breaks at cut k when
	 * cut_ok[k] (NULL: at every cut), else only when no other place on
	 * the page allows it. A box that fits a page is never cut: a page
	 * that cannot hold it whole breaks before it. n_cuts 0: never cut. */
	const float *cuts;
	const bool *cut_ok;
	uint32_t n_cuts;
	float cut_pad_pt;
} lp_flow_block;

typedef struct lp_placed {
	uint32_t block; /* index into the flow */
	uint32_t line; /* line within the block; for a BOX cut in pieces, the piece */
	/* LINES: baseline; BOX: top edge (a piece's: where the box's height
	 * at the cut before it lands); page coordinates */
	float y_pt;
	bool repeat; /* placed again: a block of a continued table's head */
	bool piece; /* a piece of a BOX that was cut (lp_flow_block.cuts) */
} lp_placed;

typedef struct lp_plan_page {
	bool first; /* uses the first-page template */
	const lp_placed *placed;
	uint32_t n_placed;
} lp_plan_page;

typedef struct lp_page_plan {
	const lp_plan_page *pages;
	uint32_t n_pages;
} lp_page_plan;

typedef struct lp_pages_params {
	float first_top_pt, first_height_pt; /* the first page's body frame (y, h) */
	float rest_top_pt, rest_height_pt; /* following pages' body frame */
	int widows; /* lines kept after a break (TeX \widowpenalty=∞ for < this) */
	int orphans; /* lines kept before a break (\clubpenalty) */
	const char *source_name; /* the release, for messages (may be NULL) */
	/* Where flow block `block` came from, for messages about it: its file,
	 * 1-based line and column (line 0: unknown, and source_name is
	 * named). May be NULL. */
	void (*where)(void *user, uint32_t block, const char **file, uint32_t *line, uint32_t *col);
	void *where_user;
} lp_pages_params;

/* Places the flow on pages. The plan lives in arena. Fails with
 * LP_ERR_LIMIT past LP_MAX_PAGES pages and with LP_ERR_USAGE when a frame
 * has no height. A box taller than a frame that has no cuts is placed on a
 * page of its own and overflows it, with a warning. */
lp_status lp_pages_build(const lp_flow_block *flow, uint32_t n_flow, const lp_pages_params *params,
        lp_arena *arena, lp_page_plan **out, lp_diag *diag);

#endif
