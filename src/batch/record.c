/* Manifest records: JSON written byte for byte the same for equal records,
 * and read back strictly; see batch.h. */
#include "batch/batch.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/utf8.h"

#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

/* ---- Buffers and hashes ---------------------------------------------- */

void
lp_buf_add(lp_buf *b, const void *data, size_t size)
{
	if (b->failed)
		return;
	if (LP_ARRAY_RESERVE(b->data, b->cap, b->len + size + 1, LP_ARRAY_ANY) != LP_OK) {
		b->failed = true;
		return;
	}
	memcpy(b->data + b->len, data, size);
	b->len += size;
	b->data[b->len] = '\0';
}

void
lp_buf_str(lp_buf *b, const char *s)
{
	lp_buf_add(b, s, strlen(s));
}

void
lp_buf_free(lp_buf *b)
{
	free(b->data);
	*b = (lp_buf){0};
}

uint32_t
lp_shard_of(const char *source, uint32_t n_shards)
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)source, strlen(source), md);
	uint64_t h = 0;
	for (int i = 0; i < 8; i++)
		h = h << 8 | md[i];
	return n_shards ? (uint32_t)(h % n_shards) + 1 : 1;
}

/* ---- Writing --------------------------------------------------------- */

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

char *
lp_manifest_text(const char *s)
{
	lp_buf b = {0};
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	lp_buf_add(&b, "", 0);
	while (i < n) {
		size_t start = i;
		uint32_t cp;
		if (lp_utf8_decode(p, n, &i, &cp))
			lp_buf_add(&b, p + start, i - start);
		else
			lp_buf_str(&b, replacement);
	}
	if (b.failed) {
		lp_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* JSON's escapes (RFC 8259 §7) for quotes, backslashes and controls, and
 * DEL as \u007f so a manifest shown on a terminal stays harmless. */
static void
json_string(lp_buf *b, const char *s)
{
	static const char digits[] = "0123456789abcdef";
	lp_buf_add(b, "\"", 1);
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint8_t c = p[i];
		if (c >= 0x80) {
			size_t start = i;
			uint32_t cp;
			if (lp_utf8_decode(p, n, &i, &cp))
				lp_buf_add(b, p + start, i - start);
			else
				lp_buf_str(b, replacement);
			continue;
		}
		i++;
		const char *esc = NULL;
		switch (c) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			break;
		}
		if (esc) {
			lp_buf_str(b, esc);
		} else if (c < 0x20 || c == 0x7f) {
			char u[7] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 15], 0};
			lp_buf_str(b, u);
		} else {
			lp_buf_add(b, &c, 1);
		}
	}
	lp_buf_add(b, "\"", 1);
}

static void
json_key(lp_buf *b, const char *key, bool first)
{
	if (!first)
		lp_buf_add(b, ",", 1);
	json_string(b, key);
	lp_buf_add(b, ":", 1);
}

static void
json_string_or_null(lp_buf *b, const char *s)
{
	if (s)
		json_string(b, s);
	else
		lp_buf_str(b, "null");
}

static void
json_int_or_null(lp_buf *b, int64_t v)
{
	char num[24];
	if (v < 0)
		lp_buf_str(b, "null");
	else {
		snprintf(num, sizeof num, "%lld", (long long)v);
		lp_buf_str(b, num);
	}
}

/* The keys, in the order every line has them. */
static const char *const keys[] = {"source", "source_sha256", "output", "sha256", "bytes", "pages",
        "status", "error", "warnings", "layout", "letterpress"};
enum { N_KEYS = sizeof keys / sizeof *keys };

