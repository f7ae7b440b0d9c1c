/*
 * The stamp of a signed signature block: what a reader sees in the
 * signature widget besides the block's own name, function and picture
 * (docs/signing.md). Every render of a layout with a signature block,
 * signed or not, reserves the stamp's room under the block, as many lines
 * as any signature of the release can show, so that where anything goes
 * never depends on whether the render signs. Signed, the lines are set
 * in that room like any text (one line each) and the PDF device draws
 * them into the widget's appearance stream (dlist.h, lp_dl_sig).
 *
 * The time is written in UTC: the document must read the same wherever it
 * is verified, and /M, which verifiers use, is UTC too.
 */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "sign/sign.h"

#include <string.h>
#include <time.h>

/* A measure no stamp line fills, to find a line's natural width. */
#define LP_SIG_STAMP_NATURAL_PT 100000.0f
/* A line shrunk to fit its width is tried this many times, each a step
 * smaller than the width says, before only its first line is shown. */
#define LP_SIG_STAMP_FIT_TRIES 4
#define LP_SIG_STAMP_FIT_STEP 0.99f

typedef struct stamp_words {
	const char *lang; /* BCP 47 prefix */
	const char *signed_; /* "electronically signed" */
	const char *at; /* between the date and the time */
	const char *field; /* "signature", what the field is to a reader */
} stamp_words;

/* The first row whose tag the language starts with; the last is the
 * default (Serbian Cyrillic, the first language). */
static const stamp_words words[] = {
        {"sr-Latn", "Elektronski potpisano", "u", "Potpis"},
        {"ru", "Подписано электронной подписью", "в", "Подпись"},
        {"uk", "Підписано електронним підписом", "о", "Підпис"},
        {"bg", "Подписано с електронен подпис", "в", "Подпис"},
        {"mk", "Електронски потпишано", "во", "Потпис"},
        {"en", "Digitally signed", "at", "Signature"},
        {"", "Електронски потписано", "у", "Потпис"},
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
	job->signer_from = lp_signer_cert_source(opts->signer);
}

/* The date and time of signing, as the stamp writes them (an arena
 * string; NULL when out of memory). */
static const char *
stamp_when(lp_job *job, const stamp_words *w)
{
	time_t t = (time_t)job->sign_time;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return NULL;
	lp_date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	const char *date = lp_date_format(&d, job->lang, job->arena);
	return date ? lp_arena_printf(
	                      job->arena, "%s %s %02d:%02d UTC", date, w->at, tm.tm_hour, tm.tm_min)
	            : NULL;
}

/* The stamp's lines (at most 3; 0 when out of memory): the signer's
 * name when the release gives none, the "signed" words in the release's
 * language, the date and time of signing. Arena strings. */
static uint32_t
stamp_lines(lp_job *job, const char *lines[3])
{
	uint32_t n = 0;
	const stamp_words *w = words_for(job->lang);
	if (!job->rel->meta.signature.name && job->signer_cn)
		lines[n++] = job->signer_cn;
	lines[n++] = w->signed_;
	const char *when = stamp_when(job, w);
	if (!when)
		return 0;
	lines[n++] = when;
	return n;
}

const char *
lp_job_sig_field_text(lp_job *job)
{
	if (!job->sig_field)
		return NULL;
	const stamp_words *w = words_for(job->lang);
	if (!job->sig_stamp)
		return w->field;
	/* Signed: who signed, as the block and its stamp show it (the
	 * release's name, else the certificate's), and the stamp's words,
	 * which only the widget's appearance draws and no tagged text holds. */
	const char *name = job->rel->meta.signature.name;
	if (!name || !*name)
		name = job->signer_cn;
	const char *when = stamp_when(job, w);
	if (!when)
		return NULL;
	if (name && *name)
		return lp_arena_printf(
		        job->arena, "%s: %s. %s %s", w->field, name, w->signed_, when);
	return lp_arena_printf(job->arena, "%s. %s %s", w->field, w->signed_, when);
}

/* A stamp line set on one line of the given width: the room reserved for
 * it is one line, so a line wider than that (a long name, a long month)
 * is set smaller until it fits, never wrapped. */
