/*
 * Diagnostics on stderr, as text ("file:line:col: error: message",
 * lp_diag_format()) or, with --diagnostics json, one JSON object a line for
 * editors and CI: {"severity", "file", "line", "col", "code", "message",
 * "document"}, with null for what is unknown.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

void
lp_cli_put_escaped(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	}
}

/* The length of the UTF-8 sequence at p, 0 when it is not one (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF). */
static size_t
utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	size_t n = c >= 0xc2 && c <= 0xdf   ? 2
	           : c >= 0xe0 && c <= 0xef ? 3
	           : c >= 0xf0 && c <= 0xf4 ? 4
	                                    : 0;
	unsigned char lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
	unsigned char hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
	if (n && (p[1] < lo || p[1] > hi))
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* A JSON string; bytes that are not UTF-8 become U+FFFD. */
static void
put_json_string(const char *s)
{
	if (!s) {
		fputs("null", stderr);
		return;
	}
	fputc('"', stderr);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n;
		if (*p == '"' || *p == '\\') {
			fprintf(stderr, "\\%c", *p++);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(stderr, "\\u%04x", *p++);
		} else if (*p < 0x80) {
			fputc(*p++, stderr);
		} else if ((n = utf8_len(p)) > 0) {
			fwrite(p, 1, n, stderr);
			p += n;
		} else {
			fputs("\\ufffd", stderr);
			p++;
		}
	}
	fputc('"', stderr);
}

void
lp_cli_print_entry(const lp_diag_entry *e, bool json)
{
	if (!json) {
		char buf[2048];
		lp_diag_format(e, buf, sizeof buf);
		lp_cli_put_escaped(buf);
		fputc('\n', stderr);
		return;
	}
	static const char *const severity[] = {"note", "warning", "error"};
	fprintf(stderr, "{\"severity\":\"%s\",\"file\":", severity[e->severity]);
	put_json_string(e->file);
	if (e->line)
		fprintf(stderr, ",\"line\":%u,\"col\":%u", e->line, e->col);
	else
		fputs(",\"line\":null,\"col\":null", stderr);
	fputs(",\"code\":", stderr);
	put_json_string(e->code == LP_OK ? NULL : lp_status_str(e->code));
	fputs(",\"message\":", stderr);
	put_json_string(e->message);
	fputs(",\"document\":", stderr);
	put_json_string(e->document);
	fputs("}\n", stderr);
}

void
lp_cli_print_diag(const lp_diag_entry *e, void *user)
{
	const lp_cli_diag_style *st = user;
	if (st->quiet && e->severity != LP_ERROR)
		return;
	lp_cli_print_entry(e, st->json);
}
