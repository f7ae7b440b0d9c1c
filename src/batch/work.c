/* One release of a batch, on a worker thread: read and checked, kept from
 * an interrupted run or rendered and written, or failed with any output of
 * an earlier run removed; see batch.h. */
#include "batch/batch.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "pipeline/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The last journal record for source, or NULL. */
static const lp_record *
prior_record(const lp_batch *b, const char *source)
{
	size_t lo = 0, hi = b->prior.n;
	while (lo < hi) { /* the first record after every one <= source */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(b->prior.v[mid].source, source) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && strcmp(b->prior.v[lo - 1].source, source) == 0 ? &b->prior.v[lo - 1] : NULL;
}

/* Reads a release, refusing what its root does not hold (a link that
 * leads out of it) and what is not a regular file (without blocking on a
 * FIFO). */
static lp_status
read_release(const lp_batch_item *it, char **data, size_t *size, lp_diag *d)
{
	*data = NULL;
	*size = 0;
	char *real = realpath(it->path, NULL);
	if (!real)
		return lp_diag_report(d, LP_ERROR, LP_ERR_MISSING, it->path, 0, 0,
		        "cannot read: %s", strerror(errno));
	const char *root = it->root->real;
	size_t rn = root ? strlen(root) : 0;
	bool inside = root && strncmp(real, root, rn) == 0 && (real[rn] == '/' || rn == 1);
	if (!inside) {
		free(real);
		return lp_diag_report(d, LP_ERROR, LP_ERR_USAGE, it->path, 0, 0,
		        "a symbolic link that leads out of %s; a batch reads releases only inside "
		        "their "
		        "source folder",
		        it->root->path);
	}
	int fd = open(real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	free(real);
	struct stat st;
	lp_status s = LP_OK;
	if (fd < 0 || fstat(fd, &st) != 0)
		s = lp_diag_report(d, LP_ERROR, LP_ERR_MISSING, it->path, 0, 0, "cannot read: %s",
		        strerror(errno));
	else if (!S_ISREG(st.st_mode))
		s = lp_diag_report(d, LP_ERROR, LP_ERR_MISSING, it->path, 0, 0,
		        "not a regular file; a release is a file");
	else if ((uint64_t)st.st_size > LP_MAX_RELEASE_BYTES)
		s = lp_diag_report(d, LP_ERROR, LP_ERR_LIMIT, it->path, 0, 0,
		        "release is larger than the limit of %u bytes", LP_MAX_RELEASE_BYTES);
	else if (!(*data = malloc((size_t)st.st_size + 1)))
		s = LP_ERR_NOMEM;
	size_t got = 0;
	while (s == LP_OK) {
		ssize_t r = read(fd, *data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			s = lp_diag_report(d, LP_ERROR, LP_ERR_IO, it->path, 0, 0,
			        "cannot read: %s", strerror(errno));
		if (r <= 0 || (got += (size_t)r) == (size_t)st.st_size)
			break;
	}
	if (fd >= 0)
		close(fd);
	if (s != LP_OK) {
		free(*data);
		*data = NULL;
		return s;
	}
	*size = got;
	return LP_OK;
}

/* text with either root taken out wherever a path starts with it (at
 * the start, or after a space, a parenthesis or a quote), in one pass, so
 * that what is left of a path is never taken for another; in place. */
static void
strip_prefixes(char *text, const char *const root[2])
{
	size_t len[2] = {root[0] ? strlen(root[0]) : 0, root[1] ? strlen(root[1]) : 0};
	char *w = text;
	for (const char *r = text; *r;) {
		bool starts = r == text || strchr(" ('\"", r[-1]);
		size_t n = 0;
		for (int k = 0; starts && !n && k < 2; k++)
			if (len[k] && strncmp(r, root[k], len[k]) == 0)
				n = len[k];
		if (n)
			r += n;
		else
			*w++ = *r++;
	}
	*w = '\0';
}

/* The files an error names (a picture, a layout in the release's folder)
 * named as the release is, relative to the source folder: ROOT/ taken out,
 * ROOT being the folder as the batch was given it (it->path is
 * ROOT/it->source) and as the file system names it (a layout's path is
 * its real one). In place. */
static void
strip_root(char *text, const lp_batch_item *it)
{
	size_t path_n = strlen(it->path), source_n = strlen(it->source);
	if (path_n <= source_n || strcmp(it->path + path_n - source_n, it->source) != 0 ||
	        it->path[path_n - source_n - 1] != '/')
		return;
	size_t root_n = path_n - source_n; /* with its '/' */
	char *given = strndup(it->path, root_n);
	if (!given)
		return;
	given[root_n - 1] = '\0';
	char *real = realpath(given, NULL), *real_slash = NULL;
	given[root_n - 1] = '/';
	if (real && (real_slash = malloc(strlen(real) + 2)))
		strcat(strcpy(real_slash, real), "/");
	/* The longer first: the real path may start with the given one. */
	bool real_first = real_slash && strlen(real_slash) >= root_n;
	const char *const roots[2] = {
	        real_first ? real_slash : given, real_first ? given : real_slash};
	strip_prefixes(text, roots);
	free(real_slash);
	free(real);
	free(given);
}

/* The release's first error as the manifest records it, file:line:col:
 * message, every file named relative to the source folder (not where this
 * machine keeps it, nor as this run was given it). */
static char *
first_error(const lp_diag *d, const lp_batch_item *it, lp_status s)
{
	const lp_diag_entry *e = NULL;
	for (size_t i = 0; (e = lp_diag_at_index(d, i)) && e->severity != LP_ERROR; i++)
		;
	if (!e)
		return lp_manifest_text(lp_status_str(s));
	const char *file = e->file && strcmp(e->file, it->path) == 0 ? it->source : e->file;
	char where[64] = "";
	if (e->line)
		snprintf(where, sizeof where, ":%u:%u", e->line, e->col ? e->col : 1);
	size_t n = (file ? strlen(file) : 0) + sizeof where + strlen(e->message) + 4;
	char *text = malloc(n);
	if (!text)
		return NULL;
	snprintf(text, n, "%s%s%s%s", file ? file : "", where, file ? ": " : "", e->message);
	/* The release is named already: the rest of the text is stripped. */
	strip_root(text + (file == it->source ? strlen(file) : 0), it);
	char *clean = lp_manifest_text(text);
	free(text);
	return clean;
}

/* Whether the layout the release would be set with now is the one its
 * journalled output was made with ("layout DIGEST"). */
static bool
layout_unchanged(lp_batch *b, const lp_batch_item *it, const char *data, size_t size,
        const char *line, size_t len, lp_diag *quiet)
{
	lp_source *src;
	char digest[65];
	if (len != 7 + 64 || lp_source_from_memory(it->path, data, size, &src) != LP_OK)
		return false;
	bool same = lp_render_layout_digest(b->engine, src, b->render, digest, quiet) == LP_OK &&
	            memcmp(digest, line + 7, 64) == 0;
	lp_source_drop(src);
	return same;
}

/* Whether everything a journalled output was made from besides its source
 * still hashes as recorded: its layout (a "layout DIGEST" line) and its
 * pictures ("SHA256 PATH" lines, PATH below the release's folder), read as
 * rendering reads them, never from outside the release's folder; one that
 * cannot be read is a change. */
static bool
inputs_unchanged(lp_batch *b, const lp_batch_item *it, const char *release, size_t release_size,
        const char *inputs)
{
	char *folder = lp_source_folder(it->path);
	if (!folder)
		return false;
	bool same = true;
	lp_diag *quiet = lp_diag_new(NULL, NULL);
	for (const char *line = inputs; same && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len > 7 && memcmp(line, "layout ", 7) == 0) {
			same = quiet &&
			       layout_unchanged(b, it, release, release_size, line, len, quiet);
			line += len + (nl ? 1 : 0);
			continue;
		}
		char *path = len > LP_SHA256_HEX
		                     ? strndup(line + LP_SHA256_HEX, len - LP_SHA256_HEX)
		                     : NULL;
		lp_file_ref ref = {
		        .path = path, .root = folder, .root_name = "the release's folder"};
		char *data = NULL, hex[LP_SHA256_HEX];
		size_t size = 0;
		same = quiet && path && line[LP_SHA256_HEX - 1] == ' ' &&
		       lp_file_read_ref(&ref,
		               LP_MAX_IMAGE_BYTES > LP_MAX_SVG_BYTES ? LP_MAX_IMAGE_BYTES
		                                                     : LP_MAX_SVG_BYTES,
		               &data, &size, quiet) == LP_OK;
		if (same) {
			lp_sha256_hex(data, size, hex);
			same = memcmp(hex, line, LP_SHA256_HEX - 1) == 0;
		}
		free(data);
		free(path);
		line += len + (nl ? 1 : 0);
	}
	lp_diag_drop(quiet);
	free(folder);
	return same;
}

/* Keeps a journalled output when its source, the files it was made from
 * and its own bytes still hash as recorded. */
static bool
keep_prior(lp_batch *b, const lp_batch_item *it, const char *release, size_t release_size,
        const char *source_sha256, lp_batch_done *dn)
{
	const lp_record *p = prior_record(b, it->source);
	if (!p || !p->ok || !p->source_sha256 || !p->sha256 || !p->output || !it->output ||
	        strcmp(p->source_sha256, source_sha256) != 0 ||
	        strcmp(p->output, it->output) != 0 || strcmp(p->version, lp_version()) != 0)
		return false;
	if (p->inputs && !inputs_unchanged(b, it, release, release_size, p->inputs))
		return false;
	char *data;
	size_t size;
	if (!lp_archive_read(&b->archive, it->output, &data, &size))
		return false;
	char hex[LP_SHA256_HEX];
	lp_sha256_hex(data, size, hex);
	free(data);
	if ((int64_t)size != p->bytes || strcmp(hex, p->sha256) != 0)
		return false;
	lp_record copy;
	if (lp_record_copy(p, &copy) != LP_OK)
		return false;
	lp_record_clear(&dn->rec);
	dn->rec = copy;
	dn->kept = true;
	return true;
}

static lp_status
render_release(
        lp_batch *b, const lp_batch_item *it, const char *data, size_t size, lp_batch_done *dn)
{
	lp_source *src;
	lp_status s = lp_source_from_memory(it->path, data, size, &src);
	if (s != LP_OK)
		return s;
	/* A format written as it renders (the fax TIFF) goes straight into
	 * its temporary file and is hashed from there: a long document's
	 * TIFF is tens of MB, which held whole broke the memory budget. */
	const lp_writer *w = lp_writer_for(b->render ? b->render->format : LP_FORMAT_AUTO, NULL);
	bool to_fd = w && w->write_fd;
	/* Write errors name the output as the archive's messages do. */
	char shown[4200];
	snprintf(shown, sizeof shown, "%s/%s", b->archive.path, it->output ? it->output : "");
	lp_render_output out = {.target = to_fd ? LP_TARGET_FD : LP_TARGET_MEMORY,
	        .path = shown,
	        .fd = -1,
	        .want_inputs = true};
	if (to_fd)
		s = lp_archive_stage_open(&b->archive, &dn->temp, &out.fd, it->output, dn->diag);
	if (s == LP_OK)
		s = lp_render_source(b->engine, src, b->render, &out, dn->diag);
	lp_source_drop(src);
	char hex[LP_SHA256_HEX];
	if (to_fd && out.fd >= 0) {
		if (s == LP_OK) {
			s = lp_archive_stage_close(&b->archive, &dn->temp, out.fd, &out.digest,
			        it->output, hex, dn->diag);
		} else {
			close(out.fd);
			lp_archive_discard(&b->archive, &dn->temp);
		}
		/* A write that failed while rendering is the disk's too. */
		dn->disk = s == LP_ERR_IO;
	} else if (to_fd) {
		dn->disk = s == LP_ERR_IO; /* no temporary file to be had */
	} else if (s == LP_OK) {
		if (out.digest.set)
			lp_sha256_to_hex(out.digest.sha256, hex);
		else
			lp_sha256_hex(out.data, out.size, hex);
		s = lp_archive_stage(
		        &b->archive, out.data, out.size, &dn->temp, it->output, dn->diag);
		dn->disk = s == LP_ERR_IO;
	}
	free(out.data);
	if (s != LP_OK) {
		free(out.inputs);
		return s;
	}
	dn->rec.inputs = out.inputs; /* kept in the journal for --resume */
	dn->staged = true;
	dn->rec.sha256 = strdup(hex);
	dn->rec.layout = lp_manifest_text(out.layout);
	dn->rec.bytes = (int64_t)out.size;
	dn->rec.pages = out.pages;
	if (!dn->rec.sha256 || !dn->rec.layout)
		return LP_ERR_NOMEM;
	return LP_OK;
}

void
lp_batch_fail(lp_batch *b, lp_batch_done *dn, lp_status s, bool remove_old)
{
	const lp_batch_item *it = &b->plan.items[dn->index];
	free(dn->rec.sha256);
	free(dn->rec.layout);
	free(dn->rec.inputs);
	dn->rec.sha256 = dn->rec.layout = dn->rec.inputs = NULL;
	dn->rec.bytes = dn->rec.pages = -1;
	dn->rec.ok = false;
	free(dn->rec.error);
	dn->rec.error = first_error(dn->diag, it, s);
	dn->rec.warnings = lp_diag_count(dn->diag, LP_WARNING);
	dn->status = s == LP_OK ? LP_ERR_INTERNAL : s;
	if (dn->staged)
		lp_archive_discard(&b->archive, &dn->temp);
	dn->staged = false;
	/* No output from an earlier run may stay behind a failure. */
	if (remove_old && dn->rec.output &&
	        lp_archive_remove(&b->archive, dn->rec.output, &dn->removed, dn->diag) == LP_ERR_IO)
		dn->disk = true;
	if (dn->disk)
		dn->status = LP_ERR_IO;
}

/* One release from its source to an output written to a temporary file,
 * or to a failure with its old output removed. */
lp_batch_done *
lp_batch_work(lp_batch *b, size_t index)
{
	const lp_batch_item *it = &b->plan.items[index];
	lp_batch_done *dn = calloc(1, sizeof *dn);
	if (!dn)
		return NULL;
	dn->index = index;
	lp_record_clear(&dn->rec);
	dn->diag = lp_diag_new(NULL, NULL);
	/* Its messages are this release's, from the plan to the commit. */
	lp_diag_set_document(dn->diag, it->path);
	dn->rec.source = strdup(it->source);
	dn->rec.output = it->output ? strdup(it->output) : NULL;
	dn->rec.version = strdup(lp_version());
	lp_status s = LP_ERR_NOMEM;
	if (!dn->diag || !dn->rec.source || (it->output && !dn->rec.output) || !dn->rec.version)
		goto fail;
	char *data = NULL;
	size_t size;
	/* A source that another one's output collides with is read all the
	 * same, for the manifest's hash of it. */
	if (it->status != LP_OK && !it->source_sound) {
		s = lp_diag_report(dn->diag, LP_ERROR, it->status, it->error_file, it->error_line,
		        it->error_col, "%s", it->error);
		goto fail;
	}
	if ((s = read_release(it, &data, &size, dn->diag)) != LP_OK)
		goto fail;
	char hex[LP_SHA256_HEX];
	lp_sha256_hex(data, size, hex);
	if (!(dn->rec.source_sha256 = strdup(hex)))
		s = LP_ERR_NOMEM;
	else if (it->status != LP_OK)
		s = lp_diag_report(dn->diag, LP_ERROR, it->status, it->error_file, it->error_line,
		        it->error_col, "%s", it->error);
	if (s != LP_OK) {
		free(data);
		goto fail;
	}
	if (b->opts->resume && keep_prior(b, it, data, size, hex, dn)) {
		free(data);
		dn->status = LP_OK;
		return dn;
	}
	s = render_release(b, it, data, size, dn);
	free(data);
	if (s == LP_OK) {
		dn->rec.ok = true;
		dn->rec.warnings = lp_diag_count(dn->diag, LP_WARNING);
		dn->status = LP_OK;
		return dn;
	}
	if (dn->disk) {
		dn->status = LP_ERR_IO; /* the archive's disk, not the release */
		return dn;
	}
fail:
	lp_batch_fail(b, dn, s, true);
	return dn;
}
