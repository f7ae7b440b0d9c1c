/*
 * The fax profile: what of a document survives a fax, and a display list
 * that survives it better.
 *
 * A fax is 1 bit at 204 x 196 (or 98) dpi, and its sender prints a header
 * line across the top of every page. The preflight names, once each, the
 * things that will not come through: text under 8 pt, lines under 0.5 pt,
 * colours too light to become black, translucent items, images with detail
 * finer than the fax resolution, and anything in the top band the header
 * line is printed over. The TIFF writer runs it; a PDF meant for faxing can
 * run it and the profile too.
 *
 * The profile makes a new display list for a PDF that will be faxed: text,
 * rules and strokes darker than mid-grey become black, lines thinner than a
 * fax pixel are widened to one, and translucent fills (watermarks) become
 * their black outline. The TIFF writer needs no profiled list: its fax
 * rules (raster_paint.c) decide the same per pixel.
 */
#ifndef LP_RASTER_FAX_PROFILE_H
#define LP_RASTER_FAX_PROFILE_H

#include "letterpress.h"

#include "dlist/dlist.h"

/* Smallest text a fax keeps legible at fine resolution. */
#define LP_FAX_MIN_TEXT_PT 8.0f
/* Thinnest line a fax shows whole. */
#define LP_FAX_MIN_LINE_PT 0.5f
/* The top band a fax server prints its header line over (HylaFAX's
 * tagline is about 4 mm high). */
#define LP_FAX_HEADER_BAND_PT (6.0f * 72.0f / 25.4f)
/* Colours at most this light (luminance, 0 black .. 1 white, on white
 * paper) become black; lighter ones do not survive as text. */
#define LP_FAX_INK_LEVEL 0.5

/* A preflight names at most this many places (layout or release blocks)
 * for one kind of problem, then how many more cases there are: a layout
 * whose body style is too small would otherwise name every paragraph. */
#define LP_FAX_PREFLIGHT_PLACES 8

/* Reports each kind of problem once per place it comes from, as a warning
 * at the layout block or release block that made it (the item's source in
 * the display list; items without one are reported under name, the
 * release, or NULL), naming where it first shows (page, position, the
 * text) and whether there are more like it. Returns how many kinds were
 * reported. Never fails. */
size_t lp_fax_preflight(const lp_dlist *list, const char *name, lp_diag *diag);

/* A new display list with the fax profile applied (see above); *out is the
 * caller's to drop, and points at the same fonts and images as list.
 * Fails with LP_ERR_NOMEM. */
lp_status lp_fax_profile(const lp_dlist *list, lp_dlist **out);

#endif
