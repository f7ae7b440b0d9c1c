/* Value parsers shared by the sections of a layout file; see layoutparse.h. */
#include "layout/layoutparse.h"

#include "layout/units.h"

#include "base/confine.h"
#include "base/diag.h"
#include "base/source.h"
#include "base/suggest.h"
#include "base/utf8.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
lp_lparse_error(lp_lparse *p, const lp_ynode *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->errors++;
	lp_diag_report(p->diag, LP_ERROR, LP_ERR_SYNTAX, p->file, at ? at->line : 0,
	        at ? at->col : 0, "%s", msg);
}

void
lp_lparse_error_near(lp_lparse *p, const lp_ynode *at, const char *word, const char *const *names,
        size_t n, const char *fmt, ...)
{
	char msg[512], hint[128] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->errors++;
	const char *meant = lp_suggest(word, names, n);
	if (meant)
		snprintf(hint, sizeof hint, "did you mean '%s'?", meant);
	lp_diag_extra x = {.span = (uint32_t)lp_utf8_count((const uint8_t *)word, strlen(word)),
	        .hint = meant ? hint : NULL};
	lp_diag_report_ex(p->diag, LP_ERROR, LP_ERR_SYNTAX, p->file, at ? at->line : 0,
	        at ? at->col : 0, &x, "%s", msg);
}

const char *
lp_lparse_style_ref(lp_lparse *p, const lp_ynode *node)
{
	const char *s = lp_lparse_scalar(p, node, "a style name");
	const lp_style *st = s ? lp_layout_style(p->layout, s) : NULL;
	if (s && !st) {
		uint32_t n = p->layout->n_styles;
		const char **names = n ? lp_arena_array(p->arena, n, sizeof *names) : NULL;
		if (n && !names)
			p->nomem = true;
		for (uint32_t i = 0; names && i < n; i++)
			names[i] = p->layout->styles[i].name;
		lp_lparse_error_near(p, node, s, names, names ? n : 0, "no style named '%s'", s);
	}
	return st ? st->name : NULL;
}

static const char *
kind_name(const lp_ynode *node)
{
	switch (node->kind) {
	case LP_YNODE_SEQ:
		return "a list";
	case LP_YNODE_MAP:
		return "a mapping";
	default:
		return "a string";
	}
}

bool
lp_lparse_map(lp_lparse *p, const lp_ynode *node, const char *what, const char *const *keys)
{
	if (node->kind != LP_YNODE_MAP) {
		lp_lparse_error(p, node, "%s must be a mapping, not %s", what, kind_name(node));
		return false;
	}
	for (uint32_t i = 0; i < node->n; i++) {
		const lp_ynode *key = node->items[2 * i];
		bool known = false;
		for (size_t k = 0; keys[k] && !known; k++)
			known = strcmp(keys[k], key->str) == 0;
		size_t n = 0;
		while (keys[n])
			n++;
		if (!known)
			lp_lparse_error_near(p, key, key->str, keys, n, "unknown key '%s' in %s",
			        key->str, what);
	}
	return true;
}

const char *
lp_lparse_scalar(lp_lparse *p, const lp_ynode *node, const char *what)
{
	if (node->kind != LP_YNODE_SCALAR) {
		lp_lparse_error(p, node, "%s must be a string, not %s", what, kind_name(node));
		return NULL;
	}
	return node->str;
}

const char *
lp_lparse_string(lp_lparse *p, const lp_ynode *node, const char *what)
{
	const char *s = lp_lparse_scalar(p, node, what);
	if (!s)
		return NULL;
	char *copy = lp_arena_strdup(p->arena, s);
	if (!copy)
		p->nomem = true;
	return copy;
}

bool
lp_lparse_length(lp_lparse *p, const lp_ynode *node, bool allow_negative, float *out)
{
	const char *s = lp_lparse_scalar(p, node, "a length");
	float v;
	if (!s)
		return false;
	if (!lp_units_length(s, &v)) {
		lp_lparse_error(p, node, "'%s' is not a length (like 20mm, 11pt, 1.5cm, 0.5in)", s);
		return false;
	}
	if (v < 0 && !allow_negative) {
		lp_lparse_error(p, node, "'%s' must not be negative", s);
		return false;
	}
	*out = v;
	return true;
}

