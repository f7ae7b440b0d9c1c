/*
 * Content stream operators (PDF 1.7 §8, §9.4) for glyph runs, rules and
 * paths, written into the device's content buffer. libharu's own number
 * writer keeps too few digits for 0.01 pt glyph placement, so numbers are
 * written here: at most three decimals, no exponent, no locale.
 *
 * Coordinates: the display list is y-down from the top left; PDF user space
 * is y-up from the bottom left, so every y becomes page_h - y here and
 * nowhere else.
 */
#include "pdf/pdf_internal.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double
lp_pdf_fmt(char *buf, double v)
{
	/* Callers check LP_PDF_MAX_COORD; this only keeps llround defined. */
	v = fmax(-1e12, fmin(1e12, v));
	long long m = llround(v * 1000.0);
	/* Written by hand: numbers are most of a content stream, and printf
	 * was a tenth of the time spent writing one. */
	unsigned long long a = m < 0 ? (unsigned long long)-m : (unsigned long long)m;
	unsigned f = (unsigned)(a % 1000);
	char digits[24];
	int nd = 0;
	for (unsigned long long q = a / 1000; q || nd == 0; q /= 10)
		digits[nd++] = (char)('0' + q % 10);
	char *p = buf;
	if (m < 0)
		*p++ = '-';
	while (nd)
		*p++ = digits[--nd];
	if (f) {
		/* Three decimals, trailing zeros dropped. */
		*p++ = '.';
		*p++ = (char)('0' + f / 100);
		if (f % 100) {
			*p++ = (char)('0' + f / 10 % 10);
			if (f % 10)
				*p++ = (char)('0' + f % 10);
		}
	}
	*p = '\0';
	return (double)m / 1000.0;
}

size_t
lp_pdf_fmt_size(char buf[24], size_t v, int width)
{
	char digits[24];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (nd < width && nd < 20)
		digits[nd++] = '0';
	for (int i = 0; i < nd; i++)
		buf[i] = digits[nd - 1 - i];
	buf[nd] = '\0';
	return (size_t)nd;
}

/* Room for n more bytes in the content buffer; false (the writer's error
 * set) when there is none. */
static bool
content_room(lp_pdf_dev *d, size_t n)
{
	if (d->error != LP_OK)
		return false;
	if (d->content_n + n <= d->content_cap)
		return true;
	lp_status st = LP_ARRAY_RESERVE(d->content, d->content_cap, d->content_n + n, UINT32_MAX);
	if (st == LP_OK)
		return true;
	lp_pdf_fail(d, lp_diag_report(d->diag, LP_ERROR, st, NULL, 0, 0,
	                       st == LP_ERR_NOMEM ? "out of memory in a content stream"
	                                          : "a content stream passes %zu bytes",
	                       (size_t)UINT32_MAX));
	return false;
}

void
lp_pdf_put_bytes(lp_pdf_dev *d, const char *s, size_t n)
{
	if (!content_room(d, n))
		return;
	memcpy(d->content + d->content_n, s, n);
	d->content_n += n;
}

void
lp_pdf_put(lp_pdf_dev *d, const char *s)
{
	lp_pdf_put_bytes(d, s, strlen(s));
}

lp_status
lp_pdf_content_end(lp_pdf_dev *d, HPDF_Dict stream_dict)
{
	if (d->error == LP_OK) {
		if (d->opt.compress)
			lp_pdf_check(d,
			        lp_pdf_write_deflated(d, stream_dict, d->content, d->content_n),
			        "stream compression");
		else
			lp_pdf_check(d,
			        HPDF_Stream_Write(
			                stream_dict->stream, d->content, (HPDF_UINT)d->content_n),
			        "content stream");
	}
	d->content_n = 0;
	return d->error;
}

/* Where the item being drawn came from, for a message about it: its
 * release or layout line when the display list knows it, else the
 * release. */
static lp_dl_source
drawing_at(const lp_pdf_dev *d)
{
	const lp_dl_source *at = d->dev.at;
	if (at && at->line && at->file)
		return *at;
	return (lp_dl_source){d->opt.source_name, 0, 0};
}

/* LP_ERR_LIMIT (reported, the writer's error) unless v is within
 * LP_PDF_MAX_COORD. */
