/*
 * Tagged PDF (ISO 32000-1 §14.7, §14.8): every item of the display list is
 * drawn inside a marked-content sequence, either `/Role <</MCID n>> BDC …
 * EMC` for the structure node it belongs to or `/Artifact <<…>> BDC … EMC`;
 * the structure tree (StructTreeRoot, one StructElem per node, a
 * ParentTree from each page's MCIDs and each link annotation back to its
 * element) is written once the pages are done.
 *
 * The tree is written as text after libharu has saved the file
 * (pdf_structtree.c): libharu keeps every dictionary entry in a 128-byte
 * name buffer, and a list of ten thousand items made 40 MB of them.
 *
 * A node's kids are recorded in content order as they appear: its marked
 * content, its links' annotations (OBJR), and a child node at the moment
 * the child first gets content of its own. So the tree's order is the
 * content streams' order, which the pipeline makes reading order, and a
 * node that shows nothing (an empty paragraph) is left out of the tree.
 */
#include "pdf/pdf_internal.h"

#include <stdio.h>
#include <string.h>

const char *
lp_pdf_struct_role_name(lp_dl_role r)
{
	const char *name = lp_dl_role_name(r);
	return name ? name : "Span";
}

/* An indirect object's number, as libharu will write it. */
static uint32_t
obj_number(void *obj)
{
	return ((HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* Room in an arena array of n elements for one more (base/array.h); NULL
 * when there is none. */
static void *
grow(lp_arena *arena, void *p, uint32_t n, uint32_t *cap, size_t size)
{
	if (lp_arena_array_reserve32(arena, &p, cap, (size_t)n + 1, size, LP_ARRAY_ANY) != LP_OK)
		return NULL;
	return p;
}

static lp_status
add_kid(lp_pdf_dev *d, uint32_t node, lp_pdf_kid k)
{
	lp_pdf_struct *t = d->tags;
	lp_pdf_node_state *ns = &t->nodes[node];
	lp_pdf_kid *kids = grow(d->arena, ns->kids, ns->n_kids, &ns->cap_kids, sizeof *kids);
	if (!kids)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	ns->kids = kids;
	kids[ns->n_kids++] = k;
	/* The first content of a node places it in its parent's kids here,
	 * in content order. */
	while (node != 0 && !t->nodes[node].attached) {
		lp_pdf_node_state *cs = &t->nodes[node];
		cs->attached = true;
		uint32_t parent = t->list->nodes[node].parent;
		lp_pdf_node_state *ps = &t->nodes[parent];
		lp_pdf_kid *pk = grow(d->arena, ps->kids, ps->n_kids, &ps->cap_kids, sizeof *pk);
		if (!pk)
			return lp_pdf_fail(d, LP_ERR_NOMEM);
		ps->kids = pk;
		pk[ps->n_kids++] = (lp_pdf_kid){LP_PDF_KID_NODE, 0, node};
		node = parent;
	}
	return LP_OK;
}

lp_status
lp_pdf_struct_begin(lp_pdf_dev *d, const lp_dlist *list)
{
	lp_pdf_struct *t = lp_arena_alloc(d->arena, sizeof *t);
	if (!t)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	memset(t, 0, sizeof *t);
	t->list = list;
	t->nodes = lp_arena_array(d->arena, list->n_nodes ? list->n_nodes : 1, sizeof *t->nodes);
	t->pages = lp_arena_array(d->arena, list->n_pages ? list->n_pages : 1, sizeof *t->pages);
	if (!t->nodes || !t->pages)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	memset(t->nodes, 0, (list->n_nodes ? list->n_nodes : 1) * sizeof *t->nodes);
	memset(t->pages, 0, (list->n_pages ? list->n_pages : 1) * sizeof *t->pages);
	d->tags = t;
	return LP_OK;
}

lp_status
lp_pdf_struct_page(lp_pdf_dev *d, uint32_t index)
{
	if (!d->tags)
		return LP_OK; /* untagged (a benchmark's baseline) */
	lp_pdf_struct *t = d->tags;
	t->page = index;
	t->open = false;
	t->pages[index].obj = obj_number(d->page);
	/* The page's entry in the ParentTree is its index. */
	return lp_pdf_hpdf(d, HPDF_Dict_AddNumber(d->page, "StructParents", (HPDF_INT)index),
	        "page structure");
}

static void
close_sequence(lp_pdf_dev *d)
{
	lp_pdf_struct *t = d->tags;
	if (!t->open)
		return;
	t->open = false;
	lp_pdf_put(d, "EMC\n");
}

lp_status
lp_pdf_struct_tag(lp_pdf_dev *d, uint32_t node, lp_dl_artifact artifact)
{
	if (!d->tags)
		return LP_OK; /* untagged (a benchmark's baseline) */
	lp_pdf_struct *t = d->tags;
	close_sequence(d);
	if (d->error != LP_OK)
		return d->error;
	if (node >= t->list->n_nodes)
		node = 0;
	t->node = node;
	t->artifact = artifact;
	t->open = true;
	switch (artifact) {
	case LP_ART_LAYOUT:
		lp_pdf_put(d, "/Artifact <</Type /Layout>> BDC\n");
		return d->error;
	case LP_ART_PAGINATION:
		lp_pdf_put(d, "/Artifact <</Type /Pagination>> BDC\n");
		return d->error;
	case LP_ART_WATERMARK:
		lp_pdf_put(d, "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n");
		return d->error;
	case LP_ART_NONE:
		break;
	}
	lp_pdf_page_state *ps = &t->pages[t->page];
	uint32_t *m = grow(d->arena, ps->mcid_node, ps->n_mcids, &ps->cap_mcids, sizeof *m);
	if (!m)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	ps->mcid_node = m;
	uint32_t mcid = ps->n_mcids++;
	m[mcid] = node;
	lp_pdf_node_state *ns = &t->nodes[node];
	if (!ns->has_page) {
		ns->has_page = true;
		ns->page = t->page;
	}
	if (add_kid(d, node, (lp_pdf_kid){LP_PDF_KID_MCID, t->page, mcid}) != LP_OK)
		return d->error;
	char buf[64];
	snprintf(buf, sizeof buf, "/%s <</MCID %u>> BDC\n",
	        lp_pdf_struct_role_name(t->list->nodes[node].role), mcid);
	lp_pdf_put(d, buf);
	return d->error;
}

lp_status
lp_pdf_struct_end_page(lp_pdf_dev *d)
{
	if (!d->tags)
		return d->error; /* untagged (a benchmark's baseline) */
	close_sequence(d);
	return d->error;
}

lp_status
lp_pdf_struct_link(lp_pdf_dev *d, HPDF_Annotation annot, const char *contents)
{
	if (!d->tags)
		return LP_OK; /* untagged (a benchmark's baseline) */
	lp_pdf_struct *t = d->tags;
	/* A link drawn as an artifact would be out of reach: it joins the
	 * document instead (the pipeline never does this). */
	uint32_t node = t->artifact ? 0 : t->node;
	lp_pdf_annot_state *a = grow(d->arena, t->annots, t->n_annots, &t->cap_annots, sizeof *a);
	if (!a)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	t->annots = a;
	uint32_t key = t->list->n_pages + t->n_annots;
	a[t->n_annots++] = (lp_pdf_annot_state){obj_number(annot), node};
	size_t len;
	uint8_t *u = lp_pdf_utf16(d->arena, contents, strlen(contents), &len);
	if (!u)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	const char *what = "link structure";
	lp_pdf_hpdf(d,
	        HPDF_Dict_Add(annot, "Contents", HPDF_Binary_New(d->doc->mmgr, u, (HPDF_UINT)len)),
	        what);
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(annot, "StructParent", (HPDF_INT)key), what);
	lp_pdf_page_state *ps = &t->pages[t->page];
	if (!ps->tabs) {
		/* §12.5.1: annotations in structure order (PDF/UA-1 7.18.3). */
		lp_pdf_hpdf(d, HPDF_Dict_AddName(d->page, "Tabs", "S"), what);
		ps->tabs = true;
	}
	if (d->error != LP_OK)
		return d->error;
	return add_kid(d, node, (lp_pdf_kid){LP_PDF_KID_OBJR, t->page, obj_number(annot)});
}
