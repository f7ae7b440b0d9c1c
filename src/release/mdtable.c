/* GFM tables → lp_table; see mdtable.h. */
#include "release/mdtable.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"

struct lp_mdtable {
	lp_block block; /* the table's own block */
	const lp_source *src;
	lp_diag *diag;
	uint32_t n_cols, n_head;
	lp_cell_align *align;
	lp_block *cells; /* row by row, n_cols a row */
	uint32_t n_cells, cap_cells;
	uint32_t row; /* rows begun */
	uint32_t col; /* the next cell's column in its row */
	/* The row's last cell with text: its column, and where its text
	 * starts (UINT64_MAX: none yet), to find cells past the columns. */
	uint32_t text_col;
	uint64_t text_at;
};

static lp_cell_align
cell_align(MD_ALIGN a)
{
	switch (a) {
	case MD_ALIGN_LEFT:
		return LP_CELL_LEFT;
	case MD_ALIGN_CENTER:
		return LP_CELL_CENTER;
	case MD_ALIGN_RIGHT:
		return LP_CELL_RIGHT;
	default:
		return LP_CELL_DEFAULT;
	}
}

void
lp_mdtable_free(lp_mdtable *t)
{
	if (!t)
		return;
	free(t->align);
	free(t->cells);
	free(t);
}

lp_status
lp_mdtable_begin(const void *detail, const lp_block *blk, const lp_source *src, lp_diag *diag,
        lp_mdtable **out)
{
	const MD_BLOCK_TABLE_DETAIL *d = detail;
	*out = NULL;
	if (d->col_count > LP_MAX_TABLE_COLUMNS)
		return lp_diag_at(diag, LP_ERROR, LP_ERR_LIMIT, src, blk->src_offset,
		        "this table has %u columns; the limit is %d", d->col_count,
		        LP_MAX_TABLE_COLUMNS);
	lp_mdtable *t = calloc(1, sizeof *t);
	uint32_t n = d->col_count ? d->col_count : 1;
	if (!t || !(t->align = calloc(n, sizeof *t->align))) {
		free(t);
		return LP_ERR_NOMEM;
	}
	t->block = *blk;
	t->block.kind = LP_BLOCK_TABLE;
	t->src = src;
	t->diag = diag;
	t->n_cols = n;
	t->n_head = d->head_row_count;
	t->text_at = UINT64_MAX;
	*out = t;
	return LP_OK;
}

/* GFM (and md4c) leave out the cells of a row past the header's columns;
 * their text is not left out without a word. From the row's last cell with
 * text, past the pipes that close it and the columns after it: text that
 * is not a pipe is a cell past the columns (a '|' meant as text in a cell,
 * most often). Once a row, at that text. */
static void
warn_cells_past_columns(lp_mdtable *t)
{
	if (t->text_at == UINT64_MAX)
		return;
	const char *data = lp_source_data(t->src);
	size_t size = lp_source_size(t->src), pos = (size_t)t->text_at;
	uint32_t pipes = t->n_cols - t->text_col;
	for (; pos < size && data[pos] != '\n' && data[pos] != '\r' && pipes > 0; pos++) {
		if (data[pos] == '\\' && pos + 1 < size && data[pos + 1] == '|')
			pos++;
		else if (data[pos] == '|')
			pipes--;
	}
	while (pos < size && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '|'))
		pos++;
	if (pipes == 0 && pos < size && data[pos] != '\n' && data[pos] != '\r')
		lp_diag_at(t->diag, LP_WARNING, LP_OK, t->src, pos,
		        "this row has more cells than the table's %u column%s: this one and any "
		        "after it are left out, as GitHub leaves them out (a | in a cell's text "
		        "is written \\|)",
		        t->n_cols, t->n_cols == 1 ? "" : "s");
	t->text_at = UINT64_MAX;
}

