/* Display list builder and replay; see dlist.h and device.h. */
#include "dlist/device.h"
#include "base/array.h"

#include "base/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct page_build {
	float w, h;
	lp_dl_source size_src;
	lp_dl_item *items;
	uint32_t n, cap;
} page_build;

struct lp_dlist_builder {
	lp_arena *arena;
	lp_status error;
	lp_dlist *list;
	page_build *pages;
	uint32_t n_pages, cap_pages;
	lp_dl_outline *outline; /* arena, doubled as it fills */
	uint32_t n_outline, cap_outline;
	lp_dl_sig sig;
	bool in_stamp;
	lp_dl_source src; /* stamped on each item added */
	const char *src_from; /* the caller's file string src.file copies */
	lp_dl_node *nodes; /* heap; copied into the arena at finish */
	uint32_t n_nodes, cap_nodes;
	uint32_t node; /* the tag of the next item */
	lp_dl_artifact artifact;
};

/* The list and its arena are one allocation unit: the arena holds the
 * list, and the list remembers its arena through this wrapper. */
typedef struct dlist_box {
	lp_dlist list;
	lp_arena *arena;
	lp_dl_node *nodes; /* the builder's heap array, handed over whole, as are
	                    * the pages' item arrays */
} dlist_box;

lp_dlist_builder *
lp_dlist_builder_new(void)
{
	lp_dlist_builder *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->arena = lp_arena_new(0);
	dlist_box *box = b->arena ? lp_arena_alloc(b->arena, sizeof *box) : NULL;
	if (!box) {
		lp_arena_drop(b->arena);
		free(b);
		return NULL;
	}
	box->arena = b->arena;
	b->list = &box->list;
	lp_dlist_add_node(b, LP_ROLE_DOCUMENT, 0, NULL);
	if (b->error) {
		lp_dlist_builder_drop(b);
		return NULL;
	}
	return b;
}

void
lp_dlist_builder_drop(lp_dlist_builder *b)
{
	if (!b)
		return;
	for (uint32_t i = 0; i < b->n_pages; i++)
		free(b->pages[i].items);
	free(b->pages);
	free(b->nodes);
	lp_arena_drop(b->arena);
	free(b);
}

static char *
copy_str(lp_dlist_builder *b, const char *s)
{
	if (!s || b->error)
		return NULL;
	char *c = lp_arena_strdup(b->arena, s);
	if (!c)
		b->error = LP_ERR_NOMEM;
	return c;
}

void
lp_dlist_builder_set_meta(lp_dlist_builder *b, const lp_dl_meta *m)
{
	if (!b || b->error)
		return;
	lp_dl_meta *d = &b->list->meta;
	d->title = copy_str(b, m->title);
	d->author = copy_str(b, m->author);
	d->subject = copy_str(b, m->subject);
	d->keywords = copy_str(b, m->keywords);
	d->creator = copy_str(b, m->creator);
	d->lang = copy_str(b, m->lang);
	d->date = m->date;
	d->numbered = m->numbered;
	d->signed_at = m->signed_at;
	d->sig_text = copy_str(b, m->sig_text);
}

static bool
finite_all(const float *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return false;
	return true;
}

/* A page's items cut to their number once nothing more is added to them
 * (a new page begun, or the list finished): the doubling's spare room, a
 * quarter of a long document's items on average, is given back while the
 * document's lines are still held. */
static void
cut_items(page_build *p)
{
	LP_ARRAY_SHRINK(p->items, p->cap, p->n);
}

void
lp_dlist_begin_page(lp_dlist_builder *b, float w, float h)
{
	if (!b || b->error)
		return;
	if (!isfinite(w) || !isfinite(h) || w <= 0 || h <= 0) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_status s = LP_ARRAY_RESERVE(b->pages, b->cap_pages, b->n_pages + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		b->error = s;
		return;
	}
	if (b->n_pages)
		cut_items(&b->pages[b->n_pages - 1]);
	b->pages[b->n_pages++] = (page_build){w, h, {0}, NULL, 0, 0};
}

