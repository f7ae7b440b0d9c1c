/*
 * The text stage: styled UTF-8 paragraphs in, shaped glyph runs out.
 *
 *   lp_text_prepare()  check and normalize (UTF-8, controls, NFC, mark floods)
 *   lp_text_shape()    itemize (script, language, style, font fallback) and
 *                      shape every run with HarfBuzz
 *   lp_shaper_shape_range()  reshape part of a paragraph (line edges,
 *                      hyphenated fragments) for the paragraph breaker
 *
 * No HarfBuzz type leaves this stage. Glyph metrics stay in font units;
 * para/ turns them into points. All output is allocated in the arena the
 * caller passes and lives as long as it.
 */
#ifndef LP_TEXT_TEXT_H
#define LP_TEXT_TEXT_H

#include "letterpress.h"

#include <stdio.h>

#include "base/arena.h"
#include "font/fontdb.h"

/* ---- Input: styled text ---------------------------------------------- */

/* How a span of text looks. Strings are borrowed from the caller and must
 * outlive the stage's output. */
typedef struct lp_text_style {
	const char *family; /* "Noto Serif"; looked up in the fontdb */
	uint16_t weight; /* 400 regular, 700 bold */
	bool italic;
	float size_pt;
	const char *lang; /* BCP 47: "sr-Cyrl", "sr-Latn", "ru", "uk", "bg", "mk", "en" */
	float tracking_em; /* letter-spacing added after each grapheme cluster */
	uint32_t color; /* 0xRRGGBB */
	int32_t link; /* index into the owner's link table, -1 for none */
	bool hyphenate; /* may para/ hyphenate words of this span */
} lp_text_style;

typedef struct lp_span {
	uint32_t start, len; /* byte range in the paragraph text */
	lp_text_style style;
} lp_span;

/* A paragraph: one UTF-8 string and spans that cover it completely, in
 * order, without gaps or overlaps. */
typedef struct lp_text_par {
	const char *text;
	uint32_t len;
	const lp_span *spans;
	uint32_t n_spans;
	/* For diagnostics: which input and where the paragraph starts in it. */
	const char *source_name;
	uint32_t source_line;
	/* A character no font has is an error rather than a warning and a
	 * missing-glyph box (PDF/A forbids .notdef). */
	bool missing_glyph_error;
	/* Optional: the release file and the byte where the paragraph's text
	 * starts in it, so that a report about one character can name its
	 * line and column (lp_text_report_char()); NULL for layout text. */
	const struct lp_source *source;
	uint64_t source_offset;
	/* Set by lp_text_prepare() (never by its caller): the text is valid
	 * UTF-8 of simple characters only (text_internal.h), which shaping
	 * then need not ask again. */
	bool simple;
} lp_text_par;

/* ---- Output: shaped runs --------------------------------------------- */

enum {
	/* HarfBuzz's UNSAFE_TO_BREAK: breaking before this glyph changes shaping. */
	LP_GLYPH_UNSAFE_TO_BREAK = 1u << 0,
	/* First glyph of a grapheme cluster. */
	LP_GLYPH_CLUSTER_START = 1u << 1,
	/* Tracking (lp_run.tracking_fu) is included in this glyph's x_advance_fu:
	 * it is the last glyph of a grapheme cluster in a tracked run. para/
	 * removes it again at the end of a line. */
	LP_GLYPH_TRACKED = 1u << 2,
};

typedef struct lp_glyph {
	uint32_t gid;
	uint32_t cluster; /* byte offset into the paragraph text */
	int32_t x_advance_fu; /* includes tracking when LP_GLYPH_TRACKED */
	int32_t x_offset_fu;
	int32_t y_offset_fu; /* positive up, as HarfBuzz */
	uint32_t flags;
} lp_glyph;

typedef struct lp_run {
	uint32_t start, len; /* byte range of the paragraph text */
	uint32_t span; /* index of the span whose style applies */
	const lp_font *font; /* borrowed from the fontdb */
	float size_pt;
	uint32_t script; /* ISO 15924 tag as a big-endian 4-byte tag ('Cyrl') */
	const char *lang; /* BCP 47, borrowed */
	int32_t tracking_fu; /* letter-spacing in font units (0 if none) */
	lp_glyph *glyphs; /* in visual (= logical, LTR) order */
	uint32_t n_glyphs;
} lp_run;

typedef struct lp_shaped_par {
	const char *text; /* the prepared (NFC) text; runs and clusters index it */
	uint32_t len;
	const lp_span *spans; /* spans re-based onto text */
	uint32_t n_spans;
	lp_run *runs; /* cover text completely, in order */
	uint32_t n_runs;
} lp_shaped_par;

/* ---- Entry points ----------------------------------------------------- */

