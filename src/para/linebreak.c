/*
 * UAX #14 opportunities from ICU's line break iterator over a UTF-8 UText,
 * so positions come out as byte offsets, plus our tailoring (see
 * linebreak.h): hyphen kinds and the URL rule.
 */
#include "para/linebreak.h"

#include "base/diag.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Opening and closing punctuation around an address in running text:
 * "(www.example.rs)." keeps its brackets and full stop outside the URL. */
static bool
is_lead_punct(char c)
{
	return c == '(' || c == '[' || c == '<' || c == '"' || c == '\'';
}

static bool
is_trail_punct(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
	       c == ']' || c == '>' || c == '"' || c == '\'';
}

static bool
token_is_url(const char *t, uint32_t n)
{
	if (n >= 4 && memcmp(t, "www.", 4) == 0)
		return true;
	for (uint32_t i = 0; i + 2 < n; i++)
		if (memcmp(t + i, "://", 3) == 0)
			return true;
	for (uint32_t i = 0; i < n; i++)
		if (t[i] == '@')
			return memchr(t + i, '.', n - i) != NULL && i > 0;
	return false;
}

static void
tailor_url(const char *text, uint8_t *flags, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++) {
		flags[i] |= LP_BRK_IN_URL;
		if (i > a)
			flags[i] &= (uint8_t) ~(LP_BRK_ALLOWED | LP_BRK_AFTER_HYPHEN |
			                        LP_BRK_SOFT_HYPHEN | LP_BRK_TOKEN_DASH);
	}
	for (uint32_t i = a + 1; i < b; i++) {
		bool after_slash = text[i - 1] == '/' && text[i] != '/';
		bool before_punct = text[i] != '\0' && strchr(".@-_?&", text[i]) &&
		                    !strchr(".@-_?&/", text[i - 1]);
		if (after_slash || before_punct)
			flags[i] |= LP_BRK_ALLOWED;
	}
}

/* Whether s (k bytes) occurs in text: memchr() finds its first byte, which
 * the C library does many bytes at a time (memmem() is not in C or POSIX). */
static bool
contains(const char *text, uint32_t len, const char *s, uint32_t k)
{
	const char *end = text + len, *p = text;
	while (end - p >= (ptrdiff_t)k && (p = memchr(p, s[0], (size_t)(end - p - k + 1)))) {
		if (memcmp(p, s, k) == 0)
			return true;
		p++;
	}
	return false;
}

/* Whether text holds a dash dash_before() knows. Most paragraphs have
 * none, and the C library's scans say so at a fraction of the cost of
 * find_token_dashes()'s loop. */
static bool
has_dash(const char *text, uint32_t len)
{
	if (memchr(text, '-', len))
		return true;
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	while (end - p >= 3 && (p = memchr(p, 0xE2, (size_t)(end - p - 2)))) {
		if (p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x93))
			return true;
		p++;
	}
	return false;
}

/* Byte length of the dash that ends at i (U+002D, U+2010, U+2013), or 0. */
static uint32_t
dash_before(const unsigned char *u, uint32_t i)
{
	if (i >= 1 && u[i - 1] == '-')
		return 1;
	if (i >= 3 && u[i - 3] == 0xE2 && u[i - 2] == 0x80 &&
	        (u[i - 1] == 0x90 || u[i - 1] == 0x93))
		return 3;
	return 0;
}

/* Breaks after a dash between two non-spaces that UAX #14 left out. */
static void
find_token_dashes(const char *text, uint32_t len, uint8_t *flags)
{
	if (!has_dash(text, len))
		return;
	const unsigned char *u = (const unsigned char *)text;
	for (uint32_t i = 1; i < len; i++) {
		uint32_t d = dash_before(u, i);
		if (!d || i == d || (flags[i] & LP_BRK_ALLOWED) || is_space(text[i]) ||
		        is_space(text[i - d - 1]) || dash_before(u, i - d) || u[i] == '-' ||
		        (u[i] & 0xC0) == 0x80)
			continue;
		flags[i] |= LP_BRK_TOKEN_DASH;
	}
}

static void
find_urls(const char *text, uint32_t len, uint8_t *flags)
{
	/* A token is an address only with one of these in it (token_is_url):
	 * most paragraphs have none, and need no walk over their tokens. */
	if (!memchr(text, '@', len) && !contains(text, len, "://", 3) &&
	        !contains(text, len, "www.", 4))
		return;
	uint32_t i = 0;
	while (i < len) {
		while (i < len && is_space(text[i]))
			i++;
		uint32_t a = i;
		while (i < len && !is_space(text[i]))
			i++;
		uint32_t b = i;
		while (a < b && is_lead_punct(text[a]))
			a++;
		while (b > a && is_trail_punct(text[b - 1]))
			b--;
		if (b > a && token_is_url(text + a, b - a))
			tailor_url(text, flags, a, b);
	}
}

/* Few languages meet in one engine; past this many, iterators are
 * opened, not cloned. */
#define LP_LINEBREAK_TEMPLATES 16

struct lp_linebreak_templates {
	pthread_mutex_t lock;
	struct {
		char lang[32];
		UBreakIterator *bi; /* never iterated: only cloned */
	} t[LP_LINEBREAK_TEMPLATES];
	uint32_t n;
};

