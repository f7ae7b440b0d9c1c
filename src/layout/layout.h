/*
 * A letterhead layout: page geometry, styles, the first-page and
 * following-page templates (body frame plus fixed blocks: emblem, organ
 * lines, footer, page numbers ...), and the flow blocks placed with the body
 * (title, reference, dateline, signature). Parsed from
 * layouts/NAME/layout.yaml (see docs/layouts.md), then frozen: one layout
 * is shared read-only by every document that uses it.
 *
 * Geometry is in points, origin at the page's top left, y down.
 */
#ifndef LP_LAYOUT_LAYOUT_H
#define LP_LAYOUT_LAYOUT_H

#include "letterpress.h"

#include "base/source.h"

#include "para/kp_params.h"

typedef enum lp_align { LP_ALIGN_JUSTIFY, LP_ALIGN_LEFT, LP_ALIGN_RIGHT, LP_ALIGN_CENTER } lp_align;

/* Where in the layout file a value was written (1-based; 0: nowhere, a
 * default), for messages about it found after loading. */
typedef struct lp_layout_at {
	uint32_t line, col;
} lp_layout_at;

typedef struct lp_style {
	const char *name;
	const char *family;
	lp_layout_at family_at; /* its `family:` (or the fallback's first) */
	uint16_t weight;
	bool italic;
	float size_pt;
	float leading_pt; /* baseline to baseline */
	lp_align align;
	float first_indent_pt; /* first line of a paragraph */
	lp_layout_at first_indent_at; /* its `first-indent:` (0: not written) */
	float left_indent_pt; /* every line (lists, quotes add to it) */
	lp_layout_at left_indent_at; /* its `left-indent:` (0: not written, or inherited) */
	float space_before_pt;
	float space_after_pt;
	float tracking_em; /* letter-spacing */
	uint32_t color; /* 0xRRGGBB */
	bool hyphenate;
	bool uppercase; /* set the text in capitals (titles) */
	const char *lang; /* NULL: the release's language */
} lp_style;

typedef struct lp_rect {
	float x, y, w, h;
} lp_rect;

typedef enum lp_lblock_kind {
	LP_LB_EMBLEM, /* an SVG, PNG or JPEG asset scaled into rect */
	LP_LB_TEXT, /* lines of {field} templates */
	LP_LB_TITLE, /* the letter-spaced title */
	LP_LB_REFERENCE, /* Број / Датум / Место lines */
	LP_LB_DATELINE, /* "{place}, {date}" */
	LP_LB_SEPARATOR, /* a rule */
	LP_LB_SIGNATURE, /* name, function, optional image */
	LP_LB_PAGE_NUMBER, /* "Страна {page} од {pages}"; absent on one-page documents */
	LP_LB_WATERMARK, /* large diagonal text ("КОПИЈА") when the release asks */
	LP_LB_FOLD_MARKS, /* short rules at the left edge at 1/3 and 2/3 of the page */
	LP_LB_PUNCH_MARK /* a short rule at the left edge at 1/2 of the page */
} lp_lblock_kind;

typedef struct lp_layout_block {
	lp_lblock_kind kind;
	/* true: placed in the body flow instead of at rect (title before the
	 * body, reference before it, dateline and signature after it). */
	bool in_flow;
	bool after_body; /* in_flow: after the body (else before it), in list order */
	/* Fixed blocks: where (text blocks are as tall as their lines unless
	 * the layout says otherwise). Flow blocks: x/w when w > 0, else the
	 * body's measure. Marks: x, and w = length_pt; y is the renderer's
	 * (a third, two thirds, half of the page). */
	lp_rect rect;
	/* Fixed text blocks: the layout gave `height:`, so the block keeps
	 * that height whatever its lines, and lines past it are an error
	 * (pipeline/stack.c); otherwise it is as tall as the lines it sets. */
	bool pinned_height;
	const char *style; /* style name, NULL for none (rules, emblems) */
	const char *const *lines; /* templates: "{place}, {date}", "Тел: {phone}" */
	uint32_t n_lines;
	const char *asset; /* emblem or signature image: absolute path */
	const char *asset_shown; /* the same as messages name it (beside the layout) */
	const char *alt; /* the picture's alternative text (tagged PDF /Alt); NULL:
	                  * an emblem is decoration, a signature picture says the name */
	float rule_width_pt; /* separators and marks */
	float space_pt; /* a separator in the flow: the space above and below it */
	float length_pt; /* marks: length of the tick */
	uint32_t color;
	float opacity; /* watermark */
	float angle_deg; /* watermark */
	bool autolink; /* make e-mail addresses and URLs in lines links */
	uint32_t src_line; /* where in layout.yaml, for diagnostics */
	uint32_t src_col;
} lp_layout_block;

