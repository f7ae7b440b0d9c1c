#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <sys/stat.h>

#include "layout_fixture.h"

Test(layoutlist, lists_the_shipped_layouts_sorted)
{
	const char *dirs[] = {"/nonexistent/layouts", LP_TEST_LAYOUTS_DIR};
	char **names, **descriptions;
	size_t n;
	cr_assert(eq(int, lp_layout_list(dirs, 2, &names, &descriptions, &n, NULL), LP_OK));
	/* Other shipped layouts may sit between ours: check order, not count. */
	const char *ours[] = {"latinica", "memorandum", "predsednik"};
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			cr_assert(lt(str, names[i - 1], names[i]));
		cr_assert(lt(sz, 10, strlen(descriptions[i])), "%s has no description", names[i]);
		if (found < 3 && strcmp(names[i], ours[found]) == 0)
			found++;
	}
	cr_assert(eq(sz, found, 3));
	lp_layout_names_free(names, descriptions, n);
}

Test(layoutlist, first_folder_wins_and_missing_description_is_empty)
{
	lt_dir dir;
	lt_dir_new(&dir, NULL);
	char sub[128];
	snprintf(sub, sizeof sub, "%s/predsednik", dir.path);
	cr_assert(eq(int, mkdir(sub, 0700), 0));
	lt_write(&dir, "predsednik/layout.yaml", "styles: {body: {}}\n");
	const char *dirs[] = {dir.path, LP_TEST_LAYOUTS_DIR};
	char **names, **descriptions;
	size_t n;
	cr_assert(eq(int, lp_layout_list(dirs, 2, &names, &descriptions, &n, NULL), LP_OK));
	size_t i = 0;
	while (i < n && strcmp(names[i], "predsednik") != 0)
		i++;
	cr_assert(lt(sz, i, n));
	cr_assert(eq(str, descriptions[i], ""));
	cr_assert(i + 1 == n || strcmp(names[i + 1], "predsednik") != 0);
	lp_layout_names_free(names, descriptions, n);
	lt_dir_drop(&dir);
	rmdir(sub);
	rmdir(dir.path);
}

Test(layoutlist, no_folders_no_layouts)
{
	char **names, **descriptions;
	size_t n = 7;
	cr_assert(eq(int, lp_layout_list(NULL, 0, &names, &descriptions, &n, NULL), LP_OK));
	cr_assert(eq(sz, n, 0));
	lp_layout_names_free(names, descriptions, n);
	lp_layout_names_free(NULL, NULL, 0);
}
