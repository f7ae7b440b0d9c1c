/* The engine: fonts, hyphenators and layout bundles shared by every
 * document. Nothing a document does changes what another one sees: the
 * base fonts are frozen once the engine is made, and each layout resolves
 * once into a frozen bundle with its own fonts and pictures. */
#include "pipeline/pipeline.h"
#include "base/array.h"

#include "base/diag.h"
#include "base/frozen_map.h"
#include "pipeline/bundle.h"
#include "font/sysfont.h"
#include "para/linebreak.h"
#include "pdf/pdf_fontcache.h"
#include "raster/glyph_cache.h"
#include "lp_config.h"

#include <stdlib.h>
#include <string.h>

/* Letterhead text set for every document (setkept.c): a few hundred
 * paragraphs of a few kilobytes. */
#define LP_KEPT_SETS_BYTES (1u << 20)
/* The layouts found by name in the layout folders (lp_engine_layout(),
 * lp_engine_release_layout()): a few bytes a name. */
#define LP_NAMED_LAYOUTS_BYTES (256u << 10)

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
cache_bundle(lp_engine *e, lp_bundle *bundle)
{
	lp_status s = LP_ARRAY_RESERVE(e->bundles, e->cap_bundles, e->n_bundles + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	e->bundles[e->n_bundles++] = bundle;
	return LP_OK;
}

/* Loads the layout by load_as and resolves it into a bundle. What loading
 * reported is in *said: the bundle's (kept for every document that uses
 * it), or, when it failed, the caller's to tell and drop. yaml, when not
 * NULL, is the file it must turn out to be. Called under the lock (or
 * before the engine is shared). */
static lp_status
resolve(lp_engine *e, const char *load_as, const char *yaml, lp_bundle **out, lp_diag **said_out)
{
	*out = NULL;
	lp_diag *said = *said_out = lp_diag_new(NULL, NULL);
	/* It lists the files loading read, for every document that uses it. */
	if (!said || lp_diag_keep_inputs(said, LP_INPUT_LAYOUT) != LP_OK)
		return LP_ERR_NOMEM;
	lp_layout *layout = NULL;
	lp_status s = lp_layout_load(
	        load_as, (const char *const *)e->layout_dirs, e->n_layout_dirs, &layout, said);
	/* What was loaded must be what was found (and, for a release's own
	 * layout, checked): a path swapped in between is refused. */
	if (s == LP_OK && yaml && strcmp(layout->path, yaml) != 0)
		s = lp_diag_report(said, LP_ERROR, LP_ERR_MISSING, load_as, 0, 0,
		        "the layout changed while it was being read");
	if (s == LP_OK) {
		s = lp_bundle_new(layout, e->fonts, out, said);
		layout = NULL; /* the bundle's, or dropped */
		if (s == LP_OK && (s = lp_engine_resolve_families(e, *out, said)) != LP_OK) {
			lp_bundle_drop(*out);
			*out = NULL;
		}
	}
	lp_layout_drop(layout);
	if (s == LP_OK)
		(*out)->said = said;
	return s;
}

/* Resolves the layouts named when the engine is made (by path), so that a
 * broken one is an error now. Layouts in the layout folders are resolved
 * when a document first asks for them. */
static lp_status
preload_layouts(lp_engine *e, const lp_engine_options *opts, lp_diag *diag)
{
	for (size_t i = 0; opts && i < opts->n_layouts; i++) {
		lp_bundle *bundle;
		lp_diag *said;
		/* missing stays missing (66), a broken one is invalid (65) */
		lp_status s = resolve(e, opts->layouts[i], NULL, &bundle, &said);
		lp_diag_replay(diag, said);
		if (s != LP_OK)
			lp_diag_drop(said);
		else if ((s = cache_bundle(e, bundle)) != LP_OK)
			lp_bundle_drop(bundle);
		if (s != LP_OK)
			return s;
	}
	return LP_OK;
}

lp_status
lp_engine_new(const lp_engine_options *opts, lp_engine **out, lp_diag *diag)
{
	*out = NULL;
	if (opts && lp_diag_check_version(diag, "lp_engine_options", opts->version,
	                    LP_ENGINE_OPTIONS_VERSION) != LP_OK)
		return LP_ERR_USAGE;
	size_t errors_before = lp_diag_errors(diag);
	const char *data = opts && opts->data_dir ? opts->data_dir : lp_default_data_dir();
	lp_engine *e = calloc(1, sizeof *e);
	if (!e)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_NOMEM, data, 0, 0,
		        "out of memory loading fonts and layouts");
	pthread_mutex_init(&e->lock, NULL);
	lp_status s = LP_ERR_NOMEM;
	if (lp_engine_layout_path(opts, data, &e->layout_dirs, &e->n_layout_dirs) != LP_OK)
		goto fail;

	/* Fonts folder first, system fonts under it (families.c). */
	if (!(opts && opts->no_system_fonts) &&
	        (!(e->system = lp_fontdb_new_last_resort()) || !(e->sysfonts = lp_sysfonts_new())))
		goto fail;
	e->fonts = e->system ? lp_fontdb_new_over(e->system) : lp_fontdb_new();
	if (!e->fonts)
		goto fail;
	char *fonts_dir = join(data, "fonts");
	if (!fonts_dir)
		goto fail;
	s = lp_fontdb_add_dir(e->fonts, fonts_dir, diag);
	free(fonts_dir);
	if (s != LP_OK)
		goto fail;
	/* Every document sees the same base fonts: a layout's own go into its
	 * bundle, over these. */
	lp_fontdb_freeze(e->fonts);
	s = preload_layouts(e, opts, diag);
	if (s != LP_OK)
		goto fail;
	e->hyph = lp_hyphenators_new(
	        opts && opts->hyphen_dir ? opts->hyphen_dir : LP_HYPHEN_DIR, diag);
	e->glyphs = lp_glyph_cache_new();
	e->pdf_fonts = lp_pdf_font_cache_new();
	e->words = lp_word_cache_new();
	e->kept_sets = lp_frozen_map_new(LP_KEPT_SETS_BYTES);
	e->named_layouts = lp_frozen_map_new(LP_NAMED_LAYOUTS_BYTES);
	e->breaks = lp_linebreak_templates_new();
	e->lexicon = lp_lexicon_new(LP_WORDLIST_PATH);
	if (!e->hyph || !e->glyphs || !e->pdf_fonts || !e->words || !e->kept_sets ||
	        !e->named_layouts || !e->breaks || !e->lexicon) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	*out = e;
	return LP_OK;
fail:
	/* Where an allocation failed, nothing said so yet. */
	if (s == LP_ERR_NOMEM && lp_diag_errors(diag) == errors_before)
		lp_diag_report(
		        diag, LP_ERROR, s, data, 0, 0, "out of memory loading fonts and layouts");
	lp_engine_drop(e);
	return s;
}

