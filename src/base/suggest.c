/* "Did you mean": an edit distance over characters and the closest name. */
#include "base/suggest.h"

#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

/* The characters of s, ASCII letters lowered; SIZE_MAX when s is longer
 * than LP_SUGGEST_MAX_CHARS. Bytes that are not UTF-8 count one each. */
static size_t
chars_of(const char *s, uint32_t out[LP_SUGGEST_MAX_CHARS])
{
	const uint8_t *u = (const uint8_t *)s;
	size_t len = strlen(s), n = 0;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp;
		size_t at = pos;
		if (!lp_utf8_decode(u, len, &pos, &cp)) {
			cp = 0xDC00u + u[at]; /* a lone byte: never equal to a character */
			pos = at + 1;
		}
		if (n == LP_SUGGEST_MAX_CHARS)
			return SIZE_MAX;
		out[n++] = cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	}
	return n;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t
lp_edit_distance(const char *a, const char *b)
{
	uint32_t x[LP_SUGGEST_MAX_CHARS], y[LP_SUGGEST_MAX_CHARS];
	size_t la = chars_of(a, x), lb = chars_of(b, y);
	if (la == SIZE_MAX || lb == SIZE_MAX)
		return SIZE_MAX;
	/* Three rows of the dynamic programme: the transposition looks two
	 * rows back. */
	size_t rows[3][LP_SUGGEST_MAX_CHARS + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = x[i - 1] != y[j - 1];
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
			        prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *
lp_suggest(const char *word, const char *const *candidates, size_t n)
{
	uint32_t tmp[LP_SUGGEST_MAX_CHARS];
	size_t chars = word ? chars_of(word, tmp) : SIZE_MAX;
	if (chars == SIZE_MAX || chars == 0)
		return NULL;
	size_t limit = (chars > 3 ? chars : 3) / 3, best_d = SIZE_MAX;
	const char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		size_t d = lp_edit_distance(word, candidates[i]);
		if (d <= limit && d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}
