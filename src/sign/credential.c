/*
 * Signing credentials: a PKCS#12 file, a PEM key with its certificate, or
 * a key on a PKCS#11 token (pkcs11.c). Every check a verifier would make
 * of the signer's certificate is made here, before any document is
 * rendered, so that a credential that cannot sign stops the run with a
 * clear message instead of producing signatures nobody accepts.
 *
 * Secrets: the password comes from a file or the environment, never from
 * argv (which every user of the machine can read in /proc). Buffers that
 * held a password or key bytes are wiped with OPENSSL_cleanse once parsed;
 * the parsed key itself lives in OpenSSL, which wipes it when freed.
 */
#include "sign/sign.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509v3.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LP_SIGN_PASSWORD_ENV "LETTERPRESS_SIGN_PASSWORD"

int64_t
lp_sign_time(void)
{
	/* For reproducible tests only (docs/signing.md): a real signature
	 * claims the time it was made, which verifiers check the
	 * certificate against. */
	const char *t = getenv("LETTERPRESS_SIGN_TIME");
	if (t && *t) {
		char *end;
		errno = 0;
		long long v = strtoll(t, &end, 10);
		if (!errno && !*end && v >= 0)
			return v;
	}
	return (int64_t)time(NULL);
}

const char *
lp_signer_cn(const lp_signer *signer)
{
	return signer ? signer->cn : NULL;
}

const char *
lp_signer_cert_source(const lp_signer *signer)
{
	return signer ? signer->cert_source : NULL;
}

void
lp_signer_fingerprint(const lp_signer *signer, char out[80])
{
	/* The certificate, the chain embedded with it, the timestamp
	 * authority, and with --sign-ltv the DSS's data too: another chain or
	 * other CRLs make other outputs. */
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned char *der = NULL;
	unsigned int n = 0;
	int len = signer ? i2d_X509(signer->cert, &der) : -1;
	EVP_MD_CTX *ctx = len > 0 ? EVP_MD_CTX_new() : NULL;
	bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	          EVP_DigestUpdate(ctx, der, (size_t)len) == 1;
	for (int i = 0; ok && i < sk_X509_num(signer->chain); i++) {
		unsigned char *c = NULL;
		int clen = i2d_X509(sk_X509_value(signer->chain, i), &c);
		ok = clen > 0 && EVP_DigestUpdate(ctx, c, (size_t)clen) == 1;
		OPENSSL_free(c);
	}
	if (ok && signer->tsa_url)
		ok = EVP_DigestUpdate(ctx, signer->tsa_url, strlen(signer->tsa_url) + 1) == 1;
	for (size_t i = 0; ok && i < signer->n_ltv; i++)
		ok = EVP_DigestUpdate(ctx, signer->ltv[i].der, signer->ltv[i].len) == 1;
	ok = ok && EVP_DigestFinal_ex(ctx, md, &n) == 1 && n == 32;
	EVP_MD_CTX_free(ctx);
	OPENSSL_free(der);
	if (!ok) {
		snprintf(out, 80, "none");
		return;
	}
	for (unsigned i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	snprintf(out + 64, 16, "%s%s", signer->tsa_url ? " B-T" : " B-B",
	        signer->n_ltv ? " DSS" : "");
}

size_t
lp_signer_reserve(const lp_signer *sg)
{
	size_t n = LP_SIGN_CMS_OVERHEAD + (size_t)EVP_PKEY_get_size(sg->key);
	int len = i2d_X509(sg->cert, NULL);
	n += len > 0 ? (size_t)len : 0;
	for (int i = 0; i < sk_X509_num(sg->chain); i++)
		if ((len = i2d_X509(sk_X509_value(sg->chain, i), NULL)) > 0)
			n += (size_t)len;
	return n + (sg->tsa_url ? LP_SIGN_TSA_RESERVE : 0);
}

/* The first line of the password file, or the environment's; NULL when
 * there is none. malloc'ed: the caller wipes and frees it. */
static lp_status
read_password(const lp_sign_options *o, char **out, lp_diag *diag)
{
	*out = NULL;
	if (o->password_file) {
		char *data;
		size_t size;
		lp_status s = lp_file_read(o->password_file, 4096, &data, &size, diag);
		if (s != LP_OK)
			return s;
		data[strcspn(data, "\r\n")] = '\0';
		*out = strdup(data);
		OPENSSL_cleanse(data, size);
		free(data);
		return *out ? LP_OK : LP_ERR_NOMEM;
	}
	const char *env = getenv(LP_SIGN_PASSWORD_ENV);
	if (env && !(*out = strdup(env)))
		return LP_ERR_NOMEM;
	return LP_OK;
}

static void
wipe_free(char *s)
{
	if (s) {
		OPENSSL_cleanse(s, strlen(s));
		free(s);
	}
}

/* OpenSSL's first queued reason, for messages; clears the queue. */
static const char *
ssl_reason(char *buf, size_t size)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;
	snprintf(buf, size, "%s", r ? r : "no reason given");
	ERR_clear_error();
	return buf;
}

