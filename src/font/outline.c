/* Glyph outlines through HarfBuzz's draw API; see outline.h. */
#include "font/outline.h"

#include "base/array.h"
#include "font/font_hb.h"

#include <math.h>

typedef struct outline_sink {
	lp_arena *arena;
	lp_path_seg **segs;
	uint32_t *n, *cap;
	lp_status status;
	float scale; /* font units → points */
	float x, y; /* pen */
	float cos_a, sin_a; /* the turn, in page space (y down) */
	float px, py;
} outline_sink;

/* Font units (y up) → page points (y down), then the turn. */
static void
place(const outline_sink *o, float fx, float fy, float *out)
{
	float x = o->x + fx * o->scale, y = o->y - fy * o->scale;
	float dx = x - o->px, dy = y - o->py;
	/* Counter-clockwise on the page is clockwise in y-down coordinates. */
	out[0] = o->px + dx * o->cos_a + dy * o->sin_a;
	out[1] = o->py - dx * o->sin_a + dy * o->cos_a;
}

static lp_path_seg *
push(outline_sink *o, lp_path_op op)
{
	if (o->status != LP_OK)
		return NULL;
	lp_status st = LP_ARENA_ARRAY_RESERVE(
	        o->arena, *o->segs, *o->cap, (size_t)*o->n + 1, LP_ARRAY_ANY);
	if (st != LP_OK) {
		o->status = st;
		return NULL;
	}
	lp_path_seg *s = &(*o->segs)[(*o->n)++];
	s->op = op;
	return s;
}

static void
move_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	lp_path_seg *s = push(data, LP_PATH_MOVE);
	if (s)
		place(data, x, y, s->pt);
}

static void
line_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	lp_path_seg *s = push(data, LP_PATH_LINE);
	if (s)
		place(data, x, y, s->pt);
}

static void
cubic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float c1x, float c1y, float c2x,
        float c2y, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	lp_path_seg *s = push(data, LP_PATH_CUBIC);
	if (s) {
		place(data, c1x, c1y, s->pt);
		place(data, c2x, c2y, s->pt + 2);
		place(data, x, y, s->pt + 4);
	}
}

/* TrueType's quadratic curves as the cubic ones with the same shape. */
static void
quadratic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float cx, float cy, float x,
        float y, void *u)
{
	float x0 = st->current_x, y0 = st->current_y;
	cubic_to(f, data, st, x0 + 2.0f / 3.0f * (cx - x0), y0 + 2.0f / 3.0f * (cy - y0),
	        x + 2.0f / 3.0f * (cx - x), y + 2.0f / 3.0f * (cy - y), x, y, u);
}

static void
close_path(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	push(data, LP_PATH_CLOSE);
}

lp_status
lp_font_glyph_outline(const lp_font *font, uint32_t gid, float size_pt, float x, float y,
        const lp_outline_turn *turn, lp_arena *arena, lp_path_seg **segs, uint32_t *n,
        uint32_t *cap)
{
	float a = turn ? turn->deg * (float)M_PI / 180.0f : 0;
	outline_sink o = {arena, segs, n, cap, LP_OK,
	        size_pt / (float)lp_font_metrics_of(font)->units_per_em, x, y, cosf(a), sinf(a),
	        turn ? turn->px : 0, turn ? turn->py : 0};
	/* Made per call: a few small allocations, and no shared mutable
	 * object for threads to fight over. */
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, quadratic_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, close_path, NULL, NULL);
	hb_font_get_glyph_shape(lp_font_hb_font(font), gid, df, &o);
	hb_draw_funcs_destroy(df);
	return o.status;
}