static bool
coord_ok(lp_pdf_dev *d, double v)
{
	if (fabs(v) <= LP_PDF_MAX_COORD)
		return true;
	lp_dl_source at = drawing_at(d);
	if (d->error == LP_OK)
		lp_pdf_fail(
		        d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_LIMIT, at.file, at.line, at.col,
		                   "a coordinate or size of %g pt is beyond the PDF limit of %g pt",
		                   v, LP_PDF_MAX_COORD));
	return false;
}

void
lp_pdf_num(lp_pdf_dev *d, double v)
{
	/* Formatted in place: numbers are most of a content stream. */
	if (d->error != LP_OK || !coord_ok(d, v) || !content_room(d, 32))
		return;
	char *at = (char *)d->content + d->content_n;
	lp_pdf_fmt(at, v);
	size_t n = strlen(at);
	at[n] = ' ';
	d->content_n += n + 1;
}

lp_status
lp_pdf_coords_ok(lp_pdf_dev *d, const float *v, size_t n)
{
	for (size_t i = 0; i < n && d->error == LP_OK; i++)
		coord_ok(d, v[i]);
	return d->error;
}

static void
put_rgb(lp_pdf_dev *d, lp_rgb c, const char *op)
{
	for (int i = 2; i >= 0; i--)
		lp_pdf_num(d, (double)((c >> (8 * i)) & 0xff) / 255.0);
	lp_pdf_put(d, op);
}

/* ---- Text ------------------------------------------------------------ */

/* Whether the string mapped is the n bytes at t; mapped is read no
 * further than its end (a call of strlen() a glyph was the most of it). */
static bool
same_text(const char *mapped, const char *t, uint32_t n)
{
	uint32_t k = 0;
	while (k < n && mapped[k] != '\0' && mapped[k] == t[k])
		k++;
	return k == n && mapped[n] == '\0';
}

/* True when the run's glyph-by-glyph text differs from what the ToUnicode
 * CMap says for some glyph (first text wins; see pdf_font.c). */
static bool
needs_actual_text(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f)
{
	(void)d;
	for (uint32_t i = 0; i < run->n_glyphs; i++) {
		char buf[4];
		const char *t;
		uint32_t n = lp_pdf_glyph_text(run, i, buf, &t);
		const char *mapped = f->text[run->glyphs[i].gid];
		if (n == 0) {
			/* A glyph sharing an earlier glyph's cluster shows no text of
			 * its own; a mapping from elsewhere would repeat text. */
			if (mapped)
				return true;
			continue;
		}
		if (!mapped || !same_text(mapped, t, n))
			return true;
		/* A mark mapped apart (pdf_font.c) reads whole in MuPDF and
		 * pdf.js, but poppler's line builder puts a space after it
		 * ("доро́ га"): /ActualText, which poppler follows, keeps the
		 * word. */
		if (t == buf)
			return true;
	}
	return false;
}

void
lp_pdf_begin_actual_text(lp_pdf_dev *d, const char *text, size_t len)
{
	static const char hexdigits[] = "0123456789ABCDEF";
	size_t n = 0;
	uint8_t *u = d->error == LP_OK ? lp_pdf_utf16(d->arena, text, len, &n) : NULL;
	if (!u) {
		if (d->error == LP_OK)
			lp_pdf_fail(d, LP_ERR_NOMEM);
		return;
	}
	lp_pdf_put(d, "/Span <</ActualText <");
	for (size_t i = 0; i < n; i++) {
		char hex[2] = {hexdigits[u[i] >> 4], hexdigits[u[i] & 15]};
		lp_pdf_put_bytes(d, hex, 2);
	}
	lp_pdf_put(d, ">>> BDC\n");
}

/* A glyph's CID as the two bytes of a literal string (ISO 32000-1
 * §7.3.4.2), half the bytes of hexadecimal before deflate: the string's
 * delimiters and the backslash are escaped, and so is a carriage return,
 * which a reader takes for a line feed. */
