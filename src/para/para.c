/*
 * lp_para_break(): from a shaped paragraph to Knuth–Plass items, then to
 * lines (lines.c). Items follow Knuth & Plass 1981 and The TeXbook ch. 14:
 * a word is boxes with penalties between them where it may break (UAX #14
 * opportunities, explicit and soft hyphens, hyphenation points), a space
 * is glue whose stretch and shrink come from its font's space, and the
 * paragraph ends with \penalty10000 \parfillskip \penalty-10000.
 */
#include "para/para_internal.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "para/hyphen.h"
#include "para/linebreak.h"

#include <math.h>
#include <string.h>
#include <unicode/uchar.h>

float
lp_pa_scale(const lp_run *run)
{
	const lp_font_metrics *m = lp_font_metrics_of(run->font);
	return run->size_pt / (float)(m->units_per_em ? m->units_per_em : 1000);
}

void
lp_pa_glue_give(const lp_pa_state *s, uint32_t pos, float *stretch, float *shrink)
{
	*stretch = *shrink = 0;
	if (s->pp->align != LP_PAR_JUSTIFY || s->pp->keep_spaces)
		return;
	float space = s->run_space[s->run_of[pos]];
	*stretch = space * s->pp->kp.space_stretch;
	*shrink = space * s->pp->kp.space_shrink;
}

static lp_status
push(lp_pa_state *s, lp_kp_item item, uint32_t pos)
{
	/* The two share a capacity: grown from the same one to the same need,
	 * they grow alike. */
	uint32_t cap = s->cap_items;
	size_t need = (size_t)s->n_items + 1;
	lp_status st = LP_ARENA_ARRAY_RESERVE(s->scratch, s->items, cap, need, LP_ARRAY_ANY);
	if (st == LP_OK) {
		cap = s->cap_items;
		st = LP_ARENA_ARRAY_RESERVE(s->scratch, s->item_pos, cap, need, LP_ARRAY_ANY);
	}
	if (st != LP_OK)
		return st;
	s->cap_items = cap;
	s->items[s->n_items] = item;
	s->item_pos[s->n_items++] = pos;
	return LP_OK;
}

static lp_status
classify(lp_pa_state *s)
{
	const lp_shaped_par *par = s->par;
	uint32_t len = par->len;
	s->kind = lp_arena_alloc(s->scratch, len + 1);
	s->hy = lp_arena_alloc(s->scratch, len + 1);
	s->last_resort = lp_arena_alloc(s->scratch, len + 1);
	s->adv = lp_arena_array(s->scratch, len + 1, sizeof(float));
	s->run_of = lp_arena_array(s->scratch, len + 1, sizeof(uint32_t));
	s->cstart = lp_arena_alloc(s->scratch, len + 1);
	s->run_space = lp_arena_array(s->scratch, par->n_runs, sizeof(float));
	s->run_hyphen = lp_arena_array(s->scratch, par->n_runs, sizeof(float));
	if (!s->kind || !s->hy || !s->last_resort || !s->adv || !s->run_of || !s->cstart ||
	        !s->run_space || !s->run_hyphen)
		return LP_ERR_NOMEM;
	for (uint32_t r = 0; r < par->n_runs; r++) {
		const lp_run *run = &par->runs[r];
		float scale = lp_pa_scale(run);
		s->run_space[r] = (float)lp_font_metrics_of(run->font)->space_advance * scale;
		s->run_hyphen[r] = -1;
		for (uint32_t i = run->start; i < run->start + run->len && i < len; i++)
			s->run_of[i] = r;
		for (uint32_t g = 0; g < run->n_glyphs; g++) {
			const lp_glyph *gl = &run->glyphs[g];
			if (gl->cluster >= len)
				continue;
			s->adv[gl->cluster] += (float)gl->x_advance_fu * scale;
			if (gl->flags & LP_GLYPH_CLUSTER_START)
				s->cstart[gl->cluster] = 1;
		}
	}
	bool keep = s->pp->keep_spaces, line_start = true;
	size_t pos = 0;
	while (pos < len) {
		size_t at = pos;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)par->text, len, &pos, &cp);
		uint8_t k = LP_PA_BOX;
		if (cp == ' ' || cp == '\t')
			k = LP_PA_GLUE;
		else if (cp == 0xA0)
			k = LP_PA_NBGLUE;
		else if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
			k = LP_PA_INVISIBLE;
		if (keep) {
			/* A line's indentation is a box: glue after a break is
			 * dropped, and these spaces are the text's. */
			bool space = cp == ' ' || cp == '\t' || cp == 0xA0;
			if ((k == LP_PA_GLUE || k == LP_PA_NBGLUE) && line_start)
				k = LP_PA_BOX;
			line_start = k == LP_PA_INVISIBLE || (line_start && space);
		} else if (k == LP_PA_GLUE && at > 0 &&
		           (s->kind[at - 1] == LP_PA_GLUE || s->kind[at - 1] == LP_PA_COLLAPSED)) {
			k = LP_PA_COLLAPSED;
			s->collapsed = true;
		}
		/* A character is one to four bytes: stored, not memset (a call
		 * a character). */
		uint8_t *q = s->kind + at;
		q[0] = k;
		for (size_t i = 1; i < pos - at && i < 4; i++)
			q[i] = k;
	}
	return LP_OK;
}

