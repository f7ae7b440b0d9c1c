/*
 * A scratch folder for each test process: made with mkdtemp under the
 * system's temporary folder, entered as the working directory, removed
 * with everything in it when the test ends. Tests write their files by
 * relative names (or under lp_scratch), so two runs at once never share a
 * file. Use as a suite's or a test's .init/.fini.
 */
#ifndef LP_TEST_SCRATCH_H
#define LP_TEST_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char lp_scratch[64];

static inline void
lp_scratch_enter(void)
{
	snprintf(lp_scratch, sizeof lp_scratch, "/tmp/lp-test-XXXXXX");
	if (!mkdtemp(lp_scratch) || chdir(lp_scratch) != 0)
		abort();
}

static inline void
lp_scratch_leave(void)
{
	char cmd[128];
	if (!lp_scratch[0] || chdir("/") != 0)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", lp_scratch);
	if (system(cmd) != 0)
		abort();
	lp_scratch[0] = '\0';
}

#endif
