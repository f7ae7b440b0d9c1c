/*
 * The Document Security Store (ISO 32000-2 §12.8.4.3; ETSI EN 319 142-1
 * §5.4, PAdES B-LT): certificates, CRLs and OCSP responses that let a
 * verifier validate the signatures of a file later, without asking the CA.
 * It is a second incremental update after the signature's (pdf_update.c),
 * so the signed bytes, /ByteRange and all, stay as they are:
 *
 *   - one stream a DER object, uncompressed (DER hardly compresses, and a
 *     reader can cut a certificate out as it is);
 *   - the signature's VRI dictionary (/Cert, /CRL, /OCSP: all of them),
 *     keyed by the uppercase hex SHA-1 of its /Contents;
 *   - the /DSS dictionary (/Certs, /CRLs, /OCSPs, /VRI);
 *   - a new revision of the catalog, its last bytes plus /DSS.
 *
 * The file is one letterpress wrote and signed, with classic
 * cross-reference tables only; its latest catalog is found through them.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

/* The cross-reference sections a lookup follows back through /Prev: the
 * document's, the signature's, and some to spare. */
#define LP_PDF_DSS_MAX_SECTIONS 16

static lp_status
not_ours(lp_diag *diag, const char *what)
{
	return lp_diag_report(diag, LP_ERROR, LP_ERR_INTERNAL, NULL, 0, 0,
	        "cannot add the Document Security Store: %s", what);
}

static const uint8_t *
find(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == (uint8_t)s[0] && !memcmp(p + i, s, k))
			return p + i;
	return NULL;
}

/* A decimal number at p (at most 12 digits, within end); false when none. */
static bool
number(const uint8_t *p, const uint8_t *end, size_t *v)
{
	size_t i = 0, x = 0;
	while (p + i < end && i < 12 && p[i] >= '0' && p[i] <= '9')
		x = x * 10 + (size_t)(p[i++] - '0');
	*v = x;
	return i > 0 && i < 12;
}

/* The number after key in [p, end), e.g. "/Size 40". */
static bool
key_number(const uint8_t *p, const uint8_t *end, const char *key, size_t *v)
{
	const uint8_t *k = find(p, (size_t)(end - p), key);
	return k && number(k + strlen(key), end, v);
}

/* One cross-reference section at `at`: the offset of obj when the section
 * has it (0 otherwise), and its trailer's extent [*t0, *t1). */
static bool
section(const uint8_t *d, size_t size, size_t at, size_t obj, size_t *off, const uint8_t **t0,
        const uint8_t **t1)
{
	const uint8_t *end = d + size, *p = d + at;
	*off = 0;
	if (at + 5 > size || memcmp(p, "xref\n", 5) != 0)
		return false;
	p += 5;
	while (p < end && *p >= '0' && *p <= '9') {
		size_t first, count;
		if (!number(p, end, &first))
			return false;
		while (p < end && *p != ' ')
			p++;
		if (!number(++p, end, &count))
			return false;
		while (p < end && *p != '\n')
			p++;
		p++;
		if (count > (size_t)(end - p) / 20)
			return false;
		if (obj >= first && obj - first < count && p[(obj - first) * 20 + 17] == 'n' &&
		        !number(p + (obj - first) * 20, end, off))
			return false;
		p += count * 20;
	}
	if ((size_t)(end - p) < 8 || memcmp(p, "trailer\n", 8) != 0)
		return false;
	*t0 = p;
	*t1 = find(p, (size_t)(end - p), "\nstartxref\n");
	return *t1 != NULL;
}

/* The file's last trailer and its latest catalog. */
typedef struct dss_file {
	size_t xref; /* the last section */
	size_t root, info, size; /* /Root, /Info, /Size */
	const uint8_t *id; /* "/ID [ … ]" */
	size_t id_len;
	const uint8_t *catalog; /* its value, "<<…>>" */
	size_t catalog_len;
} dss_file;

static lp_status
read_file(const uint8_t *d, size_t size, dss_file *f, lp_diag *diag)
{
	size_t tail = size > 64 ? size - 64 : 0, off = 0;
	const uint8_t *sx = find(d + tail, size - tail, "startxref\n"), *t0, *t1;
	if (!sx || !number(sx + 10, d + size, &f->xref) || f->xref >= size ||
	        !section(d, size, f->xref, 0, &off, &t0, &t1))
		return not_ours(diag, "no cross-reference section where startxref says");
	f->id = find(t0, (size_t)(t1 - t0), "/ID [");
	const uint8_t *id_end = f->id ? memchr(f->id, ']', (size_t)(t1 - f->id)) : NULL;
	if (!id_end || !key_number(t0, t1, "/Root ", &f->root) ||
	        !key_number(t0, t1, "/Info ", &f->info) || !key_number(t0, t1, "/Size ", &f->size))
		return not_ours(diag, "the trailer lacks /ID, /Root, /Info or /Size");
	f->id_len = (size_t)(id_end + 1 - f->id);
	/* The catalog's latest revision: the newest section that has it. */
	size_t at = f->xref;
	for (int i = 0; i < LP_PDF_DSS_MAX_SECTIONS && !off; i++) {
		size_t prev;
		if (!section(d, size, at, f->root, &off, &t0, &t1))
			return not_ours(diag, "a cross-reference section is not where /Prev says");
		if (!off && (!key_number(t0, t1, "/Prev ", &prev) || prev >= at))
			break;
		at = prev;
	}
	char head[32];
	int h = snprintf(head, sizeof head, "%zu 0 obj\n", f->root);
	const uint8_t *body = d + off + (size_t)h;
	const uint8_t *end = off && off + (size_t)h < size && !memcmp(d + off, head, (size_t)h)
	                             ? find(body, size - off - (size_t)h, "\nendobj\n")
	                             : NULL;
	if (!end || end - body < 5 || memcmp(body, "<<\n", 3) || memcmp(end - 3, "\n>>", 3))
		return not_ours(diag, "the catalog is not where its cross-reference entry says");
	f->catalog = body;
	f->catalog_len = (size_t)(end - body);
	if (find(body, f->catalog_len, "\n/DSS "))
		return not_ours(diag, "the catalog has a /DSS already");
	return LP_OK;
}

