/* In-process fax speed: one engine, the same release rendered to a fax
 * TIFF (fine, G4) in memory again and again, and to PDF the same way for
 * comparison; prints the median per document and fax pages per second.
 * Then the backends alone: the release's display list, made once, turned
 * into TIFF and into PDF again and again (what Ghostscript does to a PDF
 * is this part: it is given the pages already laid out).
 *
 *   build/bench/bench_fax examples/long-izvestaj.md [ROUNDS]
 */
#include "letterpress.h"

#include "base/source.h"
#include "pdf/pdf.h"
#include "pipeline/pipeline.h"
#include "raster/raster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include "bench_clock.h"
#include <time.h>
#include <unistd.h>

/* The pages of a TIFF in memory, through a temporary file libtiff reads. */
static int
tiff_pages(const uint8_t *data, size_t size)
{
	FILE *f = tmpfile();
	if (!f || fwrite(data, 1, size, f) != size || fflush(f) != 0 ||
	        lseek(fileno(f), 0, SEEK_SET) != 0)
		return -1;
	TIFF *t = TIFFFdOpen(dup(fileno(f)), "mem.tiff", "r");
	fclose(f);
	if (!t)
		return -1;
	int n = TIFFNumberOfDirectories(t);
	TIFFClose(t);
	return n;
}

/* Median milliseconds of rounds renders in fmt. */
static double
median_ms(lp_engine *engine, const char *name, const char *buf, size_t n, lp_format fmt, int rounds,
        int *pages, lp_diag *diag)
{
	double *times = malloc((size_t)rounds * sizeof *times);
	lp_render_options o = {.format = fmt, .date_epoch = -1};
	for (int i = 0; i < rounds; i++) {
		uint8_t *out;
		size_t size;
		double t = now_ms();
		lp_status s = lp_render_memory(engine, name, buf, n, &o, &out, &size, diag);
		times[i] = now_ms() - t;
		if (s != LP_OK) {
			fprintf(stderr, "render failed: %s\n", lp_status_str(s));
			exit(70);
		}
		if (i == 0 && pages)
			*pages = tiff_pages(out, size);
		free(out);
	}
	qsort(times, (size_t)rounds, sizeof *times, cmp_double);
	double m = times[rounds / 2];
	free(times);
	return m;
}

/* Median milliseconds of rounds backend runs on a finished list. */
static double
backend_ms(lp_engine *engine, const lp_dlist *list, lp_format fmt, int rounds, lp_diag *diag)
{
	double *times = malloc((size_t)rounds * sizeof *times);
	lp_tiff_options to = lp_tiff_options_default();
	to.glyphs = engine->glyphs;
	lp_pdf_options po = lp_pdf_options_default();
	for (int i = 0; i < rounds; i++) {
		uint8_t *out;
		size_t size;
		double t = now_ms();
		lp_status s = fmt == LP_FORMAT_TIFF
		                      ? lp_raster_render_tiff(list, &to, &out, &size, diag)
		                      : lp_pdf_render(list, &po, &out, &size, diag);
		times[i] = now_ms() - t;
		if (s != LP_OK) {
			fprintf(stderr, "backend failed: %s\n", lp_status_str(s));
			exit(70);
		}
		free(out);
	}
	qsort(times, (size_t)rounds, sizeof *times, cmp_double);
	double m = times[rounds / 2];
	free(times);
	return m;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s RELEASE.md [ROUNDS]\n", argv[0]);
		return 64;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 50;
	if (rounds < 1)
		rounds = 1;
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 66;
	}
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);

	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_engine *engine;
	if (lp_engine_new(NULL, &engine, diag) != LP_OK) {
		fprintf(stderr, "cannot make the engine\n");
		return 70;
	}
	int pages = 0;
	/* One round of each first: glyph masks and fonts are cached per engine,
	 * as in a batch. */
	median_ms(engine, argv[1], buf, n, LP_FORMAT_TIFF, 1, NULL, diag);
	median_ms(engine, argv[1], buf, n, LP_FORMAT_PDF, 1, NULL, diag);
	double tiff = median_ms(engine, argv[1], buf, n, LP_FORMAT_TIFF, rounds, &pages, diag);
	double pdf = median_ms(engine, argv[1], buf, n, LP_FORMAT_PDF, rounds, NULL, diag);
	printf("%s: %d page(s), %d rounds: TIFF median %.2f ms (%.1f ms a page, %.0f pages/s), "
	       "PDF median %.2f ms\n",
	        argv[1], pages, rounds, tiff, tiff / pages, pages * 1000.0 / tiff, pdf);

	lp_source *src;
	lp_job job;
	lp_dlist *list;
	if (lp_source_from_memory(argv[1], buf, n, &src) != LP_OK ||
	        build_document(engine, src, NULL, &job, &list, false, diag) != LP_OK) {
		fprintf(stderr, "cannot build the display list\n");
		return 70;
	}
	double tiff_b = backend_ms(engine, list, LP_FORMAT_TIFF, rounds, diag);
	double pdf_b = backend_ms(engine, list, LP_FORMAT_PDF, rounds, diag);
	printf("%s: backend alone: TIFF median %.3f ms (%.2f ms a page, %.0f pages/s), "
	       "PDF median %.3f ms\n",
	        argv[1], tiff_b, tiff_b / pages, pages * 1000.0 / tiff_b, pdf_b);
	lp_dlist_drop(list);
	job_release(&job);
	lp_source_drop(src);
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return 0;
}
