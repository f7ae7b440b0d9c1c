/* {field} templates, capitals and link detection for layout text. */
#include "pipeline/pipeline.h"

#include "base/diag.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucasemap.h>

/* A field's value: page numbers, the signature, then the release's. */
static const char *
field_value(lp_job *job, const char *key, size_t len, uint32_t page, uint32_t pages, char *num,
        size_t num_size)
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
	const lp_meta *m = &job->rel->meta;
	if (strncmp(name, "organ.", 6) == 0) {
		/* {organ.1} is the first organ line */
		unsigned long k = strtoul(name + 6, NULL, 10);
		return k >= 1 && k <= m->n_organ ? m->organ[k - 1] : NULL;
	}
	const lp_signature *sig = &m->signature;
	if (strcmp(name, "signature.name") == 0)
		return sig->name;
	if (strcmp(name, "signature.function") == 0)
		return sig->function;
	const char *v = lp_release_field(job->rel, name);
	return v && *v ? v : NULL;
}

const char *
lp_template_expand(lp_job *job, const char *tmpl, uint32_t page, uint32_t pages)
{
	size_t cap = strlen(tmpl) * 2 + 64, n = 0;
	char *out = lp_arena_alloc(job->arena, cap);
	for (const char *p = tmpl; out && *p;) {
		const char *piece = p;
		size_t piece_len = 1;
		char num[16];
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (close) {
			piece = field_value(
			        job, p + 1, (size_t)(close - p - 1), page, pages, num, sizeof num);
			if (!piece)
				return NULL; /* a line naming a missing field is left out */
			piece_len = strlen(piece);
			p = close + 1;
		} else {
			p++;
		}
		if (n + piece_len + 1 > cap) {
			size_t ncap = (n + piece_len + 1) * 2;
			out = lp_arena_grow(job->arena, out, cap, ncap, 1);
			cap = ncap;
			if (!out)
				return NULL;
		}
		memcpy(out + n, piece, piece_len);
		n += piece_len;
	}
	if (out)
		out[n] = '\0';
	return out;
}

const char *
lp_text_upper(lp_job *job, const char *text, const char *lang)
{
	UErrorCode err = U_ZERO_ERROR;
	char locale[16] = "";
	/* ICU wants "sr", not "sr-Cyrl", for its case rules. */
	if (lang) {
		size_t i = 0;
		for (; lang[i] && lang[i] != '-' && i + 1 < sizeof locale; i++)
			locale[i] = lang[i];
		locale[i] = '\0';
	}
	UCaseMap *map = ucasemap_open(locale, 0, &err);
	if (U_FAILURE(err))
		return text;
	int32_t len = (int32_t)strlen(text);
	int32_t cap = len * 3 + 8;
	char *out = lp_arena_alloc(job->arena, (size_t)cap);
	int32_t n = out ? ucasemap_utf8ToUpper(map, out, cap, text, len, &err) : 0;
	ucasemap_close(map);
	return out && U_SUCCESS(err) && n < cap ? out : text;
}

static bool
is_addr_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '%';
}

static bool
is_url_char(unsigned char c)
{
	return c > ' ' && c < 0x7F && !strchr("<>\"'()[]{},;", c);
}

/* One link found in text: [start, end) and its URI. */
typedef struct found_link {
	uint32_t start, end;
	const char *uri;
} found_link;

static bool
find_next_link(lp_job *job, const char *t, uint32_t from, found_link *f)
{
	size_t len = strlen(t);
	for (size_t i = from; i < len; i++) {
		bool at_word = i == 0 || !is_url_char((unsigned char)t[i - 1]);
		if (at_word &&
		        (strncmp(t + i, "http://", 7) == 0 || strncmp(t + i, "https://", 8) == 0 ||
		                strncmp(t + i, "www.", 4) == 0)) {
			size_t e = i;
			while (e < len && is_url_char((unsigned char)t[e]))
				e++;
			while (e > i && (t[e - 1] == '.' || t[e - 1] == ':'))
				e--; /* a full stop after a URL ends the sentence */
			f->start = (uint32_t)i;
			f->end = (uint32_t)e;
			f->uri = lp_arena_printf(job->arena, "%s%.*s", t[i] == 'w' ? "http://" : "",
			        (int)(e - i), t + i);
			return true;
		}
		if (t[i] == '@' && i > 0 && is_addr_char((unsigned char)t[i - 1])) {
			size_t s = i, e = i + 1;
			while (s > 0 && is_addr_char((unsigned char)t[s - 1]))
				s--;
			while (e < len && is_addr_char((unsigned char)t[e]))
				e++;
			while (e > i + 1 && t[e - 1] == '.')
				e--;
			if (e > i + 1 && memchr(t + i, '.', e - i)) {
				f->start = (uint32_t)s;
				f->end = (uint32_t)e;
				f->uri = lp_arena_printf(
				        job->arena, "mailto:%.*s", (int)(e - s), t + s);
				return true;
			}
		}
	}
	return false;
}

uint32_t
lp_autolink(
        lp_job *job, const char *text, lp_rspan **spans_out, const char ***uris, uint32_t *n_uris)
{
	uint32_t len = (uint32_t)strlen(text), n = 0, pos = 0;
	/* At most one link per 3 bytes, plus the text between. */
	lp_rspan *spans = lp_arena_array(job->arena, len / 3 * 2 + 2, sizeof *spans);
	const char **links = lp_arena_array(job->arena, len / 3 + 1, sizeof *links);
	*n_uris = 0;
	found_link f;
	while (spans && links && find_next_link(job, text, pos, &f)) {
		if (f.start > pos)
			spans[n++] = (lp_rspan){pos, f.start - pos, 0, -1};
		links[*n_uris] = f.uri;
		spans[n++] = (lp_rspan){f.start, f.end - f.start, LP_INLINE_LINK, (int32_t)*n_uris};
		(*n_uris)++;
		pos = f.end;
	}
	if (spans && (pos < len || n == 0))
		spans[n++] = (lp_rspan){pos, len - pos, 0, -1};
	*spans_out = spans;
	*uris = links;
	return spans ? n : 0;
}
