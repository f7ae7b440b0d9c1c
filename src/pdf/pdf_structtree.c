/*
 * The structure tree pdf_struct.c recorded (see there), written out: a
 * placeholder in the catalog when the pages are done, then, once libharu
 * has saved the file, the StructTreeRoot with its ParentTree and one
 * StructElem per node that shows something, as text where the
 * cross-reference section was, that section rewritten after them. Apart
 * from the recording because it runs once, on the saved bytes rather
 * than on libharu's objects: libharu keeps every dictionary entry in a
 * 128-byte name buffer, and a list of ten thousand items made 40 MB of
 * them.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stands in the catalog for the StructTreeRoot's reference until the
 * splice knows its number; as long as any reference it can become. */
#define ROOT_PLACEHOLDER "LpStructTreeRootHere0000"

lp_status
lp_pdf_struct_finish(lp_pdf_dev *d)
{
	if (!d->tags)
		return LP_OK; /* untagged (a benchmark's baseline) */
	const char *what = "structure tree";
	HPDF_Dict mark = HPDF_Dict_New(d->doc->mmgr);
	if (!mark)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, what);
	lp_pdf_hpdf(d, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE), what);
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "MarkInfo", mark), what);
	lp_pdf_hpdf(
	        d, HPDF_Dict_AddName(d->doc->catalog, "StructTreeRoot", ROOT_PLACEHOLDER), what);
	d->tags->finished = true;
	return d->error;
}

typedef struct text_buf {
	char *p;
	size_t n, cap;
	bool failed;
	bool count_only; /* a first pass that only measures */
} text_buf;

static void put(text_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(text_buf *b, const char *fmt, ...)
{
	if (b->failed)
		return;
	if (b->count_only) {
		va_list ap;
		va_start(ap, fmt);
		int k = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		b->n += k > 0 ? (size_t)k : 0;
		return;
	}
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
		va_end(ap);
		if (k < 0) {
			b->failed = true;
			return;
		}
		if (b->p && b->n + (size_t)k < b->cap) {
			b->n += (size_t)k;
			return;
		}
		if (LP_ARRAY_RESERVE(b->p, b->cap, b->n + (size_t)k + 1, LP_ARRAY_ANY) != LP_OK) {
			b->failed = true;
			return;
		}
	}
}

/* put() for what is written for every element, kid and page: plain
 * bytes, without a format to parse twice (the measuring pass and the
 * writing one). */
static void
put_bytes(text_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (!b->count_only) {
		if (b->n + n >= b->cap &&
		        LP_ARRAY_RESERVE(b->p, b->cap, b->n + n + 1, LP_ARRAY_ANY) != LP_OK) {
			b->failed = true;
			return;
		}
		memcpy(b->p + b->n, s, n);
	}
	b->n += n;
}

static void
put_s(text_buf *b, const char *s)
{
	put_bytes(b, s, strlen(s));
}

static void
put_u(text_buf *b, size_t v, int width)
{
	char digits[24];
	put_bytes(b, digits, lp_pdf_fmt_size(digits, v, width));
}

/* " N 0 R" after prefix. */
static void
put_ref(text_buf *b, const char *prefix, uint32_t obj)
{
	put_s(b, prefix);
	put_u(b, obj, 0);
	put_bytes(b, " 0 R", 4);
}

static void
put_hex4(text_buf *b, uint32_t c)
{
	static const char hex[] = "0123456789ABCDEF";
	char h[4] = {hex[c >> 12 & 15], hex[c >> 8 & 15], hex[c >> 4 & 15], hex[c & 15]};
	put_bytes(b, h, 4);
}

static void
put_utf16(text_buf *b, const char *s)
{
	put_s(b, "<FEFF");
	for (size_t i = 0; s[i];) {
		uint32_t c = (unsigned char)s[i];
		int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (len > 1)
			c &= 0xFF >> (len + 1);
		for (int k = 1; k < len && s[i + k]; k++)
			c = c << 6 | ((unsigned char)s[i + k] & 0x3F);
		for (int k = 0; k < len && s[i]; k++)
			i++;
		if (c > 0xFFFF) {
			c -= 0x10000;
			put_hex4(b, 0xD800 + (c >> 10));
			put_hex4(b, 0xDC00 + (c & 0x3FF));
		} else {
			put_hex4(b, c);
		}
	}
	put_s(b, ">");
}

