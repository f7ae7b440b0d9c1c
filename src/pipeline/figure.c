/* Body images (release.h, LP_BLOCK_FIGURE) as figures in the flow: one
 * box at the picture's natural size (picture.c), scaled down (never up) to
 * the room beside the block's indent and, once the header is stacked, to
 * the shorter body frame's height with its caption; the caption (the
 * Markdown title) set under it and kept with it; the page builder moves
 * the pair to the next page when it does not fit. Sizes are fitted in
 * render.c's order: the flow is built before the frames are stacked.
 *
 * A layout may give a `figure` style (its alignment and spaces; without
 * one a figure is centred with the body's spaces) and a `caption` style
 * (without one the caption is the body's, smaller, centred, in italics). */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "image/image.h"

#include <math.h>
#include <string.h>

/* A caption without a style of its own: the body's, this much smaller. */
#define LP_CAPTION_SCALE 0.9f

static const lp_style *
figure_style(const lp_job *job)
{
	return lp_layout_style(job->layout, "figure");
}

static lp_align
figure_align(const lp_job *job)
{
	const lp_style *fs = figure_style(job);
	return fs && fs->align != LP_ALIGN_JUSTIFY ? fs->align : LP_ALIGN_CENTER;
}

/* Where a picture w wide starts in room that starts at x and is room wide. */
static float
aligned_x(lp_align align, float x, float room, float w)
{
	return align == LP_ALIGN_LEFT    ? x
	       : align == LP_ALIGN_RIGHT ? x + room - w
	                                 : x + (room - w) / 2;
}

/* Scales the picture of fc down to at most max_w by max_h, keeping its
 * proportions and its alignment in the room it was placed in. */
static void
shrink(lp_flow_content *fc, lp_align align, float max_w, float max_h)
{
	float k = 1;
	if (fc->pic_w_pt > max_w && fc->pic_w_pt > 0)
		k = max_w / fc->pic_w_pt;
	if (fc->pic_h_pt * k > max_h && fc->pic_h_pt > 0)
		k = max_h / fc->pic_h_pt;
	if (k >= 1)
		return;
	float w = fc->pic_w_pt * k;
	float left = align == LP_ALIGN_LEFT    ? 0
	             : align == LP_ALIGN_RIGHT ? fc->pic_w_pt - w
	                                       : (fc->pic_w_pt - w) / 2;
	fc->pic_x_pt += left;
	fc->pic_w_pt = w;
	fc->pic_h_pt *= k;
}

/* The caption: the layout's `caption` style, else the body's, smaller,
 * centred and in italics. */
static lp_status
add_caption(lp_job *job, const lp_block *blk, float indent_pt, float space_after_pt)
{
	const char *text = blk->figure->title;
	uint32_t len = (uint32_t)strlen(text);
	const lp_style *cs = lp_layout_style(job->layout, "caption");
	lp_style own;
	lp_rspan italic = {0, len, LP_INLINE_EM, -1};
	const lp_rspan *spans = NULL;
	if (!cs) {
		own = *lp_layout_style(job->layout, job->layout->style_body);
		own.size_pt *= LP_CAPTION_SCALE;
		own.leading_pt *= LP_CAPTION_SCALE;
		own.first_indent_pt = 0;
		own.align = LP_ALIGN_CENTER;
		/* A line's worth of room less the type, and none when the
		 * layout sets lines tighter than their size. */
		own.space_before_pt = fmaxf(own.leading_pt - own.size_pt, 0);
		own.space_after_pt = space_after_pt; /* the figure's, after the pair */
		cs = &own;
		spans = &italic;
	}
	lp_flow_block fb = {.keep_with_prev = true};
	lp_status s = lp_job_add_par(job, text, len, spans, spans ? 1 : 0, cs, indent_pt, fb);
	if (s != LP_OK)
		return s;
	lp_flow_content *fc = &job->content[job->n_flow - 1];
	fc->role = LP_ROLE_P;
	fc->in_item = blk->level;
	return LP_OK;
}

