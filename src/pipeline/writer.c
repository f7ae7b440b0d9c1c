/* The formats and their writers; see writer.h. */
#include "pipeline/writer.h"

#include "base/atomic_file.h"
#include "base/diag.h"
#include "pdf/pdf.h"
#include "raster/fax_profile.h"
#include "raster/raster.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* A PDF; with the fax option, of the fax-profiled list, after the same
 * preflight the TIFF writer runs. */
static lp_status
write_pdf(
        const lp_dlist *list, const lp_writer_args *a, uint8_t **data, size_t *size, lp_diag *diag)
{
	lp_pdf_options po = lp_pdf_options_default();
	po.pdfa = a->opts ? a->opts->pdfa : LP_PDFA_NONE;
	po.pdfua = a->opts && a->opts->pdfua;
	/* A benchmark's switch (bench/pdfa.sh, docs/benchmarks.md), never a
	 * user's: every PDF letterpress publishes is tagged. */
	const char *untagged = getenv("LETTERPRESS_BENCH_UNTAGGED");
	po.untagged = untagged && !strcmp(untagged, "1") && !po.pdfua;
	po.source_name = a->source_name;
	po.source = a->source;
	po.source_size = a->source_size;
	po.font_cache = a->pdf_fonts;
	if (a->opts && (a->opts->signer || a->opts->sign_field))
		return lp_sign_write_pdf(list, a, &po, data, size, diag);
	po.digest = a->digest;
	if (!a->opts || !a->opts->fax)
		return lp_pdf_render(list, &po, data, size, diag);
	lp_fax_preflight(list, a->source_name, diag);
	lp_dlist *faxed;
	lp_status s = lp_fax_profile(list, &faxed);
	if (s != LP_OK)
		return s;
	s = lp_pdf_render(faxed, &po, data, size, diag);
	lp_dlist_drop(faxed);
	return s;
}

static lp_tiff_options
tiff_options(const lp_writer_args *a)
{
	lp_tiff_options to = lp_tiff_options_default();
	if (a->opts) {
		to.resolution =
		        a->opts->fax_mode == LP_FAX_MODE_STANDARD ? LP_FAX_STANDARD : LP_FAX_FINE;
		to.coding = a->opts->fax_code == LP_FAX_CODE_G3      ? LP_FAX_G3_1D
		            : a->opts->fax_code == LP_FAX_CODE_G3_2D ? LP_FAX_G3_2D
		                                                     : LP_FAX_G4;
	}
	to.source_name = a->source_name;
	to.glyphs = a->glyphs;
	return to;
}

static lp_status
write_tiff(
        const lp_dlist *list, const lp_writer_args *a, uint8_t **data, size_t *size, lp_diag *diag)
{
	lp_tiff_options to = tiff_options(a);
	/* A check keeps nothing: the TIFF goes into a scratch file as it
	 * renders, as a file target's would, not into memory whole. */
	int fd = a->discard ? lp_scratch_file_open() : -1;
	if (fd < 0)
		return lp_raster_render_tiff(list, &to, data, size, diag);
	lp_status s = lp_raster_write_tiff_fd(list, &to, fd, LP_SCRATCH_NAME, size, diag);
	*size = 0;
	close(fd);
	return s;
}

/* Into an open file as it renders (a batch's staged output). */
static lp_status
write_tiff_fd(const lp_dlist *list, const lp_writer_args *a, int fd, const char *name, size_t *size,
        lp_diag *diag)
{
	lp_tiff_options to = tiff_options(a);
	to.digest = a->digest;
	return lp_raster_write_tiff_fd(list, &to, fd, name, size, diag);
}

/* To a file, page by page into the temporary file (tiff_fax.c). */
static lp_status
publish_tiff(const lp_dlist *list, const lp_writer_args *a, const char *path, lp_diag *diag)
{
	lp_tiff_options to = tiff_options(a);
	return lp_raster_write_tiff(list, &to, path, diag);
}

