/*
 * Gradient fills as axial shadings (ISO 32000-1 §8.7.4.5.3, ShadingType
 * 2: the display list's axis in PDF coordinates) and radial ones
 * (§8.7.4.5.4, ShadingType 3: in the gradient's own space, which a cm
 * maps onto the page), /Extend [true true] for SVG's pad, and the stops as one exponential
 * interpolation function (Type 2, N 1) between two stops, stitched (Type 3) over several. A path
 * fills with one as `q <path> W n /ShN sh Q`: the path as the clip and the shading painted in it,
 * which PDF 1.3 readers and PDF/A-1 already know (no pattern, no transparency). Shadings are shared
 * by every page that shows the same gradient at the same place.
 */
#include "pdf/pdf_internal.h"

#include <stdio.h>
#include <string.h>

/* A radial shading is drawn in the gradient's own space (the cm before
 * `sh` says where), so the page's height does not matter to it. */
static bool
same_gradient(const lp_pdf_shading *s, const lp_dl_gradient *g, float page_h)
{
	const lp_dl_gradient *k = &s->key;
	if (k->radial != g->radial || k->n_stops != g->n_stops)
		return false;
	if (g->radial ? (k->cx != g->cx || k->cy != g->cy || k->r != g->r || k->fx != g->fx ||
	                        k->fy != g->fy)
	              : (s->page_h != page_h || k->x0 != g->x0 || k->y0 != g->y0 ||
	                        k->x1 != g->x1 || k->y1 != g->y1))
		return false;
	return memcmp(k->stops, g->stops, g->n_stops * sizeof *g->stops) == 0;
}

static HPDF_Array
rgb_array(lp_pdf_dev *d, lp_rgb c)
{
	HPDF_Array a = HPDF_Array_New(d->doc->mmgr);
	for (int i = 2; a && i >= 0; i--)
		lp_pdf_hpdf(d, HPDF_Array_AddReal(a, (HPDF_REAL)((c >> (8 * i)) & 0xff) / 255.0f),
		        "shading");
	return a;
}

/* From stop a's colour to stop b's over 0..1. */
static HPDF_Dict
interpolation(lp_pdf_dev *d, const lp_dl_stop *a, const lp_dl_stop *b)
{
	HPDF_Dict f = HPDF_Dict_New(d->doc->mmgr);
	HPDF_Array domain = HPDF_Array_New(d->doc->mmgr);
	if (!f || !domain)
		return NULL;
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(f, "FunctionType", 2), "shading");
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(domain, 0), "shading");
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(domain, 1), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(f, "Domain", domain), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(f, "C0", rgb_array(d, a->color)), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(f, "C1", rgb_array(d, b->color)), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(f, "N", 1), "shading");
	return f;
}

/* The colour function of the stops: one interpolation per stretch of
 * some length between two stops (a hard stop is where one stretch ends
 * and the next begins), stitched when there are several. */
static HPDF_Dict
stops_function(lp_pdf_dev *d, const lp_dl_gradient *g)
{
	uint32_t n = 0, last = 0;
	for (uint32_t i = 0; i + 1 < g->n_stops; i++)
		if (g->stops[i + 1].offset > g->stops[i].offset)
			n++, last = i;
	if (n == 1) /* lp_dl_gradient promises at least one */
		return interpolation(d, &g->stops[last], &g->stops[last + 1]);
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict stitch = HPDF_Dict_New(mm);
	HPDF_Array fns = HPDF_Array_New(mm), bounds = HPDF_Array_New(mm),
	           encode = HPDF_Array_New(mm), domain = HPDF_Array_New(mm);
	if (!stitch || !fns || !bounds || !encode || !domain)
		return NULL;
	n = 0;
	for (uint32_t i = 0; i + 1 < g->n_stops && d->error == LP_OK; i++) {
		const lp_dl_stop *a = &g->stops[i], *b = &g->stops[i + 1];
		if (!(b->offset > a->offset))
			continue;
		HPDF_Dict f = interpolation(d, a, b);
		if (!f)
			return NULL;
		if (n++)
			lp_pdf_hpdf(d, HPDF_Array_AddReal(bounds, a->offset), "shading");
		lp_pdf_hpdf(d, HPDF_Array_Add(fns, f), "shading");
		lp_pdf_hpdf(d, HPDF_Array_AddNumber(encode, 0), "shading");
		lp_pdf_hpdf(d, HPDF_Array_AddNumber(encode, 1), "shading");
	}
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(stitch, "FunctionType", 3), "shading");
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(domain, 0), "shading");
	lp_pdf_hpdf(d, HPDF_Array_AddNumber(domain, 1), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(stitch, "Domain", domain), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(stitch, "Functions", fns), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(stitch, "Bounds", bounds), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(stitch, "Encode", encode), "shading");
	return stitch;
}

