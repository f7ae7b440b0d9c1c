/* CCITT G4 coding (src/raster/ccitt.c) held to libtiff's coder: the same
 * bytes for every run length of both colours, for random pages of every
 * kind of row (noise, runs, repeats, shifts), for odd widths and wide
 * lines, and for a real fax page, with each lister of a row's changes
 * (ccitt_changes.c: the portable one and, where the CPU runs it, the
 * AVX-512 one); and libtiff decodes what it codes. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include <unistd.h>

#include "raster/ccitt.h"
#include "raster/ccitt_internal.h"

TestSuite(ccitt, .timeout = 120);

/* libtiff's G4 strip of the same rows (FillOrder 2, Class F), raw. */
static uint8_t *
libtiff_g4(const uint8_t *rows, size_t stride, uint32_t w, uint32_t h, size_t *size)
{
	FILE *f = tmpfile();
	cr_assert(ne(ptr, f, NULL));
	TIFF *t = TIFFFdOpen(dup(fileno(f)), "g4.tif", "wl");
	cr_assert(ne(ptr, t, NULL));
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	TIFFSetField(t, TIFFTAG_FAXMODE, FAXMODE_CLASSF);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, h);
	/* libtiff wants rows packed tight, and may scribble on its input. */
	size_t rb = (w + 7) / 8;
	uint8_t *tight = malloc(rb * h);
	for (uint32_t y = 0; y < h; y++)
		memcpy(tight + y * rb, rows + y * stride, rb);
	cr_assert(ge(long, (long)TIFFWriteEncodedStrip(t, 0, tight, (tmsize_t)(rb * h)), 0));
	TIFFClose(t);
	free(tight);
	lseek(fileno(f), 0, SEEK_SET);
	t = TIFFFdOpen(dup(fileno(f)), "g4.tif", "r");
	cr_assert(ne(ptr, t, NULL));
	uint64_t *counts;
	TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &counts);
	*size = (size_t)counts[0];
	uint8_t *raw = malloc(*size);
	cr_assert(eq(long, (long)TIFFReadRawStrip(t, 0, raw, (tmsize_t)*size), (long)*size));
	TIFFClose(t);
	fclose(f);
	return raw;
}

/* Codes the rows both ways and compares the bytes. */
static void
same_as_libtiff(const uint8_t *rows, size_t stride, uint32_t w, uint32_t h, const char *what)
{
	size_t n_theirs;
	uint8_t *theirs = libtiff_g4(rows, stride, w, h, &n_theirs);
	for (int portable = 0; portable < 2; portable++) {
		uint8_t *ours;
		size_t n_ours;
		cr_assert(eq(int,
		        lp_ccitt_g4_encode_with(lp_ccitt_lister_for(portable), rows, stride, w, h,
		                NULL, NULL, &ours, &n_ours),
		        LP_OK));
		size_t at = 0;
		while (at < n_ours && at < n_theirs && ours[at] == theirs[at])
			at++;
		cr_assert(eq(sz, at, n_theirs),
		        "%s (%ux%u, %s lister): byte %zu of %zu differs (ours %zu bytes)", what, w,
		        h, portable ? "portable" : "fastest", at, n_theirs, n_ours);
		cr_assert(eq(sz, n_ours, n_theirs), "%s", what);
		free(ours);
	}
	free(theirs);
}

static void
set_px(uint8_t *row, uint32_t x)
{
	row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
}

static void
run_of(uint8_t *row, uint32_t x0, uint32_t x1)
{
	for (uint32_t x = x0; x < x1; x++)
		set_px(row, x);
}

static uint32_t rng = 12345;
static uint32_t
next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

Test(ccitt, every_run_length_of_both_colours)
{
	/* Each run after a white row is coded in horizontal mode (b1 is the
	 * row's end, far from a1): white runs 4 .. 1726 before one black
	 * pixel, black runs 1 .. 1724 after four white ones, each on its own
	 * row with a white row above. */
	uint32_t w = 1728, stride = 216;
	uint32_t h = 2 * (1723 + 1724);
	uint8_t *rows = calloc((size_t)stride * h, 1);
	uint32_t y = 0;
	for (uint32_t white = 4; white <= 1726; white++, y += 2)
		run_of(rows + (size_t)(y + 1) * stride, white, white + 1);
	for (uint32_t black = 1; black <= 1724; black++, y += 2)
		run_of(rows + (size_t)(y + 1) * stride, 4, 4 + black);
	cr_assert(eq(u32, y, h));
	same_as_libtiff(rows, stride, w, h, "every run length");
	free(rows);
}

