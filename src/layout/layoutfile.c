/* Loading a layout: the top-level sections and the frozen, refcounted
 * result (layoutfind.c finds the file); see layout.h and docs/layouts.md. */
#include "layout/layoutparse.h"

#include "layout/units.h"

#include "base/confine.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "base/suggest.h"
#include "base/utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uchar.h>

/* Page margins when page: names none (mm): a common office letter. */
#define LP_LAYOUT_MARGIN_TOP_MM 20.0f
#define LP_LAYOUT_MARGIN_BOTTOM_MM 20.0f
#define LP_LAYOUT_MARGIN_LEFT_MM 25.0f
#define LP_LAYOUT_MARGIN_RIGHT_MM 20.0f
#define LP_PT_PER_MM (72.0f / 25.4f)
/* TeX's \widowpenalty and \clubpenalty forbid one line alone; two is the
 * usual minimum. */
#define LP_LAYOUT_DEFAULT_WIDOWS 2

static const char *const top_keys[] = {"description", "page", "fonts", "styles", "styles-for",
        "breaking", "widows", "orphans", "quotes", "hyphenation-exceptions", "first-page",
        "following-pages", "labels", "defaults", "fields", "extends", NULL};

static void
parse_page(lp_lparse *p, const lp_ynode *node)
{
	static const char *const keys[] = {"size", "width", "height", "margins", NULL};
	static const char *const margin_keys[] = {"top", "right", "bottom", "left", NULL};
	lp_layout *l = p->layout;
	lp_units_page_size("A4", &l->page_w_pt, &l->page_h_pt);
	p->margin_top = LP_LAYOUT_MARGIN_TOP_MM * LP_PT_PER_MM;
	p->margin_bottom = LP_LAYOUT_MARGIN_BOTTOM_MM * LP_PT_PER_MM;
	p->margin_left = LP_LAYOUT_MARGIN_LEFT_MM * LP_PT_PER_MM;
	p->margin_right = LP_LAYOUT_MARGIN_RIGHT_MM * LP_PT_PER_MM;
	if (!node || !lp_lparse_map(p, node, "page", keys))
		return;
	const lp_ynode *v;
	const char *s;
	if ((v = lp_lparse_page_size_node(node)))
		l->page_at = (lp_layout_at){v->line, v->col};
	if ((v = lp_ytree_get(node, "size")) && (s = lp_lparse_scalar(p, v, "a page size")) &&
	        !lp_units_page_size(s, &l->page_w_pt, &l->page_h_pt))
		lp_lparse_error(p, v, "unknown page size '%s' (A3, A4, A5, B5, Letter, Legal)", s);
	/* PDF allows a page of 3 to 14,400 units a side (ISO 32000-1, annex C);
	 * LP_MAX_LAYOUT_LENGTH_PT bounds the top. */
	static const char *const sides[] = {"width", "height"};
	float *side[] = {&l->page_w_pt, &l->page_h_pt};
	for (int i = 0; i < 2; i++)
		if ((v = lp_ytree_get(node, sides[i])) && lp_lparse_length(p, v, false, side[i]) &&
		        *side[i] > 0 && *side[i] < LP_LAYOUT_MIN_PAGE_PT)
			lp_lparse_error(p, v, "a page %s of %.2f pt is less than PDF's 3 pt",
			        sides[i], (double)*side[i]);
	if (l->page_w_pt <= 0 || l->page_h_pt <= 0) {
		lp_lparse_error(p, node, "the page has no area");
		lp_units_page_size("A4", &l->page_w_pt, &l->page_h_pt);
	}
	if (!(v = lp_ytree_get(node, "margins")))
		return;
	if (v->kind == LP_YNODE_SCALAR) {
		if (lp_lparse_length(p, v, false, &p->margin_top))
			p->margin_bottom = p->margin_left = p->margin_right = p->margin_top;
		return;
	}
	if (!lp_lparse_map(p, v, "margins", margin_keys))
		return;
	const lp_ynode *m;
	if ((m = lp_ytree_get(v, "top")))
		lp_lparse_length(p, m, false, &p->margin_top);
	if ((m = lp_ytree_get(v, "right")))
		lp_lparse_length(p, m, false, &p->margin_right);
	if ((m = lp_ytree_get(v, "bottom")))
		lp_lparse_length(p, m, false, &p->margin_bottom);
	if ((m = lp_ytree_get(v, "left")))
		lp_lparse_length(p, m, false, &p->margin_left);
}

