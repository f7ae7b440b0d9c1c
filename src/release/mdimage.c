/*
 * Body images out of md4c's spans (mdimage.h). md4c reports an image as a
 * span whose text is its description; the path and title come with the
 * span as attributes, pieces of source text and entities.
 */
#include "release/mdimage.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "release/entities.h"
#include "release/textcheck.h"

static bool
in_file(const lp_source *src, const char *p)
{
	const char *data = lp_source_data(src);
	return p && p >= data && p < data + lp_source_size(src);
}

lp_status
lp_md_attr_text(const MD_ATTRIBUTE *a, const lp_source *src, lp_arena *arena, size_t room,
        lp_textmap *map, char **out, size_t *out_len)
{
	/* Decoded text is never longer than the source. */
	char *t = lp_arena_alloc(arena, (size_t)a->size + 1 + room);
	if (!t)
		return LP_ERR_NOMEM;
	size_t n = 0;
	for (unsigned i = 0; a->size && a->substr_offsets[i] < a->size; i++) {
		const char *p = a->text + a->substr_offsets[i];
		size_t len = a->substr_offsets[i + 1] - a->substr_offsets[i];
		uint8_t cp[4];
		bool entity = a->substr_types[i] == MD_TEXT_ENTITY;
		size_t w = entity ? lp_md_decode_entity(p, len, cp)
		           : a->substr_types[i] == MD_TEXT_NULLCHAR
		                   ? lp_utf8_encode(LP_UTF8_REPLACEMENT, cp)
		                   : 0;
		if (map && in_file(src, p)) {
			lp_status st = lp_textmap_add(map, (uint32_t)n,
			        (uint64_t)(p - lp_source_data(src)), !(w && w <= len));
			if (st != LP_OK)
				return st;
		}
		if (w && w <= len) {
			memcpy(t + n, cp, w);
			n += w;
		} else {
			memcpy(t + n, p, len);
			n += len;
		}
	}
	t[n] = '\0';
	*out = t;
	*out_len = n;
	return LP_OK;
}

/* The title, as the caption: checked by the text policy where it is
 * written, and held to a paragraph's length. */
static lp_status
title_text(const MD_ATTRIBUTE *a, const lp_source *src, uint64_t at, lp_arena *arena, lp_diag *diag,
        const char **out)
{
	*out = NULL;
	if (!a->text || a->size == 0)
		return LP_OK;
	lp_textmap map = {0};
	char *t;
	size_t n;
	lp_status st = lp_md_attr_text(a, src, arena, 0, &map, &t, &n);
	if (st == LP_OK && n > LP_MAX_PARAGRAPH_BYTES)
		st = lp_diag_at(diag, LP_ERROR, LP_ERR_LIMIT, src, at,
		        "this image's title has %zu bytes of text; the limit is %u", n,
		        (unsigned)LP_MAX_PARAGRAPH_BYTES);
	if (st == LP_OK && map.n)
		st = lp_release_check_block(src, t, (uint32_t)n, &map, NULL, diag);
	lp_textmap_free(&map);
	if (st == LP_OK)
		*out = t;
	return st;
}

/* A URL's scheme in front (RFC 3986: a letter, then letters, digits, '+',
 * '-' or '.', up to a colon: "https:", "data:"): an address, not a path
 * relative to the release. */
static bool
has_scheme(const char *s)
{
	size_t i = 0;
	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	        (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	                          s[i] == '.')))
		i++;
	return i > 0 && s[i] == ':';
}

/* A relative path's %XX escapes decoded in place (CommonMark's link
 * destinations are URL-like: "my%20pic.png" is "my pic.png"); a '%' not
 * followed by two hex digits stays as it is, as browsers keep it. A path
 * with a scheme is left as written. False when an escape is %00: no file's
 * name holds a NUL, and cutting the path there would name another file. */
