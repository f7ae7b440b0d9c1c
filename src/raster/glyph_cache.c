/* Glyph masks rasterized once; see glyph_cache.h. */
#include "raster/glyph_cache.h"

#include "base/arena.h"
#include "base/array.h"
#include "font/outline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of masks one cache keeps: body text at 300 dpi in two fonts takes
 * a few MiB; past this, glyphs are drawn without being kept, so a document
 * of huge glyphs costs time, not memory. */
#define LP_RASTER_GLYPH_CACHE_BYTES (32u << 20)

/* 1-bit glyph masks at a vertical resolution under this (dpi: a fax's
 * standard mode, 98) are made at twice that resolution, where the 1-bit
 * rules keep a glyph's stems, dots and gaps, and its rows merged in pairs
 * (merge_row_pairs). Decided at 98 dpi directly, small round marks lost
 * their shape: a period 1.5 pixels tall became one row four pixels wide
 * (read as "_"), the middle dot of " · " a two-row pyramid (read as
 * "+"), and the flag of a "б" thinned away (read as "в"). */
#define LP_RASTER_MERGE_DPI 150.0
/* ... where a pixel is black if it has a black pixel of the fine mask in
 * its pair of rows and a mean coverage of at least this (0..255): a
 * quarter, so that a fine row kept black only to carry a hairline, with
 * little ink under it, does not thicken a stroke here. */
#define LP_RASTER_MERGE_MIN 60

typedef struct entry {
	lp_glyph_key key;
	lp_raster_mask mask;
} entry;

/* Things given back for the next documents, taken in any order. */
typedef struct spares {
	void **items;
	size_t n, cap;
} spares;

struct lp_glyph_cache {
	pthread_mutex_t lock;
	entry **slots; /* open addressing, a power of two */
	size_t n_slots, n_entries;
	size_t bytes;
	size_t rasterized;
	lp_shape_cache *shapes;
	lp_glyph_memo *spares; /* memos given back, for the next documents */
	spares recalls; /* coders' pages given back, likewise (lp_ccitt_recall) */
	spares sheets; /* fax pages' memory given back, likewise (lp_fax_sheet) */
};

lp_glyph_cache *
lp_glyph_cache_new(void)
{
	lp_glyph_cache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->n_slots = 1024;
	c->slots = calloc(c->n_slots, sizeof *c->slots);
	c->shapes = lp_shape_cache_new();
	if (!c->slots || !c->shapes || pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c->slots);
		lp_shape_cache_drop(c->shapes);
		free(c);
		return NULL;
	}
	return c;
}

void
lp_glyph_cache_drop(lp_glyph_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_slots; i++)
		if (c->slots[i]) {
			lp_raster_mask_free(&c->slots[i]->mask);
			free(c->slots[i]);
		}
	free(c->slots);
	for (lp_glyph_memo *m = c->spares, *next; m; m = next) {
		next = m->next;
		free(m);
	}
	for (size_t i = 0; i < c->recalls.n; i++)
		lp_ccitt_recall_drop(c->recalls.items[i]);
	free(c->recalls.items);
	for (size_t i = 0; i < c->sheets.n; i++)
		lp_fax_sheet_free(c->sheets.items[i]);
	free(c->sheets.items);
	lp_shape_cache_drop(c->shapes);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

lp_shape_cache *
lp_glyph_cache_shapes(lp_glyph_cache *c)
{
	return c->shapes;
}

static bool
key_eq(const lp_glyph_key *a, const lp_glyph_key *b)
{
	return a->font == b->font && a->gid == b->gid && a->size_pt == b->size_pt &&
	       a->sx == b->sx && a->sy == b->sy && a->phase_x == b->phase_x &&
	       a->phase_y == b->phase_y && a->mono == b->mono;
}

static uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
	return h;
}

static size_t
key_hash(const lp_glyph_key *k)
{
	uint32_t size_bits;
	memcpy(&size_bits, &k->size_pt, sizeof size_bits);
	uint64_t h = mix(0, (uint64_t)(uintptr_t)k->font);
	h = mix(h, k->gid);
	h = mix(h, size_bits);
	h = mix(h, (uint64_t)(k->sx * 4096) ^ ((uint64_t)(k->sy * 4096) << 20));
	h = mix(h, (uint64_t)k->phase_x | (uint64_t)k->phase_y << 8 | (uint64_t)k->mono << 16);
	return (size_t)h;
}

/* Under the lock. */
static entry **
find_slot(lp_glyph_cache *c, const lp_glyph_key *k)
{
	size_t i = key_hash(k) & (c->n_slots - 1);
	while (c->slots[i] && !key_eq(&c->slots[i]->key, k))
		i = (i + 1) & (c->n_slots - 1);
	return &c->slots[i];
}

