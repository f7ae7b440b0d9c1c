/*
 * An incremental update (ISO 32000-1 §7.5.6) appended to a finished file:
 * the signature field's objects go after the bytes of the unsigned
 * document, which stay as they are, /ID included (docs/signing.md, "Which
 * bytes change, and why").
 *
 * While an update is open, the document's cross-reference table is set
 * aside and objects that libharu's object layer makes are added to the
 * update's own table, which numbers them after the file's last object. The
 * objects of the file that the update revises (a page's /Annots, the
 * catalog's /AcroForm) are edited as text from the file, since libharu
 * would write its own state of them again, not the file's (the catalog's
 * structure tree root is patched into the file after libharu's save).
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static lp_status
bad_file(lp_pdf_dev *d)
{
	return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
	        "the PDF's cross-reference section is not where it was expected");
}

/* A decimal number at p, at most n bytes (the file is not NUL-terminated);
 * the count of its digits, 0 when there are none or too many. */
static size_t
number(const uint8_t *p, size_t n, size_t *value)
{
	size_t i = 0, v = 0;
	while (i < n && i < 12 && p[i] >= '0' && p[i] <= '9')
		v = v * 10 + (size_t)(p[i++] - '0');
	*value = v;
	return i < 12 ? i : 0;
}

static const uint8_t *
find(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == (uint8_t)s[0] && memcmp(p + i, s, k) == 0)
			return p + i;
	return NULL;
}

lp_status
lp_pdf_update_begin(lp_pdf_dev *d, const uint8_t *data, size_t size, lp_pdf_update *u)
{
	memset(u, 0, sizeof *u);
	/* The one section letterpress writes: "xref\n0 N\n", N entries of 20
	 * bytes, "trailer\n<<…>>\nstartxref\nX\n%%EOF\n". */
	size_t tail = size > 64 ? size - 64 : 0;
	const uint8_t *sx = find(data + tail, size - tail, "startxref\n");
	size_t at = 0, count = 0, k;
	if (!sx || !number(sx + 10, size - (size_t)(sx + 10 - data), &at) || at + 7 >= size ||
	        memcmp(data + at, "xref\n0 ", 7) != 0)
		return bad_file(d);
	if (!(k = number(data + at + 7, size - at - 7, &count)) || count == 0 ||
	        count > UINT32_MAX / 2 || at + 7 + k >= size || data[at + 7 + k] != '\n')
		return bad_file(d);
	u->entries = at + 8 + k;
	if (u->entries + count * 20 > size)
		return bad_file(d);
	const uint8_t *tr = data + u->entries + count * 20;
	const uint8_t *id = find(tr, size - (size_t)(tr - data), "/ID [");
	const uint8_t *id_end = id ? memchr(id, ']', size - (size_t)(id - data)) : NULL;
	if (memcmp(tr, "trailer\n", 8) != 0 || !id_end || id_end - id > 100)
		return bad_file(d);
	u->id_len = (size_t)(id_end + 1 - id);
	memcpy(u->id, id, u->id_len);
	u->prev = at;
	u->size = (uint32_t)count;
	u->xref = HPDF_Xref_New(d->doc->mmgr, u->size);
	if (!u->xref)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "the signature field");
	u->saved = d->doc->xref;
	d->doc->xref = u->xref;
	return LP_OK;
}

const uint8_t *
lp_pdf_update_object(const lp_pdf_update *u, const uint8_t *data, uint32_t obj, size_t *len)
{
	if (obj == 0 || obj >= u->size)
		return NULL;
	size_t off = 0;
	const uint8_t *e = data + u->entries + (size_t)obj * 20;
	if (number(e, 10, &off) != 10 || e[17] != 'n' || off >= u->prev)
		return NULL;
	char head[32];
	int h = snprintf(head, sizeof head, "%u 0 obj\n", obj);
	if (h <= 0 || off + (size_t)h > u->prev || memcmp(data + off, head, (size_t)h) != 0)
		return NULL;
	const uint8_t *body = data + off + h;
	const uint8_t *end = find(body, u->prev - off - (size_t)h, "\nendobj\n");
	if (!end)
		return NULL;
	*len = (size_t)(end - body);
	return body;
}

/* The bytes of a libharu memory stream, appended to b. */
static bool
copy_stream(HPDF_Stream s, lp_pdf_text *b)
{
	for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(s); i++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &n);
		if (!p || !lp_pdf_text_add(b, p, n))
			return false;
	}
	return true;
}

