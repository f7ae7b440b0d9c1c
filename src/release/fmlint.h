/*
 * What the front matter says that YAML accepts or rejects in words only a
 * YAML expert reads: libyaml's errors in plain words, a value cut short
 * by a '#', a list item folded into the one above, a malformed or
 * unsupported language, a front matter that lost its opening '---'.
 */
#ifndef LP_RELEASE_FMLINT_H
#define LP_RELEASE_FMLINT_H

#include "letterpress.h"

#include "base/source.h"

/* libyaml's error (its problem and context texts, and both marks as byte
 * offsets into src) reported in plain words at the place it is about,
 * with a hint. Returns LP_ERR_SYNTAX. */
lp_status lp_fmlint_yaml_error(const lp_source *src, const char *problem, uint64_t problem_at,
        const char *context, uint64_t context_at, lp_diag *diag);

/* Warnings about a plain (unquoted) value of key in bytes [start, end) of
 * src: a " #word" after it, which YAML took for a comment and dropped, and
 * a "- " line inside it, which YAML folded into it instead of making a new
 * list item. */
void lp_fmlint_plain_value(
        const lp_source *src, uint64_t start, uint64_t end, const char *key, lp_diag *diag);

/* Checks `lang: value` (value at offset in src): a tag that is not BCP 47
 * is an error (LP_ERR_SYNTAX) with the tag meant ("sr_Latn": "sr-Latn");
 * a language or script letterpress does not support is a warning saying
 * what it falls back to. A well-formed tag is rewritten in place in BCP
 * 47's conventional case ("RU" to "ru", "SR-LATN" to "sr-Latn"). */
lp_status lp_fmlint_lang(const lp_source *src, uint64_t offset, char *value, lp_diag *diag);

/* A release with no front matter whose first lines are "key: value"
 * lines closed by a "---" line lost its opening "---": a warning at its
 * first line (body_start), since the lines become a setext heading. */
void lp_fmlint_missing_fence(const lp_source *src, size_t body_start, lp_diag *diag);

#endif
