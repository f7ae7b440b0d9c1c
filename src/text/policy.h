/*
 * The text policy: which characters letterpress sets, which it sets with a
 * warning and which it refuses, and how many combining marks one character
 * may carry. One pass over UTF-8, cheap enough to run before anything
 * expensive (NFC, shaping) sees the text.
 *
 * The release parser runs it on every block and every front-matter value,
 * where each finding can be placed at its file:line:col; lp_text_prepare()
 * runs it again on every paragraph (body, title, layout text) as the gate
 * in front of ICU and HarfBuzz. The rules are in docs/security.md.
 */
#ifndef LP_TEXT_POLICY_H
#define LP_TEXT_POLICY_H

#include "letterpress.h"

#include <stdbool.h>
#include <stdint.h>

/* Called for each finding with its byte offset in the checked text and a
 * finished message; returns code (so the check can return it). */
typedef lp_status (*lp_text_report_fn)(
        void *user, uint32_t offset, lp_severity severity, lp_status code, const char *message);

/* Checks text[0, len) against the text policy:
 *  - errors (LP_ERR_SYNTAX): NUL and C0 controls other than tab and line
 *    feed, DEL, C1 controls (U+0080–U+009F), and the bidirectional
 *    embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069);
 *  - LP_ERR_LIMIT: more than LP_MAX_MARKS_PER_CLUSTER combining marks on one
 *    character (counted through default-ignorables, so a joiner between
 *    marks does not reset the count);
 *  - warnings (only when warn is true): other default-ignorable code points
 *    (ICU's UCHAR_DEFAULT_IGNORABLE_CODE_POINT: U+200B, U+2060, U+FEFF, …),
 *    except U+00AD SOFT HYPHEN, U+200C/U+200D between letters (or U+200D
 *    inside an emoji sequence), and those that are combining marks
 *    (variation selectors, U+034F), which count as marks. Each code point
 *    is reported once per call, at its first suspect place (at most 8
 *    different ones).
 * Invalid UTF-8 is skipped (lp_text_prepare replaces it with a warning).
 * Stops at the first error and returns its code; LP_OK otherwise. */
lp_status lp_text_check(
        const char *text, uint32_t len, bool warn, lp_text_report_fn report, void *user);

/* Whether text[0, len) is valid UTF-8 of simple characters only (Latin,
 * Cyrillic letters, common punctuation: text_internal.h), none of them a
 * control: such text passes lp_text_check() with nothing to report,
 * warnings included, so that most paragraphs need only this one walk. */
bool lp_text_simple_and_allowed(const char *text, uint32_t len);

#endif
