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

lp_status
lp_pdf_update_read(const uint8_t *data, size_t size, lp_pdf_update *u)
{
	memset(u, 0, sizeof *u);
	lp_status s = lp_pdf_xref_read(data, size, &u->file);
	if (s != LP_OK)
		return s;
	const lp_pdf_xref_info *info = lp_pdf_xref_info_of(u->file);
	if (info->id_len >= sizeof u->id)
		return LP_ERR_INTERNAL;
	memcpy(u->id, info->id, info->id_len);
	u->id_len = info->id_len;
	u->prev = info->startxref;
	u->stream = info->is_stream;
	u->size = info->size;
	return LP_OK;
}

lp_status
lp_pdf_update_begin(lp_pdf_dev *d, const uint8_t *data, size_t size, lp_pdf_update *u)
{
	lp_status s = lp_pdf_update_read(data, size, u);
	if (s != LP_OK)
		return s == LP_ERR_NOMEM ? s : bad_file(d);
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
	(void)data; /* read through the cross-reference, which holds it */
	return u->file ? lp_pdf_xref_object(u->file, obj, len) : NULL;
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

/* One subsection per revised object, one for the new ones (§7.5.4),
 * entries of 20 bytes as libharu writes them, and a trailer. It names
 * the same /ID: the file is still the document it was (§14.4), now with
 * a signature field. */
static void
classic_section(const lp_pdf_update *u, const lp_pdf_revision *rev, uint32_t n_rev,
        const size_t *offsets, uint32_t n_new, uint32_t root, uint32_t info, lp_pdf_text *b)
{
	size_t xref_at = b->n;
	lp_pdf_text_printf(b, "xref\n");
	for (uint32_t i = 0; i < n_rev; i++)
		lp_pdf_text_printf(b, "%u 1\n%010zu 00000 n\r\n", rev[i].obj, rev[i].offset);
	lp_pdf_text_printf(b, "%u %u\n", u->size, n_new);
	for (uint32_t i = 0; i < n_new; i++)
		lp_pdf_text_printf(b, "%010zu 00000 n\r\n", offsets[i]);
	lp_pdf_text_printf(b,
	        "trailer\n<<\n/ID %.*s\n/Root %u 0 R\n/Info %u 0 R\n/Size %u\n/Prev %zu\n>>\n"
	        "startxref\n%zu\n%%%%EOF\n",
	        (int)u->id_len, u->id, root, info, u->size + n_new, u->prev, xref_at);
}

/* Big-endian, w bytes. */
static void
put_field(lp_pdf_text *b, size_t v, int w)
{
	for (int i = w - 1; i >= 0; i--) {
		uint8_t c = (uint8_t)((uint64_t)v >> (8 * (unsigned)i) & 0xff);
		lp_pdf_text_add(b, &c, 1);
	}
}

/* After a file whose section is a cross-reference stream, the update's is
 * one too (§7.5.8): a reader of such a file reads streams, and a classic
 * table whose /Prev is a stream would mix the two forms in one chain,
 * which §7.5.8.4 describes only for hybrid files (a table naming a
 * stream in /XRefStm, for readers of PDF 1.4). Its rows are the
 * revised objects, the new ones and the stream itself (one subsection
 * each, in /Index), type 1 at an offset; its dictionary holds the
 * trailer's entries, the file's /ID among them. The rows are few (two
 * revisions and a field's objects), so they are written uncompressed. */
static void
stream_section(const lp_pdf_update *u, const lp_pdf_revision *rev, uint32_t n_rev,
        const size_t *offsets, uint32_t n_new, uint32_t root, uint32_t info, lp_pdf_text *b)
{
	size_t xref_at = b->n;
	uint32_t self = u->size + n_new;
	int w = 1;
	while (w < 8 && xref_at >> (8 * w))
		w++;
	lp_pdf_text_printf(b, "%u 0 obj\n<</Type/XRef/Size %u/Index[", self, self + 1);
	for (uint32_t i = 0; i < n_rev; i++)
		lp_pdf_text_printf(b, "%u 1 ", rev[i].obj);
	lp_pdf_text_printf(b,
	        "%u %u]/W[1 %d 1]/Root %u 0 R/Info %u 0 R/ID %.*s/Prev %zu/Length %zu>>\n"
	        "stream\r\n",
	        u->size, n_new + 1, w, root, info, (int)u->id_len, u->id, u->prev,
	        (size_t)(n_rev + n_new + 1) * (size_t)(2 + w));
	for (uint32_t i = 0; i < n_rev + n_new + 1; i++) {
		put_field(b, 1, 1);
		put_field(b,
		        i < n_rev           ? rev[i].offset
		        : i < n_rev + n_new ? offsets[i - n_rev]
		                            : xref_at,
		        w);
		put_field(b, 0, 1);
	}
	lp_pdf_text_printf(b, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at);
}

void
lp_pdf_update_section(const lp_pdf_update *u, const lp_pdf_revision *rev, uint32_t n_rev,
        const size_t *offsets, uint32_t n_new, uint32_t root, uint32_t info, lp_pdf_text *b)
{
	if (u->stream)
		stream_section(u, rev, n_rev, offsets, n_new, root, info, b);
	else
		classic_section(u, rev, n_rev, offsets, n_new, root, info, b);
}

uint32_t
lp_pdf_update_next(const lp_pdf_update *u)
{
	return u->size + (u->xref ? (uint32_t)u->xref->entries->count : 0);
}

lp_status
lp_pdf_update_end(lp_pdf_dev *d, lp_pdf_update *u, lp_pdf_revision *rev, uint32_t n_rev,
        const lp_pdf_revision *added, uint32_t n_added, uint8_t **data, size_t *size)
{
	HPDF_Xref x = u->xref;
	uint32_t n_hpdf = x->entries->count, n_new = n_hpdf + n_added;
	size_t *offsets = calloc(n_new + n_rev + 1, sizeof *offsets);
	HPDF_Stream objs = HPDF_MemStream_New(d->doc->mmgr, 16384);
	lp_pdf_text b = {*data, *size, *size, false};
	lp_status s = LP_OK;
	if (!offsets || !objs) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	/* The new objects as libharu writes an object (HPDF_Xref_WriteToStream). */
	const char *what = "the signature field";
	for (uint32_t i = 0; i < n_hpdf && d->error == LP_OK; i++) {
		HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
		char head[32];
		offsets[i] = *size + objs->size;
		snprintf(head, sizeof head, "%u 0 obj\n", u->size + i);
		lp_pdf_stream_put(d, objs, head, what);
		if (d->error == LP_OK)
			lp_pdf_check(d, HPDF_Obj_WriteValue(e->obj, objs, NULL), what);
		lp_pdf_stream_put(d, objs, "\nendobj\n", what);
	}
	if ((s = d->error) != LP_OK)
		goto fail;
	if (!copy_stream(objs, &b)) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	/* The objects written as text, numbered on from libharu's. */
	for (uint32_t i = 0; i < n_added; i++) {
		if (added[i].obj != u->size + n_hpdf + i) {
			s = lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
			        "object %u of the update is out of its place", added[i].obj);
			goto fail;
		}
		offsets[n_hpdf + i] = b.n;
		lp_pdf_text_printf(&b, "%u 0 obj\n", added[i].obj);
		lp_pdf_text_add(&b, added[i].text, added[i].len);
		lp_pdf_text_printf(&b, "\nendobj\n");
	}
	qsort(rev, n_rev, sizeof *rev, by_number);
	for (uint32_t i = 0; i < n_rev; i++) {
		rev[i].offset = b.n;
		lp_pdf_text_printf(&b, "%u 0 obj\n", rev[i].obj);
		lp_pdf_text_add(&b, rev[i].text, rev[i].len);
		lp_pdf_text_printf(&b, "\nendobj\n");
	}
	uint32_t root = ((HPDF_Obj_Header *)d->doc->catalog)->obj_id & 0x00FFFFFF;
	uint32_t info = ((HPDF_Obj_Header *)d->doc->info)->obj_id & 0x00FFFFFF;
	lp_pdf_update_section(u, rev, n_rev, offsets, n_new, root, info, &b);
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
	lp_pdf_xref_drop(u->file);
	u->file = NULL;
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
	if (LP_ARRAY_RESERVE(b->p, b->cap, b->n + n, LP_ARRAY_ANY) != LP_OK) {
		b->failed = true;
		return false;
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
