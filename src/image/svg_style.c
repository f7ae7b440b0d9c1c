/* SVG paints, lengths and presentation properties; see svg_style.h. */
#include "image/svg_style.h"

#include <math.h>
#include <string.h>

static const struct {
	const char *name;
	lp_rgb rgb;
} colour_names[] = {
        {"black", 0x000000},
        {"white", 0xffffff},
        {"red", 0xff0000},
        {"green", 0x008000},
        {"blue", 0x0000ff},
        {"yellow", 0xffff00},
        {"gray", 0x808080},
        {"grey", 0x808080},
        {"silver", 0xc0c0c0},
        {"maroon", 0x800000},
        {"purple", 0x800080},
        {"fuchsia", 0xff00ff},
        {"lime", 0x00ff00},
        {"olive", 0x808000},
        {"navy", 0x000080},
        {"teal", 0x008080},
        {"aqua", 0x00ffff},
        {"orange", 0xffa500},
        {"gold", 0xffd700},
        {"brown", 0xa52a2a},
        {"crimson", 0xdc143c},
        {"darkred", 0x8b0000},
        {"darkblue", 0x00008b},
        {"darkgreen", 0x006400},
        {"royalblue", 0x4169e1},
        {"steelblue", 0x4682b4},
        {"goldenrod", 0xdaa520},
        {"darkgoldenrod", 0xb8860b},
        {"lightgray", 0xd3d3d3},
        {"darkgray", 0xa9a9a9},
        {"firebrick", 0xb22222},
        {"indigo", 0x4b0082},
};

/* Parses a paint; *on is false for "none". */
bool
lp_svg_parse_colour(const char *v, bool *on, lp_rgb *rgb)
{
	while (*v == ' ')
		v++;
	*on = true;
	size_t n = strlen(v);
	while (n && v[n - 1] == ' ')
		n--;
	if (n == 4 && strncmp(v, "none", 4) == 0) {
		*on = false;
		return true;
	}
	if (v[0] == '#' && (n == 4 || n == 7)) {
		unsigned x = 0;
		for (size_t i = 1; i < n; i++) {
			char c = v[i];
			int d = c >= '0' && c <= '9'   ? c - '0'
			        : c >= 'a' && c <= 'f' ? c - 'a' + 10
			        : c >= 'A' && c <= 'F' ? c - 'A' + 10
			                               : -1;
			if (d < 0)
				return false;
			x = x * 16 + (unsigned)d;
			if (n == 4)
				x = x * 16 + (unsigned)d;
		}
		*rgb = x;
		return true;
	}
	if (strncmp(v, "rgb(", 4) == 0) {
		const char *s = v + 4;
		double c[3];
		for (int i = 0; i < 3; i++) {
			if (!lp_svg_number(&s, &c[i]))
				return false;
			if (*s == '%')
				c[i] = c[i] * 255 / 100, s++;
		}
		while (*s == ' ')
			s++;
		if (*s != ')')
			return false;
		*rgb = 0;
		for (int i = 0; i < 3; i++)
			*rgb = *rgb << 8 | (lp_rgb)fmin(255, fmax(0, round(c[i])));
		return true;
	}
	if (n == 12 && strncmp(v, "currentColor", 12) == 0) {
		*rgb = 0;
		return true;
	}
	for (size_t i = 0; i < sizeof colour_names / sizeof colour_names[0]; i++) {
		if (strlen(colour_names[i].name) == n && strncmp(v, colour_names[i].name, n) == 0) {
			*rgb = colour_names[i].rgb;
			return true;
		}
	}
	return false;
}

bool
lp_svg_parse_length(const char *v, double *out)
{
	const char *s = v;
	if (!lp_svg_number(&s, out))
		return false;
	/* Lengths: user units; px is the user unit, pt/mm/cm/in at 96 dpi. */
	static const struct {
		const char *u;
		double f;
	} units[] = {
	        {"px", 1}, {"pt", 96.0 / 72}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strncmp(s, units[i].u, 2) == 0) {
			*out *= units[i].f;
			s += 2;
			break;
		}
	}
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/* Applies one presentation property; false when the value is malformed.
 * Unknown properties are ignored, as SVG asks. */
bool
lp_svg_apply_property(lp_svg_style *st, const char *key, const char *val)
{
	double v;
	if (strcmp(key, "fill") == 0)
		return lp_svg_parse_colour(val, &st->fill, &st->fill_color);
	if (strcmp(key, "stroke") == 0)
		return lp_svg_parse_colour(val, &st->stroke, &st->stroke_color);
	if (strcmp(key, "fill-rule") == 0) {
		st->even_odd = strstr(val, "evenodd") != NULL;
		return st->even_odd || strstr(val, "nonzero");
	}
	bool num = strcmp(key, "stroke-width") == 0 || strcmp(key, "opacity") == 0 ||
	           strcmp(key, "fill-opacity") == 0 || strcmp(key, "stroke-opacity") == 0;
	if (!num)
		return true;
	if (!lp_svg_parse_length(val, &v) || v < 0)
		return false;
	if (strcmp(key, "stroke-width") == 0)
		st->stroke_width = v;
	else if (strcmp(key, "opacity") == 0)
		st->opacity *= fmin(v, 1);
	else if (strcmp(key, "fill-opacity") == 0)
		st->fill_opacity = fmin(v, 1);
	else
		st->stroke_opacity = fmin(v, 1);
	return true;
}

/* style="a: b; c: d" — the same properties, with priority over attributes. */
bool
lp_svg_apply_style(lp_svg_style *st, const char *style)
{
	char key[32], val[128];
	const char *s = style;
	while (*s) {
		while (*s == ' ' || *s == ';' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		const char *colon = strchr(s, ':');
		if (!colon || (size_t)(colon - s) >= sizeof key)
			return false;
		size_t kl = (size_t)(colon - s);
		while (kl && s[kl - 1] == ' ')
			kl--;
		memcpy(key, s, kl);
		key[kl] = '\0';
		const char *v = colon + 1, *end = strchr(v, ';');
		size_t vl = end ? (size_t)(end - v) : strlen(v);
		if (vl >= sizeof val)
			return false;
		memcpy(val, v, vl);
		val[vl] = '\0';
		if (!lp_svg_apply_property(st, key, val))
			return false;
		s = end ? end + 1 : v + vl;
	}
	return true;
}
