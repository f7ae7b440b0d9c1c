/* Stacking a page template's fixed blocks for one document (docs/layouts.md,
 * "Stacking").
 *
 * A layout places its header blocks (emblem, organ lines, reference block)
 * for the content it expects: three organ lines of one line each. A
 * ministry's five organ lines, or two that wrap, are taller than that, and
 * a release without organ lines leaves a hole. So the blocks above a body
 * frame's top stack: each keeps the gap the layout drew between it and the
 * blocks right above it (above it and overlapping it across), a text block
 * is as tall as the lines it sets, so one that sets more lines than its
 * templates name pushes what is under it down (the body frame's top too, so
 * the title and the body follow) and one that sets fewer lets it up; a block
 * that sets no line takes no room, nor the gap above it. The gaps are the
 * design; the content decides the heights.
 *
 * Blocks at or below the body's top (footers, page numbers) and blocks the
 * layout gives a `height:` are pinned. Whatever the content made overlap
 * after stacking (a header pushed into a footer, a footer taller than the
 * room under it, lines past a pinned height, the page's foot) is an error at
 * the release field that made the block long, naming the layout's lines: a
 * letterhead that overprints itself is never printed. Blocks the layout
 * itself draws overlapping, as they are, are its design and not refused.
 *
 * A block inside the body frame is not moved out of the body's way: once
 * the pages are built, one the body is set over on a page is a warning at
 * the block (lp_job_check_overprint).
 */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/limits.h"

#include <stdio.h>
#include <string.h>

/* Boxes closer than this (points) touch; they do not overlap. */
#define LP_STACK_EPS 0.01f

typedef struct sbox {
	float x, y, w, h; /* as the layout draws it */
	float c; /* the room it takes here (0: empty); a pinned height's own */
	float need; /* text blocks: the height of the lines it sets */
	float shift; /* how far stacking moved it */
	float end; /* shift + growth: what it hands to the blocks under it */
	uint32_t n_set; /* text blocks: lines set */
	bool part; /* takes part (takes room on the page) */
	bool head; /* above the body frame's top: stacks */
	bool text;
} sbox;

static bool
takes_room(const lp_layout_block *lb)
{
	return !lb->in_flow && lb->kind != LP_LB_WATERMARK && lb->kind != LP_LB_FOLD_MARKS &&
	       lb->kind != LP_LB_PUNCH_MARK;
}

static bool
is_text(lp_lblock_kind k)
{
	return k == LP_LB_TEXT || k == LP_LB_TITLE || k == LP_LB_REFERENCE || k == LP_LB_DATELINE ||
	       k == LP_LB_SIGNATURE || k == LP_LB_PAGE_NUMBER;
}

static const char *
kind_name(lp_lblock_kind k)
{
	static const char *const names[] = {"emblem", "text", "title", "reference", "dateline",
	        "separator", "signature", "page-number", "watermark", "fold-marks", "punch-mark"};
	return (size_t)k < sizeof names / sizeof *names ? names[k] : "block";
}

static bool
across(const sbox *a, const sbox *b)
{
	return a->x < b->x + b->w - LP_STACK_EPS && b->x < a->x + a->w - LP_STACK_EPS;
}

/* a is above b as the layout draws them, and they overlap across. */
static bool
above(const sbox *a, const sbox *b)
{
	return a->y + a->h <= b->y + LP_STACK_EPS && across(a, b);
}

/* a is right above b: above it, with no block of the stack between them. */
static bool
right_above(const sbox *bx, uint32_t n, uint32_t a, const sbox *b)
{
	if (!bx[a].head || !above(&bx[a], b))
		return false;
	for (uint32_t c = 0; c < n; c++)
		if (c != a && bx[c].head && &bx[c] != b && above(&bx[c], b) &&
		        above(&bx[a], &bx[c]))
			return false;
	return true;
}

/* How far b moves: the most any block right above it hands down (0 when
 * none is above it); *gap is the room the layout drew between b and the
 * lowest of them. */
