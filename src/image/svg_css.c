/*
 * <style> sheets (svg_css.h). The sheet is read as CSS 2.1 §4.1.7 rule
 * sets: a selector list, then a declaration block; comments and the
 * <!-- --> an old sheet wraps itself in are skipped. The cascade of SVG 2
 * §6.7: presentation attributes first, then the sheet's rules by
 * specificity and, at equal specificity, source order, then the style
 * attribute, which svg.c applies in that order.
 */
#include "image/svg_css.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"

#include <stdlib.h>
#include <string.h>

typedef struct css_read {
	lp_svg_tree *tree;
	lp_svg_css *css;
	lp_svg_warn *warn;
	const lp_svg_node *node; /* the <style> being read */
	const char *text; /* its text, comments blanked */
	/* where() counted lines up to text[at] (line, col): the sheet is read
	 * forwards, so each call goes on from the last, and a sheet of many
	 * selectors costs one pass, not one a selector. */
	size_t at;
	uint32_t line, col;
	lp_status status;
} css_read;

/* Line and column of text[pos], from where the <style>'s text starts. */
static void
where(css_read *r, size_t pos, uint32_t *line, uint32_t *col)
{
	if (pos < r->at)
		r->at = 0, r->line = r->node->text_line, r->col = r->node->text_col;
	for (; r->at < pos; r->at++) {
		if (r->text[r->at] == '\n')
			r->line++, r->col = 1;
		else if (((unsigned char)r->text[r->at] & 0xc0) != 0x80)
			r->col++;
	}
	*line = r->line;
	*col = r->col;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || (unsigned char)c >= 0x80;
}

/* FNV-1a, for telling class names apart before comparing them. */
static uint32_t
fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static char *
trimmed(lp_arena *a, const char *s, size_t n)
{
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	return lp_arena_strndup(a, s, n);
}

/* One selector of a list ("path.gold", "#shield", ".a.b", "*"): a rule
 * with body decls, or a warning when it is not that simple. */
static void
add_selector(css_read *r, const char *sel, size_t pos, const char *decls)
{
	lp_arena *a = r->tree->arena;
	lp_svg_css_rule rule = {.decls = decls};
	where(r, pos, &rule.line, &rule.col);
	const char *s = sel;
	const char *classes[LP_MAX_SVG_CLASSES];
	uint32_t n_classes = 0, ids = 0, elements = 0;
	if (*s == '*') {
		s++;
	} else if (is_ident(*s)) {
		const char *e = s;
		while (is_ident(*e))
			e++;
		rule.element = lp_arena_strndup(a, s, (size_t)(e - s));
		elements = 1;
		s = e;
	}
	while ((*s == '.' || *s == '#') && is_ident(s[1])) {
		const char *e = s + 1;
		while (is_ident(*e))
			e++;
		char *name = lp_arena_strndup(a, s + 1, (size_t)(e - s - 1));
		if (!name) {
			r->status = LP_ERR_NOMEM;
			return;
		}
		if (*s == '#') {
			rule.id = name;
			ids++;
		} else if (n_classes < LP_MAX_SVG_CLASSES) {
			classes[n_classes++] = name;
		} else {
			break;
		}
		s = e;
	}
	if (*s || s == sel || ids > 1) {
		lp_svg_warn_once(r->warn, "css-selector", rule.line, rule.col,
		        "the CSS selector \"%s\" is skipped: only element, .class and #id "
		        "selectors and their compounds are read",
		        sel);
		return;
	}
	rule.classes = lp_arena_array(a, (size_t)n_classes + 1, sizeof *rule.classes);
	rule.class_hash = lp_arena_array(a, (size_t)n_classes + 1, sizeof *rule.class_hash);
	if (!rule.classes || !rule.class_hash || (elements && !rule.element)) {
		r->status = LP_ERR_NOMEM;
		return;
	}
	memcpy(rule.classes, classes, n_classes * sizeof *classes);
	rule.classes[n_classes] = NULL;
	for (uint32_t i = 0; i < n_classes; i++)
		rule.class_hash[i] = fnv1a(classes[i], strlen(classes[i]));
	rule.specificity = ids << 16 | n_classes << 8 | elements;
	lp_svg_css *css = r->css;
	if (css->n_rules >= LP_MAX_SVG_CSS_RULES) {
		r->status = lp_diag_report(r->warn->diag, LP_ERROR, LP_ERR_LIMIT, r->warn->file,
		        rule.line, rule.col, "the SVG's style sheets have more than %u rules",
		        LP_MAX_SVG_CSS_RULES);
		return;
	}
	r->status = LP_ARENA_ARRAY_RESERVE(
	        a, css->rules, css->cap_rules, (size_t)css->n_rules + 1, LP_ARRAY_ANY);
	if (r->status == LP_OK)
		css->rules[css->n_rules++] = rule;
}

