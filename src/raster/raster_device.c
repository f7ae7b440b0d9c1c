/*
 * The raster device: pages, glyph runs, rules and paths; see
 * raster_device.h. Images are in raster_image.c, compositing and the fax
 * rules in raster_paint.c.
 */
#include "raster/raster_internal.h"
#include "raster/fax_profile.h"

#include "base/diag.h"
#include "base/limits.h"
#include "font/outline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Pixels a page side needs: the last partial pixel counts, as in poppler's
 * pdftoppm; a float's rounding (1e-4 px) does not add one. */
static double
pixels_of(double pt, double dpi)
{
	return ceil(pt * dpi / 72.0 - 1e-4);
}

bool
lp_raster_page_pixels(const lp_dl_page *page, const lp_raster_options *opts, double *w, double *h)
{
	*w = pixels_of(page->width_pt, opts->dpi_x);
	*h = pixels_of(page->height_pt, opts->dpi_y);
	bool some = page->width_pt > 0 && page->height_pt > 0 && *w >= 1 && *h >= 1;
	if (opts->line_px)
		*w = opts->line_px;
	return some;
}

static lp_status
dev_begin_document(lp_device *dev, const lp_dlist *list)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	if (list->n_pages == 0)
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_USAGE, d->opt.name, 0, 0,
		        "the document has no pages");
	if (list->n_pages > LP_MAX_PAGES)
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_LIMIT, d->opt.name, 0, 0,
		        "the document has %u pages; the limit is %u", list->n_pages, LP_MAX_PAGES);
	d->n_pages = list->n_pages;
	return LP_OK;
}

/* The fax page's memory, white, for a page of d->h rows of d->stride
 * bytes (need bytes): the rows the page before painted cleared, or all of
 * them; fresh memory (calloc) comes cleared. */
static bool
fax_sheet_ready(lp_raster_dev *d, size_t need)
{
	lp_fax_sheet *s = d->sheet;
	if (need > s->cap || d->h > s->inked_cap) {
		free(s->bits);
		free(s->inked);
		s->bits = calloc(need, 1);
		s->inked = calloc(d->h, 1);
		s->cap = s->bits && s->inked ? need : 0;
		s->inked_cap = s->cap ? d->h : 0;
		s->rows = 0;
		if (!s->cap)
			return false;
	} else if (s->stride == d->stride) {
		/* A run of inked rows at once (the rows of a line of text). */
		for (uint32_t y = 0, e; y < s->rows; y = e + 1) {
			while (y < s->rows && !s->inked[y])
				y++;
			for (e = y; e < s->rows && s->inked[e]; e++)
				;
			if (e > y)
				memset(s->bits + (size_t)y * s->stride, 0,
				        (size_t)(e - y) * s->stride);
		}
		/* Rows past the last page's may hold an older, taller one's. */
		if (d->h > s->rows)
			memset(s->bits + (size_t)s->rows * s->stride, 0,
			        (size_t)(d->h - s->rows) * s->stride);
	} else {
		memset(s->bits, 0, need);
	}
	memset(s->inked, 0, d->h);
	s->rows = d->h;
	s->stride = d->stride;
	d->px = s->bits;
	d->inked = s->inked;
	return true;
}

