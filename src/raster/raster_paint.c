/*
 * Compositing a coverage mask onto the page, and the fax rules.
 *
 * Grey and RGB pages: the colour is laid over the page by coverage times
 * opacity ("source over"), in the sample values themselves (no gamma), as
 * poppler and Ghostscript do, so previews look like the PDF in a viewer.
 *
 * Fax pages hold only black and white, and a fax machine's 8 dots a
 * millimetre leave no room for grey: Ghostscript's halftone turns 8 pt
 * #333333 text and 0.6 pt grey rules into dots that no reader (human or
 * OCR) can join up. So an item is judged by its colour as it would look on
 * white paper (with its opacity):
 *  - text and rules darker than LP_FAX_INK_LEVEL (mid-grey: #333333
 *    footers and #555555 rules are black) are solid black; lighter ones are
 *    dithered (the preflight warns of them);
 *  - filled shapes large enough to hold a pattern are dithered with an
 *    8x8 ordered (Bayer) matrix anchored to the page, and their edge pixels
 *    are solid when the colour is dark, so edges stay crisp; small ones are
 *    black or white by the same level as text;
 *  - translucent fills (a watermark over the text) are drawn as their
 *    outline only, one pixel wide, so the text under them stays readable.
 */
#include "raster/raster_internal.h"

#include "raster/fax_profile.h"

#include <string.h>
/* A filled shape narrower or lower than this many pixels is too small to
 * carry a dither pattern: it is black or white as text is. */
#define LP_FAX_DITHER_MIN_PX 8

static const uint8_t bayer8[8][8] = {
        {0, 32, 8, 40, 2, 34, 10, 42},
        {48, 16, 56, 24, 50, 18, 58, 26},
        {12, 44, 4, 36, 14, 46, 6, 38},
        {60, 28, 52, 20, 62, 30, 54, 22},
        {3, 35, 11, 43, 1, 33, 9, 41},
        {51, 19, 59, 27, 49, 17, 57, 25},
        {15, 47, 7, 39, 13, 45, 5, 37},
        {63, 31, 55, 23, 61, 29, 53, 21},
};

double
lp_raster_luma(lp_rgb c)
{
	double r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
	return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
}

uint8_t
lp_raster_dither(double level, uint32_t x, uint32_t y)
{
	return level * 64 < bayer8[y & 7][x & 7] + 0.5 ? 0 : 255;
}

static bool
mask_on(const lp_raster_mask *m, int64_t mx, int64_t my)
{
	return mx >= 0 && my >= 0 && mx < m->w && my < m->h && m->a[(size_t)my * m->w + (size_t)mx];
}

/* On, with a neighbour across or down that is off. */
static bool
mask_edge(const lp_raster_mask *m, int64_t mx, int64_t my)
{
	return !mask_on(m, mx - 1, my) || !mask_on(m, mx + 1, my) || !mask_on(m, mx, my - 1) ||
	       !mask_on(m, mx, my + 1);
}

/* A fax page is painted a byte of a mask row at a time where it can be,
 * the same pixels the per-pixel rules below give: painted on the page,
 * one 1-bit mask row m makes the pixels under its bits black where the
 * row x or the byte ink has their bit, white elsewhere. The dither's
 * pattern is 8 pixels wide, so on one page row it is one byte. */
static void
blit_row(uint8_t *dst, int64_t px, const uint8_t *m, const uint8_t *x, uint32_t n, uint8_t ink)
{
	unsigned s = (unsigned)(px & 7);
	dst += px >> 3;
	for (uint32_t j = 0; j < n; j++) {
		if (!m[j])
			continue;
		uint8_t black = x ? x[j] : 0;
		uint8_t hi = (uint8_t)(m[j] >> s), bhi = (uint8_t)((black >> s) | ink);
		dst[j] = (uint8_t)((dst[j] & ~hi) | (hi & bhi));
		/* Only bits of the mask's own pixels reach the next byte, which
		 * is then inside the page. */
		uint8_t lo = s ? (uint8_t)(m[j] << (8 - s)) : 0;
		if (lo) {
			uint8_t blo = (uint8_t)((uint8_t)(black << (8 - s)) | ink);
			dst[j + 1] = (uint8_t)((dst[j + 1] & ~lo) | (lo & blo));
		}
	}
}

/* The edge pixels of row my of a 1-bit mask (mask_edge, a byte at a
 * time): on, with a neighbour across or down that is off. */