lp_linebreak_templates *
lp_linebreak_templates_new(void)
{
	lp_linebreak_templates *t = calloc(1, sizeof *t);
	if (t && pthread_mutex_init(&t->lock, NULL) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

void
lp_linebreak_templates_drop(lp_linebreak_templates *t)
{
	if (!t)
		return;
	for (uint32_t i = 0; i < t->n; i++)
		ubrk_close(t->t[i].bi);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

/* A new iterator for lang, the caller's to close: a clone of the
 * template, which is opened the first time. Cloned under the lock, which
 * is held for microseconds once a document and language. */
static UBreakIterator *
open_line(lp_linebreak_templates *t, const char *lang, UErrorCode *err)
{
	if (!t || strlen(lang) >= sizeof t->t[0].lang)
		return ubrk_open(UBRK_LINE, lang, NULL, 0, err);
	UBreakIterator *bi = NULL;
	pthread_mutex_lock(&t->lock);
	uint32_t i = 0;
	while (i < t->n && strcmp(t->t[i].lang, lang) != 0)
		i++;
	if (i == t->n && t->n < LP_LINEBREAK_TEMPLATES) {
		UBreakIterator *made = ubrk_open(UBRK_LINE, lang, NULL, 0, err);
		if (made && U_SUCCESS(*err)) {
			strcpy(t->t[i].lang, lang);
			t->t[i].bi = made;
			t->n++;
		} else {
			ubrk_close(made);
		}
	}
	if (i < t->n)
		bi = ubrk_clone(t->t[i].bi, err);
	pthread_mutex_unlock(&t->lock);
	if (!bi && U_SUCCESS(*err))
		bi = ubrk_open(UBRK_LINE, lang, NULL, 0, err);
	return bi;
}

struct lp_linebreaker {
	lp_linebreak_templates *templates;
	UBreakIterator *bi;
	char lang[32];
};

lp_linebreaker *
lp_linebreaker_new(lp_linebreak_templates *templates)
{
	lp_linebreaker *lb = calloc(1, sizeof(lp_linebreaker));
	if (lb)
		lb->templates = templates;
	return lb;
}

void
lp_linebreaker_drop(lp_linebreaker *lb)
{
	if (!lb)
		return;
	ubrk_close(lb->bi);
	free(lb);
}

/* An iterator for lang: the breaker's own when it has one for lang (even
 * a clone costs more than breaking a short paragraph), else a new one
 * that the breaker keeps, or that the caller closes when there is no
 * breaker. */
static UBreakIterator *
iterator(lp_linebreaker *lb, const char *lang, UErrorCode *err)
{
	if (!lang)
		lang = "";
	if (lb && lb->bi && strcmp(lb->lang, lang) == 0)
		return lb->bi;
	UBreakIterator *bi = open_line(lb ? lb->templates : NULL, lang, err);
	if (lb && bi && U_SUCCESS(*err) && strlen(lang) < sizeof lb->lang) {
		ubrk_close(lb->bi);
		lb->bi = bi;
		strcpy(lb->lang, lang);
	}
	return bi;
}

lp_status
lp_linebreak_find(const char *text, uint32_t len, const char *lang, lp_arena *arena, uint8_t **out,
        lp_diag *diag)
{
	return lp_linebreak_find_with(NULL, text, len, lang, arena, out, diag);
}

/* ICU's opportunities into flags, with the hyphen kinds it cannot tell. */
static lp_status
icu_breaks(lp_linebreaker *lb, const char *text, uint32_t len, const char *lang, uint8_t *flags,
        lp_diag *diag)
{
	lp_status st = LP_OK;
	UErrorCode err = U_ZERO_ERROR;
	UText ut = UTEXT_INITIALIZER;
	utext_openUTF8(&ut, text, len, &err);
	UBreakIterator *bi = iterator(lb, lang, &err);
	ubrk_setUText(bi, &ut, &err);
	if (U_FAILURE(err)) {
		st = lp_diag_report(diag, LP_ERROR,
		        err == U_MEMORY_ALLOCATION_ERROR ? LP_ERR_NOMEM : LP_ERR_INTERNAL, NULL, 0,
		        0, "ICU line break iterator failed: %s", u_errorName(err));
		goto fail;
	}
	for (int32_t pos = ubrk_first(bi); pos != UBRK_DONE; pos = ubrk_next(bi)) {
		if (pos <= 0 || (uint32_t)pos >= len)
			continue;
		int32_t status = ubrk_getRuleStatus(bi);
		uint8_t f = LP_BRK_ALLOWED;
		if (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT)
			f |= LP_BRK_MANDATORY;
		const unsigned char *u = (const unsigned char *)text;
		if (u[pos - 1] == '-' || (pos >= 3 && u[pos - 3] == 0xE2 && u[pos - 2] == 0x80 &&
		                                 u[pos - 1] == 0x90))
			f |= LP_BRK_AFTER_HYPHEN;
		if (pos >= 2 && u[pos - 2] == 0xC2 && u[pos - 1] == 0xAD)
			f |= LP_BRK_SOFT_HYPHEN;
		flags[pos] = f;
	}
fail:
	if (!lb || bi != lb->bi)
		ubrk_close(bi);
	utext_close(&ut);
	return st;
}

lp_status
lp_linebreak_find_with(lp_linebreaker *lb, const char *text, uint32_t len, const char *lang,
        lp_arena *arena, uint8_t **out, lp_diag *diag)
{
	uint8_t *flags = lp_arena_alloc(arena, (size_t)len + 1);
	if (!flags)
		return LP_ERR_NOMEM;
	*out = flags;
	if (len == 0)
		return LP_OK;
	/* UAX #14 from the plain path when the text allows it, else ICU's;
	 * then the tailoring, the same for both. */
	if (!(lp_linebreak_plain_lang(lang) && lp_linebreak_plain(text, len, flags))) {
		lp_status st = icu_breaks(lb, text, len, lang, flags, diag);
		if (st != LP_OK)
			return st;
	}
	find_token_dashes(text, len, flags);
	find_urls(text, len, flags);
	return LP_OK;
}
