/* lp_layout_list: the layouts found in the layout folders, for
 * `letterpress layouts`. */
#include "layout/layout.h"
#include "layout/ytree.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct layout_entry {
	char *name;
	char *description;
	size_t order; /* position in the folders' scan: the first folder wins */
} layout_entry;

/* The description: key of a layout.yaml, malloc'd; "" when it has none or
 * does not parse (loading it reports why). */
static char *
read_description(const char *path)
{
	lp_source *src = NULL;
	lp_arena *arena = NULL;
	const lp_ynode *root = NULL;
	char *out = NULL;
	if (lp_source_load(path, LP_MAX_LAYOUT_BYTES, &src, NULL) != LP_OK)
		goto fail;
	arena = lp_arena_new(0);
	if (!arena || lp_ytree_parse(src, arena, &root, NULL) != LP_OK)
		goto fail;
	const lp_ynode *d = lp_ytree_get(root, "description");
	if (d && d->kind == LP_YNODE_SCALAR)
		out = strdup(d->str);
fail:
	lp_arena_drop(arena);
	lp_source_drop(src);
	return out ? out : strdup("");
}

static int
entry_order(const void *a, const void *b)
{
	const layout_entry *x = a, *y = b;
	int r = strcmp(x->name, y->name);
	return r ? r : (x->order > y->order) - (x->order < y->order);
}

/* Appends the layouts of one folder; a folder that does not exist adds
 * nothing (the install folder is optional). */
static lp_status
scan_dir(const char *dir, layout_entry **entries, size_t *n, size_t *cap, bool want_descriptions,
        lp_diag *diag)
{
	DIR *d = opendir(dir);
	if (!d)
		return LP_OK;
	lp_status st = LP_OK;
	size_t found = 0;
	struct dirent *de;
	char path[PATH_MAX];
	struct stat sb;
	while ((de = readdir(d))) {
		int len = snprintf(path, sizeof path, "%s/%s/layout.yaml", dir, de->d_name);
		if (de->d_name[0] == '.' || len < 0 || (size_t)len >= sizeof path ||
		        stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (++found > LP_MAX_LAYOUTS) {
			st = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, dir, 0, 0,
			        "more than %d layouts in one folder; this is not a layouts folder",
			        LP_MAX_LAYOUTS);
			goto fail;
		}
		if ((st = LP_ARRAY_RESERVE(*entries, *cap, *n + 1, LP_ARRAY_ANY)) != LP_OK)
			goto fail;
		layout_entry *e = &(*entries)[*n];
		e->name = strdup(de->d_name);
		e->description = want_descriptions ? read_description(path) : strdup("");
		e->order = *n;
		if (!e->name || !e->description) {
			free(e->name);
			free(e->description);
			st = LP_ERR_NOMEM;
			goto fail;
		}
		(*n)++;
	}
fail:
	closedir(d);
	return st;
}

lp_status
lp_layout_list(const char *const *dirs, size_t n_dirs, char ***names, char ***descriptions,
        size_t *n, lp_diag *diag)
{
	layout_entry *entries = NULL;
	size_t count = 0, cap = 0, kept = 0;
	lp_status st = LP_OK;
	*names = NULL;
	if (descriptions)
		*descriptions = NULL;
	*n = 0;
	for (size_t i = 0; i < n_dirs && st == LP_OK; i++)
		st = scan_dir(dirs[i], &entries, &count, &cap, descriptions != NULL, diag);
	if (st == LP_ERR_NOMEM)
		lp_diag_report(diag, LP_ERROR, st, NULL, 0, 0, "out of memory listing layouts");
	if (st != LP_OK)
		goto fail;
	if (count > 1)
		qsort(entries, count, sizeof *entries, entry_order);
	*names = calloc(count ? count : 1, sizeof **names);
	char **descs = calloc(count ? count : 1, sizeof *descs);
	if (!*names || !descs) {
		free(descs);
		st = LP_ERR_NOMEM;
		goto fail;
	}
	for (size_t i = 0; i < count; i++) {
		if (kept > 0 && strcmp((*names)[kept - 1], entries[i].name) == 0) {
			free(entries[i].name);
			free(entries[i].description);
			continue;
		}
		(*names)[kept] = entries[i].name;
		descs[kept] = entries[i].description;
		kept++;
	}
	count = 0;
	*n = kept;
	if (descriptions) {
		*descriptions = descs;
	} else {
		for (size_t i = 0; i < kept; i++)
			free(descs[i]);
		free(descs);
	}
fail:
	for (size_t i = 0; i < count; i++) {
		free(entries[i].name);
		free(entries[i].description);
	}
	if (st != LP_OK) {
		free(*names);
		*names = NULL;
	}
	free(entries);
	return st;
}

void
lp_layout_names_free(char **names, char **descriptions, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	for (size_t i = 0; descriptions && i < n; i++)
		free(descriptions[i]);
	free(names);
	free(descriptions);
}