void
lp_engine_drop(lp_engine *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n_bundles; i++)
		lp_bundle_drop(e->bundles[i]);
	free(e->bundles);
	for (size_t i = 0; i < e->n_layout_dirs; i++)
		free(e->layout_dirs[i]);
	free(e->layout_dirs);
	lp_hyphenators_drop(e->hyph);
	lp_glyph_cache_drop(e->glyphs);
	lp_pdf_font_cache_drop(e->pdf_fonts);
	lp_word_cache_drop(e->words);
	lp_frozen_map_drop(e->kept_sets);
	lp_frozen_map_drop(e->named_layouts);
	lp_linebreak_templates_drop(e->breaks);
	lp_lexicon_drop(e->lexicon);
	lp_fontdb_drop(e->fonts);
	lp_fontdb_drop(e->system);
	lp_sysfonts_drop(e->sysfonts);
	pthread_mutex_destroy(&e->lock);
	free(e);
}

/* The bundle of the layout at yaml (an absolute path without symbolic
 * links, so one layout has one key however it was named), resolved once
 * and cached; load_as is the name it is loaded by, which messages show.
 * A failure is not kept: each document reports it. What loading said is
 * told after the lock is let go (a caller's callback may take its time). */
static lp_status
engine_layout_at(
        lp_engine *e, const char *yaml, const char *load_as, const lp_bundle **out, lp_diag *diag)
{
	lp_status s = LP_OK;
	lp_bundle *bundle = NULL;
	lp_diag *failed = NULL;
	pthread_mutex_lock(&e->lock);
	for (size_t i = 0; i < e->n_bundles && !bundle; i++)
		if (strcmp(e->bundles[i]->layout->path, yaml) == 0)
			bundle = e->bundles[i];
	if (!bundle) {
		lp_diag *said;
		s = resolve(e, load_as, yaml, &bundle, &said);
		if (s != LP_OK)
			failed = said;
		else if ((s = cache_bundle(e, bundle)) != LP_OK) {
			lp_bundle_drop(bundle);
			bundle = NULL;
		}
	}
	pthread_mutex_unlock(&e->lock);
	/* A cached bundle is frozen: its messages are read without the lock. */
	lp_diag_replay(diag, bundle ? bundle->said : failed);
	lp_diag_drop(failed);
	if (s == LP_OK)
		*out = bundle;
	return s;
}

