/* Atomic publication of output files; see atomic_file.h. */
#define _GNU_SOURCE /* O_TMPFILE, mkostemp */
#include "base/atomic_file.h"

#include "base/diag.h"
#include "base/source.h"
#include "base/limits.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct lp_atomic_file {
	char *path;
	char *temp; /* NULL for stdout */
	int fd;
	int slot; /* in the live table, -1 when not registered */
	bool failed;
};

/* ---- Live temporary files ------------------------------------------------
 * A fixed table the signal handlers walk without locks or allocation. A
 * slot is claimed (FREE → FILLING) before the file is made; each name is
 * written into it and published (LIVE) before the open() that may create
 * that file, so no instant exists where the file is there and its name is
 * not: a signal taken as open() returns finds the name LIVE. A name whose
 * open() failed goes back to FILLING before the next is written. The
 * handler unlinks only LIVE slots; a path stays in its slot after release,
 * so a handler racing a release or a failed open() at worst unlinks a name
 * that does not exist (every name carries our PID, so it is never another
 * process's file). */

enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE };

static struct {
	int state;
	char path[PATH_MAX];
} live[LP_MAX_LIVE_TEMP_FILES];

static int
live_claim(void)
{
	for (int i = 0; i < LP_MAX_LIVE_TEMP_FILES; i++) {
		int expected = SLOT_FREE;
		if (__atomic_compare_exchange_n(&live[i].state, &expected, SLOT_FILLING, false,
		            __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return i;
	}
	return -1;
}

/* The slot is FILLING: no handler reads its path while it is written. */
static void
live_publish(int slot, const char *path)
{
	strcpy(live[slot].path, path);
	__atomic_store_n(&live[slot].state, SLOT_LIVE, __ATOMIC_RELEASE);
}

static void
live_unpublish(int slot)
{
	__atomic_store_n(&live[slot].state, SLOT_FILLING, __ATOMIC_RELEASE);
}

static void
live_remove(int slot)
{
	if (slot >= 0)
		__atomic_store_n(&live[slot].state, SLOT_FREE, __ATOMIC_RELEASE);
}

/* Async-signal-safe: unlink() and atomic loads only. */
static void
on_fatal_signal(int sig)
{
	int saved = errno;
	for (int i = 0; i < LP_MAX_LIVE_TEMP_FILES; i++)
		if (__atomic_load_n(&live[i].state, __ATOMIC_ACQUIRE) == SLOT_LIVE)
			unlink(live[i].path);
	errno = saved;
	/* SA_RESETHAND put the default action back; the signal is blocked
	 * until this handler returns, and then ends the process as it would
	 * have without us (the exit status still says "killed by sig"). */
	raise(sig);
}

lp_status
lp_cleanup_on_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old, sa = {0};
		if (sigaction(sigs[i], NULL, &old) != 0)
			return LP_ERR_INTERNAL;
		if (old.sa_handler == SIG_IGN) /* nohup: keep ignoring */
			continue;
		sa.sa_handler = on_fatal_signal;
		sa.sa_flags = SA_RESETHAND;
		sigemptyset(&sa.sa_mask);
		if (sigaction(sigs[i], &sa, NULL) != 0)
			return LP_ERR_INTERNAL;
	}
	/* Past RLIMIT_FSIZE a write fails with EFBIG (reported, temporary
	 * file removed) instead of the process being killed mid-write. */
	signal(SIGXFSZ, SIG_IGN);
	return LP_OK;
}

/* ---- Temporary names -----------------------------------------------------
 * ".NAME.lp-PID-XXXXXX.tmp": hidden, beside the target (so rename() stays
 * on one file system), and recognisable: the PID says whose it is, so the
 * next run can tell a file left by a killed process from a live one. */

#define TEMP_TAG ".lp-"
#define TEMP_SUFFIX ".tmp"
#define TEMP_RANDOM 6

/* The PID in a temporary file's name, or 0 when the name is not ours. */
static long
temp_name_pid(const char *name)
{
	size_t len = strlen(name);
	const char *tag;
	if (name[0] != '.' || len < sizeof TEMP_SUFFIX || strcmp(name + len - 4, TEMP_SUFFIX) != 0)
		return 0;
	/* The last ".lp-" (NAME itself may contain one). */
	const char *p = NULL;
	for (tag = strstr(name, TEMP_TAG); tag; tag = strstr(tag + 1, TEMP_TAG))
		p = tag;
	if (!p)
		return 0;
	p += strlen(TEMP_TAG);
	long pid = 0;
	const char *digits = p;
	while (*p >= '0' && *p <= '9' && p - digits < 10)
		pid = pid * 10 + (*p++ - '0');
	if (p == digits || *p != '-')
		return 0;
	p++;
	for (int i = 0; i < TEMP_RANDOM; i++, p++) {
		bool alnum = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		             (*p >= 'A' && *p <= 'Z');
		if (!alnum)
			return 0;
	}
	return strcmp(p, TEMP_SUFFIX) == 0 ? pid : 0;
}

