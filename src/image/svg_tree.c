/*
 * The SVG element tree (svg_tree.h), read with expat in namespace mode so
 * that an SVG element is told from an editor's (Inkscape's sodipodi:, RDF
 * metadata) and xlink:href from a plain href. The input is untrusted: a
 * DOCTYPE, any entity declaration and external entities are refused (so
 * there is no entity "billion laughs"), nesting and the element count are
 * capped, and every error names line:col.
 */
#include "image/svg_tree.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

typedef struct tree_parse {
	XML_Parser xml;
	const char *name;
	lp_diag *diag;
	lp_status status;
	lp_svg_tree *tree;
	uint32_t open; /* the innermost open node kept, or LP_SVG_NONE */
	uint32_t last_child[LP_MAX_SVG_DEPTH + 1]; /* per depth: the open node's last child */
	int depth; /* elements open */
	int skip_depth; /* > 0 while inside an element left out */
	char *text; /* the open <style>'s text so far; malloc'ed */
	size_t n_text, cap_text;
} tree_parse;

static void fail_at(tree_parse *p, lp_status code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void
fail_at(tree_parse *p, lp_status code, const char *fmt, ...)
{
	if (p->status != LP_OK)
		return;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	uint32_t line = (uint32_t)XML_GetCurrentLineNumber(p->xml);
	uint32_t col = (uint32_t)XML_GetCurrentColumnNumber(p->xml) + 1;
	if (code == LP_ERR_NOMEM)
		p->status = LP_ERR_NOMEM;
	else
		p->status = lp_diag_report(p->diag, LP_ERROR, code, p->name, line, col, "%s", msg);
	XML_StopParser(p->xml, XML_FALSE);
}

static const struct {
	const char *name;
	lp_svg_kind kind;
} kinds[] = {
        {"svg", LP_SVG_EL_SVG},
        {"g", LP_SVG_EL_G},
        {"a", LP_SVG_EL_A},
        {"switch", LP_SVG_EL_SWITCH},
        {"defs", LP_SVG_EL_DEFS},
        {"symbol", LP_SVG_EL_SYMBOL},
        {"use", LP_SVG_EL_USE},
        {"path", LP_SVG_EL_PATH},
        {"rect", LP_SVG_EL_RECT},
        {"circle", LP_SVG_EL_CIRCLE},
        {"ellipse", LP_SVG_EL_ELLIPSE},
        {"line", LP_SVG_EL_LINE},
        {"polyline", LP_SVG_EL_POLYLINE},
        {"polygon", LP_SVG_EL_POLYGON},
        {"style", LP_SVG_EL_STYLE},
        {"linearGradient", LP_SVG_EL_LINEAR},
        {"radialGradient", LP_SVG_EL_RADIAL},
        {"stop", LP_SVG_EL_STOP},
        {"title", LP_SVG_EL_QUIET},
        {"desc", LP_SVG_EL_QUIET},
        {"metadata", LP_SVG_EL_QUIET},
};

/* The local name of an SVG element (no namespace, or SVG's), else NULL. */
static const char *
svg_local(const char *el)
{
	const char *sp = strchr(el, ' ');
	if (!sp)
		return el;
	size_t n = (size_t)(sp - el);
	return n == strlen(SVG_NS) && strncmp(el, SVG_NS, n) == 0 ? sp + 1 : NULL;
}

/* The attributes kept: those without a namespace, and xlink:href as
 * "href" (a plain href, SVG 2's, wins). */
static const char **
copy_atts(tree_parse *p, const char **atts)
{
	lp_arena *a = p->tree->arena;
	size_t n = 0;
	while (atts[n])
		n += 2;
	const char **out = lp_arena_array(a, n + 1, sizeof *out);
	if (!out)
		return NULL;
	size_t k = 0;
	bool plain_href = false;
	for (size_t i = 0; i < n; i += 2)
		plain_href |= strcmp(atts[i], "href") == 0;
	for (size_t i = 0; i < n; i += 2) {
		const char *key = atts[i];
		if (strchr(key, ' ')) {
			if (plain_href || strcmp(key, XLINK_NS " href") != 0)
				continue;
			key = "href";
		}
		out[k] = lp_arena_strdup(a, key);
		out[k + 1] = lp_arena_strdup(a, atts[i + 1]);
		if (!out[k] || !out[k + 1])
			return NULL;
		k += 2;
	}
	out[k] = NULL;
	return out;
}

static void XMLCALL
on_start(void *user, const char *el, const char **atts)
{
	tree_parse *p = user;
	lp_svg_tree *t = p->tree;
	if (p->depth >= LP_MAX_SVG_DEPTH) {
		fail_at(p, LP_ERR_LIMIT, "SVG elements nest deeper than %d levels",
		        LP_MAX_SVG_DEPTH);
		return;
	}
	p->depth++;
	if (p->skip_depth)
		return;
	const char *local = svg_local(el);
	if (t->n_nodes == 0 && (!local || strcmp(local, "svg") != 0)) {
		const char *sp = strrchr(el, ' ');
		fail_at(p, LP_ERR_SYNTAX, "the root element is <%s>, not <svg>", sp ? sp + 1 : el);
		return;
	}
	if (!local) { /* an editor's element: nothing of it is drawn */
		p->skip_depth = p->depth;
		return;
	}
	if (t->n_nodes >= LP_MAX_SVG_ELEMENTS) {
		fail_at(p, LP_ERR_LIMIT, "the SVG has more than %u elements", LP_MAX_SVG_ELEMENTS);
		return;
	}
	lp_status s = LP_ARENA_ARRAY_RESERVE(
	        t->arena, t->nodes, t->cap_nodes, (size_t)t->n_nodes + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		fail_at(p, s, "the SVG's elements take too much memory");
		return;
	}
	uint32_t k = t->n_nodes++;
	lp_svg_node *n = &t->nodes[k];
	*n = (lp_svg_node){.kind = LP_SVG_EL_OTHER,
	        .parent = p->open,
	        .first_child = LP_SVG_NONE,
	        .next_sibling = LP_SVG_NONE,
	        .line = (uint32_t)XML_GetCurrentLineNumber(p->xml),
	        .col = (uint32_t)XML_GetCurrentColumnNumber(p->xml) + 1};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(local, kinds[i].name) == 0)
			n->kind = kinds[i].kind;
	n->name = lp_arena_strdup(t->arena, local);
	n->atts = copy_atts(p, atts);
	if (!n->name || !n->atts) {
		fail_at(p, LP_ERR_NOMEM, "out of memory");
		return;
	}
	n->id = lp_svg_attr(n, "id");
	if (p->open != LP_SVG_NONE) {
		uint32_t *last = &p->last_child[p->depth - 1];
		if (*last == LP_SVG_NONE)
			t->nodes[p->open].first_child = k;
		else
			t->nodes[*last].next_sibling = k;
		*last = k;
	}
	p->last_child[p->depth] = LP_SVG_NONE;
	p->open = k;
	p->n_text = 0;
}

