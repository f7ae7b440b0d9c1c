/*
 * How long `letterpress watch` takes from a save to the new output in
 * place, next to what a user without it does: a new `letterpress render`
 * process per save. The seed release on a copy of its letterhead in a
 * temporary folder; the saves alternate with the peer's runs, so both see
 * the same machine. Three kinds of save: the release written in place,
 * the release replaced by a rename (what most editors do), the layout
 * replaced by a rename (watch then makes a new engine). The output's
 * arrival is seen with inotify (its rename into place), not by polling.
 * Last, in this process: a render with a warm engine against a new
 * engine and a render, which is what a new engine per save would cost.
 *
 *   bench_watch LETTERPRESS SRCDIR [SAVES]
 */
#include "letterpress.h"

#include "bench_clock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/lp-bench-watch-XXXXXX";
static int ino = -1;

static void
die(const char *what)
{
	fprintf(stderr, "bench_watch: %s\n", what);
	exit(1);
}

/* Waits (at most 10 s) for name to be renamed into dir; false on timeout. */
static bool
wait_renamed(const char *name)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	double until = now_ms() + 10000;
	for (;;) {
		int left = (int)(until - now_ms());
		struct pollfd p = {.fd = ino, .events = POLLIN};
		if (left <= 0 || poll(&p, 1, left) <= 0)
			return false;
		ssize_t len = read(ino, buf, sizeof buf);
		for (char *q = buf; len > 0 && q < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)q;
			q += sizeof *ev + ev->len;
			if (ev->len && strcmp(ev->name, name) == 0)
				return true;
		}
	}
}

static void
drain(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	while (read(ino, buf, sizeof buf) > 0)
		;
}

static void
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) != 0)
		die("cannot write a file");
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = f ? calloc(1, 1 << 20) : NULL;
	if (!s || fread(s, 1, (1 << 20) - 1, f) == 0)
		die("cannot read a file");
	fclose(f);
	return s;
}

static pid_t
spawn(char *const argv[], const char *log)
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd < 0 || dup2(fd, STDERR_FILENO) < 0 || chdir(dir) != 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static void
report(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	printf("%-44s median %6.1f ms   p90 %6.1f ms   max %6.1f ms   (%d)\n", what, v[n / 2],
	        v[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1], v[n - 1], n);
}

/* The body with one word changed, so every save makes a different PDF. */
static void
save_release(const char *base, int i, bool by_rename)
{
	char text[1 << 16], path[256];
	snprintf(text, sizeof text, "%s\nИзмена број %d.\n", base, i);
	if (!by_rename) {
		snprintf(path, sizeof path, "%s/rel.md", dir);
		write_file(path, text);
		return;
	}
	char to[256];
	snprintf(path, sizeof path, "%s/.rel.md.new", dir);
	snprintf(to, sizeof to, "%s/rel.md", dir);
	write_file(path, text);
	if (rename(path, to) != 0)
		die("cannot rename");
}

static void
save_layout(const char *base, int i)
{
	char text[1 << 16], path[256], to[256];
	snprintf(text, sizeof text, "%s\n# save %d\n", base, i);
	snprintf(path, sizeof path, "%s/lh/.layout.yaml.new", dir);
	snprintf(to, sizeof to, "%s/lh/layout.yaml", dir);
	write_file(path, text);
	if (rename(path, to) != 0)
		die("cannot rename");
}

/* A new process rendering the release, from exec to exit. */
static double
peer_render(const char *lp, const char *log)
{
	char *argv[] = {(char *)lp, "render", "-q", "rel.md", "-o", "peer.pdf", NULL};
	double t0 = now_ms();
	pid_t pid = spawn(argv, log);
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("letterpress render failed");
	return now_ms() - t0;
}

/* In this process: a render with a warm engine, and the old engine
 * dropped, a new one made and a render, alternately. */
