/*
 * Fonts as PDF objects, built with libharu's object layer because its text
 * API maps text by code point and cannot show glyphs that have none
 * (Serbian localized forms, ligatures). Each face is written once per
 * document (PDF 1.7, ISO 32000-1 §9.7):
 *
 *   Type0 /Identity-H ── CIDFontType2 (TrueType) or CIDFontType0 (CFF)
 *        │                   /W from the font's advances, /CIDToGIDMap /Identity
 *        └ ToUnicode          FontDescriptor ── FontFile2/FontFile3, CIDSet
 *
 * The subset renumbers glyphs from 0 in glyph order; a glyph's CID is its
 * index there (cid[] per glyph id), and /W, /CIDSet, ToUnicode and the
 * content stream all speak CIDs. Everything else here is indexed by the
 * display list's glyph ids. Widths are the font's advances; kerning and
 * justification are in the positioning.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

lp_pdf_font *
lp_pdf_font_find(lp_pdf_dev *d, const lp_font *font)
{
	for (uint32_t i = 0; i < d->n_fonts; i++)
		if (d->fonts[i].font == font)
			return &d->fonts[i];
	return NULL;
}

/* The k-th of the characters in s[0, n), into *c, when they are m: a
 * base and m - 1 combining marks. */
static bool
mark_cluster_char(const UChar *s, int32_t n, uint32_t k, uint32_t m, UChar32 *c)
{
	uint32_t count = 0;
	for (int32_t at = 0; at < n; count++) {
		UChar32 u;
		U16_NEXT(s, at, n, u);
		if (count > 0 && u_getCombiningClass(u) == 0)
			return false;
		if (count == k)
			*c = u;
	}
	return count == m && k < m;
}

/* The k-th of m glyphs of a cluster that is a base and its combining
 * marks, drawn a glyph each, as UTF-8 in out: the k-th character as the
 * text has it ("Ё" and U+0301 for "Ё́"), or canonically decomposed (NFD)
 * where the font lacks a letter and HarfBuzz draws it as its base and
 * accent (NFD orders marks as HarfBuzz places them, by combining class).
 * 0 when the cluster is no such thing. */
static uint32_t
cluster_char(const char *text, uint32_t len, uint32_t k, uint32_t m, char out[4])
{
	UChar u[LP_PDF_MAX_GLYPH_TEXT], nfd[4 * LP_PDF_MAX_GLYPH_TEXT];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = 0;
	UChar32 c = 0;
	if (len > LP_PDF_MAX_GLYPH_TEXT)
		return 0;
	u_strFromUTF8(u, LP_PDF_MAX_GLYPH_TEXT, &n, text, (int32_t)len, &err);
	if (U_FAILURE(err))
		return 0;
	if (!mark_cluster_char(u, n, k, m, &c)) {
		const UNormalizer2 *norm = unorm2_getNFDInstance(&err);
		if (U_FAILURE(err))
			return 0;
		n = unorm2_normalize(norm, u, n, nfd, (int32_t)(sizeof nfd / sizeof *nfd), &err);
		if (U_FAILURE(err) || !mark_cluster_char(nfd, n, k, m, &c))
			return 0;
	}
	return (uint32_t)lp_utf8_encode((uint32_t)c, (uint8_t *)out);
}

uint32_t
lp_pdf_glyph_text(const lp_dl_text *run, uint32_t i, char buf[4], const char **text)
{
	uint32_t c = run->glyphs[i].cluster, first = i, end = i + 1;
	if (c > run->text_len)
		c = run->text_len;
	*text = run->text + c;
	while (first > 0 && run->glyphs[first - 1].cluster == run->glyphs[i].cluster)
		first--;
	uint32_t e = run->text_len;
	for (; end < run->n_glyphs; end++) {
		if (run->glyphs[end].cluster > run->glyphs[i].cluster) {
			e = run->glyphs[end].cluster;
			break;
		}
	}
	if (e > run->text_len)
		e = run->text_len;
	if (end - first > 1) {
		/* A mark drawn as a glyph of its own (the stress in "доро́га")
		 * is its own character: a glyph no ToUnicode entry names is
		 * U+FFFD to MuPDF and a guess to pdf.js. */
		uint32_t n = cluster_char(*text, e - c, i - first, end - first, buf);
		if (n) {
			*text = buf;
			return n;
		}
	}
	/* The cluster's text on its first glyph (a ligature's characters);
	 * none on the others, which would repeat it. */
	return i == first ? e - c : 0;
}

