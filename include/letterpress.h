/*
 * letterpress — typesetting press releases onto letterhead.
 *
 * This is the whole public API. A program makes one lp_engine (fonts,
 * hyphenation dictionaries and layouts, each loaded once and never changed
 * after; see lp_engine for what loads lazily and under which lock), then
 * renders any number of releases with it, from any number of threads.
 * Every failure comes back as an lp_status; the human-readable reasons, each
 * with file:line:col, go to the lp_diag the caller passes in.
 *
 * Ownership words: *_new returns an object the caller drops with *_drop;
 * "borrowed" pointers stay valid as long as the object they came from.
 * Every *_drop accepts NULL.
 */
#ifndef LETTERPRESS_H
#define LETTERPRESS_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden symbols; what this header declares is
 * its interface, and only that is exported. */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

/* ---- Status ---------------------------------------------------------- */

typedef enum lp_status {
	LP_OK = 0,
	LP_ERR_NOMEM, /* allocation failed */
	LP_ERR_USAGE, /* the caller asked for something malformed */
	LP_ERR_SYNTAX, /* an input file is malformed (release, layout, image, font) */
	LP_ERR_FONT, /* a font is unusable, or no font covers required text */
	LP_ERR_LIMIT, /* an input exceeds one of the limits in base/limits.h */
	LP_ERR_MISSING, /* an input file does not exist or cannot be read */
	LP_ERR_OUTPUT, /* an output file cannot be created */
	LP_ERR_IO, /* reading or writing failed midway */
	LP_ERR_UNSUPPORTED, /* valid input that letterpress does not handle */
	LP_ERR_BACKEND, /* a backend library (libharu, libtiff) reported an error */
	LP_ERR_INTERNAL, /* a bug in letterpress */
	LP_ERR_BUSY, /* another process holds what is needed (a batch's archive); try again */
	LP_ERR_CANCELLED /* the caller asked to stop (a batch's cancel flag) */
} lp_status;

/* A short English name for a status ("invalid input", …). Never fails. */
const char *lp_status_str(lp_status status);

/* The sysexits.h code a command-line tool should exit with for a status
 * (0, 64 usage, 65 data error, 66 no input, 70 software, 71 out of memory,
 * 73 cannot create, 74 I/O error, 75 temporary failure: busy or cancelled). */
int lp_status_exit_code(lp_status status);

/* ---- Diagnostics ----------------------------------------------------- */

typedef enum lp_severity { LP_NOTE, LP_WARNING, LP_ERROR } lp_severity;

/* One message. line and col are 1-based; 0 means unknown (then offset, if
 * not UINT64_MAX, is a byte offset into the file). */
typedef struct lp_diag_entry {
	lp_severity severity;
	lp_status code; /* LP_OK for warnings and notes */
	const char *file; /* may be NULL */
	uint32_t line;
	uint32_t col;
	uint64_t offset;
	const char *message;
	/* The release being rendered when it was reported (its path or name),
	 * also when file is a layout, font or picture it uses; NULL outside a
	 * render (making an engine). */
	const char *document;
	/* The text of line `line` of file, without its line break, when the
	 * library had it at hand (NULL otherwise, and for lines over 1 KiB),
	 * for showing the line under the message with a caret. */
	const char *source_line;
	/* How many characters from col the message is about (the key, the
	 * word): a caret line marks [col, col + span); 0 when only the
	 * column is known. */
	uint32_t span;
	/* Help after the message ("did you mean 'title'?"), one hint a line;
	 * NULL when there is none. */
	const char *hints;
} lp_diag_entry;

/* Called once for each message as it is reported. */
typedef void (*lp_diag_fn)(const lp_diag_entry *entry, void *user);

typedef struct lp_diag lp_diag;

/* A diagnostics sink. fn may be NULL: messages are then only collected.
 * Returns NULL when out of memory. */
lp_diag *lp_diag_new(lp_diag_fn fn, void *user);
void lp_diag_drop(lp_diag *diag);

/* Number of collected messages of exactly this severity. */
size_t lp_diag_count(const lp_diag *diag, lp_severity severity);
/* Number of collected messages; messages past LP_DIAG_MAX_KEPT are counted
 * but not kept. */
