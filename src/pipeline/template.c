/* {field} templates with [optional segments] and {label.NAME}s for layout
 * text (docs/layouts.md, Values). */
#include "pipeline/pipeline.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

static const char *expand(lp_job *job, const char *tmpl, uint32_t page, uint32_t pages, int depth);

/* A field's value: page numbers, labels, the signature, then the
 * release's; NULL when the release has none (or it is empty). */
static const char *
field_value(lp_job *job, const char *key, size_t len, uint32_t page, uint32_t pages, char *num,
        size_t num_size, int depth)
{
	char name[64];
	if (len >= sizeof name)
		return NULL;
	memcpy(name, key, len);
	name[len] = '\0';
	if (page && strcmp(name, "page") == 0) {
		snprintf(num, num_size, "%u", page);
		return num;
	}
	if (page && strcmp(name, "pages") == 0) {
		snprintf(num, num_size, "%u", pages);
		return num;
	}
	if (strncmp(name, "label.", 6) == 0) {
		/* A label may hold fields ("Страна {page} од {pages}"), never
		 * labels (layout/labels.c checks; depth makes sure). */
		const char *t = lp_layout_label(job->layout, job->lang, name + 6);
		return t && depth == 0 ? expand(job, t, page, pages, depth + 1) : NULL;
	}
	const lp_meta *m = &job->rel->meta;
	if (strncmp(name, "organ.", 6) == 0) {
		/* {organ.1} is the first organ line; {organ.2-} inside a line
		 * is the second and every one after it, one line each (U+2028
		 * between them), as {organ} is all of them. */
		char *end;
		unsigned long k = strtoul(name + 6, &end, 10);
		if (k < 1 || k > m->n_organ)
			return NULL;
		return *end == '-' ? lp_release_join_lines(m->organ + k - 1,
		                             m->n_organ - (uint32_t)(k - 1), job->arena)
		                   : m->organ[k - 1];
	}
	const lp_signature *sig = &m->signature;
	if (strcmp(name, "signature.name") == 0)
		return sig->name;
	if (strcmp(name, "signature.function") == 0)
		return sig->function;
	const char *v = lp_release_field(job->rel, name);
	return v && *v ? v : NULL;
}

/* Spaces and punctuation that join a segment to what comes before it
 * (", ", " · ", " — ", " | "), but no opening bracket or quote. */
static bool
is_separator(const char *s, size_t *len)
{
	size_t pos = 0;
	uint32_t cp;
	if (!lp_utf8_decode((const uint8_t *)s, strlen(s), &pos, &cp))
		return false;
	*len = pos;
	int8_t gc = u_charType((UChar32)cp);
	return cp == '|' || gc == U_SPACE_SEPARATOR || gc == U_OTHER_PUNCTUATION ||
	       gc == U_DASH_PUNCTUATION;
}

static bool
only_spaces(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

/* See lp_template_expand(). depth is 1 inside a label. */
static const char *
expand(lp_job *job, const char *tmpl, uint32_t page, uint32_t pages, int depth)
{
	size_t cap = strlen(tmpl) * 2 + 64, n = 0;
	char *out = lp_arena_alloc(job->arena, cap);
	/* The open segment: where its output starts, whether every field in
	 * it has a value, and how long its leading separator is (growing
	 * until its first field or other text). */
	bool in_seg = false, seg_ok = true, in_sep = false;
	size_t seg_start = 0, sep_len = 0;
	for (const char *p = tmpl; out && *p;) {
		const char *piece = p;
		size_t piece_len = 1, sep = 0;
		char num[16];
		const char *close = *p == '{' && p[1] != '{' ? strchr(p, '}') : NULL;
		if ((*p == '[' || *p == ']' || *p == '{' || *p == '}') && p[1] == *p) {
			p += 2; /* [[ ]] {{ }}: the character itself */
		} else if (*p == '[') {
			in_seg = in_sep = seg_ok = true;
			seg_start = n;
			sep_len = 0;
			p++;
			continue;
		} else if (*p == ']') {
			if (!seg_ok)
				n = seg_start; /* a field of it is missing: all of it goes */
			else if (sep_len && only_spaces(out, seg_start)) {
				/* Nothing before it on the line: its separator goes. */
				memmove(out + seg_start, out + seg_start + sep_len,
				        n - seg_start - sep_len);
				n -= sep_len;
			}
			in_seg = in_sep = false;
			p++;
			continue;
		} else if (close) {
			bool test = p[1] == '?'; /* {?field}: a condition, printed as nothing */
			piece = field_value(job, p + 1 + test, (size_t)(close - p - 1 - test), page,
			        pages, num, sizeof num, depth);
			in_sep = false;
			if (!piece && !in_seg)
				return NULL; /* a line naming a missing field is left out */
			seg_ok = seg_ok && piece;
			piece_len = piece && !test ? strlen(piece) : 0;
			p = close + 1;
		} else if (in_sep && is_separator(p, &sep)) {
			piece_len = sep;
			sep_len += sep;
			p += sep;
		} else {
			in_sep = false;
			p++;
		}
		if (LP_ARENA_ARRAY_RESERVE(job->arena, out, cap, n + piece_len + 1, LP_ARRAY_ANY) !=
		        LP_OK)
			return NULL;
		if (piece_len)
			memcpy(out + n, piece, piece_len);
		n += piece_len;
	}
	if (!out)
		return NULL;
	/* What dropped segments leave at the ends of the line. */
	size_t lead = 0;
	while (lead < n && out[lead] == ' ')
		lead++;
	while (n > lead && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out + lead;
}

const char *
lp_template_expand(lp_job *job, const char *tmpl, uint32_t page, uint32_t pages)
{
	return expand(job, tmpl, page, pages, 0);
}
