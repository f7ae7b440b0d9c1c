/*
 * letterpress watch: renders a release, then renders it again each time a
 * file the render read changes (the release, its signature picture, its
 * layout, the layout's fonts and pictures), until SIGINT, SIGTERM or
 * SIGHUP. The files come from the render itself (lp_render_file_result());
 * their folders are watched with inotify, since editors save by writing a
 * new file and renaming it over the old one, which a watch on the file
 * itself would lose. The engine stays warm between renders of a changed
 * release; a changed layout-side file gets a new engine, because the
 * engine keeps what it read of a layout. Outputs are published atomically
 * by the library, so a viewer never sees half a file, and a failed render
 * leaves the last good output in place.
 */
#include "cli/watch.h"

#include "letterpress.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How long the files must stay quiet after a save before the render: a
 * save is a burst of events (the old file renamed away, the new one
 * created, written and closed; several files saved at once). */
#define QUIET_MS 20
/* How long a file created but not yet closed may take to be written (a
 * shell's `>` creates it before the program that writes it has started):
 * rendering it sooner would read half a file. */
#define WRITER_MS 1000
/* A file written again and again is still rendered this often. */
#define MAX_WAIT_MS 1000
/* A watched folder that is gone is looked for again this often. */
#define RETRY_MS 500

static double
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Names come from the file system: control characters are shown, not
 * sent to the terminal. */
static void
put_escaped(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	}
}

static void
print_diag(const lp_diag_entry *e, void *user)
{
	const lp_watcher *w = user;
	if (w->args->quiet && e->severity != LP_ERROR)
		return;
	char buf[2048];
	lp_diag_format(e, buf, sizeof buf);
	fprintf(stderr, "%s\n", buf);
}

/* A problem of the watching itself, in the form of the library's messages. */
static void
say_error(const char *file, const char *what)
{
	put_escaped(file);
	fprintf(stderr, ": error: %s: %s\n", what, strerror(errno));
}

/* ---- Waiting for a change -------------------------------------------- */

static bool
read_events(lp_watcher *w, bool *fresh)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool saved = false;
	ssize_t len;
	while ((len = read(w->ino, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			p += sizeof *ev + ev->len;
			saved |= lp_watch_event(w, ev, fresh);
		}
	}
	return saved;
}

/* Waits for a save and for the files to settle. Returns false on a stop
 * signal (or when waiting failed: w->broken); else *changed_at is when
 * the first save was seen. */
static bool
wait_for_change(lp_watcher *w, bool *fresh, double *changed_at)
{
	double first = -1, deadline = 0;
	for (;;) {
		int timeout = -1;
		double t = now_ms();
		if (first >= 0) {
			double until =
			        deadline < first + MAX_WAIT_MS ? deadline : first + MAX_WAIT_MS;
			if (t >= until) {
				*changed_at = first;
				return true;
			}
			timeout = (int)(until - t) + 1;
		} else if (w->lost) {
			timeout = RETRY_MS;
		}
		struct pollfd p[2] = {
		        {.fd = w->sig, .events = POLLIN}, {.fd = w->ino, .events = POLLIN}};
		int n = poll(p, 2, timeout);
		if (n < 0 && errno != EINTR) {
			say_error(w->args->input, "cannot wait for changes");
			w->broken = true;
			return false;
		}
		if (n > 0 && (p[0].revents & POLLIN))
			return false;
		bool saved = n > 0 && (p[1].revents & POLLIN) && read_events(w, fresh);
		if (n == 0 && w->lost && first < 0)
			saved = lp_watch_rewatch(w);
		if (saved) {
			t = now_ms();
			if (first < 0)
				first = t;
			deadline = t + (lp_watch_writing(w) ? WRITER_MS : QUIET_MS);
		}
	}
}

/* ---- Rendering ---------------------------------------------------------- */

/* One line a render: what it made and how long it took, or that it failed
 * and what is left in place. The messages came before it. */
static void
say_render(const lp_watcher *w, lp_status s, const lp_render_result *r, const lp_diag *diag,
        double ms, double since_change, double engine_ms)
{
	if (s == LP_OK && w->args->quiet)
		return;
	char when[16] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(when, sizeof when, "%H:%M:%S", &tm);
	fprintf(stderr, "[%s] ", when);
	if (s == LP_OK) {
		put_escaped(w->args->output);
		fprintf(stderr, ": %u page%s in %.0f ms", r->pages, r->pages == 1 ? "" : "s", ms);
	} else {
		put_escaped(w->args->input);
		fprintf(stderr, ": not rendered (%s) in %.0f ms", lp_status_str(s), ms);
	}
	if (engine_ms >= 0)
		fprintf(stderr, ", %.0f ms of it a new engine (a layout-side file changed)",
		        engine_ms);
	if (since_change >= 0)
		fprintf(stderr, ", %.0f ms after the change", since_change);
	if (s == LP_OK) {
		size_t n = lp_diag_count(diag, LP_WARNING);
		fprintf(stderr, "; %zu warning%s\n", n, n == 1 ? "" : "s");
		return;
	}
	fputs("; ", stderr);
	put_escaped(w->args->output);
	fputs(w->rendered ? " keeps the last good render\n" : " is not written\n", stderr);
}

