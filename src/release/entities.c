/* Character references in Markdown text; see entities.h. */
#include "release/entities.h"

#include "base/utf8.h"

#include <stdbool.h>
#include <string.h>

/* The named entities a press release plausibly uses (HTML 5 names). md4c
 * passes any &name; through; names not listed here stay as written. */
static const struct {
	const char *name;
	uint32_t cp;
} named_entities[] = {
        {"amp", '&'},
        {"lt", '<'},
        {"gt", '>'},
        {"quot", '"'},
        {"apos", '\''},
        {"nbsp", 0xA0},
        {"shy", 0xAD},
        {"copy", 0xA9},
        {"reg", 0xAE},
        {"deg", 0xB0},
        {"sect", 0xA7},
        {"para", 0xB6},
        {"middot", 0xB7},
        {"laquo", 0xAB},
        {"raquo", 0xBB},
        {"times", 0xD7},
        {"ndash", 0x2013},
        {"mdash", 0x2014},
        {"lsquo", 0x2018},
        {"rsquo", 0x2019},
        {"sbquo", 0x201A},
        {"ldquo", 0x201C},
        {"rdquo", 0x201D},
        {"bdquo", 0x201E},
        {"bull", 0x2022},
        {"hellip", 0x2026},
        {"prime", 0x2032},
        {"euro", 0x20AC},
        {"numero", 0x2116},
        {"trade", 0x2122},
        {"minus", 0x2212},
        {"thinsp", 0x2009},
        {"ensp", 0x2002},
        {"emsp", 0x2003},
        {"zwnj", 0x200C},
        {"zwj", 0x200D},
        {"nbhy", 0x2011},
};

/* See entities.h. */
size_t
lp_md_decode_entity(const char *e, size_t n, uint8_t out[4])
{
	if (n < 3 || e[0] != '&' || e[n - 1] != ';')
		return 0;
	uint32_t cp = 0;
	if (e[1] == '#') {
		bool hex = n > 3 && (e[2] == 'x' || e[2] == 'X');
		size_t i = hex ? 3 : 2;
		if (i >= n - 1)
			return 0;
		for (; i < n - 1; i++) {
			char c = e[i];
			int d = hex ? lp_hex_digit(c) : c >= '0' && c <= '9' ? c - '0' : -1;
			if (d < 0)
				return 0;
			if (cp <= 0x10FFFF)
				cp = cp * (hex ? 16 : 10) + (uint32_t)d;
		}
		size_t w = cp == 0 ? 0 : lp_utf8_encode(cp, out);
		return w ? w : lp_utf8_encode(LP_UTF8_REPLACEMENT, out);
	}
	for (size_t k = 0; k < sizeof named_entities / sizeof named_entities[0]; k++) {
		const char *name = named_entities[k].name;
		if (strlen(name) == n - 2 && memcmp(name, e + 1, n - 2) == 0)
			return lp_utf8_encode(named_entities[k].cp, out);
	}
	return 0;
}
