/* Which files letterpress watch watches, where, and what an event on
 * them means; see watch.h. */
#include "cli/watch.h"

#include "base/array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GONE_SELF (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)

static void
free_files(lp_wfile *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* Adds path unless it is there; layout-side wins, as in the library. */
static bool
add_file(lp_wfile **v, size_t *n, size_t *cap, const char *path, lp_input_kind kind)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].path, path) == 0) {
			if (kind == LP_INPUT_LAYOUT)
				(*v)[i].kind = kind;
			return true;
		}
	if (LP_ARRAY_RESERVE(*v, *cap, *n + 1, LP_ARRAY_ANY) != LP_OK)
		return false;
	if (!((*v)[*n].path = strdup(path)))
		return false;
	(*v)[(*n)++].kind = kind;
	return true;
}

/* The files to watch after a render: those it read, the release itself
 * (an engine that could not be made read nothing), and what the engine
 * still holds: the layout-side files of earlier renders, unless the
 * engine is new. After a failure, also everything watched before: a
 * render that stopped early did not get to read the rest, which may
 * change meanwhile. */
bool
lp_watch_next_files(lp_watcher *w, const lp_render_result *r, bool ok, bool new_engine)
{
	lp_wfile *v = NULL;
	size_t n = 0, cap = 0;
	bool fine = add_file(&v, &n, &cap, w->args->input, LP_INPUT_RELEASE);
	for (size_t i = 0; fine && i < r->n_inputs; i++)
		fine = add_file(&v, &n, &cap, r->inputs[i].path, r->inputs[i].kind);
	for (size_t i = 0; fine && i < w->n_files; i++)
		if (!ok || (!new_engine && w->files[i].kind == LP_INPUT_LAYOUT))
			fine = add_file(&v, &n, &cap, w->files[i].path, w->files[i].kind);
	if (!fine) {
		free_files(v, n);
		return false; /* keep watching what was watched */
	}
	free_files(w->files, w->n_files);
	w->files = v;
	w->n_files = n;
	return true;
}

static size_t
dir_index(lp_wdir **dirs, size_t *n, size_t *cap, const char *path, bool *fine)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*dirs)[i].path, path) == 0)
			return i;
	char *copy = strdup(path);
	if (!copy || LP_ARRAY_RESERVE(*dirs, *cap, *n + 1, LP_ARRAY_ANY) != LP_OK) {
		free(copy);
		*fine = false;
		return 0;
	}
	(*dirs)[*n] = (lp_wdir){copy, -1};
	return (*n)++;
}

/* A spot for the folder and name of path. */
static bool
add_spot(lp_wspot **spots, size_t *n_spots, size_t *cap_spots, lp_wdir **dirs, size_t *n_dirs,
        size_t *cap_dirs, const char *path, lp_input_kind kind)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	bool fine = dir != NULL;
	size_t d = fine ? dir_index(dirs, n_dirs, cap_dirs, dir, &fine) : 0;
	free(dir);
	if (!fine || LP_ARRAY_RESERVE(*spots, *cap_spots, *n_spots + 1, LP_ARRAY_ANY) != LP_OK)
		return false;
	lp_wspot *v = *spots;
	if (!(v[*n_spots].name = strdup(slash ? slash + 1 : path)))
		return false;
	v[*n_spots].dir = d;
	v[*n_spots].writing = false;
	v[(*n_spots)++].kind = kind;
	return true;
}

/* Whether a folder of dirs has watch descriptor wd: two names of one
 * folder ("." and its full path) share one. */
static bool
wd_used(const lp_wdir *dirs, size_t n, int wd)
{
	for (size_t i = 0; i < n; i++)
		if (dirs[i].wd == wd)
			return true;
	return false;
}

/* Whether the file at dir/name changed at or after t. */
static bool
changed_since(const char *dir, const char *name, const struct timespec *t)
{
	char path[4096];
	struct stat st;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path ||
	        stat(path, &st) != 0)
		return false;
	return st.st_ctim.tv_sec > t->tv_sec ||
	       (st.st_ctim.tv_sec == t->tv_sec && st.st_ctim.tv_nsec >= t->tv_nsec);
}

/* Watches the folders of the files now listed, and only those. A file
 * reached through a symbolic link is also watched where the link leads,
 * so that editing the file itself is seen. Returns true when a file in a
 * folder not watched before changed at or after since (during the
 * render, unseen). */