static void
edge_row(const lp_raster_mask *m, uint32_t my, uint8_t *out)
{
	const uint8_t *r = m->bits + (size_t)my * m->stride;
	const uint8_t *up = my > 0 ? r - m->stride : NULL;
	const uint8_t *down = my + 1 < m->h ? r + m->stride : NULL;
	for (uint32_t j = 0; j < m->stride; j++) {
		uint8_t left = (uint8_t)(r[j] >> 1 | (j > 0 ? r[j - 1] << 7 : 0));
		uint8_t right = (uint8_t)(r[j] << 1 | (j + 1 < m->stride ? r[j + 1] >> 7 : 0));
		uint8_t inner = (uint8_t)(left & right & (up ? up[j] : 0) & (down ? down[j] : 0));
		out[j] = (uint8_t)(r[j] & ~inner);
	}
}

/* The page's bytes of a word whose first pixel is bit 63. */
static inline uint64_t
page_order(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap64(v);
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return v;
#else
	uint8_t b[8];
	for (int j = 0; j < 8; j++)
		b[j] = (uint8_t)(v >> (56 - 8 * j));
	memcpy(&v, b, 8);
	return v;
#endif
}

/* Black under every bit of a mask (dark text and rules, the common case)
 * that has its rows as words (lp_raster_mask_words): each row, shifted to
 * its place, is one 64-bit OR into 8 bytes of the page row, which lie
 * inside it (page rows are whole words). False when the mask has no words
 * or is too near the page's right edge. */
static bool
blit_black_words(lp_raster_dev *d, const lp_raster_mask *m, int64_t ox, int64_t oy)
{
	size_t first = (size_t)(ox >> 3);
	unsigned s = (unsigned)(ox & 7);
	if (!m->words || first + 8 > d->stride)
		return false;
	uint8_t *dst = d->px + (size_t)oy * d->stride + first;
	for (uint32_t my = 0; my < m->h; my++, dst += d->stride) {
		uint64_t cur;
		memcpy(&cur, dst, 8);
		cur |= page_order(m->words[my] >> s);
		memcpy(dst, &cur, 8);
	}
	return true;
}

/* Widest 1-bit mask row painted a byte at a time: a fax line is 216
 * bytes; wider masks (a preview-size fax page) go pixel by pixel. */
#define LP_FAX_BLIT_MAX_BYTES 512

/* Whether 1-bit mask m at (ox, oy) can be painted a byte of its rows at a
 * time: it has bits, rows of at most LP_FAX_BLIT_MAX_BYTES, and lies
 * wholly inside the page. */
static bool
fax_bits_fit(const lp_raster_dev *d, const lp_raster_mask *m, int64_t ox, int64_t oy)
{
	return m->bits && m->stride <= LP_FAX_BLIT_MAX_BYTES && ox >= 0 && oy >= 0 &&
	       ox + m->w <= d->w && oy + m->h <= d->h;
}

bool
lp_raster_paint_fax_glyph(lp_raster_dev *d, const lp_raster_mask *m, int32_t dx, int32_t dy)
{
	int64_t ox = (int64_t)m->x0 + dx, oy = (int64_t)m->y0 + dy;
	/* The path lp_raster_paint takes for dark text, without its colour
	 * rules: a mask with coverage (none is painted nothing), that fits,
	 * painted as words where it has them. */
	if (!m->a || !fax_bits_fit(d, m, ox, oy) || !blit_black_words(d, m, ox, oy))
		return false;
	/* A glyph's few rows marked eight at a time, not by a memset call. */
	uint8_t *in = d->inked + oy;
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint32_t y = 0;
	for (; y + 8 <= m->h; y += 8)
		memcpy(in + y, &ones, 8);
	for (; y < m->h; y++)
		in[y] = 1;
	return true;
}

/* The fax rules with a 1-bit mask wholly inside the page; false when the
 * mask cannot be painted so. */
static bool
paint_fax_bits(lp_raster_dev *d, const lp_raster_mask *m, int64_t ox, int64_t oy, double level,
        bool dark, bool outline, bool pattern, lp_paint_kind kind)
{
	if (!fax_bits_fit(d, m, ox, oy))
		return false;
	if (dark && !pattern && !outline && blit_black_words(d, m, ox, oy))
		return true;
	/* Black everywhere under the mask (dark text and lines, outlines,
	 * dark small fills), nowhere (light small fills), or the dither. */
	uint8_t ink[8], edges[LP_FAX_BLIT_MAX_BYTES];
	bool dithered = pattern || (kind != LP_PAINT_FILL && !dark);
	memset(ink, outline || dark ? 0xff : 0, sizeof ink);
	for (uint32_t y = 0; dithered && !outline && y < 8; y++) {
		ink[y] = 0;
		for (uint32_t x = 0; x < 8; x++)
			if (!lp_raster_dither(level, x, y))
				ink[y] |= (uint8_t)(0x80 >> x);
	}
	for (uint32_t my = 0; my < m->h; my++) {
		size_t y = (size_t)oy + my;
		const uint8_t *row = m->bits + (size_t)my * m->stride;
		uint8_t *dst = d->px + y * d->stride;
		if (outline) { /* only the edge is painted; the page shows through */
			edge_row(m, my, edges);
			blit_row(dst, ox, edges, NULL, m->stride, ink[y & 7]);
		} else if (pattern && dark) { /* a solid edge round the pattern */
			edge_row(m, my, edges);
			blit_row(dst, ox, row, edges, m->stride, ink[y & 7]);
		} else {
			blit_row(dst, ox, row, NULL, m->stride, ink[y & 7]);
		}
	}
	return true;
}

