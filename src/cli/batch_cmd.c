/*
 * letterpress batch and letterpress manifest merge: thin clients of
 * lp_batch_run() and lp_manifest_merge(). They parse arguments, draw the
 * progress line on a terminal, print failures and the summary, and turn
 * SIGINT, SIGTERM and SIGHUP into a clean stop (the batch finishes the
 * releases in flight; --resume does the rest).
 */
#include "cli/cli.h"

#include "letterpress.h"

#include "base/array.h"
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
	bool tty, quiet, json, drawn;
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

static void
clear_line(cli_batch *c)
{
	if (c->drawn)
		fputs("\r\033[K", stderr);
	c->drawn = false;
}

static void
on_batch_diag(const lp_diag_entry *e, void *user)
{
	cli_batch *c = user;
	if (c->quiet && e->severity != LP_ERROR)
		return;
	clear_line(c);
	lp_cli_print_entry(e, c->json);
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
	if (LP_ARRAY_RESERVE(c->failures, c->cap_failures, c->n_failures + 1, LP_ARRAY_ANY) !=
	        LP_OK)
		return;
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
			snprintf(eta, sizeof eta, "%ld:%02ld:%02ld", left / 3600, left / 60 % 60,
			        left % 60);
		else
			snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
	}
	fprintf(stderr, "\r\033[Kbatch: %zu/%zu, %.1f releases/s, ETA %s, %zu failed", p->done,
	        p->total, rate, eta, p->failed);
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
				lp_cli_print_entry(e, c->json);
		}
		keep_failure(c, r);
	}
	if (c->tty && !c->quiet && !c->json && p->seconds - c->last_draw >= DRAW_INTERVAL)
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

static int
parse_batch(const lp_cli_parsed *p, lp_batch_options *o, lp_render_options *ro, const char **srcs,
        lp_cli_sign *sign)
{
	const lp_cli_command *cmd = p->cmd;
	ro->layout = p->layout;
	for (size_t i = 0; i < p->n_opts; i++) {
		const lp_cli_value *v = &p->opts[i];
		unsigned long k, n;
		int fo = lp_cli_format_option(cmd, v, ro);
		if (fo < 0)
			fo = lp_cli_sign_option(v, sign);
		if (fo >= 0) {
			if (fo != EX_OK)
				return fo;
			continue;
		}
		switch (v->opt->id) {
		case LP_OPT_OUTPUT:
			o->archive = v->value;
			break;
		case LP_OPT_JOBS:
			if (!parse_count(v->value, &n))
				return lp_cli_usage(cmd,
				        "--jobs takes a number of threads, not '%s'", v->value);
			o->jobs = (unsigned)n;
			break;
		case LP_OPT_SHARD: {
			const char *slash = strchr(v->value, '/');
			char head[16];
			if (!slash || (size_t)(slash - v->value) >= sizeof head)
				return lp_cli_usage(cmd, "--shard takes K/N, not '%s'", v->value);
			snprintf(head, sizeof head, "%.*s", (int)(slash - v->value), v->value);
			if (!parse_count(head, &k) || !parse_count(slash + 1, &n) || k > n)
				return lp_cli_usage(cmd,
				        "--shard takes K/N with 1 <= K <= N, not '%s'", v->value);
			o->shard = (uint32_t)k;
			o->n_shards = (uint32_t)n;
			break;
		}
		case LP_OPT_FROM:
			o->list = v->value;
			break;
		case LP_OPT_RESUME:
			o->resume = true;
			break;
		default:
			return lp_cli_usage(cmd, "'--%s' is not handled here", v->opt->name);
		}
	}
	for (size_t i = 0; i < p->n_operands; i++) {
		if (!strcmp(p->operands[i], "-"))
			return lp_cli_usage(cmd, "a batch reads releases from files; '--from -' "
			                         "reads a list of them");
		srcs[o->n_sources++] = p->operands[i];
	}
	if (!o->n_sources && !o->list)
		return lp_cli_usage(cmd, "takes release files or folders (or --from LIST)");
	if (!o->archive)
		return lp_cli_usage(cmd, "needs -o ARCHIVE");
	return EX_OK;
}

