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

/* Layout YAML nests five levels deep (file, template, blocks, block,
 * lines); a parse stack past 16 is an attack on the parser, not a layout. */
#define LP_MAX_LAYOUT_DEPTH 16

/* Nodes (scalars, lists, maps) in one layout file: a rich letterhead has a
 * few hundred; the cap bounds the tree whatever the file's shape. */
#define LP_MAX_LAYOUT_NODES 20000

/* A length in a layout: PDF viewers limit pages to 14,400 units a side
 * (ISO 32000-1, annex C), so nothing on a page can be longer. */
#define LP_MAX_LAYOUT_LENGTH_PT 14400

/* Layouts listed from one folder: a folder with more is not a layouts
 * folder. */
#define LP_MAX_LAYOUTS 1000

/* Fonts: the largest CJK fonts are ~30 MiB; anything larger is not a font. */
#define LP_MAX_FONT_BYTES (64u << 20)

/* One paragraph; Knuth–Plass is quadratic in the worst case inside a
 * paragraph, so a bound keeps one paragraph from stalling a batch. */
#define LP_MAX_PARAGRAPH_BYTES (256u << 10)

/* Active breakpoints kept by Knuth–Plass at once. A real paragraph on a
 * real measure keeps a few dozen (a line holds few break opportunities);
 * zero-width material could keep every breakpoint alive and make one
 * paragraph quadratic, so past this the worst-scoring node is dropped. */
#define LP_KP_MAX_ACTIVE 512

/* Characters of a word handed to libhyphen. The longest words of the
 * languages we hyphenate are under 40 letters; anything longer is a code,
 * a hash or an attack, and libhyphen's work grows with its length. */
#define LP_MAX_HYPHEN_WORD 64

/* A libhyphen pattern file read whole (Debian's largest, English, is
 * 106 KB). */
#define LP_MAX_HYPHEN_FILE_BYTES (8u << 20)

/* HarfBuzz 6.0.0 (CVE-2023-25193) is quadratic in combining marks on one
 * base and aborts past 65,535 of them; no real text needs more than a few. */
#define LP_MAX_MARKS_PER_CLUSTER 32

/* Faces in one font database: a fonts folder and the layouts' own fonts.
 * The table is allocated whole so that adding never moves it under a
 * thread that is looking a font up. */
#define LP_MAX_FONTS 1024

/* Fonts tried for a character its style's font lacks. A longer chain is a
 * layout mistake, and each font costs a coverage lookup per character. */
#define LP_MAX_FALLBACK_FONTS 16

/* Distinct characters no font covers that one paragraph reports; past this
 * one more warning says the rest were not listed. */
#define LP_MAX_UNCOVERED_REPORTED 32

/* Invalid UTF-8 sequences one paragraph reports one by one; a binary file
 * pasted as text would otherwise bury every other message. The rest are
 * counted in one more warning. */
#define LP_MAX_INVALID_UTF8_REPORTED 16

/* Markdown nesting (lists, quotes, emphasis): md4c copes with deep input,
 * but our renderer recurses per level. */
#define LP_MAX_NESTING 32

/* Front-matter keys, and items of one list value: a release has a dozen
 * fields and a few organ lines; duplicate keys are found by a linear search,
 * which a cap keeps from going quadratic on hostile input. */
#define LP_MAX_FRONTMATTER_ENTRIES 1000

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

/* Output files being written at once in one process (one per rendering
 * thread): their temporary names sit in a fixed table so that a signal
 * handler can remove them without locks or allocation. */
#define LP_MAX_LIVE_TEMP_FILES 64

/* Diagnostics kept per document; past this they are counted, not stored. */
#define LP_DIAG_MAX_KEPT 1000

#endif
