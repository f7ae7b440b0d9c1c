/* Shared by the batch suites: releases to render, running the tool in a
 * folder, and comparing archives. */
#ifndef LP_TEST_BATCH_UTIL_H
#define LP_TEST_BATCH_UTIL_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS
#define EXAMPLES LP_TEST_SRCDIR "/examples"

/* n releases in dir/sub (made when missing), named r00.md, r01.md, ...:
 * the examples in turn, each with a note of its own so no two are alike. */
static inline void
make_releases(const char *dir, const char *sub, int n)
{
	static const char *const examples[] = {"en-2024-09-24.md", "predsednik-2024-02-20.md",
	        "ru-2024-04-09.md", "latinica-2024-03-14.md"};
	char out[256];
	cr_assert(eq(int, sh(out, sizeof out, "mkdir -p '%s/%s'", dir, sub), 0), "%s", out);
	for (int i = 0; i < n; i++)
		cr_assert(eq(int,
		                  sh(out, sizeof out,
		                          "{ cat '" EXAMPLES
		                          "/%s'; printf '\\nNote %d.\\n'; } > '%s/%s/r%02d.md'",
		                          examples[i % 4], i, dir, sub, i),
		                  0),
		        "%s", out);
}

/* The whole of a file, NUL-terminated, in buf; its length, or -1. */
static inline long
read_text(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return (long)n;
}

/* letterpress started in dir with its output thrown away; the pid. */
static inline pid_t
spawn_lp(const char *dir, const char *const *args)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(126);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		const char *argv[32] = {LP};
		for (int i = 0; args[i] && i < 30; i++)
			argv[i + 1] = args[i];
		execv(LP, (char *const *)argv);
		_exit(127);
	}
	return pid;
}

static inline void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Every output and manifest of two archives has the same bytes, and
 * neither has anything else outside its .letterpress folder. */
static inline void
assert_same_archive(const char *a, const char *b)
{
	char out[4096];
	cr_assert(eq(int, sh(out, sizeof out, "diff -r -x .letterpress '%s' '%s'", a, b), 0),
	        "archives differ:\n%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "cmp '%s/manifest.jsonl' '%s/manifest.jsonl'", a, b),
	                  0),
	        "%s", out);
}

/* Nothing of a run is left behind: no temporary folder or file, nothing
 * but outputs and manifests outside .letterpress. */
static inline void
assert_no_leftovers(const char *archive)
{
	char out[4096];
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd '%s' && { find . -path ./.letterpress -prune -o ! -type d "
	                          "! -name '*.pdf' ! -name 'manifest*.jsonl' -print; ls -A "
	                          ".letterpress | grep -v -x -E "
	                          "'lock(\\.[0-9]+-of-[0-9]+)?|journal(\\.[0-9]+-of-[0-9]+)?'; } | "
	                          "grep .",
	                          archive),
	                  1),
	        "left behind:\n%s", out);
}

#endif
