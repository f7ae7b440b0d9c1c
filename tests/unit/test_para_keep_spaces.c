/*
 * A code block's paragraph (lp_break_params.keep_spaces): every space
 * keeps its width, a line's indentation stays, nothing stretches; lines
 * too long for the measure still break after a space.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>
#include <string.h>

#include "../support/para_fixture.h"

TestSuite(para_keep_spaces, .init = para_fixture_setup, .fini = para_fixture_teardown);

/* Noto Sans Mono at 10pt: every character 6pt wide. */
#define CELL 6.0f

static const lp_par_lines *
set(const char *text, float measure, bool keep)
{
	lp_span *s = lp_arena_alloc(arena, sizeof *s);
	*s = (lp_span){0, (uint32_t)strlen(text),
	        (lp_text_style){.family = "Noto Sans Mono",
	                .weight = 400,
	                .size_pt = 10,
	                .lang = "sr-Cyrl",
	                .link = -1}};
	lp_text_par in = {text, (uint32_t)strlen(text), s, 1, "t.md", 1}, prep;
	lp_shaped_par *par = NULL;
	cr_assert(eq(int, lp_text_prepare(&in, arena, &prep, NULL), LP_OK));
	cr_assert(eq(int, lp_text_shape(shaper, &prep, arena, &par, diag), LP_OK));
	lp_break_params pp = {.measure_pt = measure,
	        .align = LP_PAR_JUSTIFY,
	        .kp = LP_KP_PARAMS_DEFAULT,
	        .hyph = hyph,
	        .keep_spaces = keep};
	lp_par_lines *out = NULL;
	cr_assert(eq(int, lp_para_break(shaper, par, &pp, arena, &out, diag), LP_OK));
	return out;
}

/* Where the glyph of the line's byte at (its text's offset) is drawn. */
static float
x_of(const lp_line *ln, uint32_t at)
{
	for (uint32_t r = 0; r < ln->n_runs; r++) {
		const lp_line_run *run = &ln->runs[r];
		for (uint32_t g = 0; g < run->n_glyphs; g++)
			if (run->glyphs[g].cluster == at)
				return run->glyphs[g].x_pt;
		at -= run->text_len;
	}
	cr_assert(false, "no glyph at that byte");
	return 0;
}

Test(para_keep_spaces, indentation_and_runs_of_spaces_keep_their_width)
{
	const lp_par_lines *pl = set("Ред   Износ\n    2   2000\n\u00a0 3", 400, true);
	cr_assert(eq(u32, pl->n_lines, 3));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[0]), "Ред   Износ"));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[1]), "    2   2000"));
	/* A no-break space indents as a space does. */
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[2]), "\u00a0 3"));
	cr_assert(lt(flt, fabsf(x_of(&pl->lines[2], 3) - 2 * CELL), 0.01f));
	/* "Износ" starts at the 7th cell, "2" at the 5th, "2000" at the 9th. */
	cr_assert(lt(flt, fabsf(x_of(&pl->lines[0], strlen("Ред   ")) - 6 * CELL), 0.01f));
	cr_assert(lt(flt, fabsf(x_of(&pl->lines[1], 4) - 4 * CELL), 0.01f));
	cr_assert(lt(flt, fabsf(x_of(&pl->lines[1], 8) - 8 * CELL), 0.01f));
	for (uint32_t l = 0; l < pl->n_lines; l++)
		cr_assert(eq(flt, pl->lines[l].ratio, 0), "line %u is stretched", l);
}

/* The same text in a paragraph: spaces collapse, the indentation goes. */
Test(para_keep_spaces, a_paragraph_collapses_them)
{
	const lp_par_lines *pl = set("Ред   Износ\n    2   2000", 400, false);
	cr_assert(eq(u32, pl->n_lines, 2));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[0]), "Ред Износ"));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[1]), "2 2000"));
}

/* A line of 16 cells on a measure of 10 breaks after a run of spaces,
 * which ends the first line; the next starts at its word. The first line
 * is not stretched to the measure, justified though the style is. */
Test(para_keep_spaces, a_line_past_the_measure_breaks_after_a_space)
{
	const lp_par_lines *pl = set("  ааа бб   ввввв", 10 * CELL, true);
	cr_assert(eq(u32, pl->n_lines, 2));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[0]), "  ааа бб"));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[1]), "ввввв"));
	cr_assert(eq(flt, pl->lines[0].ratio, 0));
	cr_assert(lt(flt, fabsf(x_of(&pl->lines[0], 2) - 2 * CELL), 0.01f));
	cr_assert(lt(flt, fabsf(x_of(&pl->lines[0], strlen("  ааа ")) - 6 * CELL), 0.01f));
}

/* The indentation stays with its line's first word, even where the two
 * are too long for the measure together: the word is broken instead (a
 * last resort, warned about), not left alone on a line after blanks. */
Test(para_keep_spaces, the_indentation_stays_with_its_word)
{
	const lp_par_lines *pl = set("    ааааааа", 10 * CELL, true);
	cr_assert(eq(u32, pl->n_lines, 2));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[0]), "    аааааа"));
	cr_assert(eq(str, (char *)para_line_text(&pl->lines[1]), "а"));
}

/* Each blank line of a code block is a line, as a paragraph's are not. */
Test(para_keep_spaces, blank_lines_stay)
{
	const lp_par_lines *pl = set("а\n\nб\n\n\nв", 400, true);
	const char *want[] = {"а", "", "б", "", "", "в"};
	cr_assert(eq(u32, pl->n_lines, 6));
	for (uint32_t l = 0; l < 6; l++)
		cr_assert(eq(str, (char *)para_line_text(&pl->lines[l]), (char *)want[l]),
		        "line %u", l);
	pl = set("а\n\nб", 400, false);
	cr_assert(eq(u32, pl->n_lines, 2));
}
