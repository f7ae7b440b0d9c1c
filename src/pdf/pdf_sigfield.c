/*
 * The signature field (ISO 32000-1 §12.7.4.5, §12.8): one AcroForm /Sig
 * field merged with its widget, placed over the layout's signature block
 * (dlist.h, lp_dl_sig). Signed, its /V is a signature dictionary whose
 * /ByteRange and /Contents are placeholders of fixed width, filled in
 * after saving by sign/pades.c without moving a byte; unsigned, the field
 * is empty for someone to sign later.
 *
 * The field is an incremental update of the saved unsigned document
 * (pdf_update.c), so every byte of that document stays: the page draws
 * without the block's stamp lines (items the page skips, tags included)
 * and the page's fonts hold none of their glyphs. The widget's appearance
 * is a form XObject that draws the stamp with the page's text operators
 * and fonts of its own: Type0 fonts of the same faces with a subset and
 * ToUnicode made for the stamp alone.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Room around the block's ink, so the widget's border of focus in a
 * viewer does not touch the text. */
#define LP_SIG_MARGIN_PT 2.0f

/* The widget's annotation flags (§12.5.3): Print; signed also Locked. */
#define LP_ANNOT_PRINT 4
#define LP_ANNOT_LOCKED 128

bool
lp_pdf_sig_is_stamp(const lp_pdf_dev *d, uint32_t p, uint32_t k)
{
	if (!d->opt.sig || !d->sig_list)
		return false;
	const lp_dl_sig *g = &d->sig_list->sig;
	return g->present && p == g->page && k >= g->first && k < g->first + g->n_stamp;
}

bool
lp_pdf_sig_skip(lp_pdf_dev *d)
{
	lp_pdf_sigtree_place(d);
	return lp_pdf_sig_is_stamp(d, d->page_index, d->item_index++);
}

bool
lp_pdf_sig_skip_tag(lp_pdf_dev *d)
{
	lp_pdf_sigtree_place(d);
	uint32_t i = d->item_index; /* the item the tag is for */
	if (lp_pdf_sig_is_stamp(d, d->page_index, i))
		return true;
	const lp_dl_sig *g = d->opt.sig && d->sig_list ? &d->sig_list->sig : NULL;
	if (!g || !g->present || !g->n_stamp || d->page_index != g->page || g->first == 0 ||
	        i != g->first + g->n_stamp)
		return false;
	/* The first item after the stamp: tagged only if lp_dlist_run() would
	 * tag it after the item before the stamp, as in the unsigned list. */
	const lp_dl_page *pg = &d->sig_list->pages[g->page];
	if (i >= pg->n_items)
		return false;
	const lp_dl_item *prev = &pg->items[g->first - 1], *it = &pg->items[i];
	bool own_text = it->kind == LP_DL_TEXT && it->u.text.actual_text && *it->u.text.actual_text;
	return prev->artifact == it->artifact &&
	       (it->artifact || (prev->node == it->node && !own_text));
}

void
lp_pdf_sig_page(lp_pdf_dev *d, uint32_t index)
{
	d->page_index = index;
	d->item_index = 0;
	if (d->opt.sig &&
	        (index == 0 || (d->sig_list->sig.present && index == d->sig_list->sig.page))) {
		d->sig_page = d->page;
		d->sig_page_h = d->page_h;
	}
}

/* Draws the stamp items into the form with fonts of their own: the
 * page's font list is set aside while the stamp's is collected, written
 * and used. */
static lp_status
draw_stamp(lp_pdf_dev *d, HPDF_Dict form, HPDF_Dict res)
{
	const lp_dl_sig *g = &d->sig_list->sig;
	const lp_dl_page *pg = &d->sig_list->pages[g->page];
	lp_pdf_font *page_fonts = d->fonts;
	uint32_t n_page_fonts = d->n_fonts, cap_page_fonts = d->cap_fonts;
	HPDF_Dict page_res = d->font_res;
	/* The page's content so far waits in its own buffer. */
	uint8_t *saved = d->content;
	size_t saved_n = d->content_n, saved_cap = d->content_cap;
	float saved_h = d->page_h;
	d->fonts = NULL;
	d->n_fonts = d->cap_fonts = 0;
	d->font_res = NULL;
	LP_PDF_STEP(d, lp_pdf_fonts_collect_items(d, pg, g->first, g->n_stamp));
	LP_PDF_STEP(d, lp_pdf_pdfa_fonts(d));
	if (d->n_fonts) {
		LP_PDF_STEP(d, lp_pdf_fonts_write(d));
		if (d->error == LP_OK)
			lp_pdf_hpdf(d, HPDF_Dict_Add(res, "Font", d->font_res),
			        "the signature appearance");
	}
	d->content = NULL;
	d->content_n = d->content_cap = 0;
	d->page_h = d->sig_page_h;
	HPDF_Dict page_shading_res = d->shading_res;
	d->shading_res = res;
	for (uint32_t i = g->first;
	        d->error == LP_OK && i < g->first + g->n_stamp && i < pg->n_items; i++) {
		const lp_dl_item *it = &pg->items[i];
		if (it->kind == LP_DL_TEXT)
			lp_pdf_draw_text(d, &it->u.text);
		else if (it->kind == LP_DL_RULE)
			lp_pdf_draw_rule(d, &it->u.rule);
		else if (it->kind == LP_DL_PATH)
			lp_pdf_draw_path(d, &it->u.path);
	}
	lp_pdf_content_end(d, form);
	free(d->content);
	d->content = saved;
	d->content_n = saved_n;
	d->content_cap = saved_cap;
	d->page_h = saved_h;
	d->shading_res = page_shading_res;
	d->fonts = page_fonts;
	d->n_fonts = n_page_fonts;
	d->cap_fonts = cap_page_fonts;
	d->font_res = page_res;
	return d->error;
}

