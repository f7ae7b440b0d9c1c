/*
 * The Markdown body of a release: md4c's callbacks turned into lp_block
 * records (one UTF-8 string per block, with styled spans and links).
 */
#ifndef LP_RELEASE_MARKDOWN_H
#define LP_RELEASE_MARKDOWN_H

#include "release/release.h"
#include "release/smartquotes.h"

/* Parses bytes [body_start, end of file) of src as CommonMark (with
 * permissive URL, www. and e-mail autolinks; raw HTML stays text) into
 * rel->blocks and rel->links, quotes turned into q's marks. Block offsets
 * are offsets in the whole file. Fails with LP_ERR_LIMIT (lists and block
 * quotes nested deeper than LP_MAX_NESTING, reported with the position)
 * or LP_ERR_NOMEM. Each block's text is linted for mixed scripts with lex
 * (may be NULL; text/scriptlint.h). */
lp_status lp_markdown_parse(const lp_source *src, size_t body_start, const lp_quotes *q,
        lp_arena *arena, lp_lexicon *lex, lp_release *rel, lp_diag *diag);

#endif
