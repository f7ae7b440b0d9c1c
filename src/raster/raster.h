/*
 * The raster backend's entry points: a display list to a fax TIFF or to
 * PNG previews. Both replay the list through the raster device
 * (raster_device.h), the same list the PDF backend replays, and publish
 * their files with base/atomic_file.h: on any failure no output is left.
 *
 * Output is deterministic: the same list gives the same bytes (no clock,
 * no host data).
 */
#ifndef LP_RASTER_RASTER_H
#define LP_RASTER_RASTER_H

#include "letterpress.h"

#include "dlist/dlist.h"

struct lp_glyph_cache;
struct lp_file_digest;

/* ---- TIFF Class F ---------------------------------------------------- */

typedef enum lp_fax_resolution {
	LP_FAX_FINE, /* 204 x 196 dpi (the default) */
	LP_FAX_STANDARD /* 204 x 98 dpi */
} lp_fax_resolution;

typedef enum lp_fax_coding {
	LP_FAX_G4, /* CCITT T.6 (the default) */
	LP_FAX_G3_1D, /* CCITT T.4, one-dimensional (modified Huffman) */
	LP_FAX_G3_2D /* CCITT T.4, two-dimensional (modified READ) */
} lp_fax_coding;

typedef struct lp_tiff_options {
	lp_fax_resolution resolution;
	lp_fax_coding coding;
	/* The file the fax preflight's warnings and errors about the document
	 * name (the release); NULL for none. */
	const char *source_name;
	/* Glyph masks shared between documents: the engine's (its `glyphs`);
	 * NULL for a cache of this document only. */
	struct lp_glyph_cache *glyphs;
	/* Not NULL when the caller keeps the file's SHA-256 (a batch): set
	 * when a TIFF written to a file was hashed on the way (one that was
	 * held in memory whole), else the caller hashes the file. */
	struct lp_file_digest *digest;
} lp_tiff_options;

/* Fine, G4, no source name, no shared cache. Never fails. */
lp_tiff_options lp_tiff_options_default(void);

/* A multi-page TIFF Class F in memory: 1728 pixels a line with the page
 * centred (A4; US Letter loses 3 pixels of margin at each side), 1 bit,
 * min-is-white, FillOrder LSB2MSB, one strip a page, SubfileType page,
 * PageNumber n/N, the chosen resolution and coding, DateTime the document's
 * date (none when it has none). Pages are painted with the fax rules
 * (raster_paint.c), and the fax preflight (fax_profile.h) warns of what
 * will not survive. options may be NULL (defaults). *data is malloc'ed, the
 * caller frees it. Fails with LP_ERR_UNSUPPORTED (a page wider than the
 * fax line), LP_ERR_LIMIT, LP_ERR_BACKEND (libtiff) or LP_ERR_NOMEM, reported
 * to diag. */
lp_status lp_raster_render_tiff(const lp_dlist *list, const lp_tiff_options *options,
        uint8_t **data, size_t *size, lp_diag *diag);

/* Renders into fd, a new empty file open for reading and writing: with one
 * write when it is small, else page by page (libtiff seeks back and reads
 * what it wrote); *size gets the file's bytes. Write errors name name.
 * Fails as lp_raster_render_tiff, or with LP_ERR_IO; what was written is
 * then the caller's to remove. */
lp_status lp_raster_write_tiff_fd(const lp_dlist *list, const lp_tiff_options *options, int fd,
        const char *name, size_t *size, lp_diag *diag);

/* Renders, then publishes atomically at path ("-" = standard output). */
lp_status lp_raster_write_tiff(
        const lp_dlist *list, const lp_tiff_options *options, const char *path, lp_diag *diag);

/* ---- PNG previews ---------------------------------------------------- */

typedef struct lp_png_options {
	double dpi; /* 1 .. LP_MAX_RASTER_DPI */
	bool grey; /* 8-bit grey instead of 8-bit RGB */
	struct lp_glyph_cache *glyphs; /* as in lp_tiff_options */
	const char *source_name; /* as in lp_tiff_options */
} lp_png_options;

/* 96 dpi, RGB, no shared cache. Never fails. */
lp_png_options lp_png_options_default(void);

/* One page (0-based) as an anti-aliased PNG in memory; *data is malloc'ed.
 * Fails with LP_ERR_USAGE (no such page, a resolution out of range),
 * LP_ERR_LIMIT, LP_ERR_BACKEND (libpng) or LP_ERR_NOMEM, reported. */
lp_status lp_raster_render_png(const lp_dlist *list, const lp_png_options *options, uint32_t page,
        uint8_t **data, size_t *size, lp_diag *diag);

/* The whole document as one PNG in memory: its pages top to bottom, each
 * centred on the widest, with a band of mid-grey LP_PNG_STRIP_GAP_IN inch
 * high between them (none for a one-page document, which is
 * lp_raster_render_png()'s page 0). What a batch archives for a release of
 * several pages: one file, one hash. Fails like lp_raster_render_png(),
 * and with LP_ERR_LIMIT past LP_MAX_PNG_STRIP_PIXELS. */
#define LP_PNG_STRIP_GAP_IN (1.0 / 12.0)
lp_status lp_raster_render_png_strip(const lp_dlist *list, const lp_png_options *options,
        uint8_t **data, size_t *size, lp_diag *diag);

/* Every page as a PNG: a one-page document to path itself, a longer one to
 * one file a page named by lp_raster_png_page_path() (OUT.png → OUT-1.png,
 * OUT-2.png …). All pages are rendered before any file is written; if a
 * write fails, the pages already written by this call are removed. "-"
 * (standard output) takes a one-page document only. */
lp_status lp_raster_write_png(
        const lp_dlist *list, const lp_png_options *options, const char *path, lp_diag *diag);

/* The file page (0-based) of an n_pages document goes to: path itself
 * when n_pages is 1; else path with "-N" before a final ".png" (any case),
 * or after it when it has none. malloc'ed; NULL when out of memory. */
char *lp_raster_png_page_path(const char *path, uint32_t page, uint32_t n_pages);

#endif
