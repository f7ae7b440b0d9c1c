/*
 * The pipeline: runs the stages in order for one document. This header is
 * shared by the files of pipeline/ only.
 *
 *   engine.c     the shared engine: fonts, hyphenators, layout bundles, glyph cache
 *   bundle.c     one layout resolved with its own fonts and pictures, then frozen
 *   setpar.c     text + style → shaped, broken lines (used by flow and furniture)
 *   template.c   {field} templates
 *   flow.c       release blocks and in-flow layout blocks → flow for pages/
 *   picture.c    the pictures a release names, read below its folder and decoded once
 *   figure.c     body images → figure boxes (and captions) in the flow
 *   stack.c      where the fixed blocks land for this release (the header stacks)
 *   furniture.c  fixed layout blocks (emblem, organ lines, footer, marks) → display list
 *   compose.c    page plan → display list (body lines, links)
 *   render.c     one document (lp_job: arenas, the release, the chosen layout)
 *                through every stage and its format's writer; the public entry points
 *   writer.c     the output formats (PDF, fax TIFF, PNG) and their writers
 *   sigstamp.c   the signing time and the signature block's stamp room and lines
 *   sign_writer.c  the PDF writer's signing step (docs/signing.md)
 */
#ifndef LP_PIPELINE_PIPELINE_H
#define LP_PIPELINE_PIPELINE_H

#include "letterpress.h"

#include "base/arena.h"
#include "base/source.h"
#include "dlist/dlist.h"
#include "layout/layout.h"
#include "pages/pages.h"
#include "para/para.h"
#include "release/release.h"
#include "text/text.h"

#include <pthread.h>

/* The layout for a release with none named: no letterhead, body only. */
#define LP_DEFAULT_LAYOUT "plain"

struct lp_engine {
	lp_fontdb *fonts; /* the base fonts (fonts/), frozen once the engine is made */
	/* The system fonts found by family name (fontconfig), under fonts: a
	 * last-resort layer that grows, a whole family at a time, under the
	 * lock (families.c); NULL, with sysfonts, when system fonts are off. */
	lp_fontdb *system;
	struct lp_sysfonts *sysfonts;
	lp_hyphenators *hyph;
	struct lp_linebreak_templates *breaks; /* ICU line break iterators to clone */
	char **layout_dirs;
	size_t n_layout_dirs;
	pthread_mutex_t lock; /* guards the bundle cache */
	struct lp_bundle **bundles; /* resolved layouts, by the real path of their file */
	size_t n_bundles, cap_bundles;
	struct lp_glyph_cache *glyphs; /* raster glyph masks for every document (locked inside) */
	struct lp_pdf_font_cache
	        *pdf_fonts; /* embedded font programs for every document (locked inside) */
	lp_word_cache *words; /* shaped words for every document (locked inside) */
	struct lp_frozen_map *kept_sets; /* letterhead text set for every document (setkept.c) */
	/* The bundles of the layout names found in the layout folders, by name
	 * (engine.c): found once, like the bundles themselves. */
	struct lp_frozen_map *named_layouts;
	unsigned long documents; /* documents begun, counted atomically: see render.c */
	lp_lexicon *lexicon; /* the mixed-script lint's Latin words, read on first use (locked
	                        inside) */
};

struct lp_svg;
struct lp_bundle;

/* Finds every font family the bundle's layout names (families.c): the
 * layout's own, the fonts folder's, else the system's, loaded into the
 * engine's system layer. A family found nowhere is LP_ERR_FONT at the
 * layout's line. Called under the engine's lock. */
lp_status lp_engine_resolve_families(lp_engine *e, const struct lp_bundle *b, lp_diag *diag);
/* The folders layouts are looked up in by name, in order (layoutpath.c):
 * opts' own, LETTERPRESS_LAYOUT_PATH, the user's data folder, then
 * data_dir/layouts. *dirs and its strings are malloc'd. */
lp_status lp_engine_layout_path(
        const lp_engine_options *opts, const char *data_dir, char ***dirs, size_t *n);

/* The bundle of a layout by name or path (bundle.h): resolved once, the
 * first time a document names it, and then shared, frozen. What loading it
 * reported is told to diag each time. Borrowed; valid until the engine is
 * dropped. */
lp_status lp_engine_layout(
        lp_engine *engine, const char *name_or_path, const struct lp_bundle **out, lp_diag *diag);
