/*
 * letterpress batch and letterpress manifest merge: thin clients of
 * lp_batch_run() and lp_manifest_merge(). They parse arguments, draw the
 * progress line on a terminal, print failures and the summary, and turn
 * SIGINT, SIGTERM and SIGHUP into a clean stop (the batch finishes the
 * releases in flight; --resume does the rest).
 */
#include "cli/cli.h"

#include "letterpress.h"

#include "base/limits.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

/* The progress line is redrawn at most this often, in seconds. */
#define DRAW_INTERVAL 0.1

typedef struct cli_batch {
	bool tty, quiet, drawn;
	double last_draw;
	char **failures; /* each failed release's first error, formatted */
	size_t n_failures, cap_failures;
} cli_batch;

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "letterpress: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, " (see letterpress --help)\n");
	va_end(ap);
	return EX_USAGE;
}

/* Paths come from file names: control characters are shown, not sent to
 * the terminal. */
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
clear_line(cli_batch *c)
{
	if (c->drawn)
		fputs("\r\033[K", stderr);
	c->drawn = false;
}

static void
print_entry(const lp_diag_entry *e)
{
	char buf[2048];
	lp_diag_format(e, buf, sizeof buf);
	put_escaped(buf);
	fputc('\n', stderr);
}

static void
on_batch_diag(const lp_diag_entry *e, void *user)
{
	cli_batch *c = user;
	if (c->quiet && e->severity != LP_ERROR)
		return;
	clear_line(c);
	print_entry(e);
}

