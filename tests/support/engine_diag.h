/* The fixture of the unit suites that render releases through the public
 * API: one engine on the source tree's data and a collecting diagnostics
 * sink for every test. */
#ifndef LP_TEST_ENGINE_DIAG_H
#define LP_TEST_ENGINE_DIAG_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "letterpress.h"
#include "test-config.h"

static lp_engine *engine;
static lp_diag *diag;

static void
engine_diag_setup(void)
{
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &engine, NULL), LP_OK));
	diag = lp_diag_new(NULL, NULL);
}

static void
engine_diag_teardown(void)
{
	lp_diag_drop(diag);
	lp_engine_drop(engine);
}

#endif
