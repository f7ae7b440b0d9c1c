/* YAML events → lp_ynode tree; see ytree.h. */
#include "layout/ytree.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct ytree_frame {
	lp_ynode *node;
	const lp_ynode **items;
	uint32_t n, cap;
} ytree_frame;

typedef struct ytree_ctx {
	lp_arena *arena;
	const char *file;
	lp_diag *diag;
	ytree_frame stack[LP_MAX_LAYOUT_DEPTH];
	uint32_t depth;
	uint32_t nodes;
	const lp_ynode *root;
} ytree_ctx;

static lp_status
ytree_add(ytree_ctx *c, lp_ynode *node)
{
	if (++c->nodes > LP_MAX_LAYOUT_NODES)
		return lp_diag_report(c->diag, LP_ERROR, LP_ERR_LIMIT, c->file, node->line,
		        node->col, "more than %d YAML nodes in a layout", LP_MAX_LAYOUT_NODES);
	if (c->depth == 0) {
		c->root = node;
		return LP_OK;
	}
	ytree_frame *f = &c->stack[c->depth - 1];
	if (f->node->kind == LP_YNODE_MAP && f->n % 2 == 0 && node->kind != LP_YNODE_SCALAR)
		return lp_diag_report(c->diag, LP_ERROR, LP_ERR_SYNTAX, c->file, node->line,
		        node->col, "a key must be a plain string, not a list or a mapping");
	lp_status s =
	        LP_ARENA_ARRAY_RESERVE(c->arena, f->items, f->cap, (size_t)f->n + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	f->items[f->n++] = node;
	return LP_OK;
}

static int
key_order(const void *a, const void *b)
{
	const lp_ynode *x = *(const lp_ynode *const *)a, *y = *(const lp_ynode *const *)b;
	int r = strcmp(x->str, y->str);
	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Sorting a copy of the keys finds duplicates in n log n, so a hostile map
 * of thousands of keys costs no more than its parse. */
static lp_status
ytree_check_keys(ytree_ctx *c, const lp_ynode *map)
{
	if (map->n < 2)
		return LP_OK;
	const lp_ynode **keys = lp_arena_array(c->arena, map->n, sizeof *keys);
	if (!keys)
		return LP_ERR_NOMEM;
	for (uint32_t i = 0; i < map->n; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, map->n, sizeof *keys, key_order);
	lp_status st = LP_OK;
	for (uint32_t i = 1; i < map->n; i++) {
		if (strcmp(keys[i - 1]->str, keys[i]->str) == 0)
			st = lp_diag_report(c->diag, LP_ERROR, LP_ERR_SYNTAX, c->file,
			        keys[i]->line, keys[i]->col,
			        "duplicate key '%s' (first at line %u)", keys[i]->str,
			        keys[i - 1]->line);
	}
	return st;
}

static lp_ynode *
ytree_node(ytree_ctx *c, lp_ynode_kind kind, const yaml_mark_t *mark)
{
	lp_ynode *node = lp_arena_alloc(c->arena, sizeof *node);
	if (!node)
		return NULL;
	node->kind = kind;
	node->line = (uint32_t)mark->line + 1;
	node->col = (uint32_t)mark->column + 1;
	return node;
}

/* One event; *done is set at the end of the stream. */
static lp_status
ytree_event(ytree_ctx *c, const yaml_event_t *ev, uint32_t *documents, bool *done)
{
	uint32_t line = (uint32_t)ev->start_mark.line + 1,
	         col = (uint32_t)ev->start_mark.column + 1;
	lp_ynode *node = NULL;
	lp_status st = LP_OK;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*documents > 1)
			return lp_diag_report(c->diag, LP_ERROR, LP_ERR_SYNTAX, c->file, line, col,
			        "a layout is one YAML document");
		return LP_OK;
	case YAML_STREAM_END_EVENT:
		*done = true;
		return LP_OK;
	case YAML_ALIAS_EVENT:
		return lp_diag_report(c->diag, LP_ERROR, LP_ERR_SYNTAX, c->file, line, col,
		        "aliases (*%s) are not allowed in layouts",
		        (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		if (strlen((const char *)ev->data.scalar.value) != ev->data.scalar.length)
			return lp_diag_report(c->diag, LP_ERROR, LP_ERR_SYNTAX, c->file, line, col,
			        "a string holds a NUL character");
		node = ytree_node(c, LP_YNODE_SCALAR, &ev->start_mark);
		if (!node)
			return LP_ERR_NOMEM;
		node->str = lp_arena_strndup(
		        c->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		if (!node->str)
			return LP_ERR_NOMEM;
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return ytree_add(c, node);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (c->depth == LP_MAX_LAYOUT_DEPTH)
			return lp_diag_report(c->diag, LP_ERROR, LP_ERR_LIMIT, c->file, line, col,
			        "layout nested deeper than %d levels", LP_MAX_LAYOUT_DEPTH);
		node = ytree_node(c,
		        ev->type == YAML_SEQUENCE_START_EVENT ? LP_YNODE_SEQ : LP_YNODE_MAP,
		        &ev->start_mark);
		if (!node)
			return LP_ERR_NOMEM;
		st = ytree_add(c, node);
		if (st == LP_OK)
			c->stack[c->depth++] = (ytree_frame){.node = node};
		return st;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		if (c->depth == 0)
			return LP_ERR_INTERNAL;
		ytree_frame *f = &c->stack[--c->depth];
		f->node->items = f->items;
		f->node->n = f->node->kind == LP_YNODE_MAP ? f->n / 2 : f->n;
		return f->node->kind == LP_YNODE_MAP ? ytree_check_keys(c, f->node) : LP_OK;
	}
	default:
		return LP_OK;
	}
}

lp_status
lp_ytree_parse(const lp_source *src, lp_arena *arena, const lp_ynode **root, lp_diag *diag)
{
	ytree_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return LP_ERR_NOMEM;
	c->arena = arena;
	c->file = lp_source_name(src);
	c->diag = diag;
	yaml_parser_t parser;
	lp_status st = LP_OK;
	if (!yaml_parser_initialize(&parser)) {
		free(c);
		return LP_ERR_NOMEM;
	}
	yaml_parser_set_input_string(
	        &parser, (const unsigned char *)lp_source_data(src), lp_source_size(src));
	uint32_t documents = 0;
	bool done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				st = LP_ERR_NOMEM;
				goto fail;
			}
			st = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, c->file,
			        (uint32_t)parser.problem_mark.line + 1,
			        (uint32_t)parser.problem_mark.column + 1, "YAML: %s%s%s",
			        parser.context ? parser.context : "", parser.context ? ", " : "",
			        parser.problem ? parser.problem : "malformed");
			goto fail;
		}
		st = ytree_event(c, &ev, &documents, &done);
		yaml_event_delete(&ev);
		if (st != LP_OK)
			goto fail;
	}
	*root = c->root;
fail:
	yaml_parser_delete(&parser);
	free(c);
	return st;
}

const lp_ynode *
lp_ytree_get(const lp_ynode *map, const char *key)
{
	if (!map || map->kind != LP_YNODE_MAP)
		return NULL;
	for (uint32_t i = 0; i < map->n; i++) {
		if (strcmp(map->items[2 * i]->str, key) == 0)
			return map->items[2 * i + 1];
	}
	return NULL;
}