static void
record_json(const lp_record *r, lp_buf *b, bool journal)
{
	lp_buf_add(b, "{", 1);
	json_key(b, keys[0], true);
	json_string(b, r->source ? r->source : "");
	json_key(b, keys[1], false);
	json_string_or_null(b, r->source_sha256);
	json_key(b, keys[2], false);
	json_string_or_null(b, r->output);
	json_key(b, keys[3], false);
	json_string_or_null(b, r->sha256);
	json_key(b, keys[4], false);
	json_int_or_null(b, r->bytes);
	json_key(b, keys[5], false);
	json_int_or_null(b, r->pages);
	json_key(b, keys[6], false);
	json_string(b, r->ok ? "ok" : "failed");
	json_key(b, keys[7], false);
	json_string_or_null(b, r->error);
	json_key(b, keys[8], false);
	json_int_or_null(b, (int64_t)r->warnings);
	json_key(b, keys[9], false);
	json_string_or_null(b, r->layout);
	json_key(b, keys[10], false);
	json_string(b, r->version ? r->version : "");
	if (journal && r->inputs) {
		json_key(b, "inputs", false);
		json_string(b, r->inputs);
	}
	lp_buf_add(b, "}\n", 2);
}

void
lp_record_json(const lp_record *r, lp_buf *b)
{
	record_json(r, b, false);
}

void
lp_record_journal_json(const lp_record *r, lp_buf *b)
{
	record_json(r, b, true);
}

/* ---- Reading --------------------------------------------------------- */

typedef struct reader {
	const uint8_t *p;
	size_t n, i;
	bool nomem;
} reader;

static bool
expect(reader *r, char c)
{
	if (r->i < r->n && r->p[r->i] == (uint8_t)c) {
		r->i++;
		return true;
	}
	return false;
}

static bool
read_u16(reader *r, uint32_t *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		int d = r->i < r->n ? lp_hex_digit(r->p[r->i]) : -1;
		if (d < 0)
			return false;
		*v = *v << 4 | (uint32_t)d;
		r->i++;
	}
	return true;
}

/* A JSON string into a malloc'd UTF-8 string; NULL on a syntax error
 * (r->i at it) or when out of memory (r->nomem). */
static char *
read_string(reader *r)
{
	if (!expect(r, '"'))
		return NULL;
	lp_buf b = {0};
	lp_buf_add(&b, "", 0);
	while (r->i < r->n && r->p[r->i] != '"') {
		uint8_t c = r->p[r->i];
		if (c < 0x20)
			goto bad;
		if (c >= 0x80) {
			size_t start = r->i;
			uint32_t cp;
			if (!lp_utf8_decode(r->p, r->n, &r->i, &cp)) {
				r->i = start;
				goto bad;
			}
			lp_buf_add(&b, r->p + start, r->i - start);
			continue;
		}
		r->i++;
		if (c != '\\') {
			lp_buf_add(&b, &c, 1);
			continue;
		}
		if (r->i >= r->n)
			goto bad;
		uint8_t e = r->p[r->i++];
		const char *plain = strchr("\"\\/bfnrt", e);
		if (e && plain) {
			static const char out[] = "\"\\/\b\f\n\r\t";
			lp_buf_add(&b, &out[plain - "\"\\/bfnrt"], 1);
			continue;
		}
		uint32_t cp, lo;
		if (e != 'u' || !read_u16(r, &cp))
			goto bad;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (!expect(r, '\\') || !expect(r, 'u') || !read_u16(r, &lo) ||
			        lo < 0xDC00 || lo > 0xDFFF)
				goto bad;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			goto bad;
		}
		uint8_t enc[4];
		size_t len = lp_utf8_encode(cp, enc);
		if (!len || cp == 0)
			goto bad;
		lp_buf_add(&b, enc, len);
	}
	if (!expect(r, '"'))
		goto bad;
	if (b.failed) {
		r->nomem = true;
		lp_buf_free(&b);
		return NULL;
	}
	return b.data;
bad:
	lp_buf_free(&b);
	return NULL;
}

/* A non-negative integer below 2^53, or null (-1). */
static bool
read_int(reader *r, bool nullable, int64_t *v)
{
	if (nullable && r->i + 4 <= r->n && memcmp(r->p + r->i, "null", 4) == 0) {
		r->i += 4;
		*v = -1;
		return true;
	}
	size_t start = r->i;
	int64_t x = 0;
	while (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9') {
		if (x > (INT64_C(1) << 53) / 10) {
			r->i = start;
			return false;
		}
		x = x * 10 + (r->p[r->i++] - '0');
	}
	if (r->i == start || (r->p[start] == '0' && r->i - start > 1)) {
		r->i = start;
		return false;
	}
	*v = x;
	return true;
}

