/*
 * The structure and reading order the pipeline gives the display list
 * (compose.c, furniture.c, flow.c), checked on every example: what each
 * item is tagged as, in what order, and where break hyphens fall.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/raster_doc.h"
#include "test-config.h"

typedef struct example {
	char name[64];
} example;

ParameterizedTestParameters(compose_tags, every_example)
{
	static example list[32];
	size_t n = 0;
	DIR *d = opendir(LP_TEST_SRCDIR "/examples");
	cr_assert(ne(ptr, d, NULL));
	for (struct dirent *e; (e = readdir(d)) && n < 32;) {
		size_t len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0 && len < sizeof list[0].name)
			memcpy(list[n++].name, e->d_name, len + 1);
	}
	closedir(d);
	return cr_make_param_array(example, list, n);
}

/* The role of the node an item belongs to, or -1 for an artifact. */
static int
role_of(const lp_dlist *l, const lp_dl_item *it)
{
	return it->artifact ? -1 : (int)l->nodes[it->node].role;
}

/* The node's nearest ancestor (or itself) that is a paragraph-level
 * element, so that a Link counts as its paragraph. */
static uint32_t
block_of(const lp_dlist *l, uint32_t n)
{
	while (n && (l->nodes[n].role == LP_ROLE_LINK || l->nodes[n].role == LP_ROLE_LBL))
		n = l->nodes[n].parent;
	return n;
}

ParameterizedTest(example *ex, compose_tags, every_example, .timeout = 120)
{
	char path[256];
	snprintf(path, sizeof path, LP_TEST_SRCDIR "/examples/%s", ex->name);
	lp_test_release r;
	lp_test_release_build(&r, path);
	const lp_dlist *l = r.list;
	cr_assert(ge(u32, l->n_nodes, 2));
	cr_assert(eq(int, l->nodes[0].role, LP_ROLE_DOCUMENT));
	uint32_t h1 = 0, links = 0, texts = 0;
	for (uint32_t n = 1; n < l->n_nodes; n++) {
		cr_assert(lt(u32, l->nodes[n].parent, n), "%s: node %u's parent comes after it",
		        ex->name, n);
		h1 += l->nodes[n].role == LP_ROLE_H1;
		if (l->nodes[n].role == LP_ROLE_FIGURE)
			cr_assert(l->nodes[n].alt && *l->nodes[n].alt, "%s: a figure without /Alt",
			        ex->name);
	}
	/* The title is the one H1 (the seed has no front matter, so none). */
	bool titled = r.job.rel->meta.title != NULL;
	cr_assert(eq(u32, h1, titled ? 1 : 0), "%s: %u H1 elements", ex->name, h1);
	for (uint32_t p = 0; p < l->n_pages; p++) {
		const lp_dl_page *pg = &l->pages[p];
		/* Reading order on the first page: the title's H1 comes before
		 * any paragraph of the body, and nothing of the body comes
		 * after content that follows it (dateline, signature, footer):
		 * the H1's position splits the page's text. */
		int32_t title_at = -1;
		for (uint32_t i = 0; i < pg->n_items; i++) {
			const lp_dl_item *it = &pg->items[i];
			if (it->kind == LP_DL_TEXT) {
				texts++;
				if (role_of(l, it) == LP_ROLE_H1 && title_at < 0)
					title_at = (int32_t)i;
			}
			if (it->kind == LP_DL_LINK) {
				links++;
				cr_assert(not(it->artifact), "%s: a link in an artifact", ex->name);
				cr_assert(eq(int, l->nodes[it->node].role, LP_ROLE_LINK));
			}
			/* A break hyphen is an artifact, and the word it splits
			 * goes on on the same page: read whole before it (its
			 * second half read-only, in the same element) and seen
			 * after it (the half again, seen-only, an artifact), or
			 * in the same element after it. */
			if (it->kind == LP_DL_TEXT && it->artifact && it->u.text.text_len == 1 &&
			        it->u.text.text[0] == '-') {
				cr_assert(lt(u32, 0, i));
				const lp_dl_item *before = &pg->items[i - 1];
				bool read_whole = before->kind == LP_DL_TEXT &&
				                  before->u.text.use == LP_TEXT_READ_ONLY;
				cr_assert(eq(int, it->u.text.use,
				        read_whole ? LP_TEXT_SEEN_ONLY : LP_TEXT_SEEN_AND_READ));
				uint32_t word = block_of(l, before->node);
				bool goes_on = false;
				for (uint32_t k = i + 1; k < pg->n_items && !goes_on; k++)
					if (pg->items[k].kind == LP_DL_TEXT && read_whole)
						goes_on = pg->items[k].artifact &&
						          pg->items[k].u.text.use ==
						                  LP_TEXT_SEEN_ONLY;
					else if (pg->items[k].kind == LP_DL_TEXT &&
					         !pg->items[k].artifact)
						goes_on = block_of(l, pg->items[k].node) == word;
				cr_assert(goes_on, "%s: page %u ends a word with a break hyphen",
				        ex->name, p + 1);
			}
			/* Page numbers, rules, marks and watermarks are artifacts. */
			if (it->kind == LP_DL_RULE)
				cr_assert(eq(int, it->artifact, LP_ART_LAYOUT));
			if (it->kind == LP_DL_PATH && it->u.path.fill_opacity < 1)
				cr_assert(it->artifact || role_of(l, it) == LP_ROLE_FIGURE);
		}
		if (p == 0 && titled) {
			cr_assert(ge(i32, title_at, 0), "%s: no title on the first page", ex->name);
			/* Body paragraphs (P under the root, after the title) are
			 * never before the title. */
			for (int32_t i = 0; i < title_at; i++) {
				const lp_dl_item *it = &pg->items[i];
				if (it->kind == LP_DL_TEXT && !it->artifact)
					cr_assert(lt(u32, block_of(l, it->node),
					                  pg->items[title_at].node),
					        "%s: item %d precedes the title in the content but "
					        "not "
					        "in the structure",
					        ex->name, i);
			}
		}
		/* Pagination comes last on its page. */
		bool pagination = false;
		for (uint32_t i = 0; i < pg->n_items; i++) {
			const lp_dl_item *it = &pg->items[i];
			if (it->kind == LP_DL_TEXT && it->artifact == LP_ART_PAGINATION)
				pagination = true;
			else if (pagination && it->kind == LP_DL_TEXT)
				cr_assert(eq(int, it->artifact, LP_ART_PAGINATION),
				        "%s: page %u has text after its page number", ex->name,
				        p + 1);
		}
	}
	cr_assert(lt(u32, 0, texts));
	lp_test_release_drop(&r);
}

