/*
 * Internal to layout/: the state of one layout file being turned from a
 * YAML tree into an lp_layout, and the value parsers every section uses.
 * Each parser reports a bad value at its line:column, counts the error and
 * carries on, so one run reports every mistake in the file.
 */
#ifndef LP_LAYOUT_LAYOUTPARSE_H
#define LP_LAYOUT_LAYOUTPARSE_H

#include "layout/layout.h"
#include "layout/ytree.h"

#include "base/arena.h"

/* The layout and what only its owner sees: one allocation in its arena. */
typedef struct lp_layout_owned {
	lp_layout pub; /* first: an lp_layout * is an lp_layout_owned * */
	int refs;
	lp_arena *arena;
	lp_layout *parent; /* the layout it extends (kept: pub points into it), or NULL */
	lp_source *src; /* the file as read, for the lines of messages found after loading */
	float margins[4]; /* the page margins (top, right, bottom, left), for a layout extending it
	                   */
} lp_layout_owned;

typedef struct lp_lparse {
	lp_arena *arena; /* the layout's: everything kept is copied here */
	const char *file;
	lp_diag *diag;
	lp_layout *layout;
	lp_style *styles; /* writable view of layout->styles */
	float margin_top, margin_right, margin_bottom, margin_left;
	lp_rect body; /* the body frame of the template being read */
	uint32_t errors;
	bool nomem;
	/* extends: a name is looked up in dirs; chain holds the real paths of
	 * the layouts that extend this one (depth of them), for cycles. */
	const char *const *dirs;
	size_t n_dirs;
	const char *const *chain;
	uint32_t depth;
	lp_layout_owned *parent; /* set by extends:, or NULL */
} lp_lparse;

/* Loads the layout file yaml (found already) as lp_layout_load() does;
 * chain and depth as in lp_lparse. */
lp_status lp_layout_load_file(const char *yaml, const char *const *dirs, size_t n_dirs,
        const char *const *chain, uint32_t depth, lp_layout **out, lp_diag *diag);

/* The file a layout's extends: names: a name in p->dirs, or a path inside
 * the layout's folder (malloc'd, NULL reported). extends.c */
lp_status lp_lparse_extends(lp_lparse *p, const lp_ynode *node);
/* After a layout extending another gave its own styles: every style its
 * inherited templates name is among them (else an error, at the layout's
 * own styles:, the section that left it out). */
void lp_lparse_inherited_styles(lp_lparse *p, const lp_ynode *styles);
/* After a layout extending another gave its own page: and kept the other's
 * styles: no style's size is larger than the new page (else an error at
 * the page's size, width or height), as the style parser checks its own. */
void lp_lparse_inherited_sizes(lp_lparse *p, const lp_ynode *page);
/* After a layout extending another gave its own page: the templates it
 * inherits, placed on the other layout's page, fit in this one: a body
 * frame or a block past its edges is an error at the page's size (or
 * margins). layoutpage.c */
void lp_lparse_inherited_templates(lp_lparse *p, const lp_ynode *root);

/* The key of a page: section that sets its size (size:, else width:,
 * else height:), where messages about the page's size point; NULL for
 * none. */
const lp_ynode *lp_lparse_page_size_node(const lp_ynode *page);

/* Reports an error at a node (or at the file when node is NULL). */
void lp_lparse_error(lp_lparse *p, const lp_ynode *at, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* lp_lparse_error() about word, with a caret under it and "did you mean"
 * the closest of names (n of them; NULL entries skipped) when one is close. */
void lp_lparse_error_near(lp_lparse *p, const lp_ynode *at, const char *word,
        const char *const *names, size_t n, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

/* The style a node names (its name in the layout's arena); NULL, reported
 * with the closest style's name, when there is none by that name. */
const char *lp_lparse_style_ref(lp_lparse *p, const lp_ynode *node);

/* Checks that node is a map whose keys are all in keys (NULL-terminated);
 * reports every other key. False when node is not a map. */
bool lp_lparse_map(lp_lparse *p, const lp_ynode *node, const char *what, const char *const *keys);

/* A scalar copied into the layout's arena; NULL (reported) otherwise. */
const char *lp_lparse_string(lp_lparse *p, const lp_ynode *node, const char *what);
/* The scalar text without copying; NULL (reported) when not a scalar. */
const char *lp_lparse_scalar(lp_lparse *p, const lp_ynode *node, const char *what);

/* Each returns false (reported) and leaves *out alone on a bad value. */
bool lp_lparse_length(lp_lparse *p, const lp_ynode *node, bool allow_negative, float *out);
bool lp_lparse_em(lp_lparse *p, const lp_ynode *node, float *out);
bool lp_lparse_number(lp_lparse *p, const lp_ynode *node, double min, double max, double *out);
bool lp_lparse_int(lp_lparse *p, const lp_ynode *node, int min, int max, int *out);
bool lp_lparse_bool(lp_lparse *p, const lp_ynode *node, bool *out);
bool lp_lparse_color(lp_lparse *p, const lp_ynode *node, uint32_t *out);

/* A file named relative to the layout folder, which must exist and be a
 * readable regular file: its absolute path in the arena, or NULL
 * (reported). *shown (when not NULL) is the name messages give it: the
 * path as written, beside the layout as the layout is named. */
const char *lp_lparse_asset(
        lp_lparse *p, const lp_ynode *node, const char *what, const char **shown);

/* The `labels:` section (labels.c); NULL for none. */
void lp_lparse_labels(lp_lparse *p, const lp_ynode *node);

/* A list of strings or one string (split at newlines), each a template
 * whose {field}s are well formed. NULL (reported) on a bad value. */
const char *const *lp_lparse_lines(lp_lparse *p, const lp_ynode *node, uint32_t *n);

/* A list of strings (copied). */
const char *const *lp_lparse_strings(
        lp_lparse *p, const lp_ynode *node, const char *what, uint32_t *n);

/* `defaults:` and `fields:` (defaults.c). */
void lp_lparse_defaults(lp_lparse *p, const lp_ynode *node);
void lp_lparse_fields(lp_lparse *p, const lp_ynode *node);
/* Whether a template may name the field (name, len bytes): a release's
 * field, or one the layout declares under fields: or defaults:. */
bool lp_lparse_field_known(const lp_layout *layout, const char *name, size_t len);
/* lp_lparse_field_known(), or an error with the closest name at node
 * (under the name when node is the template tmpl, which name is in). */
bool lp_lparse_field_check(
        lp_lparse *p, const lp_ynode *node, const char *tmpl, const char *name, size_t len);

/* Sections, each in its own file. */
void lp_lparse_styles(lp_lparse *p, const lp_ynode *root);
void lp_lparse_breaking(lp_lparse *p, const lp_ynode *node);
void lp_lparse_templates(lp_lparse *p, const lp_ynode *root);

/* layoutfind.c: the layout.yaml a name or path stands for, as found (for
 * messages), malloc'd, or NULL (paths: a name may also be a folder of the
 * working directory); and the error for one that is nowhere, with the
 * closest name. */
char *lp_layout_find_yaml(
        const char *name_or_path, const char *const *dirs, size_t n_dirs, bool paths);
lp_status lp_layout_not_found(
        const char *name_or_path, const char *const *dirs, size_t n_dirs, lp_diag *diag);

#endif
