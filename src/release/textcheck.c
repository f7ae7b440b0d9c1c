/*
 * The text policy at release parse time (textcheck.h). The policy itself is
 * text/policy.c; this file only finds where in the file a finding is.
 */
#include "release/textcheck.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "text/policy.h"
#include "text/scriptlint.h"

/* ---- Blocks ------------------------------------------------------------- */

lp_status
lp_textmap_add(lp_textmap *m, uint32_t text, uint64_t src, bool exact)
{
	if (m->n) {
		const lp_textmap_piece *last = &m->pieces[m->n - 1];
		if (last->text == text)
			m->n--; /* an empty piece: the new one replaces it */
		else if (exact && last->exact && last->src + (text - last->text) == src)
			return LP_OK; /* continues the last piece */
	}
	lp_status s = LP_ARRAY_RESERVE(m->pieces, m->cap, (size_t)m->n + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	m->pieces[m->n++] = (lp_textmap_piece){text, src, exact};
	return LP_OK;
}

void
lp_textmap_free(lp_textmap *m)
{
	free(m->pieces);
	*m = (lp_textmap){0};
}

uint64_t
lp_textmap_at(const lp_textmap_piece *pieces, uint32_t n, uint32_t pos)
{
	if (!n)
		return 0;
	/* The last piece that starts at or before pos. */
	uint32_t lo = 0, hi = n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (pieces[mid].text <= pos)
			lo = mid;
		else
			hi = mid;
	}
	const lp_textmap_piece *p = &pieces[lo];
	return p->src + (p->exact && pos > p->text ? pos - p->text : 0);
}

lp_status
lp_textmap_cut(lp_textmap *m, uint32_t a, uint32_t b)
{
	if (b <= a || !m->n)
		return LP_OK;
	/* What is left of the piece b is in starts at a; the pieces that
	 * started in [a, b] are gone, and those after move back. */
	uint32_t k = 0;
	while (k + 1 < m->n && m->pieces[k + 1].text <= b)
		k++;
	lp_textmap_piece at_b = {a, lp_textmap_at(m->pieces, m->n, b), m->pieces[k].exact};
	uint32_t first = 0; /* the first piece that starts at a or later */
	while (first < m->n && m->pieces[first].text < a)
		first++;
	uint32_t after = k + 1; /* the first piece past b */
	if (after < first)
		after = first;
	if (after == first) { /* nothing to take out: room for one more */
		lp_status s = LP_ARRAY_RESERVE(m->pieces, m->cap, (size_t)m->n + 1, LP_ARRAY_ANY);
		if (s != LP_OK)
			return s;
	}
	memmove(m->pieces + first + 1, m->pieces + after,
	        (size_t)(m->n - after) * sizeof *m->pieces);
	m->n = first + 1 + (m->n - after);
	m->pieces[first] = at_b;
	for (uint32_t i = first + 1; i < m->n; i++)
		m->pieces[i].text -= b - a;
	return LP_OK;
}

