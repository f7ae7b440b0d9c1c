/*
 * Reading a saved PDF's cross-reference (ISO 32000-1 §7.5.4, §7.5.8) to
 * find the objects an incremental update revises. The file is
 * letterpress's own render: a classic table (PDF/A-1, or compression
 * off) or a cross-reference stream whose small objects sit in an object
 * stream (pdf_objstm.c). It is read as any writer's would be, though,
 * since that costs little: every section along the /Prev chain, the
 * newest entry of an object winning; a hybrid file's /XRefStm (§7.5.8.4)
 * after its table; subsections; streams with /Index; free entries.
 * Cross-reference streams with a predictor (/DecodeParms) are refused,
 * since letterpress writes none.
 *
 * Every read is bounded by the buffer, which has no terminating NUL; the
 * tokens are read by pdf_xref_token.c.
 */
#include "pdf/pdf_internal.h"

#include <stdlib.h>
#include <string.h>

/* Sections followed along /Prev and /XRefStm. letterpress's files have
 * one, or two once a field is added; a chain longer than this (or a
 * loop) is not a file it wrote. */
#define LP_PDF_XREF_MAX_SECTIONS 32

typedef struct xentry {
	uint8_t type; /* 0 free, 1 at an offset, 2 in an object stream; 255 unknown */
	uint32_t index; /* type 2: the index in its object stream */
	size_t where; /* type 1: the offset; type 2: the object stream's number */
} xentry;

typedef struct objstm {
	uint32_t num;
	uint8_t *data; /* decoded, malloc'd */
	size_t n, first;
	uint32_t count;
} objstm;

struct lp_pdf_xref {
	const uint8_t *p; /* the file, borrowed */
	size_t n;
	xentry *e;
	uint32_t size;
	objstm *stm;
	uint32_t n_stm, cap_stm;
	lp_pdf_xref_info info;
};

/* ---- Sections ----------------------------------------------------------- */

static void
set_entry(lp_pdf_xref *x, size_t obj, uint8_t type, size_t where, size_t index)
{
	if (obj < x->size && x->e[obj].type == 255) /* the newest section wins */
		x->e[obj] = (xentry){type, (uint32_t)index, where};
}

/* A section's trailer facts, the first (newest) one's kept in info. */
static void
trailer(lp_pdf_xref *x, const uint8_t *d, size_t n, bool newest, size_t *prev, size_t *xrefstm)
{
	if (!lp_pdf_xref_key_int(d, n, "Prev", prev))
		*prev = SIZE_MAX;
	if (!lp_pdf_xref_key_int(d, n, "XRefStm", xrefstm))
		*xrefstm = SIZE_MAX;
	if (!newest)
		return;
	size_t v;
	if (lp_pdf_xref_key_int(d, n, "Root", &v) && v <= UINT32_MAX)
		x->info.root = (uint32_t)v;
	if (lp_pdf_xref_key_int(d, n, "Info", &v) && v <= UINT32_MAX)
		x->info.info = (uint32_t)v;
	size_t i = lp_pdf_xref_key_at(d, n, "ID");
	const uint8_t *end = i < n ? memchr(d + i, ']', n - i) : NULL;
	if (end && d[i] == '[') {
		x->info.id = d + i;
		x->info.id_len = (size_t)(end + 1 - x->info.id);
	}
}

