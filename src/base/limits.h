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
/* A layout extends another (a Latin variant of a letterhead, a draft
 * variant of that); eight generations is far past any real family of
 * letterheads, and bounds the files one layout makes us read. */
#define LP_MAX_LAYOUT_EXTENDS 8

/* Nodes (scalars, lists, maps) in one layout file: a rich letterhead has a
 * few hundred; the cap bounds the tree whatever the file's shape. */
#define LP_MAX_LAYOUT_NODES 20000

/* Blocks above one page template's body frame, which stack for each
 * release (pipeline/stack.c): a letterhead has a handful; finding the
 * blocks right above each one compares every triple, so the count is
 * capped to keep that cheap. Past it every render on the layout fails. */
#define LP_MAX_STACKED_BLOCKS 256

/* A length in a layout: PDF viewers limit pages to 14,400 units a side
 * (ISO 32000-1, annex C), so nothing on a page can be longer. */
#define LP_MAX_LAYOUT_LENGTH_PT 14400
/* And no page side shorter than 3 units (the same annex). */
#define LP_LAYOUT_MIN_PAGE_PT 3

/* The tightest tracking a style may ask, in em: past it letters overprint
 * one another and readers extract them out of order or not at all
 * (-1em drew every letter of a word at one place). */
#define LP_LAYOUT_MIN_TRACKING_EM (-0.2f)

/* The tightest leading a style may ask, as a share of its size: past it
 * lines overprint one another and readers extract their words out of
 * order (a leading of 4pt under 11pt type interleaved two lines' words). */
#define LP_LAYOUT_MIN_LEADING 0.5f

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

/* Faces of one system family loaded by name (fontconfig): regular, bold,
 * their italics and a few weights between; a family of more (a hundred
 * weights and optical sizes) would fill the engine's system layer. */
#define LP_MAX_SYSTEM_FACES 24

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

/* Nesting of lists and block quotes: md4c copes with deep input, but each
 * level is a slot of fixed arrays (release/markdown.c's open lists,
 * pipeline/compose.c's list structure nodes), a list depth is stored in a
 * byte, and nested text loses 1.5 em a level (pipeline/flow.c stops the
 * indent at half the measure); 32 levels is far past any real release. */
#define LP_MAX_NESTING 32

/* Front-matter keys, and items of one list value: a release has a dozen
 * fields and a few organ lines; duplicate keys are found by a linear search,
 * which a cap keeps from going quadratic on hostile input. */
#define LP_MAX_FRONTMATTER_ENTRIES 1000

/* One front-matter value: a title, a place or an organ line is a line, and
 * 8 KiB is a page of text. The title goes into the PDF's document
 * information as one string, and libharu refuses strings over 65,535
 * bytes (a value over 64 KiB failed only there, as "libharu error"). */
#define LP_MAX_FIELD_BYTES (8u << 10)

/* All front-matter keys and values together, each key, value and line
 * counted 3 bytes longer for the separator put between them: the PDF's
 * Author joins the organ lines and its Keywords every other field into one
 * UTF-16 string each, which libharu caps at 65,535 bytes, and a UTF-8 byte
 * is at most one UTF-16 unit (2 bytes), with 2 for the byte order mark. */
#define LP_MAX_FRONTMATTER_TEXT_BYTES 32000u

/* Pages per document: a 20,000-word release is ~60 pages, so 1,000 is a
 * book, not a press release. A document is held whole until its PDF is
 * written (about 100 KB a page of dense text), so this cap, with the line
 * and glyph caps below, keeps a document within the memory budget of
 * docs/security.md (Limits). It is checked from a lower bound (a line per
 * block) before any paragraph is shaped, and again as lines are made. */
#define LP_MAX_PAGES 1000

/* Lines set in one document (body, furniture on every page, organ lines):
 * a 60-page release has about 3,000. Every line costs about 650 bytes
 * until the PDF is written, however short, so one-word paragraphs or hard
 * line breaks cannot buy more than ~26 MB. Counted as lines are made. */
#define LP_MAX_DOC_LINES 40000

/* A GFM table's columns: no page gives more than 128 columns room for a
 * word each, and md4c from 0.5 reads no wider table (its TABLE_MAXCOLCOUNT:
 * a wider one stays a paragraph of pipes); 0.4 reads any, so a wider table
 * is refused at its first line, the same under either. Its cells: every
 * cell is set as a line at least, so a table of more cells than a
 * document's lines could never be set; refused as it is read, before any
 * is shaped. */
#define LP_MAX_TABLE_COLUMNS 128
#define LP_MAX_TABLE_CELLS LP_MAX_DOC_LINES

/* Glyphs set in one document: a dense page holds ~4,000, so this is ~400
 * pages of dense text. Each glyph costs about 36 bytes while the display
 * list is built (its line, its display-list copy, the texts), so this
 * caps text at ~55 MB whatever the layout's page or font size, within the
 * budget for the input it takes. Counted as lines are made. */
