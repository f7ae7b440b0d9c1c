/* Atomic publication of output files; see atomic_file.h. */
#include "base/atomic_file.h"

#include "base/diag.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct lp_atomic_file {
	char *path;
	char *temp;  /* NULL for stdout */
	int fd;
	bool failed;
};

lp_status
lp_atomic_file_open(const char *path, lp_atomic_file **out, lp_diag *diag)
{
	*out = NULL;
	lp_atomic_file *f = calloc(1, sizeof *f);
	if (!f)
		return LP_ERR_NOMEM;
	f->fd = -1;
	f->path = strdup(path);
	if (!f->path)
		goto nomem;
	if (strcmp(path, "-") == 0) {
		f->fd = STDOUT_FILENO;
		*out = f;
		return LP_OK;
	}
	/* Hidden, in the same folder, so rename() stays on one file system. */
	char *dir_copy = strdup(path), *base_copy = strdup(path);
	if (!dir_copy || !base_copy) {
		free(dir_copy);
		free(base_copy);
		goto nomem;
	}
	const char *dir = dirname(dir_copy), *base = basename(base_copy);
	f->temp = malloc(strlen(dir) + strlen(base) + 16);
	if (f->temp)
		sprintf(f->temp, "%s/.%s.XXXXXX", dir, base);
	free(dir_copy);
	free(base_copy);
	if (!f->temp)
		goto nomem;
	f->fd = mkstemp(f->temp);
	if (f->fd >= 0)
		fcntl(f->fd, F_SETFD, FD_CLOEXEC);
	if (f->fd < 0) {
		lp_status s = lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, path, 0, 0,
			"cannot create output: %s", strerror(errno));
		free(f->temp);
		f->temp = NULL;
		free(f->path);
		free(f);
		return s;
	}
	/* mkstemp makes 0600; an output file should get the usual mode. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(f->fd, 0666 & ~mask);
	*out = f;
	return LP_OK;
nomem:
	free(f->temp);
	free(f->path);
	free(f);
	return LP_ERR_NOMEM;
}

const char *
lp_atomic_file_temp_path(const lp_atomic_file *f)
{
	return f->temp;
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
	if (fsync(f->fd) != 0 || close(f->fd) != 0) {
		f->fd = -1;
		lp_status s = lp_diag_report(diag, LP_ERROR, LP_ERR_IO, f->path, 0, 0,
			"cannot flush output: %s", strerror(errno));
		lp_atomic_file_abort(f);
		return s;
	}
	f->fd = -1;
	if (rename(f->temp, f->path) != 0) {
		lp_status s = lp_diag_report(diag, LP_ERROR, LP_ERR_OUTPUT, f->path, 0, 0,
			"cannot publish output: %s", strerror(errno));
		lp_atomic_file_abort(f);
		return s;
	}
	fsync_folder(f->path);
	free(f->temp);
	free(f->path);
	free(f);
	return LP_OK;
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
