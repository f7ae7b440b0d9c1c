/* The body flow: in-flow layout blocks before the body (title, reference),
 * the release's blocks, then the in-flow blocks after it (dateline,
 * separator, signature). Each becomes a set paragraph (or a rule) and an
 * lp_flow_block for the page builder. */
#include "pipeline/pipeline.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "image/image.h"
#include "pipeline/bundle.h"

#include <math.h>
#include <stdlib.h>

#include <string.h>

/* Left indent per level of list or quote nesting. */
#define LP_FLOW_NEST_INDENT_EM 1.5f
/* Nesting indents stop at this share of the measure, so that text nested
 * as deep as LP_MAX_NESTING allows still has room for words (at 1.5 em a
 * level, 26 levels left none). */
#define LP_FLOW_NEST_MAX_SHARE 0.5f

static lp_status
push_flow(lp_job *job, const lp_flow_block *fb, const lp_flow_content *fc)
{
	if (fb->kind == LP_FLOW_LINES)
		lp_job_bound_add(job, &job->bound, fb->n_lines, fb->leading_pt, fb->space_before_pt,
		        fb->space_after_pt);
	else
		lp_job_bound_add(job, &job->bound, 1, fb->height_pt, fb->space_before_pt,
		        fb->space_after_pt);
	/* Heap arrays, not the arena, where each doubling would leave the old
	 * copy behind (a block per list item adds up). They share a capacity:
	 * grown from the same one to the same need, they grow alike. */
	uint32_t cap = job->cap_flow;
	lp_status s = LP_ARRAY_RESERVE(job->flow, cap, (size_t)job->n_flow + 1, LP_ARRAY_ANY);
	if (s == LP_OK) {
		cap = job->cap_flow;
		s = LP_ARRAY_RESERVE(job->content, cap, (size_t)job->n_flow + 1, LP_ARRAY_ANY);
	}
	if (s != LP_OK)
		return s;
	job->cap_flow = cap;
	job->flow[job->n_flow] = *fb;
	job->content[job->n_flow] = *fc;
	job->content[job->n_flow].sig = job->in_sig;
	job->content[job->n_flow].src = job->at;
	job->n_flow++;
	return LP_OK;
}

lp_status
lp_job_add_flow(lp_job *job, const lp_flow_block *fb, const lp_flow_content *fc)
{
	return push_flow(job, fb, fc);
}

/* The last block added, to say what it is for the structure tree. */
static lp_flow_content *
last_content(lp_job *job)
{
	return &job->content[job->n_flow - 1];
}

static const lp_style *
style_or_body(lp_job *job, const char *name)
{
	const lp_style *st = name ? lp_layout_style(job->layout, name) : NULL;
	if (!st)
		st = lp_layout_style(job->layout, job->layout->style_body);
	return st;
}

/* A first-indent: that leaves a paragraph's first line no room, or that
 * starts it past the paper's left edge, would set lines no one can read:
 * the layout's error at that line. A hanging indent may reach into the
 * margin; the first frame or the following pages' one, whichever is
 * further left, must hold it. */
static lp_status
check_first_indent(lp_job *job, const lp_style *st, float indent_pt)
{
	const lp_layout *lay = job->layout;
	float measure = job->measure_pt - indent_pt, first = st->first_indent_pt;
	float left = fminf(lay->first.body.x, lay->rest.body.x) + indent_pt + first;
	if (first < measure && left >= 0)
		return LP_OK;
	const char *path = lp_layout_styles_path(lay);
	lp_layout_at at = st->first_indent_at;
	const char *name = st->name ? st->name : "";
	if (!(first < measure))
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_SYNTAX, path, at.line, at.col,
		        "style '%s' indents a paragraph's first line by %.1f mm, which leaves it "
		        "no "
		        "room in the %.1f mm its lines have (%s:%u)",
		        name, first / 72 * 25.4f, measure / 72 * 25.4f, lp_source_name(job->src),
		        job->src_line);
	return lp_diag_report(job->diag, LP_ERROR, LP_ERR_SYNTAX, path, at.line, at.col,
	        "style '%s' starts a paragraph's first line %.1f mm left of the page's edge "
	        "(%s:%u)",
	        name, -left / 72 * 25.4f, lp_source_name(job->src), job->src_line);
}

