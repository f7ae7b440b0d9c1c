/*
 * letterpress — typesetting press releases onto letterhead.
 *
 * This is the whole public API. A program makes one lp_engine (fonts,
 * hyphenation dictionaries and layouts, loaded once and then read-only),
 * then renders any number of releases with it, from any number of threads.
 * Every failure comes back as an lp_status; the human-readable reasons, each
 * with file:line:col, go to the lp_diag the caller passes in.
 *
 * Ownership words: *_new returns an object the caller drops with *_drop;
 * "borrowed" pointers stay valid as long as the object they came from.
 * Every *_drop accepts NULL.
 */
#ifndef LETTERPRESS_H
#define LETTERPRESS_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status ---------------------------------------------------------- */

typedef enum lp_status {
	LP_OK = 0,
	LP_ERR_NOMEM,       /* allocation failed */
	LP_ERR_USAGE,       /* the caller asked for something malformed */
	LP_ERR_SYNTAX,      /* an input file is malformed (release, layout, image, font) */
	LP_ERR_FONT,        /* a font is unusable, or no font covers required text */
	LP_ERR_LIMIT,       /* an input exceeds one of the limits in base/limits.h */
	LP_ERR_MISSING,     /* an input file does not exist or cannot be read */
	LP_ERR_OUTPUT,      /* an output file cannot be created */
	LP_ERR_IO,          /* reading or writing failed midway */
	LP_ERR_UNSUPPORTED, /* valid input that letterpress does not handle */
	LP_ERR_BACKEND,     /* a backend library (libharu, libtiff) reported an error */
	LP_ERR_INTERNAL     /* a bug in letterpress */
} lp_status;

/* A short English name for a status ("invalid input", …). Never fails. */
const char *lp_status_str(lp_status status);

/* The sysexits.h code a command-line tool should exit with for a status
 * (0, 64 usage, 65 data error, 66 no input, 70 software, 73 cannot create,
 * 74 I/O error). */
int lp_status_exit_code(lp_status status);

/* ---- Diagnostics ----------------------------------------------------- */

typedef enum lp_severity {
	LP_NOTE,
	LP_WARNING,
	LP_ERROR
} lp_severity;

/* One message. line and col are 1-based; 0 means unknown (then offset, if
 * not UINT64_MAX, is a byte offset into the file). */
typedef struct lp_diag_entry {
	lp_severity severity;
	lp_status code;   /* LP_OK for warnings and notes */
	const char *file; /* may be NULL */
	uint32_t line;
	uint32_t col;
	uint64_t offset;
	const char *message;
} lp_diag_entry;

/* Called once for each message as it is reported. */
typedef void (*lp_diag_fn)(const lp_diag_entry *entry, void *user);

typedef struct lp_diag lp_diag;

/* A diagnostics sink. fn may be NULL: messages are then only collected.
 * Returns NULL when out of memory. */
lp_diag *lp_diag_new(lp_diag_fn fn, void *user);
void lp_diag_drop(lp_diag *diag);

/* Number of collected messages of exactly this severity. */
size_t lp_diag_count(const lp_diag *diag, lp_severity severity);
/* Number of collected messages; messages past LP_DIAG_MAX_KEPT are counted
 * but not kept. */
size_t lp_diag_size(const lp_diag *diag);
/* How many warnings and notes were not shown because an earlier one said
 * the same about the same file (they are in lp_diag_size() too). */
size_t lp_diag_repeats(const lp_diag *diag);
/* Borrowed; valid until lp_diag_drop(). NULL when index is out of range. */
const lp_diag_entry *lp_diag_at_index(const lp_diag *diag, size_t index);

/* Formats "file:line:col: error: message" into buf (always NUL-terminated
 * when size > 0). Returns the length the full text needs. */
size_t lp_diag_format(const lp_diag_entry *entry, char *buf, size_t size);

/* ---- Engine ---------------------------------------------------------- */

/* An engine holds what every document shares: the font database, the
 * hyphenation dictionaries and the layouts. It is read-only once made, so
 * one engine may render from several threads at once. */
typedef struct lp_engine lp_engine;

