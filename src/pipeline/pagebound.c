/* How many pages a release needs at least, known as its blocks are added
 * to the flow (flow.c), so that a release past LP_MAX_PAGES is refused as
 * soon as it is known to be, before its pages are built. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/limits.h"

/* A lower bound of the pages the flow needs, kept as blocks are added.
 * A page takes boxes while they fit (pages.h): the heights on a page and
 * the spaces between them (every space but the page's first) fit in its
 * frame, and a box taller than the frame is alone on its page. So with
 * every height capped at the taller frame H and G the largest space any
 * block can have,
 *     pages >= sum(height) / H   and   pages >= sum(space + height) / (H + G).
 * Both only grow as blocks are added, so the first block that passes
 * LP_MAX_PAGES is where the release is refused. */
static double
page_capacity_pt(const lp_job *job)
{
	const lp_layout *L = job->layout;
	float h = L->first.body.h > L->rest.body.h ? L->first.body.h : L->rest.body.h;
	return (double)h + 0.01; /* the page builder's tolerance */
}

/* Spaces collapse to the larger of two, so none is larger than every
 * style's spaces, a rule's (its style's size) or a separator's (6 pt). */
static double
largest_space_pt(const lp_job *job)
{
	double g = 6;
	for (uint32_t i = 0; i < job->layout->n_styles; i++) {
		const lp_style *st = &job->layout->styles[i];
		float v[3] = {st->space_before_pt, st->space_after_pt, st->size_pt};
		for (int k = 0; k < 3; k++)
			if (v[k] > g)
				g = v[k];
	}
	return g;
}

/* Adds a block of n boxes of one height: a paragraph's lines (no space
 * between them) or one box. */
void
lp_job_bound_add(const lp_job *job, struct lp_page_bound *b, uint32_t n, double height,
        double before, double after)
{
	if (n == 0)
		return; /* the page builder skips it */
	double cap = page_capacity_pt(job);
	b->height_pt += n * (height < cap ? height : cap);
	b->glue_pt += !b->started || b->last_after_pt < before ? before : b->last_after_pt;
	b->last_after_pt = after;
	b->started = true;
}

/* LP_MAX_PAGES against the bound; blk (may be NULL) is where the message
 * points. */
lp_status
lp_job_check_pages(lp_job *job, const struct lp_page_bound *b, const lp_block *blk, const char *how)
{
	double cap = page_capacity_pt(job);
	double pages = b->height_pt / cap,
	       spaced = (b->height_pt + b->glue_pt) / (cap + largest_space_pt(job));
	if ((pages > spaced ? pages : spaced) <= LP_MAX_PAGES)
		return LP_OK;
	if (blk)
		return lp_diag_at(job->diag, LP_ERROR, LP_ERR_LIMIT, job->src, blk->src_offset,
		        "the release needs more than %d pages by this block%s; that is the limit",
		        LP_MAX_PAGES, how);
	return lp_diag_report(job->diag, LP_ERROR, LP_ERR_LIMIT, job->rel->source_name, 0, 0,
	        "the release needs more than %d pages%s; that is the limit", LP_MAX_PAGES, how);
}