void
lp_pdf_put_cid(lp_pdf_dev *d, const lp_pdf_font *f, uint32_t gid)
{
	uint32_t c = f->cid[gid];
	char out[4];
	size_t n = 0;
	for (int shift = 8; shift >= 0; shift -= 8) {
		char b = (char)((c >> shift) & 0xff);
		if (b == '(' || b == ')' || b == '\\')
			out[n++] = '\\', out[n++] = b;
		else if (b == '\r')
			out[n++] = '\\', out[n++] = 'r';
		else
			out[n++] = b;
	}
	lp_pdf_put_bytes(d, out, n);
}

/* One line of glyphs at one baseline: a Tm at the first glyph, then TJ
 * with an adjustment wherever the display list's next pen position is not
 * where the previous glyph's /W width leaves the reader's pen. The pen is
 * tracked with the numbers as written, so rounding never accumulates. */
/* Well inside the 0.01 pt the backend promises. */
#define LP_PDF_POSITION_SLACK_PT 0.002
/* The largest size at which a TJ adjustment rounded to a tenth of a unit
 * (1/10000 em) stays within the slack: 0.05 / 1000 * 40 pt = 0.002 pt. */
#define LP_PDF_TENTHS_MAX_PT 40.0

static void
show_segment(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f, uint32_t from, uint32_t to,
        double tc)
{
	const lp_dl_glyph *g = run->glyphs;
	char buf[40];
	double scale = (double)run->size_pt / 1000.0;
	lp_pdf_put(d, "1 0 0 1 ");
	double pen = lp_pdf_fmt(buf, g[from].x);
	lp_pdf_num(d, pen);
	lp_pdf_num(d, d->page_h - g[from].y);
	lp_pdf_put(d, "Tm [(");
	for (uint32_t i = from; i < to && d->error == LP_OK; i++) {
		/* Positions come as floats; a difference below
		 * LP_PDF_POSITION_SLACK_PT is their rounding, not a kern. The pen
		 * is compared with the true position at every glyph, so the slack
		 * never accumulates. */
		if (i > from && fabs(pen - (double)g[i].x) >= LP_PDF_POSITION_SLACK_PT) {
			double adj = (pen - (double)g[i].x) / scale;
			/* In tenths of a unit up to 40 pt, where half a tenth is at
			 * most the slack: two digits fewer for every word space of
			 * a justified line, and the pen follows what is written. */
			if (run->size_pt <= LP_PDF_TENTHS_MAX_PT)
				adj = round(adj * 10.0) / 10.0;
			adj = lp_pdf_fmt(buf, adj);
			if (adj != 0.0) {
				lp_pdf_put(d, ") ");
				lp_pdf_put(d, buf);
				lp_pdf_put(d, " (");
				pen -= adj * scale;
			}
		}
		lp_pdf_put_cid(d, f, g[i].gid);
		pen += (double)f->width[g[i].gid] * scale + tc;
	}
	lp_pdf_put(d, ")] TJ\n");
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The tracking of a letter-spaced run: the median gap between clusters
 * beyond the glyphs' widths, rounded as written. Drawn with Tc (§9.3.2),
 * as tracking is, rather than as TJ gaps; readers that ignore /ActualText
 * (pdf.js) still read tracking under a tenth of an em as one word. */
static double
tracking(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f)
{
	double *gaps = lp_arena_array(d->arena, run->n_glyphs, sizeof *gaps);
	uint32_t n = 0;
	if (!gaps)
		return 0;
	for (uint32_t i = 0; i + 1 < run->n_glyphs; i++) {
		const lp_dl_glyph *a = &run->glyphs[i], *b = &run->glyphs[i + 1];
		if (a->y != b->y || a->cluster == b->cluster)
			continue;
		gaps[n++] = (double)b->x - a->x - (double)f->width[a->gid] * run->size_pt / 1000.0;
	}
	if (n == 0)
		return 0;
	qsort(gaps, n, sizeof *gaps, cmp_double);
	char buf[40];
	return gaps[n / 2] > 0 ? lp_pdf_fmt(buf, gaps[n / 2]) : 0;
}

lp_status
lp_pdf_draw_text(lp_pdf_dev *d, const lp_dl_text *run)
{
	lp_pdf_font *f = lp_pdf_font_find(d, run->font);
	if (d->error != LP_OK || !f || run->n_glyphs == 0)
		return d->error;
	if (!(run->size_pt > 0 && run->size_pt <= LP_PDF_MAX_COORD)) {
		return lp_pdf_fail(d, lp_diag_report(d->diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		                              "a glyph run of size %g pt", (double)run->size_pt));
	}
	/* TJ adjustments are differences of positions: bound the positions
	 * so that every number written stays exact. */
	for (uint32_t i = 0; i < run->n_glyphs; i++) {
		if (!(fabsf(run->glyphs[i].x) <= LP_PDF_MAX_COORD &&
		            fabsf(run->glyphs[i].y) <= LP_PDF_MAX_COORD)) {
			coord_ok(d, fabsf(run->glyphs[i].x) + fabsf(run->glyphs[i].y));
			return d->error;
		}
	}
	if (run->use == LP_TEXT_READ_ONLY)
		return lp_pdf_draw_read_only(d, run, f);
	bool seen_only = run->use == LP_TEXT_SEEN_ONLY;
	if (lp_pdf_tracking_is_wide(run) && !seen_only)
		return lp_pdf_draw_tracked(d, run, f);
	bool span = false;
	if (seen_only) {
		/* Read as spaces, through the font's echo. */
	} else if (run->actual_text) {
		lp_pdf_begin_actual_text(d, run->actual_text, strlen(run->actual_text));
		span = true;
	} else if (needs_actual_text(d, run, f)) {
		lp_pdf_begin_actual_text(d, run->text, run->text_len);
		span = true;
	}
	lp_pdf_put(d, "BT /");
	lp_pdf_put(d, seen_only ? f->echo_name : f->res_name);
	lp_pdf_put(d, " ");
	lp_pdf_num(d, run->size_pt);
	lp_pdf_put(d, "Tf ");
	put_rgb(d, run->color, "rg\n");
	double tc = run->actual_text ? tracking(d, run, f) : 0;
	if (tc != 0) {
		lp_pdf_num(d, tc);
		lp_pdf_put(d, "Tc\n");
	}
	uint32_t from = 0;
	while (d->error == LP_OK && from < run->n_glyphs) {
		uint32_t to = from + 1;
		while (to < run->n_glyphs && run->glyphs[to].y == run->glyphs[from].y)
			to++;
		show_segment(d, run, f, from, to, tc);
		from = to;
	}
	if (tc != 0)
		lp_pdf_put(d, "0 Tc ");
	lp_pdf_put(d, "ET\n");
	if (span)
		lp_pdf_put(d, "EMC\n");
	return d->error;
}

/* ---- Rules and paths ------------------------------------------------- */

static void
put_point(lp_pdf_dev *d, float x, float y, const char *op)
{
	lp_pdf_num(d, x);
	lp_pdf_num(d, d->page_h - y);
	lp_pdf_put(d, op);
}

lp_status
lp_pdf_draw_rule(lp_pdf_dev *d, const lp_dl_rule *r)
{
	lp_pdf_put(d, "q ");
	lp_pdf_num(d, r->width_pt);
	lp_pdf_put(d, "w 0 J ");
	put_rgb(d, r->color, "RG ");
	put_point(d, r->x0, r->y0, "m ");
	put_point(d, r->x1, r->y1, "l S Q\n");
	return d->error;
}

/* Opacity needs an ExtGState (§8.4.5); one per distinct pair, shared. */
static void
set_opacity(lp_pdf_dev *d, float fill, float stroke)
{
	HPDF_ExtGState gs = NULL;
	if (d->error != LP_OK)
		return;
	for (uint32_t i = 0; i < d->n_gstates; i++)
		if (d->gstates[i].fill == fill && d->gstates[i].stroke == stroke)
			gs = d->gstates[i].gs;
	if (!gs) {
		lp_status s = LP_ARENA_ARRAY_RESERVE(d->arena, d->gstates, d->cap_gstates,
		        (size_t)d->n_gstates + 1, LP_ARRAY_ANY);
		if (s != LP_OK) {
			lp_pdf_fail(d, s);
			return;
		}
		gs = HPDF_CreateExtGState(d->doc);
		if (!gs) {
			lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "ExtGState");
			return;
		}
		lp_pdf_hpdf(d, HPDF_ExtGState_SetAlphaFill(gs, fill), "ExtGState");
		if (lp_pdf_hpdf(d, HPDF_ExtGState_SetAlphaStroke(gs, stroke), "ExtGState") != LP_OK)
			return;
		d->gstates[d->n_gstates++] = (lp_pdf_gstate){fill, stroke, gs};
	}
	const char *name = HPDF_Page_GetExtGStateName(d->page, gs);
	if (!name) {
		lp_pdf_check(d, HPDF_INVALID_EXT_GSTATE, "ExtGState");
		return;
	}
	lp_pdf_put(d, "/");
	lp_pdf_put(d, name);
	lp_pdf_put(d, " gs\n");
}

