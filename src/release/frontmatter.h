/*
 * The YAML front matter of a release: found between a first line "---" and
 * the next "---" (or "...") line, parsed with libyaml's event API into
 * lp_meta. Every value and every error keeps its byte offset in the file.
 */
#ifndef LP_RELEASE_FRONTMATTER_H
#define LP_RELEASE_FRONTMATTER_H

#include <stdbool.h>

#include "release/release.h"

/* Where the front matter and the body are in src. A file whose first line
 * (after an optional UTF-8 byte order mark) is not "---" has no front
 * matter: *present is false and the body starts at the beginning (after the
 * mark). Otherwise the YAML is bytes [*yaml_start, *yaml_end) and the body
 * starts after the closing line. Fails with LP_ERR_SYNTAX, reported at the
 * opening line, when no closing line follows. */
/* Length of the line break at p[i] (CR LF, CR, LF), 0 when there is none
 * (frontsplit.c). */
size_t lp_frontmatter_eol_len(const char *p, size_t n, size_t i);
lp_status lp_frontmatter_split(const lp_source *src, bool *present, size_t *yaml_start,
        size_t *yaml_end, size_t *body_start, lp_diag *diag);

/* Parses the YAML in bytes [start, end) of src into meta; keys absent from
 * the YAML leave meta as it was. Strings are copied into arena. Every key
 * and value passes lp_release_check_yaml() (textcheck.h, with lex) first. Fails with
 * LP_ERR_SYNTAX (YAML syntax, a value of the wrong type, a duplicate key,
 * an alias, a date that does not exist, a NUL or a character the text
 * policy refuses), LP_ERR_LIMIT (more entries than
 * LP_MAX_FRONTMATTER_ENTRIES, a value or all of them too long) or
 * LP_ERR_NOMEM; each is reported to diag with the position in src. */
lp_status lp_frontmatter_parse(const lp_source *src, size_t start, size_t end, lp_meta *meta,
        lp_arena *arena, lp_lexicon *lex, lp_diag *diag);

#endif
