/*
 * Which build of letterpress a batch journal was written by (batch.c):
 * the version alone does not say, since a fix that changes output bytes
 * need not change it, and a journal of the old build's outputs would then
 * be resumed by the new one, leaving an archive that no single run makes.
 * The build is the SHA-256 of letterpress's code and constants as they are
 * loaded in this process (the read-only segments of the shared library,
 * or of a program linked with it statically: the same bytes in every run,
 * since nothing relocates them, and the code that runs even when a package
 * upgrade has since replaced the file), worked out once a process, and the
 * run-time versions of the libraries it uses, whose upgrades change output
 * bytes too (shaping, compression).
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "batch/batch.h"

#include "base/sha256.h"

#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

static char build_id[LP_SHA256_HEX];
static pthread_once_t build_once = PTHREAD_ONCE_INIT;

/* For the loaded object that holds build_id: adds its loaded segments
 * that are readable and never written to the hash, and stops the walk. */
static int
hash_own_segments(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	uintptr_t here = (uintptr_t)build_id;
	bool own = false;
	for (ElfW(Half) i = 0; i < info->dlpi_phnum && !own; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t from = info->dlpi_addr + ph->p_vaddr;
		own = ph->p_type == PT_LOAD && here >= from && here < from + ph->p_memsz;
	}
	if (!own)
		return 0;
	for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_R) && !(ph->p_flags & PF_W))
			lp_sha256_add(
			        data, (const void *)(info->dlpi_addr + ph->p_vaddr), ph->p_filesz);
	}
	return 1;
}

static void
find_build_id(void)
{
	lp_sha256 *sha = lp_sha256_begin();
	if (!sha)
		return;
	dl_iterate_phdr(hash_own_segments, sha);
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
