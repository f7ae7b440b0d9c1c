/* A style's alignment reaches the line breaker: pipeline/setpar.c turns the
 * layout's align into para/'s own (lp_par_align), and every one of the
 * four must come out as itself. The examples' layouts use no right
 * alignment, so their golden traces alone would not notice it lost. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "cli_util.h"

/* The x where the trace's text item starting with prefix is drawn. */
static double
x_of(const char *trace, const char *prefix)
{
	char key[128];
	snprintf(key, sizeof key, " text=\"%s", prefix);
	const char *t = strstr(trace, key);
	cr_assert(ne(ptr, (void *)t, NULL), "no text \"%s\" in\n%s", prefix, trace);
	double x = 0;
	cr_assert(eq(int, sscanf(strstr(t, "\" [") + 3, "%*u@%lf,", &x), 1));
	return x;
}

/* The x of the first glyph of a one-line paragraph set on the plain layout
 * with its body style aligned as align. */
static double
first_x(const char *dir, const char *align)
{
	char out[8192];
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "sed 's/^    align: justify$/    align: %s/' " LP_TEST_SRCDIR
	                          "/layouts/plain/layout.yaml > %s/%s.yaml && "
	                          "printf -- '---\\nlayout: %s.yaml\\nlang: en\\n---\\n"
	                          "One short paragraph.\\n' > %s/%s.md && " LP_TEST_LETTERPRESS
	                          " check -q --dump=dlist %s/%s.md | grep '^text '",
	                          align, dir, align, align, dir, align, dir, align),
	                  0),
	        "%s", out);
	return x_of(out, "");
}

Test(align, left_center_right_and_justify_each_set_as_named)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	double left = first_x(dir, "left"), center = first_x(dir, "center");
	double right = first_x(dir, "right"), justify = first_x(dir, "justify");
	/* The plain layout's left margin is 25 mm (70.87 pt). */
	cr_assert(ieee_ulp_eq(dbl, left, 70.87, 4), "left at %.2f", left);
	cr_assert(ieee_ulp_eq(dbl, justify, 70.87, 4), "a one-line justified paragraph is left");
	cr_assert(lt(dbl, left + 100, right), "right at %.2f", right);
	/* Centred, the line is half as far from the left edge as right-aligned. */
	cr_assert(le(dbl, fabs((right - left) - 2 * (center - left)), 0.02),
	        "left %.2f, centre %.2f, right %.2f", left, center, right);
	remove_temp_dir(dir);
}

/* A list item's second paragraph and its code block stand where the item
 * does (under its marker, as its own wrapped lines), not back at the
 * margin, where they read as out of the list. */
Test(align, an_items_later_paragraphs_and_code_stay_in_the_item)
{
	char dir[64], out[1 << 16];
	make_temp_dir(dir, sizeof dir);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "printf -- '---\\nlayout: plain\\nlang: sr-Cyrl\\n---\\n\\n"
	                          "Пасус.\\n\\n- Ставка.\\n\\n  Други пасус.\\n\\n      код\\n\\n"
	                          "- Друга.\\n' > %s/r.md && " LP_TEST_LETTERPRESS
	                          " check -q --dump=dlist %s/r.md | grep '^text '",
	                          dir, dir),
	                  0),
	        "%s", out);
	double margin = x_of(out, "Пасус."), item = x_of(out, "•");
	cr_assert(lt(dbl, margin + 10, item), "the item at %.2f, the margin %.2f", item, margin);
	cr_assert(le(dbl, fabs(x_of(out, "Други пасус.") - item), 0.01), "%s", out);
	cr_assert(le(dbl, fabs(x_of(out, "код") - item), 0.01), "%s", out);
	remove_temp_dir(dir);
}
