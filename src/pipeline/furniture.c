/* The fixed blocks of a page template: emblem, text lines (organ, footer),
 * title or reference at a fixed place, separators, page numbers, watermark,
 * fold and punch marks. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "font/outline.h"
#include "image/image.h"
#include "pipeline/bundle.h"
#include "release/autolink.h"

#include <stdlib.h>
#include <string.h>

/* Fold marks for a letter folded in three, punch mark at the middle: the
 * marks sit this far from the left page edge. */
#define LP_MARK_INSET_PT 14.0f
#define LP_MARK_DEFAULT_LEN_PT 10.0f

static lp_status
add_emblem(lp_job *job, lp_dlist_builder *b, const lp_layout_block *lb, const lp_rect *r)
{
	if (!lb->asset)
		return LP_OK;
	/* PDF/UA-1 7.3: a picture that means something says it in words; an
	 * empty alt ("") says the emblem is decoration (as in HTML). */
	if (job->pdfua && !lb->alt)
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
		        lp_layout_block_path(job->layout, lb), lb->src_line, lb->src_col,
		        "PDF/UA-1 (--pdfua) needs the emblem's alternative "
		        "text: give it 'alt:' (or alt: \"\" when it is only decoration)");
	/* With an alternative text it is a figure; without, decoration. */
	if (lb->alt && *lb->alt)
		lp_dlist_tag(b, lp_dlist_add_node(b, LP_ROLE_FIGURE, 0, lb->alt));
	else
		lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
	/* Decoded once, with the layout's bundle: every page of every
	 * document shows the same picture (one XObject per PDF). */
	const lp_bundle_picture *pic = lp_bundle_picture_at(job->bundle, lb->asset);
	if (!pic)
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_INTERNAL,
		        lp_layout_block_path(job->layout, lb), lb->src_line, 0,
		        "the emblem was not decoded with its layout");
	if (pic->svg) {
		lp_svg_emit(pic->svg, r->x, r->y, r->w, r->h, b);
		return LP_OK;
	}
	const lp_image *img = pic->image;
	/* Fit inside the rectangle, keep the aspect ratio, centre. */
	float iw = (float)lp_image_width(img), ih = (float)lp_image_height(img);
	float scale = r->w / iw < r->h / ih ? r->w / iw : r->h / ih;
	float w = iw * scale, h = ih * scale;
	lp_dl_image im = {img, r->x + (r->w - w) / 2, r->y + (r->h - h) / 2, w, h};
	lp_dlist_add_image(b, &im);
	return LP_OK;
}

/* Whether a template line stands for a run of organ lines: "{organ}"
 * alone is every one, "{organ.N-}" alone the Nth and those after it. */
static bool
organ_run(const char *line, uint32_t *from)
{
	if (strcmp(line, "{organ}") == 0) {
		*from = 0;
		return true;
	}
	if (strncmp(line, "{organ.", 7) != 0 || line[7] < '1' || line[7] > '9')
		return false;
	char *end;
	unsigned long n = strtoul(line + 7, &end, 10);
	if (strcmp(end, "-}") != 0 || n > UINT32_MAX)
		return false;
	*from = (uint32_t)n - 1;
	return true;
}

/* A furniture paragraph set once for its document: the same text, style,
 * width and links always set the same lines, and they stay in the job's
 * arena. Warnings, if any, were given the first time. */
typedef struct lp_set_memo {
	struct lp_set_memo *next;
	const lp_style *style;
	float measure_pt;
	bool autolink;
	const char *text;
	const lp_set_par *sp;
} lp_set_memo;

static const lp_set_par *
memo_find(const lp_job *job, const char *text, const lp_style *st, float w, bool autolink)
{
	for (const lp_set_memo *m = job->set_memo; m; m = m->next)
		if (m->style == st && m->measure_pt == w && m->autolink == autolink &&
		        strcmp(m->text, text) == 0)
			return m->sp;
	return NULL;
}