static bool
percent_decode(char *path, size_t *len)
{
	if (has_scheme(path))
		return true;
	size_t w = 0;
	for (size_t r = 0; r < *len; r++) {
		int hi = path[r] == '%' && r + 2 < *len ? lp_hex_digit(path[r + 1]) : -1;
		int lo = hi >= 0 ? lp_hex_digit(path[r + 2]) : -1;
		if (lo < 0) {
			path[w++] = path[r];
			continue;
		}
		if (hi == 0 && lo == 0)
			return false;
		path[w++] = (char)(hi << 4 | lo);
		r += 2;
	}
	path[w] = '\0';
	*len = w;
	return true;
}

lp_status
lp_md_image_enter(lp_md_images *im, const MD_SPAN_IMG_DETAIL *d, uint32_t at, uint64_t fallback,
        bool in_link, bool in_cell, const lp_source *src, const lp_quotes *q, lp_arena *arena,
        lp_diag *diag)
{
	uint64_t where = in_file(src, d->src.text) ? (uint64_t)(d->src.text - lp_source_data(src))
	                                           : fallback;
	if (im->depth++ > 0) {
		lp_diag_at(diag, LP_WARNING, LP_OK, src, where,
		        "an image inside another image's description is not drawn: its "
		        "description becomes part of the outer one's");
		return LP_OK;
	}
	if (!d->src.text || d->src.size == 0)
		return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src, fallback,
		        "this image names no file: write its path between the parentheses, "
		        "![description](picture.png)");
	if (in_link)
		lp_diag_at(diag, LP_WARNING, LP_OK, src, where,
		        in_cell ? "this image is inside a link: it is drawn in its table cell, and "
		                  "the picture is not a link"
		                : "this image is inside a link: it is drawn as a figure after its "
		                  "paragraph, and the figure is not a link");
	lp_status st = LP_ARRAY_RESERVE(im->items, im->cap, (size_t)im->n + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	lp_figure *fig = lp_arena_alloc(arena, sizeof *fig);
	if (!fig)
		return LP_ERR_NOMEM;
	*fig = (lp_figure){.alt = "", .path_offset = where};
	char *path;
	size_t n;
	if ((st = lp_md_attr_text(&d->src, src, arena, 0, NULL, &path, &n)) != LP_OK)
		return st;
	if (!(fig->written = lp_arena_strndup(arena, path, n)))
		return LP_ERR_NOMEM;
	if (!percent_decode(path, &n)) {
		lp_diag_extra x = {.span_bytes = in_file(src, d->src.text) ? d->src.size : 0};
		return lp_diag_at_ex(diag, LP_ERROR, LP_ERR_SYNTAX, src, where, &x,
		        "this image's path '%s' has the escape %%00, a NUL byte, which no file's "
		        "name can hold",
		        fig->written);
	}
	fig->path = path;
	if ((st = title_text(&d->title, src, where, arena, diag, &fig->title)) != LP_OK)
		return st;
	/* A cell has no room for a caption under its picture; the title is
	 * not lost without a word. */
	if (fig->title && in_cell)
		lp_diag_at(diag, LP_WARNING, LP_OK, src, where,
		        "this image's title is not printed: in a table's cell the picture is drawn "
		        "without a caption (outside tables, a title is set as the figure's "
		        "caption)");
	if (fig->title) {
		char *quoted;
		uint32_t len;
		st = lp_smartquotes_apply(
		        q, fig->title, (uint32_t)strlen(fig->title), NULL, 0, arena, &quoted, &len);
		if (st != LP_OK)
			return st;
		fig->title = quoted;
	}
	im->items[im->n++] = (lp_md_image){at, at, fig, where};
	return LP_OK;
}

void
lp_md_image_leave(lp_md_images *im, uint32_t at)
{
	if (im->depth == 0)
		return;
	if (--im->depth == 0 && im->n)
		im->items[im->n - 1].alt_end = at;
}

/* Bytes [a, b) of text without its leading and trailing spaces, and with
 * line separators (hard breaks) as spaces: an alternative text is one
 * line. */
