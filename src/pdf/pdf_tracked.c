/*
 * Widely letter-spaced text ("С А О П Ш Т Е Њ Е") drawn so that every
 * reader still extracts its words (docs/extraction.md has the measurements).
 *
 * Readers join glyphs into words by the gap between one glyph's /W width
 * and the next glyph's position: pdf.js takes character spacing above about
 * a tenth of an em for a space, MuPDF and PDFium any gap near a space's
 * width, whether the gap comes from Tc or from TJ, and readers that ignore
 * /ActualText (pdf.js, MuPDF, PDFium) keep the letters apart. So the run is
 * drawn twice, the way OCR tools draw a scan's text layer:
 *
 *   - what the eye sees: each glyph's outline, filled, at its place in the
 *     display list (paths, which no reader takes for text);
 *   - what a reader extracts: the same glyphs as invisible text (render
 *     mode 3, §9.3.6) with no spacing, stretched with Tz (§9.3.4) over the
 *     same width, so that they touch and a word's letters join, while the
 *     real space glyph between words still reads as a space.
 *
 * Both stay inside the run's marked content (the heading's, when tagged),
 * and /ActualText, when the run has it, wraps them for readers that honour
 * it. Selection and search highlight the invisible glyphs, which span the
 * visible ones.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"
#include "font/outline.h"
#include "pdf/pdf_fontcache.h"

#include <math.h>
#include <string.h>

/* pdf.js splits at character spacing above 0.102 em (its
 * TRACKING_SPACE_FACTOR); narrower tracking is drawn as Tc text, which
 * every reader measured joins. */
#define LP_PDF_WIDE_TRACKING_EM 0.1

bool
lp_pdf_tracking_is_wide(const lp_dl_text *run)
{
	return run->size_pt > 0 && run->tracking_pt >= LP_PDF_WIDE_TRACKING_EM * run->size_pt;
}

/* What the outlines of glyphs from..to-1 depend on, as bytes: a tag, the
 * face, size, colour, the page's height (y is flipped) and each glyph's id
 * and place. */
static uint8_t *
outline_key(lp_pdf_dev *d, const lp_dl_text *run, uint32_t from, uint32_t to, size_t *n)
{
	static const char tag[8] = "outline";
	const void *font = run->font;
	float head[2] = {run->size_pt, d->page_h};
	size_t each = sizeof(uint32_t) + 2 * sizeof(float);
	*n = sizeof tag + sizeof font + sizeof head + sizeof run->color +
	     (size_t)(to - from) * each;
	uint8_t *k = lp_arena_alloc(d->arena, *n), *at = k;
	if (!k)
		return NULL;
	memcpy(at, tag, sizeof tag);
	at += sizeof tag;
	memcpy(at, &font, sizeof font);
	at += sizeof font;
	memcpy(at, head, sizeof head);
	at += sizeof head;
	memcpy(at, &run->color, sizeof run->color);
	at += sizeof run->color;
	for (uint32_t i = from; i < to; i++) {
		const lp_dl_glyph *g = &run->glyphs[i];
		memcpy(at, &g->gid, sizeof(uint32_t));
		memcpy(at + 4, &g->x, sizeof(float));
		memcpy(at + 8, &g->y, sizeof(float));
		at += each;
	}
	return k;
}

/* The glyphs from..to-1 (one baseline) as filled outlines, in a form of
 * their own (pdf_form.c): the same outlines in every release of a layout,
 * so the engine keeps their content by what they were drawn from, and
 * later documents neither draw nor deflate them again. */
