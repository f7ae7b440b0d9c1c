/*
 * What the G4 coder's files share (raster/ccitt*.c, and its test and
 * benchmark): the code words of ITU-T T.4 and T.6 as the standard prints
 * them (ccitt_tables.c), which ccitt.c turns into bit patterns once, and
 * the listers of a row's changes (ccitt_changes.c).
 */
#ifndef LP_RASTER_CCITT_INTERNAL_H
#define LP_RASTER_CCITT_INTERNAL_H

#include "letterpress.h"
#include "raster/ccitt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes the positions of a row's changing elements (width pixels, as
 * ccitt.h has them) into out, in order, and returns how many there are.
 * out has room for width of them; the lister may write anywhere in it. */
typedef uint32_t (*lp_ccitt_lister)(const uint8_t *row, uint32_t width, uint32_t *out);

/* The fastest lister this CPU runs, or the portable one. */
lp_ccitt_lister lp_ccitt_lister_for(bool portable);

/* lp_ccitt_g4_encode() with the rows listed by list. */
lp_status lp_ccitt_g4_encode_with(lp_ccitt_lister list, const uint8_t *rows, size_t stride,
        uint32_t width, uint32_t height, const uint8_t *inked, lp_ccitt_recall *recall,
        uint8_t **data, size_t *size);

/* ccitt_recall.c: a page coded before, as a recall keeps it: its rows,
 * packed ((width + 7) / 8 bytes each), its codes without the EOFB (and 8
 * zero bytes past them), and the bit offset in them after each row. */
typedef struct lp_ccitt_page {
	uint8_t *rows;
	uint32_t width, height;
	uint32_t first_ink; /* its first row that is not white (height: none) */
	uint8_t *inked; /* a byte a row, 0 only where the row is white */
	uint8_t *code;
	size_t code_cap; /* bytes code has room for */
	size_t *row_end;
} lp_ccitt_page;

/* What a new page takes from a kept one: rows [0, top), and rows
 * [bottom, height) (bottom > top, or height: none), are the kept page's
 * and code as they did there (row bottom - 1 is the kept page's too). */
typedef struct lp_ccitt_match {
	const lp_ccitt_page *page; /* NULL: nothing (then top 0, bottom height) */
	uint32_t top, bottom;
} lp_ccitt_match;

/* A page as the coder is given it (lp_ccitt_g4_encode). */
typedef struct lp_ccitt_rows {
	const uint8_t *rows;
	size_t stride;
	uint32_t width, height;
	const uint8_t *inked; /* may be NULL */
} lp_ccitt_rows;

/* The kept page of the same size that most of the new page's first rows
 * are, and its rows that the new one's last rows are. */
lp_ccitt_match lp_ccitt_recall_find(lp_ccitt_recall *recall, const lp_ccitt_rows *page);
/* Keeps a copy of a page just coded (code_bits of codes, without the EOFB;
 * the bit offset after each row), unless m took much of it from a page
 * already kept: then the letterhead is kept already. Running out of
 * memory only leaves it out. */
void lp_ccitt_recall_keep(lp_ccitt_recall *recall, const lp_ccitt_match *m,
        const lp_ccitt_rows *page, const uint8_t *code, size_t code_bits, const size_t *row_end);

/* Run lengths 0..63: terminating codes. */
extern const char *const lp_ccitt_white_term[64];
extern const char *const lp_ccitt_black_term[64];
/* Makeup codes for 64, 128, ... 1728. */
extern const char *const lp_ccitt_white_makeup[27];
extern const char *const lp_ccitt_black_makeup[27];
/* Makeup codes both colours share, for 1792, 1856, ... 2560. */
extern const char *const lp_ccitt_wide_makeup[13];
/* Vertical mode, a1 - b1 = -3 .. 3 (VL3 .. V0 .. VR3). */
extern const char *const lp_ccitt_vertical[7];
#define LP_CCITT_PASS "0001"
#define LP_CCITT_HORIZONTAL "001"
#define LP_CCITT_EOL "000000000001"

#endif
