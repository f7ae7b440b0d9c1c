/*
 * Itemization: a prepared paragraph becomes runs that HarfBuzz can shape in
 * one call each, i.e. one span (style), one script and one font.
 *
 * Script follows UAX #24: Common and Inherited characters (spaces, digits,
 * punctuation, combining marks) join the run before them; leading ones take
 * the first real script after them; a run of nothing but Common characters
 * takes the script its language implies. Paired-bracket matching (UAX #24
 * §5.2) is not done: brackets simply join their left neighbour.
 *
 * Font is chosen per grapheme cluster so a base and its marks never split
 * across fonts: the first font of [style font, fallback chain…] covering
 * the whole cluster, else the first covering its base, else the style font
 * with a warning (.notdef will show; the character is never dropped). The
 * chain ends with the bundled symbol face (LP_FONT_SYMBOL_FAMILY) after
 * the layout's own families.
 * Common characters (spaces, digits, punctuation) first try the font of
 * the run they would join.
 * Clusters here are a base plus Grapheme_Extend, spacing marks and ZWJ
 * (UAX #29 GB9, GB9a), which is all the scripts letterpress sets need.
 */
#include "text/text_internal.h"
#include "base/array.h"

#include "base/limits.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#define LP_ZWJ 0x200Du

typedef struct uncovered_set {
	uint32_t cps[LP_MAX_UNCOVERED_REPORTED];
	uint32_t n;
	bool overflowed;
} uncovered_set;

void
lp_item_buf_free(lp_item_buf *buf)
{
	free(buf->items);
	*buf = (lp_item_buf){0};
}

static bool
extends_cluster(uint32_t cp)
{
	if (lp_text_is_simple(cp))
		return false;
	return cp == LP_ZWJ || u_hasBinaryProperty((UChar32)cp, UCHAR_GRAPHEME_EXTEND) ||
	       u_charType((UChar32)cp) == U_COMBINING_SPACING_MARK;
}

/* Characters that need no glyph of their own: controls para/ acts on (tab,
 * newline), line/paragraph separators, and default-ignorables HarfBuzz
 * hides. */
static bool
needs_glyph(uint32_t cp)
{
	if ((cp >= 0x20 && cp < 0x7F) || lp_text_is_cyrillic_letter(cp))
		return true;
	int8_t gc = u_charType((UChar32)cp);
	if (gc == U_CONTROL_CHAR || gc == U_LINE_SEPARATOR || gc == U_PARAGRAPH_SEPARATOR)
		return false;
	return !u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

uint32_t
lp_text_script_tag(uint32_t cp)
{
	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? LP_SCRIPT_LATN : LP_SCRIPT_ZYYY;
	if (lp_text_is_cyrillic_letter(cp))
		return LP_SCRIPT_CYRL;
	/* Latin-1's letters and Latin Extended-A and -B (the letters of
	 * Serbian, Croatian and Slovene Latin), and General Punctuation (all
	 * Common, bar two Inherited joiners that join like it), without ICU
	 * (test_itemize.c checks these ranges against it). */
	if (cp < 0x250)
		return cp >= 0x100 || cp == 0xAA || cp == 0xBA ||
		                       (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7)
		               ? LP_SCRIPT_LATN
		               : LP_SCRIPT_ZYYY;
	if (cp >= 0x2000 && cp < 0x2070)
		return LP_SCRIPT_ZYYY;
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)cp, &err);
	if (U_FAILURE(err) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED ||
	        sc == USCRIPT_UNKNOWN)
		return LP_SCRIPT_ZYYY;
	const char *name = uscript_getShortName(sc);
	if (!name || !name[0] || !name[1] || !name[2] || !name[3])
		return LP_SCRIPT_ZYYY;
	return LP_TEXT_TAG(name[0], name[1], name[2], name[3]);
}

static bool
has_char(lp_cover_memo *memo, const lp_font *font, uint32_t cp)
{
	if (!memo)
		return lp_font_has_codepoint(font, cp);
	struct lp_cover_slot *s = &memo->slot[(cp ^ cp >> 9) % LP_COVER_MEMO_SLOTS];
	if (s->font != font || s->cp != cp)
		*s = (struct lp_cover_slot){font, cp, lp_font_has_codepoint(font, cp)};
	return s->has;
}