/* The bundle of the layout a release names in its front matter (name, at
 * offset in src): a layout name, or a path inside the release's folder
 * (see lp_layout_find_ref()). Borrowed like lp_engine_layout()'s. */
lp_status lp_engine_release_layout(lp_engine *engine, const lp_source *src, const char *name,
        uint64_t offset, const struct lp_bundle **out, lp_diag *diag);

/* A paragraph after shaping and breaking. */
typedef struct lp_set_par {
	const lp_par_lines *lines;
	const lp_span *spans; /* styles of the runs, by lp_line_run.span */
	uint32_t n_spans;
	float x_pt; /* left indent within its frame */
	float leading_pt;
	float ascent_pt; /* of the first line */
	const char *text; /* the prepared text lines index into */
	bool tracked; /* letter-spaced: each line carries its text as /ActualText */
	float tracking_em; /* the style's letter-spacing, for the display list */
} lp_set_par;

/* What a flow block shows: a set paragraph or a rule. */
typedef struct lp_flow_content {
	const lp_set_par *par; /* NULL for a rule or a picture */
	float rule_width_pt;
	float rule_x_pt, rule_len_pt; /* within the frame */
	uint32_t color;
	const lp_image *image; /* a picture in the flow (signature), or */
	const struct lp_svg *svg;
	float pic_x_pt, pic_w_pt, pic_h_pt; /* x within the frame */
	/* A bookmark where the block's first line is placed: 1 the title,
	 * 2..4 a heading; 0 none. outline_text is its plain text (arena). */
	uint8_t outline_level;
	const char *outline_text;
	bool sig; /* part of the signature block (sigstamp.c) */
	const struct lp_sig_stamp *stamp; /* the block's stamp room (a box), or NULL */
	lp_dl_source src; /* the release or layout block it came from */
	/* What it is, for the structure tree (compose.c makes its nodes when
	 * its first line is placed): a rule is a layout artifact. */
	lp_dl_role role; /* H1 title, H2-H4 headings, P, Figure */
	const char *alt; /* Figure: alternative text */
	bool decorative; /* a picture drawn as a layout artifact, not a Figure */
	const struct lp_figure *figure; /* a body image's box (figure.c), else NULL */
	uint8_t list_level; /* a list item's depth (1 = top), 0 otherwise */
	uint8_t in_item; /* a later paragraph of a list item at this depth, 0 otherwise */
	uint8_t quote_depth;
	uint32_t node, lbl; /* its nodes once made (lbl: a list item's marker) */
	const struct lp_set_row *row; /* a table's row (table.c), or NULL */
} lp_flow_content;

