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
/* Borrowed; valid until lp_diag_drop(). NULL when index is out of range. */
const lp_diag_entry *lp_diag_at_index(const lp_diag *diag, size_t index);

/* Formats "file:line:col: error: message" into buf (always NUL-terminated
 * when size > 0). Returns the length the full text needs. */
size_t lp_diag_format(const lp_diag_entry *entry, char *buf, size_t size);

/* ---- Version --------------------------------------------------------- */

/* "X.Y.Z". Never fails. */
const char *lp_version(void);

#ifdef __cplusplus
}
#endif
#endif
