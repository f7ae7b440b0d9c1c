/* The files a render read; see inputs.h. */
#include "base/inputs.h"
#include "base/array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lp_inputs {
	lp_input *items; /* paths malloc'd */
	size_t n, cap;
	lp_input_kind kind;
	bool nomem;
};

lp_inputs *
lp_inputs_new(lp_input_kind kind)
{
	lp_inputs *l = calloc(1, sizeof *l);
	if (l)
		l->kind = kind;
	return l;
}

static void
free_items(lp_input *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)items[i].path);
	free(items);
}

void
lp_inputs_drop(lp_inputs *l)
{
	if (!l)
		return;
	free_items(l->items, l->n);
	free(l);
}

/* A render reads a handful of files (the release, a signature picture,
 * the layout, its fonts and pictures), each bounded by the layout's own
 * limits: a linear search is the right size. */
static lp_input *
find(lp_inputs *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].path, path) == 0)
			return &l->items[i];
	return NULL;
}

static void
add_owned(lp_inputs *l, char *path, lp_input_kind kind)
{
	lp_input *had = find(l, path);
	if (had) {
		if (kind == LP_INPUT_LAYOUT)
			had->kind = LP_INPUT_LAYOUT;
		free(path);
		return;
	}
	if (LP_ARRAY_RESERVE(l->items, l->cap, l->n + 1, LP_ARRAY_ANY) != LP_OK) {
		l->nomem = true;
		free(path);
		return;
	}
	l->items[l->n++] = (lp_input){path, kind};
}

void
lp_inputs_add(lp_inputs *l, const char *dir, const char *path, lp_input_kind kind)
{
	if (!l || !path)
		return;
	char *copy;
	if (dir) {
		size_t n = strlen(dir) + strlen(path) + 2;
		if ((copy = malloc(n)))
			snprintf(copy, n, "%s/%s", dir, path);
	} else {
		copy = strdup(path);
	}
	if (!copy) {
		l->nomem = true;
		return;
	}
	add_owned(l, copy, kind);
}

void
lp_inputs_note(lp_inputs *l, const char *dir, const char *path)
{
	if (l)
		lp_inputs_add(l, dir, path, l->kind);
}

void
lp_inputs_merge(lp_inputs *l, const lp_inputs *from)
{
	if (!l || !from)
		return;
	for (size_t i = 0; i < from->n; i++)
		lp_inputs_add(l, NULL, from->items[i].path, from->items[i].kind);
	l->nomem |= from->nomem;
}

lp_status
lp_inputs_take(lp_inputs *l, lp_input **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (l->nomem) {
		free_items(l->items, l->n);
		l->items = NULL;
		l->n = l->cap = 0;
		l->nomem = false;
		return LP_ERR_NOMEM;
	}
	*out = l->items;
	*n = l->n;
	l->items = NULL;
	l->n = l->cap = 0;
	return LP_OK;
}
