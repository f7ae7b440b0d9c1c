/*
 * CCITT Group 4 (T.6) coding from lists of changing pixels; see ccitt.h.
 *
 * A row's changing elements are the pixels whose colour differs from the
 * pixel before them (the pixel before the first is white). T.6 codes each
 * coding line against the one above it (the reference line; above the
 * first row an imaginary white one) in three modes: pass when the
 * reference line's b2 lies left of a1, vertical when a1 is within three
 * pixels of b1, horizontal (two runs in T.4's modified Huffman codes)
 * otherwise. With both lines held as sorted lists of changes, padded
 * with the width, each of a0, a1, b1 and b2 is an index step, never a scan.
 */
#include "raster/ccitt.h"

#include "base/array.h"
#include "raster/ccitt_internal.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Widths this coder takes: far past any fax line, small enough that a
 * row's worst-case code size stays a small multiple of its pixels. */
#define LP_CCITT_MAX_WIDTH (1u << 20)

/* ---- Codes (the standard's, ccitt_tables.c, as bit patterns) ---------- */

/* A code as it goes out in FillOrder 2: its first bit in bit 0. */
typedef struct code {
	uint16_t bits;
	uint8_t len;
} code;

/* Index 0..63: terminating; 63 + k: the makeup code for k * 64 (k 1..40). */
#define N_RUN_CODES (64 + 40)

static struct {
	code run[2][N_RUN_CODES]; /* white, black */
	code vertical[7];
	code pass, horizontal, eol;
} codes;
static pthread_once_t codes_once = PTHREAD_ONCE_INIT;

static code
code_of(const char *s)
{
	code c = {0, (uint8_t)strlen(s)};
	for (uint8_t i = 0; i < c.len; i++)
		if (s[i] == '1')
			c.bits |= (uint16_t)(1u << i);
	return c;
}

static void
make_codes(void)
{
	for (int k = 0; k < 64; k++) {
		codes.run[0][k] = code_of(lp_ccitt_white_term[k]);
		codes.run[1][k] = code_of(lp_ccitt_black_term[k]);
	}
	for (int k = 0; k < 27; k++) {
		codes.run[0][64 + k] = code_of(lp_ccitt_white_makeup[k]);
		codes.run[1][64 + k] = code_of(lp_ccitt_black_makeup[k]);
	}
	for (int k = 0; k < 13; k++)
		codes.run[0][64 + 27 + k] = codes.run[1][64 + 27 + k] =
		        code_of(lp_ccitt_wide_makeup[k]);
	for (int k = 0; k < 7; k++)
		codes.vertical[k] = code_of(lp_ccitt_vertical[k]);
	codes.pass = code_of(LP_CCITT_PASS);
	codes.horizontal = code_of(LP_CCITT_HORIZONTAL);
	codes.eol = code_of(LP_CCITT_EOL);
}

/* ---- Bits out -------------------------------------------------------- */

typedef struct bits_out {
	uint8_t *buf;
	size_t size, cap;
	uint64_t acc; /* pending bits, the oldest in bit 0 */
	unsigned n; /* how many */
} bits_out;

/* The bits of one row on their way out, in locals of code_row: the
 * compiler keeps them in registers only while no byte stored through p can
 * be the writer itself (a store through a uint8_t pointer may alias any
 * object whose address is taken, which made every code reload and store
 * bits_out's fields). */
typedef struct bit_writer {
	uint8_t *p;
	uint64_t acc;
	unsigned n;
} bit_writer;

/* Writes out the whole bytes of the pending bits, keeping fewer than 8.
 * All eight bytes of the word are stored (the buffer has room for them
 * past the codes, see row_max) and the next flush writes over the ones
 * that were not whole: no branch on how many bits are pending, which a
 * coding step could not predict. */
static inline void
flush(bit_writer *w)
{
	uint64_t acc = w->acc;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	uint64_t le = __builtin_bswap64(acc);
#else
	uint64_t le = acc;
#endif
	memcpy(w->p, &le, 8); /* the oldest bits in the first byte */
	unsigned bytes = w->n >> 3; /* at most 4 in code_row (n under 36), 7 in put_bits */
	w->p += bytes;
	w->acc = acc >> (8 * bytes);
	w->n &= 7;
}

