/*
 * What PDF/UA-1 (ISO 14289-1) asks of a release before it is set, for
 * --pdfua: refusals at the release's line, so that a document claiming
 * accessibility never lacks what a screen reader needs. The checks that
 * need the layout's pictures (an emblem or a signature picture without
 * alternative text) are made where those are placed (furniture.c,
 * flow.c); docs/standards.md lists every clause and its test.
 */
#include "pipeline/pipeline.h"

#include "base/diag.h"

#include <string.h>

/* The heading role (H2..H4) a Markdown heading level becomes (flow.c). */
static int
role_level(int md_level)
{
	return md_level <= 1 ? 2 : md_level == 2 ? 3 : 4;
}

static bool
blank(const char *s, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Whether any span of the block in link `link` shows more than spaces. */
static bool
link_has_text(const lp_block *blk, int32_t link)
{
	for (uint32_t k = 0; k < blk->n_spans; k++) {
		const lp_rspan *sp = &blk->spans[k];
		if (sp->link == link && !blank(blk->text + sp->start, sp->len))
			return true;
	}
	return false;
}

/* 7.18.5: a link has text that says where it goes. */
static lp_status
links_have_text(void *user, const lp_block *blk)
{
	lp_job *job = user;
	for (uint32_t k = 0; k < blk->n_spans; k++) {
		const lp_rspan *sp = &blk->spans[k];
		if (sp->link >= 0 && !link_has_text(blk, sp->link))
			return lp_diag_at(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED, job->src,
			        blk->src_offset,
			        "PDF/UA-1 (--pdfua): a link to %s has no text; "
			        "write what it links to between its brackets",
			        job->rel->links[sp->link]);
	}
	return LP_OK;
}

lp_status
lp_pdfua_check_release(lp_job *job)
{
	if (!job->pdfua)
		return LP_OK;
	const lp_release *rel = job->rel;
	/* 7.1 (10): the document's title, shown in the window (DisplayDocTitle). */
	if (!rel->meta.title || !*rel->meta.title)
		return lp_diag_at(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED, job->src, 0,
		        "PDF/UA-1 (--pdfua) needs the document's title: add 'title:' to the front "
		        "matter");
	/* 7.2 (3): the natural language; the release's, or sr-Cyrl by default. */
	if (!job->lang || !*job->lang)
		return lp_diag_at(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED, job->src, 0,
		        "PDF/UA-1 (--pdfua) needs the document's language: add 'lang:' to the "
		        "front matter");
	int prev = 1; /* the title is the H1 */
	for (uint32_t i = 0; i < rel->n_blocks; i++) {
		const lp_block *blk = &rel->blocks[i];
		if (blk->kind == LP_BLOCK_HEADING) {
			/* 7.4.2: numbered headings do not skip a level. */
			int level = role_level(blk->level);
			if (level > prev + 1)
				return lp_diag_at(job->diag, LP_ERROR, LP_ERR_UNSUPPORTED, job->src,
				        blk->src_offset,
				        "PDF/UA-1 (--pdfua): headings may not skip a level, and "
				        "this one is H%d after H%d (the title is H1, '#' is H2)",
				        level, prev);
			prev = level;
		}
	}
	return lp_release_each_text_block(rel, links_have_text, job);
}
