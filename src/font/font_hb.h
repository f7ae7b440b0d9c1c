/*
 * HarfBuzz handles of a font, for the modules that talk to HarfBuzz
 * (text/ for shaping, pdf/ for subsetting). No other module includes this,
 * so no hb_* type crosses a stage boundary.
 */
#ifndef LP_FONT_FONT_HB_H
#define LP_FONT_FONT_HB_H

#include "font/fontdb.h"

#include <hb.h>

/* Immutable; safe to use from several threads. Borrowed. */
hb_face_t *lp_font_hb_face(const lp_font *font);
hb_font_t *lp_font_hb_font(const lp_font *font);

#endif
