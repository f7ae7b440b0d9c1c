/* A release's table → flow blocks: a rule above it, its header rows, a
 * rule under them, its body rows, a rule below it (booktabs' top, mid and
 * bottom rules), each row one box the page builder moves whole, or cuts
 * between lines when it is taller than a page (tablerow.c). A page that a
 * table continues on starts with the table's head again (the page
 * builder repeats the blocks named by lp_flow_block.repeat_first).
 *
 * Column widths as browsers' automatic table layout has them (CSS 2.1
 * §17.5.2.2, as a table of width 100%): each cell is set once on one line
 * to learn its widest line (its max) and its widest word (its min); when
 * the columns' maxima fit the measure, each column gets its max and the
 * room left is shared in proportion to the maxima; else each gets its min
 * (its max, when that is within an even share of the measure: a short
 * column stays on one line) and the room left is shared in proportion to
 * max − that. When not even
 * the minima fit, columns whose min is within an even share of the
 * measure keep it, the others share the rest in proportion to theirs,
 * their words broken where they must be, and a warning says so at the
 * table. Cells are set ragged right (centred or ragged left by their
 * column's alignment), hyphenated as their style says (header cells never:
 * they are labels). */
#include "pipeline/table_internal.h"

#include "base/diag.h"
#include "base/source.h"

#include <math.h>
#include <string.h>

/* A cell is first set on a line this wide: no cell's text is longer on
 * a page (a layout's lengths stop at 200 inches). */
#define LP_TABLE_NATURAL_PT 14400.0f
/* Between two columns, in ems of the cell style (booktabs' \tabcolsep
 * is 6 pt each side at 10 pt); the outer columns line up with the text. */
#define LP_TABLE_GAP_EM 1.0f
/* Above and below a row's text, in ems; also between a cell's text and
 * its pictures. */
#define LP_TABLE_ROW_PAD_EM 0.25f
/* How far text read past a cell's line (a hyphenated word's second half,
 * compose_hyphen.c) stays from the next column's text, in ems: a word
 * space's width. Measured on a gap narrowed step by step, pdf.js reads
 * a space between words from 0.12 em apart and poppler's pdftotext -raw
 * from 0.16 em. */
#define LP_TABLE_READ_APART_EM 0.25f
/* A picture in a cell is scaled down to its column, but asks the column
 * for this much at least (its own width, when narrower): at half an inch
 * a photo still shows who it is, and a wide one does not squeeze the
 * table's words apart. */
#define LP_TABLE_PICTURE_MIN_PT 36.0f
/* The rules (booktabs: \heavyrulewidth .08em, \lightrulewidth .05em). */
#define LP_TABLE_OUTER_RULE_PT 0.8f
#define LP_TABLE_MID_RULE_PT 0.5f

/* The widest word of a cell set on one line: glyph runs between spaces. */
static float
widest_word(const lp_set_par *par)
{
	float most = 0;
	for (uint32_t l = 0; l < par->lines->n_lines; l++) {
		const lp_line *ln = &par->lines->lines[l];
		float start = ln->x_pt;
		for (uint32_t r = 0; r < ln->n_runs; r++) {
			const lp_line_run *run = &ln->runs[r];
			for (uint32_t g = 0; g < run->n_glyphs; g++) {
				const lp_line_glyph *gl = &run->glyphs[g];
				if (gl->cluster >= run->text_len || run->text[gl->cluster] != ' ')
					continue;
				most = fmaxf(most, gl->x_pt - start);
				start = g + 1 < run->n_glyphs ? run->glyphs[g + 1].x_pt : gl->x_pt;
				if (g + 1 == run->n_glyphs && r + 1 < ln->n_runs &&
				        ln->runs[r + 1].n_glyphs)
					start = ln->runs[r + 1].glyphs[0].x_pt;
			}
		}
		most = fmaxf(most, ln->x_pt + ln->width_pt - start);
	}
	return most;
}

static float
widest_line(const lp_set_par *par)
{
	float most = 0;
	for (uint32_t l = 0; l < par->lines->n_lines; l++)
		most = fmaxf(most, par->lines->lines[l].width_pt);
	return most;
}