/* The text with comments blanked (positions kept). */
static char *
blank_comments(lp_arena *a, const char *text)
{
	char *t = lp_arena_strdup(a, text);
	if (!t)
		return NULL;
	for (char *c = t; (c = strstr(c, "/*"));) {
		char *e = strstr(c + 2, "*/");
		size_t n = e ? (size_t)(e + 2 - c) : strlen(c);
		for (size_t i = 0; i < n; i++)
			if (c[i] != '\n')
				c[i] = ' ';
		c += n;
	}
	return t;
}

static void
read_sheet(css_read *r)
{
	const char *t = r->text;
	size_t i = 0;
	while (r->status == LP_OK) {
		while (is_space(t[i]))
			i++;
		if (!t[i])
			return;
		if (strncmp(t + i, "<!--", 4) == 0 || strncmp(t + i, "-->", 3) == 0) {
			i += t[i] == '<' ? 4 : 3;
			continue;
		}
		size_t open = i;
		while (t[open] && t[open] != '{' && !(t[i] == '@' && t[open] == ';'))
			open++;
		uint32_t line, col;
		where(r, i, &line, &col);
		if (t[i] == '@') {
			lp_svg_warn_once(r->warn, "css-at-rule", line, col,
			        "a CSS @-rule is skipped with what it holds: only plain rules are "
			        "read");
			if (t[open] == '{') { /* a block, with blocks inside */
				int depth = 0;
				for (; t[open]; open++) {
					depth += t[open] == '{';
					depth -= t[open] == '}';
					if (depth == 0)
						break;
				}
			}
			i = t[open] ? open + 1 : open;
			continue;
		}
		if (t[open] != '{') {
			lp_svg_warn_once(r->warn, "css-syntax", line, col,
			        "the style sheet ends in a selector with no { }: it is skipped");
			return;
		}
		const char *close = strchr(t + open, '}');
		size_t end = close ? (size_t)(close - t) : strlen(t);
		char *decls = trimmed(r->tree->arena, t + open + 1, end - open - 1);
		if (!decls) {
			r->status = LP_ERR_NOMEM;
			return;
		}
		/* The selector list, split at its commas. */
		for (size_t s = i; s < open && r->status == LP_OK;) {
			size_t e = s;
			while (e < open && t[e] != ',')
				e++;
			size_t at = s;
			while (at < e && is_space(t[at]))
				at++;
			char *sel = trimmed(r->tree->arena, t + s, e - s);
			if (!sel)
				r->status = LP_ERR_NOMEM;
			else
				add_selector(r, sel, at, decls);
			s = e + 1;
		}
		i = close ? end + 1 : end;
	}
}

/* One class of an element's class="": where it is, its length and hash
 * (tested before the bytes, so that long names cost once). */
typedef struct css_token {
	const char *s;
	size_t len;
	uint32_t hash;
} css_token;

/* The first LP_MAX_SVG_CLASSES classes of attr; *more when it has more. */
static uint32_t
tokens(const char *attr, css_token *out, bool *more)
{
	uint32_t n = 0;
	*more = false;
	for (const char *s = attr; s && *s;) {
		while (is_space(*s))
			s++;
		const char *e = s;
		while (*e && !is_space(*e))
			e++;
		if (e > s) {
			if (n == LP_MAX_SVG_CLASSES) {
				*more = true;
				break;
			}
			out[n++] = (css_token){s, (size_t)(e - s), fnv1a(s, (size_t)(e - s))};
		}
		s = e;
	}
	return n;
}

