/*
 * What the files of the PDF backend share. Only src/pdf/ includes hpdf*.h;
 * nothing declared here leaves this folder.
 */
#ifndef LP_PDF_PDF_INTERNAL_H
#define LP_PDF_PDF_INTERNAL_H

#include "pdf/pdf.h"

#include "base/arena.h"
#include "base/array.h"
#include "dlist/device.h"
#include "pdf/pdf_fontcache.h"
#include "pdf/pdf_heap.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

/* One embedded font: the glyphs the document uses and what they mean. */
typedef struct lp_pdf_font {
	const lp_font *font;
	char res_name[16]; /* resource name, "F1" */
	uint32_t n_gids; /* glyph count of the face */
	uint8_t *used; /* bitmap over gids; arena */
	const char **text; /* per gid: the UTF-8 its ToUnicode entry maps to, or NULL */
	float *width; /* per used gid: advance in 1/1000 em, as written in /W */
	uint16_t *cid; /* per used gid: its CID, the glyph's index in the subset */
	uint32_t n_cids; /* glyphs in the subset */
	/* Glyphs drawn seen-only (dlist.h, LP_TEXT_SEEN_ONLY): a bitmap over
	 * gids, NULL when there are none. They are shown through a second
	 * Type0 font over the same CIDFont, whose ToUnicode maps them to
	 * spaces (pdf_font.c), under the resource name echo_name. */
	uint8_t *echo;
	char echo_name[20];
} lp_pdf_font;

typedef struct lp_pdf_gstate {
	float fill, stroke;
	HPDF_ExtGState gs;
} lp_pdf_gstate;

typedef struct lp_pdf_xobject {
	const lp_image *image;
	HPDF_Image xobj;
} lp_pdf_xobject;

/* An axial shading made for a gradient (pdf_shading.c), shared by the
 * pages that show the same one. */
typedef struct lp_pdf_shading {
	lp_dl_gradient key; /* its stops in the arena */
	float page_h;
	HPDF_Dict obj;
	HPDF_Dict res; /* the resources it was last named in */
	char name[16]; /* "Sh1" */
} lp_pdf_shading;

typedef struct lp_pdf_deflater lp_pdf_deflater;
typedef struct lp_pdf_struct lp_pdf_struct;

typedef struct lp_pdf_dev {
	lp_device dev;
	HPDF_Doc doc;
	lp_pdf_heap *heap; /* libharu's memory for doc */
	lp_arena *arena;
	lp_diag *diag;
	lp_pdf_options opt;
	/* The writer's sticky error (as fz_output's, and the display-list
	 * builder's): the first failure, reported where it happened. Once it
	 * is set every put is a no-op, so a writer checks it once per item
	 * (a page, a glyph run, an object) rather than after every call. */
	lp_status error;
	lp_status hpdf_status; /* set by the libharu error callback */
	unsigned long hpdf_error, hpdf_detail;

	lp_pdf_font *fonts;
	uint32_t n_fonts, cap_fonts;
	HPDF_Dict font_res; /* the one /Font resource dict every page shares */

	HPDF_Page page;
	/* The content stream being drawn (a page's, or the signature
	 * appearance's), kept here and handed to libharu whole when it ends
	 * (lp_pdf_content_end()): libharu's memory streams copy byte by byte,
	 * and a page is thousands of small writes. */
	uint8_t *content;
	size_t content_n, content_cap;
	float page_h;

	lp_pdf_gstate *gstates;
	uint32_t n_gstates, cap_gstates;
	lp_pdf_xobject *xobjects;
	uint32_t n_xobjects, cap_xobjects;
	lp_pdf_shading *shadings;
	uint32_t n_shadings, cap_shadings;
	struct lp_pdf_form *forms; /* pdf_form.c: the forms made so far; arena */
	uint32_t n_forms, cap_forms;
	/* The resources of the content being drawn (the page's, a form's),
	 * where shadings are named; NULL: gradients are drawn in their mean
	 * colour. */
	HPDF_Dict shading_res;
	lp_pdf_deflater *deflater; /* one per document, for all its streams */
	int64_t meta_date; /* the document's date (lp_dl_meta.date) */
	HPDF_Page *pages; /* every page made so far, for bookmarks; arena */
	uint32_t n_pages;

	/* pdf_sigfield.c: the list (for its signature block), where the
	 * replay is, and the page the field goes on. */
	const lp_dlist *sig_list;
	uint32_t page_index, item_index;
	HPDF_Page sig_page;
	float sig_page_h;
	lp_pdf_struct *tags; /* the structure tree being built (pdf_struct.c) */
} lp_pdf_dev;