typedef struct lp_page_template {
	lp_rect body; /* the frame the body flows in */
	const lp_layout_block *blocks;
	uint32_t n_blocks;
} lp_page_template;

/* One of a layout's own labels (`labels:`): its text for one language. */
typedef struct lp_label {
	const char *lang; /* BCP 47 tag it serves ("sr-Cyrl", "en") */
	const char *key; /* "phone", "page-of" */
	const char *text; /* may hold {field}s: "Страна {page} од {pages}" */
} lp_label;

/* A value the layout gives a field that a release leaves out (`defaults:`):
 * the institution's organ lines, address, phone ... A release's own value
 * (even an empty one) replaces it. */
typedef struct lp_layout_default {
	const char *key; /* "organ", "phone", "signature.name" */
	const char *const *values; /* organ: its lines; any other key: one value */
	uint32_t n_values;
	uint32_t src_line, src_col; /* where in layout.yaml */
} lp_layout_default;

typedef struct lp_layout {
	const char *name;
	const char *path; /* the layout.yaml it came from */
	const char *dir; /* its folder (absolute); assets are relative to it */
	const char *description; /* one line for `letterpress layouts`, or NULL */
	float page_w_pt, page_h_pt;
	lp_layout_at page_at; /* its page: size:, width: or height: (0: the default) */
	const char *const *fallback; /* font families tried in order for missing glyphs */
	const lp_layout_at *fallback_at; /* where each was written; NULL: the defaults */
	uint32_t n_fallback;
	const char *const *font_files; /* extra font files (absolute paths) */
	const char *const *font_files_shown; /* the same as messages name them */
	uint32_t n_font_files;
	const lp_style *styles;
	uint32_t n_styles;
	/* The layouts whose files wrote the styles and the fonts section
	 * (itself, or one it extends): the file a style's or a fallback's
	 * line is in (lp_layout_source()). */
	const struct lp_layout *styles_from, *fonts_from;
	const struct lp_layout *page_from; /* the same for page: (page_at's file) */
	const struct lp_layout *first_from, *rest_from; /* and for the two templates */
	/* Which style the release's blocks use ("body", "heading1", ...). */
	const char *style_body, *style_heading[3], *style_list, *style_quote, *style_code;
	bool heading_fallback[3]; /* that level has no style of its own (see flow.c) */
	lp_page_template first; /* the first page */
	lp_page_template rest; /* every following page */
	lp_kp_params breaking;
	int widows, orphans; /* minimum lines kept together at the end/start of a paragraph */
	const char *quotes; /* four quotation marks overriding the language's, or NULL */
	const char *const *hyphen_exceptions; /* words with their hyphens: "пред-сед-ник" */
	uint32_t n_hyphen_exceptions;
	const lp_label *labels; /* the layout's own labels, in file order */
	uint32_t n_labels;
	const lp_layout_default *defaults; /* `defaults:`, in file order */
	uint32_t n_defaults;
	const char *const *fields; /* `fields:`: front-matter fields its templates may name */
	uint32_t n_fields;
} lp_layout;

/* Loads a layout. name_or_path is a layout name looked up as
 * DIR/NAME/layout.yaml in each of dirs in order, or a path to a layout.yaml
 * (or to its folder). Unknown keys, bad values and missing assets are
 * errors with file:line:column (LP_ERR_SYNTAX); a missing layout is
 * LP_ERR_MISSING. The result is immutable; drop it with lp_layout_drop(). */
lp_status lp_layout_load(const char *name_or_path, const char *const *dirs, size_t n_dirs,
        lp_layout **out, lp_diag *diag);

/* The layout.yaml that lp_layout_load() would load for name_or_path, as an
 * absolute path without symbolic links (malloc'd), so that one layout has
 * one name however it is reached. Fails with LP_ERR_MISSING (reported). */