static void
summarize(const cli_batch *c, const lp_batch_options *o, const lp_batch_summary *s, lp_status st)
{
	/* JSON diagnostics are the whole of stderr; the manifest has the rest. */
	if (c->json)
		return;
	if (c->n_failures) {
		fprintf(stderr, "batch: %zu of %zu releases failed:\n", c->n_failures, s->total);
		for (size_t i = 0; i < c->n_failures; i++) {
			fputs("  ", stderr);
			lp_cli_put_escaped(c->failures[i]);
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
		lp_cli_put_escaped(o->archive);
		if (o->n_shards)
			fprintf(stderr, "/manifest.%u-of-%u.jsonl\n", o->shard, o->n_shards);
		else
			fputs("/manifest.jsonl\n", stderr);
	} else {
		fprintf(stderr, "; stopped (%s): run again with --resume to finish\n",
		        lp_status_str(st));
	}
}

int
lp_cli_batch(const lp_cli_parsed *p)
{
	const char **srcs = calloc(p->n_operands + 1, sizeof *srcs);
	if (!srcs)
		return EX_OSERR;
	lp_render_options ro = {.version = LP_RENDER_OPTIONS_VERSION, .date_epoch = -1};
	lp_batch_options o = {.version = LP_BATCH_OPTIONS_VERSION, .sources = srcs, .render = &ro};
	cli_batch c = {.tty = isatty(STDERR_FILENO) == 1,
	        .last_draw = -DRAW_INTERVAL,
	        .quiet = p->quiet,
	        .json = p->json};
	lp_cli_sign sign = {0};
	int rc = parse_batch(p, &o, &ro, srcs, &sign);
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
	lp_batch_summary sum = {.version = LP_BATCH_SUMMARY_VERSION};
	lp_status s = LP_ERR_NOMEM;
	/* One credential for the whole batch, checked before any release. */
	if (diag && (s = lp_cli_sign_setup(&sign, &ro, &signer, diag)) == LP_OK) {
		/* A layout given by path may bring fonts: the engine loads them up front. */
		bool is_path = ro.layout && strchr(ro.layout, '/');
		lp_engine_options eo = {.version = LP_ENGINE_OPTIONS_VERSION,
		        .layouts = is_path ? &ro.layout : NULL,
		        .n_layouts = is_path ? 1 : 0,
		        .no_system_fonts = p->no_system_fonts,
		        .layout_dirs = p->layout_dirs,
		        .n_layout_dirs = p->n_layout_dirs};
		s = lp_engine_new(&eo, &engine, diag);
	}
	if (s == LP_OK)
		s = lp_batch_run(engine, &o, &sum, diag);
	clear_line(&c);
	if (s == LP_OK || sum.total)
		summarize(&c, &o, &sum, s);
	rc = s != LP_OK                                    ? lp_status_exit_code(s)
	     : sum.failed || lp_diag_count(diag, LP_ERROR) ? EX_DATAERR
	                                                   : EX_OK;
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
lp_cli_manifest(const lp_cli_parsed *p)
{
	if (p->n_operands != 2 || strcmp(p->operands[0], "merge") != 0)
		return lp_cli_usage(p->cmd, "takes: merge ARCHIVE");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	if (!diag)
		return EX_OSERR;
	lp_status s = lp_manifest_merge(p->operands[1], diag);
	for (size_t i = 0; i < lp_diag_size(diag); i++)
		if (lp_diag_at_index(diag, i) &&
		        (!p->quiet || lp_diag_at_index(diag, i)->severity == LP_ERROR))
			lp_cli_print_entry(lp_diag_at_index(diag, i), p->json);
	lp_diag_drop(diag);
	return lp_status_exit_code(s);
}
