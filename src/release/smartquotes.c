/*
 * Straight quotes to typographic ones, in one pass over a block's text.
 *
 * Whether a straight quote opens or closes is decided from its neighbours,
 * the way SmartyPants does it: after a space, an opening bracket or dash, or
 * at the start of the block, it opens; after anything else it closes. '"'
 * picks the primary pair at even nesting depth and the secondary pair inside
 * another quotation; '\'' always uses the secondary pair, as nested quotes
 * are written in plain text.
 *
 * A '"' between two letters or digits (ООО"Ромашка") opens when no '"'
 * quotation is open and closes the open one otherwise.
 *
 * After a digit, a '"' that closes no open quotation is the double prime
 * U+2033 (inches, seconds: 12"x8" gives 12″x8″), and a '\'' the prime U+2032
 * (feet, minutes) when a digit follows it, or a non-letter with no single
 * quotation open (5'10", 6' tall; 1990's keeps its apostrophe, and '24'
 * is still a quoted number). A quotation opened with the language's own
 * mark counts as open: „Агенда 2030" closes with ”.
 *
 * '\'' is the apostrophe U+2019 instead of a mark:
 *  - between two letters or digits (don't, п'ять), or after a letter with no
 *    single quote open (students');
 *  - before two digits and then neither a digit nor '\'' ('90s, '24.,
 *    '90-их), in every language; '24' is a quoted number;
 *  - in English only, at the start of an elided word of en_elisions ('Twas,
 *    'em, 'cause; compared without case, and only whole: 'emu opens; with
 *    "n't" after it too: 'Tisn't). Such a word directly followed by '\''
 *    and a non-letter is a quoted word ('Twas' opens and closes), except
 *    'n', whose second apostrophe is an elision too (rock 'n' roll gives
 *    ’n’).
 * A quotation that begins with one of those words ('Tis true,' she said)
 * is taken for the elision: the common case.
 */
#include "release/smartquotes.h"

#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>

#include "base/utf8.h"
#include "release/datefmt.h"

/* Deeper quotations than this are typographic nonsense; past it the marks
 * keep alternating but which straight quote opened a level is forgotten. */
#define SQ_STACK 64

static void
set_quotes(lp_quotes *q, const char *o1, const char *c1, const char *o2, const char *c2)
{
	strcpy(q->open1, o1);
	strcpy(q->close1, c1);
	strcpy(q->open2, o2);
	strcpy(q->close2, c2);
}

void
lp_quotes_for_lang(const char *lang, lp_quotes *q)
{
	if (!lang)
		lang = "sr-Cyrl";
	q->en_elisions = lp_lang_is(lang, "en");
	if (lp_lang_is(lang, "sr"))
		set_quotes(q, "„", "”", "‚", "’");
	else if (lp_lang_is(lang, "ru") || lp_lang_is(lang, "uk"))
		set_quotes(q, "«", "»", "„", "“");
	else if (lp_lang_is(lang, "bg") || lp_lang_is(lang, "mk"))
		set_quotes(q, "„", "“", "‚", "‘");
	else
		set_quotes(q, "“", "”", "‘", "’");
}

bool
lp_quotes_from_string(const char *four, lp_quotes *q)
{
	if (!four)
		return false;
	size_t len = strlen(four), pos = 0;
	lp_quotes tmp;
	char *slot[4] = {tmp.open1, tmp.close1, tmp.open2, tmp.close2};
	for (int i = 0; i < 4; i++) {
		size_t start = pos;
		uint32_t cp;
		if (pos >= len || !lp_utf8_decode((const uint8_t *)four, len, &pos, &cp))
			return false;
		memcpy(slot[i], four + start, pos - start);
		slot[i][pos - start] = '\0';
	}
	if (pos != len)
		return false;
	tmp.en_elisions = false;
	*q = tmp;
	return true;
}

static bool
is_space(uint32_t cp)
{
	return cp == 0 || u_isUWhiteSpace((UChar32)cp);
}