typedef struct lp_job {
	lp_engine *engine;
	bool want_inputs; /* hash the release's pictures (lp_render_output's inputs) */
	const struct lp_bundle *bundle; /* the layout, its fonts and pictures */
	const lp_layout *layout; /* bundle->layout */
	const lp_release *rel;
	const lp_source *src; /* the release file, for line numbers */
	uint32_t src_line; /* line of the block being set (0: none) */
	uint64_t src_offset; /* where its text starts in the release (src_line > 0) */
	/* NULL while the text being set is the release's; the layout's path
	 * while it is the layout's own (src_line is then its line there). */
	const char *src_name;
	/* The release block whose text is being set, from byte src_block_at
	 * of the paragraph on (after a list item's marker), so that a message
	 * about a word in it names the word's place (its map); NULL while
	 * other text is set. */
	const lp_block *src_block;
	uint32_t src_block_at;
	lp_dl_source at; /* the block being added to the flow, for its display-list items */
	const char *lang;
	lp_arena *arena;
	/* One paragraph's shaping and breaking memory, given back once it is
	 * set (only the lines stay, in arena); also one line's glyphs while
	 * compose.c hands them to the display list. */
	lp_arena *scratch;
	lp_diag *diag;
	lp_shaper *shaper;
	lp_hyphen_doc *hyph_doc; /* the document's view of the dictionaries */
	struct lp_linebreaker *breaker; /* ICU's line iterator, kept between paragraphs */
	float measure_pt; /* width of the body frame */
	int64_t date_fallback; /* document date when the release has none; < 0: none */
	bool pdfa; /* writing PDF/A: a character without a glyph is an error */
	bool pdfua; /* claiming PDF/UA-1: pdfua.c's refusals, pictures need alt text */
	/* What the document has set so far, against LP_MAX_DOC_LINES,
	 * LP_MAX_DOC_GLYPHS and (a lower bound of its pages, flow.c)
	 * LP_MAX_PAGES, so that a huge release fails as soon as it is known to. */
	uint32_t n_lines_set;
	uint64_t n_glyphs_set;
	struct lp_page_bound {
		double height_pt, glue_pt; /* of the flow so far */
		double last_after_pt; /* space after its last block */
		bool started;
	} bound;
	/* Where the first page's ([0]) and the following pages' ([1])
	 * fixed blocks are drawn (x, y, width and the layout's height, one a
	 * template block; arena) and their body frames, after stacking
	 * (stack.c). blocks NULL: as the layout says. drawn: the height each
	 * block draws there (a text block's lines, an emblem's box, a rule's
	 * width; 0 for what it never draws over the body: a watermark, marks,
	 * a block in the flow, an empty one). */
	struct lp_tpl_place {
		lp_rect body;
		const lp_rect *blocks;
		const float *drawn;
	} place[2];
	/* the flow (heap arrays) */
	lp_flow_block *flow;
	lp_flow_content *content;
	uint32_t n_flow, cap_flow;
	/* pictures decoded for this document (a heap array, dropped with the
	 * job after the backend) */
	struct lp_job_picture *pictures;
	uint32_t n_pictures, cap_pictures;
	/* the release's own pictures by the path it wrote (picture.c; arena) */
	struct lp_release_picture *rel_pictures;
	uint32_t n_rel_pictures, cap_rel_pictures;
	/* Signing (sigstamp.c): the signature block marks a PDF signature
	 * field; with a signer its stamp room gets the stamp lines, which
	 * show the signing time. in_sig marks the flow being added. */
	bool sig_field, sig_stamp, in_sig;
	/* Set while a code block is set (flow.c): its spaces are kept
	 * (lp_break_params.keep_spaces). */
	bool keep_spaces;
	int64_t sign_time;
	const char *signer_cn;
	const char *signer_from; /* the file that holds the certificate, for messages */
	/* Header and footer paragraphs already set (furniture.c; arena):
	 * stacking sets a block's lines to measure it, drawing needs the
	 * same lines again. */
	struct lp_set_memo *set_memo;
} lp_job;

/* One decoded picture: an image or an SVG. */
typedef struct lp_job_picture {
	lp_image *image;
	struct lp_svg *svg;
} lp_job_picture;

/* pagebound.c: adds a block of n boxes of one height (a paragraph's lines,
 * or one box) to a lower bound of the pages; and the bound against
 * LP_MAX_PAGES, an error at blk (may be NULL) when past it. */
void lp_job_bound_add(const lp_job *job, struct lp_page_bound *b, uint32_t n, double height,
        double before, double after);
lp_status lp_job_check_pages(
        lp_job *job, const struct lp_page_bound *b, const lp_block *blk, const char *how);

/* setpar.c: shapes and breaks text. rspans may be NULL (one plain span).
 * measure_pt is the line width; lang NULL = the job's. The text and spans
 * may be in job->scratch: it is reset when the paragraph is set. */
lp_status lp_job_set_par(lp_job *job, const char *text, uint32_t len, const lp_rspan *rspans,
        uint32_t n_rspans, const lp_style *style, float measure_pt, float first_indent_pt,
        const lp_set_par **out);

/* textsource.c: where messages about text being set point. The release
 * field a layout block's template lines draw from: the first they name
 * that the release has, or with longest, the one whose value is longest
 * (the organ lines by their longest); false when none. */
bool lp_job_field_offset(
        const lp_job *job, const char *const *lines, uint32_t n, bool longest, uint64_t *offset);
/* Messages about the text of layout block lb (its template lines) point
 * at the release field it draws from, else at the block's line in the
 * layout. Holds until the next block is set. */
void lp_job_text_at_block(
        lp_job *job, const lp_layout_block *lb, const char *const *lines, uint32_t n);

/* The caps on a document's lines and glyphs, with a paragraph's lines
 * counted in (setpar.c): LP_ERR_LIMIT, reported, past either. */
lp_status lp_job_count_set(lp_job *job, const lp_par_lines *lines);

/* setkept.c: lp_job_set_par() (no first indent) for letterhead text,
 * kept for every document of the engine: what the same text in the same
 * layout style, measure, language and spans set for an earlier document,
 * when setting it said nothing. style must be one of the job's layout's
 * styles. */
lp_status lp_job_set_kept(lp_job *job, const char *text, uint32_t len, const lp_rspan *rspans,
        uint32_t n_rspans, const lp_style *style, float measure_pt, const lp_set_par **out);

