/*
 * lp_source: one input file's bytes and its line index. It is the only
 * thing that knows file names, so every diagnostic about an input can turn
 * a byte offset into file:line:col.
 */
#ifndef LP_BASE_SOURCE_H
#define LP_BASE_SOURCE_H

#include "letterpress.h"

typedef struct lp_source lp_source;

/* Reads a whole file (path "-" reads standard input, named "<stdin>").
 * Fails with LP_ERR_MISSING (absent, unreadable, a directory), LP_ERR_LIMIT
 * (larger than max_bytes) or LP_ERR_IO, each reported to diag. The data is
 * NUL-terminated for convenience; lp_source_size() excludes the NUL. */
lp_status lp_source_load(const char *path, size_t max_bytes, lp_source **out, lp_diag *diag);

/* Reads a whole file into a malloc'd buffer (NUL-terminated; *size
 * excludes the NUL) without indexing lines: for binary inputs such as fonts
 * and images. Fails like lp_source_load(). */
lp_status lp_file_read(const char *path, size_t max_bytes, char **data, size_t *size, lp_diag *diag);

/* Copies data; name is what diagnostics will show. */
lp_status lp_source_from_memory(const char *name, const void *data, size_t size, lp_source **out);

void lp_source_drop(lp_source *src);

const char *lp_source_name(const lp_source *src);
const char *lp_source_data(const lp_source *src);
size_t lp_source_size(const lp_source *src);

/* 1-based line and column (in characters) of a byte offset. An offset past
 * the end maps to the end. Never fails. */
void lp_source_line_col(const lp_source *src, uint64_t offset, uint32_t *line, uint32_t *col);

#endif