/* Characters after which a quote opens: brackets, dashes, slashes and
 * opening quotation marks (Unicode categories Ps, Pd, Pi). */
static bool
is_opener(uint32_t cp)
{
	int8_t t = u_charType((UChar32)cp);
	return t == U_START_PUNCTUATION || t == U_DASH_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
	       cp == '/';
}

static bool
is_letter(uint32_t cp)
{
	return cp != 0 && u_isalnum((UChar32)cp);
}

typedef struct sq_state {
	const lp_quotes *q;
	const uint8_t *text; /* the whole input, for looking ahead */
	size_t len;
	size_t apos_at; /* a '\'' here is an apostrophe ('n''s second); 0 none */
	char *out;
	uint32_t n;
	uint32_t prev; /* last code point written, 0 at the start */
	bool prev_open; /* it was an opening mark we wrote */
	uint32_t depth;
	char opened[SQ_STACK]; /* which straight quote opened each level */
	/* Quotations the author opened with the language's own marks („…),
	 * less those closed, in the input before typed_to: counted only as
	 * far as a straight quote that needs them (typed_open). */
	size_t typed_to;
	int32_t typed[2]; /* primary, secondary */
} sq_state;

static void
put(sq_state *s, const char *mark)
{
	size_t n = strlen(mark);
	memcpy(s->out + s->n, mark, n);
	s->n += (uint32_t)n;
}

static void
open_level(sq_state *s, char straight)
{
	bool secondary = straight == '\'' || s->depth % 2 == 1;
	put(s, secondary ? s->q->open2 : s->q->open1);
	if (s->depth < SQ_STACK)
		s->opened[s->depth] = straight;
	s->depth++;
	s->prev_open = true;
}

/* Whether a level opened by `straight` is open. */
static bool
level_open(const sq_state *s, char straight)
{
	for (uint32_t d = s->depth < SQ_STACK ? s->depth : SQ_STACK; d > 0; d--)
		if (s->opened[d - 1] == straight)
			return true;
	return false;
}

/* Whether mark (UTF-8, not empty) stands at byte i of text[0, to). */
static bool
mark_at(const uint8_t *text, size_t i, size_t to, const char *mark)
{
	size_t n = strlen(mark);
	return n && i + n <= to && memcmp(text + i, mark, n) == 0;
}

/* Whether a quotation the author opened with the language's own mark
 * (secondary: its inner pair) is still open before byte at of the input:
 * „Агенда 2030" closes with a straight quote after a digit, as a word
 * processor leaves it. A closing mark with none open (’ is also the
 * apostrophe) closes nothing. Each byte is looked at once a block. */
static bool
typed_open(sq_state *s, size_t at, bool secondary)
{
	const lp_quotes *q = s->q;
	const char *open[2] = {q->open1, q->open2}, *close[2] = {q->close1, q->close2};
	for (size_t i = s->typed_to; i < at; i++) {
		if (s->text[i] < 0x80)
			continue; /* every mark is beyond ASCII */
		for (int k = 0; k < 2; k++) {
			if (mark_at(s->text, i, at, open[k]))
				s->typed[k]++;
			else if (mark_at(s->text, i, at, close[k]) && s->typed[k] > 0)
				s->typed[k]--;
		}
	}
	if (at > s->typed_to)
		s->typed_to = at;
	return s->typed[secondary] > 0;
}

/* Closes the innermost level opened by `straight`; false when none is open. */
static bool
close_level(sq_state *s, char straight)
{
	uint32_t d = s->depth;
	while (d > 0 && d <= SQ_STACK && s->opened[d - 1] != straight)
		d--;
	if (d == 0)
		return false;
	s->depth = d - 1;
	bool secondary = straight == '\'' || s->depth % 2 == 1;
	put(s, secondary ? s->q->close2 : s->q->close1);
	return true;
}

