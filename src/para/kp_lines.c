/* The Knuth–Plass breaker's setup and its simplest breaking (kp.c has the
 * passes): prefix sums over the items, the items a break discards,
 * passive nodes, and greedy first-fit. */
#include "para/kp_internal.h"

#include "base/array.h"

lp_status
lp_kp_prepare(kp_ctx *c)
{
	size_t n = c->n;
	/* Every element is written below (the sums from [0], the rest as
	 * the lists grow) before it is read: not zeroed. */
	c->sums.w = lp_arena_array_unset(c->arena, n + 1, sizeof(double));
	c->sums.st = lp_arena_array_unset(c->arena, n + 1, sizeof(double));
	c->sums.fil = lp_arena_array_unset(c->arena, n + 1, sizeof(double));
	c->sums.sh = lp_arena_array_unset(c->arena, n + 1, sizeof(double));
	c->after = lp_arena_array_unset(c->arena, n ? n : 1, sizeof(uint32_t));
	/* cap_active() keeps the list at LP_KP_MAX_ACTIVE after every new
	 * node; without looseness there are also at most four nodes (one per
	 * fitness class) per breakpoint, plus the start. */
	c->cap_active = LP_KP_MAX_ACTIVE + 1;
	if (c->p->looseness == 0 && 4 * n + 1 < c->cap_active)
		c->cap_active = 4 * (uint32_t)n + 1;
	c->active = lp_arena_array_unset(c->arena, c->cap_active, sizeof(kp_active));
	c->next_active = lp_arena_array_unset(c->arena, c->cap_active, sizeof(kp_active));
	if (!c->sums.w || !c->sums.st || !c->sums.fil || !c->sums.sh || !c->after || !c->active ||
	        !c->next_active)
		return LP_ERR_NOMEM;
	c->sums.w[0] = c->sums.st[0] = c->sums.fil[0] = c->sums.sh[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const lp_kp_item *it = &c->items[i];
		bool counts = it->type != LP_KP_PENALTY;
		bool glue = it->type == LP_KP_GLUE;
		c->sums.w[i + 1] = c->sums.w[i] + (counts ? it->width : 0);
		c->sums.st[i + 1] = c->sums.st[i] + (glue ? it->stretch : 0);
		c->sums.fil[i + 1] = c->sums.fil[i] + (glue ? it->stretch_fil : 0);
		c->sums.sh[i + 1] = c->sums.sh[i] + (glue ? it->shrink : 0);
	}
	/* After a break, glue and penalties up to the next box (or forced
	 * break) are discarded (TeX §§ 837, 879). */
	uint32_t next = (uint32_t)n;
	for (size_t i = n; i-- > 0;) {
		c->after[i] = next;
		const lp_kp_item *it = &c->items[i];
		if (it->type == LP_KP_BOX || lp_kp_is_forced(it))
			next = (uint32_t)i;
	}
	return LP_OK;
}

lp_status
lp_kp_push_passive(kp_ctx *c, const kp_passive *pn, int32_t *index)
{
	lp_status s = LP_ARENA_ARRAY_RESERVE(
	        c->arena, c->passive, c->cap_passive, (size_t)c->n_passive + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	c->passive[c->n_passive] = *pn;
	*index = (int32_t)c->n_passive++;
	return LP_OK;
}

/* Greedy first-fit: each line takes as much as fits at full shrink; when
 * not even one breakpoint fits, the first one is taken and the line is
 * overfull. The last-resort setting, and the first_fit option. */
lp_status
lp_kp_run_first_fit(kp_ctx *c, const kp_pass *pass, int32_t *best)
{
	lp_status st = LP_OK;
	uint32_t start = 0;
	int32_t prev = -1;
	float lead = 0;
	c->n_passive = 0;
	while (start < c->n) {
		int32_t take = -1, first = -1;
		kp_fit take_fit = {0}, first_fit = {0};
		for (uint32_t b = start; b < c->n; b++) {
			if (!lp_kp_is_legal(c, b, pass))
				continue;
			kp_fit f = lp_kp_line_fit(c, start, b, pass->extra_stretch, lead);
			if (first < 0) {
				first = (int32_t)b;
				first_fit = f;
			}
			if (f.overfull)
				break;
			take = (int32_t)b;
			take_fit = f;
			if (lp_kp_is_forced(&c->items[b]))
				break;
		}
		if (take < 0) {
			take = first;
			take_fit = first_fit;
		}
		if (take < 0)
			break;
		const lp_kp_item *it = &c->items[take];
		kp_passive pn = {.brk = (uint32_t)take,
		        .prev = prev,
		        .ratio = take_fit.ratio,
		        .badness = take_fit.badness,
		        .fitness = lp_kp_fitness(take_fit.stretching, take_fit.badness),
		        .flagged = it->type == LP_KP_PENALTY && (it->flags & LP_KP_FLAGGED)};
		if ((st = lp_kp_push_passive(c, &pn, &prev)) != LP_OK)
			goto fail;
		start = c->after[take];
		lead = it->type == LP_KP_PENALTY ? it->post_width : 0;
		if ((uint32_t)take == c->n - 1)
			break;
	}
	*best = prev;
fail:
	return st;
}
