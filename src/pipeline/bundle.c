/* A layout resolved into its fonts and pictures, then frozen; see bundle.h. */
#include "pipeline/bundle.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/sha256.h"
#include "base/source.h"
#include "base/suggest.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
is_svg(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
}

static lp_status
add_fonts(lp_bundle *b, lp_diag *diag)
{
	const lp_layout *L = b->layout;
	for (uint32_t i = 0; i < L->n_font_files; i++) {
		bool have = false;
		for (size_t k = 0; k < lp_fontdb_count(b->fonts) && !have; k++)
			have = strcmp(lp_font_origin(lp_fontdb_font_at(b->fonts, k)),
			               L->font_files[i]) == 0;
		if (have)
			continue;
		lp_status s = lp_fontdb_add_file_as(b->fonts, L->font_files[i],
		        L->font_files_shown ? L->font_files_shown[i] : NULL, diag);
		if (s != LP_OK)
			return s;
	}
	/* Complete: nothing is added to it again. */
	lp_fontdb_freeze(b->fonts);
	return LP_OK;
}

/* Decodes the asset of every block of tpl that has one, once per path. */
static lp_status
add_pictures(lp_bundle *b, const lp_page_template *tpl, uint32_t *cap, lp_diag *diag)
{
	for (uint32_t i = 0; i < tpl->n_blocks; i++) {
		const char *path = tpl->blocks[i].asset;
		if (!path || lp_bundle_picture_at(b, path))
			continue;
		lp_status s = LP_ARRAY_RESERVE(
		        b->pictures, *cap, (size_t)b->n_pictures + 1, LP_ARRAY_ANY);
		if (s != LP_OK)
			return s;
		lp_bundle_picture p = {path, NULL, NULL};
		/* Read by its real path, named as the user finds it. */
		const char *name = tpl->blocks[i].asset_shown ? tpl->blocks[i].asset_shown : path;
		char *data;
		size_t size;
		s = lp_file_read(path, is_svg(path) ? LP_MAX_SVG_BYTES : LP_MAX_IMAGE_BYTES, &data,
		        &size, diag);
		if (s == LP_OK)
			s = is_svg(path) ? lp_svg_from_memory(name, data, size, &p.svg, diag)
			                 : lp_image_from_memory(name, data, size, &p.image, diag);
		free(data);
		if (s != LP_OK)
			return s;
		b->pictures[b->n_pictures++] = p;
	}
	return LP_OK;
}

/* The digest of the layout's file and of every file it extends, its own
 * fonts and its pictures' files, each read as loading read it. */
static lp_status
digest(lp_bundle *b, lp_diag *diag)
{
	lp_sha256 *md = lp_sha256_begin();
	lp_status s = md ? LP_OK : LP_ERR_NOMEM;
	for (const lp_layout *l = b->layout; s == LP_OK && l; l = lp_layout_parent(l)) {
		const lp_source *yaml = lp_layout_source(l);
		if (yaml)
			lp_sha256_add(md, lp_source_data(yaml), lp_source_size(yaml));
	}
	for (size_t i = 0; s == LP_OK && i < lp_fontdb_count(b->fonts); i++) {
		size_t size = 0;
		const uint8_t *data = lp_font_data(lp_fontdb_font_at(b->fonts, i), &size);
		lp_sha256_add(md, data, size);
	}
	for (uint32_t i = 0; s == LP_OK && i < b->n_pictures; i++) {
		char *data;
		size_t size;
		s = lp_file_read(b->pictures[i].path,
		        is_svg(b->pictures[i].path) ? LP_MAX_SVG_BYTES : LP_MAX_IMAGE_BYTES, &data,
		        &size, diag);
		if (s == LP_OK)
			lp_sha256_add(md, data, size);
		free(data);
	}
	if (!lp_sha256_end(md, b->digest) && s == LP_OK)
		s = LP_ERR_INTERNAL;
	if (s != LP_OK)
		b->digest[0] = '\0';
	return s;
}

lp_status
lp_bundle_new(lp_layout *layout, lp_fontdb *base, lp_bundle **out, lp_diag *diag)
{
	*out = NULL;
	lp_bundle *b = calloc(1, sizeof *b);
	if (!b) {
		lp_layout_drop(layout);
		return LP_ERR_NOMEM;
	}
	b->layout = layout;
	pthread_mutex_init(&b->digest_lock, NULL);
	lp_status s = LP_ERR_NOMEM;
	uint32_t cap = 0;
	if (!(b->fonts = lp_fontdb_new_over(base)))
		goto fail;
	if ((s = add_fonts(b, diag)) != LP_OK)
		goto fail;
	if ((s = add_pictures(b, &layout->first, &cap, diag)) != LP_OK ||
	        (s = add_pictures(b, &layout->rest, &cap, diag)) != LP_OK)
		goto fail;
	*out = b;
	return LP_OK;
fail:
	lp_bundle_drop(b);
	return s;
}

void
lp_bundle_drop(lp_bundle *b)
{
	if (!b)
		return;
	for (uint32_t i = 0; i < b->n_pictures; i++) {
		lp_image_drop(b->pictures[i].image);
		lp_svg_drop(b->pictures[i].svg);
	}
	free(b->pictures);
	lp_fontdb_drop(b->fonts);
	lp_layout_drop(b->layout);
	lp_diag_drop(b->said);
	pthread_mutex_destroy(&b->digest_lock);
	free(b);
}

const char *
lp_bundle_digest(const lp_bundle *bundle)
{
	lp_bundle *b = (lp_bundle *)bundle; /* the digest is a cache */
	pthread_mutex_lock(&b->digest_lock);
	if (!b->digest[0]) {
		lp_diag *quiet = lp_diag_new(NULL, NULL);
		if (!quiet || digest(b, quiet) != LP_OK)
			b->digest[0] = '\0';
		lp_diag_drop(quiet);
	}
	const char *d = b->digest[0] ? b->digest : NULL;
	pthread_mutex_unlock(&b->digest_lock);
	return d;
}

const lp_bundle_picture *
lp_bundle_picture_at(const lp_bundle *b, const char *path)
{
	for (uint32_t i = 0; i < b->n_pictures; i++)
		if (strcmp(b->pictures[i].path, path) == 0)
			return &b->pictures[i];
	return NULL;
}
