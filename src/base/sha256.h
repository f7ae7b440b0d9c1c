/*
 * SHA-256 as hex, through OpenSSL: the batch's manifest and journal, and
 * what a resumed batch checks a release's pictures and layout against; and
 * as bytes, for a PDF's file /ID.
 * One place for the digest and its spelling (lowercase hex).
 */
#ifndef LP_BASE_SHA256_H
#define LP_BASE_SHA256_H

#include <stdbool.h>
#include <stddef.h>

#define LP_SHA256_HEX 65 /* 64 hex digits and a NUL */

/* A file's SHA-256 as a writer found it while writing; set is false when
 * it did not (the caller hashes the bytes itself). */
typedef struct lp_file_digest {
	bool set;
	unsigned char sha256[32];
} lp_file_digest;

void lp_sha256_hex(const void *data, size_t size, char hex[LP_SHA256_HEX]);
/* The 32 bytes of the digest; false when OpenSSL fails. */
bool lp_sha256_bytes(const void *data, size_t size, unsigned char out[32]);

/* A digest over several pieces: begin, add each, end. NULL (begin) or
 * false (end) when OpenSSL fails; end frees it either way. */
typedef struct lp_sha256 lp_sha256;
lp_sha256 *lp_sha256_begin(void);
void lp_sha256_add(lp_sha256 *sha, const void *data, size_t size);
bool lp_sha256_end(lp_sha256 *sha, char hex[LP_SHA256_HEX]);
/* The same, as the digest's 32 bytes. */
bool lp_sha256_end_bytes(lp_sha256 *sha, unsigned char out[32]);
/* A second digest that goes on from where sha stands (NULL when OpenSSL
 * fails): two files that share their first bytes are hashed once there. */
lp_sha256 *lp_sha256_copy(const lp_sha256 *sha);
/* The 32 bytes of a digest as lowercase hex. */
void lp_sha256_to_hex(const unsigned char digest[32], char hex[LP_SHA256_HEX]);

#endif