/* Adds one paragraph of text to the flow. */
static lp_status
add_par(lp_job *job, const char *text, uint32_t len, const lp_rspan *spans, uint32_t n_spans,
        const lp_style *st, float indent_pt, lp_flow_block fb)
{
	lp_status s = check_first_indent(job, st, indent_pt);
	if (s != LP_OK)
		return s;
	if (st->uppercase && !spans) {
		text = lp_text_upper(job->arena, text, st->lang ? st->lang : job->lang);
		len = (uint32_t)strlen(text);
	}
	const lp_set_par *sp;
	s = lp_job_set_par(job, text, len, spans, n_spans, st, job->measure_pt - indent_pt,
	        st->first_indent_pt, &sp);
	if (s != LP_OK)
		return s;
	((lp_set_par *)sp)->x_pt = indent_pt;
	fb.kind = LP_FLOW_LINES;
	fb.n_lines = sp->lines->n_lines;
	bool *hyph = NULL;
	for (uint32_t i = 0; i < fb.n_lines; i++) {
		/* A line that ends inside a word: hyphenated, or broken after
		 * a dash or in an address (the next line starts where it ends,
		 * no space between). */
		const lp_line *ln = &sp->lines->lines[i];
		if (!ln->hyphenated &&
		        !(i + 1 < fb.n_lines && sp->lines->lines[i + 1].start == ln->end))
			continue;
		if (!hyph && !(hyph = lp_arena_array(job->arena, fb.n_lines, sizeof *hyph)))
			return LP_ERR_NOMEM;
		hyph[i] = true;
	}
	fb.hyphenated = hyph;
	fb.leading_pt = st->leading_pt;
	fb.first_ascent_pt = sp->ascent_pt;
	fb.space_before_pt = st->space_before_pt;
	fb.space_after_pt = st->space_after_pt;
	lp_flow_content fc = {.par = sp};
	return push_flow(job, &fb, &fc);
}

/* Makes the block just added a bookmark (lp_flow_content.outline_level). */
static lp_status
mark_outline(lp_job *job, uint8_t level, const char *text, size_t len)
{
	char *copy = lp_arena_strndup(job->arena, text, len);
	if (!copy)
		return LP_ERR_NOMEM;
	job->content[job->n_flow - 1].outline_level = level;
	job->content[job->n_flow - 1].outline_text = copy;
	return LP_OK;
}

static lp_status
add_rule(lp_job *job, float x, float len, float width, uint32_t color, float space, bool keep_prev)
{
	lp_flow_block fb = {.kind = LP_FLOW_BOX,
	        .height_pt = width,
	        .space_before_pt = space,
	        .space_after_pt = space,
	        .keep_with_prev = keep_prev};
	lp_flow_content fc = {
	        .rule_width_pt = width, .rule_x_pt = x, .rule_len_pt = len, .color = color};
	return push_flow(job, &fb, &fc);
}

/* A signature picture is set this tall unless the block says otherwise. */
#define LP_SIGNATURE_IMAGE_HEIGHT_PT 42.5f /* 15 mm */

/* The signature's picture: the release's `signature.image`, else the
 * layout block's asset; SVG, PNG or JPEG. Fitted to the block's height,
 * placed like its text (centred or at its left edge). */
