/*
 * The output writer layer, after MuPDF's document writers: a format names
 * a writer, and the writer turns a finished display list into that
 * format's bytes. Where the bytes then go (a file published atomically,
 * the caller's memory, nowhere for a check) is a separate choice, so a new
 * format is one more row in writer.c's table and no caller changes.
 */
#ifndef LP_PIPELINE_WRITER_H
#define LP_PIPELINE_WRITER_H

#include "letterpress.h"

#include "base/sha256.h"
#include "base/source.h"
#include "dlist/dlist.h"

struct lp_glyph_cache;

/* What a writer is told besides the display list. */
typedef struct lp_writer_args {
	const lp_render_options *opts; /* may be NULL: every option's default */
	struct lp_glyph_cache *glyphs; /* the engine's raster glyph masks */
	const char *source_name; /* the release, for diagnostics */
	/* The bytes will be dropped (a check): a writer of several files
	 * renders them all and may return no buffer. */
	bool discard;
	/* The release's own bytes (a PDF/A-3 carries them). */
	const uint8_t *source;
	size_t source_size;
	struct lp_pdf_font_cache *pdf_fonts; /* the engine's embedded font programs */
	/* Not NULL when the caller keeps the output's SHA-256 (batch): a
	 * writer that hashes its bytes anyway sets it (lp_file_digest). */
	struct lp_file_digest *digest;
} lp_writer_args;

typedef struct lp_writer {
	lp_format format;
	const char *name; /* what --format takes: "pdf" */
	const char *extension; /* what outputs are named with: ".pdf" */
	/* The whole document into a malloc'd buffer; on failure nothing is
	 * returned and the reason is reported to diag. */
	lp_status (*write)(const lp_dlist *list, const lp_writer_args *args, uint8_t **data,
	        size_t *size, lp_diag *diag);
	/* For a format whose document may be several files (PNG: one a page)
	 * or that writes into the temporary file as it renders (the fax TIFF,
	 * tens of MB for a long document): renders and publishes at path and
	 * the names derived from it, all or none. NULL: the one buffer of
	 * write() is published at path. */
	lp_status (*publish)(
	        const lp_dlist *list, const lp_writer_args *args, const char *path, lp_diag *diag);
	/* For a format written into a file as it renders (the fax TIFF): the
	 * whole document into fd, a new empty file open for reading and
	 * writing; *size gets its bytes. name is the output's, for write
	 * errors. NULL: the format is made in memory. */
	lp_status (*write_fd)(const lp_dlist *list, const lp_writer_args *args, int fd,
	        const char *name, size_t *size, lp_diag *diag);
} lp_writer;

/* The writer for a format. LP_FORMAT_AUTO takes the one path's extension
 * names (path may be NULL), else PDF. NULL for a value no writer has. */
const lp_writer *lp_writer_for(lp_format format, const char *path);

/* Whether opts can be written as w's format: the fax profile is not for
 * PNG, PDF/A, PDF/UA and signatures are PDF's only. LP_ERR_USAGE, said at
 * name, when not: a batch asks before it touches its archive. */
lp_status lp_writer_check_options(
        const lp_writer *w, const lp_render_options *opts, const char *name, lp_diag *diag);

/* Where a render's bytes go. */
typedef enum lp_render_target {
	LP_TARGET_NONE, /* run the writer, keep nothing (lp_check_file) */
	LP_TARGET_FILE, /* publish atomically at path ("-": standard output) */
	LP_TARGET_MEMORY, /* hand the bytes to the caller */
	/* write into fd as the format renders (a batch's staged output, so
	 * that a long fax TIFF is never held whole); only for a writer with
	 * write_fd */
	LP_TARGET_FD
} lp_render_target;

typedef struct lp_render_output {
	lp_render_target target;
	const char *path; /* LP_TARGET_FILE; LP_TARGET_FD: the name for write errors */
	int fd; /* LP_TARGET_FD */
	/* LP_TARGET_MEMORY, on success: malloc'd, the caller frees it. */
	uint8_t *data;
	size_t size; /* also LP_TARGET_FD: the bytes written */
	/* On success, for callers that keep records (batch): the page count
	 * and the layout's name (borrowed from the engine). */
	uint32_t pages;
	const char *layout;
	/* With want_inputs, on success: what the output was made from besides
	 * the release. A first line "layout DIGEST\n" (the layout's bundle
	 * digest, lp_render_layout_digest()), then the release's pictures, a
	 * "SHA256 PATH\n" line each, PATH as the release wrote it (below its
	 * folder), in the order first used; malloc'd, the caller frees it. */
	bool want_inputs;
	char *inputs;
	/* LP_TARGET_MEMORY and LP_TARGET_FD: the bytes' SHA-256 when the
	 * writer found it while writing (set false: hash them). */
	lp_file_digest digest;
} lp_render_output;

struct lp_pdf_options;

/* sign_writer.c: a PDF with a signature field, signed when the options
 * hold a signer (PAdES, docs/signing.md). */
lp_status lp_sign_write_pdf(const lp_dlist *list, const lp_writer_args *a,
        struct lp_pdf_options *po, uint8_t **data, size_t *size, lp_diag *diag);
/* Whether a signature can be made under o: its field's name, and not a
 * fax copy. LP_ERR_USAGE, said at name, when not. */
lp_status lp_sign_check_options(const lp_render_options *o, const char *name, lp_diag *diag);

/* render.c: one release through every stage and its format's writer.
 * opts may be NULL. Any failure leaves no output. */
/* The digest of the layout src would be set with under opts (what
 * lp_render_output's inputs record): its front matter read, the layout
 * resolved as rendering resolves it. Fails like rendering would. */
lp_status lp_render_layout_digest(lp_engine *engine, const lp_source *src,
        const lp_render_options *opts, char digest[65], lp_diag *diag);
lp_status lp_render_source(lp_engine *engine, const lp_source *src, const lp_render_options *opts,
        lp_render_output *out, lp_diag *diag);

#endif