static char *
alt_copy(const char *text, uint32_t a, uint32_t b, const lp_quotes *q, lp_arena *arena)
{
	if (!text)
		return "";
	while (a < b && text[a] == ' ')
		a++;
	while (b > a && text[b - 1] == ' ')
		b--;
	char *raw = lp_arena_strndup(arena, text + a, b - a);
	if (!raw)
		return NULL;
	for (char *p = raw; (p = strstr(p, "\xE2\x80\xA8")) != NULL;) {
		*p = ' ';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	char *out;
	uint32_t len;
	if (lp_smartquotes_apply(q, raw, (uint32_t)strlen(raw), NULL, 0, arena, &out, &len) !=
	        LP_OK)
		return NULL;
	return out;
}

static bool
blank_text(const char *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')
			i++;
		else if (n - i >= 3 && memcmp(t + i, "\xE2\x80\xA8", 3) == 0)
			i += 3;
		else
			return false;
	}
	return true;
}

/* Byte pos of the text, after the ranges before it are cut; a position
 * inside a range goes to the range's start. */
typedef struct cut_range {
	uint32_t a, b; /* bytes [a, b) go */
} cut_range;

static uint32_t
moved(const cut_range *cut, uint32_t n_cut, uint32_t pos)
{
	uint32_t removed = 0;
	for (uint32_t i = 0; i < n_cut && cut[i].a < pos; i++)
		removed += (pos < cut[i].b ? pos : cut[i].b) - cut[i].a;
	return pos - removed;
}

lp_status
lp_md_images_cut(lp_md_images *im, char *text, size_t *len, lp_rspan *spans, uint32_t *n_spans,
        lp_textmap *map, const lp_quotes *q, lp_arena *arena, bool *only_pictures)
{
	uint32_t n = (uint32_t)*len;
	cut_range *cut = malloc((im->n ? im->n : 1) * sizeof *cut);
	if (!cut)
		return LP_ERR_NOMEM;
	uint32_t prev_end = 0;
	for (uint32_t i = 0; i < im->n; i++) {
		lp_md_image *it = &im->items[i];
		if (!(it->figure->alt = alt_copy(text, it->alt_start, it->alt_end, q, arena))) {
			free(cut);
			return LP_ERR_NOMEM;
		}
		uint32_t a = it->alt_start, b = it->alt_end;
		/* "Text ![x](a.png) more" leaves one space, not two. */
		if (a > prev_end && text[a - 1] == ' ' && (b == n || text[b] == ' '))
			a--;
		else if (a == prev_end && b < n && text[b] == ' ')
			b++;
		/* Images side by side: the space one took is not another's. */
		if (a < prev_end)
			a = prev_end;
		if (b < a)
			b = a;
		cut[i] = (cut_range){a, b};
		prev_end = b;
	}
	for (uint32_t k = 0; k < *n_spans; k++) {
		uint32_t s0 = moved(cut, im->n, spans[k].start);
		uint32_t s1 = moved(cut, im->n, spans[k].start + spans[k].len);
		spans[k].start = s0;
		spans[k].len = s1 - s0;
	}
	/* The last first, so that each cut's bytes are where they were. */
	for (uint32_t i = im->n; i-- > 0;) {
		lp_status st = lp_textmap_cut(map, cut[i].a, cut[i].b);
		if (st != LP_OK) {
			free(cut);
			return st;
		}
	}
	uint32_t kept = 0;
	for (uint32_t k = 0; k < *n_spans; k++)
		if (spans[k].len)
			spans[kept++] = spans[k];
	*n_spans = kept;
	uint32_t w = 0, r = 0;
	for (uint32_t i = 0; text && i < im->n; i++) {
		memmove(text + w, text + r, cut[i].a - r);
		w += cut[i].a - r;
		r = cut[i].b;
	}
	if (text) {
		memmove(text + w, text + r, n - r);
		w += n - r;
		text[w] = '\0';
	}
	*len = w;
	free(cut);
	*only_pictures = !text || blank_text(text, w);
	return LP_OK;
}

lp_block
lp_md_image_block(const lp_md_images *im, uint32_t i, uint8_t quote_depth, uint8_t level)
{
	return (lp_block){.kind = LP_BLOCK_FIGURE,
	        .level = level,
	        .quote_depth = quote_depth,
	        .text = "",
	        .src_offset = im->items[i].offset,
	        .figure = im->items[i].figure};
}

void
lp_md_images_free(lp_md_images *im)
{
	free(im->items);
	*im = (lp_md_images){0};
}
