/* The first-page: and following-pages: templates of a layout file: the body
 * frame and the blocks around it. */
#include "layout/layoutparse.h"

#include <string.h>

/* Defaults of the rule-like blocks. A hairline of 0.5 pt still prints on a
 * fax at 200 dpi; 5 mm fold ticks follow DIN 5008's marks. */
#define LP_LAYOUT_RULE_WIDTH_PT 0.5f
#define LP_LAYOUT_MARK_LENGTH_PT (5.0f * 72.0f / 25.4f)
#define LP_LAYOUT_WATERMARK_OPACITY 0.15f
#define LP_LAYOUT_WATERMARK_ANGLE 45.0f
/* A separator in the flow (an end mark) keeps this much room above and
 * below it unless its space: says otherwise. */
#define LP_LAYOUT_SEPARATOR_SPACE_PT 6.0f
/* Rounding in "x: center" and mm → pt conversions must not make a frame
 * that touches the page edge count as outside it. */
#define LP_LAYOUT_EDGE_SLACK_PT 0.01f

enum {
	K_TEXT = 1u << 0, /* style, lines, autolink */
	K_ASSET = 1u << 1, /* an image */
	K_RULE = 1u << 2, /* rule-width, color */
	K_MARK = 1u << 3, /* length */
	K_WATER = 1u << 4, /* opacity, angle, color */
	K_FLOW = 1u << 5, /* may be placed in the body flow */
	K_FIXED = 1u << 6, /* may be placed at x/y */
	K_SPACE = 1u << 7, /* space: a separator's room in the flow */
};

static const struct {
	const char *name;
	lp_lblock_kind kind;
	unsigned keys;
} kinds[] = {
        {"emblem", LP_LB_EMBLEM, K_ASSET | K_FIXED},
        {"text", LP_LB_TEXT, K_TEXT | K_FLOW | K_FIXED},
        {"title", LP_LB_TITLE, K_TEXT | K_FLOW | K_FIXED},
        {"reference", LP_LB_REFERENCE, K_TEXT | K_FLOW | K_FIXED},
        {"dateline", LP_LB_DATELINE, K_TEXT | K_FLOW | K_FIXED},
        {"separator", LP_LB_SEPARATOR, K_RULE | K_FLOW | K_FIXED | K_SPACE},
        {"signature", LP_LB_SIGNATURE, K_TEXT | K_ASSET | K_FLOW | K_FIXED},
        {"page-number", LP_LB_PAGE_NUMBER, K_TEXT | K_FIXED},
        {"watermark", LP_LB_WATERMARK, K_TEXT | K_WATER | K_FIXED},
        {"fold-marks", LP_LB_FOLD_MARKS, K_RULE | K_MARK},
        {"punch-mark", LP_LB_PUNCH_MARK, K_RULE | K_MARK},
};

#define N_KINDS (sizeof kinds / sizeof kinds[0])

static const char *const block_keys[] = {"kind", "flow", "x", "y", "width", "height", "style",
        "lines", "autolink", "asset", "alt", "rule-width", "color", "length", "opacity", "angle",
        "space", NULL};

/* Which keys a kind takes beyond kind:, by the K_ group they belong to. */
static unsigned
key_group(const char *key)
{
	static const struct {
		const char *key;
		unsigned group;
	} groups[] = {
	        {"style", K_TEXT},
	        {"lines", K_TEXT},
	        {"autolink", K_TEXT},
	        {"asset", K_ASSET},
	        {"alt", K_ASSET},
	        {"rule-width", K_RULE},
	        {"color", K_RULE | K_WATER},
	        {"length", K_MARK},
	        {"opacity", K_WATER},
	        {"angle", K_WATER},
	        {"flow", K_FLOW},
	        {"y", K_FIXED},
	        {"height", K_FIXED | K_ASSET},
	        {"space", K_SPACE},
	};
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		if (strcmp(key, groups[i].key) == 0)
			return groups[i].group;
	}
	return ~0u; /* x, width: every kind */
}

static bool
rect_inside(const lp_layout *l, lp_rect r)
{
	return r.x >= -LP_LAYOUT_EDGE_SLACK_PT && r.y >= -LP_LAYOUT_EDGE_SLACK_PT &&
	       r.x + r.w <= l->page_w_pt + LP_LAYOUT_EDGE_SLACK_PT &&
	       r.y + r.h <= l->page_h_pt + LP_LAYOUT_EDGE_SLACK_PT;
}

/* near: where to report a frame that came out empty when node is absent
 * (the page's margins made it so). */
