/* Page builder; see pages.h for the model (boxes, glue, allowed breaks). */
#include "pages/pages.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Frames are measured in points; a line that overshoots by less than this
 * (float noise from summing leadings) still fits. */
#define LP_PAGES_EPSILON_PT 0.01f

typedef struct flat_item {
	uint32_t block, line;
	float glue; /* space before it, unless first on a page */
	float height; /* how much of the frame it uses */
	float baseline; /* from its top to where lp_placed.y points */
	float lead_in; /* room above it when it starts a page (a cut box's piece) */
	bool piece; /* a piece of a box that was cut */
	bool can_break; /* may a page start with it */
	bool must_break; /* a page must start with it */
	/* A page starting with it starts with items [head, head + n_head)
	 * again, head_h tall (lp_flow_block.repeat_first). */
	uint32_t head, n_head;
	float head_h;
} flat_item;

/* A warning about flow block `block`, where the caller says it came from. */
static void warn_at(const lp_pages_params *p, lp_diag *diag, uint32_t block, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void
warn_at(const lp_pages_params *p, lp_diag *diag, uint32_t block, const char *fmt, ...)
{
	const char *file = p->source_name;
	uint32_t line = 0, col = 0;
	if (p->where)
		p->where(p->where_user, block, &file, &line, &col);
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lp_diag_report(diag, LP_WARNING, LP_OK, line ? file : p->source_name, line, col, "%s", msg);
}

static bool
check_flow(const lp_flow_block *flow, uint32_t n_flow)
{
	for (uint32_t b = 0; b < n_flow; b++) {
		const lp_flow_block *fb = &flow[b];
		float v[6] = {fb->leading_pt, fb->first_ascent_pt, fb->height_pt,
		        fb->space_before_pt, fb->space_after_pt, fb->cut_pad_pt};
		for (int i = 0; i < 6; i++)
			if (!isfinite(v[i]) || v[i] < 0)
				return false;
		if (fb->n_cuts && (fb->kind != LP_FLOW_BOX || !fb->cuts))
			return false;
		for (uint32_t k = 0; k < fb->n_cuts; k++)
			if (!(fb->cuts[k] > (k ? fb->cuts[k - 1] : 0)) ||
			        !(fb->cuts[k] < fb->height_pt))
				return false;
	}
	return true;
}

/* Whether box fb is cut into pieces: when it has cuts and a following
 * page cannot hold it whole under above (the head it repeats there and
 * the glue after it). A box that fits is moved whole to the next page. */
static bool
cut_box(const lp_flow_block *fb, const lp_pages_params *p, float above)
{
	return fb->kind == LP_FLOW_BOX && fb->n_cuts &&
	       above + fb->height_pt > p->rest_height_pt + LP_PAGES_EPSILON_PT;
}

/* Flattens the flow into boxes and decides, once per boundary, whether a
 * page may break there. */
static flat_item *
flatten(const lp_flow_block *flow, uint32_t n_flow, const lp_pages_params *p, uint32_t *n_out)
{
	size_t n = 0;
	for (uint32_t b = 0; b < n_flow; b++)
		n += flow[b].kind == LP_FLOW_LINES ? flow[b].n_lines : (size_t)flow[b].n_cuts + 1;
	flat_item *items = calloc(n ? n : 1, sizeof *items);
	uint32_t *first = calloc((size_t)n_flow + 1, sizeof *first); /* a block's first item */
	if (!items || !first) {
		free(items);
		free(first);
		return NULL;
	}
	size_t k = 0;
	const lp_flow_block *prev = NULL;
	for (uint32_t b = 0; b < n_flow; b++) {
		const lp_flow_block *fb = &flow[b];
		uint32_t lines = fb->kind == LP_FLOW_LINES ? fb->n_lines : 1;
		first[b] = (uint32_t)k;
		if (lines == 0)
			continue;
		uint32_t head = 0, n_head = 0;
		float head_h = 0;
		if (fb->n_repeat && fb->repeat_first < b && fb->n_repeat <= b - fb->repeat_first) {
			head = first[fb->repeat_first];
			n_head = first[fb->repeat_first + fb->n_repeat] - head;
			for (uint32_t h = head; h < head + n_head; h++)
				head_h += (h > head ? items[h].glue : 0) + items[h].height;
		}
		/* Adjacent spaces collapse to the larger, as in CSS. */
		float after = prev ? prev->space_after_pt : 0;
		float glue = after > fb->space_before_pt ? after : fb->space_before_pt;
		/* A head repeats above the box's pieces where it leaves room. */
		float above = n_head && head_h + glue < p->rest_height_pt ? head_h + glue : 0;
		bool cut = cut_box(fb, p, above);
		if (cut)
			lines = fb->n_cuts + 1;
		for (uint32_t j = 0; j < lines; j++, k++) {
			flat_item *it = &items[k];
			it->block = b;
			it->line = j;
			it->head = head;
			it->n_head = n_head;
			it->head_h = head_h;
			if (fb->kind == LP_FLOW_LINES) {
				it->height = fb->leading_pt;
				it->baseline = fb->first_ascent_pt;
			} else if (cut) {
				/* A piece: from the cut before it to the next. */
				float top = j ? fb->cuts[j - 1] : 0;
				it->height = (j < fb->n_cuts ? fb->cuts[j] : fb->height_pt) - top;
				it->lead_in = j ? fb->cut_pad_pt : 0;
				it->piece = true;
			} else {
				it->height = fb->height_pt;
			}
			if (j == 0) {
				it->glue = glue;
				it->can_break =
				        !prev || (!prev->keep_with_next && !fb->keep_with_prev);
				it->must_break = fb->break_before && prev;
			} else if (cut) {
				it->can_break = !fb->cut_ok || fb->cut_ok[j - 1];
			} else {
				/* Inside a paragraph: TeX's club (orphan) and widow
				 * penalties, taken as infinite, and TeX's
				 * \brokenpenalty (a page after a hyphen) too. */
				it->can_break = (int)j >= p->orphans &&
				                (int)(lines - j) >= p->widows &&
				                !(fb->hyphenated && fb->hyphenated[j - 1]);
			}
		}
		prev = fb;
	}
	*n_out = (uint32_t)k;
	free(first);
	return items;
}

lp_status
lp_pages_build(const lp_flow_block *flow, uint32_t n_flow, const lp_pages_params *p,
        lp_arena *arena, lp_page_plan **out, lp_diag *diag)
{
	*out = NULL;
	if (!(p->first_height_pt > 0) || !(p->rest_height_pt > 0) || !isfinite(p->first_top_pt) ||
	        !isfinite(p->rest_top_pt))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "page builder: the body frame has no height");
	if (!check_flow(flow, n_flow))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "page builder: negative or non-finite size in the flow");
	uint32_t n = 0;
	flat_item *items = flatten(flow, n_flow, p, &n);
	if (!items)
		return LP_ERR_NOMEM;

	lp_status status = LP_OK;
	lp_plan_page *pages = NULL;
	uint32_t n_pages = 0, cap_pages = 0;
	/* Heap, as a repeated head adds to it; pages keep their first
	 * index in first[] until it is in the arena. */
	lp_placed *placed = NULL;
	uint32_t n_pl = 0, cap_pl = 0, *firsts = NULL, cap_firsts = 0;

	uint32_t start = 0;
	do {
		bool first = n_pages == 0;
		float top = first ? p->first_top_pt : p->rest_top_pt;
		float height = first ? p->first_height_pt : p->rest_height_pt;
		/* A continued table's head first, unless the page starts
		 * right after it, or it leaves no room under it for what
		 * starts the page (a header row taller than a page). */
		const flat_item *hd = start < n ? &items[start] : NULL;
		bool repeat = hd && hd->n_head && start != hd->head + hd->n_head &&
		              hd->head_h + hd->glue + hd->lead_in + hd->height <=
		                      height + LP_PAGES_EPSILON_PT;
		float y0 = (repeat ? hd->head_h + hd->glue : 0) + (hd ? hd->lead_in : 0);
		/* Find the first item that does not fit (or a forced break). */
		float y = y0;
		uint32_t i = start;
		for (; i < n; i++) {
			if (i > start && items[i].must_break)
				break;
			float glue = i == start ? 0 : items[i].glue;
			if (i > start && y + glue + items[i].height > height + LP_PAGES_EPSILON_PT)
				break;
			y += glue + items[i].height;
		}
		uint32_t end = i;
		if (end < n && !items[end].must_break) {
			/* Overfull: back up to the last boundary that allows a break. */
			uint32_t b = end;
			while (b > start && !items[b].can_break)
				b--;
			if (b > start) {
				end = b;
			} else {
				warn_at(p, diag, items[end].block,
				        "page %u: keeps, widows and orphans allow no page break; "
				        "breaking where the page is full",
				        n_pages + 1);
			}
		}
		if (start < n && items[start].height > height + LP_PAGES_EPSILON_PT)
			warn_at(p, diag, items[start].block,
			        "page %u: a block is %.1f pt tall, taller than the %.1f pt frame",
			        n_pages + 1, items[start].height, height);

		if (n_pages >= LP_MAX_PAGES) {
			status = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, p->source_name, 0, 0,
			        "the document needs more than %d pages; that is the limit",
			        LP_MAX_PAGES);
			goto fail;
		}
		status = LP_ARENA_ARRAY_RESERVE(
		        arena, pages, cap_pages, (size_t)n_pages + 1, LP_ARRAY_ANY);
		if (status != LP_OK)
			goto fail;
		status = LP_ARRAY_RESERVE(firsts, cap_firsts, (size_t)n_pages + 1, LP_ARRAY_ANY);
		size_t more = (size_t)(end - start) + (repeat ? hd->n_head : 0);
		if (status == LP_OK)
			status =
			        LP_ARRAY_RESERVE(placed, cap_pl, (size_t)n_pl + more, LP_ARRAY_ANY);
		if (status != LP_OK)
			goto fail;
		firsts[n_pages] = n_pl;
		lp_plan_page *pg = &pages[n_pages++];
		pg->first = first;
		pg->n_placed = (uint32_t)more;
		y = 0;
		for (uint32_t k = repeat ? hd->head : 0; repeat && k < hd->head + hd->n_head; k++) {
			y += k == hd->head ? 0 : items[k].glue;
			placed[n_pl++] = (lp_placed){items[k].block, items[k].line,
			        top + y + items[k].baseline, true, items[k].piece};
			y += items[k].height;
		}
		y = y0;
		for (uint32_t k = start; k < end; k++) {
			y += k == start ? 0 : items[k].glue;
			placed[n_pl++] = (lp_placed){items[k].block, items[k].line,
			        top + y + items[k].baseline, false, items[k].piece};
			y += items[k].height;
		}
		start = end;
	} while (start < n);

	lp_page_plan *plan = lp_arena_alloc(arena, sizeof *plan);
	lp_placed *kept = lp_arena_array(arena, n_pl ? n_pl : 1, sizeof *kept);
	if (!plan || !kept) {
		status = LP_ERR_NOMEM;
		goto fail;
	}
	if (n_pl)
		memcpy(kept, placed, n_pl * sizeof *kept);
	for (uint32_t pg = 0; pg < n_pages; pg++)
		pages[pg].placed = kept + firsts[pg];
	plan->pages = pages;
	plan->n_pages = n_pages;
	*out = plan;
fail:
	free(items);
	free(placed);
	free(firsts);
	return status;
}
