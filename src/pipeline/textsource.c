/*
 * Where messages about text being set point. A paragraph of the release
 * points at its own line; text a layout block sets (a title, a dateline,
 * organ lines, a watermark, a contact footer) points at the release field
 * its template draws from, so that "no font covers '🚀'" names the
 * release's title: line, or, when the text is the layout's own, at the
 * block's line in the layout.
 */
#include "pipeline/pipeline.h"

#include "base/source.h"

#include <string.h>

/* The release field a placeholder {key} (key at p, len bytes) draws from:
 * its offset and how long its value is (the organ's longest line). */
static bool
placeholder_field(const lp_meta *m, const char *p, size_t len, uint64_t *offset, size_t *value_len)
{
	if (m->n_organ && m->organ_offset && len >= 5 && strncmp(p, "organ", 5) == 0 &&
	        (len == 5 || p[5] == '.')) {
		*offset = m->organ_offset;
		*value_len = 0;
		for (uint32_t i = 0; i < m->n_organ; i++) {
			size_t n = strlen(m->organ[i]);
			*value_len = n > *value_len ? n : *value_len;
		}
		return true;
	}
	const struct {
		const char *key;
		const char *value;
		uint64_t offset;
	} own[] = {{"title", m->title, m->title_offset}, {"place", m->place, m->place_offset},
	        {"number", m->number, m->number_offset}, {"date", m->date_text, m->date_offset},
	        {"watermark", m->watermark, m->watermark_offset}};
	for (size_t k = 0; k < sizeof own / sizeof *own; k++)
		if (own[k].value && own[k].offset && strlen(own[k].key) == len &&
		        strncmp(own[k].key, p, len) == 0) {
			*offset = own[k].offset;
			*value_len = strlen(own[k].value);
			return true;
		}
	/* A layout's default is not the release's to shorten. */
	for (uint32_t f = 0; f < m->n_fields; f++)
		if (!m->fields[f].from_layout && strlen(m->fields[f].key) == len &&
		        strncmp(m->fields[f].key, p, len) == 0) {
			*offset = m->fields[f].src_offset;
			*value_len = m->fields[f].value ? strlen(m->fields[f].value) : 0;
			return true;
		}
	return false;
}

bool
lp_job_field_offset(
        const lp_job *job, const char *const *lines, uint32_t n, bool longest, uint64_t *offset)
{
	bool found = false;
	size_t most = 0;
	for (uint32_t i = 0; i < n; i++) {
		for (const char *p = strchr(lines[i], '{'); p; p = strchr(p + 1, '{')) {
			const char *close = strchr(p, '}');
			if (!close)
				break;
			uint64_t off;
			size_t len;
			if (!placeholder_field(
			            &job->rel->meta, p + 1, (size_t)(close - p - 1), &off, &len))
				continue;
			if (!longest)
				return *offset = off, true;
			if (!found || len > most)
				*offset = off, most = len;
			found = true;
		}
	}
	return found;
}

void
lp_job_text_at_block(lp_job *job, const lp_layout_block *lb, const char *const *lines, uint32_t n)
{
	uint64_t off;
	if (job->src && lp_job_field_offset(job, lines, n, false, &off)) {
		uint32_t col;
		lp_source_line_col(job->src, off, &job->src_line, &col);
		job->src_offset = off;
		job->src_name = NULL;
		return;
	}
	job->src_name = lp_layout_block_path(job->layout, lb);
	job->src_line = lb->src_line;
	job->src_offset = 0;
}
