/* The command-line tool as a user runs it. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "test-config.h"

static int
run(const char *args, char *out, size_t size)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s %s 2>&1", LP_TEST_LETTERPRESS, args);
	FILE *p = popen(cmd, "r");
	size_t n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(cli, version_prints_name_and_version)
{
	char out[256];
	cr_assert(eq(int, run("--version", out, sizeof out), 0));
	cr_assert(eq(int, strncmp(out, "letterpress ", 12), 0));
	cr_assert(ne(ptr, strchr(out, '.'), NULL));
}

Test(cli, help_lists_every_subcommand)
{
	char out[4096];
	cr_assert(eq(int, run("--help", out, sizeof out), 0));
	const char *cmds[] = {"render", "batch", "check", "layouts"};
	for (size_t i = 0; i < 4; i++)
		cr_assert(ne(ptr, strstr(out, cmds[i]), NULL), "missing %s", cmds[i]);
}

Test(cli, unknown_command_is_a_usage_error)
{
	char out[1024];
	cr_assert(eq(int, run("frobnicate", out, sizeof out), 64));
	cr_assert(eq(int, run("", out, sizeof out), 64));
}
