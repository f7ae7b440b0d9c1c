/*
 * Signing (docs/signing.md): credentials (credential.c, pkcs11.c), PAdES
 * CMS signatures patched into a finished PDF (pades.c) and RFC 3161
 * timestamps (tsa.c). The PDF backend only reserves the room
 * (pdf/pdf_sigfield.c); everything OpenSSL lives in this folder.
 */
#ifndef LP_SIGN_SIGN_H
#define LP_SIGN_SIGN_H

#include "letterpress.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <pthread.h>

/* Validation data for a Document Security Store (ltv.c): one DER
 * certificate, CRL or OCSP response. */
typedef enum lp_ltv_kind { LP_LTV_CERT, LP_LTV_CRL, LP_LTV_OCSP } lp_ltv_kind;
typedef struct lp_ltv_item {
	lp_ltv_kind kind;
	uint8_t *der;
	size_t len;
} lp_ltv_item;

struct lp_signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) * chain; /* more certificates to embed; may be empty */
	char *cn; /* the certificate subject's common name, or NULL */
	char *cert_source; /* where the certificate was read, for messages */
	char *tsa_url; /* NULL: B-B */
	/* A token's key (PKCS#11 engine) is not known to be safe from several
	 * threads at once: its signatures are made one at a time. */
	bool serialize;
	pthread_mutex_t lock;
	void *engine; /* the PKCS#11 ENGINE, or NULL (pkcs11.c) */
	/* --sign-ltv: the DSS's data, the signer's chain first, each once;
	 * none: no DSS. */
	lp_ltv_item *ltv;
	size_t n_ltv, cap_ltv;
};

/* Bytes reserved in /Contents besides the certificates and the signature
 * value: the CMS structure and signed attributes take under 1 KiB. */
#define LP_SIGN_CMS_OVERHEAD 2048
/* ... and for a timestamp token: a TSA's signature and its certificate
 * chain, a few KiB (an answer is capped at LP_MAX_TSA_REPLY_BYTES, but
 * tokens of public TSAs are 2 to 7 KiB). */
#define LP_SIGN_TSA_RESERVE 12288

/* The bytes a signature of this signer needs in /Contents: its
 * certificates, its largest signature value and the overheads above. A
 * signature that would not fit is an LP_ERR_LIMIT error, never a cut. */
size_t lp_signer_reserve(const lp_signer *signer);

/* Who signs, for a batch journal: the SHA-256 of the certificate, the
 * chain embedded with it and the timestamp authority, in hex, and whether
 * a timestamp is added ("none" for NULL). Never fails. */
void lp_signer_fingerprint(const lp_signer *signer, char out[80]);

/* The signer's display name: the certificate's CN, or NULL. Borrowed. */
const char *lp_signer_cn(const lp_signer *signer);
/* Where the signer's certificate was read (the credential, or
 * --sign-cert's file), as messages name it, or NULL. Borrowed. */
const char *lp_signer_cert_source(const lp_signer *signer);

/* pkcs11.c: the private key a PKCS#11 URI names, through the OpenSSL
 * pkcs11 engine, and with want_cert the token's certificate of the same
 * URI; pin may be NULL. Fails with LP_ERR_MISSING or
 * LP_ERR_SYNTAX, reported. */
lp_status lp_pkcs11_key(
        lp_signer *signer, const char *uri, const char *pin, bool want_cert, lp_diag *diag);
void lp_pkcs11_release(lp_signer *signer);

/* pades.c: signs a PDF whose signature dictionary was written with
 * placeholders (pdf/pdf_sigfield.c): fills /ByteRange, hashes the bytes it
 * names, and writes the CMS SignedData into /Contents, in place. Fails
 * with LP_ERR_INTERNAL (no placeholder), LP_ERR_LIMIT (the CMS does not
 * fit), LP_ERR_IO (the timestamp authority failed) or LP_ERR_BACKEND. */
lp_status lp_pades_sign(
        const lp_signer *signer, uint8_t *pdf, size_t size, const char *name, lp_diag *diag);

/* tsa.c: an RFC 3161 timestamp token (DER ContentInfo) over data (the
 * signature value), from the TSA at url. *token is OPENSSL_malloc'ed.
 * Fails with LP_ERR_IO (no connection, an HTTP error, a refusal or an
 * answer that does not match the request), reported. */
lp_status lp_tsa_timestamp(const char *url, const uint8_t *data, size_t size, uint8_t **token,
        size_t *token_size, const char *name, lp_diag *diag);

/* ltv.c: the signer's certificate and chain and every certificate, CRL
 * and OCSP response in the files (DER or PEM, several in a PEM file)
 * into signer->ltv. Refuses (LP_ERR_SYNTAX) a file that holds none of
 * them, an OCSP answer that is not a successful one, and a CRL or OCSP
 * answer that says the signing certificate is revoked; warns of a CRL
 * past its next update. */
lp_status lp_ltv_load(lp_signer *signer, const char *const *files, size_t n, lp_diag *diag);
void lp_ltv_release(lp_signer *signer);
/* Appends the Document Security Store to a signed PDF (*pdf, malloc'd,
 * reallocated) as an incremental update after the signature's: the
 * signer's data, the certificates of a B-T timestamp token, and a VRI
 * entry for the signature (the last /Contents of the file). */
lp_status lp_ltv_append(
        const lp_signer *signer, uint8_t **pdf, size_t *size, const char *name, lp_diag *diag);

/* The time a signature claims (/M and the appearance): now, or for tests
 * only $LETTERPRESS_SIGN_TIME (seconds since the epoch). */
int64_t lp_sign_time(void);

#endif
