/* The fixture most unit suites share: a fresh arena and a collecting
 * diagnostics sink for every test. */
#ifndef LP_TEST_ARENA_DIAG_H
#define LP_TEST_ARENA_DIAG_H

#include "base/arena.h"
#include "base/diag.h"

static lp_arena *arena;
static lp_diag *diag;

static void
arena_diag_setup(void)
{
	arena = lp_arena_new(0);
	diag = lp_diag_new(NULL, NULL);
}

static void
arena_diag_teardown(void)
{
	lp_diag_drop(diag);
	lp_arena_drop(arena);
}

#endif