/* Sets one cell's text at a measure, its messages at the cell. */
static lp_status
set_cell(lp_job *job, const lp_block *cell, const lp_style *st, float measure,
        const lp_set_par **out)
{
	uint32_t col;
	lp_source_line_col(job->src, cell->src_offset, &job->src_line, &col);
	job->src_offset = cell->src_offset;
	job->src_block = cell;
	job->src_block_at = 0;
	lp_status s = lp_job_set_par(job, cell->text, cell->len, cell->spans, cell->n_spans, st,
	        measure > 1 ? measure : 1, 0, out);
	job->src_block = NULL;
	return s;
}

bool
lp_table_widths(const float *min, const float *max, uint32_t n, float avail, float *w)
{
	float smin = 0, smax = 0;
	for (uint32_t c = 0; c < n; c++) {
		smin += min[c];
		smax += max[c];
	}
	if (smax <= avail) {
		for (uint32_t c = 0; c < n; c++)
			w[c] = max[c] + (smax > 0 ? (avail - smax) * max[c] / smax : avail / n);
		return true;
	}
	if (smin <= avail) {
		/* A column whose max is within an even share of the measure
		 * keeps it whole ("Нови Сад" is not worth two lines to a long
		 * column that wraps anyway), when the others' minima fit. */
		float even = avail / (float)n, base = 0, lo = 0, spread = 0;
		for (uint32_t c = 0; c < n; c++)
			base += max[c] <= even ? max[c] : min[c];
		bool narrow = base <= avail;
		for (uint32_t c = 0; c < n; c++) {
			lo = narrow && max[c] <= even ? max[c] : min[c];
			spread += max[c] - lo;
		}
		if (!narrow)
			base = smin;
		for (uint32_t c = 0; c < n; c++) {
			lo = narrow && max[c] <= even ? max[c] : min[c];
			w[c] = lo + (spread > 0 ? (avail - base) * (max[c] - lo) / spread : 0);
		}
		return true;
	}
	/* Columns whose min is within an even share keep it; the others
	 * share what is left in proportion to theirs. */
	float fixed = 0, rest = 0;
	for (uint32_t c = 0; c < n; c++)
		*(min[c] <= avail / (float)n ? &fixed : &rest) += min[c];
	for (uint32_t c = 0; c < n; c++)
		w[c] = min[c] <= avail / (float)n ? min[c] : (avail - fixed) * min[c] / rest;
	return false;
}

static const lp_style *
named_style(lp_job *job, const char *name)
{
	const lp_style *st = lp_layout_style(job->layout, name);
	return st ? st : lp_layout_style(job->layout, job->layout->style_body);
}

static lp_status
add_rule(lp_job *job, float x, float len, float width, uint32_t color, float before, float after,
        lp_flow_block fb)
{
	fb.kind = LP_FLOW_BOX;
	fb.height_pt = width;
	fb.space_before_pt = before;
	fb.space_after_pt = after;
	lp_flow_content fc = {
	        .rule_width_pt = width, .rule_x_pt = x, .rule_len_pt = len, .color = color};
	return lp_job_add_flow(job, &fb, &fc);
}

/* The rules' colour: the layout's first separator's, else the text's. */
static uint32_t
rule_color(const lp_job *job, const lp_style *st)
{
	const lp_page_template *tpl = &job->layout->first;
	for (uint32_t i = 0; i < tpl->n_blocks; i++)
		if (tpl->blocks[i].kind == LP_LB_SEPARATOR)
			return tpl->blocks[i].color;
	return st->color;
}

/* Each cell's box in its column; a cell wider than its box is set again
 * in it, its first setting's lines and glyphs no longer counted. */
