/*
 * Units of a layout file, turned into points once, at load time: lengths
 * ("20mm", "11pt", "1.5cm", "0.5in", a bare number is points), em amounts
 * ("0.3em" or "0.3"), colours ("#1a1a1a", "#fff", "black") and page sizes
 * ("A4", "Letter"). Every parser takes the whole string: trailing junk,
 * NaN, infinities and lengths past LP_MAX_LAYOUT_LENGTH_PT are refused.
 * None of them allocates; none depends on the C locale.
 */
#ifndef LP_LAYOUT_UNITS_H
#define LP_LAYOUT_UNITS_H

#include <stdbool.h>
#include <stdint.h>

/* A plain decimal number ("12", "-0.5", "1e3" is refused). */
bool lp_units_number(const char *s, double *out);

/* A length in points; negative values parse (the caller decides). */
bool lp_units_length(const char *s, float *out_pt);

/* An amount in em: "0.3em" or a bare number. */
bool lp_units_em(const char *s, float *out_em);

/* "#rgb", "#rrggbb" or a CSS basic colour name, case-insensitive, into
 * 0xRRGGBB. */
bool lp_units_color(const char *s, uint32_t *out_rgb);

/* A named page size (A3, A4, A5, B5, Letter, Legal; case-insensitive), in
 * points, portrait. */
bool lp_units_page_size(const char *s, float *w_pt, float *h_pt);

#endif