static void
parse_body(lp_lparse *p, const lp_ynode *node, const lp_ynode *near, lp_rect *body)
{
	static const char *const keys[] = {
	        "top", "bottom", "left", "right", "x", "y", "width", "height", NULL};
	const lp_layout *l = p->layout;
	float top = p->margin_top, bottom = p->margin_bottom, left = p->margin_left,
	      right = p->margin_right;
	if (node && lp_lparse_map(p, node, "body", keys)) {
		const lp_ynode *v;
		bool edges = false, rect = false;
		for (uint32_t i = 0; i < node->n; i++) {
			const char *k = node->items[2 * i]->str;
			bool is_edge = !strcmp(k, "top") || !strcmp(k, "bottom") ||
			               !strcmp(k, "left") || !strcmp(k, "right");
			edges = edges || is_edge;
			rect = rect || !is_edge;
		}
		if (edges && rect)
			lp_lparse_error(p, node,
			        "a body frame takes either top/bottom/left/right or "
			        "x/y/width/height, not both");
		if ((v = lp_ytree_get(node, "top")) || (v = lp_ytree_get(node, "y")))
			lp_lparse_length(p, v, true, &top);
		if ((v = lp_ytree_get(node, "left")) || (v = lp_ytree_get(node, "x")))
			lp_lparse_length(p, v, true, &left);
		if ((v = lp_ytree_get(node, "bottom")))
			lp_lparse_length(p, v, true, &bottom);
		if ((v = lp_ytree_get(node, "right")))
			lp_lparse_length(p, v, true, &right);
		float w = 0, h = 0;
		if ((v = lp_ytree_get(node, "width")) && lp_lparse_length(p, v, true, &w))
			right = l->page_w_pt - left - w;
		if ((v = lp_ytree_get(node, "height")) && lp_lparse_length(p, v, true, &h))
			bottom = l->page_h_pt - top - h;
	}
	*body = (lp_rect){left, top, l->page_w_pt - left - right, l->page_h_pt - top - bottom};
	if (body->w <= 0 || body->h <= 0 || !rect_inside(l, *body))
		lp_lparse_error(p, node ? node : near,
		        "the body frame (%.1f, %.1f, %.1f × %.1f pt) "
		        "is empty or outside the %.1f × %.1f pt page",
		        body->x, body->y, body->w, body->h, l->page_w_pt, l->page_h_pt);
}

static bool
parse_flow(lp_lparse *p, const lp_ynode *v, lp_layout_block *b)
{
	const char *s = lp_lparse_scalar(p, v, "flow");
	if (!s)
		return false;
	if (strcmp(s, "before") != 0 && strcmp(s, "after") != 0) {
		lp_lparse_error(p, v, "flow: must be before or after (the body), not '%s'", s);
		return false;
	}
	b->in_flow = true;
	b->after_body = s[0] == 'a';
	return true;
}

static void
parse_geometry(lp_lparse *p, const lp_ynode *node, lp_layout_block *b, unsigned keys)
{
	const lp_layout *l = p->layout;
	const lp_ynode *v, *x = lp_ytree_get(node, "x");
	/* Blocks line up with the body frame unless told otherwise. */
	lp_rect r = {p->body.x, 0, b->in_flow ? 0 : p->body.w, 0};
	if ((keys & K_MARK))
		r = (lp_rect){0, 0, b->length_pt, 0};
	if (b->kind == LP_LB_EMBLEM && (v = lp_ytree_get(node, "height")))
		lp_lparse_length(p, v, false, &r.h);
	if (b->kind == LP_LB_EMBLEM)
		r.w = r.h;
	if ((v = lp_ytree_get(node, "width")))
		lp_lparse_length(p, v, false, &r.w);
	if (b->kind != LP_LB_EMBLEM && (v = lp_ytree_get(node, "height"))) {
		lp_lparse_length(p, v, false, &r.h);
		b->pinned_height = true;
	}
	bool centred = x && x->kind == LP_YNODE_SCALAR && strcmp(x->str, "center") == 0;
	if (centred)
		r.x = (l->page_w_pt - r.w) / 2;
	else if (x)
		lp_lparse_length(p, x, false, &r.x);
	if (b->in_flow) {
		if ((v = lp_ytree_get(node, "y")) || (v = lp_ytree_get(node, "height")))
			lp_lparse_error(p, v, "a block in the flow takes no y or height");
		if (!lp_ytree_get(node, "width") && !x)
			r.x = 0;
		if (b->kind == LP_LB_SEPARATOR)
			r.h = b->rule_width_pt;
		b->rect = r;
		if (r.w > 0 && !rect_inside(l, r))
			lp_lparse_error(p, node, "the block is wider than the page");
		return;
	}
	/* Text set at a width of nothing has no line to go on, and a picture
	 * or a rule of no width is not there at all. */
	if (!(r.w > 0) && (v = lp_ytree_get(node, "width")))
		lp_lparse_error(p, v,
		        (keys & K_TEXT) ? "a %s block sets text: its width must be more than 0"
		                        : "this %s block would show nothing: its width must be "
		                          "more than 0",
		        lp_ytree_get(node, "kind")->str);
	if ((keys & K_FIXED)) {
		if (!(v = lp_ytree_get(node, "y")))
			lp_lparse_error(p, node, "a %s block needs y: (or flow:)",
			        lp_ytree_get(node, "kind")->str);
		else
			lp_lparse_length(p, v, false, &r.y);
	}
	if (b->kind == LP_LB_EMBLEM && r.h <= 0)
		lp_lparse_error(p, node, "an emblem needs a height");
	if (b->kind == LP_LB_SEPARATOR && r.h <= 0)
		r.h = b->rule_width_pt;
	/* A text block is as tall as its lines unless told otherwise. */
	const lp_style *st = b->style ? lp_layout_style(l, b->style) : NULL;
	if (st && r.h <= 0)
		r.h = (float)b->n_lines * st->leading_pt;
	b->rect = r;
	if (!rect_inside(l, r))
		lp_lparse_error(p, node,
		        "the block (%.1f, %.1f, %.1f × %.1f pt) is outside the "
		        "%.1f × %.1f pt page",
		        r.x, r.y, r.w, r.h, l->page_w_pt, l->page_h_pt);
}

