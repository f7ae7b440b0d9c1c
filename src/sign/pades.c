/*
 * PAdES baseline signatures (ETSI EN 319 142-1), patched into a finished
 * PDF. The PDF backend wrote the signature dictionary with a fixed-width
 * /ByteRange placeholder and a zeroed /Contents hex string of
 * lp_signer_reserve() bytes (pdf/pdf_sigfield.c); here the byte range
 * is filled in (ISO 32000-1 §12.8.1: the whole file except the /Contents
 * string), hashed with SHA-256, signed as a detached CMS SignedData (RFC
 * 5652) and written into /Contents in place, so no offset moves.
 *
 * The CMS is built by hand around OpenSSL's structures rather than by
 * CMS_final(): OpenSSL adds a signing-time attribute to every signature it
 * makes, and PAdES B-B forbids one (the time is /M in the dictionary). So
 * the signed attributes are exactly content-type, message-digest and
 * signing-certificate-v2 (RFC 5035, through CMS_CADES), DER-sorted and
 * signed here; B-T adds an RFC 3161 token over the signature value as the
 * unsigned attribute id-aa-signatureTimeStampToken (tsa.c).
 */
#include "sign/sign.h"

#include "base/diag.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

/* The last occurrence of needle in buf. */
static const uint8_t *
find_last(const uint8_t *buf, size_t size, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = size >= n ? size - n + 1 : 0; i-- > 0;)
		if (buf[i] == (uint8_t)needle[0] && memcmp(buf + i, needle, n) == 0)
			return buf + i;
	return NULL;
}

/* Finds the placeholders: *br at the '[' of /ByteRange, *br_end at its
 * ']', [*lt, *gt] the /Contents hex string with its brackets. */
static bool
find_placeholders(uint8_t *pdf, size_t size, uint8_t **br, uint8_t **br_end, size_t *lt, size_t *gt)
{
	const uint8_t *b = find_last(pdf, size, "/ByteRange [");
	const uint8_t *c = find_last(pdf, size, "/Contents <");
	if (!b || !c)
		return false;
	*br = (uint8_t *)b + 12; /* past "/ByteRange [" */
	uint8_t *e = memchr(*br, ']', size - (size_t)(*br - pdf));
	if (!e)
		return false;
	*br_end = e;
	*lt = (size_t)(c - pdf) + 10;
	size_t i = *lt + 1;
	while (i < size && pdf[i] == '0')
		i++;
	if (i >= size || pdf[i] != '>' || i == *lt + 1)
		return false;
	*gt = i;
	return true;
}

static int
cmp_der(const void *a, const void *b)
{
	const ASN1_STRING *x = *(ASN1_STRING *const *)a, *y = *(ASN1_STRING *const *)b;
	int lx = ASN1_STRING_length(x), ly = ASN1_STRING_length(y);
	int c = memcmp(
	        ASN1_STRING_get0_data(x), ASN1_STRING_get0_data(y), (size_t)(lx < ly ? lx : ly));
	return c ? c : lx - ly;
}

/* The DER of the signed attributes as the SET OF that is signed (RFC 5652
 * §5.4: tagged SET, members sorted by their encodings). */
static uint8_t *
signed_attrs_der(CMS_SignerInfo *si, size_t *len)
{
	int n = CMS_signed_get_attr_count(si);
	if (n <= 0)
		return NULL;
	ASN1_STRING **enc = calloc((size_t)n, sizeof *enc);
	uint8_t *out = NULL;
	size_t total = 0;
	if (!enc)
		return NULL;
	for (int i = 0; i < n; i++) {
		unsigned char *d = NULL;
		int l = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &d);
		if (l <= 0 || !(enc[i] = ASN1_STRING_new())) {
			OPENSSL_free(d);
			goto fail;
		}
		ASN1_STRING_set0(enc[i], d, l);
		total += (size_t)l;
	}
	qsort(enc, (size_t)n, sizeof *enc, cmp_der);
	/* SET tag and a definite length (short or long form). */
	size_t hdr = total < 0x80 ? 2 : total < 0x100 ? 3 : total < 0x10000 ? 4 : 5;
	if (!(out = malloc(hdr + total)))
		goto fail;
	out[0] = 0x31;
	if (total < 0x80) {
		out[1] = (uint8_t)total;
	} else {
		int nb = (int)hdr - 2;
		out[1] = (uint8_t)(0x80 | nb);
		for (int k = 0; k < nb; k++)
			out[2 + k] = (uint8_t)(total >> (8 * (nb - 1 - k)));
	}
	size_t at = hdr;
	for (int i = 0; i < n; i++) {
		memcpy(out + at, ASN1_STRING_get0_data(enc[i]), (size_t)ASN1_STRING_length(enc[i]));
		at += (size_t)ASN1_STRING_length(enc[i]);
	}
	*len = at;
fail:
	for (int i = 0; i < n; i++)
		ASN1_STRING_free(enc[i]);
	free(enc);
	return out;
}

static lp_status
ssl_fail(const char *name, const char *what, lp_diag *diag)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;
	ERR_clear_error();
	return lp_diag_report(diag, LP_ERROR, LP_ERR_BACKEND, name, 0, 0, "cannot %s: %s", what,
	        r ? r : "OpenSSL gave no reason");
}

