/* The document's metadata, from the release and its layout: title,
 * author (the organ lines), subject, keywords (the fields a release asks
 * to be kept), language, date, whether pages are numbered; each string
 * within what libharu writes. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/limits.h"
#include "lp_config.h"

#include <stdlib.h>
#include <string.h>

static int64_t
document_date(const lp_job *job, int64_t fallback)
{
	const lp_date *d = &job->rel->meta.date;
	if (d->year) {
		/* Days from civil (Howard Hinnant's algorithm), noon UTC so the date
		 * reads the same in every time zone of Europe. */
		int y = d->year - (d->month <= 2);
		int era = (y >= 0 ? y : y - 399) / 400;
		int yoe = y - era * 400;
		int doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 + d->day - 1;
		int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		int64_t days = (int64_t)era * 146097 + doe - 719468;
		return days * 86400 + 12 * 3600;
	}
	return fallback;
}

/* Appends s at *p and moves *p past it. */
static void
put(char **p, const char *s)
{
	size_t n = strlen(s);
	memcpy(*p, s, n);
	*p += n;
}

/* UTF-16 units of UTF-8 text: one per character, two past U+FFFF. */
static size_t
utf16_units(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80 ? 1 + (*p >= 0xF0) : 0;
	return n;
}

/* One document information string from n parts ("A — B — C" for the
 * author, "key: value; ..." for the keywords), built in one pass at its
 * exact size (a release with many fields stays linear), with as many whole
 * parts as fit in LP_PDF_MAX_INFO_UNITS; a warning says how many did.
 * part(i) gives the pieces of the i-th part; sep goes between parts. */
typedef struct info_part {
	const char *a, *b, *c; /* b and c may be NULL */
} info_part;

static const char *
info_string(lp_job *job, uint32_t n, info_part (*part)(const lp_job *, uint32_t), const char *sep,
        const char *what)
{
	size_t len = 0, units = 0;
	uint32_t fit = 0, kept = 0;
	for (; fit < n; fit++) {
		info_part p = part(job, fit);
		if (!p.a)
			continue; /* a part left out */
		size_t plen = (kept ? strlen(sep) : 0) + strlen(p.a) + (p.b ? strlen(p.b) : 0) +
		              (p.c ? strlen(p.c) : 0);
		size_t punits = (kept ? utf16_units(sep) : 0) + utf16_units(p.a) +
		                (p.b ? utf16_units(p.b) : 0) + (p.c ? utf16_units(p.c) : 0);
		if (units + punits > LP_PDF_MAX_INFO_UNITS)
			break;
		len += plen;
		units += punits;
		kept++;
	}
	if (fit < n)
		lp_diag_report(job->diag, LP_WARNING, LP_OK, job->rel->source_name, 0, 0,
		        "only the first %u of %u %s fit in the PDF's document information "
		        "(a PDF string takes %d characters)",
		        fit, n, what, LP_PDF_MAX_INFO_UNITS);
	if (kept == 0)
		return NULL;
	char *s = lp_arena_alloc(job->arena, len + 1), *w = s;
	for (uint32_t i = 0, k = 0; s && i < fit; i++) {
		info_part p = part(job, i);
		if (!p.a)
			continue;
		put(&w, k++ ? sep : "");
		put(&w, p.a);
		put(&w, p.b ? p.b : "");
		put(&w, p.c ? p.c : "");
	}
	return s;
}

static info_part
organ_part(const lp_job *job, uint32_t i)
{
	return (info_part){job->rel->meta.organ[i], NULL, NULL};
}

/* Contact data is how to reach the press office, not what the release is
 * about: it stays out of the keywords (PDF/A copies them into XMP, where
 * catalogues index them). Known by its key, or by a value that is an
 * e-mail address, a web address or an international phone number. */
static bool
is_contact(const lp_field *f)
{
	static const char *const keys[] = {"phone", "tel", "telephone", "mobile", "fax", "email",
	        "e-mail", "mail", "web", "website", "url", "www", "address", "contact", "twitter"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strcmp(f->key, keys[i]) == 0)
			return true;
	const char *v = f->value;
	return strchr(v, '@') || strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0 ||
	       strncmp(v, "www.", 4) == 0 || (v[0] == '+' && v[1] >= '0' && v[1] <= '9');
}

/* A field for the keywords: a `keywords:` field alone when the release
 * has one, else every field the layout prints but contact data (a field
 * printed nowhere, a misspelt key among them, stays out of the PDF). NULL
 * a: left out. */
static info_part
field_part(const lp_job *job, uint32_t i)
{
	const lp_field *f = &job->rel->meta.fields[i];
	bool own = false;
	for (uint32_t k = 0; k < job->rel->meta.n_fields && !own; k++)
		own = strcmp(job->rel->meta.fields[k].key, "keywords") == 0;
	if (own)
		return strcmp(f->key, "keywords") == 0 ? (info_part){f->value, NULL, NULL}
		                                       : (info_part){NULL, NULL, NULL};
	if (is_contact(f) || !lp_layout_prints_field(job->layout, f->key))
		return (info_part){NULL, NULL, NULL};
	return (info_part){f->key, ": ", f->value};
}

/* The title as document information, unless it cannot be one. */
static const char *
info_title(lp_job *job)
{
	const char *t = job->rel->meta.title;
	if (t && utf16_units(t) > LP_PDF_MAX_INFO_UNITS) {
		lp_diag_report(job->diag, LP_WARNING, LP_OK, job->rel->source_name, 0, 0,
		        "the title is longer than a PDF string takes (%d characters); the PDF's "
		        "document information has none",
		        LP_PDF_MAX_INFO_UNITS);
		return NULL;
	}
	return t;
}

/* Whether the pages show their numbers (which the layout's page-number
 * block does on documents of two pages or more). */
static bool
numbered(const lp_layout *L, uint32_t n_pages)
{
	const lp_page_template *tpl[] = {&L->first, &L->rest};
	for (int t = 0; t < 2 && n_pages > 1; t++)
		for (uint32_t i = 0; i < tpl[t]->n_blocks; i++)
			if (tpl[t]->blocks[i].kind == LP_LB_PAGE_NUMBER)
				return true;
	return false;
}

lp_dl_meta
lp_job_doc_meta(lp_job *job, uint32_t n_pages)
{
	const lp_meta *m = &job->rel->meta;
	const char *title = info_title(job);
	return (lp_dl_meta){
	        .title = title,
	        .author = info_string(job, m->n_organ, organ_part, " — ", "organ lines"),
	        .subject = title,
	        .keywords = info_string(job, m->n_fields, field_part, "; ", "front-matter fields"),
	        .creator = "letterpress " LP_VERSION,
	        .lang = job->lang,
	        .date = document_date(job, job->date_fallback),
	        .numbered = numbered(job->layout, n_pages),
	        .signed_at = job->sig_field ? job->sign_time : 0,
	        .sig_text = lp_job_sig_field_text(job),
	};
}
