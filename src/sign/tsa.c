/*
 * RFC 3161 timestamps for PAdES B-T: a TimeStampReq over the SHA-256 of
 * the signature value, POSTed to the authority (RFC 3161 §3.4), and the
 * answer checked against the request (status granted, same imprint, same
 * nonce) before its token is embedded.
 *
 * The transport is a minimal HTTP/1.1 client over a socket, http:// only:
 * timestamp authorities serve plain HTTP (the token is itself signed), and
 * this avoids a libcurl dependency for one POST. A reply must carry a
 * Content-Length (no chunked encoding) and fit LP_MAX_TSA_REPLY_BYTES;
 * connecting and each read time out after LP_TSA_TIMEOUT_S seconds.
 */
#include "sign/sign.h"

#include "base/diag.h"
#include "base/limits.h"

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* A timestamp authority that has not answered in this long will not. */
#define LP_TSA_TIMEOUT_S 30

static lp_status
tsa_fail(lp_diag *diag, const char *url, const char *what, const char *detail)
{
	ERR_clear_error();
	return lp_diag_report(diag, LP_ERROR, LP_ERR_IO, url, 0, 0, "timestamp authority: %s%s",
	        what, detail ? detail : "");
}

static int
connect_to(const char *host, const char *port)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res, *ai;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -1;
	int fd = -1;
	for (ai = res; ai && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		struct timeval tv = {LP_TSA_TIMEOUT_S, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	return fd;
}

static bool
send_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* POSTs body to url; on success *reply (malloc'ed) is the response body. */
static lp_status
http_post(const char *url, const uint8_t *body, size_t body_len, uint8_t **reply, size_t *reply_len,
        lp_diag *diag)
{
	char host[256], port[8] = "80";
	const char *h = url + 7, *path = strchr(h, '/');
	size_t hl = path ? (size_t)(path - h) : strlen(h);
	if (hl == 0 || hl >= sizeof host)
		return tsa_fail(diag, url, "the URL has no host", NULL);
	memcpy(host, h, hl);
	host[hl] = '\0';
	char *colon = strrchr(host, ':');
	if (colon) {
		*colon = '\0';
		snprintf(port, sizeof port, "%.5s", colon + 1);
	}
	if (!path)
		path = "/";
	int fd = connect_to(host, port);
	if (fd < 0)
		return tsa_fail(diag, url, "cannot connect", NULL);
	char head[1024];
	int n = snprintf(head, sizeof head,
	        "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/timestamp-query\r\n"
	        "Accept: application/timestamp-reply\r\nContent-Length: %zu\r\nConnection: "
	        "close\r\n\r\n",
	        path, host, body_len);
	if (n < 0 || (size_t)n >= sizeof head) {
		close(fd);
		return tsa_fail(diag, url, "the URL is too long", NULL);
	}
	if (!send_all(fd, head, (size_t)n) || !send_all(fd, body, body_len)) {
		close(fd);
		return tsa_fail(diag, url, "cannot send the request", NULL);
	}
	size_t cap = LP_MAX_TSA_REPLY_BYTES + 4096, len = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		return LP_ERR_NOMEM;
	}
	ssize_t r;
	while (len < cap && (r = recv(fd, buf + len, cap - len, 0)) > 0)
		len += (size_t)r;
	close(fd);
	buf[len] = '\0';
	lp_status s = LP_OK;
	char *end = strstr(buf, "\r\n\r\n");
	int code = 0;
	if (!end || sscanf(buf, "HTTP/1.%*d %d", &code) != 1) {
		s = tsa_fail(diag, url, "the answer is not HTTP", NULL);
		goto done;
	}
	if (code != 200) {
		char c[16];
		snprintf(c, sizeof c, "%d", code);
		s = tsa_fail(diag, url, "HTTP status ", c);
		goto done;
	}
	*end = '\0';
	const char *cl = NULL;
	for (char *line = strstr(buf, "\r\n"); line; line = strstr(line + 2, "\r\n")) {
		if (!strncasecmp(line + 2, "Content-Length:", 15))
			cl = line + 17;
		if (!strncasecmp(line + 2, "Transfer-Encoding:", 18)) {
			s = tsa_fail(diag, url, "a chunked answer is not supported", NULL);
			goto done;
		}
	}
	size_t body_at = (size_t)(end + 4 - buf);
	size_t want = cl ? strtoul(cl, NULL, 10) : len - body_at;
	if (want > LP_MAX_TSA_REPLY_BYTES || body_at + want > len) {
		s = tsa_fail(diag, url, "the answer is truncated or too large", NULL);
		goto done;
	}
	if (!(*reply = malloc(want ? want : 1))) {
		s = LP_ERR_NOMEM;
		goto done;
	}
	memcpy(*reply, buf + body_at, want);
	*reply_len = want;
done:
	free(buf);
	return s;
}

lp_status
lp_tsa_timestamp(const char *url, const uint8_t *data, size_t size, uint8_t **token,
        size_t *token_size, const char *name, lp_diag *diag)
{
	(void)name;
	*token = NULL;
	*token_size = 0;
	uint8_t hash[32], nonce_bytes[8];
	TS_REQ *req = TS_REQ_new();
	TS_MSG_IMPRINT *mi = TS_MSG_IMPRINT_new();
	X509_ALGOR *alg = X509_ALGOR_new();
	ASN1_INTEGER *nonce = NULL;
	TS_RESP *resp = NULL;
	TS_VERIFY_CTX *vctx = NULL;
	uint8_t *der = NULL, *reply = NULL;
	size_t reply_len = 0;
	lp_status s = LP_ERR_NOMEM;
	if (!req || !mi || !alg)
		goto fail;
	EVP_Digest(data, size, hash, NULL, EVP_sha256(), NULL);
	X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL);
	if (RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1)
		goto fail;
	nonce_bytes[0] &= 0x7f; /* a positive INTEGER */
	BIGNUM *bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, NULL);
	nonce = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
	BN_free(bn);
	if (!nonce || !TS_MSG_IMPRINT_set_algo(mi, alg) || !TS_MSG_IMPRINT_set_msg(mi, hash, 32) ||
	        !TS_REQ_set_version(req, 1) || !TS_REQ_set_msg_imprint(req, mi) ||
	        !TS_REQ_set_nonce(req, nonce) || !TS_REQ_set_cert_req(req, 1))
		goto fail;
	int der_len = i2d_TS_REQ(req, &der);
	if (der_len <= 0)
		goto fail;
	if ((s = http_post(url, der, (size_t)der_len, &reply, &reply_len, diag)) != LP_OK)
		goto fail;
	const unsigned char *p = reply;
	if (!(resp = d2i_TS_RESP(NULL, &p, (long)reply_len))) {
		s = tsa_fail(diag, url, "the answer is not a TimeStampResp", NULL);
		goto fail;
	}
	long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp)));
	if (status != 0 && status != 1) {
		char st[16];
		snprintf(st, sizeof st, "%ld", status);
		s = tsa_fail(diag, url, "the request was refused, PKIStatus ", st);
		goto fail;
	}
	/* The token must answer this request: version, imprint and nonce. Its
	 * signature is the verifier's business (it needs the TSA's trust). */
	if (!(vctx = TS_REQ_to_TS_VERIFY_CTX(req, NULL)))
		goto fail;
	TS_VERIFY_CTX_set_flags(vctx, TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
	if (TS_RESP_verify_response(vctx, resp) != 1) {
		s = tsa_fail(diag, url, "the token does not answer the request (imprint or nonce)",
		        NULL);
		goto fail;
	}
	unsigned char *tok = NULL;
	int tok_len = i2d_PKCS7(TS_RESP_get_token(resp), &tok);
	if (tok_len <= 0) {
		s = tsa_fail(diag, url, "the answer holds no token", NULL);
		goto fail;
	}
	*token = tok;
	*token_size = (size_t)tok_len;
	s = LP_OK;
fail:
	ERR_clear_error();
	TS_VERIFY_CTX_free(vctx);
	TS_RESP_free(resp);
	OPENSSL_free(der);
	free(reply);
	ASN1_INTEGER_free(nonce);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	TS_REQ_free(req);
	return s;
}
