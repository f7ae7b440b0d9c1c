/*
 * ToUnicode CMaps (PDF 1.7 §9.10.3) and UTF-16 strings. Each glyph maps
 * to the text of the first cluster that showed it in the document: a
 * ligature to all its characters, a localized form (uni0431.loclSRB) to its
 * base character. Runs that need another mapping for a glyph get
 * /ActualText instead (pdf_content.c). Every mapping is a bfchar entry,
 * never a bfrange: Ghostscript 10's text extraction garbles every code a
 * bfrange covers, and with glyphs renumbered in glyph order few ranges
 * would be long enough to save bytes. Adobe's CMap syntax (Technical Note
 * #5411) allows 100 entries per block.
 */
#include "pdf/pdf_internal.h"

#include "base/utf8.h"

#include <stdio.h>
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
put_units(lp_pdf_dev *d, HPDF_Stream out, const char *text, size_t len, const char *what)
{
	size_t pos = 0;
	while (pos < len && d->error == LP_OK) {
		uint32_t cp;
		uint16_t u[2];
		char hex[9];
		lp_utf8_decode((const uint8_t *)text, len, &pos, &cp);
		size_t n = utf16_units(cp, u);
		for (size_t k = 0; k < n; k++)
			for (int b = 0; b < 4; b++)
				hex[4 * k + (size_t)b] = hexdig[(u[k] >> (12 - 4 * b)) & 0xf];
		lp_pdf_stream_write(d, out, hex, 4 * n, what);
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

static void
put_code(lp_pdf_dev *d, HPDF_Stream out, uint32_t code)
{
	char buf[16];
	snprintf(buf, sizeof buf, "<%04X> <", code);
	lp_pdf_stream_put(d, out, buf, "ToUnicode");
}

/* Every mapping as a bfchar entry, in blocks of at most BFCHAR_BLOCK. */
static void
put_mappings(lp_pdf_dev *d, HPDF_Stream out, const lp_pdf_font *f)
{
	uint32_t total = 0, in_block = 0;
	char line[32];
	/* Count first: a block header states its size. */
	for (uint32_t g = 0; g < f->n_gids; g++)
		total += f->text[g] != NULL;
	for (uint32_t g = 0; g < f->n_gids && d->error == LP_OK; g++) {
		if (!f->text[g])
			continue;
		if (in_block == 0) {
			snprintf(line, sizeof line, "%u beginbfchar\n",
			        total < BFCHAR_BLOCK ? total : BFCHAR_BLOCK);
			lp_pdf_stream_put(d, out, line, "ToUnicode");
		}
		put_code(d, out, g);
		put_units(d, out, f->text[g], strlen(f->text[g]), "ToUnicode");
		lp_pdf_stream_put(d, out, ">\n", "ToUnicode");
		total--;
		if (++in_block == BFCHAR_BLOCK || total == 0) {
			lp_pdf_stream_put(d, out, "endbfchar\n", "ToUnicode");
			in_block = 0;
		}
	}
}

lp_status
lp_pdf_tounicode_write(lp_pdf_dev *d, const lp_pdf_font *f, HPDF_Dict stream_dict)
{
	HPDF_Stream out = stream_dict->stream;
	lp_pdf_stream_put(d, out, cmap_head, "ToUnicode");
	put_mappings(d, out, f);
	lp_pdf_stream_put(d, out, cmap_tail, "ToUnicode");
	return d->error;
}