static void
parse_block(lp_lparse *p, const lp_ynode *node, lp_layout_block *b)
{
	if (!lp_lparse_map(p, node, "a block", block_keys))
		return;
	b->src_line = node->line;
	b->src_col = node->col;
	const lp_ynode *v = lp_ytree_get(node, "kind");
	const char *kind = v ? lp_lparse_scalar(p, v, "a block kind") : NULL;
	size_t k = 0;
	while (kind && k < N_KINDS && strcmp(kinds[k].name, kind) != 0)
		k++;
	if (!v)
		lp_lparse_error(p, node, "a block needs kind:");
	else if (kind && k == N_KINDS) {
		const char *names[N_KINDS];
		for (size_t i = 0; i < N_KINDS; i++)
			names[i] = kinds[i].name;
		lp_lparse_error_near(p, v, kind, names, N_KINDS,
		        "unknown block kind '%s' (emblem, text, title, reference, "
		        "dateline, separator, signature, page-number, watermark, "
		        "fold-marks, punch-mark)",
		        kind);
	}
	if (!kind || k == N_KINDS)
		return;
	unsigned keys = kinds[k].keys;
	b->kind = kinds[k].kind;
	for (uint32_t i = 0; i < node->n; i++) {
		const lp_ynode *key = node->items[2 * i];
		if (!(key_group(key->str) & keys))
			lp_lparse_error(p, key, "a %s block takes no %s:", kind, key->str);
	}
	b->rule_width_pt = (keys & K_RULE) ? LP_LAYOUT_RULE_WIDTH_PT : 0;
	b->length_pt = (keys & K_MARK) ? LP_LAYOUT_MARK_LENGTH_PT : 0;
	b->opacity = 1;
	if ((keys & K_WATER)) {
		b->opacity = LP_LAYOUT_WATERMARK_OPACITY;
		b->angle_deg = LP_LAYOUT_WATERMARK_ANGLE;
	}
	b->space_pt = (keys & K_SPACE) ? LP_LAYOUT_SEPARATOR_SPACE_PT : 0;
	if ((keys & K_SPACE) && (v = lp_ytree_get(node, "space")))
		lp_lparse_length(p, v, false, &b->space_pt);
	double d;
	if ((keys & K_RULE) && (v = lp_ytree_get(node, "rule-width")) &&
	        lp_lparse_length(p, v, false, &b->rule_width_pt) && b->rule_width_pt <= 0)
		lp_lparse_error(p, v, "a rule must be wider than 0");
	if ((keys & K_MARK) && (v = lp_ytree_get(node, "length")) &&
	        lp_lparse_length(p, v, false, &b->length_pt) && b->length_pt <= 0)
		lp_lparse_error(p, v, "a mark must be longer than 0");
	if ((keys & (K_RULE | K_WATER)) && (v = lp_ytree_get(node, "color")))
		lp_lparse_color(p, v, &b->color);
	if ((keys & K_WATER) && (v = lp_ytree_get(node, "opacity")) &&
	        lp_lparse_number(p, v, 0, 1, &d))
		b->opacity = (float)d;
	if ((keys & K_WATER) && (v = lp_ytree_get(node, "angle")) &&
	        lp_lparse_number(p, v, -360, 360, &d))
		b->angle_deg = (float)d;
	if ((keys & K_ASSET) && (v = lp_ytree_get(node, "asset")))
		b->asset = lp_lparse_asset(p, v, "asset", &b->asset_shown);
	else if (b->kind == LP_LB_EMBLEM)
		lp_lparse_error(p, node, "an emblem needs asset:");
	if ((keys & K_ASSET) && (v = lp_ytree_get(node, "alt")))
		b->alt = lp_lparse_string(p, v, "an alternative text");
	if ((keys & K_FLOW) && (v = lp_ytree_get(node, "flow")))
		parse_flow(p, v, b);
	if ((keys & K_TEXT)) {
		b->style = p->layout->style_body;
		if ((v = lp_ytree_get(node, "style"))) {
			const char *name = lp_lparse_style_ref(p, v);
			if (name)
				b->style = name;
		}
		if ((v = lp_ytree_get(node, "autolink")))
			lp_lparse_bool(p, v, &b->autolink);
		if ((v = lp_ytree_get(node, "lines"))) {
			b->lines = lp_lparse_lines(p, v, &b->n_lines);
		} else if (b->kind == LP_LB_SIGNATURE) {
			static const char *const signature[] = {
			        "{signature.name}", "{signature.function}"};
			b->lines = signature;
			b->n_lines = 2;
		} else {
			lp_lparse_error(p, node, "a %s block needs lines:", kind);
		}
		if (b->lines && b->n_lines == 0)
			lp_lparse_error(p, v, "a %s block needs at least one line", kind);
	}
	parse_geometry(p, node, b, keys);
}

