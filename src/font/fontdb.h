/*
 * The font database: faces loaded from memory once per process. It only
 * grows, and a face never changes once added: any number of documents (and
 * threads) may look up, shape and embed with it while one thread at a time
 * adds a face; lookups see every face added before they started.
 * lp_fontdb_freeze() ends the adding for good. The engine freezes its base
 * database once made, and gives each layout that brings fonts a database
 * of its own over it (lp_fontdb_new_over()). Fonts are untrusted input:
 * each is opened by FreeType from memory (the path FreeType fuzzes) and by
 * HarfBuzz, and is rejected unless both accept it.
 */
#ifndef LP_FONT_FONTDB_H
#define LP_FONT_FONTDB_H

#include "letterpress.h"

typedef struct lp_font lp_font;
typedef struct lp_fontdb lp_fontdb;

/* The family tried after every layout's own fallback chain: the bundled
 * DejaVu Sans (fonts/), which covers the signs official texts use that
 * Noto Serif and Noto Sans lack (U+2212 MINUS SIGN, arrows, relations,
 * check marks). Skipped where a fonts folder does not have it. */
#define LP_FONT_SYMBOL_FAMILY "DejaVu Sans"

/* Metrics in font units, read once at load. */
typedef struct lp_font_metrics {
	uint32_t units_per_em;
	int32_t ascender; /* OS/2 typo (or hhea) ascender, positive up */
	int32_t descender; /* negative */
	int32_t line_gap;
	int32_t cap_height;
	int32_t x_height;
	int32_t bbox[4]; /* xMin yMin xMax yMax from head */
	float italic_angle; /* degrees, from post */
	uint16_t weight; /* OS/2 usWeightClass */
	bool italic;
	bool serif; /* from the OS/2 panose family class */
	bool fixed_pitch;
	int32_t space_advance; /* advance of U+0020, for glue */
	uint32_t glyph_count;
} lp_font_metrics;

/* Returns NULL when out of memory. */
lp_fontdb *lp_fontdb_new(void);
/* A database layered over base (kept until this one is dropped): lookups
 * see its own faces and base's, and where two match a request equally well
 * its own wins. A layout's own fonts live in one of these over the
 * engine's, so they are seen by that layout's documents and no others.
 * Count and font_at see the own faces only. Returns NULL when out of
 * memory. */
lp_fontdb *lp_fontdb_new_over(lp_fontdb *base);
/* A database for the bottom of a layered chain that a lookup reaches
 * only for a family no database above it has (the engine's system
 * fonts, docs/layouts.md): it is never frozen, and grows, one whole
 * family at a time, under its owner's lock while others look up. Returns
 * NULL when out of memory. */
lp_fontdb *lp_fontdb_new_last_resort(void);
lp_fontdb *lp_fontdb_keep(lp_fontdb *db);
void lp_fontdb_drop(lp_fontdb *db);

/* Adds one font file (read into memory, then parsed). The family name is
 * the typographic family from the name table. Fails with LP_ERR_MISSING,
 * LP_ERR_LIMIT or LP_ERR_FONT, reported to diag; the database is unchanged
 * then. Fails with LP_ERR_USAGE after freeze, LP_ERR_LIMIT past
 * LP_MAX_FONTS faces. Callers serialize adds (FreeType's library is not
 * shared between threads); lookups may run meanwhile. */
lp_status lp_fontdb_add_file(lp_fontdb *db, const char *path, lp_diag *diag);
/* The same, the font named shown in messages (a layout's font as the user
 * finds it, beside the layout) while path stays its identity
 * (lp_font_origin). */
lp_status lp_fontdb_add_file_as(lp_fontdb *db, const char *path, const char *shown, lp_diag *diag);
/* Adds a font from bytes (copied). name is used in diagnostics. */
lp_status lp_fontdb_add_memory(
        lp_fontdb *db, const char *name, const void *data, size_t size, lp_diag *diag);
/* Adds every *.ttf and *.otf in a folder, in name order. */
lp_status lp_fontdb_add_dir(lp_fontdb *db, const char *dir, lp_diag *diag);

/* After this, the database is read-only; adding fails. */
void lp_fontdb_freeze(lp_fontdb *db);

/* The face of family (case-insensitive) nearest to weight and italic
 * (style first, then weight); NULL when the family is unknown. In a
 * layered database its own face wins a tie with a base face; among faces
 * of one database, the one added first; a last-resort database only
 * answers for a family none above it has. Borrowed, valid until the database
 * is dropped. */
const lp_font *lp_fontdb_lookup(
        const lp_fontdb *db, const char *family, uint16_t weight, bool italic);

size_t lp_fontdb_count(const lp_fontdb *db);
/* Fonts in the order they were added. Borrowed. */
const lp_font *lp_fontdb_font_at(const lp_fontdb *db, size_t index);
/* The database db is layered over, or NULL. Borrowed. */
const lp_fontdb *lp_fontdb_base(const lp_fontdb *db);

const char *lp_font_family(const lp_font *font);
/* The subfamily (name ID 17, else 2): "Bold Italic". */
const char *lp_font_style_name(const lp_font *font);
/* PostScript name (name ID 6), or a name made from family and style. */
const char *lp_font_postscript_name(const lp_font *font);
/* The file or memory name the font came from. */
const char *lp_font_origin(const lp_font *font);
/* What messages call it: the name it was added as (lp_fontdb_add_file_as),
 * else its origin. */
const char *lp_font_shown(const lp_font *font);
const lp_font_metrics *lp_font_metrics_of(const lp_font *font);
/* The font file's bytes. Borrowed. */
const uint8_t *lp_font_data(const lp_font *font, size_t *size);
/* Glyph for a code point, 0 when the font has none. Thread-safe. */
uint32_t lp_font_glyph(const lp_font *font, uint32_t codepoint);
bool lp_font_has_codepoint(const lp_font *font, uint32_t codepoint);
/* Horizontal advance of a glyph in font units. Thread-safe. */
int32_t lp_font_glyph_advance(const lp_font *font, uint32_t gid);
/* Glyph name from the post/CFF table ("uni0431.loclSRB"), "" when none.
 * Writes into buf. */
const char *lp_font_glyph_name(const lp_font *font, uint32_t gid, char *buf, size_t size);
/* True for CFF-flavoured OpenType (CIDFontType0 in PDF), false for
 * TrueType outlines (CIDFontType2). */
bool lp_font_is_cff(const lp_font *font);
/* Whether each word may be shaped alone and its glyphs be the same as in
 * its run: no OpenType lookup of the font involves the space
 * (font_words.c). Thread-safe. */
bool lp_font_words_stand_alone(const lp_font *font);

#endif
