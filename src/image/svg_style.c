/* SVG paints, lengths and presentation properties; see svg_style.h. */
#include "image/svg_style.h"

#include "base/utf8.h"

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
			int d = lp_hex_digit(c);
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

/* A paint with url(#id) allowed: the paint server's node, or the
 * fallback colour after it ("url(#g) red"), else none. */
static bool
parse_paint(lp_svg_style *st, const char *v, bool *on, lp_rgb *rgb, uint32_t *server)
{
	while (*v == ' ')
		v++;
	*server = LP_SVG_NONE;
	if (strncmp(v, "url(", 4) != 0) {
		const char *e = v + strlen(v);
		while (e > v && e[-1] == ' ')
			e--;
		if ((size_t)(e - v) == 12 && strncmp(v, "currentColor", 12) == 0) {
			*on = true;
			*rgb = st->color;
			return true;
		}
		return lp_svg_parse_colour(v, on, rgb);
	}
	const char *id = v + 4, *close = strchr(id, ')');
	if (!close)
		return false;
	while (*id == ' ' || *id == '\'' || *id == '"')
		id++;
	const char *end = close;
	while (end > id && (end[-1] == ' ' || end[-1] == '\'' || end[-1] == '"'))
		end--;
	uint32_t k = LP_SVG_NONE;
	if (*id == '#' && st->tree)
		k = lp_svg_tree_find(st->tree, id + 1, (size_t)(end - id - 1));
	const char *fallback = close + 1;
	while (*fallback == ' ')
		fallback++;
	*on = false;
	if (*fallback && !lp_svg_parse_colour(fallback, on, rgb))
		return false;
	if (k == LP_SVG_NONE) {
		st->bad_url = "a url() paint that names no element of the file";
		return true;
	}
	*server = k;
	*on = true;
	if (!*fallback)
		*rgb = 0;
	return true;
}

/* Properties that change how a drawing looks and are not drawn, with the
 * value that changes nothing (which is not warned of). */
static const struct {
	const char *key, *neutral;
} skipped[] = {
        {"filter", "none"},
        {"mask", "none"},
        {"clip-path", "none"},
        {"marker", "none"},
        {"marker-start", "none"},
        {"marker-mid", "none"},
        {"marker-end", "none"},
        {"stroke-dasharray", "none"},
        {"stroke-linecap", "butt"},
        {"stroke-linejoin", "miter"},
        {"mix-blend-mode", "normal"},
        {"paint-order", "normal"},
};

/* v without spaces around it equals word. */
static bool
is_word(const char *v, const char *word)
{
	while (*v == ' ')
		v++;
	size_t n = strlen(word);
	if (strncmp(v, word, n) != 0)
		return false;
	for (v += n; *v == ' '; v++)
		;
	return *v == '\0';
}

/* Applies one presentation property; false when the value is malformed.
 * Unknown properties are ignored, as SVG asks. */
bool
lp_svg_apply_property(lp_svg_style *st, const char *key, const char *val)
{
	double v;
	if (strcmp(key, "fill") == 0)
		return parse_paint(st, val, &st->fill, &st->fill_color, &st->fill_server);
	if (strcmp(key, "stroke") == 0)
		return parse_paint(st, val, &st->stroke, &st->stroke_color, &st->stroke_server);
	if (strcmp(key, "color") == 0) {
		/* Only currentColor reads it: a colour letterpress does not know
		 * leaves the inherited one, with a warning rather than an error. */
		bool on;
		lp_rgb c;
		if (lp_svg_parse_colour(val, &on, &c) && on)
			st->color = c;
		else if (!is_word(val, "inherit"))
			st->skipped = "color";
		return true;
	}
	if (strcmp(key, "fill-rule") == 0) {
		st->even_odd = strstr(val, "evenodd") != NULL;
		return st->even_odd || strstr(val, "nonzero");
	}
	if (strcmp(key, "display") == 0) {
		st->display_none = is_word(val, "none");
		return true;
	}
	if (strcmp(key, "visibility") == 0) {
		st->hidden = is_word(val, "hidden") || is_word(val, "collapse");
		return true;
	}
	for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++) {
		if (strcmp(key, skipped[i].key) == 0) {
			if (!is_word(val, skipped[i].neutral) && !is_word(val, "inherit"))
				st->skipped = skipped[i].key;
			return true;
		}
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

/* A property lp_svg_apply_property() reads (or warns of). */
static bool
is_read(const char *key)
{
	static const char *const read[] = {"fill", "stroke", "color", "fill-rule", "display",
	        "visibility", "stroke-width", "opacity", "fill-opacity", "stroke-opacity"};
	for (size_t i = 0; i < sizeof read / sizeof read[0]; i++)
		if (strcmp(key, read[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
		if (strcmp(key, skipped[i].key) == 0)
			return true;
	return false;
}

/* "a: b; c: d" — a style attribute (with priority over attributes) or a
 * CSS rule's body. A value too long for the buffer is skipped when its
 * property is none letterpress reads (a long font-family list). */
bool
lp_svg_apply_style(lp_svg_style *st, const char *style)
{
	char key[32], val[256];
	const char *s = style;
	while (*s) {
		while (*s == ' ' || *s == ';' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		const char *colon = strchr(s, ':');
		if (!colon || (size_t)(colon - s) >= sizeof key)
			return false;
		size_t kl = (size_t)(colon - s);
		while (kl && (s[kl - 1] == ' ' || s[kl - 1] == '\t' || s[kl - 1] == '\n'))
			kl--;
		memcpy(key, s, kl);
		key[kl] = '\0';
		const char *v = colon + 1, *end = strchr(v, ';');
		size_t vl = end ? (size_t)(end - v) : strlen(v);
		s = end ? end + 1 : v + vl;
		while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t' || v[vl - 1] == '\n' ||
		                     v[vl - 1] == '\r'))
			vl--;
		while (vl && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
			v++, vl--;
		if (vl >= 10 && strncmp(v + vl - 10, "!important", 10) == 0) {
			vl -= 10; /* its weight is not kept: the rule applies in its order */
			while (vl && v[vl - 1] == ' ')
				vl--;
		}
		if (vl >= sizeof val) {
			if (!is_read(key))
				continue;
			return false;
		}
		memcpy(val, v, vl);
		val[vl] = '\0';
		if (!lp_svg_apply_property(st, key, val))
			return false;
	}
	return true;
}