/* The code point at byte pos of the input, 0 at its end. */
static uint32_t
char_at(const sq_state *s, size_t pos)
{
	uint32_t cp = 0;
	if (pos < s->len)
		lp_utf8_decode(s->text, s->len, &pos, &cp);
	return cp;
}

static bool
is_digit_at(const sq_state *s, size_t pos)
{
	return pos < s->len && s->text[pos] >= '0' && s->text[pos] <= '9';
}

/* Two digits, then neither a digit nor '\'': '90s, '24. ('24' is quoted). */
static bool
year_elision(const sq_state *s, size_t at)
{
	return is_digit_at(s, at + 1) && is_digit_at(s, at + 2) && !is_digit_at(s, at + 3) &&
	       char_at(s, at + 3) != '\'';
}

/* English words that lose their first letters to an apostrophe, as written
 * after it. Kept short: each is a word a quotation seldom begins with. */
static const char *const en_elisions[] = {"bout", "cause", "em", "kay", "n", "round", "til", "tis",
        "twas", "twere", "twill", "twould"};

/* Whether the '\'' at byte at begins an English elided word; for 'n' with
 * its closing apostrophe, that one's place goes to s->apos_at. */
static bool
word_elision(sq_state *s, size_t at)
{
	size_t from = at + 1, end = from;
	while (end < s->len && end - from < 8 &&
	        ((s->text[end] | 0x20) >= 'a' && (s->text[end] | 0x20) <= 'z'))
		end++;
	if (end == from || is_letter(char_at(s, end)))
		return false;
	size_t n = end - from;
	/* The word with "n't" after it ('Tisn't, 'Twasn't): the n is not
	 * the listed word's. */
	bool negated = n > 1 && (s->text[end - 1] | 0x20) == 'n' && char_at(s, end) == '\'' &&
	               (char_at(s, end + 1) | 0x20) == 't' && !is_letter(char_at(s, end + 2));
	n -= negated;
	bool listed = false;
	for (size_t i = 0; !listed && i < sizeof en_elisions / sizeof *en_elisions; i++)
		listed = strlen(en_elisions[i]) == n &&
		         strncasecmp(en_elisions[i], (const char *)s->text + from, n) == 0;
	if (!listed)
		return false;
	/* 'word' followed by a non-letter: the word is quoted, unless it is
	 * 'n', which is elided at both ends. */
	if (!negated && char_at(s, end) == '\'' && !is_letter(char_at(s, end + 1))) {
		if (n != 1)
			return false;
		s->apos_at = end;
	}
	return true;
}

static void
convert(sq_state *s, size_t at)
{
	char c = (char)s->text[at];
	uint32_t next = char_at(s, at + 1);
	bool opening = is_space(s->prev) || s->prev_open || is_opener(s->prev);
	s->prev_open = false;
	bool after_digit = s->prev >= '0' && s->prev <= '9';
	if (c == '\'') {
		/* Feet, minutes: 5'10", 6' tall, 45°30'15" */
		if (after_digit && ((next >= '0' && next <= '9') ||
		                           (!is_letter(next) && !level_open(s, '\'') &&
		                                   !typed_open(s, at, true)))) {
			put(s, "′");
			return;
		}
		if ((s->apos_at && at == s->apos_at) || (is_letter(s->prev) && is_letter(next)) ||
		        year_elision(s, at) ||
		        (opening && s->q->en_elisions && word_elision(s, at))) {
			put(s, "’");
		} else if (opening && !is_space(next)) {
			open_level(s, '\'');
		} else if (!close_level(s, '\'')) {
			if (typed_open(s, at, true)) /* ‚2024' */
				s->typed[1]--;
			put(s, "’");
		}
		return;
	}
	if (opening && !(is_space(next) && s->depth > 0)) {
		open_level(s, '"');
	} else if (close_level(s, '"')) {
		/* closed the innermost '"' quotation */
	} else if (after_digit && !typed_open(s, at, false)) {
		put(s, "″"); /* inches, seconds: 12"x8", 45°30'15" */
	} else if (is_letter(s->prev) && is_letter(next)) {
		/* inside a word with none open: ООО"Ромашка" */
		open_level(s, '"');
	} else {
		/* Closes what the author opened with the language's mark, if
		 * anything (it is then closed for the primes above too). */
		if (typed_open(s, at, false))
			s->typed[0]--;
		put(s, s->depth % 2 ? s->q->close2 : s->q->close1);
	}
}