static lp_status
memo_add(lp_job *job, const char *text, const lp_style *st, float w, bool autolink,
        const lp_set_par *sp)
{
	lp_set_memo *m = lp_arena_alloc(job->arena, sizeof *m);
	if (!m || !(m->text = lp_arena_strdup(job->arena, text)))
		return LP_ERR_NOMEM;
	m->next = job->set_memo;
	m->style = st;
	m->measure_pt = w;
	m->autolink = autolink;
	m->sp = sp;
	job->set_memo = m;
	return LP_OK;
}

/* Sets lines of text at a place, top down (at: x, y and width); organ
 * runs (organ_run()) stand for several lines. Each line is a structure
 * node of the role given (a paragraph, the title), or with LP_ART_* an
 * artifact. b NULL: nothing is drawn, the lines are only set and counted
 * into *n_set (when not NULL). */
static lp_status
add_text_lines(lp_job *job, lp_dlist_builder *b, const lp_layout_block *lb, const lp_rect *at,
        const char *const *lines, uint32_t n, uint32_t page, uint32_t pages, lp_dl_role role,
        lp_dl_artifact artifact, uint32_t *n_set)
{
	const lp_style *st = lp_job_block_style(job, lb);
	float y = at->y;
	bool first = true;
	uint32_t set = 0;
	lp_job_text_at_block(job, lb, lines, n);
	const lp_meta *m = &job->rel->meta;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t from = 0;
		bool organ = organ_run(lines[i], &from);
		uint32_t end = organ ? m->n_organ : 1;
		for (uint32_t k = organ ? from : 0; k < end; k++) {
			const char *text = organ ? m->organ[k]
			                         : lp_template_expand(job, lines[i], page, pages);
			if (!text || !*text)
				continue;
			if (st->uppercase)
				text = lp_text_upper(
				        job->arena, text, st->lang ? st->lang : job->lang);
			lp_rspan *spans = NULL;
			const char **uris = NULL;
			uint32_t n_uris = 0, n_spans = 0;
			if (lb->autolink)
				n_spans = lp_autolink(job->arena, text, &spans, &uris, &n_uris);
			const lp_set_par *sp = memo_find(job, text, st, at->w, lb->autolink);
			if (!sp) {
				lp_status s = lp_job_set_kept(job, text, (uint32_t)strlen(text),
				        spans, n_spans, st, at->w, &sp);
				if (s == LP_OK)
					s = memo_add(job, text, st, at->w, lb->autolink, sp);
				if (s != LP_OK)
					return s;
			}
			set += sp->lines->n_lines;
			if (!b)
				continue;
			uint32_t node = LP_COMPOSE_ARTIFACT;
			if (artifact)
				lp_dlist_tag_artifact(b, artifact);
			else
				node = lp_dlist_add_node(b, role, 0, NULL);
			for (uint32_t l = 0; l < sp->lines->n_lines; l++) {
				y += first ? sp->ascent_pt : st->leading_pt;
				first = false;
				lp_compose_line(
				        job, b, sp, l, at->x, y, uris, n_uris, node, 0, NULL);
			}
		}
	}
	if (n_set)
		*n_set = set;
	return LP_OK;
}

const lp_style *
lp_job_block_style(const lp_job *job, const lp_layout_block *lb)
{
	const lp_style *st = lb->style ? lp_layout_style(job->layout, lb->style) : NULL;
	return st ? st : lp_layout_style(job->layout, job->layout->style_body);
}

/* The templates of a text block: its own lines, or its kind's default. */
static const char *const *
block_lines(const lp_layout_block *lb, uint32_t *n)
{
	static const char *const title[] = {"{title}"};
	static const char *const dateline[] = {"[{place}][, {date}]"};
	static const char *const page_no[] = {"{page}"};
	*n = lb->n_lines ? lb->n_lines : 1;
	if (lb->n_lines)
		return lb->lines;
	switch (lb->kind) {
	case LP_LB_TITLE:
		return title;
	case LP_LB_DATELINE:
		return dateline;
	case LP_LB_PAGE_NUMBER:
		return page_no;
	default:
		*n = 0;
		return NULL;
	}
}