size_t lp_diag_size(const lp_diag *diag);
/* How many warnings and notes were not shown because an earlier one said
 * the same about the same file for the same document (they are in
 * lp_diag_size() too). */
size_t lp_diag_repeats(const lp_diag *diag);
/* Borrowed; valid until lp_diag_drop(). NULL when index is out of range. */
const lp_diag_entry *lp_diag_at_index(const lp_diag *diag, size_t index);

/* Formats "file:line:col: error: message" into buf (always NUL-terminated
 * when size > 0; cut only between characters). Characters a terminal acts
 * on are escaped, since file names and messages may quote untrusted input:
 * C0 controls and DEL as \x1b, C1 controls and the bidirectional controls
 * as \u{9B} and \u{202E}, bytes that are not UTF-8 as \xFF; other text is
 * kept as it is. Returns the length the full text needs. */
size_t lp_diag_format(const lp_diag_entry *entry, char *buf, size_t size);

/* ---- Engine ---------------------------------------------------------- */

/* An engine holds what every document shares: the font database, the
 * hyphenation dictionaries and the layouts. What is frozen when:
 *  - the base fonts, when lp_engine_new() returns;
 *  - each layout, resolved with its own fonts and pictures the first time
 *    a document names it (under the engine's mutex), frozen then; its
 *    fonts serve its documents only;
 *  - each language's hyphenation patterns and dictionary, made the first
 *    time a document hyphenates in it (under that language's mutex);
 *  - caches of glyph masks (raster) and embedded font programs (PDF),
 *    whose entries are added under each cache's own mutex and never
 *    changed; a font's embedding face is made once on first use and
 *    published atomically.
 * A lazily made part gives the same answers whichever document made it,
 * so one engine may render from several threads at once and a document
 * renders to the same bytes whatever was rendered before it. */
typedef struct lp_engine lp_engine;

/* The lp_engine_options layout this header describes. */
#define LP_ENGINE_OPTIONS_VERSION 1

typedef struct lp_engine_options {
	/* LP_ENGINE_OPTIONS_VERSION; 0 is read as 1. Later versions only add
	 * fields at the end: the library reads those of the version set here,
	 * and refuses a version newer than it knows (LP_ERR_USAGE). */
	int version;
	/* Folder holding fonts/ and layouts/. NULL: $LETTERPRESS_DATA, else the
	 * source tree of an uninstalled build, else the installed data folder. */
	const char *data_dir;
	/* More folders to look for layouts in, before LETTERPRESS_LAYOUT_PATH's,
	 * the user's ($XDG_DATA_HOME/letterpress/layouts) and data_dir/layouts. */
	const char *const *layout_dirs;
	size_t n_layout_dirs;
	/* Layout files or folders (given by path) whose fonts must be loaded;
	 * layouts under the layout folders are found by themselves. */
	const char *const *layouts;
	size_t n_layouts;
	/* Folder of libhyphen dictionaries; NULL: Debian's /usr/share/hyphen. */
	const char *hyphen_dir;
	/* Find only the layouts' own fonts and data_dir/fonts, never the
	 * system's: a font family a layout names is otherwise also looked for
	 * by name through fontconfig, after those two (docs/layouts.md, Fonts).
	 * For archives that must render the same on any machine. */
	bool no_system_fonts;
} lp_engine_options;

/* opts may be NULL. Fails with LP_ERR_MISSING when the fonts are missing,
 * LP_ERR_FONT when one is unusable (reported to diag). */
lp_status lp_engine_new(const lp_engine_options *opts, lp_engine **out, lp_diag *diag);
void lp_engine_drop(lp_engine *engine);

/* ---- Output formats -------------------------------------------------- */

/* What a render writes. Each format has its writer inside the library
 * (MuPDF's document writers): the raster formats join PDF here. */
typedef enum lp_format {
	LP_FORMAT_AUTO = 0, /* the one the output's extension names; else PDF */
	LP_FORMAT_PDF,
	LP_FORMAT_TIFF, /* a multi-page fax TIFF (Class F) */
	LP_FORMAT_PNG /* one preview PNG a page */
} lp_format;

