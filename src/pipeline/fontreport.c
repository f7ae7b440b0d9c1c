/* lp_font_report_make(): which faces a layout's documents can use, and
 * which of them sets each character of a release, for `letterpress
 * fonts`. It asks the same questions text/itemize.c does, of the same
 * layered font database, so what it says is what a render does. */
#include "pipeline/pipeline.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "base/utf8.h"
#include "pipeline/bundle.h"
#include "release/release.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct report_faces {
	lp_font_face *faces;
	const lp_font **fonts; /* the same faces, for finding a chain's */
	size_t n, cap, cap_fonts;
} report_faces;

static lp_status
add_face(report_faces *r, const lp_font *f, lp_font_from from)
{
	lp_status s = LP_ARRAY_RESERVE(r->faces, r->cap, r->n + 1, LP_ARRAY_ANY);
	if (s == LP_OK)
		s = LP_ARRAY_RESERVE(r->fonts, r->cap_fonts, r->n + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	const lp_font_metrics *m = lp_font_metrics_of(f);
	r->faces[r->n] = (lp_font_face){lp_font_family(f), lp_font_style_name(f), m->weight,
	        m->italic, lp_font_shown(f), from};
	r->fonts[r->n++] = f;
	return LP_OK;
}

/* True when the layout names family (a style's, a fallback) or it is
 * the symbol family: the system faces the layout's documents can reach. */
static bool
named(const lp_layout *L, const char *family)
{
	if (strcasecmp(family, LP_FONT_SYMBOL_FAMILY) == 0)
		return true;
	for (uint32_t i = 0; i < L->n_styles; i++)
		if (L->styles[i].family && strcasecmp(L->styles[i].family, family) == 0)
			return true;
	for (uint32_t i = 0; i < L->n_fallback; i++)
		if (strcasecmp(L->fallback[i], family) == 0)
			return true;
	return false;
}

static lp_status
list_faces(const lp_engine *e, const lp_bundle *b, report_faces *r)
{
	lp_status s = LP_OK;
	const lp_fontdb *layers[3] = {b->fonts, e->fonts, e->system};
	for (int k = 0; k < 3 && s == LP_OK; k++)
		for (size_t i = 0, n = layers[k] ? lp_fontdb_count(layers[k]) : 0;
		        i < n && s == LP_OK; i++) {
			const lp_font *f = lp_fontdb_font_at(layers[k], i);
			/* The system layer holds what any layout asked for. */
			if (k < 2 || named(b->layout, lp_font_family(f)))
				s = add_face(r, f, (lp_font_from)k);
		}
	return s;
}

static int
cmp_chars(const void *a, const void *b)
{
	uint32_t x = ((const lp_font_char *)a)->codepoint, y = ((const lp_font_char *)b)->codepoint;
	return (x > y) - (x < y);
}

static bool
is_space(uint32_t cp)
{
	return cp < 0x20 || cp == ' ' || (cp >= 0x7F && cp < 0xA0) || cp == 0xFEFF;
}

/* Each distinct character of src, at its first place, and its face. */
static lp_status
list_chars(const lp_source *src, const lp_bundle *b, const report_faces *faces, lp_font_report *out)
{
	const lp_layout *L = b->layout;
	const lp_style *body = lp_layout_style(L, L->style_body ? L->style_body : "body");
	uint16_t weight = body ? body->weight : 400;
	bool italic = body && body->italic;
	const lp_font *chain[1 + LP_MAX_FALLBACK_FONTS + 1];
	size_t n_chain = 0;
	const lp_font *f;
	if (body && body->family && (f = lp_fontdb_lookup(b->fonts, body->family, weight, italic)))
		chain[n_chain++] = f;
	for (uint32_t i = 0; i < L->n_fallback && n_chain < LP_MAX_FALLBACK_FONTS + 1; i++)
		if ((f = lp_fontdb_lookup(b->fonts, L->fallback[i], weight, italic)))
			chain[n_chain++] = f;
	if ((f = lp_fontdb_lookup(b->fonts, LP_FONT_SYMBOL_FAMILY, weight, italic)))
		chain[n_chain++] = f;

	uint8_t *seen = calloc(0x110000 / 8, 1);
	if (!seen)
		return LP_ERR_NOMEM;
	const uint8_t *text = (const uint8_t *)lp_source_data(src);
	size_t size = lp_source_size(src), cap = 0;
	lp_status s = LP_OK;
	for (size_t pos = 0; pos < size && s == LP_OK;) {
		size_t at = pos;
		uint32_t cp;
		lp_utf8_decode(text, size, &pos, &cp);
		if (is_space(cp) || seen[cp >> 3] & (1u << (cp & 7)))
			continue;
		seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		if ((s = LP_ARRAY_RESERVE(out->chars, cap, out->n_chars + 1, LP_ARRAY_ANY)) !=
		        LP_OK)
			break;
		lp_font_char *c = &out->chars[out->n_chars++];
		*c = (lp_font_char){.codepoint = cp, .face = -1};
		lp_source_line_col(src, at, &c->line, &c->col);
		for (size_t i = 0; i < n_chain && c->face < 0; i++)
			if (lp_font_has_codepoint(chain[i], cp))
				for (size_t k = 0; k < faces->n; k++)
					if (faces->fonts[k] == chain[i])
						c->face = (long)k;
		out->n_uncovered += c->face < 0;
	}
	free(seen);
	if (s == LP_OK)
		qsort(out->chars, out->n_chars, sizeof *out->chars, cmp_chars);
	return s;
}

lp_status
lp_font_report_make(lp_engine *e, const char *layout, const char *release_path,
        lp_font_report *report, lp_diag *diag)
{
	if (!report)
		return lp_diag_report(
		        diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0, "no lp_font_report to fill");
	if (lp_diag_check_version(
	            diag, "lp_font_report", report->version, LP_FONT_REPORT_VERSION) != LP_OK)
		return LP_ERR_USAGE;
	lp_font_report_clear(report);
	lp_source *src = NULL;
	lp_arena *arena = NULL;
	const lp_bundle *b = NULL;
	report_faces faces = {0};
	lp_status s = LP_OK;
	const char *was = lp_diag_set_document(diag, release_path);
	if (release_path && !layout) {
		/* The release's own layout, found as a render finds it. */
		lp_release *rel;
		if ((s = lp_source_load(release_path, LP_MAX_RELEASE_BYTES, &src, diag)) != LP_OK)
			goto done;
		if (!(arena = lp_arena_new(64 << 10))) {
			s = LP_ERR_NOMEM;
			goto done;
		}
		if ((s = lp_release_parse(src, NULL, arena, &rel, diag)) != LP_OK)
			goto done;
		if (rel->meta.layout)
			s = lp_engine_release_layout(
			        e, src, rel->meta.layout, rel->meta.layout_offset, &b, diag);
		else
			s = lp_engine_layout(e, LP_DEFAULT_LAYOUT, &b, diag);
	} else {
		if (release_path && (s = lp_source_load(release_path, LP_MAX_RELEASE_BYTES, &src,
		                             diag)) != LP_OK)
			goto done;
		s = lp_engine_layout(e, layout ? layout : LP_DEFAULT_LAYOUT, &b, diag);
	}
	if (s != LP_OK || (s = list_faces(e, b, &faces)) != LP_OK)
		goto done;
	if (src && (s = list_chars(src, b, &faces, report)) != LP_OK)
		goto done;
	report->faces = faces.faces;
	report->n_faces = faces.n;
	faces.faces = NULL;
done:
	if (s != LP_OK) {
		lp_font_report_clear(report);
		free(faces.faces);
	}
	free(faces.fonts);
	lp_arena_drop(arena);
	lp_source_drop(src);
	lp_diag_set_document(diag, was);
	return s;
}

void
lp_font_report_clear(lp_font_report *r)
{
	if (!r)
		return;
	free(r->faces);
	free(r->chars);
	int version = r->version;
	memset(r, 0, sizeof *r);
	r->version = version;
}
