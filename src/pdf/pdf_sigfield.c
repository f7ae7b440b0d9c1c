/*
 * The signature field (ISO 32000-1 §12.7.4.5, §12.8): one AcroForm /Sig
 * field merged with its widget, placed over the layout's signature block
 * (dlist.h, lp_dl_sig). Signed, its /V is a signature dictionary whose
 * /ByteRange and /Contents are placeholders of fixed width, filled in
 * after saving by sign/pades.c without moving a byte; unsigned, the field
 * is empty for someone to sign later.
 *
 * Everything here is made after the pages, so the objects of the document
 * keep the numbers they have in an unsigned render. The widget's
 * appearance is a form XObject holding the block's stamp lines (items the
 * page skipped), drawn with the page's own text operators and fonts.
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
lp_pdf_sig_skip(lp_pdf_dev *d)
{
	if (!d->opt.sig || !d->sig_list)
		return false;
	const lp_dl_sig *g = &d->sig_list->sig;
	uint32_t i = d->item_index++;
	return g->present && d->page_index == g->page && i >= g->first && i < g->first + g->n_stamp;
}

void
lp_pdf_sig_page(lp_pdf_dev *d, uint32_t index)
{
	d->page_index = index;
	d->item_index = 0;
	if (d->opt.sig && (index == 0 || (d->sig_list->sig.present && index == d->sig_list->sig.page))) {
		d->sig_page = d->page;
		d->sig_page_h = d->page_h;
	}
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
	HPDF_STATUS st = HPDF_Dict_AddName(form, "Type", "XObject");
	st += HPDF_Dict_AddName(form, "Subtype", "Form");
	st += HPDF_Array_AddReal(bbox, r->left);
	st += HPDF_Array_AddReal(bbox, r->bottom);
	st += HPDF_Array_AddReal(bbox, r->right);
	st += HPDF_Array_AddReal(bbox, r->top);
	st += HPDF_Dict_Add(form, "BBox", bbox);
	if (d->n_fonts)
		st += HPDF_Dict_Add(res, "Font", d->font_res);
	st += HPDF_Dict_Add(form, "Resources", res);
	lp_status s = lp_pdf_check(d, st ? HPDF_INVALID_OBJECT : HPDF_OK, "the signature appearance");
	const lp_dl_sig *g = &d->sig_list->sig;
	if (s == LP_OK && g->present && g->n_stamp) {
		HPDF_Stream saved = d->content;
		float saved_h = d->page_h;
		d->content = form->stream;
		d->page_h = d->sig_page_h;
		const lp_dl_page *pg = &d->sig_list->pages[g->page];
		for (uint32_t i = g->first; s == LP_OK && i < g->first + g->n_stamp && i < pg->n_items; i++) {
			const lp_dl_item *it = &pg->items[i];
			if (it->kind == LP_DL_TEXT)
				s = lp_pdf_draw_text(d, &it->u.text);
			else if (it->kind == LP_DL_RULE)
				s = lp_pdf_draw_rule(d, &it->u.rule);
			else if (it->kind == LP_DL_PATH)
				s = lp_pdf_draw_path(d, &it->u.path);
		}
		d->content = saved;
		d->page_h = saved_h;
	}
	if (s == LP_OK && d->opt.compress)
		s = lp_pdf_deflate_stream(d, form);
	*out = form;
	return s;
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
	HPDF_STATUS st = HPDF_Dict_AddName(v, "Type", "Sig");
	st += HPDF_Dict_AddName(v, "Filter", "Adobe.PPKLite");
	st += HPDF_Dict_AddName(v, "SubFilter", "ETSI.CAdES.detached");
	st += HPDF_Dict_Add(v, "M", sig_time(d, d->sig_list->meta.signed_at));
	for (int i = 0; i < 4; i++)
		st += HPDF_Array_AddNumber(br, 2147483647);
	st += HPDF_Dict_Add(v, "ByteRange", br);
	st += HPDF_Dict_Add(v, "Contents",
		HPDF_Binary_New(d->doc->mmgr, zeros, (HPDF_UINT)room));
	return st ? NULL : v;
}

lp_status
lp_pdf_sig_finish(lp_pdf_dev *d)
{
	const lp_pdf_sig *o = d->opt.sig;
	if (!o)
		return LP_OK;
	const lp_dl_sig *g = &d->sig_list->sig;
	HPDF_Page page = d->sig_page;
	if (!page)
		return lp_pdf_check(d, HPDF_INVALID_PAGE, "the signature field's page");
	/* No signature block: an invisible signature (a zero rectangle on
	 * the first page, §12.7.4.5). */
	HPDF_Rect r = {0, 0, 0, 0};
	if (g->present) {
		float h = d->sig_page_h;
		r = (HPDF_Rect){g->x0 - LP_SIG_MARGIN_PT, h - g->y1 - LP_SIG_MARGIN_PT,
			g->x1 + LP_SIG_MARGIN_PT, h - g->y0 + LP_SIG_MARGIN_PT};
	}
	lp_status s = lp_pdf_coords_ok(d, (const float[]){r.left, r.bottom, r.right, r.top}, 4);
	if (s != LP_OK)
		return s;
	HPDF_Dict ap_n = NULL;
	if ((s = appearance(d, &r, &ap_n)) != LP_OK)
		return s;
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict field = HPDF_Dict_New(mm);
	HPDF_Dict ap = HPDF_Dict_New(mm);
	HPDF_Dict form = HPDF_Dict_New(mm);
	HPDF_Array rect = HPDF_Array_New(mm), fields = HPDF_Array_New(mm);
	if (!field || !ap || !form || !rect || !fields || HPDF_Xref_Add(d->doc->xref, field) != HPDF_OK)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "the signature field");
	HPDF_STATUS st = HPDF_Dict_AddName(field, "Type", "Annot");
	st += HPDF_Dict_AddName(field, "Subtype", "Widget");
	st += HPDF_Dict_AddName(field, "FT", "Sig");
	st += HPDF_Dict_Add(field, "T", HPDF_String_New(mm, o->field_name, NULL));
	st += HPDF_Array_AddReal(rect, r.left);
	st += HPDF_Array_AddReal(rect, r.bottom);
	st += HPDF_Array_AddReal(rect, r.right);
	st += HPDF_Array_AddReal(rect, r.top);
	st += HPDF_Dict_Add(field, "Rect", rect);
	st += HPDF_Dict_AddNumber(field, "F", LP_ANNOT_PRINT | (o->sign ? LP_ANNOT_LOCKED : 0));
	st += HPDF_Dict_Add(field, "P", page);
	st += HPDF_Dict_Add(ap, "N", ap_n);
	st += HPDF_Dict_Add(field, "AP", ap);
	if (o->sign) {
		HPDF_Dict v = sig_dict(d, o->contents_bytes);
		st += v ? HPDF_Dict_Add(field, "V", v) : HPDF_FAILD_TO_ALLOC_MEM;
	}
	HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (!annots) {
		annots = HPDF_Array_New(mm);
		st += annots ? HPDF_Dict_Add(page, "Annots", annots) : HPDF_FAILD_TO_ALLOC_MEM;
	}
	if (annots)
		st += HPDF_Array_Add(annots, field);
	st += HPDF_Array_Add(fields, field);
	st += HPDF_Dict_Add(form, "Fields", fields);
	/* SignaturesExist, and AppendOnly once signed (§12.7.2). */
	st += HPDF_Dict_AddNumber(form, "SigFlags", o->sign ? 3 : 1);
	st += HPDF_Dict_Add(d->doc->catalog, "AcroForm", form);
	return lp_pdf_check(d, st ? HPDF_INVALID_OBJECT : HPDF_OK, "the signature field");
}