lp_status lp_layout_find(const char *name_or_path, const char *const *dirs, size_t n_dirs,
        char **yaml, lp_diag *diag);

/* Like lp_layout_find() for the layout a release names in its front
 * matter: a bare name is looked up as NAME/layout.yaml in ref->root (the
 * release's folder), then in dirs, never in the working folder; anything
 * else is a path relative to ref->root (the release's
 * folder) to a .yaml file or to a folder holding layout.yaml, confined
 * like every file a release names (base/confine.h). *shown (malloc'd) is
 * the path to load it by and show in messages. Fails with LP_ERR_MISSING
 * or LP_ERR_SYNTAX (a path leading outside), reported at the reference. */
typedef struct lp_file_ref lp_file_ref;
lp_status lp_layout_find_ref(const lp_file_ref *ref, const char *const *dirs, size_t n_dirs,
        char **yaml, char **shown, lp_diag *diag);
/* Whether lp_layout_find_ref() looks ref up in the layout folders only: a
 * bare name with no NAME/layout.yaml in the release's folder. Such a name
 * finds the same file for every release while the folders stay as they
 * are. */
bool lp_layout_ref_in_dirs(const lp_file_ref *ref);

lp_layout *lp_layout_keep(lp_layout *layout);
void lp_layout_drop(lp_layout *layout);
/* The layout's file as it was read (its name as found), for the source
 * line of a message about it found after loading; NULL for none. */
const struct lp_source *lp_layout_source(const lp_layout *layout);
/* The layout this one extends (extends:), or NULL: what a digest of the
 * layout must take in too. */
const lp_layout *lp_layout_parent(const lp_layout *layout);
/* The layout's file as messages name it: as it was found (a path as the
 * user gave it, or a layout folder's), not its real path, which is the
 * engine's key for it. */
const char *lp_layout_shown(const lp_layout *layout);
/* The file block lb (one of layout's templates') is written in, as
 * lp_layout_shown() names it: the layout's own, or the one it extends
 * that gave that template. */
const char *lp_layout_block_path(const lp_layout *layout, const lp_layout_block *lb);
/* The same for the file that wrote the layout's styles. */
const char *lp_layout_styles_path(const lp_layout *layout);

/* The text of label key ({label.KEY}) for a release in lang: the layout's
 * own label for the language, else the built-in one (sr-Cyrl, sr-Latn,
 * ru, uk, bg, mk, en), else the layout's and then the built-in English
 * one; NULL when none has it. Borrowed; may hold {field}s. */
const char *lp_layout_label(const lp_layout *layout, const char *lang, const char *key);
/* True when a built-in table or the layout's labels name key. */
bool lp_layout_label_known(const lp_layout *layout, const char *key);

/* The layout's default for a field ("phone", "organ",
 * "signature.name"); NULL when it gives none. Borrowed. */
const lp_layout_default *lp_layout_default_for(const lp_layout *layout, const char *key);

/* A style by name; NULL when the layout has none. Borrowed. */
const lp_style *lp_layout_style(const lp_layout *layout, const char *name);

/* Names of the layouts found in dirs (folders holding NAME/layout.yaml),
 * sorted, without duplicates; each with its "description:" (or ""). The
 * arrays are malloc'd; free with lp_layout_names_free(). descriptions may
 * be NULL: then no layout file is read, only the folders. A folder with
 * more than LP_MAX_LAYOUTS layouts is LP_ERR_LIMIT, reported to diag. */
lp_status lp_layout_list(const char *const *dirs, size_t n_dirs, char ***names,
        char ***descriptions, size_t *n, lp_diag *diag);
void lp_layout_names_free(char **names, char **descriptions, size_t n);

/* Like lp_layout_load(), from a layout.yaml held in memory (for tests and
 * fuzzing): name is what diagnostics show, dir the folder its assets are
 * relative to (LP_ERR_MISSING when it does not exist). Fails like
 * lp_layout_load(), and with LP_ERR_LIMIT past LP_MAX_LAYOUT_BYTES. */
lp_status lp_layout_from_memory(const char *name, const char *dir, const void *data, size_t size,
        lp_layout **out, lp_diag *diag);

#endif
