/*
 * From chosen breaks to lines of positioned glyphs. A line reuses the
 * paragraph's glyphs, except at its edges when a break cuts through
 * shaping: a hyphenated fragment is reshaped with "-" appended (U+002D,
 * which pdftotext rejoins), and a word at a break HarfBuzz marked unsafe
 * (a ligature or kerning across it) is reshaped on its own; after a
 * compound broken at its own hyphen, the next line starts with the hyphen
 * again where the language's typography repeats it. Widths are
 * then measured again, so justification spreads what is really left.
 * Justification moves glyphs (x) and never changes them; the space at a
 * break is dropped (TeX §879); tracking after a line's last cluster is
 * taken back.
 */
#include "para/para_internal.h"

#include "base/array.h"
#include "base/diag.h"

#include <math.h>
#include <string.h>

typedef struct pa_piece {
	const lp_run *run;
	const lp_glyph *g;
	uint32_t n;
	uint32_t a, b; /* paragraph bytes the piece shows */
	bool hyphen; /* its last glyphs are an appended hyphen */
} pa_piece;

typedef struct pa_pieces {
	pa_piece *p;
	uint32_t n, cap;
} pa_pieces;

static lp_status
add_piece(lp_pa_state *s, pa_pieces *ps, pa_piece piece)
{
	lp_status st =
	        LP_ARENA_ARRAY_RESERVE(s->scratch, ps->p, ps->cap, (size_t)ps->n + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	ps->p[ps->n++] = piece;
	return LP_OK;
}

/* First glyph of run whose cluster is at least pos (clusters never
 * decrease in left-to-right runs). */
static uint32_t
lower_bound(const lp_run *run, uint32_t pos)
{
	uint32_t lo = 0, hi = run->n_glyphs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (run->glyphs[mid].cluster < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Can the paragraph's shaping be cut before byte pos as it is? */
static bool
clean_at(const lp_pa_state *s, uint32_t pos)
{
	if (pos == 0 || pos >= s->par->len)
		return true;
	const lp_run *run = &s->par->runs[s->run_of[pos]];
	if (run->start == pos)
		return true;
	uint32_t g = lower_bound(run, pos);
	if (g == run->n_glyphs || run->glyphs[g].cluster != pos)
		return false; /* inside a cluster (a ligature) */
	return !(run->glyphs[g].flags & LP_GLYPH_UNSAFE_TO_BREAK);
}

static lp_status
add_original(lp_pa_state *s, pa_pieces *ps, uint32_t a, uint32_t b)
{
	lp_status st = LP_OK;
	for (uint32_t r = s->run_of[a]; r < s->par->n_runs && st == LP_OK; r++) {
		const lp_run *run = &s->par->runs[r];
		if (run->start >= b)
			break;
		uint32_t ra = run->start > a ? run->start : a;
		uint32_t rb = run->start + run->len < b ? run->start + run->len : b;
		if (ra >= rb)
			continue;
		uint32_t g0 = lower_bound(run, ra), g1 = lower_bound(run, rb);
		st = add_piece(s, ps, (pa_piece){run, run->glyphs + g0, g1 - g0, ra, rb, false});
	}
	return st;
}

static lp_status
add_reshaped(lp_pa_state *s, pa_pieces *ps, uint32_t a, uint32_t b, bool hyphen)
{
	lp_run *runs;
	uint32_t n;
	lp_status st = lp_shaper_shape_range(
	        s->shaper, s->par, a, b, hyphen ? "-" : NULL, s->scratch, &runs, &n, s->diag);
	for (uint32_t k = 0; k < n && st == LP_OK; k++)
		st = add_piece(s, ps,
		        (pa_piece){&runs[k], runs[k].glyphs, runs[k].n_glyphs, runs[k].start,
		                runs[k].start + runs[k].len, hyphen && k + 1 == n});
	return st;
}

static bool
is_space_kind(uint8_t k)
{
	return k == LP_PA_GLUE || k == LP_PA_NBGLUE;
}

/* The pieces of line [a, e): original glyphs in the middle, reshaped
 * words at the edges where needed, and a repeated hyphen first when lead
 * (its own piece, text "-", so that nothing merges into it). */
static lp_status
collect(lp_pa_state *s, uint32_t a, uint32_t e, bool hyphen, bool lead, pa_pieces *ps)
{
	lp_status st = LP_OK;
	if (lead && (st = add_reshaped(s, ps, a, a, true)))
		return st;
	uint32_t hs = a, ts = e;
	while (hs < e && s->kind[hs] == LP_PA_BOX)
		hs++;
	while (ts > a && s->kind[ts - 1] == LP_PA_BOX)
		ts--;
	bool head = !clean_at(s, a);
	bool tail = hyphen || !clean_at(s, e);
	if (ts <= hs && (head || tail))
		return add_reshaped(s, ps, a, e, hyphen);
	if (head && (st = add_reshaped(s, ps, a, hs, false)))
		return st;
	if ((st = add_original(s, ps, head ? hs : a, tail ? ts : e)))
		return st;
	if (tail)
		st = add_reshaped(s, ps, ts, e, hyphen);
	return st;
}

static bool
drawn(const lp_pa_state *s, uint32_t cluster)
{
	return cluster >= s->par->len ||
	       (s->kind[cluster] != LP_PA_INVISIBLE && s->kind[cluster] != LP_PA_COLLAPSED);
}

/* A run of spaces is one space in the text a line carries too (its dump,
 * its extraction): the collapsed spaces' bytes leave the run's text, and
 * its glyphs' clusters follow (none of them stands on such a byte). */
static lp_status
drop_collapsed(lp_pa_state *s, lp_line_run *lr, lp_line_glyph *glyphs)
{
	if (!s->collapsed)
		return LP_OK;
	uint32_t n = lr->text_len, dropped = 0;
	for (uint32_t i = 0; i < n && lr->par_start + i < s->par->len; i++)
		dropped += s->kind[lr->par_start + i] == LP_PA_COLLAPSED;
	if (!dropped)
		return LP_OK;
	char *t = lp_arena_alloc(s->arena, (size_t)n - dropped + 1);
	uint32_t *to = lp_arena_array(s->scratch, (size_t)n + 1, sizeof *to);
	if (!t || !to)
		return LP_ERR_NOMEM;
	uint32_t o = 0;
	for (uint32_t i = 0; i < n; i++) {
		to[i] = o;
		uint32_t p = lr->par_start + i;
		if (p >= s->par->len || s->kind[p] != LP_PA_COLLAPSED)
			t[o++] = lr->text[i];
	}
	to[n] = o;
	for (uint32_t g = 0; g < lr->n_glyphs; g++)
		glyphs[g].cluster = to[glyphs[g].cluster];
	lr->text = t;
	lr->text_len = o;
	return LP_OK;
}

static lp_status
set_line(lp_pa_state *s, const pa_pieces *ps, bool first, bool ends_par, lp_line *line)
{
	const lp_break_params *pp = s->pp;
	float w = 0, stretch = 0, shrink = 0;
	uint32_t n_glyphs = 0, n_runs = 0;
	const pa_piece *last_piece = NULL;
	for (uint32_t i = 0; i < ps->n; i++) {
		const pa_piece *pc = &ps->p[i];
		float scale = lp_pa_scale(pc->run);
		for (uint32_t g = 0; g < pc->n; g++) {
			const lp_glyph *gl = &pc->g[g];
			if (!drawn(s, gl->cluster))
				continue;
			w += (float)gl->x_advance_fu * scale;
			n_glyphs++;
			last_piece = pc;
			bool lead = g == 0 || pc->g[g - 1].cluster != gl->cluster;
			if (gl->cluster < s->par->len && is_space_kind(s->kind[gl->cluster]) &&
			        lead) {
				float st_, sh_;
				lp_pa_glue_give(s, gl->cluster, &st_, &sh_);
				stretch += st_;
				shrink += sh_;
			}
		}
		bool merge = i > 0 && ps->p[i - 1].b == pc->a &&
		             ps->p[i - 1].run->span == pc->run->span &&
		             ps->p[i - 1].run->font == pc->run->font &&
		             ps->p[i - 1].run->size_pt == pc->run->size_pt && !ps->p[i - 1].hyphen;
		n_runs += !merge;
	}
	const lp_glyph *last = NULL;
	if (last_piece)
		for (uint32_t g = last_piece->n; g-- > 0 && !last;)
			if (drawn(s, last_piece->g[g].cluster))
				last = &last_piece->g[g];
	if (last && (last->flags & LP_GLYPH_TRACKED))
		w -= (float)last_piece->run->tracking_fu * lp_pa_scale(last_piece->run);

	float indent = first ? pp->first_indent_pt : 0;
	float avail = pp->measure_pt - indent - w;
	float ratio = 0;
	if (pp->align == LP_PAR_JUSTIFY) {
		if (avail > 0 && !ends_par && stretch > 0)
			ratio = avail / stretch;
		else if (avail < 0 && shrink > 0)
			ratio = fmaxf(avail / shrink, -1.0f);
	}
	float set_w = w + (ratio > 0 ? ratio * stretch : ratio * shrink);
	float x0 = indent;
	if (pp->align == LP_PAR_RIGHT)
		x0 += pp->measure_pt - indent - set_w;
	else if (pp->align == LP_PAR_CENTER)
		x0 += (pp->measure_pt - indent - set_w) / 2;

	/* Runs and glyphs in one block: a document keeps them all until it is
	 * composed, and one-word lines are common (list items). */
	lp_line_run *runs = lp_arena_alloc(
	        s->arena, n_runs * sizeof *runs + (size_t)n_glyphs * sizeof(lp_line_glyph));
	if (!runs)
		return LP_ERR_NOMEM;
	lp_line_glyph *glyphs = (lp_line_glyph *)(runs + n_runs);
	float pen = x0;
	uint32_t gi = 0, ri = 0;
	for (uint32_t i = 0; i < ps->n; i++) {
		const pa_piece *pc = &ps->p[i];
		float scale = lp_pa_scale(pc->run);
		bool merge = i > 0 && ps->p[i - 1].b == pc->a &&
		             ps->p[i - 1].run->span == pc->run->span &&
		             ps->p[i - 1].run->font == pc->run->font &&
		             ps->p[i - 1].run->size_pt == pc->run->size_pt && !ps->p[i - 1].hyphen;
		lp_line_run *lr = merge ? &runs[ri - 1] : &runs[ri++];
		if (!merge)
			*lr = (lp_line_run){.font = pc->run->font,
			        .size_pt = pc->run->size_pt,
			        .span = pc->run->span,
			        .glyphs = glyphs + gi,
			        .par_start = pc->a};
		lr->text_len = pc->b - lr->par_start;
		lr->text = s->par->text + lr->par_start;
		if (pc->hyphen) {
			char *t = lp_arena_alloc(s->arena, (size_t)lr->text_len + 2);
			if (!t)
				return LP_ERR_NOMEM;
			memcpy(t, lr->text, lr->text_len);
			t[lr->text_len++] = '-';
			lr->text = t;
		}
		const lp_font_metrics *m = lp_font_metrics_of(pc->run->font);
		line->ascent_pt = fmaxf(line->ascent_pt, (float)m->ascender * scale);
		line->descent_pt = fmaxf(line->descent_pt, -(float)m->descender * scale);
		for (uint32_t g = 0; g < pc->n; g++) {
			const lp_glyph *gl = &pc->g[g];
			if (!drawn(s, gl->cluster))
				continue;
			uint32_t c = gl->cluster < pc->b ? gl->cluster : pc->b;
			glyphs[gi++] = (lp_line_glyph){.gid = gl->gid,
			        .x_pt = pen + (float)gl->x_offset_fu * scale,
			        .y_pt = -(float)gl->y_offset_fu * scale,
			        .cluster = c - lr->par_start};
			lr->n_glyphs++;
			pen += (float)gl->x_advance_fu * scale;
			bool lead = g == 0 || pc->g[g - 1].cluster != gl->cluster;
			if (gl->cluster < s->par->len && is_space_kind(s->kind[gl->cluster]) &&
			        lead && ratio != 0) {
				float st_, sh_;
				lp_pa_glue_give(s, gl->cluster, &st_, &sh_);
				pen += ratio > 0 ? ratio * st_ : ratio * sh_;
			}
		}
	}
	for (uint32_t r = 0; r < ri; r++) {
		lp_status st = drop_collapsed(s, &runs[r], glyphs + (runs[r].glyphs - glyphs));
		if (st != LP_OK)
			return st;
	}
	line->runs = runs;
	line->n_runs = ri;
	line->x_pt = x0;
	line->width_pt = set_w;
	line->ratio = ratio;
	line->overfull = set_w > pp->measure_pt - indent + 0.01f;
	return LP_OK;
}

lp_status
lp_pa_build_lines(lp_pa_state *s, const lp_kp_result *res, lp_line *lines, lp_par_lines *out)
{
	lp_status st = LP_OK;
	uint32_t a = 0, len = s->par->len;
	uint32_t n_overfull = 0;
	bool lead = false;
	for (uint32_t l = 0; l < res->n_lines; l++) {
		uint32_t brk = res->lines[l].brk;
		const lp_kp_item *it = &s->items[brk];
		uint32_t e = s->item_pos[brk];
		uint32_t next = brk + 1;
		while (next < s->n_items && s->items[next].type != LP_KP_BOX &&
		        !(s->items[next].type == LP_KP_PENALTY &&
		                s->items[next].penalty <= -LP_KP_INF_PENALTY))
			next++;
		uint32_t next_a = next < s->n_items ? s->item_pos[next] : len;
		while (a < e && s->kind[a] != LP_PA_BOX)
			a++;
		while (e > a && s->kind[e - 1] != LP_PA_BOX)
			e--;
		bool hyphen =
		        it->type == LP_KP_PENALTY && (it->flags & LP_KP_FLAGGED) && it->width > 0;
		bool ends_par = it->type == LP_KP_PENALTY && it->penalty <= -LP_KP_INF_PENALTY;
		pa_pieces ps = {0};
		lp_line *line = &lines[l];
		if ((st = collect(s, a, e, hyphen, lead, &ps)) ||
		        (st = set_line(s, &ps, l == 0, ends_par, line)))
			goto fail;
		line->hyphenated = hyphen;
		line->lead_hyphen = lead;
		/* The break's own post-break width is a repeated hyphen. */
		lead = it->type == LP_KP_PENALTY && it->post_width > 0;
		line->start = a;
		line->end = e;
		if (line->overfull && n_overfull++ < 3) {
			/* The words are in the message so the author can find them. */
			lp_diag_report(s->diag, LP_WARNING, LP_OK, s->pp->source_name,
			        s->pp->source_line, 0,
			        "line wider than the measure by %.2f pt: \"%.*s\"",
			        (double)(line->width_pt -
			                 (s->pp->measure_pt -
			                         (l == 0 ? s->pp->first_indent_pt : 0))),
			        (int)(e - a), s->par->text + a);
		}
		a = next_a > e ? next_a : e;
	}
	out->lines = lines;
	out->n_lines = res->n_lines;
fail:
	return st;
}

void
lp_para_dump_lines(const lp_par_lines *lines, FILE *out)
{
	for (uint32_t l = 0; l < lines->n_lines; l++) {
		const lp_line *ln = &lines->lines[l];
		fprintf(out, "%7.2f %+.3f |", (double)ln->width_pt, (double)ln->ratio);
		for (uint32_t r = 0; r < ln->n_runs; r++)
			fwrite(ln->runs[r].text, 1, ln->runs[r].text_len, out);
		fputs("|\n", out);
	}
}
