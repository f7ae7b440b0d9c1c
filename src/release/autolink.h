/*
 * Links in plain text: e-mail addresses and http(s):// or www. URLs found
 * in a line of layout text (a footer's "{email}"), made into link spans
 * over it, as Markdown's links are in a release's body.
 */
#ifndef LP_RELEASE_AUTOLINK_H
#define LP_RELEASE_AUTOLINK_H

#include "base/arena.h"
#include "release/release.h"

/* Finds the e-mail addresses and URLs in text (NUL-terminated) and covers
 * it with spans: LP_INLINE_LINK spans over each link (link = its index in
 * *uris) and plain spans between. *spans and *uris (mailto: or http(s)://
 * URIs, *n_uris of them) are in arena. Returns the number of spans (at
 * least 1), or 0 when out of memory. */
uint32_t lp_autolink(
        lp_arena *arena, const char *text, lp_rspan **spans, const char ***uris, uint32_t *n_uris);

#endif
