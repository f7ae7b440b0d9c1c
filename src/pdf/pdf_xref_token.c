/*
 * The tokens of a saved PDF that pdf_xref.c reads (ISO 32000-1 §7.2,
 * §7.3): white space, integers, a dictionary's keys and their values,
 * an object's head, a stream's dictionary and its data, inflated
 * (§7.4.4). Apart from pdf_xref.c because none of it knows a
 * cross-reference: each reads the bytes it is given and no more than n
 * of them, the buffer having no terminating NUL.
 */
#include "pdf/pdf_internal.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

bool
lp_pdf_xref_is_space(uint8_t c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool
is_delim(uint8_t c)
{
	return lp_pdf_xref_is_space(c) || c == '/' || c == '[' || c == ']' || c == '<' ||
	       c == '>' || c == '(' || c == ')' || c == '{' || c == '}' || c == '%';
}

size_t
lp_pdf_xref_skip_space(const uint8_t *p, size_t i, size_t n)
{
	while (i < n && lp_pdf_xref_is_space(p[i]))
		i++;
	return i;
}

/* A non-negative integer of at most 15 digits at p[*i], *i moved past it. */
bool
lp_pdf_xref_integer(const uint8_t *p, size_t *i, size_t n, size_t *v)
{
	size_t k = *i, x = 0;
	while (k < n && k - *i < 15 && p[k] >= '0' && p[k] <= '9')
		x = x * 10 + (size_t)(p[k++] - '0');
	if (k == *i || (k < n && p[k] >= '0' && p[k] <= '9'))
		return false;
	*i = k;
	*v = x;
	return true;
}

const uint8_t *
lp_pdf_xref_find(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == (uint8_t)s[0] && memcmp(p + i, s, k) == 0)
			return p + i;
	return NULL;
}

/* Where the value of /key starts in the dictionary [d, d + n), or n. */
size_t
lp_pdf_xref_key_at(const uint8_t *d, size_t n, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i + k < n; i++)
		if (d[i] == '/' && memcmp(d + i + 1, key, k) == 0 && is_delim(d[i + 1 + k]))
			return lp_pdf_xref_skip_space(d, i + 1 + k, n);
	return n;
}

bool
lp_pdf_xref_key_int(const uint8_t *d, size_t n, const char *key, size_t *v)
{
	size_t i = lp_pdf_xref_key_at(d, n, key);
	return i < n && lp_pdf_xref_integer(d, &i, n, v);
}

/* An array of at most max integers; its count, or -1. */
int
lp_pdf_xref_key_ints(const uint8_t *d, size_t n, const char *key, size_t *v, int max)
{
	size_t i = lp_pdf_xref_key_at(d, n, key);
	if (i >= n || d[i] != '[')
		return -1;
	int c = 0;
	for (i = lp_pdf_xref_skip_space(d, i + 1, n); i < n && d[i] != ']';
	        i = lp_pdf_xref_skip_space(d, i, n))
		if (c == max || !lp_pdf_xref_integer(d, &i, n, &v[c++]))
			return -1;
	return i < n ? c : -1;
}

/* "N G obj" at p[at]: where its value starts. */
bool
lp_pdf_xref_object_head(const uint8_t *p, size_t n, size_t at, size_t *num, size_t *body)
{
	size_t i = at, gen;
	if (!lp_pdf_xref_integer(p, &i, n, num) || (i = lp_pdf_xref_skip_space(p, i, n)) == n ||
	        !lp_pdf_xref_integer(p, &i, n, &gen) ||
	        (i = lp_pdf_xref_skip_space(p, i, n)) + 3 > n || memcmp(p + i, "obj", 3) != 0)
		return false;
	*body = lp_pdf_xref_skip_space(p, i + 3, n);
	return true;
}

/* A stream object's dictionary [*dict, *dict_end) and data [*data, + len). */
bool
lp_pdf_xref_stream_at(const uint8_t *p, size_t n, size_t at, size_t *num, size_t *dict,
        size_t *dict_end, size_t *data, size_t *len)
{
	if (!lp_pdf_xref_object_head(p, n, at, num, dict))
		return false;
	const uint8_t *s = lp_pdf_xref_find(p + *dict, n - *dict, "stream");
	if (!s)
		return false;
	*dict_end = (size_t)(s - p);
	size_t i = *dict_end + 6;
	if (i < n && p[i] == '\r')
		i++;
	if (i >= n || p[i] != '\n' ||
	        !lp_pdf_xref_key_int(p + *dict, *dict_end - *dict, "Length", len) ||
	        *len > n - i - 1)
		return false; /* an indirect /Length is not what letterpress writes here */
	*data = i + 1;
	return true;
}

/* The stream's data, inflated into *out (malloc'd) when /FlateDecode. */
lp_status
lp_pdf_xref_decode(
        const uint8_t *d, size_t dn, const uint8_t *in, size_t n, uint8_t **out, size_t *out_n)
{
	*out = NULL;
	size_t f = lp_pdf_xref_key_at(d, dn, "Filter");
	bool flate = f + 12 <= dn && memcmp(d + f, "/FlateDecode", 12) == 0;
	if ((f < dn && !flate) || lp_pdf_xref_key_at(d, dn, "DecodeParms") < dn)
		return LP_ERR_INTERNAL;
	size_t cap = flate ? 4 * n + 1024 : n + 1;
	uint8_t *buf = malloc(cap);
	if (!buf)
		return LP_ERR_NOMEM;
	if (!flate) {
		memcpy(buf, in, n);
		*out = buf;
		*out_n = n;
		return LP_OK;
	}
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK) {
		free(buf);
		return LP_ERR_NOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	lp_status s = LP_OK;
	for (;;) {
		z.next_out = buf + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		int r = inflate(&z, Z_NO_FLUSH);
		if (r == Z_STREAM_END)
			break;
		if ((r != Z_OK && r != Z_BUF_ERROR) || (z.avail_out > 0 && z.avail_in == 0)) {
			s = r == Z_MEM_ERROR ? LP_ERR_NOMEM
			                     : LP_ERR_INTERNAL; /* damaged or cut short */
			break;
		}
		if (z.avail_out == 0) {
			/* Deflate shrinks at most 1032:1, so this ends. */
			if ((s = LP_ARRAY_RESERVE(buf, cap, cap + 1, LP_ARRAY_ANY)) != LP_OK)
				break;
		}
	}
	*out_n = z.total_out;
	inflateEnd(&z);
	if (s != LP_OK) {
		free(buf);
		return s;
	}
	*out = buf;
	return LP_OK;
}
