/*
 * The leaf blocks of a Markdown body as markdown.c's callbacks open them:
 * their text and spans gathered in one scratch buffer, then, when the
 * leaf ends, checked (the text policy, the Markdown lint), its pictures
 * cut out as figures, and its text copied into the arena once with its
 * quotes made typographic; every finished block (a rule and a table too)
 * goes onto the release's list here. Apart from markdown.c, which
 * follows md4c's tree of blocks and spans, because a leaf ends the same
 * way whichever callback ends it.
 */
#include "release/markdown_internal.h"

#include <string.h>

#include "base/array.h"
#include "base/diag.h"
#include "release/mdlint.h"

/* Where a block without text (a rule, an empty item) starts: the first
 * non-blank byte after the line the last text was on. */
uint64_t
lp_md_guess_offset(lp_md_state *s)
{
	size_t i = s->last_end;
	if (s->last_mid_line)
		while (i < s->size && s->data[i] != '\n')
			i++;
	while (i < s->size && strchr(" \t\r\n", s->data[i]))
		i++;
	s->last_end = i < s->size ? i : s->size;
	s->last_mid_line = true;
	return s->last_end;
}

lp_status
lp_md_append(lp_md_state *s, const char *p, size_t n, uint32_t flags)
{
	lp_status st = LP_ARRAY_RESERVE(s->text, s->cap, s->len + n + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	flags |= (s->em ? LP_INLINE_EM : 0) | (s->strong ? LP_INLINE_STRONG : 0) |
	         (s->link >= 0 ? LP_INLINE_LINK : 0);
	lp_rspan *last = s->n_spans ? &s->spans[s->n_spans - 1] : NULL;
	if (last && last->flags == flags && last->link == s->link) {
		last->len += (uint32_t)n;
	} else if (n > 0) {
		st = LP_ARRAY_RESERVE(s->spans, s->cap_spans, (size_t)s->n_spans + 1, LP_ARRAY_ANY);
		if (st != LP_OK)
			return st;
		s->spans[s->n_spans++] = (lp_rspan){(uint32_t)s->len, (uint32_t)n, flags, s->link};
	}
	memcpy(s->text + s->len, p, n);
	s->len += n;
	return LP_OK;
}

lp_status
lp_md_push_block(lp_md_state *s, const lp_block *b)
{
	/* Every block takes at least one line, and a document holds at most
	 * LP_MAX_DOC_LINES: past that the release can never be set, so it is
	 * refused here, before 600,000 one-letter paragraphs cost their
	 * blocks' memory and the page bound sees them. */
	if (s->n_blocks >= LP_MAX_DOC_LINES)
		return lp_diag_at(s->diag, LP_ERROR, LP_ERR_LIMIT, s->src, b->src_offset,
		        "the release has more than %u blocks (paragraphs, headings, list items); "
		        "each takes a line at least, and a document holds %u lines at most",
		        (unsigned)LP_MAX_DOC_LINES, (unsigned)LP_MAX_DOC_LINES);
	lp_status st = LP_ARENA_ARRAY_RESERVE(
	        s->arena, s->blocks, s->cap_blocks, (size_t)s->n_blocks + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	s->blocks[s->n_blocks++] = *b;
	return LP_OK;
}

static lp_status push_text(lp_md_state *s, lp_block *b);

/* A table cell's pictures, copied into the arena with the cell. */
static lp_status
cell_pictures(lp_md_state *s, lp_block *b)
{
	if (!s->images.n)
		return LP_OK;
	lp_figure *f = lp_arena_array(s->arena, s->images.n, sizeof *f);
	if (!f)
		return LP_ERR_NOMEM;
	for (uint32_t i = 0; i < s->images.n; i++)
		f[i] = *s->images.items[i].figure;
	b->pictures = f;
	b->n_pictures = s->images.n;
	return LP_OK;
}

void
lp_md_open_leaf(lp_md_state *s, lp_block_kind kind, uint8_t level, const char *marker)
{
	s->open = true;
	s->leaf = (lp_block){
	        .kind = kind, .level = level, .quote_depth = s->quote_depth, .marker = marker};
	s->have_offset = false;
	s->len = 0;
	s->n_spans = 0;
	s->map.n = 0;
	s->images.n = 0;
	s->code_col = 0;
}

/* Ends the open leaf: its text, with typographic quotes, goes to the arena. */
lp_status
lp_md_close_leaf(lp_md_state *s)
{
	if (!s->open)
		return LP_OK;
	s->open = false;
	lp_block *b = &s->leaf;
	/* A code block's last line ends in '\n'; the line is the text. */
	if (b->kind == LP_BLOCK_CODE && s->len > 0 && s->text[s->len - 1] == '\n') {
		s->len--;
		if (--s->spans[s->n_spans - 1].len == 0)
			s->n_spans--;
	}
	if (!s->have_offset)
		b->src_offset = lp_md_guess_offset(s);
	/* "###" alone is an empty heading to CommonMark, and a press
	 * release's end mark to its writer. */
	if (b->kind == LP_BLOCK_HEADING && s->len == 0 && !s->images.n)
		lp_diag_at(s->diag, LP_WARNING, LP_OK, s->src, b->src_offset,
		        "this heading is empty and prints nothing; to print an end mark such as "
		        "###, write \\#\\#\\#");
	if (s->len > LP_MAX_PARAGRAPH_BYTES)
		return lp_diag_at(s->diag, LP_ERROR, LP_ERR_LIMIT, s->src, b->src_offset,
		        "this block has %zu bytes of text; the limit is %u", s->len,
		        (unsigned)LP_MAX_PARAGRAPH_BYTES);
	lp_status st =
	        lp_release_check_block(s->src, s->text, (uint32_t)s->len, &s->map, s->lex, s->diag);
	if (st != LP_OK)
		return st;
	if (b->kind != LP_BLOCK_CODE)
		lp_md_lint_block(s->src, s->text, s->len, s->spans, s->n_spans, &s->map, s->diag);
	/* Images become figures after the block; a paragraph or heading of
	 * nothing else is replaced by them. A table's cell keeps its pictures
	 * and its place in its row, however little else it holds. */
	bool only_pictures = false;
	if (s->images.n && (st = lp_md_images_cut(&s->images, s->text, &s->len, s->spans,
	                            &s->n_spans, &s->map, s->q, s->arena, &only_pictures)) != LP_OK)
		return st;
	if (s->table)
		return cell_pictures(s, b) == LP_OK ? push_text(s, b) : LP_ERR_NOMEM;
	bool replaced =
	        only_pictures && (b->kind == LP_BLOCK_PARAGRAPH || b->kind == LP_BLOCK_HEADING);
	if (!replaced && (st = push_text(s, b)) != LP_OK)
		return st;
	for (uint32_t i = 0; i < s->images.n && st == LP_OK; i++) {
		lp_block fig = lp_md_image_block(&s->images, i, b->quote_depth, b->level);
		st = lp_md_push_block(s, &fig);
	}
	return st;
}

/* The leaf's text, with typographic quotes, into the arena as block b. */
static lp_status
push_text(lp_md_state *s, lp_block *b)
{
	char *text;
	uint32_t len;
	lp_status st = lp_smartquotes_apply(s->q, s->text ? s->text : "", (uint32_t)s->len,
	        s->spans, s->n_spans, s->arena, &text, &len);
	if (st != LP_OK)
		return st;
	/* Where its words are in the file, for messages about them once it
	 * is set (a word wider than the line). */
	if (len && s->map.n) {
		st = lp_textmap_requote(&s->map, s->text, (uint32_t)s->len, text, len);
		if (st != LP_OK)
			return st;
		b->map = lp_arena_memdup(s->arena, s->map.pieces, s->map.n * sizeof *s->map.pieces);
		if (!b->map)
			return LP_ERR_NOMEM;
		b->n_map = s->map.n;
	}
	b->text = text;
	b->len = len;
	b->n_spans = s->n_spans;
	if (s->n_spans) {
		b->spans = lp_arena_memdup(s->arena, s->spans, s->n_spans * sizeof *s->spans);
		if (!b->spans)
			return LP_ERR_NOMEM;
	}
	return s->table ? lp_mdtable_add(s->table, b) : lp_md_push_block(s, b);
}