void
lp_dlist_page_size_source(lp_dlist_builder *b, const lp_dl_source *src)
{
	if (!b || b->error || !b->n_pages || !src || !src->file)
		return;
	lp_dl_source *at = &b->pages[b->n_pages - 1].size_src;
	*at = *src;
	at->file = copy_str(b, src->file);
}

static lp_dl_item *
push_item(lp_dlist_builder *b, lp_dl_kind kind)
{
	if (!b || b->error)
		return NULL;
	if (b->n_pages == 0) {
		b->error = LP_ERR_INTERNAL; /* item before any page */
		return NULL;
	}
	page_build *p = &b->pages[b->n_pages - 1];
	lp_status s = LP_ARRAY_RESERVE(p->items, p->cap, p->n + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		b->error = s;
		return NULL;
	}
	lp_dl_item *it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->src = b->src;
	it->node = b->node;
	it->artifact = b->artifact;
	return it;
}

void
lp_dlist_set_source(lp_dlist_builder *b, const lp_dl_source *src)
{
	if (!b || b->error)
		return;
	if (!src || !src->file) {
		b->src = (lp_dl_source){0};
		return;
	}
	/* Items of one file share one copy: a new one only when the caller's
	 * string changes (the release, then the layout, page after page). */
	if (src->file != b->src_from) {
		b->src_from = src->file;
		b->src.file = copy_str(b, src->file);
	}
	b->src.line = src->line;
	b->src.col = src->col;
}

void
lp_dlist_add_text(lp_dlist_builder *b, const lp_dl_text *t)
{
	if (!b || b->error)
		return;
	if (!t->font || !isfinite(t->size_pt) || t->size_pt <= 0 || t->use > LP_TEXT_SEEN_ONLY ||
	        !isfinite(t->read_width_pt) || t->read_width_pt < 0) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	for (uint32_t i = 0; i < t->n_glyphs; i++) {
		if (!isfinite(t->glyphs[i].x) || !isfinite(t->glyphs[i].y) ||
		        t->glyphs[i].cluster > t->text_len) {
			b->error = LP_ERR_INTERNAL;
			return;
		}
	}
	lp_dl_item *it = push_item(b, LP_DL_TEXT);
	if (!it)
		return;
	lp_dl_text *d = &it->u.text;
	*d = *t;
	d->glyphs = lp_arena_memdup(b->arena, t->glyphs, (size_t)t->n_glyphs * sizeof *t->glyphs);
	char *text = lp_arena_strndup(b->arena, t->text ? t->text : "", t->text_len);
	d->text = text;
	d->actual_text = t->actual_text ? copy_str(b, t->actual_text) : NULL;
	if ((t->n_glyphs && !d->glyphs) || !text)
		b->error = LP_ERR_NOMEM;
}

void
lp_dlist_add_rule(lp_dlist_builder *b, const lp_dl_rule *r)
{
	float v[5] = {r->x0, r->y0, r->x1, r->y1, r->width_pt};
	if (b && !b->error && !finite_all(v, 5)) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_dl_item *it = push_item(b, LP_DL_RULE);
	if (it)
		it->u.rule = *r;
}

/* What lp_dl_gradient promises its readers: a finite axis of some
 * length, or a finite circle with the focus inside and an invertible
 * map; 2 to LP_DL_MAX_STOPS stops from 0 to 1 in order. */
static bool
gradient_ok(const lp_dl_gradient *g)
{
	if (g->radial) {
		float v[11] = {g->cx, g->cy, g->r, g->fx, g->fy, g->m[0], g->m[1], g->m[2], g->m[3],
		        g->m[4], g->m[5]};
		double dx = (double)g->fx - g->cx, dy = (double)g->fy - g->cy;
		double det = (double)g->m[0] * g->m[3] - (double)g->m[1] * g->m[2];
		if (!finite_all(v, 11) || !(g->r > 0) ||
		        !(dx * dx + dy * dy < (double)g->r * g->r) || !(det != 0) || !isfinite(det))
			return false;
	} else {
		float v[4] = {g->x0, g->y0, g->x1, g->y1};
		if (!finite_all(v, 4) || (g->x0 == g->x1 && g->y0 == g->y1))
			return false;
	}
	if (!g->stops || g->n_stops < 2 || g->n_stops > LP_DL_MAX_STOPS)
		return false;
	if (g->stops[0].offset != 0 || g->stops[g->n_stops - 1].offset != 1)
		return false;
	for (uint32_t i = 1; i < g->n_stops; i++)
		if (!(g->stops[i].offset >= g->stops[i - 1].offset))
			return false;
	return true;
}

