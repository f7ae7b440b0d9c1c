/* E-mail addresses and URLs found in plain text (layout footers), as link
 * spans over it; see autolink.h. */
#include "release/autolink.h"

#include "base/uri.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool
is_addr_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '%';
}

static bool
is_url_char(unsigned char c)
{
	return c > ' ' && c < 0x7F && !strchr("<>\"'()[]{},;", c);
}

/* One link found in text: [start, end) and its URI. */
typedef struct found_link {
	uint32_t start, end;
	const char *uri;
} found_link;

static bool
find_next_link(lp_arena *arena, const char *t, uint32_t from, found_link *f)
{
	size_t len = strlen(t);
	for (size_t i = from; i < len; i++) {
		bool at_word = i == 0 || !is_url_char((unsigned char)t[i - 1]);
		if (at_word &&
		        (strncmp(t + i, "http://", 7) == 0 || strncmp(t + i, "https://", 8) == 0 ||
		                strncmp(t + i, "www.", 4) == 0)) {
			size_t e = i;
			while (e < len && is_url_char((unsigned char)t[e]))
				e++;
			while (e > i && (t[e - 1] == '.' || t[e - 1] == ':'))
				e--; /* a full stop after a URL ends the sentence */
			f->start = (uint32_t)i;
			f->end = (uint32_t)e;
			f->uri = lp_arena_printf(
			        arena, "%s%.*s", t[i] == 'w' ? "http://" : "", (int)(e - i), t + i);
			return true;
		}
		/* The local part is looked for after the last link only: text
		 * already linked is not taken twice ("a@b.c@d.e"). */
		if (t[i] == '@' && i > from && is_addr_char((unsigned char)t[i - 1])) {
			size_t s = i, e = i + 1;
			while (s > from && is_addr_char((unsigned char)t[s - 1]))
				s--;
			while (e < len && is_addr_char((unsigned char)t[e]))
				e++;
			while (e > i + 1 && t[e - 1] == '.')
				e--;
			if (e > i + 1 && memchr(t + i, '.', e - i)) {
				f->start = (uint32_t)s;
				f->end = (uint32_t)e;
				f->uri = lp_arena_printf(arena, "mailto:%.*s", (int)(e - s), t + s);
				return true;
			}
		}
	}
	return false;
}

uint32_t
lp_autolink(lp_arena *arena, const char *text, lp_rspan **spans_out, const char ***uris,
        uint32_t *n_uris)
{
	uint32_t len = (uint32_t)strlen(text), n = 0, pos = 0;
	/* At most one link per 3 bytes, plus the text between. */
	lp_rspan *spans = lp_arena_array(arena, len / 3 * 2 + 2, sizeof *spans);
	const char **links = lp_arena_array(arena, len / 3 + 1, sizeof *links);
	*n_uris = 0;
	found_link f;
	for (uint32_t from = 0; spans && links && find_next_link(arena, text, from, &f);) {
		from = f.end;
		/* An address no PDF link can carry (past LP_MAX_URI_BYTES) stays
		 * text, as a body link that cannot be one does. */
		if (!f.uri || !lp_uri_ok(f.uri))
			continue;
		if (f.start > pos)
			spans[n++] = (lp_rspan){pos, f.start - pos, 0, -1};
		links[*n_uris] = f.uri;
		spans[n++] = (lp_rspan){f.start, f.end - f.start, LP_INLINE_LINK, (int32_t)*n_uris};
		(*n_uris)++;
		pos = f.end;
	}
	if (spans && (pos < len || n == 0))
		spans[n++] = (lp_rspan){pos, len - pos, 0, -1};
	*spans_out = spans;
	*uris = links;
	return spans ? n : 0;
}