/* pdf_form.c: the content drawn since start (a self-contained drawing,
 * its own q ... Q) moved into a form XObject, which the page draws with
 * Do; the same bytes give one form a document, deflated once an engine.
 * Nothing changes outside a page's own content. */
typedef struct lp_pdf_form lp_pdf_form;
lp_status lp_pdf_form_from_content(lp_pdf_dev *d, size_t start);
/* The same for a drawing's bytes made before (bytes[0, n), a self-contained
 * drawing); outside a page's own content they are drawn inline. */
lp_status lp_pdf_form_draw(lp_pdf_dev *d, const uint8_t *bytes, size_t n);

/* pdf_font.c: collects every glyph of the list (first text wins), then
 * writes each font's objects. */
lp_status lp_pdf_fonts_collect(lp_pdf_dev *d, const lp_dlist *list);
/* The same for items [first, first + n) of one page only. */
lp_status lp_pdf_fonts_collect_items(
        lp_pdf_dev *d, const lp_dl_page *page, uint32_t first, uint32_t n);
lp_status lp_pdf_fonts_write(lp_pdf_dev *d);
lp_pdf_font *lp_pdf_font_find(lp_pdf_dev *d, const lp_font *font);
/* The text glyph i of a run shows, its length returned and *text set to
 * it: its cluster's whole text on the cluster's first glyph, none on the
 * others (in run->text); but each glyph of a cluster of a base and its
 * combining marks drawn a glyph each shows its own character (in buf). */
uint32_t lp_pdf_glyph_text(const lp_dl_text *run, uint32_t i, char buf[4], const char **text);

/* pdf_subset.c: hb-subset of the used glyphs, renumbered from 0 in glyph
 * order; cid[gid] (n_gids entries, arena of the caller) gets each used
 * glyph's new index and *n_cids their count. The blob bytes are malloc'ed
 * into *data. */
lp_status lp_pdf_subset(const lp_font *font, const uint8_t *used, uint32_t n_gids, uint16_t *cid,
        uint32_t *n_cids, uint8_t **data, size_t *size, lp_diag *diag);
/* The font's program and /CIDSet for the glyphs it uses, as the document
 * stores them: from the options' font cache, or subset (and deflated, when
 * compressing) here and offered to the cache. Sets f->cid and f->n_cids.
 * The bytes *program points at are the cache's or in the document's arena. */
lp_status lp_pdf_font_program_get(lp_pdf_dev *d, lp_pdf_font *f, lp_pdf_font_program *program);

/* pdf_deflate.c: stream data deflated here (by libdeflate, at its fastest
 * level) rather than by libharu; marks the stream /FlateDecode. */
HPDF_STATUS lp_pdf_write_deflated(
        lp_pdf_dev *d, HPDF_Dict stream_dict, const uint8_t *data, size_t size);
void lp_pdf_deflater_drop(lp_pdf_deflater *z);
/* data deflated into *out (the document's arena), as lp_pdf_write_deflated() would
 * write it. */
lp_status lp_pdf_deflate_copy(
        lp_pdf_dev *d, const uint8_t *data, size_t size, uint8_t **out, size_t *out_size);
/* A stream's whole data as it is stored: marked /FlateDecode when it was
 * deflated already (lp_pdf_deflate_copy()). */
HPDF_STATUS lp_pdf_write_stored(
        HPDF_Dict stream_dict, const uint8_t *data, size_t size, bool deflated);

