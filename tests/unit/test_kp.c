/*
 * Knuth–Plass on abstract items. The main check: on small paragraphs the
 * breaker's total demerits equal the minimum found by trying every
 * feasible breaking, over hundreds of random item lists.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>

#include "base/limits.h"
#include "para/kp.h"

static uint64_t
rng_next(uint64_t *s)
{
	/* xorshift64* (Vigna 2014): seeded, so every run tests the same cases. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static int
rng_int(uint64_t *s, int lo, int hi)
{
	return lo + (int)(rng_next(s) % (uint64_t)(hi - lo + 1));
}

#define MAX_ITEMS 96

typedef struct para {
	lp_kp_item it[MAX_ITEMS];
	uint32_t n;
} para;

static void
add(para *p, lp_kp_item item)
{
	cr_assert(p->n < MAX_ITEMS);
	p->it[p->n++] = item;
}

static void
add_box(para *p, float w)
{
	add(p, (lp_kp_item){.type = LP_KP_BOX, .width = w});
}

static void
add_glue(para *p, float w, float st, float sh)
{
	add(p, (lp_kp_item){.type = LP_KP_GLUE, .width = w, .stretch = st, .shrink = sh});
}

static void
add_end(para *p)
{
	add(p, (lp_kp_item){.type = LP_KP_PENALTY, .penalty = LP_KP_INF_PENALTY});
	add(p, (lp_kp_item){.type = LP_KP_GLUE, .stretch_fil = 1});
	add(p, (lp_kp_item){.type = LP_KP_PENALTY, .penalty = -LP_KP_INF_PENALTY});
}

/* A random paragraph with at most max_breaks legal breakpoints. Widths are
 * integers so float sums are exact in any order; every box is at least as
 * wide as a hyphen, so a line that overflows stays overfull when it grows
 * (the monotonicity the active list relies on). */
static void
random_para(uint64_t *s, para *p, int max_breaks)
{
	p->n = 0;
	int breaks = 0;
	int words = rng_int(s, 2, 8);
	for (int w = 0; w < words; w++) {
		add_box(p, (float)rng_int(s, 8, 60));
		while (breaks < max_breaks - 1 && rng_int(s, 0, 3) == 0) {
			add(p, (lp_kp_item){.type = LP_KP_PENALTY,
			               .flags = LP_KP_FLAGGED | LP_KP_HYPHENATION,
			               .width = 4,
			               .penalty = 50});
			breaks++;
			add_box(p, (float)rng_int(s, 8, 40));
		}
		if (w + 1 < words && breaks < max_breaks - 1) {
			if (rng_int(s, 0, 15) == 0) {
				add(p, (lp_kp_item){.type = LP_KP_PENALTY,
				               .penalty = -LP_KP_INF_PENALTY});
				breaks++;
			} else {
				add_glue(p, (float)rng_int(s, 6, 12), (float)rng_int(s, 2, 6),
				        (float)rng_int(s, 1, 3));
				breaks++;
			}
		}
	}
	add_end(p);
}

/* ---- An independent scorer for brute force --------------------------- */

static bool
legal(const para *p, uint32_t b)
{
	const lp_kp_item *it = &p->it[b];
	if (it->type == LP_KP_GLUE)
		return b > 0 && p->it[b - 1].type == LP_KP_BOX;
	return it->type == LP_KP_PENALTY && it->penalty < LP_KP_INF_PENALTY;
}

static uint32_t
line_start(const para *p, int32_t prev)
{
	uint32_t s = (uint32_t)(prev + 1);
	while (s < p->n && p->it[s].type != LP_KP_BOX &&
	        !(p->it[s].type == LP_KP_PENALTY && p->it[s].penalty <= -LP_KP_INF_PENALTY))
		s++;
	return s;
}

/* Scores the line (prev, b]; false when it is not feasible. */
static bool
score_line(const para *p, const lp_kp_frame *fr, float tol, int32_t prev, uint32_t b,
        float *badness, int *fitness)
{
	float w = 0, st = fr->line_stretch, fil = 0, sh = 0;
	for (uint32_t i = line_start(p, prev); i < b; i++) {
		const lp_kp_item *it = &p->it[i];
		if (it->type == LP_KP_PENALTY)
			continue;
		w += it->width;
		if (it->type == LP_KP_GLUE) {
			st += it->stretch;
			fil += it->stretch_fil;
			sh += it->shrink;
		}
	}
	if (p->it[b].type == LP_KP_PENALTY)
		w += p->it[b].width;
	float diff = fr->measure - w;
	float bad;
	bool stretching = diff > 0;
	if (diff > 0)
		bad = fil > 0 ? 0 : lp_kp_badness(diff, st);
	else if (diff < 0) {
		if (-diff > sh)
			return false;
		bad = lp_kp_badness(-diff, sh);
	} else {
		bad = 0;
	}
	if (bad > tol)
		return false;
	*badness = bad;
	*fitness = lp_kp_fitness(stretching, bad);
	return true;
}