/* One try at setting a stamp line, its messages kept in *said (the last
 * try's replace the one's before): a try that comes out too wide is not
 * what is drawn, and its "word wider than the line" is no one's. */
static lp_status
try_set(lp_job *job, const char *text, uint32_t len, const lp_style *st, float width_pt,
        const lp_set_par **out, lp_diag **said)
{
	lp_diag_drop(*said);
	if (!(*said = lp_diag_new(NULL, NULL)))
		return LP_ERR_NOMEM;
	lp_diag *real = job->diag;
	job->diag = *said;
	lp_status s = lp_job_set_par(job, text, len, NULL, 0, st, width_pt, 0, out);
	job->diag = real;
	return s;
}

/* A stamp line set on one line of the given width: the room reserved for
 * it is one line, so a line wider than that (a long name, a long month)
 * is set smaller until it fits, never wrapped. What the line drawn said
 * (a character no font has) is told to the document. */
static lp_status
set_one_line(
        lp_job *job, const char *text, const lp_style *st, float width_pt, const lp_set_par **out)
{
	lp_style one = *st;
	one.hyphenate = false;
	uint32_t len = (uint32_t)strlen(text);
	if (st->uppercase) {
		text = lp_text_upper(job->arena, text, st->lang ? st->lang : job->lang);
		if (!text)
			return LP_ERR_NOMEM;
		len = (uint32_t)strlen(text);
	}
	lp_diag *said = NULL;
	lp_status s = try_set(job, text, len, &one, width_pt, out, &said);
	if (s != LP_OK || (*out)->lines->n_lines <= 1)
		goto done;
	/* Its natural width, on a line that cannot be too short. */
	const lp_set_par *wide;
	s = try_set(job, text, len, &one, LP_SIG_STAMP_NATURAL_PT, &wide, &said);
	if (s != LP_OK)
		goto done;
	float natural = wide->lines->n_lines ? wide->lines->lines[0].width_pt : 0;
	float scale = natural > width_pt ? width_pt / natural : 1;
	/* Each try a little smaller: shaping at a smaller size is not quite
	 * proportional (hinting-free, but kerning rounds). A last resort
	 * after them: the last try's first line only (lp_sig_stamp). */
	for (int i = 0; i < LP_SIG_STAMP_FIT_TRIES; i++) {
		scale *= LP_SIG_STAMP_FIT_STEP;
		one.size_pt = st->size_pt * scale;
		s = try_set(job, text, len, &one, width_pt, out, &said);
		if (s != LP_OK || (*out)->lines->n_lines <= 1)
			goto done;
	}
done:
	if (said)
		lp_diag_replay(job->diag, said);
	lp_diag_drop(said);
	return s;
}

lp_status
lp_sig_stamp_new(
        lp_job *job, const lp_style *st, float x_pt, float width_pt, const lp_sig_stamp **out)
{
	*out = NULL;
	lp_sig_stamp *sp = lp_arena_alloc(job->arena, sizeof *sp);
	if (!sp)
		return LP_ERR_NOMEM;
	memset(sp, 0, sizeof *sp);
	/* The most lines any signature of this release can show: the
	 * certificate's name only when the release names no signer. */
	sp->n_lines = job->rel->meta.signature.name ? 2 : 3;
	sp->leading_pt = st->leading_pt;
	sp->x_pt = x_pt;
	sp->width_pt = width_pt;
	if (job->sig_stamp) {
		const char *lines[3];
		uint32_t n = stamp_lines(job, lines);
		if (n == 0)
			return LP_ERR_NOMEM;
		/* The signer's name is the certificate's: its messages are
		 * said at the file that holds it, not at the layout. */
		const char *name_from = job->signer_from;
		const char *was = job->src_name;
		uint32_t was_line = job->src_line;
		for (uint32_t i = 0; i < n; i++) {
			bool cn = lines[i] == job->signer_cn && name_from;
			if (cn)
				job->src_name = name_from, job->src_line = 0;
			lp_status s = set_one_line(job, lines[i], st, width_pt, &sp->lines[i]);
			job->src_name = was, job->src_line = was_line;
			if (s != LP_OK)
				return s;
			((lp_set_par *)sp->lines[i])->x_pt = x_pt;
		}
		sp->n_set = n;
	}
	*out = sp;
	return LP_OK;
}
