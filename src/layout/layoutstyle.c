/* The styles:, styles-for: and breaking: sections of a layout file. */
#include "layout/layoutparse.h"

#include "base/limits.h"

#include <stddef.h>
#include <string.h>

/* Leading when a style names none: 1.25 × the size, the usual setting of
 * book text (Bringhurst, The Elements of Typographic Style, 2.2.1). */
#define LP_LAYOUT_DEFAULT_LEADING 1.25f
#define LP_LAYOUT_DEFAULT_SIZE_PT 11.0f
#define LP_LAYOUT_DEFAULT_FAMILY "Noto Serif"

static const char *const style_keys[] = {"based-on", "family", "weight", "style", "size", "leading",
        "align", "first-indent", "left-indent", "space-before", "space-after", "tracking", "color",
        "hyphenate", "lang", "uppercase", NULL};

static bool
parse_weight(lp_lparse *p, const lp_ynode *node, uint16_t *out)
{
	static const struct {
		const char *name;
		uint16_t weight;
	} names[] = {
	        {"thin", 100},
	        {"light", 300},
	        {"regular", 400},
	        {"normal", 400},
	        {"medium", 500},
	        {"semibold", 600},
	        {"bold", 700},
	        {"black", 900},
	};
	const char *s = lp_lparse_scalar(p, node, "a weight");
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].weight;
			return true;
		}
	}
	int w;
	if (!lp_lparse_int(p, node, 1, 1000, &w))
		return false;
	*out = (uint16_t)w;
	return true;
}

static bool
parse_align(lp_lparse *p, const lp_ynode *node, lp_align *out)
{
	static const char *const names[] = {"justify", "left", "right", "center"};
	const char *s = lp_lparse_scalar(p, node, "an alignment");
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (lp_align)i;
			return true;
		}
	}
	lp_lparse_error_near(p, node, s, names, sizeof names / sizeof names[0],
	        "'%s' is not an alignment (justify, left, right, center)", s);
	return false;
}

static bool
parse_slant(lp_lparse *p, const lp_ynode *node, bool *italic)
{
	const char *s = lp_lparse_scalar(p, node, "a font style");
	if (!s)
		return false;
	if (strcmp(s, "normal") == 0 || strcmp(s, "italic") == 0) {
		*italic = s[0] == 'i';
		return true;
	}
	lp_lparse_error(p, node, "'%s' is not a font style (normal, italic)", s);
	return false;
}

static void
style_defaults(lp_lparse *p, lp_style *st)
{
	st->family = p->layout->n_fallback ? p->layout->fallback[0] : LP_LAYOUT_DEFAULT_FAMILY;
	if (p->layout->n_fallback && p->layout->fallback_at)
		st->family_at = p->layout->fallback_at[0];
	st->weight = 400;
	st->size_pt = LP_LAYOUT_DEFAULT_SIZE_PT;
	st->align = LP_ALIGN_JUSTIFY;
	st->hyphenate = true;
}