static int
by_number(const void *a, const void *b)
{
	uint32_t x = ((const lp_pdf_revision *)a)->obj, y = ((const lp_pdf_revision *)b)->obj;
	return x < y ? -1 : x > y;
}

lp_status
lp_pdf_update_end(lp_pdf_dev *d, lp_pdf_update *u, lp_pdf_revision *rev, uint32_t n_rev,
        uint8_t **data, size_t *size)
{
	HPDF_Xref x = u->xref;
	uint32_t n_new = x->entries->count;
	size_t *offsets = calloc(n_new + n_rev + 1, sizeof *offsets);
	HPDF_Stream objs = HPDF_MemStream_New(d->doc->mmgr, 16384);
	lp_pdf_text b = {*data, *size, *size, false};
	lp_status s = LP_OK;
	if (!offsets || !objs) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	/* The new objects as libharu writes an object (HPDF_Xref_WriteToStream). */
	HPDF_STATUS st = HPDF_OK;
	for (uint32_t i = 0; i < n_new && st == HPDF_OK; i++) {
		HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
		char head[32];
		offsets[i] = *size + objs->size;
		snprintf(head, sizeof head, "%u 0 obj\n", u->size + i);
		st = HPDF_Stream_WriteStr(objs, head);
		if (st == HPDF_OK)
			st = HPDF_Obj_WriteValue(e->obj, objs, NULL);
		if (st == HPDF_OK)
			st = HPDF_Stream_WriteStr(objs, "\nendobj\n");
	}
	if ((s = lp_pdf_check(d, st, "the signature field")) != LP_OK)
		goto fail;
	if (!copy_stream(objs, &b)) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	qsort(rev, n_rev, sizeof *rev, by_number);
	for (uint32_t i = 0; i < n_rev; i++) {
		rev[i].offset = b.n;
		lp_pdf_text_printf(&b, "%u 0 obj\n", rev[i].obj);
		lp_pdf_text_add(&b, rev[i].text, rev[i].len);
		lp_pdf_text_printf(&b, "\nendobj\n");
	}
	/* One subsection per revised object, one for the new ones (§7.5.4);
	 * entries of 20 bytes as libharu writes them. */
	size_t xref_at = b.n;
	lp_pdf_text_printf(&b, "xref\n");
	for (uint32_t i = 0; i < n_rev; i++)
		lp_pdf_text_printf(&b, "%u 1\n%010zu 00000 n\r\n", rev[i].obj, rev[i].offset);
	lp_pdf_text_printf(&b, "%u %u\n", u->size, n_new);
	for (uint32_t i = 0; i < n_new; i++)
		lp_pdf_text_printf(&b, "%010zu 00000 n\r\n", offsets[i]);
	/* The trailer names the same /ID: the file is still the document
	 * it was (§14.4), now with a signature field. */
	lp_pdf_text_printf(&b,
	        "trailer\n<<\n%.*s\n/Root %u 0 R\n/Info %u 0 R\n/Size %u\n/Prev %zu\n>>\n"
	        "startxref\n%zu\n%%%%EOF\n",
	        (int)u->id_len, u->id, ((HPDF_Obj_Header *)d->doc->catalog)->obj_id & 0x00FFFFFF,
	        ((HPDF_Obj_Header *)d->doc->info)->obj_id & 0x00FFFFFF, u->size + n_new, u->prev,
	        xref_at);
	s = b.failed ? LP_ERR_NOMEM : LP_OK;
fail:
	*data = b.p;
	*size = b.n;
	free(offsets);
	if (objs)
		HPDF_Stream_Free(objs);
	return s;
}

void
lp_pdf_update_drop(lp_pdf_dev *d, lp_pdf_update *u)
{
	if (!u->xref)
		return;
	d->doc->xref = u->saved;
	HPDF_Xref_Free(u->xref);
	u->xref = NULL;
}

/* ---- Text --------------------------------------------------------------- */

bool
lp_pdf_text_add(lp_pdf_text *b, const void *p, size_t n)
{
	if (b->failed)
		return false;
	if (b->cap - b->n < n) {
		size_t cap = b->cap + (b->cap > n ? b->cap : n) + 4096;
		uint8_t *q = realloc(b->p, cap);
		if (!q) {
			b->failed = true;
			return false;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	return true;
}

bool
lp_pdf_text_printf(lp_pdf_text *b, const char *fmt, ...)
{
	char buf[512]; /* the longest is the trailer, about 200 bytes */
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof buf) {
		b->failed = true;
		return false;
	}
	return lp_pdf_text_add(b, buf, (size_t)k);
}