lp_status
lp_job_block_lines(
        lp_job *job, const lp_layout_block *lb, uint32_t page, uint32_t pages, uint32_t *n_set)
{
	uint32_t n;
	const char *const *lines = block_lines(lb, &n);
	return add_text_lines(
	        job, NULL, lb, &lb->rect, lines, n, page, pages, LP_ROLE_P, LP_ART_NONE, n_set);
}

static lp_status
add_marks(lp_job *job, lp_dlist_builder *b, const lp_layout_block *lb)
{
	const lp_layout *L = job->layout;
	float len = lb->length_pt > 0 ? lb->length_pt : LP_MARK_DEFAULT_LEN_PT;
	float w = lb->rule_width_pt > 0 ? lb->rule_width_pt : 0.3f;
	float x = lb->rect.w > 0 ? lb->rect.x : LP_MARK_INSET_PT;
	if (lb->kind == LP_LB_PUNCH_MARK) {
		float y = L->page_h_pt / 2;
		lp_dlist_add_rule(b, &(lp_dl_rule){x, y, x + len, y, w, lb->color});
		return LP_OK;
	}
	for (int i = 1; i <= 2; i++) {
		float y = L->page_h_pt * (float)i / 3;
		lp_dlist_add_rule(b, &(lp_dl_rule){x, y, x + len, y, w, lb->color});
	}
	return LP_OK;
}

/* A watermark set in more lines than its turned box holds runs past the
 * page's edges, where it is cut (only a word wider than the box is warned
 * about when it is set). Said once, on the first page, at the release's
 * watermark: when it wrote one, else at the block. */
static void
warn_cut_watermark(lp_job *job, const lp_layout_block *lb, const lp_path_seg *segs, uint32_t n)
{
	const lp_layout *L = job->layout;
	const float slack = 1.0f; /* a curve's control points may lie a little out */
	bool cut = false;
	for (uint32_t i = 0; i < n && !cut; i++) {
		int points = segs[i].op == LP_PATH_CUBIC ? 3 : segs[i].op == LP_PATH_CLOSE ? 0 : 1;
		for (int k = 0; k < points; k++) {
			float x = segs[i].pt[2 * k], y = segs[i].pt[2 * k + 1];
			cut = cut || x < -slack || y < -slack || x > L->page_w_pt + slack ||
			      y > L->page_h_pt + slack;
		}
	}
	if (!cut)
		return;
	const lp_meta *m = &job->rel->meta;
	const char *what =
	        "the watermark runs past the page's edges, where it is cut: it is set in "
	        "more lines than its box holds; shorten it";
	if (m->watermark_offset)
		lp_diag_at(job->diag, LP_WARNING, LP_OK, job->src, m->watermark_offset, "%s", what);
	else
		lp_diag_report(job->diag, LP_WARNING, LP_OK, lp_layout_block_path(L, lb),
		        lb->src_line, lb->src_col, "%s", what);
}

/* A watermark is decoration, not text: its glyphs are drawn as outlines,
 * so that readers do not mix "КОПИЈА" into the document's words. Centred
 * in its box, turned about the box's centre, translucent. */