static bool
covers(lp_cover_memo *memo, const lp_font *font, const uint8_t *text, uint32_t start, uint32_t end,
        bool base_only)
{
	for (size_t pos = start; pos < end;) {
		uint32_t cp;
		lp_utf8_decode(text, end, &pos, &cp);
		if (needs_glyph(cp) && !has_char(memo, font, cp))
			return false;
		if (base_only)
			break;
	}
	return true;
}

static void
report_uncovered(const lp_text_par *par, const uint8_t *text, uint32_t start, uint32_t end,
        const lp_font *font, uncovered_set *seen, lp_diag *diag)
{
	for (size_t pos = start; pos < end;) {
		uint32_t at = (uint32_t)pos, cp;
		lp_utf8_decode(text, end, &pos, &cp);
		if (!needs_glyph(cp) || lp_font_has_codepoint(font, cp))
			continue;
		bool known = false;
		for (uint32_t i = 0; i < seen->n; i++)
			known = known || seen->cps[i] == cp;
		if (known)
			continue;
		if (seen->n == LP_MAX_UNCOVERED_REPORTED) {
			if (!seen->overflowed)
				lp_text_report(par, diag, LP_WARNING, LP_OK, at,
				        "more characters no font covers; only the first %d are "
				        "listed",
				        LP_MAX_UNCOVERED_REPORTED);
			seen->overflowed = true;
			continue;
		}
		seen->cps[seen->n++] = cp;
		if (par->missing_glyph_error)
			lp_text_report_char(par, diag, LP_ERROR, LP_ERR_UNSUPPORTED, at,
			        "no font covers U+%04X '%.*s', and PDF/A allows no missing-glyph "
			        "box (.notdef)",
			        (unsigned)cp, (int)(pos - at), (const char *)text + at);
		else
			lp_text_report_char(par, diag, LP_WARNING, LP_OK, at,
			        "no font covers U+%04X '%.*s'; it will print as a missing-glyph "
			        "box",
			        (unsigned)cp, (int)(pos - at), (const char *)text + at);
	}
}