/* TIFF output's vertical resolution: fine is 204 x 196 dpi, standard 204 x 98. */
typedef enum lp_fax_mode { LP_FAX_MODE_FINE = 0, LP_FAX_MODE_STANDARD } lp_fax_mode;

/* TIFF output's compression: CCITT G4 (T.6), G3 1-D or G3 2-D (T.4). */
typedef enum lp_fax_code { LP_FAX_CODE_G4 = 0, LP_FAX_CODE_G3, LP_FAX_CODE_G3_2D } lp_fax_code;

/* PDF/A conformance a PDF claims (ISO 19005, level b: the look is kept).
 * 3b also carries the release's Markdown source as an associated file. */
typedef enum lp_pdfa { LP_PDFA_NONE = 0, LP_PDFA_1B, LP_PDFA_2B, LP_PDFA_3B } lp_pdfa;

/* The format a name stands for ("pdf", "tiff", "png"); LP_FORMAT_AUTO when
 * none does. */
lp_format lp_format_from_name(const char *name);
/* The format a path's extension names (".pdf", ".tiff" or ".tif", ".png",
 * in any case); LP_FORMAT_AUTO when it names none. */
lp_format lp_format_from_path(const char *path);
/* "pdf", and the extension outputs get (".pdf"); NULL for LP_FORMAT_AUTO
 * and unknown values. */
const char *lp_format_name(lp_format format);
const char *lp_format_extension(lp_format format);

/* ---- Rendering ------------------------------------------------------- */

/* What lp_check_file() may print of a document's inner stages. */
typedef enum lp_dump {
	LP_DUMP_NONE,
	LP_DUMP_LINES, /* every body line: set width, adjustment ratio, text */
	LP_DUMP_DLIST /* the display list, one item a line, rounded to 0.01 pt */
} lp_dump;

typedef struct lp_signer lp_signer; /* see Signing, below */

/* The lp_render_options layout this header describes. */
#define LP_RENDER_OPTIONS_VERSION 1

typedef struct lp_render_options {
	/* LP_RENDER_OPTIONS_VERSION; 0 is read as 1. Later versions only add
	 * fields at the end: the library reads those of the version set here,
	 * and refuses a version newer than it knows (LP_ERR_USAGE). */
	int version;
	/* Layout name or path; overrides the release's `layout:`. NULL: the
	 * release's, else "plain". */
	const char *layout;
	/* Document date (seconds since the epoch) when the release has none;
	 * negative: $SOURCE_DATE_EPOCH if set, else no date. */
	int64_t date_epoch;
	/* lp_check_file() only: print this stage's stable text dump to
	 * dump_to (for golden tests and for finding out why a line broke where
	 * it did). */
	lp_dump dump;
	FILE *dump_to;
	/* What to write; LP_FORMAT_AUTO: what the output path's extension
	 * names, else PDF. A format that contradicts the output path's
	 * extension is LP_ERR_USAGE: never a mislabelled file. */
	lp_format format;
	/* TIFF: resolution and coding (zero: fine, G4). */
	lp_fax_mode fax_mode;
	lp_fax_code fax_code;
	/* PNG: resolution (0: 96 dpi; else 1 .. 1200) and 8-bit grey instead
	 * of RGB. A document of several pages makes one file a page, OUT-1.png,
	 * OUT-2.png …; to memory, one image of every page top to bottom (a
	 * batch's output); standard output takes one page. */
	double dpi;
	bool grey;
	/* PDF: apply the fax profile (text and rules darker than mid-grey in
	 * solid black, hairlines widened, watermarks outlined) and warn, as the
	 * TIFF writer always does, of what will not survive a fax. */
	bool fax;
	/* PDF: claim this PDF/A level, with XMP metadata, an sRGB output
	 * intent and what the level asks; a document that cannot meet it
	 * (a character no font has, an image with an alpha channel in 1b, a
	 * font its licence keeps from being embedded) fails with
	 * LP_ERR_UNSUPPORTED and the reason. Other formats: LP_ERR_USAGE. */
	lp_pdfa pdfa;
	/* PDF: claim PDF/UA-1 (ISO 14289-1): the pdfuaid XMP entry, the title
	 * shown in the window; a document missing what it needs (a title, a
	 * language, alternative text of an emblem or picture, a link's text,
	 * headings in order) fails with LP_ERR_UNSUPPORTED at its line. Other
	 * formats: LP_ERR_USAGE. */
	bool pdfua;
	/* PDF: sign with this credential (PAdES; docs/signing.md), borrowed;
	 * NULL: no signature. */
	const lp_signer *signer;
	/* PDF: the signature field's name (NULL: "Signature1"). With no
	 * signer, a non-NULL name adds an empty signature field at the
	 * layout's signature block, for someone to sign later. */
	const char *sign_field;
} lp_render_options;

