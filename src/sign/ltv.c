/*
 * Long-term validation data (--sign-ltv; docs/signing.md, "Long-term
 * validation"): certificates, CRLs and OCSP responses the user fetched,
 * plus the signer's own chain, put in the PDF's Document Security Store
 * (pdf/pdf_dss.c) after the signature, so that a verifier can validate it
 * once the CA no longer answers. letterpress fetches nothing: revocation
 * data is network work it otherwise never does, and the archive's policy
 * says where it comes from.
 *
 * The files are read and checked when the signer is made, before any
 * document is rendered: a file that holds no such object, an OCSP answer
 * that refused, or revocation data that says the signer is revoked stop
 * the run, since a DSS proving the signature invalid helps nobody.
 */
#include "sign/sign.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "base/utf8.h"
#include "pdf/pdf.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>

/* Adds a copy of der to the signer's items unless it holds it already
 * (a chain certificate given again, one CRL in two files). */
static lp_status
add_item(lp_signer *sg, lp_ltv_kind kind, const uint8_t *der, size_t len)
{
	for (size_t i = 0; i < sg->n_ltv; i++)
		if (sg->ltv[i].len == len && !memcmp(sg->ltv[i].der, der, len))
			return LP_OK;
	lp_status s = LP_ARRAY_RESERVE(sg->ltv, sg->cap_ltv, sg->n_ltv + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		return LP_ERR_NOMEM;
	memcpy(copy, der, len);
	sg->ltv[sg->n_ltv++] = (lp_ltv_item){kind, copy, len};
	return LP_OK;
}

static lp_status
add_cert(lp_signer *sg, X509 *x)
{
	unsigned char *der = NULL;
	int len = i2d_X509(x, &der);
	if (len <= 0)
		return LP_ERR_NOMEM;
	lp_status s = add_item(sg, LP_LTV_CERT, der, (size_t)len);
	OPENSSL_free(der);
	return s;
}

/* The certificate in the signer's chain that issued the signer's. */
static X509 *
issuer_of(const lp_signer *sg)
{
	for (int i = 0; i < sk_X509_num(sg->chain); i++)
		if (X509_check_issued(sk_X509_value(sg->chain, i), sg->cert) == X509_V_OK)
			return sk_X509_value(sg->chain, i);
	return NULL;
}

static lp_status
check_crl(const lp_signer *sg, X509_CRL *crl, const char *path, lp_diag *diag)
{
	X509_REVOKED *rev = NULL;
	if (!X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(sg->cert)) &&
	        X509_CRL_get0_by_cert(crl, &rev, sg->cert) == 1)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "this CRL lists the signing certificate as revoked");
	time_t now = (time_t)lp_sign_time();
	const ASN1_TIME *next = X509_CRL_get0_nextUpdate(crl);
	if (next && X509_cmp_time(next, &now) < 0)
		lp_diag_report(diag, LP_WARNING, LP_OK, path, 0, 0,
		        "this CRL's next update has passed: a verifier may want a newer one");
	return LP_OK;
}

static lp_status
check_ocsp(const lp_signer *sg, OCSP_RESPONSE *r, const char *path, lp_diag *diag)
{
	int st = OCSP_response_status(r);
	if (st != OCSP_RESPONSE_STATUS_SUCCESSFUL)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "this OCSP response is a refusal (%s), not an answer",
		        OCSP_response_status_str(st));
	OCSP_BASICRESP *bs = OCSP_response_get1_basic(r);
	if (!bs)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "this OCSP response holds no basic response");
	X509 *issuer = issuer_of(sg);
	lp_status s = LP_OK;
	/* Responders answer with the hash the request used: SHA-1 mostly. */
	const EVP_MD *mds[2] = {EVP_sha1(), EVP_sha256()};
	for (int i = 0; issuer && i < 2 && s == LP_OK; i++) {
		OCSP_CERTID *id = OCSP_cert_to_id(mds[i], sg->cert, issuer);
		int status = -1, reason = 0;
		if (id && OCSP_resp_find_status(bs, id, &status, &reason, NULL, NULL, NULL) &&
		        status == V_OCSP_CERTSTATUS_REVOKED)
			s = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
			        "this OCSP response says the signing certificate is revoked");
		OCSP_CERTID_free(id);
	}
	OCSP_BASICRESP_free(bs);
	return s;
}

/* One DER object of a file: a certificate, a CRL or an OCSP response,
 * whole (no bytes after it), checked and added. */
