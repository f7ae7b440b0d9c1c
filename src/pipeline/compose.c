/* Page plan → display list: body lines and rules at their places, then the
 * page's furniture. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "image/image.h"
#include "lp_config.h"

#include <stdlib.h>
#include <string.h>

static float
glyph_advance_pt(const lp_font *font, uint32_t gid, float size)
{
	return (float)lp_font_glyph_advance(font, gid) * size
		/ (float)lp_font_metrics_of(font)->units_per_em;
}

/* The line's own text without the spaces a break leaves at its end. */
static const char *
line_text(lp_job *job, const lp_set_par *par, const lp_line *ln)
{
	uint32_t end = ln->end;
	while (end > ln->start && (par->text[end - 1] == ' ' || par->text[end - 1] == '\n'))
		end--;
	return lp_arena_strndup(job->scratch, par->text + ln->start, end - ln->start);
}

void
lp_compose_line(lp_job *job, lp_dlist_builder *b, const lp_set_par *par, uint32_t li, float x,
	float baseline, const char *const *links, uint32_t n_links)
{
	const lp_line *ln = &par->lines->lines[li];
	/* The display list copies what it is given: the glyphs and text made
	 * here are scratch, given back at the next line. */
	lp_arena_reset(job->scratch);
	const char *actual = par->tracked ? line_text(job, par, ln) : NULL;
	for (uint32_t r = 0; r < ln->n_runs; r++) {
		const lp_line_run *run = &ln->runs[r];
		if (run->n_glyphs == 0)
			continue;
		const lp_text_style *ts = &par->spans[run->span].style;
		lp_dl_glyph *g = lp_arena_array(job->scratch, run->n_glyphs, sizeof *g);
		if (!g) {
			lp_dlist_builder_fail(b, LP_ERR_NOMEM);
			return;
		}
		for (uint32_t i = 0; i < run->n_glyphs; i++) {
			g[i].gid = run->glyphs[i].gid;
			g[i].x = x + run->glyphs[i].x_pt;
			g[i].y = baseline + run->glyphs[i].y_pt;
			g[i].cluster = run->glyphs[i].cluster;
		}
		lp_dl_text t = {run->font, run->size_pt, ts->color, g, run->n_glyphs, run->text,
			run->text_len, actual};
		lp_dlist_add_text(b, &t);
		/* One ActualText for the line: the first run carries it, the
		 * others extract as nothing. */
		if (actual)
			actual = "";
		if (ts->link >= 0 && (uint32_t)ts->link < n_links) {
			const lp_line_glyph *last = &run->glyphs[run->n_glyphs - 1];
			float size = run->size_pt;
			lp_dl_link l = {x + run->glyphs[0].x_pt, baseline - ln->ascent_pt,
				x + last->x_pt + glyph_advance_pt(run->font, last->gid, size),
				baseline + ln->descent_pt, links[ts->link]};
			lp_dlist_add_link(b, &l);
		}
	}
}

static void
compose_flow_item(lp_job *job, lp_dlist_builder *b, const lp_rect *frame, const lp_placed *pl)
{
	const lp_flow_content *fc = &job->content[pl->block];
	if (fc->image) {
		lp_dl_image im = {fc->image, frame->x + fc->pic_x_pt, pl->y_pt, fc->pic_w_pt, fc->pic_h_pt};
		lp_dlist_add_image(b, &im);
		return;
	}
	if (fc->svg) {
		lp_svg_emit(fc->svg, frame->x + fc->pic_x_pt, pl->y_pt, fc->pic_w_pt, fc->pic_h_pt, b);
		return;
	}
	if (!fc->par) {
		float y = pl->y_pt + fc->rule_width_pt / 2;
		lp_dl_rule r = {frame->x + fc->rule_x_pt, y, frame->x + fc->rule_x_pt + fc->rule_len_pt, y,
			fc->rule_width_pt, fc->color};
		lp_dlist_add_rule(b, &r);
		return;
	}
	lp_compose_line(job, b, fc->par, pl->line, frame->x + fc->par->x_pt, pl->y_pt,
		job->rel->links, job->rel->n_links);
}