/* Renders the release at in_path ("-" for standard input) to a file at
 * out_path ("-" for standard output) in the options' format (PDF by
 * default). The output appears whole or not at all. opts may be NULL. */
lp_status lp_render_file(lp_engine *engine, const char *in_path, const char *out_path,
        const lp_render_options *opts, lp_diag *diag);

/* Renders a release held in memory (name is used in diagnostics) into
 * memory, in the options' format (LP_FORMAT_AUTO: PDF); *pdf is malloc'd,
 * free() it. */
lp_status lp_render_memory(lp_engine *engine, const char *name, const void *data, size_t size,
        const lp_render_options *opts, uint8_t **pdf, size_t *pdf_size, lp_diag *diag);

/* Runs every stage on a release without writing anything; problems go to
 * diag. Returns LP_OK when the release would render. */
lp_status lp_check_file(
        lp_engine *engine, const char *in_path, const lp_render_options *opts, lp_diag *diag);

/* ---- What a render read ----------------------------------------------- */

/* Which side of a document a file it read is on. A release-side file (the
 * release, the signature picture it names, a layout path it names that
 * could not be loaded) is read again by every render. A layout-side file
 * (a layout's file, its fonts and pictures) is read once, when a document
 * first names the layout, and its contents kept by the engine: after it
 * changes on disk, only a new engine sees the change. */
typedef enum lp_input_kind { LP_INPUT_RELEASE = 0, LP_INPUT_LAYOUT } lp_input_kind;

typedef struct lp_input {
	const char *path; /* as it was opened: absolute, or relative to the working folder */
	lp_input_kind kind;
} lp_input;

/* The lp_render_result layout this header describes. */
#define LP_RENDER_RESULT_VERSION 1

/* What lp_render_file_result() reports besides its status and messages.
 * Before the call, set version to LP_RENDER_RESULT_VERSION (0 is read as
 * 1) and the rest to zero; later versions only add fields at the end, and
 * the library fills only the fields of the version the caller set. */
typedef struct lp_render_result {
	int version;
	/* Every file the render read or tried to read, each once, in the
	 * order first opened; on failure too, up to the failure, so that a
	 * caller can wait for a missing or broken file to be fixed. The
	 * fonts and hyphenation patterns of the data folder, and the system
	 * fonts, are the engine's and not listed; nor is standard input. */
	lp_input *inputs;
	size_t n_inputs;
	uint32_t pages; /* pages of the output; 0 when the render failed */
} lp_render_result;

/* lp_render_file(), also filling *result (see above; the strings and the
 * array are the caller's, freed by lp_render_result_clear()). Fails like
 * lp_render_file(), and with LP_ERR_USAGE for a version this library does
 * not know (result untouched). */
lp_status lp_render_file_result(lp_engine *engine, const char *in_path, const char *out_path,
        const lp_render_options *opts, lp_render_result *result, lp_diag *diag);

/* Frees what a render put in result and zeroes those fields (keeping
 * version), so that result may be passed to the next render. result may be
 * NULL. */
void lp_render_result_clear(lp_render_result *result);

/* Calls fn for each layout the engine can find, in name order. Fails with
 * LP_ERR_LIMIT (reported) when a layout folder holds more layouts than
 * letterpress lists. */
lp_status lp_engine_list_layouts(const lp_engine *engine,
        void (*fn)(const char *name, const char *description, void *user), void *user,
        lp_diag *diag);