static lp_status
load_der(lp_signer *sg, const uint8_t *der, size_t len, const char *path, lp_diag *diag)
{
	const unsigned char *p = der;
	lp_status s = LP_OK;
	X509 *x = d2i_X509(NULL, &p, (long)len);
	if (x && p == der + len) {
		X509_free(x);
		return add_item(sg, LP_LTV_CERT, der, len);
	}
	X509_free(x);
	p = der;
	X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);
	if (crl && p == der + len) {
		s = check_crl(sg, crl, path, diag);
		X509_CRL_free(crl);
		return s == LP_OK ? add_item(sg, LP_LTV_CRL, der, len) : s;
	}
	X509_CRL_free(crl);
	p = der;
	OCSP_RESPONSE *r = d2i_OCSP_RESPONSE(NULL, &p, (long)len);
	if (r && p == der + len) {
		s = check_ocsp(sg, r, path, diag);
		OCSP_RESPONSE_free(r);
		return s == LP_OK ? add_item(sg, LP_LTV_OCSP, der, len) : s;
	}
	OCSP_RESPONSE_free(r);
	ERR_clear_error();
	return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
	        "holds something that is neither a certificate, a CRL nor an OCSP response "
	        "(DER or PEM)");
}

/* A PEM file's blocks, each one DER object. */
static lp_status
load_pem(lp_signer *sg, const char *data, size_t size, const char *path, lp_diag *diag)
{
	BIO *bio = BIO_new_mem_buf(data, (int)size);
	if (!bio)
		return LP_ERR_NOMEM;
	lp_status s = LP_OK;
	char *name = NULL, *header = NULL;
	unsigned char *der = NULL;
	long len = 0;
	int n = 0;
	while (s == LP_OK && PEM_read_bio(bio, &name, &header, &der, &len) == 1) {
		s = load_der(sg, der, (size_t)len, path, diag);
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(der);
		n++;
	}
	ERR_clear_error();
	BIO_free(bio);
	if (s == LP_OK && n == 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "holds no PEM block that can be read");
	return s;
}

/* Whether a file holds a PEM block (else it is one DER object). */
static bool
is_pem(const char *data, size_t size)
{
	static const char begin[] = "-----BEGIN ";
	for (size_t i = 0; i + sizeof begin - 1 <= size; i++)
		if (data[i] == '-' && !memcmp(data + i, begin, sizeof begin - 1))
			return true;
	return false;
}

lp_status
lp_ltv_load(lp_signer *sg, const char *const *files, size_t n, lp_diag *diag)
{
	if (n > LP_MAX_LTV_FILES)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, files[LP_MAX_LTV_FILES], 0, 0,
		        "more than %d --sign-ltv files; that is the limit", LP_MAX_LTV_FILES);
	lp_status s = add_cert(sg, sg->cert);
	for (int i = 0; s == LP_OK && i < sk_X509_num(sg->chain); i++)
		s = add_cert(sg, sk_X509_value(sg->chain, i));
	for (size_t i = 0; s == LP_OK && i < n; i++) {
		char *data;
		size_t size;
		if ((s = lp_file_read(files[i], LP_MAX_LTV_FILE_BYTES, &data, &size, diag)) !=
		        LP_OK)
			break;
		if (is_pem(data, size))
			s = load_pem(sg, data, size, files[i], diag);
		else
			s = load_der(sg, (const uint8_t *)data, size, files[i], diag);
		free(data);
	}
	return s;
}

void
lp_ltv_release(lp_signer *sg)
{
	for (size_t i = 0; i < sg->n_ltv; i++)
		free(sg->ltv[i].der);
	free(sg->ltv);
	sg->ltv = NULL;
	sg->n_ltv = sg->cap_ltv = 0;
}

/* ---- At signing --------------------------------------------------------- */

/* The last /Contents hex string of the file (the signature just made),
 * decoded whole, its padding zeros included: what the VRI key hashes,
 * as validators compute it. malloc'ed. */
