/*
 * Tunables of the paragraph breaker, with TeX's defaults (The TeXbook,
 * ch. 14; TeX: The Program §§ 813-890). A layout may override any of them
 * (layouts: `breaking:`). Plain data, shared by layout/ and para/.
 */
#ifndef LP_PARA_KP_PARAMS_H
#define LP_PARA_KP_PARAMS_H

#include <stdbool.h>

typedef struct lp_kp_params {
	float tolerance; /* \tolerance 200: max badness of a line in the final pass */
	float pretolerance; /* \pretolerance 100: first pass without hyphenation; < 0 skips it */
	float line_penalty; /* \linepenalty 10: added to every line's badness */
	float hyphen_penalty; /* \hyphenpenalty 50: penalty at a discretionary hyphen */
	float ex_hyphen_penalty; /* \exhyphenpenalty 50: penalty after an explicit hyphen */
	float double_hyphen_demerits; /* \doublehyphendemerits 10000: two hyphenated lines in a row
	                               */
	float final_hyphen_demerits; /* \finalhyphendemerits 5000: hyphen on the second-last line */
	float adj_demerits; /* \adjdemerits 10000: fitness classes not adjacent */
	int looseness; /* \looseness 0: try for this many more (or fewer) lines */
	float emergency_stretch_em; /* \emergencystretch (here in em of the body font): fourth pass
	                             */
	float space_stretch; /* inter-word stretch as a fraction of the space width (1/2) */
	float space_shrink; /* inter-word shrink as a fraction of the space width (1/3) */
	float par_fill_skip_em; /* \parfillskip 0pt plus 1fil: the last line's fill (0 = fil) */
	bool first_fit; /* greedy first-fit instead of total-fit */
	int left_hyphen_min; /* \lefthyphenmin 2 */
	int right_hyphen_min; /* \righthyphenmin 2 (TeX's English uses 3) */
	float last_resort_penalty; /* 5000: a break inside a word wider than the line (no TeX
	                              equivalent) */
	float url_penalty; /* 100: a break inside a URL or e-mail address (after '/', before '.') */
	float ragged_stretch_em; /* 3: \rightskip 0pt plus 3em for ragged lines (twice, centred) */
} lp_kp_params;

/* TeX's plain defaults, with emergency stretch of 1 em. */
#define LP_KP_PARAMS_DEFAULT                                                                       \
	{                                                                                          \
		.tolerance = 200, .pretolerance = 100, .line_penalty = 10, .hyphen_penalty = 50,   \
		.ex_hyphen_penalty = 50, .double_hyphen_demerits = 10000,                          \
		.final_hyphen_demerits = 5000, .adj_demerits = 10000, .looseness = 0,              \
		.emergency_stretch_em = 1.0f, .space_stretch = 0.5f, .space_shrink = 1.0f / 3.0f,  \
		.par_fill_skip_em = 0, .first_fit = false, .left_hyphen_min = 2,                   \
		.right_hyphen_min = 2, .last_resort_penalty = 5000, .url_penalty = 100,            \
		.ragged_stretch_em = 3,                                                            \
	}

#endif