static lp_status
dev_begin_page(lp_device *dev, const lp_dl_page *page, uint32_t index)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	double sx = d->opt.dpi_x / 72.0, sy = d->opt.dpi_y / 72.0;
	double w, h, tx = 0;
	if (!lp_raster_page_pixels(page, &d->opt, &w, &h))
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED, d->opt.name, 0, 0,
		        "page %u is %gx%g pt, which has no pixels", index + 1,
		        (double)page->width_pt, (double)page->height_pt);
	/* A page's size is the layout's: told at its page: when known. */
	const lp_dl_source *at = &page->size_src;
	const char *file = at->line ? at->file : d->opt.name;
	if (d->opt.line_px) {
		double page_px = page->width_pt * sx;
		if (page_px > d->opt.line_px * 1.005)
			return lp_diag_report(d->diag, LP_ERROR, LP_ERR_UNSUPPORTED, file, at->line,
			        at->col,
			        "page %u is %.0f mm wide; a fax line of %u pixels holds %.0f mm "
			        "(A4 or Letter)",
			        index + 1, page->width_pt / 72.0 * 25.4, d->opt.line_px,
			        d->opt.line_px / d->opt.dpi_x * 25.4);
		/* Centred on a whole pixel, so that glyphs keep their phase. */
		tx = round((d->opt.line_px - page_px) / 2);
	}
	/* The pixels are as much the --dpi asked as the page: at the release,
	 * with the resolution that would do. */
	if (w * h > LP_MAX_RASTER_PAGE_PIXELS) {
		double most = floor(sqrt(LP_MAX_RASTER_PAGE_PIXELS /
		                         ((double)page->width_pt / 72 * page->height_pt / 72)));
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_LIMIT, d->opt.name, 0, 0,
		        "page %u would be %.0fx%.0f pixels at %gx%g dpi; the limit is %u pixels a "
		        "page, which this page's %.0fx%.0f pt reach at %.0f dpi",
		        index + 1, w, h, d->opt.dpi_x, d->opt.dpi_y, LP_MAX_RASTER_PAGE_PIXELS,
		        (double)page->width_pt, (double)page->height_pt, most);
	}
	d->w = (uint32_t)w;
	d->h = (uint32_t)h;
	d->ch = d->opt.mode == LP_RASTER_RGB ? 3 : 1;
	/* A fax page is kept as its bits, an eighth of the bytes to clear and
	 * nothing to pack for the coder; rows are whole 64-bit words. */
	bool fax = d->opt.mode == LP_RASTER_FAX;
	d->stride = fax ? ((size_t)d->w + 63) / 64 * 8 : (size_t)d->w * d->ch;
	size_t need = d->stride * d->h;
	if (fax) {
		if (!fax_sheet_ready(d, need))
			return LP_ERR_NOMEM;
	} else if (need > d->px_cap) {
		/* Replaced, not grown (base/array.h): a page keeps nothing of
		 * the one before, so a bigger page needs no copy. */
		free(d->px);
		d->px = malloc(need);
		d->px_cap = d->px ? need : 0;
		if (!d->px)
			return LP_ERR_NOMEM;
	}
	if (!fax)
		memset(d->px, 255, need);
	d->m = (lp_fill_xform){sx, sy, tx, 0, fax ? LP_FILL_MONO_FLATNESS : 0};
	d->page_index = index;
	return LP_OK;
}

static lp_status
dev_end_page(lp_device *dev)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	bool fax = d->opt.mode == LP_RASTER_FAX;
	lp_raster_page page = {d->w, d->h, d->ch, fax ? NULL : d->px, d->opt.dpi_x, d->opt.dpi_y,
	        fax ? d->px : NULL, d->stride, fax ? d->inked : NULL};
	return d->fn(d->user, &page, d->page_index, d->n_pages);
}

/* Reports a filler failure (the only ones are memory and its caps). */
static lp_status
fill_failed(lp_raster_dev *d, lp_status s, const char *what)
{
	if (s == LP_ERR_LIMIT)
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_LIMIT, d->opt.name, 0, 0,
		        "a %s on page %u is too complex to fill: more than %u edges, more than %u "
		        "steps, or more than %u pixels",
		        what, d->page_index + 1, LP_MAX_RASTER_EDGES, LP_MAX_RASTER_FILL_STEPS,
		        LP_MAX_RASTER_PAGE_PIXELS);
	return s;
}

/* A glyph's outline past the filler's caps: only a hostile font's can be,
 * so the font file and the glyph are named, with the document. */
static lp_status
glyph_failed(lp_raster_dev *d, lp_status s, const lp_dl_text *t, const lp_dl_glyph *g)
{
	if (s != LP_ERR_LIMIT)
		return s;
	return lp_diag_report(d->diag, LP_ERROR, LP_ERR_LIMIT, lp_font_shown(t->font), 0, 0,
	        "glyph %u at %.1f pt (on page %u of %s) is too complex to fill: more than %u "
	        "edges, more than %u steps, or more than %u pixels",
	        (unsigned)g->gid, t->size_pt, d->page_index + 1,
	        d->opt.name ? d->opt.name : "the document", LP_MAX_RASTER_EDGES,
	        LP_MAX_RASTER_FILL_STEPS, LP_MAX_RASTER_PAGE_PIXELS);
}

/* Fills what the filler holds and paints it. */
static lp_status
fill_and_paint(lp_raster_dev *d, lp_fill_rule rule, lp_rgb c, float opacity, lp_paint_kind kind,
        const char *what)
{
	lp_raster_mask mask;
	bool mono = d->opt.mode == LP_RASTER_FAX;
	lp_status s = lp_fill_mask(d->fill, rule, mono, 0, 0, (int32_t)d->w, (int32_t)d->h, &mask);
	if (s != LP_OK)
		return fill_failed(d, s, what);
	lp_raster_paint(d, &mask, 0, 0, c, opacity, kind);
	lp_raster_mask_free(&mask);
	return LP_OK;
}

