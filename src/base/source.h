/*
 * lp_source: one input file's bytes and its line index. It is the only
 * thing that knows file names, so every diagnostic about an input can turn
 * a byte offset into file:line:col.
 */
#ifndef LP_BASE_SOURCE_H
#define LP_BASE_SOURCE_H

#include "letterpress.h"

#include <sys/types.h>

typedef struct lp_source lp_source;

/* Reads a whole file (path "-" reads standard input, named "<stdin>").
 * Only a regular file is read: a FIFO, device, socket or folder is refused
 * without blocking and without reading from it. Fails with LP_ERR_MISSING
 * (absent, unreadable, not a regular file), LP_ERR_LIMIT (larger than
 * max_bytes) or LP_ERR_IO, each reported to diag. The data is
 * NUL-terminated for convenience; lp_source_size() excludes the NUL. */
lp_status lp_source_load(const char *path, size_t max_bytes, lp_source **out, lp_diag *diag);

/* Reads a whole file into a malloc'd buffer (NUL-terminated; *size
 * excludes the NUL) without indexing lines: for binary inputs such as fonts
 * and images. Fails like lp_source_load(). */
lp_status lp_file_read(
        const char *path, size_t max_bytes, char **data, size_t *size, lp_diag *diag);

/* Reads a whole file like lp_file_read(), into buf, cap bytes the caller
 * owns (no NUL is added): for a caller that sized buf from the file's size
 * beforehand. *fits is false, and nothing is read, when the file has grown
 * past cap since (the caller reads it another way). Fails like
 * lp_file_read(). */
lp_status lp_file_read_into(const char *path, size_t max_bytes, uint8_t *buf, size_t cap,
        size_t *size, bool *fits, lp_diag *diag);

/* A file that one input names (a release's signature picture, a layout's
 * emblem): where it must lie and who named it, for base/confine.h's rules
 * and for messages at the naming key. */
typedef struct lp_file_ref {
	const char *path; /* as the input wrote it, relative to root */
	const char *root; /* the folder it must lie in */
	const char *root_name; /* that folder in messages: "the release's folder" */
	const char *key; /* the key that named it: "signature.image" */
	const char *by_file; /* the naming file, and where in it the path is */
	uint32_t line, col;
	uint32_t span; /* characters the path takes there, for the caret; 0: unknown */
} lp_file_ref;

/* Reads the file a reference names, like lp_file_read(). Fails with
 * LP_ERR_SYNTAX when the path leads outside ref->root (absolute, '..', a
 * symbolic link), LP_ERR_MISSING when it cannot be opened or is not a
 * regular file, LP_ERR_LIMIT, LP_ERR_IO; each reported at the reference. */
lp_status lp_file_read_ref(
        const lp_file_ref *ref, size_t max_bytes, char **data, size_t *size, lp_diag *diag);

/* Checks, without reading it, that a reference names a regular file inside
 * ref->root, and gives its absolute path without symbolic links (*real,
 * malloc'd). Fails like lp_file_read_ref(). */
lp_status lp_file_check_ref(const lp_file_ref *ref, char **real, lp_diag *diag);

/* Copies data; name is what diagnostics will show. */
lp_status lp_source_from_memory(const char *name, const void *data, size_t size, lp_source **out);

/* What a file that is not a regular file is, for messages ("a FIFO (named
 * pipe)", "a folder", …). Never fails. */
const char *lp_file_kind(mode_t mode);

void lp_source_drop(lp_source *src);

const char *lp_source_name(const lp_source *src);
/* The folder the files a source names lie in (its root for lp_file_ref):
 * the folder of the file named name, "." for a bare file name and for
 * standard input or memory (a name that starts with '<' or NULL).
 * malloc'd; NULL when out of memory. */
char *lp_source_folder(const char *name);
const char *lp_source_data(const lp_source *src);
size_t lp_source_size(const lp_source *src);

/* 1-based line and column (in characters) of a byte offset. A line ends at
 * LF, CR or CRLF (each one line end). An offset past the end maps to the
 * end. Never fails. */
void lp_source_line_col(const lp_source *src, uint64_t offset, uint32_t *line, uint32_t *col);

/* The bytes of a 1-based line, without its line break: [*start, *start +
 * *len) of lp_source_data(). False when the source has no such line. */
bool lp_source_line_bytes(const lp_source *src, uint32_t line, size_t *start, size_t *len);

#endif
