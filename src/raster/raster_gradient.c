/*
 * Gradient fills on raster pages: the colour of each pixel the mask
 * covers is the gradient's at the pixel's centre (lp_dl_gradient: its
 * projection on the axis, or where it lies between the focus and the
 * circle, clamped), composited as raster_paint.c
 * composites one colour. On fax pages each pixel is dithered by its own
 * level, the large-fill rule of raster_paint.c with the level varying
 * across the shape; translucent fills and shapes too small for a pattern
 * are handed to lp_raster_paint() in the gradient's mean colour.
 */
#include "raster/raster_internal.h"

#include "raster/fax_profile.h"

#include <math.h>

/* Colours a gradient is looked up in: finer than any 8-bit step over a
 * shape a page wide. */
#define LP_GRADIENT_LUT 1024

/* Below this many pixels across or down a fax fill carries no pattern
 * (as LP_FAX_DITHER_MIN_PX in raster_paint.c). */
#define LP_GRADIENT_FAX_MIN_PX 8

static void
make_lut(const lp_dl_gradient *g, lp_rgb *lut)
{
	uint32_t k = 0;
	for (int i = 0; i < LP_GRADIENT_LUT; i++) {
		float t = (float)i / (LP_GRADIENT_LUT - 1);
		while (k + 2 < g->n_stops && t > g->stops[k + 1].offset)
			k++;
		const lp_dl_stop *a = &g->stops[k], *b = &g->stops[k + 1];
		float span = b->offset - a->offset;
		float u = span > 0 ? (t - a->offset) / span : 1;
		u = u < 0 ? 0 : u > 1 ? 1 : u;
		lp_rgb c = 0;
		for (int sh = 16; sh >= 0; sh -= 8) {
			float v = (float)((a->color >> sh) & 0xff) * (1 - u) +
			          (float)((b->color >> sh) & 0xff) * u;
			c |= (lp_rgb)(v + 0.5f) << sh;
		}
		lut[i] = c;
	}
}

/* t at (qx, qy) of a radial gradient's space: the point lies on the
 * circle of the focus f grown towards the circle (c, r), t of the way,
 * whose centre is f + t (c - f) and radius t r: |q - f - t d| = t r with
 * d = c - f, a quadratic in t whose larger root is it (the focus is
 * inside, so a = d.d - r^2 < 0). */
static double
radial_t(const lp_dl_gradient *g, double qx, double qy)
{
	double dx = (double)g->cx - g->fx, dy = (double)g->cy - g->fy;
	double px = qx - g->fx, py = qy - g->fy;
	double a = dx * dx + dy * dy - (double)g->r * g->r;
	double b = px * dx + py * dy, c = px * px + py * py;
	double disc = b * b - a * c;
	return (b - sqrt(disc > 0 ? disc : 0)) / a;
}

static bool
covered(const lp_raster_mask *m, int64_t mx, int64_t my)
{
	return mx >= 0 && my >= 0 && mx < m->w && my < m->h && m->a[(size_t)my * m->w + (size_t)mx];
}