/* The appearance: the stamp items, in page coordinates (BBox = Rect, so
 * the form maps onto the widget unscaled, §12.5.5). */
static lp_status
appearance(lp_pdf_dev *d, const HPDF_Rect *r, HPDF_Dict *out)
{
	HPDF_Dict form = HPDF_DictStream_New(d->doc->mmgr, d->doc->xref);
	HPDF_Array bbox = HPDF_Array_New(d->doc->mmgr);
	HPDF_Dict res = HPDF_Dict_New(d->doc->mmgr);
	if (!form || !bbox || !res)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "the signature appearance");
	const char *what = "the signature appearance";
	lp_pdf_hpdf(d, HPDF_Dict_AddName(form, "Type", "XObject"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(form, "Subtype", "Form"), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(bbox, r->left), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(bbox, r->bottom), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(bbox, r->right), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(bbox, r->top), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(form, "BBox", bbox), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(form, "Resources", res), what);
	const lp_dl_sig *g = &d->sig_list->sig;
	if (g->present && g->n_stamp)
		LP_PDF_STEP(d, draw_stamp(d, form, res));
	else if (d->opt.compress && d->error == LP_OK)
		lp_pdf_check(d, lp_pdf_write_deflated(d, form, (const uint8_t *)"", 0),
		        "stream compression");
	*out = form;
	return d->error;
}

/* /M (§7.9.4): the time the signature claims, UTC. */
static HPDF_String
sig_time(lp_pdf_dev *d, int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[64];
	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
		return NULL;
	snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
	        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return HPDF_String_New(d->doc->mmgr, buf, NULL);
}

/* The signature dictionary with its placeholders (sign/pades.c fills
 * them): /ByteRange of four numbers as wide as any file size we write,
 * /Contents of as many zero bytes as the signer needs. */
