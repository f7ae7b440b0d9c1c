/*
 * Where layouts are looked up by name (docs/layouts.md, at the top): the
 * caller's folders (--layout-dir, in their order), then
 * LETTERPRESS_LAYOUT_PATH (colon-separated), then the user's own
 * ($XDG_DATA_HOME/letterpress/layouts, by default
 * ~/.local/share/letterpress/layouts), then the installed ones. A folder
 * that does not exist is passed over when a name is looked up. A layout
 * found on this path is the user's, trusted like the installed ones; a
 * release's own layout is a path inside its folder (confine.h).
 */
#include "pipeline/pipeline.h"

#include "base/array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dirs {
	char **v;
	size_t n, cap;
} dirs;

static bool
add(dirs *d, const char *s, size_t len)
{
	if (len == 0)
		return true; /* an empty entry of the path names nothing */
	if (LP_ARRAY_RESERVE(d->v, d->cap, d->n + 1, LP_ARRAY_ANY) != LP_OK)
		return false;
	char *copy = malloc(len + 1);
	if (!copy)
		return false;
	memcpy(copy, s, len);
	copy[len] = '\0';
	d->v[d->n++] = copy;
	return true;
}

static bool
add_joined(dirs *d, const char *a, const char *b)
{
	size_t len = strlen(a) + strlen(b) + 2;
	char *s = malloc(len);
	if (!s)
		return false;
	snprintf(s, len, "%s/%s", a, b);
	bool ok = add(d, s, strlen(s));
	free(s);
	return ok;
}

lp_status
lp_engine_layout_path(
        const lp_engine_options *opts, const char *data_dir, char ***out, size_t *n_out)
{
	dirs d = {0};
	bool ok = true;
	for (size_t i = 0; ok && opts && i < opts->n_layout_dirs; i++)
		ok = add(&d, opts->layout_dirs[i], strlen(opts->layout_dirs[i]));
	const char *path = getenv("LETTERPRESS_LAYOUT_PATH");
	for (const char *p = path; ok && p && *p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		ok = add(&d, p, len);
		p = colon ? colon + 1 : p + len;
	}
	/* XDG Base Directory: a relative XDG_DATA_HOME is to be ignored. */
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (ok && xdg && xdg[0] == '/')
		ok = add_joined(&d, xdg, "letterpress/layouts");
	else if (ok && home && home[0] == '/')
		ok = add_joined(&d, home, ".local/share/letterpress/layouts");
	if (ok)
		ok = add_joined(&d, data_dir, "layouts");
	if (!ok) {
		for (size_t i = 0; i < d.n; i++)
			free(d.v[i]);
		free(d.v);
		return LP_ERR_NOMEM;
	}
	*out = d.v;
	*n_out = d.n;
	return LP_OK;
}