/* ---- Text ------------------------------------------------------------ */

/* Glyphs bigger than this many pixels (their size, in the larger
 * direction) are filled as paths cut to the page and not cached: a
 * 14,400 pt letter would make a mask of gigabytes. */
#define LP_RASTER_MAX_CACHED_GLYPH_PX 512

static lp_status
big_glyph(lp_raster_dev *d, const lp_dl_text *t, const lp_dl_glyph *g)
{
	lp_arena *arena = lp_arena_new(16 << 10);
	if (!arena)
		return LP_ERR_NOMEM;
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	lp_status s = lp_font_glyph_outline(
	        t->font, g->gid, t->size_pt, g->x, g->y, NULL, arena, &segs, &n, &cap);
	lp_raster_mask mask;
	if (s == LP_OK) {
		lp_fill_reset(d->fill);
		lp_fill_path(d->fill, segs, n, &d->m);
		s = lp_fill_mask(d->fill, LP_FILL_NONZERO, d->opt.mode == LP_RASTER_FAX, 0, 0,
		        (int32_t)d->w, (int32_t)d->h, &mask);
		if (s == LP_OK) {
			lp_raster_paint(d, &mask, 0, 0, t->color, 1, LP_PAINT_TEXT);
			lp_raster_mask_free(&mask);
		}
	}
	lp_arena_drop(arena);
	return s == LP_OK ? s : glyph_failed(d, s, t, g);
}

static lp_status
dev_text(lp_device *dev, const lp_dl_text *t)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	bool mono = d->opt.mode == LP_RASTER_FAX;
	/* Text only a reader gets (a hyphenated word's second half on its
	 * first line) shows nothing. */
	if (!(t->size_pt > 0) || t->n_glyphs == 0 || t->use == LP_TEXT_READ_ONLY)
		return LP_OK;
	/* Big glyphs gain nothing from quarter-pixel phases and would take
	 * four copies each. */
	bool phases = !mono && t->size_pt * d->m.sy < 48;
	bool big = t->size_pt * fmax(d->m.sx, d->m.sy) > LP_RASTER_MAX_CACHED_GLYPH_PX;
	/* Dark fax text: its glyphs are painted black without the general
	 * path's colour rules. The level is paint_fax's sum for an opaque
	 * colour (raster_paint.c), which rounds, so that both agree. */
	bool fax_black = mono && 1 - (1 - lp_raster_luma(t->color)) <= LP_FAX_INK_LEVEL;
	/* The glyphs of a run share their baseline (a mark's offset aside):
	 * its pixel row worked out once for them. */
	float last_gy = NAN;
	double y = 0;
	int32_t py = 0;
	for (uint32_t i = 0; i < t->n_glyphs; i++) {
		const lp_dl_glyph *g = &t->glyphs[i];
		if (big) {
			lp_status s = big_glyph(d, t, g);
			if (s != LP_OK)
				return s;
			continue;
		}
		double x = g->x * d->m.sx + d->m.tx;
		if (!(g->y == last_gy)) {
			y = g->y * d->m.sy + d->m.ty;
			py = fabs(y) < 1e7 ? (int32_t)floor(y + 1e-3) : 0;
			last_gy = g->y;
		}
		if (!(fabs(x) < 1e7 && fabs(y) < 1e7))
			continue; /* nowhere near the page */
		/* Baselines on whole pixels (crisp, as screen renderers set
		 * them), pens across at quarter pixels (so that spacing stays
		 * even), both taken at or before the true position as poppler
		 * does, so that previews line up with pdftoppm's pictures. */
		int32_t px;
		uint8_t phase_x = 0; /* down, always on a whole pixel */
		if (phases) {
			double qx = floor(x * 4 + 1e-3);
			px = (int32_t)floor(qx / 4);
			phase_x = (uint8_t)(qx - px * 4.0);
		} else {
			px = (int32_t)floor(x + 1e-3);
		}
		lp_glyph_key key = {
		        t->font, g->gid, t->size_pt, d->m.sx, d->m.sy, phase_x, 0, mono};
		lp_glyph_memo_slot *slot = lp_glyph_memo_slot_of(d->memo, &key);
		const lp_raster_mask *mask;
		lp_raster_mask scratch = {0, 0, 0, 0, NULL, NULL, 0, NULL};
		if (slot->mask && slot->font == key.font && slot->gid == key.gid &&
		        slot->size_pt == key.size_pt && slot->phase_x == key.phase_x &&
		        slot->phase_y == key.phase_y) {
			mask = slot->mask;
		} else {
			lp_status s = lp_glyph_cache_get(d->glyphs, &key, d->fill, &mask, &scratch);
			if (s != LP_OK)
				return glyph_failed(d, s, t, g);
			if (mask != &scratch) /* kept by the cache: remembered */
				*slot = (lp_glyph_memo_slot){key.font, mask, key.gid, key.size_pt,
				        key.phase_x, key.phase_y};
		}
		if (!(fax_black && lp_raster_paint_fax_glyph(d, mask, px, py)))
			lp_raster_paint(d, mask, px, py, t->color, 1, LP_PAINT_TEXT);
		if (mask == &scratch)
			lp_raster_mask_free(&scratch);
	}
	return LP_OK;
}

