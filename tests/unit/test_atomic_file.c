#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"

static char dir[64];

static void
make_dir(void)
{
	strcpy(dir, "/tmp/lp-atomic-XXXXXX");
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
}

static int
count_entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void
remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert(eq(int, system(cmd), 0));
}

TestSuite(atomic_file, .init = make_dir, .fini = remove_dir);

Test(atomic_file, write_replaces_target_and_leaves_no_temp)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	FILE *f = fopen(path, "w");
	fputs("old", f);
	fclose(f);
	cr_assert(eq(int, lp_atomic_write(path, "new content", 11, NULL), LP_OK));
	char buf[32] = {0};
	f = fopen(path, "r");
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	cr_assert(eq(sz, n, 11));
	cr_assert(eq(str, buf, "new content"));
	cr_assert(eq(int, count_entries(), 1));
}

Test(atomic_file, abort_keeps_old_target_and_removes_temp)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	cr_assert(eq(int, lp_atomic_write(path, "keep", 4, NULL), LP_OK));
	lp_atomic_file *af;
	cr_assert(eq(int, lp_atomic_file_open(path, &af, NULL), LP_OK));
	cr_assert(eq(int, lp_atomic_file_write(af, "partial", 7, NULL), LP_OK));
	cr_assert(eq(int, count_entries(), 2));
	lp_atomic_file_abort(af);
	cr_assert(eq(int, count_entries(), 1));
	struct stat st;
	cr_assert(eq(int, stat(path, &st), 0));
	cr_assert(eq(i64, (long long)st.st_size, 4));
}

Test(atomic_file, missing_folder_is_an_output_error)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_atomic_write("/nonexistent-dir/x.pdf", "x", 1, d), LP_ERR_OUTPUT));
	cr_assert(eq(sz, lp_diag_count(d, LP_ERROR), 1));
	lp_diag_drop(d);
}