bool
lp_watch_sync(lp_watcher *w, const struct timespec *since)
{
	lp_wspot *spots = NULL;
	size_t n_spots = 0, cap_spots = 0, n_dirs = 0, cap_dirs = 0;
	lp_wdir *dirs = NULL;
	bool fine = true;
	for (size_t i = 0; fine && i < w->n_files; i++) {
		fine = add_spot(&spots, &n_spots, &cap_spots, &dirs, &n_dirs, &cap_dirs,
		        w->files[i].path, w->files[i].kind);
		char *real = fine ? realpath(w->files[i].path, NULL) : NULL;
		if (real && strcmp(real, w->files[i].path) != 0)
			fine = add_spot(&spots, &n_spots, &cap_spots, &dirs, &n_dirs, &cap_dirs,
			        real, w->files[i].kind);
		free(real);
	}
	bool missed = false;
	for (size_t i = 0; fine && i < n_dirs; i++) {
		for (size_t k = 0; k < w->n_dirs && dirs[i].wd < 0; k++)
			if (strcmp(w->dirs[k].path, dirs[i].path) == 0)
				dirs[i].wd = w->dirs[k].wd;
		if (dirs[i].wd >= 0)
			continue;
		dirs[i].wd = inotify_add_watch(w->ino, dirs[i].path, LP_WATCH_MASK);
		for (size_t k = 0; k < n_spots && dirs[i].wd >= 0; k++)
			missed |= spots[k].dir == i &&
			          changed_since(dirs[i].path, spots[k].name, since);
	}
	if (!fine) {
		/* Out of memory: keep watching what was watched. */
		for (size_t i = 0; i < n_spots; i++)
			free(spots[i].name);
		for (size_t i = 0; i < n_dirs; i++)
			if (dirs[i].wd >= 0 && !wd_used(w->dirs, w->n_dirs, dirs[i].wd))
				inotify_rm_watch(w->ino, dirs[i].wd);
		for (size_t i = 0; i < n_dirs; i++)
			free(dirs[i].path);
		free(spots);
		free(dirs);
		return false;
	}
	for (size_t i = 0; i < w->n_dirs; i++) {
		if (w->dirs[i].wd >= 0 && !wd_used(dirs, n_dirs, w->dirs[i].wd))
			inotify_rm_watch(w->ino, w->dirs[i].wd);
		free(w->dirs[i].path);
	}
	for (size_t i = 0; i < w->n_spots; i++)
		free(w->spots[i].name);
	free(w->spots);
	free(w->dirs);
	w->spots = spots;
	w->n_spots = n_spots;
	w->dirs = dirs;
	w->n_dirs = n_dirs;
	w->lost = false;
	for (size_t i = 0; i < n_dirs; i++)
		w->lost |= dirs[i].wd < 0;
	return missed;
}

/* Looks for the folders that were gone; true when one is back. */
bool
lp_watch_rewatch(lp_watcher *w)
{
	bool back = false;
	w->lost = false;
	for (size_t i = 0; i < w->n_dirs; i++) {
		if (w->dirs[i].wd >= 0)
			continue;
		w->dirs[i].wd = inotify_add_watch(w->ino, w->dirs[i].path, LP_WATCH_MASK);
		back |= w->dirs[i].wd >= 0;
		w->lost |= w->dirs[i].wd < 0;
	}
	return back;
}

/* A created file is being written until it is closed, renamed or gone
 * (then the save event follows, or a later one brings it back). */
bool
lp_watch_event(lp_watcher *w, const struct inotify_event *ev, bool *fresh)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		*fresh = true; /* events were lost: anything may have changed */
		return true;
	}
	if (ev->mask & GONE_SELF) {
		/* The folder went away or moved: its watch now follows something
		 * that is not at the path, so the path is looked for again. */
		for (size_t i = 0; i < w->n_dirs; i++) {
			if (w->dirs[i].wd != ev->wd)
				continue;
			for (size_t k = 0; k < w->n_spots; k++)
				*fresh |=
				        w->spots[k].dir == i && w->spots[k].kind == LP_INPUT_LAYOUT;
			w->dirs[i].wd = -1;
			w->lost = true;
		}
		if (!(ev->mask & IN_IGNORED))
			inotify_rm_watch(w->ino, ev->wd);
		return false;
	}
	if ((ev->mask & IN_ISDIR) || ev->len == 0)
		return false;
	bool hit = false;
	for (size_t i = 0; i < w->n_spots; i++) {
		lp_wspot *s = &w->spots[i];
		if (w->dirs[s->dir].wd != ev->wd || strcmp(s->name, ev->name) != 0)
			continue;
		*fresh |= s->kind == LP_INPUT_LAYOUT;
		s->writing = (ev->mask & IN_CREATE) != 0;
		hit = true;
	}
	return hit && (ev->mask & (LP_WATCH_SAVED | IN_CREATE));
}

bool
lp_watch_writing(const lp_watcher *w)
{
	for (size_t i = 0; i < w->n_spots; i++)
		if (w->spots[i].writing)
			return true;
	return false;
}

void
lp_watch_clear(lp_watcher *w)
{
	free_files(w->files, w->n_files);
	for (size_t i = 0; i < w->n_spots; i++)
		free(w->spots[i].name);
	free(w->spots);
	for (size_t i = 0; i < w->n_dirs; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	w->files = NULL;
	w->spots = NULL;
	w->dirs = NULL;
	w->n_files = w->n_spots = w->n_dirs = 0;
}
