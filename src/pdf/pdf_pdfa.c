/*
 * What a PDF/A level (ISO 19005-1, -2, -3, conformance b) asks of a file
 * beyond its metadata (pdf_xmp.c), and the refusals when a document cannot
 * meet it; docs/standards.md lists the clauses and the tests that cover
 * them.
 *
 * - An output intent with an embedded ICC profile: every colour letterpress
 *   writes is DeviceRGB or DeviceGray, so one sRGB intent makes them
 *   device-independent (19005-1 §6.2.2, §6.2.3.3; -2 §6.2.3); its profile
 *   is a small one data/icc/make_srgb.py makes at build time.
 * - Fonts embedded, their licence permitting (OS/2 fsType, 19005-1 §6.3.5,
 *   -2 §6.2.11.4), with no .notdef shown (-2 §6.2.11.8); PDF/A-1 is PDF 1.4,
 *   which has no OpenType (CFF) font files.
 * - PDF/A-1 has no transparency (§6.4): soft masks are refused and
 *   translucent drawings are written opaque in the colour they show over
 *   white paper.
 * - PDF/A-3 may carry files of any kind if each is an associated file
 *   (19005-3 §6.8): the release's Markdown, as its /Source.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"
#include "font/font_hb.h"
#include "image/image.h"
#include "pdf/srgb_icc.h"

#include <stdio.h>
#include <string.h>

static const char *
level_name(lp_pdfa level)
{
	return level == LP_PDFA_1B ? "PDF/A-1b" : level == LP_PDFA_2B ? "PDF/A-2b" : "PDF/A-3b";
}

/* OS/2 fsType (OpenType spec): bit 1 restricted licence (no embedding),
 * bit 8 no subsetting, bit 9 bitmap embedding only. 0 when the font has
 * no OS/2 table, which means embedding is allowed. */
static unsigned
fs_type(const lp_font *font)
{
	hb_blob_t *os2 = hb_face_reference_table(lp_font_hb_face(font), HB_TAG('O', 'S', '/', '2'));
	unsigned len = 0;
	const uint8_t *b = (const uint8_t *)hb_blob_get_data(os2, &len);
	unsigned v = b && len >= 10 ? (unsigned)b[8] << 8 | b[9] : 0;
	hb_blob_destroy(os2);
	return v;
}

lp_status
lp_pdf_pdfa_fonts(lp_pdf_dev *d)
{
	if (d->opt.pdfa == LP_PDFA_NONE)
		return LP_OK;
	const char *level = level_name(d->opt.pdfa);
	for (uint32_t i = 0; i < d->n_fonts; i++) {
		const lp_pdf_font *f = &d->fonts[i];
		const char *name = lp_font_postscript_name(f->font);
		/* The pipeline has already named each character and its line;
		 * this is the backend's own guarantee. */
		if (f->used[0] & 0x80) {
			return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
			        d->opt.source_name, 0, 0,
			        "%s: the font %s shows its missing-glyph box (.notdef), which %s "
			        "forbids",
			        level, name, level);
		}
		unsigned fs = fs_type(f->font);
		if ((fs & 0x000f) == 0x0002 || (fs & 0x0100) || (fs & 0x0200)) {
			return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
			        lp_font_shown(f->font), 0, 0,
			        "%s needs every font embedded, and the licence of %s (OS/2 fsType "
			        "0x%04X) does not allow it to be embedded as a subset of outlines",
			        level, name, fs);
		}
		if (d->opt.pdfa == LP_PDFA_1B && lp_font_is_cff(f->font)) {
			return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
			        lp_font_shown(f->font), 0, 0,
			        "PDF/A-1b is PDF 1.4, which cannot embed %s's OpenType (CFF) "
			        "outlines; "
			        "use --pdfa 2b or a TrueType font",
			        name);
		}
	}
	return LP_OK;
}

static lp_status
output_intent(lp_pdf_dev *d)
{
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict icc = HPDF_DictStream_New(mm, d->doc->xref);
	HPDF_Dict oi = HPDF_Dict_New(mm);
	HPDF_Array ois = HPDF_Array_New(mm);
	if (!icc || !oi || !ois)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "output intent");
	const char *what = "output intent";
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(icc, "N", 3), what);
	if (d->opt.compress)
		lp_pdf_hpdf(
		        d, lp_pdf_write_deflated(d, icc, lp_srgb_icc, sizeof lp_srgb_icc), what);
	else
		lp_pdf_hpdf(
		        d, HPDF_Stream_Write(icc->stream, lp_srgb_icc, sizeof lp_srgb_icc), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(oi, "Type", "OutputIntent"), what);
	/* GTS_PDFA1 serves every part of PDF/A (19005-2 §6.2.3). */
	lp_pdf_hpdf(d, HPDF_Dict_AddName(oi, "S", "GTS_PDFA1"), what);
	lp_pdf_hpdf(d,
	        HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB", NULL)),
	        what);
	lp_pdf_hpdf(d,
	        HPDF_Dict_Add(
	                oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL)),
	        what);
	lp_pdf_hpdf(
	        d, HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(oi, "DestOutputProfile", icc), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(ois, oi), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "OutputIntents", ois), what);
	return d->error;
}

/* The release's Markdown as the document's source (19005-3 §6.8, ISO
 * 32000-2 §14.13): a file specification with /AFRelationship /Source, named
 * by the catalog's /AF and by the EmbeddedFiles name tree, the stream with
 * its media type and its size and dates. */
static lp_status
source_file(lp_pdf_dev *d)
{
	HPDF_MMgr mm = d->doc->mmgr;
	const char *path =
	        d->opt.source_name && *d->opt.source_name ? d->opt.source_name : "release.md";
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (!*name || strcmp(name, "-") == 0)
		name = "release.md";
	size_t ulen;
	uint8_t *uname = lp_pdf_utf16(d->arena, name, strlen(name), &ulen);
	/* /F is a byte string in PDFDocEncoding: the ASCII of the name. */
	char *ascii = lp_arena_strndup(d->arena, name, strlen(name));
	HPDF_Dict ef_stream = HPDF_DictStream_New(mm, d->doc->xref);
	HPDF_Dict params = HPDF_Dict_New(mm);
	HPDF_Dict ef = HPDF_Dict_New(mm);
	HPDF_Dict spec = HPDF_Dict_New(mm);
	HPDF_Array af = HPDF_Array_New(mm);
	HPDF_Dict names = HPDF_Dict_New(mm);
	HPDF_Dict tree = HPDF_Dict_New(mm);
	HPDF_Array leaf = HPDF_Array_New(mm);
	if (!uname || !ascii || !ef_stream || !params || !ef || !spec || !af || !names || !tree ||
	        !leaf)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "source file");
	const char *what = "source file";
	for (char *c = ascii; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
			*c = '_';
	lp_pdf_hpdf(d, HPDF_Xref_Add(d->doc->xref, spec), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(ef_stream, "Type", "EmbeddedFile"), what);
	/* "text/markdown" (RFC 7763) as a name: the slash is #2F. */
	lp_pdf_hpdf(d, HPDF_Dict_AddName(ef_stream, "Subtype", "text/markdown"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)d->opt.source_size), what);
	char info_date[24], xmp_date[24];
	if (lp_pdf_dates(d->meta_date, info_date, xmp_date)) {
		lp_pdf_hpdf(d,
		        HPDF_Dict_Add(params, "CreationDate", HPDF_String_New(mm, info_date, NULL)),
		        what);
		lp_pdf_hpdf(d,
		        HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, info_date, NULL)),
		        what);
	}
	lp_pdf_hpdf(d, HPDF_Dict_Add(ef_stream, "Params", params), what);
	if (d->opt.compress)
		lp_pdf_hpdf(d,
		        lp_pdf_write_deflated(d, ef_stream, d->opt.source, d->opt.source_size),
		        what);
	else if (d->opt.source_size)
		lp_pdf_hpdf(d,
		        HPDF_Stream_Write(
		                ef_stream->stream, d->opt.source, (HPDF_UINT)d->opt.source_size),
		        what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(ef, "F", ef_stream), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(ef, "UF", ef_stream), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(spec, "Type", "Filespec"), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(spec, "F", HPDF_String_New(mm, ascii, NULL)), what);
	lp_pdf_hpdf(
	        d, HPDF_Dict_Add(spec, "UF", HPDF_Binary_New(mm, uname, (HPDF_UINT)ulen)), what);
	lp_pdf_hpdf(d,
	        HPDF_Dict_Add(
	                spec, "Desc", HPDF_String_New(mm, "The release's Markdown source", NULL)),
	        what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(spec, "AFRelationship", "Source"), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(spec, "EF", ef), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(af, spec), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "AF", af), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(leaf, HPDF_Binary_New(mm, uname, (HPDF_UINT)ulen)), what);
	lp_pdf_hpdf(d, HPDF_Array_Add(leaf, spec), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(tree, "Names", leaf), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(names, "EmbeddedFiles", tree), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "Names", names), what);
	return d->error;
}

lp_status
lp_pdf_pdfa_catalog(lp_pdf_dev *d)
{
	if (d->opt.pdfa == LP_PDFA_NONE)
		return LP_OK;
	LP_PDF_STEP(d, output_intent(d));
	if (d->error == LP_OK && d->opt.pdfa == LP_PDFA_3B) {
		if (!d->opt.source) {
			return lp_pdf_fail(d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_USAGE,
			                              d->opt.source_name, 0, 0,
			                              "PDF/A-3b carries the release's source, and "
			                              "none was given"));
		}
		LP_PDF_STEP(d, source_file(d));
	}
	return d->error;
}

lp_status
lp_pdf_pdfa_image(lp_pdf_dev *d, const lp_dl_image *img)
{
	if (d->opt.pdfa == LP_PDFA_NONE)
		return LP_OK;
	size_t n;
	if (lp_image_color_space(img->image) == LP_IMAGE_CMYK) {
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
		        lp_image_name(img->image), 0, 0,
		        "%s: the image is CMYK, and a PDF/A file's colours are sRGB (its output "
		        "intent); convert the image to RGB",
		        level_name(d->opt.pdfa));
	}
	if (d->opt.pdfa == LP_PDFA_1B && lp_image_alpha(img->image, &n)) {
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED,
		        lp_image_name(img->image), 0, 0,
		        "PDF/A-1b allows no transparency, and the image has an alpha channel; "
		        "flatten it or use --pdfa 2b");
	}
	return LP_OK;
}

/* The colour a fill of opacity a shows over white: c' = 1 - a (1 - c). */
static lp_rgb
over_white(lp_rgb c, float a)
{
	lp_rgb out = 0;
	for (int shift = 16; shift >= 0; shift -= 8) {
		float v = (float)((c >> shift) & 0xff);
		float w = 255.0f - a * (255.0f - v);
		long r = (long)(w + 0.5f);
		out |= (lp_rgb)(r < 0 ? 0 : r > 255 ? 255 : r) << shift;
	}
	return out;
}

void
lp_pdf_pdfa_path(const lp_pdf_dev *d, const lp_dl_path *path, lp_dl_path *out)
{
	*out = *path;
	if (d->opt.pdfa != LP_PDFA_1B)
		return;
	if (out->fill && out->fill_opacity < 1) {
		/* A translucent gradient: its mean colour, over white too. */
		out->fill_gradient = NULL;
		out->fill_color = over_white(out->fill_color, out->fill_opacity);
		out->fill_opacity = 1;
	}
	if (out->stroke && out->stroke_opacity < 1) {
		out->stroke_color = over_white(out->stroke_color, out->stroke_opacity);
		out->stroke_opacity = 1;
	}
}