bool
lp_lparse_em(lp_lparse *p, const lp_ynode *node, float *out)
{
	const char *s = lp_lparse_scalar(p, node, "an em amount");
	if (!s)
		return false;
	if (!lp_units_em(s, out)) {
		lp_lparse_error(p, node, "'%s' is not an amount in em (like 0.3em)", s);
		return false;
	}
	return true;
}

bool
lp_lparse_number(lp_lparse *p, const lp_ynode *node, double min, double max, double *out)
{
	const char *s = lp_lparse_scalar(p, node, "a number");
	double v;
	if (!s)
		return false;
	if (!node->plain || !lp_units_number(s, &v)) {
		lp_lparse_error(p, node, "'%s' is not a number", s);
		return false;
	}
	if (v < min || v > max) {
		lp_lparse_error(p, node, "%s is out of range (%g to %g)", s, min, max);
		return false;
	}
	*out = v;
	return true;
}

bool
lp_lparse_int(lp_lparse *p, const lp_ynode *node, int min, int max, int *out)
{
	double v;
	if (!lp_lparse_number(p, node, min, max, &v))
		return false;
	if (v != (double)(int)v) {
		lp_lparse_error(p, node, "%s is not a whole number", node->str);
		return false;
	}
	*out = (int)v;
	return true;
}

bool
lp_lparse_bool(lp_lparse *p, const lp_ynode *node, bool *out)
{
	const char *s = lp_lparse_scalar(p, node, "true or false");
	if (!s)
		return false;
	/* Only YAML 1.2's booleans: "no" is Norway, not false. */
	if (node->plain && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)) {
		*out = s[0] == 't';
		return true;
	}
	lp_lparse_error(p, node, "'%s' is not true or false", s);
	return false;
}

bool
lp_lparse_color(lp_lparse *p, const lp_ynode *node, uint32_t *out)
{
	const char *s = lp_lparse_scalar(p, node, "a colour");
	if (!s)
		return false;
	if (!lp_units_color(s, out)) {
		lp_lparse_error(p, node, "'%s' is not a colour (like \"#1a1a1a\" or black)", s);
		return false;
	}
	return true;
}

const lp_ynode *
lp_lparse_page_size_node(const lp_ynode *page)
{
	const lp_ynode *v = NULL;
	for (const char *const *k = (const char *const[]){"size", "width", "height", NULL};
	        *k && !v; k++)
		v = lp_ytree_get(page, *k);
	return v;
}

const char *
lp_lparse_asset(lp_lparse *p, const lp_ynode *node, const char *what, const char **shown)
{
	const char *s = lp_lparse_scalar(p, node, what);
	if (shown)
		*shown = NULL;
	if (!s)
		return NULL;
	/* Confined to the layout's folder (base/confine.h); kept as the real
	 * path the check found, so later reads open what was checked. */
	lp_file_ref ref = {.path = s,
	        .root = p->layout->dir,
	        .root_name = "the layout's folder",
	        .key = what,
	        .by_file = p->file,
	        .line = node->line,
	        .col = node->col};
	char *real;
	lp_status st = lp_file_check_ref(&ref, &real, p->diag);
	if (st != LP_OK) {
		p->errors++;
		p->nomem |= st == LP_ERR_NOMEM;
		return NULL;
	}
	const char *path = lp_arena_strdup(p->arena, real);
	free(real);
	/* Messages name it as the user finds it: beside the layout as the
	 * layout is named ("lay/grb.png"), not by the real path. */
	char *folder = shown ? lp_source_folder(p->file) : NULL;
	if (folder)
		*shown = strcmp(folder, ".") == 0
		                 ? lp_arena_strdup(p->arena, lp_path_past_dot(s))
		                 : lp_arena_printf(p->arena, "%s/%s", folder, lp_path_past_dot(s));
	if (!path || (shown && !*shown))
		p->nomem = true;
	free(folder);
	return path;
}

/* A template is text with {field} references ({?field} tests a field
 * without printing it, {label.NAME} is a label) and [optional segments];
 * [[ ]] {{ }} are literal brackets and braces. A brace or bracket that
 * does not fit is a mistake worth reporting now rather than printing
 * literally on every page. */
