/*
 * The resolution a PNG or JPEG file says it was made for (PNG's pHYs
 * chunk, JPEG's JFIF header), so that a picture put in a document without
 * a size is set as large as it was meant to be printed.
 */
#ifndef LP_IMAGE_DENSITY_H
#define LP_IMAGE_DENSITY_H

#include <stdbool.h>
#include <stddef.h>

/* Pixels per inch across and down, from a PNG's pHYs chunk (unit: metre)
 * or a JPEG's JFIF APP0 segment (units: inch or centimetre). False, and
 * the outputs untouched, when the file gives none, gives only an aspect
 * ratio, or gives one outside 10..10000 ppi (not a print resolution).
 * Reads only the headers; never fails on any bytes. */
bool lp_image_density(const void *data, size_t size, float *ppi_x, float *ppi_y);

#endif
