/* Dates: ISO 8601 parsing and the written-out forms of each language. */
#include "release/datefmt.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

bool
lp_date_valid(const lp_date *d)
{
	if (!d || d->year < 1 || d->year > 9999 || d->month < 1 || d->month > 12)
		return false;
	return d->day >= 1 && d->day <= days_in_month(d->year, d->month);
}

static int
digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
lp_date_parse(const char *s, size_t len, lp_date *out)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	lp_date d = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2)};
	if (!lp_date_valid(&d))
		return false;
	*out = d;
	return true;
}

/* ---- Languages ---------------------------------------------------------- */

/* One row a language: the month names as they stand after a day number,
 * and the pattern ({d} day, {m} month, {y} year). Russian and Ukrainian put
 * the month in the genitive ("20 февраля"); Serbian, Bulgarian and
 * Macedonian use the nominative, as their CLDR data and official usage do.
 * Serbian writes ordinal dots and "године" (godine), Macedonian "година",
 * Russian and Bulgarian "г.", Ukrainian "р."; English is day first, as in
 * Europe, except in American English. The first row whose tag the
 * language starts with wins, so regional and script rows come first. */
typedef struct date_lang {
	const char *tag;
	const char *months[12];
	const char *pattern;
} date_lang;

static const date_lang date_langs[] = {
        {"sr-Latn",
                {"januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar",
                        "oktobar", "novembar", "decembar"},
                "{d}. {m} {y}. godine"},
        {"sr",
                {"јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август", "септембар",
                        "октобар", "новембар", "децембар"},
                "{d}. {m} {y}. године"},
        {"ru",
                {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                        "сентября", "октября", "ноября", "декабря"},
                "{d} {m} {y} г."},
        {"uk",
                {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
                        "вересня", "жовтня", "листопада", "грудня"},
                "{d} {m} {y} р."},
        {"bg",
                {"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември",
                        "октомври", "ноември", "декември"},
                "{d} {m} {y} г."},
        {"mk",
                {"јануари", "февруари", "март", "април", "мај", "јуни", "јули", "август",
                        "септември", "октомври", "ноември", "декември"},
                "{d} {m} {y} година"},
        {"en-US",
                {"January", "February", "March", "April", "May", "June", "July", "August",
                        "September", "October", "November", "December"},
                "{m} {d}, {y}"},
        {"en",
                {"January", "February", "March", "April", "May", "June", "July", "August",
                        "September", "October", "November", "December"},
                "{d} {m} {y}"},
};

bool
lp_lang_is(const char *lang, const char *sub)
{
	size_t n = strlen(sub);
	return strncasecmp(lang, sub, n) == 0 &&
	       (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

bool
lp_lang_is_sr_latn(const char *lang)
{
	return lp_lang_is(lang, "sr") && strncasecmp(lang + 2, "-Latn", 5) == 0 &&
	       (lang[7] == '\0' || lang[7] == '-' || lang[7] == '_');
}

static const date_lang *
date_lang_for(const char *lang)
{
	for (size_t i = 0; i < sizeof date_langs / sizeof date_langs[0]; i++) {
		if (lp_lang_is(lang, date_langs[i].tag))
			return &date_langs[i];
	}
	return NULL;
}

const char *
lp_date_format(const lp_date *date, const char *lang, lp_arena *arena)
{
	if (!date || !arena)
		return NULL;
	if (!lp_date_valid(date))
		return lp_arena_strdup(arena, "");
	const date_lang *dl = date_lang_for(lang ? lang : "sr-Cyrl");
	if (!dl)
		return lp_arena_printf(arena, "%04d-%02d-%02d", date->year, date->month, date->day);
	char num[2][16];
	snprintf(num[0], sizeof num[0], "%d", date->day);
	snprintf(num[1], sizeof num[1], "%d", date->year);
	const char *month = dl->months[date->month - 1];
	/* The pattern, a month name and two numbers of at most 15 digits. */
	size_t cap = strlen(dl->pattern) + strlen(month) + 32, n = 0;
	char *out = lp_arena_alloc(arena, cap);
	if (!out)
		return NULL;
	for (const char *p = dl->pattern; *p;) {
		const char *piece = NULL;
		if (!strncmp(p, "{d}", 3))
			piece = num[0];
		else if (!strncmp(p, "{m}", 3))
			piece = month;
		else if (!strncmp(p, "{y}", 3))
			piece = num[1];
		if (!piece) {
			out[n++] = *p++;
			continue;
		}
		size_t len = strlen(piece);
		memcpy(out + n, piece, len);
		n += len;
		p += 3;
	}
	out[n] = '\0';
	return out;
}
