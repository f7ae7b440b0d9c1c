/*
 * Shaping: each itemized run goes through HarfBuzz once, into glyphs in the
 * caller's arena. The shaper owns only per-thread scratch (one hb_buffer,
 * one ICU grapheme iterator, growable byte arrays), reused from paragraph
 * to paragraph, so shaping does no per-glyph allocation; fonts come from
 * the frozen fontdb, whose hb_font objects are immutable and shared.
 *
 * Given the engine's word cache, a run of simple characters in a font
 * whose words stand alone (font_words.c) is shaped a word at a time, each
 * word found in the cache or shaped alone and kept: the same glyphs the
 * whole run gives, for a lookup instead of a HarfBuzz call (a release's
 * words are mostly ones it, or the archive, has used before).
 *
 * Letter-spacing (tracking) is added after every grapheme cluster (UAX #29,
 * ICU's character break iterator), on the cluster's last glyph, so it never
 * falls inside a ligature or between a base and its marks. Tracked runs are
 * shaped with liga off: spaced-out letters joined by a ligature look like a
 * mistake, and typographers switch them off for letter-spaced titles.
 */
#include "text/text_internal.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "font/font_hb.h"
#include "text/wordcache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct lp_shaper {
	const lp_fontdb *fonts;
	const char *const *fallback;
	size_t n_fallback;
	hb_buffer_t *buf;
	UBreakIterator *graphemes;
	lp_item_buf items;
	uint8_t *boundary; /* boundary[i]: a grapheme cluster starts at byte i */
	uint32_t boundary_cap;
	char *joined; /* range text + appended text, for shape_range */
	uint32_t joined_cap;
	lp_word_glyph *raw; /* a job's glyphs, clusters from the job's start */
	uint32_t raw_n, raw_cap;
	lp_word_cache *words; /* the engine's, borrowed; NULL: runs shaped whole */
	lp_cover_memo cover; /* which characters the document's fonts have */
};

/* What one HarfBuzz call shapes: bytes [off, off + len) of ctx (the rest of
 * ctx is context), reported with clusters base + min(c, clamp). */
typedef struct shape_job {
	const char *ctx;
	uint32_t ctx_len, off, len;
	uint32_t base, clamp;
	unsigned hb_flags;
	bool simple; /* known to be simple characters only (lp_text_par.simple) */
} shape_job;

lp_shaper *
lp_shaper_new(const lp_fontdb *fonts, const char *const *fallback, size_t n_fallback)
{
	lp_shaper *sh = calloc(1, sizeof *sh);

	if (!sh)
		goto fail;
	sh->fonts = fonts;
	sh->fallback = fallback;
	sh->n_fallback = n_fallback;
	sh->buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(sh->buf))
		goto fail;
	return sh;
fail:
	lp_shaper_drop(sh);
	return NULL;
}

void
lp_shaper_drop(lp_shaper *sh)
{
	if (!sh)
		return;
	hb_buffer_destroy(sh->buf);
	if (sh->graphemes)
		ubrk_close(sh->graphemes);
	lp_item_buf_free(&sh->items);
	free(sh->boundary);
	free(sh->joined);
	free(sh->raw);
	free(sh);
}

void
lp_shaper_use_words(lp_shaper *sh, lp_word_cache *cache)
{
	sh->words = cache;
}

/* Marks grapheme cluster starts in s[0, len), and len itself; simple:
 * s is of simple characters only (lp_text_all_simple()). */
