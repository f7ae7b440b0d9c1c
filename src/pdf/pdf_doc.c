/*
 * The PDF device: document and pages, links, metadata, and saving. libharu
 * holds the object graph and writes the file; everything it is handed has
 * been checked first (finite numbers, decoded images, ASCII URIs), because
 * it accepts NaN, aborts on bad PNGs and repairs text silently.
 *
 * Reproducibility: libharu writes no clock-dependent data in plain mode
 * except what we set, so the dates come from lp_dl_meta.date and the file
 * /ID (§14.4) is the first 16 bytes of the SHA-256 of the document bytes
 * written with a fixed placeholder ID, patched in after saving. A
 * signature field is appended after that as an incremental update that
 * keeps the /ID (pdf_sigfield.c).
 */
#include "pdf/pdf_internal.h"

#include "base/uri.h"

#include "base/atomic_file.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/sha256.h"

#include <stdlib.h>
#include <string.h>

/* The placeholder file ID; its hex form is searched for after saving. */
static const uint8_t id_placeholder[16] = "lp-file-id-here!";

lp_pdf_options
lp_pdf_options_default(void)
{
	return (lp_pdf_options){.compress = true};
}

static void
on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	lp_pdf_dev *d = user;
	/* Only record: libharu returns an error status to the caller next. */
	if (d->hpdf_status == LP_OK) {
		d->hpdf_status = LP_ERR_BACKEND;
		d->hpdf_error = error_no;
		d->hpdf_detail = detail_no;
	}
}

lp_status
lp_pdf_check(lp_pdf_dev *d, HPDF_STATUS st, const char *what)
{
	if (st == HPDF_OK && d->hpdf_status == LP_OK)
		return LP_OK;
	if (d->hpdf_error != (unsigned long)-1) {
		unsigned long e = d->hpdf_error ? d->hpdf_error : st;
		lp_diag_report(d->diag, LP_ERROR, LP_ERR_BACKEND, NULL, 0, 0,
		        "libharu error 0x%04lX (detail %lu) while writing %s", e, d->hpdf_detail,
		        what);
		d->hpdf_error = (unsigned long)-1; /* reported once */
	}
	d->hpdf_status = LP_ERR_BACKEND;
	lp_pdf_fail(d, LP_ERR_BACKEND);
	return LP_ERR_BACKEND;
}

lp_status
lp_pdf_fail(lp_pdf_dev *d, lp_status s)
{
	if (d->error == LP_OK)
		d->error = s;
	return d->error;
}

lp_status
lp_pdf_hpdf(lp_pdf_dev *d, HPDF_STATUS st, const char *what)
{
	if (d->error == LP_OK)
		lp_pdf_check(d, st, what);
	return d->error;
}

void
lp_pdf_stream_put(lp_pdf_dev *d, HPDF_Stream out, const char *s, const char *what)
{
	if (d->error == LP_OK)
		lp_pdf_check(d, HPDF_Stream_WriteStr(out, s), what);
}

void
lp_pdf_stream_write(lp_pdf_dev *d, HPDF_Stream out, const void *data, size_t len, const char *what)
{
	if (d->error == LP_OK && len > 0)
		lp_pdf_check(d, HPDF_Stream_Write(out, data, (HPDF_UINT)len), what);
}

/* ---- Metadata -------------------------------------------------------- */

static HPDF_STATUS
info_text(lp_pdf_dev *d, const char *key, const char *value)
{
	if (!value || !*value)
		return HPDF_OK;
	size_t len;
	uint8_t *u = lp_pdf_utf16(d->arena, value, strlen(value), &len);
	if (!u)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return HPDF_Dict_Add(d->doc->info, key, HPDF_Binary_New(d->doc->mmgr, u, (HPDF_UINT)len));
}

