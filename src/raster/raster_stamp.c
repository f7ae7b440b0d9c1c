/*
 * A fax fill's stamp (shape_cache.h): what lp_raster_paint writes on a
 * page for a kept mask in one colour, taken once from the painting itself
 * and then copied onto every page that shows the mask. A kept mask never
 * moves (it is cut to the page, at the page's own pixels), and the dither
 * is anchored to the page, so the same mask painted the same way writes
 * the same bytes on every page.
 */
#include "raster/raster_internal.h"

#include <stdlib.h>
#include <string.h>

/* The mask painted onto the first rows of a page of fill bytes. */
static void
painted(const lp_raster_dev *d, const lp_raster_mask *m, lp_rgb c, float opacity,
        lp_paint_kind kind, uint32_t rows, uint8_t fill, uint8_t *px, uint8_t *inked)
{
	lp_raster_dev t = *d;
	t.px = px;
	t.inked = inked;
	t.h = rows;
	memset(px, fill, (size_t)rows * d->stride);
	lp_raster_paint(&t, m, 0, 0, c, opacity, kind);
}

lp_status
lp_raster_stamp_make(const lp_raster_dev *d, const lp_raster_mask *m, lp_rgb c, float opacity,
        lp_paint_kind kind, lp_fax_stamp **out)
{
	*out = NULL;
	/* The rows lp_raster_paint paints (the mask is inside the page). */
	if (!m->a || !(opacity > 0) || m->x0 < 0 || m->y0 < 0 || (uint64_t)m->x0 + m->w > d->w ||
	        (uint64_t)m->y0 + m->h > d->h || m->w == 0 || m->h == 0)
		return LP_OK;
	/* Painted on a page just the mask's height, from the last row the
	 * dither's pattern (8 rows tall, anchored to the page) starts on. */
	uint32_t y0 = (uint32_t)m->y0, top = y0 & 7, rows = top + m->h;
	lp_raster_mask at = *m;
	at.y0 = (int32_t)top;
	size_t size = (size_t)rows * d->stride;
	/* Painted twice, on white and on black: the bits painting leaves as
	 * they were differ between the two, the ones it sets do not. */
	uint8_t *on_white = malloc(size), *on_black = malloc(size), *inked = calloc(rows, 1);
	lp_fax_stamp *s = calloc(1, sizeof *s);
	lp_status st = LP_ERR_NOMEM;
	if (!on_white || !on_black || !inked || !s)
		goto done;
	painted(d, &at, c, opacity, kind, rows, 0x00, on_white, inked);
	painted(d, &at, c, opacity, kind, rows, 0xff, on_black, inked);
	size_t first = d->stride, last = 0;
	for (size_t i = (size_t)top * d->stride; i < size; i++)
		if ((uint8_t)(on_white[i] ^ on_black[i]) != 0xff) { /* a bit painted */
			size_t x = i % d->stride;
			first = x < first ? x : first;
			last = x > last ? x : last;
		}
	*s = (lp_fax_stamp){y0, m->h, 0, 0, NULL, NULL};
	if (first <= last) {
		s->bx = (uint32_t)first;
		s->nb = (uint32_t)(last - first + 1);
		s->cover = malloc((size_t)s->h * s->nb);
		s->value = malloc((size_t)s->h * s->nb);
		if (!s->cover || !s->value)
			goto done;
		for (uint32_t y = 0; y < s->h; y++)
			for (uint32_t j = 0; j < s->nb; j++) {
				size_t i = (size_t)(top + y) * d->stride + s->bx + j;
				s->cover[(size_t)y * s->nb + j] =
				        (uint8_t) ~(on_white[i] ^ on_black[i]);
				s->value[(size_t)y * s->nb + j] = on_white[i];
			}
	}
	*out = s;
	s = NULL;
	st = LP_OK;
done:
	lp_fax_stamp_free(s);
	free(on_white);
	free(on_black);
	free(inked);
	return st;
}

void
lp_raster_stamp_paint(lp_raster_dev *d, const lp_fax_stamp *s)
{
	/* Every row of the mask is inked, as lp_raster_paint marks them. */
	memset(d->inked + s->y0, 1, s->h);
	for (uint32_t y = 0; y < s->h; y++) {
		/* Three arrays that never overlap: the compiler takes many
		 * bytes a step. */
		uint8_t *restrict dst = d->px + (size_t)(s->y0 + y) * d->stride + s->bx;
		const uint8_t *restrict cover = s->cover + (size_t)y * s->nb;
		const uint8_t *restrict value = s->value + (size_t)y * s->nb;
		for (uint32_t j = 0; j < s->nb; j++)
			dst[j] = (uint8_t)((dst[j] & ~cover[j]) | value[j]);
	}
}
