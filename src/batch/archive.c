/* The archive folder: its lock, and outputs written inside it only,
 * durably; see batch.h. Every path below the archive is walked one folder
 * at a time with O_NOFOLLOW, so a symbolic link planted in the archive can
 * never send an output elsewhere. */
#define _GNU_SOURCE /* syncfs */
#include "batch/batch.h"

#include "base/diag.h"
#include "base/sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define META_DIR ".letterpress"
#define MANIFEST "manifest.jsonl"
/* Folders inside the archive are opened this way: never through a link. */
#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* Errors that mean the disk, not one output, is in trouble: the batch
 * stops instead of failing release after release. */
static bool
disk_errno(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG || e == EIO || e == EROFS || e == EMFILE ||
	       e == ENFILE || e == ENOMEM;
}

static lp_status
fail_at(lp_archive *a, const char *rel, lp_status code, const char *what, int e, lp_diag *diag)
{
	if (disk_errno(e))
		code = LP_ERR_IO;
	char path[4200];
	snprintf(path, sizeof path, "%s%s%s", a->path, rel ? "/" : "", rel ? rel : "");
	return lp_diag_report(diag, LP_ERROR, code, path, 0, 0, "%s: %s", what, strerror(e));
}

/* mkdir -p: the archive may be a new folder in a new folder. */
static int
make_dirs(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return ENOMEM;
	int e = 0;
	for (char *p = copy + 1; !e; p++) {
		bool end = *p == '\0';
		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			e = errno;
		if (end)
			break;
		*p = '/';
	}
	free(copy);
	return e;
}