/* Under the lock: doubles the table; entries stay where they are. */
static bool
grow(lp_glyph_cache *c)
{
	size_t n = c->n_slots * 2;
	entry **slots = calloc(n, sizeof *slots);
	if (!slots)
		return false;
	entry **old = c->slots;
	size_t old_n = c->n_slots;
	c->slots = slots;
	c->n_slots = n;
	for (size_t i = 0; i < old_n; i++)
		if (old[i])
			*find_slot(c, &old[i]->key) = old[i];
	free(old);
	return true;
}

/* Row y of a mask twice as tall, in the rows of the mask: pairs of rows
 * (2r, 2r + 1) are one row r, rounded towards minus infinity. */
static int32_t
half_row(int32_t y)
{
	return y >= 0 ? y / 2 : -((-y + 1) / 2);
}

/* The 1-bit mask of a glyph at a low vertical resolution, made from its
 * masks at twice the resolution: fine, its 1-bit decision, and cov, its
 * coverage (same rectangle). A pixel is black where the pair of rows it
 * covers has a mean coverage of at least half, or has a black pixel in
 * fine and a mean coverage of at least LP_RASTER_MERGE_MIN. */
static lp_status
merge_row_pairs(const lp_raster_mask *fine, const lp_raster_mask *cov, lp_raster_mask *out)
{
	int32_t y0 = half_row(fine->y0), y1 = half_row(fine->y0 + (int32_t)fine->h - 1) + 1;
	uint32_t w = fine->w, h = (uint32_t)(y1 - y0), stride = (w + 7) / 8;
	*out = (lp_raster_mask){fine->x0, y0, w, h, calloc((size_t)w * h, 1),
	        calloc((size_t)stride * h, 1), stride, NULL};
	if (!out->a || !out->bits) {
		lp_raster_mask_free(out);
		return LP_ERR_NOMEM;
	}
	for (uint32_t r = 0; r < h; r++) {
		for (uint32_t x = 0; x < w; x++) {
			unsigned sum = 0;
			bool black = false;
			for (int32_t q = 0; q < 2; q++) {
				int32_t fy = 2 * (y0 + (int32_t)r) + q - fine->y0;
				if (fy < 0 || fy >= (int32_t)fine->h)
					continue; /* outside the shape: no coverage */
				sum += cov->a[(size_t)fy * w + x];
				black = black || fine->a[(size_t)fy * w + x];
			}
			if (sum >= 256 || (black && sum >= 2 * LP_RASTER_MERGE_MIN)) {
				out->a[(size_t)r * w + x] = 255;
				out->bits[(size_t)r * stride + x / 8] |= (uint8_t)(0x80 >> (x % 8));
			}
		}
	}
	lp_status s = lp_raster_mask_words(out);
	if (s != LP_OK)
		lp_raster_mask_free(out);
	return s;
}

static lp_status
rasterize(const lp_glyph_key *k, lp_fill *fill, lp_raster_mask *out)
{
	lp_arena *arena = lp_arena_new(16 << 10);
	if (!arena)
		return LP_ERR_NOMEM;
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	bool twice = k->mono && k->sy * 72.0 < LP_RASTER_MERGE_DPI;
	/* The pen at page (0, 0); the phase moves it within the pixel. */
	lp_status s = lp_font_glyph_outline(
	        k->font, k->gid, k->size_pt, 0, 0, NULL, arena, &segs, &n, &cap);
	if (s == LP_OK) {
		lp_fill_xform m = {k->sx, twice ? 2 * k->sy : k->sy, k->phase_x / 4.0,
		        (twice ? 2 : 1) * k->phase_y / 4.0, k->mono ? LP_FILL_MONO_FLATNESS : 0};
		lp_fill_reset(fill);
		lp_fill_path(fill, segs, n, &m);
		s = lp_fill_mask(fill, LP_FILL_NONZERO, k->mono, INT32_MIN / 2, INT32_MIN / 2,
		        INT32_MAX / 2, INT32_MAX / 2, out);
	}
	if (s == LP_OK && twice && out->h > 0) {
		lp_raster_mask fine = *out, cov;
		s = lp_fill_mask(fill, LP_FILL_NONZERO, false, INT32_MIN / 2, INT32_MIN / 2,
		        INT32_MAX / 2, INT32_MAX / 2, &cov);
		if (s == LP_OK)
			s = merge_row_pairs(&fine, &cov, out);
		else
			*out = (lp_raster_mask){0};
		lp_raster_mask_free(&fine);
		lp_raster_mask_free(&cov);
	}
	lp_arena_drop(arena);
	return s;
}

