/* In-process rendering speed: one engine (fonts loaded once), the same
 * release rendered to PDF in memory again and again; prints the median and
 * the 90th percentile per document.
 *
 *   build/bench/bench_render examples/predsednik-2024-02-20.md [ROUNDS [PDFA]]
 *
 * PDFA (1b, 2b or 3b) renders with --pdfa's option (bench/pdfa.sh).
 */
#include "letterpress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_clock.h"
#include <time.h>

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s RELEASE.md [ROUNDS [1b|2b|3b]]\n", argv[0]);
		return 64;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	if (rounds < 1)
		rounds = 1;
	lp_render_options opts = {.date_epoch = -1};
	if (argc > 3)
		opts.pdfa = !strcmp(argv[3], "1b")   ? LP_PDFA_1B
		            : !strcmp(argv[3], "2b") ? LP_PDFA_2B
		            : !strcmp(argv[3], "3b") ? LP_PDFA_3B
		                                     : LP_PDFA_NONE;
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 66;
	}
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);

	lp_diag *diag = lp_diag_new(NULL, NULL);
	double t0 = now_ms();
	lp_engine *engine;
	if (lp_engine_new(NULL, &engine, diag) != LP_OK) {
		fprintf(stderr, "cannot make the engine\n");
		return 70;
	}
	double setup = now_ms() - t0;
	double *times = malloc((size_t)rounds * sizeof *times);
	size_t pdf_size = 0;
	for (int i = 0; i < rounds; i++) {
		uint8_t *pdf;
		double t = now_ms();
		lp_status s =
		        lp_render_memory(engine, argv[1], buf, n, &opts, &pdf, &pdf_size, diag);
		times[i] = now_ms() - t;
		free(pdf);
		if (s != LP_OK) {
			fprintf(stderr, "render failed: %s\n", lp_status_str(s));
			return 70;
		}
	}
	qsort(times, (size_t)rounds, sizeof *times, cmp_double);
	printf("engine setup (fonts, layouts, dictionaries): %.2f ms\n", setup);
	printf("in-process render, %d rounds: median %.3f ms, p90 %.3f ms, min %.3f ms (%zu-byte "
	       "PDF)\n",
	        rounds, times[rounds / 2], times[rounds * 9 / 10], times[0], pdf_size);
	free(times);
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return 0;
}
