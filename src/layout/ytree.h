/*
 * A small YAML tree built from libyaml's event API, so the layout loader
 * sees plain nodes that each keep their line and column. The event API
 * with our own tree means aliases are never expanded (they are refused:
 * no billion laughs), nesting is capped at LP_MAX_LAYOUT_DEPTH without
 * recursion, and the node count at LP_MAX_LAYOUT_NODES.
 */
#ifndef LP_LAYOUT_YTREE_H
#define LP_LAYOUT_YTREE_H

#include "letterpress.h"

#include "base/arena.h"
#include "base/source.h"

typedef enum lp_ynode_kind { LP_YNODE_SCALAR, LP_YNODE_SEQ, LP_YNODE_MAP } lp_ynode_kind;

typedef struct lp_ynode lp_ynode;

struct lp_ynode {
	lp_ynode_kind kind;
	uint32_t line, col; /* 1-based, where the node starts */
	const char *str; /* scalars: the text, NUL-terminated; else NULL */
	bool plain; /* a scalar written without quotes */
	const lp_ynode *const *items; /* seq: n items; map: n pairs, key then value */
	uint32_t n;
};

/* Parses one YAML document into arena. Syntax errors, aliases, duplicate
 * keys, keys that are not scalars, strings holding NUL and more than one
 * document are reported to diag with file:line:col and fail with
 * LP_ERR_SYNTAX; the caps fail with LP_ERR_LIMIT. An empty document gives
 * *root = NULL. */
lp_status lp_ytree_parse(
        const lp_source *src, lp_arena *arena, const lp_ynode **root, lp_diag *diag);

/* The value of key in a map, or NULL (also when map is not a map).
 * Borrowed. */
const lp_ynode *lp_ytree_get(const lp_ynode *map, const char *key);

#endif
