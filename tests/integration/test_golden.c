/* Golden files: every example's display list, item by item (the trace
 * device through `check --dump=dlist`), as tests/golden/NAME.trace holds it.
 * The line dumps (NAME.lines) see only the body; the traces see everything a
 * page shows, so that an edit to an organ line or a footer digit fails. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS
#define EXAMPLES LP_TEST_SRCDIR "/examples"
#define GOLDEN LP_TEST_SRCDIR "/tests/golden"
#define SEED "predsednik-2024-02-20"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(golden, 120);

Test(golden, every_examples_display_list_matches_its_trace)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd " EXAMPLES " && for f in *.md; do n=${f%%.md}; " LP
	                          " check -q --dump=dlist \"$f\" > %s/t && diff -u " GOLDEN
	                          "/$n.trace %s/t > %s/d "
	                          "|| { head -40 %s/d; exit 1; }; done",
	                          dir, dir, dir, dir),
	                  0),
	        "the display list changed (tests/golden/regenerate.sh writes new traces):\n%s",
	        out);
	/* Not vacuous: every example was compared. */
	cr_assert(eq(int, sh(out, sizeof out, "ls " EXAMPLES "/*.md | wc -l"), 0));
	int examples = atoi(out);
	cr_assert(eq(int, sh(out, sizeof out, "ls " GOLDEN "/*.trace | wc -l"), 0));
	cr_assert(eq(int, atoi(out), examples), "one trace per example");
}

/* Renders a copy of the seed with one edit (a sed expression) and returns
 * the diff of its trace against the golden one in out; the line dump must
 * still match, which is the hole the traces close. */
static int
edited_seed_diff(const char *sed_expr)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "sed '%s' " EXAMPLES "/" SEED ".md > %s/" SEED ".md && "
	                          "! cmp -s " EXAMPLES "/" SEED ".md %s/" SEED ".md",
	                          sed_expr, dir, dir),
	                  0),
	        "the edit '%s' changed nothing", sed_expr);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " check -q --dump=lines %s/" SEED ".md | diff " GOLDEN "/" SEED
	                             ".lines -",
	                          dir),
	                  0),
	        "the body's lines should not see this edit: %s", out);
	return sh(out, sizeof out,
	        LP " check -q --dump=dlist %s/" SEED ".md | diff " GOLDEN "/" SEED ".trace - "
	           "| grep '^[<>] text' | sed -E 's/ \\[[^]]*\\]$//'",
	        dir);
}

Test(golden, a_word_dropped_from_an_organ_line_fails)
{
	cr_assert(eq(int, edited_seed_diff("s/САРАДЊУ СА МЕДИЈИМА/САРАДЊУ МЕДИЈИМА/"), 0));
	cr_assert(
	        ne(ptr,
	                strstr(out, "< text font=NotoSerif-Regular size=10 color=#000000 glyphs=29 "
	                            "text=\"СЛУЖБА ЗА САРАДЊУ СА МЕДИЈИМА\""),
	                NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr,
	                strstr(out, "> text font=NotoSerif-Regular size=10 color=#000000 glyphs=26 "
	                            "text=\"СЛУЖБА ЗА САРАДЊУ МЕДИЈИМА\""),
	                NULL),
	        "%s", out);
}

Test(golden, one_digit_of_the_footers_fax_number_fails)
{
	cr_assert(eq(int, edited_seed_diff("s/3043 280/3043 281/"), 0));
	cr_assert(ne(ptr, strstr(out, "3043 280"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "3043 281"), NULL), "%s", out);
}