static void
put_kid(text_buf *b, const lp_pdf_struct *t, const lp_pdf_node_state *ns, const lp_pdf_kid *k)
{
	if (k->kind == LP_PDF_KID_NODE) {
		put_ref(b, " ", t->nodes[k->n].obj);
	} else if (k->kind == LP_PDF_KID_MCID && ns->has_page && k->page == ns->page) {
		put_s(b, " ");
		put_u(b, k->n, 0);
	} else if (k->kind == LP_PDF_KID_MCID) {
		put_ref(b, " <</Type/MCR/Pg ", t->pages[k->page].obj);
		put_s(b, "/MCID ");
		put_u(b, k->n, 0);
		put_s(b, ">>");
	} else {
		put_ref(b, " <</Type/OBJR/Pg ", t->pages[k->page].obj);
		put_ref(b, "/Obj ", k->n);
		put_s(b, ">>");
	}
}

/* The objects of the tree, numbered from first: the StructTreeRoot, then
 * an element for each node that shows something, parents first. */
static void
write_tree(text_buf *b, lp_pdf_struct *t, uint32_t first, size_t base, size_t *offsets)
{
	const lp_dlist *list = t->list;
	uint32_t next = first + 1, n_obj = 0;
	for (uint32_t n = 0; n < list->n_nodes; n++)
		if (n == 0 || t->nodes[n].attached)
			t->nodes[n].obj = next++;
	offsets[n_obj++] = base + b->n;
	put(b, "%u 0 obj\n<</Type/StructTreeRoot/K %u 0 R/ParentTree<</Nums[", first,
	        t->nodes[0].obj);
	/* Keys: each page's index, then each annotation after the pages. */
	for (uint32_t p = 0; p < list->n_pages; p++) {
		const lp_pdf_page_state *ps = &t->pages[p];
		put_s(b, p ? "\n" : "");
		put_u(b, p, 0);
		put_s(b, "[");
		for (uint32_t m = 0; m < ps->n_mcids; m++)
			put_ref(b, m ? " " : "", t->nodes[ps->mcid_node[m]].obj);
		put_s(b, "]");
	}
	for (uint32_t i = 0; i < t->n_annots; i++)
		put(b, "\n%u %u 0 R", list->n_pages + i, t->nodes[t->annots[i].node].obj);
	put(b, "]>>/ParentTreeNextKey %u>>\nendobj\n", list->n_pages + t->n_annots);
	for (uint32_t n = 0; n < list->n_nodes; n++) {
		const lp_pdf_node_state *ns = &t->nodes[n];
		if (!ns->obj)
			continue;
		const lp_dl_node *dn = &list->nodes[n];
		offsets[n_obj++] = base + b->n;
		put_u(b, ns->obj, 0);
		put_s(b, " 0 obj\n<</S/");
		put_s(b, lp_pdf_struct_role_name(dn->role));
		put_ref(b, "/P ", n == 0 ? first : t->nodes[dn->parent].obj);
		if (ns->has_page)
			put_ref(b, "/Pg ", t->pages[ns->page].obj);
		if (dn->alt && *dn->alt) {
			put_s(b, "/Alt");
			put_utf16(b, dn->alt);
		}
		/* A table's header cells head their columns (ISO 32000-1 §14.8.5.7,
		 * Table 349): GFM's header is its first row. */
		if (dn->role == LP_ROLE_TH)
			put_s(b, "/A<</O/Table/Scope/Column>>");
		put_s(b, "/K");
		if (ns->n_kids == 1) {
			put_kid(b, t, ns, &ns->kids[0]);
		} else {
			put_s(b, "[");
			for (uint32_t i = 0; i < ns->n_kids; i++)
				put_kid(b, t, ns, &ns->kids[i]);
			put_s(b, "]");
		}
		put_s(b, ">>\nendobj\n");
	}
}

static const char *
find(const uint8_t *buf, size_t size, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= size; i++)
		if (buf[i] == (uint8_t)s[0] && memcmp(buf + i, s, n) == 0)
			return (const char *)buf + i;
	return NULL;
}

/* A decimal number at p (at most n bytes, not NUL-terminated: no sscanf
 * or strtoul here) ended by '\n'; its length with the '\n', or 0. */
static size_t
number_line(const uint8_t *p, size_t n, size_t *value)
{
	size_t i = 0, v = 0;
	while (i < n && i < 19 && p[i] >= '0' && p[i] <= '9')
		v = v * 10 + (size_t)(p[i++] - '0');
	if (i == 0 || i >= n || p[i] != '\n')
		return 0;
	*value = v;
	return i + 1;
}

