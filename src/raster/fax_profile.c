/* The fax preflight and profile; see fax_profile.h. */
#include "raster/fax_profile.h"

#include "base/diag.h"
#include "image/image.h"
#include "raster/raster_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* One fax pixel across, the thinnest line the profile leaves. */
#define LP_FAX_PIXEL_PT (72.0f / 204.0f)

typedef enum finding {
	F_SMALL_TEXT,
	F_LIGHT_TEXT,
	F_THIN_LINE,
	F_LIGHT_LINE,
	F_TRANSLUCENT,
	F_FINE_IMAGE,
	F_HEADER_BAND,
	F_COUNT
} finding;

/* One place a kind of problem comes from: a layout block, a release
 * block, or (items without a source) the document as a whole. */
typedef struct place {
	lp_dl_source src;
	size_t count;
	uint32_t page; /* where it first shows */
	float x, y;
	char what[96]; /* the text, the colour, the size */
} place;

typedef struct first_case {
	place at[LP_FAX_PREFLIGHT_PLACES];
	uint32_t n;
	size_t more; /* cases from places past the first LP_FAX_PREFLIGHT_PLACES */
} first_case;

static bool
same_source(const lp_dl_source *a, const lp_dl_source *b)
{
	if (!a->file || !b->file)
		return a->file == b->file;
	return a->line == b->line && a->col == b->col && strcmp(a->file, b->file) == 0;
}

static void note(first_case *f, const lp_dl_source *src, uint32_t page, float x, float y,
        const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
note(first_case *f, const lp_dl_source *src, uint32_t page, float x, float y, const char *fmt, ...)
{
	for (uint32_t i = 0; i < f->n; i++)
		if (same_source(&f->at[i].src, src)) {
			f->at[i].count++;
			return;
		}
	if (f->n == LP_FAX_PREFLIGHT_PLACES) {
		f->more++;
		return;
	}
	place *pl = &f->at[f->n++];
	*pl = (place){*src, 1, page, x, y, {0}};
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pl->what, sizeof pl->what, fmt, ap);
	va_end(ap);
}

