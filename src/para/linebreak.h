/*
 * Line-break opportunities of a paragraph: UAX #14 from ICU's line break
 * iterator (current Unicode data), tailored for hyphens, soft hyphens,
 * URLs and e-mail addresses.
 */
#ifndef LP_PARA_LINEBREAK_H
#define LP_PARA_LINEBREAK_H

#include "letterpress.h"

#include "base/arena.h"

enum {
	/* A line may break before this byte (UAX #14 "÷"). */
	LP_BRK_ALLOWED = 1u << 0,
	/* A line must break before this byte (LB4, LB5: after BK, CR, LF, NL;
	 * U+2028 LINE SEPARATOR is BK). */
	LP_BRK_MANDATORY = 1u << 1,
	/* The break follows an explicit hyphen (U+002D, U+2010): the hyphen
	 * is already on the line; \exhyphenpenalty applies. */
	LP_BRK_AFTER_HYPHEN = 1u << 2,
	/* The break follows U+00AD SOFT HYPHEN: a hyphen is shown only if the
	 * line breaks here (\hyphenpenalty). */
	LP_BRK_SOFT_HYPHEN = 1u << 3,
	/* This byte belongs to a URL or e-mail address: never hyphenated; its
	 * only breaks are the ones of lp_linebreak_find's URL rule. */
	LP_BRK_IN_URL = 1u << 4,
	/* A break UAX #14 forbids, after an explicit hyphen or en dash inside
	 * a token ("200-2365600102881-39": HY × NU, LB25): a last resort for
	 * long tokens, the dash staying at the line end. Never with
	 * LP_BRK_ALLOWED. */
	LP_BRK_TOKEN_DASH = 1u << 5,
};

/* Fills flags[0..len] (len + 1 bytes, allocated in arena) for text:
 * flags[i] describes a break before byte i (flags[len] is the end and
 * carries no break). URL rule: in a token that contains "://", starts
 * with "www." or holds an '@' followed by a '.', ICU's opportunities are
 * dropped and a line may break only after a '/' (not inside "//") and
 * before a '.', '@', '-', '_', '?' or '&' (the punctuation starts the next
 * line, so the first line cannot be mistaken for a complete address, and
 * no reader takes a line-end '-' for a hyphenation hyphen and drops it),
 * never with a hyphen added. lang is a BCP 47 tag for
 * ICU's locale tailoring (may be NULL). Fails with LP_ERR_NOMEM, or
 * LP_ERR_INTERNAL when ICU fails (reported). */
lp_status lp_linebreak_find(const char *text, uint32_t len, const char *lang, lp_arena *arena,
        uint8_t **flags, lp_diag *diag);

/* An engine's line break iterators, one per language, each opened the
 * first time a document asks for it and then only cloned: ICU takes ten
 * times as long to open one (its rules, its dictionaries) as to clone it.
 * Thread-safe. NULL when out of memory. */
typedef struct lp_linebreak_templates lp_linebreak_templates;
lp_linebreak_templates *lp_linebreak_templates_new(void);
void lp_linebreak_templates_drop(lp_linebreak_templates *t);

/* An ICU iterator kept between paragraphs of one document (one thread):
 * lp_linebreak_find_with() reuses it while the language stays the same,
 * cloned from templates (may be NULL: opened). NULL when out of memory; a
 * NULL breaker opens an iterator per call. */
typedef struct lp_linebreaker lp_linebreaker;
lp_linebreaker *lp_linebreaker_new(lp_linebreak_templates *templates);
void lp_linebreaker_drop(lp_linebreaker *lb);
lp_status lp_linebreak_find_with(lp_linebreaker *lb, const char *text, uint32_t len,
        const char *lang, lp_arena *arena, uint8_t **flags, lp_diag *diag);

/* linebreak_plain.c: UAX #14 for text of letters, digits, spaces and
 * prose punctuation alone, without ICU's iterator: fills flags[1..len-1]
 * with LP_BRK_ALLOWED and LP_BRK_AFTER_HYPHEN as ICU's root rules give
 * them and returns true; false, with flags left zero, for text holding
 * any other character. lp_linebreak_plain_lang() says whether lang's
 * rules are the root ones (letterpress's languages, or none). */
bool lp_linebreak_plain(const char *text, uint32_t len, uint8_t *flags);
bool lp_linebreak_plain_lang(const char *lang);

#endif
