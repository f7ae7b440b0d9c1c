/* A table's row (table_internal.h): its cells' pictures, its height, where
 * a page may cut it, and a placed piece of it drawn.
 *
 * A row is one box in the flow, moved whole to the next page when it does
 * not fit; a row taller than a page (a cell of a thousand words) is cut
 * there between lines of its cells, as a typesetter splits a row, so that
 * none of its text runs past the frame or off the paper. A page may cut a
 * row where no cell has a line or a picture across the cut, and prefers a
 * cut that leaves each cell the layout's widows and orphans and no word
 * split (pages.h, lp_flow_block.cuts). The pieces of a row on a page are
 * drawn cell by cell, so that readers that follow the content's order
 * read a cell's text whole on each page. */
#include "pipeline/table_internal.h"

#include "base/diag.h"
#include "base/source.h"
#include "image/image.h"

#include <math.h>
#include <stdlib.h>

/* Heights closer than this are one place (float noise from summing
 * leadings); the page builder's own tolerance. */
#define LP_ROW_EPS_PT 0.01f

lp_status
lp_table_cell_pictures(lp_job *job, const lp_block *blk, lp_set_cell *cell)
{
	if (!blk->n_pictures)
		return LP_OK;
	cell->pics = lp_arena_array(job->arena, blk->n_pictures, sizeof *cell->pics);
	if (!cell->pics)
		return LP_ERR_NOMEM;
	for (uint32_t i = 0; i < blk->n_pictures; i++) {
		const lp_figure *fig = &blk->pictures[i];
		const lp_release_picture *pic;
		bool decorative;
		lp_status s = lp_job_figure_picture(job, fig, &pic, &decorative);
		if (s != LP_OK)
			return s;
		lp_cell_picture *cp = &cell->pics[cell->n_pics++];
		*cp = (lp_cell_picture){.image = pic->image,
		        .svg = pic->svg,
		        .alt = decorative ? NULL : fig->alt,
		        .nat_w_pt = pic->w_pt,
		        .nat_h_pt = pic->h_pt,
		        .src = {cell->src.file, 0, 0}};
		lp_source_line_col(job->src, fig->path_offset, &cp->src.line, &cp->src.col);
	}
	return LP_OK;
}

void
lp_table_place_pictures(lp_set_cell *cell, float leading, float gap, float max_h)
{
	float y = cell->par ? (float)cell->par->lines->n_lines * leading : 0;
	for (uint32_t i = 0; i < cell->n_pics; i++) {
		lp_cell_picture *p = &cell->pics[i];
		float k = 1;
		if (p->nat_w_pt > cell->w_pt && p->nat_w_pt > 0)
			k = cell->w_pt / p->nat_w_pt;
		if (p->nat_h_pt * k > max_h && p->nat_h_pt > 0)
			k = max_h / p->nat_h_pt;
		p->w_pt = p->nat_w_pt * k;
		p->h_pt = p->nat_h_pt * k;
		y += y > 0 ? gap : 0;
		p->top_pt = y;
		y += p->h_pt;
	}
}

static uint32_t
cell_lines(const lp_set_cell *c)
{
	return c->par ? c->par->lines->n_lines : 0;
}

/* The height of a cell's text and pictures. */
static float
cell_height(const lp_set_cell *c, float leading)
{
	float h = (float)cell_lines(c) * leading;
	for (uint32_t i = 0; i < c->n_pics; i++)
		h = fmaxf(h, c->pics[i].top_pt + c->pics[i].h_pt);
	return h;
}

/* Whether y (from the top of the row's text) is inside one of the cell's
 * lines or pictures. */