/* Adds a code without writing out: with fewer than 8 bits pending (a
 * flush before) a code of at most 16 bits fits the 64-bit word, and so
 * does a second one after it. */
static inline void
put_pending(bit_writer *w, code c)
{
	w->acc |= (uint64_t)c.bits << w->n;
	w->n += c.len;
}

static inline void
put(bit_writer *w, code c)
{
	put_pending(w, c);
	flush(w);
}

/* A run of one colour: makeup codes for its multiples of 64, then the
 * terminating code for the rest (T.4 4.1.1, with the wide makeup codes
 * repeated past 2560). */
static inline void
put_run(bit_writer *w, unsigned colour, uint32_t len)
{
	const code *t = codes.run[colour];
	while (len >= 2624) {
		put(w, t[63 + 40]);
		len -= 2560;
	}
	if (len >= 64) {
		put(w, t[63 + (len >> 6)]);
		len &= 63;
	}
	put(w, t[len]);
}

/* n one bits: n V0 codes. */
static inline void
put_ones(bit_writer *w, uint32_t n)
{
	for (; n > 16; n -= 16)
		put(w, (code){0xffff, 16});
	put(w, (code){(uint16_t)((1u << n) - 1), (uint8_t)n});
}

static size_t
bits_so_far(const bits_out *o)
{
	return o->size * 8 + o->n;
}

static bit_writer
writer_of(const bits_out *o)
{
	return (bit_writer){o->buf + o->size, o->acc, o->n};
}

static void
writer_done(bits_out *o, const bit_writer *w)
{
	o->size = (size_t)(w->p - o->buf);
	o->acc = w->acc;
	o->n = w->n;
}

static bool
reserve(bits_out *o, size_t more)
{
	return LP_ARRAY_RESERVE(o->buf, o->cap, o->size + more, LP_ARRAY_ANY) == LP_OK;
}

/* Appends n bits of src from bit from on (bit i in bit i % 8 of byte
 * i / 8, as they go out), 56 at a time (with fewer than 8 pending, they
 * fit the word, and a flush writes out up to 7 bytes); src has 8 bytes
 * past the last bit's. */