static void
empty_dir(int fd)
{
	int dup_fd = dup(fd);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!d) {
		if (dup_fd >= 0)
			close(dup_fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(fd, e->d_name, 0);
	closedir(d);
}

static lp_status
take_lock(lp_archive *a, const char *name, int how, int *fd, lp_diag *diag)
{
	*fd = openat(a->meta_fd, name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (*fd < 0)
		return fail_at(a, META_DIR, LP_ERR_OUTPUT, "cannot make the lock", errno, diag);
	if (flock(*fd, how | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK) {
			char path[4200];
			snprintf(path, sizeof path, "%s/" META_DIR "/%s", a->path, name);
			return lp_diag_report(diag, LP_ERROR, LP_ERR_BUSY, path, 0, 0,
			        "another batch is writing this archive; try again when it has "
			        "finished");
		}
		return fail_at(a, META_DIR, LP_ERR_OUTPUT, "cannot lock", errno, diag);
	}
	return LP_OK;
}

lp_status
lp_archive_open(lp_archive *a, const char *path, uint32_t shard, uint32_t n_shards, lp_diag *diag)
{
	memset(a, 0, sizeof *a);
	a->path = path;
	a->fd = a->meta_fd = a->tmp_fd = a->lock_fd = a->shard_lock_fd = a->place_fd = -1;
	if (n_shards)
		snprintf(a->tag, sizeof a->tag, ".%u-of-%u", shard, n_shards);
	snprintf(a->tmp_name, sizeof a->tmp_name, "tmp%s", a->tag);
	int e = make_dirs(path);
	if (e)
		return fail_at(a, NULL, LP_ERR_OUTPUT, "cannot make the archive folder", e, diag);
	if ((a->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return fail_at(
		        a, NULL, LP_ERR_OUTPUT, "cannot open the archive folder", errno, diag);
	if (mkdirat(a->fd, META_DIR, 0777) != 0 && errno != EEXIST)
		return fail_at(
		        a, META_DIR, LP_ERR_OUTPUT, "cannot make the batch's folder", errno, diag);
	if ((a->meta_fd = openat(a->fd, META_DIR, DIR_FLAGS)) < 0)
		return fail_at(
		        a, META_DIR, LP_ERR_OUTPUT, "cannot open the batch's folder", errno, diag);
	lp_status s = take_lock(a, "lock", n_shards ? LOCK_SH : LOCK_EX, &a->lock_fd, diag);
	if (s == LP_OK && n_shards) {
		char name[48];
		snprintf(name, sizeof name, "lock%s", a->tag);
		s = take_lock(a, name, LOCK_EX, &a->shard_lock_fd, diag);
	}
	if (s != LP_OK)
		return s;
	/* Left by a run that was killed: nothing in it is anyone's now. */
	if (mkdirat(a->meta_fd, a->tmp_name, 0777) != 0 && errno != EEXIST)
		return fail_at(a, META_DIR, LP_ERR_OUTPUT, "cannot make the temporary folder",
		        errno, diag);
	if ((a->tmp_fd = openat(a->meta_fd, a->tmp_name, DIR_FLAGS)) < 0)
		return fail_at(a, META_DIR, LP_ERR_OUTPUT, "cannot open the temporary folder",
		        errno, diag);
	empty_dir(a->tmp_fd);
	return LP_OK;
}

/* Lets go of the folder the last output went to. */
static void
forget_place(lp_archive *a)
{
	if (a->place_fd >= 0)
		close(a->place_fd);
	free(a->place_dir);
	a->place_dir = NULL;
	a->place_fd = -1;
}

void
lp_archive_close(lp_archive *a)
{
	forget_place(a);
	if (a->tmp_fd >= 0) {
		empty_dir(a->tmp_fd);
		close(a->tmp_fd);
		unlinkat(a->meta_fd, a->tmp_name, AT_REMOVEDIR);
	}
	int fds[] = {a->shard_lock_fd, a->lock_fd, a->meta_fd, a->fd};
	for (size_t i = 0; i < sizeof fds / sizeof *fds; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	a->fd = a->meta_fd = a->tmp_fd = a->lock_fd = a->shard_lock_fd = -1;
}

/* The folder holding rel, reached one component at a time without
 * following links, made when missing if make. Returns its descriptor and
 * sets *base to rel's last component, or -1 with errno (ENOENT when it
 * does not exist and make is false; ELOOP or ENOTDIR for a link or a file
 * on the way) and *bad to how much of rel was reached. */
static int
open_parent(lp_archive *a, const char *rel, bool make, const char **base, size_t *bad)
{
	int fd = dup(a->fd);
	const char *p = rel;
	for (const char *slash; fd >= 0 && (slash = strchr(p, '/'));) {
		char comp[256];
		size_t len = (size_t)(slash - p);
		if (len == 0 || len >= sizeof comp) {
			close(fd);
			errno = len ? ENAMETOOLONG : EINVAL;
			*bad = (size_t)(slash - rel);
			return -1;
		}
		memcpy(comp, p, len);
		comp[len] = '\0';
		int next = openat(fd, comp, DIR_FLAGS);
		if (next < 0 && errno == ENOENT && make) {
			if (mkdirat(fd, comp, 0777) != 0 && errno != EEXIST)
				next = -1;
			else
				next = openat(fd, comp, DIR_FLAGS);
		}
		int e = errno;
		close(fd);
		if (next < 0) {
			errno = e;
			*bad = (size_t)(slash - rel);
			return -1;
		}
		fd = next;
		p = slash + 1;
	}
	*base = p;
	return fd;
}

static lp_status
parent_failed(lp_archive *a, const char *rel, size_t reached, lp_diag *diag)
{
	int e = errno;
	char where[4096];
	snprintf(where, sizeof where, "%.*s", (int)reached, rel);
	if (e == ELOOP || e == ENOTDIR)
		return fail_at(a, where, LP_ERR_OUTPUT,
		        "not a folder but a link or a file; outputs stay inside the archive", e,
		        diag);
	return fail_at(a, where, LP_ERR_OUTPUT, "cannot make the folder", e, diag);
}

static lp_status
write_all(int fd, const void *data, size_t size)
{
	const char *p = data;
	while (size) {
		ssize_t w = write(fd, p, size);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return LP_ERR_IO;
		p += w;
		size -= (size_t)w;
	}
	return LP_OK;
}

static lp_status
sync_dir(lp_archive *a, int fd, lp_diag *diag)
{
	if (fsync(fd) == 0)
		return LP_OK;
	return fail_at(a, NULL, LP_ERR_IO, "cannot flush the folder to the disk", errno, diag);
}

/* A new file in the temporary folder holding data, flushed to the disk
 * when sync. On failure it is gone again. */
static lp_status
write_temp(lp_archive *a, const void *data, size_t size, bool sync, char name[32], const char *rel,
        lp_diag *diag)
{
	snprintf(name, 32, "%u.part", atomic_fetch_add(&a->next_temp, 1u));
	int fd = openat(a->tmp_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return fail_at(a, rel, LP_ERR_IO, "cannot make a temporary file", errno, diag);
	if (write_all(fd, data, size) != LP_OK || (sync && fsync(fd) != 0)) {
		int e = errno;
		close(fd);
		unlinkat(a->tmp_fd, name, 0);
		return fail_at(a, rel, LP_ERR_IO, "cannot write", e, diag);
	}
	if (close(fd) != 0) {
		int e = errno;
		unlinkat(a->tmp_fd, name, 0);
		return fail_at(a, rel, LP_ERR_IO, "cannot write", e, diag);
	}
	return LP_OK;
}

lp_status
lp_archive_stage_open(lp_archive *a, lp_archive_temp *t, int *fd, const char *rel, lp_diag *diag)
{
	snprintf(t->name, sizeof t->name, "%u.part", atomic_fetch_add(&a->next_temp, 1u));
	*fd = openat(a->tmp_fd, t->name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (*fd < 0)
		return fail_at(a, rel, LP_ERR_IO, "cannot make a temporary file", errno, diag);
	return LP_OK;
}

lp_status
lp_archive_stage_close(lp_archive *a, const lp_archive_temp *t, int fd, const lp_file_digest *known,
        const char *rel, char hex[LP_SHA256_HEX], lp_diag *diag)
{
	bool read_back = !known || !known->set;
	lp_sha256 *sha = read_back ? lp_sha256_begin() : NULL;
	int e = 0;
	unsigned char buf[16384];
	for (off_t at = 0; sha;) {
		ssize_t n = pread(fd, buf, sizeof buf, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			e = errno;
		if (n <= 0)
			break;
		lp_sha256_add(sha, buf, (size_t)n);
		at += n;
	}
	bool ok = true;
	if (read_back)
		ok = sha && lp_sha256_end(sha, hex) && e == 0; /* end frees sha */
	else
		lp_sha256_to_hex(known->sha256, hex);
	if (close(fd) != 0 && ok) {
		e = errno;
		ok = false;
	}
	if (ok)
		return LP_OK;
	unlinkat(a->tmp_fd, t->name, 0);
	if (read_back && !sha)
		return LP_ERR_NOMEM;
	return fail_at(a, rel, LP_ERR_IO,
	        read_back ? "cannot read back the output" : "cannot close the output", e ? e : EIO,
	        diag);
}

lp_status
lp_archive_stage(lp_archive *a, const void *data, size_t size, lp_archive_temp *t, const char *rel,
        lp_diag *diag)
{
	return write_temp(a, data, size, false, t->name, rel, diag);
}

void
lp_archive_discard(lp_archive *a, const lp_archive_temp *t)
{
	unlinkat(a->tmp_fd, t->name, 0);
}

lp_status
lp_archive_place(lp_archive *a, const lp_archive_temp *t, const char *rel, lp_diag *diag)
{
	const char *slash = strrchr(rel, '/');
	size_t dir_len = slash ? (size_t)(slash - rel) : 0;
	/* Outputs come a folder at a time, and the walk to a folder costs two
	 * system calls a component: the last output's folder is kept open,
	 * and used while its path still leads to it (one look: the folder may
	 * have been moved or replaced since; what the path leads through does
	 * not matter when it ends at the folder the walk reached). Else, or
	 * when the rename fails, the walk is done again: it makes a folder
	 * that went missing and names what is wrong. */
	struct stat st;
	if (a->place_fd >= 0 && strlen(a->place_dir) == dir_len &&
	        memcmp(a->place_dir, rel, dir_len) == 0 &&
	        fstatat(a->fd, dir_len ? a->place_dir : ".", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	        (uint64_t)st.st_dev == a->place_dev && (uint64_t)st.st_ino == a->place_ino &&
	        renameat(a->tmp_fd, t->name, a->place_fd, slash ? slash + 1 : rel) == 0)
		return LP_OK;
	forget_place(a);
	const char *base;
	size_t reached = 0;
	int fd = open_parent(a, rel, true, &base, &reached);
	lp_status s = LP_OK;
	if (fd < 0)
		s = parent_failed(a, rel, reached, diag);
	else if (renameat(a->tmp_fd, t->name, fd, base) != 0)
		/* A folder where the output goes, or another file system. */
		s = fail_at(a, rel, LP_ERR_OUTPUT, "cannot put the output in place", errno, diag);
	if (fd >= 0 && s == LP_OK && fstat(fd, &st) == 0 &&
	        (a->place_dir = strndup(rel, dir_len))) {
		a->place_fd = fd;
		a->place_dev = (uint64_t)st.st_dev;
		a->place_ino = (uint64_t)st.st_ino;
	} else if (fd >= 0) {
		close(fd);
	}
	if (s != LP_OK)
		lp_archive_discard(a, t);
	return s;
}

lp_status
lp_archive_flush(lp_archive *a, lp_diag *diag)
{
	if (syncfs(a->fd) == 0)
		return LP_OK;
	return fail_at(a, NULL, LP_ERR_IO, "cannot flush the archive to the disk", errno, diag);
}

lp_status
lp_archive_remove(lp_archive *a, const char *rel, bool *removed, lp_diag *diag)
{
	*removed = false;
	const char *base;
	size_t reached = 0;
	int fd = open_parent(a, rel, false, &base, &reached);
	if (fd < 0)
		return errno == ENOENT ? LP_OK : parent_failed(a, rel, reached, diag);
	struct stat st;
	lp_status s = LP_OK;
	/* Nothing there, or a folder that is not an output: nothing to do. */
	if (fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode)) {
		if (unlinkat(fd, base, 0) == 0)
			*removed = true;
		else
			s = fail_at(a, rel, LP_ERR_OUTPUT,
			        "cannot remove the output of an earlier run", errno, diag);
	}
	close(fd);
	return s;
}

bool
lp_archive_read(lp_archive *a, const char *rel, char **data, size_t *size)
{
	*data = NULL;
	*size = 0;
	const char *base;
	size_t reached;
	int dir = open_parent(a, rel, false, &base, &reached);
	if (dir < 0)
		return false;
	int fd = openat(dir, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	close(dir);
	struct stat st;
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	          (*data = malloc((size_t)st.st_size + 1)) != NULL;
	size_t got = 0;
	while (ok && got < (size_t)st.st_size) {
		ssize_t r = read(fd, *data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		ok = r > 0;
		got += ok ? (size_t)r : 0;
	}
	if (fd >= 0)
		close(fd);
	if (!ok) {
		free(*data);
		*data = NULL;
		return false;
	}
	*size = got;
	return true;
}

lp_status
lp_archive_publish(lp_archive *a, const char *name, const void *data, size_t size, lp_diag *diag)
{
	char temp[32];
	lp_status s = write_temp(a, data, size, true, temp, name, diag);
	if (s != LP_OK)
		return s;
	if (renameat(a->tmp_fd, temp, a->fd, name) != 0) {
		s = fail_at(
		        a, name, LP_ERR_OUTPUT, "cannot put the manifest in place", errno, diag);
		unlinkat(a->tmp_fd, temp, 0);
		return s;
	}
	return sync_dir(a, a->fd, diag);
}

bool
lp_manifest_shard_name(const char *name, uint32_t *k, uint32_t *n)
{
	unsigned kk, nn;
	int used = 0;
	if (sscanf(name, "manifest.%u-of-%u.jsonl%n", &kk, &nn, &used) != 2 || name[used] != '\0')
		return false;
	char again[64];
	snprintf(again, sizeof again, "manifest.%u-of-%u.jsonl", kk, nn);
	if (strcmp(again, name) != 0 || kk < 1 || kk > nn)
		return false; /* "manifest.01-of-3.jsonl" is not ours */
	*k = kk;
	*n = nn;
	return true;
}

lp_status
lp_archive_drop_manifests(lp_archive *a, uint32_t shard, uint32_t n_shards, lp_diag *diag)
{
	int dup_fd = dup(a->fd);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!d) {
		if (dup_fd >= 0)
			close(dup_fd);
		return fail_at(
		        a, NULL, LP_ERR_OUTPUT, "cannot read the archive folder", errno, diag);
	}
	bool removed = false;
	lp_status s = LP_OK;
	struct dirent *e;
	while ((e = readdir(d)) && s == LP_OK) {
		uint32_t k, n;
		bool stale = strcmp(e->d_name, MANIFEST) == 0 ||
		             (lp_manifest_shard_name(e->d_name, &k, &n) &&
		                     (!n_shards || n != n_shards || k == shard));
		if (!stale)
			continue;
		if (unlinkat(a->fd, e->d_name, 0) == 0)
			removed = true;
		else if (errno != ENOENT)
			s = fail_at(a, e->d_name, LP_ERR_OUTPUT, "cannot remove a stale manifest",
			        errno, diag);
	}
	closedir(d);
	if (s == LP_OK && removed)
		s = sync_dir(a, a->fd, diag);
	return s;
}
