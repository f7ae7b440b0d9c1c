#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <string.h>

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
	        {"mk", "20 февруари 2024"},
	        {"en", "February 20, 2024"},
	        {"en-GB", "February 20, 2024"},
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
	cr_assert(eq(str, (char *)lp_date_format(&d, "mk", a), "30 ноември 2023"));
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