static float
unit(float v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static void
put_segments(lp_pdf_dev *d, const lp_dl_path *p)
{
	for (uint32_t i = 0; i < p->n_segs && d->error == LP_OK; i++) {
		const lp_path_seg *g = &p->segs[i];
		switch (g->op) {
		case LP_PATH_MOVE:
			put_point(d, g->pt[0], g->pt[1], "m\n");
			break;
		case LP_PATH_LINE:
			put_point(d, g->pt[0], g->pt[1], "l\n");
			break;
		case LP_PATH_CUBIC:
			put_point(d, g->pt[0], g->pt[1], "");
			put_point(d, g->pt[2], g->pt[3], "");
			put_point(d, g->pt[4], g->pt[5], "c\n");
			break;
		case LP_PATH_CLOSE:
			lp_pdf_put(d, "h\n");
			break;
		}
	}
}

/* A number with 6 decimals (a matrix's scale can be small), locale-free,
 * and a space. */
static void
put_fine(lp_pdf_dev *d, double v)
{
	char buf[48];
	long long u = llround(fabs(v) * 1e6);
	int n = snprintf(
	        buf, sizeof buf, "%s%lld.%06lld", v < 0 && u ? "-" : "", u / 1000000, u % 1000000);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	lp_pdf_put(d, buf);
	lp_pdf_put(d, " ");
}

/* A gradient fill: the path as the clip, the shading painted in it. */
static void
put_shaded(lp_pdf_dev *d, const lp_dl_path *p, const char *shading)
{
	float fo = unit(p->fill_opacity);
	lp_pdf_put(d, "q ");
	if (fo < 1)
		set_opacity(d, fo, 1);
	put_segments(d, p);
	lp_pdf_put(d, p->even_odd ? "W* n " : "W n ");
	const lp_dl_gradient *g = p->fill_gradient;
	if (g->radial) { /* the gradient's space onto the page, y up */
		float m[6] = {g->m[0], -g->m[1], g->m[2], -g->m[3], g->m[4], d->page_h - g->m[5]};
		for (int i = 0; i < 6; i++)
			put_fine(d, m[i]);
		lp_pdf_put(d, "cm ");
	}
	lp_pdf_put(d, "/");
	lp_pdf_put(d, shading);
	lp_pdf_put(d, " sh Q\n");
}

lp_status
lp_pdf_draw_path(lp_pdf_dev *d, const lp_dl_path *p)
{
	if (d->error != LP_OK || p->n_segs == 0 || (!p->fill && !p->stroke))
		return d->error;
	const char *shading =
	        p->fill && p->fill_gradient ? lp_pdf_shading_name(d, p->fill_gradient) : NULL;
	lp_dl_path stroke_only;
	if (shading) {
		put_shaded(d, p, shading);
		if (!p->stroke)
			return d->error;
		stroke_only = *p;
		stroke_only.fill = false;
		p = &stroke_only;
	}
	float fo = p->fill ? unit(p->fill_opacity) : 1,
	      so = p->stroke ? unit(p->stroke_opacity) : 1;
	lp_pdf_put(d, "q ");
	if (fo < 1 || so < 1)
		set_opacity(d, fo, so);
	if (p->fill)
		put_rgb(d, p->fill_color, "rg ");
	if (p->stroke) {
		put_rgb(d, p->stroke_color, "RG ");
		lp_pdf_num(d, p->stroke_width_pt);
		lp_pdf_put(d, "w\n");
	}
	put_segments(d, p);
	const char *op = p->fill && p->stroke ? (p->even_odd ? "B*" : "B")
	                 : p->fill            ? (p->even_odd ? "f*" : "f")
	                                      : "S";
	lp_pdf_put(d, op);
	lp_pdf_put(d, " Q\n");
	return d->error;
}