/* "/KEY [ a 0 R b 0 R … ]\n" for n objects numbered from first; nothing
 * when n is 0. */
static void
refs(lp_pdf_text *b, const char *key, size_t first, size_t n)
{
	if (!n)
		return;
	lp_pdf_text_printf(b, "%s [", key);
	for (size_t i = 0; i < n; i++)
		lp_pdf_text_printf(b, " %zu 0 R", first + i);
	lp_pdf_text_printf(b, " ]\n");
}

lp_status
lp_pdf_dss_append(uint8_t **data, size_t *size, const lp_pdf_dss *dss, lp_diag *diag)
{
	dss_file f;
	lp_status s = read_file(*data, *size, &f, diag);
	if (s != LP_OK)
		return s;
	/* The catalog's bytes are in *data, which grows: keep a copy. */
	uint8_t *catalog = malloc(f.catalog_len);
	char id[128];
	if (!catalog || f.id_len >= sizeof id) {
		free(catalog);
		return f.id_len >= sizeof id ? not_ours(diag, "the /ID is too long") : LP_ERR_NOMEM;
	}
	memcpy(catalog, f.catalog, f.catalog_len);
	memcpy(id, f.id, f.id_len);
	const lp_pdf_blob *kinds[3] = {dss->certs, dss->crls, dss->ocsps};
	size_t counts[3] = {dss->n_certs, dss->n_crls, dss->n_ocsps};
	size_t n_blobs = counts[0] + counts[1] + counts[2];
	size_t vri = f.size + n_blobs, dict = vri + 1, n_new = n_blobs + 2;
	size_t *offsets = calloc(n_new, sizeof *offsets);
	lp_pdf_text b = {*data, *size, *size, false};
	if (!offsets) {
		free(catalog);
		return LP_ERR_NOMEM;
	}
	size_t k = 0;
	for (int t = 0; t < 3; t++)
		for (size_t i = 0; i < counts[t]; i++, k++) {
			offsets[k] = b.n;
			lp_pdf_text_printf(&b, "%zu 0 obj\n<<\n/Length %zu\n>>\nstream\n",
			        f.size + k, kinds[t][i].n);
			lp_pdf_text_add(&b, kinds[t][i].p, kinds[t][i].n);
			lp_pdf_text_printf(&b, "\nendstream\nendobj\n");
		}
	/* The signature's VRI entry names every object: letterpress has no way
	 * to know which of the user's files served which certificate. */
	offsets[k++] = b.n;
	lp_pdf_text_printf(&b, "%zu 0 obj\n<<\n/Type /VRI\n", vri);
	refs(&b, "/Cert", f.size, counts[0]);
	refs(&b, "/CRL", f.size + counts[0], counts[1]);
	refs(&b, "/OCSP", f.size + counts[0] + counts[1], counts[2]);
	lp_pdf_text_printf(&b, ">>\nendobj\n");
	offsets[k++] = b.n;
	lp_pdf_text_printf(&b, "%zu 0 obj\n<<\n/Type /DSS\n", dict);
	refs(&b, "/Certs", f.size, counts[0]);
	refs(&b, "/CRLs", f.size + counts[0], counts[1]);
	refs(&b, "/OCSPs", f.size + counts[0] + counts[1], counts[2]);
	lp_pdf_text_printf(&b, "/VRI <<\n/%s %zu 0 R\n>>\n>>\nendobj\n", dss->vri, vri);
	/* The catalog, its last revision plus /DSS. */
	size_t catalog_at = b.n;
	lp_pdf_text_printf(&b, "%zu 0 obj\n", f.root);
	lp_pdf_text_add(&b, catalog, f.catalog_len - 2);
	lp_pdf_text_printf(&b, "/DSS %zu 0 R\n>>\nendobj\n", dict);
	size_t xref_at = b.n;
	lp_pdf_text_printf(
	        &b, "xref\n%zu 1\n%010zu 00000 n\r\n%zu %zu\n", f.root, catalog_at, f.size, n_new);
	for (size_t i = 0; i < n_new; i++)
		lp_pdf_text_printf(&b, "%010zu 00000 n\r\n", offsets[i]);
	lp_pdf_text_printf(&b,
	        "trailer\n<<\n%.*s\n/Root %zu 0 R\n/Info %zu 0 R\n/Size %zu\n/Prev %zu\n>>\n"
	        "startxref\n%zu\n%%%%EOF\n",
	        (int)f.id_len, id, f.root, f.info, f.size + n_new, f.xref, xref_at);
	*data = b.p;
	*size = b.n;
	free(offsets);
	free(catalog);
	return b.failed ? LP_ERR_NOMEM : LP_OK;
}