static lp_status
add_signature_picture(
        lp_job *job, const lp_layout_block *lb, const lp_style *st, float x, float width)
{
	const char *rel_image = job->rel->meta.signature.image;
	const char *path = lb->asset;
	if (!rel_image && !path)
		return LP_OK;
	const lp_image *img = NULL;
	const lp_svg *svg = NULL;
	lp_status s = LP_OK;
	if (rel_image) {
		/* The release's own: decoded for this document, dropped with it. */
		const lp_release_picture *pic;
		s = lp_job_release_picture(job, rel_image, "signature.image",
		        job->rel->meta.signature.image_offset, &pic);
		if (s != LP_OK)
			return s;
		img = pic->image;
		svg = pic->svg;
	} else {
		/* The layout's: decoded once, with its bundle. */
		const lp_bundle_picture *pic = lp_bundle_picture_at(job->bundle, path);
		if (!pic)
			return lp_diag_report(job->diag, LP_ERROR, LP_ERR_INTERNAL,
			        lp_layout_block_path(job->layout, lb), lb->src_line, 0,
			        "the signature picture was not decoded with its layout");
		img = pic->image;
		svg = pic->svg;
	}
	lp_flow_content fc = {0};
	float iw, ih;
	if (svg) {
		lp_svg_size(svg, &iw, &ih);
		fc.svg = svg;
	} else {
		iw = (float)lp_image_width(img);
		ih = (float)lp_image_height(img);
		fc.image = img;
	}
	fc.pic_h_pt = lb->rect.h > 0 ? lb->rect.h : LP_SIGNATURE_IMAGE_HEIGHT_PT;
	fc.pic_w_pt = ih > 0 ? fc.pic_h_pt * iw / ih : fc.pic_h_pt;
	if (fc.pic_w_pt > width) {
		fc.pic_h_pt *= width / fc.pic_w_pt;
		fc.pic_w_pt = width;
	}
	fc.pic_x_pt = st->align == LP_ALIGN_CENTER  ? x + (width - fc.pic_w_pt) / 2
	              : st->align == LP_ALIGN_RIGHT ? x + width - fc.pic_w_pt
	                                            : x;
	lp_flow_block fb = {.kind = LP_FLOW_BOX,
	        .height_pt = fc.pic_h_pt,
	        .space_before_pt = st->space_before_pt,
	        .keep_with_prev = true,
	        .keep_with_next = true};
	/* A handwritten signature says the name it signs unless the layout
	 * gives it other words. */
	fc.role = LP_ROLE_FIGURE;
	fc.alt = lb->alt && *lb->alt ? lb->alt : job->rel->meta.signature.name;
	if (job->pdfua && (!fc.alt || !*fc.alt))
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
		        lp_layout_block_path(job->layout, lb), lb->src_line, lb->src_col,
		        "PDF/UA-1 (--pdfua) needs the signature picture's "
		        "alternative text: give the block 'alt:', or the release a 'signature:' "
		        "name");
	return push_flow(job, &fb, &fc);
}

/* Default text of in-flow blocks that list no lines. */
static const char *const *
default_lines(const lp_layout_block *lb, uint32_t *n)
{
	static const char *const title[] = {"{title}"};
	static const char *const dateline[] = {"[{place}][, {date}]"};
	static const char *const signature[] = {"{signature.name}", "{signature.function}"};
	static const char *const reference[] = {
	        "{label.number}: {number}", "{label.date}: {date}", "{label.place}: {place}"};
	if (lb->n_lines) {
		*n = lb->n_lines;
		return lb->lines;
	}
	switch (lb->kind) {
	case LP_LB_TITLE:
		*n = 1;
		return title;
	case LP_LB_DATELINE:
		*n = 1;
		return dateline;
	case LP_LB_SIGNATURE:
		*n = 2;
		return signature;
	case LP_LB_REFERENCE:
		*n = 3;
		return reference;
	default:
		*n = 0;
		return NULL;
	}
}

