/*
 * What a layout says about the release's fields: `defaults:`, the values
 * an institution gives once for every release on its letterhead (organ
 * lines, address, phone, e-mail, web, signatory ...), which a release's
 * own value replaces; and `fields:`, the other front-matter fields its
 * templates print (docs/layouts.md, Fields and defaults).
 */
#include "layout/layoutparse.h"

#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

/* Fields a release alone can say: what it is, its language and its date
 * (the date is written out in the release's language when it is parsed). */
static const char *const own_keys[] = {"layout", "lang", "title", "date", "keywords", NULL};

static bool
is_own(const char *key)
{
	for (size_t i = 0; own_keys[i]; i++)
		if (!strcmp(own_keys[i], key))
			return true;
	return false;
}

/* Adds one default (values already in the arena). */
static void
add(lp_layout_default *out, uint32_t *n, const char *key, const lp_ynode *at,
        const char *const *values, uint32_t n_values)
{
	if (!key || !values)
		return;
	out[*n] = (lp_layout_default){.key = key,
	        .values = values,
	        .n_values = n_values,
	        .src_line = at->line,
	        .src_col = at->col};
	(*n)++;
}

/* One scalar as a one-value list; a list of scalars joined with ", " as
 * a release's list is (the organ lines stay a list). */
static const char *const *
one_value(lp_lparse *p, const lp_ynode *v, const char *key, uint32_t *n)
{
	const char **out = lp_arena_array(p->arena, 1, sizeof *out);
	if (!out) {
		p->nomem = true;
		return NULL;
	}
	*n = 1;
	if (v->kind == LP_YNODE_SCALAR)
		return (out[0] = lp_lparse_string(p, v, key)) ? out : NULL;
	uint32_t k;
	const char *const *items =
	        v->kind == LP_YNODE_SEQ ? lp_lparse_strings(p, v, key, &k) : NULL;
	if (v->kind != LP_YNODE_SEQ) {
		lp_lparse_error(
		        p, v, "the default of '%s' must be a string or a list of strings", key);
		return NULL;
	}
	if (!items)
		return NULL;
	size_t len = 1;
	for (uint32_t i = 0; i < k; i++)
		len += strlen(items[i]) + 2;
	char *joined = lp_arena_alloc(p->arena, len);
	if (!joined) {
		p->nomem = true;
		return NULL;
	}
	joined[0] = '\0';
	for (uint32_t i = 0; i < k; i++) {
		if (i)
			strcat(joined, ", ");
		strcat(joined, items[i]);
	}
	out[0] = joined;
	return out;
}

static void
parse_signature(lp_lparse *p, const lp_ynode *v, lp_layout_default *out, uint32_t *n)
{
	static const char *const keys[] = {"name", "function", NULL};
	static const char *const full[] = {"signature.name", "signature.function"};
	if (!lp_lparse_map(p, v, "the default signature", keys))
		return;
	for (int i = 0; i < 2; i++) {
		const lp_ynode *s = lp_ytree_get(v, keys[i]);
		uint32_t k;
		if (s)
			add(out, n, full[i], s, one_value(p, s, full[i], &k), 1);
	}
}

void
lp_lparse_defaults(lp_lparse *p, const lp_ynode *node)
{
	if (!node)
		return;
	if (node->kind != LP_YNODE_MAP) {
		lp_lparse_error(p, node, "defaults must be a mapping of field names to values");
		return;
	}
	/* A signature gives two: its name and its function. Those of the
	 * layout this one extends follow, where it has none of its own. */
	const lp_layout_default *inherited = p->layout->defaults;
	uint32_t n_inherited = p->layout->n_defaults;
	lp_layout_default *out =
	        lp_arena_array(p->arena, node->n * 2 + n_inherited + 1, sizeof *out);
	if (!out) {
		p->nomem = true;
		return;
	}
	uint32_t n = 0;
	for (uint32_t i = 0; i < node->n; i++) {
		const lp_ynode *k = node->items[2 * i], *v = node->items[2 * i + 1];
		const char *key = lp_arena_strdup(p->arena, k->str);
		if (!key) {
			p->nomem = true;
			return;
		}
		uint32_t n_values = 0;
		if (is_own(key)) {
			lp_lparse_error(p, k,
			        "'%s' has no default: it is the release's own (a release's layout, "
			        "language, title, date and keywords)",
			        key);
		} else if (!strcmp(key, "signature")) {
			parse_signature(p, v, out, &n);
		} else if (!strcmp(key, "organ")) {
			/* One line or a list of lines, as in a release. */
			const char *const *lines =
			        v->kind == LP_YNODE_SCALAR
			                ? one_value(p, v, key, &n_values)
			                : lp_lparse_strings(p, v, "an organ line", &n_values);
			add(out, &n, key, k, lines, n_values);
		} else {
			add(out, &n, key, k, one_value(p, v, key, &n_values), 1);
		}
	}
	uint32_t own = n;
	for (uint32_t i = 0; i < n_inherited; i++) {
		bool given = false;
		for (uint32_t k = 0; k < own && !given; k++)
			given = !strcmp(out[k].key, inherited[i].key);
		if (!given)
			out[n++] = inherited[i];
	}
	p->layout->defaults = out;
	p->layout->n_defaults = n;
}

