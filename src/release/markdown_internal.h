/*
 * The Markdown reader's state, shared by markdown.c (md4c's callbacks)
 * and mdblock.c (the leaf blocks they open and close) only.
 */
#ifndef LP_RELEASE_MARKDOWN_INTERNAL_H
#define LP_RELEASE_MARKDOWN_INTERNAL_H

#include "base/limits.h"
#include "release/markdown.h"
#include "release/mdimage.h"
#include "release/mdtable.h"
#include "release/textcheck.h"

typedef struct lp_md_list {
	bool ordered;
	unsigned next; /* number of the next ordered item */
	char delim; /* '.' or ')' */
} lp_md_list;

typedef struct lp_md_state {
	const lp_source *src;
	const char *data;
	size_t size;
	const lp_quotes *q;
	lp_arena *arena;
	lp_diag *diag;
	lp_status st;
	/* results */
	lp_block *blocks;
	uint32_t n_blocks, cap_blocks;
	const char **links;
	uint32_t n_links, cap_links;
	uint64_t *link_src_of; /* each link's address in the file (rel->link_src) */
	uint32_t cap_link_src_of;
	/* containers */
	uint32_t depth; /* block quotes and lists together */
	uint8_t quote_depth, list_depth;
	lp_md_list lists[LP_MAX_NESTING + 1];
	/* the open leaf block */
	bool open;
	lp_block leaf;
	bool have_offset;
	char *text;
	size_t len, cap;
	lp_rspan *spans;
	uint32_t n_spans, cap_spans;
	lp_textmap map; /* text → file offsets, for the text policy's messages */
	uint32_t code_col; /* a code block's column: characters since its line began */
	lp_lexicon *lex; /* for the mixed-script lint; may be NULL */
	/* inline state */
	unsigned em, strong;
	int32_t link;
	/* the open link: where its text starts, how many pictures came before
	 * it, its address as written and that address's place in the file (for
	 * a link without text, lp_md_link_end) */
	size_t link_at;
	uint32_t link_images;
	const char *link_shown;
	uint64_t link_src;
	/* The open link is a footnote's reference ("[^1]" with a "[^1]: …"
	 * line, a link to CommonMark): set as written, unlinked. */
	bool link_note;
	/* where the last text ended, to place blocks that have no text */
	size_t last_end;
	bool last_mid_line;
	lp_mdtable *table; /* the table being read, whose cells the leaves are */
	lp_md_images images; /* the open leaf's images (mdimage.h) */
} lp_md_state;

/* mdblock.c */
/* Where a block without text (a rule, an empty item) starts: the first
 * non-blank byte after the line the last text was on. */
uint64_t lp_md_guess_offset(lp_md_state *s);
/* n bytes of text at p onto the open leaf, in a span of flags and the
 * open emphasis, strong emphasis and link. */
lp_status lp_md_append(lp_md_state *s, const char *p, size_t n, uint32_t flags);
/* A finished block onto the release's list; fails past LP_MAX_DOC_LINES
 * blocks. */
lp_status lp_md_push_block(lp_md_state *s, const lp_block *b);
void lp_md_open_leaf(lp_md_state *s, lp_block_kind kind, uint8_t level, const char *marker);
/* Ends the open leaf: its text, with typographic quotes, goes to the arena. */
lp_status lp_md_close_leaf(lp_md_state *s);

#endif