static bool
matches(const lp_svg_css_rule *rule, const lp_svg_node *n, const css_token *cls, uint32_t n_cls)
{
	if (rule->element && strcmp(rule->element, n->name) != 0)
		return false;
	if (rule->id && (!n->id || strcmp(rule->id, n->id) != 0))
		return false;
	for (uint32_t c = 0; rule->classes[c]; c++) {
		const char *name = rule->classes[c];
		uint32_t h = rule->class_hash[c];
		size_t len = strlen(name);
		bool found = false;
		for (uint32_t t = 0; t < n_cls && !found; t++)
			found = cls[t].hash == h && cls[t].len == len &&
			        memcmp(cls[t].s, name, len) == 0;
		if (!found)
			return false;
	}
	return true;
}

static int
by_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Per node, the rules that match it, by specificity then source order. */
static lp_status
match_all(lp_svg_tree *tree, lp_svg_css *css, lp_svg_warn *warn)
{
	lp_arena *a = tree->arena;
	css->match_at = lp_arena_array(a, (size_t)tree->n_nodes + 1, sizeof *css->match_at);
	uint64_t *keys = lp_arena_array(a, (size_t)css->n_rules + 1, sizeof *keys);
	if (!css->match_at || !keys)
		return LP_ERR_NOMEM;
	uint32_t n = 0, cap = 0;
	for (uint32_t k = 0; k < tree->n_nodes; k++) {
		const lp_svg_node *node = &tree->nodes[k];
		css_token cls[LP_MAX_SVG_CLASSES];
		bool more;
		uint32_t n_cls = css->n_rules ? tokens(lp_svg_attr(node, "class"), cls, &more) : 0;
		if (n_cls && more)
			lp_svg_warn_once(warn, "classes", node->line, node->col,
			        "<%s> has more than %d classes: the rest are not matched",
			        node->name, LP_MAX_SVG_CLASSES);
		css->match_at[k] = n;
		uint32_t m = 0;
		for (uint32_t i = 0; i < css->n_rules; i++)
			if (matches(&css->rules[i], node, cls, n_cls))
				keys[m++] = (uint64_t)css->rules[i].specificity << 32 | i;
		if (!m)
			continue;
		lp_status s = LP_ARENA_ARRAY_RESERVE(
		        a, css->match, cap, (size_t)n + m, LP_MAX_SVG_CSS_MATCHES);
		if (s == LP_ERR_LIMIT)
			return lp_diag_report(warn->diag, LP_ERROR, LP_ERR_LIMIT, warn->file,
			        node->line, node->col,
			        "the SVG's style rules match its elements more than %u times",
			        LP_MAX_SVG_CSS_MATCHES);
		if (s != LP_OK)
			return s;
		/* Specificity, then source order: the key holds both. */
		qsort(keys, m, sizeof *keys, by_key);
		for (uint32_t j = 0; j < m; j++)
			css->match[n++] = (uint32_t)keys[j];
	}
	css->match_at[tree->n_nodes] = n;
	return LP_OK;
}

lp_status
lp_svg_css_read(lp_svg_tree *tree, lp_svg_css *css, lp_svg_warn *warn)
{
	*css = (lp_svg_css){0};
	css_read r = {.tree = tree, .css = css, .warn = warn};
	for (uint32_t k = 0; k < tree->n_nodes && r.status == LP_OK; k++) {
		const lp_svg_node *n = &tree->nodes[k];
		if (n->kind != LP_SVG_EL_STYLE || !n->text)
			continue;
		const char *type = lp_svg_attr(n, "type");
		if (type && strcmp(type, "text/css") != 0 && *type) {
			lp_svg_warn_once(warn, "style-type", n->line, n->col,
			        "a <style type=\"%s\"> is skipped: only CSS is read", type);
			continue;
		}
		r.node = n;
		r.at = 0, r.line = n->text_line, r.col = n->text_col;
		r.text = blank_comments(tree->arena, n->text);
		if (!r.text)
			return LP_ERR_NOMEM;
		read_sheet(&r);
	}
	if (r.status != LP_OK)
		return r.status;
	return match_all(tree, css, warn);
}