lp_status
lp_pdf_struct_splice(lp_pdf_dev *d, uint8_t **data, size_t *size)
{
	lp_pdf_struct *t = d->tags;
	if (!t || !t->finished)
		return LP_OK;
	uint8_t *buf = *data;
	size_t n = *size;
	/* libharu's one cross-reference section: "xref\n0 N\n", N entries of
	 * 20 bytes, the trailer, "startxref\nX\n%%EOF\n". */
	const char *sx = find(buf + (n > 64 ? n - 64 : 0), n > 64 ? 64 : n, "startxref\n");
	size_t xref_at = n, count_z = 0, used = 0;
	if (sx)
		number_line((const uint8_t *)sx + 10, n - (size_t)((const uint8_t *)sx + 10 - buf),
		        &xref_at);
	static const char head[] = "xref\n0 ";
	if (xref_at < n && n - xref_at > sizeof head - 1 &&
	        memcmp(buf + xref_at, head, sizeof head - 1) == 0) {
		size_t k = number_line(
		        buf + xref_at + sizeof head - 1, n - xref_at - (sizeof head - 1), &count_z);
		used = k ? sizeof head - 1 + k : 0;
	}
	const char *trailer = xref_at < n ? find(buf + xref_at, n - xref_at, "trailer\n") : NULL;
	const char *sz = trailer ? find((const uint8_t *)trailer,
	                                   n - (size_t)(trailer - (char *)buf), "/Size ")
	                         : NULL;
	const char *ph = find(buf, xref_at < n ? xref_at : n, "/" ROOT_PLACEHOLDER);
	if (!sx || !trailer || !sz || !ph || !used || count_z > UINT32_MAX ||
	        xref_at + used + count_z * 20 != (size_t)(trailer - (char *)buf))
		return lp_diag_report(d->diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
		        "the PDF's cross-reference section is not where it was expected");
	unsigned count = (unsigned)count_z;
	/* The catalog names the root by the number it is about to get. */
	char ref[sizeof ROOT_PLACEHOLDER + 1];
	snprintf(ref, sizeof ref, "%-*s", (int)sizeof ROOT_PLACEHOLDER,
	        lp_arena_printf(d->arena, "%u 0 R", count));
	memcpy((char *)ph, ref, sizeof ROOT_PLACEHOLDER); /* the '/' and the name, padded */

	uint32_t n_new = 1;
	for (uint32_t k = 0; k < t->list->n_nodes; k++)
		n_new += k == 0 || t->nodes[k].attached;
	/* The tree goes where the cross-reference section was, in the same
	 * buffer (a list of ten thousand items makes megabytes of it); the old
	 * section and trailer are kept aside first. */
	size_t tail_len = n - xref_at;
	size_t *offsets = calloc(n_new, sizeof *offsets);
	char *tail = malloc(tail_len + 1);
	if (!offsets || !tail) {
		free(offsets);
		free(tail);
		return LP_ERR_NOMEM;
	}
	memcpy(tail, buf + xref_at, tail_len);
	tail[tail_len] = '\0';
	size_t trailer_at = (size_t)(trailer - (char *)buf) - xref_at;
	size_t size_at = (size_t)(sz - (char *)buf) + 6 - xref_at;
	size_t sx_at = (size_t)(sx - (char *)buf) - xref_at;
	/* Measured first, so that the buffer grows once, to its size. */
	text_buf b = {NULL, xref_at, 0, false, true};
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			/* The measured size as the array's cap: it grows to
			 * exactly that, not doubling past it. */
			size_t cap = *size;
			lp_status s = LP_ARRAY_RESERVE(buf, cap, b.n + 1, b.n + 1);
			if (s != LP_OK) {
				free(offsets);
				free(tail);
				return s;
			}
			*data = buf;
			b = (text_buf){(char *)buf, xref_at, cap, false, false};
		}
		write_tree(&b, t, count, 0, offsets);
		size_t tree_end = b.n;
		put(&b, "xref\n0 %u\n%.*s", count + n_new, (int)(count * 20), tail + used);
		for (uint32_t k = 0; k < n_new; k++) {
			put_u(&b, offsets[k], 10);
			put_bytes(&b, " 00000 n\r\n", 10);
		}
		size_t after = size_at;
		while (after < tail_len && tail[after] >= '0' && tail[after] <= '9')
			after++;
		put(&b, "%.*s%u%.*s", (int)(size_at - trailer_at), tail + trailer_at, count + n_new,
		        (int)(sx_at - after), tail + after);
		put(&b, "startxref\n%zu\n%%%%EOF\n", tree_end);
	}
	free(offsets);
	free(tail);
	*data = (uint8_t *)b.p; /* the caller frees it, whatever happens */
	*size = b.n;
	return b.failed ? LP_ERR_NOMEM : LP_OK;
}
