/*
 * A row's changing elements, the list the G4 coder codes from
 * (ccitt_internal.h): the pixels whose colour differs from the pixel
 * before them, the pixel before the first white.
 *
 * The portable lister takes a 64-bit word at a time and each change of it
 * in a loop; a text row's word holds 8 to 14 changes, and the loop's end
 * is a branch the CPU cannot guess, about a third of the coder's time.
 * Where the CPU has AVX-512, each 16 pixels' changes are written in one
 * compress of their positions, a fixed amount of work a word whatever its
 * changes. Both give the same list (tests/unit/test_ccitt.c).
 */
#include "raster/ccitt_internal.h"

#include <string.h>

/* The n bytes at p (n at most 8) as a big-endian word: the row's first
 * byte in the top bits, so that pixel i of the word (a byte's top bit
 * first, as the page holds them) is bit 63 - i. A memcpy, so that a whole
 * word is one load and a byte swap. */
static inline uint64_t
load_be(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;
	memcpy(&v, p, n);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The changes of a word (set bits of t, pixel x + 63 - bit) into out from
 * the row's right: the lowest set bit is the rightmost change, so they
 * are written from the last slot back, each a count of trailing zeros and
 * a clear of the lowest set bit (two steps that do not wait on each
 * other). Returns how many. */
static inline uint32_t
word_changes(uint64_t t, uint32_t x, uint32_t *out)
{
	/* The count in a few shifts and masks: the x86-64 baseline has no
	 * population count instruction, and the compiler's would be a call. */
	uint64_t c = t - (t >> 1 & 0x5555555555555555u);
	c = (c & 0x3333333333333333u) + (c >> 2 & 0x3333333333333333u);
	c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	uint32_t cnt = (uint32_t)(c * 0x0101010101010101u >> 56);
	uint32_t *p = out + cnt;
	for (; t; t &= t - 1)
		*--p = x + 63 - (uint32_t)__builtin_ctzll(t);
	return cnt;
}

/* The pixels from x to the width, fewer than a word, after before (the
 * pixel before x, in bit 63). */
static uint32_t
tail_changes(const uint8_t *row, uint32_t x, uint32_t width, uint64_t before, uint32_t *out)
{
	uint32_t left = width - x;
	uint64_t keep = ~(uint64_t)0 << (64 - left);
	uint64_t v = load_be(row + x / 8, (left + 7) / 8) & keep;
	return word_changes((v ^ (v >> 1 | before)) & keep, x, out);
}

static uint32_t
row_changes_portable(const uint8_t *row, uint32_t width, uint32_t *out)
{
	uint32_t n = 0;
	uint64_t before = 0; /* the pixel before the word, in bit 63 */
	uint32_t x = 0;
	for (; x + 64 <= width; x += 64) {
		uint64_t v = load_be(row + x / 8, 8);
		if ((v | before) == 0)
			continue; /* white after white: no change */
		/* A set bit where a pixel differs from the one before it. */
		n += word_changes(v ^ (v >> 1 | before), x, out + n);
		before = v << 63;
	}
	if (x < width)
		n += tail_changes(row, x, width, before, out + n);
	return n;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define LP_CCITT_AVX512 1

#define AVX512 __attribute__((target("avx512f,popcnt")))

/* Each byte's bits in the other order: a word read as stored (its first
 * byte lowest) then has pixel i of the word in bit i. */
static inline uint64_t
bytes_reversed(uint64_t v)
{
	v = (v >> 1 & 0x5555555555555555u) | (v & 0x5555555555555555u) << 1;
	v = (v >> 2 & 0x3333333333333333u) | (v & 0x3333333333333333u) << 2;
	return (v >> 4 & 0x0f0f0f0f0f0f0f0fu) | (v & 0x0f0f0f0f0f0f0f0fu) << 4;
}

/* A word's changes, pixel i in bit i, written 16 positions at a time: all
 * 16 lanes are stored and the next store starts after the ones that are
 * changes. A word's stores end within its own 64 slots past out's start
 * at the word (there are at most x changes before pixel x), so the list's
 * room for the width's changes is enough. */
AVX512 static uint32_t
row_changes_avx512(const uint8_t *row, uint32_t width, uint32_t *out)
{
	const __m512i lane =
	        _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
	uint32_t n = 0;
	uint64_t before = 0; /* the pixel before the word, in bit 0 */
	uint32_t x = 0;
	for (; x + 64 <= width; x += 64) {
		uint64_t v;
		memcpy(&v, row + x / 8, 8);
		if ((v | before) == 0)
			continue;
		v = bytes_reversed(v);
		uint64_t t = v ^ (v << 1 | before);
		before = v >> 63;
		for (uint32_t j = 0; j < 64; j += 16) {
			__mmask16 m = (__mmask16)(t >> j);
			__m512i at = _mm512_add_epi32(lane, _mm512_set1_epi32((int)(x + j)));
			_mm512_storeu_si512(out + n, _mm512_maskz_compress_epi32(m, at));
			n += (uint32_t)__builtin_popcount(m);
		}
	}
	if (x < width)
		n += tail_changes(row, x, width, before << 63, out + n);
	return n;
}
#endif

lp_ccitt_lister
lp_ccitt_lister_for(bool portable)
{
#ifdef LP_CCITT_AVX512
	if (!portable && __builtin_cpu_supports("avx512f"))
		return row_changes_avx512;
#endif
	(void)portable;
	return row_changes_portable;
}
