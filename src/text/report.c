/*
 * Diagnostics about a paragraph. A paragraph knows its file and first line
 * but not the columns of its characters (markup was stripped before it got
 * here), so the byte offset into the paragraph goes into the message; a
 * report about one character finds it in the source instead.
 */
#define _GNU_SOURCE /* memmem */
#include "text/text_internal.h"

#include "base/diag.h"
#include "base/source.h"
#include "base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

lp_status
lp_text_report(const lp_text_par *par, lp_diag *diag, lp_severity severity, lp_status code,
        uint32_t offset, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return lp_diag_report(diag, severity, code, par->source_name, par->source_line, 0,
	        "%s (paragraph byte %u)", msg, offset);
}

/* Where the character at text[offset] is in the source: the same
 * occurrence of the same character, counted from where the paragraph
 * starts, before the blank line that ends it. Markup adds no such
 * characters and removes none, so the count agrees; an entity (&minus;)
 * does not match, and then nothing is found. */
static bool
find_in_source(const lp_text_par *par, uint32_t offset, uint64_t *at)
{
	size_t pos = offset, n = 0;
	uint32_t cp;
	if (!par->source || offset >= par->len ||
	        !lp_utf8_decode((const uint8_t *)par->text, par->len, &pos, &cp))
		return false;
	const char *ch = par->text + offset;
	size_t ch_len = pos - offset;
	for (const char *p = par->text; (p = memmem(p, (size_t)(ch - p), ch, ch_len)); p += ch_len)
		n++; /* earlier occurrences in the paragraph */
	const char *src = lp_source_data(par->source);
	size_t size = lp_source_size(par->source);
	if (par->source_offset >= size)
		return false;
	const char *p = src + par->source_offset, *end = src + size;
	const char *blank = memmem(p, (size_t)(end - p), "\n\n", 2);
	if (blank)
		end = blank;
	for (; (p = memmem(p, (size_t)(end - p), ch, ch_len)); p += ch_len) {
		if (n-- == 0) {
			*at = (uint64_t)(p - src);
			return true;
		}
	}
	return false;
}

lp_status
lp_text_report_char(const lp_text_par *par, lp_diag *diag, lp_severity severity, lp_status code,
        uint32_t offset, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	uint64_t at;
	if (!find_in_source(par, offset, &at))
		return lp_text_report(par, diag, severity, code, offset, "%s", msg);
	uint32_t line, col;
	lp_source_line_col(par->source, at, &line, &col);
	return lp_diag_report(diag, severity, code, par->source_name, line, col, "%s", msg);
}