static lp_status
read_file(const char *path, char **data, size_t *size, lp_diag *diag)
{
	return lp_file_read(path, LP_MAX_CREDENTIAL_BYTES, data, size, diag);
}

static void
wipe_file(char *data, size_t size)
{
	if (data) {
		OPENSSL_cleanse(data, size);
		free(data);
	}
}

/* Every certificate of a PEM file, appended to *chain. */
static lp_status
read_certs(const char *path, STACK_OF(X509) * chain, X509 **first, lp_diag *diag)
{
	char *data;
	size_t size;
	lp_status s = read_file(path, &data, &size, diag);
	if (s != LP_OK)
		return s;
	BIO *bio = BIO_new_mem_buf(data, (int)size);
	int n = 0;
	X509 *x;
	while (bio && (x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (first && !*first)
			*first = x;
		else if (!sk_X509_push(chain, x))
			X509_free(x);
		n++;
	}
	ERR_clear_error();
	BIO_free(bio);
	free(data);
	if (n == 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
	return LP_OK;
}

/* After PKCS12_parse() failed with the MAC verified (the password is
 * right): an "unsupported" then is the RC2 or 3DES encryption of older
 * exports (Windows, Java, some CAs), which OpenSSL 3 decrypts only with
 * its legacy provider. That is loaded for this one parse, beside the
 * default provider, and unloaded after: the keys it yields are the
 * default provider's. */
static bool
parse_legacy(PKCS12 *p12, const char *pass, lp_signer *sg, STACK_OF(X509) * *ca)
{
	if (ERR_GET_REASON(ERR_peek_last_error()) != ERR_R_UNSUPPORTED)
		return false;
	OSSL_PROVIDER *legacy = OSSL_PROVIDER_try_load(NULL, "legacy", 1);
	if (!legacy)
		return false;
	ERR_clear_error();
	bool ok = PKCS12_parse(p12, pass ? pass : "", &sg->key, &sg->cert, ca) == 1;
	OSSL_PROVIDER_unload(legacy);
	return ok;
}

static lp_status
load_pkcs12(lp_signer *sg, const char *path, const char *data, size_t size, const char *pass,
        lp_diag *diag)
{
	const unsigned char *p = (const unsigned char *)data;
	PKCS12 *p12 = d2i_PKCS12(NULL, &p, (long)size);
	if (!p12)
		return LP_ERR_UNSUPPORTED; /* not PKCS#12: try PEM */
	char why[160];
	lp_status s = LP_OK;
	if (!PKCS12_verify_mac(p12, pass ? pass : "", -1) &&
	        !(pass == NULL && PKCS12_verify_mac(p12, NULL, 0))) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "wrong password for this PKCS#12 file (give it in $" LP_SIGN_PASSWORD_ENV
		        " or with --sign-password-file)");
		goto fail;
	}
	STACK_OF(X509) *ca = NULL;
	if (!PKCS12_parse(p12, pass ? pass : "", &sg->key, &sg->cert, &ca) &&
	        !parse_legacy(p12, pass, sg, &ca)) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "cannot read the PKCS#12 file: %s", ssl_reason(why, sizeof why));
		goto fail;
	}
	for (int i = 0; ca && i < sk_X509_num(ca); i++) {
		X509 *x = sk_X509_value(ca, i);
		if (sk_X509_push(sg->chain, x))
			sk_X509_set(ca, i, NULL);
	}
	sk_X509_pop_free(ca, X509_free);
	if (!sg->key || !sg->cert)
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "the PKCS#12 file holds no %s", sg->key ? "certificate" : "private key");
fail:
	PKCS12_free(p12);
	return s;
}

static lp_status
load_pem_key(lp_signer *sg, const char *path, const char *data, size_t size, const char *pass,
        lp_diag *diag)
{
	BIO *bio = BIO_new_mem_buf(data, (int)size);
	if (!bio)
		return LP_ERR_NOMEM;
	/* No callback: OpenSSL takes the password as given, and never asks on
	 * the terminal. */
	sg->key = PEM_read_bio_PrivateKey(bio, NULL, NULL, (void *)(pass ? pass : ""));
	BIO_free(bio);
	if (!sg->key) {
		char why[160];
		bool encrypted = strstr(data, "ENCRYPTED") != NULL;
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0, "%s (%s)",
		        encrypted ? "cannot decrypt the private key: wrong or missing password"
		                  : "is neither a PKCS#12 file nor a PEM private key",
		        ssl_reason(why, sizeof why));
	}
	return LP_OK;
}

