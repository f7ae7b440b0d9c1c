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

#include "sign/sign.h"

#include <string.h>
#include <time.h>

typedef struct stamp_words {
	const char *lang;   /* BCP 47 prefix */
	const char *signed_; /* "electronically signed" */
	const char *at;     /* between the date and the time */
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
		if (lang && strncmp(lang, words[i].lang, n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
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
		tm.tm_hour, tm.tm_min) : NULL;
	if (!when)
		return 0;
	lines[n++] = when;
	return n;
}