/* The key of a layout name in e->named_layouts, into key (LP_NAMED_KEY
 * bytes): how it was named (a release's name in the layout folders 'r',
 * lp_engine_layout()'s name or path 'o': that one may also be a folder of
 * the working folder), then the name. Its length; 0 for a name too long
 * to keep (found each time). */
#define LP_NAMED_KEY 1024

static size_t
named_key(char how, const char *name, char key[LP_NAMED_KEY])
{
	size_t n = strlen(name);
	if (n + 1 > LP_NAMED_KEY)
		return 0;
	key[0] = how;
	memcpy(key + 1, name, n);
	return n + 1;
}

/* The bundle found before under key, told to diag as engine_layout_at()
 * tells it; false when there is none. Finding a name in the layout
 * folders costs more file system calls (a look in each folder, the real
 * path) than the rest of reading a release, and an archive's releases
 * share a few layouts: what a name found is kept, as its bundle is
 * (docs/layouts.md). */
static bool
named_found(lp_engine *e, const char *key, size_t key_len, const lp_bundle **out, lp_diag *diag)
{
	size_t got = 0;
	const lp_bundle *const *kept =
	        key_len ? lp_frozen_map_find(e->named_layouts, key, key_len, &got) : NULL;
	if (!kept || got != sizeof *kept)
		return false;
	*out = *kept;
	/* A kept bundle is frozen: its messages are read without the lock. */
	lp_diag_replay(diag, (*out)->said);
	return true;
}

/* Keeps what key found (only a layout that loaded: a missing or broken
 * one is told each time). */
static void
named_keep(lp_engine *e, const char *key, size_t key_len, const lp_bundle *b)
{
	if (key_len)
		lp_frozen_map_put(e->named_layouts, key, key_len, &b, sizeof b);
}

lp_status
lp_engine_layout(lp_engine *e, const char *name_or_path, const lp_bundle **out, lp_diag *diag)
{
	*out = NULL;
	char key[LP_NAMED_KEY];
	size_t key_len = named_key('o', name_or_path, key);
	if (named_found(e, key, key_len, out, diag))
		return LP_OK;
	char *yaml;
	lp_status s = lp_layout_find(
	        name_or_path, (const char *const *)e->layout_dirs, e->n_layout_dirs, &yaml, diag);
	if (s == LP_OK)
		s = engine_layout_at(e, yaml, name_or_path, out, diag);
	if (s == LP_OK)
		named_keep(e, key, key_len, *out);
	free(yaml);
	return s;
}

lp_status
lp_engine_release_layout(lp_engine *e, const lp_source *src, const char *name, uint64_t offset,
        const lp_bundle **out, lp_diag *diag)
{
	*out = NULL;
	/* Beside the release; the working folder for standard input. */
	const char *file = lp_source_name(src);
	char *root = lp_source_folder(file);
	if (!root)
		return LP_ERR_NOMEM;
	lp_file_ref ref = {.path = name,
	        .root = root,
	        .root_name = "the release's folder",
	        .key = "layout",
	        .by_file = file};
	/* The release's folder is looked in every time (a layout put there
	 * while `letterpress watch` runs is found); a path is checked every
	 * time, confined to the folder. */
	char key[LP_NAMED_KEY];
	size_t key_len = lp_layout_ref_in_dirs(&ref) ? named_key('r', name, key) : 0;
	if (named_found(e, key, key_len, out, diag)) {
		free(root);
		return LP_OK;
	}
	lp_source_line_col(src, offset, &ref.line, &ref.col);
	char *yaml, *shown;
	lp_status s = lp_layout_find_ref(
	        &ref, (const char *const *)e->layout_dirs, e->n_layout_dirs, &yaml, &shown, diag);
	if (s == LP_OK)
		s = engine_layout_at(e, yaml, shown, out, diag);
	if (s == LP_OK)
		named_keep(e, key, key_len, *out);
	free(yaml);
	free(shown);
	free(root);
	return s;
}

lp_status
lp_engine_list_layouts(const lp_engine *e, void (*fn)(const char *, const char *, void *),
        void *user, lp_diag *diag)
{
	char **names = NULL, **descs = NULL;
	size_t n = 0;
	lp_status s = lp_layout_list(
	        (const char *const *)e->layout_dirs, e->n_layout_dirs, &names, &descs, &n, diag);
	if (s != LP_OK)
		return s;
	for (size_t i = 0; i < n; i++)
		fn(names[i], descs[i] ? descs[i] : "", user);
	lp_layout_names_free(names, descs, n);
	return LP_OK;
}
