/* Front matter split off a release's body: the "---" line that opens it
 * and the "---" or "..." line that closes it (frontmatter.h). */
#include "release/frontmatter.h"

#include "base/diag.h"
#include "release/fmlint.h"

#include <string.h>

/* Length of the line break at p[i] (CR LF, CR, LF), 0 when there is none. */
size_t
lp_frontmatter_eol_len(const char *p, size_t n, size_t i)
{
	if (i < n && p[i] == '\r')
		return i + 1 < n && p[i + 1] == '\n' ? 2 : 1;
	return i < n && p[i] == '\n' ? 1 : 0;
}

/* True when the line at p[i] is `mark` followed only by blanks; *next is
 * then the start of the following line. */
static bool
is_fence_line(const char *p, size_t n, size_t i, const char *mark, size_t *next)
{
	if (n - i < 3 || memcmp(p + i, mark, 3) != 0)
		return false;
	i += 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	size_t e = lp_frontmatter_eol_len(p, n, i);
	if (i < n && e == 0)
		return false;
	*next = i + e;
	return true;
}

lp_status
lp_frontmatter_split(const lp_source *src, bool *present, size_t *yaml_start, size_t *yaml_end,
        size_t *body_start, lp_diag *diag)
{
	const char *p = lp_source_data(src);
	size_t n = lp_source_size(src), i = 0, next;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	*present = false;
	*yaml_start = *yaml_end = *body_start = i;
	if (!is_fence_line(p, n, i, "---", &next)) {
		lp_fmlint_missing_fence(src, i, diag);
		return LP_OK;
	}
	*yaml_start = next;
	for (size_t line = next; line < n;) {
		size_t after;
		if (is_fence_line(p, n, line, "---", &after) ||
		        is_fence_line(p, n, line, "...", &after)) {
			*present = true;
			*yaml_end = line;
			*body_start = after;
			return LP_OK;
		}
		/* CR alone ends a line too (as libyaml counts lines). */
		while (line < n && p[line] != '\n' && p[line] != '\r')
			line++;
		line += lp_frontmatter_eol_len(p, n, line);
	}
	return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src, i,
	        "the front matter opened by '---' here is never closed by a '---' line");
}