static lp_status
find_graphemes(lp_shaper *sh, const char *s, uint32_t len, bool simple)
{
	UErrorCode err = U_ZERO_ERROR;
	UText ut = UTEXT_INITIALIZER;

	lp_status st =
	        LP_ARRAY_RESERVE(sh->boundary, sh->boundary_cap, (size_t)len + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	/* Text of simple characters only (most of it) has a boundary at every
	 * code point; the break iterator is for the rest. */
	if (simple) {
		for (uint32_t i = 0; i < len; i++)
			sh->boundary[i] = ((uint8_t)s[i] & 0xC0) != 0x80;
		sh->boundary[len] = 1;
		return LP_OK;
	}
	memset(sh->boundary, 0, len + 1);
	/* Opened the first time it is needed: most documents never need it. */
	if (!sh->graphemes) {
		sh->graphemes = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
		if (U_FAILURE(err)) {
			ubrk_close(sh->graphemes);
			sh->graphemes = NULL;
			return err == U_MEMORY_ALLOCATION_ERROR ? LP_ERR_NOMEM : LP_ERR_INTERNAL;
		}
	}
	utext_openUTF8(&ut, s, len, &err);
	ubrk_setUText(sh->graphemes, &ut, &err);
	if (U_FAILURE(err)) {
		utext_close(&ut);
		return err == U_MEMORY_ALLOCATION_ERROR ? LP_ERR_NOMEM : LP_ERR_INTERNAL;
	}
	for (int32_t b = ubrk_first(sh->graphemes); b != UBRK_DONE; b = ubrk_next(sh->graphemes))
		if ((uint32_t)b <= len)
			sh->boundary[b] = 1;
	utext_close(&ut);
	return LP_OK;
}

/* HarfBuzz over bytes [off, off + len) of ctx (the rest is context); the
 * result stays in sh->buf. */
static lp_status
hb_run(lp_shaper *sh, const char *ctx, uint32_t ctx_len, uint32_t off, uint32_t len, unsigned flags,
        const lp_run *run)
{
	hb_buffer_t *buf = sh->buf;
	hb_buffer_clear_contents(buf);
	hb_buffer_add_utf8(buf, ctx, (int)ctx_len, off, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, (hb_script_t)run->script);
	if (run->lang && run->lang[0])
		hb_buffer_set_language(buf, hb_language_from_string(run->lang, -1));
	hb_buffer_set_flags(buf, (hb_buffer_flags_t)flags);
	hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
	if (!hb_buffer_allocation_successful(buf))
		return LP_ERR_NOMEM;
	hb_feature_t no_liga = {
	        HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
	hb_shape(lp_font_hb_font(run->font), buf, run->tracking_fu ? &no_liga : NULL,
	        run->tracking_fu ? 1 : 0);
	return hb_buffer_allocation_successful(buf) ? LP_OK : LP_ERR_NOMEM;
}

/* sh->buf's glyphs onto sh->raw, each cluster c as c - off + add. */
static lp_status
raw_from_buf(lp_shaper *sh, uint32_t off, uint32_t add)
{
	unsigned n = 0;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &n);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
	lp_status st = LP_ARRAY_RESERVE(sh->raw, sh->raw_cap, (size_t)sh->raw_n + n, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	for (unsigned i = 0; i < n; i++)
		sh->raw[sh->raw_n++] = (lp_word_glyph){.gid = info[i].codepoint,
		        .cluster = info[i].cluster - off + add,
		        .x_advance_fu = pos[i].x_advance,
		        .x_offset_fu = pos[i].x_offset,
		        .y_offset_fu = pos[i].y_offset,
		        .unsafe_to_break = (hb_glyph_info_get_glyph_flags(&info[i]) &
		                                   HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
	return LP_OK;
}

/* Whether the job's words may be shaped one at a time: only simple
 * characters (no marks, joiners or clusters across bytes of two words) in
 * a font whose GSUB and GPOS never look at the space, so a word's glyphs
 * do not depend on its neighbours. */
static bool
words_alone(const lp_shaper *sh, const lp_run *run, bool simple)
{
	return simple && sh->words && lp_font_words_stand_alone(run->font);
}

/* The job shaped a word (or a space) at a time, each looked up in or kept
 * by the document's word cache. */
static lp_status
raw_by_words(lp_shaper *sh, const shape_job *job, const lp_run *run)
{
	lp_word_key key = {run->font,
	        run->lang && run->lang[0] ? (const void *)hb_language_from_string(run->lang, -1)
	                                  : NULL,
	        run->script, run->tracking_fu != 0};
	const char *t = job->ctx + job->off;
	for (uint32_t at = 0; at < job->len;) {
		uint32_t end = at + 1;
		if (t[at] != ' ')
			while (end < job->len && t[end] != ' ')
				end++;
		uint32_t n;
		const lp_word_glyph *kept =
		        lp_word_cache_find(sh->words, &key, t + at, end - at, &n);
		uint32_t first = sh->raw_n;
		lp_status st;
		if (kept) {
			st = LP_ARRAY_RESERVE(
			        sh->raw, sh->raw_cap, (size_t)sh->raw_n + n, LP_ARRAY_ANY);
			if (st != LP_OK)
				return st;
			memcpy(sh->raw + sh->raw_n, kept, (size_t)n * sizeof *kept);
			sh->raw_n += n;
		} else {
			if ((st = hb_run(sh, t + at, end - at, 0, end - at, 0, run)) != LP_OK ||
			        (st = raw_from_buf(sh, 0, 0)) != LP_OK)
				return st;
			lp_word_cache_put(sh->words, &key, t + at, end - at, sh->raw + first,
			        sh->raw_n - first);
		}
		for (uint32_t i = first; i < sh->raw_n; i++)
			sh->raw[i].cluster += at;
		at = end;
	}
	return LP_OK;
}

static lp_status
shape_job_run(lp_shaper *sh, const shape_job *job, lp_run *run, lp_arena *arena)
{
	lp_status st;
	sh->raw_n = 0;
	/* One pass over the text for both questions that ask it. */
	bool simple = job->simple || lp_text_all_simple(job->ctx + job->off, job->len);
	if (words_alone(sh, run, simple))
		st = raw_by_words(sh, job, run);
	else if ((st = hb_run(sh, job->ctx, job->ctx_len, job->off, job->len, job->hb_flags,
	                  run)) == LP_OK)
		st = raw_from_buf(sh, job->off, 0);
	if (st != LP_OK)
		return st;
	st = find_graphemes(sh, job->ctx + job->off, job->len, simple);
	if (st != LP_OK)
		return st;

	uint32_t n = sh->raw_n;
	const lp_word_glyph *raw = sh->raw;
	lp_glyph *g = lp_arena_array(arena, n ? n : 1, sizeof *g);
	if (!g)
		return LP_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t c = raw[i].cluster;
		bool first = i == 0 || raw[i - 1].cluster != c;
		bool last = i + 1 == n || raw[i + 1].cluster != c;
		uint32_t next = i + 1 == n ? job->len : raw[i + 1].cluster;

		g[i].gid = raw[i].gid;
		g[i].cluster = job->base + job->off + (c < job->clamp ? c : job->clamp);
		g[i].x_advance_fu = raw[i].x_advance_fu;
		g[i].x_offset_fu = raw[i].x_offset_fu;
		g[i].y_offset_fu = raw[i].y_offset_fu;
		if (raw[i].unsafe_to_break)
			g[i].flags |= LP_GLYPH_UNSAFE_TO_BREAK;
		if (first && c <= job->len && sh->boundary[c])
			g[i].flags |= LP_GLYPH_CLUSTER_START;
		if (run->tracking_fu && last && next <= job->len && sh->boundary[next]) {
			g[i].x_advance_fu += run->tracking_fu;
			g[i].flags |= LP_GLYPH_TRACKED;
		}
	}
	run->glyphs = g;
	run->n_glyphs = n;
	return LP_OK;
}

static void
init_run(lp_run *run, const lp_span *spans, uint32_t span, uint32_t start, uint32_t len,
        uint32_t script, const lp_font *font)
{
	const lp_text_style *style = &spans[span].style;
	float upem = (float)lp_font_metrics_of(font)->units_per_em;

	*run = (lp_run){.start = start,
	        .len = len,
	        .span = span,
	        .font = font,
	        .size_pt = style->size_pt,
	        .script = script,
	        .lang = style->lang};
	if (style->tracking_em != 0.0f && isfinite(style->tracking_em))
		run->tracking_fu = (int32_t)lroundf(style->tracking_em * upem);
}

lp_status
lp_text_shape(
        lp_shaper *sh, const lp_text_par *par, lp_arena *arena, lp_shaped_par **out, lp_diag *diag)
{
	lp_status st = lp_text_itemize(
	        par, sh->fonts, sh->fallback, sh->n_fallback, &sh->cover, &sh->items, diag);
	if (st != LP_OK)
		goto fail;

	lp_shaped_par *sp = lp_arena_alloc(arena, sizeof *sp);
	lp_run *runs = lp_arena_array(arena, sh->items.n ? sh->items.n : 1, sizeof *runs);
	if (!sp || !runs) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	for (uint32_t i = 0; i < sh->items.n; i++) {
		const lp_item *it = &sh->items.items[i];
		init_run(&runs[i], par->spans, it->span, it->start, it->len, it->script, it->font);
		shape_job job = {par->text, par->len, it->start, it->len, 0, it->len,
		        (it->start == 0 ? HB_BUFFER_FLAG_BOT : 0) |
		                (it->start + it->len == par->len ? HB_BUFFER_FLAG_EOT : 0),
		        par->simple};
		st = shape_job_run(sh, &job, &runs[i], arena);
		if (st != LP_OK)
			goto fail;
	}
	*sp = (lp_shaped_par){par->text, par->len, par->spans, par->n_spans, runs, sh->items.n};
	*out = sp;
fail:
	if (st != LP_OK && st != LP_ERR_FONT && st != LP_ERR_LIMIT)
		lp_text_report(par, diag, LP_ERROR, st, 0, "shaping failed: %s", lp_status_str(st));
	return st;
}

/* Shapes text[rs, end) + append as one buffer; appended glyphs get cluster
 * end. */
static lp_status
shape_with_append(lp_shaper *sh, const lp_shaped_par *par, uint32_t rs, uint32_t end, bool bot,
        const char *append, lp_run *run, lp_arena *arena)
{
	uint32_t n = end - rs, extra = (uint32_t)strnlen(append, LP_MAX_PARAGRAPH_BYTES);

	lp_status s =
	        LP_ARRAY_RESERVE(sh->joined, sh->joined_cap, (size_t)n + extra + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	memcpy(sh->joined, par->text + rs, n);
	memcpy(sh->joined + n, append, extra);
	shape_job job = {sh->joined, n + extra, 0, n + extra, rs, n,
	        (bot ? HB_BUFFER_FLAG_BOT : 0) | HB_BUFFER_FLAG_EOT};
	run->start = rs;
	run->len = n;
	return shape_job_run(sh, &job, run, arena);
}

lp_status
lp_shaper_shape_range(lp_shaper *sh, const lp_shaped_par *par, uint32_t start, uint32_t end,
        const char *append, lp_arena *arena, lp_run **out_runs, uint32_t *out_n, lp_diag *diag)
{
	lp_status st = LP_OK;
	bool has_append = append && append[0];
	uint32_t first = par->n_runs, count = 0;

	if (start > end || end > par->len || par->n_runs == 0) {
		st = lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "shape range [%u, %u) outside a paragraph of %u bytes in %u runs", start,
		        end, par->len, par->n_runs);
		goto fail;
	}
	for (uint32_t i = 0; i < par->n_runs; i++) {
		const lp_run *r = &par->runs[i];
		if (r->start < end && r->start + r->len > start) {
			if (first == par->n_runs)
				first = i;
			count++;
		}
	}
	if (count == 0) {
		/* An empty range: only the appended text, in the style of the run
		 * holding (or ending at) start. */
		for (first = 0; first + 1 < par->n_runs; first++)
			if (par->runs[first].start + par->runs[first].len >= start &&
			        par->runs[first].len)
				break;
	}
	lp_run *runs = lp_arena_array(arena, count ? count : 1, sizeof *runs);
	if (!runs) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	uint32_t n_out = 0;
	for (uint32_t k = 0; k < count || (k == 0 && has_append); k++) {
		const lp_run *r = &par->runs[first + k];
		uint32_t rs = r->start > start ? r->start : start;
		uint32_t re = r->start + r->len < end ? r->start + r->len : end;
		if (count == 0)
			rs = re = start;
		lp_run *run = &runs[n_out++];
		*run = *r;
		if (has_append && k + 1 >= count) {
			st = shape_with_append(sh, par, rs, re, rs == start, append, run, arena);
		} else {
			shape_job job = {par->text + start, end - start, rs - start, re - rs, start,
			        re - rs,
			        (rs == start ? HB_BUFFER_FLAG_BOT : 0) |
			                (re == end ? HB_BUFFER_FLAG_EOT : 0)};
			run->start = rs;
			run->len = re - rs;
			st = shape_job_run(sh, &job, run, arena);
		}
		if (st != LP_OK)
			goto fail;
	}
	*out_runs = runs;
	*out_n = n_out;
fail:
	if (st == LP_ERR_NOMEM)
		lp_diag_report(diag, LP_ERROR, st, NULL, 0, 0, "reshaping failed: out of memory");
	return st;
}
