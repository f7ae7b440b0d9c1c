/* The body flow (src/pipeline/flow.c): how release blocks are indented. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "letterpress.h"
#include "test-config.h"

#include "../support/engine_diag.h"

TestSuite(flow, .init = engine_diag_setup, .fini = engine_diag_teardown, .timeout = 120);

static lp_status
render(const char *text)
{
	uint8_t *pdf = NULL;
	size_t size = 0;
	lp_status st =
	        lp_render_memory(engine, "deep.md", text, strlen(text), NULL, &pdf, &size, diag);
	cr_assert(eq(int, st != LP_OK || size > 1000, 1));
	free(pdf);
	return st;
}

/* 30 nested quotes are within LP_MAX_NESTING; at 1.5 em a level their
 * indentation used to pass the measure, and the render failed with a
 * non-positive measure (exit 64). Now the indentation stops, with a
 * warning at the paragraph. */
Test(flow, deep_quotes_keep_a_measure_and_warn)
{
	char text[256] = "Први пасус.\n\n";
	size_t n = strlen(text);
	for (int i = 0; i < 30; i++, n += 2)
		memcpy(text + n, "> ", 2);
	strcpy(text + n, "Дубоко цитиран текст од неколико речи.\n");
	cr_assert(eq(int, render(text), LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 0));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 61));
	cr_assert(ne(ptr, strstr(e->message, "nested this deep"), NULL), "%s", e->message);
}

Test(flow, deep_lists_keep_a_measure_too)
{
	char text[4096] = "";
	size_t n = 0;
	for (int i = 0; i < LP_MAX_NESTING - 1; i++) {
		memset(text + n, ' ', (size_t)i * 2);
		n += (size_t)i * 2;
		n += (size_t)sprintf(text + n, "- ставка %d\n", i + 1);
	}
	cr_assert(eq(int, render(text), LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 0));
}

Test(flow, shallow_nesting_is_not_capped)
{
	cr_assert(eq(int, render("> > > Цитат у цитату.\n\n- а\n  - б\n    - в\n"), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
}