void
lp_raster_paint_fill(
        lp_raster_dev *d, const lp_raster_mask *m, int32_t dx, int32_t dy, const lp_dl_path *p)
{
	float opacity = p->fill_opacity < 0 ? 0 : p->fill_opacity > 1 ? 1 : p->fill_opacity;
	bool fax = d->opt.mode == LP_RASTER_FAX;
	if (!p->fill_gradient || !m->a ||
	        (fax && (opacity < 1 || m->w < LP_GRADIENT_FAX_MIN_PX ||
	                        m->h < LP_GRADIENT_FAX_MIN_PX))) {
		lp_raster_paint(d, m, dx, dy, p->fill_color, opacity, LP_PAINT_FILL);
		return;
	}
	if (!(opacity > 0))
		return;
	const lp_dl_gradient *g = p->fill_gradient;
	lp_rgb lut[LP_GRADIENT_LUT];
	make_lut(g, lut);
	/* Linear: t at a pixel's centre is affine in the pixel, t = tx * x +
	 * ty * y + t0. Radial: the pixel's centre in the gradient's space is
	 * (qx, qy) = (ux x + vx y + wx, uy x + vy y + wy). */
	double ax = (double)g->x1 - g->x0, ay = (double)g->y1 - g->y0, aa = ax * ax + ay * ay;
	double tx = 0, ty = 0, t0 = 0, u[6] = {0, 0, 0, 0, 0, 0};
	if (g->radial) {
		const float *gm = g->m;
		double det = (double)gm[0] * gm[3] - (double)gm[1] * gm[2];
		double inv[4] = {gm[3] / det, -gm[1] / det, -gm[2] / det, gm[0] / det};
		/* page point p = ((x + .5 - tx) / sx, (y + .5 - ty) / sy); q = inv (p - m4,5) */
		double px0 = (0.5 - d->m.tx) / d->m.sx - gm[4],
		       py0 = (0.5 - d->m.ty) / d->m.sy - gm[5];
		u[0] = inv[0] / d->m.sx, u[1] = inv[1] / d->m.sx; /* per x */
		u[2] = inv[2] / d->m.sy, u[3] = inv[3] / d->m.sy; /* per y */
		u[4] = inv[0] * px0 + inv[2] * py0, u[5] = inv[1] * px0 + inv[3] * py0;
	} else {
		tx = ax / aa / d->m.sx, ty = ay / aa / d->m.sy;
		t0 = ((0.5 - d->m.tx) / d->m.sx - g->x0) * ax / aa +
		     ((0.5 - d->m.ty) / d->m.sy - g->y0) * ay / aa;
	}
	int64_t ox = (int64_t)m->x0 + dx, oy = (int64_t)m->y0 + dy;
	int64_t x0 = ox < 0 ? 0 : ox, y0 = oy < 0 ? 0 : oy;
	int64_t x1 = ox + m->w > d->w ? d->w : ox + m->w, y1 = oy + m->h > d->h ? d->h : oy + m->h;
	int op = (int)(opacity * 256 + 0.5);
	for (int64_t y = y0; y < y1; y++) {
		const uint8_t *src = m->a + (size_t)(y - oy) * m->w + (size_t)(x0 - ox);
		for (int64_t x = x0; x < x1; x++, src++) {
			if (!*src)
				continue;
			double t = g->radial
			                   ? radial_t(g, u[0] * (double)x + u[2] * (double)y + u[4],
			                             u[1] * (double)x + u[3] * (double)y + u[5])
			                   : tx * (double)x + ty * (double)y + t0;
			/* Written so that a NaN, which the display list's checks
			 * on gradients should leave no way to, still indexes the
			 * table (as 0). */
			t = t > 0 ? (t < 1 ? t : 1) : 0;
			lp_rgb c = lut[(int)(t * (LP_GRADIENT_LUT - 1) + 0.5)];
			if (fax) {
				double level = lp_raster_luma(c);
				bool edge = !covered(m, x - ox - 1, y - oy) ||
				            !covered(m, x - ox + 1, y - oy) ||
				            !covered(m, x - ox, y - oy - 1) ||
				            !covered(m, x - ox, y - oy + 1);
				bool black = (edge && level <= LP_FAX_INK_LEVEL) ||
				             !lp_raster_dither(level, (uint32_t)x, (uint32_t)y);
				lp_raster_fax_put(d, (uint32_t)x, (uint32_t)y, black);
				continue;
			}
			/* alpha in 0..65280 (255 * 256), as lp_raster_paint() */
			int a = *src * op;
			uint8_t *dst = d->px + ((size_t)y * d->w + (size_t)x) * d->ch;
			if (d->ch == 1) {
				int grey = (int)(lp_raster_luma(c) * 255 + 0.5);
				*dst = (uint8_t)((*dst * (65280 - a) + grey * a + 32640) / 65280);
				continue;
			}
			for (int k = 0; k < 3; k++) {
				int v = (int)((c >> (16 - 8 * k)) & 0xff);
				dst[k] = (uint8_t)((dst[k] * (65280 - a) + v * a + 32640) / 65280);
			}
		}
	}
}
