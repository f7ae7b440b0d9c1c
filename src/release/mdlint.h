/*
 * Markdown that other dialects give a meaning letterpress does not draw:
 * CommonMark leaves it as text, so it is set as written, and a warning at
 * its line and column says so, so that no construct is lost without a
 * word. GitHub's strikethrough (`~~struck~~`: set as struck text would
 * change what a release says, so the tildes stay) and footnotes (`[^1]`).
 */
#ifndef LP_RELEASE_MDLINT_H
#define LP_RELEASE_MDLINT_H

#include "base/source.h"
#include "release/release.h"
#include "release/textcheck.h"

/* Warns about each such construct in a block's text (len bytes; spans
 * mark code, which is left alone), at its place in src through map.
 * Never fails. */
void lp_md_lint_block(const lp_source *src, const char *text, size_t len, const lp_rspan *spans,
        uint32_t n_spans, const lp_textmap *map, lp_diag *diag);

/* Warns about each footnote definition ("[^1]: text" at a line's start,
 * outside fenced code) in src from body_start: CommonMark reads it as a
 * link reference definition, which prints nothing, so its text would be
 * lost without a word. Never fails. */
void lp_md_lint_note_defs(const lp_source *src, size_t body_start, lp_diag *diag);

#endif
