/*
 * A PDF 1.4 output (PDF/A-1b: ISO 19005-1 §6.1.2 allows neither object
 * streams nor cross-reference streams) rewritten compactly in the classic
 * layout. There every dictionary is plain text with an "N 0 obj" and a
 * 20-byte cross-reference entry, where a PDF 1.5 output deflates its small
 * objects together (pdf_objstm.c), so each byte of their syntax counts
 * (docs/benchmarks.md, PDF/A):
 *
 * - stream lengths direct, so libharu's length objects go, and the
 *   objects after them are renumbered, so that the table has no free rows;
 * - no white space the syntax does not need (libharu writes a dictionary
 *   one entry a line, "[ 1 2 ]", "<< >>");
 * - strings in their shortest form: libharu writes text strings as hex,
 *   two digits a byte; as literals they are one byte a byte, and a UTF-16
 *   text string (with its byte order mark) that is all printable ASCII is
 *   written as the ASCII it is (PDFDocEncoding agrees with ASCII there,
 *   ISO 32000-1 §7.9.2.2). Every string starting with the byte order mark
 *   in such a file is a text string (/Info entries, outline titles, /Alt,
 *   a link's /Contents); content streams are not touched.
 *
 * Nothing else changes: the same objects in the same order, the same
 * values, streams byte for byte, the trailer's /Root, /Info and /ID. The
 * layout keeps ISO 19005-1 §6.1.8: "obj" and "endobj" each on a line of
 * its own. libharu's objects take their new numbers, so that an update
 * written after (a signature field, pdf_sigfield.c) refers to them
 * rightly.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef enum tok_kind { T_DELIM, T_NAME, T_STRING, T_HEX, T_WORD, T_REF } tok_kind;

typedef struct tok {
	tok_kind kind;
	size_t at, len; /* its bytes in the input */
	uint32_t ref; /* T_REF: the object number */
} tok;