static void
parse_fonts(lp_lparse *p, const lp_ynode *node)
{
	static const char *const keys[] = {"fallback", "files", NULL};
	static const char *const fallback[] = {"Noto Serif", "Noto Sans"};
	lp_layout *l = p->layout;
	l->fallback = fallback;
	l->n_fallback = 2;
	l->fallback_at = NULL;
	l->font_files = NULL; /* a variant's fonts: replace the other's */
	l->font_files_shown = NULL;
	l->n_font_files = 0;
	if (!node || !lp_lparse_map(p, node, "fonts", keys))
		return;
	const lp_ynode *v;
	uint32_t n;
	const char *const *list;
	if ((v = lp_ytree_get(node, "fallback")) &&
	        (list = lp_lparse_strings(p, v, "a font family", &n))) {
		lp_layout_at *at = lp_arena_array(p->arena, n ? n : 1, sizeof *at);
		if (!at)
			p->nomem = true;
		else if (n == 0)
			lp_lparse_error(p, v, "the fallback chain needs at least one family");
		else {
			for (uint32_t i = 0; i < n; i++)
				at[i] = (lp_layout_at){v->items[i]->line, v->items[i]->col};
			l->fallback = list, l->fallback_at = at, l->n_fallback = n;
		}
	}
	if (!(v = lp_ytree_get(node, "files")))
		return;
	if (v->kind != LP_YNODE_SEQ) {
		lp_lparse_error(p, v, "files must be a list of font files");
		return;
	}
	const char **files = lp_arena_array(p->arena, v->n ? v->n : 1, sizeof *files);
	const char **shown = lp_arena_array(p->arena, v->n ? v->n : 1, sizeof *shown);
	if (!files || !shown) {
		p->nomem = true;
		return;
	}
	for (uint32_t i = 0; i < v->n; i++)
		files[i] = lp_lparse_asset(p, v->items[i], "font file", &shown[i]);
	l->font_files = files;
	l->font_files_shown = shown;
	l->n_font_files = v->n;
}

/* A hyphenation exception is a word with its break points: letters and
 * single inner hyphens ("пред-сед-ник"). */
static void
check_exception(lp_lparse *p, const lp_ynode *node, const char *w)
{
	size_t len = strlen(w);
	bool ok = len > 0 && w[0] != '-' && w[len - 1] != '-' && !strstr(w, "--");
	for (const char *c = w; ok && *c; c++)
		ok = !(*c == ' ' || *c == '\t' || *c == '\n');
	if (!ok)
		lp_lparse_error(p, node, "'%s' is not a word with hyphens (like пред-сед-ник)", w);
}

static void
parse_misc(lp_lparse *p, const lp_ynode *root)
{
	lp_layout *l = p->layout;
	const lp_ynode *v;
	if ((v = lp_ytree_get(root, "description")))
		l->description = lp_lparse_string(p, v, "description");
	if ((v = lp_ytree_get(root, "widows")))
		lp_lparse_int(p, v, 1, 10, &l->widows);
	if ((v = lp_ytree_get(root, "orphans")))
		lp_lparse_int(p, v, 1, 10, &l->orphans);
	if ((v = lp_ytree_get(root, "quotes")) && (l->quotes = lp_lparse_string(p, v, "quotes"))) {
		const uint8_t *q = (const uint8_t *)l->quotes;
		size_t len = strlen(l->quotes), pos = 0;
		uint32_t cp;
		bool marks = true; /* a space or an invisible character quotes nothing */
		while (marks && pos < len && lp_utf8_decode(q, len, &pos, &cp))
			marks = !u_isUWhiteSpace((UChar32)cp) && u_isgraph((UChar32)cp);
		if (lp_utf8_count(q, len) != 4)
			lp_lparse_error(p, v, "quotes must be four characters (like „”‚’)");
		else if (!marks)
			lp_lparse_error(p, v,
			        "quotes must be four visible marks (like „”‚’), not spaces or "
			        "invisible characters");
	}
	uint32_t n;
	if ((v = lp_ytree_get(root, "hyphenation-exceptions")) &&
	        (l->hyphen_exceptions = lp_lparse_strings(p, v, "a word", &n))) {
		l->n_hyphen_exceptions = n;
		for (uint32_t i = 0; i < n; i++)
			check_exception(p, v->items[i], l->hyphen_exceptions[i]);
	}
	if ((v = lp_ytree_get(root, "breaking")))
		lp_lparse_breaking(p, v);
}

/* Fills in name (the folder's), path and dir: dir is absolute so assets resolve the same
 * whatever the working directory later is. */