/* Fills the row before the current one up to n_cols cells. */
static lp_status
fill_row(lp_mdtable *t)
{
	while (t->row > 0 && t->n_cells < t->row * t->n_cols) {
		lp_block empty = {.kind = LP_BLOCK_PARAGRAPH,
		        .quote_depth = t->block.quote_depth,
		        .level = t->block.level,
		        .text = "",
		        .src_offset = t->n_cells ? t->cells[t->n_cells - 1].src_offset
		                                 : t->block.src_offset};
		t->col = t->n_cols; /* not a cell the parser gave: no alignment */
		lp_status st = lp_mdtable_add(t, &empty);
		if (st != LP_OK)
			return st;
	}
	return LP_OK;
}

void
lp_mdtable_row(lp_mdtable *t)
{
	/* md4c gives every row n_cols cells; filled anyway, so that no row
	 * can shift the next. An error is found again at the end. */
	warn_cells_past_columns(t);
	(void)fill_row(t);
	t->row++;
	t->col = 0;
}

void
lp_mdtable_cell(lp_mdtable *t, const void *detail)
{
	const MD_BLOCK_TD_DETAIL *d = detail;
	if (t->row == 1 && t->col < t->n_cols)
		t->align[t->col] = cell_align(d->align);
}

lp_status
lp_mdtable_add(lp_mdtable *t, const lp_block *cell)
{
	if (t->row == 0 || t->n_cells >= t->row * t->n_cols)
		return LP_OK; /* a cell past the header's columns: GFM drops it */
	if (t->n_cells >= LP_MAX_TABLE_CELLS)
		return lp_diag_at(t->diag, LP_ERROR, LP_ERR_LIMIT, t->src, cell->src_offset,
		        "this table has more than %u cells; each is set as a line at least, and a "
		        "document holds %u lines at most",
		        (unsigned)LP_MAX_TABLE_CELLS, (unsigned)LP_MAX_DOC_LINES);
	lp_status st =
	        LP_ARRAY_RESERVE(t->cells, t->cap_cells, (size_t)t->n_cells + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	bool shows = cell->len > 0 || cell->n_pictures > 0;
	if (t->n_cells == 0 && shows) {
		/* The table starts on its first cell's line: md4c tells no
		 * offset of its own, and the line before may be another
		 * table's delimiter row, which has no text to place it by. */
		const char *data = lp_source_data(t->src);
		uint64_t at = cell->src_offset;
		while (at > 0 && data[at - 1] != '\n' && data[at - 1] != '\r')
			at--;
		t->block.src_offset = at;
	}
	if (shows && t->col < t->n_cols) {
		t->text_col = t->col;
		t->text_at = cell->src_offset;
	}
	t->cells[t->n_cells++] = *cell;
	t->col++;
	return LP_OK;
}

lp_status
lp_mdtable_end(lp_mdtable *t, lp_arena *arena, lp_block *out)
{
	warn_cells_past_columns(t);
	lp_status st = fill_row(t);
	lp_table *tab = st == LP_OK ? lp_arena_alloc(arena, sizeof *tab) : NULL;
	if (st == LP_OK && !tab)
		st = LP_ERR_NOMEM;
	if (st == LP_OK) {
		*tab = (lp_table){.n_cols = t->n_cols,
		        .n_rows = t->row,
		        .n_head = t->n_head < t->row ? t->n_head : t->row};
		tab->align = lp_arena_memdup(arena, t->align, t->n_cols * sizeof *t->align);
		tab->cells = t->n_cells ? lp_arena_memdup(arena, t->cells,
		                                  (size_t)t->n_cells * sizeof *t->cells)
		                        : NULL;
		if (!tab->align || (t->n_cells && !tab->cells))
			st = LP_ERR_NOMEM;
	}
	if (st == LP_OK) {
		*out = t->block;
		out->text = "";
		out->len = 0;
		out->spans = NULL;
		out->n_spans = 0;
		out->table = tab;
	}
	lp_mdtable_free(t);
	return st;
}
