/* What the benchmarks that take a list of releases share (bench_releases,
 * bench_vs_gs): the list read, one release path a line (bench/batch_gen.py
 * makes them; blank lines are skipped), and each release's bytes read into
 * memory, so that no timed render reads a file. */
#ifndef LP_BENCH_LIST_H
#define LP_BENCH_LIST_H

#include "letterpress.h"

#include "base/array.h"
#include "base/limits.h"
#include "base/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bench_input {
	char *path;
	char *data;
	size_t size;
} bench_input;

static inline void
bench_inputs_free(bench_input *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(in[i].path);
		free(in[i].data);
	}
	free(in);
}

/* The releases list_path names, into *out (bench_inputs_free()), and how
 * many; 0 with a message when the list or a release cannot be read, or
 * names none, with *status the exit status to end with. */
static inline size_t
bench_read_list(const char *list_path, bench_input **out, int *status)
{
	*out = NULL;
	*status = 0;
	FILE *list = fopen(list_path, "r");
	if (!list) {
		perror(list_path);
		*status = 66;
		return 0;
	}
	bench_input *in = NULL;
	size_t n = 0, cap = 0;
	char line[4096];
	while (*status == 0 && fgets(line, sizeof line, list)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		if (LP_ARRAY_RESERVE(in, cap, n + 1, LP_ARRAY_ANY) != LP_OK) {
			*status = 71;
			break;
		}
		bench_input *x = &in[n];
		*x = (bench_input){strdup(line), NULL, 0};
		n++;
		if (!x->path || lp_file_read(line, LP_MAX_RELEASE_BYTES, &x->data, &x->size,
		                        NULL) != LP_OK) {
			fprintf(stderr, "%s: cannot be read\n", line);
			*status = 66;
		}
	}
	fclose(list);
	if (*status == 0 && n == 0) {
		fprintf(stderr, "%s: no releases\n", list_path);
		*status = 65;
	}
	if (*status != 0) {
		bench_inputs_free(in, n);
		return 0;
	}
	*out = in;
	return n;
}

#endif