static bool
splits_cell(const lp_set_cell *c, float leading, float y)
{
	if (y > LP_ROW_EPS_PT && y < (float)cell_lines(c) * leading - LP_ROW_EPS_PT &&
	        fabsf(y - roundf(y / leading) * leading) > LP_ROW_EPS_PT)
		return true;
	for (uint32_t i = 0; i < c->n_pics; i++) {
		const lp_cell_picture *p = &c->pics[i];
		if (y > p->top_pt + LP_ROW_EPS_PT && y < p->top_pt + p->h_pt - LP_ROW_EPS_PT)
			return true;
	}
	return false;
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

static int
by_height(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

lp_status
lp_table_row_shape(lp_job *job, const struct lp_set_row *row, lp_flow_block *fb)
{
	float lead = row->leading_pt;
	uint32_t most = 1, n_pics = 0;
	for (uint32_t c = 0; c < row->n_cells; c++) {
		uint32_t n = cell_lines(&row->cells[c]);
		most = n > most ? n : most;
		n_pics += row->cells[c].n_pics;
	}
	/* A row without pictures is as tall as its longest cell's lines. */
	float content = (float)most * lead;
	for (uint32_t c = 0; c < row->n_cells; c++)
		content = fmaxf(content, cell_height(&row->cells[c], lead));
	fb->height_pt = 2 * row->pad_pt + content;
	fb->n_cuts = 0;
	fb->cut_pad_pt = row->pad_pt;
	uint32_t n_cand = most - 1 + n_pics;
	if (n_cand == 0)
		return LP_OK;
	/* Where a cut may go: between two lines of a cell, above a picture. */
	float *cuts = lp_arena_array(job->arena, n_cand, sizeof *cuts);
	bool *ok = lp_arena_array(job->arena, n_cand, sizeof *ok);
	if (!cuts || !ok)
		return LP_ERR_NOMEM;
	uint32_t n = 0;
	for (uint32_t l = 1; l < most; l++)
		cuts[n++] = (float)l * lead;
	for (uint32_t c = 0; c < row->n_cells; c++)
		for (uint32_t i = 0; i < row->cells[c].n_pics; i++)
			cuts[n++] = row->cells[c].pics[i].top_pt;
	qsort(cuts, n, sizeof *cuts, by_height);
	uint32_t kept = 0;
	for (uint32_t k = 0; k < n; k++) {
		float y = cuts[k];
		if (y <= LP_ROW_EPS_PT || y >= content - LP_ROW_EPS_PT ||
		        (kept && y - cuts[kept - 1] <= LP_ROW_EPS_PT))
			continue;
		bool inside = false;
		for (uint32_t c = 0; c < row->n_cells && !inside; c++)
			inside = splits_cell(&row->cells[c], lead, y);
		if (inside)
			continue;
		ok[kept] = cut_allowed(job, row, y);
		cuts[kept++] = y;
	}
	/* As heights in the row's box, below its top pad. */
	for (uint32_t k = 0; k < kept; k++)
		cuts[k] += row->pad_pt;
	fb->cuts = cuts;
	fb->cut_ok = ok;
	fb->n_cuts = kept;
	return LP_OK;
}

lp_status
lp_job_fit_table_pictures(lp_job *job)
{
	const lp_rect *first = &job->place[0].body, *rest = &job->place[1].body;
	float frame_h = first->h < rest->h ? first->h : rest->h;
	for (uint32_t i = 0; i < job->n_flow; i++) {
		const struct lp_set_row *row = job->content[i].row;
		lp_flow_block *fb = &job->flow[i];
		bool pics = false;
		for (uint32_t c = 0; row && c < row->n_cells; c++)
			pics |= row->cells[c].n_pics > 0;
		if (!pics)
			continue;
		/* A picture fits a page under the head the row repeats there,
		 * over the rule that closes the table when it is the last row
		 * (kept with it). */
		float max_h = frame_h - 2 * row->pad_pt;
		for (uint32_t h = fb->repeat_first; h < fb->repeat_first + fb->n_repeat; h++)
			max_h -= job->flow[h].height_pt +
			         (h > fb->repeat_first ? job->flow[h].space_before_pt : 0);
		if (i + 1 < job->n_flow && job->flow[i + 1].keep_with_prev)
			max_h -= job->flow[i + 1].height_pt;
		for (uint32_t c = 0; c < row->n_cells; c++)
			lp_table_place_pictures(
			        &row->cells[c], row->leading_pt, row->pad_pt, fmaxf(max_h, 1));
		lp_status s = lp_table_row_shape(job, row, fb);
		if (s != LP_OK)
			return s;
	}
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

/* A cell's pictures whose tops are in [from, to) of the row, the row's
 * top at origin: a Figure each under the cell's node (decoration, an
 * artifact), aligned as the column is. */
static void
draw_pictures(lp_dlist_builder *b, const lp_rect *frame, const struct lp_set_row *row,
        const lp_set_cell *cell, uint32_t node, float origin, float from, float to)
{
	for (uint32_t i = 0; i < cell->n_pics; i++) {
		const lp_cell_picture *p = &cell->pics[i];
		float y = row->pad_pt + p->top_pt;
		if (y < from - LP_ROW_EPS_PT || y >= to - LP_ROW_EPS_PT)
			continue;
		float room = cell->w_pt - p->w_pt, dx = 0;
		if (cell->align == LP_CELL_RIGHT)
			dx = room;
		else if (cell->align == LP_CELL_CENTER)
			dx = room / 2;
		lp_dlist_set_source(b, &p->src);
		if (node != LP_COMPOSE_ARTIFACT && !p->alt)
			lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
		else if (node != LP_COMPOSE_ARTIFACT)
			lp_dlist_tag(b, lp_dlist_add_node(b, LP_ROLE_FIGURE, node, p->alt));
		float x = frame->x + cell->x_pt + fmaxf(dx, 0);
		if (p->svg) {
			lp_svg_emit(p->svg, x, origin + y, p->w_pt, p->h_pt, b);
		} else {
			lp_dl_image im = {p->image, x, origin + y, p->w_pt, p->h_pt};
			lp_dlist_add_image(b, &im);
		}
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
		if (!cell->par && !cell->n_pics) {
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
		lp_compose_cell place = {cell->w_pt, cell->align,
		        cell->read_end_pt > 0 ? frame->x + cell->read_end_pt : 0};
		for (; l < nl && row->pad_pt + (float)l * row->leading_pt < to - LP_ROW_EPS_PT; l++)
			lp_compose_line(job, b, cell->par, l, frame->x + cell->x_pt,
			        top + (float)l * row->leading_pt, job->rel->links,
			        job->rel->n_links, node, 0, &place);
		draw_pictures(b, frame, row, cell, node, origin, from, to);
	}
	return n;
}
