/* What kp.c and kp_lines.c share: the breaker's state (TeX's active and
 * passive nodes, the prefix sums), and the tests every pass makes at each
 * breakpoint, inline since they run in its innermost loop. */
#ifndef LP_PARA_KP_INTERNAL_H
#define LP_PARA_KP_INTERNAL_H

#include "para/kp.h"

#include "base/limits.h"

#include <math.h>

/* A breakpoint reached by a chosen line (TeX's passive node, §819). */
typedef struct kp_passive {
	uint32_t brk;
	int32_t prev; /* index of the previous passive node, -1 for the start */
	float ratio, badness;
	int fitness;
	bool flagged;
} kp_passive;

/* A breakpoint from which the next line may still start (§819). */
typedef struct kp_active {
	int32_t passive; /* -1: the paragraph's start */
	uint32_t start; /* first item of the next line (after discarded glue) */
	float lead; /* width the next line starts with (the break's post_width) */
	uint32_t line; /* lines so far */
	int fitness;
	bool flagged;
	float demerits;
} kp_active;

typedef struct kp_pass {
	float threshold;
	float extra_stretch;
	bool hyphenate;
	bool last_resort;
	/* No line that has stretch of its own may be set looser than this
	 * ratio (its own stretch, without extra_stretch); 0: no cap. */
	float max_ratio;
	/* An underfull line with no stretch at all (a piece of an address),
	 * at least half the measure wide, is taken at the threshold's
	 * badness, not as infinitely bad: it is set short of the measure. */
	bool unstretchable_ok;
} kp_pass;

/* Prefix sums over items, so any line's totals are two subtractions
 * (the "background" and break_width bookkeeping of TeX §§ 827-840). */
typedef struct kp_sums {
	double *w, *st, *fil, *sh;
} kp_sums;

typedef struct kp_ctx {
	const lp_kp_item *items;
	uint32_t n;
	const lp_kp_frame *frame;
	const lp_kp_params *p;
	lp_arena *arena;
	kp_sums sums;
	uint32_t *after; /* after[b]: first item of the line after a break at b */
	kp_passive *passive;
	uint32_t n_passive, cap_passive;
	kp_active *active, *next_active;
	uint32_t n_active, cap_active;
} kp_ctx;

typedef struct kp_fit {
	float ratio, badness;
	bool overfull;
	bool stretching;
	float own_ratio; /* the ratio on the line's own stretch */
	bool unstretchable; /* short of the measure with no stretch of its own */
} kp_fit;

static inline bool
lp_kp_is_forced(const lp_kp_item *it)
{
	return it->type == LP_KP_PENALTY && it->penalty <= -LP_KP_INF_PENALTY;
}

/* Legal breakpoints (Knuth & Plass 1981 §"The algorithm"): glue right
 * after a box, and penalties below infinity. */
static inline bool
lp_kp_is_legal(const kp_ctx *c, uint32_t b, const kp_pass *pass)
{
	const lp_kp_item *it = &c->items[b];
	if (it->type == LP_KP_GLUE)
		return b > 0 && c->items[b - 1].type == LP_KP_BOX;
	if (it->type != LP_KP_PENALTY || it->penalty >= LP_KP_INF_PENALTY)
		return false;
	if ((it->flags & LP_KP_HYPHENATION) && !pass->hyphenate)
		return false;
	if ((it->flags & LP_KP_LAST_RESORT) && !pass->last_resort)
		return false;
	return true;
}

static inline kp_fit
lp_kp_line_fit(const kp_ctx *c, uint32_t start, uint32_t b, float extra_stretch, float lead)
{
	const lp_kp_item *it = &c->items[b];
	double w = c->sums.w[b] - c->sums.w[start];
	double own = c->sums.st[b] - c->sums.st[start] + c->frame->line_stretch;
	double st = own + extra_stretch;
	double fil = c->sums.fil[b] - c->sums.fil[start];
	double sh = c->sums.sh[b] - c->sums.sh[start];
	if (start > b) /* an empty line right after a break */
		w = own = st = fil = sh = 0;
	if (it->type == LP_KP_PENALTY)
		w += it->width;
	w += lead;
	float shortfall = (float)(c->frame->measure - w);
	kp_fit f = {0};
	if (shortfall > 0) {
		f.stretching = true;
		if (fil > 0) {
			f.badness = 0;
		} else {
			f.badness = lp_kp_badness(shortfall, (float)st);
			f.ratio = st > 0 ? shortfall / (float)st : 0;
			f.own_ratio = own > 0 ? shortfall / (float)own : INFINITY;
			/* Only a piece that fills at least half the line: a
			 * short word alone on a line is not one. */
			f.unstretchable = !(own > 0) && w >= c->frame->measure / 2;
		}
	} else if (shortfall < 0) {
		f.overfull = -shortfall > sh;
		f.badness = f.overfull ? LP_KP_INF_BAD + 1 : lp_kp_badness(-shortfall, (float)sh);
		f.ratio = sh > 0 ? shortfall / (float)sh : -INFINITY;
	}
	return f;
}

/* kp_lines.c: the prefix sums and the discarded items after each break;
 * a passive node added (its index in *index); the greedy first-fit
 * breaking (the last resort and the first_fit option). */
lp_status lp_kp_prepare(kp_ctx *c);
lp_status lp_kp_push_passive(kp_ctx *c, const kp_passive *pn, int32_t *index);
lp_status lp_kp_run_first_fit(kp_ctx *c, const kp_pass *pass, int32_t *best);

#endif
