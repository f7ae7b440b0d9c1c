/*
 * Reporting into an lp_diag (the public sink in letterpress.h). Every
 * human-facing message goes through here, with the file and position it is
 * about; stages never print.
 */
#ifndef LP_BASE_DIAG_H
#define LP_BASE_DIAG_H

#include "letterpress.h"

typedef struct lp_source lp_source;

/* Reports at a known line and column (1-based; 0 = unknown). diag may be
 * NULL (the message is dropped). Returns code, so a caller can write
 * `return lp_diag_report(...)`. */
lp_status lp_diag_report(lp_diag *diag, lp_severity severity, lp_status code, const char *file,
        uint32_t line, uint32_t col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Reports at a byte offset into a loaded source; the line and column are
 * computed from it (the column counts characters, not bytes). */
lp_status lp_diag_at(lp_diag *diag, lp_severity severity, lp_status code, const lp_source *src,
        uint64_t offset, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* What a message may carry besides its text (lp_diag_entry's span and
 * hints). */
typedef struct lp_diag_extra {
	uint64_t span_bytes; /* lp_diag_at_ex: bytes from the offset the message is about */
	uint32_t span; /* lp_diag_report_ex: characters from the column */
	const char *hint; /* "did you mean 'title'?"; several separated by '\n'; NULL: none */
	/* About one of several places alike that each need seeing to (an
	 * HTML comment): said again on another line, not held back as a
	 * repeat of the first. */
	bool each_place;
} lp_diag_extra;

/* lp_diag_at() with a span and hints; x may be NULL. */
lp_status lp_diag_at_ex(lp_diag *diag, lp_severity severity, lp_status code, const lp_source *src,
        uint64_t offset, const lp_diag_extra *x, const char *fmt, ...)
        __attribute__((format(printf, 7, 8)));

/* lp_diag_report() with a span and hints; x may be NULL. */
lp_status lp_diag_report_ex(lp_diag *diag, lp_severity severity, lp_status code, const char *file,
        uint32_t line, uint32_t col, const lp_diag_extra *x, const char *fmt, ...)
        __attribute__((format(printf, 8, 9)));

/* The source whose lines messages about its file show (lp_diag_report()
 * knows only a file name and a line): a render sets its release while it
 * runs. Borrowed until set again; NULL: none. Returns the one before. */
const lp_source *lp_diag_set_source(lp_diag *diag, const lp_source *src);

/* Reports at a byte offset into a file whose lines are not known. */
lp_status lp_diag_at_offset(lp_diag *diag, lp_severity severity, lp_status code, const char *file,
        uint64_t offset, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Starts a document: doc (copied into each entry) is what later reports
 * are for, until it is set again, and repeats are held back only within
 * it (each call starts a new one, even under the same name); NULL: none.
 * Returns the one before, for the caller to restore. */
const char *lp_diag_set_document(lp_diag *diag, const char *doc);

/* Reports each message kept in from again into diag, for diag's current
 * document (what loading a shared layout said, told to every document
 * that uses it), and adds the files from read to those diag keeps. */
void lp_diag_replay(lp_diag *diag, const lp_diag *from);

/* The files a render reads (base/inputs.h). While diag keeps a list,
 * base/source.c notes in it every file it opens or looks for (once each),
 * of the given kind, and lp_diag_replay() adds the files of the diag it
 * replays; a diag that keeps none ignores both. keep starts a new, empty
 * list (LP_ERR_NOMEM when it cannot); take hands it over (see
 * lp_inputs_take()) and stops keeping. */
lp_status lp_diag_keep_inputs(lp_diag *diag, lp_input_kind kind);
void lp_diag_note_input(lp_diag *diag, const char *dir, const char *path);
lp_status lp_diag_take_inputs(lp_diag *diag, lp_input **out, size_t *n);

/* Whether a caller's options struct of this version can be read: 0 (set
 * by no one: the first version) up to known, the newest this library
 * knows. Else reports, naming the struct (type), and returns
 * LP_ERR_USAGE. */
lp_status lp_diag_check_version(lp_diag *diag, const char *type, int version, int known);

/* Number of errors so far (shorthand). */
size_t lp_diag_errors(const lp_diag *diag);

#endif
