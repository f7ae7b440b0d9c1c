/*
 * Mixed-script lint (scriptlint.h). Script data is ICU's (UAX #24 Script
 * property); which words are Latin is the lexicon's (lexicon.h). The
 * look-alike table is Unicode's confusables data for the Cyrillic capitals
 * that look like one ASCII capital: tests/unit/test_scriptlint.c holds it
 * to ICU's spoof checker (uspoof) both ways. The program does not call
 * uspoof itself: linking libicui18n for it costs every run about 1 MB of
 * memory for an answer the table already gives.
 */
#include "text/scriptlint.h"
#include "text/text_internal.h"

#include "base/utf8.h"

#include <stdarg.h>
#include <stdio.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Shortest all-look-alike word worth a lookup; two letters ("ОК", "НА")
 * are too often real words. */
#define LP_LOOKALIKE_MIN_LETTERS 3
/* Longest one: the lexicon keeps words of up to fifteen letters. */
#define LP_LOOKALIKE_MAX_LETTERS 15
/* Bytes of a word quoted in a message. */
#define LP_LINT_QUOTE_BYTES 60

char
lp_text_latin_twin(uint32_t cp)
{
	switch (cp) {
	case 0x0405: /* Ѕ, Macedonian */
		return 'S';
	case 0x0406: /* І, Ukrainian */
		return 'I';
	case 0x0408: /* Ј, Serbian and Macedonian */
		return 'J';
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
	bool marked; /* a look-alike carries a mark (Ё written as Е + U+0308) */
	char twin[LP_LOOKALIKE_MAX_LETTERS + 1];
} word_stats;

typedef struct lint_ctx {
	const char *text;
	uint32_t len;
	lp_lexicon *lex;
	lp_text_report_fn report;
	void *user;
} lint_ctx;

static void say(const lint_ctx *c, uint32_t at, lp_severity sev, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void
say(const lint_ctx *c, uint32_t at, lp_severity sev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->report(c->user, at, sev, LP_OK, msg);
}

static void
check_word(const lint_ctx *c, const word_stats *w)
{
	int qlen = (int)(w->end - w->start);
	if (qlen > LP_LINT_QUOTE_BYTES)
		qlen = LP_LINT_QUOTE_BYTES;
	const char *word = c->text + w->start;

	if (w->cyrillic && w->latin) {
		bool latin_odd = w->latin <= w->cyrillic;
		uint32_t at = latin_odd ? w->first_latin : w->first_cyrillic;
		size_t pos = at;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)c->text, c->len, &pos, &cp);
		say(c, w->start, LP_WARNING,
		        "word '%.*s' mixes Cyrillic and Latin letters: '%.*s' (U+%04X) is %s", qlen,
		        word, (int)(pos - at), c->text + at, (unsigned)cp,
		        latin_odd ? "Latin" : "Cyrillic");
		return;
	}
	if (!c->lex || !w->cyrillic || w->marked || w->lookalike != w->letters ||
	        w->letters < LP_LOOKALIKE_MIN_LETTERS || w->letters > LP_LOOKALIKE_MAX_LETTERS)
		return;
	lp_lexicon_answer a = lp_lexicon_lookup(c->lex, w->twin, w->lookalike);
	if (a == LP_LEXICON_UNAVAILABLE) {
		if (lp_lexicon_tell_missing(c->lex))
			say(c, w->start, LP_NOTE,
			        "the English word list %s is missing (Debian package "
			        "wamerican), so Cyrillic capitals spelt like Latin ('%.*s') "
			        "are not checked, only words that mix the two scripts",
			        LP_WORDLIST_PATH, qlen, word);
		return;
	}
	if (a == LP_LEXICON_WORD || a == LP_LEXICON_ACRONYM)
		say(c, w->start, LP_WARNING,
		        "Cyrillic word '%.*s' looks like the Latin %s '%s'; type it in "
		        "Latin letters if that is what is meant",
		        qlen, word, a == LP_LEXICON_WORD ? "word" : "acronym", w->twin);
}

void
lp_text_lint_scripts(
        const char *str, uint32_t len, lp_lexicon *lex, lp_text_report_fn report, void *user)
{
	const uint8_t *text = (const uint8_t *)str;
	lint_ctx c = {str, len, lex, report, user};
	word_stats w = {0};
	bool in_word = false;
	char prev_twin = 0;

	for (size_t pos = 0; pos <= len;) {
		size_t at = pos;
		uint32_t cp = 0;
		bool letter = false;
		if (pos < len) {
			if (!lp_utf8_decode(text, len, &pos, &cp)) {
				pos = at + 1; /* invalid UTF-8 ends a word; prepare replaces it */
				cp = 0xFFFD;
			} else if (cp < 0x80)
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
				check_word(&c, &w);
			}
			in_word = false;
			continue;
		}
		if (!in_word) {
			w = (word_stats){.start = (uint32_t)at};
			in_word = true;
			prev_twin = 0;
		}
		UScriptCode sc = USCRIPT_CYRILLIC;
		if (cp < 0x80) {
			sc = USCRIPT_LATIN;
		} else if (!lp_text_is_cyrillic_letter(cp)) {
			UErrorCode err = U_ZERO_ERROR;
			if (!u_isalpha((UChar32)cp)) {
				/* a mark: it belongs to its base, which no longer
				 * looks like its twin */
				w.marked |= prev_twin != 0;
				continue;
			}
			sc = uscript_getScript((UChar32)cp, &err);
		}
		w.letters++;
		prev_twin = 0;
		if (sc == USCRIPT_CYRILLIC) {
			if (!w.cyrillic++)
				w.first_cyrillic = (uint32_t)at;
			char twin = lp_text_latin_twin(cp);
			if (twin && w.lookalike < LP_LOOKALIKE_MAX_LETTERS) {
				w.twin[w.lookalike++] = twin;
				w.twin[w.lookalike] = '\0';
			} else if (twin) {
				w.lookalike++; /* too long to look up */
			}
			prev_twin = twin;
		} else if (sc == USCRIPT_LATIN) {
			if (!w.latin++)
				w.first_latin = (uint32_t)at;
		}
	}
}