static HPDF_Dict
sig_dict(lp_pdf_dev *d, size_t room)
{
	HPDF_Dict v = HPDF_Dict_New(d->doc->mmgr);
	HPDF_Array br = HPDF_Array_New(d->doc->mmgr);
	uint8_t *zeros = room <= UINT32_MAX / 2 ? lp_arena_alloc(d->arena, room) : NULL;
	if (!v || !br || !zeros || HPDF_Xref_Add(d->doc->xref, v) != HPDF_OK)
		return NULL;
	memset(zeros, 0, room);
	const char *what = "the signature field";
	lp_pdf_hpdf(d, HPDF_Dict_AddName(v, "Type", "Sig"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(v, "Filter", "Adobe.PPKLite"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(v, "SubFilter", "ETSI.CAdES.detached"), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(v, "M", sig_time(d, d->sig_list->meta.signed_at)), what);
	for (int i = 0; i < 4; i++)
		lp_pdf_hpdf(d, HPDF_Array_AddNumber(br, 2147483647), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(v, "ByteRange", br), what);
	lp_pdf_hpdf(d,
	        HPDF_Dict_Add(v, "Contents", HPDF_Binary_New(d->doc->mmgr, zeros, (HPDF_UINT)room)),
	        what);
	return d->error == LP_OK ? v : NULL;
}

/* The field merged with its widget, its appearance, its signature
 * dictionary when signing and the AcroForm dictionary, all new objects
 * of the update; *field_no and *form_no their numbers. */
static lp_status
make_field(lp_pdf_dev *d, const HPDF_Rect *rp, uint32_t *field_no, uint32_t *form_no)
{
	const lp_pdf_sig *o = d->opt.sig;
	HPDF_Rect r = *rp;
	HPDF_Dict ap_n = NULL;
	if (appearance(d, &r, &ap_n) != LP_OK)
		return d->error;
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict field = HPDF_Dict_New(mm);
	HPDF_Dict ap = HPDF_Dict_New(mm);
	HPDF_Dict form = HPDF_Dict_New(mm);
	HPDF_Array rect = HPDF_Array_New(mm), fields = HPDF_Array_New(mm);
	if (!field || !ap || !form || !rect || !fields ||
	        HPDF_Xref_Add(d->doc->xref, field) != HPDF_OK)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "the signature field");
	const char *what = "the signature field";
	lp_pdf_hpdf(d, HPDF_Dict_AddName(field, "Type", "Annot"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(field, "Subtype", "Widget"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(field, "FT", "Sig"), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(field, "T", HPDF_String_New(mm, o->field_name, NULL)), what);
	/* What the field is to a reader who cannot see it (§12.7.3.1; PDF/UA-1
	 * 7.18.1), a text string as a link's /Contents is. */
	const char *tu = d->sig_list->meta.sig_text;
	if (tu && *tu) {
		size_t n = 0;
		uint8_t *u16 = lp_pdf_utf16(d->arena, tu, strlen(tu), &n);
		lp_pdf_hpdf(d,
		        u16 ? HPDF_Dict_Add(field, "TU", HPDF_Binary_New(mm, u16, (HPDF_UINT)n))
		            : HPDF_FAILD_TO_ALLOC_MEM,
		        what);
	}
	/* Its Form element's key in the ParentTree (pdf_sigtree.c). */
	if (d->tags && d->tags->finished)
		lp_pdf_hpdf(d,
		        HPDF_Dict_AddNumber(field, "StructParent", (HPDF_INT)lp_pdf_sigtree_key(d)),
		        what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(rect, r.left), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(rect, r.bottom), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(rect, r.right), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(rect, r.top), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(field, "Rect", rect), what);
	lp_pdf_hpdf(d,
	        HPDF_Dict_AddNumber(field, "F", LP_ANNOT_PRINT | (o->sign ? LP_ANNOT_LOCKED : 0)),
	        what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(field, "P", d->sig_page), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(ap, "N", ap_n), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(field, "AP", ap), what);
	if (o->sign) {
		HPDF_Dict v = sig_dict(d, o->contents_bytes);
		lp_pdf_hpdf(d, v ? HPDF_Dict_Add(field, "V", v) : HPDF_FAILD_TO_ALLOC_MEM, what);
	}
	lp_pdf_hpdf(d, HPDF_Array_Add(fields, field), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(form, "Fields", fields), what);
	/* SignaturesExist, and AppendOnly once signed (§12.7.2). */
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(form, "SigFlags", o->sign ? 3 : 1), what);
	/* A failed HPDF_Xref_Add frees what it was given, so it is made
	 * whatever came before. */
	if (lp_pdf_hpdf(d, HPDF_Xref_Add(d->doc->xref, form), what) != LP_OK)
		return d->error;
	*field_no = ((HPDF_Obj_Header *)field)->obj_id & 0x00FFFFFF;
	*form_no = ((HPDF_Obj_Header *)form)->obj_id & 0x00FFFFFF;
	return LP_OK;
}

/* The first n bytes of s in [p, p + len), or NULL. */
static const uint8_t *
find_bytes(const uint8_t *p, size_t len, const char *s, size_t n)
{
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(p + i, s, n) == 0)
			return p + i;
	return NULL;
}

/* Where name (a PDF name, "/Key") is in p[0, len) as a whole name, or
 * NULL. */
static const uint8_t *
find_name(const uint8_t *p, size_t len, const char *name)
{
	size_t n = strlen(name);
	for (const uint8_t *at = p; (at = find_bytes(at, len - (size_t)(at - p), name, n));
	        at += n) {
		size_t after = (size_t)(at - p) + n;
		if (after == len || strchr(" \r\n/[]<>()", p[after]))
			return at;
	}
	return NULL;
}

/* Object obj of the file as a revision in out: ref added to the array
 * under key (made when it has none, unless key is NULL) and extra
 * before its closing ">>". The dictionary is as libharu writes it (one
 * entry a line, an array as "[ 12 0 R ]") or compactly, as a PDF/A-1
 * file has it (pdf_classic.c: "/Annots[12 0 R]"). */
static lp_status
revise(lp_pdf_dev *d, const lp_pdf_update *u, const uint8_t *data, uint32_t obj, const char *key,
        uint32_t ref, const char *extra, lp_pdf_text *out, lp_pdf_revision *rev)
{
	size_t len = 0;
	const uint8_t *v = lp_pdf_update_object(u, data, obj, &len);
	if (!v || len < 4 || memcmp(v, "<<", 2) != 0 || memcmp(v + len - 2, ">>", 2) != 0)
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "object %u of the PDF is not the dictionary it should be", obj);
	size_t close = len - 2, at = 0;
	if (key) {
		const uint8_t *arr = find_name(v, len, key);
		const uint8_t *open = arr ? memchr(arr, '[', len - (size_t)(arr - v)) : NULL;
		const uint8_t *end = open ? memchr(open, ']', len - (size_t)(open - v)) : NULL;
		if (end) {
			at = (size_t)(end - v);
			lp_pdf_text_add(out, v, at);
			if (end[-1] == ' ')
				lp_pdf_text_printf(out, "%u 0 R ", ref);
			else
				lp_pdf_text_printf(out, " %u 0 R", ref);
		}
	}
	lp_pdf_text_add(out, v + at, close - at);
	if (key && at == 0)
		lp_pdf_text_printf(out, "%s [ %u 0 R ]\n", key, ref);
	lp_pdf_text_printf(out, "%s>>", extra);
	if (out->failed)
		return LP_ERR_NOMEM;
	*rev = (lp_pdf_revision){obj, out->p, out->n, 0};
	return LP_OK;
}

