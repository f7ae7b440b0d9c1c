/* A style's alignment reaches the line breaker: pipeline/setpar.c turns the
 * layout's align into para/'s own (lp_par_align), and every one of the
 * four must come out as itself. The examples' layouts use no right
 * alignment, so their golden traces alone would not notice it lost. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "cli_util.h"

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
	const char *glyphs = strstr(out, "[");
	cr_assert(ne(ptr, (void *)glyphs, NULL), "%s", out);
	double x = 0;
	cr_assert(eq(int, sscanf(glyphs, "[%*u@%lf,", &x), 1), "%s", out);
	return x;
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