static void
parse_style(lp_lparse *p, const lp_ynode *name, const lp_ynode *node, uint32_t index)
{
	lp_style *st = &p->styles[index];
	style_defaults(p, st);
	st->name = lp_lparse_string(p, name, "a style name");
	if (!lp_lparse_map(p, node, "a style", style_keys))
		return;
	const lp_ynode *v;
	if ((v = lp_ytree_get(node, "based-on"))) {
		const char *base = lp_lparse_scalar(p, v, "a style name");
		uint32_t i = 0;
		while (base && i < index &&
		        strcmp(p->styles[i].name ? p->styles[i].name : "", base))
			i++;
		if (base && i == index)
			lp_lparse_error(p, v, "based-on: no style '%s' defined before '%s'", base,
			        name->str);
		else if (base)
			*st = p->styles[i];
		st->name = lp_lparse_string(p, name, "a style name");
	}
	bool leading_set = false;
	if ((v = lp_ytree_get(node, "family"))) {
		st->family = lp_lparse_string(p, v, "a font family");
		st->family_at = (lp_layout_at){v->line, v->col};
	}
	if ((v = lp_ytree_get(node, "weight")))
		parse_weight(p, v, &st->weight);
	if ((v = lp_ytree_get(node, "style")))
		parse_slant(p, v, &st->italic);
	const lp_layout *l = p->layout;
	if ((v = lp_ytree_get(node, "size")) && lp_lparse_length(p, v, false, &st->size_pt) &&
	        st->size_pt <= 0)
		lp_lparse_error(p, v, "a font size must be more than 0");
	else if (v && (st->size_pt > l->page_w_pt || st->size_pt > l->page_h_pt))
		/* Its letters would run off the paper, and out of what readers
		 * extract of the page. */
		lp_lparse_error(p, v, "a font size of %gpt is larger than the %.0fx%.0f pt page",
		        (double)st->size_pt, (double)l->page_w_pt, (double)l->page_h_pt);
	if ((v = lp_ytree_get(node, "leading")))
		leading_set = lp_lparse_length(p, v, false, &st->leading_pt);
	if (!leading_set)
		st->leading_pt = st->size_pt * LP_LAYOUT_DEFAULT_LEADING;
	else if (st->leading_pt < st->size_pt * LP_LAYOUT_MIN_LEADING)
		lp_lparse_error(p, v,
		        "leading %gpt is under half the %gpt size: it sets lines on top of one "
		        "another",
		        (double)st->leading_pt, (double)st->size_pt);
	if ((v = lp_ytree_get(node, "align")))
		parse_align(p, v, &st->align);
	if ((v = lp_ytree_get(node, "first-indent"))) {
		lp_lparse_length(p, v, true, &st->first_indent_pt);
		st->first_indent_at = (lp_layout_at){v->line, v->col};
	}
	if ((v = lp_ytree_get(node, "left-indent"))) {
		lp_lparse_length(p, v, false, &st->left_indent_pt);
		st->left_indent_at = (lp_layout_at){v->line, v->col};
	}
	if ((v = lp_ytree_get(node, "space-before")))
		lp_lparse_length(p, v, false, &st->space_before_pt);
	if ((v = lp_ytree_get(node, "space-after")))
		lp_lparse_length(p, v, false, &st->space_after_pt);
	if ((v = lp_ytree_get(node, "tracking")) && lp_lparse_em(p, v, &st->tracking_em) &&
	        st->tracking_em < LP_LAYOUT_MIN_TRACKING_EM)
		lp_lparse_error(p, v,
		        "tracking %gem sets letters on top of one another; it may be from %gem",
		        (double)st->tracking_em, (double)LP_LAYOUT_MIN_TRACKING_EM);
	if ((v = lp_ytree_get(node, "color")))
		lp_lparse_color(p, v, &st->color);
	if ((v = lp_ytree_get(node, "hyphenate")))
		lp_lparse_bool(p, v, &st->hyphenate);
	if ((v = lp_ytree_get(node, "uppercase")))
		lp_lparse_bool(p, v, &st->uppercase);
	if ((v = lp_ytree_get(node, "lang")))
		st->lang = lp_lparse_string(p, v, "a language tag");
}

static const char *
style_ref(lp_lparse *p, const lp_ynode *node, const char *fallback)
{
	if (!node) {
		const lp_style *st = lp_layout_style(p->layout, fallback);
		return st ? st->name : p->layout->style_body;
	}
	const char *name = lp_lparse_style_ref(p, node);
	return name ? name : p->layout->style_body;
}

void
lp_lparse_styles(lp_lparse *p, const lp_ynode *root)
{
	static const char *const for_keys[] = {
	        "body", "heading1", "heading2", "heading3", "list", "quote", "code", NULL};
	const lp_ynode *node = lp_ytree_get(root, "styles");
	if (!node) {
		lp_lparse_error(p, root, "a layout needs a styles: section");
		return;
	}
	if (node->kind != LP_YNODE_MAP) {
		lp_lparse_error(p, node, "styles must be a mapping from style names to styles");
		return;
	}
	p->styles = lp_arena_array(p->arena, node->n ? node->n : 1, sizeof *p->styles);
	if (!p->styles) {
		p->nomem = true;
		return;
	}
	/* A variant's own styles replace every inherited one, its count too:
	 * with `styles: {}` the other layout's count would be read past this
	 * array. */
	p->layout->styles = p->styles;
	p->layout->n_styles = 0;
	for (uint32_t i = 0; i < node->n; i++) {
		parse_style(p, node->items[2 * i], node->items[2 * i + 1], i);
		p->layout->n_styles = i + 1;
	}

	const lp_ynode *map = lp_ytree_get(root, "styles-for");
	if (map && !lp_lparse_map(p, map, "styles-for", for_keys))
		map = NULL;
	const lp_ynode *body = lp_ytree_get(map, "body");
	/* Nor does a variant keep the other layout's body style's name, which
	 * its own styles may not have (every style_ref() falls back to it). */
	p->layout->style_body = NULL;
	p->layout->style_body = style_ref(p, body, "body");
	if (!p->layout->style_body && !body)
		lp_lparse_error(p, map ? map : root, "no style 'body' and no styles-for: body");
	lp_layout *l = p->layout;
	/* A heading level the layout gives no style (neither under styles-for:
	 * nor a style of that name) takes the nearest level that has one,
	 * the larger first, and the flow says so where such a heading is. */
	static const char *const levels[3] = {"heading1", "heading2", "heading3"};
	bool given[3];
	for (int i = 0; i < 3; i++) {
		const lp_ynode *n = lp_ytree_get(map, levels[i]);
		given[i] = n || lp_layout_style(l, levels[i]);
		l->style_heading[i] = given[i] ? style_ref(p, n, levels[i]) : NULL;
		l->heading_fallback[i] = !given[i];
	}
	for (int i = 0; i < 3; i++) {
		for (int d = 1; !given[i] && !l->style_heading[i] && d < 3; d++) {
			if (i - d >= 0 && given[i - d])
				l->style_heading[i] = l->style_heading[i - d];
			else if (i + d < 3 && given[i + d])
				l->style_heading[i] = l->style_heading[i + d];
		}
		if (!l->style_heading[i])
			l->style_heading[i] = l->style_body;
	}
	l->style_list = style_ref(p, lp_ytree_get(map, "list"), "list");
	l->style_quote = style_ref(p, lp_ytree_get(map, "quote"), "quote");
	l->style_code = style_ref(p, lp_ytree_get(map, "code"), "code");
}