/* Hyphenation points of one word [a, b), if the word may be hyphenated:
 * not in a URL or e-mail address, not in a token holding digits, not an
 * all-capital abbreviation. */
static uint32_t
hyphenate_word(lp_pa_state *s, uint32_t a, uint32_t b, const char *lang)
{
	const char *t = s->par->text;
	const lp_kp_params *kp = &s->pp->kp;
	/* Too short to take a hyphen at all: skip libhyphen. */
	if (lp_utf8_count((const uint8_t *)t + a, b - a) <
	        (size_t)(kp->left_hyphen_min + kp->right_hyphen_min))
		return 0;
	uint32_t ta = a, tb = b;
	while (ta > 0 && s->kind[ta - 1] == LP_PA_BOX)
		ta--;
	while (tb < s->par->len && s->kind[tb] == LP_PA_BOX)
		tb++;
	for (uint32_t i = ta; i < tb; i++)
		if ((t[i] >= '0' && t[i] <= '9') || (s->lb[i] & LP_BRK_IN_URL))
			return 0;
	size_t pos = a;
	bool lower = false;
	while (pos < b && !lower) {
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)t, b, &pos, &cp);
		lower = lp_hyphen_is_lower(cp);
	}
	if (!lower)
		return 0;
	return lp_hyphenate(s->pp->hyph, s->pp->hyph_doc, lang, t + a, b - a, kp->left_hyphen_min,
	        kp->right_hyphen_min, s->pp->hyph_exceptions, s->pp->n_hyph_exceptions, s->hy + a);
}

static uint32_t
find_hyphens(lp_pa_state *s)
{
	uint32_t count = 0;
	const lp_shaped_par *par = s->par;
	bool warned = false;
	for (uint32_t r = 0; r < par->n_runs; r++) {
		const lp_run *run = &par->runs[r];
		if (run->span >= par->n_spans || !par->spans[run->span].style.hyphenate)
			continue;
		if (!s->pp->hyph || !lp_hyphenators_has(s->pp->hyph, run->lang)) {
			if (s->pp->hyph && !warned)
				lp_diag_report(s->diag, LP_WARNING, LP_OK, s->pp->source_name,
				        s->pp->source_line, 0,
				        "no hyphenation dictionary for language \"%s\"; its words "
				        "are not hyphenated",
				        run->lang ? run->lang : "");
			warned = true;
			continue;
		}
		size_t pos = run->start, a;
		while (lp_hyphen_next_word(par->text, run->start + run->len, &pos, &a))
			count += hyphenate_word(s, (uint32_t)a, (uint32_t)pos, run->lang);
	}
	return count;
}

