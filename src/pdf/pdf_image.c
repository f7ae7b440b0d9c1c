/*
 * Image XObjects (§8.9.5). Every image reaching here was decoded and
 * validated by image/, so libharu only ever sees known-good samples or a
 * JPEG known to decode; an alpha channel becomes an /SMask (§11.6.5.3).
 * Each image is written once per document and reused by later pages.
 */
#include "pdf/pdf_internal.h"

#include "image/image.h"

static HPDF_Image
xobject_new(lp_pdf_dev *d, const lp_image *img)
{
	size_t size;
	uint32_t w = lp_image_width(img), h = lp_image_height(img);
	const uint8_t *jpeg = lp_image_jpeg(img, &size);
	if (jpeg) {
		HPDF_Image x = HPDF_LoadJpegImageFromMem(d->doc, jpeg, (HPDF_UINT)size);
		if (x)
			return x;
		/* libharu's own JPEG header parser is stricter than libjpeg (it
		 * knows fewer markers): fall back to the decoded samples. */
		HPDF_ResetError(d->doc);
		d->hpdf_status = LP_OK;
		d->hpdf_error = d->hpdf_detail = 0;
	}
	HPDF_ColorSpace cs = lp_image_color_space(img) == LP_IMAGE_GRAY  ? HPDF_CS_DEVICE_GRAY
	                     : lp_image_color_space(img) == LP_IMAGE_RGB ? HPDF_CS_DEVICE_RGB
	                                                                 : HPDF_CS_DEVICE_CMYK;
	const uint8_t *samples = lp_image_samples(img, &size);
	if (!samples) /* a JPEG passed through is never decoded */
		return NULL;
	HPDF_Image x = HPDF_LoadRawImageFromMem(d->doc, samples, w, h, cs, 8);
	const uint8_t *alpha = lp_image_alpha(img, &size);
	if (x && alpha) {
		HPDF_Image mask =
		        HPDF_LoadRawImageFromMem(d->doc, alpha, w, h, HPDF_CS_DEVICE_GRAY, 8);
		if (!mask || HPDF_Image_AddSMask(x, mask) != HPDF_OK)
			return NULL;
	}
	return x;
}

lp_status
lp_pdf_draw_image(lp_pdf_dev *d, const lp_dl_image *di)
{
	HPDF_Image x = NULL;
	if (!di->image || di->w <= 0 || di->h <= 0)
		return LP_OK;
	lp_status s = lp_pdf_coords_ok(d, (const float[]){di->x, di->y, di->w, di->h}, 4);
	if (s != LP_OK)
		return s;
	for (uint32_t i = 0; i < d->n_xobjects; i++)
		if (d->xobjects[i].image == di->image)
			x = d->xobjects[i].xobj;
	if (!x) {
		s = LP_ARENA_ARRAY_RESERVE(d->arena, d->xobjects, d->cap_xobjects,
		        (size_t)d->n_xobjects + 1, LP_ARRAY_ANY);
		if (s != LP_OK)
			return s;
		x = xobject_new(d, di->image);
		if (!x)
			return lp_pdf_check(d, HPDF_INVALID_IMAGE, lp_image_name(di->image));
		d->xobjects[d->n_xobjects++] = (lp_pdf_xobject){di->image, x};
	}
	/* libharu names the image in the page's resources; the operators go
	 * into the content buffer like every other's (§8.9.5: the image fills
	 * the unit square, scaled and moved there by cm). */
	const char *name = HPDF_Page_GetXObjectName(d->page, x);
	if (!name)
		return lp_pdf_check(d, HPDF_INVALID_IMAGE, lp_image_name(di->image));
	lp_pdf_put(d, "q ");
	lp_pdf_num(d, di->w);
	lp_pdf_put(d, "0 0 ");
	lp_pdf_num(d, di->h);
	lp_pdf_num(d, di->x);
	lp_pdf_num(d, d->page_h - di->y - di->h);
	lp_pdf_put(d, "cm /");
	lp_pdf_put(d, name);
	lp_pdf_put(d, " Do Q\n");
	return d->error;
}
