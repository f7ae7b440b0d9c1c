/*
 * The release's front matter against its layout: a key that is neither
 * one letterpress reads nor a {field} the layout prints is printed
 * nowhere. Close to a name that is printed, it is a misspelling ("titel"
 * for "title": a warning with the name meant); otherwise it is kept for
 * layouts that print it, and one note says which keys this layout leaves
 * out, with the number, place and organ lines it does not print. A
 * signature or a watermark the layout has no block for is a warning too:
 * nothing the release asks for is dropped without a word.
 */
#include "pipeline/pipeline.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/suggest.h"

#include <stdint.h>
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

/* Which organ lines the templates print: {organ} every one, {organ.N-}
 * the Nth and after, {organ.N} the Nth (of the first 64). */
typedef struct organ_cover {
	uint32_t from; /* 1-based: this line and after; UINT32_MAX: none */
	uint64_t single; /* bit N-1: line N */
} organ_cover;

static bool
add_organ(const char *name, size_t len, void *user)
{
	organ_cover *c = user;
	if (len == 5 && strncmp(name, "organ", 5) == 0) {
		c->from = 1;
		return false;
	}
	if (len < 7 || strncmp(name, "organ.", 6) != 0 || name[6] < '1' || name[6] > '9')
		return false;
	uint64_t n = 0;
	size_t i = 6;
	for (; i < len && name[i] >= '0' && name[i] <= '9' && n < UINT32_MAX; i++)
		n = n * 10 + (uint64_t)(name[i] - '0');
	if (i == len - 1 && name[i] == '-' && n < c->from)
		c->from = (uint32_t)n;
	else if (i == len && n <= 64)
		c->single |= (uint64_t)1 << (n - 1);
	return false;
}

/* The first of the release's n organ lines the layout prints nowhere, or
 * 0 when it prints them all. */
static uint32_t
first_organ_left(const lp_layout *L, uint32_t n)
{
	organ_cover c = {UINT32_MAX, 0};
	each_field(L, add_organ, &c);
	for (uint32_t k = 1; k <= n; k++)
		if (k < c.from && (k > 64 || !(c.single >> (k - 1) & 1)))
			return k;
	return 0;
}

/* The keys no template prints, for one note. */
typedef struct left_keys {
	char text[256];
	size_t at, n;
	uint64_t first; /* the offset of the first in the release */
} left_keys;

static void
add_left(left_keys *l, const char *key, const char *more, uint64_t offset)
{
	if (l->n++ == 0 || offset < l->first)
		l->first = offset;
	if (l->at < sizeof l->text)
		l->at += (size_t)snprintf(l->text + l->at, sizeof l->text - l->at, "%s'%s'%s",
		        l->n > 1 ? ", " : "", key, more);
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
	left_keys left = {.text = ""};
	/* The keys letterpress reads that a letterhead prints through its
	 * templates, when the release wrote them (not the layout's defaults). */
	if (m->number && m->number_offset && !lp_layout_prints_field(L, "number"))
		add_left(&left, "number", "", m->number_offset);
	if (m->place && m->place_offset && !lp_layout_prints_field(L, "place"))
		add_left(&left, "place", "", m->place_offset);
	uint32_t organ_left = m->n_organ && m->organ_offset ? first_organ_left(L, m->n_organ) : 0;
	char lines[48] = "";
	if (organ_left > 1)
		snprintf(lines, sizeof lines, " (line %u and after)", organ_left);
	if (organ_left)
		add_left(&left, "organ", lines, m->organ_offset);
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
		add_left(&left, f->key, "", f->src_offset);
	}
	if (left.n) {
		lp_diag_extra x = {
		        .span_bytes = strcspn(lp_source_data(job->src) + left.first, ":"),
		        .hint = "a layout prints a key as {key} in a template; 'keywords:' sets "
		                "the "
		                "PDF's keywords"};
		lp_diag_at_ex(job->diag, LP_NOTE, LP_OK, job->src, left.first, &x,
		        "layout '%s' prints no {field} for %s%s: %s kept for layouts that do, and "
		        "not printed on this letterhead",
		        layout, left.at >= sizeof left.text ? "these keys and more: " : "",
		        left.text, left.n > 1 ? "they are" : "it is");
	}
	if ((m->signature.name || m->signature.function || m->signature.image) &&
	        !has_block(L, LP_LB_SIGNATURE)) {
		lp_diag_extra x = {.span_bytes = strlen("signature"),
		        .hint = "'letterpress layouts' lists the layouts; docs/layouts.md shows a "
		                "signature block"};
		lp_diag_at_ex(job->diag, LP_WARNING, LP_OK, job->src, m->signature_offset, &x,
		        "layout '%s' has no signature block: the signature is not printed", layout);
	}
	if (job->sig_field && !job->sig_stamp && !has_block(L, LP_LB_SIGNATURE)) {
		/* Signed, an invisible signature is complete; an empty field
		 * there has nowhere to be clicked. */
		lp_diag_extra x = {.hint = "render with a layout that has a signature block, or "
		                           "sign the field by its name (pdfsig -sign NAME)"};
		lp_diag_report_ex(job->diag, LP_WARNING, LP_OK, lp_layout_shown(L), 0, 0, &x,
		        "layout '%s' has no signature block: the signature field is invisible, "
		        "and no viewer can be clicked on it to sign",
		        layout);
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
