/*
 * Letterhead text set once for every document of an engine: organ lines,
 * footer lines, a running head come out of a layout the same for each
 * release that shares them, and shaping and breaking them again for every
 * document of a batch was a twentieth of its time.
 *
 * A set paragraph is kept, flattened into one block of the engine's
 * frozen map (base/frozen_map.h), under everything its lines depend on:
 * the layout's style (by address: a bundle's styles live as long as the
 * engine), the measure, the effective language, the spans and the text.
 * The rest of what setting reads is the same for every document of that
 * layout: its fonts, breaking parameters and hyphenation exceptions; a
 * document's own hyphenation dictionary answers as the whole one does.
 *
 * Only what was set without a word to the diagnostics is kept: a warning
 * (a character no font has, an overfull line) must reach every document
 * that meets it, so such text is set again each time.
 */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/frozen_map.h"
#include "pipeline/bundle.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* Keys longer than this are not kept: letterhead lines are short. */
#define LP_KEPT_KEY_MAX 1024u

/* The head of a kept paragraph; then, each at an offset of sections(),
 * its lines, runs, glyphs, spans, text and the runs' texts. The copies
 * of lp_set_par, lp_par_lines, lp_line and lp_line_run keep their
 * pointers as they were: thaw() sets every one again. */
typedef struct kept_head {
	uint32_t n_lines, n_runs, n_glyphs, n_spans;
	uint32_t text_len, run_bytes;
	lp_set_par sp;
	lp_par_lines pl;
} kept_head;

typedef struct kept_at {
	size_t lines, runs, glyphs, spans, text, run_text, size;
} kept_at;

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static kept_at
sections(const kept_head *h)
{
	kept_at a;
	a.lines = align8(sizeof *h);
	a.runs = align8(a.lines + (size_t)h->n_lines * sizeof(lp_line));
	a.glyphs = align8(a.runs + (size_t)h->n_runs * sizeof(lp_line_run));
	a.spans = align8(a.glyphs + (size_t)h->n_glyphs * sizeof(lp_line_glyph));
	a.text = a.spans + (size_t)h->n_spans * sizeof(lp_span);
	a.run_text = a.text + h->text_len + 1;
	a.size = a.run_text + h->run_bytes;
	return a;
}

/* The key of text set in style at measure_pt for job; 0 when too long. */
static size_t
make_key(uint8_t *key, const lp_job *job, const char *text, uint32_t len, const lp_rspan *rspans,
        uint32_t n_rspans, const lp_style *style, float measure_pt)
{
	const char *lang = style->lang ? style->lang : job->lang;
	size_t lang_len = strlen(lang) + 1;
	uintptr_t st = (uintptr_t)style;
	size_t n = sizeof st + sizeof measure_pt + sizeof n_rspans +
	           (size_t)n_rspans * sizeof *rspans + lang_len + len;
	if (n > LP_KEPT_KEY_MAX)
		return 0;
	uint8_t *p = key;
	memcpy(p, &st, sizeof st);
	p += sizeof st;
	memcpy(p, &measure_pt, sizeof measure_pt);
	p += sizeof measure_pt;
	memcpy(p, &n_rspans, sizeof n_rspans);
	p += sizeof n_rspans;
	if (n_rspans) {
		memcpy(p, rspans, (size_t)n_rspans * sizeof *rspans);
		p += (size_t)n_rspans * sizeof *rspans;
	}
	memcpy(p, lang, lang_len);
	p += lang_len;
	memcpy(p, text, len);
	return n;
}

/* Flattens sp into a block for the map and puts it under key; leaves it
 * out when it holds a pointer that would not outlive this document (a
 * span's language other than the style's or the job's, a line outside
 * the text). */
