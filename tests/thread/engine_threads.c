/* The header's promise (include/letterpress.h): one engine renders from
 * several threads at once. Here from a cold engine: no document rendered
 * first, so the threads race for everything made on first use (layout
 * bundles with their fonts and pictures, hyphenation dictionaries, the
 * shaper's per-thread state), each on different releases and layouts, and
 * each output must equal a serial render's. Run under ThreadSanitizer by
 * `./setup --tsan` (meson test --suite thread). A plain program printing
 * TAP, not a Criterion suite: Criterion's runner cannot start under
 * ThreadSanitizer (its inheritable arena; Criterion issue 274). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "letterpress.h"
#include "test-config.h"

static char dir[] = "/tmp/lp_test_threads_XXXXXX";
static int failed;

/* A failed check is reported as TAP and ends the run. */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("not ok 1 - a cold engine renders from many threads\n# %s:%d: ",    \
			        __FILE__, __LINE__);                                               \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
			failed = 1;                                                                \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/* A layout of its own with a font and a raster emblem, so that a bundle
 * with fonts and a decoded picture is made while other threads render. */
static void
copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	CHECK(in && out, "cannot copy %s to %s", from, to);
	char buf[1 << 14];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		CHECK(fwrite(buf, 1, n, out) == n, "cannot write %s", to);
	fclose(in);
	CHECK(fclose(out) == 0, "cannot write %s", to);
}

static void
setup(void)
{
	CHECK(mkdtemp(dir), "cannot make a temporary folder");
	char path[512], line[1024];
	snprintf(path, sizeof path, "%s/own", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/own/layout.yaml", dir);
	FILE *in = fopen(LP_TEST_LAYOUTS_DIR "/predsednik/layout.yaml", "rb");
	FILE *out = fopen(path, "wb");
	CHECK(in && out, "cannot copy the predsednik layout");
	while (fgets(line, sizeof line, in)) {
		char *at = strstr(line, "asset: emblem.svg");
		if (at)
			strcpy(at, "asset: emblem.png\n");
		fputs(line, out);
		if (strncmp(line, "  fallback:", 11) == 0)
			fputs("  files: [own.ttf]\n", out);
	}
	fclose(in);
	CHECK(fclose(out) == 0, "cannot write %s", path);
	snprintf(path, sizeof path, "%s/own/own.ttf", dir);
	copy_file(LP_TEST_FONTS_DIR "/NotoSans-Italic.ttf", path);
	snprintf(path, sizeof path, "%s/own/emblem.png", dir);
	copy_file(LP_TEST_DATA_DIR "/images/emblem-alpha.png", path);
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		failed = 1;
}

typedef struct job {
	const char *example; /* in examples/ */
	bool own_layout; /* set on the layout made above */
	char *text;
	size_t len;
	uint8_t *out;
	size_t size;
	lp_status status;
	size_t warnings;
	lp_engine *engine;
	pthread_barrier_t *start;
} job;

/* Two jobs share each shipped layout, so threads also race to resolve the
 * same one; the languages differ, so they race for dictionaries too. */
static job jobs[] = {
        {.example = "predsednik-2024-02-20.md"},
        {.example = "latinica-2024-03-14.md"},
        {.example = "ru-2024-04-09.md"},
        {.example = "seed-saopstenje-2024-02-20.md"},
        {.example = "en-2024-09-24.md"},
        {.example = "uk-2024-05-16.md"},
        {.example = "bg-2024-06-11.md", .own_layout = true},
        {.example = "mk-2024-07-02.md", .own_layout = true},
};
enum { N = sizeof jobs / sizeof *jobs };

static void *
run(void *arg)
{
	job *j = arg;
	if (j->start)
		pthread_barrier_wait(j->start);
	char layout[512];
	snprintf(layout, sizeof layout, "%s/own", dir);
	lp_render_options ro = {.layout = j->own_layout ? layout : NULL, .date_epoch = -1};
	lp_diag *d = lp_diag_new(NULL, NULL);
	j->status =
	        lp_render_memory(j->engine, j->example, j->text, j->len, &ro, &j->out, &j->size, d);
	j->warnings = lp_diag_count(d, LP_WARNING);
	lp_diag_drop(d);
	return NULL;
}

static void
load(job *j)
{
	char path[512];
	snprintf(path, sizeof path, "%s/examples/%s", LP_TEST_SRCDIR, j->example);
	FILE *f = fopen(path, "rb");
	CHECK(f, "cannot read %s", path);
	j->text = malloc(1 << 16);
	j->len = fread(j->text, 1, 1 << 16, f);
	fclose(f);
}

/* The threads go first, in a process that has rendered nothing: what
 * libraries keep process-wide (HarfBuzz's language list, ICU's data) is
 * cold too. The serial renders, on another fresh engine, come after. */
static void
a_cold_engine_renders_from_many_threads_as_it_does_serially(void)
{
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	for (int i = 0; i < N; i++) {
		load(&jobs[i]);
		if (failed)
			return;
	}
	lp_engine *shared;
	CHECK(lp_engine_new(&eo, &shared, NULL) == LP_OK, "no engine");
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, N);
	pthread_t t[N];
	for (int i = 0; i < N; i++) {
		jobs[i].engine = shared;
		jobs[i].start = &start;
		CHECK(pthread_create(&t[i], NULL, run, &jobs[i]) == 0, "no thread");
	}
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	lp_engine_drop(shared);

	job serial[N];
	lp_engine *one;
	CHECK(lp_engine_new(&eo, &one, NULL) == LP_OK, "no engine");
	for (int i = 0; i < N; i++) {
		serial[i] = jobs[i];
		serial[i].engine = one;
		serial[i].start = NULL;
		serial[i].out = NULL;
		run(&serial[i]);
		CHECK(serial[i].status == LP_OK, "%s: status %d", jobs[i].example,
		        serial[i].status);
	}
	lp_engine_drop(one);
	for (int i = 0; i < N; i++) {
		CHECK(jobs[i].status == LP_OK, "%s: status %d", jobs[i].example, jobs[i].status);
		CHECK(jobs[i].size == serial[i].size &&
		                memcmp(jobs[i].out, serial[i].out, serial[i].size) == 0,
		        "%s differs from its serial render", jobs[i].example);
		/* The layout's warnings, if any, reach each document. */
		CHECK(jobs[i].warnings == serial[i].warnings, "%s: %zu warnings, serially %zu",
		        jobs[i].example, jobs[i].warnings, serial[i].warnings);
		free(jobs[i].out);
		free(serial[i].out);
		free(jobs[i].text);
	}
	printf("ok 1 - a cold engine renders %d releases on 5 layouts from %d threads as it does "
	       "serially\n",
	        N, N);
}

int
main(void)
{
	printf("1..1\n");
	setup();
	if (!failed)
		a_cold_engine_renders_from_many_threads_as_it_does_serially();
	teardown();
	return failed;
}