/* Removes temporary files a killed run left in dir: ours by name, regular,
 * owned by this user, and their process gone. A PID that is alive again
 * (reused) keeps its file: a leftover is harmless, removing a live one is
 * not. Best effort; never fails. */
static void
remove_stale_temps(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	int dfd = dirfd(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid = temp_name_pid(e->d_name);
		if (pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		struct stat st;
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		        st.st_uid == geteuid())
			unlinkat(dfd, e->d_name, 0);
	}
	closedir(d);
}

static void
random_chars(char *out, size_t n)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char raw[16];
	if (n > sizeof raw || getrandom(raw, n, GRND_NONBLOCK) != (ssize_t)n) {
		/* No entropy yet (early boot): the clock and a counter still
		 * make names unlikely to collide, and O_EXCL makes collisions
		 * harmless. */
		static unsigned counter;
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		unsigned long x = (unsigned long)ts.tv_nsec * 2654435761u ^
		                  __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
		for (size_t i = 0; i < n && i < sizeof raw; i++, x = x * 6364136223846793005u + 1)
			raw[i] = (unsigned char)(x >> 33);
	}
	for (size_t i = 0; i < n; i++)
		out[i] = set[raw[i] % (sizeof set - 1)];
}

/* Creates dir/.base.lp-PID-XXXXXX.tmp, its name published in the claimed
 * live slot before the open() (above). The mode is 0666 less the umask,
 * which the kernel applies on create (as for any new file), so the umask
 * is never read or changed here (umask(0) to read it would race with
 * other threads creating files). */
static int
create_temp(const char *dir, const char *base, int slot, mode_t mode, char **temp)
{
	size_t size = strlen(dir) + strlen(base) + 48;
	if (size > PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	char *name = malloc(size);
	if (!name) {
		errno = ENOMEM;
		return -1;
	}
	int fd = -1;
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		char rnd[TEMP_RANDOM + 1];
		random_chars(rnd, TEMP_RANDOM);
		rnd[TEMP_RANDOM] = '\0';
		snprintf(name, size, "%s/.%s" TEMP_TAG "%ld-%s" TEMP_SUFFIX, dir, base,
		        (long)getpid(), rnd);
		live_publish(slot, name);
		/* Read and write: libtiff reads back what it wrote (lp_atomic_file_fd). */
		fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
		if (fd < 0) {
			int err = errno;
			live_unpublish(slot);
			errno = err;
			if (err != EEXIST)
				break;
		}
	}
	if (fd < 0) {
		int err = errno;
		free(name);
		errno = err;
		return -1;
	}
	*temp = name;
	return fd;
}

/* ---- The target ---------------------------------------------------------- */

lp_status
lp_output_check(const char *path, const char *const *inputs, size_t n_inputs, lp_diag *diag)
{
	if (strcmp(path, "-") == 0)
		return LP_OK;
	struct stat link, target;
	if (lstat(path, &link) != 0)
		return LP_OK; /* nothing there yet; creating reports any other problem */
	bool resolves = stat(path, &target) == 0;
	for (size_t i = 0; resolves && i < n_inputs; i++) {
		struct stat in;
		if (inputs[i] && strcmp(inputs[i], "-") != 0 && stat(inputs[i], &in) == 0 &&
		        in.st_dev == target.st_dev && in.st_ino == target.st_ino)
			return lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
			        "is the input '%s'; writing the output there would destroy it",
			        inputs[i]);
	}
	if (resolves && !S_ISREG(target.st_mode))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
		        "is %s; the output must be a regular file (or '-' for standard output)",
		        lp_file_kind(target.st_mode));
	/* A symbolic link is replaced by the output (rename() replaces the
	 * link, never what it points at), so it is the link that must be ours.
	 * Another user's file, or one made read-only, is not replaced. */
	if (link.st_uid != geteuid())
		return lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
		        "belongs to another user; letterpress does not replace it (remove it first "
		        "or choose another name)");
	if (!S_ISLNK(link.st_mode) && access(path, W_OK) != 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
		        "is read-only; letterpress does not replace it (remove it first or choose "
		        "another name)");
	return LP_OK;
}

