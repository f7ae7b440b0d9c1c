/*
 * Glyph outlines as path segments, for text that is drawn as a picture
 * rather than set as text: a watermark is decoration, and as text it would
 * break into the document's words when a reader extracts them.
 */
#ifndef LP_FONT_OUTLINE_H
#define LP_FONT_OUTLINE_H

#include "base/arena.h"
#include "dlist/dlist.h"

/* A rotation of the outline by deg counter-clockwise (as seen on the page)
 * about (px, py); deg 0 for none. */
typedef struct lp_outline_turn {
	float deg;
	float px, py;
} lp_outline_turn;

/* Appends glyph gid's outline, at size_pt with its pen at (x, y) (page
 * points, y down), turned by turn (may be NULL), to the segment array
 * *segs of *n (grown in arena; quadratic curves become cubic ones). Fails
 * only with LP_ERR_NOMEM. Thread-safe. */
lp_status lp_font_glyph_outline(const lp_font *font, uint32_t gid, float size_pt, float x, float y,
        const lp_outline_turn *turn, lp_arena *arena, lp_path_seg **segs, uint32_t *n,
        uint32_t *cap);

#endif