static lp_status
classic(lp_pdf_xref *x, size_t at, bool newest, size_t *prev, size_t *xrefstm)
{
	const uint8_t *p = x->p;
	size_t n = x->n, i = at + 4;
	for (;;) {
		i = lp_pdf_xref_skip_space(p, i, n);
		if (i + 7 <= n && memcmp(p + i, "trailer", 7) == 0)
			break;
		size_t first, count;
		if (!lp_pdf_xref_integer(p, &i, n, &first) ||
		        (i = lp_pdf_xref_skip_space(p, i, n)) == n ||
		        !lp_pdf_xref_integer(p, &i, n, &count))
			return LP_ERR_INTERNAL;
		/* Entries are 20 bytes, the subsection's line ending in one EOL. */
		while (i < n && (p[i] == ' ' || p[i] == '\r'))
			i++;
		if (i >= n || p[i++] != '\n' || count > (n - i) / 20)
			return LP_ERR_INTERNAL;
		for (size_t k = 0; k < count; k++, i += 20) {
			size_t off, j = i;
			if (!lp_pdf_xref_integer(p, &j, i + 10, &off) ||
			        (p[i + 17] != 'n' && p[i + 17] != 'f'))
				return LP_ERR_INTERNAL;
			set_entry(x, first + k, p[i + 17] == 'n' ? 1 : 0, off, 0);
		}
	}
	const uint8_t *end = lp_pdf_xref_find(p + i, n - i, "startxref");
	if (!end)
		return LP_ERR_INTERNAL;
	size_t dn = (size_t)(end - p) - i;
	if (newest && !lp_pdf_xref_key_int(p + i, dn, "Size", &(size_t){0}))
		return LP_ERR_INTERNAL;
	trailer(x, p + i, dn, newest, prev, xrefstm);
	return LP_OK;
}

static lp_status
stream_section(lp_pdf_xref *x, size_t at, bool newest, size_t *prev)
{
	size_t num, dict, dict_end, data, len, w[3], index[2 * LP_PDF_XREF_MAX_SECTIONS];
	if (!lp_pdf_xref_stream_at(x->p, x->n, at, &num, &dict, &dict_end, &data, &len))
		return LP_ERR_INTERNAL;
	const uint8_t *d = x->p + dict;
	size_t dn = dict_end - dict, size;
	size_t t = lp_pdf_xref_key_at(d, dn, "Type");
	if (t + 5 > dn || memcmp(d + t, "/XRef", 5) != 0 ||
	        lp_pdf_xref_key_ints(d, dn, "W", w, 3) != 3 ||
	        !lp_pdf_xref_key_int(d, dn, "Size", &size) || w[0] > 8 || w[1] > 8 || w[2] > 8)
		return LP_ERR_INTERNAL;
	int n_index = lp_pdf_xref_key_ints(d, dn, "Index", index, 2 * LP_PDF_XREF_MAX_SECTIONS);
	if (n_index < 0) {
		index[0] = 0;
		index[1] = size;
		n_index = 2;
	}
	if (n_index % 2)
		return LP_ERR_INTERNAL;
	uint8_t *rows = NULL;
	size_t n_rows = 0, row = w[0] + w[1] + w[2], r = 0;
	lp_status s = lp_pdf_xref_decode(d, dn, x->p + data, len, &rows, &n_rows);
	if (s != LP_OK)
		return s;
	for (int k = 0; k < n_index && s == LP_OK; k += 2) {
		for (size_t o = index[k]; o - index[k] < index[k + 1]; o++, r++) {
			if (row == 0 || r >= n_rows / row) {
				s = LP_ERR_INTERNAL;
				break;
			}
			size_t f[3] = {w[0] ? 0 : 1, 0, 0}; /* the type's default is 1 */
			for (int c = 0, at_byte = 0; c < 3; at_byte += (int)w[c], c++)
				for (size_t b = 0; b < w[c]; b++)
					f[c] = f[c] << 8 | rows[r * row + (size_t)at_byte + b];
			if (f[0] <= 2)
				set_entry(x, o, (uint8_t)f[0], f[1], f[2]);
		}
	}
	free(rows);
	size_t unused;
	if (s == LP_OK)
		trailer(x, d, dn, newest, prev, &unused);
	return s;
}