lp_status
lp_glyph_cache_get(lp_glyph_cache *c, const lp_glyph_key *k, lp_fill *fill,
        const lp_raster_mask **out, lp_raster_mask *scratch)
{
	pthread_mutex_lock(&c->lock);
	entry *e = *find_slot(c, k);
	pthread_mutex_unlock(&c->lock);
	if (e) {
		*out = &e->mask;
		return LP_OK;
	}
	/* Rasterized outside the lock: another thread may do the same glyph
	 * meanwhile, and then the first one in is kept. */
	lp_raster_mask m;
	lp_status s = rasterize(k, fill, &m);
	if (s != LP_OK)
		return s;
	size_t bytes = ((size_t)m.w + m.stride) * m.h + sizeof(entry);
	pthread_mutex_lock(&c->lock);
	c->rasterized++;
	if (c->bytes + bytes > LP_RASTER_GLYPH_CACHE_BYTES ||
	        (c->n_entries + 1 > c->n_slots / 2 && !grow(c)) || !(e = malloc(sizeof *e))) {
		pthread_mutex_unlock(&c->lock);
		*scratch = m;
		*out = scratch;
		return LP_OK;
	}
	entry **slot = find_slot(c, k);
	if (*slot) { /* another thread was first */
		free(e);
		e = *slot;
		lp_raster_mask_free(&m);
	} else {
		e->key = *k;
		e->mask = m;
		*slot = e;
		c->n_entries++;
		c->bytes += bytes;
	}
	pthread_mutex_unlock(&c->lock);
	*out = &e->mask;
	return LP_OK;
}

size_t
lp_glyph_cache_rasterized(lp_glyph_cache *c)
{
	pthread_mutex_lock(&c->lock);
	size_t n = c->rasterized;
	pthread_mutex_unlock(&c->lock);
	return n;
}

lp_glyph_memo *
lp_glyph_memo_take(lp_glyph_cache *c, double sx, double sy, bool mono)
{
	pthread_mutex_lock(&c->lock);
	lp_glyph_memo **at = &c->spares;
	while (*at && !((*at)->sx == sx && (*at)->sy == sy && (*at)->mono == mono))
		at = &(*at)->next;
	lp_glyph_memo *m = *at;
	if (m)
		*at = m->next;
	pthread_mutex_unlock(&c->lock);
	/* A memo at another resolution would hold other masks: a new one. */
	if (!m && !(m = calloc(1, sizeof *m)))
		return NULL;
	m->sx = sx;
	m->sy = sy;
	m->mono = mono;
	m->next = NULL;
	return m;
}

void
lp_glyph_memo_give(lp_glyph_cache *c, lp_glyph_memo *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&c->lock);
	m->next = c->spares;
	c->spares = m;
	pthread_mutex_unlock(&c->lock);
}

/* One of the spares, or NULL. */
static void *
spare_take(lp_glyph_cache *c, spares *from)
{
	void *item = NULL;
	pthread_mutex_lock(&c->lock);
	if (from->n > 0)
		item = from->items[--from->n];
	pthread_mutex_unlock(&c->lock);
	return item;
}

/* Keeps item among the spares; false (the caller frees it) when memory
 * runs out. */
static bool
spare_give(lp_glyph_cache *c, spares *to, void *item)
{
	pthread_mutex_lock(&c->lock);
	bool kept = LP_ARRAY_RESERVE(to->items, to->cap, to->n + 1, LP_ARRAY_ANY) == LP_OK;
	if (kept)
		to->items[to->n++] = item;
	pthread_mutex_unlock(&c->lock);
	return kept;
}

lp_ccitt_recall *
lp_glyph_cache_take_recall(lp_glyph_cache *c)
{
	lp_ccitt_recall *r = spare_take(c, &c->recalls);
	return r ? r : lp_ccitt_recall_new();
}

void
lp_glyph_cache_give_recall(lp_glyph_cache *c, lp_ccitt_recall *r)
{
	if (r && !spare_give(c, &c->recalls, r))
		lp_ccitt_recall_drop(r);
}

lp_fax_sheet *
lp_glyph_cache_take_sheet(lp_glyph_cache *c)
{
	return spare_take(c, &c->sheets);
}

void
lp_glyph_cache_give_sheet(lp_glyph_cache *c, lp_fax_sheet *s)
{
	if (s && (s->cap > LP_FAX_KEPT_PAGE_MAX_BYTES || !spare_give(c, &c->sheets, s)))
		lp_fax_sheet_free(s);
}

void
lp_fax_sheet_free(lp_fax_sheet *s)
{
	if (s) {
		free(s->bits);
		free(s->inked);
		free(s);
	}
}
