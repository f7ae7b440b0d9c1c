/* Input files and their line index; see source.h. */
#include "base/source.h"

#include "base/confine.h"
#include "base/diag.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct lp_source {
	char *name;
	char *data;
	size_t size;
	uint32_t *line_starts; /* byte offset of each line's first byte */
	size_t n_lines;
};

/* A line ends at LF, at CR, or at CRLF (one end, not two): files from old
 * Macs and from Windows get the same line numbers as their editors show. */
static size_t
line_end_len(const char *d, size_t size, size_t i)
{
	if (d[i] == '\n')
		return 1;
	if (d[i] == '\r')
		return i + 1 < size && d[i + 1] == '\n' ? 2 : 1;
	return 0;
}

static lp_status
index_lines(lp_source *s)
{
	size_t n = 1;
	for (size_t i = 0; i < s->size;) {
		size_t e = line_end_len(s->data, s->size, i);
		n += e != 0;
		i += e ? e : 1;
	}
	s->line_starts = malloc(n * sizeof *s->line_starts);
	if (!s->line_starts)
		return LP_ERR_NOMEM;
	size_t k = 0;
	s->line_starts[k++] = 0;
	for (size_t i = 0; i < s->size;) {
		size_t e = line_end_len(s->data, s->size, i);
		i += e ? e : 1;
		if (e)
			s->line_starts[k++] = (uint32_t)i;
	}
	s->n_lines = k;
	return LP_OK;
}

static lp_status
source_new(const char *name, char *data, size_t size, lp_source **out)
{
	lp_source *s = calloc(1, sizeof *s);
	if (!s) {
		free(data);
		return LP_ERR_NOMEM;
	}
	s->name = strdup(name);
	s->data = data;
	s->size = size;
	if (!s->name || index_lines(s) != LP_OK) {
		lp_source_drop(s);
		return LP_ERR_NOMEM;
	}
	*out = s;
	return LP_OK;
}

lp_status
lp_source_from_memory(const char *name, const void *data, size_t size, lp_source **out)
{
	*out = NULL;
	if (size >= UINT32_MAX)
		return LP_ERR_LIMIT;
	char *copy = malloc(size + 1);
	if (!copy)
		return LP_ERR_NOMEM;
	if (size)
		memcpy(copy, data, size);
	copy[size] = '\0';
	return source_new(name, copy, size, out);
}

/* Where a problem with a file is reported: at the file itself, or at the
 * key of another file that named it (then the message starts with what
 * the key named). */
typedef struct file_where {
	const char *file;
	uint32_t line, col;
	const lp_file_ref *ref;
} file_where;

static lp_status report(lp_diag *diag, const file_where *w, lp_status code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static lp_status
report(lp_diag *diag, const file_where *w, lp_status code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!w->ref)
		return lp_diag_report(diag, LP_ERROR, code, w->file, w->line, w->col, "%s", msg);
	lp_diag_extra x = {.span = w->ref->span};
	return lp_diag_report_ex(diag, LP_ERROR, code, w->file, w->line, w->col, &x,
	        "'%s' names '%s', which %s", w->ref->key, w->ref->path, msg);
}

const char *
lp_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* Refuses anything but a regular file, then makes fd blocking again (it
 * was opened non-blocking so that a FIFO could not stall the open).
 * *hint is the file's size. Closes fd on failure. */
