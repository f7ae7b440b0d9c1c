/*
 * UTF-8 helpers. Invalid input is reported with its offset by the caller;
 * nothing here "fixes" text silently.
 */
#ifndef LP_BASE_UTF8_H
#define LP_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LP_UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point at s[*pos] (len bytes in all). On success stores
 * it in *cp, advances *pos and returns true. On an invalid, overlong,
 * surrogate or truncated sequence stores U+FFFD, advances *pos by the length
 * of the maximal invalid subpart (at least 1, as Unicode §3.9 recommends)
 * and returns false. */
bool lp_utf8_decode_any(const uint8_t *s, size_t len, size_t *pos, uint32_t *cp);

/* The same, with the one- and two-byte forms (ASCII, Latin, Cyrillic: most
 * of every release) decoded in line; every text loop calls it. */
static inline bool
lp_utf8_decode(const uint8_t *s, size_t len, size_t *pos, uint32_t *cp)
{
	size_t i = *pos;
	uint8_t b0 = s[i];
	if (b0 < 0x80) {
		*cp = b0;
		*pos = i + 1;
		return true;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(b0 & 0x1F) << 6 | (uint32_t)(s[i + 1] & 0x3F);
		*pos = i + 2;
		return true;
	}
	return lp_utf8_decode_any(s, len, pos, cp);
}

/* Writes cp as 1–4 bytes into out; returns the count (0 for a value that is
 * not a Unicode scalar value). */
size_t lp_utf8_encode(uint32_t cp, uint8_t out[4]);

/* True when all of s is valid UTF-8; otherwise *bad_offset (if non-NULL)
 * gets the offset of the first invalid byte. */
bool lp_utf8_validate(const uint8_t *s, size_t len, size_t *bad_offset);

/* Number of code points (invalid sequences count as one each). */
size_t lp_utf8_count(const uint8_t *s, size_t len);

/* The value of an ASCII hexadecimal digit (either case), or -1. */
static inline int
lp_hex_digit(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

#endif
