/*
 * "Did you mean": the name closest to a misspelt one, for every message
 * that names something letterpress looks up by name (front-matter keys,
 * layouts, styles, template fields, alignments, block kinds).
 */
#ifndef LP_BASE_SUGGEST_H
#define LP_BASE_SUGGEST_H

#include <stddef.h>

/* Longest name, in characters, compared; a longer one is never close to
 * anything (names are words, and the table is on the stack). */
#define LP_SUGGEST_MAX_CHARS 64

/* The optimal-string-alignment distance (Damerau–Levenshtein with adjacent
 * transpositions: "titel" is one edit from "title") between two UTF-8
 * strings, counted in characters, ASCII letters compared without case.
 * Names longer than LP_SUGGEST_MAX_CHARS give SIZE_MAX. Never fails. */
size_t lp_edit_distance(const char *a, const char *b);

/* The candidate closest to word, or NULL when none is close: at most
 * max(chars, 3) / 3 edits away (one edit in a word of up to five
 * characters, two up to eight), as rustc does. An exact match (ignoring
 * ASCII case) is returned too, so a caller that looks for word itself
 * first can say "did you mean 'title'?" for "Title". The first of equally
 * close candidates wins; NULL entries are skipped. A borrowed pointer into
 * candidates. */
const char *lp_suggest(const char *word, const char *const *candidates, size_t n);

#endif