/* ---- Rules and paths ------------------------------------------------- */

static lp_status
dev_rule(lp_device *dev, const lp_dl_rule *r)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	if (d->opt.mode == LP_RASTER_FAX) {
		/* A letterhead's rules, like its emblem, filled once for every
		 * page that shows them. */
		if (!(r->width_pt > 0))
			return LP_OK; /* nothing to fill */
		lp_path_seg line[2] = {
		        {LP_PATH_MOVE, {r->x0, r->y0}}, {LP_PATH_LINE, {r->x1, r->y1}}};
		lp_shape_key key = {line, 2, LP_FILL_NONZERO, d->m, (int32_t)d->w, (int32_t)d->h,
		        true, r->width_pt};
		const lp_raster_mask *mask;
		lp_raster_mask scratch = {0, 0, 0, 0, NULL, NULL, 0, NULL};
		lp_status s = lp_shape_cache_get(
		        lp_glyph_cache_shapes(d->glyphs), &key, d->fill, &mask, &scratch);
		if (s != LP_OK)
			return fill_failed(d, s, "rule");
		lp_raster_paint(d, mask, 0, 0, r->color, 1, LP_PAINT_LINE);
		lp_raster_mask_free(&scratch);
		return LP_OK;
	}
	lp_fill_reset(d->fill);
	lp_fill_rule_rect(d->fill, r->x0, r->y0, r->x1, r->y1, r->width_pt, &d->m);
	return fill_and_paint(d, LP_FILL_NONZERO, r->color, 1, LP_PAINT_LINE, "rule");
}

static float
unit(float v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* A fax fill's kept mask in one colour, through its stamp: from its second
 * page on, painted once more into the stamp and then copied on every later
 * page (raster_stamp.c); a gradient, or a mask with a stamp for another
 * colour, painted as ever. */
static void
paint_kept_fill(
        lp_raster_dev *d, lp_shape_cache *shapes, const lp_raster_mask *m, const lp_dl_path *p)
{
	const lp_fax_stamp *stamp = NULL;
	if (!p->fill_gradient) {
		float opacity = unit(p->fill_opacity);
		uint32_t bits;
		memcpy(&bits, &opacity, sizeof bits);
		uint64_t paint = (uint64_t)bits << 32 | p->fill_color;
		bool make;
		stamp = lp_shape_cache_stamp(shapes, m, paint, &make);
		lp_fax_stamp *made = NULL;
		if (make &&
		        lp_raster_stamp_make(d, m, p->fill_color, opacity, LP_PAINT_FILL, &made) ==
		                LP_OK &&
		        made)
			stamp = lp_shape_cache_keep_stamp(shapes, m, paint, made);
	}
	if (stamp)
		lp_raster_stamp_paint(d, stamp);
	else
		lp_raster_paint_fill(d, m, 0, 0, p);
}

static lp_status
dev_path(lp_device *dev, const lp_dl_path *p)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	lp_status s = LP_OK;
	if (p->n_segs == 0)
		return LP_OK;
	lp_fill_rule rule = p->even_odd ? LP_FILL_EVEN_ODD : LP_FILL_NONZERO;
	if (p->fill && d->opt.mode == LP_RASTER_FAX) {
		/* An emblem's paths, small ones too: filled once for every page
		 * that shows them (filling a small one again cost more than
		 * finding it, docs/benchmarks.md). */
		lp_shape_key key = {
		        p->segs, p->n_segs, rule, d->m, (int32_t)d->w, (int32_t)d->h, true, 0};
		const lp_raster_mask *mask;
		lp_raster_mask scratch = {0, 0, 0, 0, NULL, NULL, 0, NULL};
		lp_shape_cache *shapes = lp_glyph_cache_shapes(d->glyphs);
		s = lp_shape_cache_get(shapes, &key, d->fill, &mask, &scratch);
		if (s != LP_OK)
			return fill_failed(d, s, "path");
		if (mask != &scratch)
			paint_kept_fill(d, shapes, mask, p);
		else
			lp_raster_paint_fill(d, mask, 0, 0, p);
		lp_raster_mask_free(&scratch);
	} else if (p->fill && p->fill_gradient) {
		lp_raster_mask mask;
		lp_fill_reset(d->fill);
		lp_fill_path(d->fill, p->segs, p->n_segs, &d->m);
		s = lp_fill_mask(d->fill, rule, d->opt.mode == LP_RASTER_FAX, 0, 0, (int32_t)d->w,
		        (int32_t)d->h, &mask);
		if (s != LP_OK)
			return fill_failed(d, s, "path");
		lp_raster_paint_fill(d, &mask, 0, 0, p);
		lp_raster_mask_free(&mask);
	} else if (p->fill) {
		lp_fill_reset(d->fill);
		lp_fill_path(d->fill, p->segs, p->n_segs, &d->m);
		s = fill_and_paint(
		        d, rule, p->fill_color, unit(p->fill_opacity), LP_PAINT_FILL, "path");
	}
	if (s == LP_OK && p->stroke && p->stroke_width_pt > 0) {
		lp_fill_reset(d->fill);
		lp_fill_stroke(d->fill, p->segs, p->n_segs, &d->m, p->stroke_width_pt);
		s = fill_and_paint(d, LP_FILL_NONZERO, p->stroke_color, unit(p->stroke_opacity),
		        LP_PAINT_LINE, "stroke");
	}
	return s;
}

