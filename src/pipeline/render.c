/* The public entry points: one document from source to its format's
 * writer. Any failure leaves no output; every stage's arena is dropped
 * before returning. */
#include "pipeline/pipeline.h"
#include "base/array.h"

#include "base/atomic_file.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "dlist/trace.h"
#include "image/image.h"
#include "para/linebreak.h"
#include "pipeline/bundle.h"
#include "pipeline/writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Pictures decoded for this document: the display list points at them, so
 * they are dropped with the job, after the backend. */
static lp_status
keep_picture(lp_job *job, lp_image *image, lp_svg *svg)
{
	/* On the heap: the job's arena may go before its pictures. */
	lp_status s = LP_ARRAY_RESERVE(
	        job->pictures, job->cap_pictures, job->n_pictures + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	job->pictures[job->n_pictures++] = (lp_job_picture){image, svg};
	return LP_OK;
}

lp_status
lp_job_keep_image(lp_job *job, lp_image *image)
{
	return keep_picture(job, image, NULL);
}

lp_status
lp_job_keep_svg(lp_job *job, lp_svg *svg)
{
	return keep_picture(job, NULL, svg);
}

/* What only building the display list needs: the arenas (release, lines,
 * page plan), the shaper and the document's dictionaries. The display list
 * points at none of it, so it goes before the backend runs. */
static void
job_release_work(lp_job *job)
{
	lp_shaper_drop(job->shaper);
	lp_hyphen_doc_drop(job->hyph_doc);
	lp_linebreaker_drop(job->breaker);
	lp_arena_drop(job->scratch);
	lp_arena_drop(job->arena);
	free(job->flow);
	free(job->content);
	job->shaper = NULL;
	job->hyph_doc = NULL;
	job->breaker = NULL;
	job->scratch = job->arena = NULL;
	job->flow = NULL;
	job->content = NULL;
	job->n_flow = job->cap_flow = 0;
	job->rel = NULL;
}

void
job_release(lp_job *job)
{
	for (uint32_t i = 0; i < job->n_pictures; i++) {
		lp_image_drop(job->pictures[i].image);
		lp_svg_drop(job->pictures[i].svg);
	}
	free(job->pictures);
	job_release_work(job);
}

static int64_t
fallback_date(const lp_render_options *opts)
{
	if (opts && opts->date_epoch >= 0)
		return opts->date_epoch;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!errno && !*end && v >= 0)
			return v;
	}
	return -1;
}

/* Nothing but white space from byte at on. */
static bool
blank_from(const lp_source *src, size_t at)
{
	const char *p = lp_source_data(src);
	for (size_t i = at; i < lp_source_size(src); i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return false;
	return true;
}

static lp_status
release_empty(const lp_source *src, lp_diag *diag)
{
	return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src, lp_source_size(src),
	        "the release is empty: it has neither a title nor any text");
}

/* The layout a release is set with: the options', else the one its front
 * matter names (confined like its other files), else the default. */
static lp_status
release_bundle(lp_engine *e, const lp_source *src, const lp_render_options *opts,
        const lp_release *rel, const lp_bundle **out, lp_diag *diag)
{
	if (!(opts && opts->layout) && rel->meta.layout)
		return lp_engine_release_layout(
		        e, src, rel->meta.layout, rel->meta.layout_offset, out, diag);
	return lp_engine_layout(
	        e, opts && opts->layout ? opts->layout : LP_DEFAULT_LAYOUT, out, diag);
}

lp_status
lp_render_layout_digest(lp_engine *e, const lp_source *src, const lp_render_options *opts,
        char digest[65], lp_diag *diag)
{
	digest[0] = '\0';
	lp_arena *arena = lp_arena_new(64 << 10);
	if (!arena)
		return LP_ERR_NOMEM;
	lp_release *rel;
	lp_release_options ro = {.lexicon = e->lexicon};
	const lp_bundle *bundle = NULL;
	lp_status s = lp_release_parse_front(src, &ro, arena, &rel, diag);
	if (s == LP_OK)
		s = release_bundle(e, src, opts, rel, &bundle, diag);
	const char *d = s == LP_OK ? lp_bundle_digest(bundle) : NULL;
	if (s == LP_OK && !d)
		s = LP_ERR_NOMEM;
	if (s == LP_OK)
		memcpy(digest, d, 65);
	lp_arena_drop(arena);
	return s;
}

