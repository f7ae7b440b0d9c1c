/*
 * CCITT Group 4 coding (ITU-T T.6) of a 1-bit page, for the fax TIFF.
 *
 * libtiff's coder finds every changing pixel by scanning bytes afresh for
 * each coding step, some 240 instructions a change: a page of text has
 * 100,000 changes, which made the coder most of a fax page's time. This
 * one lists a row's changes once, a machine word at a time (white words
 * cost one test), and codes from the two lists, the coding line's and the
 * reference line's. It makes the bits libtiff makes (the same modes in the
 * same order, runs split into makeup and terminating codes the same way,
 * an EOFB at the end, zero bits to the byte); tests/unit/test_ccitt.c
 * holds it to libtiff's output, code by code.
 *
 * Rows are 1 bit a pixel, the first pixel in the most significant bit of
 * the first byte, a set bit black (TIFF's min-is-white); bits past the
 * width are ignored. The coded bytes are in FillOrder 2 (LSB2MSB): the
 * first bit of the stream is each byte's least significant bit, as fax
 * modems send it and Class F asks.
 */
#ifndef LP_RASTER_CCITT_H
#define LP_RASTER_CCITT_H

#include "letterpress.h"

/* Pages coded before, whose codes a new page takes where its first and
 * last rows are theirs (ccitt_recall.c): the same bytes, in a fraction of
 * the time for a letterhead coded before. One document at a time. */
typedef struct lp_ccitt_recall lp_ccitt_recall;

/* The largest fax page kept between documents, in bytes of rows (and, by
 * a recall, again of codes): a fax page (A4, Letter or Legal at 204 x 196)
 * is under 0.6 MB, and pages as large as LP_MAX_RASTER_PAGE_PIXELS allows
 * (8 MB, more in codes) would hold a lot of memory for nothing. Both the
 * recall (ccitt_recall.c) and the engine's spare page memories
 * (glyph_cache.c) keep none larger. */
#define LP_FAX_KEPT_PAGE_MAX_BYTES ((size_t)1 << 20)

/* NULL when out of memory. */
lp_ccitt_recall *lp_ccitt_recall_new(void);
void lp_ccitt_recall_drop(lp_ccitt_recall *recall);

/* Codes height rows of width pixels, each stride bytes apart (stride at
 * least (width + 7) / 8), into *data (malloc'ed, the caller frees it),
 * *size bytes. inked, when not NULL, has a byte a row, 0 only where the
 * row is white: such rows are not read. With recall (may be NULL), takes
 * what it can from the pages it keeps and keeps this one for the next
 * (any but the first page the recall is given).
 * Fails with LP_ERR_NOMEM, or LP_ERR_USAGE for a width of 0 or past
 * 1 << 20 pixels. */
lp_status lp_ccitt_g4_encode(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
        const uint8_t *inked, lp_ccitt_recall *recall, uint8_t **data, size_t *size);

#endif