static int64_t
document_date(const lp_job *job, int64_t fallback)
{
	const lp_date *d = &job->rel->meta.date;
	if (d->year) {
		/* Days from civil (Howard Hinnant's algorithm), noon UTC so the date
		 * reads the same in every time zone of Europe. */
		int y = d->year - (d->month <= 2);
		int era = (y >= 0 ? y : y - 399) / 400;
		int yoe = y - era * 400;
		int doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 + d->day - 1;
		int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		int64_t days = (int64_t)era * 146097 + doe - 719468;
		return days * 86400 + 12 * 3600;
	}
	return fallback;
}

/* Appends s at *p and moves *p past it. */
static void
put(char **p, const char *s)
{
	size_t n = strlen(s);
	memcpy(*p, s, n);
	*p += n;
}

/* The organ lines as one author string, "A — B — C", allocated at its exact
 * size. */
static const char *
organ_line(lp_job *job)
{
	const lp_meta *m = &job->rel->meta;
	static const char sep[] = " — ";
	if (m->n_organ == 0)
		return NULL;
	size_t len = (m->n_organ - 1) * (sizeof sep - 1);
	for (uint32_t i = 0; i < m->n_organ; i++)
		len += strlen(m->organ[i]);
	char *s = lp_arena_alloc(job->arena, len + 1), *p = s;
	for (uint32_t i = 0; s && i < m->n_organ; i++) {
		put(&p, i ? sep : "");
		put(&p, m->organ[i]);
	}
	return s;
}

/* "key: value; key: value", built in one pass at its exact size (a release
 * with many fields stays linear in its size). */
static const char *
keywords(lp_job *job)
{
	const lp_meta *m = &job->rel->meta;
	size_t len = 0;
	for (uint32_t i = 0; i < m->n_fields; i++)
		len += (i ? 2 : 0) + strlen(m->fields[i].key) + 2 + strlen(m->fields[i].value);
	char *s = lp_arena_alloc(job->arena, len + 1), *p = s;
	for (uint32_t i = 0; s && i < m->n_fields; i++) {
		put(&p, i ? "; " : "");
		put(&p, m->fields[i].key);
		put(&p, ": ");
		put(&p, m->fields[i].value);
	}
	return s;
}

lp_status
lp_job_compose(lp_job *job, const lp_page_plan *plan, lp_dlist **out)
{
	*out = NULL;
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (!b)
		return LP_ERR_NOMEM;
	const lp_meta *m = &job->rel->meta;
	lp_dl_meta meta = {
		.title = m->title,
		.author = organ_line(job),
		.subject = m->title,
		.keywords = keywords(job),
		.creator = "letterpress " LP_VERSION,
		.lang = job->lang,
		.date = document_date(job, job->date_fallback),
	};
	lp_dlist_builder_set_meta(b, &meta);
	const lp_layout *L = job->layout;
	lp_status s = LP_OK;
	for (uint32_t p = 0; p < plan->n_pages && s == LP_OK; p++) {
		const lp_plan_page *pg = &plan->pages[p];
		const lp_page_template *tpl = pg->first ? &L->first : &L->rest;
		lp_dlist_begin_page(b, L->page_w_pt, L->page_h_pt);
		s = lp_job_add_furniture(job, b, tpl, p + 1, plan->n_pages);
		for (uint32_t i = 0; i < pg->n_placed && s == LP_OK; i++)
			compose_flow_item(job, b, &tpl->body, &pg->placed[i]);
	}
	if (s != LP_OK) {
		lp_dlist_builder_drop(b);
		return s;
	}
	s = lp_dlist_builder_finish(b, out);
	if (s != LP_OK)
		return lp_diag_report(job->diag, LP_ERROR, s, job->rel->source_name, 0, 0,
			"cannot build the display list (%s)", lp_status_str(s));
	return LP_OK;
}
