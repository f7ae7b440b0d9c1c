/*
 * Images resampled into their rectangle on the page. Each device pixel
 * whose centre lies in the rectangle takes the average of the source
 * pixels under it (a box filter: shrinking never skips detail), or, when
 * the image is enlarged, the nearest source pixel, as PDF viewers show an
 * image without /Interpolate. Alpha is averaged premultiplied and laid
 * over the page; CMYK becomes RGB by the naive complement, as PDF's
 * DeviceCMYK does without a profile.
 *
 * On a fax page an image is dithered by its grey level.
 */
#include "raster/raster_internal.h"

#include "image/image.h"

#include <math.h>
#include <stdlib.h>

/* Source pixel (sx, sy) as RGB 0..255 and alpha 0..1. */
static void
sample(const lp_image *img, const uint8_t *s, const uint8_t *alpha, uint32_t iw, uint32_t sx,
        uint32_t sy, double rgb[3], double *a)
{
	size_t i = (size_t)sy * iw + sx;
	switch (lp_image_color_space(img)) {
	case LP_IMAGE_GRAY:
		rgb[0] = rgb[1] = rgb[2] = s[i];
		break;
	case LP_IMAGE_RGB:
		rgb[0] = s[3 * i], rgb[1] = s[3 * i + 1], rgb[2] = s[3 * i + 2];
		break;
	case LP_IMAGE_CMYK: {
		const uint8_t *p = s + 4 * i;
		for (int k = 0; k < 3; k++) {
			int v = 255 - p[k] - p[3];
			rgb[k] = v < 0 ? 0 : v;
		}
		break;
	}
	}
	*a = alpha ? alpha[i] / 255.0 : 1;
}

/* The source pixels [*s0, *s1) under a device pixel that spans [a, a + f)
 * of the source's n pixels: those whose centres are inside, or the nearest
 * one when none is (enlarging). */
static void
span(double a, double f, uint32_t n, uint32_t *s0, uint32_t *s1)
{
	double lo = fmin(fmax(ceil(a - 0.5), 0), n), hi = fmin(fmax(ceil(a + f - 0.5), 0), n);
	if (hi <= lo) {
		lo = fmin(fmax(floor(a + f / 2), 0), n - 1);
		hi = lo + 1;
	}
	*s0 = (uint32_t)lo;
	*s1 = (uint32_t)hi;
}

lp_status
lp_raster_draw_image(lp_raster_dev *d, const lp_dl_image *di)
{
	const lp_image *img = di->image;
	if (!img || !(di->w > 0) || !(di->h > 0))
		return LP_OK;
	uint32_t iw = lp_image_width(img), ih = lp_image_height(img);
	size_t size;
	const uint8_t *s = lp_image_samples(img, &size);
	const uint8_t *alpha = lp_image_alpha(img, &size);
	if (iw == 0 || ih == 0)
		return LP_OK;
	/* A JPEG the PDF passes through keeps no samples: decoded here, for
	 * this drawing only (a signature scan or a body photo, rarely more
	 * than one a page). Its entropy-coded data is read for the first
	 * time here (the PDF leaves it to the reader), so damage in it is
	 * found here and reported with the image's name. */
	uint8_t *decoded = NULL;
	if (!s) {
		lp_status st = lp_image_decode_samples(img, &decoded, d->diag);
		if (st != LP_OK)
			return st;
		s = decoded;
	}
	double X0 = di->x * d->m.sx + d->m.tx, Y0 = di->y * d->m.sy + d->m.ty;
	double X1 = (di->x + di->w) * d->m.sx + d->m.tx, Y1 = (di->y + di->h) * d->m.sy + d->m.ty;
	/* Pixels whose centres are inside, cut to the page. */
	double px0 = fmax(ceil(X0 - 0.5), 0), py0 = fmax(ceil(Y0 - 0.5), 0);
	double px1 = fmin(ceil(X1 - 0.5), d->w), py1 = fmin(ceil(Y1 - 0.5), d->h);
	double fx = iw / (X1 - X0), fy = ih / (Y1 - Y0); /* source pixels per device pixel */
	for (double py = py0; py < py1; py++) {
		uint32_t sy0, sy1;
		span((py - Y0) * fy, fy, ih, &sy0, &sy1);
		for (double px = px0; px < px1; px++) {
			uint32_t sx0, sx1;
			span((px - X0) * fx, fx, iw, &sx0, &sx1);
			double acc[3] = {0, 0, 0}, acc_a = 0;
			for (uint32_t sy = sy0; sy < sy1; sy++)
				for (uint32_t sx = sx0; sx < sx1; sx++) {
					double rgb[3] = {0, 0, 0}, a = 0;
					sample(img, s, alpha, iw, sx, sy, rgb, &a);
					for (int k = 0; k < 3; k++)
						acc[k] += rgb[k] * a;
					acc_a += a;
				}
			double a = acc_a / ((double)(sy1 - sy0) * (sx1 - sx0));
			if (a <= 0)
				continue;
			double rgb[3] = {acc[0] / acc_a, acc[1] / acc_a, acc[2] / acc_a};
			double grey = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
			uint32_t x = (uint32_t)px, y = (uint32_t)py;
			if (d->opt.mode == LP_RASTER_FAX) {
				if (a >= 0.5)
					lp_raster_fax_put(
					        d, x, y, !lp_raster_dither(grey / 255, x, y));
				continue;
			}
			uint8_t *dst = d->px + ((size_t)y * d->w + x) * d->ch;
			if (d->ch == 1) {
				*dst = (uint8_t)lrint(*dst + (grey - *dst) * a);
			} else {
				for (int k = 0; k < 3; k++)
					dst[k] = (uint8_t)lrint(dst[k] + (rgb[k] - dst[k]) * a);
			}
		}
	}
	free(decoded);
	return LP_OK;
}