static lp_png_options
png_options(const lp_writer_args *a)
{
	lp_png_options po = lp_png_options_default();
	if (a->opts && a->opts->dpi != 0)
		po.dpi = a->opts->dpi;
	if (a->opts)
		po.grey = a->opts->grey;
	po.source_name = a->source_name;
	po.glyphs = a->glyphs;
	return po;
}

/* Standard output takes one file: a document of several pages goes to
 * files (publish_png), or to memory as one image of every page. */
static lp_status
one_png_page(const lp_dlist *list, const lp_writer_args *a, const char *where, lp_diag *diag)
{
	if (list->n_pages <= 1)
		return LP_OK;
	return lp_diag_report(diag, LP_ERROR, LP_ERR_UNSUPPORTED, a->source_name, 0, 0,
	        "the document has %u pages, which make %u PNG files; %s takes one (render it to a "
	        "file OUT.png for OUT-1.png … OUT-%u.png, or use --format tiff or pdf)",
	        list->n_pages, list->n_pages, where, list->n_pages);
}

static lp_status
write_png(
        const lp_dlist *list, const lp_writer_args *a, uint8_t **data, size_t *size, lp_diag *diag)
{
	lp_png_options po = png_options(a);
	if (a->discard) {
		/* A check renders every page as a file target would. */
		lp_status s = LP_OK;
		for (uint32_t i = 0; s == LP_OK && i < list->n_pages; i++) {
			s = lp_raster_render_png(list, &po, i, data, size, diag);
			free(*data);
			*data = NULL;
			*size = 0;
		}
		return s;
	}
	/* One buffer, one image: several pages are stacked in it. */
	return lp_raster_render_png_strip(list, &po, data, size, diag);
}

static lp_status
publish_png(const lp_dlist *list, const lp_writer_args *a, const char *path, lp_diag *diag)
{
	if (strcmp(path, "-") == 0) {
		lp_status s = one_png_page(list, a, "standard output", diag);
		if (s != LP_OK)
			return s;
	}
	lp_png_options po = png_options(a);
	return lp_raster_write_png(list, &po, path, diag);
}

/* One row a format; the first is what LP_FORMAT_AUTO falls back to. */
static const lp_writer writers[] = {
        {LP_FORMAT_PDF, "pdf", ".pdf", write_pdf, NULL, NULL},
        {LP_FORMAT_TIFF, "tiff", ".tiff", write_tiff, publish_tiff, write_tiff_fd},
        {LP_FORMAT_PNG, "png", ".png", write_png, publish_png, NULL},
};
#define N_WRITERS (sizeof writers / sizeof *writers)

static const lp_writer *
find(lp_format format)
{
	for (size_t i = 0; i < N_WRITERS; i++)
		if (writers[i].format == format)
			return &writers[i];
	return NULL;
}

lp_format
lp_format_from_name(const char *name)
{
	for (size_t i = 0; name && i < N_WRITERS; i++)
		if (strcmp(writers[i].name, name) == 0)
			return writers[i].format;
	return LP_FORMAT_AUTO;
}

lp_format
lp_format_from_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return LP_FORMAT_AUTO;
	/* TIFF's short spelling, which fax software also uses. */
	if (strcasecmp(dot, ".tif") == 0)
		return LP_FORMAT_TIFF;
	for (size_t i = 0; i < N_WRITERS; i++)
		if (strcasecmp(writers[i].extension, dot) == 0)
			return writers[i].format;
	return LP_FORMAT_AUTO;
}

const char *
lp_format_name(lp_format format)
{
	const lp_writer *w = find(format);
	return w ? w->name : NULL;
}

const char *
lp_format_extension(lp_format format)
{
	const lp_writer *w = find(format);
	return w ? w->extension : NULL;
}

const lp_writer *
lp_writer_for(lp_format format, const char *path)
{
	if (format == LP_FORMAT_AUTO)
		format = lp_format_from_path(path);
	return format == LP_FORMAT_AUTO ? &writers[0] : find(format);
}
