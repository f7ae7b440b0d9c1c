/*
 * The release's front matter against its layout: a key that is neither
 * one letterpress reads nor a {field} the layout prints is printed
 * nowhere. Close to a name that is printed, it is a misspelling ("titel"
 * for "title": a warning with the name meant); otherwise it is kept for
 * layouts that print it, and one note says which keys this layout leaves
 * out. A signature or a watermark the layout has no block for is a
 * warning too: nothing the release asks for is dropped without a word.
 */
#include "pipeline/pipeline.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/suggest.h"

#include <stdio.h>
#include <string.h>

/* The keys lp_release_parse() reads itself, and `keywords`, which names
 * the PDF's keywords. */
static const char *const known_keys[] = {"layout", "lang", "title", "place", "date", "number",
        "organ", "signature", "watermark", "keywords"};
#define N_KNOWN (sizeof known_keys / sizeof known_keys[0])

/* Calls fn for each {field} the layout's templates name (with its
 * length); stops when fn returns true, and returns that. */
static bool
each_field(const lp_layout *L, bool (*fn)(const char *name, size_t len, void *user), void *user)
{
	const lp_page_template *tpl[] = {&L->first, &L->rest};
	for (int t = 0; t < 2; t++)
		for (uint32_t b = 0; b < tpl[t]->n_blocks; b++) {
			const lp_layout_block *lb = &tpl[t]->blocks[b];
			for (uint32_t i = 0; i < lb->n_lines; i++)
				for (const char *p = lb->lines[i]; (p = strchr(p, '{')) != NULL;) {
					const char *close = strchr(p, '}');
					if (!close)
						break;
					if (fn(p + 1, (size_t)(close - p - 1), user))
						return true;
					p = close + 1;
				}
		}
	return false;
}

static bool
is_key(const char *name, size_t len, void *user)
{
	const char *key = user;
	return strlen(key) == len && strncmp(name, key, len) == 0;
}

bool
lp_layout_prints_field(const lp_layout *layout, const char *key)
{
	return each_field(layout, is_key, (void *)key);
}

static bool
has_block(const lp_layout *L, lp_lblock_kind kind)
{
	const lp_page_template *tpl[] = {&L->first, &L->rest};
	for (int t = 0; t < 2; t++)
		for (uint32_t b = 0; b < tpl[t]->n_blocks; b++)
			if (tpl[t]->blocks[b].kind == kind)
				return true;
	return false;
}

/* The names a misspelt key may have meant: the known keys, then the
 * layout's fields (each once; "{label:…}" and "{organ.1}" forms are not
 * front-matter keys). */
typedef struct names {
	const char **v;
	size_t n, cap;
	lp_arena *arena;
	bool nomem;
} names;

static bool
add_name(const char *name, size_t len, void *user)
{
	names *ns = user;
	if (len == 0 || memchr(name, ':', len) || memchr(name, '.', len))
		return false;
	for (size_t i = 0; i < ns->n; i++)
		if (strlen(ns->v[i]) == len && strncmp(ns->v[i], name, len) == 0)
			return false;
	if (LP_ARENA_ARRAY_RESERVE(ns->arena, ns->v, ns->cap, ns->n + 1, LP_ARRAY_ANY) != LP_OK) {
		ns->nomem = true;
		return true;
	}
	if (!(ns->v[ns->n++] = lp_arena_strndup(ns->arena, name, len)))
		ns->nomem = true;
	return ns->nomem;
}

lp_status
lp_job_check_fields(lp_job *job)
{
	const lp_layout *L = job->layout;
	const lp_meta *m = &job->rel->meta;
	names ns = {.cap = 32, .arena = job->arena};
	if (!(ns.v = lp_arena_array(job->arena, ns.cap, sizeof *ns.v)))
		return LP_ERR_NOMEM;
	for (size_t i = 0; i < N_KNOWN; i++)
		ns.v[ns.n++] = known_keys[i];
	each_field(L, add_name, &ns);
	if (ns.nomem)
		return LP_ERR_NOMEM;
	const char *layout = L->name ? L->name : "?";
	/* The keys no template prints, for one note. */
	char left[256] = "";
	size_t n_left = 0, at = 0;
	uint64_t first_left = 0;
	for (uint32_t i = 0; i < m->n_fields; i++) {
		const lp_field *f = &m->fields[i];
		if (!strcmp(f->key, "keywords") || lp_layout_prints_field(L, f->key))
			continue;
		const char *meant = lp_suggest(f->key, ns.v, ns.n);
		if (meant) {
			char hint[128];
			snprintf(hint, sizeof hint, "did you mean '%s'?", meant);
			lp_diag_extra x = {.span_bytes = strlen(f->key), .hint = hint};
			lp_diag_at_ex(job->diag, LP_WARNING, LP_OK, job->src, f->src_offset, &x,
			        "unknown key '%s': letterpress does not read it and layout '%s' "
			        "prints no {%s}",
			        f->key, layout, f->key);
			continue;
		}
		if (n_left++ == 0)
			first_left = f->src_offset;
		if (at < sizeof left)
			at += (size_t)snprintf(left + at, sizeof left - at, "%s'%s'",
			        n_left > 1 ? ", " : "", f->key);
	}
	if (n_left) {
		lp_diag_extra x = {
		        .span_bytes = strcspn(lp_source_data(job->src) + first_left, ":"),
		        .hint = "a layout prints a key as {key} in a template; 'keywords:' sets "
		                "the "
		                "PDF's keywords"};
		lp_diag_at_ex(job->diag, LP_NOTE, LP_OK, job->src, first_left, &x,
		        "layout '%s' prints no {field} for %s%s: %s kept for layouts that do, and "
		        "left out of this PDF",
		        layout, at >= sizeof left ? "these keys and more: " : "", left,
		        n_left > 1 ? "they are" : "it is");
	}
	if ((m->signature.name || m->signature.function || m->signature.image) &&
	        !has_block(L, LP_LB_SIGNATURE)) {
		lp_diag_extra x = {.span_bytes = strlen("signature"),
		        .hint = "'letterpress layouts' lists the layouts; docs/layouts.md shows a "
		                "signature block"};
		lp_diag_at_ex(job->diag, LP_WARNING, LP_OK, job->src, m->signature_offset, &x,
		        "layout '%s' has no signature block: the signature is not printed", layout);
	}
	if (m->watermark && !has_block(L, LP_LB_WATERMARK)) {
		lp_diag_extra x = {.span_bytes = strlen("watermark"),
		        .hint = "'letterpress layouts' lists the layouts; docs/layouts.md shows a "
		                "watermark block"};
		lp_diag_at_ex(job->diag, LP_WARNING, LP_OK, job->src, m->watermark_offset, &x,
		        "layout '%s' has no watermark block: the watermark '%s' is not printed",
		        layout, m->watermark);
	}
	return LP_OK;
}
