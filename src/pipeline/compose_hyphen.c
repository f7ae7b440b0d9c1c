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
 * it, a word hyphenated twice), the hyphen is drawn as before, as an
 * artifact read as "-": pdftotext and PDFium still rejoin it there. */
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

bool
lp_compose_second_half(const lp_set_par *par, uint32_t li, lp_compose_half *out)
{
	memset(out, 0, sizeof *out);
	const lp_par_lines *ls = par->lines;
	if (par->tracked || li + 1 >= ls->n_lines || !ls->lines[li].hyphenated)
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
	out->run = run;
	out->n_glyphs = k;
	out->text_len = k < run->n_glyphs ? run->glyphs[k].cluster : run->text_len;
	return true;
}

/* The read-only half is squeezed to this share of its natural width, no
 * less than the hyphen's: poppler drops a character as a duplicate when
 * the same one stands within a tenth of an em (its fake-bold test), and a
 * word squeezed into a hyphen's width lost its second "р" and "е"
 * ("пољопривед"). At half width two like letters side by side stay an
 * eighth of an em apart or more. */
#define LP_READ_HALF_SQUEEZE 0.5f

void
lp_compose_add_read_half(lp_dlist_builder *b, lp_arena *scratch, const lp_compose_half *h,
        const lp_dl_glyph *hyphen, float hyphen_w, float page_w, lp_rgb color)
{
	const lp_line_run *run = h->run;
	float end = h->n_glyphs < run->n_glyphs ? run->glyphs[h->n_glyphs].x_pt
	                                        : run->glyphs[h->n_glyphs - 1].x_pt + run->size_pt;
	float width = (end - run->glyphs[0].x_pt) * LP_READ_HALF_SQUEEZE;
	/* Into the margin, but never past the page's edge, where readers
	 * drop what they find. */
	if (width > page_w - 1 - hyphen->x)
		width = page_w - 1 - hyphen->x;
	if (width < hyphen_w)
		width = hyphen_w;
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
