/*
 * `extends: OTHER`: a layout that starts from another (a Latin variant of
 * a letterhead, a draft one) and gives only what differs. Each top-level
 * section it has replaces the other's (`defaults:` and `fields:` add to
 * them instead, key by key); everything else is inherited as the other
 * layout's file has it, its pictures and fonts from the other's folder.
 * OTHER is a layout name, looked up in the layout folders, or a path
 * inside the extending layout's folder. A layout that comes back to itself
 * through the chain is an error at its `extends:` line, and so is a chain
 * longer than LP_MAX_LAYOUT_EXTENDS (docs/layouts.md, Variants).
 */
#include "layout/layoutparse.h"

#include "base/confine.h"
#include "base/diag.h"
#include "base/limits.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool
is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The layout.yaml that name stands for (malloc'd, real path), or NULL;
 * *shown is the same file as messages name it (malloc'd): as found in a
 * layout folder, or beside the extending layout as that one is named. */
static char *
resolve(lp_lparse *p, const char *name, char **shown)
{
	char buf[PATH_MAX];
	*shown = NULL;
	size_t len = strlen(name);
	bool path = strchr(name, '/') || (len > 5 && !strcmp(name + len - 5, ".yaml"));
	if (!path) {
		for (size_t i = 0; i < p->n_dirs; i++) {
			int n = snprintf(buf, sizeof buf, "%s/%s/layout.yaml", p->dirs[i], name);
			if (n > 0 && (size_t)n < sizeof buf && is_file(buf)) {
				*shown = strdup(buf);
				return realpath(buf, NULL);
			}
		}
		return NULL;
	}
	bool yaml = len > 5 && !strcmp(name + len - 5, ".yaml");
	int n = snprintf(
	        buf, sizeof buf, "%s/%s%s", p->layout->dir, name, yaml ? "" : "/layout.yaml");
	if (n <= 0 || (size_t)n >= sizeof buf || !is_file(buf))
		return NULL;
	/* Inside the layout's folder, links and all. */
	char *real = realpath(buf, NULL);
	size_t dl = strlen(p->layout->dir);
	if (real && (strncmp(real, p->layout->dir, dl) != 0 || real[dl] != '/')) {
		free(real);
		return NULL;
	}
	/* "lay/child.yaml" extending "./layout.yaml" shows "lay/layout.yaml". */
	const char *child = p->file ? p->file : p->layout->path;
	const char *slash = strrchr(child, '/');
	n = snprintf(buf, sizeof buf, "%.*s%s%s", slash ? (int)(slash - child + 1) : 0, child,
	        lp_path_past_dot(name), yaml ? "" : "/layout.yaml");
	/* Only when that names the same file: a layout from memory has a
	 * name and no place, and is shown its parent by the real path. */
	char *same = n > 0 && (size_t)n < sizeof buf ? realpath(buf, NULL) : NULL;
	*shown = same && strcmp(same, real) == 0 ? strdup(buf) : NULL;
	free(same);
	return real;
}

lp_status
lp_lparse_extends(lp_lparse *p, const lp_ynode *node)
{
	if (!node)
		return LP_OK;
	const char *name = lp_lparse_scalar(p, node, "a layout name");
	if (!name)
		return LP_OK; /* reported; the layout fails */
	size_t len = strlen(name);
	bool path = strchr(name, '/') || (len > 5 && !strcmp(name + len - 5, ".yaml"));
	if (!*name || (path && !lp_confine_lexically_inside(name))) {
		lp_lparse_error(p, node,
		        "extends: names a layout (a name, or a path inside this layout's folder); "
		        "'%s' is not one",
		        name);
		return LP_OK;
	}
	char *shown;
	char *yaml = resolve(p, name, &shown);
	if (!yaml) {
		free(shown);
		char **names = NULL, **descs = NULL;
		size_t n = 0;
		/* A name misspelt gets the one meant; listing problems are the
		 * folders', said by `letterpress layouts`. */
		if (path || lp_layout_list(p->dirs, p->n_dirs, &names, &descs, &n, NULL) != LP_OK)
			n = 0;
		lp_lparse_error_near(p, node, name, (const char *const *)names, n,
		        path ? "no layout '%s' inside this layout's folder"
		             : "no layout named '%s' in the layout folders to extend",
		        name);
		lp_layout_names_free(names, descs, n);
		return LP_OK;
	}
	/* The chain so far: every layout extending this one, then this one. */
	const char *chain[LP_MAX_LAYOUT_EXTENDS + 1];
	uint32_t depth = p->depth;
	for (uint32_t i = 0; i < depth; i++)
		chain[i] = p->chain[i];
	chain[depth++] = p->layout->path;
	for (uint32_t i = 0; i < depth; i++)
		if (!strcmp(chain[i], yaml)) {
			lp_lparse_error(p, node,
			        "layout '%s' extends itself (through '%s'): a layout extends "
			        "another, never one that extends it",
			        p->layout->name, name);
			free(yaml);
			free(shown);
			return LP_OK;
		}
	if (depth > LP_MAX_LAYOUT_EXTENDS) {
		lp_lparse_error(p, node,
		        "layouts extend one another more than %d deep; extend the original "
		        "instead",
		        LP_MAX_LAYOUT_EXTENDS);
		free(yaml);
		free(shown);
		return LP_OK;
	}
	/* Read by the name messages show; what was read must be the file
	 * found (and confined): a path swapped in between is refused. */
	lp_layout *parent = NULL;
	lp_status st = lp_layout_load_file(
	        shown ? shown : yaml, p->dirs, p->n_dirs, chain, depth, &parent, p->diag);
	if (st == LP_OK && strcmp(parent->path, yaml) != 0) {
		lp_layout_drop(parent);
		parent = NULL;
		st = lp_diag_report(p->diag, LP_ERROR, LP_ERR_MISSING, shown ? shown : yaml, 0, 0,
		        "the layout changed while it was being read");
	}
	free(yaml);
	free(shown);
	if (st == LP_ERR_NOMEM)
		return st;
	if (st != LP_OK) {
		/* Its own errors are said; this says who asked for it. */
		lp_lparse_error(p, node, "the layout '%s' it extends has errors", name);
		return LP_OK;
	}
	p->parent = (lp_layout_owned *)parent;
	return LP_OK;
}

void
lp_lparse_inherited_styles(lp_lparse *p, const lp_ynode *styles)
{
	const lp_layout *L = p->layout;
	const lp_page_template *tpl[] = {&L->first, &L->rest};
	for (int t = 0; t < 2; t++)
		for (uint32_t i = 0; i < tpl[t]->n_blocks; i++) {
			const lp_layout_block *b = &tpl[t]->blocks[i];
			if (b->style && !lp_layout_style(L, b->style))
				lp_lparse_error(p, styles,
				        "the block at %s:%u:%u, which this layout inherits, uses "
				        "the "
				        "style '%s' that its own styles: do not have",
				        lp_layout_block_path(L, b), b->src_line, b->src_col,
				        b->style);
		}
}

void
lp_lparse_inherited_sizes(lp_lparse *p, const lp_ynode *page)
{
	const lp_layout *L = p->layout;
	const lp_ynode *at = lp_lparse_page_size_node(page);
	for (uint32_t i = 0; at && i < L->n_styles; i++) {
		const lp_style *st = &L->styles[i];
		if (st->size_pt > L->page_w_pt || st->size_pt > L->page_h_pt)
			lp_lparse_error(p, at,
			        "the %.0fx%.0f pt page is smaller than the %gpt font size of "
			        "style '%s', which this layout inherits from %s",
			        (double)L->page_w_pt, (double)L->page_h_pt, (double)st->size_pt,
			        st->name ? st->name : "", lp_layout_styles_path(L));
	}
}