/* pdf_tounicode.c */
lp_status lp_pdf_tounicode_write(lp_pdf_dev *d, const lp_pdf_font *f, HPDF_Dict stream_dict);
/* UTF-16BE with BOM into an arena buffer, for info dictionary strings and
 * /ActualText. */
uint8_t *lp_pdf_utf16(lp_arena *arena, const char *text, size_t len, size_t *out_len);

/* pdf_content.c: content stream operators, each a no-op once the writer
 * has failed; the draw functions return the writer's error. */
void lp_pdf_put(lp_pdf_dev *d, const char *s);
void lp_pdf_put_bytes(lp_pdf_dev *d, const char *s, size_t n);
/* "/Span <</ActualText <FEFF…>>> BDC": text (UTF-8) as what the marked
 * content stands for. */
void lp_pdf_begin_actual_text(lp_pdf_dev *d, const char *text, size_t len);
/* The content drawn since the last end goes into stream_dict's stream,
 * deflated when the document is compressed; the buffer is then empty. */
lp_status lp_pdf_content_end(lp_pdf_dev *d, HPDF_Dict stream_dict);
/* A glyph as its CID, its number in the subset: four hex digits. */
void lp_pdf_put_cid(lp_pdf_dev *d, const lp_pdf_font *f, uint32_t gid);
/* A number with at most 3 decimals, locale-independent, no exponent. */
void lp_pdf_num(lp_pdf_dev *d, double v);
lp_status lp_pdf_draw_text(lp_pdf_dev *d, const lp_dl_text *run);
/* pdf_tracked.c: a run tracked too widely for readers to join its letters
 * (lp_pdf_draw_text hands it over) drawn as outlines over invisible text. */
bool lp_pdf_tracking_is_wide(const lp_dl_text *run);
lp_status lp_pdf_draw_tracked(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f);
lp_status lp_pdf_draw_read_only(lp_pdf_dev *d, const lp_dl_text *run, const lp_pdf_font *f);
lp_status lp_pdf_draw_rule(lp_pdf_dev *d, const lp_dl_rule *rule);
lp_status lp_pdf_draw_path(lp_pdf_dev *d, const lp_dl_path *path);
/* LP_ERR_LIMIT (reported) unless every value is within LP_PDF_MAX_COORD. */
lp_status lp_pdf_coords_ok(lp_pdf_dev *d, const float *v, size_t n);
/* Writes v rounded to 3 decimals into buf (>= 32 bytes); returns the rounded value. */
double lp_pdf_fmt(char *buf, double v);
/* v in decimal at buf, zero-filled to at least width digits (at most 20),
 * NUL-terminated; its length. For object numbers and offsets written
 * per object, where printf's parsing of the format was the cost. */
size_t lp_pdf_fmt_size(char buf[24], size_t v, int width);

/* pdf_shading.c: the name of an axial shading of g in d->shading_res,
 * made (or found) now; NULL when there is no resource dictionary to name
 * it in, or on failure (the writer's error). */
const char *lp_pdf_shading_name(lp_pdf_dev *d, const lp_dl_gradient *g);

/* pdf_image.c */
lp_status lp_pdf_draw_image(lp_pdf_dev *d, const lp_dl_image *img);

/* pdf_xmp.c: a date as an Info string ("D:20240220120000Z") and as XMP
 * ("2024-02-20T12:00:00Z"); false (nothing written) when there is none. */
bool lp_pdf_dates(int64_t date, char info[24], char xmp[24]);
/* The XMP packet of a PDF/A file, the twin of the Info dictionary, as the
 * catalog's /Metadata. */
lp_status lp_pdf_xmp_write(
        lp_pdf_dev *d, const lp_dl_meta *m, const char *producer, const char *creator);

/* pdf_pdfa.c: what a PDF/A level asks beyond metadata. Each returns
 * LP_OK at once when the document claims no level. */
