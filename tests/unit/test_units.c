#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "layout/units.h"

Test(units, lengths_convert_to_points)
{
	float pt = 0;
	cr_assert(lp_units_length("12", &pt));
	cr_assert(eq(flt, pt, 12.0f));
	cr_assert(lp_units_length("11pt", &pt));
	cr_assert(eq(flt, pt, 11.0f));
	cr_assert(lp_units_length("25.4mm", &pt));
	cr_assert(ieee_ulp_eq(flt, pt, 72.0f, 4));
	cr_assert(lp_units_length("1.5cm", &pt));
	cr_assert(epsilon_eq(flt, pt, 42.5197f, 0.001f));
	cr_assert(lp_units_length("0.5in", &pt));
	cr_assert(eq(flt, pt, 36.0f));
	cr_assert(lp_units_length("-3mm", &pt));
	cr_assert(lt(flt, pt, 0.0f));
	cr_assert(lp_units_length(".5pt", &pt));
	cr_assert(eq(flt, pt, 0.5f));
}

Test(units, malformed_lengths_are_refused)
{
	const char *bad[] = {"", "mm", "12px", "12 mm", "1e3", "1.2.3", "nan", "inf", "12mmm",
	        "--1", "1,5mm", "99999999pt", "0x10"};
	float pt = 7;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert(not(lp_units_length(bad[i], &pt)), "accepted '%s'", bad[i]);
	cr_assert(eq(flt, pt, 7.0f));
	cr_assert(not(lp_units_length(NULL, &pt)));
}

Test(units, em_amounts)
{
	float em = 0;
	cr_assert(lp_units_em("0.3em", &em));
	cr_assert(eq(flt, em, 0.3f));
	cr_assert(lp_units_em("1", &em));
	cr_assert(eq(flt, em, 1.0f));
	cr_assert(not(lp_units_em("2pt", &em)));
	cr_assert(not(lp_units_em("500em", &em)));
}

Test(units, colours)
{
	uint32_t rgb = 0;
	cr_assert(lp_units_color("#1a1a1a", &rgb));
	cr_assert(eq(u32, rgb, 0x1a1a1a));
	cr_assert(lp_units_color("#F0a", &rgb));
	cr_assert(eq(u32, rgb, 0xff00aa));
	cr_assert(lp_units_color("Black", &rgb));
	cr_assert(eq(u32, rgb, 0));
	cr_assert(lp_units_color("navy", &rgb));
	cr_assert(eq(u32, rgb, 0x000080));
	cr_assert(not(lp_units_color("#12345", &rgb)));
	cr_assert(not(lp_units_color("#12345g", &rgb)));
	cr_assert(not(lp_units_color("blackish", &rgb)));
	cr_assert(not(lp_units_color("", &rgb)));
}

Test(units, page_sizes)
{
	float w = 0, h = 0;
	cr_assert(lp_units_page_size("A4", &w, &h));
	cr_assert(epsilon_eq(flt, w, 595.276f, 0.01f));
	cr_assert(epsilon_eq(flt, h, 841.89f, 0.01f));
	cr_assert(lp_units_page_size("letter", &w, &h));
	cr_assert(eq(flt, w, 612.0f));
	cr_assert(eq(flt, h, 792.0f));
	cr_assert(lp_units_page_size("a5", &w, &h));
	cr_assert(epsilon_eq(flt, w, 419.53f, 0.01f));
	cr_assert(not(lp_units_page_size("A6", &w, &h)));
}

Test(units, numbers)
{
	double v = 0;
	cr_assert(lp_units_number("-10000", &v));
	cr_assert(eq(dbl, v, -10000.0));
	cr_assert(lp_units_number("0.25", &v));
	cr_assert(eq(dbl, v, 0.25));
	cr_assert(not(lp_units_number("12pt", &v)));
	cr_assert(not(lp_units_number("1234567890123456", &v)));
}