static void XMLCALL
on_end(void *user, const char *el)
{
	tree_parse *p = user;
	(void)el;
	if (p->skip_depth) {
		if (p->skip_depth == p->depth)
			p->skip_depth = 0;
		p->depth--;
		return;
	}
	p->depth--;
	if (p->open == LP_SVG_NONE || p->status != LP_OK)
		return;
	lp_svg_node *n = &p->tree->nodes[p->open];
	if (n->kind == LP_SVG_EL_STYLE) {
		n->text = lp_arena_strndup(p->tree->arena, p->text ? p->text : "", p->n_text);
		if (!n->text)
			fail_at(p, LP_ERR_NOMEM, "out of memory");
	}
	p->open = n->parent;
}

static void XMLCALL
on_text(void *user, const char *s, int len)
{
	tree_parse *p = user;
	if (p->skip_depth || p->open == LP_SVG_NONE || p->status != LP_OK ||
	        p->tree->nodes[p->open].kind != LP_SVG_EL_STYLE)
		return;
	lp_status st =
	        LP_ARRAY_RESERVE(p->text, p->cap_text, p->n_text + (size_t)len, LP_ARRAY_ANY);
	if (st != LP_OK) {
		fail_at(p, st, "out of memory");
		return;
	}
	if (p->n_text == 0) {
		lp_svg_node *n = &p->tree->nodes[p->open];
		n->text_line = (uint32_t)XML_GetCurrentLineNumber(p->xml);
		n->text_col = (uint32_t)XML_GetCurrentColumnNumber(p->xml) + 1;
	}
	memcpy(p->text + p->n_text, s, (size_t)len);
	p->n_text += (size_t)len;
}

static void XMLCALL
on_doctype(void *user, const char *name, const char *sysid, const char *pubid, int internal)
{
	(void)sysid;
	(void)pubid;
	(void)internal;
	fail_at(user, LP_ERR_SYNTAX, "DOCTYPE <!DOCTYPE %s> refused: SVG files need no DTD", name);
}

static void XMLCALL
on_entity_decl(void *user, const char *name, int pe, const char *value, int len, const char *base,
        const char *sysid, const char *pubid, const char *notation)
{
	(void)pe, (void)value, (void)len, (void)base, (void)sysid, (void)pubid, (void)notation;
	fail_at(user, LP_ERR_SYNTAX, "entity declaration \"%s\" refused", name);
}

