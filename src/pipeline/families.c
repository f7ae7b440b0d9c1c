/* The font families a layout names, each found when the layout is
 * resolved (under the engine's lock): among the layout's own fonts, the
 * fonts folder's, then the system's by name through fontconfig, whose
 * faces join the engine's system layer once and serve every later
 * document. A family found nowhere is an error at the layout's line, so
 * a misspelt family is never blamed on a release.
 *
 * Why the order of documents cannot change a document's fonts: a lookup
 * reaches the system layer only for a family no layer above has
 * (lp_fontdb_new_last_resort()), a family is loaded whole (every face
 * fontconfig lists, in path order) the first time any layout names it,
 * and a document looks up only the families its layout names, all of
 * which its layout's resolving loaded. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/suggest.h"
#include "font/sysfont.h"
#include "pipeline/bundle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
has_origin(const lp_fontdb *db, const char *path)
{
	for (size_t i = 0, n = lp_fontdb_count(db); i < n; i++)
		if (strcmp(lp_font_origin(lp_fontdb_font_at(db, i)), path) == 0)
			return true;
	return false;
}

/* Adds the system's faces of family to the engine's system layer; the
 * files of a family asked for before are there already. Like the fonts
 * folder's, they are the engine's: what they said is told, but they are
 * not among the files the layout read (which the first layout to name a
 * family would list, and the next not). */
static lp_status
load_system_family(lp_engine *e, const char *family, lp_diag *diag)
{
	char **files;
	size_t n;
	lp_diag *said = lp_diag_new(NULL, NULL);
	if (!said)
		return LP_ERR_NOMEM;
	lp_status s = lp_sysfonts_family_files(e->sysfonts, family, &files, &n);
	for (size_t i = 0; i < n && s == LP_OK; i++)
		if (!has_origin(e->system, files[i]))
			s = lp_fontdb_add_file(e->system, files[i], said);
	lp_sysfonts_files_free(files, n);
	lp_diag_replay(diag, said);
	lp_diag_drop(said);
	return s;
}

/* The closest family among the layout's and the fonts folder's (not the
 * system layer's: it holds whatever other layouts asked for), for "did
 * you mean". */
static const char *
closest_family(const lp_engine *e, const lp_fontdb *db, const char *family)
{
	const char *names[64];
	size_t n = 0;
	for (; db && db != e->system; db = lp_fontdb_base(db))
		for (size_t i = 0, count = lp_fontdb_count(db); i < count && n < 64; i++)
			names[n++] = lp_font_family(lp_fontdb_font_at(db, i));
	return lp_suggest(family, names, n);
}

/* A family not found, at `at` of the layout file `from` (the layout or
 * one it extends), with that file's line shown. */
static lp_status report_family(lp_diag *diag, const lp_layout *from, lp_layout_at at,
        const char *family, const char *hint, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

static lp_status
report_family(lp_diag *diag, const lp_layout *from, lp_layout_at at, const char *family,
        const char *hint, const char *fmt, ...)
{
	const lp_source *src = lp_layout_source(from);
	const lp_source *was = lp_diag_set_source(diag, src);
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lp_diag_extra x = {.span = (uint32_t)strlen(family), .hint = hint};
	lp_status s = lp_diag_report_ex(
	        diag, LP_ERROR, LP_ERR_FONT, lp_layout_shown(from), at.line, at.col, &x, "%s", msg);
	lp_diag_set_source(diag, was);
	return s;
}

/* Finds family (loading it from the system when it is nowhere else);
 * required: a family not found is an error at `at` of the layout file
 * `from`. */
static lp_status
resolve_family(lp_engine *e, const lp_layout *from, const lp_fontdb *fonts, const char *family,
        lp_layout_at at, bool required, lp_diag *diag)
{
	if (lp_fontdb_lookup(fonts, family, 400, false))
		return LP_OK;
	size_t before = e->system ? lp_fontdb_count(e->system) : 0;
	if (e->system) {
		lp_status s = load_system_family(e, family, diag);
		if (s != LP_OK)
			return s;
		if (lp_fontdb_lookup(fonts, family, 400, false))
			return LP_OK;
	}
	if (!required)
		return LP_OK;
	if (e->system && lp_fontdb_count(e->system) > before) {
		/* fontconfig matches every name a font gives its family; the
		 * database knows the typographic one. */
		const lp_font *f = lp_fontdb_font_at(e->system, before);
		return report_family(diag, from, at, family, NULL,
		        "font family '%s': the system's font %s names its family '%s'; write that",
		        family, lp_font_shown(f), lp_font_family(f));
	}
	const char *near = closest_family(e, fonts, family);
	char hint[160];
	if (near)
		snprintf(hint, sizeof hint, "did you mean '%s'?", near);
	return report_family(diag, from, at, family, near ? hint : NULL,
	        "font family '%s' is not among the layout's fonts, the bundled fonts%s", family,
	        e->system ? " or the system's (fontconfig)"
	                  : " (system fonts are off: --no-system-fonts)");
}

/* Every family is looked at, so that one check names every misspelt
 * family (each once: a style based on another shares its family's place);
 * only an error other than a missing family stops it. */
static bool
keep_going(lp_status s, lp_status *first)
{
	if (s != LP_OK && *first == LP_OK)
		*first = s;
	return s == LP_OK || s == LP_ERR_FONT;
}

static bool
same_place(lp_layout_at a, lp_layout_at b)
{
	return a.line && a.line == b.line && a.col == b.col;
}

lp_status
lp_engine_resolve_families(lp_engine *e, const lp_bundle *b, lp_diag *diag)
{
	const lp_layout *L = b->layout;
	lp_status first = LP_OK;
	for (uint32_t i = 0; i < L->n_styles; i++) {
		bool said = false;
		for (uint32_t k = 0; k < i && !said; k++)
			said = same_place(L->styles[k].family_at, L->styles[i].family_at);
		if (L->styles[i].family && !said &&
		        !keep_going(
		                resolve_family(e, L->styles_from ? L->styles_from : L, b->fonts,
		                        L->styles[i].family, L->styles[i].family_at, true, diag),
		                &first))
			return first;
	}
	for (uint32_t i = 0; i < L->n_fallback; i++) {
		lp_layout_at at = L->fallback_at ? L->fallback_at[i] : (lp_layout_at){0, 0};
		if (!keep_going(resolve_family(e, L->fonts_from ? L->fonts_from : L, b->fonts,
		                        L->fallback[i], at, true, diag),
		            &first))
			return first;
	}
	/* The symbol face every chain ends with, where there is one. */
	if (first == LP_OK)
		first = resolve_family(
		        e, L, b->fonts, LP_FONT_SYMBOL_FAMILY, (lp_layout_at){0, 0}, false, diag);
	return first;
}