static lp_status
dev_image(lp_device *dev, const lp_dl_image *i)
{
	return lp_raster_draw_image((lp_raster_dev *)dev, i);
}

static void
dev_drop(lp_device *dev)
{
	lp_raster_dev *d = (lp_raster_dev *)dev;
	lp_fill_drop(d->fill);
	if (d->glyphs)
		lp_glyph_memo_give(d->glyphs, d->memo);
	/* Kept for the next document by the engine's cache (which keeps no
	 * page larger than a fax page's). */
	if (d->sheet && d->glyphs && !d->own_glyphs)
		lp_glyph_cache_give_sheet(d->glyphs, d->sheet);
	else
		lp_fax_sheet_free(d->sheet);
	if (!d->sheet)
		free(d->px);
	lp_glyph_cache_drop(d->own_glyphs);
	free(d);
}

lp_status
lp_raster_run(const lp_dlist *list, const lp_raster_options *opts, lp_raster_page_fn fn, void *user,
        lp_diag *diag)
{
	if (!(opts->dpi_x >= 1 && opts->dpi_x <= LP_MAX_RASTER_DPI && opts->dpi_y >= 1 &&
	            opts->dpi_y <= LP_MAX_RASTER_DPI))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "a resolution of %gx%g dpi; it must be 1 to %d dpi", opts->dpi_x,
		        opts->dpi_y, LP_MAX_RASTER_DPI);
	lp_raster_dev *d = calloc(1, sizeof *d);
	if (!d)
		return LP_ERR_NOMEM;
	d->dev.begin_document = dev_begin_document;
	d->dev.begin_page = dev_begin_page;
	d->dev.text = dev_text;
	d->dev.rule = dev_rule;
	d->dev.path = dev_path;
	d->dev.image = dev_image;
	d->dev.end_page = dev_end_page;
	d->dev.drop = dev_drop;
	d->opt = *opts;
	d->diag = diag;
	d->fn = fn;
	d->user = user;
	d->fill = lp_fill_new();
	/* The engine's cache when the caller has one: glyphs are then
	 * rasterized once for a whole batch. */
	d->glyphs = opts->glyphs ? opts->glyphs : (d->own_glyphs = lp_glyph_cache_new());
	d->memo = d->glyphs ? lp_glyph_memo_take(d->glyphs, opts->dpi_x / 72.0, opts->dpi_y / 72.0,
	                              opts->mode == LP_RASTER_FAX)
	                    : NULL;
	/* A fax page's memory: the last document's, when the engine's cache
	 * has one, so that only the rows it painted are cleared. */
	if (opts->mode == LP_RASTER_FAX &&
	        !(d->sheet = opts->glyphs ? lp_glyph_cache_take_sheet(opts->glyphs) : NULL))
		d->sheet = calloc(1, sizeof *d->sheet);
	lp_status s = d->fill && d->memo && (d->sheet || opts->mode != LP_RASTER_FAX)
	                      ? lp_dlist_run(list, &d->dev)
	                      : LP_ERR_NOMEM;
	lp_device_drop(&d->dev);
	return s;
}
