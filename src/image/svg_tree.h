/*
 * An SVG file as a small element tree, for svg.c: read once with expat,
 * then walked, so that <use> can draw an element defined anywhere in the
 * file (later, or inside <defs>) and <style> rules apply to elements before
 * the rules. Elements of other namespaces (an editor's) are left out.
 */
#ifndef LP_IMAGE_SVG_TREE_H
#define LP_IMAGE_SVG_TREE_H

#include "letterpress.h"

#include "base/arena.h"

#include <stddef.h>
#include <stdint.h>

#define LP_SVG_NONE UINT32_MAX

typedef enum lp_svg_kind {
	LP_SVG_EL_OTHER, /* an SVG element letterpress does not draw: warned of */
	LP_SVG_EL_QUIET, /* title, desc, metadata: nothing to draw */
	LP_SVG_EL_SVG,
	LP_SVG_EL_G,
	LP_SVG_EL_A, /* a link: drawn as a group */
	LP_SVG_EL_SWITCH,
	LP_SVG_EL_DEFS,
	LP_SVG_EL_SYMBOL,
	LP_SVG_EL_USE,
	LP_SVG_EL_PATH,
	LP_SVG_EL_RECT,
	LP_SVG_EL_CIRCLE,
	LP_SVG_EL_ELLIPSE,
	LP_SVG_EL_LINE,
	LP_SVG_EL_POLYLINE,
	LP_SVG_EL_POLYGON,
	LP_SVG_EL_STYLE,
	LP_SVG_EL_LINEAR,
	LP_SVG_EL_RADIAL,
	LP_SVG_EL_STOP
} lp_svg_kind;

typedef struct lp_svg_node {
	lp_svg_kind kind;
	const char *name; /* the local name */
	/* Name, value, name, value, ..., NULL: attributes without a
	 * namespace, and xlink:href as "href". */
	const char **atts;
	const char *id; /* NULL when it has none */
	const char *text; /* a <style>'s text (CDATA included); else NULL */
	uint32_t parent, first_child, next_sibling; /* LP_SVG_NONE: none */
	uint32_t line, col;
	uint32_t text_line, text_col; /* where text starts */
} lp_svg_node;

typedef struct lp_svg_id {
	const char *id;
	uint32_t node;
} lp_svg_id;

/* Node 0 is the root <svg>. Everything is in the arena. */
typedef struct lp_svg_tree {
	lp_arena *arena;
	lp_svg_node *nodes;
	uint32_t n_nodes, cap_nodes;
	lp_svg_id *by_id; /* the nodes with an id, sorted by it (the first of equal ids first) */
	uint32_t n_ids;
} lp_svg_tree;

/* Reads data into *tree (which the caller drops with lp_svg_tree_drop,
 * also after a failure). DOCTYPEs and entities are refused; depth and
 * element count are capped. Fails with LP_ERR_SYNTAX, LP_ERR_LIMIT or
 * LP_ERR_NOMEM, reported at file:line:col. */
lp_status lp_svg_tree_parse(
        const char *name, const void *data, size_t size, lp_svg_tree *tree, lp_diag *diag);
void lp_svg_tree_drop(lp_svg_tree *tree);
/* The first element whose id is the len bytes at id; LP_SVG_NONE when
 * there is none. */
uint32_t lp_svg_tree_find(const lp_svg_tree *tree, const char *id, size_t len);
/* The value of an attribute, or NULL. */
const char *lp_svg_attr(const lp_svg_node *n, const char *name);

/* Warnings about what one file has that is not drawn: each kind (an
 * element's name, a property, a selector) once, at its first place, so
 * that a big file does not flood. */
#define LP_SVG_WARN_KINDS 32
typedef struct lp_svg_warn {
	const char *file;
	lp_diag *diag;
	const char *kinds[LP_SVG_WARN_KINDS]; /* borrowed: static or the tree's */
	uint32_t n_kinds;
} lp_svg_warn;

void lp_svg_warn_once(lp_svg_warn *w, const char *kind, uint32_t line, uint32_t col,
        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