/* A word wider than the line may break between any two graphemes (the
 * first glyph of each cluster), as a last resort (Knuth–Plass would
 * otherwise leave it overfull). */
static void
find_last_resort(lp_pa_state *s, float measure)
{
	const lp_shaped_par *par = s->par;
	uint32_t a = 0;
	while (a < par->len) {
		while (a < par->len && s->kind[a] != LP_PA_BOX)
			a++;
		uint32_t b = a;
		float w = 0;
		while (b < par->len && s->kind[b] == LP_PA_BOX)
			w += s->adv[b++];
		if (w > measure)
			for (uint32_t c = a + 1; c < b; c++)
				s->last_resort[c] = s->cstart[c];
		a = b;
	}
}

static lp_status
flush_box(lp_pa_state *s, float *w, uint32_t *start, uint32_t pos)
{
	lp_status st = LP_OK;
	if (*start < pos)
		st = push(s, (lp_kp_item){.type = LP_KP_BOX, .width = *w}, *start);
	*w = 0;
	*start = pos;
	return st;
}

static lp_status
emit_end(lp_pa_state *s, uint32_t pos)
{
	const lp_kp_params *kp = &s->pp->kp;
	lp_kp_item fill = {.type = LP_KP_GLUE, .stretch_fil = 1};
	if (kp->par_fill_skip_em > 0)
		fill = (lp_kp_item){.type = LP_KP_GLUE, .stretch = kp->par_fill_skip_em * s->em};
	lp_status st =
	        push(s, (lp_kp_item){.type = LP_KP_PENALTY, .penalty = LP_KP_INF_PENALTY}, pos);
	if (st == LP_OK)
		st = push(s, fill, pos);
	if (st == LP_OK)
		st = push(
		        s, (lp_kp_item){.type = LP_KP_PENALTY, .penalty = -LP_KP_INF_PENALTY}, pos);
	return st;
}

/* The width of a hyphen in the font of byte pos, looked up once a run. */
static float
hyphen_width(const lp_pa_state *s, uint32_t pos)
{
	uint32_t r = s->run_of[pos];
	if (s->run_hyphen[r] < 0) {
		const lp_run *run = &s->par->runs[r];
		uint32_t gid = lp_font_glyph(run->font, '-');
		s->run_hyphen[r] = (float)lp_font_glyph_advance(run->font, gid) * lp_pa_scale(run);
	}
	return s->run_hyphen[r];
}

