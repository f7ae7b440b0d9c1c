/*
 * Which build of letterpress a batch journal was written by (batch.c):
 * the version alone does not say, since a fix that changes output bytes
 * need not change it, and a journal of the old build's outputs would then
 * be resumed by the new one, leaving an archive that no single run makes.
 * The build is the SHA-256 of the file letterpress's code was loaded from
 * (the shared library, or a program linked with it statically), worked
 * out once a process, and the run-time versions of the libraries it uses,
 * whose upgrades change output bytes too (shaping, compression).
 */
#define _GNU_SOURCE /* dladdr */
#include "batch/batch.h"

#include "base/sha256.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char build_id[LP_SHA256_HEX];
static pthread_once_t build_once = PTHREAD_ONCE_INIT;

static void
find_build_id(void)
{
	Dl_info info;
	lp_sha256 *sha = lp_sha256_begin();
	if (!sha)
		return;
	/* The file that holds this very object. */
	if (dladdr(build_id, &info) && info.dli_fname) {
		FILE *f = fopen(info.dli_fname, "rb");
		char buf[1 << 16];
		size_t n;
		while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
			lp_sha256_add(sha, buf, n);
		if (f)
			fclose(f);
	}
	lp_library_version v[32];
	size_t count = lp_library_versions(v, sizeof v / sizeof v[0], sizeof v[0]);
	for (size_t i = 0; i < count && i < sizeof v / sizeof v[0]; i++) {
		lp_sha256_add(sha, v[i].name, strlen(v[i].name) + 1);
		lp_sha256_add(sha, v[i].version, strlen(v[i].version) + 1);
	}
	lp_sha256_end(sha, build_id);
}

const char *
lp_batch_build_id(void)
{
	pthread_once(&build_once, find_build_id);
	return build_id;
}
