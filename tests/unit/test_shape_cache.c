/* Masks of filled paths filled once (src/raster/shape_cache.c): the same
 * path, wherever it is stored, is one mask; another transform, rule or
 * clip is another; a rule (a line of a width) is the mask the filler gives
 * it, one for each width; hundreds of shapes are each found again; and a
 * fax of the seed release, whose emblem and rules are such shapes, fills
 * each once and is the same bytes with the cache warm as cold. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "../support/raster_doc.h"
#include "raster/glyph_cache.h"
#include "raster/raster.h"
#include "raster/shape_cache.h"
#include "raster_fixture.h"
#include "test-config.h"

TestSuite(shape_cache, .init = setup, .fini = teardown, .timeout = 120);

/* A 40 x 30 pt shield: a box with a curved foot. */
static void
shield(lp_path_seg *s)
{
	s[0] = (lp_path_seg){LP_PATH_MOVE, {10, 10}};
	s[1] = (lp_path_seg){LP_PATH_LINE, {50, 10}};
	s[2] = (lp_path_seg){LP_PATH_LINE, {50, 30}};
	s[3] = (lp_path_seg){LP_PATH_CUBIC, {50, 40, 30, 40, 30, 40}};
	s[4] = (lp_path_seg){LP_PATH_CUBIC, {30, 40, 10, 40, 10, 30}};
	s[5] = (lp_path_seg){LP_PATH_CLOSE, {0}};
}

Test(shape_cache, the_same_path_is_filled_once)
{
	lp_shape_cache *c = lp_shape_cache_new();
	lp_fill *fill = lp_fill_new();
	lp_path_seg a[6], other[6];
	shield(a);
	shield(other);
	/* Points a segment does not use may hold anything. */
	memset(&other[5].pt, 0x7f, sizeof other[5].pt);
	lp_shape_key k = {a, 6, LP_FILL_NONZERO, {204 / 72.0, 196 / 72.0, 21, 0}, 1728, 2292, true};
	const lp_raster_mask *m1, *m2, *m3;
	lp_raster_mask scratch = {0};
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m1, &scratch), LP_OK));
	cr_assert(lt(u32, 100, m1->w), "40 pt at 204 dpi");
	k.segs = other;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m2, &scratch), LP_OK));
	cr_assert(eq(ptr, (void *)m1, (void *)m2), "the same points elsewhere: the same mask");
	cr_assert(eq(sz, lp_shape_cache_filled(c), 1));
	k.m.tx = 22;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(ne(ptr, (void *)m1, (void *)m3), "moved a pixel: another mask");
	cr_assert(eq(i32, m3->x0, m1->x0 + 1));
	k.m.tx = 21;
	k.segs = other;
	other[2].pt[0] = 49;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(ne(ptr, (void *)m1, (void *)m3), "another point: another mask");
	k.rule = LP_FILL_EVEN_ODD;
	k.segs = a;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(ne(ptr, (void *)m1, (void *)m3), "another rule: another mask");
	k.rule = LP_FILL_NONZERO;
	k.m.flatness = LP_FILL_MONO_FLATNESS;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(ne(ptr, (void *)m1, (void *)m3), "curves flattened otherwise: another mask");
	cr_assert(eq(sz, lp_shape_cache_filled(c), 5));
	lp_fill_drop(fill);
	lp_shape_cache_drop(c);
}

/* The mask lp_fill_rule_rect gives, filled directly. */
static lp_raster_mask
rule_filled(lp_fill *fill, const lp_path_seg *line, float width_pt, const lp_fill_xform *m)
{
	lp_raster_mask out;
	lp_fill_reset(fill);
	lp_fill_rule_rect(
	        fill, line[0].pt[0], line[0].pt[1], line[1].pt[0], line[1].pt[1], width_pt, m);
	cr_assert(
	        eq(int, lp_fill_mask(fill, LP_FILL_NONZERO, true, 0, 0, 1728, 2292, &out), LP_OK));
	return out;
}

static bool
same_mask(const lp_raster_mask *x, const lp_raster_mask *y)
{
	return x->x0 == y->x0 && x->y0 == y->y0 && x->w == y->w && x->h == y->h &&
	       memcmp(x->a, y->a, (size_t)x->w * x->h) == 0;
}