static lp_status
write_meta(lp_pdf_dev *d, const lp_dl_meta *m)
{
	const char *what = "document information";
	char producer[64];
	snprintf(producer, sizeof producer, "letterpress %s (libharu %s)", lp_version(),
	        HPDF_GetVersion());
	HPDF_STATUS st = HPDF_SetInfoAttr(d->doc, HPDF_INFO_PRODUCER, producer);
	if (st != HPDF_OK || !d->doc->info)
		return lp_pdf_check(d, st ? st : HPDF_INVALID_OBJECT, what);
	lp_pdf_hpdf(d, info_text(d, "Title", m->title), what);
	lp_pdf_hpdf(d, info_text(d, "Author", m->author), what);
	lp_pdf_hpdf(d, info_text(d, "Subject", m->subject), what);
	lp_pdf_hpdf(d, info_text(d, "Keywords", m->keywords), what);
	char creator[64];
	snprintf(creator, sizeof creator, "letterpress %s", lp_version());
	const char *tool = m->creator && *m->creator ? m->creator : creator;
	lp_pdf_hpdf(d, info_text(d, "Creator", tool), what);
	/* Written as strings rather than by libharu, whose "Z00'00'" form no
	 * XMP date matches (pdf_xmp.c). */
	char info_date[24], xmp_date[24];
	if (lp_pdf_dates(m->date, info_date, xmp_date)) {
		lp_pdf_hpdf(d,
		        HPDF_Dict_Add(d->doc->info, "CreationDate",
		                HPDF_String_New(d->doc->mmgr, info_date, NULL)),
		        what);
		lp_pdf_hpdf(d,
		        HPDF_Dict_Add(d->doc->info, "ModDate",
		                HPDF_String_New(d->doc->mmgr, info_date, NULL)),
		        what);
	}
	if (d->opt.pdfua && (!m->title || !*m->title) && d->error == LP_OK)
		/* The pipeline refuses such a release at its line first. */
		return lp_pdf_fail(
		        d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED, d->opt.source_name,
		                   0, 0, "PDF/UA-1 needs the document's title"));
	if (d->opt.pdfa != LP_PDFA_NONE || d->opt.pdfua)
		LP_PDF_STEP(d, lp_pdf_xmp_write(d, m, producer, tool));
	if (m->lang && *m->lang)
		lp_pdf_hpdf(d,
		        HPDF_Dict_Add(d->doc->catalog, "Lang",
		                HPDF_String_New(d->doc->mmgr, m->lang, NULL)),
		        what);
	if (d->opt.pdfua) {
		/* PDF/UA-1 7.1 (10): the window shows the title, not the file name. */
		HPDF_Dict vp = HPDF_Dict_New(d->doc->mmgr);
		if (!vp)
			return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, what);
		lp_pdf_hpdf(d, HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE), what);
		lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "ViewerPreferences", vp), what);
	}
	HPDF_Array id = HPDF_Array_New(d->doc->mmgr);
	if (!id)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "file ID");
	lp_pdf_hpdf(d,
	        HPDF_Array_Add(id, HPDF_Binary_New(d->doc->mmgr, (HPDF_BYTE *)id_placeholder, 16)),
	        what);
	lp_pdf_hpdf(d,
	        HPDF_Array_Add(id, HPDF_Binary_New(d->doc->mmgr, (HPDF_BYTE *)id_placeholder, 16)),
	        what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->trailer, "ID", id), what);
	return d->error;
}

/* ---- Device callbacks ------------------------------------------------ */

static lp_status
dev_begin_document(lp_device *dev, const lp_dlist *list)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	d->sig_list = list;
	if (list->n_pages == 0) {
		return lp_pdf_fail(d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		                              "the document has no pages"));
	}
	if (list->n_pages > LP_MAX_PAGES) {
		return lp_pdf_fail(d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_LIMIT, NULL, 0, 0,
		                              "the document has %u pages; the limit is %u",
		                              list->n_pages, LP_MAX_PAGES));
	}
	lp_pdf_hpdf(d,
	        HPDF_SetCompressionMode(d->doc, d->opt.compress ? HPDF_COMP_ALL : HPDF_COMP_NONE),
	        "document");
	d->meta_date = list->meta.date;
	d->pages = lp_arena_array(d->arena, list->n_pages, sizeof *d->pages);
	if (!d->pages)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	LP_PDF_STEP(d, write_meta(d, &list->meta));
	LP_PDF_STEP(d, lp_pdf_fonts_collect(d, list));
	LP_PDF_STEP(d, lp_pdf_pdfa_fonts(d));
	LP_PDF_STEP(d, lp_pdf_fonts_write(d));
	LP_PDF_STEP(d, lp_pdf_pdfa_catalog(d));
	if (!d->opt.untagged)
		LP_PDF_STEP(d, lp_pdf_struct_begin(d, list));
	return d->error;
}

