/*
 * The source line under a diagnostic, as rustc and Typst show it: the line
 * with its number, a caret line under the span the message is about, and
 * the hints. The line comes from the library, which hands over only what it
 * read as a release or a layout: the tool never opens a file a message
 * names (a release may name one it must not see, and the library's refusal
 * says so without quoting it).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the UTF-8 sequence at p (well formed enough to show), 0
 * when it is not one. */
static size_t
seq_len(const unsigned char *p, uint32_t *cp)
{
	unsigned char c = p[0];
	size_t n = c < 0x80                 ? 1
	           : c >= 0xc2 && c <= 0xdf ? 2
	           : c >= 0xe0 && c <= 0xef ? 3
	           : c >= 0xf0 && c <= 0xf4 ? 4
	                                    : 0;
	uint32_t v = n == 1 ? c : n == 2 ? c & 0x1fu : n == 3 ? c & 0x0fu : c & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3fu);
	}
	*cp = v;
	return n;
}

/* One character of the line as shown: what to print and how many columns
 * it takes. Tabs become four spaces, and what a terminal would act on is
 * shown escaped (as lp_diag_format() does for messages). */
static size_t
shown(const unsigned char *p, char *out, size_t *width)
{
	uint32_t cp = 0;
	size_t n = seq_len(p, &cp);
	if (n == 0) {
		snprintf(out, 16, "\\x%02X", p[0]);
		*width = 4;
		return 1;
	}
	if (cp == '\t') {
		strcpy(out, "    ");
		*width = 4;
	} else if (cp < 0x20 || cp == 0x7f) {
		snprintf(out, 16, "\\x%02x", (unsigned)cp);
		*width = 4;
	} else if ((cp >= 0x80 && cp < 0xa0) || cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
		*width = (size_t)snprintf(out, 16, "\\u{%X}", (unsigned)cp);
	} else {
		memcpy(out, p, n);
		out[n] = '\0';
		/* Combining marks sit on the letter before them. */
		*width = (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x483 && cp <= 0x489) ? 0 : 1;
	}
	return n;
}

void
lp_cli_print_snippet(const lp_diag_entry *e, const char *mark, const char *blue, const char *green,
        const char *reset)
{
	const char *text = e->line ? e->source_line : NULL;
	char num[16];
	int gutter = snprintf(num, sizeof num, "%u", e->line);
	if (text) {
		fprintf(stderr, "%*s%s-->%s ", gutter, "", blue, reset);
		lp_cli_put_escaped(e->file ? e->file : "");
		fprintf(stderr, ":%u:%u\n", e->line, e->col ? e->col : 1);
		fprintf(stderr, "%*s %s|%s\n", gutter, "", blue, reset);
		fprintf(stderr, "%s%s |%s ", blue, num, reset);
		/* The line, measuring where the span starts and how wide it is. */
		size_t col = 1, before = 0, under = 0;
		size_t first = e->col ? e->col : 1, last = first + (e->span ? e->span : 1);
		const unsigned char *p = (const unsigned char *)text;
		while (*p) {
			char out[16];
			size_t w;
			p += shown(p, out, &w);
			fputs(out, stderr);
			if (col < first)
				before += w;
			else if (col < last)
				under += w;
			col++;
		}
		fputc('\n', stderr);
		fprintf(stderr, "%*s %s|%s %*s%s", gutter, "", blue, reset, (int)before, "", mark);
		for (size_t i = 0; i < (under ? under : 1); i++)
			fputc('^', stderr);
		fprintf(stderr, "%s\n", reset);
	}
	for (const char *h = e->hints; h && *h;) {
		size_t len = strcspn(h, "\n");
		char one[512];
		snprintf(one, sizeof one, "%.*s", (int)len, h);
		fprintf(stderr, "%*s %s=%s %shelp:%s ", text ? gutter : 0, "", blue, reset, green,
		        reset);
		lp_cli_put_escaped(one);
		fputc('\n', stderr);
		h += len + (h[len] == '\n');
	}
}
