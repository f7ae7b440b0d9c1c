/*
 * Knuth–Plass total-fit line breaking over abstract items: boxes, glue and
 * penalties (Knuth & Plass 1981, "Breaking Paragraphs into Lines";
 * TeX: The Program §§ 813-890). Nothing here knows about glyphs or text;
 * para.c builds the items from a shaped paragraph.
 */
#ifndef LP_PARA_KP_H
#define LP_PARA_KP_H

#include "letterpress.h"

#include "base/arena.h"
#include "para/kp_params.h"

/* A penalty of at least this never breaks; at most its negative always
 * breaks (TeX's inf_penalty and eject_penalty, §157). */
#define LP_KP_INF_PENALTY 10000.0f
/* Badness of a line that cannot stretch enough (TeX's inf_bad, §108). */
#define LP_KP_INF_BAD 10000.0f
/* No line of text is stretched past this adjustment ratio (its spaces
 * at three times their stretch) while some breaking keeps every line
 * within it: when the emergency pass or the last resort would, a pass of
 * its own looks for such a breaking. */
#define LP_KP_RATIO_CAP 3.0f

typedef enum lp_kp_type { LP_KP_BOX, LP_KP_GLUE, LP_KP_PENALTY } lp_kp_type;

enum {
	/* A break here puts a hyphen at the line's end (double- and
	 * final-hyphen demerits apply; Knuth & Plass's "flagged" penalty). */
	LP_KP_FLAGGED = 1u << 0,
	/* A discretionary hyphen found by hyphenation: skipped in the first
	 * pass, which tries without hyphenating (TeX §863). */
	LP_KP_HYPHENATION = 1u << 1,
	/* A break inside a word wider than the line, at a grapheme boundary:
	 * used only when nothing else fits. */
	LP_KP_LAST_RESORT = 1u << 2,
};

typedef struct lp_kp_item {
	lp_kp_type type;
	uint32_t flags;
	float width; /* boxes and glue: natural width; penalties: width added at a break here */
	float stretch; /* glue: finite stretch */
	float stretch_fil; /* glue: infinite stretch of the first order (\parfillskip) */
	float shrink; /* glue: finite shrink */
	float penalty; /* penalties: cost of breaking here */
	float post_width; /* penalties: width the next line starts with after a break here
	                   * (a repeated hyphen) */
} lp_kp_item;

/* What every line gets besides its items: TeX's \leftskip + \rightskip
 * (ragged and centred setting) and \emergencystretch for the fourth pass. */
typedef struct lp_kp_frame {
	float measure; /* the line width */
	float line_stretch; /* finite stretch added to every line */
	float emergency_stretch; /* added to every line in the final pass; 0 = no such pass */
	/* Run only the first pass (\pretolerance, no hyphenation); the
	 * result has no lines when it fails. Lets the caller hyphenate only
	 * paragraphs that need it, as TeX does (§891). */
	bool first_pass_only;
} lp_kp_frame;

typedef struct lp_kp_line {
	uint32_t brk; /* index of the item the line breaks at */
	float ratio; /* adjustment ratio of its glue: > 0 stretch, < 0 shrink */
	float badness;
	int fitness; /* 0 very loose, 1 loose, 2 decent, 3 tight (TeX §817) */
	bool flagged; /* ends with a hyphen */
	bool overfull; /* did not fit even at full shrink (last-resort setting) */
} lp_kp_line;

typedef struct lp_kp_result {
	lp_kp_line *lines; /* in the arena */
	uint32_t n_lines;
	float demerits; /* total demerits of the chosen breaking */
	/* The pass that chose the breaks, numbered as kp.c runs them: 1
	 * \pretolerance without hyphenation, 2 \tolerance with hyphenation,
	 * 3 every line within LP_KP_RATIO_CAP (tried when pass 4 or 5 would
	 * set a line looser), 4 with \emergencystretch, 5 any badness with
	 * breaks inside words wider than the line, 6 first-fit (the params'
	 * first_fit, or when no pass found a breaking); 0 when
	 * first_pass_only found none. */
	int pass;
	uint32_t n_overfull;
} lp_kp_result;

/* Breaks items into lines. The last item must be a forced break (penalty
 * <= -LP_KP_INF_PENALTY), normally after \parfillskip glue. Never fails
 * for lack of a feasible breaking: when no pass finds one, lines are set
 * first-fit and the ones that overflow are marked. Fails with LP_ERR_NOMEM
 * or LP_ERR_USAGE (empty or unterminated item list). */
lp_status lp_kp_break(const lp_kp_item *items, uint32_t n_items, const lp_kp_frame *frame,
        const lp_kp_params *params, lp_arena *arena, lp_kp_result *out);

/* The demerits of one line as Knuth & Plass define them (TeX §859),
 * exposed so tests can score any breaking the same way. prev_flagged and
 * prev_fitness describe the previous line;
 * the first line's "previous" is TeX's initial node: not flagged, decent
 * (fitness 2). is_last: this line ends the paragraph. */
float lp_kp_line_demerits(const lp_kp_params *params, float badness, float penalty, bool flagged,
        bool prev_flagged, int fitness, int prev_fitness, bool is_last);

/* Badness of a line with this shortfall and stretch/shrink (TeX §108,
 * exact rather than TeX's integer approximation). */
float lp_kp_badness(float shortfall, float stretch_or_shrink);

/* Fitness class of a line (TeX §817): stretching says whether the line
 * is short of the measure (its glue stretches) or long (it shrinks). */
int lp_kp_fitness(bool stretching, float badness);

#endif
