/*
 * Mixed-script lint. Cyrillic and Latin share many letter shapes, so a
 * word typed with the wrong keyboard layout looks right on paper but is
 * wrong to every search engine, screen reader and spell checker. Two cases
 * are reported as warnings:
 *   - a word whose letters are partly Cyrillic and partly Latin
 *     ("Oпштина" with a Latin O);
 *   - an all-capital Cyrillic word of three or more letters spelt only with
 *     letters that have a Latin twin (А В Е К М Н О Р С Т Х У), such as
 *     "ЕХРО", which in a Cyrillic text is almost always the Latin name
 *     ("EXPO") typed on a Cyrillic keyboard.
 * Script data is ICU's (UAX #24 Script property).
 */
#include "text/text_internal.h"

#include "base/utf8.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Shortest all-look-alike word worth a warning; two letters ("ОК", "НА")
 * are too often real words. */
#define LP_LOOKALIKE_MIN_LETTERS 3
/* Bytes of a word quoted in a message. */
#define LP_LINT_QUOTE_BYTES 60

/* The Latin capital that looks like a Cyrillic capital, or 0. */
static char
latin_twin(uint32_t cp)
{
	switch (cp) {
	case 0x0410:
		return 'A';
	case 0x0412:
		return 'B';
	case 0x0415:
		return 'E';
	case 0x041A:
		return 'K';
	case 0x041C:
		return 'M';
	case 0x041D:
		return 'H';
	case 0x041E:
		return 'O';
	case 0x0420:
		return 'P';
	case 0x0421:
		return 'C';
	case 0x0422:
		return 'T';
	case 0x0423:
		return 'Y';
	case 0x0425:
		return 'X';
	default:
		return 0;
	}
}

typedef struct word_stats {
	uint32_t start, end;
	uint32_t cyrillic, latin, lookalike, letters;
	uint32_t first_latin, first_cyrillic; /* byte offsets */
	char twin[LP_LINT_QUOTE_BYTES + 1];
} word_stats;

static void
check_word(const lp_text_par *par, const word_stats *w, lp_diag *diag)
{
	int qlen = (int)(w->end - w->start);
	if (qlen > LP_LINT_QUOTE_BYTES)
		qlen = LP_LINT_QUOTE_BYTES;
	const char *word = par->text + w->start;

	if (w->cyrillic && w->latin) {
		bool latin_odd = w->latin <= w->cyrillic;
		uint32_t at = latin_odd ? w->first_latin : w->first_cyrillic;
		size_t pos = at;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)par->text, par->len, &pos, &cp);
		lp_text_report(par, diag, LP_WARNING, LP_OK, at,
		        "word '%.*s' mixes Cyrillic and Latin letters: '%.*s' (U+%04X) is %s", qlen,
		        word, (int)(pos - at), par->text + at, (unsigned)cp,
		        latin_odd ? "Latin" : "Cyrillic");
		return;
	}
	if (w->cyrillic && w->lookalike == w->letters && w->letters >= LP_LOOKALIKE_MIN_LETTERS &&
	        w->letters <= LP_LINT_QUOTE_BYTES)
		lp_text_report(par, diag, LP_WARNING, LP_OK, w->start,
		        "Cyrillic word '%.*s' looks like Latin '%s'; type it in Latin letters if "
		        "that is what is meant",
		        qlen, word, w->twin);
}

void
lp_text_lint_scripts(const lp_text_par *par, lp_diag *diag)
{
	const uint8_t *text = (const uint8_t *)par->text;
	word_stats w = {0};
	bool in_word = false;

	for (size_t pos = 0; pos <= par->len;) {
		size_t at = pos;
		uint32_t cp = 0;
		bool letter = false;
		if (pos < par->len) {
			lp_utf8_decode(text, par->len, &pos, &cp);
			if (cp < 0x80)
				letter = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
			else if (lp_text_is_cyrillic_letter(cp))
				letter = true;
			else
				letter = u_isalpha((UChar32)cp) ||
				         (in_word && (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK));
		} else {
			pos++;
		}
		if (!letter) {
			if (in_word) {
				w.end = (uint32_t)at;
				check_word(par, &w, diag);
			}
			in_word = false;
			continue;
		}
		if (!in_word) {
			w = (word_stats){.start = (uint32_t)at};
			in_word = true;
		}
		UScriptCode sc = USCRIPT_CYRILLIC;
		if (cp < 0x80) {
			sc = USCRIPT_LATIN;
		} else if (!lp_text_is_cyrillic_letter(cp)) {
			UErrorCode err = U_ZERO_ERROR;
			if (!u_isalpha((UChar32)cp))
				continue; /* a mark: it belongs to its base */
			sc = uscript_getScript((UChar32)cp, &err);
		}
		w.letters++;
		if (sc == USCRIPT_CYRILLIC) {
			if (!w.cyrillic++)
				w.first_cyrillic = (uint32_t)at;
			char twin = latin_twin(cp);
			if (twin && w.lookalike < LP_LINT_QUOTE_BYTES)
				w.twin[w.lookalike++] = twin;
		} else if (sc == USCRIPT_LATIN) {
			if (!w.latin++)
				w.first_latin = (uint32_t)at;
		}
	}
}