static int XMLCALL
on_external_entity(
        XML_Parser xml, const char *ctx, const char *base, const char *sysid, const char *pubid)
{
	(void)xml, (void)ctx, (void)base, (void)sysid, (void)pubid;
	return XML_STATUS_ERROR;
}

static int
by_id_cmp(const void *a, const void *b)
{
	const lp_svg_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->node > y->node) - (x->node < y->node);
}

/* The id index: equal ids in document order, so the first is found first
 * (as browsers do). */
static lp_status
index_ids(lp_svg_tree *t)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < t->n_nodes; i++)
		n += t->nodes[i].id != NULL;
	t->by_id = lp_arena_array(t->arena, n ? n : 1, sizeof *t->by_id);
	if (!t->by_id)
		return LP_ERR_NOMEM;
	for (uint32_t i = 0; i < t->n_nodes; i++)
		if (t->nodes[i].id)
			t->by_id[t->n_ids++] = (lp_svg_id){t->nodes[i].id, i};
	qsort(t->by_id, t->n_ids, sizeof *t->by_id, by_id_cmp);
	return LP_OK;
}

uint32_t
lp_svg_tree_find(const lp_svg_tree *t, const char *id, size_t len)
{
	uint32_t lo = 0, hi = t->n_ids;
	while (lo < hi) { /* the first entry not below id */
		uint32_t mid = lo + (hi - lo) / 2;
		const char *m = t->by_id[mid].id;
		int c = strncmp(m, id, len);
		if (c == 0 && m[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n_ids) {
		const char *m = t->by_id[lo].id;
		if (strncmp(m, id, len) == 0 && m[len] == '\0')
			return t->by_id[lo].node;
	}
	return LP_SVG_NONE;
}

const char *
lp_svg_attr(const lp_svg_node *n, const char *name)
{
	for (int i = 0; n->atts[i]; i += 2)
		if (strcmp(n->atts[i], name) == 0)
			return n->atts[i + 1];
	return NULL;
}

void
lp_svg_warn_once(
        lp_svg_warn *w, const char *kind, uint32_t line, uint32_t col, const char *fmt, ...)
{
	for (uint32_t i = 0; i < w->n_kinds; i++)
		if (strcmp(w->kinds[i], kind) == 0)
			return;
	/* Past the table every warning is told; the diagnostics' own flood
	 * cap still holds. */
	if (w->n_kinds < LP_SVG_WARN_KINDS)
		w->kinds[w->n_kinds++] = kind;
	char msg[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lp_diag_report(w->diag, LP_WARNING, LP_OK, w->file, line, col, "%s", msg);
}

void
lp_svg_tree_drop(lp_svg_tree *tree)
{
	lp_arena_drop(tree->arena);
	*tree = (lp_svg_tree){0};
}

lp_status
lp_svg_tree_parse(const char *name, const void *data, size_t size, lp_svg_tree *tree, lp_diag *diag)
{
	tree_parse p = {.name = name, .diag = diag, .tree = tree, .open = LP_SVG_NONE};
	*tree = (lp_svg_tree){0};
	tree->arena = lp_arena_new(0);
	p.xml = XML_ParserCreateNS("UTF-8", ' ');
	if (!tree->arena || !p.xml) {
		p.status = LP_ERR_NOMEM;
		goto done;
	}
	XML_SetUserData(p.xml, &p);
	XML_SetElementHandler(p.xml, on_start, on_end);
	XML_SetCharacterDataHandler(p.xml, on_text);
	XML_SetStartDoctypeDeclHandler(p.xml, on_doctype);
	XML_SetEntityDeclHandler(p.xml, on_entity_decl);
	XML_SetExternalEntityRefHandler(p.xml, on_external_entity);
	XML_SetParamEntityParsing(p.xml, XML_PARAM_ENTITY_PARSING_NEVER);
	if (XML_Parse(p.xml, data, (int)size, XML_TRUE) == XML_STATUS_ERROR && p.status == LP_OK) {
		p.status = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, p.name,
		        (uint32_t)XML_GetCurrentLineNumber(p.xml),
		        (uint32_t)XML_GetCurrentColumnNumber(p.xml) + 1, "%s",
		        XML_ErrorString(XML_GetErrorCode(p.xml)));
	}
	if (p.status == LP_OK && tree->n_nodes == 0)
		p.status = lp_diag_report(
		        diag, LP_ERROR, LP_ERR_SYNTAX, p.name, 0, 0, "no <svg> element");
	if (p.status == LP_OK)
		p.status = index_ids(tree);
done:
	if (p.xml)
		XML_ParserFree(p.xml);
	free(p.text);
	return p.status;
}