/* Renders once (with a new engine when asked, or when there is none) and
 * watches what the render read. Returns true when a file changed during
 * the render without its folder being watched yet. */
static bool
render_once(lp_watcher *w, lp_engine **engine, bool fresh, double changed_at)
{
	const lp_cli_watch_args *a = w->args;
	lp_diag *diag = lp_diag_new(print_diag, w);
	if (!diag) {
		fputs("letterpress: error: out of memory\n", stderr);
		return false;
	}
	/* File times come from a clock that may lag this one by a tick. */
	struct timespec start;
	clock_gettime(CLOCK_REALTIME, &start);
	start.tv_nsec -= 20 * 1000000L;
	if (start.tv_nsec < 0) {
		start.tv_nsec += 1000000000L;
		start.tv_sec--;
	}
	double t0 = now_ms();
	lp_status s = LP_OK;
	bool new_engine = fresh || !*engine;
	double engine_ms = -1;
	if (new_engine) {
		lp_engine_drop(*engine);
		*engine = NULL;
		s = a->make_engine(a->user, diag, engine);
		engine_ms = now_ms() - t0;
	}
	lp_render_result r = {.version = LP_RENDER_RESULT_VERSION};
	if (s == LP_OK) {
		/* The output must not be one of the files read (a PNG named like
		 * the signature picture): it would change what it is made of. */
		const char **inputs = calloc(w->n_files + 1, sizeof *inputs);
		for (size_t i = 0; inputs && i < w->n_files; i++)
			inputs[i] = w->files[i].path;
		s = inputs ? lp_output_check(a->output, inputs, w->n_files, diag) : LP_ERR_NOMEM;
		free(inputs);
	}
	if (s == LP_OK)
		s = lp_render_file_result(*engine, a->input, a->output, a->render, &r, diag);
	w->rendered |= s == LP_OK;
	say_render(w, s, &r, diag, now_ms() - t0, changed_at >= 0 ? now_ms() - changed_at : -1,
	        changed_at >= 0 ? engine_ms : -1);
	fflush(stderr);
	lp_watch_next_files(w, &r, s == LP_OK, new_engine);
	lp_render_result_clear(&r);
	lp_diag_drop(diag);
	return lp_watch_sync(w, &start);
}

/* SIGINT, SIGTERM and SIGHUP end the watch, between renders: they are
 * blocked and read from a descriptor, so a render in progress finishes
 * (and leaves no temporary file). Ignored ones (nohup) stay ignored. */
static int
stop_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

lp_status
lp_cli_watch(const lp_cli_watch_args *args, lp_engine **engine)
{
	if (!strcmp(args->input, "-") || !strcmp(args->output, "-")) {
		fputs("letterpress: 'watch' needs a release file and an output file, not '-' "
		      "(see letterpress --help)\n",
		        stderr);
		return LP_ERR_USAGE;
	}
	struct stat st;
	if (stat(args->input, &st) != 0) {
		/* A name mistyped: nothing to wait for. */
		say_error(args->input, "cannot open");
		return LP_ERR_MISSING;
	}
	lp_watcher w = {.args = args, .ino = -1};
	lp_status s = LP_ERR_IO;
	if ((w.sig = stop_signals()) < 0) {
		say_error(args->input, "cannot take over SIGINT and SIGTERM");
		goto fail;
	}
	if ((w.ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		say_error(args->input, "cannot watch files (inotify)");
		goto fail;
	}
	bool fresh = false;
	double changed_at = -1;
	for (bool again = true; again;) {
		/* A file changed unseen: render again, reading everything again. */
		bool missed = render_once(&w, engine, fresh, changed_at);
		fresh = missed;
		changed_at = -1;
		again = missed || wait_for_change(&w, &fresh, &changed_at);
	}
	s = w.broken ? LP_ERR_IO : LP_OK;
fail:
	if (w.ino >= 0)
		close(w.ino);
	if (w.sig >= 0)
		close(w.sig);
	lp_watch_clear(&w);
	return s;
}