static HPDF_Dict
make_shading(lp_pdf_dev *d, const lp_dl_gradient *g)
{
	HPDF_MMgr mm = d->doc->mmgr;
	HPDF_Dict sh = HPDF_Dict_New(mm);
	HPDF_Array coords = HPDF_Array_New(mm), extend = HPDF_Array_New(mm);
	if (!sh || !coords || !extend || HPDF_Xref_Add(d->doc->xref, sh) != HPDF_OK) {
		lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "shading");
		return NULL;
	}
	lp_pdf_hpdf(d, HPDF_Dict_AddNumber(sh, "ShadingType", g->radial ? 3 : 2), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_AddName(sh, "ColorSpace", "DeviceRGB"), "shading");
	/* Radial (§8.7.4.5.4): from the focus, radius 0, to the circle. */
	float v[6] = {g->x0, d->page_h - g->y0, g->x1, d->page_h - g->y1};
	if (g->radial)
		v[0] = g->fx, v[1] = g->fy, v[2] = 0, v[3] = g->cx, v[4] = g->cy, v[5] = g->r;
	for (int i = 0; i < (g->radial ? 6 : 4); i++)
		lp_pdf_hpdf(d, HPDF_Array_AddReal(coords, v[i]), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(sh, "Coords", coords), "shading");
	lp_pdf_hpdf(d, HPDF_Array_Add(extend, HPDF_Boolean_New(mm, HPDF_TRUE)), "shading");
	lp_pdf_hpdf(d, HPDF_Array_Add(extend, HPDF_Boolean_New(mm, HPDF_TRUE)), "shading");
	lp_pdf_hpdf(d, HPDF_Dict_Add(sh, "Extend", extend), "shading");
	HPDF_Dict fn = stops_function(d, g);
	lp_pdf_hpdf(d, fn ? HPDF_Dict_Add(sh, "Function", fn) : HPDF_FAILD_TO_ALLOC_MEM, "shading");
	return d->error == LP_OK ? sh : NULL;
}

const char *
lp_pdf_shading_name(lp_pdf_dev *d, const lp_dl_gradient *g)
{
	if (d->error != LP_OK || !d->shading_res)
		return NULL;
	float v[4] = {g->x0, g->y0, g->x1, g->y1};
	if (!g->radial && lp_pdf_coords_ok(d, v, 4) != LP_OK)
		return NULL;
	lp_pdf_shading *s = NULL;
	for (uint32_t i = 0; i < d->n_shadings && !s; i++)
		if (same_gradient(&d->shadings[i], g, d->page_h))
			s = &d->shadings[i];
	if (!s) {
		lp_status st = LP_ARENA_ARRAY_RESERVE(d->arena, d->shadings, d->cap_shadings,
		        (size_t)d->n_shadings + 1, LP_ARRAY_ANY);
		lp_dl_stop *stops = st == LP_OK ? lp_arena_memdup(d->arena, g->stops,
		                                          g->n_stops * sizeof *g->stops)
		                                : NULL;
		if (!stops) {
			lp_pdf_fail(d, st != LP_OK ? st : LP_ERR_NOMEM);
			return NULL;
		}
		HPDF_Dict obj = make_shading(d, g);
		if (!obj)
			return NULL;
		s = &d->shadings[d->n_shadings++];
		*s = (lp_pdf_shading){.key = *g, .page_h = d->page_h, .obj = obj};
		s->key.stops = stops;
		snprintf(s->name, sizeof s->name, "Sh%u", d->n_shadings);
	}
	if (s->res != d->shading_res) { /* first use on this page (or form) */
		HPDF_Dict dict = HPDF_Dict_GetItem(d->shading_res, "Shading", HPDF_OCLASS_DICT);
		if (!dict) {
			dict = HPDF_Dict_New(d->doc->mmgr);
			lp_pdf_hpdf(d,
			        dict ? HPDF_Dict_Add(d->shading_res, "Shading", dict)
			             : HPDF_FAILD_TO_ALLOC_MEM,
			        "shading");
		}
		if (d->error == LP_OK)
			lp_pdf_hpdf(d, HPDF_Dict_Add(dict, s->name, s->obj), "shading");
		s->res = d->shading_res;
	}
	return d->error == LP_OK ? s->name : NULL;
}