static float
shift_of(const sbox *bx, uint32_t n, const sbox *b, float *gap)
{
	bool any = false;
	float shift = 0, bottom = 0;
	for (uint32_t a = 0; a < n; a++) {
		if (&bx[a] == b || !right_above(bx, n, a, b))
			continue;
		if (!any || bx[a].end > shift)
			shift = bx[a].end;
		if (!any || bx[a].y + bx[a].h > bottom)
			bottom = bx[a].y + bx[a].h;
		any = true;
	}
	*gap = any ? b->y - bottom : 0;
	return any ? shift : 0;
}

/* Reports an overlap at the release line of the culprit's field (of the
 * fields its lines name, the one with the longest value: most likely the
 * one that wraps), else at the culprit in the layout. */
static lp_status
report(lp_job *job, const lp_layout_block *lb, const char *what)
{
	uint64_t off;
	if (lp_job_field_offset(job, lb->lines, lb->n_lines, true, &off))
		return lp_diag_at(job->diag, LP_ERROR, LP_ERR_SYNTAX, job->src, off,
		        "%s; shorten the field, or give the blocks more room in the layout", what);
	/* The layout's own text: at the block in the layout. */
	return lp_diag_report(job->diag, LP_ERROR, LP_ERR_SYNTAX,
	        lp_layout_block_path(job->layout, lb), lb->src_line, lb->src_col,
	        "%s; give the blocks more room in the layout", what);
}

static bool
intersect(float ax, float ay, float aw, float ah, float bx, float by, float bw, float bh)
{
	return ax < bx + bw - LP_STACK_EPS && bx < ax + aw - LP_STACK_EPS &&
	       ay < by + bh - LP_STACK_EPS && by < ay + ah - LP_STACK_EPS;
}

/* Whether this release's content made the block taller than the layout
 * draws it, or pushed it down. */
static bool
grew(const sbox *b)
{
	return b->c > b->h + LP_STACK_EPS || b->shift > LP_STACK_EPS;
}

/* Why a block cannot move: the reason the message gives. */
static const char *
pin_reason(const lp_layout_block *lb, const sbox *b)
{
	if (!b->head)
		return "which the layout pins (it is not above the body frame)";
	if (lb->pinned_height)
		return "whose height the layout fixes";
	return "which stacks under it";
}

/* The checks after stacking; the first failure is reported. */
static lp_status
check(lp_job *job, const lp_page_template *tpl, const sbox *bx, const lp_rect *body,
        const char *page)
{
	const lp_layout *L = job->layout;
	/* A template's blocks are all written in one file. */
	const char *lay = tpl->n_blocks ? lp_layout_block_path(L, tpl->blocks) : lp_layout_shown(L);
	for (uint32_t i = 0; i < tpl->n_blocks; i++) {
		const lp_layout_block *lb = &tpl->blocks[i];
		const sbox *a = &bx[i];
		if (!a->part || a->c <= LP_STACK_EPS)
			continue;
		float ay = a->y + a->shift;
		char what[512];
		if (lb->pinned_height && a->text && a->need > a->h + LP_STACK_EPS) {
			snprintf(what, sizeof what,
			        "the %s block at %s:%u:%u sets %u lines (%.1f mm) on the %s, more "
			        "than "
			        "the %.1f mm its height: gives it",
			        kind_name(lb->kind), lay, lb->src_line, lb->src_col, a->n_set,
			        a->need / 72 * 25.4f, page, a->h / 72 * 25.4f);
			return report(job, lb, what);
		}
		float ah = a->c;
		if (ay + ah > L->page_h_pt + LP_STACK_EPS) {
			snprintf(what, sizeof what,
			        "the %s block at %s:%u:%u runs past the foot of the %s (%u lines)",
			        kind_name(lb->kind), lay, lb->src_line, lb->src_col, page,
			        a->n_set);
			return report(job, lb, what);
		}
		/* What the layout draws overlapping is its own design (a frame
		 * the text may never reach): only what this release's content
		 * made taller or pushed down is refused. */
		if (grew(a) && intersect(a->x, ay, a->w, ah, body->x, body->y, body->w, body->h)) {
			snprintf(what, sizeof what,
			        "the %s block at %s:%u:%u would overprint the body frame on the %s",
			        kind_name(lb->kind), lay, lb->src_line, lb->src_col, page);
			return report(job, lb, what);
		}
		for (uint32_t j = i + 1; j < tpl->n_blocks; j++) {
			const sbox *b = &bx[j];
			if (!b->part || b->c <= LP_STACK_EPS)
				continue;
			const lp_layout_block *lbj = &tpl->blocks[j];
			float by = b->y + b->shift, bh = b->c;
			if ((!grew(a) && !grew(b)) ||
			        !intersect(a->x, ay, a->w, ah, b->x, by, b->w, bh))
				continue;
			/* The one that grew or moved is the culprit. */
			bool a_culprit = grew(a);
			const lp_layout_block *cu = a_culprit ? lb : lbj,
			                      *ot = a_culprit ? lbj : lb;
			snprintf(what, sizeof what,
			        "the %s block at %s:%u:%u would overprint the %s block at %s:%u:%u "
			        "on "
			        "the %s, %s",
			        kind_name(cu->kind), lay, cu->src_line, cu->src_col,
			        kind_name(ot->kind), lay, ot->src_line, ot->src_col, page,
			        pin_reason(ot, a_culprit ? b : a));
			return report(job, cu, what);
		}
	}
	return LP_OK;
}

