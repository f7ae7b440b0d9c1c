/* lp_manifest_merge(): the shard manifests of one archive into the
 * manifest one unsharded run writes; see letterpress.h. Records are sorted
 * by source and equal sources always share a shard, so sorting the shards'
 * records again, keeping their order among equals, gives the same bytes. */
#include "batch/batch.h"

#include "base/diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The shard count of the archive's shard manifests; 0 when there are none,
 * with *seen[k] set for each shard k found (1-based; malloc'd). */
static lp_status
find_shards(lp_archive *a, uint32_t *n_shards, bool **seen, lp_diag *diag)
{
	*n_shards = 0;
	*seen = NULL;
	int fd = dup(a->fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, a->path, 0, 0,
		        "cannot read the archive folder: %s", strerror(errno));
	}
	lp_status s = LP_OK;
	struct dirent *e;
	while ((e = readdir(d)) && s == LP_OK) {
		uint32_t k, n;
		if (!lp_manifest_shard_name(e->d_name, &k, &n))
			continue;
		if (*n_shards && n != *n_shards) {
			s = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, a->path, 0, 0,
			        "shard manifests of %u and of %u shards; remove the stale ones",
			        *n_shards, n);
			break;
		}
		if (!*seen && !(*seen = calloc((size_t)n + 1, sizeof **seen))) {
			s = LP_ERR_NOMEM;
			break;
		}
		*n_shards = n;
		(*seen)[k] = true;
	}
	closedir(d);
	return s;
}

static lp_status
read_shard(lp_archive *a, uint32_t k, uint32_t n, lp_records *all, lp_diag *diag)
{
	char name[64], path[4200];
	snprintf(name, sizeof name, "manifest.%u-of-%u.jsonl", k, n);
	snprintf(path, sizeof path, "%s/%s", a->path, name);
	int fd = openat(a->fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *data = NULL;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	        !(data = malloc((size_t)st.st_size + 1))) {
		int e = fd < 0 ? errno : EINVAL;
		if (fd >= 0)
			close(fd);
		return lp_diag_report(
		        diag, LP_ERROR, LP_ERR_MISSING, path, 0, 0, "cannot read: %s", strerror(e));
	}
	size_t got = 0;
	for (ssize_t r; got < (size_t)st.st_size; got += (size_t)r)
		if ((r = read(fd, data + got, (size_t)st.st_size - got)) <= 0)
			break;
	close(fd);
	size_t first = all->n, end = 0;
	lp_status s = lp_records_read(path, data, got, all, &end, diag);
	if (s == LP_OK && end != got) {
		uint32_t line = 1;
		for (size_t i = 0; i < end; i++)
			line += data[i] == '\n';
		s = lp_diag_report(
		        diag, LP_ERROR, LP_ERR_SYNTAX, path, line, 1, "the last line is cut short");
	}
	for (size_t i = first; s == LP_OK && i < all->n; i++)
		if (lp_shard_of(all->v[i].source, n) != k)
			s = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path,
			        (uint32_t)(i - first + 1), 1,
			        "'%s' belongs to shard %u of %u, not to this one", all->v[i].source,
			        lp_shard_of(all->v[i].source, n), n);
	free(data);
	return s;
}

lp_status
lp_manifest_merge(const char *archive, lp_diag *diag)
{
	struct stat st;
	if (stat(archive, &st) != 0 || !S_ISDIR(st.st_mode))
		return lp_diag_report(
		        diag, LP_ERROR, LP_ERR_MISSING, archive, 0, 0, "not an archive folder");
	lp_archive a;
	lp_records all = {0};
	bool *seen = NULL;
	uint32_t n = 0;
	lp_status s = lp_archive_open(&a, archive, 0, 0, diag);
	if (s == LP_OK)
		s = find_shards(&a, &n, &seen, diag);
	if (s == LP_OK && n == 0)
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, archive, 0, 0,
		        "no shard manifests (manifest.K-of-N.jsonl) to merge");
	for (uint32_t k = 1; s == LP_OK && k <= n; k++)
		if (!seen[k])
			s = lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, archive, 0, 0,
			        "manifest.%u-of-%u.jsonl is missing: shard %u has not finished", k,
			        n, k);
	for (uint32_t k = 1; s == LP_OK && k <= n; k++)
		s = read_shard(&a, k, n, &all, diag);
	if (s == LP_OK) {
		lp_records_sort(&all);
		lp_buf m = {0};
		lp_buf_add(&m, "", 0);
		for (size_t i = 0; i < all.n; i++)
			lp_record_json(&all.v[i], &m);
		s = m.failed ? LP_ERR_NOMEM
		             : lp_archive_publish(&a, "manifest.jsonl", m.data, m.len, diag);
		lp_buf_free(&m);
	}
	lp_archive_close(&a);
	lp_records_free(&all);
	free(seen);
	return s;
}
