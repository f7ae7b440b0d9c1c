/* A word hyphenated at a line end, for readers of the text.
 *
 * Readers build lines from glyph positions, and only some of them join a
 * word across a line-end hyphen (docs/standards.md, "The break hyphen in
 * each reader"). So the word is given to readers whole on its first line
 * and shown to the eye in two halves, as the display list's text uses say
 * (dlist.h):
 *
 *   first line:  "пи" (seen and read), "тањима" (read only: no backend
 *                draws it; the PDF sets it invisible from the hyphen's
 *                place, squeezed), "-" (seen only, an artifact)
 *   next line:   "тањима" (seen only, an artifact), " на ..." as usual
 *
 * The second half is the next line's glyphs up to the first space. Where
 * the word goes on past one run or one more line (a style change inside
 * it, a word hyphenated twice), or where its squeezed half would not fit
 * before the text beside it (a table's next column), the hyphen is drawn
 * as before, as an artifact read as "-": pdftotext and PDFium still
 * rejoin it there. */
#include "pipeline/pipeline.h"

#include <string.h>

/* A space (U+0020, U+00A0 or U+202F) starts text[at]. */
static bool
space_at(const char *text, uint32_t len, uint32_t at)
{
	if (at >= len)
		return false;
	if (text[at] == ' ')
		return true;
	if (at + 1 < len && (uint8_t)text[at] == 0xc2 && (uint8_t)text[at + 1] == 0xa0)
		return true;
	return at + 2 < len && (uint8_t)text[at] == 0xe2 && (uint8_t)text[at + 1] == 0x80 &&
	       (uint8_t)text[at + 2] == 0xaf;
}

/* The first run of a line that shows glyphs, or NULL. */
static const lp_line_run *
first_run(const lp_line *ln, uint32_t *index)
{
	for (uint32_t r = 0; r < ln->n_runs; r++)
		if (ln->runs[r].n_glyphs) {
			*index = r;
			return &ln->runs[r];
		}
	return NULL;
}

const lp_line_run *
lp_compose_hyphen_run(const lp_line *ln)
{
	if (!ln->hyphenated)
		return NULL;
	const lp_line_run *last = NULL;
	for (uint32_t r = 0; r < ln->n_runs; r++)
		if (ln->runs[r].n_glyphs)
			last = &ln->runs[r];
	if (!last || last->n_glyphs < 2 || last->text_len == 0 ||
	        last->text[last->text_len - 1] != '-' ||
	        last->glyphs[last->n_glyphs - 1].cluster != last->text_len - 1)
		return NULL;
	return last;
}

static float
advance_pt(const lp_font *font, uint32_t gid, float size)
{
	return (float)lp_font_glyph_advance(font, gid) * size /
	       (float)lp_font_metrics_of(font)->units_per_em;
}

/* The read-only half is squeezed to this share of its natural width, no
 * less than the hyphen's: poppler drops a character as a duplicate when
 * the same one stands within a tenth of an em (its fake-bold test), and a
 * word squeezed into a hyphen's width lost its second "р" and "е"
 * ("пољопривед"). At half width two like letters side by side stay an
 * eighth of an em apart or more. */
#define LP_READ_HALF_SQUEEZE 0.5f
/* Where the room is short of half (a table's next column beside it), the
 * half may be squeezed further while its narrowest glyph keeps this much
 * of an em: the eighth that half width keeps for the narrowest letters. */
#define LP_READ_GLYPH_MIN_EM 0.125f

/* The narrowest the half's glyphs may be squeezed to: the width at which
 * its narrowest glyph (a mark, of no advance, aside) keeps
 * LP_READ_GLYPH_MIN_EM, as the PDF squeezes them (each by its advance),
 * and never less than half-width demands. */