/* The DER CMS SignedData over a SHA-256 digest; *der is OPENSSL_malloc'ed. */
static lp_status
make_cms(const lp_signer *sg, const uint8_t digest[32], uint8_t **der, int *der_len,
        const char *name, lp_diag *diag)
{
	const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_PARTIAL;
	lp_status s = LP_OK;
	uint8_t *attrs = NULL, *sig = NULL, *token = NULL;
	size_t attrs_len = 0, sig_len = 0, token_len = 0;
	EVP_MD_CTX *mctx = NULL;
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	if (!cms)
		return ssl_fail(name, "start the CMS signature", diag);
	CMS_SignerInfo *si =
	        CMS_add1_signer(cms, sg->cert, sg->key, EVP_sha256(), flags | CMS_CADES);
	if (!si) {
		s = ssl_fail(name, "add the signer", diag);
		goto fail;
	}
	for (int i = 0; i < sk_X509_num(sg->chain); i++)
		if (!CMS_add1_cert(cms, sk_X509_value(sg->chain, i))) {
			s = ssl_fail(name, "embed the certificate chain", diag);
			goto fail;
		}
	if (!CMS_signed_add1_attr_by_NID(
	            si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) ||
	        !CMS_signed_add1_attr_by_NID(
	                si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest, 32)) {
		s = ssl_fail(name, "add the signed attributes", diag);
		goto fail;
	}
	if (!(attrs = signed_attrs_der(si, &attrs_len))) {
		s = ssl_fail(name, "encode the signed attributes", diag);
		goto fail;
	}
	if (sg->serialize)
		pthread_mutex_lock((pthread_mutex_t *)&sg->lock);
	mctx = EVP_MD_CTX_new();
	int ok = mctx && EVP_DigestSignInit(mctx, NULL, EVP_sha256(), NULL, sg->key) == 1 &&
	         EVP_DigestSign(mctx, NULL, &sig_len, attrs, attrs_len) == 1 &&
	         (sig = OPENSSL_malloc(sig_len)) &&
	         EVP_DigestSign(mctx, sig, &sig_len, attrs, attrs_len) == 1;
	if (sg->serialize)
		pthread_mutex_unlock((pthread_mutex_t *)&sg->lock);
	if (!ok || !ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig, (int)sig_len)) {
		s = ssl_fail(name, "sign", diag);
		goto fail;
	}
	if (sg->tsa_url) {
		s = lp_tsa_timestamp(sg->tsa_url, sig, sig_len, &token, &token_len, name, diag);
		if (s != LP_OK)
			goto fail;
		if (!CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken,
		            V_ASN1_SEQUENCE, token, (int)token_len)) {
			s = ssl_fail(name, "add the timestamp", diag);
			goto fail;
		}
	}
	*der = NULL;
	if ((*der_len = i2d_CMS_ContentInfo(cms, der)) <= 0)
		s = ssl_fail(name, "encode the CMS signature", diag);
fail:
	EVP_MD_CTX_free(mctx);
	OPENSSL_free(sig);
	OPENSSL_free(token);
	free(attrs);
	CMS_ContentInfo_free(cms);
	return s;
}

lp_status
lp_pades_sign(const lp_signer *sg, uint8_t *pdf, size_t size, const char *name, lp_diag *diag)
{
	uint8_t *br, *br_end;
	size_t lt, gt;
	if (!find_placeholders(pdf, size, &br, &br_end, &lt, &gt))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_INTERNAL, name, 0, 0,
		        "the PDF has no signature placeholder to fill");
	/* §12.8.1: everything but the /Contents string, brackets included. */
	size_t r2 = gt + 1;
	char range[64];
	int n = snprintf(range, sizeof range, "0 %zu %zu %zu", lt, r2, size - r2);
	size_t room = (size_t)(br_end - br);
	if (n < 0 || (size_t)n > room)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
		        "the PDF is too large for its /ByteRange placeholder");
	memset(br, ' ', room);
	memcpy(br, range, (size_t)n);

	uint8_t digest[32];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
	        EVP_DigestUpdate(md, pdf, lt) != 1 ||
	        EVP_DigestUpdate(md, pdf + r2, size - r2) != 1 ||
	        EVP_DigestFinal_ex(md, digest, NULL) != 1) {
		EVP_MD_CTX_free(md);
		return ssl_fail(name, "hash the document", diag);
	}
	EVP_MD_CTX_free(md);

	uint8_t *der;
	int der_len;
	lp_status s = make_cms(sg, digest, &der, &der_len, name, diag);
	if (s != LP_OK)
		return s;
	size_t room_bytes = (gt - lt - 1) / 2;
	if ((size_t)der_len > room_bytes) {
		OPENSSL_free(der);
		return lp_diag_report(diag, LP_ERROR, LP_ERR_LIMIT, name, 0, 0,
		        "the signature takes %d bytes; letterpress reserved %zu (a timestamp "
		        "authority with a very long chain?)",
		        der_len, room_bytes);
	}
	static const char hex[] = "0123456789ABCDEF";
	for (int i = 0; i < der_len; i++) {
		pdf[lt + 1 + 2 * (size_t)i] = (uint8_t)hex[der[i] >> 4];
		pdf[lt + 2 + 2 * (size_t)i] = (uint8_t)hex[der[i] & 15];
	}
	OPENSSL_free(der);
	return LP_OK;
}
