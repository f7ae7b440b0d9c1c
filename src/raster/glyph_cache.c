/* Glyph masks rasterized once; see glyph_cache.h. */
#include "raster/glyph_cache.h"

#include "base/arena.h"
#include "font/outline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of masks one cache keeps: body text at 300 dpi in two fonts takes
 * a few MiB; past this, glyphs are drawn without being kept, so a document
 * of huge glyphs costs time, not memory. */
#define LP_RASTER_GLYPH_CACHE_BYTES (32u << 20)

typedef struct entry {
	lp_glyph_key key;
	lp_raster_mask mask;
} entry;

struct lp_glyph_cache {
	pthread_mutex_t lock;
	entry **slots; /* open addressing, a power of two */
	size_t n_slots, n_entries;
	size_t bytes;
	size_t rasterized;
};

lp_glyph_cache *
lp_glyph_cache_new(void)
{
	lp_glyph_cache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->n_slots = 1024;
	c->slots = calloc(c->n_slots, sizeof *c->slots);
	if (!c->slots || pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c->slots);
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
	pthread_mutex_destroy(&c->lock);
	free(c);
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

static lp_status
rasterize(const lp_glyph_key *k, lp_fill *fill, lp_raster_mask *out)
{
	lp_arena *arena = lp_arena_new(16 << 10);
	if (!arena)
		return LP_ERR_NOMEM;
	lp_path_seg *segs = NULL;
	uint32_t n = 0, cap = 0;
	/* The pen at page (0, 0); the phase moves it within the pixel. */
	lp_status s = lp_font_glyph_outline(
	        k->font, k->gid, k->size_pt, 0, 0, NULL, arena, &segs, &n, &cap);
	if (s == LP_OK) {
		lp_fill_xform m = {k->sx, k->sy, k->phase_x / 4.0, k->phase_y / 4.0};
		lp_fill_reset(fill);
		lp_fill_path(fill, segs, n, &m);
		s = lp_fill_mask(fill, LP_FILL_NONZERO, k->mono, INT32_MIN / 2, INT32_MIN / 2,
		        INT32_MAX / 2, INT32_MAX / 2, out);
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
