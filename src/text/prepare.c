/*
 * lp_text_prepare: the gate between untrusted text and HarfBuzz. It applies
 * the text policy (policy.h: control and bidi characters, combining marks
 * counted before anything expensive runs), checks UTF-8, normalizes to NFC
 * (ICU unorm2) and counts marks again after NFC, so that nothing later has
 * to.
 *
 * Each span is normalized on its own: a span boundary is a normalization
 * boundary, because composing a base of one span with a mark of the next
 * would give one character two styles. That also makes re-basing exact: a
 * span's new start is the length of everything normalized before it.
 */
#include "text/text_internal.h"

#include "base/limits.h"
#include "base/utf8.h"
#include "text/policy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Scratch for one paragraph; freed at the end of lp_text_prepare. */
typedef struct prep_buf {
	UChar *raw; /* checked text of one span, UTF-16 */
	UChar *nfc; /* the same, normalized */
	int32_t cap; /* capacity of each, in UTF-16 units */
	char *utf8; /* the whole normalized paragraph */
} prep_buf;

static lp_status
check_spans(const lp_text_par *in, lp_diag *diag)
{
	uint32_t at = 0;

	for (uint32_t i = 0; i < in->n_spans; i++) {
		const lp_span *s = &in->spans[i];
		if (s->start != at || s->len > in->len - at)
			return lp_text_report(in, diag, LP_ERROR, LP_ERR_USAGE, at,
			        "span %u [%u, +%u) does not continue the spans before it", i,
			        s->start, s->len);
		/* Sizes and letter-spacing come from the layout; NaN or a
		 * negative size would poison every measurement after this. */
		if (!isfinite(s->style.size_pt) || s->style.size_pt <= 0.0f ||
		        !isfinite(s->style.tracking_em))
			return lp_text_report(in, diag, LP_ERROR, LP_ERR_USAGE, at,
			        "span %u has size %g pt and letter-spacing %g em", i,
			        (double)s->style.size_pt, (double)s->style.tracking_em);
		at += s->len;
	}
	if (at != in->len)
		return lp_text_report(in, diag, LP_ERROR, LP_ERR_USAGE, at,
		        "spans cover %u of the paragraph's %u bytes", at, in->len);
	return LP_OK;
}

/* Decodes one span into UTF-16 (buf->raw), turning invalid UTF-8 into
 * U+FFFD with a warning. Controls were refused by the policy check. */
static void
decode_span(const lp_text_par *in, const lp_span *s, prep_buf *buf, int32_t *n_raw,
        uint32_t *n_invalid, lp_diag *diag)
{
	const uint8_t *text = (const uint8_t *)in->text;
	size_t end = (size_t)s->start + s->len;
	int32_t n = 0;

	for (size_t pos = s->start; pos < end;) {
		size_t at = pos;
		uint32_t cp;
		if (!lp_utf8_decode(text, end, &pos, &cp) &&
		        ++*n_invalid <= LP_MAX_INVALID_UTF8_REPORTED)
			lp_text_report(in, diag, LP_WARNING, LP_OK, (uint32_t)at,
			        "invalid UTF-8 (byte 0x%02X) replaced by U+FFFD", text[at]);
		U16_APPEND_UNSAFE(buf->raw, n, cp);
	}
	*n_raw = n;
}

/* Where policy findings go: the paragraph's diagnostic. */
typedef struct policy_ctx {
	const lp_text_par *par;
	lp_diag *diag;
} policy_ctx;

static lp_status
report_policy(
        void *user, uint32_t offset, lp_severity severity, lp_status code, const char *message)
{
	policy_ctx *c = user;
	return lp_text_report(c->par, c->diag, severity, code, offset, "%s", message);
}

/* Appends UTF-16 as UTF-8 to out at *len. out has room for 3 bytes per
 * UTF-16 unit, the most UTF-8 needs. */
static void
append_utf8(char *out, uint32_t *len, const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n;) {
		UChar32 cp;
		U16_NEXT(s, i, n, cp);
		*len += (uint32_t)lp_utf8_encode((uint32_t)cp, (uint8_t *)out + *len);
	}
}

/* Marks that follow one base, counted through default-ignorables (ZWJ,
 * CGJ, variation selectors) so interleaving them cannot dodge the cap.
 * Counted again after NFC because NFC may split one mark into two
 * (U+0344 → U+0308 U+0301); the policy check before NFC bounds the work. */
