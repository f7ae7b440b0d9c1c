/*
 * What every fuzz target shares: the libFuzzer entry points, declared here
 * so that each target compiles warning-free with gcc as well as clang (the
 * normal build links the targets to replay_main.c; -Dfuzz=true links them
 * to libFuzzer), where the source tree's data is, and the checks that turn
 * a broken promise into a finding like a crash.
 */
#ifndef LP_FUZZ_FUZZ_H
#define LP_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "letterpress.h"

/* The source tree (fonts/, layouts/), given by meson. */
#ifndef LP_FUZZ_SRCDIR
#error "LP_FUZZ_SRCDIR must name the source tree"
#endif

/* Called once per input; returns 0 (libFuzzer reserves other values). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Called once before the first input by the targets that define it. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,       \
			        #cond);                                                            \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* How precisely a failure must be located: an error in the sink at all
 * (backends writing to memory have no file), naming the file (binary inputs
 * may give a byte offset), or naming file and line (text inputs). */
enum { FUZZ_REPORTED, FUZZ_FILE, FUZZ_LINE };

/* A failure must be told to the sink as an error, located as asked. */
static inline void
fuzz_check_failure(const lp_diag *diag, lp_status status, int located)
{
	if (status == LP_ERR_NOMEM)
		return;
	FUZZ_CHECK(lp_diag_count(diag, LP_ERROR) > 0);
	for (size_t i = 0; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (!e || e->severity != LP_ERROR)
			continue;
		FUZZ_CHECK(located < FUZZ_FILE || e->file != NULL);
		FUZZ_CHECK(located < FUZZ_LINE || e->line > 0);
	}
}

/* The engine of a whole-render target, made once per process as a batch
 * run makes it, with the source tree's fonts and layouts; exits when it
 * cannot be made (no input could be tried). */
static inline lp_engine *
fuzz_make_engine(const char *target)
{
	lp_engine *engine = NULL;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_engine_options opts = {.data_dir = LP_FUZZ_SRCDIR};
	lp_status st = lp_engine_new(&opts, &engine, diag);
	lp_diag_drop(diag);
	if (st != LP_OK) {
		fprintf(stderr, "%s: no engine (%s) with the data in %s\n", target,
		        lp_status_str(st), LP_FUZZ_SRCDIR);
		exit(1);
	}
	return engine;
}

#endif
