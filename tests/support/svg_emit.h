/*
 * The SVG suites' fixture: a drawing's body inside a 100x100 viewBox
 * (the SVG and xlink namespaces declared), parsed and emitted 1:1 onto a
 * display list's page, and that page's paths.
 */
#ifndef LP_TEST_SVG_EMIT_H
#define LP_TEST_SVG_EMIT_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"

/* The emitted page; NULL when the parse failed (*status says why). */
static inline lp_dlist *
emit(const char *body, lp_status *status, lp_diag *diag)
{
	size_t n = strlen(body) + 256;
	char *doc = malloc(n);
	cr_assert(ne(ptr, doc, NULL));
	snprintf(doc, n,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	        "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 100\">%s</svg>",
	        body);
	lp_svg *svg = NULL;
	*status = lp_svg_from_memory("t.svg", doc, strlen(doc), &svg, diag);
	free(doc);
	if (*status != LP_OK)
		return NULL;
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 100, 100);
	lp_svg_emit(svg, 0, 0, 100, 100, b);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	lp_svg_drop(svg);
	return list;
}

/* Item i of the page, which must be a path. */
static inline const lp_dl_path *
path_at(const lp_dlist *list, uint32_t i)
{
	cr_assert(i < list->pages[0].n_items, "item %u of %u", i, list->pages[0].n_items);
	cr_assert(eq(int, list->pages[0].items[i].kind, LP_DL_PATH));
	return &list->pages[0].items[i].u.path;
}

#endif