static bool
template_ok(lp_lparse *p, const lp_ynode *node, const char *t)
{
	bool in_segment = false;
	for (const char *c = t; *c; c++) {
		if ((*c == '[' || *c == ']' || *c == '{' || *c == '}') && c[1] == *c) {
			c++; /* a literal */
			continue;
		}
		if (*c == '[' || *c == ']') {
			if (in_segment == (*c == '[')) {
				lp_lparse_error(p, node,
				        *c == '[' ? "optional segments do not nest, in template "
				                    "\"%s\""
				                  : "']' without '[' in template \"%s\" (write ]] "
				                    "for a "
				                    "bracket)",
				        t);
				return false;
			}
			in_segment = *c == '[';
			continue;
		}
		if (*c == '}') {
			lp_lparse_error(p, node, "'}' without '{' in template \"%s\"", t);
			return false;
		}
		if (*c != '{')
			continue;
		const char *name = c + 1 + (c[1] == '?');
		const char *end = name;
		while ((*end >= 'a' && *end <= 'z') || (*end >= 'A' && *end <= 'Z') ||
		        (*end >= '0' && *end <= '9') || *end == '-' || *end == '_' || *end == '.')
			end++;
		if (*end != '}' || end == name) {
			lp_lparse_error(p, node, "malformed {field} in template \"%s\"", t);
			return false;
		}
		if (!strncmp(name, "label.", 6)) {
			char key[64];
			size_t len = (size_t)(end - name - 6);
			if (len == 0 || len >= sizeof key) {
				lp_lparse_error(
				        p, node, "malformed {label.NAME} in template \"%s\"", t);
				return false;
			}
			memcpy(key, name + 6, len);
			key[len] = '\0';
			if (!lp_layout_label_known(p->layout, key)) {
				lp_lparse_error(p, node,
				        "no label '%s' (built in: number, date, place, phone, fax, "
				        "email, "
				        "web, address, page-of; or add it under labels:)",
				        key);
				return false;
			}
		} else if (!lp_lparse_field_check(p, node, t, name, (size_t)(end - name))) {
			return false;
		}
		c = end;
	}
	if (in_segment) {
		lp_lparse_error(
		        p, node, "'[' without ']' in template \"%s\" (write [[ for a bracket)", t);
		return false;
	}
	return true;
}

const char *const *
lp_lparse_lines(lp_lparse *p, const lp_ynode *node, uint32_t *n)
{
	if (node->kind == LP_YNODE_MAP) {
		lp_lparse_error(p, node, "lines must be a list of strings or one string");
		return NULL;
	}
	if (node->kind == LP_YNODE_SCALAR) {
		uint32_t count = 1;
		for (const char *c = node->str; *c; c++)
			count += *c == '\n';
		const char **lines = lp_arena_array(p->arena, count, sizeof *lines);
		if (!lines) {
			p->nomem = true;
			return NULL;
		}
		const char *start = node->str;
		for (uint32_t i = 0; i < count; i++) {
			const char *end = strchr(start, '\n');
			size_t len = end ? (size_t)(end - start) : strlen(start);
			lines[i] = lp_arena_strndup(p->arena, start, len);
			if (!lines[i]) {
				p->nomem = true;
				return NULL;
			}
			if (!template_ok(p, node, lines[i]))
				return NULL;
			start = end ? end + 1 : start + len;
		}
		*n = count;
		return lines;
	}
	const char *const *lines = lp_lparse_strings(p, node, "a line", n);
	for (uint32_t i = 0; lines && i < *n; i++) {
		if (!template_ok(p, node->items[i], lines[i]))
			return NULL;
	}
	return lines;
}

const char *const *
lp_lparse_strings(lp_lparse *p, const lp_ynode *node, const char *what, uint32_t *n)
{
	if (node->kind != LP_YNODE_SEQ) {
		lp_lparse_error(p, node, "expected a list of strings, not %s", kind_name(node));
		return NULL;
	}
	const char **out = lp_arena_array(p->arena, node->n ? node->n : 1, sizeof *out);
	if (!out) {
		p->nomem = true;
		return NULL;
	}
	bool ok = true;
	for (uint32_t i = 0; i < node->n; i++) {
		out[i] = lp_lparse_string(p, node->items[i], what);
		ok = ok && out[i];
	}
	if (!ok)
		return NULL;
	*n = node->n;
	return out;
}