static void
keep_failure(cli_batch *c, const lp_batch_release *r)
{
	char buf[2048];
	const lp_diag_entry *e = NULL;
	for (size_t i = 0; (e = lp_diag_at_index(r->diag, i)) && e->severity != LP_ERROR; i++)
		;
	if (e)
		lp_diag_format(e, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%s: error: %s", r->path, lp_status_str(r->status));
	if (c->n_failures == c->cap_failures) {
		size_t cap = c->cap_failures ? c->cap_failures * 2 : 16;
		char **v = realloc(c->failures, cap * sizeof *v);
		if (!v)
			return;
		c->failures = v;
		c->cap_failures = cap;
	}
	if ((c->failures[c->n_failures] = strdup(buf)))
		c->n_failures++;
}

static void
draw(cli_batch *c, const lp_batch_progress *p)
{
	double rate = p->seconds > 0 ? (double)p->done / p->seconds : 0;
	char eta[32] = "--";
	if (rate > 0) {
		long left = (long)((double)(p->total - p->done) / rate + 0.5);
		if (left >= 3600)
			snprintf(eta, sizeof eta, "%ld:%02ld:%02ld", left / 3600, left / 60 % 60, left % 60);
		else
			snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
	}
	fprintf(stderr, "\r\033[Kbatch: %zu/%zu, %.1f releases/s, ETA %s, %zu failed", p->done, p->total,
		rate, eta, p->failed);
	fflush(stderr);
	c->drawn = true;
	c->last_draw = p->seconds;
}

static void
on_progress(const lp_batch_progress *p, void *user)
{
	cli_batch *c = user;
	const lp_batch_release *r = p->release;
	if (r && r->status != LP_OK) {
		clear_line(c);
		for (size_t i = 0; i < lp_diag_size(r->diag); i++) {
			const lp_diag_entry *e = lp_diag_at_index(r->diag, i);
			if (e && e->severity == LP_ERROR)
				print_entry(e);
		}
		keep_failure(c, r);
	}
	if (c->tty && !c->quiet && p->seconds - c->last_draw >= DRAW_INTERVAL)
		draw(c, p);
}

static bool
parse_count(const char *s, unsigned long *v)
{
	char *end;
	if (*s < '1' || *s > '9')
		return false;
	*v = strtoul(s, &end, 10);
	return *end == '\0' && *v <= 1000000;
}

int
lp_cli_format_option(int argc, char **argv, int *i, lp_render_options *ro)
{
	const char *arg = argv[*i];
	if (!strcmp(arg, "--fax")) {
		ro->fax = true;
		return EX_OK;
	}
	if (!strcmp(arg, "--pdfua")) {
		ro->pdfua = true;
		return EX_OK;
	}
	if (!strcmp(arg, "--grey") || !strcmp(arg, "--gray")) {
		ro->grey = true;
		return EX_OK;
	}
	if (strcmp(arg, "--format") && strcmp(arg, "--fax-mode") && strcmp(arg, "--fax-coding")
		&& strcmp(arg, "--dpi") && strcmp(arg, "--pdfa"))
		return -1;
	if (*i + 1 >= argc)
		return usage_error("%s needs a value", arg);
	const char *v = argv[++*i];
	unsigned long n;
	if (!strcmp(arg, "--format")) {
		if ((ro->format = lp_format_from_name(v)) == LP_FORMAT_AUTO)
			return usage_error("--format takes pdf, tiff or png, not '%s'", v);
	} else if (!strcmp(arg, "--fax-mode")) {
		if (!strcmp(v, "fine"))
			ro->fax_mode = LP_FAX_MODE_FINE;
		else if (!strcmp(v, "standard"))
			ro->fax_mode = LP_FAX_MODE_STANDARD;
		else
			return usage_error("--fax-mode takes fine or standard, not '%s'", v);
	} else if (!strcmp(arg, "--fax-coding")) {
		if (!strcmp(v, "g4"))
			ro->fax_code = LP_FAX_CODE_G4;
		else if (!strcmp(v, "g3"))
			ro->fax_code = LP_FAX_CODE_G3;
		else if (!strcmp(v, "g3-2d"))
			ro->fax_code = LP_FAX_CODE_G3_2D;
		else
			return usage_error("--fax-coding takes g4, g3 or g3-2d, not '%s'", v);
	} else if (!strcmp(arg, "--pdfa")) {
		if (!strcmp(v, "1b"))
			ro->pdfa = LP_PDFA_1B;
		else if (!strcmp(v, "2b"))
			ro->pdfa = LP_PDFA_2B;
		else if (!strcmp(v, "3b"))
			ro->pdfa = LP_PDFA_3B;
		else
			return usage_error("--pdfa takes 1b, 2b or 3b, not '%s'", v);
	} else {
		/* The backend's own bound (LP_MAX_RASTER_DPI) is checked here
		 * too, so a typo is a usage error before any work. */
		if (!parse_count(v, &n) || n > LP_MAX_RASTER_DPI)
			return usage_error("--dpi takes a whole number from 1 to %u, not '%s'",
				LP_MAX_RASTER_DPI, v);
		ro->dpi = (double)n;
	}
	return EX_OK;
}

static int
parse_batch(int argc, char **argv, lp_batch_options *o, const char **srcs, bool *quiet,
	lp_cli_sign *sign)
{
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		bool has_value = i + 1 < argc;
		unsigned long k, n;
		int fo = lp_cli_format_option(argc, argv, &i, &o->render);
		if (fo < 0)
			fo = lp_cli_sign_option(argc, argv, &i, sign);
		if (fo >= 0) {
			if (fo != EX_OK)
				return fo;
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output") || !strcmp(arg, "-l")
			|| !strcmp(arg, "--layout") || !strcmp(arg, "-j")
			|| !strcmp(arg, "--jobs") || !strcmp(arg, "--shard") || !strcmp(arg, "--from")) {
			if (!has_value)
				return usage_error("%s needs a value", arg);
			const char *v = argv[++i];
			if (arg[1] == 'o' || !strcmp(arg, "--output")) {
				o->archive = v;
			} else if (arg[1] == 'l' || !strcmp(arg, "--layout")) {
				o->render.layout = v;
			} else if (arg[1] == 'j' || !strcmp(arg, "--jobs")) {
				if (!parse_count(v, &n))
					return usage_error("%s takes a number of threads, not '%s'", arg, v);
				o->jobs = (unsigned)n;
			} else if (!strcmp(arg, "--shard")) {
				const char *slash = strchr(v, '/');
				char head[16];
				if (!slash || (size_t)(slash - v) >= sizeof head)
					return usage_error("--shard takes K/N, not '%s'", v);
				snprintf(head, sizeof head, "%.*s", (int)(slash - v), v);
				if (!parse_count(head, &k) || !parse_count(slash + 1, &n) || k > n)
					return usage_error("--shard takes K/N with 1 <= K <= N, not '%s'", v);
				o->shard = (uint32_t)k;
				o->n_shards = (uint32_t)n;
			} else {
				o->list = v;
			}
		} else if (!strcmp(arg, "--resume")) {
			o->resume = true;
		} else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
			*quiet = true;
		} else if (!strcmp(arg, "-")) {
			return usage_error("a batch reads releases from files; '--from -' reads a list of them");
		} else if (arg[0] == '-') {
			return usage_error("unknown option '%s'", arg);
		} else {
			srcs[o->n_sources++] = arg;
		}
	}
	if (!o->n_sources && !o->list)
		return usage_error("'batch' takes release files or folders (or --from LIST)");
	if (!o->archive)
		return usage_error("'batch' needs -o ARCHIVE");
	return EX_OK;
}

