/* lp_image: format sniffing, ownership and accessors; see image.h. */
#include "image/image_decode.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

#include <stdlib.h>
#include <string.h>

struct lp_image {
	char *name;
	lp_image_pixels px;
	uint8_t *jpeg; /* copy of the file for DCTDecode passthrough, or NULL */
	size_t jpeg_size;
};

lp_status
lp_image_from_memory(const char *name, const void *data, size_t size, lp_image **out, lp_diag *diag)
{
	const uint8_t *bytes = data;
	lp_status s;
	lp_image *img = NULL;
	*out = NULL;
	if (size > LP_MAX_IMAGE_BYTES) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
		        "image is %zu bytes; the limit is %u", size, (unsigned)LP_MAX_IMAGE_BYTES);
		goto fail;
	}
	img = calloc(1, sizeof *img);
	if (!img || !(img->name = strdup(name ? name : "<image>"))) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	if (lp_png_sniff(bytes, size)) {
		s = lp_png_decode(img->name, bytes, size, &img->px, diag);
	} else if (lp_jpeg_sniff(bytes, size)) {
		s = lp_jpeg_decode(img->name, bytes, size, &img->px, diag);
	} else {
		s = lp_diag_at_offset(diag, LP_ERROR, LP_ERR_UNSUPPORTED, img->name, 0,
		        "not a PNG or JPEG image");
	}
	if (s != LP_OK)
		goto fail;
	if (img->px.jpeg_passthrough) {
		img->jpeg = malloc(size);
		if (!img->jpeg) {
			s = LP_ERR_NOMEM;
			goto fail;
		}
		memcpy(img->jpeg, bytes, size);
		img->jpeg_size = size;
	}
	*out = img;
	return LP_OK;
fail:
	lp_image_drop(img);
	return s;
}

lp_status
lp_image_load(const char *path, lp_image **out, lp_diag *diag)
{
	lp_source *src = NULL;
	*out = NULL;
	lp_status s = lp_source_load(path, LP_MAX_IMAGE_BYTES, &src, diag);
	if (s != LP_OK)
		goto fail;
	s = lp_image_from_memory(path, lp_source_data(src), lp_source_size(src), out, diag);
fail:
	lp_source_drop(src);
	return s;
}

void
lp_image_drop(lp_image *img)
{
	if (!img)
		return;
	free(img->px.samples);
	free(img->px.alpha);
	free(img->jpeg);
	free(img->name);
	free(img);
}

uint32_t
lp_image_width(const lp_image *img)
{
	return img->px.width;
}

uint32_t
lp_image_height(const lp_image *img)
{
	return img->px.height;
}

lp_image_space
lp_image_color_space(const lp_image *img)
{
	return img->px.space;
}

const char *
lp_image_name(const lp_image *img)
{
	return img->name;
}

const uint8_t *
lp_image_samples(const lp_image *img, size_t *size)
{
	*size = img->px.samples ? (size_t)img->px.width * img->px.height * (size_t)img->px.space
	                        : 0;
	return img->px.samples;
}

const uint8_t *
lp_image_alpha(const lp_image *img, size_t *size)
{
	*size = img->px.alpha ? (size_t)img->px.width * img->px.height : 0;
	return img->px.alpha;
}

const uint8_t *
lp_image_jpeg(const lp_image *img, size_t *size)
{
	*size = img->jpeg_size;
	return img->jpeg;
}

lp_status
lp_image_decode_samples(const lp_image *img, uint8_t **samples, lp_diag *diag)
{
	*samples = NULL;
	if (!img->jpeg)
		return LP_ERR_USAGE;
	lp_image_pixels px;
	lp_status s = lp_jpeg_decode_samples(img->name, img->jpeg, img->jpeg_size, &px, diag);
	if (s != LP_OK)
		return s;
	/* The same file read twice: the same size and colours, or a bug. */
	if (px.width != img->px.width || px.height != img->px.height || px.space != img->px.space) {
		free(px.samples);
		free(px.alpha);
		return lp_diag_at_offset(diag, LP_ERROR, LP_ERR_INTERNAL, img->name, 0,
		        "the JPEG decodes to %ux%u pixels, not the %ux%u its header gave",
		        (unsigned)px.width, (unsigned)px.height, (unsigned)img->px.width,
		        (unsigned)img->px.height);
	}
	free(px.alpha);
	*samples = px.samples;
	return LP_OK;
}
