#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "base/utf8.h"

/* Parameters are copied into the test process, so no pointers in them. */
typedef struct bad_case {
	char bytes[8];
	size_t len;
	size_t bad_offset;
} bad_case;

ParameterizedTestParameters(utf8, rejects_ill_formed)
{
	static bad_case cases[] = {
	        {"ab\xC0\xAF", 4, 2}, /* overlong '/' */
	        {"\xED\xA0\x80", 3, 0}, /* surrogate */
	        {"x\xF4\x90\x80\x80", 5, 1}, /* above U+10FFFF */
	        {"\xD0", 1, 0}, /* truncated Cyrillic */
	        {"\xD0\x91\x80", 3, 2}, /* stray continuation */
	        {"\xFF", 1, 0},
	};
	return cr_make_param_array(bad_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(bad_case *c, utf8, rejects_ill_formed)
{
	size_t bad = 99;
	cr_assert(not(lp_utf8_validate((const uint8_t *)c->bytes, c->len, &bad)));
	cr_assert(eq(sz, bad, c->bad_offset));
}

Test(utf8, decodes_cyrillic_and_astral)
{
	const uint8_t *s = (const uint8_t *)"Ђ€𝄞";
	size_t pos = 0, len = strlen((const char *)s);
	uint32_t cp;
	cr_assert(lp_utf8_decode(s, len, &pos, &cp));
	cr_assert(eq(u32, cp, 0x0402));
	cr_assert(lp_utf8_decode(s, len, &pos, &cp));
	cr_assert(eq(u32, cp, 0x20AC));
	cr_assert(lp_utf8_decode(s, len, &pos, &cp));
	cr_assert(eq(u32, cp, 0x1D11E));
	cr_assert(eq(sz, pos, len));
}

Test(utf8, truncated_sequence_consumes_maximal_subpart)
{
	const uint8_t s[] = {0xE2, 0x82, 'A'};
	size_t pos = 0;
	uint32_t cp;
	cr_assert(not(lp_utf8_decode(s, 3, &pos, &cp)));
	cr_assert(eq(u32, cp, LP_UTF8_REPLACEMENT));
	cr_assert(eq(sz, pos, 2));
}

Test(utf8, encode_round_trips_and_refuses_surrogates)
{
	uint8_t buf[4];
	for (uint32_t cp = 1; cp < 0x110000; cp += 97) {
		size_t n = lp_utf8_encode(cp, buf);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			cr_assert(eq(sz, n, 0));
			continue;
		}
		size_t pos = 0;
		uint32_t back;
		cr_assert(lp_utf8_decode(buf, n, &pos, &back));
		cr_assert(eq(u32, back, cp));
	}
	cr_assert(eq(sz, lp_utf8_count((const uint8_t *)"Њујорк", strlen("Њујорк")), 6));
}

/* The in-line fast path decodes every one- and two-byte input (whole or
 * cut short) exactly as the full decoder does. */
Test(utf8, fast_path_agrees_with_the_full_decoder)
{
	for (unsigned a = 0; a < 256; a++)
		for (unsigned b = 0; b < 256; b++)
			for (size_t len = 1; len <= 2; len++) {
				const uint8_t s[2] = {(uint8_t)a, (uint8_t)b};
				size_t p1 = 0, p2 = 0;
				uint32_t c1 = 0, c2 = 0;
				bool ok1 = lp_utf8_decode(s, len, &p1, &c1);
				bool ok2 = lp_utf8_decode_any(s, len, &p2, &c2);
				cr_assert(ok1 == ok2 && p1 == p2 && c1 == c2, "%02X %02X len %zu",
				        a, b, len);
			}
}
