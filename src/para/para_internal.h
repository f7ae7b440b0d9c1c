/*
 * Shared by the files of para/ only: the per-paragraph working state that
 * the item builder (para.c) fills and the line builder (lines.c) reads.
 */
#ifndef LP_PARA_PARA_INTERNAL_H
#define LP_PARA_PARA_INTERNAL_H

#include "para/kp.h"
#include "para/para.h"

/* What each byte of the paragraph is, for breaking and justifying. */
enum {
	LP_PA_BOX = 0, /* visible material */
	LP_PA_GLUE, /* an inter-word space: breakable, stretchable */
	LP_PA_NBGLUE, /* U+00A0: stretchable, never broken */
	LP_PA_INVISIBLE, /* a line or paragraph separator: drawn as nothing */
	LP_PA_COLLAPSED, /* a space after a space: part of its glue, no width,
	                  * drawn as nothing (a run of spaces is one space) */
};

/* The penalty of a break after a dash inside a token (LP_BRK_TOKEN_DASH):
 * its square, 10^6 demerits, is more than any line within the tolerance
 * costs, so the break is taken only where no other breaking sets the
 * paragraph without stretching a line past the tolerance. */
#define LP_PA_TOKEN_DASH_PENALTY 1000.0f

typedef struct lp_pa_state {
	const lp_shaped_par *par;
	const lp_break_params *pp;
	lp_shaper *shaper;
	lp_arena *arena; /* the lines and what they point at */
	lp_arena *scratch; /* everything else; see lp_break_params.scratch */
	lp_diag *diag;
	uint8_t *lb; /* linebreak.h flags, len + 1 */
	uint8_t *kind; /* LP_PA_* per byte */
	uint8_t *hy; /* 1: hyphenation point before this byte */
	uint8_t *last_resort; /* 1: emergency break point before this byte */
	uint8_t *cstart; /* 1: a grapheme cluster starts at this byte */
	float *adv; /* advance in points of the glyphs whose cluster is this byte */
	uint32_t *run_of; /* index of the run holding this byte */
	float *run_space; /* a run's space advance in points (its glue) */
	float *run_hyphen; /* a run's "-" advance in points; < 0 until needed */
	lp_kp_item *items;
	uint32_t *item_pos; /* byte where each item starts */
	uint32_t n_items, cap_items;
	float em; /* the first run's size: the unit of the em tunables */
	bool collapsed; /* some byte is LP_PA_COLLAPSED */
} lp_pa_state;

/* Points per font unit of a run. */
float lp_pa_scale(const lp_run *run);

/* Stretch and shrink of an inter-word space at byte pos, from its font's
 * space (zero unless justified). */
void lp_pa_glue_give(const lp_pa_state *s, uint32_t pos, float *stretch, float *shrink);

/* Builds the lines of the chosen breaks into lines (res->n_lines of them)
 * and points out at them. */
lp_status lp_pa_build_lines(
        lp_pa_state *s, const lp_kp_result *res, lp_line *lines, lp_par_lines *out);

/* Warns of each word the chosen breaks cut without a hyphen (a last-resort
 * break), once a word, at its place in the source when pp->locate finds
 * it. */
void lp_pa_report_last_resort(lp_pa_state *s, const lp_kp_result *res);

#endif