static lp_status
stack_template(lp_job *job, const lp_page_template *tpl, uint32_t page, struct lp_tpl_place *out)
{
	uint32_t n = tpl->n_blocks;
	out->body = tpl->body;
	out->blocks = NULL;
	out->drawn = NULL;
	if (n == 0)
		return LP_OK;
	sbox *bx = lp_arena_array(job->arena, n, sizeof *bx);
	lp_rect *placed = lp_arena_array(job->arena, n, sizeof *placed);
	float *drawn = lp_arena_array(job->arena, n, sizeof *drawn);
	uint32_t *order = lp_arena_array(job->arena, n, sizeof *order);
	if (!bx || !placed || !drawn || !order)
		return LP_ERR_NOMEM;
	uint32_t n_head = 0;
	for (uint32_t i = 0; i < n; i++) {
		const lp_layout_block *lb = &tpl->blocks[i];
		sbox *b = &bx[i];
		memset(b, 0, sizeof *b);
		b->x = lb->rect.x;
		b->y = lb->rect.y;
		b->w = lb->rect.w;
		b->h = lb->rect.h;
		b->c = b->h;
		b->part = takes_room(lb);
		b->head = b->part && lb->rect.y < tpl->body.y;
		b->text = is_text(lb->kind);
		n_head += b->head;
		if (b->part && b->text) {
			lp_status s = lp_job_block_lines(job, lb, page, page + 1, &b->n_set);
			if (s != LP_OK)
				return s;
			b->need = (float)b->n_set * lp_job_block_style(job, lb)->leading_pt;
			/* A height: the layout gives keeps its room, set or empty. */
			b->c = lb->pinned_height ? b->h : b->need;
		}
	}
	if (n_head > LP_MAX_STACKED_BLOCKS)
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_LIMIT,
		        lp_layout_shown(job->layout), 0, 0,
		        "a page template has %u blocks above its body; at most %d stack", n_head,
		        LP_MAX_STACKED_BLOCKS);
	/* Top down: a block's blocks above it are done before it. */
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++)
		if (bx[i].head)
			order[k++] = i;
	for (uint32_t i = 1; i < k; i++)
		for (uint32_t j = i; j > 0 && bx[order[j - 1]].y > bx[order[j]].y; j--) {
			uint32_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (uint32_t i = 0; i < k; i++) {
		sbox *b = &bx[order[i]];
		float gap;
		b->shift = shift_of(bx, n, b, &gap);
		float growth = b->c - b->h;
		if (b->c <= LP_STACK_EPS)
			growth = -(b->h + gap); /* empty: no room, nor the gap above it */
		b->end = b->shift + growth;
	}
	sbox frame = {tpl->body.x, tpl->body.y, tpl->body.w, 0, 0, 0, 0, 0, false, false, false};
	float gap;
	float down = shift_of(bx, n, &frame, &gap);
	out->body.y += down;
	out->body.h -= down;
	for (uint32_t i = 0; i < n; i++) {
		const lp_layout_block *lb = &tpl->blocks[i];
		placed[i] = lb->rect;
		placed[i].y += bx[i].shift;
		drawn[i] = !bx[i].part  ? 0
		           : bx[i].text ? bx[i].need
		           : lb->kind == LP_LB_SEPARATOR
		                   ? (lb->rule_width_pt > 0 ? lb->rule_width_pt : 0.5f)
		                   : lb->rect.h;
	}
	out->blocks = placed;
	out->drawn = drawn;
	const char *name = page == 1 ? "first page" : "following pages";
	const lp_style *body = lp_layout_style(job->layout, job->layout->style_body);
	if (k && down > 0 && out->body.h < body->leading_pt) {
		const lp_layout_block *low = &tpl->blocks[order[k - 1]];
		char what[512];
		snprintf(what, sizeof what,
		        "the blocks above the body (down to the %s block at %s:%u:%u) push it "
		        "down %.1f mm on the %s, leaving it no room for a line",
		        kind_name(low->kind), lp_layout_block_path(job->layout, low), low->src_line,
		        low->src_col, down / 72 * 25.4f, name);
		return report(job, low, what);
	}
	return check(job, tpl, bx, &out->body, name);
}

