/*
 * Drawing kept as a form XObject (§8.10): the outlines of a letter-spaced
 * title (pdf_tracked.c) are the biggest part of a letterhead page's
 * content (14 of 23 KB on a one-page release) and the same bytes in every
 * release of a layout. Moved into a form of their own, in page coordinates
 * (identity matrix, the page as its box, so every point and so every pixel
 * is where it was), they are deflated once per engine, kept by their bytes
 * beside the ToUnicode CMaps (pdf_fontcache.c), and the page draws them
 * with one Do inside the same marked content. Within a document the same
 * bytes make one form, however many pages draw them.
 */
#include "pdf/pdf_internal.h"

#include "pdf/pdf_fontcache.h"

#include <string.h>

/* A form this document made: its content bytes (arena) and object. */
struct lp_pdf_form {
	const uint8_t *bytes;
	size_t n;
	HPDF_Dict form;
};

/* The form's data, deflated as the engine keeps it or deflated here and
 * offered to the engine. */
static lp_status
write_data(lp_pdf_dev *d, HPDF_Dict form, const uint8_t *bytes, size_t n)
{
	if (!d->opt.compress)
		return lp_pdf_hpdf(d, lp_pdf_write_stored(form, bytes, n, false), "form");
	const uint8_t *z;
	size_t zn;
	if (!lp_pdf_font_cache_find_bytes(d->opt.font_cache, bytes, n, &z, &zn)) {
		uint8_t *mine;
		if (lp_pdf_fail(d, lp_pdf_deflate_copy(d, bytes, n, &mine, &zn)) != LP_OK)
			return d->error;
		lp_pdf_font_cache_add_bytes(d->opt.font_cache, bytes, n, mine, zn);
		z = mine;
	}
	return lp_pdf_hpdf(d, lp_pdf_write_stored(form, z, zn, true), "form");
}

static HPDF_Dict
form_new(lp_pdf_dev *d, const uint8_t *bytes, size_t n)
{
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict form = HPDF_DictStream_New(mm, d->doc->xref);
	HPDF_Array box = HPDF_Array_New(mm);
	HPDF_Dict res = HPDF_Dict_New(mm);
	if (!form || !box || !res) {
		lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "form");
		return NULL;
	}
	const char *what = "form";
	lp_pdf_hpdf(d, HPDF_Dict_AddName(form, "Type", "XObject"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(form, "Subtype", "Form"), what);
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(box, 0), what);
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(box, 0), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(box, HPDF_Page_GetWidth(d->page)), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(box, HPDF_Page_GetHeight(d->page)), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(form, "BBox", box), what);
	/* Paths and colours only: no resources, said so rather than left to
	 * the page's (§7.8.3). */
	lp_pdf_hpdf(d, HPDF_Dict_Add(form, "Resources", res), what);
	write_data(d, form, bytes, n);
	return d->error == LP_OK ? form : NULL;
}

/* Whether the content being drawn is a page's own (not the signature
 * appearance, a form already, with resources of its own). */
static bool
on_page(lp_pdf_dev *d)
{
	if (!d->page)
		return false;
	HPDF_Dict page_res = HPDF_Dict_GetItem(d->page, "Resources", HPDF_OCLASS_DICT);
	return page_res && d->shading_res == page_res;
}

lp_status
lp_pdf_form_draw(lp_pdf_dev *d, const uint8_t *bytes, size_t n)
{
	if (d->error != LP_OK || n == 0)
		return d->error;
	if (!on_page(d)) {
		lp_pdf_put_bytes(d, (const char *)bytes, n);
		return d->error;
	}
	HPDF_Dict form = NULL;
	for (uint32_t i = 0; i < d->n_forms && !form; i++)
		if (d->forms[i].n == n && memcmp(d->forms[i].bytes, bytes, n) == 0)
			form = d->forms[i].form;
	if (!form) {
		uint8_t *copy = lp_arena_memdup(d->arena, bytes, n);
		if (!copy || LP_ARENA_ARRAY_RESERVE(d->arena, d->forms, d->cap_forms,
		                     (size_t)d->n_forms + 1, LP_ARRAY_ANY) != LP_OK)
			return lp_pdf_fail(d, LP_ERR_NOMEM);
		if (!(form = form_new(d, copy, n)))
			return d->error;
		d->forms[d->n_forms++] = (lp_pdf_form){copy, n, form};
	}
	const char *name = HPDF_Page_GetXObjectName(d->page, form);
	if (!name)
		return lp_pdf_check(d, HPDF_INVALID_OBJECT, "form");
	lp_pdf_put(d, "/");
	lp_pdf_put(d, name);
	lp_pdf_put(d, " Do\n");
	return d->error;
}

lp_status
lp_pdf_form_from_content(lp_pdf_dev *d, size_t start)
{
	if (d->error != LP_OK || start >= d->content_n || !on_page(d))
		return d->error;
	/* Copied out first: drawing the Do writes where the bytes were. */
	size_t n = d->content_n - start;
	uint8_t *bytes = lp_arena_memdup(d->arena, d->content + start, n);
	if (!bytes)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	d->content_n = start;
	return lp_pdf_form_draw(d, bytes, n);
}