/* The widget's page gains /Annots (and /Tabs /S in structure order
 * when the file is tagged, §12.5.1), the catalog /AcroForm. */
static lp_status
revisions(lp_pdf_dev *d, const lp_pdf_update *u, const uint8_t *data, uint32_t field_no,
        uint32_t form_no, lp_pdf_text out[2], lp_pdf_revision rev[2])
{
	uint32_t page_no = ((HPDF_Obj_Header *)d->sig_page)->obj_id & 0x00FFFFFF;
	uint32_t catalog_no = ((HPDF_Obj_Header *)d->doc->catalog)->obj_id & 0x00FFFFFF;
	size_t len = 0;
	const uint8_t *page = lp_pdf_update_object(u, data, page_no, &len);
	bool tabs = d->tags && page && !find_name(page, len, "/Tabs");
	LP_PDF_STEP(d, revise(d, u, data, page_no, "/Annots", field_no, tabs ? "/Tabs /S\n" : "",
	                       &out[0], &rev[0]));
	char acroform[48];
	snprintf(acroform, sizeof acroform, "/AcroForm %u 0 R\n", form_no);
	LP_PDF_STEP(d, revise(d, u, data, catalog_no, NULL, 0, acroform, &out[1], &rev[1]));
	return d->error;
}

lp_status
lp_pdf_sig_append(lp_pdf_dev *d, uint8_t **data, size_t *size)
{
	const lp_pdf_sig *o = d->opt.sig;
	if (!o)
		return LP_OK;
	const lp_dl_sig *g = &d->sig_list->sig;
	if (!d->sig_page)
		return lp_pdf_check(d, HPDF_INVALID_PAGE, "the signature field's page");
	/* No signature block: an invisible signature (a zero rectangle on
	 * the first page, §12.7.4.5). */
	HPDF_Rect r = {0, 0, 0, 0};
	if (g->present) {
		float h = d->sig_page_h;
		r = (HPDF_Rect){g->x0 - LP_SIG_MARGIN_PT, h - g->y1 - LP_SIG_MARGIN_PT,
		        g->x1 + LP_SIG_MARGIN_PT, h - g->y0 + LP_SIG_MARGIN_PT};
	}
	if (lp_pdf_coords_ok(d, (const float[]){r.left, r.bottom, r.right, r.top}, 4) != LP_OK)
		return d->error;
	lp_pdf_update u = {0};
	lp_pdf_text out[5] = {{0}, {0}, {0}, {0}, {0}};
	lp_pdf_revision rev[4], form_elem;
	uint32_t field_no = 0, form_no = 0;
	/* Tagged (every PDF but a benchmark's), the widget joins the
	 * structure tree: two more revisions and its Form element. */
	bool tagged = d->tags && d->tags->finished;
	LP_PDF_STEP(d, lp_pdf_update_begin(d, *data, *size, &u));
	LP_PDF_STEP(d, make_field(d, &r, &field_no, &form_no));
	LP_PDF_STEP(d, revisions(d, &u, *data, field_no, form_no, out, rev));
	if (tagged)
		LP_PDF_STEP(d, lp_pdf_sigtree_write(d, &u, field_no,
		                       ((HPDF_Obj_Header *)d->sig_page)->obj_id & 0x00FFFFFF,
		                       out + 2, rev + 2, &form_elem));
	LP_PDF_STEP(d, lp_pdf_update_end(
	                       d, &u, rev, tagged ? 4 : 2, &form_elem, tagged ? 1 : 0, data, size));
	lp_pdf_update_drop(d, &u);
	for (int i = 0; i < 5; i++)
		free(out[i].p);
	return d->error;
}
