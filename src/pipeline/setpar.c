/* Text in a style → shaped, broken lines: the one path every piece of text
 * takes, whether body paragraph, title or footer line. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/limits.h"

#include <string.h>

/* A code span is set in the family of the layout's code style, as code
 * blocks are (a monospaced face in the shipped layouts), at the size the
 * code style has against the body's: 9pt code for 11pt body text sets a
 * code span in a 14pt heading at 11.5pt. A code block's own text (its
 * style is the code style) is left as it is. */
static void
code_face(const lp_layout *layout, const lp_style *style, lp_text_style *ts)
{
	const lp_style *code =
	        layout->style_code ? lp_layout_style(layout, layout->style_code) : NULL;
	const lp_style *body = lp_layout_style(layout, layout->style_body);
	if (!code || code == style || !code->family)
		return;
	ts->family = code->family;
	if (body && body->size_pt > 0)
		ts->size_pt = style->size_pt * code->size_pt / body->size_pt;
}

/* The text style of a span: the paragraph style plus inline emphasis. */
static lp_text_style
span_style(const lp_job *job, const lp_style *style, uint32_t flags, int32_t link)
{
	lp_text_style ts = {
	        .family = style->family,
	        .weight = style->weight,
	        .italic = style->italic,
	        .size_pt = style->size_pt,
	        .lang = style->lang ? style->lang : job->lang,
	        .tracking_em = style->tracking_em,
	        .color = style->color,
	        .link = link,
	        .hyphenate = style->hyphenate,
	};
	if (flags & LP_INLINE_STRONG)
		ts.weight = ts.weight >= 600 ? 900 : 700;
	if (flags & LP_INLINE_EM)
		ts.italic = !ts.italic;
	if (flags & (LP_INLINE_LINK | LP_INLINE_CODE))
		ts.hyphenate = false; /* URLs, addresses and code are never hyphenated */
	if (flags & LP_INLINE_CODE)
		code_face(job->layout, style, &ts);
	return ts;
}

/* The breaker's alignment for a style's: para/ has its own type, so that
 * it needs nothing from layout/. */
static lp_par_align
par_align(lp_align align)
{
	switch (align) {
	case LP_ALIGN_LEFT:
		return LP_PAR_LEFT;
	case LP_ALIGN_RIGHT:
		return LP_PAR_RIGHT;
	case LP_ALIGN_CENTER:
		return LP_PAR_CENTER;
	case LP_ALIGN_JUSTIFY:
		break;
	}
	return LP_PAR_JUSTIFY;
}

lp_status
lp_job_count_set(lp_job *job, const lp_par_lines *lines)
{
	/* Every line and glyph stays until the PDF is written: past the caps
	 * the document is refused here, as soon as it is known to be too big. */
	const char *source_name = job->src_name ? job->src_name
	                          : job->rel    ? job->rel->source_name
	                                        : NULL;
	uint32_t source_line = job->src_line;
	job->n_lines_set += lines->n_lines;
	for (uint32_t l = 0; l < lines->n_lines; l++)
		for (uint32_t r = 0; r < lines->lines[l].n_runs; r++)
			job->n_glyphs_set += lines->lines[l].runs[r].n_glyphs;
	if (job->n_lines_set > LP_MAX_DOC_LINES)
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_LIMIT, source_name, source_line,
		        source_line ? 1 : 0,
		        "the document has more than %d lines by here; that is the limit",
		        LP_MAX_DOC_LINES);
	if (job->n_glyphs_set > LP_MAX_DOC_GLYPHS)
		return lp_diag_report(job->diag, LP_ERROR, LP_ERR_LIMIT, source_name, source_line,
		        source_line ? 1 : 0,
		        "the document has more than %u glyphs by here; that is the limit",
		        LP_MAX_DOC_GLYPHS);
	return LP_OK;
}

/* What a message about a byte of a paragraph being set needs to find it
 * in the release: the text as given and as prepared, and its block. */
typedef struct par_place {
	const lp_job *job;
	const lp_text_par *in, *prepared;
} par_place;

/* Where byte offset of the prepared text is in the release: back to the
 * text as given (NFC may have changed it), past a list item's marker, to
 * the block's text and through its map to the file. */
