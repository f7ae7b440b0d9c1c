/* Many distinct releases to fax TIFF (fine, G4) in one process, in
 * memory: each release's least thread CPU time over the rounds after the
 * first (which fills the engine's caches, as a batch's first releases
 * do), averaged. A busy machine only adds time, so the least of a few
 * rounds of one release (under a millisecond) is seldom hit by a burst
 * of load that moves a whole process's time.
 *
 *   build/bench/bench_releases LIST [ROUNDS [LIBRARY...]]
 *
 * LIST holds one release path a line (bench/batch_gen.py makes them).
 * With LIBRARYs, builds' libletterpress.so (say main's before a change and
 * this build's), each is loaded, its own copy, and given each release in
 * turn with the others, taking turns going first: the machine's drift,
 * which moves two runs made one after the other by more than a change's
 * gain, then falls on all alike (docs/benchmarks.md). Give each as a file
 * of its own: one file given twice is loaded once. All are loaded the
 * same way, none linked in: the same code linked into this program ran
 * some 2 % slower than from its library, more than many a change gains.
 */
#include "letterpress.h"

#include "bench_clock.h"
#include "bench_list.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BUILDS 4

/* A release's least time, a build's. */
typedef struct release {
	double best_ms[MAX_BUILDS];
} release;

/* The entry points of one build's library. */
typedef struct build {
	lp_status (*engine_new)(const lp_engine_options *, lp_engine **, lp_diag *);
	lp_status (*render_memory)(lp_engine *, const char *, const void *, size_t,
	        const lp_render_options *, uint8_t **, size_t *, lp_diag *);
	void (*engine_drop)(lp_engine *);
	lp_diag *(*diag_new)(lp_diag_fn, void *);
	void (*diag_drop)(lp_diag *);
	lp_engine *engine;
} build;

/* A build's entry points, from its own copy of its library (RTLD_DEEPBIND:
 * its calls stay inside it). */
static bool
load_build(const char *path, build *b)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
	if (!h) {
		fprintf(stderr, "%s\n", dlerror());
		return false;
	}
	*(void **)&b->engine_new = dlsym(h, "lp_engine_new");
	*(void **)&b->render_memory = dlsym(h, "lp_render_memory");
	*(void **)&b->engine_drop = dlsym(h, "lp_engine_drop");
	*(void **)&b->diag_new = dlsym(h, "lp_diag_new");
	*(void **)&b->diag_drop = dlsym(h, "lp_diag_drop");
	return b->engine_new && b->render_memory && b->engine_drop && b->diag_new && b->diag_drop;
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
	bench_input *in;
	int status;
	size_t n = bench_read_list(argv[1], &in, &status);
	if (n == 0)
		return status;
	release *r = malloc(n * sizeof *r);
	if (!r)
		return 71;
	for (size_t i = 0; i < n; i++)
		r[i] = (release){{1e300, 1e300, 1e300, 1e300}};
	build builds[MAX_BUILDS] = {
	        {lp_engine_new, lp_render_memory, lp_engine_drop, lp_diag_new, lp_diag_drop, NULL}};
	int n_builds = argc > 3 ? argc - 3 : 1;
	if (n_builds > MAX_BUILDS) {
		fprintf(stderr, "at most %d libraries\n", MAX_BUILDS);
		return 64;
	}
	for (int k = 0; k < n_builds && argc > 3; k++)
		if (!load_build(argv[3 + k], &builds[k])) {
			fprintf(stderr, "%s: not a letterpress library\n", argv[3 + k]);
			return 66;
		}
	for (int k = 0; k < n_builds; k++)
		if (builds[k].engine_new(NULL, &builds[k].engine, NULL) != LP_OK)
			return 70;
	lp_render_options ro = {.date_epoch = -1, .format = LP_FORMAT_TIFF};
	for (int round = 0; round < rounds; round++)
		for (size_t i = 0; i < n; i++)
			for (int turn = 0; turn < n_builds; turn++) {
				int k = (int)((size_t)turn + i + (size_t)round) % n_builds;
				uint8_t *out;
				size_t size;
				/* A sink of its own, as the batch gives each release
				 * one: what a render says decides what the engine
				 * keeps for the next (pipeline/setkept.c). */
				lp_diag *diag = builds[k].diag_new(NULL, NULL);
				if (!diag)
					return 71;
				double t0 = thread_cpu_ms();
				lp_status s = builds[k].render_memory(builds[k].engine, in[i].path,
				        in[i].data, in[i].size, &ro, &out, &size, diag);
				double ms = thread_cpu_ms() - t0;
				builds[k].diag_drop(diag);
				if (s != LP_OK) {
					fprintf(stderr, "%s: not rendered (status %d)\n",
					        in[i].path, s);
					return 65;
				}
				free(out);
				if (round > 0 && ms < r[i].best_ms[k])
					r[i].best_ms[k] = ms;
			}
	double sum[MAX_BUILDS] = {0};
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < n_builds; k++)
			sum[k] += r[i].best_ms[k];
	printf("%zu releases to fax TIFF in memory, least of %d rounds each, ms of CPU a release:",
	        n, rounds - 1);
	for (int k = 0; k < n_builds; k++) {
		printf(" %s %.3f", argc > 3 ? argv[3 + k] : "this build", sum[k] / (double)n);
		if (k > 0)
			printf(" (%.1f %% of the first's)", 100 * sum[k] / sum[0]);
	}
	printf("\n");
	bench_inputs_free(in, n);
	free(r);
	for (int k = 0; k < n_builds; k++)
		builds[k].engine_drop(builds[k].engine);
	return 0;
}