static bool
read_string_or_null(reader *r, char **out)
{
	if (r->i + 4 <= r->n && memcmp(r->p + r->i, "null", 4) == 0) {
		r->i += 4;
		*out = NULL;
		return true;
	}
	return (*out = read_string(r)) != NULL;
}

lp_status
lp_record_parse(const char *line, size_t len, lp_record *rec, size_t *bad_at)
{
	memset(rec, 0, sizeof *rec);
	reader r = {(const uint8_t *)line, len, 0, false};
	char *status = NULL;
	int64_t warnings = 0;
	bool ok = expect(&r, '{');
	for (int k = 0; ok && k < N_KEYS; k++) {
		if (k > 0 && !(ok = expect(&r, ',')))
			break;
		size_t key_at = r.i;
		char *key = read_string(&r);
		ok = key && strcmp(key, keys[k]) == 0 && expect(&r, ':');
		if (!ok && key)
			r.i = key_at; /* point at the key that is not the one expected */
		free(key);
		if (!ok)
			break;
		switch (k) {
		case 0:
			ok = (rec->source = read_string(&r)) != NULL;
			break;
		case 1:
			ok = read_string_or_null(&r, &rec->source_sha256);
			break;
		case 2:
			ok = read_string_or_null(&r, &rec->output);
			break;
		case 3:
			ok = read_string_or_null(&r, &rec->sha256);
			break;
		case 4:
			ok = read_int(&r, true, &rec->bytes);
			break;
		case 5:
			ok = read_int(&r, true, &rec->pages);
			break;
		case 6:
			ok = (status = read_string(&r)) != NULL &&
			     (!strcmp(status, "ok") || !strcmp(status, "failed"));
			break;
		case 7:
			ok = read_string_or_null(&r, &rec->error);
			break;
		case 8:
			ok = read_int(&r, false, &warnings);
			break;
		case 9:
			ok = read_string_or_null(&r, &rec->layout);
			break;
		case 10:
			ok = (rec->version = read_string(&r)) != NULL;
			break;
		}
	}
	/* A journal's record may end with its inputs. */
	if (ok && r.i < r.n && r.p[r.i] == ',') {
		r.i++;
		char *key = read_string(&r);
		ok = key && strcmp(key, "inputs") == 0 && expect(&r, ':') &&
		     (rec->inputs = read_string(&r)) != NULL;
		free(key);
	}
	ok = ok && expect(&r, '}') && r.i == r.n;
	rec->ok = status && strcmp(status, "ok") == 0;
	rec->warnings = (uint64_t)warnings;
	free(status);
	if (ok)
		return LP_OK;
	*bad_at = r.i;
	lp_record_clear(rec);
	return r.nomem ? LP_ERR_NOMEM : LP_ERR_SYNTAX;
}

static bool
dup_or_null(const char *s, char **out)
{
	*out = s ? strdup(s) : NULL;
	return !s || *out;
}

lp_status
lp_record_copy(const lp_record *from, lp_record *to)
{
	*to = *from;
	bool ok = dup_or_null(from->source, &to->source) &
	          dup_or_null(from->source_sha256, &to->source_sha256) &
	          dup_or_null(from->output, &to->output) & dup_or_null(from->sha256, &to->sha256) &
	          dup_or_null(from->error, &to->error) & dup_or_null(from->layout, &to->layout) &
	          dup_or_null(from->version, &to->version) & dup_or_null(from->inputs, &to->inputs);
	if (ok)
		return LP_OK;
	lp_record_clear(to);
	return LP_ERR_NOMEM;
}

void
lp_record_clear(lp_record *r)
{
	free(r->source);
	free(r->source_sha256);
	free(r->output);
	free(r->sha256);
	free(r->error);
	free(r->layout);
	free(r->version);
	free(r->inputs);
	memset(r, 0, sizeof *r);
	r->bytes = r->pages = -1;
}