#define LP_MAX_DOC_GLYPHS 1500000u

/* Images: 100 megapixels is a poster at 300 dpi; a 30000x30000 PNG makes
 * libharu spend minutes and gigabytes before failing. Checked from the
 * header. A JPEG that goes to the PDF as it is, is never decoded, so this
 * is all that bounds it (for the PDF's readers). */
#define LP_MAX_IMAGE_PIXELS (100u * 1000u * 1000u)
#define LP_MAX_IMAGE_BYTES (64u << 20)

/* Bytes of a decoded image (samples and alpha: a PNG, a CMYK JPEG), and of
 * libjpeg's working memory for one: an emblem at 600 dpi is ~1 megapixel,
 * a signature less. Checked from the header before anything is decoded, so
 * that a 100-megapixel PNG of a few hundred kilobytes (781 MB decoded)
 * is refused at once. The PDF backend holds a second copy while it writes
 * the image, so a document with the largest emblem (a few kilobytes of
 * PNG) peaks near 45 MB, within the memory budget of
 * docs/security.md (Limits) (64 MB and 8 bytes per input byte). 16 MiB is
 * 5.5 megapixels of RGB or 4 of RGB with alpha. */
#define LP_MAX_IMAGE_DECODED_BYTES (16u << 20)

/* All the pictures one release brings (its signature picture and body
 * images, each file counted once): decoded samples and alpha, or a JPEG's
 * bytes where it goes to the PDF as it is, or an SVG file's bytes. Each
 * picture is within LP_MAX_IMAGE_DECODED_BYTES; without this, a release
 * naming a hundred different large pictures would hold gigabytes until
 * its backend is done. Checked as each picture is decoded. */
#define LP_MAX_DOC_PICTURE_BYTES (64u << 20)

/* Scans of one JPEG: encoders write 1 (baseline) to about 10 (progressive);
 * every scan is another pass over the whole image for whoever decodes it,
 * so a small file of thousands of scans (a "scan bomb") costs a PDF
 * reader minutes. Counted in the marker walk, before any decoding. */
#define LP_MAX_JPEG_SCANS 100

/* SVG emblems: a coat of arms is a few thousand path commands. */
#define LP_MAX_SVG_BYTES (8u << 20)
#define LP_MAX_SVG_DEPTH 64
/* Path segments in one SVG after arcs and shapes become cubics: an
 * emblem has thousands; this bounds memory at a few tens of MiB. */
#define LP_MAX_SVG_SEGMENTS 1000000u
/* How far an SVG shape (after its transforms) may lie outside the viewBox,
 * in viewBox sizes: an emblem is drawn inside it, and a box no larger than
 * a page (14,400 pt) keeps everything 50 sizes around it inside
 * LP_PDF_MAX_COORD. Nested transforms could otherwise reach infinity. */
#define LP_SVG_MAX_REACH 50
/* Elements of one SVG file kept in its tree (svg_tree.c): an emblem has a
 * few thousand; each costs about a hundred bytes and its attributes. */
#define LP_MAX_SVG_ELEMENTS 200000u
/* <use> inside what a <use> draws, inside ...: an emblem repeats a charge
 * or two levels deep. Past this the walk would recurse for as long as the
 * file likes. */
#define LP_MAX_SVG_USE_DEPTH 16
/* Elements drawn, counting every copy a <use> makes: a use of a group of
 * ten uses of a group of ten uses ... multiplies a small file into
 * billions of elements (the "billion laughs" of <use>), and shapes with
 * no segments are not caught by LP_MAX_SVG_SEGMENTS. An emblem draws
 * thousands; a million took the fuzzer's instrumented build past its
 * 10 s timeout on a 2 KB file. */
#define LP_MAX_SVG_DRAWN 100000u
/* Rules of the <style> sheets of one SVG file, and the classes of one
 * compound selector or one element (past them an element's other classes
 * are not matched, with a warning): a sheet of an emblem has tens. Each
 * rule is matched against every element once, so rules times
 * LP_MAX_SVG_ELEMENTS bounds that work (about 10^8 quick comparisons). */
#define LP_MAX_SVG_CSS_RULES 512u
#define LP_MAX_SVG_CLASSES 32
/* Element-rule pairs that match, kept per element (4 bytes each): rules
 * like "* {}" match everything, and rules times elements would be
 * hundreds of MiB. */
#define LP_MAX_SVG_CSS_MATCHES 4000000u

/* The text one glyph stands for in a PDF ToUnicode CMap: a ligature is a
 * few characters; the CMap syntax allows 512 bytes. Longer clusters are
 * given to readers through /ActualText instead. */
#define LP_PDF_MAX_GLYPH_TEXT 32

/* A document information string (title, author, subject, keywords) in
 * UTF-16 units: libharu writes each as one PDF string of at most 65,535
 * bytes, a byte-order mark and 32,766 units, and fails the whole document
 * past that. Keywords and the organ list are cut at a whole field, with a
 * warning; a longer title is left out of the information. */
