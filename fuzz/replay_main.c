/*
 * A stand-in for libFuzzer in the normal build: runs a fuzz target's
 * LLVMFuzzerTestOneInput once on each file given, and on each file inside
 * each folder given (not recursively, in name order, skipping dot files and
 * README files). This is how the seed corpora and every reproducer ever
 * found are replayed by `meson test` under the sanitizers: a crash, a
 * sanitizer report, an input running past the time limit or the process's
 * peak memory passing the memory limit fails the test.
 *
 *   replay_TARGET [--timeout=SECONDS] [--max-rss-mb=MB] FILE_OR_FOLDER...
 *
 * Each input is copied into a buffer of exactly its size, as libFuzzer
 * does, so reading one byte past it is an ASan report.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* Seconds one input may take: libFuzzer's -timeout=10 in run.sh, with room
 * for a debug build under ASan and UBSan on a busy machine (the seeds take
 * well under a second each there). */
#define REPLAY_DEFAULT_TIMEOUT 60
/* Peak resident memory of the whole replay, in MiB: the seeds need under
 * 100 under ASan; a few hundred more is what no input of these sizes may
 * cost (the budget is 64 MB + 8 x the input), however it gets there. */
#define REPLAY_DEFAULT_MAX_RSS_MB 512

#pragma weak LLVMFuzzerInitialize

static unsigned timeout_s = REPLAY_DEFAULT_TIMEOUT;
static long max_rss_mb = REPLAY_DEFAULT_MAX_RSS_MB;

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	uint8_t *data = NULL;
	size_t size = 0, cap = 0;
	for (;;) {
		if (size == cap) {
			cap = cap ? cap * 2 : 4096;
			uint8_t *grown = realloc(data, cap);
			if (!grown) {
				fprintf(stderr, "replay: out of memory reading %s\n", path);
				free(data);
				fclose(f);
				return -1;
			}
			data = grown;
		}
		size_t n = fread(data + size, 1, cap - size, f);
		size += n;
		if (n == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(data);
		return -1;
	}
	/* Exactly size bytes, so ASan sees any read past the input. */
	uint8_t *exact = malloc(size ? size : 1);
	if (!exact) {
		free(data);
		return -1;
	}
	if (size)
		memcpy(exact, data, size);
	free(data);
	printf("replay: %s (%zu bytes)\n", path, size);
	fflush(stdout);
	alarm(timeout_s);
	LLVMFuzzerTestOneInput(exact, size);
	alarm(0);
	free(exact);
	/* The peak only grows, so the first input past the limit is named. */
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss / 1024 > max_rss_mb) {
		fprintf(stderr, "replay: %s: peak memory %ld MiB is over the limit of %ld MiB\n",
		        path, (long)(ru.ru_maxrss / 1024), max_rss_mb);
		return -1;
	}
	return 0;
}

static int
skipped(const char *name)
{
	return name[0] == '.' || strncmp(name, "README", 6) == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in a folder; returns how many, or -1. */
static int
replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int count = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (skipped(ent->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **grown = realloc(names, cap * sizeof *names);
			if (!grown)
				goto fail;
			names = grown;
		}
		if (!(names[n] = strdup(ent->d_name)))
			goto fail;
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n && count >= 0; i++) {
		char path[4096];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		count = replay_file(path) == 0 ? count + 1 : -1;
	}
	goto done;
fail:
	fprintf(stderr, "replay: out of memory listing %s\n", dir);
	count = -1;
done:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return count;
}

int
main(int argc, char **argv)
{
	int total = 0;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--timeout=", 10) == 0) {
			timeout_s = (unsigned)strtoul(argv[i] + 10, NULL, 10);
			continue;
		}
		if (strncmp(argv[i], "--max-rss-mb=", 13) == 0) {
			max_rss_mb = strtol(argv[i] + 13, NULL, 10);
			continue;
		}
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		int n = S_ISDIR(sb.st_mode)         ? replay_dir(argv[i])
		        : replay_file(argv[i]) == 0 ? 1
		                                    : -1;
		if (n < 0)
			return 1;
		total += n;
	}
	printf("replay: %d inputs, none failed\n", total);
	return 0;
}
