/* Reading only below a folder: the openat2 route and the realpath()
 * fallback must agree on every case. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/confine.h"

static char top[64], root[96];

/* top/secret.txt outside; top/root/ with a file, a folder, and links that
 * stay inside or lead out. */
static void
make_tree(void)
{
	strcpy(top, "/tmp/lp-confine-XXXXXX");
	cr_assert(ne(ptr, mkdtemp(top), NULL));
	snprintf(root, sizeof root, "%s/root", top);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cd %s && echo secret > secret.txt && mkdir -p root/sub && cd root && "
	        "echo ok > file.txt && echo deep > sub/deep.txt && ln -s file.txt inside-link && "
	        "ln -s ../secret.txt outside-link && ln -s /etc/passwd absolute-link && "
	        "ln -s .. up-link && ln -s sub sub-link && mkfifo fifo",
	        top);
	cr_assert(eq(int, system(cmd), 0));
}

static void
remove_tree(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", top);
	cr_assert(eq(int, system(cmd), 0));
	lp_confine_force_fallback(false);
}

TestSuite(confine, .init = make_tree, .fini = remove_tree);

struct confine_case {
	char path[48];
	int err; /* 0: opens */
};

ParameterizedTestParameters(confine, both_routes_agree)
{
	static struct confine_case cases[] = {
	        {"file.txt", 0},
	        {"./file.txt", 0},
	        {"sub/deep.txt", 0},
	        {"sub/../file.txt", 0},
	        {"sub-link/deep.txt", 0},
	        {"inside-link", 0},
	        {"fifo", 0}, /* opens without blocking; the reader refuses it */
	        {"../secret.txt", EXDEV},
	        {"sub/../../secret.txt", EXDEV},
	        {"../root/file.txt", EXDEV},
	        {"outside-link", EXDEV},
	        {"absolute-link", EXDEV},
	        {"up-link/secret.txt", EXDEV},
	        {"/etc/passwd", EXDEV},
	        {"", EXDEV},
	        {"missing.txt", ENOENT},
	};
	return cr_make_param_array(struct confine_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct confine_case *c, confine, both_routes_agree)
{
	for (int fallback = 0; fallback < 2; fallback++) {
		lp_confine_force_fallback(fallback);
		errno = 0;
		int fd = lp_confine_open(root, c->path);
		if (c->err == 0) {
			cr_assert(ge(int, fd, 0), "'%s' (fallback %d): %s", c->path, fallback,
			        strerror(errno));
			close(fd);
		} else {
			cr_assert(eq(int, fd, -1), "'%s' (fallback %d) opened", c->path, fallback);
			cr_assert(eq(int, errno, c->err), "'%s' (fallback %d): %s", c->path,
			        fallback, strerror(errno));
		}
	}
}

Test(confine, lexical_check_counts_dot_dot_against_depth)
{
	cr_assert(lp_confine_lexically_inside("a/b/../c"));
	cr_assert(lp_confine_lexically_inside("a//./b"));
	cr_assert(lp_confine_lexically_inside("a/.."));
	cr_assert(not(lp_confine_lexically_inside("a/../..")));
	cr_assert(not(lp_confine_lexically_inside("..")));
	cr_assert(not(lp_confine_lexically_inside("/a")));
	cr_assert(not(lp_confine_lexically_inside("")));
}

/* How a message names a path: its leading "./" parts dropped, nothing
 * else touched. */
Test(confine, a_path_past_its_leading_dots)
{
	cr_assert(eq(str, (char *)lp_path_past_dot("./a/b"), "a/b"));
	cr_assert(eq(str, (char *)lp_path_past_dot(".//./a"), "a"));
	cr_assert(eq(str, (char *)lp_path_past_dot("a/./b"), "a/./b"));
	cr_assert(eq(str, (char *)lp_path_past_dot("../a"), "../a"));
	cr_assert(eq(str, (char *)lp_path_past_dot(".a"), ".a"));
}

Test(confine, real_path_has_no_links)
{
	int fd = lp_confine_open(root, "sub-link/deep.txt");
	cr_assert(ge(int, fd, 0));
	char *real = lp_confine_real_path(fd, root, "sub-link/deep.txt");
	close(fd);
	char want[160];
	snprintf(want, sizeof want, "%s/sub/deep.txt", root);
	char *want_real = realpath(want, NULL);
	cr_assert(eq(str, real, want_real));
	free(real);
	free(want_real);
}
