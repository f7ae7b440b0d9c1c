/*
 * Where the engine finds its fonts/ and layouts/ when the caller names no
 * folder. No path of the machine that built letterpress is compiled in
 * (two builds in different folders give the same binary):
 *   1. $LETTERPRESS_DATA;
 *   2. an uninstalled build: the build folder holds a file
 *      `letterpress-uninstalled` naming the source tree; it is looked for
 *      beside the program or library and up to two folders above it
 *      (tests and benchmarks live in sub-folders of the build);
 *   3. installed: the data folder relative to the library or program
 *      (`../share/letterpress` from bin/), so a moved prefix still works;
 *   4. the data folder of the configured prefix.
 */
#define _GNU_SOURCE /* dladdr */
#include "pipeline/pipeline.h"

#include "lp_config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool
is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An object in this file's image; dladdr() on its address names the file
 * holding this code (ISO C has no conversion from a function pointer). */
static const char code_anchor;

/* The file holding this code: the shared library, or the program it is
 * linked into. */
static bool
code_path(char *out, size_t size, bool *is_library)
{
	Dl_info info;
	*is_library = false;
	if (dladdr(&code_anchor, &info) && info.dli_fname && strstr(info.dli_fname, ".so")) {
		*is_library = true;
		return realpath(info.dli_fname, out) != NULL;
	}
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	if (n <= 0)
		return false;
	out[n] = '\0';
	return true;
}

/* The source tree an uninstalled build names, if dir or one of its two
 * parents is a build folder. */
static bool
uninstalled_source(char *dir, char *out, size_t size)
{
	for (int up = 0; up < 3; up++) {
		char marker[PATH_MAX + 32];
		snprintf(marker, sizeof marker, "%s/letterpress-uninstalled", dir);
		FILE *f = fopen(marker, "re");
		if (f) {
			bool ok = fgets(out, (int)size, f) != NULL;
			fclose(f);
			out[strcspn(out, "\n")] = '\0';
			return ok && is_dir(out);
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			return false;
		*slash = '\0';
	}
	return false;
}

static char found[PATH_MAX];

/* Run once: the answer does not change while the process lives. */
static void
find_data_dir(void)
{
	char self[PATH_MAX];
	bool library;
	snprintf(found, sizeof found, "%s", LP_INSTALL_DATA_DIR);
	if (!code_path(self, sizeof self, &library))
		return;
	char *slash = strrchr(self, '/');
	if (!slash)
		return;
	*slash = '\0'; /* the folder holding the library or program */
	char dir[PATH_MAX], src[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", self);
	if (uninstalled_source(dir, src, sizeof src)) {
		snprintf(found, sizeof found, "%s", src);
		return;
	}
	const char *rel = library ? LP_LIBDIR_TO_DATA : LP_BINDIR_TO_DATA;
	char here[PATH_MAX + 64], fonts[PATH_MAX + 80];
	if (!*rel || snprintf(here, sizeof here, "%s/%s", self, rel) >= (int)sizeof here)
		return;
	snprintf(fonts, sizeof fonts, "%s/fonts", here);
	if (is_dir(fonts) && realpath(here, src))
		snprintf(found, sizeof found, "%s", src);
}

const char *
lp_default_data_dir(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *env = getenv("LETTERPRESS_DATA");
	if (env && *env)
		return env;
	pthread_once(&once, find_data_dir);
	return found;
}
