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

static HPDF_STATUS
link_child(node *nodes, node *root, int parent, int child)
{
	node *p = parent >= 0 ? &nodes[parent] : root;
	HPDF_STATUS st = HPDF_Dict_Add(nodes[child].dict, "Parent", p->dict);
	if (p->last >= 0) {
		st += HPDF_Dict_Add(nodes[p->last].dict, "Next", nodes[child].dict);
		st += HPDF_Dict_Add(nodes[child].dict, "Prev", nodes[p->last].dict);
	} else {
		p->first = child;
	}
	p->last = child;
	for (int a = parent; a >= 0; a = nodes[a].parent)
		nodes[a].count++;
	root->count++;
	return st;
}

static HPDF_STATUS
finish_node(node *nodes, node *n)
{
	HPDF_STATUS st = HPDF_OK;
	if (n->first >= 0) {
		st += HPDF_Dict_Add(n->dict, "First", nodes[n->first].dict);
		st += HPDF_Dict_Add(n->dict, "Last", nodes[n->last].dict);
		st += HPDF_Dict_AddNumber(n->dict, "Count", (HPDF_INT32)n->count);
	}
	return st;
}

static HPDF_STATUS
entry(lp_pdf_dev *d, const lp_dlist *list, const lp_dl_outline *o, HPDF_Dict dict)
{
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
	if (!title || !dest)
		return HPDF_FAILD_TO_ALLOC_MEM;
	float page_h = list->pages[o->page].height_pt;
	char top[32];
	double y = lp_pdf_fmt(top, (double)(page_h - o->y));
	HPDF_STATUS st = HPDF_Dict_Add(dict, "Title", HPDF_Binary_New(mm, title, (HPDF_UINT)ulen));
	/* [page /XYZ left top zoom]: the heading's top, left and zoom kept. */
	st += HPDF_Array_Add(dest, d->pages[o->page]);
	st += HPDF_Array_AddName(dest, "XYZ");
	st += HPDF_Array_Add(dest, HPDF_Null_New(mm));
	st += HPDF_Array_AddReal(dest, (HPDF_REAL)y);
	st += HPDF_Array_Add(dest, HPDF_Null_New(mm));
	st += HPDF_Dict_Add(dict, "Dest", dest);
	return st;
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
	HPDF_STATUS st = HPDF_Dict_AddName(style, "S", "D"); /* decimal, from 1 */
	st += HPDF_Array_AddNumber(nums, 0);
	st += HPDF_Array_Add(nums, style);
	st += HPDF_Dict_Add(labels, "Nums", nums);
	st += HPDF_Dict_Add(d->doc->catalog, "PageLabels", labels);
	return lp_pdf_check(d, st ? HPDF_INVALID_OBJECT : HPDF_OK, "page labels");
}

lp_status
lp_pdf_outline_write(lp_pdf_dev *d, const lp_dlist *list)
{
	lp_status s = list->meta.numbered ? page_labels(d) : LP_OK;
	if (s != LP_OK || list->n_outline == 0)
		return s;
	if (list->n_outline > LP_MAX_DOC_LINES || d->n_pages != list->n_pages)
		return lp_pdf_check(d, HPDF_INVALID_OBJECT, "outline");
	HPDF_MMgr mm = d->doc->mmgr;
	node *nodes = lp_arena_array(d->arena, list->n_outline, sizeof *nodes);
	int *stack = lp_arena_array(d->arena, list->n_outline, sizeof *stack);
	node root = {HPDF_Dict_New(mm), -1, -1, -1, 0, 0};
	if (!nodes || !stack || !root.dict)
		return LP_ERR_NOMEM;
	HPDF_STATUS st = HPDF_Xref_Add(d->doc->xref, root.dict);
	st += HPDF_Dict_AddName(root.dict, "Type", "Outlines");
	int depth = 0;
	for (uint32_t i = 0; i < list->n_outline && st == HPDF_OK; i++) {
		const lp_dl_outline *o = &list->outline[i];
		if (o->page >= list->n_pages)
			return lp_pdf_check(d, HPDF_INVALID_OBJECT, "outline");
		nodes[i] = (node){HPDF_Dict_New(mm), -1, -1, -1, 0, o->level};
		if (!nodes[i].dict)
			return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "outline");
		st += HPDF_Xref_Add(d->doc->xref, nodes[i].dict);
		st += entry(d, list, o, nodes[i].dict);
		/* The parent is the nearest entry before this one of a
		 * shallower level. */
		while (depth > 0 && nodes[stack[depth - 1]].level >= o->level)
			depth--;
		int parent = depth > 0 ? stack[depth - 1] : -1;
		nodes[i].parent = parent;
		st += link_child(nodes, &root, parent, (int)i);
		stack[depth++] = (int)i;
	}
	for (uint32_t i = 0; i < list->n_outline && st == HPDF_OK; i++)
		st += finish_node(nodes, &nodes[i]);
	st += finish_node(nodes, &root);
	st += HPDF_Dict_Add(d->doc->catalog, "Outlines", root.dict);
	if (list->n_pages > 1)
		st += HPDF_Dict_AddName(d->doc->catalog, "PageMode", "UseOutlines");
	return lp_pdf_check(d, st ? HPDF_INVALID_OBJECT : HPDF_OK, "outline");
}