lp_status
lp_job_figure_picture(
        lp_job *job, const lp_figure *fig, const lp_release_picture **pic, bool *decorative)
{
	lp_status s = lp_job_release_picture(job, fig->path, "image", fig->path_offset, pic);
	if (s != LP_OK)
		return s;
	/* PDF/UA-1 7.3: a figure has alternative text; an image described
	 * by nothing is decoration in Markdown's custom, an artifact. */
	*decorative = !fig->alt || !*fig->alt;
	if (*decorative && job->pdfua)
		return lp_diag_at(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED, job->src,
		        fig->path_offset,
		        "PDF/UA-1 (--pdfua) needs this image's alternative text: describe it "
		        "between the brackets, ![description](%s)",
		        fig->written ? fig->written : fig->path);
	if (*decorative)
		lp_diag_at(job->diag, LP_WARNING, LP_OK, job->src, fig->path_offset,
		        "this image has no description: it is drawn as decoration, which screen "
		        "readers skip; describe it between the brackets if it says something");
	return LP_OK;
}

lp_status
lp_job_add_figure(lp_job *job, const lp_block *blk, float indent_pt)
{
	const lp_figure *fig = blk->figure;
	const lp_release_picture *pic;
	bool decorative;
	lp_status s = lp_job_figure_picture(job, fig, &pic, &decorative);
	if (s != LP_OK)
		return s;
	const lp_style *fs = figure_style(job);
	const lp_style *body = lp_layout_style(job->layout, job->layout->style_body);
	const lp_style *sp = fs ? fs : body;
	float room = job->measure_pt - indent_pt;
	lp_flow_content fc = {.image = pic->image,
	        .svg = pic->svg,
	        .pic_x_pt = aligned_x(figure_align(job), indent_pt, room, pic->w_pt),
	        .pic_w_pt = pic->w_pt,
	        .pic_h_pt = pic->h_pt,
	        .role = decorative ? LP_ROLE_P : LP_ROLE_FIGURE,
	        .alt = decorative ? NULL : fig->alt,
	        .decorative = decorative,
	        .figure = fig,
	        .in_item = blk->level,
	        .quote_depth = blk->quote_depth};
	/* Its height is fitted once the frames are stacked. */
	shrink(&fc, figure_align(job), room, INFINITY);
	/* A caption sits close under its picture. */
	lp_flow_block fb = {.kind = LP_FLOW_BOX,
	        .height_pt = fc.pic_h_pt,
	        .space_before_pt = sp->space_before_pt,
	        .space_after_pt = fig->title ? 0 : sp->space_after_pt,
	        .keep_with_next = fig->title != NULL};
	if ((s = lp_job_push_flow(job, &fb, &fc)) != LP_OK)
		return s;
	return fig->title ? add_caption(job, blk, indent_pt, sp->space_after_pt) : LP_OK;
}

void
lp_job_fit_figures(lp_job *job)
{
	const lp_rect *first = &job->place[0].body, *rest = &job->place[1].body;
	float frame_h = first->h < rest->h ? first->h : rest->h;
	lp_align align = figure_align(job);
	for (uint32_t i = 0; i < job->n_flow; i++) {
		lp_flow_content *fc = &job->content[i];
		if (!fc->figure)
			continue;
		/* Its caption comes onto the same page (spaces collapse to the
		 * larger, as the page builder has them). */
		float max_h = frame_h;
		if (fc->figure->title && i + 1 < job->n_flow) {
			const lp_flow_block *fb = &job->flow[i], *cap = &job->flow[i + 1];
			float gap = fmaxf(fb->space_after_pt, cap->space_before_pt);
			max_h -= gap + (float)cap->n_lines * cap->leading_pt;
		}
		if (max_h < 1)
			max_h = 1;
		shrink(fc, align, fc->pic_w_pt, max_h);
		job->flow[i].height_pt = fc->pic_h_pt;
	}
}