static lp_status
add_layout_block(lp_job *job, const lp_layout_block *lb, bool before_body)
{
	job->at = (lp_dl_source){lp_layout_block_path(job->layout, lb), lb->src_line, lb->src_col};
	if (lb->kind == LP_LB_SEPARATOR) {
		float x = lb->rect.w > 0 ? lb->rect.x - job->layout->first.body.x : 0;
		float len = lb->rect.w > 0 ? lb->rect.w : job->measure_pt;
		return add_rule(job, x, len, lb->rule_width_pt > 0 ? lb->rule_width_pt : 0.5f,
		        lb->color, lb->space_pt, true);
	}
	uint32_t n = 0;
	const char *const *lines = default_lines(lb, &n);
	lp_job_text_at_block(job, lb, lines, n);
	const lp_style *st = style_or_body(job, lb->style);
	float indent = lb->rect.w > 0 ? lb->rect.x - job->layout->first.body.x : 0;
	uint32_t shown = 0;
	/* The signature block is a signature field's place (sigstamp.c). */
	job->in_sig = lb->kind == LP_LB_SIGNATURE && job->sig_field;
	if (lb->kind == LP_LB_SIGNATURE) {
		float width = lb->rect.w > 0 ? lb->rect.w : job->measure_pt - indent;
		uint32_t before = job->n_flow;
		lp_status s = add_signature_picture(job, lb, st, indent, width);
		if (s != LP_OK)
			return s;
		shown = job->n_flow - before; /* the picture took the space before */
	}
	for (uint32_t i = 0; i < n; i++) {
		const char *text = lp_template_expand(job, lines[i], 0, 0);
		if (!text || !*text)
			continue;
		lp_flow_block fb = {0};
		/* The title and reference stay with the first lines of the body;
		 * the dateline and signature with its last lines. Lines of one
		 * block stay together. */
		fb.keep_with_next = before_body || i + 1 < n;
		fb.keep_with_prev = !before_body;
		if (shown > 0) {
			lp_style tight = *st;
			tight.space_before_pt = 0;
			lp_status s = add_par(
			        job, text, (uint32_t)strlen(text), NULL, 0, &tight, indent, fb);
			if (s != LP_OK)
				return s;
		} else {
			lp_status s =
			        add_par(job, text, (uint32_t)strlen(text), NULL, 0, st, indent, fb);
			if (s != LP_OK)
				return s;
		}
		last_content(job)->role = lb->kind == LP_LB_TITLE ? LP_ROLE_H1 : LP_ROLE_P;
		/* The title is the outline's root, as the release writes it
		 * (not in the capitals a layout may set it in). */
		if (lb->kind == LP_LB_TITLE && i == 0 && job->rel->meta.title) {
			const char *t = job->rel->meta.title;
			lp_status s = mark_outline(job, 1, t, strlen(t));
			if (s != LP_OK)
				return s;
		}
		shown++;
	}
	if (lb->kind == LP_LB_SIGNATURE) {
		/* The stamp's room, signed or not (sigstamp.c). */
		float width = job->measure_pt - indent;
		const lp_sig_stamp *stamp;
		lp_status s = lp_sig_stamp_new(job, st, indent, width, &stamp);
		if (s != LP_OK)
			return s;
		lp_flow_block fb = {.kind = LP_FLOW_BOX,
		        .height_pt = (float)stamp->n_lines * stamp->leading_pt,
		        .space_before_pt = shown ? 0 : st->space_before_pt,
		        .space_after_pt = st->space_after_pt,
		        .keep_with_prev = true};
		lp_flow_content fc = {.stamp = stamp, .role = LP_ROLE_P};
		if ((s = push_flow(job, &fb, &fc)) != LP_OK)
			return s;
	}
	job->in_sig = false;
	return LP_OK;
}

static bool
before_body(const lp_layout_block *lb)
{
	return !lb->after_body;
}

/* Prefixes a list item's marker to its text, shifting its spans. */
static lp_status
add_list_item(lp_job *job, const lp_block *blk, const lp_style *st, float indent)
{
	const char *marker = blk->marker ? blk->marker : "•";
	size_t mlen = strlen(marker) + 1; /* marker and a no-break space (2 bytes) */
	uint32_t len = (uint32_t)(mlen + 1 + blk->len);
	/* Scratch: setting the paragraph copies what it keeps. */
	char *text = lp_arena_alloc(job->scratch, len + 1);
	lp_rspan *spans = lp_arena_array(job->scratch, blk->n_spans + 1, sizeof *spans);
	if (!text || !spans)
		return LP_ERR_NOMEM;
	memcpy(text, marker, mlen - 1);
	memcpy(text + mlen - 1, "\xC2\xA0", 2);
	memcpy(text + mlen + 1, blk->text, blk->len);
	spans[0] = (lp_rspan){0, (uint32_t)(mlen + 1), 0, -1};
	for (uint32_t i = 0; i < blk->n_spans; i++) {
		spans[i + 1] = blk->spans[i];
		spans[i + 1].start += (uint32_t)(mlen + 1);
	}
	lp_flow_block fb = {0};
	job->src_block = blk;
	job->src_block_at = (uint32_t)(mlen + 1);
	lp_status s = add_par(job, text, len, spans, blk->n_spans + 1, st, indent, fb);
	job->src_block = NULL;
	if (s == LP_OK) {
		last_content(job)->list_level = blk->level ? blk->level : 1;
		last_content(job)->quote_depth = blk->quote_depth;
	}
	return s;
}

