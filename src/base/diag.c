/* Diagnostics sink: collects messages, hands each to the caller's callback,
 * and formats them as "file:line:col: severity: message", with control
 * characters escaped. */
#include "base/diag.h"
#include "base/array.h"

#include "base/inputs.h"
#include "base/limits.h"
#include "base/source.h"
#include "base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lp_diag_item {
	lp_diag_entry entry;
	char *file;
	char *message;
	char *document;
	char *source_line;
	char *hints;
	uint64_t serial; /* which document (lp_diag.serial when it was reported) */
	uint64_t hash; /* of severity, file and message, to find repeats */
	bool each_place; /* lp_diag_extra.each_place */
} lp_diag_item;

struct lp_diag {
	lp_diag_fn fn;
	void *user;
	lp_diag_item *items;
	size_t n, cap;
	size_t counts[3];
	size_t total;
	size_t repeats;
	const char *document; /* the caller's, borrowed while it is set */
	/* Each document set is a new one, also under a name seen before (two
	 * buffers both called "r.md"); 0 outside any. */
	uint64_t serial, documents;
	lp_inputs *inputs; /* the files read, while a render asks (owned) */
	const lp_source *source; /* lines shown for lp_diag_report() about its file */
};

lp_diag *
lp_diag_new(lp_diag_fn fn, void *user)
{
	lp_diag *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->fn = fn;
	d->user = user;
	return d;
}

void
lp_diag_drop(lp_diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
		free(d->items[i].document);
		free(d->items[i].source_line);
		free(d->items[i].hints);
	}
	free(d->items);
	lp_inputs_drop(d->inputs);
	free(d);
}

size_t
lp_diag_count(const lp_diag *d, lp_severity s)
{
	if (!d || (unsigned)s > LP_ERROR)
		return 0;
	return d->counts[s];
}

size_t
lp_diag_errors(const lp_diag *d)
{
	return lp_diag_count(d, LP_ERROR);
}

size_t
lp_diag_size(const lp_diag *d)
{
	return d ? d->total : 0;
}

size_t
lp_diag_repeats(const lp_diag *d)
{
	return d ? d->repeats : 0;
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	return h;
}

static bool
same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A warning or note that says, about the same file, exactly what an
 * earlier one said (a language without a hyphenation dictionary, once per
 * paragraph) is counted, not shown again. One about a place that each
 * needs seeing to (lp_diag_extra.each_place: the second HTML comment of a
 * release, lines below the first) is a repeat only on the same line.
 * Only within one document: the same warning about a shared layout line
 * is news for each release that meets it. Errors are always shown. */
static bool
is_repeat(lp_diag *d, lp_severity sev, const char *file, uint32_t line, bool each_place,
        const char *msg, uint64_t *hash)
{
	uint32_t at = each_place ? line : 0;
	*hash = fnv(fnv(0xcbf29ce484222325u ^ (uint64_t)sev ^ ((uint64_t)at << 8), file), msg);
	if (sev == LP_ERROR)
		return false;
	for (size_t i = 0; i < d->n; i++) {
		const lp_diag_item *it = &d->items[i];
		if (it->hash == *hash && it->serial == d->serial && it->entry.severity == sev &&
		        it->each_place == each_place && (each_place ? it->entry.line : 0) == at &&
		        strcmp(it->message, msg) == 0 && same(it->file, file))
			return true;
	}
	return false;
}

const char *
lp_diag_set_document(lp_diag *d, const char *doc)
{
	if (!d)
		return NULL;
	const char *before = d->document;
	d->document = doc;
	d->serial = doc ? ++d->documents : 0;
	return before;
}

const lp_diag_entry *
lp_diag_at_index(const lp_diag *d, size_t i)
{
	if (!d || i >= d->n)
		return NULL;
	return &d->items[i].entry;
}

static const char *
severity_word(lp_severity s)
{
	switch (s) {
	case LP_NOTE:
		return "note";
	case LP_WARNING:
		return "warning";
	case LP_ERROR:
		return "error";
	}
	return "error";
}

/* Appends s to o, with what a
 * terminal would act on escaped: C0 and C1 controls and DEL (\x1b,
 * \u{9B}), the bidirectional controls (\u{202E}), and bytes that are not
 * UTF-8 (\xFF), which some terminals read as C1 controls. Messages quote
 * file names and values from untrusted input; printed raw, an escape
 * sequence in a release could rewrite the user's screen or hide a line. */
typedef struct out_buf {
	char *buf;
	size_t size;
	size_t n; /* the length the whole text needs */
	size_t written; /* what is in buf: n until a piece did not fit */
} out_buf;

