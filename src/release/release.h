/*
 * A release: the YAML front matter (metadata) and the Markdown body
 * (blocks of styled inline text), parsed from one file. Everything lives in
 * the arena given to lp_release_parse() and keeps the byte offset of where
 * it came from, so later stages can report file:line:col.
 */
#ifndef LP_RELEASE_RELEASE_H
#define LP_RELEASE_RELEASE_H

#include "letterpress.h"

#include "base/arena.h"
#include "base/source.h"
#include "text/lexicon.h"

/* ---- Inline text ------------------------------------------------------ */

enum {
	LP_INLINE_EM = 1u << 0,
	LP_INLINE_STRONG = 1u << 1,
	LP_INLINE_CODE = 1u << 2,
	LP_INLINE_LINK = 1u << 3,
};

/* A run of a block's text with one set of inline flags. Spans cover the
 * block's text completely, in order. */
typedef struct lp_rspan {
	uint32_t start, len; /* byte range of the block text */
	uint32_t flags; /* LP_INLINE_* */
	int32_t link; /* index into lp_release.links, -1 for none */
} lp_rspan;

/* Where a piece of a block's text came from in the release file: the
 * text from byte text on (up to the next piece's) was copied byte for
 * byte from file offset src (exact), or all of it stands for what is
 * written at src (not exact: an entity, a straight quote made
 * typographic, a line break). */
typedef struct lp_textmap_piece {
	uint32_t text; /* first byte of the piece in the block text */
	uint64_t src; /* its offset in the file */
	bool exact; /* copied byte for byte (else all of it came from src) */
} lp_textmap_piece;

/* Where byte pos of a text is in the file, through its pieces (n of them,
 * in order; at least one). */
uint64_t lp_textmap_at(const lp_textmap_piece *pieces, uint32_t n, uint32_t pos);

typedef enum lp_block_kind {
	LP_BLOCK_PARAGRAPH,
	LP_BLOCK_HEADING, /* level 1..6 */
	LP_BLOCK_LIST_ITEM, /* level = nesting depth (1 = top); marker holds "1." or "•" */
	LP_BLOCK_RULE, /* thematic break: no text ("", no spans) */
	LP_BLOCK_CODE, /* code block: text kept verbatim, lines joined by '\n', no final '\n' */
	LP_BLOCK_TABLE, /* a GFM table: no text ("", no spans); its rows are in table */
	LP_BLOCK_FIGURE /* a body image (lp_block.figure); text "", no spans */
} lp_block_kind;

struct lp_table;

/* A body image, `![alt](path "title")`: drawn as a figure of its own after
 * the block it was written in (in place of a paragraph that holds nothing
 * else); in a table's cell, drawn in the cell. Strings in the release's
 * arena. */
typedef struct lp_figure {
	const char *path; /* the file, relative to the release's folder: as written, entities
	                   * and (unless it has a URL scheme) %XX escapes decoded */
	const char *written; /* the path as written (entities decoded), for messages */
	const char *alt; /* the description, plain text with the language's quotes; "" when
	                  * empty (a decorative picture) */
	const char *title; /* the Markdown title, set as the caption; NULL when absent */
	uint64_t path_offset; /* where the path is in the release file, for messages */
} lp_figure;

typedef struct lp_block {
	lp_block_kind kind;
	uint8_t level; /* heading level; else list depth (0 outside lists; a paragraph
	                * inside a list item, after its first, has the item's depth) */
	uint8_t quote_depth; /* 0 outside block quotes */
	const char *marker; /* list item marker ("1.", "•"), NULL otherwise */
	/* The text after Markdown: entities decoded, soft breaks as spaces,
	 * hard breaks as U+2028 LINE SEPARATOR, straight quotes already turned
	 * into the language's quotes. NUL-terminated; len excludes the NUL. */
	const char *text;
	uint32_t len;
	const lp_rspan *spans;
	uint32_t n_spans;
	uint64_t src_offset; /* byte offset in the release file of the block's first text
	                      * (of its marker for a rule, of its first line for a table,
	                      * of its path for a figure) */
	/* Where its text came from in the release file, piece by piece, for
	 * messages about a word or character in it (lp_textmap_at()); NULL
	 * (n_map 0) for a block without text. */
	const lp_textmap_piece *map;
	uint32_t n_map;
	const struct lp_table *table; /* LP_BLOCK_TABLE: its rows; NULL otherwise */
	const lp_figure *figure; /* LP_BLOCK_FIGURE: the picture; NULL otherwise */
	/* A table's cell: its pictures, in order, drawn in the cell under its
	 * text (their descriptions are not in the text); NULL otherwise. */
	const lp_figure *pictures;
	uint32_t n_pictures;
} lp_block;

