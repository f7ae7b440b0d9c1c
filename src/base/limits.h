/*
 * Hard caps on untrusted input. Each one is there because something past it
 * is either an attack or a mistake, and because a library below us behaves
 * badly beyond it. Hitting a cap is LP_ERR_LIMIT with a location, never a
 * crash and never a silent cut.
 */
#ifndef LP_BASE_LIMITS_H
#define LP_BASE_LIMITS_H

/* A release is a few pages of prose; 16 MiB is thousands of pages. */
#define LP_MAX_RELEASE_BYTES (16u << 20)

/* Layout files are small hand-written YAML. */
#define LP_MAX_LAYOUT_BYTES (1u << 20)

/* Fonts: the largest CJK fonts are ~30 MiB; anything larger is not a font. */
#define LP_MAX_FONT_BYTES (64u << 20)

/* One paragraph; Knuth–Plass is quadratic in the worst case inside a
 * paragraph, so a bound keeps one paragraph from stalling a batch. */
#define LP_MAX_PARAGRAPH_BYTES (256u << 10)

/* HarfBuzz 6.0.0 (CVE-2023-25193) is quadratic in combining marks on one
 * base and aborts past 65,535 of them; no real text needs more than a few. */
#define LP_MAX_MARKS_PER_CLUSTER 32

/* Markdown nesting (lists, quotes, emphasis): md4c copes with deep input,
 * but our renderer recurses per level. */
#define LP_MAX_NESTING 32

/* Pages per document: a 20,000-word release is ~60 pages. */
#define LP_MAX_PAGES 10000

/* Images: 100 megapixels is a poster at 300 dpi; a 30000x30000 PNG makes
 * libharu spend minutes and gigabytes before failing. */
#define LP_MAX_IMAGE_PIXELS (100u * 1000u * 1000u)
#define LP_MAX_IMAGE_BYTES (64u << 20)

/* SVG emblems: a coat of arms is a few thousand path commands. */
#define LP_MAX_SVG_BYTES (8u << 20)
#define LP_MAX_SVG_DEPTH 64
/* Path segments in one SVG after arcs and shapes become cubics: an
 * emblem has thousands; this bounds memory at a few tens of MiB. */
#define LP_MAX_SVG_SEGMENTS 1000000u

/* The text one glyph stands for in a PDF ToUnicode CMap: a ligature is a
 * few characters; the CMap syntax allows 512 bytes. Longer clusters are
 * given to readers through /ActualText instead. */
#define LP_PDF_MAX_GLYPH_TEXT 32

/* Coordinates and sizes written into a PDF, in points: 10^6 pt is 350 m,
 * far beyond any page, and well inside the range where three decimals of a
 * number stay exact in a double. */
#define LP_PDF_MAX_COORD 1e6

/* Diagnostics kept per document; past this they are counted, not stored. */
#define LP_DIAG_MAX_KEPT 1000

#endif
