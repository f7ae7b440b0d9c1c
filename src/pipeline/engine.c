/* The engine: fonts, hyphenators and layouts shared by every document. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "image/image.h"
#include "raster/glyph_cache.h"
#include "lp_config.h"

#include <stdlib.h>
#include <string.h>

struct lp_engine_svg {
	char *path;
	lp_svg *svg;
};

struct lp_engine_image {
	char *path;
	lp_image *image;
};

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

static lp_status
add_layout_fonts(lp_engine *e, const lp_layout *layout, lp_diag *diag)
{
	for (uint32_t i = 0; i < layout->n_font_files; i++) {
		bool have = false;
		for (size_t k = 0; k < lp_fontdb_count(e->fonts) && !have; k++)
			have = strcmp(lp_font_origin(lp_fontdb_font_at(e->fonts, k)),
				layout->font_files[i]) == 0;
		if (have)
			continue;
		lp_status s = lp_fontdb_add_file(e->fonts, layout->font_files[i], diag);
		if (s != LP_OK)
			return s;
	}
	return LP_OK;
}

static lp_status
cache_layout(lp_engine *e, lp_layout *layout)
{
	if (e->n_layouts == e->cap_layouts) {
		size_t cap = e->cap_layouts ? e->cap_layouts * 2 : 8;
		lp_layout **l = realloc(e->layouts, cap * sizeof *l);
		if (!l)
			return LP_ERR_NOMEM;
		e->layouts = l;
		e->cap_layouts = cap;
	}
	e->layouts[e->n_layouts++] = layout;
	return LP_OK;
}

/* Loads the layouts named when the engine is made (by path), so that a
 * broken one is an error now. Layouts in the layout folders are loaded
 * when a document first asks for them. */
static lp_status
preload_layouts(lp_engine *e, const lp_engine_options *opts, lp_diag *diag)
{
	lp_status s = LP_OK;
	for (size_t i = 0; opts && i < opts->n_layouts && s == LP_OK; i++) {
		lp_layout *layout = NULL;
		s = lp_layout_load(opts->layouts[i], (const char *const *)e->layout_dirs,
			e->n_layout_dirs, &layout, diag);
		if (s != LP_OK)
			return s; /* missing stays missing (66), a broken one is invalid (65) */
		s = add_layout_fonts(e, layout, diag);
		if (s == LP_OK)
			s = cache_layout(e, layout);
		if (s != LP_OK)
			lp_layout_drop(layout);
	}
	return s;
}

lp_status
lp_engine_new(const lp_engine_options *opts, lp_engine **out, lp_diag *diag)
{
	*out = NULL;
	size_t errors_before = lp_diag_errors(diag);
	const char *data = opts && opts->data_dir ? opts->data_dir : lp_default_data_dir();
	lp_engine *e = calloc(1, sizeof *e);
	if (!e)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_NOMEM, data, 0, 0,
			"out of memory loading fonts and layouts");
	pthread_mutex_init(&e->lock, NULL);
	lp_status s = LP_ERR_NOMEM;
	size_t extra = opts ? opts->n_layout_dirs : 0;
	e->layout_dirs = calloc(extra + 1, sizeof *e->layout_dirs);
	if (!e->layout_dirs)
		goto fail;
	for (size_t i = 0; i < extra; i++)
		if (!(e->layout_dirs[e->n_layout_dirs++] = strdup(opts->layout_dirs[i])))
			goto fail;
	if (!(e->layout_dirs[e->n_layout_dirs++] = join(data, "layouts")))
		goto fail;

	e->fonts = lp_fontdb_new();
	if (!e->fonts)
		goto fail;
	char *fonts_dir = join(data, "fonts");
	if (!fonts_dir)
		goto fail;
	s = lp_fontdb_add_dir(e->fonts, fonts_dir, diag);
	free(fonts_dir);
	if (s != LP_OK)
		goto fail;
	s = preload_layouts(e, opts, diag);
	if (s != LP_OK)
		goto fail;
	e->hyph = lp_hyphenators_new(opts && opts->hyphen_dir ? opts->hyphen_dir : LP_HYPHEN_DIR, diag);
	e->glyphs = lp_glyph_cache_new();
	if (!e->hyph || !e->glyphs) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	*out = e;
	return LP_OK;
