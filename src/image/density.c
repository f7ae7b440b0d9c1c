/* Resolution from PNG and JPEG headers (density.h). */
#include "image/density.h"

#include <stdint.h>
#include <string.h>

/* A print resolution; what lies outside is a placeholder (pHYs of 1 pixel
 * a metre) and is ignored. */
#define LP_DENSITY_MIN_PPI 10.0f
#define LP_DENSITY_MAX_PPI 10000.0f

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static bool
accept(float x, float y, float *ppi_x, float *ppi_y)
{
	if (!(x >= LP_DENSITY_MIN_PPI && x <= LP_DENSITY_MAX_PPI && y >= LP_DENSITY_MIN_PPI &&
	            y <= LP_DENSITY_MAX_PPI))
		return false;
	*ppi_x = x;
	*ppi_y = y;
	return true;
}

/* PNG (ISO/IEC 15948 §11.3.5.3): pHYs comes before the first IDAT. */
static bool
png_density(const uint8_t *p, size_t size, float *ppi_x, float *ppi_y)
{
	size_t at = 8;
	while (size - at >= 12) {
		uint32_t len = be32(p + at);
		const uint8_t *type = p + at + 4;
		if (len > size - at - 12)
			return false;
		if (memcmp(type, "IDAT", 4) == 0 || memcmp(type, "IEND", 4) == 0)
			return false;
		if (memcmp(type, "pHYs", 4) == 0 && len == 9) {
			const uint8_t *d = p + at + 8;
			if (d[8] != 1) /* unit unknown: an aspect ratio only */
				return false;
			return accept((float)(be32(d) * 0.0254), (float)(be32(d + 4) * 0.0254),
			        ppi_x, ppi_y);
		}
		at += (size_t)len + 12;
	}
	return false;
}

/* JPEG: a JFIF APP0 segment (JFIF 1.02) right after SOI. */
static bool
jpeg_density(const uint8_t *p, size_t size, float *ppi_x, float *ppi_y)
{
	if (size < 2 + 4 + 14 || p[2] != 0xFF || p[3] != 0xE0)
		return false;
	const uint8_t *d = p + 6;
	if (be16(p + 4) < 16 || memcmp(d, "JFIF\0", 5) != 0)
		return false;
	float x = be16(d + 8), y = be16(d + 10);
	if (d[7] == 1)
		return accept(x, y, ppi_x, ppi_y);
	if (d[7] == 2)
		return accept(x * 2.54f, y * 2.54f, ppi_x, ppi_y);
	return false; /* 0: an aspect ratio only */
}

bool
lp_image_density(const void *data, size_t size, float *ppi_x, float *ppi_y)
{
	const uint8_t *p = data;
	if (size >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return png_density(p, size, ppi_x, ppi_y);
	if (size >= 4 && p[0] == 0xFF && p[1] == 0xD8)
		return jpeg_density(p, size, ppi_x, ppi_y);
	return false;
}
