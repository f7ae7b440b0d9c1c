/* Running the built tool and the PDF readers from integration tests (every
 * one a Criterion suite). */
#ifndef LP_TEST_CLI_UTIL_H
#define LP_TEST_CLI_UTIL_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-config.h"

/* Runs a shell command; stdout+stderr into out (NUL-terminated, may be
 * truncated). Returns the exit status, or -1 when it did not exit. */
static inline int sh(char *out, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static inline int
sh(char *out, size_t size, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	strncat(cmd, " 2>&1", sizeof cmd - strlen(cmd) - 1);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	size_t n = 0;
	if (out && size) {
		n = fread(out, 1, size - 1, p);
		out[n] = '\0';
	}
	char sink[4096];
	while (fread(sink, 1, sizeof sink, p) > 0)
		;
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static inline bool
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static inline long
file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* A fresh temporary folder for one test. */
static inline void
make_temp_dir(char *dir, size_t size)
{
	snprintf(dir, size, "/tmp/lp-test-XXXXXX");
	if (!mkdtemp(dir))
		abort();
}

static inline void
remove_temp_dir(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
}

/* letterpress ARGS run in dir (as a user in that folder runs it); stdout
 * and stderr into out. Returns the exit status, as sh(). */
static inline int lp_in(char *out, size_t size, const char *dir, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static inline int
lp_in(char *out, size_t size, const char *dir, const char *fmt, ...)
{
	char args[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	return sh(out, size, "cd '%s' && " LP_TEST_LETTERPRESS " %s", dir, args);
}

/* Writes text into the file name in dir (a test's fixture), making the
 * folders name has in front (name "l/var/layout.yaml" makes dir/l/var). */
static inline void
write_text(const char *dir, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (char *slash = path + strlen(dir) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		if (mkdir(path, 0777) != 0 && !file_exists(path))
			abort();
		*slash = '/';
	}
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	if (fclose(f) != 0)
		abort();
}

/* A command's output (text) holds want, or holds no unwanted; a failure
 * shows what was looked for and the whole output. */
#define LP_EXPECT_IN(text, want)                                                                   \
	cr_assert(ne(ptr, strstr((text), (want)), NULL), "missing: %s\n--- in:\n%s", (want), (text))
#define LP_EXPECT_NOT_IN(text, unwanted)                                                           \
	cr_assert(eq(ptr, strstr((text), (unwanted)), NULL), "unexpected: %s\n--- in:\n%s",        \
	        (unwanted), (text))

/* A Criterion suite whose every test gets a fresh temporary folder, dir
 * (made before the test, removed after it); _TIMED with the suite's
 * timeout in seconds. */
#define LP_TEST_TEMP_DIR_FIXTURE(name)                                                             \
	static char dir[64];                                                                       \
	static void name##_enter(void)                                                             \
	{                                                                                          \
		make_temp_dir(dir, sizeof dir);                                                    \
	}                                                                                          \
	static void name##_leave(void)                                                             \
	{                                                                                          \
		remove_temp_dir(dir);                                                              \
	}
#define LP_TEST_TEMP_DIR_SUITE(name)                                                               \
	LP_TEST_TEMP_DIR_FIXTURE(name)                                                             \
	TestSuite(name, .init = name##_enter, .fini = name##_leave)
#define LP_TEST_TEMP_DIR_SUITE_TIMED(name, seconds)                                                \
	LP_TEST_TEMP_DIR_FIXTURE(name)                                                             \
	TestSuite(name, .init = name##_enter, .fini = name##_leave, .timeout = (seconds))

/* Number of entries in a folder (to prove nothing partial was left). */
static inline int
count_files(const char *dir)
{
	char out[64];
	sh(out, sizeof out, "ls -A '%s' | wc -l", dir);
	return atoi(out);
}

#endif
