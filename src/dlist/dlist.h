/*
 * The display list: what every page shows, fully positioned, and nothing
 * about how it got there. Layout builds it; backends (PDF, raster, trace)
 * replay it through the lp_device interface (device.h) and never lay out.
 *
 * Coordinates are points (1/72 in), origin at the page's top left, y down.
 * Backends flip and scale once. A glyph's (x, y) is its pen position on the
 * baseline, offsets from shaping already applied.
 *
 * Ownership: an lp_dlist owns its own arena. Everything in it is copied in
 * by the builder, so it never points into a document's job arena; it does
 * point at fonts (lp_font, owned by the lp_fontdb, which must outlive it)
 * and at images (lp_image, kept alive by the caller until the list is
 * dropped). After lp_dlist_builder_finish() the list is immutable.
 */
#ifndef LP_DLIST_DLIST_H
#define LP_DLIST_DLIST_H

#include "letterpress.h"

#include "font/fontdb.h"

typedef struct lp_image lp_image; /* decoded, validated raster image */

/* Colour as 0xRRGGBB. */
typedef uint32_t lp_rgb;

typedef struct lp_dl_glyph {
	uint32_t gid;
	float x, y; /* pen position on the baseline, page points */
	uint32_t cluster; /* byte offset into the run's text where this glyph's
	                     characters start; glyphs of one cluster share it */
} lp_dl_glyph;

/* A run of glyphs in one font, size and colour, with the text it shows.
 * Glyph i shows text[cluster_i .. next larger cluster) (a ligature shows
 * several characters; a mark glyph shares its base's cluster). Clusters are
 * non-decreasing. text may hold characters that no glyph shows by itself
 * (they belong to the preceding cluster). */
typedef struct lp_dl_text {
	const lp_font *font;
	float size_pt;
	lp_rgb color;
	const lp_dl_glyph *glyphs;
	uint32_t n_glyphs;
	const char *text; /* UTF-8, not NUL-terminated inside runs */
	uint32_t text_len;
	/* When non-NULL, what a reader should extract for the whole run
	 * instead of the glyph-by-glyph text (PDF /ActualText): used for
	 * letter-spaced titles, whose letters sit far apart. NUL-terminated. */
	const char *actual_text;
	/* The letter-spacing the glyph positions already include, in points
	 * (the style's tracking times the size; 0 for none): data for a
	 * backend that draws spaced text its own way (pdf/pdf_tracked.c). */
	float tracking_pt;
	/* Whom the run is for (lp_dl_text_use): by default both the eye and
	 * a reader of the text. */
	uint8_t use;
	/* LP_TEXT_READ_ONLY: the width its glyphs are squeezed into, from the
	 * first glyph's position (their own positions are not drawn). */
	float read_width_pt;
} lp_dl_text;

/* A word hyphenated at a line end is read whole on its first line and
 * seen in two halves (pipeline/compose.c): the second half is added to the
 * first line as text a reader gets and nobody sees, and drawn on the next
 * line as glyphs that show it and read as nothing. A backend that draws
 * skips read-only runs and draws seen-only ones as any other; the PDF
 * backend writes them so that readers extract accordingly. */
typedef enum lp_dl_text_use {
	LP_TEXT_SEEN_AND_READ = 0,
	LP_TEXT_READ_ONLY, /* invisible: extracted, not drawn */
	LP_TEXT_SEEN_ONLY /* drawn, extracted as spaces */
} lp_dl_text_use;

typedef struct lp_dl_rule {
	float x0, y0, x1, y1; /* centre line */
	float width_pt;
	lp_rgb color;
} lp_dl_rule;

typedef enum lp_path_op {
	LP_PATH_MOVE, /* 1 point */
	LP_PATH_LINE, /* 1 point */
	LP_PATH_CUBIC, /* 3 points: two controls, then the end */
	LP_PATH_CLOSE /* 0 points */
} lp_path_op;

typedef struct lp_path_seg {
	lp_path_op op;
	float pt[6]; /* page points, already transformed */
} lp_path_seg;

/* A gradient stop: the colour at offset (0..1) along the axis. */
typedef struct lp_dl_stop {
	float offset;
	lp_rgb color;
} lp_dl_stop;

/* Most stops one gradient carries (lp_dlist_add_path refuses more). */
#define LP_DL_MAX_STOPS 64

/* A gradient fill, spread by padding (t clamped to 0..1), its colour at
 * t the stops'.
 *
 * Linear (an SVG linearGradient, a PDF axial shading): t is a page
 * point's projection on the axis from (x0, y0) (t = 0) to (x1, y1)
 * (t = 1). Any affine map of a linear gradient is one again, with the axis
 * across its lines of equal colour, so the axis in page points is all it
 * needs.
 *
 * Radial (an SVG radialGradient, a PDF radial shading): in the gradient's
 * own space, which m maps to page points (x' = m[0] x + m[2] y + m[4],
 * y' = m[1] x + m[3] y + m[5]), t is 0 at the focal point (fx, fy) and 1 on
 * the circle (cx, cy, r), along the line from the focus; the focus lies
 * inside the circle. */