static bool
put_bits(bits_out *o, const uint8_t *src, size_t from, size_t n)
{
	if (!reserve(o, n / 8 + 16))
		return false;
	bit_writer w = writer_of(o);
	while (n > 0) {
		unsigned k = n < 56 ? (unsigned)n : 56;
		uint64_t v;
		memcpy(&v, src + from / 8, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		v = __builtin_bswap64(v);
#endif
		w.acc |= (v >> (from & 7) & ((UINT64_C(1) << k) - 1)) << w.n;
		w.n += k;
		flush(&w);
		from += k;
		n -= k;
	}
	writer_done(o, &w);
	return true;
}

/* ---- Rows ------------------------------------------------------------ */

/* The row's end in its own list of changes while it is coded: the width
 * with this bit set is never within three pixels of a change of the
 * reference line, so the vertical step needs no test for the row's end
 * (widths are under 2^20). */
#define ROW_END (1u << 30)

/* The step after the one at pa[0] (a1) and pb[0] (its b1), when it goes
 * in step: its a1 paired with the next change of the reference line,
 * within three pixels of it, that change the first of its colour past
 * a0, and the one after it not left of a1. Then the step is a vertical
 * code found without the search for b1, and the indices of the step
 * after it are known ahead: no step waits on the loads of the one before
 * it. Codes it (pending) and moves both on, or returns false with pa at
 * the step and pb at the change it was tried with. The reference line
 * has a 0 before it (pb[-2] may be b[-1]). */
static inline bool
step_in_step(bit_writer *w, const uint32_t **pa_io, const uint32_t **pb_io)
{
	const uint32_t *pa = ++*pa_io, *pb = ++*pb_io;
	uint32_t a0 = pa[-1], a1 = pa[0], v = a1 - pb[0] + 3;
	bool in_step = (pb[0] > a0) & (pb[-2] <= a0);
	if (!(in_step & (v <= 6) & (pb[1] >= a1)))
		return false;
	put_pending(w, codes.vertical[v]);
	return true;
}

/* Codes one row from its n changes a against the reference line's b. */
static void
code_row(bits_out *o, uint32_t *a, uint32_t n, const uint32_t *b, uint32_t width)
{
	bit_writer w = writer_of(o);
	a[n] = width | ROW_END;
	/* a0 + 1, so that the imaginary white element before the row (a0 =
	 * -1) is 0 and every position stays unsigned. */
	uint32_t past = 0;
	/* a1 is a[ia], always: the first change past a0. a0's colour is
	 * ia's parity (each change flips it), so it needs no variable. */
	uint32_t ia = 0, ib = 0;
	for (;;) {
		/* A pass or vertical code (at most 7 bits) goes out pending: the
		 * loop flushes once a step, not once a code. */
		flush(&w);
		while (b[ib] < past)
			ib++;
		/* b1 changes to the colour opposite a0's: to black at even
		 * indices, to white at odd ones. */
		uint32_t k = ib + ((ib ^ ia) & 1);
		uint32_t a1 = a[ia], b1 = b[k], b2 = b[k + 1];
		/* a1 - b1 + 3, in 0 .. 6 for vertical mode (unsigned: one test) */
		uint32_t v = a1 - b1 + 3;
		if (__builtin_expect(v <= 6 && b2 >= a1, 1)) {
			/* Vertical, nine codes in ten on a text page, V0 six in
			 * ten of those: one path for all seven, without a branch
			 * between them, since which comes next is a coin toss to
			 * the CPU (a loop over runs of V0 took fewer instructions
			 * and more time); the steps after it, while they go in
			 * step, without the search for b1. */
			put_pending(&w, codes.vertical[v]);
			const uint32_t *pa = a + ia, *pb = b + k;
			/* Four codes of at most 7 bits between flushes: fewer
			 * than 8 + 28 bits pending, and one flush for four. */
			do
				flush(&w);
			while (step_in_step(&w, &pa, &pb) && step_in_step(&w, &pa, &pb) &&
			        step_in_step(&w, &pa, &pb) && step_in_step(&w, &pa, &pb));
			ia = (uint32_t)(pa - a);
			past = pa[-1] + 1;
			/* Every change before pb[-2] is at or left of a0, and
			 * so is every change before ib. */
			ib = pb - 2 - b > (ptrdiff_t)ib ? (uint32_t)(pb - 2 - b) : ib;
			continue;
		}
		bool end = a1 & ROW_END;
		a1 &= ~ROW_END;
		if (b2 < a1) {
			put_pending(&w, codes.pass);
			past = b2 + 1; /* a0 = b2, still before a1 */
			ib = k + 2; /* the first change past b2 (b2 is not the end) */
			continue;
		}
		if (end && a1 - b1 + 3 <= 6) { /* the row's last code */
			put_pending(&w, codes.vertical[a1 - b1 + 3]);
			break;
		}
		uint32_t a2 = end ? width : a[ia + 1] & ~ROW_END;
		put(&w, codes.horizontal);
		put_run(&w, ia & 1, a1 - (past ? past - 1 : 0));
		put_run(&w, (ia & 1) ^ 1, a2 - a1);
		if (a2 == width)
			break;
		past = a2 + 1;
		ia += 2;
	}
	flush(&w);
	writer_done(o, &w);
	a[n] = width;
}

lp_status
lp_ccitt_g4_encode(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
        const uint8_t *inked, lp_ccitt_recall *recall, uint8_t **data, size_t *size)
{
	return lp_ccitt_g4_encode_with(
	        lp_ccitt_lister_for(false), rows, stride, width, height, inked, recall, data, size);
}

lp_status
lp_ccitt_g4_encode_with(lp_ccitt_lister list, const uint8_t *rows, size_t stride, uint32_t width,
        uint32_t height, const uint8_t *inked, lp_ccitt_recall *recall, uint8_t **data,
        size_t *size)
{
	*data = NULL;
	*size = 0;
	if (width == 0 || width > LP_CCITT_MAX_WIDTH || stride < (width + 7) / 8)
		return LP_ERR_USAGE;
	pthread_once(&codes_once, make_codes);
	/* The most one row can take: a horizontal code, two runs and a pass
	 * code for each pair of changes on the two lines, each run at most a
	 * makeup and a terminating code (13 + 12 bits) and one more makeup per
	 * 2560 pixels; and the 8 bytes a flush stores past the last whole one. */
	size_t row_max = ((size_t)width + 2) * 8 + (size_t)width / 2560 * 4 + 24;
	/* Each list has a 0 before it (see step_in_step) and room for the width's
	 * changes and the four past the end. */
	uint32_t *a_buf = malloc(((size_t)width + 6) * sizeof *a_buf);
	uint32_t *b_buf = malloc(((size_t)width + 6) * sizeof *b_buf);
	/* With a recall, the bit offset after each row, for keeping the page. */
	size_t *row_end = recall ? malloc((size_t)height * sizeof *row_end) : NULL;
	bits_out o = {NULL, 0, 0, 0, 0};
	if (!a_buf || !b_buf || (recall && !row_end))
		goto nomem;
	a_buf[0] = b_buf[0] = 0;
	uint32_t *a = a_buf + 1, *b = b_buf + 1;
	for (uint32_t k = 0; k < 4; k++)
		b[k] = width; /* above the first row: white */
	uint32_t n_ref = 0; /* changes on the reference line */
	lp_ccitt_rows page = {rows, stride, width, height, inked};
	lp_ccitt_match m = lp_ccitt_recall_find(recall, &page);
	uint32_t y = 0;
	if (m.top > 0) {
		/* A kept page's first rows: its first bits. */
		if (!put_bits(&o, m.page->code, 0, m.page->row_end[m.top - 1]))
			goto nomem;
		memcpy(row_end, m.page->row_end, m.top * sizeof *row_end);
		y = m.top;
		if (y < height) { /* the last of them is the reference line */
			n_ref = list(rows + (size_t)(y - 1) * stride, width, b);
			b[n_ref] = b[n_ref + 1] = b[n_ref + 2] = b[n_ref + 3] = width;
		}
	}
	for (; y < m.bottom; y++) {
		if (!reserve(&o, row_max))
			goto nomem;
		const uint8_t *row = rows + (size_t)y * stride;
		/* A white row under another needs no compare, and a white row
		 * no list of its changes. */
		bool white = inked && !inked[y];
		if (y > 0 && ((white && !inked[y - 1]) ||
		                     memcmp(row, row - stride, (width + 7) / 8) == 0)) {
			/* The row above again (most often white under white):
			 * its changes are the reference line's, each a V0, and a
			 * last V0 at the width; the reference line stays. */
			bit_writer w = writer_of(&o);
			put_ones(&w, n_ref + 1);
			writer_done(&o, &w);
		} else {
			n_ref = white ? 0 : list(row, width, a);
			/* Four copies of the width past the last change: the
			 * imaginary changes past the row's end that b1, b2 and
			 * a2 may land on. */
			a[n_ref] = a[n_ref + 1] = a[n_ref + 2] = a[n_ref + 3] = width;
			code_row(&o, a, n_ref, b, width);
			uint32_t *t = a;
			a = b, b = t;
		}
		if (row_end)
			row_end[y] = bits_so_far(&o);
	}
	if (m.bottom < height) {
		/* The kept page's last rows, and the one above them: their
		 * bits, from the offset after that one. */
		size_t from = m.page->row_end[m.bottom - 1], at = bits_so_far(&o);
		if (!put_bits(&o, m.page->code, from, m.page->row_end[height - 1] - from))
			goto nomem;
		for (y = m.bottom; y < height; y++)
			row_end[y] = at + (m.page->row_end[y] - from);
	}
	/* EOFB, then zero bits to the end of the byte. */
	if (!reserve(&o, 24))
		goto nomem;
	if (recall) {
		o.buf[o.size] = (uint8_t)o.acc; /* the pending bits, in their byte */
		lp_ccitt_recall_keep(recall, &m, &page, o.buf, bits_so_far(&o), row_end);
		free(row_end);
		row_end = NULL;
	}
	bit_writer w = writer_of(&o);
	put(&w, codes.eol);
	put(&w, codes.eol);
	writer_done(&o, &w);
	while (o.n > 0) {
		o.buf[o.size++] = (uint8_t)o.acc;
		o.acc >>= 8;
		o.n = o.n > 8 ? o.n - 8 : 0;
	}
	free(a_buf);
	free(b_buf);
	*data = o.buf;
	*size = o.size;
	return LP_OK;
nomem:
	free(a_buf);
	free(b_buf);
	free(row_end);
	free(o.buf);
	return LP_ERR_NOMEM;
}