static bool
locate(void *user, uint32_t offset, uint32_t *line, uint32_t *col)
{
	const par_place *p = user;
	const lp_block *blk = p->job->src_block;
	uint32_t at = lp_text_input_offset(p->in, p->prepared, offset);
	if (!blk || !blk->n_map || at < p->job->src_block_at ||
	        at - p->job->src_block_at >= blk->len)
		return false;
	uint64_t off = lp_textmap_at(blk->map, blk->n_map, at - p->job->src_block_at);
	if (off >= lp_source_size(p->job->src))
		return false;
	lp_source_line_col(p->job->src, off, line, col);
	return true;
}

static lp_status
set_par(lp_job *job, const char *text, uint32_t len, const lp_rspan *rspans, uint32_t n_rspans,
        const lp_style *style, float measure_pt, float first_indent_pt, const lp_set_par **out)
{
	*out = NULL;
	lp_span one;
	lp_span *spans = &one;
	uint32_t n_spans = 1;
	if (rspans && n_rspans) {
		spans = lp_arena_array(
		        job->scratch, n_rspans, sizeof *spans); /* prepare copies them */
		if (!spans)
			return LP_ERR_NOMEM;
		for (uint32_t i = 0; i < n_rspans; i++) {
			spans[i].start = rspans[i].start;
			spans[i].len = rspans[i].len;
			spans[i].style = span_style(job, style, rspans[i].flags, rspans[i].link);
		}
		n_spans = n_rspans;
	} else {
		one.start = 0;
		one.len = len;
		one.style = span_style(job, style, 0, -1);
	}

	/* A character is looked for in the release only while the text is the
	 * release's (lp_job_text_at_block). */
	lp_text_par in = {text, len, spans, n_spans,
	        job->src_name ? job->src_name
	        : job->rel    ? job->rel->source_name
	                      : NULL,
	        job->src_line, job->pdfa, job->src_line && !job->src_name ? job->src : NULL,
	        job->src_offset};
	lp_text_par prepared;
	lp_status s = lp_text_prepare(&in, job->arena, &prepared, job->diag);
	if (s != LP_OK)
		return s;
	lp_shaped_par *shaped;
	/* The lines copy the glyphs they show, so the shaped runs are scratch. */
	s = lp_text_shape(job->shaper, &prepared, job->scratch, &shaped, job->diag);
	if (s != LP_OK)
		return s;

	lp_break_params pp = {
	        .measure_pt = measure_pt,
	        .first_indent_pt = first_indent_pt,
	        .align = par_align(style->align),
	        .kp = job->layout->breaking,
	        .hyph = job->engine->hyph,
	        .hyph_doc = job->hyph_doc,
	        .breaker = job->breaker,
	        .hyph_exceptions = job->layout->hyphen_exceptions,
	        .n_hyph_exceptions = job->layout->n_hyphen_exceptions,
	        .keep_spaces = job->keep_spaces,
	        .scratch = job->scratch,
	        .source_name = in.source_name,
	        .source_line = in.source_line,
	};
	par_place place = {job, &in, &prepared};
	if (job->src_block && job->src && !job->src_name) {
		pp.locate = locate;
		pp.locate_user = &place;
	}
	lp_par_lines *lines;
	s = lp_para_break(job->shaper, shaped, &pp, job->arena, &lines, job->diag);
	if (s != LP_OK)
		return s;
	s = lp_job_count_set(job, lines);
	if (s != LP_OK)
		return s;

	lp_set_par *sp = lp_arena_alloc(job->arena, sizeof *sp);
	if (!sp)
		return LP_ERR_NOMEM;
	sp->lines = lines;
	sp->spans = shaped->spans;
	sp->n_spans = shaped->n_spans;
	sp->leading_pt = style->leading_pt;
	sp->ascent_pt = lines->n_lines ? lines->lines[0].ascent_pt : style->size_pt * 0.8f;
	sp->text = shaped->text;
	sp->tracked = style->tracking_em != 0;
	sp->tracking_em = style->tracking_em;
	*out = sp;
	return LP_OK;
}

lp_status
lp_job_set_par(lp_job *job, const char *text, uint32_t len, const lp_rspan *rspans,
        uint32_t n_rspans, const lp_style *style, float measure_pt, float first_indent_pt,
        const lp_set_par **out)
{
	lp_status s =
	        set_par(job, text, len, rspans, n_rspans, style, measure_pt, first_indent_pt, out);
	/* What the paragraph made (lines, prepared text and spans) is in
	 * job->arena; its working memory, and what the caller put in scratch
	 * for it (a list item's text), is not needed any more. */
	lp_arena_reset(job->scratch);
	return s;
}