/* ---- Fonts ---------------------------------------------------------- */

/* Where a face a layout's documents can use comes from: the layout's own
 * fonts (its `fonts: files:`), the data folder's fonts/, or the system's,
 * found by family name through fontconfig (see no_system_fonts). */
typedef enum lp_font_from {
	LP_FONT_FROM_LAYOUT = 0,
	LP_FONT_FROM_BUNDLED,
	LP_FONT_FROM_SYSTEM
} lp_font_from;

typedef struct lp_font_face {
	const char *family; /* the typographic family ("Noto Serif") */
	const char *style; /* its subfamily ("Bold Italic"); "" when it names none */
	uint16_t weight; /* 100 .. 900 (OS/2 usWeightClass) */
	bool italic;
	const char *file; /* the file it was read from */
	lp_font_from from;
} lp_font_face;

/* One character of a release and the face that sets it in body text. */
typedef struct lp_font_char {
	uint32_t codepoint;
	uint32_t line, col; /* its first place in the release (1-based) */
	/* The face that covers it, an index into faces: the first of the body
	 * style's family, the layout's fallback families and the symbol face
	 * that has it, as text is set; -1 when none has it. */
	long face;
} lp_font_char;

/* The lp_font_report layout this header describes. */
#define LP_FONT_REPORT_VERSION 1

/* What lp_font_report_make() finds. Before the call, set version to
 * LP_FONT_REPORT_VERSION (0 is read as 1) and the rest to zero; later
 * versions only add fields at the end, and the library fills only those of
 * the version the caller set. */
typedef struct lp_font_report {
	int version;
	/* Every face the layout's documents can use: the layout's own, then
	 * the data folder's, then the system faces of the families the
	 * layout names, each in the order they were loaded. */
	lp_font_face *faces;
	size_t n_faces;
	/* With a release: each distinct character of the file (front matter
	 * too, whose values are printed; spaces and controls left out), by
	 * code point. */
	lp_font_char *chars;
	size_t n_chars;
	size_t n_uncovered; /* how many of chars no face covers */
} lp_font_report;

/* Which fonts the layout (a name or a path; NULL: the release's
 * `layout:`, else "plain") brings, and, when release_path is not NULL,
 * which face sets each character of that release. Loading the layout
 * finds its families as a render does (and loads system ones into the
 * engine). Fails like lp_render_file() does on a missing or broken
 * release or layout (reported to diag), with LP_ERR_USAGE for a version
 * this library does not know (report untouched). The arrays are the
 * caller's, freed by lp_font_report_clear(); the strings in faces are the
 * engine's, valid until lp_engine_drop(). */
lp_status lp_font_report_make(lp_engine *engine, const char *layout, const char *release_path,
        lp_font_report *report, lp_diag *diag);

/* Frees the report's arrays and zeroes its fields (keeping version).
 * report may be NULL. */
void lp_font_report_clear(lp_font_report *report);

/* ---- Output files and signals ----------------------------------------- */

/* Checks before any work that out_path may be written: it must not be one
 * of the inputs (the same file, reached by any path or link), nor an
 * existing folder, FIFO, device or socket, nor another user's or a
 * read-only file. An existing symbolic link is replaced by the output, not
 * written through. "-" (standard output) is always fine. Fails with
 * LP_ERR_OUTPUT, reported to diag. */
lp_status lp_output_check(
        const char *out_path, const char *const *inputs, size_t n_inputs, lp_diag *diag);

/* For programs: installs handlers for SIGINT, SIGTERM and SIGHUP (unless
 * ignored, as under nohup) that remove the temporary files of outputs
 * being written and then let the signal end the process as it would have;
 * and ignores SIGXFSZ, so that a file-size limit is a write error rather
 * than death mid-write. Fails with LP_ERR_INTERNAL when sigaction does. */
lp_status lp_cleanup_on_signals(void);

/* ---- Batch ----------------------------------------------------------- */