fail:
	/* Where an allocation failed, nothing said so yet. */
	if (s == LP_ERR_NOMEM && lp_diag_errors(diag) == errors_before)
		lp_diag_report(diag, LP_ERROR, s, data, 0, 0, "out of memory loading fonts and layouts");
	lp_engine_drop(e);
	return s;
}

void
lp_engine_drop(lp_engine *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n_layouts; i++)
		lp_layout_drop(e->layouts[i]);
	free(e->layouts);
	for (size_t i = 0; i < e->n_svgs; i++) {
		free(e->svgs[i].path);
		lp_svg_drop(e->svgs[i].svg);
	}
	free(e->svgs);
	for (size_t i = 0; i < e->n_images; i++) {
		free(e->images[i].path);
		lp_image_drop(e->images[i].image);
	}
	free(e->images);
	for (size_t i = 0; i < e->n_layout_dirs; i++)
		free(e->layout_dirs[i]);
	free(e->layout_dirs);
	lp_hyphenators_drop(e->hyph);
	lp_glyph_cache_drop(e->glyphs);
	lp_fontdb_drop(e->fonts);
	pthread_mutex_destroy(&e->lock);
	free(e);
}

lp_status
lp_engine_svg(lp_engine *e, const char *path, const lp_svg **out, lp_diag *diag)
{
	*out = NULL;
	lp_status s = LP_OK;
	pthread_mutex_lock(&e->lock);
	for (size_t i = 0; i < e->n_svgs; i++)
		if (strcmp(e->svgs[i].path, path) == 0) {
			*out = e->svgs[i].svg;
			goto done;
		}
	if (e->n_svgs == e->cap_svgs) {
		size_t cap = e->cap_svgs ? e->cap_svgs * 2 : 4;
		struct lp_engine_svg *v = realloc(e->svgs, cap * sizeof *v);
		if (!v) {
			s = LP_ERR_NOMEM;
			goto done;
		}
		e->svgs = v;
		e->cap_svgs = cap;
	}
	lp_svg *svg = NULL;
	char *copy = strdup(path);
	if (!copy) {
		s = LP_ERR_NOMEM;
		goto done;
	}
	/* A failure is not kept: each document reports it. */
	if ((s = lp_svg_load(path, &svg, diag)) != LP_OK) {
		free(copy);
		goto done;
	}
	e->svgs[e->n_svgs++] = (struct lp_engine_svg){copy, svg};
	*out = svg;
done:
	pthread_mutex_unlock(&e->lock);
	return s;
}

/* A decoded emblem is what costs (up to LP_MAX_IMAGE_DECODED_BYTES); one
 * copy serves every page of every document. */
lp_status
lp_engine_image(lp_engine *e, const char *path, const lp_image **out, lp_diag *diag)
{
	*out = NULL;
	lp_status s = LP_OK;
	pthread_mutex_lock(&e->lock);
	for (size_t i = 0; i < e->n_images; i++)
		if (strcmp(e->images[i].path, path) == 0) {
			*out = e->images[i].image;
			goto done;
		}
	if (e->n_images == e->cap_images) {
		size_t cap = e->cap_images ? e->cap_images * 2 : 4;
		struct lp_engine_image *v = realloc(e->images, cap * sizeof *v);
		if (!v) {
			s = LP_ERR_NOMEM;
			goto done;
		}
		e->images = v;
		e->cap_images = cap;
	}
	char *copy = strdup(path);
	lp_image *img = NULL;
	if (!copy) {
		s = LP_ERR_NOMEM;
		goto done;
	}
	/* A failure is not kept: each document reports it. */
	if ((s = lp_image_load(path, &img, diag)) != LP_OK) {
		free(copy);
		goto done;
	}
	e->images[e->n_images++] = (struct lp_engine_image){copy, img};
	*out = img;
done:
	pthread_mutex_unlock(&e->lock);
	return s;
}