/* Refuses fonts the level cannot carry and glyphs no font has (.notdef);
 * after lp_pdf_fonts_collect, before lp_pdf_fonts_write. */
lp_status lp_pdf_pdfa_fonts(lp_pdf_dev *d);
/* The sRGB output intent and, for 3b, the source as an associated file. */
lp_status lp_pdf_pdfa_catalog(lp_pdf_dev *d);
/* Refuses an image with an alpha channel in PDF/A-1. */
lp_status lp_pdf_pdfa_image(lp_pdf_dev *d, const lp_dl_image *img);
/* PDF/A-1 has no transparency: *out is path drawn opaque in the colour it
 * shows over white paper. Otherwise *out is path. */
void lp_pdf_pdfa_path(const lp_pdf_dev *d, const lp_dl_path *path, lp_dl_path *out);

/* pdf_outline.c: bookmarks from the display list's outline entries and
 * page labels, once every page exists. */
lp_status lp_pdf_outline_write(lp_pdf_dev *d, const lp_dlist *list);

/* pdf_sigfield.c: the signature field. sig_page() at each page's start;
 * sig_skip_tag() before each tag and sig_skip() before each item: true
 * for a stamp item, which only the widget's appearance shows (and for a
 * tag only the stamp made necessary), each noting on the way where the
 * widget stands in the structure (lp_pdf_sigtree_place()); sig_is_stamp()
 * the same for item k of page p. sig_append() adds the field to the saved
 * file (*data, a malloc'd buffer it reallocates) as an incremental
 * update. */
void lp_pdf_sig_page(lp_pdf_dev *d, uint32_t index);
bool lp_pdf_sig_skip(lp_pdf_dev *d);
bool lp_pdf_sig_skip_tag(lp_pdf_dev *d);
bool lp_pdf_sig_is_stamp(const lp_pdf_dev *d, uint32_t p, uint32_t k);
lp_status lp_pdf_sig_append(lp_pdf_dev *d, uint8_t **data, size_t *size);

/* pdf_xref.c: a saved file's cross-reference, every section along its
 * /Prev chain (classic tables and cross-reference streams), and its
 * objects, at an offset or in an object stream. */
typedef struct lp_pdf_xref lp_pdf_xref;
typedef struct lp_pdf_xref_info {
	size_t startxref; /* where the newest section is */
	uint32_t size; /* its /Size: the first free object number */
	bool is_stream; /* it is a cross-reference stream */
	const uint8_t *id; /* its /ID array, "[…]", borrowed from the file */
	size_t id_len;
	uint32_t root, info; /* its /Root and /Info object numbers (0: none) */
} lp_pdf_xref_info;
/* Reads the cross-reference of data, which must outlive *out. Fails with
 * LP_ERR_NOMEM, or LP_ERR_INTERNAL (nothing reported) when the file is
 * not laid out as a PDF letterpress could have written. */
lp_status lp_pdf_xref_read(const uint8_t *data, size_t size, lp_pdf_xref **out);
const lp_pdf_xref_info *lp_pdf_xref_info_of(const lp_pdf_xref *x);
/* Object obj's value (between "obj" and "endobj", or in its object
 * stream), trailing white space left out; borrowed from the file or from
 * x (an object stream is decoded once, on first use). NULL when the file
 * has no such object. */
const uint8_t *lp_pdf_xref_object(lp_pdf_xref *x, uint32_t obj, size_t *len);
void lp_pdf_xref_drop(lp_pdf_xref *x);

/* pdf_xref_token.c: the tokens pdf_xref.c reads, each bounded by n (the
 * buffer has no terminating NUL). */
