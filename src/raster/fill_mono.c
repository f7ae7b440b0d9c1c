/*
 * The filler's 1-bit decisions, from a mask's coverage; see fill.h (the
 * rule) and fill_internal.h.
 */
#include "raster/fill_internal.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 1-bit mode: a pixel at least half covered is black; a weaker one only
 * when it is the strongest across a stem, and at least this much covered,
 * so that the faint edge of a curve does not grow a pixel. */
#define LP_FILL_STEM_MIN (0.18f * 255.0f)
/* The least level at LP_FILL_STEM_MIN or over (0.18 x 255 = 45.9). */
#define LP_FILL_STEM_LEVEL 46

/* 1-bit decision for one pixel of the coverage mask c (see fill.h) whose
 * coverage v is under half and at least LP_FILL_STEM_MIN: the strongest
 * across a stem or not. */
static uint8_t
stem_at(const uint8_t *c, uint32_t w, uint32_t h, uint32_t x, uint32_t y, uint8_t v)
{
	uint8_t l = x > 0 ? c[(size_t)y * w + x - 1] : 0,
	        r = x + 1 < w ? c[(size_t)y * w + x + 1] : 0;
	uint8_t u = y > 0 ? c[(size_t)(y - 1) * w + x] : 0,
	        d = y + 1 < h ? c[(size_t)(y + 1) * w + x] : 0;
	/* Strictly above the neighbour before, at least the one after: of
	 * two equal pixels across a stem, exactly one is kept. But not under
	 * or over the end of a shape, a black pixel on one side and nothing on
	 * the other: the faint row under a dot is a local maximum across too,
	 * and kept it grows a spur (a colon read as a semicolon on a fax).
	 * Across the columns every such pixel stays: at 98 dpi down, the tip
	 * of a horizontal stroke (the flag of a б) is such a pixel. */
	bool along_v = !((u >= 128 && d < LP_FILL_STEM_MIN) || (d >= 128 && u < LP_FILL_STEM_MIN));
	bool along_h = true;
	bool across_row = v > l && v >= r && along_v;
	bool across_col = v > u && v >= d && along_h;
	return across_row || across_col ? 255 : 0;
}

/* A byte's bits in the opposite order: a pixel's bit in a vector's mask
 * (the first pixel in bit 0) to its bit in a packed row (the first in bit
 * 7). */
#define LP_REV2(n) n, n + 2 * 64, n + 1 * 64, n + 3 * 64
#define LP_REV4(n) LP_REV2(n), LP_REV2(n + 2 * 16), LP_REV2(n + 1 * 16), LP_REV2(n + 3 * 16)
#define LP_REV6(n) LP_REV4(n), LP_REV4(n + 2 * 4), LP_REV4(n + 1 * 4), LP_REV4(n + 3 * 4)
static const uint8_t bit_reversed[256] = {LP_REV6(0), LP_REV6(2), LP_REV6(1), LP_REV6(3)};

/* The 1-bit decisions of coverage mask c into on (0 or 255 a pixel) and
 * packed (a bit a pixel, cleared by the caller). A pixel at least half
 * covered is black and one under LP_FILL_STEM_MIN white whatever its
 * neighbours, so eight pixels all of one of those kinds (most of a glyph's
 * box: empty, or inside a stem) are decided together; only the pixels
 * between look at their neighbours. */
void
lp_fill_mono_mask(const uint8_t *c, uint32_t w, uint32_t h, uint8_t *on, uint8_t *packed,
        uint32_t packed_stride)
{
	const uint64_t high = 0x8080808080808080u;
	for (uint32_t y = 0; y < h; y++) {
		const uint8_t *row = c + (size_t)y * w;
		uint8_t *dst = on + (size_t)y * w;
		uint8_t *bits = packed + (size_t)y * packed_stride;
		uint32_t x = 0;
#if defined(__SSE2__)
		/* Sixteen pixels at once: the black ones are the bytes' top
		 * bits, and only those between LP_FILL_STEM_MIN and half look at
		 * their neighbours. */
		const __m128i stem_min = _mm_set1_epi8((char)LP_FILL_STEM_LEVEL);
		for (; x + 16 <= w; x += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(row + x));
			__m128i black = _mm_cmplt_epi8(v, _mm_setzero_si128());
			unsigned set = (unsigned)_mm_movemask_epi8(v);
			unsigned between = (unsigned)_mm_movemask_epi8(
			                           _mm_cmpeq_epi8(_mm_max_epu8(v, stem_min), v)) &
			                   ~set;
			_mm_storeu_si128((__m128i *)(dst + x), black);
			for (; between; between &= between - 1) {
				uint32_t i = (uint32_t)__builtin_ctz(between);
				if (stem_at(c, w, h, x + i, y, row[x + i])) {
					dst[x + i] = 255;
					set |= 1u << i;
				}
			}
			bits[x / 8] = bit_reversed[set & 0xff];
			bits[x / 8 + 1] = bit_reversed[set >> 8];
		}
#endif
		for (; x + 8 <= w; x += 8) {
			uint64_t q;
			memcpy(&q, row + x, 8);
			if (q == 0) {
				memset(dst + x, 0, 8);
				continue;
			}
			if ((q & high) == high) {
				memset(dst + x, 255, 8);
				bits[x / 8] = 0xff;
				continue;
			}
			uint8_t byte = 0;
			for (uint32_t i = 0; i < 8; i++) {
				uint8_t v = row[x + i];
				uint8_t o = v >= 128               ? 255
				            : v < LP_FILL_STEM_MIN ? 0
				                                   : stem_at(c, w, h, x + i, y, v);
				dst[x + i] = o;
				byte |= (uint8_t)(o & (0x80 >> i));
			}
			bits[x / 8] = byte;
		}
		for (; x < w; x++) {
			uint8_t v = row[x];
			uint8_t o = v >= 128               ? 255
			            : v < LP_FILL_STEM_MIN ? 0
			                                   : stem_at(c, w, h, x, y, v);
			dst[x] = o;
			bits[x / 8] |= (uint8_t)(o & (0x80 >> (x % 8)));
		}
	}
}