lp_status
lp_atomic_file_open(const char *path, lp_atomic_file **out, lp_diag *diag)
{
	*out = NULL;
	lp_atomic_file *f = calloc(1, sizeof *f);
	if (!f)
		return LP_ERR_NOMEM;
	f->fd = -1;
	f->slot = -1;
	f->path = strdup(path);
	if (!f->path)
		goto nomem;
	if (strcmp(path, "-") == 0) {
		f->fd = STDOUT_FILENO;
		*out = f;
		return LP_OK;
	}
	lp_status s = lp_output_check(path, NULL, 0, diag);
	if (s != LP_OK) {
		free(f->path);
		free(f);
		return s;
	}
	char *dir_copy = strdup(path), *base_copy = strdup(path);
	if (!dir_copy || !base_copy) {
		free(dir_copy);
		free(base_copy);
		goto nomem;
	}
	const char *dir = dirname(dir_copy), *base = basename(base_copy);
	remove_stale_temps(dir);
	int slot = live_claim(), err = 0;
	if (slot >= 0) {
		f->fd = create_temp(dir, base, slot, 0666, &f->temp);
		err = errno;
	}
	free(dir_copy);
	free(base_copy);
	if (f->fd < 0) {
		live_remove(slot);
		free(f->path);
		free(f);
		if (slot < 0)
			return lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
			        "cannot create output: more than %d output files open at once",
			        LP_MAX_LIVE_TEMP_FILES);
		if (err == ENOMEM)
			return LP_ERR_NOMEM;
		return lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
		        "cannot create output: %s", strerror(err));
	}
	f->slot = slot;
	*out = f;
	return LP_OK;
nomem:
	free(f->path);
	free(f);
	return LP_ERR_NOMEM;
}

const char *
lp_atomic_file_temp_path(const lp_atomic_file *f)
{
	return f->temp;
}

int
lp_atomic_file_fd(const lp_atomic_file *f)
{
	return f->temp ? f->fd : -1;
}

lp_status
lp_atomic_file_write(lp_atomic_file *f, const void *data, size_t size, lp_diag *diag)
{
	const unsigned char *p = data;
	while (size && !f->failed) {
		ssize_t w = write(f->fd, p, size);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			f->failed = true;
			return lp_diag_report(diag, LP_ERROR, LP_ERR_IO, f->path, 0, 0,
			        "write failed: %s", strerror(errno));
		}
		p += w;
		size -= (size_t)w;
	}
	return f->failed ? LP_ERR_IO : LP_OK;
}

void
lp_atomic_file_abort(lp_atomic_file *f)
{
	if (!f)
		return;
	if (f->temp) {
		if (f->fd >= 0)
			close(f->fd);
		unlink(f->temp);
	}
	live_remove(f->slot);
	free(f->temp);
	free(f->path);
	free(f);
}

static void
fsync_folder(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return;
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
}

lp_status
lp_atomic_file_close(lp_atomic_file *f, lp_diag *diag)
{
	if (f->failed)
		return LP_ERR_IO;
	if (!f->temp || f->fd < 0) /* stdout is flushed on commit; closed already */
		return LP_OK;
	int fd = f->fd;
	f->fd = -1;
	if (fsync(fd) != 0 || close(fd) != 0) {
		f->failed = true;
		return lp_diag_report(diag, LP_ERROR, LP_ERR_IO, f->path, 0, 0,
		        "cannot flush output: %s", strerror(errno));
	}
	return LP_OK;
}

lp_status
lp_atomic_file_commit(lp_atomic_file *f, lp_diag *diag)
{
	if (f->failed) {
		lp_atomic_file_abort(f);
		return LP_ERR_IO;
	}
	if (!f->temp) { /* stdout */
		lp_status s = LP_OK;
		if (fsync(f->fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
			s = lp_diag_report(diag, LP_ERROR, LP_ERR_IO, "<stdout>", 0, 0,
			        "flush failed: %s", strerror(errno));
		free(f->path);
		free(f);
		return s;
	}
	lp_status s = lp_atomic_file_close(f, diag);
	if (s != LP_OK) {
		lp_atomic_file_abort(f);
		return s;
	}
	if (rename(f->temp, f->path) != 0) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, f->path, 0, 0,
		        "cannot publish output: %s", strerror(errno));
		lp_atomic_file_abort(f);
		return s;
	}
	live_remove(f->slot);
	fsync_folder(f->path);
	free(f->temp);
	free(f->path);
	free(f);
	return LP_OK;
}

int
lp_scratch_file_open(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	/* No O_TMPFILE there: a named file, unlinked at once, its name live
	 * (as an output's temporary) until it is gone. */
	int slot = live_claim();
	if (slot < 0) {
		errno = EMFILE;
		return -1;
	}
	char *name;
	fd = create_temp(dir, "scratch", slot, 0600, &name);
	if (fd >= 0) {
		unlink(name);
		free(name);
	}
	int err = errno;
	live_remove(slot);
	errno = err;
	return fd;
}

lp_status
lp_atomic_write(const char *path, const void *data, size_t size, lp_diag *diag)
{
	lp_atomic_file *f;
	lp_status s = lp_atomic_file_open(path, &f, diag);
	if (s != LP_OK)
		return s;
	s = lp_atomic_file_write(f, data, size, diag);
	if (s != LP_OK) {
		lp_atomic_file_abort(f);
		return s;
	}
	return lp_atomic_file_commit(f, diag);
}
