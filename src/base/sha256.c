/* SHA-256 as hex; see sha256.h. */
#include "base/sha256.h"

#include <openssl/evp.h>
#include <string.h>

static void
to_hex(const unsigned char *md, unsigned n, char hex[LP_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < n && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

void
lp_sha256_hex(const void *data, size_t size, char hex[LP_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	if (!EVP_Digest(data, size, md, &n, EVP_sha256(), NULL) || n != 32) {
		hex[0] = '\0';
		return;
	}
	to_hex(md, n, hex);
}

bool
lp_sha256_bytes(const void *data, size_t size, unsigned char out[32])
{
	unsigned n = 0;
	return EVP_Digest(data, size, out, &n, EVP_sha256(), NULL) && n == 32;
}

lp_sha256 *
lp_sha256_begin(void)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (md && !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(md);
		md = NULL;
	}
	return (lp_sha256 *)md;
}

void
lp_sha256_add(lp_sha256 *sha, const void *data, size_t size)
{
	if (sha && size)
		EVP_DigestUpdate((EVP_MD_CTX *)sha, data, size);
}

bool
lp_sha256_end_bytes(lp_sha256 *sha, unsigned char out[32])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	bool ok = sha && EVP_DigestFinal_ex((EVP_MD_CTX *)sha, md, &n) && n == 32;
	EVP_MD_CTX_free((EVP_MD_CTX *)sha);
	if (ok)
		memcpy(out, md, 32);
	return ok;
}

bool
lp_sha256_end(lp_sha256 *sha, char hex[LP_SHA256_HEX])
{
	unsigned char md[32];
	bool ok = lp_sha256_end_bytes(sha, md);
	if (ok)
		to_hex(md, 32, hex);
	else
		hex[0] = '\0';
	return ok;
}

lp_sha256 *
lp_sha256_copy(const lp_sha256 *sha)
{
	EVP_MD_CTX *md = sha ? EVP_MD_CTX_new() : NULL;
	if (md && !EVP_MD_CTX_copy_ex(md, (const EVP_MD_CTX *)sha)) {
		EVP_MD_CTX_free(md);
		md = NULL;
	}
	return (lp_sha256 *)md;
}

void
lp_sha256_to_hex(const unsigned char digest[32], char hex[LP_SHA256_HEX])
{
	to_hex(digest, 32, hex);
}
