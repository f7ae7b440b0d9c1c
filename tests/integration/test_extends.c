/* extends: a layout that starts from another and gives only what differs
 * (docs/layouts.md, Variants): its sections replace the other's, its
 * defaults and fields add to them; a cycle or a chain past
 * LP_MAX_LAYOUT_EXTENDS is an error at the extends: line. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE(extends);

static const char release[] = "---\nlayout: var\ntitle: Т\nplace: Тула\ndate: 2024-02-20\n"
                              "organ: [А, Б]\n---\n\nТекст.\n";

/* check's trace of r.md with the layouts in dir/l; status returned. */
static int
check(void)
{
	return sh(out, sizeof out, LP " check -q %s/r.md --layout-dir %s/l --dump=dlist", dir, dir);
}

Test(extends, a_variant_keeps_what_it_does_not_give)
{
	write_text(dir, "l/var/layout.yaml",
	        "extends: memorandum\ndescription: A variant\n"
	        "defaults:\n  phone: \"+381 1\"\n  email: a@b.rs\n"
	        "  web: www.b.rs\n");
	write_text(dir, "r.md", release);
	cr_assert(eq(int, check(), 0), "%s", out);
	/* memorandum's organ block, reference lines, emblem and footer, the
	 * footer filled from the variant's defaults. */
	cr_assert(ne(ptr, strstr(out, "text=\"Место: Тула\""), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "text=\"+381 1, \""), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "\npath "), NULL), "%s", out); /* the emblem */
	/* Its own styles: replace memorandum's, and must serve its blocks. */
	write_text(
	        dir, "l/var/layout.yaml", "extends: memorandum\nstyles:\n  body: {size: 11pt}\n");
	cr_assert(eq(int, check(), 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "memorandum/layout.yaml:"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "that its own styles: do not have"), NULL), "%s", out);
	/* Located at the variant's own styles:, the section that left the
	 * style out (a fuzzer found it said with no line at all). */
	cr_assert(
	        ne(ptr, strstr(out, "var/layout.yaml:3:3: error: the block at "), NULL), "%s", out);
	/* A path inside its folder; never out of it. */
	write_text(dir, "l/var/base/layout.yaml", "extends: memorandum\n");
	write_text(dir, "l/var/layout.yaml", "extends: base/\n");
	cr_assert(eq(int, check(), 0), "%s", out);
	write_text(dir, "l/var/layout.yaml", "extends: ../memorandum\n");
	cr_assert(eq(int, check(), 65), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "var/layout.yaml:1:10: error: extends: names a layout"), NULL),
	        "%s", out);
}

Test(extends, cycles_and_long_chains_are_errors_at_the_line)
{
	write_text(dir, "l/var/layout.yaml", "extends: b\n");
	write_text(dir, "l/b/layout.yaml", "description: b\nextends: var\n");
	write_text(dir, "r.md", release);
	cr_assert(eq(int, check(), 65), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "b/layout.yaml:2:10: error: layout 'b' extends itself"), NULL),
	        "%s", out);
	/* var → c1 → … → c9 → memorandum: past eight. */
	write_text(dir, "l/var/layout.yaml", "extends: c1\n");
	for (int i = 1; i <= 9; i++) {
		char name[64], text[64];
		snprintf(name, sizeof name, "l/c%d/layout.yaml", i);
		if (i < 9)
			snprintf(text, sizeof text, "extends: c%d\n", i + 1);
		else
			snprintf(text, sizeof text, "extends: memorandum\n");
		write_text(dir, name, text);
	}
	cr_assert(eq(int, check(), 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "more than 8 deep"), NULL), "%s", out);
	/* Seven in between is fine. */
	write_text(dir, "l/c7/layout.yaml", "extends: memorandum\n");
	cr_assert(eq(int, check(), 0), "%s", out);
}
