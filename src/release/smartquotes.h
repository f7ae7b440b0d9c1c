/*
 * Typographic quotes: straight ASCII quotes in a block's text become the
 * language's quotation marks, and apostrophes inside words or standing
 * for a word's elided start ('90s; in English 'twas) become U+2019.
 */
#ifndef LP_RELEASE_SMARTQUOTES_H
#define LP_RELEASE_SMARTQUOTES_H

#include "release/release.h"

/* The four marks, each one UTF-8 character and NUL-terminated. */
typedef struct lp_quotes {
	char open1[5], close1[5]; /* primary pair */
	char open2[5], close2[5]; /* secondary (nested) pair */
	bool en_elisions; /* English: 'twas, 'em, rock 'n' roll take U+2019 */
} lp_quotes;

/* The quotes of a language (BCP 47): sr „…” ‚…’, ru and uk «…» „…“,
 * bg and mk „…“ ‚…‘, en and anything else “…” ‘…’; en_elisions for en
 * alone. Never fails. */
void lp_quotes_for_lang(const char *lang, lp_quotes *out);

/* Quotes from a string of exactly four UTF-8 characters (primary open,
 * primary close, secondary open, secondary close), en_elisions false (the
 * caller sets it from the language). False when it is not. */
bool lp_quotes_from_string(const char *four, lp_quotes *out);

/* Converts the straight quotes of text (len bytes) into a new NUL-terminated
 * string in arena (*out, *out_len). spans (n_spans, covering text in order)
 * are moved to the new byte positions in place; bytes inside
 * LP_INLINE_CODE spans are copied unchanged. spans may be NULL (n_spans 0):
 * the whole text is then prose. Fails only with LP_ERR_NOMEM. */
lp_status lp_smartquotes_apply(const lp_quotes *q, const char *text, uint32_t len, lp_rspan *spans,
        uint32_t n_spans, lp_arena *arena, char **out, uint32_t *out_len);

#endif
