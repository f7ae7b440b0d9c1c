/* Markdown set as written, with a warning (mdlint.h). */
#include "release/mdlint.h"

#include <string.h>

#include "base/diag.h"

/* Where byte pos of the block text is in the file. */
static uint64_t
file_offset(const lp_textmap *map, uint32_t pos)
{
	return lp_textmap_at(map->pieces, map->n, pos);
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
		lp_diag_extra x = {.span_bytes = comment ? 4 : 2, .each_place = true};
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

/* A fence line (``` or ~~~, up to three spaces in): the fence's
 * character and length, else 0. */
static size_t
fence(const char *p, const char *end, char *c)
{
	size_t n = 0;
	if (p < end && (*p == '`' || *p == '~'))
		for (*c = *p; p + n < end && p[n] == *c; n++)
			;
	return n >= 3 ? n : 0;
}

/* Whether the rest of a "[^x]:" line makes it a CommonMark link reference
 * definition, which md4c takes out of the text: a destination, then
 * nothing or a title in quotes or parentheses. ("[^1]: The office, 2024."
 * is not one: it stays a paragraph, and is printed.) */
static bool
is_definition(const char *p, const char *eol)
{
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	const char *dest = p;
	while (p < eol && *p != ' ' && *p != '\t')
		p++;
	if (p == dest)
		return false;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	const char *last = eol;
	while (last > p && (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\r'))
		last--;
	if (p == last)
		return true;
	char open = *p, close = open == '(' ? ')' : open;
	return (open == '"' || open == '\'' || open == '(') && last - p >= 2 && last[-1] == close;
}

void
lp_md_lint_note_defs(const lp_source *src, size_t body_start, lp_diag *diag)
{
	const char *data = lp_source_data(src), *end = data + lp_source_size(src);
	char in_fence = 0, c = 0;
	size_t fence_len = 0;
	/* A definition cannot interrupt a paragraph: it starts after a blank
	 * line, the body's start or another definition. */
	bool may_define = true;
	for (const char *line = data + body_start; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		const char *p = line;
		while (p < eol && p - line < 3 && *p == ' ')
			p++;
		bool blank = true;
		for (const char *q = line; q < eol && blank; q++)
			blank = *q == ' ' || *q == '\t' || *q == '\r';
		bool defined = false;
		size_t f = fence(p, eol, &c);
		if (f && (!in_fence || (c == in_fence && f >= fence_len))) {
			in_fence = in_fence ? 0 : c;
			fence_len = f;
		} else if (!in_fence && may_define && eol - p > 4 && p[0] == '[' && p[1] == '^') {
			const char *close = memchr(p + 2, ']', (size_t)(eol - p - 2));
			if (close && close > p + 2 && close + 1 < eol && close[1] == ':' &&
			        is_definition(close + 2, eol)) {
				defined = true;
				lp_diag_extra x = {.span_bytes = (size_t)(close + 2 - p),
				        .hint = "letterpress sets no footnotes: write the note as "
				                "a "
				                "paragraph of its own (\"1) Source: …\")",
				        .each_place = true};
				lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, (uint64_t)(p - data),
				        &x,
				        "'%.*s' defines a footnote in some Markdown; to CommonMark "
				        "it "
				        "is a link reference, which is never printed, so this "
				        "line's "
				        "text is not printed",
				        (int)(close + 2 - p), p);
			}
		}
		may_define = !in_fence && (blank || defined);
		line = eol + 1;
	}
}
