/*
 * Diagnostics on stderr, as text or, with --diagnostics json, one JSON
 * object a line for editors and CI: {"severity", "file", "line", "col",
 * "span", "code", "message", "hints", "document"}, with null for what is
 * unknown and [] for no hints. Text is the line editors parse,
 * "file:line:col: error: message" (lp_diag_format()), then, as rustc
 * shows it, the source line with a caret under the span and the hints:
 *
 *     r.md:3:1: warning: unknown key 'titel' in the front matter
 *       --> r.md:3:1
 *        |
 *      3 | titel: Саопштење
 *        | ^^^^^
 *        = help: did you mean 'title'?
 *
 * in colour on a terminal (--color, NO_COLOR).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether text diagnostics are coloured: decided once, by main(). */
static bool use_color;

void
lp_cli_diag_color(const char *mode)
{
	if (mode && !strcmp(mode, "always"))
		use_color = true;
	else if (mode && !strcmp(mode, "never"))
		use_color = false;
	else {
		/* https://no-color.org: set and not empty means no colour. */
		const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
		use_color =
		        isatty(STDERR_FILENO) && !(no && *no) && !(term && !strcmp(term, "dumb"));
	}
}

/* ANSI SGR sequences, or nothing without colour. */
static const char *
sgr(const char *seq)
{
	return use_color ? seq : "";
}
#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_BLUE "\033[1;34m"
#define SGR_GREEN "\033[1;32m"

static const char *
severity_sgr(lp_severity s)
{
	return s == LP_ERROR ? "\033[1;31m" : s == LP_WARNING ? "\033[1;33m" : "\033[1;36m";
}

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

/* The hints as a JSON array of strings, one a line of e->hints. */
static void
put_json_hints(const char *hints)
{
	fputc('[', stderr);
	for (const char *h = hints; h && *h;) {
		size_t len = strcspn(h, "\n");
		char one[512];
		snprintf(one, sizeof one, "%.*s", (int)len, h);
		if (h != hints)
			fputc(',', stderr);
		put_json_string(one);
		h += len + (h[len] == '\n');
	}
	fputc(']', stderr);
}

static void
print_json(const lp_diag_entry *e)
{
	static const char *const severity[] = {"note", "warning", "error"};
	fprintf(stderr, "{\"severity\":\"%s\",\"file\":", severity[e->severity]);
	put_json_string(e->file);
	if (e->line)
		fprintf(stderr, ",\"line\":%u,\"col\":%u", e->line, e->col);
	else
		fputs(",\"line\":null,\"col\":null", stderr);
	if (e->line && e->span)
		fprintf(stderr, ",\"span\":%u", e->span);
	else
		fputs(",\"span\":null", stderr);
	fputs(",\"code\":", stderr);
	put_json_string(e->code == LP_OK ? NULL : lp_status_str(e->code));
	fputs(",\"message\":", stderr);
	put_json_string(e->message);
	fputs(",\"hints\":", stderr);
	put_json_hints(e->hints);
	fputs(",\"document\":", stderr);
	put_json_string(e->document);
	fputs("}\n", stderr);
}

void
lp_cli_print_entry(const lp_diag_entry *e, bool json)
{
	if (json) {
		print_json(e);
		return;
	}
	char buf[2048];
	lp_diag_format(e, buf, sizeof buf);
	/* Colour the severity word only: the rest is lp_diag_format()'s. */
	static const char *const word[] = {"note: ", "warning: ", "error: "};
	char *at = use_color ? strstr(buf, word[e->severity]) : NULL;
	if (at) {
		*at = '\0';
		lp_cli_put_escaped(buf);
		fprintf(stderr, "%s%.*s%s%s", sgr(severity_sgr(e->severity)),
		        (int)strlen(word[e->severity]) - 1, word[e->severity], sgr(SGR_RESET),
		        sgr(SGR_BOLD));
		lp_cli_put_escaped(at + strlen(word[e->severity]) - 1);
		fputs(sgr(SGR_RESET), stderr);
	} else {
		lp_cli_put_escaped(buf);
	}
	fputc('\n', stderr);
	lp_cli_print_snippet(
	        e, sgr(severity_sgr(e->severity)), sgr(SGR_BLUE), sgr(SGR_GREEN), sgr(SGR_RESET));
}

void
lp_cli_print_diag(const lp_diag_entry *e, void *user)
{
	const lp_cli_diag_style *st = user;
	if (st->quiet && e->severity != LP_ERROR)
		return;
	lp_cli_print_entry(e, st->json);
}