/* A batch renders many releases into an archive folder with worker threads
 * over one engine, and writes ARCHIVE/manifest.jsonl: one JSON object a
 * release, sorted by source, with exactly the keys source, source_sha256,
 * output, sha256, bytes, pages, status, error, warnings, layout and
 * letterpress, and nothing that changes from run to run. A release is
 * recorded ok only once its output is durable; a release that fails
 * leaves no output behind. Bookkeeping (lock, journal, temporary files)
 * lives in ARCHIVE/.letterpress/. docs/scaling.md has the whole story. */

/* One finished release, as the progress callback sees it. */
typedef struct lp_batch_release {
	const char *source; /* its path relative to its SRC root, as in the manifest */
	const char *path; /* the file as it was opened */
	const char *output; /* relative to the archive; NULL when there is none */
	lp_status status; /* LP_OK, or why it failed */
	bool kept; /* resumed: its output from an earlier run was kept */
	const lp_diag *diag; /* its own messages; borrowed for the call */
} lp_batch_release;

typedef struct lp_batch_progress {
	size_t total; /* releases in this run (this shard) */
	size_t done; /* finished so far, ok or failed */
	size_t failed;
	size_t kept; /* of done: kept from an earlier run */
	double seconds; /* since rendering started */
	const lp_batch_release *release; /* the one just finished; NULL: a tick */
} lp_batch_progress;

typedef void (*lp_batch_fn)(const lp_batch_progress *progress, void *user);

/* The lp_batch_options layout this header describes. */
#define LP_BATCH_OPTIONS_VERSION 1

typedef struct lp_batch_options {
	/* LP_BATCH_OPTIONS_VERSION; 0 is read as 1. Later versions only add
	 * fields at the end: the library reads those of the version set here,
	 * and refuses a version newer than it knows (LP_ERR_USAGE). */
	int version;
	/* Release files (paths relative to the current folder, without '..')
	 * and folders (searched recursively for *.md; outputs mirror paths
	 * relative to the folder). */
	const char *const *sources;
	size_t n_sources;
	/* A file naming more sources, one a line; "-": standard input. */
	const char *list;
	/* The output folder; made when missing. */
	const char *archive;
	/* Worker threads; 0: one per core. */
	unsigned jobs;
	/* Keep the outputs an interrupted run made whose source and output
	 * still hash as its journal says; render the rest. */
	bool resume;
	/* Take only shard `shard` (1..n_shards) of the sources, by a stable
	 * hash of their source path, and write manifest.K-of-N.jsonl;
	 * n_shards 0: take everything. */
	uint32_t shard, n_shards;
	/* As for lp_render_file(), borrowed (NULL: the defaults); the format
	 * also names the outputs' extension. A pointer, so that the render
	 * options can grow without moving the fields after it. */
	const lp_render_options *render;
	/* Called on the calling thread after each release is durable, and at
	 * least every 100 ms while the batch runs. May be NULL. */
	lp_batch_fn progress;
	void *user;
	/* When *cancel becomes nonzero (a signal handler may set it) the batch
	 * stops: releases in flight finish, the rest are left for --resume,
	 * and lp_batch_run() returns LP_ERR_CANCELLED. May be NULL. Worker
	 * threads block asynchronous signals, so handlers run on the caller's. */
	const volatile sig_atomic_t *cancel;
} lp_batch_options;

/* The lp_batch_summary layout this header describes. */
#define LP_BATCH_SUMMARY_VERSION 1

typedef struct lp_batch_summary {
	/* LP_BATCH_SUMMARY_VERSION; 0 is read as 1. The library fills the
	 * fields of the version set here (and refuses a newer one). */
	int version;
	size_t total, ok, failed, kept;
} lp_batch_summary;

/* Runs a batch. Returns LP_OK when every release was handled and the
 * manifest published, whether or not some failed (summary->failed says);
 * LP_ERR_BUSY when another batch holds the archive's lock, LP_ERR_OUTPUT
 * when the archive cannot be made or written, LP_ERR_IO when writing fails
 * midway (a full disk: the journal still lets --resume finish),
 * LP_ERR_CANCELLED, LP_ERR_USAGE for bad options. Messages about the batch
 * itself (not its releases) go to diag; summary may be NULL. */
lp_status lp_batch_run(
        lp_engine *engine, const lp_batch_options *opts, lp_batch_summary *summary, lp_diag *diag);

