/*
 * Diagnostics about a paragraph. A paragraph knows its file and first line
 * but not the columns of its characters (markup was stripped before it got
 * here), so the byte offset into the paragraph goes into the message.
 */
#include "text/text_internal.h"

#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>

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