bool lp_pdf_xref_is_space(uint8_t c);
size_t lp_pdf_xref_skip_space(const uint8_t *p, size_t i, size_t n);
/* A non-negative integer of at most 15 digits at p[*i], *i moved past it. */
bool lp_pdf_xref_integer(const uint8_t *p, size_t *i, size_t n, size_t *v);
const uint8_t *lp_pdf_xref_find(const uint8_t *p, size_t n, const char *s);
/* Where the value of /key starts in the dictionary [d, d + n), or n. */
size_t lp_pdf_xref_key_at(const uint8_t *d, size_t n, const char *key);
bool lp_pdf_xref_key_int(const uint8_t *d, size_t n, const char *key, size_t *v);
/* An array of at most max integers; its count, or -1. */
int lp_pdf_xref_key_ints(const uint8_t *d, size_t n, const char *key, size_t *v, int max);
/* "N G obj" at p[at]: where its value starts. */
bool lp_pdf_xref_object_head(const uint8_t *p, size_t n, size_t at, size_t *num, size_t *body);
/* A stream object's dictionary [*dict, *dict_end) and data [*data, + len). */
bool lp_pdf_xref_stream_at(const uint8_t *p, size_t n, size_t at, size_t *num, size_t *dict,
        size_t *dict_end, size_t *data, size_t *len);
/* The stream's data, inflated into *out (malloc'd) when /FlateDecode. */
lp_status lp_pdf_xref_decode(
        const uint8_t *d, size_t dn, const uint8_t *in, size_t n, uint8_t **out, size_t *out_n);

/* pdf_update.c: an incremental update (§7.5.6) of a saved file. Between
 * begin and drop, the objects libharu's object layer makes are the
 * update's, numbered after the file's. */
typedef struct lp_pdf_update {
	HPDF_Xref saved; /* the document's own table, set aside */
	HPDF_Xref xref; /* the update's new objects */
	lp_pdf_xref *file; /* the file's cross-reference, read by begin */
	size_t prev; /* where the file's newest cross-reference section is */
	bool stream; /* it is a stream, and so is the update's */
	uint32_t size; /* the file's /Size: the first new object's number */
	char id[104]; /* the file's /ID array, "[ … ]", kept by the update */
	size_t id_len;
} lp_pdf_update;

/* An object the update writes as text: a revision of one of the file's,
 * or a new one (lp_pdf_update_end()'s added). */
typedef struct lp_pdf_revision {
	uint32_t obj;
	const void *text; /* its value, "<<…>>" */
	size_t len;
	size_t offset; /* set by lp_pdf_update_end() */
} lp_pdf_revision;

