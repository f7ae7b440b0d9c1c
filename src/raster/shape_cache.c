/* Masks of filled paths, filled once; see shape_cache.h. */
#include "raster/shape_cache.h"

#include "base/array.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of shapes one cache keeps (an emblem at 204 x 196 dpi is a few
 * tens of KiB of masks and points); past this, shapes are filled each
 * time. */
#define LP_RASTER_SHAPE_CACHE_BYTES (8u << 20)

typedef struct shape {
	uint64_t hash;
	float *pts; /* every segment's points, in order, packed */
	uint8_t *ops;
	uint32_t n_segs, n_pts;
	lp_fill_rule rule;
	lp_fill_xform m;
	int32_t clip_w, clip_h;
	bool mono;
	float rule_width_pt;
	lp_raster_mask mask;
	/* Set once, under the lock: paint before stamp, which is published
	 * with a release store (lp_shape_cache_stamp reads without the lock). */
	uint64_t paint;
	lp_fax_stamp *stamp;
	uint32_t asked; /* how often a stamp was asked for, atomically */
} shape;

struct lp_shape_cache {
	pthread_mutex_t lock;
	shape **shapes;
	size_t n, cap;
	/* Open addressing by hash: a shape's index + 1, or 0; a power of two
	 * at least twice n, so that a page of many small shapes (every fax
	 * fill is kept) finds each in a step or two. */
	uint32_t *index;
	size_t index_cap;
	size_t bytes;
	size_t filled;
};

lp_shape_cache *
lp_shape_cache_new(void)
{
	lp_shape_cache *c = calloc(1, sizeof *c);
	if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

void
lp_fax_stamp_free(lp_fax_stamp *stamp)
{
	if (stamp) {
		free(stamp->cover);
		free(stamp->value);
		free(stamp);
	}
}

static void
shape_free(shape *s)
{
	if (s) {
		lp_fax_stamp_free(s->stamp);
		lp_raster_mask_free(&s->mask);
		free(s->pts);
		free(s->ops);
		free(s);
	}
}

void
lp_shape_cache_drop(lp_shape_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		shape_free(c->shapes[i]);
	free(c->shapes);
	free(c->index);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Points a segment carries (the others in lp_path_seg.pt are not set). */
static uint32_t
points_of(lp_path_op op)
{
	return op == LP_PATH_CUBIC ? 3 : op == LP_PATH_CLOSE ? 0 : 1;
}

static uint64_t
mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3u;
}

static uint64_t
float_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

/* A hash of the key's segments and parameters. */
static uint64_t
key_hash(const lp_shape_key *k)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (uint32_t i = 0; i < k->n_segs; i++) {
		h = mix(h, (uint64_t)k->segs[i].op);
		for (uint32_t j = 0; j < 2 * points_of(k->segs[i].op); j++)
			h = mix(h, float_bits(k->segs[i].pt[j]));
	}
	h = mix(h, (uint64_t)k->rule << 1 | k->mono);
	h = mix(h, float_bits(k->rule_width_pt));
	return mix(h, (uint64_t)(uint32_t)k->clip_w << 32 | (uint32_t)k->clip_h);
}

static bool
key_eq(const shape *s, uint64_t hash, const lp_shape_key *k)
{
	if (s->hash != hash || s->n_segs != k->n_segs || s->rule != k->rule || s->mono != k->mono ||
	        s->clip_w != k->clip_w || s->clip_h != k->clip_h || s->m.sx != k->m.sx ||
	        s->m.sy != k->m.sy || s->m.tx != k->m.tx || s->m.ty != k->m.ty ||
	        s->m.flatness != k->m.flatness ||
	        float_bits(s->rule_width_pt) != float_bits(k->rule_width_pt))
		return false;
	const float *p = s->pts;
	for (uint32_t i = 0; i < k->n_segs; i++) {
		uint32_t n = 2 * points_of(k->segs[i].op);
		if (s->ops[i] != (uint8_t)k->segs[i].op || memcmp(p, k->segs[i].pt, n * sizeof *p))
			return false;
		p += n;
	}
	return true;
}

/* Under the lock. */
static shape *
find(lp_shape_cache *c, uint64_t hash, const lp_shape_key *k)
{
	if (!c->index)
		return NULL;
	size_t mask = c->index_cap - 1;
	for (size_t i = hash & mask; c->index[i]; i = (i + 1) & mask)
		if (key_eq(c->shapes[c->index[i] - 1], hash, k))
			return c->shapes[c->index[i] - 1];
	return NULL;
}

/* The first free slot of index (cap slots) from hash's on. */
static uint32_t *
free_slot(uint32_t *index, size_t cap, uint64_t hash)
{
	size_t i = hash & (cap - 1);
	while (index[i])
		i = (i + 1) & (cap - 1);
	return &index[i];
}

/* Indexes the shapes anew in cap slots. Under the lock. */
static bool
reindex(lp_shape_cache *c, size_t cap)
{
	uint32_t *index = calloc(cap, sizeof *index);
	if (!index)
		return false;
	for (size_t k = 0; k < c->n; k++)
		*free_slot(index, cap, c->shapes[k]->hash) = (uint32_t)k + 1;
	free(c->index);
	c->index = index;
	c->index_cap = cap;
	return true;
}

