/*
 * The signature widget in the structure tree (ISO 32000-1 §14.8.4.5,
 * Table 340; ISO 14289-1 7.18.1, 7.18.4): in a tagged file every
 * annotation it shows is reached from its structure, a widget through a
 * Form element holding an OBJR to it, and the widget's /StructParent maps
 * back to that element in the ParentTree.
 *
 * The widget is made by the signature's incremental update
 * (pdf_sigfield.c), after the tree was written into the unsigned file
 * (pdf_structtree.c), whose bytes stay as they are. So the update writes,
 * besides the field:
 *
 *   - a new Form element whose /K is the widget's OBJR, a kid of the
 *     document's element;
 *   - a revision of the document's element: its old bytes with the Form
 *     among its kids where the signature block's stamp room stands in
 *     reading order (the kids it had when the replay reached the room,
 *     recorded by lp_pdf_sigtree_place()), or last, after all the
 *     content, when there is no block;
 *   - a revision of the StructTreeRoot: its old bytes with the widget's
 *     key mapped to the Form in the ParentTree, and /ParentTreeNextKey
 *     one on.
 *
 * As the page's and the catalog's revisions, each is the object's old
 * bytes plus these entries, read out of the file (packed into an object
 * stream or written compactly, pdf_objstm.c, pdf_classic.c), whose
 * numbers are the ones to name.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdio.h>
#include <string.h>

void
lp_pdf_sigtree_place(lp_pdf_dev *d)
{
	lp_pdf_struct *t = d->tags;
	if (!t || t->sig_placed || !d->opt.sig || !d->sig_list || !d->sig_list->sig.present)
		return;
	const lp_dl_sig *g = &d->sig_list->sig;
	if (d->page_index < g->page || (d->page_index == g->page && d->item_index < g->first))
		return;
	/* Everything before the room has placed its elements by now, and
	 * nothing after it has (pdf_struct.c places an element at its first
	 * content). */
	t->sig_placed = true;
	t->sig_kid_at = t->nodes[0].n_kids;
}

uint32_t
lp_pdf_sigtree_key(const lp_pdf_dev *d)
{
	/* The ParentTree's next key: pages first, then the links. */
	return d->tags->list->n_pages + d->tags->n_annots;
}

static lp_status
not_as_written(lp_pdf_dev *d, const char *what)
{
	return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
	        "the PDF's structure tree is not as it was written: %s", what);
}

/* "N 0 R" at v[*i], *i moved past it. */
static bool
reference(const uint8_t *v, size_t *i, size_t n, size_t *num)
{
	size_t k = *i, gen;
	if (!lp_pdf_xref_integer(v, &k, n, num))
		return false;
	k = lp_pdf_xref_skip_space(v, k, n);
	if (!lp_pdf_xref_integer(v, &k, n, &gen))
		return false;
	k = lp_pdf_xref_skip_space(v, k, n);
	if (k >= n || v[k] != 'R')
		return false;
	*i = k + 1;
	return true;
}

/* Where the kid at v[i] ends: an element's reference, an MCID, or a
 * marked-content or object reference dictionary (which holds no
 * dictionary); n when it is none of them. */
static size_t
kid_end(const uint8_t *v, size_t i, size_t n)
{
	size_t k = i, num;
	if (reference(v, &k, n, &num))
		return k;
	if (lp_pdf_xref_integer(v, &i, n, &num))
		return i;
	if (i + 1 < n && v[i] == '<' && v[i + 1] == '<') {
		const uint8_t *e = lp_pdf_xref_find(v + i + 2, n - i - 2, ">>");
		return e ? (size_t)(e - v) + 2 : n;
	}
	return n;
}

/* The object's value from the file, a dictionary, or NULL. */
static const uint8_t *
dictionary(const lp_pdf_update *u, uint32_t obj, size_t *len)
{
	const uint8_t *v = lp_pdf_update_object(u, NULL, obj, len);
	if (!v || *len < 4 || memcmp(v, "<<", 2) != 0 || memcmp(v + *len - 2, ">>", 2) != 0)
		return NULL;
	return v;
}

/* The document's element with the Form (object form) as kid number at
 * of its /K, which must hold n_kids. */
