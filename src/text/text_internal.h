/*
 * Shared between the files of text/ only: the itemizer's output, the
 * language defaults and the paragraph-relative diagnostic.
 * Nothing here is seen by other stages.
 */
#ifndef LP_TEXT_TEXT_INTERNAL_H
#define LP_TEXT_TEXT_INTERNAL_H

#include "base/limits.h"
#include "text/text.h"

/* ISO 15924 tags as big-endian 4-byte values (the same values as
 * hb_script_t, so they pass to HarfBuzz unchanged). */
#define LP_TEXT_TAG(a, b, c, d)                                                                    \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define LP_SCRIPT_LATN LP_TEXT_TAG('L', 'a', 't', 'n')
#define LP_SCRIPT_CYRL LP_TEXT_TAG('C', 'y', 'r', 'l')
#define LP_SCRIPT_ZYYY LP_TEXT_TAG('Z', 'y', 'y', 'y') /* Common */

/* Fast paths for the bulk of Latin and Cyrillic text, so the common case
 * does not pay for a Unicode property lookup per character. */

/* A Cyrillic letter in U+0400–U+052F (U+0483–U+0489 are combining marks
 * and U+0482 a sign; everything else there is a letter of script Cyrl). */
static inline bool
lp_text_is_cyrillic_letter(uint32_t cp)
{
	return (cp >= 0x400 && cp < 0x482) || (cp >= 0x48A && cp < 0x530);
}

/* A character that is always a grapheme cluster of its own (UAX #29: no
 * Extend, SpacingMark, Prepend, ZWJ, regional indicator or Hangul is below
 * U+0300, nor among the General Punctuation marks U+2010–U+2027 and
 * U+2030–U+205E) and is neither a mark nor default-ignorable (those of
 * General Punctuation are U+200B–U+200F, U+202A–U+202E and U+2060–U+206F,
 * outside both ranges; U+2028 and U+2029 end lines). The dashes, quotes,
 * ellipsis and bullet of press releases are there. */
static inline bool
lp_text_is_simple(uint32_t cp)
{
	return (cp < 0x300 && cp != 0xAD) || lp_text_is_cyrillic_letter(cp) ||
	       (cp >= 0x2010 && cp <= 0x205E && (cp <= 0x2027 || cp >= 0x2030));
}

/* Whether text[0, len) is valid UTF-8 of simple characters only
 * (prepare.c): then it is its own NFC form, has a grapheme boundary at
 * every character and, in a font that allows it, shapes a word at a
 * time. */
bool lp_text_all_simple(const char *text, uint32_t len);

/* The script a character itemizes in, as an OpenType-style tag: ICU's
 * Script property, LP_SCRIPT_ZYYY for Common, Inherited and Unknown
 * (itemize.c). */
uint32_t lp_text_script_tag(uint32_t cp);

/* One itemized run: a maximal byte range with one span, script and font. */
typedef struct lp_item {
	uint32_t start, len;
	uint32_t span;
	uint32_t script;
	const lp_font *font;
} lp_item;

/* Growable scratch for the itemizer, owned by a shaper and reused across
 * paragraphs (malloc'd, freed by lp_item_buf_free). */
typedef struct lp_item_buf {
	lp_item *items;
	uint32_t n, cap;
} lp_item_buf;

void lp_item_buf_free(lp_item_buf *buf);

/* Whether a font has a character, remembered for one document's shaper:
 * itemizing asks for every character of every paragraph, and HarfBuzz's
 * cmap lookup costs a few hundred instructions where a document uses a
 * hundred or so characters. Direct-mapped on the character. */
#define LP_COVER_MEMO_SLOTS 512
/* With it, a span's font chain (its face, the fallbacks that exist, the
 * symbol face) for the last few styles asked: each face is found by
 * comparing the family with every face's, for every span. A family of
 * more bytes than a slot holds is looked up each time. */
#define LP_CHAIN_MEMO_SLOTS 4
#define LP_CHAIN_MEMO_FAMILY 64
typedef struct lp_cover_memo {
	struct lp_cover_slot {
		const lp_font *font; /* NULL: empty */
		uint32_t cp;
		bool has;
	} slot[LP_COVER_MEMO_SLOTS];
	struct lp_chain_slot {
		const lp_fontdb *fonts; /* NULL: empty */
		const char *const *fallback;
		size_t n_fallback;
		char family[LP_CHAIN_MEMO_FAMILY];
		uint16_t weight;
		bool italic;
		uint32_t n;
		const lp_font *chain[1 + LP_MAX_FALLBACK_FONTS + 1];
	} chain[LP_CHAIN_MEMO_SLOTS];
	uint32_t next_chain; /* the slot the next new style takes */
} lp_cover_memo;

/* Splits a prepared paragraph into runs by span, script (UAX #24) and font
 * (per grapheme through the fallback chain). A character no font covers is
 * reported once per paragraph as a warning and stays in the span's font.
 * memo (may be NULL) is the caller's, zeroed before its first use. Fails
 * with LP_ERR_FONT (reported) when a span's family is unknown,
 * LP_ERR_NOMEM. */
lp_status lp_text_itemize(const lp_text_par *par, const lp_fontdb *fonts,
        const char *const *fallback, size_t n_fallback, lp_cover_memo *memo, lp_item_buf *out,
        lp_diag *diag);

/* The script a run of only Common characters takes from its language
 * ("sr-Latn" → Latn, "sr"/"ru"/… → Cyrl, others Latn). */
uint32_t lp_text_lang_script(const char *lang);

/* Reports at a byte offset of a paragraph: the file and the paragraph's
 * first line, with the offset in the message. */
lp_status lp_text_report(const lp_text_par *par, lp_diag *diag, lp_severity severity,
        lp_status code, uint32_t offset, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

/* Reports about the character at a byte offset of a paragraph, at its own
 * line and column in the release when the paragraph knows its source (and
 * the character is written there as itself, not as an entity); otherwise
 * as lp_text_report(). */
lp_status lp_text_report_char(const lp_text_par *par, lp_diag *diag, lp_severity severity,
        lp_status code, uint32_t offset, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

#endif
