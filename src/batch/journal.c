/* The journal --resume reads, and lists of records; see batch.h. The
 * journal is append-only: a line is written whole in one write() after
 * its output is durable, so a kill leaves at most one line cut short,
 * which the next run drops. */
#include "batch/batch.h"
#include "base/array.h"

#include "base/diag.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
journal_name(const lp_archive *a, char *name, size_t size, char *path, size_t path_size)
{
	snprintf(name, size, "journal%s", a->tag);
	snprintf(path, path_size, "%s/.letterpress/%s", a->path, name);
}

static bool
read_fd(int fd, char **data, size_t *size)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	size_t want = (size_t)st.st_size, got = 0;
	if (!(*data = malloc(want + 1)))
		return false;
	while (got < want) {
		ssize_t r = read(fd, *data + got, want - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	*size = got;
	return true;
}

lp_status
lp_journal_load(lp_archive *a, const char *header, lp_records *out, off_t *end, lp_diag *diag)
{
	*end = 0;
	char name[48], path[4200];
	journal_name(a, name, sizeof name, path, sizeof path);
	int fd = openat(a->meta_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return LP_OK; /* no journal: nothing to keep */
	char *data = NULL;
	size_t size = 0;
	bool ok = read_fd(fd, &data, &size);
	close(fd);
	size_t hl = strlen(header), valid = 0;
	if (!ok || size < hl || memcmp(data, header, hl) != 0) {
		/* Another build or other options: its outputs may differ. */
		if (ok && size)
			lp_diag_report(diag, LP_WARNING, LP_OK, path, 0, 0,
			        "written by another build of letterpress or with other options; "
			        "every release is rendered again");
		free(data);
		return LP_OK;
	}
	lp_diag *quiet = lp_diag_new(NULL, NULL);
	lp_status s = lp_records_read(path, data + hl, size - hl, out, &valid, quiet);
	if (s == LP_ERR_SYNTAX) {
		/* Not what a kill leaves behind; trust none of it. */
		const lp_diag_entry *e = lp_diag_at_index(quiet, 0);
		lp_diag_report(diag, LP_WARNING, LP_OK, path, e ? e->line : 0, e ? e->col : 0,
		        "a damaged journal; every release is rendered again");
		lp_records_free(out);
		s = LP_OK;
	} else if (s == LP_OK) {
		*end = (off_t)(hl + valid);
	}
	lp_diag_drop(quiet);
	free(data);
	return s;
}

static lp_status
journal_failed(const char *path, int e, lp_diag *diag)
{
	return lp_diag_report(
	        diag, LP_ERROR, LP_ERR_IO, path, 0, 0, "cannot write the journal: %s", strerror(e));
}

lp_status
lp_journal_open(lp_archive *a, const char *header, off_t end, int *fd, lp_diag *diag)
{
	char name[48], path[4200];
	journal_name(a, name, sizeof name, path, sizeof path);
	if (end > 0) {
		*fd = openat(a->meta_fd, name, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
		if (*fd < 0 || ftruncate(*fd, end) != 0)
			return journal_failed(path, errno, diag);
		return LP_OK;
	}
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NOFOLLOW | O_CLOEXEC;
	*fd = openat(a->meta_fd, name, flags, 0666);
	if (*fd < 0)
		return journal_failed(path, errno, diag);
	lp_buf b = {0};
	lp_buf_str(&b, header);
	lp_status s = b.failed ? LP_ERR_NOMEM : lp_journal_append(a, *fd, &b, diag);
	lp_buf_free(&b);
	return s;
}

lp_status
lp_journal_append(lp_archive *a, int fd, const lp_buf *lines, lp_diag *diag)
{
	const char *p = lines->data;
	size_t left = lines->len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			char name[48], path[4200];
			journal_name(a, name, sizeof name, path, sizeof path);
			return journal_failed(path, w < 0 ? errno : ENOSPC, diag);
		}
		p += w;
		left -= (size_t)w;
	}
	return LP_OK;
}

/* ---- Record lists ---------------------------------------------------- */

lp_status
lp_records_push(lp_records *rs, lp_record *r)
{
	lp_status s = LP_ARRAY_RESERVE(rs->v, rs->cap, rs->n + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		lp_record_clear(r);
		return s;
	}
	rs->v[rs->n++] = *r;
	memset(r, 0, sizeof *r);
	return LP_OK;
}

void
lp_records_free(lp_records *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		lp_record_clear(&rs->v[i]);
	free(rs->v);
	*rs = (lp_records){0};
}

lp_status
lp_records_read(const char *name, const char *data, size_t size, lp_records *out, size_t *valid_end,
        lp_diag *diag)
{
	size_t at = 0;
	uint32_t line = 1;
	while (at < size) {
		const char *nl = memchr(data + at, '\n', size - at);
		if (!nl)
			break; /* cut short: not a record */
		size_t len = (size_t)(nl - (data + at)), bad = 0;
		lp_record r;
		lp_status s = lp_record_parse(data + at, len, &r, &bad);
		if (s == LP_ERR_SYNTAX)
			return lp_diag_report(diag, LP_ERROR, s, name, line,
			        (uint32_t)lp_utf8_count((const uint8_t *)data + at, bad) + 1,
			        "not a manifest record written by letterpress");
		if (s == LP_OK)
			s = lp_records_push(out, &r);
		if (s != LP_OK)
			return s;
		at += len + 1;
		line++;
	}
	if (valid_end)
		*valid_end = at;
	return LP_OK;
}

/* Sorting pairs each record with its position so equal sources keep file
 * order (qsort is not stable). */
typedef struct ranked {
	lp_record r;
	size_t pos;
} ranked;

static int
cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = strcmp(x->r.source, y->r.source);
	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

void
lp_records_sort(lp_records *rs)
{
	ranked *v = malloc(rs->n * sizeof *v + 1);
	if (!v) {
		/* Insertion sort needs no memory; out of memory is rare enough. */
		for (size_t i = 1; i < rs->n; i++)
			for (size_t j = i;
			        j > 0 && strcmp(rs->v[j - 1].source, rs->v[j].source) > 0; j--) {
				lp_record t = rs->v[j];
				rs->v[j] = rs->v[j - 1];
				rs->v[j - 1] = t;
			}
		return;
	}
	for (size_t i = 0; i < rs->n; i++)
		v[i] = (ranked){rs->v[i], i};
	qsort(v, rs->n, sizeof *v, cmp_ranked);
	for (size_t i = 0; i < rs->n; i++)
		rs->v[i] = v[i].r;
	free(v);
}