typedef struct lp_dl_gradient {
	bool radial;
	float x0, y0, x1, y1; /* linear: page points; not the same point */
	float cx, cy, r, fx, fy; /* radial: r > 0 */
	float m[6]; /* radial: invertible */
	const lp_dl_stop *stops; /* offsets not decreasing, the first 0 and the last 1 */
	uint32_t n_stops; /* 2 .. LP_DL_MAX_STOPS */
} lp_dl_gradient;

typedef struct lp_dl_path {
	const lp_path_seg *segs;
	uint32_t n_segs;
	bool fill, stroke;
	bool even_odd; /* fill rule */
	/* With a gradient, fill_color is its mean colour: what a device that
	 * draws no gradient (a signature's appearance) shows. */
	lp_rgb fill_color, stroke_color;
	float fill_opacity, stroke_opacity; /* 0..1 */
	float stroke_width_pt;
	const lp_dl_gradient *fill_gradient; /* NULL: the fill is fill_color */
} lp_dl_path;

typedef struct lp_dl_image {
	const lp_image *image;
	float x, y, w, h; /* top-left corner and size on the page */
} lp_dl_image;

typedef struct lp_dl_link {
	float x0, y0, x1, y1; /* the clickable rectangle */
	const char *uri; /* NUL-terminated */
} lp_dl_link;

typedef enum lp_dl_kind { LP_DL_TEXT, LP_DL_RULE, LP_DL_PATH, LP_DL_IMAGE, LP_DL_LINK } lp_dl_kind;

/* ---- Structure (tagged PDF) ------------------------------------------
 * What each item is for a reader that does not see: a small tree of
 * structure nodes (ISO 32000-1 §14.7, standard types §14.8.4) built by the
 * pipeline, which knows what it sets, and a tag on every item: the node it
 * belongs to, or the kind of artifact it is (§14.8.2.2: decoration, page
 * numbers, watermarks). Backends that do not tag ignore both. */
typedef enum lp_dl_role {
	LP_ROLE_DOCUMENT, /* node 0, the root; items tagged 0 are its own content */
	LP_ROLE_H1,
	LP_ROLE_H2,
	LP_ROLE_H3,
	LP_ROLE_H4,
	LP_ROLE_P,
	LP_ROLE_L,
	LP_ROLE_LI,
	LP_ROLE_LBL,
	LP_ROLE_LBODY,
	LP_ROLE_BLOCKQUOTE,
	LP_ROLE_CODE,
	LP_ROLE_FIGURE,
	LP_ROLE_LINK,
	LP_ROLE_TABLE,
	LP_ROLE_TR,
	LP_ROLE_TH,
	LP_ROLE_TD
} lp_dl_role;

/* The standard structure type a role stands for (ISO 32000-1 §14.8.4:
 * "H1", "P", "LBody"…), which the PDF tags and the trace print; NULL for a
 * value outside the enum. */
const char *lp_dl_role_name(lp_dl_role role);

typedef enum lp_dl_artifact {
	LP_ART_NONE, /* real content: the item belongs to its node */
	LP_ART_LAYOUT, /* rules, marks, a decorative emblem */
	LP_ART_PAGINATION, /* page numbers and running heads */
	LP_ART_WATERMARK /* "КОПИЈА" across the page */
} lp_dl_artifact;

typedef struct lp_dl_node {
	lp_dl_role role;
	uint32_t parent; /* a node made before this one; the root's is 0 */
	const char *alt; /* Figure: the alternative text (NUL-terminated), or NULL */
} lp_dl_node;

/* Where an item came from, for messages about it (the fax preflight): the
 * layout block or the release block that made it. file NULL: unknown. */
typedef struct lp_dl_source {
	const char *file;
	uint32_t line, col; /* 1-based; 0: unknown */
} lp_dl_source;

typedef struct lp_dl_item {
	lp_dl_kind kind;
	lp_dl_source src;
	uint32_t node; /* the structure node it belongs to (0: the root) */
	lp_dl_artifact artifact; /* not LP_ART_NONE: an artifact, node unused */
	union {
		lp_dl_text text;
		lp_dl_rule rule;
		lp_dl_path path;
		lp_dl_image image;
		lp_dl_link link;
	} u;
} lp_dl_item;

typedef struct lp_dl_page {
	float width_pt, height_pt;
	/* Where the page's size was set (a layout's page:), for a backend's
	 * message about it (a page too wide for a fax line); line 0: unknown. */
	lp_dl_source size_src;
	const lp_dl_item *items; /* painted in order */
	uint32_t n_items;
} lp_dl_page;

/* Document information for the backends (PDF Info and XMP, TIFF tags). */
typedef struct lp_dl_meta {
	const char *title;
	const char *author; /* the organ */
	const char *subject;
	const char *keywords;
	const char *creator; /* "letterpress X.Y.Z" */
	const char *lang; /* BCP 47, document language */
	int64_t date; /* seconds since the epoch, UTC; the release's date or SOURCE_DATE_EPOCH; < 0:
	                 none */
	bool numbered; /* the pages show their numbers, 1 to n (PDF /PageLabels) */
	int64_t signed_at; /* when a signature made of this list says it was made (the stamp's and
	                      /M's time); 0 unsigned */
	/* What the signature field is to a reader who cannot see it (PDF /TU):
	 * the field's name and, signed, what its stamp says; NULL without a
	 * field. */
	const char *sig_text;
} lp_dl_meta;

