/*
 * Keys on smart cards and HSMs through PKCS#11: OpenSSL's "pkcs11" engine
 * (Debian libengine-pkcs11-openssl, libp11), which loads the module named
 * by $PKCS11_MODULE_PATH or p11-kit's default and finds the key a PKCS#11
 * URI (RFC 7512) names. The key never leaves the token: OpenSSL asks the
 * engine for each signature.
 *
 * OpenSSL 3.0 deprecates the ENGINE API, and Debian 12 has no PKCS#11
 * provider package, so this one file opts back into the 1.1 API; nothing
 * else in letterpress uses a deprecated call.
 */
#define OPENSSL_API_COMPAT 0x10100000L
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "sign/sign.h"

#include "base/diag.h"

#include <openssl/engine.h>
#include <openssl/err.h>
#include <string.h>

lp_status
lp_pkcs11_key(lp_signer *sg, const char *uri, const char *pin, bool want_cert, lp_diag *diag)
{
	ENGINE_load_builtin_engines();
	ENGINE *e = ENGINE_by_id("pkcs11");
	if (!e) {
		ERR_clear_error();
		return lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, uri, 0, 0,
		        "the OpenSSL pkcs11 engine is not installed (Debian package "
		        "libengine-pkcs11-openssl)");
	}
	const char *module = getenv("PKCS11_MODULE_PATH");
	if (module && *module)
		ENGINE_ctrl_cmd_string(e, "MODULE_PATH", module, 0);
	if (!ENGINE_init(e)) {
		ENGINE_free(e);
		ERR_clear_error();
		return lp_diag_report(diag, LP_ERROR, LP_ERR_MISSING, uri, 0, 0,
		        "the pkcs11 engine cannot start (is $PKCS11_MODULE_PATH a PKCS#11 "
		        "module?)");
	}
	sg->engine = e;
	sg->serialize = true;
	if (pin && !ENGINE_ctrl_cmd_string(e, "PIN", pin, 0))
		ERR_clear_error();
	sg->key = ENGINE_load_private_key(e, uri, NULL, NULL);
	if (!sg->key) {
		ERR_clear_error();
		return lp_diag_report(diag, LP_ERROR, LP_ERR_SYNTAX, uri, 0, 0,
		        "no private key on the token answers this URI, or the PIN is wrong");
	}
	/* The certificate, unless --sign-cert gives it: the token's object
	 * of the same URI. */
	struct {
		const char *id;
		X509 *cert;
	} cp = {uri, NULL};
	if (want_cert && ENGINE_ctrl_cmd(e, "LOAD_CERT_CTRL", 0, &cp, NULL, 0) && cp.cert)
		sg->cert = cp.cert;
	ERR_clear_error();
	return LP_OK;
}

void
lp_pkcs11_release(lp_signer *sg)
{
	if (sg->engine) {
		ENGINE_finish(sg->engine);
		ENGINE_free(sg->engine);
		sg->engine = NULL;
	}
}
