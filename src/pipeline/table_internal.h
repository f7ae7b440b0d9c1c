/*
 * A release's table as table.c sets it (columns, cells, rows in the flow)
 * and tablerow.c shapes and draws it (a row's height, where it may be cut
 * across pages, the pictures in its cells). Shared by those two only.
 */
#ifndef LP_PIPELINE_TABLE_INTERNAL_H
#define LP_PIPELINE_TABLE_INTERNAL_H

#include "pipeline/pipeline.h"

/* A picture in a cell, drawn under the cell's text. */
typedef struct lp_cell_picture {
	const lp_image *image; /* or */
	const struct lp_svg *svg;
	const char *alt; /* the Figure's alternative text; NULL: decoration */
	float nat_w_pt, nat_h_pt; /* its natural size (picture.c) */
	float w_pt, h_pt; /* as drawn: scaled down to the cell and the page */
	float top_pt; /* from the top of the cell's text */
	lp_dl_source src; /* its path in the release */
} lp_cell_picture;

typedef struct lp_set_cell {
	const lp_set_par *par; /* NULL: no text */
	float x_pt, w_pt; /* its text's box within the frame */
	/* Where text read past a line's end must end, within the frame:
	 * short of the next column's text; 0 in the last column. */
	float read_end_pt;
	lp_cell_align align;
	lp_dl_source src;
	lp_cell_picture *pics;
	uint32_t n_pics;
} lp_set_cell;

struct lp_set_table {
	uint32_t node; /* its Table node once made (compose.c) */
};

struct lp_set_row {
	struct lp_set_table *table;
	lp_set_cell *cells;
	uint32_t n_cells;
	bool head;
	float pad_pt; /* from the row's top to its first line's top */
	float ascent_pt; /* from there to the first baseline */
	float leading_pt;
	/* Its TR ([0]) and each cell's TH or TD ([1 + c]) once made: a row
	 * cut across pages adds to the same nodes on the next. */
	uint32_t *nodes;
};

/* tablerow.c: reads the cell's pictures (figure.c's checks: a
 * description, else decoration) and their natural sizes. */
lp_status lp_table_cell_pictures(lp_job *job, const lp_block *blk, lp_set_cell *cell);
/* tablerow.c: the cell's pictures scaled down (never up) to its width
 * and to max_h, stacked under its text (set at leading), gap apart. */
void lp_table_place_pictures(lp_set_cell *cell, float leading, float gap, float max_h);
/* tablerow.c: the row's box in the flow: its height, and where a page
 * may cut it (between lines of its cells, never inside a picture), for
 * a row taller than a page (pages.h). */
lp_status lp_table_row_shape(lp_job *job, const struct lp_set_row *row, lp_flow_block *fb);

#endif