static float
brute_force(const para *p, const lp_kp_frame *fr, const lp_kp_params *kp)
{
	uint32_t cand[32];
	uint32_t nc = 0;
	uint32_t forced_mask = 0;
	for (uint32_t i = 0; i + 1 < p->n; i++) {
		if (!legal(p, i))
			continue;
		cr_assert(nc < 20);
		if (p->it[i].type == LP_KP_PENALTY && p->it[i].penalty <= -LP_KP_INF_PENALTY)
			forced_mask |= 1u << nc;
		cand[nc++] = i;
	}
	float best = INFINITY;
	for (uint32_t mask = 0; mask < (1u << nc); mask++) {
		if ((mask & forced_mask) != forced_mask)
			continue;
		int32_t prev = -1;
		bool prev_flag = false;
		int prev_fit = 2;
		float total = 0;
		bool ok = true;
		for (uint32_t k = 0; k <= nc && ok; k++) {
			uint32_t b;
			if (k == nc)
				b = p->n - 1;
			else if (mask & (1u << k))
				b = cand[k];
			else
				continue;
			float bad;
			int fit;
			if (!score_line(p, fr, kp->tolerance, prev, b, &bad, &fit)) {
				ok = false;
				break;
			}
			const lp_kp_item *it = &p->it[b];
			bool flag = it->type == LP_KP_PENALTY && (it->flags & LP_KP_FLAGGED);
			float pen = it->type == LP_KP_PENALTY ? it->penalty : 0;
			total += lp_kp_line_demerits(
			        kp, bad, pen, flag, prev_flag, fit, prev_fit, k == nc);
			prev = (int32_t)b;
			prev_flag = flag;
			prev_fit = fit;
		}
		if (ok && total < best)
			best = total;
	}
	return best;
}

Test(kp, total_fit_equals_brute_force_minimum)
{
	uint64_t seed = 0x5eed1234abcdull;
	int compared = 0, infeasible = 0;
	const float tolerances[] = {100, 200, 1000, 10000};
	for (int t = 0; t < 600; t++) {
		para p;
		random_para(&seed, &p, 12);
		lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
		kp.pretolerance = -1;
		kp.tolerance = tolerances[rng_int(&seed, 0, 3)];
		lp_kp_frame fr = {.measure = (float)rng_int(&seed, 60, 180)};
		if (rng_int(&seed, 0, 4) == 0)
			fr.line_stretch = 30; /* ragged */
		lp_arena *arena = lp_arena_new(0);
		lp_kp_result res;
		cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
		float want = brute_force(&p, &fr, &kp);
		if (isfinite(want)) {
			cr_assert(eq(int, res.pass, 2),
			        "case %d: pass %d though a feasible breaking exists", t, res.pass);
			float tol = 1e-4f * fmaxf(1.0f, want);
			cr_assert(fabsf(res.demerits - want) <= tol,
			        "case %d: kp %.3f, brute force %.3f", t, (double)res.demerits,
			        (double)want);
			compared++;
		} else {
			cr_assert(res.pass > 2, "case %d: no feasible breaking, yet pass %d", t,
			        res.pass);
			infeasible++;
		}
		cr_assert(eq(u32, res.lines[res.n_lines - 1].brk, p.n - 1));
		lp_arena_drop(arena);
	}
	/* Both kinds of case must actually occur, or the test proves little. */
	cr_assert(lt(int, 300, compared));
	cr_assert(lt(int, 5, infeasible));
}

/* The paragraph of widths below has two good breakings; the one with a
 * hyphen loses only when hyphens cost more. */
Test(kp, hyphen_penalty_steers_choice)
{
	para p = {0};
	add_box(&p, 40);
	add_glue(&p, 10, 5, 3);
	add_box(&p, 30);
	add(&p, (lp_kp_item){.type = LP_KP_PENALTY,
	                .flags = LP_KP_FLAGGED | LP_KP_HYPHENATION,
	                .width = 4,
	                .penalty = 50});
	add_box(&p, 30);
	add_glue(&p, 10, 5, 3);
	add_box(&p, 40);
	add_end(&p);
	lp_kp_frame fr = {.measure = 84};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	kp.pretolerance = -1;
	kp.tolerance = 10000;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(u32, res.n_lines, 2));
	cr_assert(eq(u32, res.lines[0].brk, 3)); /* 40 + 10 + 30 + hyphen 4 = 84 exactly */
	cr_assert(res.lines[0].flagged);
	p.it[3].penalty = LP_KP_INF_PENALTY; /* no longer a breakpoint */
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(not(eq(u32, res.lines[0].brk, 3)));
	cr_assert(not(res.lines[0].flagged));
	lp_arena_drop(arena);
}

Test(kp, first_pass_does_not_hyphenate)
{
	para p = {0};
	for (int i = 0; i < 6; i++) {
		add_box(&p, 20);
		add(&p, (lp_kp_item){.type = LP_KP_PENALTY,
		                .flags = LP_KP_FLAGGED | LP_KP_HYPHENATION,
		                .width = 4,
		                .penalty = 50});
		add_box(&p, 20);
		if (i < 5)
			add_glue(&p, 10, 5, 3);
	}
	add_end(&p);
	/* Two words a line: 40 + 10 + 40 = 90, stretch 5, badness 6.4. */
	lp_kp_frame fr = {.measure = 92};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(int, res.pass, 1));
	cr_assert(eq(u32, res.n_lines, 3));
	for (uint32_t i = 0; i < res.n_lines; i++)
		cr_assert(not(res.lines[i].flagged));
	lp_arena_drop(arena);
}