static lp_status
add_watermark(lp_job *job, lp_dlist_builder *b, const lp_layout_block *lb, const char *tmpl,
        uint32_t page, uint32_t pages)
{
	const char *text = lp_template_expand(job, tmpl, page, pages);
	const lp_style *st = lp_job_block_style(job, lb);
	if (!text || !*text)
		return LP_OK;
	lp_job_text_at_block(job, lb, &tmpl, 1);
	if (st->uppercase)
		text = lp_text_upper(job->arena, text, st->lang ? st->lang : job->lang);
	const lp_set_par *sp;
	lp_status s =
	        lp_job_set_kept(job, text, (uint32_t)strlen(text), NULL, 0, st, lb->rect.w, &sp);
	if (s != LP_OK)
		return s;
	float block = sp->ascent_pt + st->leading_pt * (float)(sp->lines->n_lines - 1);
	float y = lb->rect.y + (lb->rect.h - block) / 2 + sp->ascent_pt;
	lp_outline_turn turn = {
	        lb->angle_deg, lb->rect.x + lb->rect.w / 2, lb->rect.y + lb->rect.h / 2};
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	for (uint32_t l = 0; l < sp->lines->n_lines && s == LP_OK; l++, y += st->leading_pt) {
		const lp_line *ln = &sp->lines->lines[l];
		for (uint32_t r = 0; r < ln->n_runs && s == LP_OK; r++) {
			const lp_line_run *run = &ln->runs[r];
			for (uint32_t i = 0; i < run->n_glyphs && s == LP_OK; i++)
				s = lp_font_glyph_outline(run->font, run->glyphs[i].gid,
				        run->size_pt, lb->rect.x + run->glyphs[i].x_pt,
				        y + run->glyphs[i].y_pt, &turn, job->arena, &segs, &n,
				        &cap);
		}
	}
	if (s == LP_ERR_LIMIT) /* a hostile font's outlines, past any array's cap */
		return lp_diag_report(job->diag, LP_ERROR, s, lp_layout_block_path(job->layout, lb),
		        lb->src_line, lb->src_col,
		        "the watermark's outlines are too large to draw");
	if (s != LP_OK || n == 0)
		return s;
	if (page == 1)
		warn_cut_watermark(job, lb, segs, n);
	float opacity = lb->opacity > 0 && lb->opacity < 1 ? lb->opacity : 1;
	/* The block's own colour when it sets one, else its style's. */
	lp_rgb color = lb->color ? lb->color : st->color;
	lp_dl_path path = {segs, n, true, false, false, color, 0, opacity, 1, 0};
	lp_dlist_tag_artifact(b, LP_ART_WATERMARK);
	lp_dlist_add_path(b, &path);
	return LP_OK;
}

/* Which part of the page's reading order a fixed block belongs to (see
 * pipeline.h). Text above the body frame is a header (organ lines), below
 * its top a footer; on following pages, text without links repeats on
 * every page and is pagination (a running head), while a footer with
 * links stays content so that its links stay reachable. */
static lp_furniture_part
part_of(const lp_layout_block *lb, const lp_page_template *tpl, bool first_page)
{
	switch (lb->kind) {
	case LP_LB_DATELINE:
	case LP_LB_SIGNATURE:
		return LP_FURNITURE_FOOT;
	case LP_LB_PAGE_NUMBER:
		return LP_FURNITURE_PAGINATION;
	case LP_LB_TEXT:
		if (!first_page && !lb->autolink)
			return LP_FURNITURE_PAGINATION;
		return lb->rect.y < tpl->body.y ? LP_FURNITURE_HEAD : LP_FURNITURE_FOOT;
	default:
		return LP_FURNITURE_HEAD;
	}
}

/* A block that prints the page number was stacked with its lines for
 * page 1 or 2 of one more (stack.c), before the page count is known. A
 * longer count can take more lines ("Page 2 of 12" wrapping in a narrow
 * block), which would overprint what lies under it: an error at the
 * block, not a page drawn over. */
