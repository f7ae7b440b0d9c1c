/*
 * Shaping throughput: the body paragraphs of a release, prepared and
 * shaped again and again with one shaper, reported in characters (code
 * points) per second. bench/shape.sh runs it next to hb-shape on the same
 * text; see docs/benchmarks.md.
 *
 *   bench_shape RELEASE.md FONTS_DIR ITERATIONS [--write-text FILE]
 *
 * Body paragraphs are the blank-line-separated blocks of plain prose: at
 * least LP_BENCH_MIN_PARAGRAPH bytes, no Markdown emphasis, links or hard
 * breaks. --write-text writes them one per line (for hb-shape --text-file).
 */
#include "base/utf8.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LP_BENCH_MIN_PARAGRAPH 200
#define LP_BENCH_MAX_PARAGRAPHS 256

typedef struct body {
	char *text[LP_BENCH_MAX_PARAGRAPHS];
	uint32_t len[LP_BENCH_MAX_PARAGRAPHS];
	size_t n;
	size_t chars;
} body;

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)size + 1);
		if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
			free(data);
			data = NULL;
		} else if (data) {
			data[size] = '\0';
		}
	}
	fclose(f);
	return data;
}

static void
collect(char *md, body *b)
{
	char *p = md;
	while (*p && b->n < LP_BENCH_MAX_PARAGRAPHS) {
		char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		bool prose =
		        n >= LP_BENCH_MIN_PARAGRAPH && !memchr(p, '*', n) && !memchr(p, '[', n);
		for (size_t i = 0; prose && i + 2 < n; i++)
			if (p[i] == ' ' && p[i + 1] == ' ' && p[i + 2] == '\n')
				prose = false;
		if (prose) {
			for (size_t i = 0; i < n; i++)
				if (p[i] == '\n')
					p[i] = ' ';
			b->text[b->n] = p;
			b->len[b->n] = (uint32_t)n;
			b->chars += lp_utf8_count((const uint8_t *)p, n);
			b->n++;
		}
		p += n;
		while (*p == '\n')
			p++;
	}
}

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
	if (argc != 4 && !(argc == 6 && strcmp(argv[4], "--write-text") == 0)) {
		fprintf(stderr, "usage: %s RELEASE.md FONTS_DIR ITERATIONS [--write-text FILE]\n",
		        argv[0]);
		return 64;
	}
	int iterations = atoi(argv[3]);
	char *md = slurp(argv[1]);
	lp_fontdb *db = lp_fontdb_new();
	lp_shaper *sh = NULL;
	lp_arena *arena = NULL;
	body b = {0};
	int rc = 1;

	if (!md || !db || lp_fontdb_add_dir(db, argv[2], NULL) != LP_OK) {
		fprintf(stderr, "bench_shape: cannot read %s or the fonts in %s\n", argv[1],
		        argv[2]);
		goto fail;
	}
	lp_fontdb_freeze(db);
	sh = lp_shaper_new(db, NULL, 0);
	collect(md, &b);
	if (!sh || b.n == 0 || iterations < 1) {
		fprintf(stderr, "bench_shape: no body paragraphs found\n");
		goto fail;
	}
	if (argc == 6) {
		FILE *f = fopen(argv[5], "w");
		for (size_t i = 0; f && i < b.n; i++)
			fprintf(f, "%.*s\n", (int)b.len[i], b.text[i]);
		if (!f || fclose(f) != 0) {
			fprintf(stderr, "bench_shape: cannot write %s\n", argv[5]);
			goto fail;
		}
	}

	double prepare_s = 0, shape_s = 0;
	size_t glyphs = 0;
	for (int it = 0; it < iterations; it++) {
		arena = lp_arena_new(0);
		for (size_t i = 0; i < b.n; i++) {
			lp_span span = {0, b.len[i],
			        {.family = "Noto Serif",
			                .weight = 400,
			                .size_pt = 11,
			                .lang = "sr-Cyrl",
			                .link = -1}};
			lp_text_par in = {b.text[i], b.len[i], &span, 1, argv[1], 0}, prep;
			lp_shaped_par *out = NULL;
			double t0 = now();
			if (lp_text_prepare(&in, arena, &prep, NULL) != LP_OK)
				goto fail;
			double t1 = now();
			if (lp_text_shape(sh, &prep, arena, &out, NULL) != LP_OK)
				goto fail;
			shape_s += now() - t1;
			prepare_s += t1 - t0;
			for (uint32_t r = 0; r < out->n_runs; r++)
				glyphs += out->runs[r].n_glyphs;
		}
		lp_arena_drop(arena);
		arena = NULL;
	}
	double chars = (double)b.chars * iterations;
	printf("paragraphs %zu, characters %zu, iterations %d, glyphs %zu\n", b.n, b.chars,
	        iterations, glyphs / (size_t)iterations);
	printf("letterpress prepare: %.0f chars/s\n", chars / prepare_s);
	printf("letterpress shape: %.0f chars/s\n", chars / shape_s);
	printf("letterpress prepare+shape: %.0f chars/s\n", chars / (prepare_s + shape_s));
	rc = 0;
fail:
	lp_arena_drop(arena);
	lp_shaper_drop(sh);
	lp_fontdb_drop(db);
	free(md);
	return rc;
}
