/*
 * Bookmarks and page labels (ISO 32000-1 §12.3.3, §12.4.2), from the
 * display list: its outline entries (the title, then the headings, each
 * with its page and the top of its first line) become the document
 * outline, deeper levels nested under the entry before them, every entry
 * open; a document of several pages opens with the outline shown. When the
 * layout numbers its pages, /PageLabels says they are numbered 1 to n, so a
 * viewer's page box reads as the page does.
 */
#include "pdf/pdf_internal.h"

#include "base/limits.h"

#include <string.h>

/* What a viewer's bookmark pane shows of a long heading. */
enum { OUTLINE_TITLE_BYTES = 512 };

typedef struct node {
	HPDF_Dict dict;
	int parent; /* index, -1 for the root */
	int first, last;
	uint32_t count; /* descendants, all open */
	uint8_t level;
} node;

static void
link_child(lp_pdf_dev *d, node *nodes, node *root, int parent, int child)
{
	const char *what = "outline";
	node *p = parent >= 0 ? &nodes[parent] : root;
	lp_pdf_hpdf(d, HPDF_Dict_Add(nodes[child].dict, "Parent", p->dict), what);
	if (p->last >= 0) {
		lp_pdf_hpdf(d, HPDF_Dict_Add(nodes[p->last].dict, "Next", nodes[child].dict), what);
		lp_pdf_hpdf(d, HPDF_Dict_Add(nodes[child].dict, "Prev", nodes[p->last].dict), what);
	} else {
		p->first = child;
	}
	p->last = child;
	for (int a = parent; a >= 0; a = nodes[a].parent)
		nodes[a].count++;
	root->count++;
}

static void
finish_node(lp_pdf_dev *d, node *nodes, node *n)
{
	const char *what = "outline";
	if (n->first >= 0) {
		lp_pdf_hpdf(d, HPDF_Dict_Add(n->dict, "First", nodes[n->first].dict), what);
		lp_pdf_hpdf(d, HPDF_Dict_Add(n->dict, "Last", nodes[n->last].dict), what);
		lp_pdf_hpdf(d, HPDF_Dict_AddNumber(n->dict, "Count", (HPDF_INT32)n->count), what);
	}
}

static void
entry(lp_pdf_dev *d, const lp_dlist *list, const lp_dl_outline *o, HPDF_Dict dict)
{
	const char *what = "outline";
	HPDF_MMgr mm = d->doc->mmgr;
	size_t len = strlen(o->text);
	if (len > OUTLINE_TITLE_BYTES) {
		len = OUTLINE_TITLE_BYTES;
		while (len > 0 && ((unsigned char)o->text[len] & 0xC0) == 0x80)
			len--; /* whole characters only */
	}
	size_t ulen;
	uint8_t *title = lp_pdf_utf16(d->arena, o->text, len, &ulen);
	HPDF_Array dest = HPDF_Array_New(mm);
	if (!title || !dest) {
		lp_pdf_hpdf(d, HPDF_FAILD_TO_ALLOC_MEM, what);
		return;
	}
	float page_h = list->pages[o->page].height_pt;
	char top[32];
	double y = lp_pdf_fmt(top, (double)(page_h - o->y));
	lp_pdf_hpdf(
	        d, HPDF_Dict_Add(dict, "Title", HPDF_Binary_New(mm, title, (HPDF_UINT)ulen)), what);
	/* [page /XYZ left top zoom]: the heading's top, left and zoom kept. */
	lp_pdf_hpdf(d, HPDF_Array_Add(dest, d->pages[o->page]), what);
	lp_pdf_hpdf(d, HPDF_Array_AddName(dest, "XYZ"), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(dest, HPDF_Null_New(mm)), what);
	lp_pdf_hpdf(d, HPDF_Array_AddReal(dest, (HPDF_REAL)y), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(dest, HPDF_Null_New(mm)), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(dict, "Dest", dest), what);
}

static lp_status
page_labels(lp_pdf_dev *d)
{
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict labels = HPDF_Dict_New(mm);
	HPDF_Array nums = HPDF_Array_New(mm);
	HPDF_Dict style = HPDF_Dict_New(mm);
	if (!labels || !nums || !style)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "page labels");
	const char *what = "page labels";
	lp_pdf_hpdf(d, HPDF_Dict_AddName(style, "S", "D"), what); /* decimal, from 1 */
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(nums, 0), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(nums, style), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(labels, "Nums", nums), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "PageLabels", labels), what);
	return d->error;
}

lp_status
lp_pdf_outline_write(lp_pdf_dev *d, const lp_dlist *list)
{
	const char *what = "outline";
	if (list->meta.numbered)
		LP_PDF_STEP(d, page_labels(d));
	if (d->error != LP_OK || list->n_outline == 0)
		return d->error;
	if (list->n_outline > LP_MAX_DOC_LINES || d->n_pages != list->n_pages)
		return lp_pdf_check(d, HPDF_INVALID_OBJECT, "outline");
	HPDF_MMgr mm = d->doc->mmgr;
	node *nodes = lp_arena_array(d->arena, list->n_outline, sizeof *nodes);
	int *stack = lp_arena_array(d->arena, list->n_outline, sizeof *stack);
	node root = {HPDF_Dict_New(mm), -1, -1, -1, 0, 0};
	if (!nodes || !stack || !root.dict)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	lp_pdf_hpdf(d, HPDF_Xref_Add(d->doc->xref, root.dict), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(root.dict, "Type", "Outlines"), what);
	int depth = 0;
	for (uint32_t i = 0; i < list->n_outline && d->error == LP_OK; i++) {
		const lp_dl_outline *o = &list->outline[i];
		if (o->page >= list->n_pages)
			return lp_pdf_check(d, HPDF_INVALID_OBJECT, "outline");
		nodes[i] = (node){HPDF_Dict_New(mm), -1, -1, -1, 0, o->level};
		if (!nodes[i].dict)
			return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "outline");
		lp_pdf_hpdf(d, HPDF_Xref_Add(d->doc->xref, nodes[i].dict), what);
		entry(d, list, o, nodes[i].dict);
		/* The parent is the nearest entry before this one of a
		 * shallower level. */
		while (depth > 0 && nodes[stack[depth - 1]].level >= o->level)
			depth--;
		int parent = depth > 0 ? stack[depth - 1] : -1;
		nodes[i].parent = parent;
		link_child(d, nodes, &root, parent, (int)i);
		stack[depth++] = (int)i;
	}
	for (uint32_t i = 0; i < list->n_outline && d->error == LP_OK; i++)
		finish_node(d, nodes, &nodes[i]);
	finish_node(d, nodes, &root);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "Outlines", root.dict), what);
	if (list->n_pages > 1)
		lp_pdf_hpdf(d, HPDF_Dict_AddName(d->doc->catalog, "PageMode", "UseOutlines"), what);
	return d->error;
}
