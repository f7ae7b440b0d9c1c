/* lp_batch_run(): worker threads render releases over one engine; the
 * calling thread makes their outputs durable in groups, journals them and
 * reports progress; the manifest is published at the end. See batch.h and
 * docs/scaling.md. */
#include "batch/batch.h"
#include "sign/sign.h"

#include "base/diag.h"
#include "base/limits.h"
#include "pipeline/writer.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Finished releases waiting for their group's flush: each holds its record,
 * its messages and a temporary file, so workers wait past this many. */
#define MAX_PENDING 256
/* How often the calling thread reports progress while nothing finishes. */
#define TICK_NS 100000000L
/* Finished releases are made durable together: a flush of the file system
 * costs about what one fsync does, so a group of GROUP_SIZE costs one, and
 * none waits longer than GROUP_NS for its group (a kill loses at most that
 * much work, which --resume renders again). */
#define GROUP_SIZE 64
#define GROUP_NS 250000000L

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
add_ns(struct timespec *t, long ns)
{
	t->tv_nsec += ns;
	t->tv_sec += t->tv_nsec / 1000000000L;
	t->tv_nsec %= 1000000000L;
}

static bool
before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* The options a journal is only good for: the same build (version, code
 * and libraries), format and its options, layout and date give the same
 * bytes from the same source. */
static void
journal_header(const lp_render_options *r, char *out, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char config[512], hex[LP_SHA256_HEX];
	int n = snprintf(config, sizeof config,
	        "letterpress %s %s\nformat %s\nlayout %s\ndate %lld %s\n", lp_version(),
	        lp_batch_build_id(), lp_format_name(lp_writer_for(r->format, NULL)->format),
	        r->layout ? r->layout : "", (long long)r->date_epoch,
	        r->date_epoch < 0 && sde ? sde : "");
	/* Only when set, so a PDF batch's journal reads as it always did. */
	if (n > 0 && (size_t)n < sizeof config &&
	        (r->fax_mode || r->fax_code || r->dpi != 0 || r->grey || r->fax))
		snprintf(config + n, sizeof config - (size_t)n, "output %d %d %g %d %d\n",
		        (int)r->fax_mode, (int)r->fax_code, r->dpi, (int)r->grey, (int)r->fax);
	size_t used = strlen(config);
	if (r->pdfa != LP_PDFA_NONE)
		snprintf(config + used, sizeof config - used, "pdfa %d\n", (int)r->pdfa);
	used = strlen(config);
	if (r->pdfua)
		snprintf(config + used, sizeof config - used, "pdfua 1\n");
	/* Signed outputs are kept only for the same signer and field. */
	size_t len = strlen(config);
	if (r->signer || r->sign_field) {
		char who[80];
		lp_signer_fingerprint(r->signer, who);
		snprintf(config + len, sizeof config - len, "sign %s %s\n", who,
		        r->sign_field ? r->sign_field : "");
	}
	lp_sha256_hex(config, strlen(config), hex);
	snprintf(out, size, "{\"journal\":1,\"config\":\"%s\"}\n", hex);
}

/* Frees finished releases, with any output that was never placed. */
static void
done_free_all(lp_batch *b, lp_batch_done *list)
{
	while (list) {
		lp_batch_done *next = list->next;
		if (list->staged)
			lp_archive_discard(&b->archive, &list->temp);
		lp_record_clear(&list->rec);
		lp_diag_drop(list->diag);
		free(list);
		list = next;
	}
}

