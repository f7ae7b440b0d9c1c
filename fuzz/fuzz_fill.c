/* Fuzz target: the raster backend's path filler (src/raster/fill*.c)
 * alone, on shapes, transforms and clips taken from the input: a page of
 * fuzz_fax exercises a few shapes in a whole render, this a shape an input.
 * Every shape the filler is given comes from an untrusted file in the
 * end: a font's glyph, a layout's emblem (SVG), rules and strokes.
 *
 * The input: a header of 12 bytes, then segments.
 *   0      flags: bit 0 1-bit, bit 1 even-odd, bits 2-3 the clip (a page
 *          up to 512 pixels square; none, as the glyph cache asks, for a
 *          shape of up to 2^18 pixels or one far past the filler's cap on
 *          masks; or a small window), bits 4-5 what is added (a path, its
 *          stroke, a rule, straight edges)
 *   1, 2   scales: 0.05 + byte / 8 pixels a point (up to 32, past 1,200 dpi)
 *   3, 4   translation, a signed byte times 16 pixels
 *   5..8   the clip's bytes (a page's size, a window's corner and size)
 *   9      flatness: 0 the filler's own, else byte / 64 pixels
 *   10     the stroke's or rule's width, byte / 8 points
 *   11     a magnitude: coordinates are multiplied by 10^(byte % 8)
 * Each segment: an operator byte (move, line, cubic, close), then its
 * points, each coordinate a little-endian int16 / 16 points.
 *
 * The filler's promises (fill.h): only LP_OK, LP_ERR_NOMEM or
 * LP_ERR_LIMIT; a mask inside the clip; in 1-bit mode every coverage 0 or
 * 255 with its bits packed to match and nothing past the width; the words
 * of a narrow 1-bit mask its rows, made once. */
#include "fuzz.h"
#include "base/limits.h"
#include "raster/fill.h"

#include <math.h>
#include <string.h>

#define MAX_SEGS 4096
/* The most pixels a shape without a clip may span here. */
#define MAX_UNCLIPPED_PX (1u << 18)

typedef struct reader {
	const uint8_t *p;
	size_t left;
} reader;

static bool
take(reader *r, size_t n, const uint8_t **out)
{
	if (r->left < n)
		return false;
	*out = r->p;
	r->p += n, r->left -= n;
	return true;
}

static float
coord(const uint8_t *b, double magnitude)
{
	int16_t v = (int16_t)(b[0] | b[1] << 8);
	return (float)(v / 16.0 * magnitude);
}

/* The segments after the header; their number. */
static uint32_t
read_segs(reader *r, double magnitude, lp_path_seg *segs)
{
	uint32_t n = 0;
	const uint8_t *op;
	while (n < MAX_SEGS && take(r, 1, &op)) {
		lp_path_seg s = {(lp_path_op)(*op % 4), {0}};
		uint32_t pts = s.op == LP_PATH_CUBIC ? 3 : s.op == LP_PATH_CLOSE ? 0 : 1;
		const uint8_t *b;
		if (!take(r, 4 * pts, &b))
			break;
		for (uint32_t i = 0; i < 2 * pts; i++)
			s.pt[i] = coord(b + 2 * i, magnitude);
		segs[n++] = s;
	}
	return n;
}

/* Pixels of the box round the points (a curve's lie within its
 * controls'), widened by a stroke's or rule's width, under m; for the
 * straight edges (what = 3) the points are pixels already. */
static double
extent(const lp_path_seg *segs, uint32_t n, const lp_fill_xform *m, double width)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t pts = segs[i].op == LP_PATH_CUBIC   ? 3
		               : segs[i].op == LP_PATH_CLOSE ? 0
		                                             : 1;
		for (uint32_t j = 0; j < pts; j++) {
			x0 = fmin(x0, segs[i].pt[2 * j]), x1 = fmax(x1, segs[i].pt[2 * j]);
			y0 = fmin(y0, segs[i].pt[2 * j + 1]), y1 = fmax(y1, segs[i].pt[2 * j + 1]);
		}
	}
	if (!(x1 >= x0))
		return 0;
	double s = fmax(m->sx, m->sy);
	return (x1 - x0 + 2 * width) * s * (y1 - y0 + 2 * width) * s;
}

