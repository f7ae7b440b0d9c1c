/* Many distinct releases to fax TIFF (fine, G4) in one process, in
 * memory: each release's least thread CPU time over the rounds after the
 * first (which fills the engine's caches, as a batch's first releases
 * do), averaged. A busy machine only adds time, so the least of a few
 * rounds of one release (under a millisecond) is seldom hit by a burst
 * of load that moves a whole process's time: a figure for comparing two
 * builds, with the library each was built with (docs/benchmarks.md).
 *
 *   build/bench/bench_releases LIST [ROUNDS]
 *
 * LIST holds one release path a line (bench/batch_gen.py makes them).
 */
#include "letterpress.h"

#include "base/limits.h"
#include "base/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct release {
	char *path;
	char *data;
	size_t size;
	double best_ms;
} release;

static double
thread_cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s LIST [ROUNDS]\n", argv[0]);
		return 64;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 6;
	if (rounds < 2)
		rounds = 2;
	FILE *list = fopen(argv[1], "r");
	if (!list) {
		perror(argv[1]);
		return 66;
	}
	release *r = NULL;
	size_t n = 0, cap = 0;
	char line[4096];
	while (fgets(line, sizeof line, list)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		if (n == cap) {
			release *more = realloc(r, (cap = cap ? 2 * cap : 256) * sizeof *r);
			if (!more)
				return 71;
			r = more;
		}
		r[n] = (release){strdup(line), NULL, 0, 1e300};
		if (!r[n].path || lp_file_read(line, LP_MAX_RELEASE_BYTES, &r[n].data, &r[n].size,
		                          NULL) != LP_OK) {
			fprintf(stderr, "%s: cannot be read\n", line);
			return 66;
		}
		n++;
	}
	fclose(list);
	if (n == 0) {
		fprintf(stderr, "%s: no releases\n", argv[1]);
		return 65;
	}
	lp_engine *engine;
	if (lp_engine_new(NULL, &engine, NULL) != LP_OK)
		return 70;
	lp_render_options ro = {.date_epoch = -1, .format = LP_FORMAT_TIFF};
	for (int round = 0; round < rounds; round++)
		for (size_t i = 0; i < n; i++) {
			uint8_t *out;
			size_t size;
			double t0 = thread_cpu_ms();
			lp_status s = lp_render_memory(
			        engine, r[i].path, r[i].data, r[i].size, &ro, &out, &size, NULL);
			double ms = thread_cpu_ms() - t0;
			if (s != LP_OK) {
				fprintf(stderr, "%s: not rendered (status %d)\n", r[i].path, s);
				return 65;
			}
			free(out);
			if (round > 0 && ms < r[i].best_ms)
				r[i].best_ms = ms;
		}
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += r[i].best_ms;
	printf("%zu releases to fax TIFF in memory, least of %d rounds each: %.3f ms of CPU a "
	       "release\n",
	        n, rounds - 1, sum / (double)n);
	for (size_t i = 0; i < n; i++) {
		free(r[i].path);
		free(r[i].data);
	}
	free(r);
	lp_engine_drop(engine);
	return 0;
}