static void *
worker(void *arg)
{
	lp_batch *b = arg;
	pthread_mutex_lock(&b->lock);
	while (!b->stop && b->next < b->plan.n) {
		size_t i = b->next++;
		pthread_mutex_unlock(&b->lock);
		lp_batch_done *dn = lp_batch_work(b, i);
		pthread_mutex_lock(&b->lock);
		if (!dn) {
			b->stop = true; /* out of memory: no record for it */
			break;
		}
		while (b->queued >= MAX_PENDING)
			pthread_cond_wait(&b->room, &b->lock);
		bool first = !b->tail;
		if (b->tail) {
			b->tail->next = dn;
		} else {
			b->head = dn;
			clock_gettime(CLOCK_MONOTONIC, &b->head_since);
		}
		b->tail = dn;
		b->queued++;
		/* The calling thread waits for a whole group or for the first
		 * one's deadline: it is woken for those two only, not once a
		 * release (a wake-up costs a system call and a switch, a few
		 * per cent of a one-page release's time). */
		if (first || b->queued == GROUP_SIZE)
			pthread_cond_signal(&b->more);
	}
	b->running--;
	pthread_cond_signal(&b->more);
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* Says why the batch stops: the disk error a release met. */
static lp_status
disk_failed(lp_batch *b, const lp_batch_done *dn, lp_diag *diag)
{
	const lp_diag_entry *e, *found = NULL;
	for (size_t i = 0; (e = lp_diag_at_index(dn->diag, i)); i++)
		if (e->severity == LP_ERROR && e->code == LP_ERR_IO)
			found = e;
	return lp_diag_report(diag, LP_ERROR, LP_ERR_IO, found ? found->file : b->archive.path,
	        found ? found->line : 0, found ? found->col : 0, "%s",
	        found ? found->message : "cannot write into the archive");
}

/* Makes a group of finished releases count, in this order: their outputs
 * flushed to the disk, renamed into place, the renames (and removals of old
 * outputs) flushed, then their records journalled, then reported. A record
 * is never written before its output is durable. Flushing the archive's
 * file system once for the whole group costs what one fsync does. */
static lp_status
commit(lp_batch *b, lp_batch_done *list, lp_batch_progress *prog, const struct timespec *t0,
        lp_diag *diag)
{
	lp_status s = LP_OK;
	bool staged = false, changed = false;
	for (lp_batch_done *dn = list; dn && s == LP_OK; dn = dn->next) {
		if (dn->disk)
			s = disk_failed(b, dn, diag);
		staged |= dn->staged;
		changed |= dn->removed;
	}
	if (s == LP_OK && staged)
		s = lp_archive_flush(&b->archive, diag);
	for (lp_batch_done *dn = list; dn && s == LP_OK; dn = dn->next) {
		if (!dn->staged)
			continue;
		const lp_batch_item *it = &b->plan.items[dn->index];
		lp_status put = lp_archive_place(&b->archive, &dn->temp, it->output, dn->diag);
		dn->staged = false;
		changed |= put == LP_OK;
		if (put == LP_ERR_IO)
			s = disk_failed(b, dn, diag);
		else if (put != LP_OK)
			lp_batch_fail(b, dn, put, false); /* a link or a folder where it goes */
	}
	if (s == LP_OK && changed)
		s = lp_archive_flush(&b->archive, diag);
	lp_buf lines = {0};
	for (lp_batch_done *dn = list; dn && s == LP_OK; dn = dn->next)
		if (!dn->kept)
			lp_record_journal_json(&dn->rec, &lines);
	if (s == LP_OK)
		s = lines.failed ? LP_ERR_NOMEM
		                 : lp_journal_append(&b->archive, b->journal_fd, &lines, diag);
	lp_buf_free(&lines);
	for (lp_batch_done *dn = list; dn && s == LP_OK; dn = dn->next) {
		b->results[dn->index] = dn->rec;
		memset(&dn->rec, 0, sizeof dn->rec);
		prog->done++;
		prog->failed += !b->results[dn->index].ok;
		prog->kept += dn->kept;
		if (!b->opts->progress)
			continue;
		const lp_batch_item *it = &b->plan.items[dn->index];
		lp_batch_release rel = {
		        it->source, it->path, it->output, dn->status, dn->kept, dn->diag};
		prog->release = &rel;
		prog->seconds = seconds_since(t0);
		b->opts->progress(prog, b->opts->user);
		prog->release = NULL;
	}
	done_free_all(b, list);
	return s;
}

static lp_status
start_workers(lp_batch *b, pthread_t *threads, unsigned n)
{
	/* Asynchronous signals go to the caller's thread, whose handler may
	 * set the cancel flag; faults stay with the thread that made them. */
	sigset_t all, old;
	sigfillset(&all);
	static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS};
	for (size_t i = 0; i < sizeof faults / sizeof *faults; i++)
		sigdelset(&all, faults[i]);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	lp_status s = LP_OK;
	for (unsigned i = 0; i < n && s == LP_OK; i++) {
		pthread_mutex_lock(&b->lock);
		b->running++;
		pthread_mutex_unlock(&b->lock);
		if (pthread_create(&threads[i], NULL, worker, b) != 0) {
			pthread_mutex_lock(&b->lock);
			b->running--;
			b->stop = true;
			pthread_mutex_unlock(&b->lock);
			for (unsigned k = 0; k < i; k++)
				pthread_join(threads[k], NULL);
			s = LP_ERR_NOMEM;
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return s;
}

/* The calling thread's part: waits for finished releases, commits them,
 * reports progress at least every TICK_NS, and stops the workers when
 * asked to or when committing fails. */
static lp_status
run_commits(lp_batch *b, lp_batch_progress *prog)
{
	const lp_batch_options *o = b->opts;
	struct timespec t0, last;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	last = t0;
	lp_status s = LP_OK;
	pthread_mutex_lock(&b->lock);
	for (;;) {
		/* Wait for a whole group, for the oldest release's deadline, for
		 * the workers to end, for a cancel, or for the next tick. */
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		add_ns(&until, TICK_NS);
		while (b->queued < GROUP_SIZE && b->running > 0 &&
		        !(o->cancel && *o->cancel && !b->stop)) {
			struct timespec wake = until;
			if (b->head) {
				struct timespec due = b->head_since;
				add_ns(&due, GROUP_NS);
				if (before(&due, &wake))
					wake = due;
			}
			if (pthread_cond_timedwait(&b->more, &b->lock, &wake) == ETIMEDOUT)
				break;
		}
		if (o->cancel && *o->cancel)
			b->stop = true;
		struct timespec now, due = b->head_since;
		clock_gettime(CLOCK_MONOTONIC, &now);
		add_ns(&due, GROUP_NS);
		bool take = b->queued >= GROUP_SIZE || b->running == 0 || b->stop ||
		            (b->head && !before(&now, &due));
		lp_batch_done *list = take ? b->head : NULL;
		if (take) {
			b->head = b->tail = NULL;
			b->queued = 0;
		}
		bool finished = !list && b->running == 0;
		pthread_cond_broadcast(&b->room);
		pthread_mutex_unlock(&b->lock);
		if (list && s == LP_OK)
			s = commit(b, list, prog, &t0, b->diag);
		else
			done_free_all(b, list);
		if (s != LP_OK) {
			pthread_mutex_lock(&b->lock);
			b->stop = true;
			pthread_mutex_unlock(&b->lock);
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (o->progress && !list &&
		        (now.tv_sec - last.tv_sec) * 1000000000L + (now.tv_nsec - last.tv_nsec) >=
		                TICK_NS) {
			prog->seconds = seconds_since(&t0);
			o->progress(prog, o->user);
			last = now;
		}
		pthread_mutex_lock(&b->lock);
		if (finished)
			break;
	}
	bool incomplete = b->next < b->plan.n || prog->done < b->plan.n;
	pthread_mutex_unlock(&b->lock);
	if (s == LP_OK && incomplete)
		s = o->cancel && *o->cancel ? LP_ERR_CANCELLED : LP_ERR_NOMEM;
	return s;
}

static lp_status
check_options(const lp_batch_options *o, lp_diag *diag)
{
	if (!o)
		return lp_diag_report(
		        diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0, "a batch needs options");
	lp_status s = lp_diag_check_version(
	        diag, "lp_batch_options", o->version, LP_BATCH_OPTIONS_VERSION);
	if (s == LP_OK && o->render)
		s = lp_diag_check_version(
		        diag, "lp_render_options", o->render->version, LP_RENDER_OPTIONS_VERSION);
	if (s != LP_OK)
		return s;
	const char *why = NULL;
	if (!o->archive || !*o->archive)
		why = "a batch needs an archive folder to write into";
	else if (o->n_shards > LP_MAX_BATCH_SHARDS)
		why = "too many shards";
	else if (o->n_shards && (o->shard < 1 || o->shard > o->n_shards))
		why = "the shard must be one of 1 to the number of shards";
	else if (o->jobs > LP_MAX_BATCH_JOBS)
		why = "too many worker threads";
	else if (!lp_writer_for(o->render ? o->render->format : LP_FORMAT_AUTO, NULL))
		why = "no writer for the output format";
	if (!why) /* an option the format cannot take fails every release */
		return lp_writer_check_options(
		        lp_writer_for(o->render ? o->render->format : LP_FORMAT_AUTO, NULL),
		        o->render, o->archive, diag);
	return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, o->archive, 0, 0, "%s", why);
}

static lp_status
publish_manifest(lp_batch *b)
{
	lp_buf m = {0};
	lp_buf_add(&m, "", 0);
	for (size_t i = 0; i < b->plan.n; i++)
		lp_record_json(&b->results[i], &m);
	char name[64];
	snprintf(name, sizeof name, "manifest%s.jsonl", b->archive.tag);
	lp_status s = m.failed ? LP_ERR_NOMEM
	                       : lp_archive_publish(&b->archive, name, m.data, m.len, b->diag);
	lp_buf_free(&m);
	return s;
}

lp_status
lp_batch_run(
        lp_engine *engine, const lp_batch_options *opts, lp_batch_summary *summary, lp_diag *diag)
{
	lp_status s = summary ? lp_diag_check_version(diag, "lp_batch_summary", summary->version,
	                                LP_BATCH_SUMMARY_VERSION)
	                      : LP_OK;
	if (s != LP_OK)
		return s;
	if (summary)
		*summary = (lp_batch_summary){.version = summary->version};
	s = check_options(opts, diag);
	if (s != LP_OK)
		return s;
	lp_batch b = {.engine = engine, .opts = opts, .diag = diag, .journal_fd = -1};
	/* NULL render options are lp_render_file()'s defaults. Pointed at,
	 * not copied: a caller's struct of an older version is shorter. */
	static const lp_render_options defaults = {.date_epoch = -1};
	b.render = opts->render ? opts->render : &defaults;
	pthread_mutex_init(&b.lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&b.more, &ca);
	pthread_cond_init(&b.room, NULL);
	pthread_condattr_destroy(&ca);
	pthread_t *threads = NULL;
	lp_batch_progress prog = {0};

	/* The lock first: a second batch is told at once, before any walk. */
	s = lp_archive_open(&b.archive, opts->archive, opts->shard, opts->n_shards, diag);
	if (s != LP_OK)
		goto done;
	const lp_writer *w = lp_writer_for(b.render->format, NULL);
	if ((s = lp_batch_plan_make(opts, w->extension, &b.plan, diag)) != LP_OK)
		goto done;
	char header[128];
	journal_header(b.render, header, sizeof header);
	off_t end = 0;
	if (opts->resume) {
		if ((s = lp_journal_load(&b.archive, header, &b.prior, &end, diag)) != LP_OK)
			goto done;
		lp_records_sort(&b.prior);
	}
	/* Outputs are about to change: no manifest may describe them now. */
	if ((s = lp_archive_drop_manifests(&b.archive, opts->shard, opts->n_shards, diag)) !=
	                LP_OK ||
	        (s = lp_journal_open(&b.archive, header, end, &b.journal_fd, diag)) != LP_OK)
		goto done;
	s = LP_ERR_NOMEM;
	if (!(b.results = calloc(b.plan.n + 1, sizeof *b.results)))
		goto done;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned jobs = opts->jobs ? opts->jobs : cores > 0 ? (unsigned)cores : 1;
	if (jobs > LP_MAX_BATCH_JOBS)
		jobs = LP_MAX_BATCH_JOBS;
	if (jobs > b.plan.n)
		jobs = (unsigned)b.plan.n;
	if (!(threads = calloc(jobs + 1, sizeof *threads)))
		goto done;
	if ((s = start_workers(&b, threads, jobs)) != LP_OK)
		goto done;
	prog.total = b.plan.n;
	s = run_commits(&b, &prog);
	for (unsigned i = 0; i < jobs; i++)
		pthread_join(threads[i], NULL);
	if (s == LP_OK)
		s = publish_manifest(&b);
done:
	if (summary) {
		summary->total = b.plan.n;
		summary->failed = prog.failed;
		summary->kept = prog.kept;
		summary->ok = prog.done - prog.failed;
	}
	if (b.journal_fd >= 0)
		close(b.journal_fd);
	lp_archive_close(&b.archive);
	for (size_t i = 0; b.results && i < b.plan.n; i++)
		lp_record_clear(&b.results[i]);
	free(b.results);
	free(threads);
	lp_records_free(&b.prior);
	lp_batch_plan_free(&b.plan);
	pthread_cond_destroy(&b.more);
	pthread_cond_destroy(&b.room);
	pthread_mutex_destroy(&b.lock);
	return s;
}
