/* Lengths, colours and page sizes of layout files; see units.h. */
#include "layout/units.h"

#include "base/limits.h"
#include "base/utf8.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#define LP_PT_PER_IN 72.0
#define LP_MM_PER_IN 25.4

/* Our own digit loop: strtod() follows LC_NUMERIC, and a program that
 * calls setlocale() must not make "1.5cm" mean something else. */
static bool
parse_decimal(const char *s, size_t len, double *out)
{
	size_t i = 0;
	bool neg = false;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	double v = 0, scale = 1;
	size_t digits = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		v = v * 10 + (s[i++] - '0');
		digits++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			scale /= 10;
			v += (s[i++] - '0') * scale;
			digits++;
		}
	}
	/* Fifteen digits are all a double holds exactly; more is not a
	 * hand-written length. */
	if (i != len || digits == 0 || digits > 15)
		return false;
	*out = neg ? -v : v;
	return isfinite(*out);
}

bool
lp_units_number(const char *s, double *out)
{
	return s && parse_decimal(s, strlen(s), out);
}

bool
lp_units_length(const char *s, float *out_pt)
{
	static const struct {
		const char *unit;
		double pt;
	} units[] = {
	        {"pt", 1.0},
	        {"mm", LP_PT_PER_IN / LP_MM_PER_IN},
	        {"cm", 10 * LP_PT_PER_IN / LP_MM_PER_IN},
	        {"in", LP_PT_PER_IN},
	};
	if (!s)
		return false;
	size_t len = strlen(s);
	double factor = 1.0;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (len > 2 && strcmp(s + len - 2, units[i].unit) == 0) {
			factor = units[i].pt;
			len -= 2;
			break;
		}
	}
	double v;
	if (!parse_decimal(s, len, &v))
		return false;
	v *= factor;
	if (fabs(v) > LP_MAX_LAYOUT_LENGTH_PT)
		return false;
	*out_pt = (float)v;
	return true;
}

bool
lp_units_em(const char *s, float *out_em)
{
	if (!s)
		return false;
	size_t len = strlen(s);
	if (len > 2 && strcmp(s + len - 2, "em") == 0)
		len -= 2;
	double v;
	/* An em amount past a hundred ems is a typo, not typography. */
	if (!parse_decimal(s, len, &v) || fabs(v) > 100)
		return false;
	*out_em = (float)v;
	return true;
}

bool
lp_units_color(const char *s, uint32_t *out_rgb)
{
	/* The sixteen basic colours of CSS Color Level 3, plus grey. */
	static const struct {
		const char *name;
		uint32_t rgb;
	} names[] = {
	        {"black", 0x000000},
	        {"silver", 0xc0c0c0},
	        {"gray", 0x808080},
	        {"grey", 0x808080},
	        {"white", 0xffffff},
	        {"maroon", 0x800000},
	        {"red", 0xff0000},
	        {"purple", 0x800080},
	        {"fuchsia", 0xff00ff},
	        {"green", 0x008000},
	        {"lime", 0x00ff00},
	        {"olive", 0x808000},
	        {"yellow", 0xffff00},
	        {"navy", 0x000080},
	        {"blue", 0x0000ff},
	        {"teal", 0x008080},
	        {"aqua", 0x00ffff},
	};
	if (!s)
		return false;
	size_t len = strlen(s);
	if (s[0] == '#' && (len == 4 || len == 7)) {
		uint32_t v = 0;
		for (size_t i = 1; i < len; i++) {
			int d = lp_hex_digit(s[i]);
			if (d < 0)
				return false;
			v = v << 4 | (uint32_t)d;
			if (len == 4)
				v = v << 4 | (uint32_t)d;
		}
		*out_rgb = v;
		return true;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(s, names[i].name) == 0) {
			*out_rgb = names[i].rgb;
			return true;
		}
	}
	return false;
}

bool
lp_units_page_size(const char *s, float *w_pt, float *h_pt)
{
	/* ISO 216 sizes in millimetres; US sizes in inches (ANSI/ASME Y14.1). */
	static const struct {
		const char *name;
		double w, h, per_in;
	} sizes[] = {
	        {"A3", 297, 420, LP_MM_PER_IN},
	        {"A4", 210, 297, LP_MM_PER_IN},
	        {"A5", 148, 210, LP_MM_PER_IN},
	        {"B5", 176, 250, LP_MM_PER_IN},
	        {"Letter", 8.5, 11, 1},
	        {"Legal", 8.5, 14, 1},
	};
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		if (strcasecmp(s, sizes[i].name) == 0) {
			*w_pt = (float)(sizes[i].w * LP_PT_PER_IN / sizes[i].per_in);
			*h_pt = (float)(sizes[i].h * LP_PT_PER_IN / sizes[i].per_in);
			return true;
		}
	}
	return false;
}