static void
check_mask(const lp_raster_mask *m, bool mono, int32_t cx0, int32_t cy0, int32_t cx1, int32_t cy1)
{
	if (m->w == 0 || m->h == 0) {
		FUZZ_CHECK(m->a == NULL && m->bits == NULL);
		return;
	}
	FUZZ_CHECK(m->a != NULL);
	FUZZ_CHECK(m->x0 >= cx0 && m->y0 >= cy0);
	FUZZ_CHECK((int64_t)m->x0 + m->w <= cx1 && (int64_t)m->y0 + m->h <= cy1);
	FUZZ_CHECK(mono == (m->bits != NULL));
	if (!mono)
		return;
	FUZZ_CHECK(m->stride == (m->w + 7) / 8);
	FUZZ_CHECK((m->words != NULL) == (m->stride <= 7));
	for (uint32_t y = 0; y < m->h; y++) {
		const uint8_t *row = m->bits + (size_t)y * m->stride;
		for (uint32_t x = 0; x < m->stride * 8; x++) {
			bool bit = row[x / 8] & (0x80 >> (x % 8));
			if (x >= m->w) {
				FUZZ_CHECK(!bit);
				continue;
			}
			uint8_t a = m->a[(size_t)y * m->w + x];
			FUZZ_CHECK(a == 0 || a == 255);
			FUZZ_CHECK(bit == (a == 255));
		}
		if (m->words) {
			uint64_t word = 0;
			for (uint32_t j = 0; j < m->stride; j++)
				word |= (uint64_t)row[j] << (56 - 8 * j);
			FUZZ_CHECK(m->words[y] == word);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader r = {data, size};
	const uint8_t *h;
	if (!take(&r, 12, &h))
		return 0;
	bool mono = h[0] & 1;
	lp_fill_rule rule = h[0] & 2 ? LP_FILL_EVEN_ODD : LP_FILL_NONZERO;
	unsigned clip = (h[0] >> 2) & 3, what = (h[0] >> 4) & 3;
	lp_fill_xform m = {0.05 + h[1] / 8.0, 0.05 + h[2] / 8.0, (int8_t)h[3] * 16.0,
	        (int8_t)h[4] * 16.0, h[9] / 64.0};
	int32_t cx0 = 0, cy0 = 0, cx1, cy1;
	if (clip == 1) { /* the glyph cache's: none */
		cx0 = cy0 = INT32_MIN / 2;
		cx1 = cy1 = INT32_MAX / 2;
	} else if (clip == 2) { /* a small window anywhere near the page */
		cx0 = (int8_t)h[5] * 8, cy0 = (int8_t)h[6] * 8;
		cx1 = cx0 + h[7], cy1 = cy0 + h[8];
	} else { /* a page, up to 512 by 512 pixels */
		cx1 = 1 + (h[5] | (h[6] & 0x01) << 8);
		cy1 = 1 + (h[7] | (h[8] & 0x01) << 8);
	}
	double width = h[10] / 8.0, magnitude = pow(10, h[11] % 8);

	lp_path_seg *segs = malloc(MAX_SEGS * sizeof *segs);
	lp_fill *f = lp_fill_new();
	if (!segs || !f) {
		free(segs);
		lp_fill_drop(f);
		return 0;
	}
	uint32_t n = read_segs(&r, magnitude, segs);
	double px = clip == 1 ? extent(segs, n, &m, what == 0 || what == 3 ? 0 : width) : 0;
	if (px > MAX_UNCLIPPED_PX && px < 4.0 * LP_MAX_RASTER_PAGE_PIXELS) {
		/* Such a mask takes seconds under the sanitizers and finds
		 * nothing new; one far past the filler's cap on masks is
		 * still tried, as it must be refused before anything is
		 * allocated. */
		free(segs);
		lp_fill_drop(f);
		return 0;
	}
	switch (what) {
	case 0:
		lp_fill_path(f, segs, n, &m);
		break;
	case 1:
		lp_fill_stroke(f, segs, n, &m, width);
		break;
	case 2: /* a rule along each segment's end point from the one before */
		for (uint32_t i = 1; i < n; i++)
			lp_fill_rule_rect(f, segs[i - 1].pt[0], segs[i - 1].pt[1], segs[i].pt[0],
			        segs[i].pt[1], width, &m);
		break;
	default: /* edges straight in device pixels, as the filler is given them */
		for (uint32_t i = 1; i < n; i++)
			lp_fill_line(f, segs[i - 1].pt[0], segs[i - 1].pt[1], segs[i].pt[0],
			        segs[i].pt[1]);
		break;
	}
	lp_raster_mask mask;
	lp_status st = lp_fill_mask(f, rule, mono, cx0, cy0, cx1, cy1, &mask);
	FUZZ_CHECK(st == LP_OK || st == LP_ERR_NOMEM || st == LP_ERR_LIMIT);
	if (st == LP_OK) {
		check_mask(&mask, mono, cx0, cy0, cx1, cy1);
		/* Asked again, the words are the same ones (no second copy). */
		const uint64_t *words = mask.words;
		FUZZ_CHECK(lp_raster_mask_words(&mask) == LP_OK && mask.words == words);
	} else {
		FUZZ_CHECK(mask.a == NULL && mask.bits == NULL);
	}
	lp_raster_mask_free(&mask);
	lp_fill_drop(f);
	free(segs);
	return 0;
}