static lp_status
push_item(lp_item_buf *out, lp_item item)
{
	lp_status s = LP_ARRAY_RESERVE(out->items, out->cap, out->n + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	out->items[out->n++] = item;
	return LP_OK;
}

/* Extends the last item with a cluster or starts a new one. */
static lp_status
add_cluster(lp_item_buf *out, uint32_t start, uint32_t len, uint32_t span, uint32_t script,
        const lp_font *font)
{
	lp_item *last = out->n ? &out->items[out->n - 1] : NULL;
	bool same_span = last && last->span == span;

	if (same_span && last->font == font &&
	        (script == LP_SCRIPT_ZYYY || last->script == script ||
	                last->script == LP_SCRIPT_ZYYY)) {
		if (last->script == LP_SCRIPT_ZYYY)
			last->script = script;
		last->len += len;
		return LP_OK;
	}
	if (script == LP_SCRIPT_ZYYY && same_span)
		script = last->script;
	return push_item(out, (lp_item){start, len, span, script, font});
}

/* The style's face, then each fallback the database has, then the symbol
 * face, into chain; 0 when the database has no face of the style's
 * family. Remembered in memo for the last few styles. */
static size_t
font_chain(const lp_fontdb *fonts, const char *const *fallback, size_t n_fallback,
        const lp_text_style *style, lp_cover_memo *memo, const lp_font **chain)
{
	const char *family = style->family ? style->family : "";
	size_t len = strlen(family);
	if (memo && len < LP_CHAIN_MEMO_FAMILY)
		for (uint32_t i = 0; i < LP_CHAIN_MEMO_SLOTS; i++) {
			const struct lp_chain_slot *k = &memo->chain[i];
			if (k->fonts == fonts && k->fallback == fallback &&
			        k->n_fallback == n_fallback && k->weight == style->weight &&
			        k->italic == style->italic && strcmp(k->family, family) == 0) {
				memcpy(chain, k->chain, k->n * sizeof *chain);
				return k->n;
			}
		}
	size_t n = 0;
	if (!(chain[n++] = lp_fontdb_lookup(fonts, family, style->weight, style->italic)))
		return 0;
	for (size_t i = 0; i < n_fallback; i++) {
		const lp_font *f =
		        lp_fontdb_lookup(fonts, fallback[i], style->weight, style->italic);
		if (f)
			chain[n++] = f;
	}
	const lp_font *sym =
	        lp_fontdb_lookup(fonts, LP_FONT_SYMBOL_FAMILY, style->weight, style->italic);
	if (sym)
		chain[n++] = sym;
	if (memo && len < LP_CHAIN_MEMO_FAMILY) {
		struct lp_chain_slot *k = &memo->chain[memo->next_chain++ % LP_CHAIN_MEMO_SLOTS];
		*k = (struct lp_chain_slot){fonts, fallback, n_fallback, "", style->weight,
		        style->italic, (uint32_t)n, {NULL}};
		memcpy(k->family, family, len + 1);
		memcpy(k->chain, chain, n * sizeof *chain);
	}
	return n;
}

lp_status
lp_text_itemize(const lp_text_par *par, const lp_fontdb *fonts, const char *const *fallback,
        size_t n_fallback, lp_cover_memo *memo, lp_item_buf *out, lp_diag *diag)
{
	const uint8_t *text = (const uint8_t *)par->text;
	const lp_font *chain[1 + LP_MAX_FALLBACK_FONTS + 1];
	uncovered_set seen = {0};
	lp_status st = LP_OK;

	out->n = 0;
	if (n_fallback > LP_MAX_FALLBACK_FONTS) {
		st = lp_text_report(par, diag, LP_ERROR, LP_ERR_LIMIT, 0,
		        "fallback chain of %zu fonts is longer than the limit of %d", n_fallback,
		        LP_MAX_FALLBACK_FONTS);
		goto fail;
	}
	for (uint32_t si = 0; si < par->n_spans; si++) {
		const lp_span *span = &par->spans[si];
		const lp_text_style *style = &span->style;
		size_t n_chain = font_chain(fonts, fallback, n_fallback, style, memo, chain);
		if (n_chain == 0) {
			st = lp_text_report(par, diag, LP_ERROR, LP_ERR_FONT, span->start,
			        "font family '%s' is not in the font database",
			        style->family ? style->family : "");
			goto fail;
		}

		uint32_t end = span->start + span->len;
		const lp_font *letters_font = NULL; /* of the span's last letter */
		for (size_t pos = span->start; pos < end;) {
			uint32_t start = (uint32_t)pos, cp;
			lp_utf8_decode(text, end, &pos, &cp);
			uint32_t script = lp_text_script_tag(cp);
			/* (a simple character extends no cluster) */
			for (size_t next = pos; next < end && !par->simple; pos = next) {
				uint32_t ext;
				lp_utf8_decode(text, end, &next, &ext);
				if (!extends_cluster(ext))
					break;
			}
			/* Spaces, digits and punctuation stay in the font of the run
			 * of letters they join when it has them, so a fallback run is
			 * not cut at every space (which would also lose kerning
			 * there). After a run of signs only (a minus from the symbol
			 * face) they go back to the first font that has them: the
			 * digits of "100−150" stay in the text face. */
			const lp_font *font = NULL;
			const lp_item *last = out->n ? &out->items[out->n - 1] : NULL;
			if (script == LP_SCRIPT_ZYYY && last && last->span == si &&
			        last->font == letters_font &&
			        covers(memo, last->font, text, start, (uint32_t)pos, false))
				font = last->font;
			for (size_t i = 0; i < n_chain && !font; i++)
				if (covers(memo, chain[i], text, start, (uint32_t)pos, false))
					font = chain[i];
			if (!font) {
				for (size_t i = 0; i < n_chain && !font; i++)
					if (covers(memo, chain[i], text, start, (uint32_t)pos,
					            true))
						font = chain[i];
				if (!font)
					font = chain[0];
				report_uncovered(
				        par, text, start, (uint32_t)pos, font, &seen, diag);
			}
			if (script != LP_SCRIPT_ZYYY)
				letters_font = font;
			st = add_cluster(out, start, (uint32_t)pos - start, si, script, font);
			if (st != LP_OK)
				goto fail;
		}
	}
	for (uint32_t i = 0; i < out->n; i++)
		if (out->items[i].script == LP_SCRIPT_ZYYY)
			out->items[i].script =
			        lp_text_lang_script(par->spans[out->items[i].span].style.lang);
fail:
	return st;
}
