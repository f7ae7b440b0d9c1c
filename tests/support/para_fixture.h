/*
 * The paragraph tests' world: the bundled fonts (frozen), a shaper, the
 * hyphenation dictionaries, an arena and a diagnostics sink, made before
 * each test and dropped after it:
 *
 *     TestSuite(para, .init = para_fixture_setup, .fini = para_fixture_teardown);
 */
#ifndef LP_TEST_PARA_FIXTURE_H
#define LP_TEST_PARA_FIXTURE_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "lp_config.h"
#include "base/diag.h"
#include "para/para.h"
#include "test-config.h"

static lp_fontdb *db;
static lp_arena *arena;
static lp_diag *diag;
static lp_shaper *shaper;
static lp_hyphenators *hyph;

static void
para_fixture_setup(void)
{
	db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(db, LP_TEST_FONTS_DIR, NULL), LP_OK));
	lp_fontdb_freeze(db);
	arena = lp_arena_new(0);
	diag = lp_diag_new(NULL, NULL);
	shaper = lp_shaper_new(db, NULL, 0);
	hyph = lp_hyphenators_new(LP_HYPHEN_DIR, NULL);
	cr_assert(ne(ptr, shaper, NULL));
}

static void
para_fixture_teardown(void)
{
	lp_hyphenators_drop(hyph);
	lp_shaper_drop(shaper);
	lp_diag_drop(diag);
	lp_arena_drop(arena);
	lp_fontdb_drop(db);
}

/* The text a line shows, its runs joined, in the arena. */
static inline const char *
para_line_text(const lp_line *ln)
{
	size_t n = 0;
	for (uint32_t r = 0; r < ln->n_runs; r++)
		n += ln->runs[r].text_len;
	char *t = lp_arena_alloc(arena, n + 1);
	cr_assert(ne(ptr, t, NULL));
	n = 0;
	for (uint32_t r = 0; r < ln->n_runs; r++) {
		memcpy(t + n, ln->runs[r].text, ln->runs[r].text_len);
		n += ln->runs[r].text_len;
	}
	t[n] = '\0';
	return t;
}

#endif
