/* A batch's releases: sources walked, named and sorted, their outputs
 * mapped inside the archive, shared outputs marked; see batch.h. */
#include "batch/batch.h"
#include "base/array.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RELEASE_EXT ".md"
/* The batch's own folder inside the archive; no output may go there. */
#define META_DIR ".letterpress"

typedef struct planner {
	lp_batch_plan *plan;
	const char *ext;
	lp_diag *diag;
	const lp_batch_root *cwd_root; /* for releases named by path */
	bool full; /* LP_MAX_BATCH_RELEASES reached */
} planner;

static char *
join(const char *a, const char *b)
{
	size_t la = strlen(a);
	bool slash = la && a[la - 1] != '/';
	size_t n = la + slash + strlen(b) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s", a, slash ? "/" : "", b);
	return s;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && memcmp(s + n - k, tail, k) == 0;
}

static lp_status
add_root(planner *pl, const char *path, const lp_batch_root **out)
{
	lp_batch_plan *p = pl->plan;
	/* Items point at roots: when the array moves, each is moved along by
	 * its offset from where the array was. */
	uintptr_t was = (uintptr_t)p->roots;
	lp_status s = LP_ARRAY_RESERVE(p->roots, p->cap_roots, p->n_roots + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	if ((uintptr_t)p->roots != was) {
		for (size_t i = 0; i < p->n; i++)
			p->items[i].root =
			        p->roots + ((uintptr_t)p->items[i].root - was) / sizeof *p->roots;
		if (pl->cwd_root)
			pl->cwd_root =
			        p->roots + ((uintptr_t)pl->cwd_root - was) / sizeof *p->roots;
	}
	lp_batch_root *r = &p->roots[p->n_roots];
	r->path = strdup(path);
	r->real = realpath(path, NULL);
	if (!r->path) {
		free(r->real);
		return LP_ERR_NOMEM;
	}
	p->n_roots++;
	*out = r;
	return LP_OK;
}

/* Adds a release: rel is its path below root, path what opens it. A
 * problem (error, at file:line:col) makes it one that fails. */
static lp_status
add_item(planner *pl, const lp_batch_root *root, const char *rel, const char *path,
        lp_status status, const char *error, const char *file, uint32_t line, uint32_t col)
{
	lp_batch_plan *p = pl->plan;
	if (p->n >= LP_MAX_BATCH_RELEASES) {
		if (!pl->full)
			lp_diag_report(pl->diag, LP_ERROR, LP_ERR_LIMIT, path, 0, 0,
			        "a batch takes at most %u releases; split it with --shard",
			        LP_MAX_BATCH_RELEASES);
		pl->full = true;
		return LP_ERR_LIMIT;
	}
	lp_status grown = LP_ARRAY_RESERVE(p->items, p->cap, p->n + 1, LP_ARRAY_ANY);
	if (grown != LP_OK)
		return grown;
	lp_batch_item *it = &p->items[p->n];
	memset(it, 0, sizeof *it);
	it->root = root;
	it->order = (uint32_t)p->n;
	it->source = lp_manifest_text(rel);
	it->path = strdup(path);
	if (!it->source || !it->path)
		goto fail;
	size_t len = strlen(rel);
	if (status == LP_OK && !lp_utf8_validate((const uint8_t *)rel, len, NULL)) {
		status = LP_ERR_USAGE;
		error = "the file name is not valid UTF-8, which a manifest cannot record";
	}
	if (status == LP_OK && (strcmp(rel, META_DIR) == 0 ||
	                               (strncmp(rel, META_DIR "/", sizeof META_DIR) == 0))) {
		status = LP_ERR_USAGE;
		error = "its output would go into the archive's own " META_DIR " folder";
	}
	if (status == LP_OK) {
		size_t base = len - strlen(RELEASE_EXT), n = base + strlen(pl->ext) + 1;
		if (!(it->output = malloc(n)))
			goto fail;
		snprintf(it->output, n, "%.*s%s", (int)base, rel, pl->ext);
	} else {
		it->status = status;
		it->error = strdup(error);
		it->error_file = strdup(file ? file : path);
		it->error_line = line;
		it->error_col = col;
		if (!it->error || !it->error_file)
			goto fail;
	}
	p->n++;
	return LP_OK;
fail:
	free(it->source);
	free(it->path);
	free(it->output);
	free(it->error);
	free(it->error_file);
	return LP_ERR_NOMEM;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.md below dir, in byte order of their paths; hidden entries and
 * links to folders are passed over, as find(1) does. */
static lp_status
walk(planner *pl, const lp_batch_root *root, const char *dir, const char *prefix, int depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		lp_diag_report(pl->diag, LP_ERROR, LP_ERR_MISSING, dir, 0, 0,
		        "cannot read the folder: %s", strerror(errno));
		return LP_OK;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	lp_status s = LP_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if ((s = LP_ARRAY_RESERVE(names, cap, n + 1, LP_ARRAY_ANY)) != LP_OK)
			goto done;
		if (!(names[n] = strdup(e->d_name))) {
			s = LP_ERR_NOMEM;
			goto done;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && s == LP_OK; i++) {
		struct stat st;
		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue; /* gone since it was listed */
		char *path = join(dir, names[i]);
		char *rel = *prefix ? join(prefix, names[i]) : strdup(names[i]);
		if (!path || !rel)
			s = LP_ERR_NOMEM;
		else if (S_ISDIR(st.st_mode) && depth >= LP_MAX_BATCH_DEPTH)
			lp_diag_report(pl->diag, LP_ERROR, LP_ERR_LIMIT, path, 0, 0,
			        "folders nest deeper than %d levels here; not searched",
			        LP_MAX_BATCH_DEPTH);
		else if (S_ISDIR(st.st_mode))
			s = walk(pl, root, path, rel, depth + 1);
		else if (ends_with(names[i], RELEASE_EXT))
			s = add_item(pl, root, rel, path, LP_OK, NULL, NULL, 0, 0);
		free(path);
		free(rel);
	}
done:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return s;
}

/* A source named on the command line or in a list (file:line, line 0 for
 * the command line): a folder is walked; a release file must be named by
 * a relative path without '..', so its output mirrors that path. */
static lp_status
add_named(planner *pl, const char *arg, const char *file, uint32_t line)
{
	struct stat st;
	if (*arg && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		const lp_batch_root *root;
		lp_status s = add_root(pl, arg, &root);
		return s == LP_OK ? walk(pl, root, arg, "", 0) : s;
	}
	if (!pl->cwd_root) {
		lp_status s = add_root(pl, ".", &pl->cwd_root);
		if (s != LP_OK)
			return s;
	}
	const char *where = line ? file : arg;
	uint32_t col = line ? 1 : 0;
	if (arg[0] == '/')
		return add_item(pl, pl->cwd_root, arg, arg, LP_ERR_USAGE,
		        "an absolute path: name a release relative to the current folder, or name "
		        "its folder",
		        where, line, col);
	/* The path without "." and empty components. */
	size_t n = strlen(arg);
	char *rel = malloc(n + 1);
	if (!rel)
		return LP_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && arg[j] != '/')
			j++;
		size_t len = j - i;
		if (len == 2 && arg[i] == '.' && arg[i + 1] == '.') {
			free(rel);
			return add_item(pl, pl->cwd_root, arg, arg, LP_ERR_USAGE,
			        "'..' would put its output outside the archive; name its folder "
			        "instead",
			        where, line,
			        line ? (uint32_t)lp_utf8_count((const uint8_t *)arg, i) + 1 : 0);
		}
		if (len && !(len == 1 && arg[i] == '.')) {
			if (k)
				rel[k++] = '/';
			memcpy(rel + k, arg + i, len);
			k += len;
		}
		i = j + 1;
	}
	rel[k] = '\0';
	lp_status s;
	if (!ends_with(rel, RELEASE_EXT))
		s = add_item(pl, pl->cwd_root, *rel ? rel : arg, arg, LP_ERR_USAGE,
		        "not a release: a release's file name ends in " RELEASE_EXT, where, line,
		        col);
	else
		s = add_item(pl, pl->cwd_root, rel, arg, LP_OK, NULL, NULL, 0, 0);
	free(rel);
	return s;
}

