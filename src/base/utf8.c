/* UTF-8 decoding per Unicode §3.9 (Table 3-7, well-formed byte sequences). */
#include "base/utf8.h"

bool
lp_utf8_decode_any(const uint8_t *s, size_t len, size_t *pos, uint32_t *cp)
{
	size_t i = *pos;
	uint8_t b0 = s[i];
	if (b0 < 0x80) {
		*cp = b0;
		*pos = i + 1;
		return true;
	}
	int n;
	uint32_t c;
	uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		n = 1;
		c = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		n = 2;
		c = b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0; /* overlong */
		if (b0 == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		n = 3;
		c = b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90;
		if (b0 == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		*cp = LP_UTF8_REPLACEMENT;
		*pos = i + 1;
		return false;
	}
	size_t k = 1;
	for (; k <= (size_t)n; k++) {
		if (i + k >= len)
			break;
		uint8_t b = s[i + k];
		uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
		if (b < l || b > h)
			break;
		c = (c << 6) | (b & 0x3F);
	}
	if (k <= (size_t)n) {
		*cp = LP_UTF8_REPLACEMENT;
		*pos = i + k;
		return false;
	}
	*cp = c;
	*pos = i + (size_t)n + 1;
	return true;
}

size_t
lp_utf8_encode(uint32_t cp, uint8_t out[4])
{
	if (cp < 0x80) {
		out[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (uint8_t)(0xC0 | (cp >> 6));
		out[1] = (uint8_t)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (uint8_t)(0xE0 | (cp >> 12));
		out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (uint8_t)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (uint8_t)(0xF0 | (cp >> 18));
		out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (uint8_t)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

bool
lp_utf8_validate(const uint8_t *s, size_t len, size_t *bad_offset)
{
	size_t pos = 0;
	while (pos < len) {
		size_t at = pos;
		uint32_t cp;
		if (s[pos] < 0x80) {
			pos++;
			continue;
		}
		if (!lp_utf8_decode(s, len, &pos, &cp)) {
			if (bad_offset)
				*bad_offset = at;
			return false;
		}
	}
	return true;
}

size_t
lp_utf8_count(const uint8_t *s, size_t len)
{
	size_t pos = 0, n = 0;
	while (pos < len) {
		uint32_t cp;
		if (s[pos] < 0x80)
			pos++;
		else
			lp_utf8_decode(s, len, &pos, &cp);
		n++;
	}
	return n;
}