/* The folder holding fonts/ and layouts/ when the caller names none
 * (datadir.c). */
const char *lp_default_data_dir(void);

/* template.c: expands {field} in a template from the release; NULL when a
 * field it names outside [optional segments] is missing (the line is then
 * left out). A segment with a missing field is left out with its leading
 * separator; a segment's leading separator also goes when nothing is
 * before it on the line. {label.NAME} is the layout's label in the
 * release's language; {?field} tests a field and prints nothing. {page}
 * and {pages} expand from page/pages when page > 0. */
const char *lp_template_expand(lp_job *job, const char *tmpl, uint32_t page, uint32_t pages);

/* The room a signature block keeps under its lines for the stamp, in
 * every render (signed or not), so that signing moves nothing: n_lines
 * lines of leading_pt, x_pt and width_pt within the frame. Signing, the
 * stamp's lines (the signer's name when the release gives none,
 * "Електронски потписано" in the release's language, the signing date
 * and time) are lines[0 .. n_set), each set to fit on one line, drawn one
 * leading apart from the room's top. */
typedef struct lp_sig_stamp {
	uint32_t n_lines;
	float leading_pt, x_pt, width_pt;
	const lp_set_par *lines[3];
	uint32_t n_set;
} lp_sig_stamp;

/* sigstamp.c: the stamp room of a signature block set in style st (arena). */
lp_status lp_sig_stamp_new(
        lp_job *job, const lp_style *st, float x_pt, float width_pt, const lp_sig_stamp **out);
/* The signing options into the job (before the flow is built). */
void lp_job_set_signing(lp_job *job, const lp_render_options *opts);
/* What the signature field is to someone who cannot see it (its PDF
 * /TU), in the release's language: "Потпис" for an empty field; signed,
 * "Потпис: NAME. Електронски потписано DATE у HH:MM UTC". NULL when the
 * render makes no field, or out of memory (an arena string). */
const char *lp_job_sig_field_text(lp_job *job);

/* fieldcheck.c: the front matter's keys against what the layout prints
 * (a misspelt key, a key printed nowhere, a signature or watermark with
 * no block for it), as warnings and a note. Fails only with LP_ERR_NOMEM.
 * lp_layout_prints_field(): whether a template names {key}. */
lp_status lp_job_check_fields(lp_job *job);
/* The layout's `defaults:` for the fields the release leaves out: job->rel
 * becomes a copy (in the job's arena) whose metadata has them (defaults.c). */
lp_status lp_job_apply_defaults(lp_job *job);
bool lp_layout_prints_field(const lp_layout *layout, const char *key);

/* flow.c: builds job->flow from the release and the layout's in-flow blocks. */
lp_status lp_job_build_flow(lp_job *job);
/* flow.c: adds a block to the flow (its content's source is job->at). */
lp_status lp_job_add_flow(lp_job *job, const lp_flow_block *fb, const lp_flow_content *fc);

/* table.c: a release's table into the flow, indent_pt from the frame's
 * left edge: rules and rows, its column widths from its cells'. */
lp_status lp_job_add_table(lp_job *job, const lp_block *blk, float indent_pt);
/* table.c: n columns' widths w in avail points from their min and max
 * (their cells' widest word and widest line, gaps included), as browsers'
 * automatic layout of a table of width 100%: maxima that fit get the room
 * left in proportion to the maxima; else minima that fit (maxima, for
 * columns whose max is within avail / n) get it in proportion to max -
 * that; else (false) columns whose min is within
 * avail / n keep it and the others share the rest by their min. */
bool lp_table_widths(const float *min, const float *max, uint32_t n, float avail, float *w);
/* table.c: a row's cells' lines for --dump=lines, cell by cell (a blank
 * line after each; nothing for an empty cell). */
void lp_table_dump_row(const struct lp_set_row *row, FILE *out);
/* table.c: where a row's table keeps its Table node (0 until made). */
uint32_t *lp_table_node(const struct lp_set_row *row);
/* tablerow.c: a placed row's cells (as a TR of node table's, TH or TD
 * each; an artifact when it is a continued table's head again): the
 * pieces of a row cut across pages that stand one under another from pl
 * on (of n_pl placed), each cell's whole. Returns how many it drew. */
uint32_t lp_table_compose_row(lp_job *job, lp_dlist_builder *b, const lp_rect *frame,
        const lp_placed *pl, uint32_t n_pl, uint32_t table);