static void
keep(const lp_job *job, const lp_style *style, const lp_set_par *sp, const uint8_t *key,
        size_t key_len)
{
	const char *lang = style->lang ? style->lang : job->lang;
	kept_head h = {.sp = *sp, .pl = *sp->lines};
	h.n_lines = sp->lines->n_lines;
	h.n_spans = sp->n_spans;
	h.text_len = (uint32_t)strlen(sp->text);
	for (uint32_t i = 0; i < sp->n_spans; i++)
		if (sp->spans[i].style.lang != lang || sp->spans[i].style.family != style->family)
			return;
	for (uint32_t l = 0; l < h.n_lines; l++) {
		const lp_line *ln = &sp->lines->lines[l];
		if (ln->end > h.text_len || ln->start > ln->end)
			return;
		h.n_runs += ln->n_runs;
		for (uint32_t r = 0; r < ln->n_runs; r++) {
			h.n_glyphs += ln->runs[r].n_glyphs;
			h.run_bytes += ln->runs[r].text_len;
		}
	}
	kept_at at = sections(&h);
	uint8_t *v = calloc(1, at.size);
	if (!v)
		return; /* only time is lost */
	memcpy(v, &h, sizeof h);
	lp_line *lines = (lp_line *)(v + at.lines);
	lp_line_run *runs = (lp_line_run *)(v + at.runs);
	lp_line_glyph *glyphs = (lp_line_glyph *)(v + at.glyphs);
	char *run_text = (char *)(v + at.run_text);
	size_t r_at = 0, g_at = 0, t_at = 0;
	for (uint32_t l = 0; l < h.n_lines; l++) {
		const lp_line *ln = &sp->lines->lines[l];
		lines[l] = *ln;
		for (uint32_t r = 0; r < ln->n_runs; r++) {
			const lp_line_run *run = &ln->runs[r];
			runs[r_at++] = *run;
			if (run->n_glyphs)
				memcpy(glyphs + g_at, run->glyphs, run->n_glyphs * sizeof *glyphs);
			g_at += run->n_glyphs;
			if (run->text_len)
				memcpy(run_text + t_at, run->text, run->text_len);
			t_at += run->text_len;
		}
	}
	if (h.n_spans)
		memcpy(v + at.spans, sp->spans, h.n_spans * sizeof(lp_span));
	memcpy(v + at.text, sp->text, h.text_len);
	lp_frozen_map_put(job->engine->kept_sets, key, key_len, v, at.size);
	free(v);
}

/* A kept paragraph as the job's own (arena): the lines, runs and spans
 * copied with their pointers set again; glyphs and texts stay in the map,
 * frozen until the engine is dropped. */
static const lp_set_par *
thaw(lp_job *job, const lp_style *style, const uint8_t *v)
{
	kept_head h;
	memcpy(&h, v, sizeof h);
	kept_at at = sections(&h);
	lp_set_par *sp = lp_arena_alloc(job->arena, sizeof *sp);
	lp_par_lines *pl = lp_arena_alloc(job->arena, sizeof *pl);
	lp_line *lines = lp_arena_memdup(job->arena, v + at.lines, h.n_lines * sizeof *lines);
	lp_line_run *runs = lp_arena_memdup(job->arena, v + at.runs, h.n_runs * sizeof *runs);
	lp_span *spans = lp_arena_memdup(job->arena, v + at.spans, h.n_spans * sizeof *spans);
	if (!sp || !pl || (h.n_lines && !lines) || (h.n_runs && !runs) || (h.n_spans && !spans))
		return NULL;
	const lp_line_glyph *glyphs = (const lp_line_glyph *)(v + at.glyphs);
	const char *run_text = (const char *)(v + at.run_text);
	size_t r_at = 0, g_at = 0, t_at = 0;
	for (uint32_t l = 0; l < h.n_lines; l++) {
		lines[l].runs = runs + r_at;
		for (uint32_t r = 0; r < lines[l].n_runs; r++, r_at++) {
			runs[r_at].glyphs = glyphs + g_at;
			runs[r_at].text = run_text + t_at;
			g_at += runs[r_at].n_glyphs;
			t_at += runs[r_at].text_len;
		}
	}
	const char *lang = style->lang ? style->lang : job->lang;
	for (uint32_t i = 0; i < h.n_spans; i++)
		spans[i].style.lang = lang;
	*pl = h.pl;
	pl->lines = lines;
	*sp = h.sp;
	sp->lines = pl;
	sp->spans = spans;
	sp->text = (const char *)(v + at.text);
	return sp;
}

lp_status
lp_job_set_kept(lp_job *job, const char *text, uint32_t len, const lp_rspan *rspans,
        uint32_t n_rspans, const lp_style *style, float measure_pt, const lp_set_par **out)
{
	const lp_layout *L = job->layout;
	uint8_t key[LP_KEPT_KEY_MAX];
	size_t key_len = 0;
	/* The key names the style by address: only a style of the bundle's
	 * layout will do, which lives as long as the engine. */
	if (job->engine->kept_sets && job->diag && job->bundle && L == job->bundle->layout &&
	        style >= L->styles && style < L->styles + L->n_styles)
		key_len = make_key(key, job, text, len, rspans, n_rspans, style, measure_pt);
	if (key_len) {
		size_t v_len;
		const void *v = lp_frozen_map_find(job->engine->kept_sets, key, key_len, &v_len);
		if (v) {
			const lp_set_par *sp = thaw(job, style, v);
			if (!sp)
				return LP_ERR_NOMEM;
			*out = sp;
			return lp_job_count_set(job, sp->lines);
		}
	}
	size_t said = lp_diag_size(job->diag);
	lp_status s = lp_job_set_par(job, text, len, rspans, n_rspans, style, measure_pt, 0, out);
	if (s == LP_OK && key_len && lp_diag_size(job->diag) == said)
		keep(job, style, *out, key, key_len);
	return s;
}