static lp_status
set_columns(lp_job *job, const lp_table *t, lp_set_cell *cells, const float *w, float gap,
        float indent_pt, const uint32_t *lines, const uint64_t *glyphs, const lp_style *head_st,
        const lp_style *cell_st)
{
	uint32_t nc = t->n_cols;
	float x = indent_pt;
	for (uint32_t c = 0; c < nc; c++) {
		float pl = c > 0 ? gap / 2 : 0, pr = c + 1 < nc ? gap / 2 : 0;
		if (pl + pr > w[c] / 2)
			pl = pr = w[c] / (c > 0 && c + 1 < nc ? 8 : 4);
		for (uint32_t r = 0; r < t->n_rows; r++) {
			lp_set_cell *cell = &cells[r * nc + c];
			cell->x_pt = x + (c > 0 ? pl : 0);
			cell->w_pt = w[c] - (c > 0 ? pl : 0) - (c + 1 < nc ? pr : 0);
			if (!cell->par || widest_line(cell->par) <= cell->w_pt + 0.01f)
				continue;
			job->n_lines_set -= lines[r * nc + c];
			job->n_glyphs_set -= glyphs[r * nc + c];
			const lp_style *st = r < t->n_head ? head_st : cell_st;
			lp_status s =
			        set_cell(job, &t->cells[r * nc + c], st, cell->w_pt, &cell->par);
			if (s != LP_OK)
				return s;
		}
		x += w[c];
	}
	/* Readers get a word hyphenated at a line end whole on its first
	 * line, its second half squeezed past the hyphen (compose_hyphen.c):
	 * into the gap, but short of the next column's text, or a reader
	 * joins the two (the last column's runs into the margin, as the
	 * body's). */
	float apart = LP_TABLE_READ_APART_EM * cell_st->size_pt;
	for (uint32_t i = 0; i < t->n_rows * nc; i++)
		if (i % nc + 1 < nc)
			cells[i].read_end_pt = cells[i + 1].x_pt - apart;
	return LP_OK;
}

