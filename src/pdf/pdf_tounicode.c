/*
 * ToUnicode CMaps (PDF 1.7 §9.10.3) and UTF-16 strings. Each glyph maps
 * to the text of the first cluster that showed it in the document: a
 * ligature to all its characters, a localized form (uni0431.loclSRB) to its
 * base character, an accent drawn apart from its letter to the mark
 * (lp_pdf_glyph_text()). Runs that need another mapping for a glyph get
 * /ActualText instead (pdf_content.c). Every mapping is a bfchar entry,
 * never a bfrange: Ghostscript 10's text extraction garbles every code a
 * bfrange covers, and with glyphs renumbered in glyph order few ranges
 * would be long enough to save bytes. Adobe's CMap syntax (Technical Note
 * #5411) allows 100 entries per block.
 */
#include "pdf/pdf_internal.h"

#include "base/utf8.h"
#include "pdf/pdf_fontcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BFCHAR_BLOCK = 100 };

static const char hexdig[] = "0123456789ABCDEF";

static size_t
utf16_units(uint32_t cp, uint16_t u[2])
{
	if (cp < 0x10000) {
		u[0] = (uint16_t)cp;
		return 1;
	}
	cp -= 0x10000;
	u[0] = (uint16_t)(0xd800 + (cp >> 10));
	u[1] = (uint16_t)(0xdc00 + (cp & 0x3ff));
	return 2;
}

static void
put_str(lp_pdf_text *b, const char *s)
{
	lp_pdf_text_add(b, s, strlen(s));
}

static void
put_hex4(char *at, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		at[k] = hexdig[(v >> (12 - 4 * k)) & 0xf];
}

static void
put_units(lp_pdf_text *b, const char *text, size_t len)
{
	size_t pos = 0;
	while (pos < len && !b->failed) {
		uint32_t cp;
		uint16_t u[2];
		char hex[8];
		lp_utf8_decode((const uint8_t *)text, len, &pos, &cp);
		size_t n = utf16_units(cp, u);
		for (size_t k = 0; k < n; k++)
			put_hex4(hex + 4 * k, u[k]);
		lp_pdf_text_add(b, hex, 4 * n);
	}
}

uint8_t *
lp_pdf_utf16(lp_arena *arena, const char *text, size_t len, size_t *out_len)
{
	uint8_t *buf = lp_arena_alloc(arena, 2 + 4 * len);
	size_t n = 0, pos = 0;
	if (!buf)
		return NULL;
	buf[n++] = 0xfe;
	buf[n++] = 0xff;
	while (pos < len) {
		uint32_t cp;
		uint16_t u[2];
		lp_utf8_decode((const uint8_t *)text, len, &pos, &cp);
		size_t k = utf16_units(cp, u);
		for (size_t j = 0; j < k; j++) {
			buf[n++] = (uint8_t)(u[j] >> 8);
			buf[n++] = (uint8_t)u[j];
		}
	}
	*out_len = n;
	return buf;
}

static const char cmap_head[] =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";

static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\n"
                                "end\n";

/* "<CODE> <UNITS>\n" for one glyph. */
static void
put_mapping(lp_pdf_text *b, uint32_t code, const char *text)
{
	char head[8] = "<0000> <";
	put_hex4(head + 1, code);
	lp_pdf_text_add(b, head, sizeof head);
	put_units(b, text, strlen(text));
	put_str(b, ">\n");
}

/* Every mapping as a bfchar entry, in blocks of at most BFCHAR_BLOCK. */
static void
put_mappings(lp_pdf_text *b, const lp_pdf_font *f)
{
	uint32_t total = 0, in_block = 0;
	char line[32];
	/* Count first: a block header states its size. */
	for (uint32_t g = 0; g < f->n_gids; g++)
		total += f->text[g] != NULL;
	for (uint32_t g = 0; g < f->n_gids && !b->failed; g++) {
		if (!f->text[g])
			continue;
		if (in_block == 0) {
			snprintf(line, sizeof line, "%u beginbfchar\n",
			        total < BFCHAR_BLOCK ? total : BFCHAR_BLOCK);
			put_str(b, line);
		}
		put_mapping(b, g, f->text[g]);
		total--;
		if (++in_block == BFCHAR_BLOCK || total == 0) {
			put_str(b, "endbfchar\n");
			in_block = 0;
		}
	}
}

/* The CMap deflated: the engine's copy when another document had the same
 * CMap (an archive's releases map the same glyph sets the same way), else
 * deflated here and offered to the cache. */
static lp_status
deflated(lp_pdf_dev *d, const lp_pdf_text *b, const uint8_t **z, size_t *zn)
{
	lp_pdf_font_cache *cache = d->opt.font_cache;
	if (lp_pdf_font_cache_find_bytes(cache, b->p, b->n, z, zn))
		return LP_OK;
	uint8_t *mine;
	if (lp_pdf_fail(d, lp_pdf_deflate_copy(d, b->p, b->n, &mine, zn)) != LP_OK)
		return d->error;
	*z = mine;
	lp_pdf_font_cache_add_bytes(cache, b->p, b->n, mine, *zn);
	return LP_OK;
}

lp_status
lp_pdf_tounicode_write(lp_pdf_dev *d, const lp_pdf_font *f, HPDF_Dict stream_dict)
{
	lp_pdf_text b = {0};
	/* A release's CMap is a kilobyte or two: one block, not seven. */
	b.failed = LP_ARRAY_RESERVE(b.p, b.cap, 2048, LP_ARRAY_ANY) != LP_OK;
	put_str(&b, cmap_head);
	put_mappings(&b, f);
	put_str(&b, cmap_tail);
	if (b.failed) {
		free(b.p);
		return lp_pdf_fail(d, LP_ERR_NOMEM);
	}
	const uint8_t *data = b.p;
	size_t n = b.n;
	if (d->opt.compress && deflated(d, &b, &data, &n) != LP_OK) {
		free(b.p);
		return d->error;
	}
	lp_pdf_hpdf(d, lp_pdf_write_stored(stream_dict, data, n, d->opt.compress), "ToUnicode");
	free(b.p);
	return d->error;
}