static lp_status
dev_begin_page(lp_device *dev, const lp_dl_page *page, uint32_t index)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	/* PDF 1.7 Annex C: page sides between 3 and 14,400 units. */
	if (!(page->width_pt >= 3 && page->width_pt <= 14400 && page->height_pt >= 3 &&
	            page->height_pt <= 14400)) {
		return lp_pdf_fail(
		        d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		                   "page %u is %gx%g pt; PDF allows 3 to 14400 pt", index + 1,
		                   (double)page->width_pt, (double)page->height_pt));
	}
	d->page = HPDF_AddPage(d->doc);
	if (!d->page)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "page");
	d->pages[d->n_pages++] = d->page;
	lp_pdf_hpdf(d, HPDF_Page_SetWidth(d->page, page->width_pt), "page");
	lp_pdf_hpdf(d, HPDF_Page_SetHeight(d->page, page->height_pt), "page");
	d->page_h = page->height_pt;
	d->content_n = 0;
	HPDF_Dict res = HPDF_Dict_GetItem(d->page, "Resources", HPDF_OCLASS_DICT);
	if (!res)
		return lp_pdf_check(d, HPDF_INVALID_PAGE, "page resources");
	if (d->n_fonts)
		lp_pdf_hpdf(d, HPDF_Dict_Add(res, "Font", d->font_res), "page");
	d->shading_res = res;
	lp_pdf_sig_page(d, index);
	LP_PDF_STEP(d, lp_pdf_struct_page(d, index));
	return d->error;
}

static lp_status
dev_tag(lp_device *dev, uint32_t node, lp_dl_artifact artifact)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	if (lp_pdf_sig_skip_tag(d))
		return LP_OK;
	return lp_pdf_struct_tag(d, node, artifact);
}

static lp_status
dev_end_document(lp_device *dev)
{
	return lp_pdf_struct_finish((lp_pdf_dev *)dev);
}

static lp_status
dev_end_page(lp_device *dev)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	HPDF_PageAttr attr = (HPDF_PageAttr)d->page->attr;
	LP_PDF_STEP(d, lp_pdf_struct_end_page(d));
	return lp_pdf_content_end(d, attr->contents);
}

static lp_status
dev_text(lp_device *dev, const lp_dl_text *t)
{
	if (lp_pdf_sig_skip((lp_pdf_dev *)dev))
		return LP_OK;
	return lp_pdf_draw_text((lp_pdf_dev *)dev, t);
}

static lp_status
dev_rule(lp_device *dev, const lp_dl_rule *r)
{
	if (lp_pdf_sig_skip((lp_pdf_dev *)dev))
		return LP_OK;
	return lp_pdf_draw_rule((lp_pdf_dev *)dev, r);
}

static lp_status
dev_path(lp_device *dev, const lp_dl_path *p)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	if (lp_pdf_sig_skip(d))
		return LP_OK;
	lp_dl_path drawn;
	lp_pdf_pdfa_path(d, p, &drawn);
	return lp_pdf_draw_path(d, &drawn);
}

static lp_status
dev_image(lp_device *dev, const lp_dl_image *i)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	if (lp_pdf_sig_skip(d))
		return LP_OK;
	LP_PDF_STEP(d, lp_pdf_pdfa_image(d, i));
	LP_PDF_STEP(d, lp_pdf_draw_image(d, i));
	return d->error;
}

static lp_status
dev_link(lp_device *dev, const lp_dl_link *l)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	if (lp_pdf_sig_skip(d))
		return LP_OK;
	if (!lp_uri_ok(l->uri)) {
		return lp_pdf_fail(d,
		        lp_diag_report(d->diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		                "link target \"%s\" is not an ASCII mailto:, http(s): or tel: URI",
		                l->uri ? l->uri : ""));
	}
	if (lp_pdf_coords_ok(d, (const float[]){l->x0, l->y0, l->x1, l->y1}, 4) != LP_OK)
		return d->error;
	HPDF_Rect r = {l->x0 < l->x1 ? l->x0 : l->x1, d->page_h - (l->y0 > l->y1 ? l->y0 : l->y1),
	        l->x0 < l->x1 ? l->x1 : l->x0, d->page_h - (l->y0 > l->y1 ? l->y1 : l->y0)};
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(d->page, r, l->uri);
	if (!a)
		return lp_pdf_check(d, HPDF_INVALID_ANNOTATION, "link");
	/* /F 4: printed with the page, as PDF/A asks of every annotation
	 * (ISO 19005-1 §6.5.3); right for any PDF whose links show nothing. */
	lp_pdf_hpdf(d, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0), "link");
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(a, "F", 4), "link");
	LP_PDF_STEP(d, lp_pdf_struct_link(d, a, l->uri));
	return d->error;
}

