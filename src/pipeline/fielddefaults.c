/*
 * The layout's `defaults:` applied to one release: every field the release
 * leaves out that the layout gives a value takes that value, so a release
 * that names only its layout, title, place and date still gets the
 * institution's organ lines and contact footer. A field the release has,
 * even empty (`organ: []`), keeps the release's value. Applied once, after
 * the release's keys were checked against the layout (fieldcheck.c, which
 * must not take a default for a key of the release's), and before any
 * stage reads the metadata: templates, organ lines, stacking and the PDF's
 * document information all see one set of fields.
 */
#include "pipeline/pipeline.h"

#include <string.h>

/* The default's one value, or NULL when the layout gives none for key. */
static const char *
scalar(const lp_layout *L, const char *key)
{
	const lp_layout_default *d = lp_layout_default_for(L, key);
	return d && d->n_values ? d->values[0] : NULL;
}

static bool
is_meta_key(const char *key)
{
	static const char *const keys[] = {"organ", "place", "number", "watermark",
	        "signature.name", "signature.function", NULL};
	for (size_t i = 0; keys[i]; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

lp_status
lp_job_apply_defaults(lp_job *job)
{
	const lp_layout *L = job->layout;
	if (!L->n_defaults)
		return LP_OK;
	lp_release *rel = lp_arena_alloc(job->arena, sizeof *rel);
	if (!rel)
		return LP_ERR_NOMEM;
	*rel = *job->rel;
	lp_meta *m = &rel->meta;
	const lp_layout_default *organ = lp_layout_default_for(L, "organ");
	if (organ && !m->organ_offset && organ->n_values) {
		m->organ = (const char **)organ->values;
		m->n_organ = organ->n_values;
		if (!(m->organ_text = lp_release_join_lines(
		              organ->values, organ->n_values, job->arena)))
			return LP_ERR_NOMEM;
	}
	if (!m->place_offset && !m->place)
		m->place = scalar(L, "place");
	if (!m->number_offset && !m->number)
		m->number = scalar(L, "number");
	if (!m->watermark_offset && !m->watermark)
		m->watermark = scalar(L, "watermark");
	if (!m->signature_offset) {
		m->signature.name = scalar(L, "signature.name");
		m->signature.function = scalar(L, "signature.function");
	}
	/* The other defaults as fields of the release, after its own. */
	lp_field *fields = lp_arena_array(job->arena, m->n_fields + L->n_defaults, sizeof *fields);
	if (!fields)
		return LP_ERR_NOMEM;
	if (m->n_fields)
		memcpy(fields, m->fields, m->n_fields * sizeof *fields);
	uint32_t n = m->n_fields;
	for (uint32_t i = 0; i < L->n_defaults; i++) {
		const lp_layout_default *d = &L->defaults[i];
		if (is_meta_key(d->key) || lp_release_field(job->rel, d->key))
			continue;
		fields[n++] = (lp_field){.key = d->key, .value = d->values[0], .from_layout = true};
	}
	m->fields = fields;
	m->n_fields = n;
	job->rel = rel;
	return LP_OK;
}
