/* Input files and their line index; see source.h. */
#include "base/source.h"

#include "base/diag.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
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

static lp_status
index_lines(lp_source *s)
{
	size_t n = 1;
	for (size_t i = 0; i < s->size; i++)
		n += s->data[i] == '\n';
	s->line_starts = malloc(n * sizeof *s->line_starts);
	if (!s->line_starts)
		return LP_ERR_NOMEM;
	size_t k = 0;
	s->line_starts[k++] = 0;
	for (size_t i = 0; i < s->size; i++)
		if (s->data[i] == '\n')
			s->line_starts[k++] = (uint32_t)(i + 1);
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

lp_status
lp_file_read(const char *path, size_t max_bytes, char **data, size_t *size_out, lp_diag *diag)
{
	*data = NULL;
	*size_out = 0;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, name, 0, 0,
			"cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, name, 0, 0,
			"is a directory, not a file");
	}
	if (max_bytes >= UINT32_MAX)
		max_bytes = UINT32_MAX - 1;
	size_t cap = 64 << 10, size = 0;
	char *buf = malloc(cap + 1);
	lp_status st_code = LP_OK;
	while (buf) {
		if (size == cap) {
			if (cap > max_bytes) {
				st_code = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
					"file is larger than the limit of %zu bytes", max_bytes);
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
			st_code = lp_diag_at_offset(diag, LP_ERROR, LP_ERR_IO, name, size,
				"read failed: %s", strerror(errno));
			break;
		}
		if (r == 0)
			break;
		size += (size_t)r;
		if (size > max_bytes) {
			st_code = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
				"file is larger than the limit of %zu bytes", max_bytes);
			break;
		}
	}
	if (!is_stdin)
		close(fd);
	if (!buf)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_NOMEM, name, 0, 0, "out of memory");
	if (st_code != LP_OK) {
		free(buf);
		return st_code;
	}
	buf[size] = '\0';
	*data = buf;
	*size_out = size;
	return LP_OK;
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

const char *lp_source_name(const lp_source *s) { return s->name; }
const char *lp_source_data(const lp_source *s) { return s->data; }
size_t lp_source_size(const lp_source *s) { return s->size; }

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
		(size_t)offset - s->line_starts[lo]) + 1;
}
