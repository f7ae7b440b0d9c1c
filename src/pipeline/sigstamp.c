/*
 * The stamp of a signed signature block: what a reader sees in the
 * signature widget besides the block's own name, function and picture
 * (docs/signing.md). The lines are ordinary text, shaped and placed by
 * the engine like the block's other lines; the PDF device draws them into
 * the widget's appearance stream (dlist.h, lp_dl_sig).
 *
 * The time is written in UTC: the document must read the same wherever it
 * is verified, and /M, which verifiers use, is UTC too.
 */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "sign/sign.h"

#include <string.h>
#include <time.h>

typedef struct stamp_words {
	const char *lang; /* BCP 47 prefix */
	const char *signed_; /* "electronically signed" */
	const char *at; /* between the date and the time */
} stamp_words;

/* The first row whose tag the language starts with; the last is the
 * default (Serbian Cyrillic, the first language). */
static const stamp_words words[] = {
        {"sr-Latn", "Elektronski potpisano", "u"},
        {"ru", "Подписано электронной подписью", "в"},
        {"uk", "Підписано електронним підписом", "о"},
        {"bg", "Подписано с електронен подпис", "в"},
        {"mk", "Електронски потпишано", "во"},
        {"en", "Digitally signed", "at"},
        {"", "Електронски потписано", "у"},
};

static const stamp_words *
words_for(const char *lang)
{
	size_t i = 0;
	for (; i + 1 < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i].lang);
		if (lang && strncmp(lang, words[i].lang, n) == 0 &&
		        (lang[n] == '\0' || lang[n] == '-'))
			return &words[i];
	}
	return &words[i];
}

void
lp_job_set_signing(lp_job *job, const lp_render_options *opts)
{
	if (!opts || (!opts->signer && !opts->sign_field))
		return;
	job->sig_field = true;
	job->sig_stamp = opts->signer != NULL;
	job->sign_time = lp_sign_time();
	job->signer_cn = lp_signer_cn(opts->signer);
}

uint32_t
lp_sig_stamp_lines(lp_job *job, const char *lines[3])
{
	uint32_t n = 0;
	const stamp_words *w = words_for(job->lang);
	if (!job->rel->meta.signature.name && job->signer_cn)
		lines[n++] = job->signer_cn;
	lines[n++] = w->signed_;
	time_t t = (time_t)job->sign_time;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return 0;
	lp_date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	const char *date = lp_date_format(&d, job->lang, job->arena);
	const char *when = date ? lp_arena_printf(job->arena, "%s %s %02d:%02d UTC", date, w->at,
	                                  tm.tm_hour, tm.tm_min)
	                        : NULL;
	if (!when)
		return 0;
	lines[n++] = when;
	return n;
}

/* Whether a placed line or box is where the other plan has it. */
static bool
same_place(const lp_placed *a, const lp_placed *b, uint32_t b_block)
{
	return a->block == b_block && a->line == b->line && a->y_pt == b->y_pt;
}

lp_status
lp_sig_stamp_check(lp_job *job, const lp_pages_params *pp, const lp_page_plan *plan, lp_diag *diag)
{
	if (!job->sig_stamp)
		return LP_OK;
	/* The flow without the stamp, as an unsigned render has it; each
	 * block's index in the whole flow kept beside it. */
	lp_flow_block *flow =
	        lp_arena_array(job->arena, job->n_flow ? job->n_flow : 1, sizeof *flow);
	uint32_t *whole = lp_arena_array(job->arena, job->n_flow ? job->n_flow : 1, sizeof *whole);
	if (!flow || !whole)
		return LP_ERR_NOMEM;
	uint32_t n = 0, stamp = UINT32_MAX;
	for (uint32_t i = 0; i < job->n_flow; i++) {
		if (job->content[i].stamp) {
			stamp = stamp == UINT32_MAX ? i : stamp;
			continue;
		}
		whole[n] = i;
		flow[n++] = job->flow[i];
	}
	if (stamp == UINT32_MAX)
		return LP_OK;
	/* Its messages were the signed plan's already. */
	lp_diag *quiet = lp_diag_new(NULL, NULL);
	lp_page_plan *bare = NULL;
	lp_status s = quiet ? lp_pages_build(flow, n, pp, job->arena, &bare, quiet) : LP_ERR_NOMEM;
	lp_diag_drop(quiet);
	if (s != LP_OK)
		return s == LP_ERR_NOMEM ? s : LP_OK;
	bool same = bare->n_pages == plan->n_pages;
	for (uint32_t p = 0; same && p < plan->n_pages; p++) {
		const lp_plan_page *a = &plan->pages[p], *b = &bare->pages[p];
		uint32_t k = 0;
		for (uint32_t i = 0; same && i < a->n_placed; i++) {
			if (job->content[a->placed[i].block].stamp)
				continue;
			same = k < b->n_placed &&
			       same_place(&a->placed[i], &b->placed[k], whole[b->placed[k].block]);
			k++;
		}
		same = same && k == b->n_placed;
	}
	if (same)
		return LP_OK;
	const lp_dl_source *at = &job->content[stamp].src;
	lp_diag_report(diag, LP_WARNING, LP_OK, at->file ? at->file : pp->source_name, at->line,
	        at->col,
	        "the signature's stamp lines do not fit below the signature block on its "
	        "page, which moves to the next page with them: the signed copy's pages differ from "
	        "an unsigned render's (docs/signing.md)");
	return LP_OK;
}