void
lp_lparse_fields(lp_lparse *p, const lp_ynode *node)
{
	uint32_t n;
	const char *const *names;
	if (!node || !(names = lp_lparse_strings(p, node, "a field name", &n)))
		return;
	/* With those of the layout this one extends. */
	uint32_t had = p->layout->n_fields;
	const char **all = lp_arena_array(p->arena, had + n + 1, sizeof *all);
	if (!all) {
		p->nomem = true;
		return;
	}
	for (uint32_t i = 0; i < had; i++)
		all[i] = p->layout->fields[i];
	memcpy(all + had, names, n * sizeof *names);
	p->layout->fields = all;
	p->layout->n_fields = had + n;
}

const lp_layout_default *
lp_layout_default_for(const lp_layout *layout, const char *key)
{
	for (uint32_t i = 0; layout && key && i < layout->n_defaults; i++)
		if (!strcmp(layout->defaults[i].key, key))
			return &layout->defaults[i];
	return NULL;
}

/* The fields a template may name in any layout: the release's own (see
 * lp_release_field()) and the page numbers. */
static const char *const release_fields[] = {"title", "place", "date", "number", "organ",
        "watermark", "lang", "layout", "signature.name", "signature.function", "signature.image",
        "page", "pages"};
#define N_RELEASE_FIELDS (sizeof release_fields / sizeof release_fields[0])

/* {organ.N} and {organ.N-}: N a line number from 1. */
static bool
is_organ_line(const char *name, size_t len)
{
	if (len < 7 || strncmp(name, "organ.", 6) != 0 || name[6] < '1' || name[6] > '9')
		return false;
	size_t i = 7;
	while (i < len && name[i] >= '0' && name[i] <= '9')
		i++;
	return i == len || (i + 1 == len && name[i] == '-');
}

static bool
same(const char *s, const char *name, size_t len)
{
	return strlen(s) == len && strncmp(s, name, len) == 0;
}

bool
lp_lparse_field_known(const lp_layout *L, const char *name, size_t len)
{
	if (is_organ_line(name, len))
		return true;
	for (size_t i = 0; i < N_RELEASE_FIELDS; i++)
		if (same(release_fields[i], name, len))
			return true;
	for (uint32_t i = 0; i < L->n_fields; i++)
		if (same(L->fields[i], name, len))
			return true;
	for (uint32_t i = 0; i < L->n_defaults; i++)
		if (same(L->defaults[i].key, name, len))
			return true;
	return false;
}

bool
lp_lparse_field_check(
        lp_lparse *p, const lp_ynode *node, const char *tmpl, const char *name, size_t len)
{
	const lp_layout *L = p->layout;
	if (lp_lparse_field_known(L, name, len))
		return true;
	/* The caret under the name when the node is this one line (quoted
	 * or not; an escape before it would shift it, which layouts seldom
	 * have); else at the node. */
	lp_ynode at = *node;
	if (node->kind == LP_YNODE_SCALAR && node->str && !strcmp(node->str, tmpl) &&
	        !strchr(tmpl, '\\'))
		at.col += (node->plain ? 0 : 1) +
		          (uint32_t)lp_utf8_count((const uint8_t *)tmpl, (size_t)(name - tmpl));
	char word[64];
	snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), name);
	size_t n = N_RELEASE_FIELDS + L->n_fields + L->n_defaults, k = 0;
	const char **names = lp_arena_array(p->arena, n, sizeof *names);
	if (!names) {
		p->nomem = true;
		return false;
	}
	for (size_t i = 0; i < N_RELEASE_FIELDS; i++)
		names[k++] = release_fields[i];
	for (uint32_t i = 0; i < L->n_fields; i++)
		names[k++] = L->fields[i];
	for (uint32_t i = 0; i < L->n_defaults; i++)
		names[k++] = L->defaults[i].key;
	lp_lparse_error_near(p, &at, word, names, n,
	        "no field '%s': a template names the release's fields (title, place, date, "
	        "number, organ, signature.name ...) and those the layout declares under "
	        "fields: or defaults:",
	        word);
	return false;
}