Test(kp, forced_break_is_taken)
{
	para p = {0};
	add_box(&p, 10);
	add(&p, (lp_kp_item){.type = LP_KP_PENALTY, .penalty = -LP_KP_INF_PENALTY});
	add_box(&p, 10);
	add_end(&p);
	lp_kp_frame fr = {.measure = 200};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(u32, res.n_lines, 2));
	cr_assert(eq(u32, res.lines[0].brk, 1));
	lp_arena_drop(arena);
}

Test(kp, looseness_adds_a_line)
{
	para p = {0};
	for (int i = 0; i < 20; i++) {
		add_box(&p, 20);
		if (i < 19)
			add_glue(&p, 6, 3, 2);
	}
	add_end(&p);
	lp_kp_frame fr = {.measure = 150};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	kp.tolerance = 10000;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result tight, loose;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &tight), LP_OK));
	kp.looseness = 1;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &loose), LP_OK));
	cr_assert(eq(u32, loose.n_lines, tight.n_lines + 1));
	lp_arena_drop(arena);
}

Test(kp, too_wide_box_overflows_and_is_marked)
{
	para p = {0};
	add_box(&p, 30);
	add_glue(&p, 6, 3, 2);
	add_box(&p, 500);
	add_glue(&p, 6, 3, 2);
	add_box(&p, 30);
	add_end(&p);
	lp_kp_frame fr = {.measure = 100, .emergency_stretch = 10};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(int, res.pass, 6));
	cr_assert(eq(u32, res.n_overfull, 1));
	cr_assert(eq(u32, res.n_lines, 3));
	cr_assert(res.lines[1].overfull);
	lp_arena_drop(arena);
}

Test(kp, first_fit_option_is_greedy)
{
	para p = {0};
	const float w[] = {30, 30, 30, 60, 30};
	for (int i = 0; i < 5; i++) {
		add_box(&p, w[i]);
		if (i < 4)
			add_glue(&p, 10, 5, 3);
	}
	add_end(&p);
	lp_kp_frame fr = {.measure = 110};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	kp.first_fit = true;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	/* 30+10+30+10+30 = 110 fits exactly on the first line. */
	cr_assert(eq(u32, res.lines[0].brk, 5));
	lp_arena_drop(arena);
}

/* Zero-width material keeps every breakpoint alive; the cap keeps this
 * linear. 200k items must finish quickly and set one line: about a second
 * in a release build, 17 s under ASan on a quiet 2-core machine, so the
 * limit leaves room for a loaded one; without the cap it takes hours. */
Test(kp, zero_width_flood_is_bounded, .timeout = 60)
{
	uint32_t n = 200000;
	lp_kp_item *it = calloc(n, sizeof *it);
	cr_assert(not(eq(ptr, it, NULL)));
	for (uint32_t i = 0; i + 3 < n; i += 2) {
		it[i] = (lp_kp_item){.type = LP_KP_BOX};
		it[i + 1] = (lp_kp_item){.type = LP_KP_GLUE, .stretch = 1};
	}
	it[n - 3] = (lp_kp_item){.type = LP_KP_PENALTY, .penalty = LP_KP_INF_PENALTY};
	it[n - 2] = (lp_kp_item){.type = LP_KP_GLUE, .stretch_fil = 1};
	it[n - 1] = (lp_kp_item){.type = LP_KP_PENALTY, .penalty = -LP_KP_INF_PENALTY};
	lp_kp_frame fr = {.measure = 100};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(it, n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(u32, res.n_lines, 1));
	lp_arena_drop(arena);
	free(it);
}

/* Lines that only fit with \emergencystretch (each far past ratio 3,
 * and no breaking keeps them within it): the fourth pass sets them,
 * without overfull lines. */
Test(kp, emergency_stretch_is_the_fourth_pass)
{
	para p = {0};
	for (int i = 0; i < 6; i++) {
		add_box(&p, 30);
		if (i < 5)
			add_glue(&p, 10, 1, 1);
	}
	add_end(&p);
	lp_kp_frame fr = {.measure = 95};
	lp_kp_params kp = LP_KP_PARAMS_DEFAULT;
	lp_arena *arena = lp_arena_new(0);
	lp_kp_result res;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(int, res.pass, 5)); /* without it: the unbounded-badness pass */
	fr.emergency_stretch = 30;
	cr_assert(eq(int, lp_kp_break(p.it, p.n, &fr, &kp, arena, &res), LP_OK));
	cr_assert(eq(int, res.pass, 4));
	cr_assert(eq(u32, res.n_lines, 3));
	cr_assert(eq(u32, res.n_overfull, 0));
	lp_arena_drop(arena);
}
