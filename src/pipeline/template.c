/* {field} templates for layout text. */
#include "pipeline/pipeline.h"

#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