/* The start of a run's text, cut on a character boundary. */
static int
snippet_len(const lp_dl_text *t)
{
	uint32_t n = t->text_len < 40 ? t->text_len : 40;
	while (n > 0 && n < t->text_len && (t->text[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

static void
check_text(first_case *f, const lp_dl_source *src, const lp_dl_text *t, uint32_t page)
{
	if (t->n_glyphs == 0 || t->use == LP_TEXT_READ_ONLY)
		return;
	float x = t->glyphs[0].x, y = t->glyphs[0].y;
	int n = snippet_len(t);
	if (t->size_pt < LP_FAX_MIN_TEXT_PT)
		note(&f[F_SMALL_TEXT], src, page, x, y, "\"%.*s\" at %.1f pt", n, t->text,
		        (double)t->size_pt);
	if (lp_raster_luma(t->color) > LP_FAX_INK_LEVEL)
		note(&f[F_LIGHT_TEXT], src, page, x, y, "\"%.*s\" in #%06X", n, t->text,
		        (unsigned)t->color);
	/* The glyphs reach about a size above their baseline. */
	for (uint32_t i = 0; i < t->n_glyphs; i++)
		if (t->glyphs[i].y - t->size_pt < LP_FAX_HEADER_BAND_PT) {
			note(&f[F_HEADER_BAND], src, page, x, y, "text \"%.*s\"", n, t->text);
			break;
		}
}

static void
check_line(first_case *f, const lp_dl_source *src, float width, lp_rgb color, float x, float y,
        uint32_t page)
{
	if (width < LP_FAX_MIN_LINE_PT)
		note(&f[F_THIN_LINE], src, page, x, y, "%.2f pt wide", (double)width);
	if (lp_raster_luma(color) > LP_FAX_INK_LEVEL)
		note(&f[F_LIGHT_LINE], src, page, x, y, "#%06X", (unsigned)color);
}

static void
check_path(first_case *f, const lp_dl_source *src, const lp_dl_path *p, uint32_t page)
{
	float x0 = INFINITY, y0 = INFINITY;
	for (uint32_t i = 0; i < p->n_segs; i++) {
		int n = p->segs[i].op == LP_PATH_CUBIC ? 3 : p->segs[i].op == LP_PATH_CLOSE ? 0 : 1;
		for (int k = 0; k < n; k++) {
			x0 = fminf(x0, p->segs[i].pt[2 * k]);
			y0 = fminf(y0, p->segs[i].pt[2 * k + 1]);
		}
	}
	if (!isfinite(x0))
		return;
	if ((p->fill && p->fill_opacity < 1) || (p->stroke && p->stroke_opacity < 1))
		note(&f[F_TRANSLUCENT], src, page, x0, y0, "opacity %.2f",
		        (double)(p->fill ? p->fill_opacity : p->stroke_opacity));
	if (p->stroke)
		check_line(f, src, p->stroke_width_pt, p->stroke_color, x0, y0, page);
	if (y0 < LP_FAX_HEADER_BAND_PT)
		note(&f[F_HEADER_BAND], src, page, x0, y0, "a drawing");
}

static void
check_image(first_case *f, const lp_dl_source *src, const lp_dl_image *im, uint32_t page)
{
	if (!im->image || !(im->w > 0))
		return;
	double dpi = lp_image_width(im->image) / (im->w / 72.0);
	if (dpi > 204 * 1.5)
		note(&f[F_FINE_IMAGE], src, page, im->x, im->y, "%s at %.0f dpi",
		        lp_image_name(im->image), dpi);
	if (im->y < LP_FAX_HEADER_BAND_PT)
		note(&f[F_HEADER_BAND], src, page, im->x, im->y, "the image %s",
		        lp_image_name(im->image));
}

size_t
lp_fax_preflight(const lp_dlist *list, const char *name, lp_diag *diag)
{
	first_case f[F_COUNT];
	memset(f, 0, sizeof f);
	for (uint32_t p = 0; p < list->n_pages; p++) {
		const lp_dl_page *pg = &list->pages[p];
		for (uint32_t i = 0; i < pg->n_items; i++) {
			const lp_dl_item *it = &pg->items[i];
			switch (it->kind) {
			case LP_DL_TEXT:
				check_text(f, &it->src, &it->u.text, p);
				break;
			case LP_DL_RULE: {
				const lp_dl_rule *r = &it->u.rule;
				check_line(f, &it->src, r->width_pt, r->color, r->x0, r->y0, p);
				if (fminf(r->y0, r->y1) - r->width_pt / 2 < LP_FAX_HEADER_BAND_PT)
					note(&f[F_HEADER_BAND], &it->src, p, r->x0, r->y0,
					        "a rule");
				break;
			}
			case LP_DL_PATH:
				check_path(f, &it->src, &it->u.path, p);
				break;
			case LP_DL_IMAGE:
				check_image(f, &it->src, &it->u.image, p);
				break;
			case LP_DL_LINK:
				break;
			}
		}
	}
	size_t kinds = 0;
	for (int k = 0; k < F_COUNT; k++) {
		if (!f[k].n)
			continue;
		kinds++;
		char head[160];
		switch ((finding)k) {
		case F_SMALL_TEXT:
			snprintf(head, sizeof head,
			        "text under %.0f pt will be hard to read on a fax",
			        (double)LP_FAX_MIN_TEXT_PT);
			break;
		case F_LIGHT_TEXT:
			snprintf(head, sizeof head,
			        "text too light to fax as black is dithered and may "
			        "not be legible");
			break;
		case F_THIN_LINE:
			snprintf(head, sizeof head, "lines under %.1f pt may break up on a fax",
			        (double)LP_FAX_MIN_LINE_PT);
			break;
		case F_LIGHT_LINE:
			snprintf(head, sizeof head, "lines too light to fax as black are dithered");
			break;
		case F_TRANSLUCENT:
			snprintf(head, sizeof head,
			        "translucent drawings (watermarks) are faxed as their "
			        "outline");
			break;
		case F_FINE_IMAGE:
			snprintf(
			        head, sizeof head, "images lose detail finer than a fax's 204 dpi");
			break;
		case F_HEADER_BAND:
		case F_COUNT:
			snprintf(head, sizeof head,
			        "a fax server prints its header line over the top %.0f mm "
			        "of a page",
			        LP_FAX_HEADER_BAND_PT / 72.0 * 25.4);
			break;
		}
		for (uint32_t i = 0; i < f[k].n; i++) {
			const place *pl = &f[k].at[i];
			/* The block that made it (layout or release), else the
			 * document. */
			lp_diag_report(diag, LP_WARNING, LP_OK, pl->src.file ? pl->src.file : name,
			        pl->src.file ? pl->src.line : 0, pl->src.file ? pl->src.col : 0,
			        "fax: %s: %s on page %u, %.0f mm from the left and %.0f mm from "
			        "the "
			        "top%s",
			        head, pl->what, pl->page + 1, pl->x / 72.0 * 25.4,
			        pl->y / 72.0 * 25.4, pl->count > 1 ? " (and more like it)" : "");
		}
		if (f[k].more)
			lp_diag_report(diag, LP_WARNING, LP_OK, name, 0, 0,
			        "fax: %s: %zu more cases "
			        "elsewhere",
			        head, f[k].more);
	}
	return kinds;
}

/* ---- The profile ----------------------------------------------------- */

static lp_rgb
ink(lp_rgb c)
{
	return lp_raster_luma(c) <= LP_FAX_INK_LEVEL ? 0x000000 : c;
}

lp_status
lp_fax_profile(const lp_dlist *list, lp_dlist **out)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (!b)
		return LP_ERR_NOMEM;
	lp_dlist_builder_set_meta(b, &list->meta);
	uint32_t next_outline = 0;
	for (uint32_t p = 0; p < list->n_pages; p++) {
		const lp_dl_page *pg = &list->pages[p];
		lp_dlist_begin_page(b, pg->width_pt, pg->height_pt);
		/* Bookmarks stay; they are in page order. */
		for (; next_outline < list->n_outline && list->outline[next_outline].page == p;
		        next_outline++)
			lp_dlist_add_outline(b, &list->outline[next_outline]);
		for (uint32_t i = 0; i < pg->n_items; i++) {
			const lp_dl_item *it = &pg->items[i];
			lp_dlist_set_source(b, &it->src);
			switch (it->kind) {
			case LP_DL_TEXT: {
				lp_dl_text t = it->u.text;
				t.color = ink(t.color);
				lp_dlist_add_text(b, &t);
				break;
			}
			case LP_DL_RULE: {
				lp_dl_rule r = it->u.rule;
				r.color = ink(r.color);
				r.width_pt = fmaxf(r.width_pt, LP_FAX_PIXEL_PT);
				lp_dlist_add_rule(b, &r);
				break;
			}
			case LP_DL_PATH: {
				lp_dl_path q = it->u.path;
				if (q.fill && q.fill_opacity < 1) {
					/* A watermark: its outline, solid, so the text under it
					 * stays clear. */
					q.fill = false;
					q.stroke = true;
					q.stroke_color = 0x000000;
					q.stroke_width_pt = LP_FAX_PIXEL_PT;
					q.stroke_opacity = 1;
				} else if (q.stroke) {
					q.stroke_color = ink(q.stroke_color);
					q.stroke_width_pt =
					        fmaxf(q.stroke_width_pt, LP_FAX_PIXEL_PT);
					q.stroke_opacity = 1;
				}
				lp_dlist_add_path(b, &q);
				break;
			}
			case LP_DL_IMAGE:
				lp_dlist_add_image(b, &it->u.image);
				break;
			case LP_DL_LINK:
				lp_dlist_add_link(b, &it->u.link);
				break;
			}
		}
	}
	return lp_dlist_builder_finish(b, out);
}
