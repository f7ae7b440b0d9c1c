#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "release/datefmt.h"

struct date_case {
	char lang[16];
	char expected[64];
};

ParameterizedTestParameters(datefmt, per_language)
{
	static struct date_case cases[] = {
	        {"sr", "20. фебруар 2024. године"},
	        {"sr-Cyrl", "20. фебруар 2024. године"},
	        {"sr-Cyrl-RS", "20. фебруар 2024. године"},
	        {"sr-Latn", "20. februar 2024. godine"},
	        {"sr-latn-RS", "20. februar 2024. godine"},
	        {"ru", "20 февраля 2024 г."},
	        {"uk", "20 лютого 2024 р."},
	        {"bg", "20 февруари 2024 г."},
	        {"mk", "20 февруари 2024 година"},
	        {"mk-MK", "20 февруари 2024 година"},
	        {"en", "20 February 2024"},
	        {"en-GB", "20 February 2024"},
	        {"en-US", "February 20, 2024"},
	        {"en-us", "February 20, 2024"},
	        {"de", "2024-02-20"},
	        {"srb", "2024-02-20"},
	};
	return cr_make_param_array(struct date_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct date_case *c, datefmt, per_language)
{
	lp_arena *a = lp_arena_new(0);
	lp_date d = {2024, 2, 20};
	cr_assert(eq(str, (char *)lp_date_format(&d, c->lang, a), c->expected));
	lp_arena_drop(a);
}

Test(datefmt, genitive_months_and_single_digit_days)
{
	lp_arena *a = lp_arena_new(0);
	lp_date d = {2023, 5, 1};
	cr_assert(eq(str, (char *)lp_date_format(&d, "ru", a), "1 мая 2023 г."));
	cr_assert(eq(str, (char *)lp_date_format(&d, "uk", a), "1 травня 2023 р."));
	cr_assert(eq(str, (char *)lp_date_format(&d, "sr", a), "1. мај 2023. године"));
	d = (lp_date){2023, 11, 30};
	cr_assert(eq(str, (char *)lp_date_format(&d, "uk", a), "30 листопада 2023 р."));
	cr_assert(eq(str, (char *)lp_date_format(&d, "mk", a), "30 ноември 2023 година"));
	cr_assert(eq(str, (char *)lp_date_format(&d, NULL, a), "30. новембар 2023. године"));
	lp_arena_drop(a);
}

Test(datefmt, parse_checks_the_calendar)
{
	lp_date d = {0, 0, 0};
	cr_assert(lp_date_parse("2024-02-29", 10, &d));
	cr_assert(eq(int, d.year, 2024));
	cr_assert(eq(int, d.month, 2));
	cr_assert(eq(int, d.day, 29));
	cr_assert(not(lp_date_parse("2023-02-29", 10, &d)));
	cr_assert(not(lp_date_parse("2024-02-30", 10, &d)));
	cr_assert(not(lp_date_parse("2024-04-31", 10, &d)));
	cr_assert(not(lp_date_parse("2024-13-01", 10, &d)));
	cr_assert(not(lp_date_parse("2024-00-10", 10, &d)));
	cr_assert(not(lp_date_parse("0000-01-01", 10, &d)));
	cr_assert(not(lp_date_parse("2024-2-20", 9, &d)));
	cr_assert(not(lp_date_parse("2024-02-20T10:00", 16, &d)));
	cr_assert(not(lp_date_parse("2024/02/20", 10, &d)));
	cr_assert(not(lp_date_parse("+024-02-20", 10, &d)));
	cr_assert(lp_date_parse("1900-02-28", 10, &d));
	cr_assert(not(lp_date_parse("1900-02-29", 10, &d)));
	cr_assert(lp_date_parse("2000-02-29", 10, &d));
	/* a failed parse leaves the date alone */
	cr_assert(eq(int, d.year, 2000));
}

Test(datefmt, invalid_date_formats_as_empty)
{
	lp_arena *a = lp_arena_new(0);
	lp_date d = {2024, 2, 30};
	cr_assert(eq(str, (char *)lp_date_format(&d, "sr", a), ""));
	cr_assert(eq(ptr, (void *)lp_date_format(NULL, "sr", a), NULL));
	lp_arena_drop(a);
}

/* Every month in every language, written out in full: the 1st of each
 * month of 2025 (genitive months in Russian and Ukrainian). */
struct month_case {
	char lang[8];
	char expected[12][48];
};

ParameterizedTestParameters(datefmt, every_month)
{
	static struct month_case cases[] = {
	        {"sr-Cyrl", {"1. јануар 2025. године", "1. фебруар 2025. године",
	                            "1. март 2025. године", "1. април 2025. године",
	                            "1. мај 2025. године", "1. јун 2025. године",
	                            "1. јул 2025. године", "1. август 2025. године",
	                            "1. септембар 2025. године", "1. октобар 2025. године",
	                            "1. новембар 2025. године", "1. децембар 2025. године"}},
	        {"sr-Latn", {"1. januar 2025. godine", "1. februar 2025. godine",
	                            "1. mart 2025. godine", "1. april 2025. godine",
	                            "1. maj 2025. godine", "1. jun 2025. godine",
	                            "1. jul 2025. godine", "1. avgust 2025. godine",
	                            "1. septembar 2025. godine", "1. oktobar 2025. godine",
	                            "1. novembar 2025. godine", "1. decembar 2025. godine"}},
	        {"ru", {"1 января 2025 г.", "1 февраля 2025 г.", "1 марта 2025 г.",
	                       "1 апреля 2025 г.", "1 мая 2025 г.", "1 июня 2025 г.",
	                       "1 июля 2025 г.", "1 августа 2025 г.", "1 сентября 2025 г.",
	                       "1 октября 2025 г.", "1 ноября 2025 г.", "1 декабря 2025 г."}},
	        {"uk", {"1 січня 2025 р.", "1 лютого 2025 р.", "1 березня 2025 р.",
	                       "1 квітня 2025 р.", "1 травня 2025 р.", "1 червня 2025 р.",
	                       "1 липня 2025 р.", "1 серпня 2025 р.", "1 вересня 2025 р.",
	                       "1 жовтня 2025 р.", "1 листопада 2025 р.", "1 грудня 2025 р."}},
	        {"bg", {"1 януари 2025 г.", "1 февруари 2025 г.", "1 март 2025 г.",
	                       "1 април 2025 г.", "1 май 2025 г.", "1 юни 2025 г.", "1 юли 2025 г.",
	                       "1 август 2025 г.", "1 септември 2025 г.", "1 октомври 2025 г.",
	                       "1 ноември 2025 г.", "1 декември 2025 г."}},
	        {"mk", {"1 јануари 2025 година", "1 февруари 2025 година", "1 март 2025 година",
	                       "1 април 2025 година", "1 мај 2025 година", "1 јуни 2025 година",
	                       "1 јули 2025 година", "1 август 2025 година",
	                       "1 септември 2025 година", "1 октомври 2025 година",
	                       "1 ноември 2025 година", "1 декември 2025 година"}},
	        {"en", {"1 January 2025", "1 February 2025", "1 March 2025", "1 April 2025",
	                       "1 May 2025", "1 June 2025", "1 July 2025", "1 August 2025",
	                       "1 September 2025", "1 October 2025", "1 November 2025",
	                       "1 December 2025"}},
	};
	return cr_make_param_array(struct month_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct month_case *c, datefmt, every_month)
{
	lp_arena *a = lp_arena_new(0);
	for (int m = 1; m <= 12; m++) {
		lp_date d = {2025, m, 1};
		cr_assert(eq(str, (char *)lp_date_format(&d, c->lang, a), c->expected[m - 1]),
		        "%s, month %d", c->lang, m);
	}
	lp_arena_drop(a);
}

/* The month names agree with CLDR's (through ICU) in the form it uses
 * after a day number ("format" context, wide): genitive where the
 * language declines the month there. */
Test(datefmt, month_names_agree_with_cldr)
{
	static const char *const langs[][2] = {{"sr-Cyrl", "sr"}, {"sr-Latn", "sr_Latn"},
	        {"ru", "ru"}, {"uk", "uk"}, {"bg", "bg"}, {"mk", "mk"}, {"en", "en"}};
	lp_arena *a = lp_arena_new(0);
	for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
		UErrorCode err = U_ZERO_ERROR;
		UDateFormat *f =
		        udat_open(UDAT_NONE, UDAT_LONG, langs[l][1], NULL, 0, NULL, 0, &err);
		cr_assert(le(int, (int)err, (int)U_ZERO_ERROR));
		for (int m = 1; m <= 12; m++) {
			UChar u[64];
			char month[128];
			int32_t n = udat_getSymbols(f, UDAT_MONTHS, m - 1, u, 64, &err);
			u_strToUTF8(month, sizeof month, NULL, u, n, &err);
			cr_assert(le(int, (int)err, (int)U_ZERO_ERROR));
			lp_date d = {2024, m, 20};
			const char *s = lp_date_format(&d, langs[l][0], a);
			cr_assert(ne(ptr, strstr(s, month), NULL), "%s: '%s' lacks CLDR's '%s'",
			        langs[l][0], s, month);
		}
		udat_close(f);
	}
	lp_arena_drop(a);
}