static lp_status
check_regular(int fd, const file_where *w, size_t *hint, lp_diag *diag)
{
	struct stat st;
	lp_status s = LP_OK;
	int flags;
	if (fstat(fd, &st) != 0)
		s = report(diag, w, LP_ERR_MISSING, "cannot be read: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		s = report(diag, w, LP_ERR_MISSING, "is %s; only a regular file is read",
		        lp_file_kind(st.st_mode));
	else if ((flags = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
		s = report(diag, w, LP_ERR_IO, "cannot be read: %s", strerror(errno));
	if (s != LP_OK)
		close(fd);
	else
		*hint = (size_t)st.st_size;
	return s;
}

/* Reads fd to its end into a malloc'd, NUL-terminated buffer. hint (the
 * file's size, 0 when unknown) sizes the buffer once. */
static lp_status
read_all(int fd, const file_where *w, size_t hint, size_t max_bytes, char **data, size_t *size_out,
        lp_diag *diag)
{
	if (max_bytes >= UINT32_MAX)
		max_bytes = UINT32_MAX - 1;
	if (hint > max_bytes)
		return report(
		        diag, w, LP_ERR_LIMIT, "is larger than the limit of %zu bytes", max_bytes);
	size_t cap = 64 << 10, size = 0;
	if (hint >= cap)
		cap = hint + 1; /* one byte more, to see the end without growing */
	char *buf = malloc(cap + 1);
	lp_status st_code = LP_OK;
	while (buf) {
		if (size == cap) {
			if (cap > max_bytes) {
				st_code = report(diag, w, LP_ERR_LIMIT,
				        "is larger than the limit of %zu bytes", max_bytes);
				break;
			}
			cap *= 2;
			char *nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
		}
		ssize_t r = read(fd, buf + size, cap - size);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			st_code = w->ref ? report(diag, w, LP_ERR_IO, "cannot be read: %s",
			                           strerror(errno))
			                 : lp_diag_at_offset(diag, LP_ERROR, LP_ERR_IO, w->file,
			                           size, "read failed: %s", strerror(errno));
			break;
		}
		if (r == 0)
			break;
		size += (size_t)r;
		if (size > max_bytes) {
			st_code = report(diag, w, LP_ERR_LIMIT,
			        "is larger than the limit of %zu bytes", max_bytes);
			break;
		}
	}
	if (!buf)
		return report(diag, w, LP_ERR_NOMEM, "cannot be read: out of memory");
	if (st_code != LP_OK) {
		free(buf);
		return st_code;
	}
	buf[size] = '\0';
	*data = buf;
	*size_out = size;
	return LP_OK;
}

/* check_regular, then read_all; closes fd. */
static lp_status
read_regular(
        int fd, const file_where *w, size_t max_bytes, char **data, size_t *size, lp_diag *diag)
{
	size_t hint;
	lp_status s = check_regular(fd, w, &hint, diag);
	if (s != LP_OK)
		return s;
	s = read_all(fd, w, hint, max_bytes, data, size, diag);
	close(fd);
	return s;
}

/* Opens a file by its path, noted as an input of the render whether or
 * not it opens; without blocking (check_regular refuses what is not a
 * regular file). */
static lp_status
open_file(const char *path, const file_where *w, int *fd, lp_diag *diag)
{
	lp_diag_note_input(diag, NULL, path);
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	return *fd >= 0 ? LP_OK
	                : report(diag, w, LP_ERR_MISSING, "cannot open: %s", strerror(errno));
}

lp_status
lp_file_read(const char *path, size_t max_bytes, char **data, size_t *size_out, lp_diag *diag)
{
	*data = NULL;
	*size_out = 0;
	/* Standard input is whatever the user connected: a pipe is fine. */
	if (strcmp(path, "-") == 0) {
		file_where w = {.file = "<stdin>"};
		return read_all(STDIN_FILENO, &w, 0, max_bytes, data, size_out, diag);
	}
	file_where w = {.file = path};
	int fd;
	lp_status s = open_file(path, &w, &fd, diag);
	return s == LP_OK ? read_regular(fd, &w, max_bytes, data, size_out, diag) : s;
}

lp_status
lp_file_read_into(const char *path, size_t max_bytes, uint8_t *buf, size_t cap, size_t *size,
        bool *fits, lp_diag *diag)
{
	*size = 0;
	*fits = true;
	file_where w = {.file = path};
	int fd;
	size_t hint;
	lp_status s = open_file(path, &w, &fd, diag);
	if (s == LP_OK)
		s = check_regular(fd, &w, &hint, diag);
	if (s != LP_OK)
		return s;
	if (hint > max_bytes) {
		close(fd);
		return report(
		        diag, &w, LP_ERR_LIMIT, "is larger than the limit of %zu bytes", max_bytes);
	}
	size_t n = 0;
	for (;;) {
		/* Past cap, one byte more tells a file that grew. */
		char more;
		ssize_t r = n < cap ? read(fd, buf + n, cap - n) : read(fd, &more, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			s = lp_diag_at_offset(diag, LP_ERROR, LP_ERR_IO, path, n, "read failed: %s",
			        strerror(errno));
			break;
		}
		if (r == 0)
			break;
		if (n == cap) {
			*fits = false;
			n = 0;
			break;
		}
		n += (size_t)r;
	}
	close(fd);
	if (s == LP_OK && n > max_bytes)
		s = report(
		        diag, &w, LP_ERR_LIMIT, "is larger than the limit of %zu bytes", max_bytes);
	*size = s == LP_OK ? n : 0;
	return s;
}

/* A file a reference names is one its reader depends on, also when it is
 * missing or refused (whoever watches the inputs waits for it to be
 * fixed); a path leading out of its folder is never read, so not noted. */
static void
note_ref(const lp_file_ref *ref, lp_diag *diag)
{
	if (lp_confine_lexically_inside(ref->path))
		lp_diag_note_input(diag, ref->root, ref->path);
}

/* Opens what a reference names, confined to its folder. */
static lp_status
open_ref(const lp_file_ref *ref, const file_where *w, int *fd, lp_diag *diag)
{
	*fd = lp_confine_open(ref->root, ref->path);
	if (*fd >= 0)
		return LP_OK;
	if (errno == ENOENT)
		return report(diag, w, LP_ERR_MISSING, "does not exist");
	if (errno != EXDEV)
		return report(diag, w, LP_ERR_MISSING, "cannot be opened: %s", strerror(errno));
	/* The path itself looked inside: a symbolic link on the way led out. */
	bool by_link = lp_confine_lexically_inside(ref->path);
	lp_diag_extra x = {.span = ref->span};
	return lp_diag_report_ex(diag, LP_ERROR, LP_ERR_SYNTAX, w->file, w->line, w->col, &x,
	        "'%s' must be a file inside %s; '%s' is not%s", ref->key, ref->root_name, ref->path,
	        by_link ? " (a symbolic link on the way leads out of it)" : "");
}

lp_status
lp_file_read_ref(const lp_file_ref *ref, size_t max_bytes, char **data, size_t *size, lp_diag *diag)
{
	*data = NULL;
	*size = 0;
	file_where w = {ref->by_file, ref->line, ref->col, ref};
	int fd;
	note_ref(ref, diag);
	lp_status s = open_ref(ref, &w, &fd, diag);
	if (s != LP_OK)
		return s;
	return read_regular(fd, &w, max_bytes, data, size, diag);
}

lp_status
lp_file_check_ref(const lp_file_ref *ref, char **real, lp_diag *diag)
{
	*real = NULL;
	file_where w = {ref->by_file, ref->line, ref->col, ref};
	int fd;
	size_t hint;
	lp_status s = open_ref(ref, &w, &fd, diag);
	if (s == LP_OK)
		s = check_regular(fd, &w, &hint, diag);
	/* Checked, it is read (and noted) by whoever checked it. */
	if (s != LP_OK) {
		note_ref(ref, diag);
		return s;
	}
	*real = lp_confine_real_path(fd, ref->root, ref->path);
	close(fd);
	return *real ? LP_OK : report(diag, &w, LP_ERR_NOMEM, "cannot be resolved: out of memory");
}

lp_status
lp_source_load(const char *path, size_t max_bytes, lp_source **out, lp_diag *diag)
{
	*out = NULL;
	char *buf;
	size_t size;
	lp_status s = lp_file_read(path, max_bytes, &buf, &size, diag);
	if (s != LP_OK)
		return s;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	s = source_new(name, buf, size, out);
	if (s != LP_OK)
		return lp_diag_report(diag, LP_ERROR, s, name, 0, 0, "out of memory");
	return LP_OK;
}

void
lp_source_drop(lp_source *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->data);
	free(s->line_starts);
	free(s);
}