lp_status
lp_pdf_xref_read(const uint8_t *data, size_t size, lp_pdf_xref **out)
{
	*out = NULL;
	size_t tail = size > 64 ? size - 64 : 0, at, table_size = 0;
	const uint8_t *sx = lp_pdf_xref_find(data + tail, size - tail, "startxref");
	size_t i = sx ? lp_pdf_xref_skip_space(data, (size_t)(sx - data) + 9, size) : size;
	if (!sx || !lp_pdf_xref_integer(data, &i, size, &at) || at >= size)
		return LP_ERR_INTERNAL;
	/* The table's size is the newest section's /Size. */
	bool is_stream = at + 4 > size || memcmp(data + at, "xref", 4) != 0;
	const uint8_t *d = data + at;
	size_t dn = size - at;
	if (!is_stream) {
		const uint8_t *t = lp_pdf_xref_find(d, dn, "trailer");
		const uint8_t *e =
		        t ? lp_pdf_xref_find(t, size - (size_t)(t - data), "startxref") : NULL;
		if (!e)
			return LP_ERR_INTERNAL;
		d = t;
		dn = (size_t)(e - t);
	} else {
		const uint8_t *e = lp_pdf_xref_find(d, dn, "stream");
		if (!e)
			return LP_ERR_INTERNAL;
		dn = (size_t)(e - d);
	}
	if (!lp_pdf_xref_key_int(d, dn, "Size", &table_size) || table_size == 0 ||
	        table_size > size || table_size > UINT32_MAX / 2)
		return LP_ERR_INTERNAL;
	lp_pdf_xref *x = calloc(1, sizeof *x);
	xentry *e = calloc(table_size, sizeof *e);
	if (!x || !e) {
		free(x);
		free(e);
		return LP_ERR_NOMEM;
	}
	memset(e, 0xff, table_size * sizeof *e);
	*x = (lp_pdf_xref){data, size, e, (uint32_t)table_size, NULL, 0, 0, {0}};
	x->info = (lp_pdf_xref_info){at, (uint32_t)table_size, is_stream, NULL, 0};
	/* Newest first: each section, its /XRefStm (a hybrid file's stream,
	 * read after its table), then /Prev. */
	size_t queue[2] = {at, SIZE_MAX}, seen[LP_PDF_XREF_MAX_SECTIONS];
	int n_seen = 0;
	lp_status s = LP_OK;
	while (s == LP_OK && queue[0] != SIZE_MAX) {
		size_t here = queue[0], prev = SIZE_MAX, xrefstm = SIZE_MAX;
		for (int k = 0; k < n_seen; k++)
			if (seen[k] == here)
				s = LP_ERR_INTERNAL; /* a loop */
		if (s != LP_OK || n_seen == LP_PDF_XREF_MAX_SECTIONS || here >= size) {
			s = LP_ERR_INTERNAL;
			break;
		}
		seen[n_seen++] = here;
		bool newest = n_seen == 1;
		if (here + 4 <= size && memcmp(data + here, "xref", 4) == 0)
			s = classic(x, here, newest, &prev, &xrefstm);
		else
			s = stream_section(x, here, newest, &prev);
		if (xrefstm != SIZE_MAX) {
			queue[0] = xrefstm;
			queue[1] = prev;
		} else {
			queue[0] = queue[1] != SIZE_MAX ? queue[1] : prev;
			queue[1] = queue[1] != SIZE_MAX ? prev : SIZE_MAX;
		}
	}
	if (s == LP_OK && !x->info.id)
		s = LP_ERR_INTERNAL; /* letterpress's files always have an /ID */
	if (s != LP_OK) {
		lp_pdf_xref_drop(x);
		return s;
	}
	*out = x;
	return LP_OK;
}

const lp_pdf_xref_info *
lp_pdf_xref_info_of(const lp_pdf_xref *x)
{
	return &x->info;
}

/* ---- Objects ------------------------------------------------------------ */

/* The value of the object at offset off, trailing white space left out. */
static const uint8_t *
at_offset(const lp_pdf_xref *x, uint32_t obj, size_t off, size_t *len)
{
	size_t num, body;
	if (off >= x->n || !lp_pdf_xref_object_head(x->p, x->n, off, &num, &body) || num != obj)
		return NULL;
	const uint8_t *end = lp_pdf_xref_find(x->p + body, x->n - body, "endobj");
	if (!end)
		return NULL;
	size_t e = (size_t)(end - x->p);
	while (e > body && lp_pdf_xref_is_space(x->p[e - 1]))
		e--;
	*len = e - body;
	return x->p + body;
}