static lp_pdf_font *
font_add(lp_pdf_dev *d, const lp_font *font)
{
	lp_pdf_font *f = lp_pdf_font_find(d, font);
	if (f)
		return f;
	if (LP_ARENA_ARRAY_RESERVE(d->arena, d->fonts, d->cap_fonts, (size_t)d->n_fonts + 1,
	            LP_ARRAY_ANY) != LP_OK)
		return NULL;
	f = &d->fonts[d->n_fonts];
	memset(f, 0, sizeof *f);
	f->font = font;
	f->n_gids = lp_font_metrics_of(font)->glyph_count;
	f->used = lp_arena_alloc(d->arena, f->n_gids / 8 + 1);
	f->text = lp_arena_array(d->arena, f->n_gids ? f->n_gids : 1, sizeof *f->text);
	f->width = lp_arena_array(d->arena, f->n_gids ? f->n_gids : 1, sizeof *f->width);
	f->cid = lp_arena_array(d->arena, f->n_gids ? f->n_gids : 1, sizeof *f->cid);
	if (!f->used || !f->text || !f->width || !f->cid)
		return NULL;
	snprintf(f->res_name, sizeof f->res_name, "F%u", d->n_fonts + 1);
	d->n_fonts++;
	return f;
}

static lp_status
collect_run(lp_pdf_dev *d, const lp_dl_text *run)
{
	lp_pdf_font *f = font_add(d, run->font);
	if (!f)
		return LP_ERR_NOMEM;
	bool seen_only = run->use == LP_TEXT_SEEN_ONLY;
	if (seen_only && !f->echo) {
		f->echo = lp_arena_alloc(d->arena, f->n_gids / 8 + 1);
		if (!f->echo)
			return LP_ERR_NOMEM;
		snprintf(f->echo_name, sizeof f->echo_name, "%sE", f->res_name);
	}
	for (uint32_t i = 0; i < run->n_glyphs; i++) {
		uint32_t gid = run->glyphs[i].gid, n;
		char buf[4];
		const char *t;
		if (gid >= f->n_gids || gid > 0xffff) {
			return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL,
			        lp_font_shown(run->font), 0, 0,
			        "glyph %u is not in the font (%u glyphs)", gid, f->n_gids);
		}
		f->used[gid / 8] |= (uint8_t)(0x80u >> (gid % 8));
		if (seen_only) {
			/* Its text is read elsewhere (a read-only run). */
			f->echo[gid / 8] |= (uint8_t)(0x80u >> (gid % 8));
			continue;
		}
		if (f->text[gid])
			continue;
		n = lp_pdf_glyph_text(run, i, buf, &t);
		if (n == 0 || n > LP_PDF_MAX_GLYPH_TEXT)
			continue;
		f->text[gid] = lp_arena_strndup(d->arena, t, n);
		if (!f->text[gid])
			return LP_ERR_NOMEM;
	}
	return LP_OK;
}

lp_status
lp_pdf_fonts_collect(lp_pdf_dev *d, const lp_dlist *list)
{
	for (uint32_t p = 0; p < list->n_pages; p++) {
		const lp_dl_page *page = &list->pages[p];
		for (uint32_t k = 0; k < page->n_items; k++) {
			/* A signature stamp's glyphs go into the appearance's own
			 * subsets (pdf_sigfield.c): the page's fonts stay those
			 * of the unsigned render. */
			if (page->items[k].kind != LP_DL_TEXT || lp_pdf_sig_is_stamp(d, p, k))
				continue;
			lp_status s = collect_run(d, &page->items[k].u.text);
			if (s != LP_OK)
				return s;
		}
	}
	return LP_OK;
}

