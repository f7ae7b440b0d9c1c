/*
 * The trace device: a stable text dump of a display list, one line per
 * item, numbers rounded to 0.01, for golden tests and --dump=dlist. The
 * format changes only on purpose: golden files depend on it.
 *
 *   document pages=2 title="…" author="…" lang="sr-Cyrl" date=1764000000 numbered
 *   node 1 H1 parent=0                  (the structure tree, node 0 the document)
 *   page 1 595.28x841.89
 *   tag node=1                          (or tag artifact=layout|pagination|watermark)
 *   text font=NotoSerif-Regular size=11 color=#000000 glyphs=3 text="Ђак" [gid@x,y/cluster …]
 *   rule 72,130 523,130 width=0.5 color=#1f3a93
 *   path segs=4 fill=#c0392b/0.5 stroke=#000000/1 width=0.75 rule=nonzero M500,800 L… C… Z
 *   image 450,40 60x60 64x64 name="emblem.png" hash=…   (FNV-1a of the pixels)
 *   link 72,133 180,145 uri="mailto:…"
 *   outline level=2 page=1 y=320.5 text="…"   (after the pages)
 *   signature page=1 350,700 520,780 stamp=41+3
 */
#ifndef LP_DLIST_TRACE_H
#define LP_DLIST_TRACE_H

#include "dlist/dlist.h"

#include <stdio.h>

/* Writes the dump to out. Fails with LP_ERR_IO when writing fails. */
lp_status lp_trace_write(const lp_dlist *list, FILE *out);

/* The dump into a malloc'ed NUL-terminated buffer the caller frees. */
lp_status lp_trace_to_string(const lp_dlist *list, char **out, size_t *size);

#endif