static lp_status
check_marks(const lp_text_par *out, lp_diag *diag)
{
	const uint8_t *text = (const uint8_t *)out->text;
	uint32_t marks = 0, base = 0;

	for (size_t pos = 0; pos < out->len;) {
		size_t at = pos;
		uint32_t cp;
		lp_utf8_decode(text, out->len, &pos, &cp);
		if (lp_text_is_simple(cp)) {
			marks = 0;
			base = (uint32_t)at;
			continue;
		}
		int8_t gc = u_charType((UChar32)cp);
		bool mark = gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
		            gc == U_COMBINING_SPACING_MARK;
		if (mark) {
			if (++marks > LP_MAX_MARKS_PER_CLUSTER)
				return lp_text_report(out, diag, LP_ERROR, LP_ERR_LIMIT,
				        (uint32_t)at,
				        "more than %d combining marks on the character at byte %u",
				        LP_MAX_MARKS_PER_CLUSTER, base);
		} else if (!u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
			marks = 0;
			base = (uint32_t)at;
		}
	}
	return LP_OK;
}

bool
lp_text_all_simple(const char *text, uint32_t len)
{
	const uint8_t *t = (const uint8_t *)text;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp;
		if (!lp_utf8_decode(t, len, &pos, &cp) || !lp_text_is_simple(cp))
			return false;
	}
	return true;
}

lp_status
lp_text_prepare(const lp_text_par *in, lp_arena *arena, lp_text_par *out, lp_diag *diag)
{
	prep_buf buf = {0};
	lp_status st = LP_OK;
	UErrorCode uerr = U_ZERO_ERROR;

	if (in->len > LP_MAX_PARAGRAPH_BYTES) {
		st = lp_text_report(in, diag, LP_ERROR, LP_ERR_LIMIT, LP_MAX_PARAGRAPH_BYTES,
		        "paragraph of %u bytes is longer than the limit of %u", in->len,
		        LP_MAX_PARAGRAPH_BYTES);
		goto fail;
	}
	st = check_spans(in, diag);
	if (st != LP_OK)
		goto fail;
	/* Before NFC: a flood of marks must fail before ICU sorts it. Only
	 * errors: warnings come from the release parser, which knows where a
	 * character stands in its file. */
	bool simple = lp_text_simple_and_allowed(in->text, in->len);
	if (!simple && (st = lp_text_check(in->text, in->len, false, report_policy,
	                        &(policy_ctx){in, diag})) != LP_OK)
		goto fail;

	/* Valid text of simple characters only (most paragraphs) is its own
	 * NFC form, since every simple character is (no decomposition,
	 * combining class 0; test_text_prepare.c asks ICU about each), and it
	 * has no marks to count. (Text the check passed is simple only if it
	 * is simple and allowed: the check refuses the rest.) */
	if (simple) {
		lp_span *spans =
		        lp_arena_array(arena, in->n_spans ? in->n_spans : 1, sizeof *spans);
		char *text = lp_arena_strndup(arena, in->text, in->len);
		if (!spans || !text)
			return LP_ERR_NOMEM;
		if (in->n_spans)
			memcpy(spans, in->spans, in->n_spans * sizeof *spans);
		*out = *in;
		out->text = text;
		out->spans = spans;
		out->simple = true;
		return LP_OK;
	}

	const UNormalizer2 *nfc = unorm2_getNFCInstance(&uerr);
	if (U_FAILURE(uerr)) {
		st = lp_text_report(in, diag, LP_ERROR, LP_ERR_INTERNAL, 0,
		        "ICU NFC data unavailable: %s", u_errorName(uerr));
		goto fail;
	}

	/* A byte becomes at most one UTF-16 unit (invalid bytes one U+FFFD
	 * each); NFC grows text at most threefold (Unicode UAX #15 §9). */
	uint32_t longest = 0;
	for (uint32_t i = 0; i < in->n_spans; i++)
		if (in->spans[i].len > longest)
			longest = in->spans[i].len;
	buf.cap = (int32_t)longest * 3 + 1;
	buf.raw = malloc(sizeof(UChar) * (size_t)buf.cap);
	buf.nfc = malloc(sizeof(UChar) * (size_t)buf.cap);
	/* Each UTF-16 unit becomes at most 3 bytes of UTF-8. */
	buf.utf8 = malloc((size_t)in->len * 9 + 1);
	char *text = buf.utf8;
	lp_span *spans = lp_arena_array(arena, in->n_spans ? in->n_spans : 1, sizeof *spans);
	if (!buf.raw || !buf.nfc || !text || !spans) {
		st = LP_ERR_NOMEM;
		goto fail;
	}

	uint32_t len = 0, n_invalid = 0;
	for (uint32_t i = 0; i < in->n_spans; i++) {
		int32_t n_raw = 0;
		decode_span(in, &in->spans[i], &buf, &n_raw, &n_invalid, diag);
		spans[i] = in->spans[i];
		spans[i].start = len;
		if (unorm2_isNormalized(nfc, buf.raw, n_raw, &uerr) && U_SUCCESS(uerr)) {
			append_utf8(text, &len, buf.raw, n_raw);
		} else {
			uerr = U_ZERO_ERROR;
			int32_t n = unorm2_normalize(nfc, buf.raw, n_raw, buf.nfc, buf.cap, &uerr);
			if (U_FAILURE(uerr)) {
				st = lp_text_report(in, diag, LP_ERROR, LP_ERR_INTERNAL,
				        in->spans[i].start, "NFC normalization failed: %s",
				        u_errorName(uerr));
				goto fail;
			}
			append_utf8(text, &len, buf.nfc, n);
		}
		spans[i].len = len - spans[i].start;
	}
	if (n_invalid > LP_MAX_INVALID_UTF8_REPORTED)
		lp_text_report(in, diag, LP_WARNING, LP_OK, 0,
		        "%u more invalid UTF-8 sequences replaced by U+FFFD",
		        n_invalid - LP_MAX_INVALID_UTF8_REPORTED);
	text = lp_arena_strndup(arena, buf.utf8, len);
	if (!text) {
		st = LP_ERR_NOMEM;
		goto fail;
	}

	*out = *in;
	out->text = text;
	out->len = len;
	out->spans = spans;
	out->simple = false;
	if (len > LP_MAX_PARAGRAPH_BYTES) {
		st = lp_text_report(in, diag, LP_ERROR, LP_ERR_LIMIT, LP_MAX_PARAGRAPH_BYTES,
		        "paragraph of %u bytes after normalization is longer than the limit of %u",
		        len, LP_MAX_PARAGRAPH_BYTES);
		goto fail;
	}
	st = check_marks(out, diag);
	if (st != LP_OK)
		goto fail;

fail:
	free(buf.raw);
	free(buf.nfc);
	free(buf.utf8);
	return st;
}

