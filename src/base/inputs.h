/*
 * lp_inputs: the files one render read or tried to read, each once, with
 * the side it is on (lp_input_kind in letterpress.h). A diagnostics sink
 * may keep one (base/diag.h), since every read already reports to one;
 * base/source.c notes each file it opens or looks for in it.
 */
#ifndef LP_BASE_INPUTS_H
#define LP_BASE_INPUTS_H

#include "letterpress.h"

typedef struct lp_inputs lp_inputs;

/* An empty list; files noted without a kind of their own get `kind`.
 * NULL when out of memory. */
lp_inputs *lp_inputs_new(lp_input_kind kind);
void lp_inputs_drop(lp_inputs *inputs);

/* Adds dir/path (path alone when dir is NULL) unless it is listed; a file
 * listed as release-side and then layout-side becomes layout-side (the
 * engine keeps what it read). Running out of memory is remembered and
 * reported by lp_inputs_take(). inputs may be NULL (nothing happens). */
void lp_inputs_add(lp_inputs *inputs, const char *dir, const char *path, lp_input_kind kind);
/* lp_inputs_add() with the list's own kind. */
void lp_inputs_note(lp_inputs *inputs, const char *dir, const char *path);
/* Adds every file of from, with its kind. */
void lp_inputs_merge(lp_inputs *inputs, const lp_inputs *from);

/* Hands the list over as a malloc'd array of entries with malloc'd paths
 * (lp_render_result_clear() frees them) and empties it. Fails with
 * LP_ERR_NOMEM when a file could not be noted (nothing is handed over). */
lp_status lp_inputs_take(lp_inputs *inputs, lp_input **out, size_t *n);

#endif