/* One entry of the document's outline (PDF bookmarks): the title or a
 * heading, where its first line starts. */
typedef struct lp_dl_outline {
	uint32_t page; /* index into pages */
	uint8_t level; /* 1 the title, 2..4 headings; deeper entries nest under shallower ones */
	float y; /* top of its first line on the page */
	const char *text; /* NUL-terminated, plain text */
} lp_dl_outline;

/* Where the layout's signature block is, for a PDF signature widget, and
 * the items of its page that only the widget's appearance shows (the
 * "electronically signed" stamp): a PDF device draws items [first,
 * first + n_stamp) of page `page` into the appearance stream instead of
 * the page; other devices draw them like any item. */
typedef struct lp_dl_sig {
	bool present;
	uint32_t page;
	float x0, y0, x1, y1; /* the block's box, page points, y down */
	/* first is also where the stamp's room stands among the page's
	 * items when nothing is drawn in it (an empty field): the widget's
	 * place in reading order. */
	uint32_t first, n_stamp;
} lp_dl_sig;

typedef struct lp_dlist {
	lp_dl_meta meta;
	lp_dl_sig sig;
	const lp_dl_page *pages;
	uint32_t n_pages;
	const lp_dl_outline *outline; /* in reading order */
	uint32_t n_outline;
	const lp_dl_node *nodes; /* nodes[0] is the root (LP_ROLE_DOCUMENT); parents come first */
	uint32_t n_nodes; /* at least 1 */
} lp_dlist;

void lp_dlist_drop(lp_dlist *list);

/* ---- Builder --------------------------------------------------------- */

/* Builds a display list page by page. Errors are sticky: after the first
 * failure every call does nothing, and lp_dlist_builder_finish() reports
 * it, so callers need not check each add. */
typedef struct lp_dlist_builder lp_dlist_builder;

lp_dlist_builder *lp_dlist_builder_new(void);
/* Strings are copied. */
void lp_dlist_builder_set_meta(lp_dlist_builder *b, const lp_dl_meta *meta);
void lp_dlist_begin_page(lp_dlist_builder *b, float width_pt, float height_pt);
/* Where the current page's size was set (copied; see lp_dl_page). */
void lp_dlist_page_size_source(lp_dlist_builder *b, const lp_dl_source *src);
/* Copies the glyphs, the text and the actual text. */
void lp_dlist_add_text(lp_dlist_builder *b, const lp_dl_text *text);
void lp_dlist_add_rule(lp_dlist_builder *b, const lp_dl_rule *rule);
/* Copies the segments. */
void lp_dlist_add_path(lp_dlist_builder *b, const lp_dl_path *path);
void lp_dlist_add_image(lp_dlist_builder *b, const lp_dl_image *image);
/* Copies the URI. */
void lp_dlist_add_link(lp_dlist_builder *b, const lp_dl_link *link);
/* An outline entry on the current page (its page field is ignored);
 * copies the text. */
void lp_dlist_add_outline(lp_dlist_builder *b, const lp_dl_outline *entry);
/* The signature block: each call widens its box (on the current page;
 * the block's first page wins). */
void lp_dlist_sig_box(lp_dlist_builder *b, float x0, float y0, float x1, float y1);
/* Items added between these two calls on the block's page are its stamp
 * (see lp_dl_sig); they must come one after another. */
void lp_dlist_sig_stamp_begin(lp_dlist_builder *b);
void lp_dlist_sig_stamp_end(lp_dlist_builder *b);
/* The source of the items added from now on (copied; NULL or a NULL
 * file: none). */
void lp_dlist_set_source(lp_dlist_builder *b, const lp_dl_source *src);
/* A structure node under parent (an earlier node, 0 for the root); alt is
 * copied. Returns its number, or 0 after a failure (sticky, like every
 * add). Nodes are numbered in the order they are made, which should be
 * reading order. */
uint32_t lp_dlist_add_node(lp_dlist_builder *b, lp_dl_role role, uint32_t parent, const char *alt);
/* The items added from now on belong to node (an artifact of none). */
void lp_dlist_tag(lp_dlist_builder *b, uint32_t node);
/* The items added from now on are artifacts of this kind (LP_ART_NONE:
 * content again, of the last node tagged). */
void lp_dlist_tag_artifact(lp_dlist_builder *b, lp_dl_artifact kind);
/* Records a failure found while preparing an item (out of memory), so
 * that finish() reports it like its own. The first failure stays. */
void lp_dlist_builder_fail(lp_dlist_builder *b, lp_status status);
/* Any non-finite coordinate or size is rejected here (LP_ERR_INTERNAL), so
 * no backend ever sees NaN. Frees the builder whatever happens; on success
 * *out is an immutable list the caller drops. */
lp_status lp_dlist_builder_finish(lp_dlist_builder *b, lp_dlist **out);
void lp_dlist_builder_drop(lp_dlist_builder *b);

#endif