static lp_status
set_origin(lp_lparse *p, const char *yaml)
{
	char real[PATH_MAX];
	if (!realpath(yaml, real))
		return lp_diag_report(p->diag, LP_ERROR, LP_ERR_MISSING, yaml, 0, 0,
		        "cannot resolve the layout's folder");
	lp_layout *l = p->layout;
	char *slash = strrchr(real, '/');
	l->path = lp_arena_strdup(p->arena, real);
	l->dir = lp_arena_strndup(p->arena, real, slash > real ? (size_t)(slash - real) : 1);
	const char *last = l->dir ? strrchr(l->dir, '/') : NULL;
	l->name = lp_arena_strdup(p->arena, last && last[1] ? last + 1 : "layout");
	return l->path && l->dir && l->name ? LP_OK : LP_ERR_NOMEM;
}

/* A file is taken for a layout when it has one of the sections of
 * docs/layouts.md at its top level: in the tree when it parsed, else as a
 * line starting "NAME:". Anything else is some other file, and what the
 * parsers would say about it (keys, anchors, values) would show its
 * content; so it gets one message that shows none. */
static bool
is_section(const char *s, size_t len)
{
	for (size_t i = 0; top_keys[i]; i++)
		if (strlen(top_keys[i]) == len && memcmp(top_keys[i], s, len) == 0)
			return true;
	return false;
}

static bool
looks_like_layout(const lp_source *src, const lp_ynode *root, bool parsed)
{
	if (parsed) {
		for (uint32_t i = 0; root && root->kind == LP_YNODE_MAP && i < root->n; i++) {
			const char *key = root->items[2 * i]->str;
			if (is_section(key, strlen(key)))
				return true;
		}
		return false;
	}
	const char *d = lp_source_data(src), *end = d + lp_source_size(src);
	for (const char *line = d; line < end;) {
		const char *colon = memchr(line, ':', (size_t)(end - line));
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		if (colon && (!nl || colon < nl) && is_section(line, (size_t)(colon - line)))
			return true;
		line = nl ? nl + 1 : end;
	}
	return false;
}