Test(shape_cache, a_rule_is_filled_once_for_each_width)
{
	lp_shape_cache *c = lp_shape_cache_new();
	lp_fill *fill = lp_fill_new();
	/* A letterhead's rule under its organ lines: 0.6 pt, 160 mm. */
	lp_path_seg line[2] = {{LP_PATH_MOVE, {70, 160}}, {LP_PATH_LINE, {525, 160}}};
	lp_fill_xform xf = {204 / 72.0, 196 / 72.0, 21, 0, LP_FILL_MONO_FLATNESS};
	lp_shape_key k = {line, 2, LP_FILL_NONZERO, xf, 1728, 2292, true, 0.6f};
	const lp_raster_mask *m1, *m2, *m3;
	lp_raster_mask scratch = {0};
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m1, &scratch), LP_OK));
	lp_raster_mask direct = rule_filled(fill, line, 0.6f, &xf);
	cr_assert(same_mask(m1, &direct), "the rule's own mask, not the line's path filled");
	cr_assert(lt(u32, 1200, m1->w), "455 pt at 204 dpi");
	lp_raster_mask_free(&direct);
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m2, &scratch), LP_OK));
	cr_assert(eq(ptr, (void *)m1, (void *)m2), "the same rule again: the same mask");
	cr_assert(eq(sz, lp_shape_cache_filled(c), 1));
	k.rule_width_pt = 2;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(ne(ptr, (void *)m1, (void *)m3), "another width: another mask");
	direct = rule_filled(fill, line, 2, &xf);
	cr_assert(same_mask(m3, &direct));
	cr_assert(lt(u32, m1->h, m3->h), "a wider rule: more rows");
	lp_raster_mask_free(&direct);
	k.rule_width_pt = 0;
	cr_assert(eq(int, lp_shape_cache_get(c, &k, fill, &m3, &scratch), LP_OK));
	cr_assert(ne(ptr, (void *)m1, (void *)m3), "the line's path is not the rule");
	cr_assert(eq(sz, lp_shape_cache_filled(c), 3));
	lp_fill_drop(fill);
	lp_shape_cache_drop(c);
}

Test(shape_cache, hundreds_of_small_shapes_are_each_found_again)
{
	/* Every fax fill is kept, however small: a drawing of many small
	 * paths must find each one again without a walk through the others. */
	lp_shape_cache *c = lp_shape_cache_new();
	lp_fill *fill = lp_fill_new();
	lp_path_seg s[6];
	lp_shape_key k = {s, 6, LP_FILL_NONZERO, {204 / 72.0, 196 / 72.0, 0, 0}, 1728, 2292, true};
	const lp_raster_mask *first[300], *again;
	lp_raster_mask scratch = {0};
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 300; i++) {
			shield(s);
			for (int j = 0; j < 5; j++)
				s[j].pt[0] += (float)(i % 20) * 2,
				        s[j].pt[1] += (float)(i / 20) * 2;
			cr_assert(eq(int,
			        lp_shape_cache_get(
			                c, &k, fill, round ? &again : &first[i], &scratch),
			        LP_OK));
			if (round)
				cr_assert(eq(ptr, (void *)again, (void *)first[i]), "shape %d", i);
		}
	cr_assert(eq(sz, lp_shape_cache_filled(c), 300));
	lp_fill_drop(fill);
	lp_shape_cache_drop(c);
}

Test(shape_cache, the_emblem_is_filled_once_for_later_documents)
{
	lp_test_release r;
	lp_test_release_build(&r, LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md");
	lp_glyph_cache *glyphs = lp_glyph_cache_new();
	lp_tiff_options o = lp_tiff_options_default();
	o.glyphs = glyphs;
	uint8_t *a, *b2;
	size_t na, nb;
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &a, &na, diag), LP_OK));
	size_t first = lp_shape_cache_filled(lp_glyph_cache_shapes(glyphs));
	cr_assert(eq(sz, first, 9),
	        "the emblem's seven paths, its small firesteels too, and the two rules");
	cr_assert(eq(int, lp_raster_render_tiff(r.list, &o, &b2, &nb, diag), LP_OK));
	cr_assert(
	        eq(sz, lp_shape_cache_filled(lp_glyph_cache_shapes(glyphs)), first), "none again");
	cr_assert(eq(sz, na, nb));
	cr_assert(eq(int, memcmp(a, b2, na), 0));
	free(a);
	free(b2);
	lp_glyph_cache_drop(glyphs);
	lp_test_release_drop(&r);
}