/* A growing malloc'd buffer with a sticky failure. */
typedef struct lp_pdf_text {
	uint8_t *p;
	size_t n, cap;
	bool failed;
} lp_pdf_text;
bool lp_pdf_text_add(lp_pdf_text *b, const void *p, size_t n);
bool lp_pdf_text_printf(lp_pdf_text *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

lp_status lp_pdf_update_begin(lp_pdf_dev *d, const uint8_t *data, size_t size, lp_pdf_update *u);
/* The part of begin that reads the file (no libharu objects), for an
 * update that writes its objects as text; LP_ERR_INTERNAL, nothing
 * reported, when the file is not one letterpress wrote. Free with
 * lp_pdf_xref_drop(u->file). */
lp_status lp_pdf_update_read(const uint8_t *data, size_t size, lp_pdf_update *u);
/* The update's cross-reference section and trailer, of the file's kind:
 * n_rev revised objects (sorted by number, offsets set), n_new new ones
 * numbered from u->size at offsets[]. */
void lp_pdf_update_section(const lp_pdf_update *u, const lp_pdf_revision *rev, uint32_t n_rev,
        const size_t *offsets, uint32_t n_new, uint32_t root, uint32_t info, lp_pdf_text *b);
/* The value of object obj in the file (between "obj\n" and "\nendobj"),
 * borrowed from data; NULL when the table has no such object. */
const uint8_t *lp_pdf_update_object(
        const lp_pdf_update *u, const uint8_t *data, uint32_t obj, size_t *len);
/* The number the next new object gets: after libharu's objects made so
 * far, the first of those given to end as text. */
uint32_t lp_pdf_update_next(const lp_pdf_update *u);
/* Appends the new objects (libharu's, then the n_added given as text,
 * numbered on from lp_pdf_update_next() once libharu's are made), the
 * revisions (sorted here), a cross-reference section and a trailer with
 * the file's /ID to *data. */
lp_status lp_pdf_update_end(lp_pdf_dev *d, lp_pdf_update *u, lp_pdf_revision *rev, uint32_t n_rev,
        const lp_pdf_revision *added, uint32_t n_added, uint8_t **data, size_t *size);
/* Gives the document its table back and frees the update's objects;
 * NULL-safe after a failed begin. */
void lp_pdf_update_drop(lp_pdf_dev *d, lp_pdf_update *u);

/* The structure tree as pdf_struct.c records it while the pages are
 * drawn and pdf_structtree.c writes it into the saved file. A kid of a
 * node (its kids are in content order): */
typedef enum lp_pdf_kid_kind {
	LP_PDF_KID_MCID, /* marked content: page, mcid */
	LP_PDF_KID_NODE, /* a child node: n */
	LP_PDF_KID_OBJR /* an annotation: page, annot */
} lp_pdf_kid_kind;

typedef struct lp_pdf_kid {
	lp_pdf_kid_kind kind;
	uint32_t page, n; /* LP_PDF_KID_OBJR: n is the annotation's object number */
} lp_pdf_kid;

typedef struct lp_pdf_node_state {
	lp_pdf_kid *kids;
	uint32_t n_kids, cap_kids;
	bool attached; /* a kid of its parent already */
	uint32_t page; /* of its first marked content, for /Pg */
	bool has_page;
	uint32_t obj; /* its object number once numbered, 0 when left out */
} lp_pdf_node_state;

/* One page's MCIDs: which node each belongs to. */
typedef struct lp_pdf_page_state {
	uint32_t obj; /* the page's object number */
	uint32_t *mcid_node;
	uint32_t n_mcids, cap_mcids;
	bool tabs; /* /Tabs /S written */
} lp_pdf_page_state;

/* An annotation and its node, for the ParentTree. */
typedef struct lp_pdf_annot_state {
	uint32_t obj;
	uint32_t node;
} lp_pdf_annot_state;

struct lp_pdf_struct {
	const lp_dlist *list;
	lp_pdf_node_state *nodes;
	lp_pdf_page_state *pages;
	uint32_t page; /* the current page */
	bool open; /* a marked-content sequence is open */
	uint32_t node; /* the current tag */
	lp_dl_artifact artifact;
	lp_pdf_annot_state *annots;
	uint32_t n_annots, cap_annots;
	bool finished;
	/* pdf_sigtree.c: how many kids the document's element had when the
	 * replay reached the signature block's stamp room (once it has). */
	bool sig_placed;
	uint32_t sig_kid_at;
};

/* A structure role's name, in the content streams and the tree (Span for
 * a role without one). */
const char *lp_pdf_struct_role_name(lp_dl_role r);

/* pdf_struct.c: tagged PDF. begin once the document starts (arena state),
 * page after each page is added, tag before the items of each tag (it
 * closes the previous marked-content sequence and opens the next),
 * end_page before a page's stream is finished, link after each link
 * annotation is made (its /Contents, /StructParent, the page's /Tabs);
 * pdf_structtree.c: finish after the last page (the tree, ParentTree and
 * /MarkInfo). */
lp_status lp_pdf_struct_begin(lp_pdf_dev *d, const lp_dlist *list);
lp_status lp_pdf_struct_page(lp_pdf_dev *d, uint32_t index);
lp_status lp_pdf_struct_tag(lp_pdf_dev *d, uint32_t node, lp_dl_artifact artifact);
lp_status lp_pdf_struct_end_page(lp_pdf_dev *d);
lp_status lp_pdf_struct_link(lp_pdf_dev *d, HPDF_Annotation annot, const char *contents);
lp_status lp_pdf_struct_finish(lp_pdf_dev *d);
/* After saving: adds the tree's objects to the file's bytes (*data, a
 * malloc'd buffer it reallocates) and its cross-reference section. */
lp_status lp_pdf_struct_splice(lp_pdf_dev *d, uint8_t **data, size_t *size);

/* pdf_sigtree.c: the signature widget in the structure tree, when the
 * file is tagged. place() before each tag and item of the replay (it
 * notes where the signature block's stamp room stands); key() the
 * widget's /StructParent; write(), in the signature's update once
 * libharu's objects are made, the revised StructTreeRoot and document
 * element (rev, their text in out[0], out[1]) and the new Form element
 * holding the widget (added, its text in out[2]). */
void lp_pdf_sigtree_place(lp_pdf_dev *d);
uint32_t lp_pdf_sigtree_key(const lp_pdf_dev *d);
lp_status lp_pdf_sigtree_write(lp_pdf_dev *d, const lp_pdf_update *u, uint32_t widget,
        uint32_t page, lp_pdf_text out[3], lp_pdf_revision rev[2], lp_pdf_revision *added);

/* pdf_objstm.c: after the splice, the file rewritten with its small
 * objects in one compressed object stream and a cross-reference stream
 * (PDF 1.5); *data (malloc'd) is replaced. */
lp_status lp_pdf_objstm_pack(lp_pdf_dev *d, uint8_t **data, size_t *size);
/* pdf_classic.c: after the splice, a PDF 1.4 file (PDF/A-1, which cannot
 * pack) rewritten in the classic layout without what its syntax does not
 * need: length objects, white space, strings as hex; libharu's objects
 * renumbered to match. */
lp_status lp_pdf_classic_compact(lp_pdf_dev *d, uint8_t **data, size_t *size);

/* The first glyph at or after g set in bits (a bitmap over n glyphs, most
 * significant bit first), or n: a document uses a few hundred of a face's
 * thousands of glyphs, so its glyph loops skip empty bytes whole. */
static inline uint32_t
lp_pdf_next_glyph(const uint8_t *bits, uint32_t n, uint32_t g)
{
	while (g < n) {
		unsigned b = bits[g / 8] & (0xffu >> (g % 8));
		if (b) {
			uint32_t at = g / 8 * 8 + (uint32_t)__builtin_clz(b) - 24;
			return at < n ? at : n;
		}
		g = g / 8 * 8 + 8;
	}
	return n;
}

#define LP_PDF_EACH_GLYPH(g, bits, n)                                                              \
	for (uint32_t g = lp_pdf_next_glyph((bits), (n), 0); g < (n);                              \
	        g = lp_pdf_next_glyph((bits), (n), g + 1))

/* pdf_doc.c */
/* Turns a libharu failure into a status and a message (once), and makes
 * it the writer's error. */
lp_status lp_pdf_check(lp_pdf_dev *d, HPDF_STATUS st, const char *what);
/* Makes s the writer's error unless it has one; returns the writer's
 * error. */
lp_status lp_pdf_fail(lp_pdf_dev *d, lp_status s);
/* The status of one libharu call made for `what`: a failure becomes the
 * writer's error (lp_pdf_check) unless it has one; returns the writer's
 * error. The call itself has run whatever the writer's error: an object
 * handed to libharu belongs to the document from then on, so building an
 * object goes on to its end and is checked once. */
lp_status lp_pdf_hpdf(lp_pdf_dev *d, HPDF_STATUS st, const char *what);
/* Appends to a stream of its own (a metadata packet, a CMap; the page's
 * content has lp_pdf_put): a no-op once the writer has failed, and a
 * failure made the writer's error, as lp_pdf_hpdf. */
void lp_pdf_stream_put(lp_pdf_dev *d, HPDF_Stream out, const char *s, const char *what);
void lp_pdf_stream_write(
        lp_pdf_dev *d, HPDF_Stream out, const void *data, size_t len, const char *what);
/* One step of the writer that returns a status of its own (a font's
 * objects, the structure tree), as a statement: skipped once the writer
 * has failed, and its failure kept as the writer's error. */
#define LP_PDF_STEP(d, call) ((void)((d)->error == LP_OK && lp_pdf_fail((d), (call)) != LP_OK))

#endif