static lp_status
parse_layout(lp_lparse *p, const lp_source *src)
{
	lp_arena *tree_arena = lp_arena_new(0);
	lp_diag *held = lp_diag_new(NULL, NULL);
	const lp_ynode *root = NULL;
	lp_status st = tree_arena && held ? LP_OK : LP_ERR_NOMEM;
	const lp_source *was = NULL;
	bool shown = false;
	if (st == LP_OK)
		st = lp_ytree_parse(src, tree_arena, &root, held);
	if (st == LP_ERR_NOMEM)
		goto fail;
	if (!looks_like_layout(src, root, st == LP_OK)) {
		const lp_diag_entry *first = lp_diag_at_index(held, 0);
		uint32_t line = first && first->line ? first->line : root ? root->line : 1;
		uint32_t col = first && first->line ? first->col : root ? root->col : 1;
		st = lp_diag_report(p->diag, LP_ERROR, st == LP_OK ? LP_ERR_SYNTAX : st, p->file,
		        line, col,
		        "not a layout: a layout is a YAML mapping with sections such as page:, "
		        "styles: and first-page: (see docs/layouts.md); this file's content is not "
		        "shown");
		goto fail;
	}
	/* A layout's messages show its lines; a file that is not one is never
	 * quoted (above). */
	was = lp_diag_set_source(p->diag, src);
	shown = true;
	for (size_t i = 0; i < lp_diag_size(held) && lp_diag_at_index(held, i); i++) {
		const lp_diag_entry *e = lp_diag_at_index(held, i);
		lp_diag_report(
		        p->diag, e->severity, e->code, e->file, e->line, e->col, "%s", e->message);
	}
	if (st != LP_OK)
		goto fail;
	lp_lparse_map(p, root, "the layout", top_keys);
	if ((st = lp_lparse_extends(p, lp_ytree_get(root, "extends"))) != LP_OK)
		goto fail;
	/* Without the layout it extends, the rest would be read as a whole
	 * layout and its sections said to be missing. */
	if (lp_ytree_get(root, "extends") && !p->parent) {
		st = p->nomem ? LP_ERR_NOMEM : LP_ERR_SYNTAX;
		goto fail;
	}
	/* A layout that extends another starts from a copy of it, and each
	 * section it has replaces that one (docs/layouts.md, Variants). */
	lp_layout_owned *parent = p->parent;
	if (parent) {
		lp_layout *l = p->layout;
		const char *name = l->name, *path = l->path, *dir = l->dir;
		*l = parent->pub;
		l->name = name, l->path = path, l->dir = dir;
		p->margin_top = parent->margins[0], p->margin_right = parent->margins[1];
		p->margin_bottom = parent->margins[2], p->margin_left = parent->margins[3];
	} else {
		p->layout->widows = p->layout->orphans = LP_LAYOUT_DEFAULT_WIDOWS;
	}
	if (!parent || lp_ytree_get(root, "breaking"))
		p->layout->breaking = (lp_kp_params)LP_KP_PARAMS_DEFAULT;
	if (!parent || lp_ytree_get(root, "page")) {
		p->layout->page_at = (lp_layout_at){0, 0};
		parse_page(p, lp_ytree_get(root, "page"));
		p->layout->page_from = p->layout;
	}
	if (!parent || lp_ytree_get(root, "fonts")) {
		parse_fonts(p, lp_ytree_get(root, "fonts"));
		p->layout->fonts_from = p->layout;
	}
	if (parent && !lp_ytree_get(root, "styles") && lp_ytree_get(root, "styles-for"))
		lp_lparse_error(p, lp_ytree_get(root, "styles-for"),
		        "styles-for: comes with styles: in a layout that extends another (the "
		        "two are inherited together)");
	else if (!parent || lp_ytree_get(root, "styles")) {
		lp_lparse_styles(p, root);
		p->layout->styles_from = p->layout;
	}
	if (parent && lp_ytree_get(root, "page") && !lp_ytree_get(root, "styles"))
		lp_lparse_inherited_sizes(p, lp_ytree_get(root, "page"));
	parse_misc(p, root);
	/* The fields templates may name, before the labels and templates. */
	lp_lparse_defaults(p, lp_ytree_get(root, "defaults"));
	lp_lparse_fields(p, lp_ytree_get(root, "fields"));
	lp_lparse_labels(p, lp_ytree_get(root, "labels")); /* before the templates naming them */
	lp_lparse_templates(p, root);
	if (parent)
		lp_lparse_inherited_styles(p, lp_ytree_get(root, "styles"));
	if (parent && lp_ytree_get(root, "page"))
		lp_lparse_inherited_templates(p, root);
	st = p->nomem ? LP_ERR_NOMEM : p->errors ? LP_ERR_SYNTAX : LP_OK;
fail:
	if (shown)
		lp_diag_set_source(p->diag, was);
	lp_diag_drop(held);
	lp_arena_drop(tree_arena);
	return st;
}

lp_status
lp_layout_load(const char *name_or_path, const char *const *dirs, size_t n_dirs, lp_layout **out,
        lp_diag *diag)
{
	*out = NULL;
	/* Read and shown as found; set_origin() keeps its real path. */
	char *yaml = lp_layout_find_yaml(name_or_path, dirs, n_dirs, true);
	if (!yaml)
		return lp_layout_not_found(name_or_path, dirs, n_dirs, diag);
	lp_status st = lp_layout_load_file(yaml, dirs, n_dirs, NULL, 0, out, diag);
	free(yaml);
	return st;
}

lp_status
lp_layout_load_file(const char *yaml, const char *const *dirs, size_t n_dirs,
        const char *const *chain, uint32_t depth, lp_layout **out, lp_diag *diag)
{
	lp_source *src = NULL;
	lp_arena *arena = NULL;
	lp_layout_owned *owned = NULL;
	lp_status st;
	*out = NULL;
	st = lp_source_load(yaml, LP_MAX_LAYOUT_BYTES, &src, diag);
	if (st != LP_OK)
		goto fail;
	arena = lp_arena_new(0);
	owned = arena ? lp_arena_alloc(arena, sizeof *owned) : NULL;
	if (!owned) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	*owned = (lp_layout_owned){.refs = 1, .arena = arena};
	lp_lparse p = {.arena = arena,
	        .file = lp_source_name(src),
	        .diag = diag,
	        .layout = &owned->pub,
	        .dirs = dirs,
	        .n_dirs = n_dirs,
	        .chain = chain,
	        .depth = depth};
	st = set_origin(&p, yaml);
	if (st == LP_OK)
		st = parse_layout(&p, src);
	owned->parent = p.parent ? &p.parent->pub : NULL;
	owned->margins[0] = p.margin_top, owned->margins[1] = p.margin_right;
	owned->margins[2] = p.margin_bottom, owned->margins[3] = p.margin_left;
	if (st != LP_OK)
		goto fail;
	*out = &owned->pub;
	owned->src = src;
	src = NULL;
	arena = NULL;
fail:
	if (arena && owned)
		lp_layout_drop(owned->parent);
	lp_arena_drop(arena);
	lp_source_drop(src);
	return st;
}