static size_t
count_byte(const char *text, size_t len, char c)
{
	size_t n = 0;
	for (const char *p = text; (p = memchr(p, c, len - (size_t)(p - text))) != NULL; p++)
		n++;
	return n;
}

/* Where the next '"' or '\'' is at or after pos (len when none). Both are
 * found again only once passed, so all lookups together scan the text once. */
typedef struct sq_next {
	size_t dq, sq;
} sq_next;

static size_t
find_byte(const char *text, size_t len, size_t pos, char c)
{
	const char *p = pos < len ? memchr(text + pos, c, len - pos) : NULL;
	return p ? (size_t)(p - text) : len;
}

static size_t
next_quote(sq_next *nx, const char *text, size_t len, size_t pos)
{
	if (nx->dq < pos)
		nx->dq = find_byte(text, len, pos, '"');
	if (nx->sq < pos)
		nx->sq = find_byte(text, len, pos, '\'');
	return nx->dq < nx->sq ? nx->dq : nx->sq;
}

/* The character that ends just before byte `to` (not reaching back before
 * `from`). */
static uint32_t
last_char(const uint8_t *u, size_t from, size_t to)
{
	size_t at = to - 1;
	while (at > from && to - at < 4 && (u[at] & 0xC0) == 0x80)
		at--;
	uint32_t cp;
	lp_utf8_decode(u, to, &at, &cp);
	return cp;
}

lp_status
lp_smartquotes_apply(const lp_quotes *q, const char *text, uint32_t len, lp_rspan *spans,
        uint32_t n_spans, lp_arena *arena, char **out, uint32_t *out_len)
{
	lp_rspan whole = {0, len, 0, -1};
	if (!spans || n_spans == 0) {
		spans = &whole;
		n_spans = 1;
	}
	/* Every mark is at most four bytes where the straight quote was one. */
	size_t n_quotes = count_byte(text, len, '"') + count_byte(text, len, '\'');
	const uint8_t *u = (const uint8_t *)text;
	sq_state s = {.q = q, .text = u, .len = len};
	s.out = lp_arena_alloc(arena, (size_t)len + 3 * n_quotes + 1);
	if (!s.out)
		return LP_ERR_NOMEM;
	sq_next nx = {find_byte(text, len, 0, '"'), find_byte(text, len, 0, '\'')};
	for (uint32_t k = 0; k < n_spans; k++) {
		lp_rspan *sp = &spans[k];
		size_t pos = sp->start, end = (size_t)sp->start + sp->len;
		bool code = (sp->flags & LP_INLINE_CODE) != 0;
		if (end > len)
			end = len;
		if (code && end > s.typed_to) {
			/* A code span's marks are not the author's quotations. */
			typed_open(&s, pos, false);
			s.typed_to = end;
		}
		sp->start = s.n;
		/* Copy runs between straight quotes in one go. */
		while (pos < end) {
			size_t stop = code ? end : next_quote(&nx, text, len, pos);
			if (stop > end)
				stop = end;
			if (stop > pos) {
				memcpy(s.out + s.n, text + pos, stop - pos);
				s.n += (uint32_t)(stop - pos);
				s.prev = last_char(u, pos, stop);
				s.prev_open = false;
			}
			if (stop == end)
				break;
			convert(&s, stop);
			s.prev = (uint8_t)text[stop];
			pos = stop + 1;
		}
		sp->len = s.n - sp->start;
	}
	s.out[s.n] = '\0';
	*out = s.out;
	*out_len = s.n;
	return LP_OK;
}