static void
dev_drop(lp_device *dev)
{
	lp_pdf_dev *d = (lp_pdf_dev *)dev;
	if (d->doc)
		HPDF_Free(d->doc);
	lp_pdf_heap_drop(d->heap);
	lp_pdf_deflater_drop(d->deflater);
	free(d->content);
	lp_arena_drop(d->arena);
	free(d);
}

/* ---- Saving ---------------------------------------------------------- */

static void
hex_upper(const uint8_t *b, size_t n, char *out)
{
	static const char digits[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 0xf];
	}
}

/* Replaces both placeholder IDs with a digest of the whole file: the
 * first half of its SHA-256 (§14.4 asks only that it be unique; the CPU's
 * SHA instructions make it a third of MD5's time, libharu's choice). The
 * bytes before the first placeholder are hashed once: the digest of the
 * file as patched, which a batch records, goes on from there. */
static lp_status
patch_id(lp_pdf_dev *d, uint8_t *buf, size_t size, lp_file_digest *file)
{
	char ph[32], real[32];
	uint8_t digest[32];
	hex_upper(id_placeholder, 16, ph);
	size_t at[2];
	int found = 0;
	for (size_t i = size >= 32 ? size - 32 : 0; i > 0 && found < 2; i--)
		if (memcmp(buf + i, ph, 32) == 0)
			at[found++] = i;
	if (found != 2) {
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "the PDF file ID was not found in the output");
	}
	size_t first = at[1]; /* found from the end */
	lp_sha256 *id = lp_sha256_begin();
	lp_sha256_add(id, buf, first);
	/* NULL when OpenSSL fails: then the caller hashes the file. */
	lp_sha256 *whole = file ? lp_sha256_copy(id) : NULL;
	lp_sha256_add(id, buf + first, size - first);
	if (!lp_sha256_end_bytes(id, digest)) {
		lp_sha256_end_bytes(whole, digest); /* frees it */
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "the PDF file ID could not be computed");
	}
	hex_upper(digest, 16, real);
	memcpy(buf + at[0], real, 32);
	memcpy(buf + at[1], real, 32);
	if (whole) {
		lp_sha256_add(whole, buf + first, size - first);
		file->set = lp_sha256_end_bytes(whole, file->sha256);
	}
	return LP_OK;
}

/* The saved file, gathered in one growing buffer as libharu writes it:
 * its memory stream copied every byte one at a time on the way in, and
 * again on the way back out. */
typedef struct saved_file {
	uint8_t *p;
	size_t n, cap;
	/* Sticky: some of libharu's writes drop a write's status, and the
	 * save would go on as if the bytes were there. */
	bool failed;
} saved_file;