lp_layout *
lp_layout_keep(lp_layout *layout)
{
	if (layout)
		__atomic_add_fetch(&((lp_layout_owned *)layout)->refs, 1, __ATOMIC_RELAXED);
	return layout;
}

void
lp_layout_drop(lp_layout *layout)
{
	lp_layout_owned *owned = (lp_layout_owned *)layout;
	if (!owned || __atomic_sub_fetch(&owned->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	lp_layout *parent = owned->parent;
	lp_source *src = owned->src;
	lp_arena_drop(owned->arena);
	lp_source_drop(src);
	lp_layout_drop(parent);
}

const lp_source *
lp_layout_source(const lp_layout *layout)
{
	return layout ? ((const lp_layout_owned *)layout)->src : NULL;
}

const lp_layout *
lp_layout_parent(const lp_layout *layout)
{
	return layout ? ((const lp_layout_owned *)layout)->parent : NULL;
}

const char *
lp_layout_shown(const lp_layout *layout)
{
	const lp_source *src = lp_layout_source(layout);
	return src ? lp_source_name(src) : layout->path;
}

const char *
lp_layout_block_path(const lp_layout *layout, const lp_layout_block *lb)
{
	const lp_page_template *t[] = {&layout->first, &layout->rest};
	const lp_layout *from[] = {layout->first_from, layout->rest_from};
	for (int i = 0; i < 2; i++)
		if (from[i] && lb >= t[i]->blocks && lb < t[i]->blocks + t[i]->n_blocks)
			return lp_layout_shown(from[i]);
	return lp_layout_shown(layout);
}

const char *
lp_layout_styles_path(const lp_layout *layout)
{
	return lp_layout_shown(layout->styles_from ? layout->styles_from : layout);
}

const lp_style *
lp_layout_style(const lp_layout *layout, const char *name)
{
	for (uint32_t i = 0; layout && name && i < layout->n_styles; i++) {
		if (layout->styles[i].name && strcmp(layout->styles[i].name, name) == 0)
			return &layout->styles[i];
	}
	return NULL;
}

/* A layout from bytes, for tests and fuzzing: parsed exactly as a file is,
 * with dir standing for the layout's folder (assets resolve below it). */
lp_status
lp_layout_from_memory(const char *name, const char *dir, const void *data, size_t size,
        lp_layout **out, lp_diag *diag)
{
	lp_source *src = NULL;
	lp_arena *arena = NULL;
	char real[PATH_MAX];
	lp_status st;
	*out = NULL;
	if (size > LP_MAX_LAYOUT_BYTES) {
		st = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
		        "the layout is larger than the limit of %u bytes", LP_MAX_LAYOUT_BYTES);
		goto fail;
	}
	if (!realpath(dir, real)) {
		st = lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, name, 0, 0,
		        "cannot resolve the layout's folder");
		goto fail;
	}
	st = lp_source_from_memory(name, data, size, &src);
	if (st != LP_OK)
		goto fail;
	arena = lp_arena_new(0);
	lp_layout_owned *owned = arena ? lp_arena_alloc(arena, sizeof *owned) : NULL;
	if (!owned) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	*owned = (lp_layout_owned){.refs = 1, .arena = arena};
	lp_layout *l = &owned->pub;
	const char *last = strrchr(real, '/');
	l->path = lp_arena_strdup(arena, name);
	l->dir = lp_arena_strdup(arena, real);
	l->name = lp_arena_strdup(arena, last && last[1] ? last + 1 : "layout");
	if (!l->path || !l->dir || !l->name) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	lp_lparse p = {.arena = arena, .file = lp_source_name(src), .diag = diag, .layout = l};
	st = parse_layout(&p, src);
	owned->parent = p.parent ? &p.parent->pub : NULL;
	owned->margins[0] = p.margin_top, owned->margins[1] = p.margin_right;
	owned->margins[2] = p.margin_bottom, owned->margins[3] = p.margin_left;
	if (st != LP_OK) {
		lp_layout_drop(owned->parent);
		goto fail;
	}
	*out = l;
	owned->src = src;
	src = NULL;
	arena = NULL;
fail:
	lp_arena_drop(arena);
	lp_source_drop(src);
	return st;
}