lp_status
lp_pdf_fonts_collect_items(lp_pdf_dev *d, const lp_dl_page *page, uint32_t first, uint32_t n)
{
	for (uint32_t k = first; k < first + n && k < page->n_items; k++) {
		if (page->items[k].kind != LP_DL_TEXT)
			continue;
		lp_status s = collect_run(d, &page->items[k].u.text);
		if (s != LP_OK)
			return s;
	}
	return LP_OK;
}

/* "ABCDEF+": the subset tag the PDF spec asks for (§9.6.4), made from the
 * glyph set (FNV-1a) so that the same document always gets the same tag. */
static void
subset_tag(const lp_pdf_font *f, char tag[8])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (uint32_t i = 0; i < f->n_gids / 8 + 1; i++) {
		h ^= f->used[i];
		h *= 0x100000001b3u;
	}
	for (const char *s = lp_font_postscript_name(f->font); *s; s++) {
		h ^= (uint8_t)*s;
		h *= 0x100000001b3u;
	}
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '+';
	tag[7] = '\0';
}

static char *
base_font_name(lp_pdf_dev *d, const lp_pdf_font *f)
{
	char tag[8];
	subset_tag(f, tag);
	const char *ps = lp_font_postscript_name(f->font);
	char *name = lp_arena_printf(d->arena, "%s%s", tag, ps);
	if (!name)
		return NULL;
	/* A PostScript name is printable ASCII without delimiters. */
	for (char *c = name + 7; *c; c++)
		if (*c <= ' ' || *c > '~' || strchr("()<>[]{}/%#", *c))
			*c = '-';
	return name;
}

static double
to_1000(const lp_font_metrics *m, double fu)
{
	return fu * 1000.0 / (double)(m->units_per_em ? m->units_per_em : 1000);
}

static HPDF_Array
widths_array(lp_pdf_dev *d, lp_pdf_font *f)
{
	HPDF_MMgr mm = d->doc->mmgr;
	const lp_font_metrics *m = lp_font_metrics_of(f->font);
	HPDF_Array w = HPDF_Array_New(mm);
	HPDF_Array cur = NULL;
	uint32_t prev = UINT32_MAX;
	if (!w)
		return NULL;
	LP_PDF_EACH_GLYPH(g, f->used, f->n_gids)
	{
		char buf[32];
		f->width[g] = (float)lp_pdf_fmt(buf, to_1000(m, lp_font_glyph_advance(f->font, g)));
		uint32_t c = f->cid[g];
		if (!cur || prev + 1 != c) {
			cur = HPDF_Array_New(mm);
			if (!cur || HPDF_Array_AddNumber(w, (HPDF_INT32)c) != HPDF_OK ||
			        HPDF_Array_Add(w, cur) != HPDF_OK)
				return NULL;
		}
		if (HPDF_Array_AddReal(cur, f->width[g]) != HPDF_OK)
			return NULL;
		prev = c;
	}
	return w;
}

/* A stream, its data written by the caller. */
static HPDF_Dict
stream_new(lp_pdf_dev *d)
{
	return HPDF_DictStream_New(d->doc->mmgr, d->doc->xref);
}

