/*
 * Paragraph quality: sets paragraphs (one per line of a UTF-8 file) in a
 * font, size and measure, and reports the inter-word spaces in em (mean,
 * standard deviation, maximum) over all lines, the loose lines (adjustment
 * ratio > 1) and the lines stretched past ratio 2. With --dump, prints
 * every line as well.
 *
 *   bench_para_quality FONTS_DIR PARAGRAPHS_FILE [--measure-mm 160]
 *       [--size 11] [--family "Noto Serif"] [--lang sr-Cyrl] [--dump]
 *
 * A benchmark, not a test: see docs/benchmarks.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp_config.h"
#include "para/para.h"

#define PT_PER_MM (72.0f / 25.4f)

static char *
read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*size = (size_t)n;
	return buf;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr,
		        "usage: %s FONTS_DIR PARAGRAPHS_FILE [--measure-mm N] [--size N] "
		        "[--family F] [--lang L] [--dump]\n",
		        argv[0]);
		return 2;
	}
	float measure_mm = 160, size = 11;
	const char *family = "Noto Serif", *lang = "sr-Cyrl";
	bool dump = false;
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--measure-mm") && i + 1 < argc)
			measure_mm = strtof(argv[++i], NULL);
		else if (!strcmp(argv[i], "--size") && i + 1 < argc)
			size = strtof(argv[++i], NULL);
		else if (!strcmp(argv[i], "--family") && i + 1 < argc)
			family = argv[++i];
		else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strcmp(argv[i], "--dump"))
			dump = true;
	}
	size_t n;
	char *text = read_all(argv[2], &n);
	if (!text) {
		perror(argv[2]);
		return 1;
	}
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_fontdb *db = lp_fontdb_new();
	if (lp_fontdb_add_dir(db, argv[1], diag) != LP_OK)
		return 1;
	lp_fontdb_freeze(db);
	lp_shaper *shaper = lp_shaper_new(db, NULL, 0);
	lp_hyphenators *hyph = lp_hyphenators_new(LP_HYPHEN_DIR, diag);
	lp_break_params pp = {.measure_pt = measure_mm * PT_PER_MM,
	        .align = LP_PAR_JUSTIFY,
	        .kp = LP_KP_PARAMS_DEFAULT,
	        .hyph = hyph};
	double sum = 0, sum2 = 0, max = 0;
	long spaces = 0, lines = 0, loose = 0, over2 = 0, hyphens = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		lp_arena *arena = lp_arena_new(0);
		lp_span span = {0, (uint32_t)strlen(line),
		        {.family = family,
		                .weight = 400,
		                .size_pt = size,
		                .lang = lang,
		                .link = -1,
		                .hyphenate = true}};
		lp_text_par in = {line, (uint32_t)strlen(line), &span, 1, argv[2], 0}, prep;
		lp_shaped_par *shaped;
		lp_par_lines *pl;
		if (lp_text_prepare(&in, arena, &prep, diag) != LP_OK ||
		        lp_text_shape(shaper, &prep, arena, &shaped, diag) != LP_OK ||
		        lp_para_break(shaper, shaped, &pp, arena, &pl, diag) != LP_OK) {
			fprintf(stderr, "failed on a paragraph\n");
			return 1;
		}
		if (dump)
			lp_para_dump_lines(pl, stdout);
		for (uint32_t l = 0; l < pl->n_lines; l++) {
			const lp_line *ln = &pl->lines[l];
			lines++;
			loose += ln->ratio > 1;
			over2 += ln->ratio > 2;
			hyphens += ln->hyphenated;
			/* A space's width: from its glyph to the next glyph. */
			for (uint32_t r = 0; r < ln->n_runs; r++) {
				const lp_line_run *run = &ln->runs[r];
				for (uint32_t g = 0; g + 1 < run->n_glyphs; g++) {
					if (run->text[run->glyphs[g].cluster] != ' ')
						continue;
					double em =
					        (run->glyphs[g + 1].x_pt - run->glyphs[g].x_pt) /
					        run->size_pt;
					sum += em;
					sum2 += em * em;
					max = em > max ? em : max;
					spaces++;
				}
			}
		}
		lp_arena_drop(arena);
	}
	double mean = spaces ? sum / (double)spaces : 0;
	double sd = spaces ? sqrt(fmax(0, sum2 / (double)spaces - mean * mean)) : 0;
	printf("lines %ld  spaces %ld  mean %.3f em  sd %.3f em  max %.3f em  loose(ratio>1) %ld  "
	       "ratio>2 %ld  hyphenated %ld\n",
	        lines, spaces, mean, sd, max, loose, over2, hyphens);
	lp_hyphenators_drop(hyph);
	lp_shaper_drop(shaper);
	lp_fontdb_drop(db);
	lp_diag_drop(diag);
	free(text);
	return 0;
}