/* Where a flow block came from, for the page builder's messages: the
 * release's line, or a layout block's. */
static void
flow_where(void *user, uint32_t block, const char **file, uint32_t *line, uint32_t *col)
{
	const lp_job *job = user;
	if (block >= job->n_flow || !job->content[block].src.line)
		return;
	*file = job->content[block].src.file;
	*line = job->content[block].src.line;
	*col = job->content[block].src.col;
}

/* Parses, lays out and builds the display list. On success the job holds
 * what the display list points at (images); release it after the backend. */
lp_status
build_document(lp_engine *e, const lp_source *src, const lp_render_options *opts, lp_job *job,
        lp_dlist **out, bool want_inputs, lp_diag *diag)
{
	*out = NULL;
	memset(job, 0, sizeof *job);
	job->engine = e;
	job->want_inputs = want_inputs;
	job->diag = diag;
	job->src = src;
	job->date_fallback = fallback_date(opts);
	job->pdfa = opts && opts->pdfa != LP_PDFA_NONE;
	job->pdfua = opts && opts->pdfua;
	lp_job_set_signing(job, opts);
	job->arena = lp_arena_new(256 << 10);
	job->scratch = lp_arena_new(64 << 10);
	if (!job->arena || !job->scratch)
		return LP_ERR_NOMEM;

	lp_release *rel;
	lp_release_options ro = {.lexicon = e->lexicon};
	/* The front matter first: it names the layout, whose quotation marks
	 * the body is then set with. */
	lp_status s = lp_release_parse_front(src, &ro, job->arena, &rel, diag);
	if (s != LP_OK)
		return s;
	/* An empty file, or a front matter without a title and nothing under
	 * it: a mistake, never a wanted blank letterhead; said before the
	 * layout is looked for, and again after the body for one whose text
	 * made no block. */
	if (!rel->meta.title && blank_from(src, rel->body_start))
		return release_empty(src, diag);
	if ((s = release_bundle(e, src, opts, rel, &job->bundle, diag)) != LP_OK)
		return s;
	job->layout = job->bundle->layout;
	ro.quotes = job->layout->quotes; /* NULL: the language's own */
	if ((s = lp_release_parse_body(src, &ro, job->arena, rel, diag)) != LP_OK)
		return s;
	if (rel->n_blocks == 0 && !rel->meta.title)
		return release_empty(src, diag);
	job->rel = rel;
	job->lang = rel->meta.lang ? rel->meta.lang : "sr-Cyrl";
	job->measure_pt = job->layout->first.body.w;
	if ((s = lp_job_check_fields(job)) != LP_OK || (s = lp_pdfua_check_release(job)) != LP_OK)
		return s;
	/* The institution's fields the release leaves to its layout. */
	if ((s = lp_job_apply_defaults(job)) != LP_OK)
		return s;
	/* Every family lookup of this document sees the base fonts and its
	 * layout's own, never another layout's. */
	job->shaper =
	        lp_shaper_new(job->bundle->fonts, job->layout->fallback, job->layout->n_fallback);
	if (!job->shaper)
		return LP_ERR_NOMEM;
	/* Words are kept from the engine's second document on: finding out
	 * which fonts allow it costs about a page's shaping, which only
	 * documents after the first win back. The bytes are the same either
	 * way. */
	if (__atomic_fetch_add(&e->documents, 1, __ATOMIC_RELAXED) > 0)
		lp_shaper_use_words(job->shaper, e->words);
	/* Its words are the release's own: body, front matter and all. */
	job->hyph_doc = lp_hyphen_doc_new(e->hyph, lp_source_data(src), lp_source_size(src));
	job->breaker = lp_linebreaker_new(e->breaks);

	s = lp_job_build_flow(job);
	if (s != LP_OK)
		return s;
	/* The header's blocks stacked for this release: where the bodies start. */
	if ((s = lp_job_stack(job)) != LP_OK)
		return s;
	lp_job_fit_figures(job);
	if ((s = lp_job_fit_table_pictures(job)) != LP_OK)
		return s;
	const lp_layout *L = job->layout;
	const lp_rect *first = &job->place[0].body, *rest = &job->place[1].body;
	lp_pages_params pp = {first->y, first->h, rest->y, rest->h, L->widows, L->orphans,
	        job->rel->source_name, flow_where, job};
	lp_page_plan *plan;
	s = lp_pages_build(job->flow, job->n_flow, &pp, job->arena, &plan, diag);
	if (s != LP_OK)
		return s;
	return lp_job_compose(job, plan, out);
}