static const lp_style *
block_style(lp_job *job, const lp_block *blk)
{
	const lp_layout *L = job->layout;
	const char *name = L->style_body;
	if (blk->kind == LP_BLOCK_HEADING)
		name = L->style_heading[blk->level <= 1 ? 0 : blk->level == 2 ? 1 : 2];
	else if (blk->kind == LP_BLOCK_LIST_ITEM && L->style_list)
		name = L->style_list;
	else if (blk->kind == LP_BLOCK_CODE && L->style_code)
		name = L->style_code;
	else if (blk->quote_depth && L->style_quote)
		name = L->style_quote;
	return style_or_body(job, name);
}

/* Before anything is shaped: every block with text makes at least one line
 * (a rule its 0.5 pt), so a release of a million one-word paragraphs is
 * refused in time proportional to reading it. */
static lp_status
estimate_pages(lp_job *job)
{
	struct lp_page_bound b = {0};
	for (uint32_t i = 0; i < job->rel->n_blocks; i++) {
		const lp_block *blk = &job->rel->blocks[i];
		const lp_style *st = block_style(job, blk);
		if (blk->kind == LP_BLOCK_RULE)
			lp_job_bound_add(job, &b, 1, 0.5, st->size_pt, st->size_pt);
		else if (blk->kind == LP_BLOCK_TABLE)
			lp_job_bound_add(job, &b, blk->table->n_rows, st->leading_pt,
			        st->space_before_pt, st->space_after_pt);
		else if (blk->len > 0 || blk->kind == LP_BLOCK_LIST_ITEM)
			lp_job_bound_add(job, &b, 1, st->leading_pt, st->space_before_pt,
			        st->space_after_pt);
		lp_status s = lp_job_check_pages(job, &b, blk, " (counting a line a paragraph)");
		if (s != LP_OK)
			return s;
	}
	return LP_OK;
}

/* A table, a paragraph after an item's first or a code block inside a
 * list item: its level is the item's depth (a heading's is its own). */
static bool
in_list_item(const lp_block *blk)
{
	return blk->level && (blk->kind == LP_BLOCK_TABLE || blk->kind == LP_BLOCK_PARAGRAPH ||
	                             blk->kind == LP_BLOCK_CODE);
}