/* The length of the UTF-8 character whose first byte is c. */
static uint32_t
char_len(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

lp_status
lp_textmap_requote(
        lp_textmap *m, const char *was, uint32_t was_len, const char *now, uint32_t now_len)
{
	lp_textmap out = {0};
	lp_status s = LP_OK;
	uint32_t i = 0, j = 0, k = 0;
	const lp_textmap_piece *cur = NULL;
	for (; s == LP_OK; i++, j++) {
		for (; k < m->n && m->pieces[k].text <= i; k++) {
			cur = &m->pieces[k];
			s = lp_textmap_add(&out, j, cur->src, cur->exact);
		}
		if (s != LP_OK || i >= was_len || j >= now_len)
			break;
		if ((was[i] != '"' && was[i] != '\'') || now[j] == was[i] || !cur) {
			/* Nothing here, nor up to the next straight quote or piece
			 * (the two texts are the same bytes up to it): on to just
			 * before it, in step. */
			uint32_t end = was_len - i < now_len - j ? was_len : i + (now_len - j);
			if (k < m->n && m->pieces[k].text < end)
				end = m->pieces[k].text;
			uint32_t e = i + 1;
			while (e < end && was[e] != '"' && was[e] != '\'')
				e++;
			j += e - 1 - i;
			i = e - 1;
			continue;
		}
		/* A quote made a mark: the mark stands where the quote was, and
		 * the piece goes on after it. */
		uint64_t at = cur->src + (cur->exact ? i - cur->text : 0);
		s = lp_textmap_add(&out, j, at, false);
		j += char_len((unsigned char)now[j]) - 1;
		if (s == LP_OK && cur->exact && (k == m->n || m->pieces[k].text != i + 1))
			s = lp_textmap_add(&out, j + 1, at + 1, true);
	}
	if (s != LP_OK) {
		lp_textmap_free(&out);
		return s;
	}
	free(m->pieces);
	*m = out;
	return LP_OK;
}

typedef struct block_ctx {
	const lp_source *src;
	const lp_textmap *map;
	lp_diag *diag;
} block_ctx;

static lp_status
report_block(void *user, uint32_t offset, lp_severity severity, lp_status code, const char *msg)
{
	const block_ctx *c = user;
	uint64_t at = lp_textmap_at(c->map->pieces, c->map->n, offset);
	return lp_diag_at(c->diag, severity, code, c->src, at, "%s", msg);
}

lp_status
lp_release_check_block(const lp_source *src, const char *text, uint32_t len, const lp_textmap *map,
        lp_lexicon *lex, lp_diag *diag)
{
	block_ctx c = {src, map, diag};
	lp_status s = lp_text_simple_and_allowed(text, len)
	                      ? LP_OK
	                      : lp_text_check(text, len, true, report_block, &c);
	if (s == LP_OK)
		lp_text_lint_scripts(text, len, lex, report_block, &c);
	return s;
}

/* ---- Front-matter keys and values -------------------------------------- */

typedef struct yaml_ctx {
	const lp_source *src;
	const lp_yaml_text *t;
	lp_diag *diag;
} yaml_ctx;

/* The first needle[0, n) in hay[0, len), or NULL. */
static const char *
find(const char *hay, size_t len, const uint8_t *needle, size_t n)
{
	for (const char *p = hay; n && (size_t)(hay + len - p) >= n;) {
		p = memchr(p, needle[0], (size_t)(hay + len - p) - n + 1);
		if (!p)
			break;
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Where the character at t->text[offset] is written in the YAML: the k-th
 * time its bytes appear there, if it is the k-th in the value (as it is
 * unless escapes or folding changed the text); else the value's start. */
static uint64_t
yaml_locate(const lp_source *src, const lp_yaml_text *t, size_t offset)
{
	const uint8_t *v = (const uint8_t *)t->text;
	size_t end = offset;
	uint32_t cp;
	lp_utf8_decode(v, t->len, &end, &cp);
	size_t n = end - offset, k = 0;
	for (const char *p = t->text; (p = find(p, offset - (size_t)(p - t->text), v + offset, n));
	        p += n)
		k++;
	const char *yaml = lp_source_data(src) + t->start;
	size_t ylen = (size_t)(t->end - t->start);
	for (const char *p = yaml; (p = find(p, ylen - (size_t)(p - yaml), v + offset, n)); p += n)
		if (k-- == 0)
			return t->start + (uint64_t)(p - yaml);
	return t->start;
}

static lp_status
report_yaml(void *user, uint32_t offset, lp_severity severity, lp_status code, const char *msg)
{
	const yaml_ctx *c = user;
	return lp_diag_at(c->diag, severity, code, c->src, yaml_locate(c->src, c->t, offset),
	        "%s: %s", c->t->what, msg);
}

lp_status
lp_release_check_yaml(
        const lp_source *src, const lp_yaml_text *t, size_t *total, lp_lexicon *lex, lp_diag *diag)
{
	if (t->len > LP_MAX_FIELD_BYTES)
		return lp_diag_at(diag, LP_ERROR, LP_ERR_LIMIT, src, t->start,
		        "%s is %zu bytes long; a front-matter value may have at most %u", t->what,
		        t->len, (unsigned)LP_MAX_FIELD_BYTES);
	/* Each key, value and line with the separator the document's Author
	 * and Keywords put between them (limits.h). */
	*total += t->len + 3;
	for (const char *nl = t->text; (nl = memchr(nl, '\n', t->len - (size_t)(nl - t->text)));
	        nl++)
		*total += 3;
	if (*total > LP_MAX_FRONTMATTER_TEXT_BYTES)
		return lp_diag_at(diag, LP_ERROR, LP_ERR_LIMIT, src, t->start,
		        "the front matter's keys and values pass %u bytes here, the limit for "
		        "all of them together",
		        (unsigned)LP_MAX_FRONTMATTER_TEXT_BYTES);
	if (memchr(t->text, '\0', t->len))
		return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src, t->start,
		        "%s holds a NUL character (\\0), which text cannot hold", t->what);
	yaml_ctx c = {src, t, diag};
	lp_status s = lp_text_check(t->text, (uint32_t)t->len, true, report_yaml, &c);
	if (s == LP_OK)
		lp_text_lint_scripts(t->text, (uint32_t)t->len, lex, report_yaml, &c);
	return s;
}