/* A column's alignment, from the table's delimiter row (":--", ":-:", "--:"). */
typedef enum lp_cell_align {
	LP_CELL_DEFAULT, /* no colon: set like LP_CELL_LEFT */
	LP_CELL_LEFT,
	LP_CELL_CENTER,
	LP_CELL_RIGHT
} lp_cell_align;

/* A GFM table as written: n_rows rows of n_cols cells, the first n_head of
 * them the header. Each cell is an LP_BLOCK_PARAGRAPH (its inline text,
 * spans, pictures and the offset of its text, for messages); an empty cell
 * has no text (len 0) and the offset of its row. Rows shorter than the header
 * were filled with empty cells and longer ones cut by the parser, as GFM
 * says. */
typedef struct lp_table {
	uint32_t n_cols, n_rows, n_head;
	const lp_cell_align *align; /* n_cols */
	const lp_block *cells; /* n_rows * n_cols, row by row */
} lp_table;

/* ---- Metadata --------------------------------------------------------- */

typedef struct lp_date {
	int year, month, day; /* 0 when absent */
} lp_date;

/* A front-matter field that letterpress does not interpret itself: kept for
 * {field} templates in layouts and for the PDF keywords. */
typedef struct lp_field {
	const char *key;
	const char *value; /* scalars only; a list is joined with ", " */
	uint64_t src_offset;
	bool from_layout; /* the layout's default (its `defaults:`), not in the release */
} lp_field;

typedef struct lp_signature {
	const char *name; /* NULL when absent */
	const char *function;
	const char *image; /* path relative to the release file, or NULL */
	uint64_t image_offset; /* where the image's path is in the release file */
} lp_signature;

typedef struct lp_meta {
	const char *layout; /* layout name or path; NULL = default */
	uint64_t layout_offset; /* where that name is in the release file */
	const char *lang; /* BCP 47; default "sr-Cyrl" */
	const char *title;
	const char *place;
	lp_date date;
	const char
	        *date_text; /* the date written out in the language ("20. фебруар 2024. године") */
	const char *number; /* the Број */
	const char **organ; /* organ lines */
	uint32_t n_organ;
	const char *organ_text; /* the organ lines joined by U+2028, for {organ}; NULL without */
	uint64_t organ_offset; /* where the 'organ' key is (when present) */
	/* Where the 'title', 'place', 'number' and 'date' keys are (when
	 * present), for messages about the layout text they make. */
	uint64_t title_offset, place_offset, number_offset, date_offset;
	lp_signature signature;
	uint64_t signature_offset; /* where the 'signature' key is (when present) */
	const char *watermark;
	uint64_t watermark_offset; /* where the 'watermark' key is (when present) */
	const lp_field *fields; /* every other field, in file order */
	uint32_t n_fields;
} lp_meta;

typedef struct lp_release {
	const char *source_name;
	lp_meta meta;
	const lp_block *blocks;
	uint32_t n_blocks;
	const char *const *links; /* URIs, indexed by lp_rspan.link */
	/* where each link's address is written in the file (a reference
	 * link's: its definition's), for messages about it */
	const uint64_t *link_src;
	uint32_t n_links;
	/* Where the body starts, and whether there was front matter: set by
	 * lp_release_parse_front() for lp_release_parse_body(). */
	size_t body_start;
	bool front_matter;
} lp_release;