static bool
primary_is(const char *lang, const char *tag)
{
	size_t n = strlen(tag);
	return lang && strncmp(lang, tag, n) == 0 &&
	       (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* Whether a line that ends at e, inside a word, ends with a hyphen that
 * the next line repeats: a hyphen (U+002D, U+2010) of a compound, not in
 * an address, in a language whose typography repeats it. */
static bool
repeats_hyphen(const lp_pa_state *s, uint32_t e)
{
	const unsigned char *t = (const unsigned char *)s->par->text;
	if (e == 0 || e >= s->par->len || s->kind[e] != LP_PA_BOX || (s->lb[e] & LP_BRK_IN_URL))
		return false;
	bool dash = t[e - 1] == '-' ||
	            (e >= 3 && t[e - 3] == 0xE2 && t[e - 2] == 0x80 && t[e - 1] == 0x90);
	if (!dash)
		return false;
	const char *lang = s->par->runs[s->run_of[e - 1]].lang;
	static const char *const repeating[] = {"sr", "ru", "uk", "bg", "mk"};
	for (size_t i = 0; i < sizeof repeating / sizeof repeating[0]; i++)
		if (primary_is(lang, repeating[i]))
			return true;
	return false;
}

/* The penalty of a hyphenation point before byte i. */
static lp_kp_item
hyphenation(const lp_pa_state *s, uint32_t i)
{
	return (lp_kp_item){.type = LP_KP_PENALTY,
	        .flags = LP_KP_FLAGGED | LP_KP_HYPHENATION,
	        .width = hyphen_width(s, i),
	        .penalty = s->pp->kp.hyphen_penalty};
}

static bool
inner_break(const lp_pa_state *s, uint32_t i, lp_kp_item *out)
{
	const lp_kp_params *kp = &s->pp->kp;
	uint8_t f = s->lb[i];
	if (f & LP_BRK_ALLOWED) {
		if (f & LP_BRK_IN_URL)
			*out = (lp_kp_item){.type = LP_KP_PENALTY, .penalty = kp->url_penalty};
		else if (f & LP_BRK_SOFT_HYPHEN)
			*out = (lp_kp_item){.type = LP_KP_PENALTY,
			        .flags = LP_KP_FLAGGED,
			        .width = hyphen_width(s, i),
			        .penalty = kp->hyphen_penalty};
		else if (f & LP_BRK_AFTER_HYPHEN)
			*out = (lp_kp_item){.type = LP_KP_PENALTY,
			        .flags = LP_KP_FLAGGED,
			        .penalty = kp->ex_hyphen_penalty,
			        .post_width = repeats_hyphen(s, i) ? hyphen_width(s, i) : 0};
		else
			*out = (lp_kp_item){.type = LP_KP_PENALTY};
		return true;
	}
	if (f & LP_BRK_TOKEN_DASH) {
		/* A last resort taken in the passes that hyphenate: dearer than
		 * any line a feasible breaking would set otherwise, cheaper than
		 * stretching a line past the tolerance (the dash is on the line
		 * already). */
		*out = (lp_kp_item){.type = LP_KP_PENALTY,
		        .flags = LP_KP_FLAGGED | LP_KP_HYPHENATION,
		        .penalty = LP_PA_TOKEN_DASH_PENALTY,
		        .post_width = repeats_hyphen(s, i) ? hyphen_width(s, i) : 0};
		return true;
	}
	if (s->hy[i]) {
		*out = hyphenation(s, i);
		return true;
	}
	if (s->last_resort[i]) {
		*out = (lp_kp_item){.type = LP_KP_PENALTY,
		        .flags = LP_KP_LAST_RESORT,
		        .penalty = kp->last_resort_penalty};
		return true;
	}
	return false;
}

/* A kept line's indentation (a box, see classify) stays with the line's
 * first word: no break between them. */
static bool
after_indentation(const lp_pa_state *s, uint32_t i)
{
	char c = s->par->text[i - 1];
	return s->pp->keep_spaces && (c == ' ' || c == '\t');
}

static lp_status
build_items(lp_pa_state *s)
{
	lp_status st = LP_OK;
	const lp_shaped_par *par = s->par;
	float box_w = 0;
	uint32_t box_start = 0;
	if (s->pp->first_indent_pt > 0 &&
	        (st = push(s, (lp_kp_item){.type = LP_KP_BOX, .width = s->pp->first_indent_pt}, 0)))
		goto fail;
	uint32_t i = 0;
	while (i < par->len) {
		uint8_t k = s->kind[i];
		if (i > 0 && (s->lb[i] & LP_BRK_MANDATORY)) {
			if ((st = flush_box(s, &box_w, &box_start, i)) || (st = emit_end(s, i)))
				goto fail;
		} else if (i > 0 && k == LP_PA_BOX && s->kind[i - 1] == LP_PA_BOX &&
		           !after_indentation(s, i)) {
			lp_kp_item pen;
			if (inner_break(s, i, &pen)) {
				if ((st = flush_box(s, &box_w, &box_start, i)) ||
				        (st = push(s, pen, i)))
					goto fail;
			}
		}
		if (k == LP_PA_BOX) {
			box_w += s->adv[i++];
			continue;
		}
		if ((st = flush_box(s, &box_w, &box_start, i)))
			goto fail;
		uint32_t j = i;
		if (k == LP_PA_INVISIBLE) {
			/* (kept spaces: up to the next forced break, so that
			 * each blank line is one) */
			while (j < par->len && s->kind[j] == LP_PA_INVISIBLE &&
			        !(s->pp->keep_spaces && j > i && (s->lb[j] & LP_BRK_MANDATORY)))
				j++;
			box_start = i = j;
			continue;
		}
		lp_kp_item glue = {.type = LP_KP_GLUE};
		while (j < par->len && (s->kind[j] == k || s->kind[j] == LP_PA_COLLAPSED)) {
			float st_, sh_;
			if (s->kind[j] == LP_PA_COLLAPSED) {
				j++;
				continue;
			}
			/* A space's give once, at its first byte: a no-break
			 * space is two bytes, and set_line counts it once. */
			if (((uint8_t)par->text[j] & 0xC0) != 0x80) {
				lp_pa_glue_give(s, j, &st_, &sh_);
				glue.stretch += st_;
				glue.shrink += sh_;
			}
			glue.width += s->adv[j];
			j++;
		}
		/* No break after these spaces (a no-break space, or UAX #14
		 * forbids it, as in LB14-LB17): TeX's ~, \penalty10000 before
		 * the glue. */
		bool breakable = k == LP_PA_GLUE && j < par->len && (s->lb[j] & LP_BRK_ALLOWED);
		if (!breakable &&
		        (st = push(s,
		                 (lp_kp_item){.type = LP_KP_PENALTY, .penalty = LP_KP_INF_PENALTY},
		                 i)))
			goto fail;
		if ((st = push(s, glue, i)))
			goto fail;
		box_start = i = j;
	}
	if ((st = flush_box(s, &box_w, &box_start, par->len)) || (st = emit_end(s, par->len)))
		goto fail;
fail:
	return st;
}

/* The second pass's items from the first's, once find_hyphens has filled
 * s->hy: what build_items would give now, without walking every byte of
 * the paragraph again. A hyphenation point falls inside a first-pass box
 * (any other break there would have cut it), which it splits, each part's
 * width summed as build_items sums it; or on a last-resort penalty, which
 * it takes the place of (inner_break's order). */
static lp_status
add_hyphenation(lp_pa_state *s)
{
	const lp_kp_item *old = s->items;
	const uint32_t *old_pos = s->item_pos;
	uint32_t n_old = s->n_items;
	s->items = NULL;
	s->item_pos = NULL;
	s->n_items = s->cap_items = 0;
	lp_status st = LP_OK;
	for (uint32_t k = 0; k < n_old && st == LP_OK; k++) {
		lp_kp_item it = old[k];
		uint32_t a = old_pos[k];
		if (it.type == LP_KP_PENALTY && (it.flags & LP_KP_LAST_RESORT) && s->hy[a])
			it = hyphenation(s, a);
		uint32_t end = k + 1 < n_old ? old_pos[k + 1] : s->par->len, from = a;
		if (it.type == LP_KP_BOX) {
			float w = 0;
			for (uint32_t i = a; i < end && st == LP_OK; i++) {
				if (i > a && s->hy[i] && !after_indentation(s, i)) {
					st = push(s, (lp_kp_item){.type = LP_KP_BOX, .width = w},
					        from);
					if (st == LP_OK)
						st = push(s, hyphenation(s, i), i);
					from = i;
					w = 0;
				}
				w += s->adv[i];
			}
			if (from != a)
				it.width = w;
		}
		if (st == LP_OK)
			st = push(s, it, from);
	}
	return st;
}

lp_status
lp_para_break(lp_shaper *shaper, const lp_shaped_par *par, const lp_break_params *pp,
        lp_arena *arena, lp_par_lines **out, lp_diag *diag)
{
	lp_status st = LP_OK;
	/* Without the caller's scratch, one of the paragraph's own: growing
	 * arrays in the result arena would leave their old copies there. */
	lp_arena *own = pp->scratch ? NULL : lp_arena_new(0);
	if (!pp->scratch && !own)
		return LP_ERR_NOMEM;
	lp_pa_state s = {.par = par,
	        .pp = pp,
	        .shaper = shaper,
	        .arena = arena,
	        .scratch = pp->scratch ? pp->scratch : own,
	        .diag = diag};
	lp_par_lines *res = NULL;
	*out = NULL;
	if (!(pp->measure_pt > 0) || !isfinite(pp->measure_pt) || !isfinite(pp->first_indent_pt) ||
	        !shaper) {
		st = lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "paragraph measure %.2f pt or indent %.2f pt is not a finite size, or no "
		        "shaper",
		        (double)pp->measure_pt, (double)pp->first_indent_pt);
		goto fail;
	}
	if (par->len > LP_MAX_PARAGRAPH_BYTES) {
		st = lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, NULL, 0, 0,
		        "paragraph of %u bytes exceeds the limit of %u", par->len,
		        LP_MAX_PARAGRAPH_BYTES);
		goto fail;
	}
	if (par->len == 0 || par->n_runs == 0) {
		*out = lp_arena_alloc(arena, sizeof **out);
		st = *out ? LP_OK : LP_ERR_NOMEM;
		goto fail;
	}
	s.em = par->runs[0].size_pt;
	const char *lang = par->runs[0].lang;
	if ((st = lp_linebreak_find_with(
	             pp->breaker, par->text, par->len, lang, s.scratch, &s.lb, diag)) ||
	        (st = classify(&s)))
		goto fail;
	find_last_resort(&s, pp->measure_pt - pp->first_indent_pt);

	lp_kp_frame frame = {
	        .measure = pp->measure_pt, .emergency_stretch = pp->kp.emergency_stretch_em * s.em};
	if (pp->align != LP_PAR_JUSTIFY)
		frame.line_stretch =
		        pp->kp.ragged_stretch_em * s.em * (pp->align == LP_PAR_CENTER ? 2 : 1);
	lp_kp_params kp = pp->kp;
	lp_kp_result kr = {0};
	/* TeX §891: words are hyphenated only when the first pass, without
	 * hyphenation, finds no breaking within \pretolerance. */
	if (kp.pretolerance >= 0 && !kp.first_fit) {
		frame.first_pass_only = true;
		if ((st = build_items(&s)) ||
		        (st = lp_kp_break(s.items, s.n_items, &frame, &kp, s.scratch, &kr)))
			goto fail;
		frame.first_pass_only = false;
		kp.pretolerance = -1;
	}
	if (kr.n_lines == 0) {
		/* (no first pass: the items are built with the points) */
		bool built = s.n_items > 0;
		if (find_hyphens(&s) > 0 || !built)
			st = built ? add_hyphenation(&s) : build_items(&s);
		if (st)
			goto fail;
		if ((st = lp_kp_break(s.items, s.n_items, &frame, &kp, s.scratch, &kr)))
			goto fail;
	}
	lp_pa_report_last_resort(&s, &kr);
	/* The result and its lines in one block. */
	_Static_assert(sizeof(lp_par_lines) % _Alignof(lp_line) == 0, "lines follow aligned");
	res = lp_arena_alloc(arena, sizeof *res + (size_t)kr.n_lines * sizeof(lp_line));
	if (!res) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	if ((st = lp_pa_build_lines(&s, &kr, (lp_line *)(res + 1), res)))
		goto fail;
	res->total_demerits = kr.demerits;
	res->pass = kr.pass;
	*out = res;
fail:
	lp_arena_drop(own);
	return st;
}