static lp_status
draw_outlines(lp_pdf_dev *d, const lp_dl_text *run, uint32_t from, uint32_t to)
{
	lp_pdf_font_cache *cache = d->opt.font_cache;
	size_t key_n;
	const uint8_t *kept;
	size_t kept_n;
	uint8_t *key = outline_key(d, run, from, to, &key_n);
	if (!key)
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	if (lp_pdf_font_cache_find_bytes(cache, key, key_n, &kept, &kept_n))
		return lp_pdf_form_draw(d, kept, kept_n);
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	for (uint32_t i = from; i < to; i++) {
		const lp_dl_glyph *g = &run->glyphs[i];
		lp_status s = lp_font_glyph_outline(run->font, g->gid, run->size_pt, g->x, g->y,
		        NULL, d->arena, &segs, &n, &cap);
		if (s == LP_ERR_LIMIT) /* a hostile font's outlines, past any array's cap */
			s = lp_diag_report(d->diag, LP_ERROR, s, lp_font_shown(run->font), 0, 0,
			        "the outlines of a line of its glyphs are too large to draw");
		if (s != LP_OK)
			return lp_pdf_fail(d, s);
	}
	lp_dl_path p = {.segs = segs,
	        .n_segs = n,
	        .fill = true,
	        .fill_color = run->color,
	        .fill_opacity = 1,
	        .stroke_opacity = 1};
	size_t start = d->content_n;
	LP_PDF_STEP(d, lp_pdf_draw_path(d, &p));
	if (d->error == LP_OK)
		lp_pdf_font_cache_add_bytes(
		        cache, key, key_n, d->content + start, d->content_n - start);
	return lp_pdf_form_from_content(d, start);
}

/* The glyphs from..to-1 as one invisible Tj from the first one's origin,
 * scaled across to span the given width; span < 0: the visible glyphs',
 * to the end of the last. */
static void
draw_invisible(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f, uint32_t from,
        uint32_t to, double span)
{
	const lp_dl_glyph *g = run->glyphs;
	double scale = (double)run->size_pt / 1000.0, natural = 0;
	for (uint32_t i = from; i < to; i++)
		natural += (double)f->width[g[i].gid] * scale;
	if (span < 0)
		span = (double)g[to - 1].x + (double)f->width[g[to - 1].gid] * scale - g[from].x;
	double tz = natural > 0 && span > 0 ? 100.0 * span / natural : 100.0;
	lp_pdf_num(d, tz);
	lp_pdf_put(d, "Tz 1 0 0 1 ");
	lp_pdf_num(d, g[from].x);
	lp_pdf_num(d, d->page_h - g[from].y);
	lp_pdf_put(d, "Tm (");
	for (uint32_t i = from; i < to && d->error == LP_OK; i++)
		lp_pdf_put_cid(d, f, g[i].gid);
	lp_pdf_put(d, ") Tj\n");
}

lp_status
lp_pdf_draw_tracked(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f)
{
	if (run->actual_text)
		lp_pdf_begin_actual_text(d, run->actual_text, strlen(run->actual_text));
	for (uint32_t from = 0; d->error == LP_OK && from < run->n_glyphs;) {
		/* A baseline's glyphs; a mark raised over a capital ("ДОРО́ГА")
		 * stays with its letter: the invisible text is one string at one
		 * baseline anyway, and cut there, readers took the next
		 * letters, set from a Tm of their own, for a word after a
		 * space. */
		uint32_t to = from + 1;
		while (to < run->n_glyphs &&
		        (run->glyphs[to].y == run->glyphs[from].y ||
		                run->glyphs[to].cluster == run->glyphs[to - 1].cluster))
			to++;
		LP_PDF_STEP(d, draw_outlines(d, run, from, to));
		lp_pdf_put(d, "BT /");
		lp_pdf_put(d, f->res_name);
		lp_pdf_put(d, " ");
		lp_pdf_num(d, run->size_pt);
		lp_pdf_put(d, "Tf 3 Tr ");
		draw_invisible(d, run, f, from, to, -1);
		/* Tr and Tz are graphics state that outlives ET (§9.3.1). */
		lp_pdf_put(d, "0 Tr 100 Tz ET\n");
		from = to;
	}
	if (run->actual_text)
		lp_pdf_put(d, "EMC\n");
	return d->error;
}

/* Text only a reader gets (dlist.h, LP_TEXT_READ_ONLY): the same invisible
 * glyphs as a tracked run's, squeezed into the run's read width. */
lp_status
lp_pdf_draw_read_only(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f)
{
	lp_pdf_put(d, "BT /");
	lp_pdf_put(d, f->res_name);
	lp_pdf_put(d, " ");
	lp_pdf_num(d, run->size_pt);
	lp_pdf_put(d, "Tf 3 Tr ");
	draw_invisible(d, run, f, 0, run->n_glyphs, run->read_width_pt);
	lp_pdf_put(d, "0 Tr 100 Tz ET\n");
	return d->error;
}
