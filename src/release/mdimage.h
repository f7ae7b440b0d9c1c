/*
 * Body images in Markdown (`![alt](path "title")`), for markdown.c: md4c
 * hands an image's description as ordinary text inside the block it was
 * written in. It is gathered with that text (so that the text policy
 * checks it where it stands), then cut out of it when the block ends and
 * kept as the figure's alternative text; the block is followed by one
 * LP_BLOCK_FIGURE per image.
 */
#ifndef LP_RELEASE_MDIMAGE_H
#define LP_RELEASE_MDIMAGE_H

#include <md4c.h>

#include "base/source.h"
#include "release/release.h"
#include "release/smartquotes.h"
#include "release/textcheck.h"

/* One image of the open block: its description is bytes
 * [alt_start, alt_end) of the block's text. */
typedef struct lp_md_image {
	uint32_t alt_start, alt_end;
	lp_figure *figure; /* in the arena; alt set by lp_md_images_cut() */
	uint64_t offset; /* where the figure block is in the file (its path) */
} lp_md_image;

/* The images of the open block (a heap array), and how deep in images
 * the text now is: an image inside another's description adds its
 * description to the outer one's and is not drawn (said in a warning). */
typedef struct lp_md_images {
	lp_md_image *items;
	uint32_t n, cap;
	uint32_t depth;
} lp_md_images;

/* An image span opens at byte `at` of the block's text; `fallback` is the
 * file offset to report at when md4c's path is not in the file. The
 * title gets q's quotation marks. in_link:
 * the image is inside a link, which a figure does not keep (a warning);
 * in_cell: in a table's cell, where it is drawn (without its title: a
 * warning when it has one). The path's %XX escapes are decoded unless it
 * has a URL scheme (a '%' without two hex digits stays as written).
 * Fails with LP_ERR_SYNTAX (an image without a path, or with %00 in it, at
 * the image) or LP_ERR_NOMEM. */
lp_status lp_md_image_enter(lp_md_images *im, const MD_SPAN_IMG_DETAIL *d, uint32_t at,
        uint64_t fallback, bool in_link, bool in_cell, const lp_source *src, const lp_quotes *q,
        lp_arena *arena, lp_diag *diag);
/* The image span closes at byte `at` of the block's text. */
void lp_md_image_leave(lp_md_images *im, uint32_t at);

/* When the block ends: each image's description becomes its figure's alt
 * (with q's quotation marks), and is cut out of text (*len bytes; a space
 * on one side of it goes too, so that no two are left side by side), out
 * of spans (*n_spans, moved and shortened; empty ones dropped) and out of
 * map (the text's places in the file). *only_pictures: nothing but spaces
 * and line breaks is left. Fails only with LP_ERR_NOMEM. */
lp_status lp_md_images_cut(lp_md_images *im, char *text, size_t *len, lp_rspan *spans,
        uint32_t *n_spans, lp_textmap *map, const lp_quotes *q, lp_arena *arena,
        bool *only_pictures);

/* An attribute's text (a link's or image's destination, a title) with its
 * entities decoded, NUL-terminated in arena with room more bytes free after
 * it; map (may be NULL) gets where each piece came from in src. Fails only
 * with LP_ERR_NOMEM. */
lp_status lp_md_attr_text(const MD_ATTRIBUTE *a, const lp_source *src, lp_arena *arena, size_t room,
        lp_textmap *map, char **out, size_t *out_len);

/* The figure block of image i, in containers of these depths. */
lp_block lp_md_image_block(const lp_md_images *im, uint32_t i, uint8_t quote_depth, uint8_t level);

void lp_md_images_free(lp_md_images *im);

#endif