Test(ccitt, random_pages_of_every_kind_of_row)
{
	static const uint32_t widths[] = {1728, 1687, 1734, 100, 65, 64, 9, 1};
	for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
		uint32_t w = widths[wi], stride = (w + 63) / 64 * 8, h = 400;
		uint8_t *rows = calloc((size_t)stride * h, 1);
		for (uint32_t y = 0; y < h; y++) {
			uint8_t *row = rows + (size_t)y * stride;
			const uint8_t *above = y ? row - stride : NULL;
			switch (next_rand() % 7) {
			case 0: /* noise, like a dithered grey */
				for (uint32_t x = 0; x < w; x++)
					if (next_rand() % 2)
						set_px(row, x);
				break;
			case 1: /* sparse noise */
				for (uint32_t x = 0; x < w; x++)
					if (next_rand() % 23 == 0)
						set_px(row, x);
				break;
			case 2: /* runs, like letters */
				for (uint32_t x = next_rand() % 40; x < w;
				        x += 1 + next_rand() % 30)
					run_of(row, x,
					        x + 1 + next_rand() % 12 < w
					                ? x + 1 + next_rand() % 12
					                : w);
				break;
			case 3: /* the row above again */
				if (above)
					memcpy(row, above, stride);
				break;
			case 4: { /* the row above moved by up to four pixels */
				int s = (int)(next_rand() % 9) - 4;
				for (uint32_t x = 0; above && x < w; x++) {
					int from = (int)x - s;
					if (from >= 0 && (uint32_t)from < w &&
					        (above[from >> 3] & (0x80 >> (from & 7))))
						set_px(row, x);
				}
				break;
			}
			case 5: /* all black, or black at one end only */
				run_of(row, next_rand() % 2 ? 0 : w / 2,
				        next_rand() % 2 ? w : w / 2 + 1);
				break;
			default: /* white */
				break;
			}
			/* Bits past the width are not pixels. */
			if (w % 8)
				row[w / 8] |= (uint8_t)(0xff >> (w % 8));
		}
		same_as_libtiff(rows, stride, w, h, "random rows");
		free(rows);
	}
}

Test(ccitt, wide_lines_use_the_shared_makeup_codes)
{
	/* Runs past 1728 take the makeup codes both colours share, and past
	 * 2560 more than one. */
	uint32_t w = 7000, stride = (w + 63) / 64 * 8, h = 64;
	uint8_t *rows = calloc((size_t)stride * h, 1);
	for (uint32_t y = 1; y < h; y += 2) {
		uint32_t x = 1 + (y * 97) % 3000;
		run_of(rows + (size_t)y * stride, x, x + 1700 + y * 61);
	}
	same_as_libtiff(rows, stride, w, h, "wide lines");
	free(rows);
}

Test(ccitt, libtiff_decodes_the_page)
{
	uint32_t w = 1728, stride = 216, h = 300;
	uint8_t *rows = calloc((size_t)stride * h, 1);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = (y * 7) % 50; x < w; x += 3 + (x * y) % 40)
			run_of(rows + (size_t)y * stride, x,
			        x + 1 + (x + y) % 5 < w ? x + 1 + (x + y) % 5 : w);
	uint8_t *data;
	size_t size;
	cr_assert(eq(int, lp_ccitt_g4_encode(rows, stride, w, h, NULL, NULL, &data, &size), LP_OK));
	/* A TIFF around the strip, written raw, read back through libtiff's
	 * decoder. */
	FILE *f = tmpfile();
	TIFF *t = TIFFFdOpen(dup(fileno(f)), "raw.tif", "wl");
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, h);
	cr_assert(eq(long, (long)TIFFWriteRawStrip(t, 0, data, (tmsize_t)size), (long)size));
	TIFFClose(t);
	lseek(fileno(f), 0, SEEK_SET);
	t = TIFFFdOpen(dup(fileno(f)), "raw.tif", "r");
	uint8_t row[216];
	for (uint32_t y = 0; y < h; y++) {
		cr_assert(eq(int, TIFFReadScanline(t, row, y, 0), 1));
		cr_assert(eq(int, memcmp(row, rows + (size_t)y * stride, stride), 0), "row %u", y);
	}
	TIFFClose(t);
	fclose(f);
	free(data);
	free(rows);
}

Test(ccitt, bad_widths_are_refused)
{
	uint8_t row[8] = {0};
	uint8_t *data = (uint8_t *)1;
	size_t size = 1;
	cr_assert(
	        eq(int, lp_ccitt_g4_encode(row, 8, 0, 1, NULL, NULL, &data, &size), LP_ERR_USAGE));
	cr_assert(eq(ptr, data, NULL));
	cr_assert(
	        eq(int, lp_ccitt_g4_encode(row, 1, 64, 1, NULL, NULL, &data, &size), LP_ERR_USAGE),
	        "a stride shorter than the row");
}

Test(ccitt, the_listers_agree_change_by_change)
{
	/* Rows of every density at widths around a word's: the fastest
	 * lister (AVX-512 where the CPU has it) lists the same changes as
	 * the portable one. */
	static const uint32_t widths[] = {1728, 1727, 130, 128, 64, 63, 1};
	for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
		uint32_t w = widths[wi];
		uint8_t row[1728 / 8 + 8];
		uint32_t *fast = malloc(w * sizeof *fast), *port = malloc(w * sizeof *port);
		for (uint32_t r = 0; r < 300; r++) {
			memset(row, 0, sizeof row);
			uint32_t density = 1 + r % 17; /* one pixel in 1 .. 17 black */
			for (uint32_t x = 0; x < w; x++)
				if (next_rand() % density == 0)
					set_px(row, x);
			if (r % 5 == 0)
				run_of(row, w / 2, w); /* black to the row's end */
			uint32_t n_fast = lp_ccitt_lister_for(false)(row, w, fast);
			uint32_t n_port = lp_ccitt_lister_for(true)(row, w, port);
			cr_assert(eq(u32, n_fast, n_port), "width %u, row %u", w, r);
			for (uint32_t i = 0; i < n_port; i++)
				cr_assert(eq(u32, fast[i], port[i]), "width %u, row %u, change %u",
				        w, r, i);
		}
		free(fast);
		free(port);
	}
}