/* Checks and normalizes a paragraph into out (allocated in arena):
 * invalid UTF-8 becomes U+FFFD with a warning naming the byte offset (the
 * first LP_MAX_INVALID_UTF8_REPORTED one by one, then a count); the text
 * policy's errors (text/policy.h: NUL, C0 and C1 controls other than tab
 * and newline, DEL, bidi overrides and isolates) are LP_ERR_SYNTAX, checked
 * before anything else runs, as is the mark cap below; text is normalized to NFC with spans
 * re-based (each span on its own: a span boundary is a normalization boundary); a span whose size
 * is not a positive number or whose tracking is not finite is LP_ERR_USAGE; more than
 * LP_MAX_MARKS_PER_CLUSTER combining marks on one base, before or after
 * NFC, is LP_ERR_LIMIT;
 * a paragraph over LP_MAX_PARAGRAPH_BYTES is LP_ERR_LIMIT. Mixed-script
 * words (a Latin letter inside a Cyrillic word, "ЕХРО" for "EXPO") are
 * reported as warnings with their position. */
lp_status lp_text_prepare(const lp_text_par *in, lp_arena *arena, lp_text_par *out, lp_diag *diag);

/* Where byte offset of prepared (what lp_text_prepare() made of in) came
 * from in in's text: the same byte where a span was kept as it was, else
 * the start of the normalization segment (a character with what NFC
 * joined to it) that made it. */
uint32_t lp_text_input_offset(const lp_text_par *in, const lp_text_par *prepared, uint32_t offset);

/* A shaper holds per-thread scratch (one hb_buffer). Create one per thread
 * or per document; the fontdb must outlive it. Shaping only reads the
 * fontdb's faces, which never change once added (font/fontdb.h); the
 * engine's databases are frozen before any document is shaped with them. */
typedef struct lp_shaper lp_shaper;

/* fallback: family names tried in order for characters the span's family
 * lacks (the layout's fallback chain); may be NULL/0. Strings borrowed. */
lp_shaper *lp_shaper_new(const lp_fontdb *fonts, const char *const *fallback, size_t n_fallback);
void lp_shaper_drop(lp_shaper *shaper);

/* Shaped words kept across documents (text/wordcache.c): made once by the
 * engine, shared by every document's shaper, dropped after them.
 * Thread-safe; NULL when out of memory. */
typedef struct lp_word_cache lp_word_cache;
lp_word_cache *lp_word_cache_new(void);
void lp_word_cache_drop(lp_word_cache *cache);
/* The shaper looks words up in cache (borrowed) and keeps the words it
 * shapes there; without one it shapes every run whole. */
void lp_shaper_use_words(lp_shaper *shaper, lp_word_cache *cache);

/* Itemizes and shapes a prepared paragraph. A character no font covers is
 * reported once per paragraph as a warning with U+XXXX and its byte offset,
 * and shaped with the span's font (.notdef). Fails with LP_ERR_FONT when a
 * span's family is not in the fontdb at all. */
lp_status lp_text_shape(lp_shaper *shaper, const lp_text_par *prepared, lp_arena *arena,
        lp_shaped_par **out, lp_diag *diag);

/* Reshapes text[start, end) of a shaped paragraph with the same itemization
 * (for the paragraph breaker: line edges where a glyph is
 * LP_GLYPH_UNSAFE_TO_BREAK, and hyphenated fragments). When append is
 * non-NULL (e.g. "-"), that text is shaped after the range as if it were part
 * of it, in the style of the range's last run; its glyphs get cluster
 * = end. HarfBuzz sees only text[start, end) (and append) as context, since
 * a line edge has no neighbour on the line; each output run keeps the
 * font, script, language and tracking of the paragraph run it comes from.
 * Fails with LP_ERR_USAGE for a range outside the text. Output runs are in
 * arena. */
lp_status lp_shaper_shape_range(lp_shaper *shaper, const lp_shaped_par *par, uint32_t start,
        uint32_t end, const char *append, lp_arena *arena, lp_run **runs, uint32_t *n_runs,
        lp_diag *diag);

/* text in capitals by the rules of lang (BCP 47; ICU's case mapping for
 * its language, so Turkish and Lithuanian get theirs), in arena. Returns
 * text itself when ICU fails or memory runs out. */
const char *lp_text_upper(lp_arena *arena, const char *text, const char *lang);

/* Writes a stable text form of shaped runs (one header line per run, then
 * gid=cluster+advance per glyph; format in dump.c) for the shaping tests
 * (the command line has no dump of it). Never fails (stream errors are the
 * stream's). */
void lp_text_dump_shape(const lp_shaped_par *par, FILE *f);
void lp_text_dump_run(const lp_run *run, FILE *f);

#endif