static void
parse_template(lp_lparse *p, const lp_ynode *root, const char *key, lp_page_template *t)
{
	static const char *const keys[] = {"body", "blocks", NULL};
	const lp_ynode *node = lp_ytree_get(root, key);
	if (node && !lp_lparse_map(p, node, key, keys))
		return;
	/* Without its own body: the template's key, else the page: section
	 * whose size and margins give the default frame, else the file. */
	const lp_ynode *near = node ? node : lp_ytree_get(root, "page");
	parse_body(p, lp_ytree_get(node, "body"), near ? near : root, &t->body);
	p->body = t->body;
	const lp_ynode *list = lp_ytree_get(node, "blocks");
	if (!list)
		return;
	if (list->kind != LP_YNODE_SEQ) {
		lp_lparse_error(p, list, "blocks must be a list");
		return;
	}
	lp_layout_block *blocks = lp_arena_array(p->arena, list->n ? list->n : 1, sizeof *blocks);
	if (!blocks) {
		p->nomem = true;
		return;
	}
	for (uint32_t i = 0; i < list->n; i++)
		parse_block(p, list->items[i], &blocks[i]);
	t->blocks = blocks;
	t->n_blocks = list->n;
}

void
lp_lparse_templates(lp_lparse *p, const lp_ynode *root)
{
	/* A layout extending another keeps the templates it does not give. */
	if (!p->parent || lp_ytree_get(root, "first-page")) {
		parse_template(p, root, "first-page", &p->layout->first);
		p->layout->first_from = p->layout;
	}
	if (!p->parent || lp_ytree_get(root, "following-pages")) {
		parse_template(p, root, "following-pages", &p->layout->rest);
		p->layout->rest_from = p->layout;
	}
}

void
lp_lparse_inherited_templates(lp_lparse *p, const lp_ynode *root)
{
	const lp_layout *l = p->layout;
	const lp_ynode *page = lp_ytree_get(root, "page");
	const lp_ynode *at = lp_lparse_page_size_node(page);
	static const char *const keys[] = {"first-page", "following-pages"};
	const lp_page_template *tpl[] = {&l->first, &l->rest};
	const lp_layout *from[] = {l->first_from, l->rest_from};
	for (int t = 0; t < 2; t++) {
		if (lp_ytree_get(root, keys[t]))
			continue;
		const lp_rect *b = &tpl[t]->body;
		if (!rect_inside(l, *b))
			lp_lparse_error(p, at ? at : page,
			        "the %s body frame (%.1f, %.1f, %.1f × %.1f pt) this layout "
			        "inherits from %s is outside its %.1f × %.1f pt page: give it a "
			        "%s: of its own",
			        keys[t], b->x, b->y, b->w, b->h,
			        lp_layout_shown(from[t] ? from[t] : l), l->page_w_pt, l->page_h_pt,
			        keys[t]);
		for (uint32_t i = 0; i < tpl[t]->n_blocks; i++) {
			const lp_layout_block *blk = &tpl[t]->blocks[i];
			lp_rect r = blk->rect;
			if ((blk->in_flow && !(r.w > 0)) || rect_inside(l, r))
				continue;
			lp_lparse_error(p, at ? at : page,
			        "the block at %s:%u:%u, which this layout inherits, is outside its "
			        "%.1f × %.1f pt page: give it a %s: of its own",
			        lp_layout_block_path(l, blk), blk->src_line, blk->src_col,
			        l->page_w_pt, l->page_h_pt, keys[t]);
		}
	}
}