void
lp_dlist_add_path(lp_dlist_builder *b, const lp_dl_path *p)
{
	if (!b || b->error)
		return;
	for (uint32_t i = 0; i < p->n_segs; i++) {
		if (!finite_all(p->segs[i].pt, 6)) {
			b->error = LP_ERR_INTERNAL;
			return;
		}
	}
	float v[3] = {p->fill_opacity, p->stroke_opacity, p->stroke_width_pt};
	if (!finite_all(v, 3)) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	if (p->fill_gradient && !gradient_ok(p->fill_gradient)) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_dl_item *it = push_item(b, LP_DL_PATH);
	if (!it)
		return;
	it->u.path = *p;
	it->u.path.segs = lp_arena_memdup(b->arena, p->segs, (size_t)p->n_segs * sizeof *p->segs);
	if (p->n_segs && !it->u.path.segs)
		b->error = LP_ERR_NOMEM;
	if (p->fill_gradient) {
		const lp_dl_gradient *g = p->fill_gradient;
		lp_dl_gradient *copy = lp_arena_memdup(b->arena, g, sizeof *g);
		lp_dl_stop *stops =
		        lp_arena_memdup(b->arena, g->stops, (size_t)g->n_stops * sizeof *g->stops);
		if (!copy || !stops) {
			b->error = LP_ERR_NOMEM;
			return;
		}
		copy->stops = stops;
		it->u.path.fill_gradient = copy;
	}
}

void
lp_dlist_add_image(lp_dlist_builder *b, const lp_dl_image *im)
{
	float v[4] = {im->x, im->y, im->w, im->h};
	if (b && !b->error && (!im->image || !finite_all(v, 4))) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_dl_item *it = push_item(b, LP_DL_IMAGE);
	if (it)
		it->u.image = *im;
}

void
lp_dlist_add_link(lp_dlist_builder *b, const lp_dl_link *l)
{
	float v[4] = {l->x0, l->y0, l->x1, l->y1};
	if (b && !b->error && (!l->uri || !finite_all(v, 4))) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_dl_item *it = push_item(b, LP_DL_LINK);
	if (!it)
		return;
	it->u.link = *l;
	it->u.link.uri = copy_str(b, l->uri);
}

uint32_t
lp_dlist_add_node(lp_dlist_builder *b, lp_dl_role role, uint32_t parent, const char *alt)
{
	if (!b || b->error)
		return 0;
	if (parent >= b->n_nodes && b->n_nodes > 0) {
		b->error = LP_ERR_INTERNAL; /* parents come first */
		return 0;
	}
	lp_status s = LP_ARRAY_RESERVE(b->nodes, b->cap_nodes, b->n_nodes + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		b->error = s;
		return 0;
	}
	const char *a = alt ? copy_str(b, alt) : NULL;
	if (b->error)
		return 0;
	b->nodes[b->n_nodes] = (lp_dl_node){role, parent, a};
	return b->n_nodes++;
}

void
lp_dlist_tag(lp_dlist_builder *b, uint32_t node)
{
	if (!b || b->error)
		return;
	if (node >= b->n_nodes) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	b->node = node;
	b->artifact = LP_ART_NONE;
}

void
lp_dlist_tag_artifact(lp_dlist_builder *b, lp_dl_artifact kind)
{
	if (b)
		b->artifact = kind;
}