static bool
is_space(uint8_t c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static bool
is_delim(uint8_t c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
	       c == '}' || c == '/' || c == '%';
}

static bool
is_regular(uint8_t c)
{
	return !is_space(c) && !is_delim(c);
}

static bool
opens(uint8_t c)
{
	return c == '<' || c == '[' || c == '{';
}

/* The end of the regular characters from i. */
static size_t
word_end(const uint8_t *p, size_t n, size_t i)
{
	while (i < n && is_regular(p[i]))
		i++;
	return i;
}

/* An unsigned decimal word p[a, b) as a number below 2^31, or -1. */
static long
word_number(const uint8_t *p, size_t a, size_t b)
{
	if (a == b || b - a > 9)
		return -1;
	long v = 0;
	for (size_t i = a; i < b; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static size_t
skip_space(const uint8_t *p, size_t n, size_t i)
{
	while (i < n && is_space(p[i]))
		i++;
	return i;
}

/* The end of the literal string opening at p[i] == '(' (balanced
 * parentheses, escapes skipped), or 0. */
static size_t
literal_end(const uint8_t *p, size_t n, size_t i)
{
	int depth = 0;
	for (i++; i < n; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && depth-- == 0)
			return i + 1;
	}
	return 0;
}

/* The token at p[*i] (white space before it skipped), "N G R" as one;
 * false at the end or on what letterpress does not write (comments). */
static bool
next_tok(const uint8_t *p, size_t n, size_t *i, tok *t)
{
	size_t a = skip_space(p, n, *i);
	if (a >= n || p[a] == '%' || p[a] == ')')
		return false;
	size_t b;
	t->at = a;
	if ((p[a] == '<' || p[a] == '>') && a + 1 < n && p[a + 1] == p[a]) {
		t->kind = T_DELIM;
		b = a + 2;
	} else if (p[a] == '<') {
		const uint8_t *e = memchr(p + a, '>', n - a);
		if (!e)
			return false;
		t->kind = T_HEX;
		b = (size_t)(e - p) + 1;
	} else if (p[a] == '(') {
		if (!(b = literal_end(p, n, a)))
			return false;
		t->kind = T_STRING;
	} else if (p[a] == '[' || p[a] == ']' || p[a] == '{' || p[a] == '}') {
		t->kind = T_DELIM;
		b = a + 1;
	} else if (p[a] == '/') {
		t->kind = T_NAME;
		b = word_end(p, n, a + 1);
	} else if (p[a] == '>') {
		return false;
	} else {
		t->kind = T_WORD;
		b = word_end(p, n, a);
		/* "N G R": a reference. */
		long num = word_number(p, a, b);
		size_t g = skip_space(p, n, b), ge = word_end(p, n, g);
		size_t r = skip_space(p, n, ge), re = word_end(p, n, r);
		if (num > 0 && g > b && word_number(p, g, ge) == 0 && r > ge && re == r + 1 &&
		        p[r] == 'R') {
			t->kind = T_REF;
			t->ref = (uint32_t)num;
			b = re;
		}
	}
	t->len = b - a;
	*i = b;
	return true;
}

/* The bytes a literal or hex string token stands for, into s. */
static void
decode_string(const uint8_t *p, const tok *t, lp_pdf_text *s)
{
	s->n = 0;
	const uint8_t *q = p + t->at + 1, *end = p + t->at + t->len - 1;
	if (t->kind == T_HEX) {
		int hi = -1;
		for (; q < end; q++) {
			int v = lp_hex_digit(*q);
			if (v < 0)
				continue; /* white space */
			if (hi < 0) {
				hi = v;
			} else {
				uint8_t c = (uint8_t)(hi << 4 | v);
				lp_pdf_text_add(s, &c, 1);
				hi = -1;
			}
		}
		if (hi >= 0) {
			uint8_t c = (uint8_t)(hi << 4); /* an odd digit count: a 0 follows */
			lp_pdf_text_add(s, &c, 1);
		}
		return;
	}
	while (q < end) {
		uint8_t c = *q++;
		if (c == '\r') { /* an end of line in a string is a line feed */
			if (q < end && *q == '\n')
				q++;
			c = '\n';
		} else if (c == '\\' && q < end) {
			c = *q++;
			if (c >= '0' && c <= '7') {
				int v = c - '0';
				for (int k = 0; k < 2 && q < end && *q >= '0' && *q <= '7'; k++)
					v = v * 8 + (*q++ - '0');
				c = (uint8_t)v;
			} else if (c == '\r' || c == '\n') { /* a line continued */
				if (c == '\r' && q < end && *q == '\n')
					q++;
				continue;
			} else {
				const char *from = "nrtbf", *to = "\n\r\t\b\f";
				const char *k = strchr(from, c);
				if (k && c)
					c = (uint8_t)to[k - from];
			}
		}
		lp_pdf_text_add(s, &c, 1);
	}
}

/* A UTF-16BE text string that is all printable ASCII, made ASCII. */
static void
ascii_if_plain(lp_pdf_text *s)
{
	if (s->n < 2 || s->n % 2 || s->p[0] != 0xFE || s->p[1] != 0xFF)
		return;
	for (size_t i = 2; i < s->n; i += 2)
		if (s->p[i] != 0 || s->p[i + 1] < 0x20 || s->p[i + 1] > 0x7E)
			return;
	size_t k = 0;
	for (size_t i = 3; i < s->n; i += 2)
		s->p[k++] = s->p[i];
	s->n = k;
}

/* s as a literal, or as hex when that is shorter. */
static void
put_string(lp_pdf_text *out, const lp_pdf_text *s)
{
	size_t lit = 2;
	for (size_t i = 0; i < s->n; i++)
		lit += (s->p[i] == '(' || s->p[i] == ')' || s->p[i] == '\\' || s->p[i] == '\r') ? 2
		                                                                                : 1;
	if (lit > 2 * s->n + 2) {
		lp_pdf_text_add(out, "<", 1);
		for (size_t i = 0; i < s->n; i++)
			lp_pdf_text_printf(out, "%02X", s->p[i]);
		lp_pdf_text_add(out, ">", 1);
		return;
	}
	lp_pdf_text_add(out, "(", 1);
	for (size_t i = 0; i < s->n; i++) {
		uint8_t c = s->p[i];
		if (c == '(' || c == ')' || c == '\\')
			lp_pdf_text_add(out, "\\", 1);
		if (c == '\r')
			lp_pdf_text_add(out, "\\r", 2);
		else
			lp_pdf_text_add(out, &c, 1);
	}
	lp_pdf_text_add(out, ")", 1);
}

typedef struct compactor {
	lp_pdf_xref *x;
	uint32_t size; /* the input's /Size */
	uint32_t *renum; /* old number -> new (0: dropped) */
	bool *dropped; /* a stream's length object, made direct */
	lp_pdf_text out, s;
} compactor;

/* The value of a length object, or -1 when obj is not one. */
static long
length_value(compactor *c, uint32_t obj)
{
	size_t len;
	const uint8_t *v = lp_pdf_xref_object(c->x, obj, &len);
	return v ? word_number(v, 0, len) : -1;
}

/* The value at v[0, n) written compactly: a single value, up to the end
 * of its outermost dictionary or array; *end gets where it ended and
 * *length a stream dictionary's /Length (-1: none). false when it is not
 * as letterpress writes, or refers to a dropped object. */
static bool
put_value(compactor *c, const uint8_t *v, size_t n, size_t *end, long *length)
{
	size_t i = 0;
	int depth = 0;
	bool regular_last = false, after_length = false;
	*length = -1;
	tok t;
	while (next_tok(v, n, &i, &t)) {
		lp_pdf_text *o = &c->out;
		bool starts_regular = t.kind == T_WORD || t.kind == T_REF;
		if (regular_last && starts_regular)
			lp_pdf_text_add(o, " ", 1);
		regular_last = starts_regular || (t.kind == T_NAME && t.len > 1);
		if (after_length && depth == 1 && (t.kind == T_REF || t.kind == T_WORD)) {
			long len = t.kind == T_REF ? (t.ref < c->size && c->dropped[t.ref]
			                                             ? length_value(c, t.ref)
			                                             : -1)
			                           : word_number(v, t.at, t.at + t.len);
			if (len < 0)
				return false;
			*length = len;
			lp_pdf_text_printf(o, "%ld", len);
		} else if (t.kind == T_REF) {
			if (t.ref >= c->size || !c->renum[t.ref])
				return false;
			lp_pdf_text_printf(o, "%u 0 R", c->renum[t.ref]);
		} else if (t.kind == T_STRING || t.kind == T_HEX) {
			decode_string(v, &t, &c->s);
			ascii_if_plain(&c->s);
			put_string(o, &c->s);
		} else {
			lp_pdf_text_add(o, v + t.at, t.len);
		}
		after_length =
		        t.kind == T_NAME && t.len == 7 && memcmp(v + t.at, "/Length", 7) == 0;
		if (t.kind == T_DELIM)
			depth += opens(v[t.at]) ? 1 : -1;
		if (depth <= 0)
			break;
	}
	*end = i;
	return depth == 0;
}

/* First pass: the length objects of streams, which go. */
static bool
find_lengths(compactor *c)
{
	for (uint32_t obj = 1; obj < c->size; obj++) {
		size_t n, i = 0;
		const uint8_t *v = lp_pdf_xref_object(c->x, obj, &n);
		if (!v)
			return false;
		tok t;
		int depth = 0;
		bool after_length = false;
		while (next_tok(v, n, &i, &t)) {
			if (after_length && depth == 1 && t.kind == T_REF && t.ref < c->size &&
			        t.ref != obj && length_value(c, t.ref) >= 0)
				c->dropped[t.ref] = true;
			after_length = t.kind == T_NAME && t.len == 7 &&
			               memcmp(v + t.at, "/Length", 7) == 0;
			if (t.kind == T_DELIM)
				depth += opens(v[t.at]) ? 1 : -1;
			if (depth <= 0)
				break;
		}
	}
	uint32_t next = 1;
	for (uint32_t obj = 1; obj < c->size; obj++)
		c->renum[obj] = c->dropped[obj] ? 0 : next++;
	return true;
}

/* Object obj written anew; its stream's data copied as it is. */
static bool
put_object(compactor *c, uint32_t obj, const uint8_t *file, size_t file_size)
{
	size_t n, end;
	long length;
	const uint8_t *v = lp_pdf_xref_object(c->x, obj, &n);
	if (!v)
		return false;
	lp_pdf_text_printf(&c->out, "%u 0 obj\n", c->renum[obj]);
	if (!put_value(c, v, n, &end, &length))
		return false;
	size_t k = skip_space(v, n, end);
	if (n - k >= 6 && memcmp(v + k, "stream", 6) == 0) {
		/* The data's bound is the file's, not n, which ends at the
		 * first "endobj" after the value, inside the data maybe. */
		size_t at = (size_t)(v - file) + k + 6;
		at += at < file_size && file[at] == '\r';
		if (length < 0 || at >= file_size || file[at] != '\n' ||
		        file_size - at - 1 < (size_t)length + 10)
			return false;
		at++;
		lp_pdf_text_add(&c->out, "\nstream\n", 8);
		lp_pdf_text_add(&c->out, file + at, (size_t)length);
		size_t e = skip_space(file, file_size, at + (size_t)length);
		if (file_size - e < 9 || memcmp(file + e, "endstream", 9) != 0)
			return false;
		lp_pdf_text_add(&c->out, "\nendstream", 10);
	} else if (k != n) {
		return false;
	}
	lp_pdf_text_add(&c->out, "\nendobj\n", 8);
	return true;
}

static bool
compact(compactor *c, const uint8_t *buf, size_t n)
{
	const lp_pdf_xref_info *info = lp_pdf_xref_info_of(c->x);
	c->size = info->size;
	c->renum = calloc(c->size, sizeof *c->renum);
	c->dropped = calloc(c->size, sizeof *c->dropped);
	size_t *offsets = calloc(c->size, sizeof *offsets);
	if (!c->renum || !c->dropped || !offsets)
		c->out.failed = true; /* reported as out of memory */
	bool ok = !c->out.failed && info->root < c->size && info->info < c->size &&
	          find_lengths(c) && c->renum[info->root] && c->renum[info->info];
	/* The header: "%PDF-1.4" and the line of binary bytes after it. */
	const uint8_t *first = ok ? lp_pdf_xref_object(c->x, 1, &(size_t){0}) : NULL;
	const uint8_t *head_end = first ? memchr(buf, '\n', n) : NULL;
	head_end = head_end ? memchr(head_end + 1, '\n', (size_t)(first - head_end - 1)) : NULL;
	ok = ok && head_end;
	if (ok)
		lp_pdf_text_add(&c->out, buf, (size_t)(head_end - buf) + 1);
	uint32_t count = 1;
	for (uint32_t obj = 1; ok && obj < c->size; obj++) {
		if (c->dropped[obj])
			continue;
		offsets[count++] = c->out.n;
		ok = put_object(c, obj, buf, n);
	}
	size_t xref_at = c->out.n;
	lp_pdf_text_printf(&c->out, "xref\n0 %u\n0000000000 65535 f\r\n", count);
	for (uint32_t i = 1; ok && i < count; i++)
		lp_pdf_text_printf(&c->out, "%010zu 00000 n\r\n", offsets[i]);
	lp_pdf_text_printf(&c->out, "trailer\n<</Size %u/Root %u 0 R/Info %u 0 R/ID", count,
	        ok ? c->renum[info->root] : 0, ok ? c->renum[info->info] : 0);
	lp_pdf_text_add(&c->out, info->id, info->id_len);
	lp_pdf_text_printf(&c->out, ">>\nstartxref\n%zu\n%%%%EOF\n", xref_at);
	free(offsets);
	return ok && info->id_len;
}

/* libharu's objects numbered as in the rewritten file. */
static void
renumber_libharu(lp_pdf_dev *d, const uint32_t *renum, uint32_t size)
{
	HPDF_Xref x = d->doc->xref;
	for (HPDF_UINT i = 0; x && i < x->entries->count; i++) {
		HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
		HPDF_Obj_Header *h = e ? e->obj : NULL;
		uint32_t old = h ? h->obj_id & 0x00FFFFFF : 0;
		if (old && old < size && renum[old])
			h->obj_id = (h->obj_id & 0xFF000000) | renum[old];
	}
}

lp_status
lp_pdf_classic_compact(lp_pdf_dev *d, uint8_t **data, size_t *size)
{
	compactor c = {0};
	lp_status s = lp_pdf_xref_read(*data, *size, &c.x);
	if (s == LP_ERR_NOMEM)
		return s;
	bool ok = s == LP_OK && compact(&c, *data, *size);
	bool nomem = c.out.failed || c.s.failed;
	if (ok && !nomem)
		renumber_libharu(d, c.renum, c.size);
	lp_pdf_xref_drop(c.x);
	free(c.renum);
	free(c.dropped);
	free(c.s.p);
	if (!ok || nomem) {
		free(c.out.p);
		return nomem ? LP_ERR_NOMEM
		             : lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		                       "the PDF's objects are not laid out as expected, so they "
		                       "cannot be written compactly");
	}
	free(*data);
	*data = c.out.p;
	*size = c.out.n;
	return LP_OK;
}