static float
least_width(const lp_line_run *run, uint32_t n, float half)
{
	float sum = 0, narrowest = 0;
	for (uint32_t i = 0; i < n; i++) {
		float a = advance_pt(run->font, run->glyphs[i].gid, run->size_pt);
		sum += a;
		if (a > 0 && (narrowest == 0 || a < narrowest))
			narrowest = a;
	}
	if (narrowest == 0)
		return half;
	float least = LP_READ_GLYPH_MIN_EM * run->size_pt * sum / narrowest;
	return least < half ? least : half;
}

bool
lp_compose_second_half(
        const lp_set_par *par, uint32_t li, float line_x, float read_end, lp_compose_half *out)
{
	memset(out, 0, sizeof *out);
	const lp_par_lines *ls = par->lines;
	if (par->tracked || li + 1 >= ls->n_lines)
		return false;
	/* Only where the line shows the break's hyphen apart, which the
	 * half is read from. */
	const lp_line_run *hrun = lp_compose_hyphen_run(&ls->lines[li]);
	if (!hrun)
		return false;
	const lp_line *next = &ls->lines[li + 1];
	uint32_t r0;
	const lp_line_run *run = next->lead_hyphen ? NULL : first_run(next, &r0);
	if (!run)
		return false;
	uint32_t k = 0;
	while (k < run->n_glyphs && !space_at(run->text, run->text_len, run->glyphs[k].cluster))
		k++;
	if (k == 0)
		return false;
	if (k == run->n_glyphs) {
		/* The word fills the run: it must also end the paragraph,
		 * with nothing after it (no other run, no break on the line
		 * after it that would want a space). */
		for (uint32_t r = r0 + 1; r < next->n_runs; r++)
			if (next->runs[r].n_glyphs)
				return false;
		if (li + 2 < ls->n_lines)
			return false;
	}
	const lp_line_glyph *hy = &hrun->glyphs[hrun->n_glyphs - 1];
	float hx = line_x + hy->x_pt, hw = advance_pt(hrun->font, hy->gid, hrun->size_pt);
	float end =
	        k < run->n_glyphs ? run->glyphs[k].x_pt : run->glyphs[k - 1].x_pt + run->size_pt;
	float half = (end - run->glyphs[0].x_pt) * LP_READ_HALF_SQUEEZE;
	float width = half, room = read_end - hx;
	/* Into the room there is (the margin, up to the page's edge, where
	 * readers drop what they find; in a table, the gap to the next
	 * column), squeezed no further than its letters stay apart. */
	if (width > room)
		width = room;
	if (width < hw)
		width = hw;
	if (width > room || width < least_width(run, k, half))
		return false;
	out->run = run;
	out->n_glyphs = k;
	out->text_len = k < run->n_glyphs ? run->glyphs[k].cluster : run->text_len;
	out->width_pt = width;
	return true;
}

void
lp_compose_add_read_half(lp_dlist_builder *b, lp_arena *scratch, const lp_compose_half *h,
        const lp_dl_glyph *hyphen, lp_rgb color)
{
	const lp_line_run *run = h->run;
	float width = h->width_pt;
	lp_dl_glyph *g = lp_arena_array(scratch, h->n_glyphs, sizeof *g);
	if (!g) {
		lp_dlist_builder_fail(b, LP_ERR_NOMEM);
		return;
	}
	/* Spread over the hyphen's width, for a backend that shows where
	 * text is (a trace); the PDF needs only the first and
	 * read_width_pt. */
	for (uint32_t i = 0; i < h->n_glyphs; i++) {
		g[i].gid = run->glyphs[i].gid;
		g[i].x = hyphen->x + width * (float)i / (float)h->n_glyphs;
		g[i].y = hyphen->y;
		g[i].cluster = run->glyphs[i].cluster;
	}
	lp_dl_text t = {run->font, run->size_pt, color, g, h->n_glyphs, run->text, h->text_len,
	        NULL, 0, LP_TEXT_READ_ONLY, width};
	lp_dlist_add_text(b, &t);
}