/* Nodes are numbered as they are made; within a page the content order of
 * the items must be the order of their nodes (reading order). */
Test(compose_tags, content_order_is_node_order)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md");
	const lp_dlist *l = r.list;
	uint32_t last = 0;
	for (uint32_t i = 0; i < l->pages[0].n_items; i++) {
		const lp_dl_item *it = &l->pages[0].items[i];
		if (it->artifact || it->kind != LP_DL_TEXT)
			continue;
		uint32_t b = block_of(l, it->node);
		cr_assert(ge(u32, b, last), "item %u: node %u after node %u", i, b, last);
		last = b;
	}
	/* The footer's links are Link elements inside its paragraph. */
	uint32_t n_links = 0;
	for (uint32_t n = 1; n < l->n_nodes; n++)
		if (l->nodes[n].role == LP_ROLE_LINK) {
			n_links++;
			cr_assert(eq(int, l->nodes[l->nodes[n].parent].role, LP_ROLE_P));
		}
	cr_assert(ge(u32, n_links, 2));
	lp_test_release_drop(&r);
}

/* Lists: L > LI > (Lbl, LBody), the marker in Lbl. */
Test(compose_tags, lists_and_quotes)
{
	lp_test_release r;
	lp_test_release_build_text(&r, "list.md",
	        "---\ntitle: Наслов\n---\n\nУвод.\n\n- прва ставка\n- друга ставка\n  - "
	        "угњеждена\n\n"
	        "> цитат који је\n> дуг\n\nКрај.\n");
	const lp_dlist *l = r.list;
	uint32_t lists = 0, items = 0, lbl = 0, lbody = 0, quotes = 0;
	for (uint32_t n = 1; n < l->n_nodes; n++) {
		const lp_dl_node *nd = &l->nodes[n];
		switch (nd->role) {
		case LP_ROLE_L:
			lists++;
			break;
		case LP_ROLE_LI:
			items++;
			cr_assert(eq(int, l->nodes[nd->parent].role, LP_ROLE_L));
			break;
		case LP_ROLE_LBL:
			lbl++;
			cr_assert(eq(int, l->nodes[nd->parent].role, LP_ROLE_LI));
			break;
		case LP_ROLE_LBODY:
			lbody++;
			break;
		case LP_ROLE_BLOCKQUOTE:
			quotes++;
			break;
		default:
			break;
		}
	}
	cr_assert(eq(u32, lists, 2));
	cr_assert(eq(u32, items, 3));
	cr_assert(eq(u32, lbl, 3));
	cr_assert(eq(u32, lbody, 3));
	cr_assert(eq(u32, quotes, 1));
	/* The nested list sits in the second item's body. */
	for (uint32_t n = 1; n < l->n_nodes; n++)
		if (l->nodes[n].role == LP_ROLE_L && l->nodes[n].parent != 0)
			cr_assert(eq(int, l->nodes[l->nodes[n].parent].role, LP_ROLE_LBODY));
	/* The marker's glyphs are tagged Lbl. */
	bool marker = false;
	for (uint32_t i = 0; i < l->pages[0].n_items; i++) {
		const lp_dl_item *it = &l->pages[0].items[i];
		if (it->kind == LP_DL_TEXT && !it->artifact &&
		        l->nodes[it->node].role == LP_ROLE_LBL)
			marker = marker || strncmp(it->u.text.text, "•", 3) == 0;
	}
	cr_assert(marker);
	lp_test_release_drop(&r);
}
