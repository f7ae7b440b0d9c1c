#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/source.h"
#include "test-config.h"

Test(source, missing_file_is_reported_as_missing)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src = (lp_source *)1;
	lp_status s = lp_source_load("/nonexistent/release.md", 1000, &src, d);
	cr_assert(eq(int, s, LP_ERR_MISSING));
	cr_assert(eq(ptr, src, NULL));
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 0)->file, "/nonexistent/release.md"));
	lp_diag_drop(d);
}

Test(source, directory_and_oversize_are_errors)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src;
	cr_assert(eq(int, lp_source_load(LP_TEST_SRCDIR, 1000, &src, d), LP_ERR_MISSING));
	cr_assert(eq(int, lp_source_load(LP_TEST_SRCDIR "/fonts/OFL.txt", 100, &src, d), LP_ERR_LIMIT));
	lp_diag_drop(d);
}

Test(source, loads_file_and_indexes_lines)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src;
	cr_assert(eq(int, lp_source_load(LP_TEST_SRCDIR "/fonts/OFL.txt", 1 << 20, &src, d), LP_OK));
	cr_assert(gt(sz, lp_source_size(src), 1000));
	cr_assert(eq(i8, lp_source_data(src)[lp_source_size(src)], 0));
	uint32_t line, col;
	lp_source_line_col(src, 0, &line, &col);
	cr_assert(eq(u32, line, 1));
	cr_assert(eq(u32, col, 1));
	lp_source_line_col(src, lp_source_size(src) + 100, &line, &col);
	cr_assert(gt(u32, line, 100));
	lp_source_drop(src);
	lp_diag_drop(d);
}