static lp_status
read_list(planner *pl, const char *list)
{
	bool is_stdin = strcmp(list, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : list;
	FILE *f = is_stdin ? stdin : fopen(list, "r");
	if (!f)
		return lp_diag_report(pl->diag, LP_ERROR, LP_ERR_MISSING, list, 0, 0,
		        "cannot read the list of sources: %s", strerror(errno));
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	uint32_t line = 0;
	lp_status s = LP_OK;
	while (s == LP_OK && (len = getline(&buf, &cap, f)) >= 0) {
		line++;
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		if (len == 0)
			continue;
		if (len > LP_MAX_BATCH_LIST_LINE || strlen(buf) != (size_t)len)
			lp_diag_report(pl->diag, LP_ERROR, LP_ERR_SYNTAX, name, line, 1,
			        len > LP_MAX_BATCH_LIST_LINE ? "a line longer than a path can be"
			                                     : "a NUL byte in a path");
		else
			s = add_named(pl, buf, name, line);
	}
	if (s == LP_OK && ferror(f))
		s = lp_diag_report(pl->diag, LP_ERROR, LP_ERR_IO, name, line + 1, 1,
		        "cannot read the list of sources: %s", strerror(errno));
	free(buf);
	if (!is_stdin)
		fclose(f);
	return s;
}

static void
item_free(lp_batch_item *it)
{
	free(it->source);
	free(it->path);
	free(it->output);
	free(it->error);
	free(it->error_file);
}

static int
cmp_items(const void *a, const void *b)
{
	const lp_batch_item *x = a, *y = b;
	int c = strcmp(x->source, y->source);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Equal sources are one release when they are one file (named twice);
 * otherwise they would share an output, and each fails, naming another. */
static lp_status
mark_shared(lp_batch_plan *p)
{
	size_t w = 0;
	for (size_t i = 0; i < p->n;) {
		size_t j = i + 1;
		while (j < p->n && strcmp(p->items[j].source, p->items[i].source) == 0)
			j++;
		size_t first = w;
		for (size_t k = i; k < j; k++) {
			lp_batch_item *it = &p->items[k];
			bool same = false;
			if (j - i > 1 && it->status == LP_OK) {
				char *real = realpath(it->path, NULL);
				for (size_t m = first; m < w && !same && real; m++) {
					char *other = p->items[m].status == LP_OK
					                      ? realpath(p->items[m].path, NULL)
					                      : NULL;
					same = other && strcmp(other, real) == 0;
					free(other);
				}
				free(real);
			}
			if (same)
				item_free(it);
			else
				p->items[w++] = *it;
		}
		for (size_t k = first; w - first > 1 && k < w; k++) {
			lp_batch_item *it = &p->items[k];
			const lp_batch_item *other = &p->items[k == first ? first + 1 : first];
			if (it->status != LP_OK || !it->output)
				continue;
#define SHARED "another source, '%s', maps to the same output, %s"
			size_t n = sizeof SHARED + strlen(other->path) + strlen(it->output);
			it->status = LP_ERR_USAGE;
			it->source_sound = true;
			it->error = malloc(n);
			it->error_file = strdup(it->path);
			if (!it->error || !it->error_file)
				return LP_ERR_NOMEM;
			snprintf(it->error, n, SHARED, other->path, it->output);
		}
		i = j;
	}
	p->n = w;
	return LP_OK;
}

lp_status
lp_batch_plan_make(
        const lp_batch_options *opts, const char *extension, lp_batch_plan *plan, lp_diag *diag)
{
	memset(plan, 0, sizeof *plan);
	planner pl = {plan, extension, diag, NULL, false};
	lp_status s = LP_OK;
	for (size_t i = 0; i < opts->n_sources && s == LP_OK; i++)
		s = add_named(&pl, opts->sources[i], NULL, 0);
	if (s == LP_OK && opts->list)
		s = read_list(&pl, opts->list);
	if (s == LP_OK && plan->n) {
		qsort(plan->items, plan->n, sizeof *plan->items, cmp_items);
		s = mark_shared(plan);
	}
	if (s == LP_OK && opts->n_shards) {
		size_t w = 0;
		for (size_t i = 0; i < plan->n; i++) {
			if (lp_shard_of(plan->items[i].source, opts->n_shards) == opts->shard)
				plan->items[w++] = plan->items[i];
			else
				item_free(&plan->items[i]);
		}
		plan->n = w;
	}
	if (s != LP_OK)
		lp_batch_plan_free(plan);
	return s;
}

void
lp_batch_plan_free(lp_batch_plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		item_free(&p->items[i]);
	free(p->items);
	for (size_t i = 0; i < p->n_roots; i++) {
		free(p->roots[i].path);
		free(p->roots[i].real);
	}
	free(p->roots);
	memset(p, 0, sizeof *p);
}