const char *
lp_source_name(const lp_source *s)
{
	return s->name;
}
const char *
lp_source_data(const lp_source *s)
{
	return s->data;
}
size_t
lp_source_size(const lp_source *s)
{
	return s->size;
}

void
lp_source_line_col(const lp_source *s, uint64_t offset, uint32_t *line, uint32_t *col)
{
	if (offset > s->size)
		offset = s->size;
	size_t lo = 0, hi = s->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = (uint32_t)lo + 1;
	*col = (uint32_t)lp_utf8_count((const uint8_t *)s->data + s->line_starts[lo],
	               (size_t)offset - s->line_starts[lo]) +
	       1;
}

bool
lp_source_line_bytes(const lp_source *s, uint32_t line, size_t *start, size_t *len)
{
	if (!s || line == 0 || line > s->n_lines)
		return false;
	size_t b = s->line_starts[line - 1], e = b;
	while (e < s->size && s->data[e] != '\n' && s->data[e] != '\r')
		e++;
	*start = b;
	*len = e - b;
	return true;
}

char *
lp_source_folder(const char *name)
{
	char *root = strdup(!name || name[0] == '<' ? "." : name);
	if (!root || !name || name[0] == '<')
		return root;
	char *slash = strrchr(root, '/');
	if (!slash)
		strcpy(root, ".");
	else
		slash[slash == root] = '\0'; /* "/x.md" keeps "/" */
	return root;
}
