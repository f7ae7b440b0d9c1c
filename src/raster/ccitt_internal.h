/*
 * What the G4 coder's files share (raster/ccitt*.c only): the code words
 * of ITU-T T.4 and T.6 as the standard prints them (ccitt_tables.c), which
 * ccitt.c turns into bit patterns once.
 */
#ifndef LP_RASTER_CCITT_INTERNAL_H
#define LP_RASTER_CCITT_INTERNAL_H

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
