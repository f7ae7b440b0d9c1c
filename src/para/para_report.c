/*
 * The warning about a word too wide for the line: the breaker had to break
 * it without a hyphen (a last-resort break, para.c), and the author can
 * mend it only knowing which word and where it is in the source.
 */
#include "para/para_internal.h"

#include "base/diag.h"
#include "base/utf8.h"

/* How many characters of a word too wide for the line its warning shows. */
#define LP_PA_WORD_SHOWN 60

void
lp_pa_report_last_resort(lp_pa_state *s, const lp_kp_result *res)
{
	uint32_t reported_to = 0; /* one warning per word, however often it breaks */
	for (uint32_t l = 0; l < res->n_lines; l++) {
		const lp_kp_item *it = &s->items[res->lines[l].brk];
		if (it->type != LP_KP_PENALTY || !(it->flags & LP_KP_LAST_RESORT))
			continue;
		uint32_t pos = s->item_pos[res->lines[l].brk], a = pos, b = pos;
		if (pos < reported_to)
			continue;
		while (a > 0 && s->kind[a - 1] == LP_PA_BOX)
			a--;
		while (b < s->par->len && s->kind[b] == LP_PA_BOX)
			b++;
		reported_to = b;
		/* At the word's place when the caller can find it, else at the
		 * paragraph's line; the word by its first characters. */
		uint32_t line = s->pp->source_line, col = 0;
		if (s->pp->locate && !s->pp->locate(s->pp->locate_user, a, &line, &col))
			line = s->pp->source_line, col = 0;
		uint32_t shown = a, chars = 0;
		while (shown < b && chars < LP_PA_WORD_SHOWN) {
			size_t next = shown;
			uint32_t cp;
			lp_utf8_decode((const uint8_t *)s->par->text, b, &next, &cp);
			shown = (uint32_t)next;
			chars++;
		}
		/* Several alike, each to be seen to: not held back as repeats. */
		lp_diag_extra x = {.each_place = true};
		lp_diag_report_ex(s->diag, LP_WARNING, LP_OK, s->pp->source_name, line, col, &x,
		        "word wider than the line (%.1f pt) broken without a hyphen: \"%.*s%s\"",
		        (double)s->pp->measure_pt, (int)(shown - a), s->par->text + a,
		        shown < b ? "…" : "");
	}
}