static HPDF_STATUS
gather(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	saved_file *f = stream->attr;
	if (f->failed || LP_ARRAY_RESERVE(f->p, f->cap, f->n + siz, LP_ARRAY_ANY) != LP_OK) {
		f->failed = true;
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	memcpy(f->p + f->n, ptr, siz);
	f->n += siz;
	return HPDF_OK;
}

static lp_status
save(lp_pdf_dev *d, uint8_t **data, size_t *size)
{
	/* 1.7 for marked-content /ActualText, SMask, /Lang and FontFile3
	 * /OpenType (which needs 1.6). Set last: libharu lowers it to 1.4
	 * when it creates an ExtGState. PDF/A-1 is PDF 1.4 (ISO 19005-1 §6.1),
	 * which such a file keeps to: pdf_pdfa.c refuses SMasks and OpenType
	 * font files there, and readers of 1.4 skip /ActualText. */
	d->doc->pdf_version = d->opt.pdfa == LP_PDFA_1B ? HPDF_VER_14 : HPDF_VER_17;
	/* HPDF_SaveToStream writes to the document's stream, which is ours
	 * when set before it; the document frees it with itself. */
	saved_file file = {NULL, 0, 0, false};
	HPDF_Stream out =
	        d->doc->stream ? NULL : HPDF_CallbackWriter_New(d->doc->mmgr, gather, &file);
	if (!out)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "the document");
	/* A one-page release saves in about 30 KB: one block to start with,
	 * not a dozen doublings. */
	file.failed = LP_ARRAY_RESERVE(file.p, file.cap, 32768, LP_ARRAY_ANY) != LP_OK;
	d->doc->stream = out;
	HPDF_STATUS st = HPDF_SaveToStream(d->doc);
	out->attr = NULL; /* file is this frame's */
	uint8_t *buf = file.p;
	size_t len = file.n;
	lp_status s;
	if (file.failed || (st == HPDF_OK && !buf)) {
		d->hpdf_error = (unsigned long)-1; /* said here, as what it is */
		s = lp_pdf_fail(d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_NOMEM, NULL, 0, 0,
		                           "out of memory writing the document"));
	} else {
		s = lp_pdf_check(d, st, "the document");
	}
	if (s != LP_OK) {
		free(buf);
		return s;
	}
	if ((s = lp_pdf_struct_splice(d, &buf, &len)) != LP_OK) {
		free(buf);
		return s;
	}
	/* Object streams are PDF 1.5, which PDF/A-1 (PDF 1.4) cannot have: its
	 * classic layout is written compactly instead. A signature's update
	 * follows either layout (pdf_update.c). */
	if (d->opt.compress && d->opt.pdfa != LP_PDFA_1B)
		s = lp_pdf_objstm_pack(d, &buf, &len);
	else if (d->opt.compress)
		s = lp_pdf_classic_compact(d, &buf, &len);
	if (s != LP_OK) {
		free(buf);
		return s;
	}
	/* A signature field is appended after: its file is hashed whole. */
	if ((s = patch_id(d, buf, len, d->opt.sig ? NULL : d->opt.digest)) != LP_OK ||
	        (s = lp_pdf_sig_append(d, &buf, &len)) != LP_OK) {
		free(buf);
		return s;
	}
	*data = buf;
	*size = len;
	return LP_OK;
}

lp_status
lp_pdf_render(const lp_dlist *list, const lp_pdf_options *options, uint8_t **data, size_t *size,
        lp_diag *diag)
{
	lp_status s;
	*data = NULL;
	*size = 0;
	lp_pdf_dev *d = calloc(1, sizeof *d);
	if (!d)
		return LP_ERR_NOMEM;
	d->dev.begin_document = dev_begin_document;
	d->dev.begin_page = dev_begin_page;
	d->dev.text = dev_text;
	d->dev.rule = dev_rule;
	d->dev.path = dev_path;
	d->dev.image = dev_image;
	d->dev.link = dev_link;
	d->dev.end_page = dev_end_page;
	d->dev.tag = dev_tag;
	d->dev.end_document = dev_end_document;
	d->dev.drop = dev_drop;
	d->diag = diag;
	d->opt = options ? *options : lp_pdf_options_default();
	if (d->opt.digest)
		d->opt.digest->set = false;
	d->arena = lp_arena_new(0);
	d->heap = lp_pdf_heap_new();
	/* libharu's memory comes from the document's heap (pdf_heap.h), not
	 * from libharu's own pool, which hands out unaligned blocks (UBSan
	 * reports its dictionaries misaligned). */
	lp_pdf_heap *was = lp_pdf_heap_enter(d->heap);
	d->doc = d->arena && d->heap
	                 ? HPDF_NewEx(on_hpdf_error, lp_pdf_heap_alloc, lp_pdf_heap_free, 0, d)
	                 : NULL;
	if (!d->doc) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	LP_PDF_STEP(d, lp_dlist_run(list, &d->dev));
	LP_PDF_STEP(d, lp_pdf_outline_write(d, list));
	LP_PDF_STEP(d, save(d, data, size));
	s = d->error;
fail:
	lp_device_drop(&d->dev);
	lp_pdf_heap_leave(was);
	return s;
}

lp_status
lp_pdf_write(const lp_dlist *list, const lp_pdf_options *options, const char *path, lp_diag *diag)
{
	uint8_t *data = NULL;
	size_t size = 0;
	lp_status s = lp_pdf_render(list, options, &data, &size, diag);
	if (s == LP_OK)
		s = lp_atomic_write(path, data, size, diag);
	free(data);
	return s;
}