static lp_status
check_numbered_lines(
        lp_job *job, const lp_layout_block *lb, bool first_page, uint32_t page, uint32_t n_pages)
{
	uint32_t stacked_page = first_page ? 1 : 2, stacked = 0, set = 0;
	lp_status s = lp_job_block_lines(job, lb, stacked_page, stacked_page + 1, &stacked);
	if (s == LP_OK)
		s = lp_job_block_lines(job, lb, page, n_pages, &set);
	const lp_style *st = lp_job_block_style(job, lb);
	if (s != LP_OK || set <= stacked ||
	        (lb->pinned_height && (float)set * st->leading_pt <= lb->rect.h + 0.01f))
		return s;
	return lp_diag_report(job->diag, LP_ERROR, LP_ERR_SYNTAX,
	        lp_layout_block_path(job->layout, lb), lb->src_line, lb->src_col,
	        "the %s block takes %u lines on page %u of %u, where it was given room for %u "
	        "(as on page %u of %u): the lines past them would overprint what is under it; "
	        "give it more width in the layout",
	        lb->kind == LP_LB_PAGE_NUMBER ? "page-number" : "text", set, page, n_pages, stacked,
	        stacked_page, stacked_page + 1);
}

lp_status
lp_job_add_furniture(lp_job *job, lp_dlist_builder *b, const lp_page_template *tpl, uint32_t page,
        uint32_t n_pages, lp_furniture_part part)
{
	lp_status s = LP_OK;
	bool first_page = tpl == &job->layout->first;
	/* Where stacking put the blocks (stack.c). */
	const lp_rect *placed = job->place[first_page ? 0 : 1].blocks;
	for (uint32_t i = 0; i < tpl->n_blocks && s == LP_OK; i++) {
		const lp_layout_block *lb = &tpl->blocks[i];
		if (lb->in_flow || part_of(lb, tpl, first_page) != part)
			continue;
		const lp_rect *at = placed ? &placed[i] : &lb->rect;
		lp_dlist_set_source(b, &(lp_dl_source){lp_layout_block_path(job->layout, lb),
		                               lb->src_line, lb->src_col});
		lp_dl_artifact text_art =
		        part == LP_FURNITURE_PAGINATION ? LP_ART_PAGINATION : LP_ART_NONE;
		uint32_t n;
		const char *const *lines = block_lines(lb, &n);
		if (part == LP_FURNITURE_PAGINATION && n_pages > 1 &&
		        (lb->kind == LP_LB_PAGE_NUMBER || lb->kind == LP_LB_TEXT) &&
		        (s = check_numbered_lines(job, lb, first_page, page, n_pages)) != LP_OK)
			break;
		switch (lb->kind) {
		case LP_LB_EMBLEM:
			s = add_emblem(job, b, lb, at);
			break;
		case LP_LB_TEXT:
		case LP_LB_REFERENCE:
		case LP_LB_SIGNATURE:
		case LP_LB_DATELINE:
			s = add_text_lines(
			        job, b, lb, at, lines, n, page, n_pages, LP_ROLE_P, text_art, NULL);
			break;
		case LP_LB_TITLE:
			s = add_text_lines(job, b, lb, at, lines, n, page, n_pages, LP_ROLE_H1,
			        LP_ART_NONE, NULL);
			break;
		case LP_LB_PAGE_NUMBER:
			/* "Страна 1 од 1" says nothing: one-page documents have none. */
			if (n_pages > 1)
				s = add_text_lines(job, b, lb, at, lines, n, page, n_pages,
				        LP_ROLE_P, LP_ART_PAGINATION, NULL);
			break;
		case LP_LB_WATERMARK:
			if (job->rel->meta.watermark)
				s = add_watermark(job, b, lb,
				        lb->n_lines ? lb->lines[0] : "{watermark}", page, n_pages);
			break;
		case LP_LB_SEPARATOR: {
			float w = lb->rule_width_pt > 0 ? lb->rule_width_pt : 0.5f;
			float y = at->y + w / 2;
			lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
			lp_dlist_add_rule(
			        b, &(lp_dl_rule){at->x, y, at->x + at->w, y, w, lb->color});
			break;
		}
		case LP_LB_FOLD_MARKS:
		case LP_LB_PUNCH_MARK:
			lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
			s = add_marks(job, b, lb);
			break;
		}
	}
	return s;
}
