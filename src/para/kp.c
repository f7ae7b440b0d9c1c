/*
 * Knuth–Plass total-fit line breaking (Knuth & Plass 1981; TeX: The
 * Program §§ 813-890). The active list is a plain array scanned once per
 * legal breakpoint; every feasible line ending at a breakpoint proposes a
 * new node, and only the best proposal per fitness class (and per line
 * number when looseness matters, TeX §835 easy_line) survives. Passes
 * follow TeX §863: pretolerance without hyphenation, tolerance with it,
 * then emergency stretch; past TeX, a pass that may break inside words too
 * long for the line, and finally first-fit that lets a line overflow.
 * When the emergency pass or the last resort sets a line looser than
 * LP_KP_RATIO_CAP, a pass that keeps every line within it (setting a line
 * of one unbreakable piece short instead) takes over if it finds a
 * breaking.
 */
#include "para/kp_internal.h"

#include "base/array.h"
#include "base/limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

float
lp_kp_badness(float shortfall, float stretch_or_shrink)
{
	if (shortfall <= 0)
		return 0;
	if (stretch_or_shrink <= 0)
		return LP_KP_INF_BAD;
	float r = shortfall / stretch_or_shrink;
	float b = 100.0f * r * r * r;
	return b > LP_KP_INF_BAD ? LP_KP_INF_BAD : b;
}

int
lp_kp_fitness(bool stretching, float badness)
{
	/* TeX §817: very loose 0, loose 1, decent 2, tight 3. */
	if (stretching) {
		if (badness > 99)
			return 0;
		return badness > 12 ? 1 : 2;
	}
	return badness > 12 ? 3 : 2;
}

float
lp_kp_line_demerits(const lp_kp_params *p, float badness, float penalty, bool flagged,
        bool prev_flagged, int fitness, int prev_fitness, bool is_last)
{
	/* TeX §859. The last line counts as flagged so that a hyphen on the
	 * second-last line costs \finalhyphendemerits (TeX §873 calls
	 * try_break(eject_penalty, hyphenated)). */
	float d = p->line_penalty + badness;
	d = d * d;
	if (penalty > 0)
		d += penalty * penalty;
	else if (penalty < 0 && penalty > -LP_KP_INF_PENALTY)
		d -= penalty * penalty;
	if ((flagged || is_last) && prev_flagged)
		d += is_last ? p->final_hyphen_demerits : p->double_hyphen_demerits;
	if (abs(fitness - prev_fitness) > 1)
		d += p->adj_demerits;
	return d;
}

/* Drops the worst active node when the list is over its cap, so that a
 * paragraph of zero-width material stays linear (see limits.h). */
static void
cap_active(kp_ctx *c, uint32_t *n)
{
	while (*n > LP_KP_MAX_ACTIVE) {
		uint32_t worst = 0;
		for (uint32_t i = 1; i < *n; i++)
			if (c->next_active[i].demerits > c->next_active[worst].demerits)
				worst = i;
		memmove(&c->next_active[worst], &c->next_active[worst + 1],
		        (*n - worst - 1) * sizeof *c->next_active);
		(*n)--;
	}
}

typedef struct kp_candidate {
	uint32_t key; /* line number when looseness matters, else 0 */
	uint32_t line;
	int fitness;
	float demerits;
	int32_t prev;
	float ratio, badness;
} kp_candidate;

/* One pass of the algorithm (TeX §863 "try the final line break ...").
 * Returns true with *best set when the paragraph could be broken. */