static void
paint_fax(lp_raster_dev *d, const lp_raster_mask *m, int64_t ox, int64_t oy, lp_rgb c,
        float opacity, lp_paint_kind kind, int64_t x0, int64_t y0, int64_t x1, int64_t y1)
{
	double level = 1 - opacity * (1 - lp_raster_luma(c));
	bool dark = level <= LP_FAX_INK_LEVEL;
	bool outline = kind == LP_PAINT_FILL && opacity < 1;
	bool pattern = kind == LP_PAINT_FILL && m->w >= LP_FAX_DITHER_MIN_PX &&
	               m->h >= LP_FAX_DITHER_MIN_PX;
	if (paint_fax_bits(d, m, ox, oy, level, dark, outline, pattern, kind))
		return;
	for (int64_t y = y0; y < y1; y++) {
		for (int64_t x = x0; x < x1; x++) {
			int64_t mx = x - ox, my = y - oy;
			if (!m->a[(size_t)my * m->w + (size_t)mx])
				continue;
			bool black;
			if (outline) {
				if (!mask_edge(m, mx, my))
					continue; /* the page shows through */
				black = true;
			} else if (pattern) {
				black = (dark && mask_edge(m, mx, my)) ||
				        !lp_raster_dither(level, (uint32_t)x, (uint32_t)y);
			} else if (kind != LP_PAINT_FILL) { /* text and lines */
				black = dark || !lp_raster_dither(level, (uint32_t)x, (uint32_t)y);
			} else {
				black = dark;
			}
			lp_raster_fax_put(d, (uint32_t)x, (uint32_t)y, black);
		}
	}
}

void
lp_raster_paint(lp_raster_dev *d, const lp_raster_mask *m, int32_t dx, int32_t dy, lp_rgb c,
        float opacity, lp_paint_kind kind)
{
	if (!m->a || !(opacity > 0))
		return;
	int64_t ox = (int64_t)m->x0 + dx, oy = (int64_t)m->y0 + dy;
	int64_t x0 = ox < 0 ? 0 : ox, y0 = oy < 0 ? 0 : oy;
	int64_t x1 = ox + m->w > d->w ? d->w : ox + m->w, y1 = oy + m->h > d->h ? d->h : oy + m->h;
	if (x0 >= x1 || y0 >= y1)
		return;
	if (d->opt.mode == LP_RASTER_FAX) {
		memset(d->inked + y0, 1, (size_t)(y1 - y0));
		paint_fax(d, m, ox, oy, c, opacity, kind, x0, y0, x1, y1);
		return;
	}
	int op = (int)(opacity * 256 + 0.5);
	int rgb[3] = {(int)((c >> 16) & 0xff), (int)((c >> 8) & 0xff), (int)(c & 0xff)};
	int grey = (int)(lp_raster_luma(c) * 255 + 0.5);
	for (int64_t y = y0; y < y1; y++) {
		const uint8_t *src = m->a + (size_t)(y - oy) * m->w + (size_t)(x0 - ox);
		uint8_t *dst = d->px + ((size_t)y * d->w + (size_t)x0) * d->ch;
		for (int64_t x = x0; x < x1; x++, src++, dst += d->ch) {
			if (!*src)
				continue;
			/* alpha in 0..65280 (255 * 256): coverage times opacity */
			int a = *src * op;
			/* Both terms are non-negative, so the division rounds. */
			if (d->ch == 1) {
				*dst = (uint8_t)((*dst * (65280 - a) + grey * a + 32640) / 65280);
			} else {
				for (int k = 0; k < 3; k++)
					dst[k] = (uint8_t)((dst[k] * (65280 - a) + rgb[k] * a +
					                           32640) /
					                   65280);
			}
		}
	}
}