static lp_status
add_release_block(lp_job *job, const lp_block *blk)
{
	const lp_style *st = block_style(job, blk);
	if (blk->kind == LP_BLOCK_HEADING) {
		int i = blk->level <= 1 ? 0 : blk->level == 2 ? 1 : 2;
		if (job->layout->heading_fallback[i])
			lp_diag_at(job->diag, LP_WARNING, LP_OK, job->src, blk->src_offset,
			        "the layout has no style for this heading's level (heading%d): it "
			        "is "
			        "set in '%s'",
			        i + 1, st->name);
	}
	uint32_t col;
	lp_source_line_col(job->src, blk->src_offset, &job->src_line, &col);
	job->src_offset = blk->src_offset;
	job->src_name = NULL;
	job->at = (lp_dl_source){lp_source_name(job->src), job->src_line, col};
	float em = st->size_pt * LP_FLOW_NEST_INDENT_EM;
	float indent = st->left_indent_pt + em * (float)blk->quote_depth;
	if (blk->kind == LP_BLOCK_LIST_ITEM)
		indent += em * (float)(blk->level ? blk->level - 1 : 0);
	else if (in_list_item(blk)) /* where its item's marker is, as the item's lines */
		indent += style_or_body(job, job->layout->style_list)->left_indent_pt +
		          em * (float)(blk->level - 1);
	float most = fmaxf(st->left_indent_pt, job->measure_pt * LP_FLOW_NEST_MAX_SHARE);
	if (indent > most) {
		lp_diag_at(job->diag, LP_WARNING, LP_OK, job->src, blk->src_offset,
		        "lists and block quotes nested this deep are indented no further, so that "
		        "their lines keep half the measure");
		indent = most;
	}
	if (!(indent < job->measure_pt) && blk->kind != LP_BLOCK_RULE)
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_SYNTAX,
		        lp_layout_styles_path(job->layout), st->left_indent_at.line,
		        st->left_indent_at.col,
		        "style '%s' indents its lines by %.1f mm, which leaves them no room in the "
		        "body frame's %.1f mm (%s:%u)",
		        st->name ? st->name : "", indent / 72 * 25.4f, job->measure_pt / 72 * 25.4f,
		        lp_source_name(job->src), job->src_line);

	lp_status s = LP_OK;
	switch (blk->kind) {
	case LP_BLOCK_RULE:
		s = add_rule(job, 0, job->measure_pt, 0.5f, st->color, st->size_pt, false);
		break;
	case LP_BLOCK_LIST_ITEM:
		s = add_list_item(job, blk, st, indent);
		break;
	case LP_BLOCK_TABLE:
		s = lp_job_add_table(job, blk, indent);
		break;
	case LP_BLOCK_HEADING: {
		lp_flow_block fb = {.keep_with_next = true};
		job->src_block = blk;
		job->src_block_at = 0;
		s = add_par(job, blk->text, blk->len, blk->spans, blk->n_spans, st, indent, fb);
		job->src_block = NULL;
		/* Bookmarks under the title: H1 and H2 one level down, H3 and
		 * H4 below them; H5 and H6 are too fine for an outline. */
		if (s == LP_OK && blk->level <= 4)
			s = mark_outline(job, blk->level < 2 ? 2 : blk->level, blk->text, blk->len);
		/* The title is the H1: the release's headings start at H2. */
		if (s == LP_OK)
			last_content(job)->role = blk->level <= 1   ? LP_ROLE_H2
			                          : blk->level == 2 ? LP_ROLE_H3
			                                            : LP_ROLE_H4;
		break;
	}
	case LP_BLOCK_FIGURE:
		s = lp_job_add_figure(job, blk, indent);
		break;
	case LP_BLOCK_PARAGRAPH:
	case LP_BLOCK_CODE: {
		lp_flow_block fb = {0};
		job->keep_spaces = blk->kind == LP_BLOCK_CODE;
		job->src_block = blk;
		job->src_block_at = 0;
		s = add_par(job, blk->text, blk->len, blk->spans, blk->n_spans, st, indent, fb);
		job->src_block = NULL;
		job->keep_spaces = false;
		if (s == LP_OK) {
			last_content(job)->role = LP_ROLE_P;
			last_content(job)->in_item = blk->level;
		}
		break;
	}
	}
	if (s == LP_OK && blk->kind != LP_BLOCK_RULE && blk->kind != LP_BLOCK_TABLE && job->n_flow)
		last_content(job)->quote_depth = blk->quote_depth;
	return s == LP_OK ? lp_job_check_pages(job, &job->bound, blk, "") : s;
}

lp_status
lp_job_build_flow(lp_job *job)
{
	const lp_page_template *first = &job->layout->first;
	lp_status s = estimate_pages(job);
	for (uint32_t i = 0; i < first->n_blocks && s == LP_OK; i++)
		if (first->blocks[i].in_flow && before_body(&first->blocks[i]))
			s = add_layout_block(job, &first->blocks[i], true);
	for (uint32_t i = 0; i < job->rel->n_blocks && s == LP_OK; i++)
		s = add_release_block(job, &job->rel->blocks[i]);
	for (uint32_t i = 0; i < first->n_blocks && s == LP_OK; i++)
		if (first->blocks[i].in_flow && !before_body(&first->blocks[i]))
			s = add_layout_block(job, &first->blocks[i], false);
	return s == LP_OK ? lp_job_check_pages(job, &job->bound, NULL, "") : s;
}

lp_status
lp_job_push_flow(lp_job *job, const lp_flow_block *fb, const lp_flow_content *fc)
{
	return push_flow(job, fb, fc);
}

lp_status
lp_job_add_par(lp_job *job, const char *text, uint32_t len, const lp_rspan *spans, uint32_t n_spans,
        const lp_style *st, float indent_pt, lp_flow_block fb)
{
	return add_par(job, text, len, spans, n_spans, st, indent_pt, fb);
}