static lp_status
run_pass(kp_ctx *c, const kp_pass *pass, int32_t *best, bool *found, bool *loose_enough)
{
	lp_status st = LP_OK;
	kp_candidate cand[LP_KP_MAX_ACTIVE + 1];
	bool by_line = c->p->looseness != 0;
	*found = false;
	c->n_passive = 0;
	c->n_active = 1;
	c->active[0] = (kp_active){.passive = -1, .start = 0, .line = 0, .fitness = 2};

	for (uint32_t b = 0; b < c->n && c->n_active > 0; b++) {
		if (!lp_kp_is_legal(c, b, pass))
			continue;
		const lp_kp_item *it = &c->items[b];
		bool forced = lp_kp_is_forced(it);
		bool flagged = it->type == LP_KP_PENALTY && (it->flags & LP_KP_FLAGGED);
		float pen = it->type == LP_KP_PENALTY ? it->penalty : 0;
		bool is_last = b == c->n - 1;
		uint32_t n_cand = 0, n_keep = 0;

		for (uint32_t i = 0; i < c->n_active; i++) {
			kp_active *a = &c->active[i];
			kp_fit f = lp_kp_line_fit(c, a->start, b, pass->extra_stretch, a->lead);
			/* Overfull: no later line from a can fit either (§851). A
			 * forced break ends every line that reaches it. */
			bool keep = !f.overfull && !forced;
			if (keep)
				c->next_active[n_keep++] = *a;
			bool own_ok = pass->unstretchable_ok && f.unstretchable;
			if (own_ok && f.badness > pass->threshold)
				f.badness = pass->threshold;
			if (f.overfull || f.badness > pass->threshold ||
			        (pass->max_ratio > 0 && !(own_ok && f.unstretchable) &&
			                f.own_ratio > pass->max_ratio))
				continue;
			int fit = lp_kp_fitness(f.stretching, f.badness);
			float d = a->demerits + lp_kp_line_demerits(c->p, f.badness, pen, flagged,
			                                a->flagged, fit, a->fitness, is_last);
			uint32_t key = by_line ? a->line + 1 : 0;
			uint32_t k = 0;
			while (k < n_cand && !(cand[k].key == key && cand[k].fitness == fit))
				k++;
			if (k == n_cand)
				cand[n_cand++] = (kp_candidate){
				        .key = key, .fitness = fit, .demerits = INFINITY};
			if (d < cand[k].demerits) {
				cand[k].demerits = d;
				cand[k].prev = a->passive;
				cand[k].ratio = f.ratio;
				cand[k].badness = f.badness;
				cand[k].line = a->line + 1;
			}
		}
		for (uint32_t k = 0; k < n_cand; k++) {
			/* A proposal worse than the best one for its line number by
			 * more than \adjdemerits can never win (TeX §836). */
			float min = INFINITY;
			for (uint32_t j = 0; j < n_cand; j++)
				if (cand[j].key == cand[k].key && cand[j].demerits < min)
					min = cand[j].demerits;
			if (cand[k].demerits > min + c->p->adj_demerits)
				continue;
			kp_passive pn = {.brk = b,
			        .prev = cand[k].prev,
			        .ratio = cand[k].ratio,
			        .badness = cand[k].badness,
			        .fitness = cand[k].fitness,
			        .flagged = flagged};
			int32_t idx;
			if ((st = lp_kp_push_passive(c, &pn, &idx)) != LP_OK)
				goto fail;
			c->next_active[n_keep++] = (kp_active){.passive = idx,
			        .start = c->after[b],
			        .lead = it->type == LP_KP_PENALTY ? it->post_width : 0,
			        .line = cand[k].line,
			        .fitness = cand[k].fitness,
			        .flagged = flagged,
			        .demerits = cand[k].demerits};
			cap_active(c, &n_keep);
		}
		kp_active *t = c->active;
		c->active = c->next_active;
		c->next_active = t;
		c->n_active = n_keep;
		if (is_last)
			break;
	}

	/* Choose among the nodes at the final break (TeX §§ 874-875). */
	int32_t chosen = -1;
	float best_d = INFINITY;
	uint32_t best_line = 0;
	for (uint32_t i = 0; i < c->n_active; i++) {
		const kp_active *a = &c->active[i];
		if (a->passive < 0 || c->passive[a->passive].brk != c->n - 1)
			continue;
		if (a->demerits < best_d) {
			best_d = a->demerits;
			chosen = a->passive;
			best_line = a->line;
		}
	}
	*loose_enough = true;
	if (chosen >= 0 && c->p->looseness != 0) {
		int want = (int)best_line + c->p->looseness;
		int best_gap = abs(c->p->looseness) + 1;
		for (uint32_t i = 0; i < c->n_active; i++) {
			const kp_active *a = &c->active[i];
			if (a->passive < 0 || c->passive[a->passive].brk != c->n - 1)
				continue;
			int diff = (int)a->line - (int)best_line;
			if ((c->p->looseness > 0 && diff < 0) || (c->p->looseness < 0 && diff > 0))
				continue;
			int gap = abs((int)a->line - want);
			if (gap < best_gap || (gap == best_gap && a->demerits < best_d)) {
				best_gap = gap;
				best_d = a->demerits;
				chosen = a->passive;
			}
		}
		*loose_enough = best_gap == 0;
	}
	if (chosen >= 0) {
		*best = chosen;
		*found = true;
	}
fail:
	return st;
}

/* Whether a line of the breaking ending at node best, one with stretch of
 * its own, is set looser than LP_KP_RATIO_CAP. */
static bool
over_cap(const kp_ctx *c, int32_t best)
{
	for (int32_t q = best; q >= 0; q = c->passive[q].prev) {
		int32_t p = c->passive[q].prev;
		uint32_t start = p >= 0 ? c->after[c->passive[p].brk] : 0;
		const lp_kp_item *at = p >= 0 ? &c->items[c->passive[p].brk] : NULL;
		float lead = at && at->type == LP_KP_PENALTY ? at->post_width : 0;
		kp_fit f = lp_kp_line_fit(c, start, c->passive[q].brk, 0, lead);
		if (isfinite(f.own_ratio) && f.own_ratio > LP_KP_RATIO_CAP)
			return true;
	}
	return false;
}