#define LP_PDF_MAX_INFO_UNITS 32000

/* Coordinates and sizes written into a PDF, in points: 10^6 pt is 350 m,
 * far beyond any page, and well inside the range where three decimals of a
 * number stay exact in a double. */
#define LP_PDF_MAX_COORD 1e6

/* Straight edges in one shape the raster backend fills, after curves are
 * flattened: an emblem at 600 dpi has tens of thousands; four million
 * (80 MiB of edges) is no drawing. */
#define LP_MAX_RASTER_EDGES (4u << 20)

/* Steps the filler takes for one shape: an edge costs one per pixel row
 * and column it crosses. An emblem or a watermark at 600 dpi takes a few
 * million; a million hostile edges spanning a page would take billions
 * (minutes), so past 64 Mi steps the shape is refused. */
#define LP_MAX_RASTER_FILL_STEPS (64u << 20)

/* Pixels of one rendered page: A4 at 600 dpi is 35 million, a fax page 4
 * million; past 64 Mi pixels a preview is a mistake, and the page with its
 * masks would take hundreds of MiB. Also the most one mask of the path
 * filler may have (raster/fill.c): a glyph mask has no page to cut it. */
#define LP_MAX_RASTER_PAGE_PIXELS (64u << 20)

/* Pixels of the one PNG that shows every page of a document top to bottom
 * (a batch's or an in-memory PNG output): as many as one page may have, so
 * it costs no more memory than the largest page (about 55 A4 pages at 96
 * dpi); a longer document goes to TIFF, PDF or one file a page. */
#define LP_MAX_PNG_STRIP_PIXELS (64u << 20)

/* Preview resolutions, dots per inch: 1200 is a platesetter's; more only
 * makes pages too large for LP_MAX_RASTER_PAGE_PIXELS anyway. */
#define LP_MAX_RASTER_DPI 1200

/* Output files being written at once in one process (one per rendering
 * thread, or every page of a document made into PNG files, all written
 * before any is published): their temporary names sit in a fixed table so
 * that a signal handler can remove them without locks or allocation. The
 * table's untouched slots cost no memory. */
#define LP_MAX_LIVE_TEMP_FILES (LP_MAX_PAGES + 64)

/* Bytes of any one growable array (base/array.h): the largest a document
 * grows (a fax page's edges, a TIFF in memory) stays within a few hundred
 * MiB under the caps above; past 1 GiB growth is refused, as the arena
 * refuses larger requests, rather than left to overflow a size. */
#define LP_MAX_ARRAY_BYTES ((size_t)1 << 30)

/* Diagnostics kept per document; past this they are counted, not stored,
 * except errors: up to LP_DIAG_MAX_KEPT_ERRORS more of them are kept, so
 * that a thousand warnings in a sink that is replayed later (a layout's,
 * a batch release's) cannot push out the error that failed it. */
#define LP_DIAG_MAX_KEPT 1000
#define LP_DIAG_MAX_KEPT_ERRORS 100

/* A source line a message shows under itself: a line of a release or a
 * layout is a sentence or a key; a longer one (a paragraph on one line, a
 * minified file) would bury the message, so it is left out. */
#define LP_DIAG_MAX_SOURCE_LINE 1024

/* Releases in one batch: a batch keeps a record of a few hundred bytes for
 * each in memory and sorts them; a million is an archive of decades, and
 * larger ones are split with --shard. */
#define LP_MAX_BATCH_RELEASES 1000000u

/* Folders nested below a batch's source folder: archives nest by year,
 * month and office; deeper is a mistake or a trap for the walk. */
#define LP_MAX_BATCH_DEPTH 32

/* Worker threads of one batch: each holds a document in memory, and past
 * the cores there is nothing to gain. */
#define LP_MAX_BATCH_JOBS 256

/* Shards of one archive: more than releases per shard is no longer
 * sharding, and the number appears in file names. */
#define LP_MAX_BATCH_SHARDS 100000u

/* A line of a batch's source list is one path; Linux paths are at most
 * 4,096 bytes. */
#define LP_MAX_BATCH_LIST_LINE 4096

/* A signing credential file (PKCS#12, PEM key, certificate or chain): a
 * chain of ten certificates is under 20 KB; anything near 1 MiB is not a
 * credential. */
#define LP_MAX_CREDENTIAL_BYTES (1u << 20)

/* A timestamp authority's answer: a token with its TSA's chain is a few
 * KB; the reserved signature room could not hold much more anyway. */
#define LP_MAX_TSA_REPLY_BYTES (64u << 10)

/* Validation data for a signature's Document Security Store (--sign-ltv):
 * a large CA's CRL runs to a few MiB, and every signed output carries a
 * copy of each file, so more than 16 MiB a file or 64 files is a mistake. */
#define LP_MAX_LTV_FILE_BYTES (16u << 20)
#define LP_MAX_LTV_FILES 64

#endif