/* ---- breaking: -------------------------------------------------------- */

typedef enum { KP_FLOAT, KP_EM, KP_INT, KP_BOOL } kp_kind;

/* Every overridable field of lp_kp_params, with the range TeX allows:
 * penalties and demerits are bounded by ±10000 (TeX: The Program §157
 * treats 10000 as infinite), badness tolerances by 10000 (§108). */
static const struct {
	const char *key;
	size_t offset;
	kp_kind kind;
	double min, max;
} kp_fields[] = {
        {"tolerance", offsetof(lp_kp_params, tolerance), KP_FLOAT, 0, 10000},
        {"pretolerance", offsetof(lp_kp_params, pretolerance), KP_FLOAT, -1, 10000},
        {"line-penalty", offsetof(lp_kp_params, line_penalty), KP_FLOAT, -10000, 10000},
        {"hyphen-penalty", offsetof(lp_kp_params, hyphen_penalty), KP_FLOAT, -10000, 10000},
        {"ex-hyphen-penalty", offsetof(lp_kp_params, ex_hyphen_penalty), KP_FLOAT, -10000, 10000},
        {"double-hyphen-demerits", offsetof(lp_kp_params, double_hyphen_demerits), KP_FLOAT, 0,
                1e7},
        {"final-hyphen-demerits", offsetof(lp_kp_params, final_hyphen_demerits), KP_FLOAT, 0, 1e7},
        {"adj-demerits", offsetof(lp_kp_params, adj_demerits), KP_FLOAT, 0, 1e7},
        {"looseness", offsetof(lp_kp_params, looseness), KP_INT, -100, 100},
        {"emergency-stretch", offsetof(lp_kp_params, emergency_stretch_em), KP_EM, 0, 100},
        {"space-stretch", offsetof(lp_kp_params, space_stretch), KP_FLOAT, 0, 10},
        {"space-shrink", offsetof(lp_kp_params, space_shrink), KP_FLOAT, 0, 1},
        {"par-fill-skip", offsetof(lp_kp_params, par_fill_skip_em), KP_EM, 0, 100},
        {"first-fit", offsetof(lp_kp_params, first_fit), KP_BOOL, 0, 1},
        {"left-hyphen-min", offsetof(lp_kp_params, left_hyphen_min), KP_INT, 1, 10},
        {"right-hyphen-min", offsetof(lp_kp_params, right_hyphen_min), KP_INT, 1, 10},
};

#define KP_N_FIELDS (sizeof kp_fields / sizeof kp_fields[0])

void
lp_lparse_breaking(lp_lparse *p, const lp_ynode *node)
{
	const char *keys[KP_N_FIELDS + 1];
	for (size_t i = 0; i < KP_N_FIELDS; i++)
		keys[i] = kp_fields[i].key;
	keys[KP_N_FIELDS] = NULL;
	if (!lp_lparse_map(p, node, "breaking", keys))
		return;
	char *params = (char *)&p->layout->breaking;
	for (size_t i = 0; i < KP_N_FIELDS; i++) {
		const lp_ynode *v = lp_ytree_get(node, kp_fields[i].key);
		void *field = params + kp_fields[i].offset;
		double d;
		float em;
		if (!v)
			continue;
		switch (kp_fields[i].kind) {
		case KP_FLOAT:
			if (lp_lparse_number(p, v, kp_fields[i].min, kp_fields[i].max, &d))
				*(float *)field = (float)d;
			break;
		case KP_EM:
			if (!lp_lparse_em(p, v, &em))
				break;
			if (em < kp_fields[i].min)
				lp_lparse_error(p, v, "%s must not be negative", kp_fields[i].key);
			else
				*(float *)field = em;
			break;
		case KP_INT:
			lp_lparse_int(
			        p, v, (int)kp_fields[i].min, (int)kp_fields[i].max, (int *)field);
			break;
		case KP_BOOL:
			lp_lparse_bool(p, v, (bool *)field);
			break;
		}
	}
}