lp_status
lp_job_add_table(lp_job *job, const lp_block *blk, float indent_pt)
{
	const lp_table *t = blk->table;
	if (!t || t->n_rows == 0 || t->n_cols == 0)
		return LP_OK;
	lp_dl_source at = job->at;
	const lp_style *body = named_style(job, "table");
	lp_style cell_st = *body, head_st = *named_style(job, "table-header");
	cell_st.align = LP_ALIGN_LEFT;
	if (!lp_layout_style(job->layout, "table-header"))
		head_st = cell_st, head_st.weight = cell_st.weight >= 600 ? 900 : 700;
	head_st.align = LP_ALIGN_LEFT;
	head_st.hyphenate = false; /* a heading is a label: kept whole */
	float width = job->measure_pt - indent_pt, gap = LP_TABLE_GAP_EM * cell_st.size_pt;
	uint32_t nc = t->n_cols, n = t->n_rows * nc;
	lp_set_cell *cells = lp_arena_array(job->arena, n, sizeof *cells);
	float *min = lp_arena_array(job->arena, 3 * (size_t)nc, sizeof *min);
	uint32_t *lines = lp_arena_array(job->arena, n, sizeof *lines);
	uint64_t *glyphs = lp_arena_array(job->arena, n, sizeof *glyphs);
	if (!cells || !min || !lines || !glyphs)
		return LP_ERR_NOMEM;
	float *max = min + nc, *w = max + nc;
	/* Each cell on one line: its min and max. */
	for (uint32_t i = 0; i < n; i++) {
		const lp_block *cell = &t->cells[i];
		uint32_t c = i % nc;
		float pads = (c > 0 ? gap / 2 : 0) + (c + 1 < nc ? gap / 2 : 0);
		min[c] = fmaxf(min[c], pads);
		max[c] = fmaxf(max[c], pads);
		cells[i].src.file = at.file;
		lp_source_line_col(
		        job->src, cell->src_offset, &cells[i].src.line, &cells[i].src.col);
		cells[i].align = t->align[c];
		lp_status s = lp_table_cell_pictures(job, cell, &cells[i]);
		if (s != LP_OK)
			return s;
		for (uint32_t k = 0; k < cells[i].n_pics; k++) {
			float pw = cells[i].pics[k].nat_w_pt;
			min[c] = fmaxf(min[c], fminf(pw, LP_TABLE_PICTURE_MIN_PT) + pads);
			max[c] = fmaxf(max[c], pw + pads);
		}
		if (cell->len == 0)
			continue;
		uint32_t lines0 = job->n_lines_set;
		uint64_t glyphs0 = job->n_glyphs_set;
		const lp_style *st = i / nc < t->n_head ? &head_st : &cell_st;
		s = set_cell(job, cell, st, LP_TABLE_NATURAL_PT, &cells[i].par);
		if (s != LP_OK)
			return s;
		lines[i] = job->n_lines_set - lines0;
		glyphs[i] = job->n_glyphs_set - glyphs0;
		min[c] = fmaxf(min[c], widest_word(cells[i].par) + pads);
		max[c] = fmaxf(max[c], widest_line(cells[i].par) + pads);
	}
	float need = 0;
	for (uint32_t c = 0; c < nc; c++)
		need += min[c];
	bool fit = lp_table_widths(min, max, nc, width, w);
	if (!fit)
		lp_diag_at(job->diag, LP_WARNING, LP_OK, job->src, blk->src_offset,
		        "this table's %u columns need %.0f pt for their longest words, and the "
		        "measure has %.0f pt: words in its cells are broken where they must be",
		        nc, (double)need, (double)width);
	/* Each cell's box; a cell wider than its box is set again in it. A
	 * table too wide, said once above, is set without the breaker's word
	 * for each word it breaks (what else its text has to say was said when
	 * it was first set); an error is said with all the rest. */
	lp_diag *diag = job->diag, *quiet = NULL;
	if (!fit && !(quiet = job->diag = lp_diag_new(NULL, NULL))) {
		job->diag = diag;
		return LP_ERR_NOMEM;
	}
	lp_status s =
	        set_columns(job, t, cells, w, gap, indent_pt, lines, glyphs, &head_st, &cell_st);
	job->diag = diag;
	if (quiet && lp_diag_errors(quiet))
		lp_diag_replay(diag, quiet);
	lp_diag_drop(quiet);
	if (s != LP_OK)
		return s;
	job->at = at;
	/* The flow: rules and rows. */
	struct lp_set_table *tab = lp_arena_alloc(job->arena, sizeof *tab);
	if (!tab)
		return LP_ERR_NOMEM;
	tab->node = 0;
	uint32_t color = rule_color(job, &cell_st), first = job->n_flow;
	float space = fmaxf(body->space_after_pt, body->size_pt / 2);
	lp_flow_block keep = {.keep_with_next = true};
	s = add_rule(job, indent_pt, width, LP_TABLE_OUTER_RULE_PT, color,
	        fmaxf(body->space_before_pt, space / 2), 0, keep);
	uint32_t n_repeat = 0;
	for (uint32_t r = 0; r < t->n_rows && s == LP_OK; r++) {
		bool head = r < t->n_head;
		if (r == t->n_head && r > 0) {
			s = add_rule(
			        job, indent_pt, width, LP_TABLE_MID_RULE_PT, color, 0, 0, keep);
			n_repeat = job->n_flow - first;
			if (s != LP_OK)
				break;
		}
		const lp_style *st = head ? &head_st : &cell_st;
		struct lp_set_row *row = lp_arena_alloc(job->arena, sizeof *row);
		uint32_t *nodes = lp_arena_array(job->arena, (size_t)nc + 1, sizeof *nodes);
		if (!row || !nodes)
			return LP_ERR_NOMEM;
		*row = (struct lp_set_row){tab, cells + (size_t)r * nc, nc, head,
		        LP_TABLE_ROW_PAD_EM * st->size_pt, 0, st->leading_pt, nodes};
		for (uint32_t c = 0; c < nc; c++) {
			lp_set_cell *cell = &row->cells[c];
			if (cell->par && cell->par->lines->n_lines)
				row->ascent_pt = fmaxf(row->ascent_pt, cell->par->ascent_pt);
			/* Its height is fitted once the frames are stacked. */
			lp_table_place_pictures(cell, row->leading_pt, row->pad_pt, INFINITY);
		}
		if (row->ascent_pt == 0)
			row->ascent_pt = st->size_pt * 0.8f;
		lp_flow_block fb = {.kind = LP_FLOW_BOX, .keep_with_next = head};
		if ((s = lp_table_row_shape(job, row, &fb)) != LP_OK)
			return s;
		if (!head && n_repeat) {
			fb.repeat_first = first;
			fb.n_repeat = n_repeat;
		}
		lp_flow_content fc = {
		        .row = row, .role = LP_ROLE_TABLE, .quote_depth = blk->quote_depth};
		fc.in_item = blk->level;
		s = lp_job_add_flow(job, &fb, &fc);
	}
	lp_flow_block last = {.keep_with_prev = true};
	if (s == LP_OK)
		s = add_rule(job, indent_pt, width, LP_TABLE_OUTER_RULE_PT, color, 0, space, last);
	return s;
}

void
lp_table_dump_row(const struct lp_set_row *row, FILE *out)
{
	for (uint32_t c = 0; c < row->n_cells; c++) {
		if (!row->cells[c].par)
			continue;
		lp_para_dump_lines(row->cells[c].par->lines, out);
		fputc('\n', out);
	}
}

uint32_t *
lp_table_node(const struct lp_set_row *row)
{
	return &row->table->node;
}
