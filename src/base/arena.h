/*
 * lp_arena: a chunked bump allocator. Trees, item lists, lines and page
 * plans of one document live in one arena and are freed together by
 * lp_arena_drop(); nothing inside is freed on its own. Not thread-safe: one
 * arena belongs to one document being built by one thread.
 */
#ifndef LP_BASE_ARENA_H
#define LP_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct lp_arena lp_arena;

/* chunk_size is a hint for the size of each block (0: 64 KiB).
 * Returns NULL when out of memory. */
lp_arena *lp_arena_new(size_t chunk_size);
void lp_arena_drop(lp_arena *arena);

/* Zeroed memory aligned for any type. Returns NULL when out of memory or
 * when size is absurd (over 1 GiB). */
void *lp_arena_alloc(lp_arena *arena, size_t size);
/* n * size with overflow check. */
void *lp_arena_array(lp_arena *arena, size_t n, size_t size);
/* The same, not zeroed: for working arrays the caller writes before it
 * reads (a paragraph's break computation), where zeroing cost more than
 * the work. */
void *lp_arena_array_unset(lp_arena *arena, size_t n, size_t size);
/* Grows an array allocated in this arena, for amortised doubling. It grows
 * where it is when it is the arena's last allocation or has a big block of
 * its own (then it may move, and the old pointer is invalid); otherwise it
 * is copied and the old block stays allocated (arenas never free). The new
 * elements are zeroed. */
void *lp_arena_grow(lp_arena *arena, void *old, size_t old_n, size_t new_n, size_t size);
void *lp_arena_memdup(lp_arena *arena, const void *data, size_t size);
/* Copies len bytes and adds a NUL. */
char *lp_arena_strndup(lp_arena *arena, const char *s, size_t len);
char *lp_arena_strdup(lp_arena *arena, const char *s);
char *lp_arena_printf(lp_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *lp_arena_vprintf(lp_arena *arena, const char *fmt, va_list ap);

/* Gives back everything allocated so far, for an arena used as scratch
 * memory that is refilled again and again (one paragraph's working arrays):
 * its chunks are kept, empty, and the next rounds allocate from them
 * before they ask malloc for more, so that a document's paragraphs reuse
 * the memory of the largest so far. lp_arena_drop() frees them. Every
 * pointer into the arena is invalid afterwards. */
void lp_arena_reset(lp_arena *arena);

/* Bytes handed out since the last reset, the most there have been at once
 * (resets included), and the bytes of the chunks the arena holds (spare
 * ones included): for tests and statistics. */
size_t lp_arena_used(const lp_arena *arena);
size_t lp_arena_peak(const lp_arena *arena);
size_t lp_arena_held(const lp_arena *arena);

#endif