static lp_status
revise_document(lp_pdf_dev *d, const uint8_t *v, size_t len, uint32_t n_kids, uint32_t at,
        uint32_t form, lp_pdf_text *out)
{
	size_t i = lp_pdf_xref_key_at(v, len, "K");
	if (i >= len)
		return not_as_written(d, "the document's element has no /K");
	char ref[24];
	snprintf(ref, sizeof ref, "%u 0 R", form);
	if (v[i] != '[') {
		/* One kid, written bare: an array of it and the Form. */
		size_t end = kid_end(v, i, len);
		if (n_kids != 1 || end >= len)
			return not_as_written(d, "the document's element's kid");
		lp_pdf_text_add(out, v, i);
		if (at == 0)
			lp_pdf_text_printf(out, "[%s ", ref);
		else
			lp_pdf_text_add(out, "[", 1);
		lp_pdf_text_add(out, v + i, end - i);
		if (at == 0)
			lp_pdf_text_add(out, "]", 1);
		else
			lp_pdf_text_printf(out, " %s]", ref);
		lp_pdf_text_add(out, v + end, len - end);
		return out->failed ? LP_ERR_NOMEM : LP_OK;
	}
	/* After kid at - 1 (or the bracket), the reference with a space
	 * before it, and one after it when a kid follows without one. */
	size_t k = i + 1, put = at == 0 ? k : len;
	uint32_t count = 0;
	for (k = lp_pdf_xref_skip_space(v, k, len); k < len && v[k] != ']';
	        k = lp_pdf_xref_skip_space(v, k, len)) {
		k = kid_end(v, k, len);
		if (++count == at)
			put = k;
	}
	if (k >= len || count != n_kids || put >= len)
		return not_as_written(d, "the document's element's kids");
	bool gap = v[put] >= '0' && v[put] <= '9';
	lp_pdf_text_add(out, v, put);
	lp_pdf_text_printf(out, " %s%s", ref, gap ? " " : "");
	lp_pdf_text_add(out, v + put, len - put);
	return out->failed ? LP_ERR_NOMEM : LP_OK;
}

/* The root with "key form 0 R" last in its ParentTree's /Nums and
 * /ParentTreeNextKey key + 1. */
static lp_status
revise_root(
        lp_pdf_dev *d, const uint8_t *v, size_t len, uint32_t key, uint32_t form, lp_pdf_text *out)
{
	const uint8_t *name = lp_pdf_xref_find(v, len, "/ParentTreeNextKey");
	size_t at = name ? (size_t)(name - v) : 0, next = 0;
	size_t i = name ? lp_pdf_xref_key_at(v, len, "ParentTreeNextKey") : len;
	size_t digits = i;
	if (!name || i >= len || !lp_pdf_xref_integer(v, &i, len, &next) || next != key)
		return not_as_written(d, "its next key is not the widget's");
	/* "…]>>/ParentTreeNextKey": the /Nums array closes the ParentTree
	 * just before. */
	size_t k = at;
	while (k > 0 && lp_pdf_xref_is_space(v[k - 1]))
		k--;
	if (k < 2 || v[k - 1] != '>' || v[k - 2] != '>')
		return not_as_written(d, "the ParentTree is not where it was");
	k -= 2;
	while (k > 0 && lp_pdf_xref_is_space(v[k - 1]))
		k--;
	if (k == 0 || v[k - 1] != ']')
		return not_as_written(d, "the ParentTree is not where it was");
	k--;
	lp_pdf_text_add(out, v, k);
	lp_pdf_text_printf(out, " %u %u 0 R", key, form);
	lp_pdf_text_add(out, v + k, digits - k);
	lp_pdf_text_printf(out, "%u", key + 1);
	lp_pdf_text_add(out, v + i, len - i);
	return out->failed ? LP_ERR_NOMEM : LP_OK;
}

lp_status
lp_pdf_sigtree_write(lp_pdf_dev *d, const lp_pdf_update *u, uint32_t widget, uint32_t page,
        lp_pdf_text out[3], lp_pdf_revision rev[2], lp_pdf_revision *added)
{
	lp_pdf_struct *t = d->tags;
	uint32_t catalog = ((HPDF_Obj_Header *)d->doc->catalog)->obj_id & 0x00FFFFFF;
	uint32_t form = lp_pdf_update_next(u), key = lp_pdf_sigtree_key(d);
	size_t len = 0, root = 0, doc = 0;
	const uint8_t *v = dictionary(u, catalog, &len);
	size_t i = v ? lp_pdf_xref_key_at(v, len, "StructTreeRoot") : 0;
	if (!v || i >= len || !reference(v, &i, len, &root) || root > UINT32_MAX)
		return not_as_written(d, "the catalog names no StructTreeRoot");
	const uint8_t *r = dictionary(u, (uint32_t)root, &len);
	i = r ? lp_pdf_xref_key_at(r, len, "K") : 0;
	if (!r || i >= len || !reference(r, &i, len, &doc) || doc > UINT32_MAX)
		return not_as_written(d, "the root names no document element");
	lp_status s = revise_root(d, r, len, key, form, &out[0]);
	if (s != LP_OK)
		return s;
	rev[0] = (lp_pdf_revision){(uint32_t)root, out[0].p, out[0].n, 0};
	const uint8_t *e = dictionary(u, (uint32_t)doc, &len);
	if (!e)
		return not_as_written(d, "the document's element is not a dictionary");
	uint32_t n_kids = t->nodes[0].n_kids;
	s = revise_document(
	        d, e, len, n_kids, t->sig_placed ? t->sig_kid_at : n_kids, form, &out[1]);
	if (s != LP_OK)
		return s;
	rev[1] = (lp_pdf_revision){(uint32_t)doc, out[1].p, out[1].n, 0};
	lp_pdf_text_printf(&out[2],
	        "<</S/Form/P %zu 0 R/Pg %u 0 R/K<</Type/OBJR/Pg %u 0 R/Obj %u 0 R>>>>", doc, page,
	        page, widget);
	if (out[2].failed)
		return LP_ERR_NOMEM;
	*added = (lp_pdf_revision){form, out[2].p, out[2].n, 0};
	return LP_OK;
}
