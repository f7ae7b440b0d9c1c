/* Finding a layout's file: a name in the layout folders (or next to the
 * release), or a path; and what to say when there is none (the closest
 * name). See layout.h and docs/layouts.md, Finding a layout. */
#include "layout/layoutparse.h"

#include "base/confine.h"
#include "base/diag.h"
#include "base/suggest.h"
#include "base/utf8.h"

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

static bool
is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A bare name ("predsednik") is looked up in dirs; anything with a slash
 * or a .yaml ending is a path. */
static bool
is_name(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	return !(len > 5 && strcmp(s + len - 5, ".yaml") == 0);
}

/* The layout.yaml a name or path stands for, as found (for messages),
 * malloc'd; NULL when there is none. A name is looked up in dirs and then,
 * only when paths are allowed, as a folder of the working directory. */
char *
lp_layout_find_yaml(const char *name_or_path, const char *const *dirs, size_t n_dirs, bool paths)
{
	char buf[PATH_MAX];
	for (size_t i = 0; is_name(name_or_path) && i < n_dirs; i++) {
		int len = snprintf(buf, sizeof buf, "%s/%s/layout.yaml", dirs[i], name_or_path);
		if (len > 0 && (size_t)len < sizeof buf && is_file(buf))
			return strdup(buf);
	}
	if (!paths)
		return NULL;
	if (is_dir(name_or_path)) {
		int len = snprintf(buf, sizeof buf, "%s/layout.yaml", name_or_path);
		return len > 0 && (size_t)len < sizeof buf && is_file(buf) ? strdup(buf) : NULL;
	}
	return is_file(name_or_path) ? strdup(name_or_path) : NULL;
}

/* The real path of found (malloc'd) into *yaml; found is freed. */
static lp_status
resolve(char *found, char **yaml)
{
	*yaml = found ? realpath(found, NULL) : NULL;
	free(found);
	return *yaml ? LP_OK : LP_ERR_MISSING;
}

/* The hint for a layout name that is not there: the closest name, and
 * the names there are ("did you mean 'predsednik'?\nthe layouts here:
 * latinica, memorandum, plain, predsednik"). Empty when the folders list
 * none. */
static void
layout_hint(const char *name, const char *const *dirs, size_t n_dirs, char *buf, size_t size)
{
	char **names = NULL, **descs = NULL;
	size_t n = 0, at = 0;
	buf[0] = '\0';
	/* Listing problems are the folder's, said by `letterpress layouts`. */
	if (lp_layout_list(dirs, n_dirs, &names, &descs, &n, NULL) != LP_OK || n == 0)
		return;
	const char *meant = lp_suggest(name, (const char *const *)names, n);
	if (meant)
		at = (size_t)snprintf(buf, size, "did you mean '%s'?\n", meant);
	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(
		        buf + at, size - at, "%s%s", i ? ", " : "the layouts: ", names[i]);
	lp_layout_names_free(names, descs, n);
}

lp_status
lp_layout_not_found(const char *name_or_path, const char *const *dirs, size_t n_dirs, lp_diag *diag)
{
	char hint[512];
	layout_hint(name_or_path, dirs, n_dirs, hint, sizeof hint);
	lp_diag_extra x = {.hint = hint[0] ? hint : NULL};
	return lp_diag_report_ex(diag, LP_ERROR, LP_ERR_MISSING, name_or_path, 0, 0, &x,
	        "no layout '%s' (neither NAME/layout.yaml in the layout folders nor a "
	        "layout.yaml or its folder)",
	        name_or_path);
}

lp_status
lp_layout_find(const char *name_or_path, const char *const *dirs, size_t n_dirs, char **yaml,
        lp_diag *diag)
{
	if (resolve(lp_layout_find_yaml(name_or_path, dirs, n_dirs, true), yaml) == LP_OK)
		return LP_OK;
	return lp_layout_not_found(name_or_path, dirs, n_dirs, diag);
}

/* Whether the release's folder has a layout by this name (NAME/layout.yaml):
 * the first place a name is looked up. */
static bool
in_release_folder(const lp_file_ref *ref)
{
	char buf[PATH_MAX];
	int len = snprintf(buf, sizeof buf, "%s/%s/layout.yaml", ref->root, ref->path);
	return len > 0 && (size_t)len < sizeof buf && is_file(buf);
}

bool
lp_layout_ref_in_dirs(const lp_file_ref *ref)
{
	return is_name(ref->path) && !in_release_folder(ref);
}

lp_status
lp_layout_find_ref(const lp_file_ref *ref, const char *const *dirs, size_t n_dirs, char **yaml,
        char **shown, lp_diag *diag)
{
	*yaml = *shown = NULL;
	/* A name: the release's own folder NAME/ first (then read as a path
	 * inside it, confined), then the layout folders in order. */
	if (is_name(ref->path) && !in_release_folder(ref)) {
		*shown = lp_layout_find_yaml(ref->path, dirs, n_dirs, false);
		if (*shown && resolve(strdup(*shown), yaml) == LP_OK)
			return LP_OK;
		free(*shown);
		*shown = NULL;
		char hint[512];
		layout_hint(ref->path, dirs, n_dirs, hint, sizeof hint);
		lp_diag_extra x = {
		        .span = lp_utf8_count((const uint8_t *)ref->path, strlen(ref->path)),
		        .hint = hint[0] ? hint : NULL};
		return lp_diag_report_ex(diag, LP_ERROR, LP_ERR_MISSING, ref->by_file, ref->line,
		        ref->col, &x,
		        "no layout named '%s' in the layout folders; a layout of the release's own "
		        "is a path such as 'letterhead/layout.yaml'",
		        ref->path);
	}
	/* A path: to a .yaml file, or to a folder holding layout.yaml. */
	if (!lp_confine_lexically_inside(ref->path))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, ref->by_file, ref->line,
		        ref->col, "'%s' must be a layout name or a path inside %s; '%s' is not",
		        ref->key, ref->root_name, ref->path);
	size_t len = strlen(ref->path);
	bool yaml_file = len > 5 && strcmp(ref->path + len - 5, ".yaml") == 0;
	char *path = malloc(strlen(ref->root) + len + sizeof "//layout.yaml");
	if (!path)
		return LP_ERR_NOMEM;
	strcpy(path, ref->path);
	while (!yaml_file && len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	if (!yaml_file)
		strcpy(path + len, "/layout.yaml");
	lp_file_ref file = *ref;
	file.path = path;
	lp_status st = lp_file_check_ref(&file, yaml, diag);
	/* Shown as the release's folder plus the path, as a user finds it,
	 * without the path's leading "./" ("src/own.yaml", not
	 * "src/./own.yaml"). */
	const char *past = lp_path_past_dot(path);
	memmove(path, past, strlen(past) + 1);
	if (st == LP_OK && strcmp(ref->root, ".") == 0) {
		*shown = path;
	} else if (st == LP_OK) {
		memmove(path + strlen(ref->root) + 1, path, strlen(path) + 1);
		memcpy(path, ref->root, strlen(ref->root));
		path[strlen(ref->root)] = '/';
		*shown = path;
	} else {
		free(path);
	}
	return st;
}