lp_status
lp_job_stack(lp_job *job)
{
	lp_status s = stack_template(job, &job->layout->first, 1, &job->place[0]);
	if (s == LP_OK)
		s = stack_template(job, &job->layout->rest, 2, &job->place[1]);
	return s;
}

/* Body content closer than this (points) to a block's edge touches it (a
 * line's ascent or descent); it is not set over it. */
#define LP_OVERPRINT_EPS 1.0f

static float
overlap(float a, float aw, float b, float bw)
{
	float lo = a > b ? a : b, hi = a + aw < b + bw ? a + aw : b + bw;
	return hi - lo;
}

/* A length in millimetres as a layout writes it: "30", "12.5". */
static const char *
mm(char *buf, size_t n, float pt)
{
	snprintf(buf, n, "%.1f", pt / 72 * 25.4f);
	size_t len = strlen(buf);
	if (len > 2 && !strcmp(buf + len - 2, ".0"))
		buf[len - 2] = 0;
	return buf;
}

void
lp_job_check_overprint(lp_job *job, const lp_page_plan *plan)
{
	const lp_layout *L = job->layout;
	bool *said[2] = {NULL, NULL};
	for (uint32_t p = 0; p < plan->n_pages; p++) {
		const lp_plan_page *pg = &plan->pages[p];
		uint32_t t = pg->first ? 0 : 1;
		const lp_page_template *tpl = pg->first ? &L->first : &L->rest;
		const struct lp_tpl_place *pc = &job->place[t];
		if (!pc->blocks || !pc->drawn)
			continue;
		if (!said[t] && !(said[t] = lp_arena_array(job->arena, tpl->n_blocks, 1)))
			return;
		for (uint32_t i = 0; i < tpl->n_blocks; i++) {
			const lp_layout_block *lb = &tpl->blocks[i];
			const lp_rect *at = &pc->blocks[i];
			float dh = pc->drawn[i];
			/* Not drawn on a one-page document. */
			if (said[t][i] || dh <= LP_STACK_EPS ||
			        (lb->kind == LP_LB_PAGE_NUMBER && plan->n_pages < 2))
				continue;
			for (uint32_t k = 0; k < pg->n_placed; k++) {
				lp_rect c = lp_compose_placed_box(job, &tpl->body, &pg->placed[k]);
				if (overlap(at->x, at->w, c.x, c.w) <= LP_OVERPRINT_EPS ||
				        overlap(at->y, dh, c.y, c.h) <= LP_OVERPRINT_EPS)
					continue;
				char y[32], top[32], bottom[32];
				lp_diag_report(job->diag, LP_WARNING, LP_OK,
				        lp_layout_block_path(L, lb), lb->src_line, lb->src_col,
				        "the body is set over this block on page %u (%s mm from "
				        "the "
				        "top); move the block out of the body frame (%s body: top "
				        "%smm, bottom %smm) or the body below it",
				        p + 1, mm(y, sizeof y, at->y),
				        pg->first ? "first-page" : "following-pages",
				        mm(top, sizeof top, tpl->body.y),
				        mm(bottom, sizeof bottom,
				                L->page_h_pt - tpl->body.y - tpl->body.h));
				said[t][i] = true;
				break;
			}
		}
	}
}
