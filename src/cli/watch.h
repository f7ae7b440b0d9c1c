/*
 * letterpress watch's insides, shared by watch.c (the loop: signals,
 * waiting, rendering, the line a render prints) and watch_files.c (which
 * files to watch, their folders' inotify watches, what an event means).
 */
#ifndef LP_CLI_WATCH_H
#define LP_CLI_WATCH_H

#include "cli/cli.h"

#include <stdbool.h>
#include <sys/inotify.h>
#include <time.h>

/* A save shows as a file closed after writing or renamed into place; a
 * file created is one being written (its close follows), or linked in;
 * a file going away only matters with the save that brings it back. */
#define LP_WATCH_SAVED (IN_CLOSE_WRITE | IN_MOVED_TO)
#define LP_WATCH_MASK                                                                              \
	(LP_WATCH_SAVED | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |  \
	        IN_ONLYDIR)

typedef struct lp_wfile {
	char *path; /* as the render listed it */
	lp_input_kind kind;
} lp_wfile;

/* Where a file's changes show: a name in a watched folder. */
typedef struct lp_wspot {
	char *name;
	size_t dir;
	lp_input_kind kind;
	bool writing; /* created, not yet closed */
} lp_wspot;

typedef struct lp_wdir {
	char *path;
	int wd; /* -1: cannot be watched now (gone); looked for again */
} lp_wdir;

typedef struct lp_watcher {
	const lp_cli_watch_args *args;
	int ino, sig; /* inotify; the stop signals */
	lp_wfile *files; /* what the renders read (lp_watch_next_files()) */
	size_t n_files;
	lp_wspot *spots;
	size_t n_spots;
	lp_wdir *dirs;
	size_t n_dirs;
	bool lost; /* a folder is gone */
	bool rendered; /* the output is one of ours */
	bool broken; /* waiting failed: the watch ends with an error */
} lp_watcher;

/* The files to watch after a render that read r (ok: it succeeded;
 * new_engine: it had a new engine). False when out of memory (the files
 * stay as they were). */
bool lp_watch_next_files(lp_watcher *w, const lp_render_result *r, bool ok, bool new_engine);

/* Watches the folders of the files, and only those. Returns true when a
 * file in a folder not watched before changed at or after since (during
 * the render, unseen). */
bool lp_watch_sync(lp_watcher *w, const struct timespec *since);

/* Looks for the folders that were gone; true when one is back. */
bool lp_watch_rewatch(lp_watcher *w);

/* One event: true when a watched file was saved or created. *fresh is set
 * when the file is layout-side, or when what changed cannot be known. */
bool lp_watch_event(lp_watcher *w, const struct inotify_event *ev, bool *fresh);

/* Whether a watched file was created and is still being written. */
bool lp_watch_writing(const lp_watcher *w);

/* Frees the lists and closes nothing. */
void lp_watch_clear(lp_watcher *w);

#endif