/* The subject's CN as UTF-8, for the visible signature. */
static char *
subject_cn(X509 *cert)
{
	X509_NAME *n = X509_get_subject_name(cert);
	int i = n ? X509_NAME_get_index_by_NID(n, NID_commonName, -1) : -1;
	if (i < 0)
		return NULL;
	unsigned char *u = NULL;
	int len = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i)));
	if (len < 0)
		return NULL;
	char *s = strndup((const char *)u, (size_t)len);
	OPENSSL_free(u);
	return s;
}

/* What a verifier would refuse, refused now. */
static lp_status
check_cert(lp_signer *sg, const char *path, lp_diag *diag)
{
	time_t now = (time_t)lp_sign_time();
	if (X509_cmp_time(X509_get0_notBefore(sg->cert), &now) > 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "the signing certificate is not valid yet");
	if (X509_cmp_time(X509_get0_notAfter(sg->cert), &now) < 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "the signing certificate has expired");
	EVP_PKEY *pub = X509_get0_pubkey(sg->cert);
	if (!pub || EVP_PKEY_eq(pub, sg->key) != 1) {
		ERR_clear_error();
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "the private key does not belong to the signing certificate");
	}
	/* X509_get_key_usage() is all ones when the extension is absent. */
	uint32_t ku = X509_get_key_usage(sg->cert);
	if (!(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, path, 0, 0,
		        "the signing certificate's key usage allows neither digitalSignature nor "
		        "nonRepudiation");
	if (!(sg->cn = subject_cn(sg->cert)))
		ERR_clear_error();
	return LP_OK;
}

lp_status
lp_signer_new(const lp_sign_options *o, lp_signer **out, lp_diag *diag)
{
	*out = NULL;
	if (o && lp_diag_check_version(
	                 diag, "lp_sign_options", o->version, LP_SIGN_OPTIONS_VERSION) != LP_OK)
		return LP_ERR_USAGE;
	if (!o || !o->credential || !*o->credential)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "signing needs a credential (a PKCS#12 file, a PEM key or a pkcs11: URI)");
	if (o->tsa_url && strncmp(o->tsa_url, "http://", 7) != 0)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
		        "the timestamp authority '%s' is not an http:// URL", o->tsa_url);
	lp_signer *sg = calloc(1, sizeof *sg);
	if (!sg)
		return LP_ERR_NOMEM;
	pthread_mutex_init(&sg->lock, NULL);
	char *pass = NULL, *data = NULL;
	size_t size = 0;
	bool token = strncmp(o->credential, "pkcs11:", 7) == 0;
	const char *where = o->credential; /* where a certificate problem is reported */
	lp_status s = LP_ERR_NOMEM;
	if (!(sg->chain = sk_X509_new_null()))
		goto fail;
	if (o->tsa_url && !(sg->tsa_url = strdup(o->tsa_url)))
		goto fail;
	if ((s = read_password(o, &pass, diag)) != LP_OK)
		goto fail;
	if (token) {
		s = lp_pkcs11_key(sg, o->credential, pass, o->cert == NULL, diag);
	} else {
		if ((s = read_file(o->credential, &data, &size, diag)) != LP_OK)
			goto fail;
		s = load_pkcs12(sg, o->credential, data, size, pass, diag);
		if (s == LP_ERR_UNSUPPORTED) {
			ERR_clear_error();
			s = load_pem_key(sg, o->credential, data, size, pass, diag);
		}
	}
	if (s != LP_OK)
		goto fail;
	if (o->cert) {
		X509_free(sg->cert);
		sg->cert = NULL;
		if ((s = read_certs(o->cert, sg->chain, &sg->cert, diag)) != LP_OK)
			goto fail;
		where = o->cert;
	}
	if (!sg->cert) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, o->credential, 0, 0,
		        "a PEM key needs its certificate: add --sign-cert CERT.pem");
		goto fail;
	}
	if (o->chain && (s = read_certs(o->chain, sg->chain, NULL, diag)) != LP_OK)
		goto fail;
	if ((s = check_cert(sg, where, diag)) != LP_OK)
		goto fail;
	if (!(sg->cert_source = strdup(where))) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	if (o->n_ltv_files && (s = lp_ltv_load(sg, o->ltv_files, o->n_ltv_files, diag)) != LP_OK)
		goto fail;
	wipe_file(data, size);
	wipe_free(pass);
	*out = sg;
	return LP_OK;
fail:
	wipe_file(data, size);
	wipe_free(pass);
	lp_signer_drop(sg);
	ERR_clear_error();
	return s;
}

void
lp_signer_drop(lp_signer *sg)
{
	if (!sg)
		return;
	EVP_PKEY_free(sg->key); /* OpenSSL wipes the key's numbers as it frees them */
	X509_free(sg->cert);
	sk_X509_pop_free(sg->chain, X509_free);
	lp_pkcs11_release(sg);
	lp_ltv_release(sg);
	free(sg->cn);
	free(sg->cert_source);
	free(sg->tsa_url);
	pthread_mutex_destroy(&sg->lock);
	free(sg);
}
