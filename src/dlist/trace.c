/*
 * The trace device (see trace.h): the display list replayed into text, as
 * MuPDF's trace device and SILE's debug outputter do. Numbers are printed
 * rounded to 0.01 with "%.2f" and trailing zeros dropped, so float noise
 * below that never changes a golden file. Strings are quoted with \" and
 * \\ escaped and control characters as \xNN.
 */
#include "dlist/trace.h"

#include "dlist/device.h"
#include "image/image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct trace_dev {
	lp_device dev;
	FILE *out;
	const lp_dlist *list;
} trace_dev;

static const char *
role_name(lp_dl_role role)
{
	const char *name = lp_dl_role_name(role);
	return name ? name : "?";
}

/* FNV-1a, 64 bits: enough to see that an image's pixels changed. */
static uint64_t
fnv1a(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static void
num(FILE *f, double v)
{
	char buf[48];
	double r = round(v * 100.0) / 100.0;
	if (r == 0)
		r = 0; /* no "-0" */
	snprintf(buf, sizeof buf, "%.2f", r);
	size_t n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	fputs(buf, f);
}

static void
point(FILE *f, double x, double y)
{
	num(f, x);
	fputc(',', f);
	num(f, y);
}

static void
quoted(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02X", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
str_field(FILE *f, const char *key, const char *v)
{
	if (!v)
		return;
	fprintf(f, " %s=", key);
	quoted(f, v, strlen(v));
}

static lp_status
on_document(lp_device *dev, const lp_dlist *list)
{
	FILE *f = ((trace_dev *)dev)->out;
	fprintf(f, "document pages=%u", list->n_pages);
	str_field(f, "title", list->meta.title);
	str_field(f, "author", list->meta.author);
	str_field(f, "subject", list->meta.subject);
	str_field(f, "keywords", list->meta.keywords);
	str_field(f, "creator", list->meta.creator);
	str_field(f, "lang", list->meta.lang);
	fprintf(f, " date=%lld", (long long)list->meta.date);
	if (list->meta.numbered)
		fputs(" numbered", f);
	if (list->meta.signed_at)
		fprintf(f, " signed_at=%lld", (long long)list->meta.signed_at);
	str_field(f, "sig_text", list->meta.sig_text);
	fputc('\n', f);
	/* The structure tree, so that a role or an alt text that changes
	 * changes the golden file; node 0 is always the document. */
	for (uint32_t i = 1; i < list->n_nodes; i++) {
		const lp_dl_node *n = &list->nodes[i];
		fprintf(f, "node %u %s parent=%u", i, role_name(n->role), n->parent);
		str_field(f, "alt", n->alt);
		fputc('\n', f);
	}
	return LP_OK;
}

/* What follows the pages: the outline and the signature block, which no
 * page item shows. */
static lp_status
on_end_document(lp_device *dev)
{
	trace_dev *t = (trace_dev *)dev;
	FILE *f = t->out;
	for (uint32_t i = 0; i < t->list->n_outline; i++) {
		const lp_dl_outline *o = &t->list->outline[i];
		fprintf(f, "outline level=%u page=%u y=", o->level, o->page + 1);
		num(f, o->y);
		str_field(f, "text", o->text);
		fputc('\n', f);
	}
	const lp_dl_sig *sig = &t->list->sig;
	if (sig->present) {
		fprintf(f, "signature page=%u ", sig->page + 1);
		point(f, sig->x0, sig->y0);
		fputc(' ', f);
		point(f, sig->x1, sig->y1);
		fprintf(f, " stamp=%u+%u\n", sig->first, sig->n_stamp);
	}
	return LP_OK;
}

static lp_status
on_tag(lp_device *dev, uint32_t node, lp_dl_artifact artifact)
{
	static const char *const kinds[] = {
	        [LP_ART_LAYOUT] = "layout",
	        [LP_ART_PAGINATION] = "pagination",
	        [LP_ART_WATERMARK] = "watermark",
	};
	FILE *f = ((trace_dev *)dev)->out;
	if (artifact != LP_ART_NONE)
		fprintf(f, "tag artifact=%s\n", kinds[artifact]);
	else
		fprintf(f, "tag node=%u\n", node);
	return LP_OK;
}

static lp_status
on_page(lp_device *dev, const lp_dl_page *page, uint32_t index)
{
	FILE *f = ((trace_dev *)dev)->out;
	fprintf(f, "page %u ", index + 1);
	num(f, page->width_pt);
	fputc('x', f);
	num(f, page->height_pt);
	fputc('\n', f);
	return LP_OK;
}

static lp_status
on_text(lp_device *dev, const lp_dl_text *t)
{
	FILE *f = ((trace_dev *)dev)->out;
	fprintf(f, "text font=%s size=", lp_font_postscript_name(t->font));
	num(f, t->size_pt);
	fprintf(f, " color=#%06x glyphs=%u text=", (unsigned)t->color, t->n_glyphs);
	quoted(f, t->text, t->text_len);
	if (t->actual_text)
		str_field(f, "actual", t->actual_text);
	if (t->tracking_pt != 0) {
		fputs(" tracking=", f);
		num(f, t->tracking_pt);
	}
	if (t->use == LP_TEXT_READ_ONLY) {
		fputs(" read-only width=", f);
		num(f, t->read_width_pt);
	} else if (t->use == LP_TEXT_SEEN_ONLY) {
		fputs(" seen-only", f);
	}
	fputs(" [", f);
	for (uint32_t i = 0; i < t->n_glyphs; i++) {
		fprintf(f, "%s%u@", i ? " " : "", t->glyphs[i].gid);
		point(f, t->glyphs[i].x, t->glyphs[i].y);
		fprintf(f, "/%u", t->glyphs[i].cluster);
	}
	fputs("]\n", f);
	return LP_OK;
}

static lp_status
on_rule(lp_device *dev, const lp_dl_rule *r)
{
	FILE *f = ((trace_dev *)dev)->out;
	fputs("rule ", f);
	point(f, r->x0, r->y0);
	fputc(' ', f);
	point(f, r->x1, r->y1);
	fputs(" width=", f);
	num(f, r->width_pt);
	fprintf(f, " color=#%06x\n", (unsigned)r->color);
	return LP_OK;
}

static lp_status
on_path(lp_device *dev, const lp_dl_path *p)
{
	FILE *f = ((trace_dev *)dev)->out;
	fprintf(f, "path segs=%u", p->n_segs);
	if (p->fill) {
		fprintf(f, " fill=#%06x/", (unsigned)p->fill_color);
		num(f, p->fill_opacity);
	}
	if (p->fill && p->fill_gradient) {
		const lp_dl_gradient *g = p->fill_gradient;
		if (g->radial) {
			fputs(" radial=", f);
			point(f, g->cx, g->cy);
			fputc('/', f);
			num(f, g->r);
			fputs(" focus=", f);
			point(f, g->fx, g->fy);
			fputs(" m=", f);
			for (int i = 0; i < 6; i++) {
				if (i)
					fputc(',', f);
				num(f, g->m[i]);
			}
		} else {
			fputs(" gradient=", f);
			point(f, g->x0, g->y0);
			fputs("->", f);
			point(f, g->x1, g->y1);
		}
		for (uint32_t i = 0; i < g->n_stops; i++) {
			fputc(i ? ',' : '[', f);
			num(f, g->stops[i].offset);
			fprintf(f, ":#%06x", (unsigned)g->stops[i].color);
		}
		fputc(']', f);
	}
	if (p->stroke) {
		fprintf(f, " stroke=#%06x/", (unsigned)p->stroke_color);
		num(f, p->stroke_opacity);
		fputs(" width=", f);
		num(f, p->stroke_width_pt);
	}
	fputs(p->even_odd ? " rule=evenodd" : " rule=nonzero", f);
	for (uint32_t i = 0; i < p->n_segs; i++) {
		const lp_path_seg *s = &p->segs[i];
		static const char ops[] = "MLCZ";
		static const int npts[] = {1, 1, 3, 0};
		fprintf(f, " %c", ops[s->op]);
		for (int k = 0; k < npts[s->op]; k++) {
			if (k)
				fputc(' ', f);
			point(f, s->pt[2 * k], s->pt[2 * k + 1]);
		}
	}
	fputc('\n', f);
	return LP_OK;
}

static lp_status
on_image(lp_device *dev, const lp_dl_image *im)
{
	FILE *f = ((trace_dev *)dev)->out;
	fputs("image ", f);
	point(f, im->x, im->y);
	fputc(' ', f);
	num(f, im->w);
	fputc('x', f);
	num(f, im->h);
	if (im->image) {
		const char *name = lp_image_name(im->image), *slash = strrchr(name, '/');
		fprintf(f, " %ux%u", lp_image_width(im->image), lp_image_height(im->image));
		str_field(f, "name", slash ? slash + 1 : name);
		/* The pixels as decoded (or the JPEG bytes passed through), so
		 * that a changed picture under the same name shows. */
		size_t n = 0;
		uint64_t h = 0xcbf29ce484222325ull;
		const uint8_t *jpeg = lp_image_jpeg(im->image, &n);
		if (jpeg) {
			h = fnv1a(h, jpeg, n);
		} else {
			const uint8_t *px = lp_image_samples(im->image, &n);
			h = fnv1a(h, px, px ? n : 0);
			const uint8_t *alpha = lp_image_alpha(im->image, &n);
			h = fnv1a(h, alpha, alpha ? n : 0);
		}
		fprintf(f, " hash=%016llx", (unsigned long long)h);
	}
	fputc('\n', f);
	return LP_OK;
}

static lp_status
on_link(lp_device *dev, const lp_dl_link *l)
{
	FILE *f = ((trace_dev *)dev)->out;
	fputs("link ", f);
	point(f, l->x0, l->y0);
	fputc(' ', f);
	point(f, l->x1, l->y1);
	str_field(f, "uri", l->uri);
	fputc('\n', f);
	return LP_OK;
}

lp_status
lp_trace_write(const lp_dlist *list, FILE *out)
{
	trace_dev t = {{on_document, on_page, on_text, on_rule, on_path, on_image, on_link, NULL,
	                       on_end_document, NULL, on_tag},
	        out, list};
	lp_status s = lp_dlist_run(list, &t.dev);
	if (s == LP_OK && (ferror(out) || fflush(out) != 0))
		s = LP_ERR_IO;
	return s;
}

lp_status
lp_trace_to_string(const lp_dlist *list, char **out, size_t *size)
{
	char *buf = NULL;
	size_t len = 0;
	*out = NULL;
	*size = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return LP_ERR_NOMEM;
	lp_status s = lp_trace_write(list, f);
	if (fclose(f) != 0 && s == LP_OK)
		s = LP_ERR_NOMEM;
	if (s != LP_OK) {
		free(buf);
		return s;
	}
	*out = buf;
	*size = len;
	return LP_OK;
}
