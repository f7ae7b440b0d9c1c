/*
 * The PDF backend: an lp_device on libharu that replays a display list
 * into a PDF 1.7 file. It never shapes or lays out; glyph ids and positions
 * come from the display list as they are. Fonts are embedded once per
 * document as Type0/Identity-H with a hb-subset subset, a ToUnicode CMap
 * built from the glyph runs' clusters, and /ActualText where a run needs
 * it. Output is deterministic: the same list gives the same bytes.
 */
#ifndef LP_PDF_PDF_H
#define LP_PDF_PDF_H

#include "letterpress.h"

#include "dlist/dlist.h"

/* A signature field at the display list's signature block
 * (pdf_sigfield.c). */
typedef struct lp_pdf_sig {
	const char *field_name; /* printable ASCII, no '.' */
	/* true: a signature dictionary with placeholders for sign/pades.c to
	 * fill (the output is not a valid PDF until it has); false: an empty
	 * field to sign later. */
	bool sign;
	size_t contents_bytes; /* signing: the room /Contents reserves */
} lp_pdf_sig;

typedef struct lp_pdf_options {
	bool compress; /* Flate-compress every stream; default true */
	lp_pdfa pdfa; /* the PDF/A level to meet (pdf_pdfa.c); default none */
	bool pdfua; /* claim PDF/UA-1: XMP pdfuaid, DisplayDocTitle (pdf_xmp.c) */
	/* No marked content and no structure tree: for bench/pdfa.sh only,
	 * which measures what tags cost (LETTERPRESS_BENCH_UNTAGGED). */
	bool untagged;
	/* The release (its name and bytes): a PDF/A-3 embeds it as its
	 * source. May be NULL otherwise. */
	const char *source_name;
	const uint8_t *source;
	size_t source_size;
	const lp_pdf_sig *sig; /* NULL: no signature field */
	/* Font programs kept across documents (pdf_fontcache.h), shared by
	 * every thread of an engine; NULL: each document subsets its own. */
	struct lp_pdf_font_cache *font_cache;
	/* When not NULL: receives the SHA-256 of the bytes returned, found
	 * with the file /ID's (the file is hashed once for both); not set
	 * when a signature field follows. */
	struct lp_file_digest *digest;
} lp_pdf_options;

/* A Document Security Store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1
 * §5.4), pdf_dss.c: DER certificates, CRLs and OCSP responses, and the
 * key of the signature's VRI entry (the uppercase hex SHA-1 of its
 * /Contents). */
typedef struct lp_pdf_blob {
	const uint8_t *p;
	size_t n;
} lp_pdf_blob;
typedef struct lp_pdf_dss {
	const lp_pdf_blob *certs, *crls, *ocsps;
	size_t n_certs, n_crls, n_ocsps;
	char vri[41];
} lp_pdf_dss;

/* Appends the DSS to a signed PDF that letterpress wrote (*data, malloc'd,
 * reallocated) as an incremental update: a stream a blob, the VRI entry,
 * the /DSS dictionary and a new revision of the catalog; the bytes before
 * stay as they are. Fails with LP_ERR_INTERNAL (not such a file) or
 * LP_ERR_NOMEM, reported. */
lp_status lp_pdf_dss_append(uint8_t **data, size_t *size, const lp_pdf_dss *dss, lp_diag *diag);

/* The defaults (compress on). Never fails. */
lp_pdf_options lp_pdf_options_default(void);

/* Renders to memory, never touching the file system. options may be NULL
 * (defaults). On success *data is a malloc'ed buffer the caller frees.
 * Fails with LP_ERR_BACKEND (libharu), LP_ERR_FONT (a font cannot be
 * subset), LP_ERR_USAGE (an empty document, a bad link URI), LP_ERR_LIMIT
 * or LP_ERR_NOMEM, reported to diag. */
lp_status lp_pdf_render(const lp_dlist *list, const lp_pdf_options *options, uint8_t **data,
        size_t *size, lp_diag *diag);

/* Renders, then publishes atomically with base/atomic_file.h ("-" =
 * standard output). On failure the target is untouched. */
lp_status lp_pdf_write(
        const lp_dlist *list, const lp_pdf_options *options, const char *path, lp_diag *diag);

#endif