static HPDF_Dict
descriptor(lp_pdf_dev *d, lp_pdf_font *f, const char *name)
{
	HPDF_MMgr mm = d->doc->mmgr;
	const lp_font_metrics *m = lp_font_metrics_of(f->font);
	HPDF_Dict fd = HPDF_Dict_New(mm);
	HPDF_Array bbox = HPDF_Array_New(mm);
	if (!fd || !bbox || HPDF_Xref_Add(d->doc->xref, fd) != HPDF_OK)
		return NULL;
	/* Flags (§9.8.2): symbolic (4) always, because CID fonts use no
	 * standard encoding; serif 2, fixed pitch 1, italic 64. */
	int flags = 4 | (m->fixed_pitch ? 1 : 0) | (m->serif ? 2 : 0) | (m->italic ? 64 : 0);
	for (int i = 0; i < 4; i++)
		HPDF_Array_AddNumber(bbox, (HPDF_INT32)to_1000(m, m->bbox[i]));
	/* StemV is not stored in TrueType fonts; this estimate from the
	 * weight class is what most PDF producers use. */
	int stemv = 10 + (int)(220.0 * ((double)m->weight - 50.0) / 900.0);
	const char *what = "font descriptor";
	lp_pdf_hpdf(d, HPDF_Dict_AddName(fd, "Type", "FontDescriptor"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(fd, "FontName", name), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(fd, "Flags", flags), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(fd, "FontBBox", bbox), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddReal(fd, "ItalicAngle", m->italic_angle), what);
	lp_pdf_hpdf(
	        d, HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)to_1000(m, m->ascender)), what);
	lp_pdf_hpdf(
	        d, HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)to_1000(m, m->descender)), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)to_1000(m, m->cap_height)),
	        what);
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(fd, "StemV", stemv < 10 ? 10 : stemv), what);
	return d->error == LP_OK ? fd : NULL;
}

/* The font program (FontFile2, or FontFile3 for CFF outlines) and
 * /CIDSet, stored as lp_pdf_font_program_get() made or found them. */
static lp_status
embed_file(lp_pdf_dev *d, lp_pdf_font *f, HPDF_Dict fd)
{
	lp_pdf_font_program p;
	if (lp_pdf_fail(d, lp_pdf_font_program_get(d, f, &p)) != LP_OK)
		return d->error;
	HPDF_Dict file = stream_new(d);
	if (!file)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "font file");
	if (lp_font_is_cff(f->font)) {
		/* An OpenType file with CFF outlines (§9.9, PDF 1.6). */
		lp_pdf_hpdf(d, HPDF_Dict_AddName(file, "Subtype", "OpenType"), "font file");
		lp_pdf_hpdf(d, HPDF_Dict_Add(fd, "FontFile3", file), "font file");
	} else {
		lp_pdf_hpdf(d, HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)p.subset_size),
		        "font file");
		lp_pdf_hpdf(d, HPDF_Dict_Add(fd, "FontFile2", file), "font file");
	}
	if (lp_pdf_hpdf(d, lp_pdf_write_stored(file, p.file, p.file_size, p.compressed),
	            "font file") != LP_OK)
		return d->error;
	HPDF_Dict set = stream_new(d);
	if (!set)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	lp_pdf_hpdf(d, lp_pdf_write_stored(set, p.cidset, p.cidset_size, p.compressed), "CIDSet");
	return lp_pdf_hpdf(d, HPDF_Dict_Add(fd, "CIDSet", set), "CIDSet");
}

/* The font seen by CID: what the ToUnicode CMap is written from. */
static lp_status
by_cid(lp_pdf_dev *d, const lp_pdf_font *f, lp_pdf_font *view)
{
	*view = *f;
	view->n_gids = f->n_cids;
	view->text = lp_arena_array(d->arena, f->n_cids ? f->n_cids : 1, sizeof *view->text);
	if (!view->text)
		return LP_ERR_NOMEM;
	LP_PDF_EACH_GLYPH(g, f->used, f->n_gids)
	if (f->cid[g] < f->n_cids)
		((const char **)view->text)[f->cid[g]] = f->text[g];
	return LP_OK;
}

/* type0 as a Type0 font over the CIDFont cid (through desc, an empty
 * array) with the ToUnicode stream tu, named res in the pages' fonts. */
static void
fill_type0(lp_pdf_dev *d, HPDF_Dict type0, const char *name, HPDF_Array desc, HPDF_Dict cid,
        HPDF_Dict tu, const char *res)
{
	const char *what = "font";
	lp_pdf_hpdf(d, HPDF_Array_Add(desc, cid), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(type0, "Type", "Font"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(type0, "Subtype", "Type0"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(type0, "BaseFont", name), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(type0, "Encoding", "Identity-H"), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(type0, "DescendantFonts", desc), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(type0, "ToUnicode", tu), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->font_res, res, type0), what);
}

/* The font's echo: a second Type0 font over the same CIDFont (so the same
 * program, widths and /CIDSet), for the glyphs drawn seen-only. Its
 * ToUnicode maps each of them to a space: plain extraction gets the word
 * they show from the read-only text before it, and the line they start
 * keeps its word boundary. An empty mapping would not do: MuPDF, pdf.js
 * and PDFium ignore it and read the glyph's own character (docs/standards.md,
 * "The break hyphen in each reader"). */
static lp_status
write_echo(lp_pdf_dev *d, const lp_pdf_font *f, const char *name, HPDF_Dict cid)
{
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict type0 = HPDF_Dict_New(mm);
	HPDF_Array desc = HPDF_Array_New(mm);
	HPDF_Dict tu = stream_new(d);
	lp_pdf_font view = *f;
	view.n_gids = f->n_cids;
	view.text = lp_arena_array(d->arena, f->n_cids ? f->n_cids : 1, sizeof *view.text);
	if (!type0 || !desc || !tu || !view.text)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "font");
	LP_PDF_EACH_GLYPH(g, f->echo, f->n_gids)
	if (f->cid[g] < f->n_cids)
		((const char **)view.text)[f->cid[g]] = " ";
	lp_pdf_hpdf(d, HPDF_Xref_Add(d->doc->xref, type0), "font");
	fill_type0(d, type0, name, desc, cid, tu, f->echo_name);
	LP_PDF_STEP(d, lp_pdf_tounicode_write(d, &view, tu));
	return d->error;
}

static lp_status
write_font(lp_pdf_dev *d, lp_pdf_font *f)
{
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Xref xref = d->doc->xref;
	f->used[0] |= 0x80; /* .notdef stays in every subset */
	char *name = base_font_name(d, f);
	if (!name)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	HPDF_Dict fd = descriptor(d, f, name);
	if (!fd)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "font descriptor");
	if (embed_file(d, f, fd) != LP_OK)
		return d->error;

	HPDF_Dict cid = HPDF_Dict_New(mm);
	HPDF_Dict info = HPDF_Dict_New(mm);
	HPDF_Array w = widths_array(d, f);
	HPDF_Dict type0 = HPDF_Dict_New(mm);
	HPDF_Array desc = HPDF_Array_New(mm);
	HPDF_Dict tu = stream_new(d);
	if (!cid || !info || !w || !type0 || !desc || !tu)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "font");
	const char *what = "font";
	lp_pdf_hpdf(d, HPDF_Xref_Add(xref, cid), what);
	lp_pdf_hpdf(d, HPDF_Xref_Add(xref, type0), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL)), what);
	lp_pdf_hpdf(
	        d, HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL)), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(info, "Supplement", 0), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(cid, "Type", "Font"), what);
	lp_pdf_hpdf(d,
	        HPDF_Dict_AddName(
	                cid, "Subtype", lp_font_is_cff(f->font) ? "CIDFontType0" : "CIDFontType2"),
	        what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(cid, "BaseFont", name), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(cid, "CIDSystemInfo", info), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(cid, "FontDescriptor", fd), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(cid, "W", w), what);
	if (!lp_font_is_cff(f->font))
		lp_pdf_hpdf(d, HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity"), what);
	fill_type0(d, type0, name, desc, cid, tu, f->res_name);
	lp_pdf_font view;
	LP_PDF_STEP(d, by_cid(d, f, &view));
	LP_PDF_STEP(d, lp_pdf_tounicode_write(d, &view, tu));
	if (f->echo)
		LP_PDF_STEP(d, write_echo(d, f, name, cid));
	return d->error;
}

lp_status
lp_pdf_fonts_write(lp_pdf_dev *d)
{
	d->font_res = HPDF_Dict_New(d->doc->mmgr);
	if (!d->font_res || HPDF_Xref_Add(d->doc->xref, d->font_res) != HPDF_OK)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "font resources");
	for (uint32_t i = 0; i < d->n_fonts && d->error == LP_OK; i++)
		lp_pdf_fail(d, write_font(d, &d->fonts[i]));
	return d->error;
}
