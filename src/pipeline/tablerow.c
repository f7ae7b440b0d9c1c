/* A table's row (table_internal.h): its height, where a page may cut it,
 * and a placed piece of it drawn.
 *
 * A row is one box in the flow, moved whole to the next page when it does
 * not fit; a row taller than a page (a cell of a thousand words) is cut
 * there between lines of its cells, as a typesetter splits a row, so that
 * none of its text runs past the frame or off the paper. A page may cut a
 * row between two lines of its cells, and prefers a cut that leaves each
 * cell the layout's widows and orphans and no word split (pages.h,
 * lp_flow_block.cuts). The pieces of a row on a page are drawn cell by
 * cell, so that readers that follow the content's order read a cell's
 * text whole on each page. */
#include "pipeline/table_internal.h"

#include <math.h>

/* Heights closer than this are one place (float noise from summing
 * leadings); the page builder's own tolerance. */
#define LP_ROW_EPS_PT 0.01f

static uint32_t
cell_lines(const lp_set_cell *c)
{
	return c->par ? c->par->lines->n_lines : 0;
}

/* Whether a page may break at y as it may inside a paragraph: each cell
 * keeps its orphans above and its widows below, and no word is split
 * (flow.c, add_par). */
static bool
cut_allowed(const lp_job *job, const struct lp_set_row *row, float y)
{
	for (uint32_t c = 0; c < row->n_cells; c++) {
		uint32_t n = cell_lines(&row->cells[c]);
		if (n < 2 || y >= (float)n * row->leading_pt - LP_ROW_EPS_PT)
			continue;
		const lp_par_lines *ls = row->cells[c].par->lines;
		uint32_t j = (uint32_t)roundf(y / row->leading_pt);
		const lp_line *ln = &ls->lines[j - 1];
		if ((int)j < job->layout->orphans || (int)(n - j) < job->layout->widows ||
		        ln->hyphenated || ls->lines[j].start == ln->end)
			return false;
	}
	return true;
}

lp_status
lp_table_row_shape(lp_job *job, const struct lp_set_row *row, lp_flow_block *fb)
{
	float lead = row->leading_pt;
	uint32_t most = 1;
	for (uint32_t c = 0; c < row->n_cells; c++) {
		uint32_t n = cell_lines(&row->cells[c]);
		most = n > most ? n : most;
	}
	/* As tall as its longest cell's lines. */
	float content = (float)most * lead;
	fb->height_pt = 2 * row->pad_pt + content;
	fb->n_cuts = 0;
	fb->cut_pad_pt = row->pad_pt;
	if (most < 2)
		return LP_OK;
	/* Between two lines: the cells' lines share the row's leading. */
	float *cuts = lp_arena_array(job->arena, most - 1, sizeof *cuts);
	bool *ok = lp_arena_array(job->arena, most - 1, sizeof *ok);
	if (!cuts || !ok)
		return LP_ERR_NOMEM;
	for (uint32_t l = 1; l < most; l++) {
		float y = (float)l * lead;
		ok[l - 1] = cut_allowed(job, row, y);
		/* As heights in the row's box, below its top pad. */
		cuts[l - 1] = row->pad_pt + y;
	}
	fb->cuts = cuts;
	fb->cut_ok = ok;
	fb->n_cuts = most - 1;
	return LP_OK;
}

/* An empty cell shows one space, so that its TD (or TH) has content and
 * stays in the structure tree: a reader counts a row's cells to know
 * which column a cell is in. In the font of another cell of its row. */
static void
empty_cell(lp_dlist_builder *b, const struct lp_set_row *row, const lp_set_cell *cell, float y)
{
	for (uint32_t c = 0; c < row->n_cells; c++) {
		const lp_set_par *par = row->cells[c].par;
		if (!par || !par->lines->n_lines || !par->lines->lines[0].n_runs)
			continue;
		const lp_line_run *run = &par->lines->lines[0].runs[0];
		uint32_t gid = lp_font_glyph(run->font, ' ');
		if (!gid)
			return;
		lp_dl_glyph g = {gid, cell->x_pt, y, 0};
		lp_dl_text t = {run->font, run->size_pt, par->spans[run->span].style.color, &g, 1,
		        " ", 1, NULL, 0};
		lp_dlist_add_text(b, &t);
		return;
	}
}

/* The row's pieces placed one under another from pl on: how many. */
static uint32_t
pieces(const lp_placed *pl, uint32_t n_pl)
{
	uint32_t n = 1;
	while (pl->piece && n < n_pl && pl[n].block == pl->block && pl[n].piece &&
	        pl[n].repeat == pl->repeat && pl[n].line == pl[n - 1].line + 1)
		n++;
	return n;
}

uint32_t
lp_table_compose_row(lp_job *job, lp_dlist_builder *b, const lp_rect *frame, const lp_placed *pl,
        uint32_t n_pl, uint32_t table)
{
	const struct lp_set_row *row = job->content[pl->block].row;
	const lp_flow_block *fb = &job->flow[pl->block];
	uint32_t n = pieces(pl, n_pl), k0 = pl->line, k1 = pl[n - 1].line;
	/* What of the row this page shows: [from, to) of its height, its
	 * top (on an earlier page when it was cut) at origin. */
	float from = k0 ? fb->cuts[k0 - 1] : 0;
	float to = pl->piece && k1 < fb->n_cuts ? fb->cuts[k1] : fb->height_pt;
	float origin = pl->y_pt - from;
	/* A continued table's head again on the next page: pagination, as
	 * a running head is (its text is read once, where it first stands). */
	uint32_t tr = 0;
	if (pl->repeat || !table)
		lp_dlist_tag_artifact(b, LP_ART_PAGINATION);
	else if (!(tr = row->nodes[0]))
		tr = row->nodes[0] = lp_dlist_add_node(b, LP_ROLE_TR, table, NULL);
	for (uint32_t c = 0; c < row->n_cells; c++) {
		const lp_set_cell *cell = &row->cells[c];
		uint32_t node = LP_COMPOSE_ARTIFACT;
		if (tr) {
			if (!row->nodes[1 + c])
				row->nodes[1 + c] = lp_dlist_add_node(
				        b, row->head ? LP_ROLE_TH : LP_ROLE_TD, tr, NULL);
			node = row->nodes[1 + c];
			lp_dlist_tag(b, node);
		}
		float top = origin + row->pad_pt + row->ascent_pt;
		if (!cell->par) {
			if (tr && k0 == 0)
				empty_cell(b, row, cell, top);
			continue;
		}
		lp_dlist_set_source(b, &cell->src);
		/* The lines whose tops are in [from, to). */
		uint32_t nl = cell_lines(cell), l = 0;
		if (from > row->pad_pt)
			l = (uint32_t)fmaxf(
			        ceilf((from - row->pad_pt - LP_ROW_EPS_PT) / row->leading_pt), 0);
		for (; l < nl && row->pad_pt + (float)l * row->leading_pt < to - LP_ROW_EPS_PT;
		        l++) {
			const lp_line *ln = &cell->par->lines->lines[l];
			float room = cell->w_pt - ln->x_pt - ln->width_pt, dx = 0;
			if (cell->align == LP_CELL_RIGHT)
				dx = room;
			else if (cell->align == LP_CELL_CENTER)
				dx = room / 2;
			lp_compose_line(job, b, cell->par, l, frame->x + cell->x_pt + fmaxf(dx, 0),
			        top + (float)l * row->leading_pt, job->rel->links,
			        job->rel->n_links, node, 0);
		}
	}
	return n;
}
