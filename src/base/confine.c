/* Reading only below a folder; see confine.h. */
#include "base/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__linux__) && defined(SYS_openat2)
#include <linux/openat2.h>
#define LP_HAVE_OPENAT2 1
#endif

/* Non-blocking, so that opening a FIFO does not wait for a writer; the
 * reader clears the flag once it knows it has a regular file. */
#define LP_CONFINE_FLAGS (O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)

static bool force_fallback;

void
lp_confine_force_fallback(bool on)
{
	force_fallback = on;
}

bool
lp_confine_lexically_inside(const char *path)
{
	if (path[0] == '\0' || path[0] == '/')
		return false;
	long depth = 0;
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return false;
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			depth++;
		}
		p += n;
		p += strspn(p, "/");
	}
	return true;
}

const char *
lp_path_past_dot(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/';)
			path++;
	return path;
}

#ifdef LP_HAVE_OPENAT2
/* The kernel resolves every component below root's descriptor and fails
 * with EXDEV the moment one would leave it. */
static int
open_beneath(const char *root, const char *path)
{
	int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	struct open_how how = {
	        .flags = LP_CONFINE_FLAGS, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
	long fd = syscall(SYS_openat2, dfd, path, &how, sizeof how);
	int err = errno;
	close(dfd);
	errno = err;
	return fd < 0 ? -1 : (int)fd;
}
#endif

/* Older kernels (and sandboxes that hide openat2): resolve everything,
 * then compare prefixes. The final component is opened without following
 * a link, so only a rename of a folder on the way could still race. */
static int
open_by_realpath(const char *root, const char *path)
{
	char real_root[PATH_MAX], joined[PATH_MAX], real[PATH_MAX];
	if (!realpath(root, real_root))
		return -1;
	int len = snprintf(joined, sizeof joined, "%s/%s", real_root, path);
	if (len < 0 || (size_t)len >= sizeof joined) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (!realpath(joined, real))
		return -1;
	size_t n = strlen(real_root);
	if (n == 1) /* root is "/" */
		n = 0;
	if (strncmp(real, real_root, n) != 0 || real[n] != '/' || real[n + 1] == '\0') {
		errno = EXDEV;
		return -1;
	}
	return open(real, LP_CONFINE_FLAGS | O_NOFOLLOW);
}

int
lp_confine_open(const char *root, const char *path)
{
	if (!lp_confine_lexically_inside(path)) {
		errno = EXDEV;
		return -1;
	}
#ifdef LP_HAVE_OPENAT2
	if (!force_fallback) {
		int fd = open_beneath(root, path);
		/* ENOSYS: a kernel before 5.6; EPERM: a seccomp filter that does
		 * not know the call. Either way the fallback decides. */
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return fd;
	}
#endif
	return open_by_realpath(root, path);
}

char *
lp_confine_real_path(int fd, const char *root, const char *path)
{
	char link[64], real[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, real, sizeof real - 1);
	if (n > 0 && real[0] == '/') {
		real[n] = '\0';
		return strdup(real);
	}
	/* No /proc: the path as it resolves now. */
	char joined[PATH_MAX];
	int len = snprintf(joined, sizeof joined, "%s/%s", root, path);
	if (len < 0 || (size_t)len >= sizeof joined || !realpath(joined, real))
		return NULL;
	return strdup(real);
}
