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

bool
lp_job_field_offset(const lp_job *job, const char *const *lines, uint32_t n, uint64_t *offset)
{
	const lp_meta *m = &job->rel->meta;
	for (uint32_t i = 0; i < n; i++) {
		for (const char *p = strchr(lines[i], '{'); p; p = strchr(p + 1, '{')) {
			const char *close = strchr(p, '}');
			if (!close)
				break;
			size_t len = (size_t)(close - p - 1);
			/* A layout's default is not the release's to shorten. */
			if (m->n_organ && m->organ_offset && strncmp(p + 1, "organ", 5) == 0 &&
			        (p[6] == '}' || p[6] == '.')) {
				*offset = m->organ_offset;
				return true;
			}
			const struct {
				const char *key;
				const void *value;
				uint64_t offset;
			} own[] = {{"title", m->title, m->title_offset},
			        {"place", m->place, m->place_offset},
			        {"number", m->number, m->number_offset},
			        {"date", m->date_text, m->date_offset},
			        {"watermark", m->watermark, m->watermark_offset}};
			for (size_t k = 0; k < sizeof own / sizeof *own; k++)
				if (own[k].value && own[k].offset && strlen(own[k].key) == len &&
				        strncmp(own[k].key, p + 1, len) == 0) {
					*offset = own[k].offset;
					return true;
				}
			for (uint32_t f = 0; f < m->n_fields; f++)
				if (!m->fields[f].from_layout && strlen(m->fields[f].key) == len &&
				        strncmp(m->fields[f].key, p + 1, len) == 0) {
					*offset = m->fields[f].src_offset;
					return true;
				}
		}
	}
	return false;
}

void
lp_job_text_at_block(lp_job *job, const lp_layout_block *lb, const char *const *lines, uint32_t n)
{
	uint64_t off;
	if (job->src && lp_job_field_offset(job, lines, n, &off)) {
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