/* The stable text dumps of lp_check_file(): the body's lines, paragraph by
 * paragraph (and a table's cell by cell; a blank line between), or the
 * display list. */
static lp_status
dump_stage(const lp_job *job, const lp_dlist *list, lp_dump what, FILE *out)
{
	if (what == LP_DUMP_DLIST)
		return lp_trace_write(list, out);
	for (uint32_t i = 0; i < job->n_flow; i++) {
		if (job->content[i].row)
			lp_table_dump_row(job->content[i].row, out);
		if (!job->content[i].par)
			continue;
		lp_para_dump_lines(job->content[i].par->lines, out);
		fputc('\n', out);
	}
	return ferror(out) ? LP_ERR_IO : LP_OK;
}

/* Running out of memory is mostly found where nothing more can be said (an
 * allocation deep inside a stage): unless a stage said it already, the
 * release's name goes with it, so that no failure is silent. */
static lp_status
say_out_of_memory(lp_status s, const char *name, size_t reported_before, lp_diag *diag)
{
	if (s != LP_ERR_NOMEM)
		return s;
	for (size_t i = reported_before; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (e && e->severity == LP_ERROR && e->code == LP_ERR_NOMEM)
			return s;
	}
	const char *was = lp_diag_set_document(diag, name);
	lp_diag_report(diag, LP_ERROR, LP_ERR_NOMEM, name, 0, 0, "out of memory");
	lp_diag_set_document(diag, was);
	return s;
}

lp_status
lp_writer_check_options(
        const lp_writer *w, const lp_render_options *opts, const char *name, lp_diag *diag)
{
	if (!opts)
		return LP_OK;
	if (opts->fax && w->format == LP_FORMAT_PNG)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "the fax profile is for PDF and TIFF output, not for PNG previews");
	if (opts->pdfa != LP_PDFA_NONE && w->format != LP_FORMAT_PDF)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "PDF/A (--pdfa) is a kind of PDF, not of %s output", w->name);
	if (opts->pdfua && w->format != LP_FORMAT_PDF)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "PDF/UA (--pdfua) is a kind of PDF, not of %s output", w->name);
	if ((opts->signer || opts->sign_field) && w->format != LP_FORMAT_PDF)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "only PDF output can be signed or carry a signature field, not %s",
		        w->name);
	if (opts->signer || opts->sign_field)
		return lp_sign_check_options(opts, name, diag);
	return LP_OK;
}

/* The format's writer chooses the backend; the target says where its bytes
 * go. Nothing is published unless every stage and the writer succeeded. */
