/* The archive folder (src/batch/archive.c): outputs put in place inside
 * it, in the folder their path names, however that folder changed since
 * the output before. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../support/scratch.h"
#include "batch/batch.h"

static void
enter(void)
{
	lp_scratch_enter();
}

static void
leave(void)
{
	lp_scratch_leave();
}

TestSuite(archive, .init = enter, .fini = leave, .timeout = 60);

/* Stages text and puts it at rel. */
static lp_status
put(lp_archive *a, const char *rel, const char *text)
{
	lp_archive_temp t;
	cr_assert(eq(int, lp_archive_stage(a, text, strlen(text), &t, rel, NULL), LP_OK));
	return lp_archive_place(a, &t, rel, NULL);
}

static bool
holds(const char *path, const char *text)
{
	char buf[64] = {0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	return n == strlen(text) && memcmp(buf, text, n) == 0;
}

Test(archive, an_output_goes_where_its_path_leads_after_its_folder_moved)
{
	lp_archive a;
	cr_assert(eq(int, lp_archive_open(&a, "out", 0, 0, NULL), LP_OK));
	cr_assert(eq(int, put(&a, "d/e/one.pdf", "1"), LP_OK));
	cr_assert(eq(int, put(&a, "d/e/two.pdf", "2"), LP_OK));
	cr_assert(holds("out/d/e/one.pdf", "1") && holds("out/d/e/two.pdf", "2"));
	/* The folder moved away: the next output goes to a new d/e. */
	cr_assert(eq(int, rename("out/d/e", "out/d/moved"), 0));
	cr_assert(eq(int, put(&a, "d/e/three.pdf", "3"), LP_OK));
	cr_assert(holds("out/d/e/three.pdf", "3"));
	cr_assert(eq(int, access("out/d/moved/three.pdf", F_OK), -1));
	/* A link put in its place since is refused, and nothing goes through
	 * it. */
	cr_assert(eq(int, rename("out/d/e", "out/d/old"), 0));
	cr_assert(eq(int, symlink("../../elsewhere", "out/d/e"), 0));
	mkdir("elsewhere", 0755);
	cr_assert(eq(int, put(&a, "d/e/four.pdf", "4"), LP_ERR_OUTPUT));
	cr_assert(eq(int, access("elsewhere/four.pdf", F_OK), -1));
	cr_assert(eq(int, access("out/d/old/four.pdf", F_OK), -1));
	/* Another folder, and back. */
	cr_assert(eq(int, put(&a, "top.pdf", "t"), LP_OK));
	cr_assert(eq(int, unlink("out/d/e"), 0));
	cr_assert(eq(int, put(&a, "d/e/five.pdf", "5"), LP_OK));
	cr_assert(holds("out/top.pdf", "t") && holds("out/d/e/five.pdf", "5"));
	lp_archive_close(&a);
}
