/*
 * A saved PDF's small objects packed into one compressed object stream,
 * and its cross-reference table made a cross-reference stream (ISO 32000-1
 * §7.5.7, §7.5.8; PDF 1.5). A letter's PDF is mostly small dictionaries (a
 * structure element a paragraph, fonts, pages, annotations, the stream
 * lengths libharu writes as objects of their own), each with "N 0 obj"
 * and a 20-byte cross-reference entry; deflated together they cost a
 * fraction, which is what keeps tags and PDF/A within their budget
 * (docs/benchmarks.md, PDF/A).
 *
 * It works on the finished bytes, after the structure tree is spliced in
 * (pdf_struct.c), as a rewrite of the whole file: the header, every stream
 * object as it was (its /Length made direct, so its length object is no
 * longer needed), the object stream, and the cross-reference stream,
 * whose dictionary carries the old trailer's /Root, /Info and /ID. Object
 * numbers do not change. The caller leaves out files that cannot have
 * object streams (PDF/A-1 is PDF 1.4). A signature field is added after
 * the packing, as an incremental update that reads this layout and
 * writes its own cross-reference stream (pdf_update.c, pdf_xref.c); its
 * signature dictionary is one of the update's plain objects, where
 * sign/pades.c patches it.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct obj_span {
	size_t at, end; /* [at, end) in the input: "N 0 obj\n ... endobj\n" */
	size_t body; /* the value's first byte */
	bool stream;
	bool length_only; /* a bare integer: a stream's length, made direct */
	size_t new_at; /* where a kept stream object is in the output */
	uint32_t index; /* its place in the object stream */
} obj_span;

static const uint8_t *
find_in(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == (uint8_t)s[0] && memcmp(p + i, s, k) == 0)
			return p + i;
	return NULL;
}

/* A decimal number of at most 19 digits at p[0..n); its length, or 0. */
static size_t
decimal(const uint8_t *p, size_t n, size_t *value)
{
	size_t i = 0, v = 0;
	while (i < n && i < 19 && p[i] >= '0' && p[i] <= '9')
		v = v * 10 + (size_t)(p[i++] - '0');
	*value = v;
	return i;
}

/* A growing output buffer with a sticky failure. */
typedef struct out_buf {
	uint8_t *p;
	size_t n, cap;
	bool failed;
} out_buf;

