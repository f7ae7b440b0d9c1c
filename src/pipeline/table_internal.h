/*
 * A release's table as table.c sets it (columns, cells, rows in the flow)
 * and tablerow.c shapes and draws it (a row's height, where it may be cut
 * across pages). Shared by those two only.
 */
#ifndef LP_PIPELINE_TABLE_INTERNAL_H
#define LP_PIPELINE_TABLE_INTERNAL_H

#include "pipeline/pipeline.h"

typedef struct lp_set_cell {
	const lp_set_par *par; /* NULL: no text */
	float x_pt, w_pt; /* its text's box within the frame */
	lp_cell_align align;
	lp_dl_source src;
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

/* tablerow.c: the row's box in the flow: its height, and where a page
 * may cut it (between lines of its cells), for a row taller than a page
 * (pages.h). */
lp_status lp_table_row_shape(lp_job *job, const struct lp_set_row *row, lp_flow_block *fb);

#endif
