/*
 * Speed of the paragraph breaker: paragraphs (one per line of a UTF-8
 * file) are shaped once, then lp_para_break() runs over them repeatedly;
 * only the breaking is timed (line-edge and hyphen reshaping, which it
 * does itself, included).
 *
 *   bench_para FONTS_DIR PARAGRAPHS_FILE [ROUNDS=2000] [--measure-mm 160]
 *
 * A benchmark, not a test: see docs/benchmarks.md.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lp_config.h"
#include "para/para.h"

#define MAX_PARS 256

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	/* Each round makes and drops an arena; with the heap's top free after
	 * every drop, glibc would give the pages back and fault them in again
	 * each round, and that, not breaking, would be measured. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	if (argc < 3) {
		fprintf(stderr, "usage: %s FONTS_DIR PARAGRAPHS_FILE [ROUNDS] [--measure-mm N]\n",
		        argv[0]);
		return 2;
	}
	long rounds = argc > 3 && argv[3][0] != '-' ? strtol(argv[3], NULL, 10) : 2000;
	float measure_mm = 160;
	for (int i = 3; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--measure-mm"))
			measure_mm = strtof(argv[i + 1], NULL);
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';

	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_fontdb *db = lp_fontdb_new();
	if (lp_fontdb_add_dir(db, argv[1], diag) != LP_OK)
		return 1;
	lp_fontdb_freeze(db);
	lp_shaper *shaper = lp_shaper_new(db, NULL, 0);
	lp_hyphenators *hyph = lp_hyphenators_new(LP_HYPHEN_DIR, diag);
	/* Dictionaries load on first use; load Serbian's now, so its load is
	 * not timed as breaking. */
	lp_hyphenators_has(hyph, "sr-Cyrl");
	lp_arena *shaped_arena = lp_arena_new(0);
	lp_shaped_par *pars[MAX_PARS];
	int n_pars = 0;
	for (char *line = strtok(buf, "\n"); line && n_pars < MAX_PARS; line = strtok(NULL, "\n")) {
		lp_span *span = lp_arena_alloc(shaped_arena, sizeof *span);
		*span = (lp_span){0, (uint32_t)strlen(line),
		        {.family = "Noto Serif",
		                .weight = 400,
		                .size_pt = 11,
		                .lang = "sr-Cyrl",
		                .link = -1,
		                .hyphenate = true}};
		lp_text_par in = {line, (uint32_t)strlen(line), span, 1, argv[2], 0}, prep;
		if (lp_text_prepare(&in, shaped_arena, &prep, diag) != LP_OK ||
		        lp_text_shape(shaper, &prep, shaped_arena, &pars[n_pars], diag) != LP_OK)
			return 1;
		n_pars++;
	}
	lp_break_params pp = {.measure_pt = measure_mm * 72.0f / 25.4f,
	        .align = LP_PAR_JUSTIFY,
	        .kp = LP_KP_PARAMS_DEFAULT,
	        .hyph = hyph};
	long lines = 0;
	double t0 = now();
	for (long r = 0; r < rounds; r++) {
		lp_arena *arena = lp_arena_new(0);
		for (int i = 0; i < n_pars; i++) {
			lp_par_lines *pl;
			if (lp_para_break(shaper, pars[i], &pp, arena, &pl, diag) != LP_OK)
				return 1;
			lines += pl->n_lines;
		}
		lp_arena_drop(arena);
	}
	double dt = now() - t0;
	long total = rounds * n_pars;
	printf("%ld paragraphs (%d x %ld rounds), %ld lines in %.3f s: %.0f paragraphs/s, %.1f us "
	       "each\n",
	        total, n_pars, rounds, lines, dt, (double)total / dt, dt * 1e6 / (double)total);
	lp_arena_drop(shaped_arena);
	lp_hyphenators_drop(hyph);
	lp_shaper_drop(shaper);
	lp_fontdb_drop(db);
	lp_diag_drop(diag);
	return 0;
}
