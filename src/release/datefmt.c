/* Dates: ISO 8601 parsing and the written-out forms of each language. */
#include "release/datefmt.h"

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

/* Russian and Ukrainian put the month in the genitive after a day number
 * ("20 февраля"), so those tables hold genitive forms; Serbian, Bulgarian
 * and Macedonian use the nominative. */
static const char *const months_sr_cyrl[12] = {"јануар", "фебруар", "март", "април", "мај", "јун",
        "јул", "август", "септембар", "октобар", "новембар", "децембар"};
static const char *const months_sr_latn[12] = {"januar", "februar", "mart", "april", "maj", "jun",
        "jul", "avgust", "septembar", "oktobar", "novembar", "decembar"};
static const char *const months_ru[12] = {"января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря"};
static const char *const months_uk[12] = {"січня", "лютого", "березня", "квітня", "травня",
        "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"};
static const char *const months_bg[12] = {"януари", "февруари", "март", "април", "май", "юни",
        "юли", "август", "септември", "октомври", "ноември", "декември"};
static const char *const months_mk[12] = {"јануари", "февруари", "март", "април", "мај", "јуни",
        "јули", "август", "септември", "октомври", "ноември", "декември"};
static const char *const months_en[12] = {"January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"};

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

const char *
lp_date_format(const lp_date *date, const char *lang, lp_arena *arena)
{
	if (!date || !arena)
		return NULL;
	if (!lp_date_valid(date))
		return lp_arena_strdup(arena, "");
	int d = date->day, y = date->year, m = date->month - 1;
	if (!lang)
		lang = "sr-Cyrl";
	if (lp_lang_is_sr_latn(lang))
		return lp_arena_printf(arena, "%d. %s %d. godine", d, months_sr_latn[m], y);
	if (lp_lang_is(lang, "sr"))
		return lp_arena_printf(arena, "%d. %s %d. године", d, months_sr_cyrl[m], y);
	if (lp_lang_is(lang, "ru"))
		return lp_arena_printf(arena, "%d %s %d г.", d, months_ru[m], y);
	if (lp_lang_is(lang, "uk"))
		return lp_arena_printf(arena, "%d %s %d р.", d, months_uk[m], y);
	if (lp_lang_is(lang, "bg"))
		return lp_arena_printf(arena, "%d %s %d г.", d, months_bg[m], y);
	if (lp_lang_is(lang, "mk"))
		return lp_arena_printf(arena, "%d %s %d", d, months_mk[m], y);
	if (lp_lang_is(lang, "en"))
		return lp_arena_printf(arena, "%s %d, %d", months_en[m], d, y);
	return lp_arena_printf(arena, "%04d-%02d-%02d", y, date->month, d);
}