/* A shape holding a copy of the key's points and the mask (taken). */
static shape *
shape_new(const lp_shape_key *k, uint64_t hash, const lp_raster_mask *mask)
{
	uint32_t n_pts = 0;
	for (uint32_t i = 0; i < k->n_segs; i++)
		n_pts += 2 * points_of(k->segs[i].op);
	shape *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->pts = malloc(((size_t)n_pts + 1) * sizeof *s->pts);
	s->ops = malloc((size_t)k->n_segs + 1);
	if (!s->pts || !s->ops) {
		shape_free(s);
		return NULL;
	}
	float *p = s->pts;
	for (uint32_t i = 0; i < k->n_segs; i++) {
		uint32_t n = 2 * points_of(k->segs[i].op);
		s->ops[i] = (uint8_t)k->segs[i].op;
		memcpy(p, k->segs[i].pt, n * sizeof *p);
		p += n;
	}
	*s = (shape){hash, s->pts, s->ops, k->n_segs, n_pts, k->rule, k->m, k->clip_w, k->clip_h,
	        k->mono, k->rule_width_pt, *mask, 0, NULL, 0};
	return s;
}

lp_status
lp_shape_cache_get(lp_shape_cache *c, const lp_shape_key *k, lp_fill *fill,
        const lp_raster_mask **out, lp_raster_mask *scratch)
{
	uint64_t hash = key_hash(k);
	pthread_mutex_lock(&c->lock);
	shape *s = find(c, hash, k);
	pthread_mutex_unlock(&c->lock);
	if (s) {
		*out = &s->mask;
		return LP_OK;
	}
	/* Filled outside the lock: another thread may fill the same shape
	 * meanwhile, and then the first one in is kept. */
	lp_raster_mask m;
	lp_fill_reset(fill);
	if (k->rule_width_pt > 0)
		lp_fill_rule_rect(fill, k->segs[0].pt[0], k->segs[0].pt[1], k->segs[1].pt[0],
		        k->segs[1].pt[1], k->rule_width_pt, &k->m);
	else
		lp_fill_path(fill, k->segs, k->n_segs, &k->m);
	lp_status st = lp_fill_mask(fill, k->rule, k->mono, 0, 0, k->clip_w, k->clip_h, &m);
	if (st != LP_OK)
		return st;
	size_t bytes = ((size_t)m.w + m.stride + 8) * m.h + (size_t)k->n_segs * 25 + sizeof(shape);
	pthread_mutex_lock(&c->lock);
	c->filled++;
	shape *kept = find(c, hash, k);
	if (!kept && c->bytes + bytes <= LP_RASTER_SHAPE_CACHE_BYTES) {
		if (LP_ARRAY_RESERVE(c->shapes, c->cap, c->n + 1, LP_ARRAY_ANY) == LP_OK &&
		        (2 * (c->n + 1) <= c->index_cap ||
		                reindex(c, c->index_cap ? 2 * c->index_cap : 64)) &&
		        (kept = shape_new(k, hash, &m))) {
			c->shapes[c->n++] = kept;
			*free_slot(c->index, c->index_cap, hash) = (uint32_t)c->n;
			c->bytes += bytes;
			pthread_mutex_unlock(&c->lock);
			*out = &kept->mask;
			return LP_OK;
		}
	}
	pthread_mutex_unlock(&c->lock);
	if (kept) { /* another thread was first */
		lp_raster_mask_free(&m);
		*out = &kept->mask;
	} else { /* not kept: the caller's to free */
		*scratch = m;
		*out = scratch;
	}
	return LP_OK;
}

/* The shape that holds a kept mask. */
static shape *
shape_of(const lp_raster_mask *m)
{
	return (shape *)((char *)m - offsetof(shape, mask));
}

const lp_fax_stamp *
lp_shape_cache_stamp(lp_shape_cache *c, const lp_raster_mask *m, uint64_t paint, bool *make)
{
	(void)c;
	shape *s = shape_of(m);
	const lp_fax_stamp *st = __atomic_load_n(&s->stamp, __ATOMIC_ACQUIRE);
	*make = false;
	if (st)
		return s->paint == paint ? st : NULL;
	*make = __atomic_fetch_add(&s->asked, 1, __ATOMIC_RELAXED) == 1;
	return NULL;
}

const lp_fax_stamp *
lp_shape_cache_keep_stamp(
        lp_shape_cache *c, const lp_raster_mask *m, uint64_t paint, lp_fax_stamp *stamp)
{
	shape *s = shape_of(m);
	size_t bytes = 2 * (size_t)stamp->h * stamp->nb + sizeof *stamp;
	const lp_fax_stamp *kept = NULL;
	pthread_mutex_lock(&c->lock);
	if (!s->stamp && c->bytes + bytes <= LP_RASTER_SHAPE_CACHE_BYTES) {
		s->paint = paint;
		__atomic_store_n(&s->stamp, stamp, __ATOMIC_RELEASE);
		c->bytes += bytes;
		kept = stamp;
	} else if (s->stamp && s->paint == paint) {
		kept = s->stamp; /* another thread was first */
	}
	pthread_mutex_unlock(&c->lock);
	if (kept != stamp)
		lp_fax_stamp_free(stamp);
	return kept;
}

size_t
lp_shape_cache_filled(lp_shape_cache *c)
{
	pthread_mutex_lock(&c->lock);
	size_t n = c->filled;
	pthread_mutex_unlock(&c->lock);
	return n;
}