/* Object stream num, decoded once and kept. */
static const objstm *
object_stream(lp_pdf_xref *x, size_t num)
{
	for (uint32_t i = 0; i < x->n_stm; i++)
		if (x->stm[i].num == num)
			return &x->stm[i];
	if (num >= x->size || x->e[num].type != 1)
		return NULL;
	size_t got, dict, dict_end, data, len, count, first;
	if (!lp_pdf_xref_stream_at(
	            x->p, x->n, x->e[num].where, &got, &dict, &dict_end, &data, &len) ||
	        got != num)
		return NULL;
	const uint8_t *d = x->p + dict;
	size_t dn = dict_end - dict;
	if (!lp_pdf_xref_key_int(d, dn, "N", &count) ||
	        !lp_pdf_xref_key_int(d, dn, "First", &first) || count > UINT32_MAX)
		return NULL;
	if (LP_ARRAY_RESERVE(x->stm, x->cap_stm, (size_t)x->n_stm + 1, LP_ARRAY_ANY) != LP_OK)
		return NULL;
	objstm *o = &x->stm[x->n_stm];
	if (lp_pdf_xref_decode(d, dn, x->p + data, len, &o->data, &o->n) != LP_OK)
		return NULL;
	if (first > o->n) {
		free(o->data);
		return NULL;
	}
	o->num = (uint32_t)num;
	o->first = first;
	o->count = (uint32_t)count;
	return &x->stm[x->n_stm++];
}

/* Object obj, index k of the object stream: its value between its offset
 * and the next object's (§7.5.7). */
static const uint8_t *
in_stream(lp_pdf_xref *x, uint32_t obj, const xentry *e, size_t *len)
{
	const objstm *o = object_stream(x, e->where);
	if (!o || e->index >= o->count)
		return NULL;
	size_t i = 0, num = 0, off = 0, next = o->n - o->first;
	for (uint32_t k = 0; k <= e->index; k++) {
		i = lp_pdf_xref_skip_space(o->data, i, o->first);
		if (!lp_pdf_xref_integer(o->data, &i, o->first, &num) ||
		        (i = lp_pdf_xref_skip_space(o->data, i, o->first)) == o->first ||
		        !lp_pdf_xref_integer(o->data, &i, o->first, &off))
			return NULL;
	}
	size_t j = lp_pdf_xref_skip_space(o->data, i, o->first), ignored;
	if (e->index + 1 < o->count &&
	        (!lp_pdf_xref_integer(o->data, &j, o->first, &ignored) ||
	                (j = lp_pdf_xref_skip_space(o->data, j, o->first)) == o->first ||
	                !lp_pdf_xref_integer(o->data, &j, o->first, &next)))
		return NULL;
	if (num != obj || off > next || next > o->n - o->first)
		return NULL;
	const uint8_t *v = o->data + o->first + off;
	size_t n = next - off;
	while (n > 0 && lp_pdf_xref_is_space(v[n - 1]))
		n--;
	*len = n;
	return v;
}

const uint8_t *
lp_pdf_xref_object(lp_pdf_xref *x, uint32_t obj, size_t *len)
{
	if (obj == 0 || obj >= x->size)
		return NULL;
	const xentry *e = &x->e[obj];
	if (e->type == 1)
		return at_offset(x, obj, e->where, len);
	if (e->type == 2)
		return in_stream(x, obj, e, len);
	return NULL;
}

void
lp_pdf_xref_drop(lp_pdf_xref *x)
{
	if (!x)
		return;
	for (uint32_t i = 0; i < x->n_stm; i++)
		free(x->stm[i].data);
	free(x->stm);
	free(x->e);
	free(x);
}