/* tablerow.c: once the frames are stacked, every picture in a table's
 * cell made no taller than the shorter body frame under its table's
 * head, and its row's height and cuts again. */
lp_status lp_job_fit_table_pictures(lp_job *job);

/* furniture.c: adds the fixed blocks of a page's template that belong
 * to one part of its reading order: what comes before the body (the
 * emblem, organ lines and other text above the body, a fixed title or
 * reference, and the decoration: watermark, rules, marks), what comes
 * after it (a fixed dateline or signature, the footer), and pagination
 * (page numbers, running heads) last. */
typedef enum lp_furniture_part {
	LP_FURNITURE_HEAD,
	LP_FURNITURE_FOOT,
	LP_FURNITURE_PAGINATION
} lp_furniture_part;
lp_status lp_job_add_furniture(lp_job *job, lp_dlist_builder *b, const lp_page_template *tpl,
        uint32_t page, uint32_t n_pages, lp_furniture_part part);
/* furniture.c: the style a block's text is set in (its own, else the
 * body's); and how many lines a fixed text block sets on page of pages,
 * wrapped to its width (nothing is drawn). */
const lp_style *lp_job_block_style(const lp_job *job, const lp_layout_block *lb);
lp_status lp_job_block_lines(
        lp_job *job, const lp_layout_block *lb, uint32_t page, uint32_t pages, uint32_t *n_set);

/* stack.c: where the fixed blocks of the first and following pages'
 * templates land for this document, and their body frames
 * (job->place): blocks above a body frame's top stack (a block taller
 * than the layout drew it pushes the blocks under it and the body down;
 * an empty one takes no room), the others stay where the layout pins
 * them. Blocks that would still overprint each other or the body, or
 * leave the page, are an error (LP_ERR_SYNTAX) at the release's field
 * that made the block long, naming the layout's lines. */
lp_status lp_job_stack(lp_job *job);

/* Warns, once at each fixed block in the layout, when the body's lines,
 * pictures or tables are placed over the box it draws on a page of plan
 * (stack.c). */
void lp_job_check_overprint(lp_job *job, const lp_page_plan *plan);

/* compose.c: the box placed item pl draws on its page (frame: the body
 * frame, whose x and width it needs): a line's from its ascent to its
 * descent, a picture's, a rule's stroke, a table row's or stamp room's
 * piece across the frame. What compose draws there, what the signature
 * block spans and what the overprint check (stack.c) tests are this box. */
lp_rect lp_compose_placed_box(const lp_job *job, const lp_rect *frame, const lp_placed *pl);

/* compose.c: where a table cell's lines stand (table.c): each line moved
 * across its box of w_pt by the column's alignment, and the x that text
 * read on a line must end before (read_end_pt; 0: the page's edge, as
 * outside a table). */
typedef struct lp_compose_cell {
	float w_pt;
	lp_cell_align align;
	float read_end_pt;
} lp_compose_cell;
/* compose.c: adds a set paragraph's line at (x, baseline) (in a table's
 * cell, x is the cell's, and cell says where in it the line stands; NULL
 * outside a table), its glyphs tagged as structure node `node` (the runs
 * of span 0 as `lbl` when that is not 0: a list item's marker), each
 * linked run as a Link node under it. links maps a span's style.link to
 * a URI (NULL: the release's links). */
#define LP_COMPOSE_ARTIFACT UINT32_MAX /* node: keep the builder's artifact tag */
/* compose_hyphen.c: the run of line ln that ends in the hyphen its break
 * added, drawn apart (the last run showing glyphs, when it shows more than
 * the hyphen), or NULL. */
const lp_line_run *lp_compose_hyphen_run(const lp_line *ln);
/* compose_hyphen.c: the second half of a word the break after line li
 * hyphenated, when readers are to get the word whole on line li (drawn
 * from line_x, its read text ending before read_end): the first n_glyphs
 * of the next line's first run, showing text[0, text_len), read over
 * width_pt from the hyphen's place. */
typedef struct lp_compose_half {
	const lp_line_run *run;
	uint32_t n_glyphs, text_len;
	float width_pt;
} lp_compose_half;
bool lp_compose_second_half(
        const lp_set_par *par, uint32_t li, float line_x, float read_end, lp_compose_half *out);
/* Adds the half as read-only text from the break hyphen's place. */
void lp_compose_add_read_half(lp_dlist_builder *b, lp_arena *scratch, const lp_compose_half *h,
        const lp_dl_glyph *hyphen, lp_rgb color);

