/* The fixture of the release suites: an arena, a collecting diagnostics
 * sink, and a release parsed from text in memory under a given name. */
#ifndef LP_TEST_RELEASE_FIXTURE_H
#define LP_TEST_RELEASE_FIXTURE_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "base/source.h"
#include "release/release.h"

#include "../support/arena_diag.h"

static lp_source *src;

static void
release_setup(void)
{
	arena_diag_setup();
	src = NULL;
}

static void
release_teardown(void)
{
	lp_source_drop(src);
	arena_diag_teardown();
}

/* Parses len bytes of text as the file name; the release lives until the
 * test ends. */
static lp_status
release_parse_as(const char *name, const char *text, size_t len, lp_release **rel)
{
	lp_source_drop(src);
	cr_assert(eq(int, lp_source_from_memory(name, text, len, &src), LP_OK));
	*rel = NULL;
	return lp_release_parse(src, NULL, arena, rel, diag);
}

#endif