static void
put_escaped(out_buf *o, const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t len = strlen(s);
	for (size_t pos = 0; pos < len;) {
		size_t at = pos;
		uint32_t cp;
		bool ok = lp_utf8_decode(u, len, &pos, &cp);
		char esc[16] = "";
		if (!ok)
			snprintf(esc, sizeof esc, "\\x%02X", u[at]);
		else if (cp < 0x20 || cp == 0x7F)
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
		else if ((cp >= 0x80 && cp < 0xA0) || cp == 0x61C || cp == 0x200E || cp == 0x200F ||
		         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			snprintf(esc, sizeof esc, "\\u{%X}", (unsigned)cp);
		if (!ok)
			pos = at + 1; /* one byte at a time, each shown */
		/* Whole characters and escapes only: a cut one could be a C1
		 * control to a terminal. */
		size_t wn = esc[0] ? strlen(esc) : pos - at;
		if (o->written == o->n && o->n + wn < o->size) {
			memcpy(o->buf + o->n, esc[0] ? esc : s + at, wn);
			o->written += wn;
		}
		o->n += wn;
	}
}

size_t
lp_diag_format(const lp_diag_entry *e, char *buf, size_t size)
{
	char where[64] = "";
	if (e->line)
		snprintf(where, sizeof where, ":%u:%u", e->line, e->col ? e->col : 1);
	else if (e->offset != UINT64_MAX)
		snprintf(where, sizeof where, ":byte %llu", (unsigned long long)e->offset);
	char tail[96];
	snprintf(tail, sizeof tail, "%s%s%s: ", where, e->file || where[0] ? ": " : "",
	        severity_word(e->severity));
	out_buf o = {buf, size, 0, 0};
	put_escaped(&o, e->file ? e->file : "");
	put_escaped(&o, tail);
	put_escaped(&o, e->message ? e->message : "");
	if (size)
		buf[o.written] = '\0';
	return o.n;
}

/* What a message shows besides its text: its source line, span and hints. */
typedef struct push_extra {
	const char *source_line; /* NULL: none */
	size_t line_len;
	uint32_t span;
	const char *hints;
	bool each_place;
} push_extra;

static char *
dup_n(const char *s, size_t n)
{
	char *c = s ? malloc(n + 1) : NULL;
	if (c) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

static void
diag_push(lp_diag *d, lp_severity sev, lp_status code, const char *file, uint32_t line,
        uint32_t col, uint64_t offset, const push_extra *x, const char *fmt, va_list ap)
{
	if (!d)
		return;
	if ((unsigned)sev > LP_ERROR)
		sev = LP_ERROR;
	d->counts[sev]++;
	d->total++;

	char stack[512];
	va_list ap2;
	va_copy(ap2, ap);
	int len = vsnprintf(stack, sizeof stack, fmt, ap2);
	va_end(ap2);
	char *msg = NULL;
	if (len >= 0) {
		msg = malloc((size_t)len + 1);
		if (msg)
			vsnprintf(msg, (size_t)len + 1, fmt, ap);
	}
	char *source_line = x ? dup_n(x->source_line, x->line_len) : NULL;
	char *hints = x && x->hints ? strdup(x->hints) : NULL;
	lp_diag_entry e = {sev, code, file, line, col, offset, msg ? msg : stack, d->document,
	        source_line, source_line && x ? x->span : 0, hints};
	uint64_t hash;
	if (is_repeat(d, sev, file, line, x && x->each_place, e.message, &hash)) {
		d->repeats++;
		goto drop;
	}
	if (d->fn)
		d->fn(&e, d->user);

	/* Past the cap, messages are counted and passed to the callback but
	 * not kept, so a pathological input cannot exhaust memory here; errors
	 * have a little room of their own past it (limits.h). */
	size_t cap =
	        sev == LP_ERROR ? LP_DIAG_MAX_KEPT + LP_DIAG_MAX_KEPT_ERRORS : LP_DIAG_MAX_KEPT;
	if (d->n >= cap || !msg)
		goto drop;
	if (LP_ARRAY_RESERVE(d->items, d->cap, d->n + 1,
	            LP_DIAG_MAX_KEPT + LP_DIAG_MAX_KEPT_ERRORS) != LP_OK)
		goto drop;
	lp_diag_item *it = &d->items[d->n++];
	it->file = file ? strdup(file) : NULL;
	it->message = msg;
	it->document = d->document ? strdup(d->document) : NULL;
	it->serial = d->serial;
	it->hash = hash;
	it->each_place = x && x->each_place;
	it->source_line = source_line;
	it->hints = hints;
	it->entry = e;
	it->entry.file = it->file;
	it->entry.message = it->message;
	it->entry.document = it->document;
	return;
drop:
	free(msg);
	free(source_line);
	free(hints);
}

/* Pushes a finished message (no format), each_place as it was said. */
static void push_text(lp_diag *d, const lp_diag_entry *e, bool each_place, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void
push_text(lp_diag *d, const lp_diag_entry *e, bool each_place, const char *fmt, ...)
{
	push_extra x = {e->source_line, e->source_line ? strlen(e->source_line) : 0, e->span,
	        e->hints, each_place};
	va_list ap;
	va_start(ap, fmt);
	diag_push(d, e->severity, e->code, e->file, e->line, e->col, e->offset, &x, fmt, ap);
	va_end(ap);
}

void
lp_diag_replay(lp_diag *d, const lp_diag *from)
{
	if (!d || !from)
		return;
	for (size_t i = 0; i < from->n; i++)
		push_text(d, &from->items[i].entry, from->items[i].each_place, "%s",
		        from->items[i].message);
	/* What from counted past its cap is not lost without a word. */
	size_t dropped = from->total - from->repeats - from->n;
	if (dropped > 0)
		lp_diag_report(d, LP_NOTE, LP_OK, from->n ? from->items[0].entry.file : NULL, 0, 0,
		        "%zu more message(s) were not kept (past %u, only errors are)", dropped,
		        (unsigned)LP_DIAG_MAX_KEPT);
	lp_inputs_merge(d->inputs, from->inputs);
}

lp_status
lp_diag_keep_inputs(lp_diag *d, lp_input_kind kind)
{
	if (!d)
		return LP_OK;
	lp_inputs_drop(d->inputs);
	d->inputs = lp_inputs_new(kind);
	return d->inputs ? LP_OK : LP_ERR_NOMEM;
}

void
lp_diag_note_input(lp_diag *d, const char *dir, const char *path)
{
	if (d)
		lp_inputs_note(d->inputs, dir, path);
}

lp_status
lp_diag_take_inputs(lp_diag *d, lp_input **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!d || !d->inputs)
		return LP_OK;
	lp_status s = lp_inputs_take(d->inputs, out, n);
	lp_inputs_drop(d->inputs);
	d->inputs = NULL;
	return s;
}

const lp_source *
lp_diag_set_source(lp_diag *d, const lp_source *src)
{
	if (!d)
		return NULL;
	const lp_source *before = d->source;
	d->source = src;
	return before;
}

/* The line of src a message shows, when it is short enough to show. */
static void
line_of(const lp_source *src, uint32_t line, push_extra *x)
{
	size_t start, len;
	if (src && lp_source_line_bytes(src, line, &start, &len) &&
	        len <= LP_DIAG_MAX_SOURCE_LINE) {
		x->source_line = lp_source_data(src) + start;
		x->line_len = len;
	}
}

static lp_status
report_v(lp_diag *d, lp_severity sev, lp_status code, const char *file, uint32_t line, uint32_t col,
        const lp_diag_extra *ex, const char *fmt, va_list ap)
{
	push_extra x = {NULL, 0, ex ? ex->span : 0, ex ? ex->hint : NULL, ex && ex->each_place};
	if (d && line && file && d->source && same(lp_source_name(d->source), file))
		line_of(d->source, line, &x);
	diag_push(d, sev, code, file, line, col, UINT64_MAX, &x, fmt, ap);
	return code;
}

lp_status
lp_diag_report(lp_diag *d, lp_severity sev, lp_status code, const char *file, uint32_t line,
        uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(d, sev, code, file, line, col, NULL, fmt, ap);
	va_end(ap);
	return code;
}

lp_status
lp_diag_report_ex(lp_diag *d, lp_severity sev, lp_status code, const char *file, uint32_t line,
        uint32_t col, const lp_diag_extra *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(d, sev, code, file, line, col, x, fmt, ap);
	va_end(ap);
	return code;
}

static lp_status
at_v(lp_diag *d, lp_severity sev, lp_status code, const lp_source *src, uint64_t offset,
        const lp_diag_extra *ex, const char *fmt, va_list ap)
{
	uint32_t line = 0, col = 0;
	const char *file = NULL;
	push_extra x = {NULL, 0, 0, ex ? ex->hint : NULL, ex && ex->each_place};
	if (src) {
		file = lp_source_name(src);
		lp_source_line_col(src, offset, &line, &col);
		line_of(src, line, &x);
		if (x.source_line && ex && ex->span_bytes) {
			/* The span counts characters, and stops at the line's end. */
			size_t from =
			        (size_t)offset - (size_t)(x.source_line - lp_source_data(src));
			size_t n = ex->span_bytes;
			if (from <= x.line_len && n > x.line_len - from)
				n = x.line_len - from;
			if (from <= x.line_len)
				x.span = (uint32_t)lp_utf8_count(
				        (const uint8_t *)x.source_line + from, n);
		}
	}
	diag_push(d, sev, code, file, line, col, offset, &x, fmt, ap);
	return code;
}

lp_status
lp_diag_at(lp_diag *d, lp_severity sev, lp_status code, const lp_source *src, uint64_t offset,
        const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	at_v(d, sev, code, src, offset, NULL, fmt, ap);
	va_end(ap);
	return code;
}

lp_status
lp_diag_at_ex(lp_diag *d, lp_severity sev, lp_status code, const lp_source *src, uint64_t offset,
        const lp_diag_extra *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	at_v(d, sev, code, src, offset, x, fmt, ap);
	va_end(ap);
	return code;
}

lp_status
lp_diag_at_offset(lp_diag *d, lp_severity sev, lp_status code, const char *file, uint64_t offset,
        const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_push(d, sev, code, file, 0, 0, offset, NULL, fmt, ap);
	va_end(ap);
	return code;
}

lp_status
lp_diag_check_version(lp_diag *diag, const char *type, int version, int known)
{
	if (version >= 0 && version <= known)
		return LP_OK;
	return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
	        "%s version %d is not one this library knows (it knows 1 to %d)", type, version,
	        known);
}
