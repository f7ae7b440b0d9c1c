/*
 * GFM tables as md4c reports them (MD_FLAG_TABLES) gathered into an
 * lp_table: markdown.c sets each cell's text like any leaf block's and
 * hands it here; the rows are kept as rows, the header's marked, each
 * column's alignment from the delimiter row.
 */
#ifndef LP_RELEASE_MDTABLE_H
#define LP_RELEASE_MDTABLE_H

#include "release/release.h"

typedef struct lp_mdtable lp_mdtable;

/* A table begins: detail is md4c's MD_BLOCK_TABLE_DETAIL; blk holds the
 * table block's nesting and offset (text, spans and table are filled at
 * the end). More than LP_MAX_TABLE_COLUMNS columns is LP_ERR_LIMIT at the
 * table. *out is malloc'd; free it with lp_mdtable_free() on failure. */
lp_status lp_mdtable_begin(const void *detail, const lp_block *blk, const lp_source *src,
        lp_diag *diag, lp_mdtable **out);
/* A row begins. */
void lp_mdtable_row(lp_mdtable *t);
/* A cell begins: detail is md4c's MD_BLOCK_TD_DETAIL (a header cell's
 * alignment is its column's). */
void lp_mdtable_cell(lp_mdtable *t, const void *detail);
/* The cell's text, set (copied: its strings are the arena's already).
 * More than LP_MAX_TABLE_CELLS cells is LP_ERR_LIMIT at the cell. */
lp_status lp_mdtable_add(lp_mdtable *t, const lp_block *cell);
/* The table ends: its rows, short ones filled with empty cells, copied
 * into arena; *out is the table's block. The builder is freed. */
lp_status lp_mdtable_end(lp_mdtable *t, lp_arena *arena, lp_block *out);
void lp_mdtable_free(lp_mdtable *t);

#endif