void
lp_dlist_add_outline(lp_dlist_builder *b, const lp_dl_outline *o)
{
	if (!b || b->error)
		return;
	if (b->n_pages == 0 || !o->text || !isfinite(o->y) || o->level < 1) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_status s = LP_ARENA_ARRAY_RESERVE(
	        b->arena, b->outline, b->cap_outline, b->n_outline + 1, LP_ARRAY_ANY);
	if (s != LP_OK) {
		b->error = s;
		return;
	}
	b->outline[b->n_outline] =
	        (lp_dl_outline){b->n_pages - 1, o->level, o->y, copy_str(b, o->text)};
	b->n_outline++;
}

void
lp_dlist_builder_fail(lp_dlist_builder *b, lp_status status)
{
	if (b && !b->error)
		b->error = status;
}

void
lp_dlist_sig_box(lp_dlist_builder *b, float x0, float y0, float x1, float y1)
{
	if (!b || b->error || b->n_pages == 0)
		return;
	if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1)) {
		b->error = LP_ERR_INTERNAL;
		return;
	}
	lp_dl_sig *g = &b->sig;
	if (!g->present) {
		*g = (lp_dl_sig){true, b->n_pages - 1, x0, y0, x1, y1, 0, 0};
		return;
	}
	if (g->page != b->n_pages - 1)
		return;
	g->x0 = fminf(g->x0, x0);
	g->y0 = fminf(g->y0, y0);
	g->x1 = fmaxf(g->x1, x1);
	g->y1 = fmaxf(g->y1, y1);
}

void
lp_dlist_sig_stamp_begin(lp_dlist_builder *b)
{
	if (!b || b->error || b->n_pages == 0 || !b->sig.present || b->sig.page != b->n_pages - 1)
		return;
	if (b->sig.n_stamp == 0)
		b->sig.first = b->pages[b->n_pages - 1].n;
	b->in_stamp = true;
}

void
lp_dlist_sig_stamp_end(lp_dlist_builder *b)
{
	if (!b || b->error || !b->in_stamp)
		return;
	b->in_stamp = false;
	page_build *p = &b->pages[b->n_pages - 1];
	if (b->sig.first + b->sig.n_stamp > p->n) /* not one after another */
		b->error = LP_ERR_INTERNAL;
	else
		b->sig.n_stamp = p->n - b->sig.first;
}

lp_status
lp_dlist_builder_finish(lp_dlist_builder *b, lp_dlist **out)
{
	*out = NULL;
	if (!b)
		return LP_ERR_NOMEM;
	lp_status s = b->error;
	lp_dl_page *pages = NULL;
	if (s == LP_OK && b->n_pages) {
		pages = lp_arena_array(b->arena, b->n_pages, sizeof *pages);
		if (!pages)
			s = LP_ERR_NOMEM;
	}
	if (s != LP_OK) {
		lp_dlist_builder_drop(b);
		return s;
	}
	/* Each page's items handed over whole, not copied: at this moment the
	 * document's lines are still held too, and a copy of every item made
	 * the peak of a long document's memory. */
	for (uint32_t i = 0; i < b->n_pages; i++) {
		page_build *p = &b->pages[i];
		cut_items(p);
		pages[i].width_pt = p->w;
		pages[i].height_pt = p->h;
		pages[i].size_src = p->size_src;
		pages[i].n_items = p->n;
		pages[i].items = p->items;
		p->items = NULL;
	}
	/* Not copied: a list of ten thousand items has forty thousand nodes. */
	((dlist_box *)b->list)->nodes = b->nodes;
	b->list->nodes = b->nodes;
	b->list->n_nodes = b->n_nodes;
	b->nodes = NULL;
	b->list->pages = pages;
	b->list->n_pages = b->n_pages;
	b->list->outline = b->outline;
	b->list->n_outline = b->n_outline;
	b->list->sig = b->sig;
	*out = b->list;
	b->arena = NULL; /* now owned by the list */
	lp_dlist_builder_drop(b);
	return LP_OK;
}

void
lp_dlist_drop(lp_dlist *list)
{
	if (!list)
		return;
	dlist_box *box = (dlist_box *)list;
	free(box->nodes);
	for (uint32_t i = 0; i < list->n_pages; i++)
		free((void *)list->pages[i].items);
	lp_arena_drop(box->arena);
}