static void
summarize(const cli_batch *c, const lp_batch_options *o, const lp_batch_summary *s, lp_status st)
{
	if (c->n_failures) {
		fprintf(stderr, "batch: %zu of %zu releases failed:\n", c->n_failures, s->total);
		for (size_t i = 0; i < c->n_failures; i++) {
			fputs("  ", stderr);
			put_escaped(c->failures[i]);
			fputc('\n', stderr);
		}
	}
	if (c->quiet)
		return;
	fprintf(stderr, "batch: %zu releases, %zu ok, %zu failed", s->total, s->ok, s->failed);
	if (s->kept)
		fprintf(stderr, " (%zu kept from the earlier run)", s->kept);
	if (st == LP_OK) {
		fputs("; manifest ", stderr);
		put_escaped(o->archive);
		if (o->n_shards)
			fprintf(stderr, "/manifest.%u-of-%u.jsonl\n", o->shard, o->n_shards);
		else
			fputs("/manifest.jsonl\n", stderr);
	} else {
		fprintf(stderr, "; stopped (%s): run again with --resume to finish\n", lp_status_str(st));
	}
}

int
lp_cli_batch(int argc, char **argv)
{
	const char **srcs = calloc((size_t)argc, sizeof *srcs);
	if (!srcs)
		return EX_OSERR;
	lp_batch_options o = {.sources = srcs, .render = {.date_epoch = -1}};
	cli_batch c = {.tty = isatty(STDERR_FILENO) == 1, .last_draw = -DRAW_INTERVAL};
	lp_cli_sign sign = {0};
	int rc = parse_batch(argc, argv, &o, srcs, &c.quiet, &sign);
	if (rc != EX_OK) {
		free(srcs);
		return rc;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	int stop_on[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof stop_on / sizeof *stop_on; i++)
		sigaction(stop_on[i], &sa, NULL);
	/* A full disk under a file size limit, or stderr going away, is an
	 * error to report and finish cleanly, not a reason to die. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	o.progress = on_progress;
	o.user = &c;
	o.cancel = &stop_signal;

	lp_diag *diag = lp_diag_new(on_batch_diag, &c);
	lp_engine *engine = NULL;
	lp_signer *signer = NULL;
	lp_batch_summary sum = {0};
	lp_status s = LP_ERR_NOMEM;
	/* One credential for the whole batch, checked before any release. */
	if (diag && (s = lp_cli_sign_setup(&sign, &o.render, &signer, diag)) == LP_OK) {
		/* A layout given by path may bring fonts: the engine loads them up front. */
		bool is_path = o.render.layout && strchr(o.render.layout, '/');
		lp_engine_options eo = {.layouts = is_path ? &o.render.layout : NULL,
			.n_layouts = is_path ? 1 : 0};
		s = lp_engine_new(&eo, &engine, diag);
	}
	if (s == LP_OK)
		s = lp_batch_run(engine, &o, &sum, diag);
	clear_line(&c);
	if (s == LP_OK || sum.total)
		summarize(&c, &o, &sum, s);
	rc = s != LP_OK ? lp_status_exit_code(s)
		: sum.failed || lp_diag_count(diag, LP_ERROR) ? EX_DATAERR : EX_OK;
	lp_engine_drop(engine);
	lp_signer_drop(signer);
	lp_diag_drop(diag);
	for (size_t i = 0; i < c.n_failures; i++)
		free(c.failures[i]);
	free(c.failures);
	free(srcs);
	if (s == LP_ERR_CANCELLED && stop_signal) {
		/* Die of the signal, as the shell that sent it expects. */
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
	return rc;
}

int
lp_cli_manifest(int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[2], "merge") != 0)
		return usage_error("'manifest' takes: merge ARCHIVE");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	if (!diag)
		return EX_OSERR;
	lp_status s = lp_manifest_merge(argv[3], diag);
	for (size_t i = 0; i < lp_diag_size(diag); i++)
		if (lp_diag_at_index(diag, i))
			print_entry(lp_diag_at_index(diag, i));
	lp_diag_drop(diag);
	return lp_status_exit_code(s);
}