/* The layout at yaml (an absolute path without symbolic links, so one
 * layout has one key however it was named), loaded once and cached.
 * load_as is the name it is loaded by, which messages show. */
static lp_status
engine_layout_at(lp_engine *e, const char *yaml, const char *load_as, const lp_layout **out,
	lp_diag *diag)
{
	lp_status s = LP_OK;
	pthread_mutex_lock(&e->lock);
	for (size_t i = 0; i < e->n_layouts; i++) {
		if (strcmp(e->layouts[i]->path, yaml) == 0) {
			*out = e->layouts[i];
			goto done;
		}
	}
	lp_layout *layout = NULL;
	s = lp_layout_load(load_as, (const char *const *)e->layout_dirs, e->n_layout_dirs, &layout,
		diag);
	if (s != LP_OK)
		goto done;
	/* What was loaded must be what was found (and, for a release's own
	 * layout, checked): a path swapped in between is refused. */
	if (strcmp(layout->path, yaml) != 0)
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, load_as, 0, 0,
			"the layout changed while it was being read");
	/* Its own fonts join the database; the lock keeps adds one at a time. */
	if (s == LP_OK)
		s = add_layout_fonts(e, layout, diag);
	if (s == LP_OK)
		s = cache_layout(e, layout);
	if (s != LP_OK)
		lp_layout_drop(layout);
	else
		*out = layout;
done:
	pthread_mutex_unlock(&e->lock);
	return s;
}

lp_status
lp_engine_layout(lp_engine *e, const char *name_or_path, const lp_layout **out, lp_diag *diag)
{
	*out = NULL;
	char *yaml;
	lp_status s = lp_layout_find(name_or_path, (const char *const *)e->layout_dirs,
		e->n_layout_dirs, &yaml, diag);
	if (s == LP_OK)
		s = engine_layout_at(e, yaml, name_or_path, out, diag);
	free(yaml);
	return s;
}

lp_status
lp_engine_release_layout(lp_engine *e, const lp_source *src, const char *name, uint64_t offset,
	const lp_layout **out, lp_diag *diag)
{
	*out = NULL;
	/* Beside the release; the working folder for standard input. */
	const char *file = lp_source_name(src);
	char *root = strdup(file[0] == '<' ? "." : file);
	if (!root)
		return LP_ERR_NOMEM;
	if (file[0] != '<') {
		char *slash = strrchr(root, '/');
		if (!slash)
			strcpy(root, ".");
		else
			slash[slash == root] = '\0'; /* "/x.md" keeps "/" */
	}
	lp_file_ref ref = {.path = name, .root = root, .root_name = "the release's folder",
		.key = "layout", .by_file = file};
	lp_source_line_col(src, offset, &ref.line, &ref.col);
	char *yaml, *shown;
	lp_status s = lp_layout_find_ref(&ref, (const char *const *)e->layout_dirs, e->n_layout_dirs,
		&yaml, &shown, diag);
	if (s == LP_OK)
		s = engine_layout_at(e, yaml, shown, out, diag);
	free(yaml);
	free(shown);
	free(root);
	return s;
}

lp_status
lp_engine_list_layouts(const lp_engine *e, void (*fn)(const char *, const char *, void *), void *user,
	lp_diag *diag)
{
	char **names = NULL, **descs = NULL;
	size_t n = 0;
	lp_status s = lp_layout_list((const char *const *)e->layout_dirs, e->n_layout_dirs, &names,
		&descs, &n, diag);
	if (s != LP_OK)
		return s;
	for (size_t i = 0; i < n; i++)
		fn(names[i], descs[i] ? descs[i] : "", user);
	lp_layout_names_free(names, descs, n);
	return LP_OK;
}