typedef struct lp_engine_options {
	/* Folder holding fonts/ and layouts/. NULL: $LETTERPRESS_DATA, else the
	 * source tree of an uninstalled build, else the installed data folder. */
	const char *data_dir;
	/* More folders to look for layouts in, before data_dir/layouts. */
	const char *const *layout_dirs;
	size_t n_layout_dirs;
	/* Layout files or folders (given by path) whose fonts must be loaded;
	 * layouts under the layout folders are found by themselves. */
	const char *const *layouts;
	size_t n_layouts;
	/* Folder of libhyphen dictionaries; NULL: Debian's /usr/share/hyphen. */
	const char *hyphen_dir;
} lp_engine_options;

/* opts may be NULL. Fails with LP_ERR_MISSING when the fonts are missing,
 * LP_ERR_FONT when one is unusable (reported to diag). */
lp_status lp_engine_new(const lp_engine_options *opts, lp_engine **out, lp_diag *diag);
void lp_engine_drop(lp_engine *engine);

/* ---- Rendering ------------------------------------------------------- */

/* What lp_check_file() may print of a document's inner stages. */
typedef enum lp_dump {
	LP_DUMP_NONE,
	LP_DUMP_LINES, /* every body line: set width, adjustment ratio, text */
	LP_DUMP_DLIST  /* the display list, one item a line, rounded to 0.01 pt */
} lp_dump;

typedef struct lp_render_options {
	/* Layout name or path; overrides the release's `layout:`. NULL: the
	 * release's, else "plain". */
	const char *layout;
	/* Document date (seconds since the epoch) when the release has none;
	 * negative: $SOURCE_DATE_EPOCH if set, else no date. */
	int64_t date_epoch;
	/* lp_check_file() only: print this stage's stable text dump to
	 * dump_to (for golden tests and for finding out why a line broke where
	 * it did). */
	lp_dump dump;
	FILE *dump_to;
} lp_render_options;

/* Renders the release at in_path ("-" for standard input) to a PDF at
 * out_path ("-" for standard output). The output appears whole or not at all.
 * opts may be NULL. */
lp_status lp_render_file(lp_engine *engine, const char *in_path, const char *out_path,
	const lp_render_options *opts, lp_diag *diag);

/* Renders a release held in memory (name is used in diagnostics) to a PDF
 * in memory; *pdf is malloc'd, free() it. */
lp_status lp_render_memory(lp_engine *engine, const char *name, const void *data, size_t size,
	const lp_render_options *opts, uint8_t **pdf, size_t *pdf_size, lp_diag *diag);

/* Runs every stage on a release without writing anything; problems go to
 * diag. Returns LP_OK when the release would render. */
lp_status lp_check_file(lp_engine *engine, const char *in_path, const lp_render_options *opts,
	lp_diag *diag);

/* Calls fn for each layout the engine can find, in name order. Fails with
 * LP_ERR_LIMIT (reported) when a layout folder holds more layouts than
 * letterpress lists. */
lp_status lp_engine_list_layouts(const lp_engine *engine,
	void (*fn)(const char *name, const char *description, void *user), void *user,
	lp_diag *diag);

/* ---- Output files and signals ----------------------------------------- */

/* Checks before any work that out_path may be written: it must not be one
 * of the inputs (the same file, reached by any path or link), nor an
 * existing folder, FIFO, device or socket, nor another user's or a
 * read-only file. An existing symbolic link is replaced by the output, not
 * written through. "-" (standard output) is always fine. Fails with
 * LP_ERR_OUTPUT, reported to diag. */
lp_status lp_output_check(const char *out_path, const char *const *inputs, size_t n_inputs,
	lp_diag *diag);

/* For programs: installs handlers for SIGINT, SIGTERM and SIGHUP (unless
 * ignored, as under nohup) that remove the temporary files of outputs
 * being written and then let the signal end the process as it would have;
 * and ignores SIGXFSZ, so that a file-size limit is a write error rather
 * than death mid-write. Fails with LP_ERR_INTERNAL when sigaction does. */
lp_status lp_cleanup_on_signals(void);

/* ---- Version --------------------------------------------------------- */

/* "X.Y.Z". Never fails. */
const char *lp_version(void);

#ifdef __cplusplus
}
#endif
#endif
