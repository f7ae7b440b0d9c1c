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
/* The face as a PDF embedder subsets it: the same tables, less those a PDF
 * reader never uses (cmap: CIDs name glyphs directly; the OpenType layout
 * tables: shaping is done). Without them hb-subset neither maps every code
 * point of the font nor follows GSUB closures. Made on first use, shared,
 * thread-safe. Borrowed. */
hb_face_t *lp_font_hb_embed_face(const lp_font *font);

#endif
