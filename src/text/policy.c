/*
 * The text policy (policy.h). Control characters have no business in a
 * document that is printed and signed: C0 and C1 controls and DEL do
 * nothing on paper but can do a great deal on a terminal or in a reader's
 * text extraction, and the bidirectional embeddings, overrides and isolates
 * make a PDF show text in an order other than the one it is read, copied
 * and signed in ("Trojan Source", CVE-2021-42574). Those are errors. Other
 * invisible characters (zero-width space, word joiner, a byte order mark
 * inside text) have honest uses, so they are kept with a warning, unless
 * they sit where they do their job: a soft hyphen anywhere, a zero-width
 * joiner or non-joiner between letters, a joiner inside an emoji sequence.
 * The default-ignorables that are combining marks (variation selectors,
 * U+034F COMBINING GRAPHEME JOINER) pass as marks and count as marks.
 *
 * Combining marks are counted here, before NFC: ICU's canonical reordering
 * sorts each run of marks by insertion, so 120,000 alternating marks took
 * seconds in unorm2_normalize before the old count after it could stop
 * them (and HarfBuzz 6 is quadratic in them too).
 */
#include "text/policy.h"

#include "base/limits.h"
#include "base/utf8.h"
#include "text/text_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>

/* Names of the controls a hostile text is likely to carry; ICU has no
 * names for controls (only "<control-001B>"). */
static const char *
control_name(uint32_t cp)
{
	switch (cp) {
	case 0x00:
		return " NULL";
	case 0x07:
		return " BELL";
	case 0x08:
		return " BACKSPACE";
	case 0x0B:
		return " LINE TABULATION";
	case 0x0C:
		return " FORM FEED";
	case 0x0D:
		return " CARRIAGE RETURN";
	case 0x1B:
		return " ESCAPE";
	case 0x7F:
		return " DELETE";
	case 0x85:
		return " NEXT LINE";
	case 0x9B:
		return " CONTROL SEQUENCE INTRODUCER";
	case 0x9D:
		return " OPERATING SYSTEM COMMAND";
	}
	return "";
}

/* "U+202E RIGHT-TO-LEFT OVERRIDE" into buf. */
static const char *
cp_name(uint32_t cp, char *buf, size_t size)
{
	char name[96];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, sizeof name, &err);
	if (U_FAILURE(err) || n <= 0 || n >= (int32_t)sizeof name)
		name[0] = '\0';
	snprintf(buf, size, "U+%04X%s%s", (unsigned)cp, name[0] ? " " : "", name);
	return buf;
}

static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static bool
is_mark(uint32_t cp)
{
	int8_t gc = u_charType((UChar32)cp);
	return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK;
}

/* A letter, or a mark on one (a virama before a joiner, as in Devanagari). */
static bool
is_letterish(uint32_t cp)
{
	return u_hasBinaryProperty((UChar32)cp, UCHAR_ALPHABETIC) || is_mark(cp);
}

static bool
is_emoji_part(uint32_t cp)
{
	return u_hasBinaryProperty((UChar32)cp, UCHAR_EXTENDED_PICTOGRAPHIC) ||
	       u_hasBinaryProperty((UChar32)cp, UCHAR_EMOJI_MODIFIER) || cp == 0xFE0F;
}

/* Whether a default-ignorable code point at this place needs a warning. */
static bool
ignorable_is_suspect(uint32_t prev, uint32_t cp, uint32_t next)
{
	if (cp == 0xAD)
		return false;
	if (cp == 0x200C || cp == 0x200D) {
		if (prev && next && is_letterish(prev) && is_letterish(next))
			return false;
		return !(
		        cp == 0x200D && prev && next && is_emoji_part(prev) && is_emoji_part(next));
	}
	return true;
}

/* A control character the policy refuses: C0 but tab and line feed, DEL,
 * C1. */
static bool
refused_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
}

lp_status
lp_text_check(const char *text, uint32_t len, bool warn, lp_text_report_fn report, void *user)
{
	const uint8_t *s = (const uint8_t *)text;
	uint32_t marks = 0, prev = 0;
	char name[128], msg[256];
	/* Each invisible character is reported once per text, at its first
	 * place: a diagnostic costs a walk to its column, and a paragraph of
	 * 80,000 zero-width spaces must not cost 80,000 of them. */
	uint32_t warned[8];
	unsigned n_warned = 0;

	for (size_t pos = 0; pos < len;) {
		size_t at = pos;
		uint32_t cp;
		if (!lp_utf8_decode(s, len, &pos, &cp)) {
			marks = 0; /* U+FFFD later: a base of its own */
			prev = cp;
			continue;
		}
		if (lp_text_is_simple(cp)) {
			if (refused_control(cp)) {
				snprintf(msg, sizeof msg,
				        "control character U+%04X%s is not allowed in text",
				        (unsigned)cp, control_name(cp));
				return report(user, (uint32_t)at, LP_ERROR, LP_ERR_SYNTAX, msg);
			}
			marks = 0;
			prev = cp;
			continue;
		}
		if (is_mark(cp)) {
			if (++marks > LP_MAX_MARKS_PER_CLUSTER) {
				snprintf(msg, sizeof msg,
				        "more than %d combining marks on one character",
				        LP_MAX_MARKS_PER_CLUSTER);
				return report(user, (uint32_t)at, LP_ERROR, LP_ERR_LIMIT, msg);
			}
		} else if (u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
			if (is_bidi_control(cp)) {
				snprintf(msg, sizeof msg,
				        "%s is not allowed in text (it shows text in "
				        "another order than the one it is read and copied in)",
				        cp_name(cp, name, sizeof name));
				return report(user, (uint32_t)at, LP_ERROR, LP_ERR_SYNTAX, msg);
			}
			uint32_t next = 0;
			size_t after = pos;
			if (warn && (cp == 0x200C || cp == 0x200D) && after < len &&
			        !lp_utf8_decode(s, len, &after, &next))
				next = 0;
			unsigned k = 0;
			while (k < n_warned && warned[k] != cp)
				k++;
			if (warn && k == n_warned && n_warned < sizeof warned / sizeof warned[0] &&
			        ignorable_is_suspect(prev, cp, next)) {
				warned[n_warned++] = cp;
				snprintf(msg, sizeof msg,
				        "invisible character %s in the text; it is kept, "
				        "but check that it belongs there",
				        cp_name(cp, name, sizeof name));
				report(user, (uint32_t)at, LP_WARNING, LP_OK, msg);
			}
		} else {
			marks = 0;
		}
		prev = cp;
	}
	return LP_OK;
}

bool
lp_text_simple_and_allowed(const char *text, uint32_t len)
{
	const uint8_t *t = (const uint8_t *)text;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp;
		if (!lp_utf8_decode(t, len, &pos, &cp) || !lp_text_is_simple(cp) ||
		        refused_control(cp))
			return false;
	}
	return true;
}