static uint8_t *
signature_contents(const uint8_t *pdf, size_t size, size_t *len)
{
	static const char key[] = "/Contents <";
	const size_t k = sizeof key - 1;
	const uint8_t *at = NULL;
	for (size_t i = size >= k ? size - k + 1 : 0; !at && i-- > 0;)
		if (pdf[i] == '/' && !memcmp(pdf + i, key, k))
			at = pdf + i + k;
	const uint8_t *end = at ? memchr(at, '>', size - (size_t)(at - pdf)) : NULL;
	if (!end || (end - at) % 2 || end == at)
		return NULL;
	*len = (size_t)(end - at) / 2;
	uint8_t *out = malloc(*len);
	for (size_t i = 0; out && i < *len; i++) {
		int hi = lp_hex_digit(at[2 * i]), lo = lp_hex_digit(at[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			free(out);
			return NULL;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return out;
}

/* The certificates of a B-T signature's timestamp token: the TSA's, which
 * a verifier needs as much as the signer's. */
static STACK_OF(X509) * token_certs(const uint8_t *cms_der, size_t len)
{
	const unsigned char *p = cms_der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	STACK_OF(CMS_SignerInfo) *sis = cms ? CMS_get0_SignerInfos(cms) : NULL;
	CMS_SignerInfo *si =
	        sk_CMS_SignerInfo_num(sis) > 0 ? sk_CMS_SignerInfo_value(sis, 0) : NULL;
	int at = si ? CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1) : -1;
	ASN1_TYPE *t = at >= 0 ? X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0) : NULL;
	STACK_OF(X509) *certs = NULL;
	if (t && t->type == V_ASN1_SEQUENCE) {
		p = ASN1_STRING_get0_data(t->value.sequence);
		CMS_ContentInfo *tok =
		        d2i_CMS_ContentInfo(NULL, &p, (long)ASN1_STRING_length(t->value.sequence));
		certs = tok ? CMS_get1_certs(tok) : NULL;
		CMS_ContentInfo_free(tok);
	}
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return certs;
}

lp_status
lp_ltv_append(const lp_signer *sg, uint8_t **pdf, size_t *size, const char *name, lp_diag *diag)
{
	size_t clen = 0;
	uint8_t *contents = signature_contents(*pdf, *size, &clen);
	if (!contents)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_INTERNAL, name, 0, 0,
		        "the signed PDF has no signature value to make a DSS for");
	lp_pdf_dss dss = {0};
	unsigned char md[SHA_DIGEST_LENGTH];
	SHA1(contents, clen, md);
	for (int i = 0; i < SHA_DIGEST_LENGTH; i++)
		snprintf(dss.vri + 2 * i, 3, "%02X", md[i]);
	/* The timestamp's certificates, after the signer's data (a copy of
	 * the signer's items, which stay the signer's and shared). */
	STACK_OF(X509) *tsa = sg->tsa_url ? token_certs(contents, clen) : NULL;
	free(contents);
	size_t n_tsa = (size_t)(tsa ? sk_X509_num(tsa) : 0);
	lp_pdf_blob *blobs = calloc(sg->n_ltv + n_tsa + 1, sizeof *blobs);
	unsigned char **own = calloc(n_tsa + 1, sizeof *own);
	lp_status s = blobs && own ? LP_OK : LP_ERR_NOMEM;
	size_t nb = 0;
	/* Certificates, CRLs, then OCSP responses, each kind in a row. */
	for (int kind = LP_LTV_CERT; s == LP_OK && kind <= LP_LTV_OCSP; kind++) {
		size_t first = nb;
		for (size_t i = 0; i < sg->n_ltv; i++)
			if ((int)sg->ltv[i].kind == kind)
				blobs[nb++] = (lp_pdf_blob){sg->ltv[i].der, sg->ltv[i].len};
		for (size_t i = 0; kind == LP_LTV_CERT && i < n_tsa; i++) {
			int len = i2d_X509(sk_X509_value(tsa, (int)i), &own[i]);
			bool dup = len <= 0;
			for (size_t k = first; !dup && k < nb; k++)
				dup = blobs[k].n == (size_t)len &&
				      !memcmp(blobs[k].p, own[i], blobs[k].n);
			if (!dup)
				blobs[nb++] = (lp_pdf_blob){own[i], (size_t)len};
		}
		size_t count = nb - first;
		if (kind == LP_LTV_CERT) {
			dss.certs = blobs + first;
			dss.n_certs = count;
		} else if (kind == LP_LTV_CRL) {
			dss.crls = blobs + first;
			dss.n_crls = count;
		} else {
			dss.ocsps = blobs + first;
			dss.n_ocsps = count;
		}
	}
	if (s == LP_OK)
		s = lp_pdf_dss_append(pdf, size, &dss, diag);
	for (size_t i = 0; own && i < n_tsa; i++)
		OPENSSL_free(own[i]);
	free(own);
	free(blobs);
	sk_X509_pop_free(tsa, X509_free);
	return s;
}