static lp_status
render_source(lp_engine *e, const lp_source *src, const lp_render_options *opts,
        lp_render_output *out, lp_diag *diag)
{
	const char *path = out->target == LP_TARGET_FILE ? out->path : NULL;
	const lp_writer *w = lp_writer_for(opts ? opts->format : LP_FORMAT_AUTO, path);
	if (!w)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE,
		        path ? path : lp_source_name(src), 0, 0, "no writer for output format %d",
		        (int)opts->format);
	lp_format named = lp_format_from_path(path);
	if (named != LP_FORMAT_AUTO && named != w->format)
		/* out.png holding a TIFF would be a mislabelled file. */
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, path, 0, 0,
		        "the name says %s but the format asked for is %s", lp_format_name(named),
		        w->name);
	lp_status s = lp_writer_check_options(w, opts, path ? path : lp_source_name(src), diag);
	if (s != LP_OK)
		return s;
	out->digest.set = false;
	lp_writer_args args = {opts, e->glyphs, lp_source_name(src), out->target == LP_TARGET_NONE,
	        (const uint8_t *)lp_source_data(src), lp_source_size(src), e->pdf_fonts,
	        out->target == LP_TARGET_MEMORY || out->target == LP_TARGET_FD ? &out->digest
	                                                                       : NULL};
	lp_job job;
	lp_dlist *list = NULL;
	uint8_t *data = NULL;
	size_t size = 0;
	size_t errors_before = lp_diag_errors(diag);
	s = build_document(e, src, opts, &job, &list, out->want_inputs, diag);
	if (s == LP_OK && lp_diag_errors(diag) > errors_before)
		s = LP_ERR_SYNTAX; /* a stage reported an error but carried on */
	char *inputs = NULL;
	if (s == LP_OK && out->want_inputs)
		inputs = lp_job_inputs(&job, lp_bundle_digest(job.bundle), &s);
	/* Peak memory is the larger of building and writing, not their sum;
	 * the lines dump reads the job after the backend. */
	if (s == LP_OK && !(opts && opts->dump == LP_DUMP_LINES))
		job_release_work(&job);
	/* A format of several files renders and publishes them itself. */
	bool own_files = out->target == LP_TARGET_FILE && w->publish;
	if (s == LP_OK && out->target == LP_TARGET_FD && !w->write_fd)
		s = LP_ERR_USAGE; /* the caller asks only writers that have one */
	if (s == LP_OK && !own_files && out->target != LP_TARGET_FD)
		s = w->write(list, &args, &data, &size, diag);
	if (s == LP_OK) {
		out->pages = list->n_pages;
		out->layout = job.layout->name;
		out->inputs = inputs;
		inputs = NULL;
		switch (out->target) {
		case LP_TARGET_FILE:
			s = own_files ? w->publish(list, &args, out->path, diag)
			              : lp_atomic_write(out->path, data, size, diag);
			break;
		case LP_TARGET_MEMORY:
			out->data = data;
			out->size = size;
			data = NULL;
			break;
		case LP_TARGET_FD:
			s = w->write_fd(list, &args, out->fd, out->path, &out->size, diag);
			break;
		case LP_TARGET_NONE:
			if (opts && opts->dump != LP_DUMP_NONE && opts->dump_to)
				s = dump_stage(&job, list, opts->dump, opts->dump_to);
			break;
		}
	}
	if (s != LP_OK) {
		free(out->inputs);
		out->inputs = NULL;
	}
	free(inputs);
	free(data);
	lp_dlist_drop(list);
	job_release(&job);
	return s;
}

/* Every message of a render carries its document, also one about the
 * layout, a font or a picture it uses, and repeats are held back within
 * one document only. */
lp_status
lp_render_source(lp_engine *e, const lp_source *src, const lp_render_options *opts,
        lp_render_output *out, lp_diag *diag)
{
	/* A render given no diag counts what it says in one of its own,
	 * dropped after it: letterhead text is kept for later documents only
	 * when setting it said nothing (setkept.c), which a NULL diag cannot
	 * tell, and a stage's error fails the render as it does with a diag. */
	lp_diag *own = NULL;
	if (!diag && !(diag = own = lp_diag_new(NULL, NULL)))
		return LP_ERR_NOMEM;
	const char *was = lp_diag_set_document(diag, lp_source_name(src));
	const lp_source *was_src = lp_diag_set_source(diag, src);
	lp_status s = opts ? lp_diag_check_version(diag, "lp_render_options", opts->version,
	                             LP_RENDER_OPTIONS_VERSION)
	                   : LP_OK;
	if (s == LP_OK)
		s = render_source(e, src, opts, out, diag);
	lp_diag_set_source(diag, was_src);
	lp_diag_set_document(diag, was);
	lp_diag_drop(own);
	return s;
}