uint32_t
lp_text_input_offset(const lp_text_par *in, const lp_text_par *prepared, uint32_t offset)
{
	if (prepared->text == in->text || prepared->n_spans != in->n_spans)
		return offset;
	uint32_t i = 0; /* the prepared span offset is in */
	while (i + 1 < prepared->n_spans && prepared->spans[i + 1].start <= offset)
		i++;
	if (i >= prepared->n_spans)
		return offset < in->len ? offset : in->len;
	const lp_span *was = &in->spans[i], *now = &prepared->spans[i];
	uint32_t into = offset - now->start;
	if (was->len == now->len &&
	        memcmp(in->text + was->start, prepared->text + now->start, was->len) == 0)
		return was->start + into; /* kept as it was */
	/* Normalized: segment by segment, as a whole span normalizes (NFC
	 * leaves a boundary where a character has one before it), each
	 * segment as long in the output as its own NFC. */
	UErrorCode uerr = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&uerr);
	if (U_FAILURE(uerr))
		return was->start;
	const uint8_t *text = (const uint8_t *)in->text;
	size_t end = (size_t)was->start + was->len, seg = was->start;
	uint32_t out = 0; /* bytes of output before seg */
	UChar raw[64], norm[3 * 64];
	int32_t n = 0;
	for (size_t pos = was->start; pos <= end;) {
		size_t at = pos;
		uint32_t cp = 0;
		if (pos < end)
			lp_utf8_decode(text, end, &pos, &cp);
		bool cut = pos == at || n > 60 ||
		           (at > seg && unorm2_hasBoundaryBefore(nfc, (UChar32)cp));
		if (cut && at > seg) {
			uerr = U_ZERO_ERROR;
			int32_t m = unorm2_normalize(
			        nfc, raw, n, norm, (int32_t)(sizeof norm / sizeof *norm), &uerr);
			if (U_FAILURE(uerr))
				return (uint32_t)seg;
			char utf8[9 * 64];
			uint32_t len = 0;
			append_utf8(utf8, &len, norm, m);
			if (into < out + len)
				return (uint32_t)seg;
			out += len;
			seg = at;
			n = 0;
		}
		if (pos == at)
			break;
		U16_APPEND_UNSAFE(raw, n, cp);
	}
	return (uint32_t)end;
}