void lp_compose_line(lp_job *job, lp_dlist_builder *b, const lp_set_par *par, uint32_t line,
        float x, float baseline, const char *const *links, uint32_t n_links, uint32_t node,
        uint32_t lbl, const lp_compose_cell *cell);
/* compose.c: the whole document. */
lp_status lp_job_compose(lp_job *job, const lp_page_plan *plan, lp_dlist **out);
/* docmeta.c: the document's metadata for a plan of n_pages (strings in the
 * job's arena). */
lp_dl_meta lp_job_doc_meta(lp_job *job, uint32_t n_pages);

/* render.c: parses, lays out and builds the display list of one document
 * (for the backends' tests; *job must be released with job_release()
 * after *out is dropped, whatever the status). */
/* pdfua.c: with --pdfua, refuses a release that lacks what PDF/UA-1 needs
 * (a title, a language, headings in order, links with text), at its line.
 * LP_OK at once without --pdfua. */
lp_status lp_pdfua_check_release(lp_job *job);
lp_status build_document(lp_engine *e, const lp_source *src, const lp_render_options *opts,
        lp_job *job, lp_dlist **out, bool want_inputs, lp_diag *diag);
void job_release(lp_job *job);

/* Remembers a decoded image or SVG so it is dropped with the job. */
lp_status lp_job_keep_image(lp_job *job, lp_image *image);
lp_status lp_job_keep_svg(lp_job *job, struct lp_svg *svg);

/* flow.c: adds a block to the flow (and to the page bound); adds one
 * paragraph of text set in st, indent_pt from the frame's left edge. */
lp_status lp_job_push_flow(lp_job *job, const lp_flow_block *fb, const lp_flow_content *fc);
lp_status lp_job_add_par(lp_job *job, const char *text, uint32_t len, const lp_rspan *spans,
        uint32_t n_spans, const lp_style *st, float indent_pt, lp_flow_block fb);

/* A picture the release names (picture.c): decoded once per document,
 * kept by the job; its natural size in points (a PNG's or JPEG's pixels at
 * the resolution its file gives, else LP_PICTURE_DEFAULT_PPI; an SVG's
 * width and height, or viewBox, at 96 user units an inch). */
#define LP_PICTURE_DEFAULT_PPI 96.0f
typedef struct lp_release_picture {
	const char *path; /* as the release wrote it */
	const lp_image *image; /* or */
	const struct lp_svg *svg;
	float w_pt, h_pt;
	size_t bytes; /* what it holds, against LP_MAX_DOC_PICTURE_BYTES */
	char sha256[65]; /* of the file's bytes when the job wants inputs (batch --resume) */
} lp_release_picture;
/* Reads path (named by key at offset of the release) from below the
 * release's folder (base/confine.h), or finds it decoded already. Fails
 * with LP_ERR_SYNTAX (outside the folder; not a picture letterpress
 * reads), LP_ERR_MISSING, LP_ERR_LIMIT (this one, or all the release's
 * together past LP_MAX_DOC_PICTURE_BYTES), LP_ERR_UNSUPPORTED,
 * LP_ERR_NOMEM, each reported at offset. *out is borrowed until the next
 * call (the pictures themselves until the job is released). */
lp_status lp_job_release_picture(lp_job *job, const char *path, const char *key, uint64_t offset,
        const lp_release_picture **out);
/* lp_render_output's inputs: "layout LAYOUT_DIGEST\n" ("-" for NULL), then the
 * release's pictures, a "SHA256 PATH\n" line each, in the order first
 * used; malloc'd, NULL when out of memory (*status LP_ERR_NOMEM). */
char *lp_job_inputs(const lp_job *job, const char *layout_digest, lp_status *status);

/* figure.c: a body image as a figure box in the flow (and its caption),
 * indent_pt from the frame's left edge; then, once the frames are
 * stacked, every figure made no taller than the shorter body frame. */
lp_status lp_job_add_figure(lp_job *job, const lp_block *blk, float indent_pt);
void lp_job_fit_figures(lp_job *job);
/* figure.c: a body image's picture (read and decoded once, picture.c),
 * and whether it is decoration: described by nothing, which is a warning,
 * and an error under --pdfua. */
lp_status lp_job_figure_picture(
        lp_job *job, const lp_figure *fig, const lp_release_picture **pic, bool *decorative);

#endif