static void
in_process(const char *srcdir, int n)
{
	double *warm = calloc((size_t)n, sizeof *warm), *cold = calloc((size_t)n, sizeof *cold);
	char in[256], out[256];
	snprintf(in, sizeof in, "%s/rel.md", dir);
	snprintf(out, sizeof out, "%s/inproc.pdf", dir);
	lp_engine_options eo = {.data_dir = srcdir};
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_engine *e;
	if (!warm || !cold || !diag || lp_engine_new(&eo, &e, diag) != LP_OK ||
	        lp_render_file(e, in, out, NULL, diag) != LP_OK)
		die("cannot render in process");
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		lp_render_file(e, in, out, NULL, diag);
		warm[i] = now_ms() - t0;
		/* As watch does: the old engine dropped, a new one made. */
		t0 = now_ms();
		lp_engine_drop(e);
		if (lp_engine_new(&eo, &e, diag) != LP_OK || lp_render_file(e, in, out, NULL, diag))
			die("cannot render in process");
		cold[i] = now_ms() - t0;
	}
	report("in process: render, warm engine", warm, n);
	report("in process: drop, new engine, render", cold, n);
	lp_engine_drop(e);
	lp_diag_drop(diag);
	free(warm);
	free(cold);
}

int
main(int argc, char **argv)
{
	if (argc < 3)
		die("usage: bench_watch LETTERPRESS SRCDIR [SAVES]");
	const char *lp = argv[1], *src = argv[2];
	int n = argc > 3 ? atoi(argv[3]) : 30;
	if (n < 1 || n > 1000 || !mkdtemp(dir))
		die("bad SAVES, or no temporary folder");
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	        "mkdir %s/lh && cp %s/layouts/predsednik/layout.yaml "
	        "%s/layouts/predsednik/emblem.svg %s/lh/ && sed 's|^layout: predsednik$|layout: "
	        "lh/layout.yaml|' %s/examples/predsednik-2024-02-20.md > %s/rel.md && grep -q lh/ "
	        "%s/rel.md",
	        dir, src, src, dir, src, dir, dir);
	if (system(cmd) != 0)
		die("cannot copy the example");
	char path[256], log[256];
	snprintf(path, sizeof path, "%s/rel.md", dir);
	char *release = read_file(path);
	snprintf(path, sizeof path, "%s/lh/layout.yaml", dir);
	char *layout = read_file(path);
	snprintf(log, sizeof log, "%s/watch.log", dir);
	if ((ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0 ||
	        inotify_add_watch(ino, dir, IN_MOVED_TO) < 0)
		die("no inotify");

	char *wargv[] = {(char *)lp, "watch", "rel.md", "-o", "rel.pdf", NULL};
	pid_t watcher = spawn(wargv, log);
	if (watcher < 0 || !wait_renamed("rel.pdf"))
		die("watch made no first output");
	double *in_place = calloc((size_t)n, sizeof(double)),
	       *renamed = calloc((size_t)n, sizeof(double));
	double *peer = calloc((size_t)n, sizeof(double));
	int n_layout = n / 3 > 0 ? n / 3 : 1;
	double *layout_saves = calloc((size_t)n_layout, sizeof(double));
	if (!in_place || !renamed || !peer || !layout_saves)
		die("out of memory");
	char peer_log[256];
	snprintf(peer_log, sizeof peer_log, "%s/peer.log", dir);
	for (int i = 0; i < 2 * n; i++) {
		usleep(100 * 1000); /* past the last save's burst */
		drain();
		save_release(release, i, i % 2);
		double t0 = now_ms();
		if (!wait_renamed("rel.pdf"))
			die("a save made no output");
		(i % 2 ? renamed : in_place)[i / 2] = now_ms() - t0;
		if (i % 2)
			peer[i / 2] = peer_render(lp, peer_log);
	}
	drain();
	for (int i = 0; i < n_layout; i++) {
		usleep(100 * 1000);
		save_layout(layout, i);
		double t0 = now_ms();
		if (!wait_renamed("rel.pdf"))
			die("a layout save made no output");
		layout_saves[i] = now_ms() - t0;
	}
	kill(watcher, SIGTERM);
	int st;
	if (waitpid(watcher, &st, 0) != watcher || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("watch did not end with status 0 on SIGTERM");

	report("watch: release saved in place -> output", in_place, n);
	report("watch: release replaced by rename -> output", renamed, n);
	report("watch: layout replaced by rename -> output", layout_saves, n_layout);
	report("peer: new `letterpress render` per save", peer, n);
	in_process(src, n);
	free(in_place);
	free(renamed);
	free(peer);
	free(layout_saves);
	free(release);
	free(layout);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