typedef struct lp_release_options {
	/* Quotation marks to use instead of the language's: primary open,
	 * primary close, secondary open, secondary close, as one UTF-8 string of
	 * four characters ("„”‚’"). NULL = the language's own (sr „…” ‚…’,
	 * ru and uk «…» „…“, bg and mk „…“ ‚…‘, en and others “…” ‘…’). A
	 * layout may set them; the pipeline then parses the body with them
	 * (lp_release_parse_body()). Code
	 * spans and code blocks keep straight quotes. */
	const char *quotes;
	/* Language when the front matter names none; NULL = "sr-Cyrl". */
	const char *default_lang;
	/* The Latin words of the mixed-script lint (text/scriptlint.h), the
	 * engine's; NULL lints only words that mix scripts. */
	lp_lexicon *lexicon;
} lp_release_options;

/* Parses a release file: optional front matter between "---" lines, then
 * CommonMark (with permissive URL, www. and e-mail autolinks; raw HTML is
 * kept as text). Unknown front-matter fields are kept in meta.fields.
 * Errors are reported to diag with file:line:col: LP_ERR_SYNTAX (bad YAML,
 * unterminated front matter, a field of the wrong type, a duplicate key, a
 * date that is not ISO 8601 or does not exist, a NUL in a value, a
 * character the text policy refuses: see text/policy.h), LP_ERR_LIMIT
 * (lists and quotes nested deeper than LP_MAX_NESTING, a block longer than
 * LP_MAX_PARAGRAPH_BYTES, more than LP_MAX_FRONTMATTER_ENTRIES keys or list
 * items, a value over LP_MAX_FIELD_BYTES, keys and values together over
 * LP_MAX_FRONTMATTER_TEXT_BYTES, more than LP_MAX_MARKS_PER_CLUSTER
 * combining marks on a character). Invisible characters the policy warns
 * about are reported as warnings where they stand. LP_ERR_USAGE (opts->quotes is not four
 * characters, or a NULL argument), LP_ERR_NOMEM. On failure *out is NULL. The source may be dropped
 * right after: all strings are copied into arena. */
lp_status lp_release_parse(const lp_source *src, const lp_release_options *opts, lp_arena *arena,
        lp_release **out, lp_diag *diag);
/* lp_release_parse() in its two steps, for a caller that must read the
 * front matter (the layout it names) before the body is set (with the
 * layout's quotation marks): the front matter only, then the title's
 * quotes and the body. opts->quotes is read by the second step only. */
lp_status lp_release_parse_front(const lp_source *src, const lp_release_options *opts,
        lp_arena *arena, lp_release **out, lp_diag *diag);
lp_status lp_release_parse_body(const lp_source *src, const lp_release_options *opts,
        lp_arena *arena, lp_release *rel, lp_diag *diag);

/* The date written out in a language: "20. фебруар 2024. године" (sr-Cyrl),
 * "20. februar 2024. godine" (sr-Latn), "20 февраля 2024 г." (ru),
 * "20 лютого 2024 р." (uk), "20 февруари 2024 г." (bg), "20 февруари 2024" (mk),
 * "February 20, 2024" (en). Unknown languages get ISO 8601. Returns a string
 * in arena, NULL when out of memory. */
const char *lp_date_format(const lp_date *date, const char *lang, lp_arena *arena);

/* Organ lines as one string for templates: lines joined by U+2028, the
 * same separator a hard break gives in block text. In arena; NULL when
 * out of memory. */
const char *lp_release_join_lines(const char *const *lines, uint32_t n, lp_arena *arena);

/* Value of a field for {field} templates: the known fields by their YAML
 * key ("layout", "lang", "title", "place", "date" (written out), "number",
 * "organ" (lines joined by U+2028), "watermark", "signature.name",
 * "signature.function", "signature.image") and every kept field. A
 * borrowed pointer into rel; NULL when absent. */
const char *lp_release_field(const lp_release *rel, const char *key);

/* Calls fn on every block of text in file order, a table's cells (row by
 * row) right after their table's block, for checks made after parsing
 * that must not miss text inside a table. Stops at the first status fn
 * returns other than LP_OK, and returns it. */
lp_status lp_release_each_text_block(
        const lp_release *rel, lp_status (*fn)(void *user, const lp_block *blk), void *user);

#endif
