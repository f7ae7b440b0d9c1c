/* A layout resolved into its fonts and pictures, then frozen; see bundle.h. */
#include "pipeline/bundle.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
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
		lp_status s = lp_fontdb_add_file(b->fonts, L->font_files[i], diag);
		if (s != LP_OK)
			return s;
	}
	/* Complete: nothing is added to it again. */
	lp_fontdb_freeze(b->fonts);
	return LP_OK;
}

/* The closest family name of the two databases to family, or NULL. */
static const char *
closest_family(const lp_fontdb *const dbs[2], const char *family)
{
	const char *names[LP_MAX_FONTS * 2];
	size_t n = 0;
	for (int d = 0; d < 2; d++)
		for (size_t i = 0; dbs[d] && i < lp_fontdb_count(dbs[d]) && n < LP_MAX_FONTS * 2;
		        i++)
			names[n++] = lp_font_family(lp_fontdb_font_at(dbs[d], i));
	return lp_suggest(family, names, n);
}

static lp_status
no_family(const lp_bundle *b, const lp_fontdb *base, const char *family, uint32_t line,
        uint32_t col, lp_diag *diag)
{
	const lp_fontdb *const dbs[2] = {base, b->fonts};
	const char *meant = closest_family(dbs, family);
	char hint[160];
	snprintf(hint, sizeof hint, "did you mean '%s'?", meant ? meant : "");
	lp_diag_extra x = {.span = (uint32_t)lp_utf8_count((const uint8_t *)family, strlen(family)),
	        .hint = meant ? hint
	                      : "the fonts in fonts/ and the layout's fonts: files are the ones "
	                        "there are"};
	return lp_diag_report_ex(diag, LP_ERROR, LP_ERR_SYNTAX, b->layout->path, line, col, &x,
	        "no font family '%s' among the fonts in fonts/ and the layout's own", family);
}

/* Every family the layout names (its styles' and its fallback chain) is
 * there, so that a misspelt family is the layout's error, at its line,
 * and not found later in a release's paragraph. Each reported once. */
static lp_status
check_families(const lp_bundle *b, const lp_fontdb *base, lp_diag *diag)
{
	const lp_layout *L = b->layout;
	lp_status s = LP_OK;
	for (uint32_t i = 0; i < L->n_fallback; i++)
		if (!lp_fontdb_lookup(b->fonts, L->fallback[i], 400, false))
			s = no_family(
			        b, base, L->fallback[i], L->fallback_line, L->fallback_col, diag);
	for (uint32_t i = 0; i < L->n_styles; i++) {
		const lp_style *st = &L->styles[i];
		bool said = false;
		for (uint32_t k = 0; k < i && !said; k++)
			said = L->styles[k].family_line == st->family_line &&
			       L->styles[k].family_col == st->family_col;
		if (st->family_line && !said && !lp_fontdb_lookup(b->fonts, st->family, 400, false))
			s = no_family(b, base, st->family, st->family_line, st->family_col, diag);
	}
	return s;
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
		s = is_svg(path) ? lp_svg_load(path, &p.svg, diag)
		                 : lp_image_load(path, &p.image, diag);
		if (s != LP_OK)
			return s;
		b->pictures[b->n_pictures++] = p;
	}
	return LP_OK;
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
	lp_status s = LP_ERR_NOMEM;
	uint32_t cap = 0;
	if (!(b->fonts = lp_fontdb_new_over(base)))
		goto fail;
	if ((s = add_fonts(b, diag)) != LP_OK || (s = check_families(b, base, diag)) != LP_OK)
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
	free(b);
}

const lp_bundle_picture *
lp_bundle_picture_at(const lp_bundle *b, const char *path)
{
	for (uint32_t i = 0; i < b->n_pictures; i++)
		if (strcmp(b->pictures[i].path, path) == 0)
			return &b->pictures[i];
	return NULL;
}