static void
put_bytes(out_buf *b, const void *s, size_t n)
{
	if (b->failed)
		return;
	if (LP_ARRAY_RESERVE(b->p, b->cap, b->n + n, LP_ARRAY_ANY) != LP_OK) {
		b->failed = true;
		return;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void put_fmt(out_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put_fmt(out_buf *b, const char *fmt, ...)
{
	char tmp[160];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof tmp)
		b->failed = true;
	else
		put_bytes(b, tmp, (size_t)k);
}

/* in deflated onto the end of b, by the document's deflater (a new one
 * for each of these two streams used to cost more than deflating them). */
static void
put_deflated(lp_pdf_dev *d, out_buf *b, const uint8_t *in, size_t n)
{
	uint8_t *z;
	size_t len;
	if (b->failed)
		return;
	if (lp_pdf_deflate_copy(d, in, n, &z, &len) != LP_OK)
		b->failed = true;
	else
		put_bytes(b, z, len);
}

/* Big-endian, w bytes (1 to 8). */
static void
put_field(out_buf *b, size_t v, int w)
{
	for (int i = w - 1; i >= 0; i--) {
		uint8_t c = (uint8_t)((uint64_t)v >> (8 * (unsigned)i) & 0xff);
		put_bytes(b, &c, 1);
	}
}

static int
width_of(size_t v)
{
	int w = 1;
	while (w < 8 && v >> (8 * w))
		w++;
	return w;
}

/* Reads the classic cross-reference table at the end of buf: its object
 * count and each object's span. false when the file is not laid out as
 * libharu and the splice write it (then it is left as it is). */
static bool
read_objects(const uint8_t *buf, size_t n, obj_span **out, size_t *count, size_t *xref_at,
        size_t *trailer_at)
{
	const uint8_t *sx = find_in(buf + (n > 64 ? n - 64 : 0), n > 64 ? 64 : n, "startxref\n");
	if (!sx)
		return false;
	size_t xa;
	if (!decimal(sx + 10, n - (size_t)(sx + 10 - buf), &xa) || xa >= n || n - xa < 8 ||
	        memcmp(buf + xa, "xref\n0 ", 7) != 0)
		return false;
	size_t cnt, k = decimal(buf + xa + 7, n - xa - 7, &cnt);
	size_t table = xa + 7 + k + 1;
	if (!k || cnt < 2 || table > n || buf[table - 1] != '\n' || (n - table) / 20 < cnt)
		return false;
	const uint8_t *tr = find_in(buf + table + cnt * 20, n - table - cnt * 20, "trailer\n<<");
	if (!tr)
		return false;
	obj_span *o = calloc(cnt, sizeof *o);
	if (!o)
		return false;
	for (size_t i = 1; i < cnt; i++) {
		const uint8_t *e = buf + table + i * 20;
		size_t off;
		if (decimal(e, 10, &off) != 10 || memcmp(e + 10, " 00000 n", 8) != 0 || off >= xa ||
		        (i > 1 && off <= o[i - 1].at))
			goto bad; /* only in-use objects of generation 0, in order */
		o[i].at = off;
		if (i > 1)
			o[i - 1].end = off;
	}
	o[cnt - 1].end = xa;
	for (size_t i = 1; i < cnt; i++) {
		char head[32];
		size_t hl = lp_pdf_fmt_size(head, i, 0);
		memcpy(head + hl, " 0 obj\n", 8);
		hl += 7;
		size_t len = o[i].end - o[i].at;
		const uint8_t *p = buf + o[i].at;
		if ((size_t)hl + 7 > len || memcmp(p, head, (size_t)hl) != 0 ||
		        memcmp(p + len - 7, "endobj\n", 7) != 0)
			goto bad;
		o[i].body = o[i].at + (size_t)hl;
		static const char tail[] = "\nendstream\nendobj\n";
		size_t tl = sizeof tail - 1;
		o[i].stream = len >= (size_t)hl + tl && memcmp(p + len - tl, tail, tl) == 0;
		size_t v;
		size_t d = decimal(p + hl, len - (size_t)hl, &v);
		o[i].length_only = d && (size_t)hl + d + 8 == len && p[hl + d] == '\n';
	}
	*out = o;
	*count = cnt;
	*xref_at = xa;
	*trailer_at = (size_t)(tr - buf);
	return true;
bad:
	free(o);
	return false;
}

/* A stream object with "/Length N 0 R" made "/Length <value>" when N is a
 * bare integer object; *dropped gets N (0: none). */
static void
put_stream_object(
        out_buf *b, const uint8_t *buf, const obj_span *o, size_t i, size_t count, size_t *dropped)
{
	*dropped = 0;
	const uint8_t *p = buf + o[i].at;
	size_t len = o[i].end - o[i].at;
	const uint8_t *dict_end = find_in(p, len, "\nstream\r\n");
	const uint8_t *l = dict_end ? find_in(p, (size_t)(dict_end - p), "/Length ") : NULL;
	size_t ref = 0, k = l ? decimal(l + 8, (size_t)(dict_end - l - 8), &ref) : 0;
	if (!k || ref >= count || !o[ref].length_only || memcmp(l + 8 + k, " 0 R", 4) != 0) {
		put_bytes(b, p, len);
		return;
	}
	const uint8_t *v = buf + o[ref].body;
	size_t vlen = 0;
	while (v[vlen] >= '0' && v[vlen] <= '9')
		vlen++;
	put_bytes(b, p, (size_t)(l + 8 - p));
	put_bytes(b, v, vlen);
	put_bytes(b, l + 8 + k + 4, len - (size_t)(l + 8 + k + 4 - p));
	*dropped = ref;
}

lp_status
lp_pdf_objstm_pack(lp_pdf_dev *d, uint8_t **data, size_t *size)
{
	const uint8_t *buf = *data;
	size_t n = *size, count, xref_at, trailer_at;
	obj_span *o;
	if (!read_objects(buf, n, &o, &count, &xref_at, &trailer_at))
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "the PDF's objects are not laid out as expected, so they cannot be packed");
	bool *dropped = calloc(count, sizeof *dropped);
	out_buf file = {NULL, 0, 0, false}, stm = {NULL, 0, 0, false}, heads = {NULL, 0, 0, false};
	if (!dropped)
		goto nomem;
	/* Neither output grows past the input (its objects less white space
	 * and length objects): each one block. */
	file.failed = LP_ARRAY_RESERVE(file.p, file.cap, n, LP_ARRAY_ANY) != LP_OK;
	stm.failed = LP_ARRAY_RESERVE(stm.p, stm.cap, n, LP_ARRAY_ANY) != LP_OK;
	/* The header and the streams as they are. */
	put_bytes(&file, buf, o[1].at);
	for (size_t i = 1; i < count; i++) {
		if (!o[i].stream)
			continue;
		size_t drop;
		o[i].new_at = file.n;
		put_stream_object(&file, buf, o, i, count, &drop);
		if (drop)
			dropped[drop] = true;
	}
	/* Every other object's value into the object stream: "num offset"
	 * pairs first, then the values (§7.5.7). */
	uint32_t n_in = 0;
	for (size_t i = 1; i < count; i++) {
		if (o[i].stream || dropped[i])
			continue;
		o[i].index = n_in++;
		char num[24];
		put_bytes(&heads, num, lp_pdf_fmt_size(num, i, 0));
		put_bytes(&heads, " ", 1);
		put_bytes(&heads, num, lp_pdf_fmt_size(num, stm.n, 0));
		put_bytes(&heads, " ", 1);
		size_t end = o[i].end - 7; /* before "endobj\n" */
		put_bytes(&stm, buf + o[i].body, end - o[i].body);
	}
	size_t stm_num = count, xref_num = count + 1;
	size_t stm_at = file.n;
	put_bytes(&heads, stm.p, stm.n);
	put_fmt(&file, "%zu 0 obj\n<</Type/ObjStm/N %u/First %zu/Filter/FlateDecode/Length ",
	        stm_num, n_in, heads.n - stm.n);
	size_t len_at = file.n;
	put_fmt(&file, "%-10s>>\nstream\r\n", "");
	size_t data_at = file.n;
	put_deflated(d, &file, heads.p, heads.n);
	size_t data_len = file.n - data_at;
	if (!file.failed) {
		char num[16];
		int k = snprintf(num, sizeof num, "%zu", data_len);
		memcpy(file.p + len_at, num, (size_t)k); /* in the padding's room */
	}
	put_fmt(&file, "\nendstream\nendobj\n");
	/* The cross-reference stream: type 0 free, 1 at an offset, 2 in the
	 * object stream (§7.5.8.3). */
	size_t xref_at_new = file.n;
	int w2 = width_of(xref_at_new > count ? xref_at_new : count);
	int w3 = width_of(n_in);
	out_buf rows = {NULL, 0, 0, false};
	for (size_t i = 0; i <= xref_num; i++) {
		bool in_stm = i > 0 && i < count && !o[i].stream && !dropped[i];
		bool direct = (i > 0 && i < count && o[i].stream) || i == stm_num || i == xref_num;
		put_field(&rows, in_stm ? 2 : direct ? 1 : 0, 1);
		put_field(&rows,
		        in_stm          ? stm_num
		        : i == stm_num  ? stm_at
		        : i == xref_num ? xref_at_new
		        : direct        ? o[i].new_at
		                        : 0,
		        w2);
		put_field(&rows, in_stm ? o[i].index : 0, w3);
	}
	/* The old trailer's entries but /Size: /Root, /Info, /ID. */
	const uint8_t *t = buf + trailer_at + 10,
	              *t_end = find_in(t, n - (size_t)(t - buf), ">>\nstartxref");
	put_fmt(&file, "%zu 0 obj\n<</Type/XRef/Size %zu/W[1 %d %d]/Filter/FlateDecode", xref_num,
	        xref_num + 1, w2, w3);
	for (const uint8_t *line = t; t_end && line < t_end;) {
		const uint8_t *nl = memchr(line, '\n', (size_t)(t_end - line));
		size_t ll = nl ? (size_t)(nl - line) : (size_t)(t_end - line);
		if (ll && !(ll >= 6 && memcmp(line, "/Size ", 6) == 0))
			put_bytes(&file, line, ll);
		line += ll + 1;
	}
	size_t before = file.n;
	put_fmt(&file, "/Length %-10s>>\nstream\r\n", "");
	size_t rows_at = file.n;
	put_deflated(d, &file, rows.p, rows.n);
	if (!file.failed) {
		char num[16];
		int k = snprintf(num, sizeof num, "%zu", file.n - rows_at);
		memcpy(file.p + before + 8, num, (size_t)k);
	}
	put_fmt(&file, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at_new);
	bool failed = file.failed || stm.failed || heads.failed || rows.failed || !t_end;
	free(rows.p);
	free(stm.p);
	free(heads.p);
	free(dropped);
	free(o);
	if (failed) {
		free(file.p);
		return t_end ? LP_ERR_NOMEM
		             : lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		                       "the PDF's trailer is not where it was expected");
	}
	free(*data);
	*data = file.p;
	*size = file.n;
	return LP_OK;
nomem:
	free(o);
	return LP_ERR_NOMEM;
}