/* Combines the shard manifests in archive (manifest.K-of-N.jsonl for every
 * K of one N) into manifest.jsonl, the bytes one unsharded run writes.
 * Fails with LP_ERR_MISSING (a shard's manifest is missing), LP_ERR_SYNTAX
 * (one is malformed or two list one release), LP_ERR_BUSY (a batch is
 * writing the archive) or LP_ERR_OUTPUT/LP_ERR_IO, reported to diag. */
lp_status lp_manifest_merge(const char *archive, lp_diag *diag);

/* ---- Signing ------------------------------------------------------- */

/* The lp_sign_options layout this header describes. */
#define LP_SIGN_OPTIONS_VERSION 1

/* A credential that signs PDF outputs as PAdES baseline B-B, or B-T with a
 * timestamp authority: a key and its certificate chain, checked when made
 * (password, validity now, key matches certificate, key usage allows
 * signing). Immutable once made; one signer serves many threads. */
typedef struct lp_sign_options {
	/* LP_SIGN_OPTIONS_VERSION; 0 is read as 1. Later versions only add
	 * fields at the end: the library reads those of the version set here,
	 * and refuses a version newer than it knows (LP_ERR_USAGE). */
	int version;
	/* A PKCS#12 file (.p12/.pfx), a PEM private key (then cert names its
	 * certificate), or a PKCS#11 URI ("pkcs11:token=…;object=…"). */
	const char *credential;
	const char *cert; /* PEM certificate, with a PEM key or a PKCS#11 key */
	const char *chain; /* PEM file of more certificates to embed; may be NULL */
	/* Password or PIN: the first line of this file; NULL: the environment
	 * variable LETTERPRESS_SIGN_PASSWORD (unset: none). Never argv. */
	const char *password_file;
	/* An RFC 3161 timestamp authority (http://host[:port]/path) for B-T;
	 * NULL: B-B. A failed or bad answer fails the render with LP_ERR_IO. */
	const char *tsa_url;
	/* Files of certificates, CRLs and OCSP responses (DER or PEM) for a
	 * Document Security Store after each signature (PAdES B-LT with a
	 * timestamp), with the signer's chain and the timestamp's
	 * certificates; n_ltv_files 0: no DSS. Checked when the signer is
	 * made: one that holds none of these, an OCSP refusal, or data that
	 * says the signer is revoked is LP_ERR_SYNTAX. */
	const char *const *ltv_files;
	size_t n_ltv_files;
} lp_sign_options;

/* Loads and checks a credential. Fails with LP_ERR_MISSING (a file is
 * missing), LP_ERR_SYNTAX (a wrong password, an expired or not yet valid
 * certificate, a key that is not the certificate's, a certificate whose
 * key usage forbids signing), LP_ERR_USAGE (bad options), reported to diag.
 * Key material read from files is wiped from memory once parsed. */
lp_status lp_signer_new(const lp_sign_options *opts, lp_signer **out, lp_diag *diag);
/* Wipes and frees the key. */
void lp_signer_drop(lp_signer *signer);

/* ---- Version --------------------------------------------------------- */

/* "X.Y.Z". Never fails. */
const char *lp_version(void);

/* One library letterpress uses, and the version in use. */
typedef struct lp_library_version {
	const char *name; /* "HarfBuzz", "FreeType", "ICU", "libharu", "libhyphen", … */
	char version[48]; /* "6.0.0"; "unknown" when the library cannot tell */
	/* false: asked of the loaded library at run time; true: the version
	 * the build found, for libraries that have no run-time query
	 * (libhyphen, md4c, libjpeg, libdeflate). */
	bool build_time;
} lp_library_version;

/* Fills out[0 .. max) with the libraries in a fixed order (HarfBuzz,
 * FreeType, ICU, libharu, libhyphen first) and returns how many there are
 * (max 0 counts them). entry_size is sizeof(lp_library_version) as the
 * caller was built: a later library whose entry has grown writes only the
 * fields an entry of that size holds, one entry_size apart. Never fails. */
size_t lp_library_versions(lp_library_version *out, size_t max, size_t entry_size);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif
