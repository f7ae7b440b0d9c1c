/*
 * The paragraph stage: a shaped paragraph in, lines of positioned glyphs
 * out. Break opportunities come from UAX #14 (linebreak.h), hyphens from
 * libhyphen (hyphen.h), the choice of breaks from Knuth–Plass (kp.h); the
 * lines are then rebuilt from the glyphs, reshaping where a break cuts
 * through shaping (hyphens, HarfBuzz's unsafe-to-break positions).
 *
 * Font units become points here, once. From here on: float points, x to
 * the right from the line's left edge, y down from the baseline.
 */
#ifndef LP_PARA_PARA_H
#define LP_PARA_PARA_H

#include <stdio.h>

#include "letterpress.h"

#include "base/arena.h"
#include "para/hyphen.h"
#include "para/kp_params.h"
#include "text/text.h"

typedef struct lp_line_glyph {
	uint32_t gid;
	float x_pt; /* from the line's left edge, alignment and indent included */
	float y_pt; /* offset from the baseline, y down */
	uint32_t cluster; /* byte offset into the line run's text */
} lp_line_glyph;

typedef struct lp_line_run {
	const lp_font *font; /* borrowed from the fontdb */
	float size_pt;
	uint32_t span; /* index in the paragraph's spans */
	const lp_line_glyph *glyphs;
	uint32_t n_glyphs;
	const char *text; /* the UTF-8 this run shows, an appended hyphen included */
	uint32_t text_len;
	uint32_t par_start; /* byte offset of text in the paragraph (where the text
	                     * leaves out a collapsed space, the offsets after it
	                     * shift by its bytes) */
} lp_line_run;

typedef struct lp_line {
	const lp_line_run *runs;
	uint32_t n_runs;
	float x_pt; /* where the content starts: indent plus alignment offset */
	float width_pt; /* set width of the content (from x_pt), after justification */
	float ascent_pt, descent_pt; /* maxima over the runs' fonts, both positive */
	float ratio; /* adjustment ratio of the inter-word spaces: > 0 stretched, < 0 shrunk */
	bool hyphenated; /* ends with a hyphen the breaker added */
	/* starts with a hyphen repeated from a compound broken after its own
	 * hyphen on the line before (Serbian, Russian, Ukrainian, Bulgarian
	 * and Macedonian typography): the first run, text "-" */
	bool lead_hyphen;
	bool overfull; /* wider than the measure: nothing better was possible */
	uint32_t start, end; /* paragraph byte range shown (the break's space excluded) */
} lp_line;

typedef struct lp_par_lines {
	const lp_line *lines;
	uint32_t n_lines;
	float total_demerits;
	int pass; /* which Knuth–Plass pass succeeded (see kp.h) */
} lp_par_lines;

/* Where a paragraph's lines sit in the measure. */
typedef enum lp_par_align {
	LP_PAR_JUSTIFY, /* spaces stretch and shrink to fill the measure; the last line is left */
	LP_PAR_LEFT, /* ragged right: \rightskip 0pt plus ragged_stretch_em */
	LP_PAR_RIGHT, /* ragged left */
	LP_PAR_CENTER, /* ragged on both sides, each with the ragged stretch */
} lp_par_align;

/* How to break one paragraph: this stage's own parameters (pipeline/setpar.c
 * fills them from the layout's style and breaking: section), so para/ knows
 * nothing of layouts. */
typedef struct lp_break_params {
	float measure_pt; /* the line width */
	float first_indent_pt; /* the first line's indent, inside the measure */
	lp_par_align align;
	lp_kp_params kp;
	const lp_hyphenators *hyph; /* NULL: no hyphenation */
	lp_hyphen_doc *hyph_doc; /* the document's view of hyph; may be NULL */
	struct lp_linebreaker *breaker; /* the document's ICU iterator; may be NULL */
	const char *const *hyph_exceptions; /* the layout's words with hyphens, "пред-сед-ник" */
	/* A code block's spaces, as preformatted text: every space keeps its
	 * width (none collapses, none stretches or shrinks), the spaces that
	 * begin a line of the text stay at its start, and each blank line is
	 * a line. Lines still break after spaces where one is too long for
	 * the measure. */
	bool keep_spaces;
	/* Working memory of one paragraph (item lists, Knuth–Plass arrays,
	 * reshaped line edges): nothing in the result points into it, so the
	 * caller may reset it after each paragraph. NULL: an arena of the
	 * call's own, dropped before it returns. */
	lp_arena *scratch;
	uint32_t n_hyph_exceptions;
	/* For warnings: which input and line the paragraph comes from (may be
	 * NULL / 0). */
	const char *source_name;
	uint32_t source_line;
	/* Optional: where byte offset of the paragraph's (shaped) text is in
	 * source_name, so that a warning about a word names the word's line
	 * and column; false when it cannot tell (the warning is then at
	 * source_line). NULL: at source_line. */
	bool (*locate)(void *user, uint32_t offset, uint32_t *line, uint32_t *col);
	void *locate_user;
} lp_break_params;

/* Breaks a shaped paragraph into lines, in arena (working memory in
 * params->scratch). Spans hyphenate only when
 * their style says so, by their run's language; a hyphenating span whose
 * language has no dictionary is a warning. A word wider than the measure
 * is broken between graphemes and reported (warning, with the word's
 * first characters, at its place when params->locate finds it); a
 * line still wider than the measure is reported too. shaper reshapes line
 * edges and hyphenated fragments (the one that shaped par). Fails with
 * LP_ERR_NOMEM, LP_ERR_USAGE (non-positive measure), or what reshaping or
 * ICU report. */
lp_status lp_para_break(lp_shaper *shaper, const lp_shaped_par *par, const lp_break_params *params,
        lp_arena *arena, lp_par_lines **out, lp_diag *diag);

/* A stable text dump for golden tests: one line per line,
 * "width ratio |text|" with a trailing '-' when hyphenated. */
void lp_para_dump_lines(const lp_par_lines *lines, FILE *out);

#endif
