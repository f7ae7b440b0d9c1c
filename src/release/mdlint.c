/* Markdown set as written, with a warning (mdlint.h). */
#include "release/mdlint.h"

#include <string.h>

#include "base/diag.h"

/* Where byte pos of the block text is in the file. */
static uint64_t
file_offset(const lp_textmap *map, uint32_t pos)
{
	uint32_t i = 0;
	while (i + 1 < map->n && map->pieces[i + 1].text <= pos)
		i++;
	const lp_textmap_piece *p = &map->pieces[i];
	return p->src + (p->exact && pos >= p->text ? pos - p->text : 0);
}

static bool
in_code(const lp_rspan *spans, uint32_t n_spans, uint32_t pos)
{
	for (uint32_t i = 0; i < n_spans; i++)
		if (pos >= spans[i].start && pos < spans[i].start + spans[i].len)
			return spans[i].flags & LP_INLINE_CODE;
	return false;
}

void
lp_md_lint_block(const lp_source *src, const char *text, size_t len, const lp_rspan *spans,
        uint32_t n_spans, const lp_textmap *map, lp_diag *diag)
{
	if (!text || !map->n)
		return;
	for (size_t i = 0; i + 1 < len; i++) {
		bool tildes = text[i] == '~' && text[i + 1] == '~';
		bool note = text[i] == '[' && text[i + 1] == '^';
		bool comment = i + 3 < len && memcmp(text + i, "<!--", 4) == 0;
		if (!(tildes || note || comment) || in_code(spans, n_spans, (uint32_t)i))
			continue;
		lp_diag_extra x = {.span_bytes = comment ? 4 : 2};
		if (comment) {
			/* Every Markdown preview hides it: a note to colleagues
			 * would be published. */
			lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, file_offset(map, (uint32_t)i),
			        &x,
			        "'<!--' starts an HTML comment, which Markdown previews hide; "
			        "letterpress prints raw HTML as it is written, so this comment is "
			        "printed (take it out if it is not for publication)");
			i += 3;
			continue;
		}
		if (tildes)
			lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, file_offset(map, (uint32_t)i),
			        &x,
			        "'~~' strikes text through in GitHub's Markdown; letterpress draws "
			        "no "
			        "struck text, and sets the tildes as they are written");
		else
			lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, file_offset(map, (uint32_t)i),
			        &x,
			        "'[^' starts a footnote in some Markdown; letterpress sets no "
			        "footnotes, and sets it as it is written");
		while (i + 1 < len && text[i + 1] == text[i])
			i++; /* "~~~~" once */
	}
}
