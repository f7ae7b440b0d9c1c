/* The fax TIFF's G4 coder alone, against libtiff's own G4 coder on the
 * same pages in the same run: every page of the TIFFs given (1-bit, as
 * letterpress writes them) is decoded once, then coded ROUNDS times by
 * each; prints the median milliseconds a page of each and their ratio,
 * and of letterpress's coder with the portable lister of a row's changes
 * (where the CPU has a faster one, ccitt_changes.c). All must make the
 * same bytes (the coder's promise, ccitt.h); the benchmark stops if they
 * do not.
 *
 *   build/bench/bench_ccitt ROUNDS page.tiff...
 */
#include "raster/ccitt.h"
#include "raster/ccitt_internal.h"

#include "bench_clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

typedef struct page {
	uint8_t *rows;
	uint32_t w, h;
} page;

/* A growing buffer libtiff writes its file into. */
typedef struct sink {
	uint8_t *data;
	toff_t size, cap, pos;
} sink;

static tsize_t
sink_read(thandle_t h, tdata_t buf, tsize_t n)
{
	sink *s = (sink *)h;
	if (s->pos + (toff_t)n > s->size)
		n = (tsize_t)(s->size - s->pos);
	memcpy(buf, s->data + s->pos, (size_t)n);
	s->pos += (toff_t)n;
	return n;
}

static tsize_t
sink_write(thandle_t h, tdata_t buf, tsize_t n)
{
	sink *s = (sink *)h;
	if (s->pos + (toff_t)n > s->cap) {
		toff_t cap = (s->pos + (toff_t)n) * 2;
		uint8_t *d = realloc(s->data, (size_t)cap);
		if (!d)
			return -1;
		s->data = d, s->cap = cap;
	}
	memcpy(s->data + s->pos, buf, (size_t)n);
	s->pos += (toff_t)n;
	if (s->pos > s->size)
		s->size = s->pos;
	return n;
}

static toff_t
sink_seek(thandle_t h, toff_t off, int whence)
{
	sink *s = (sink *)h;
	s->pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? s->pos + off : s->size + off;
	return s->pos;
}

static int
sink_close(thandle_t h)
{
	(void)h;
	return 0;
}

static toff_t
sink_size(thandle_t h)
{
	return ((sink *)h)->size;
}

/* libtiff's G4 coder on one page: the strip's bytes into *out. */
static size_t
libtiff_g4(const page *p, sink *s, uint8_t **out)
{
	s->size = s->pos = 0;
	TIFF *t = TIFFClientOpen("bench.tiff", "w", (thandle_t)s, sink_read, sink_write, sink_seek,
	        sink_close, sink_size, NULL, NULL);
	if (!t)
		exit(70);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, p->w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, p->h);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, p->h);
	tmsize_t bytes = (tmsize_t)((p->w + 7) / 8) * p->h;
	if (TIFFWriteEncodedStrip(t, 0, p->rows, bytes) < 0)
		exit(70);
	uint64_t *counts, *offsets;
	TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &counts);
	TIFFGetField(t, TIFFTAG_STRIPOFFSETS, &offsets);
	size_t n = (size_t)counts[0];
	*out = malloc(n);
	memcpy(*out, s->data + offsets[0], n);
	TIFFClose(t);
	return n;
}

static size_t
read_pages(const char *path, page **pages, size_t n)
{
	TIFF *t = TIFFOpen(path, "r");
	if (!t) {
		fprintf(stderr, "bench_ccitt: cannot read %s\n", path);
		exit(66);
	}
	do {
		page p = {NULL, 0, 0};
		TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &p.w);
		TIFFGetField(t, TIFFTAG_IMAGELENGTH, &p.h);
		size_t stride = (p.w + 7) / 8;
		p.rows = malloc(stride * p.h);
		for (uint32_t y = 0; y < p.h; y++)
			if (TIFFReadScanline(t, p.rows + y * stride, y, 0) < 0)
				exit(65);
		*pages = realloc(*pages, (n + 1) * sizeof **pages);
		(*pages)[n++] = p;
	} while (TIFFReadDirectory(t));
	TIFFClose(t);
	return n;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_ccitt ROUNDS page.tiff...\n");
		return 64;
	}
	int rounds = atoi(argv[1]);
	if (rounds < 1)
		rounds = 1;
	page *pages = NULL;
	size_t n = 0;
	for (int i = 2; i < argc; i++)
		n = read_pages(argv[i], &pages, n);
	sink s = {NULL, 0, 0, 0};
	lp_ccitt_lister lister[2] = {lp_ccitt_lister_for(false), lp_ccitt_lister_for(true)};
	for (size_t i = 0; i < n; i++) /* the same bytes, or no figures */
		for (int k = 0; k < 2; k++) {
			uint8_t *ours, *theirs;
			size_t n_ours, n_theirs = libtiff_g4(&pages[i], &s, &theirs);
			if (lp_ccitt_g4_encode_with(lister[k], pages[i].rows, (pages[i].w + 7) / 8,
			            pages[i].w, pages[i].h, NULL, NULL, &ours, &n_ours) != LP_OK ||
			        n_ours != n_theirs || memcmp(ours, theirs, n_ours) != 0) {
				fprintf(stderr, "bench_ccitt: page %zu: not libtiff's bytes\n",
				        i + 1);
				return 70;
			}
			free(ours), free(theirs);
		}
	double *t_ours = malloc((size_t)rounds * sizeof *t_ours);
	double *t_port = malloc((size_t)rounds * sizeof *t_port);
	double *t_theirs = malloc((size_t)rounds * sizeof *t_theirs);
	/* Rounds alternate between the coders, so that the machine's drift
	 * falls on all alike. */
	for (int r = 0; r < rounds; r++) {
		double t[3];
		for (int k = 0; k < 2; k++) {
			t[k] = now_ms();
			for (size_t i = 0; i < n; i++) {
				uint8_t *out;
				size_t size;
				lp_ccitt_g4_encode_with(lister[k], pages[i].rows,
				        (pages[i].w + 7) / 8, pages[i].w, pages[i].h, NULL, NULL,
				        &out, &size);
				free(out);
			}
		}
		t[2] = now_ms();
		for (size_t i = 0; i < n; i++) {
			uint8_t *out;
			libtiff_g4(&pages[i], &s, &out);
			free(out);
		}
		t_ours[r] = (t[1] - t[0]) / (double)n;
		t_port[r] = (t[2] - t[1]) / (double)n;
		t_theirs[r] = (now_ms() - t[2]) / (double)n;
	}
	qsort(t_ours, (size_t)rounds, sizeof *t_ours, cmp_double);
	qsort(t_port, (size_t)rounds, sizeof *t_port, cmp_double);
	qsort(t_theirs, (size_t)rounds, sizeof *t_theirs, cmp_double);
	double a = t_ours[rounds / 2], b = t_theirs[rounds / 2];
	printf("%zu page(s), %d rounds: letterpress's G4 coder %.3f ms a page (least %.3f), "
	       "libtiff's %.3f ms (least %.3f), %.2fx; with the portable lister %.3f ms "
	       "(least %.3f)\n",
	        n, rounds, a, t_ours[0], b, t_theirs[0], b / a, t_port[rounds / 2], t_port[0]);
	for (size_t i = 0; i < n; i++)
		free(pages[i].rows);
	free(pages), free(s.data), free(t_ours), free(t_port), free(t_theirs);
	return 0;
}