/* Reads in_path for the document it names. */
static lp_status
load_release(const char *in_path, lp_source **src, lp_diag *diag)
{
	const char *was = lp_diag_set_document(diag, in_path);
	lp_status s = lp_source_load(in_path, LP_MAX_RELEASE_BYTES, src, diag);
	lp_diag_set_document(diag, was);
	return s;
}

/* lp_render_file(), also giving the page count. */
static lp_status
render_file(lp_engine *e, const char *in_path, const char *out_path, const lp_render_options *opts,
        uint32_t *pages, lp_diag *diag)
{
	lp_source *src;
	lp_status s = load_release(in_path, &src, diag);
	if (s == LP_OK) {
		lp_render_output out = {.target = LP_TARGET_FILE, .path = out_path};
		s = lp_render_source(e, src, opts, &out, diag);
		lp_source_drop(src);
		*pages = s == LP_OK ? out.pages : 0;
	}
	return s;
}

lp_status
lp_render_file(lp_engine *e, const char *in_path, const char *out_path,
        const lp_render_options *opts, lp_diag *diag)
{
	size_t before = lp_diag_size(diag);
	uint32_t pages;
	lp_status s = render_file(e, in_path, out_path, opts, &pages, diag);
	return say_out_of_memory(s, in_path, before, diag);
}

/* The files come from the diag, which every read reports to anyway
 * (base/diag.h): it lists them while the render runs, and a shared
 * layout's bundle tells its own each time it is used. */
lp_status
lp_render_file_result(lp_engine *e, const char *in_path, const char *out_path,
        const lp_render_options *opts, lp_render_result *result, lp_diag *diag)
{
	if (!result)
		return lp_diag_report(
		        diag, LP_ERROR, LP_ERR_USAGE, in_path, 0, 0, "no lp_render_result to fill");
	if (lp_diag_check_version(
	            diag, "lp_render_result", result->version, LP_RENDER_RESULT_VERSION) != LP_OK)
		return LP_ERR_USAGE;
	size_t before = lp_diag_size(diag);
	result->pages = 0;
	lp_status s = lp_diag_keep_inputs(diag, LP_INPUT_RELEASE);
	if (s == LP_OK)
		s = render_file(e, in_path, out_path, opts, &result->pages, diag);
	lp_status listed = lp_diag_take_inputs(diag, &result->inputs, &result->n_inputs);
	if (s == LP_OK && listed != LP_OK)
		s = listed;
	return say_out_of_memory(s, in_path, before, diag);
}

void
lp_render_result_clear(lp_render_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_inputs; i++)
		free((char *)r->inputs[i].path);
	free(r->inputs);
	r->inputs = NULL;
	r->n_inputs = 0;
	r->pages = 0;
}

lp_status
lp_render_memory(lp_engine *e, const char *name, const void *data, size_t size,
        const lp_render_options *opts, uint8_t **pdf, size_t *pdf_size, lp_diag *diag)
{
	*pdf = NULL;
	*pdf_size = 0;
	if (size > LP_MAX_RELEASE_BYTES) {
		const char *was = lp_diag_set_document(diag, name);
		lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
		        "release is larger than the limit of %u bytes", LP_MAX_RELEASE_BYTES);
		lp_diag_set_document(diag, was);
		return LP_ERR_LIMIT;
	}
	size_t before = lp_diag_size(diag);
	lp_source *src;
	lp_status s = lp_source_from_memory(name, data, size, &src);
	if (s == LP_OK) {
		lp_render_output out = {.target = LP_TARGET_MEMORY};
		s = lp_render_source(e, src, opts, &out, diag);
		lp_source_drop(src);
		*pdf = out.data;
		*pdf_size = out.size;
	}
	return say_out_of_memory(s, name, before, diag);
}

lp_status
lp_check_file(lp_engine *e, const char *in_path, const lp_render_options *opts, lp_diag *diag)
{
	size_t before = lp_diag_size(diag);
	lp_source *src;
	lp_status s = load_release(in_path, &src, diag);
	if (s == LP_OK) {
		lp_render_output out = {.target = LP_TARGET_NONE};
		s = lp_render_source(e, src, opts, &out, diag);
		lp_source_drop(src);
	}
	return say_out_of_memory(s, in_path, before, diag);
}