lp_status
lp_kp_break(const lp_kp_item *items, uint32_t n_items, const lp_kp_frame *frame,
        const lp_kp_params *params, lp_arena *arena, lp_kp_result *out)
{
	lp_status st = LP_OK;
	kp_ctx c = {.items = items, .n = n_items, .frame = frame, .p = params, .arena = arena};
	memset(out, 0, sizeof *out);
	if (n_items == 0 || !lp_kp_is_forced(&items[n_items - 1]))
		return LP_ERR_USAGE;
	if ((st = lp_kp_prepare(&c)) != LP_OK)
		goto fail;

	kp_pass passes[4];
	int pass_no[4];
	int n_passes = 0;
	if (params->pretolerance >= 0) {
		passes[n_passes] = (kp_pass){.threshold = params->pretolerance};
		pass_no[n_passes++] = 1;
	}
	passes[n_passes] = (kp_pass){.threshold = params->tolerance, .hyphenate = true};
	pass_no[n_passes++] = 2;
	/* Past TeX: when the emergency pass or the last resort stretches a
	 * line past LP_KP_RATIO_CAP (their badness counts the emergency
	 * stretch, so a line with few spaces may end up far looser), any
	 * breaking that keeps every line within it, if there is one. */
	kp_pass capped = {.threshold = lp_kp_badness(LP_KP_RATIO_CAP, 1.0f),
	        .hyphenate = true,
	        .max_ratio = LP_KP_RATIO_CAP,
	        .unstretchable_ok = true};
	bool took_capped = false;
	if (frame->emergency_stretch > 0) {
		passes[n_passes] = (kp_pass){.threshold = params->tolerance,
		        .hyphenate = true,
		        .extra_stretch = frame->emergency_stretch};
		pass_no[n_passes++] = 4;
	}
	passes[n_passes] = (kp_pass){.threshold = LP_KP_INF_BAD,
	        .hyphenate = true,
	        .last_resort = true,
	        .extra_stretch = frame->emergency_stretch};
	pass_no[n_passes++] = 5;

	int32_t best = -1;
	bool found = false;
	if (params->first_fit) {
		kp_pass ff = {.threshold = LP_KP_INF_BAD, .hyphenate = true, .last_resort = true};
		if ((st = lp_kp_run_first_fit(&c, &ff, &best)) != LP_OK)
			goto fail;
		out->pass = 6;
	} else {
		/* TeX §873: a pass that breaks the paragraph but misses the
		 * looseness asked for hands over to the next pass; the last
		 * pass that succeeded is the answer. */
		int good = -1;
		if (frame->first_pass_only)
			n_passes = params->pretolerance >= 0 ? 1 : 0;
		for (int i = 0; i < n_passes; i++) {
			bool loose_enough = false;
			if ((st = run_pass(&c, &passes[i], &best, &found, &loose_enough)) != LP_OK)
				goto fail;
			if (found)
				good = i;
			if (found && pass_no[i] >= 4 && over_cap(&c, best)) {
				int32_t capped_best;
				bool capped_found, capped_loose;
				if ((st = run_pass(&c, &capped, &capped_best, &capped_found,
				             &capped_loose)) != LP_OK)
					goto fail;
				if ((took_capped = capped_found)) {
					best = capped_best;
					break;
				}
				/* The capped pass reused the nodes: set pass i again. */
				if ((st = run_pass(&c, &passes[i], &best, &found, &loose_enough)) !=
				        LP_OK)
					goto fail;
			}
			if (found && loose_enough)
				break;
		}
		if (good >= 0 && !found) {
			bool loose_enough;
			if ((st = run_pass(&c, &passes[good], &best, &found, &loose_enough)) !=
			        LP_OK)
				goto fail;
		}
		if (good >= 0)
			out->pass = took_capped ? 3 : pass_no[good];
		if (!found && frame->first_pass_only)
			goto fail;
		if (!found) {
			if ((st = lp_kp_run_first_fit(&c, &passes[n_passes - 1], &best)) != LP_OK)
				goto fail;
			out->pass = 6;
		}
	}
	if (best < 0) {
		st = LP_ERR_INTERNAL;
		goto fail;
	}

	uint32_t n_lines = 0;
	for (int32_t q = best; q >= 0; q = c.passive[q].prev)
		n_lines++;
	out->lines = lp_arena_array(arena, n_lines, sizeof *out->lines);
	if (!out->lines) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	out->n_lines = n_lines;
	uint32_t i = n_lines;
	for (int32_t q = best; q >= 0; q = c.passive[q].prev) {
		const kp_passive *pn = &c.passive[q];
		out->lines[--i] = (lp_kp_line){.brk = pn->brk,
		        .ratio = pn->ratio,
		        .badness = pn->badness,
		        .fitness = pn->fitness,
		        .flagged = pn->flagged,
		        .overfull = pn->badness > LP_KP_INF_BAD};
	}
	/* Total demerits of what was chosen, scored line by line. */
	bool prev_flagged = false;
	int prev_fit = 2;
	for (i = 0; i < n_lines; i++) {
		lp_kp_line *ln = &out->lines[i];
		const lp_kp_item *it = &items[ln->brk];
		float pen = it->type == LP_KP_PENALTY ? it->penalty : 0;
		out->demerits +=
		        lp_kp_line_demerits(params, ln->overfull ? LP_KP_INF_BAD : ln->badness, pen,
		                ln->flagged, prev_flagged, ln->fitness, prev_fit, i + 1 == n_lines);
		out->n_overfull += ln->overfull;
		prev_flagged = ln->flagged;
		prev_fit = ln->fitness;
	}
fail:
	return st;
}
