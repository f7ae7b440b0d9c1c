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
 * The file is one letterpress wrote and signed; its cross-reference
 * (tables or streams, pdf_xref.c) gives the latest catalog, and the
 * store's section is of the same kind (pdf_update.c).
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

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

/* The file's cross-reference (read as an update reads it) and its latest
 * catalog, "<<…>>", borrowed from the file. */
static lp_status
read_file(const uint8_t *d, size_t size, lp_pdf_update *u, const uint8_t **catalog,
        size_t *catalog_len, lp_diag *diag)
{
	lp_status s = lp_pdf_update_read(d, size, u);
	if (s != LP_OK)
		return s == LP_ERR_NOMEM ? s : not_ours(diag, "its cross-reference cannot be read");
	const lp_pdf_xref_info *info = lp_pdf_xref_info_of(u->file);
	if (!info->root || !info->info || !u->id_len)
		return not_ours(diag, "the trailer lacks /ID, /Root or /Info");
	const uint8_t *c = lp_pdf_xref_object(u->file, info->root, catalog_len);
	if (!c || *catalog_len < 5 || memcmp(c, "<<", 2) || memcmp(c + *catalog_len - 2, ">>", 2))
		return not_ours(diag, "the catalog is not where its cross-reference entry says");
	if (find(c, *catalog_len, "/DSS"))
		return not_ours(diag, "the catalog has a /DSS already");
	*catalog = c;
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
	lp_pdf_update u = {0};
	const uint8_t *cat = NULL;
	size_t cat_len = 0;
	uint8_t *catalog = NULL;
	size_t *offsets = NULL;
	lp_status s = read_file(*data, *size, &u, &cat, &cat_len, diag);
	if (s != LP_OK)
		goto fail;
	const lp_pdf_xref_info *info = lp_pdf_xref_info_of(u.file);
	uint32_t root = info->root, info_obj = info->info;
	const lp_pdf_blob *kinds[3] = {dss->certs, dss->crls, dss->ocsps};
	size_t counts[3] = {dss->n_certs, dss->n_crls, dss->n_ocsps};
	size_t n_blobs = counts[0] + counts[1] + counts[2];
	size_t first = u.size, vri = first + n_blobs, dict = vri + 1, n_new = n_blobs + 2;
	/* The catalog's bytes are in *data, which grows: keep a copy. */
	catalog = malloc(cat_len);
	offsets = calloc(n_new, sizeof *offsets);
	if (!catalog || !offsets) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	memcpy(catalog, cat, cat_len);
	lp_pdf_text b = {*data, *size, *size, false};
	size_t k = 0;
	for (int t = 0; t < 3; t++)
		for (size_t i = 0; i < counts[t]; i++, k++) {
			offsets[k] = b.n;
			lp_pdf_text_printf(&b, "%zu 0 obj\n<<\n/Length %zu\n>>\nstream\n",
			        first + k, kinds[t][i].n);
			lp_pdf_text_add(&b, kinds[t][i].p, kinds[t][i].n);
			lp_pdf_text_printf(&b, "\nendstream\nendobj\n");
		}
	/* The signature's VRI entry names every object: letterpress has no way
	 * to know which of the user's files served which certificate. */
	offsets[k++] = b.n;
	lp_pdf_text_printf(&b, "%zu 0 obj\n<<\n/Type /VRI\n", vri);
	refs(&b, "/Cert", first, counts[0]);
	refs(&b, "/CRL", first + counts[0], counts[1]);
	refs(&b, "/OCSP", first + counts[0] + counts[1], counts[2]);
	lp_pdf_text_printf(&b, ">>\nendobj\n");
	offsets[k++] = b.n;
	lp_pdf_text_printf(&b, "%zu 0 obj\n<<\n/Type /DSS\n", dict);
	refs(&b, "/Certs", first, counts[0]);
	refs(&b, "/CRLs", first + counts[0], counts[1]);
	refs(&b, "/OCSPs", first + counts[0] + counts[1], counts[2]);
	lp_pdf_text_printf(&b, "/VRI <<\n/%s %zu 0 R\n>>\n>>\nendobj\n", dss->vri, vri);
	/* The catalog, its last revision plus /DSS. */
	lp_pdf_revision rev = {.obj = root, .offset = b.n};
	lp_pdf_text_printf(&b, "%u 0 obj\n", root);
	lp_pdf_text_add(&b, catalog, cat_len - 2);
	lp_pdf_text_printf(&b, "/DSS %zu 0 R\n>>\nendobj\n", dict);
	lp_pdf_update_section(&u, &rev, 1, offsets, (uint32_t)n_new, root, info_obj, &b);
	*data = b.p;
	*size = b.n;
	s = b.failed ? LP_ERR_NOMEM : LP_OK;
fail:
	lp_pdf_xref_drop(u.file);
	free(offsets);
	free(catalog);
	return s;
}
