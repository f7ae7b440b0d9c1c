/* The text each glyph of a run stands for in the PDF (pdf_font.c), which
 * its ToUnicode entry and the run's /ActualText are written from. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "pdf/pdf_internal.h"

/* Glyph i of a run of text whose glyphs start their clusters at the given
 * byte offsets, as UTF-8 in want (NULL: no text of its own). */
static void
glyph_is(const char *text, const uint32_t *clusters, uint32_t n, uint32_t i, const char *want)
{
	lp_dl_glyph g[8] = {0};
	for (uint32_t k = 0; k < n; k++)
		g[k] = (lp_dl_glyph){.gid = k + 1, .cluster = clusters[k]};
	lp_dl_text run = {.glyphs = g, .n_glyphs = n, .text = text, .text_len = strlen(text)};
	char buf[4];
	const char *t = NULL;
	uint32_t len = lp_pdf_glyph_text(&run, i, buf, &t);
	if (!want) {
		cr_assert(eq(u32, len, 0), "glyph %u of \"%s\" shows %u bytes", i, text, len);
		return;
	}
	cr_assert(eq(u32, len, strlen(want)), "glyph %u of \"%s\": %u bytes", i, text, len);
	cr_assert(eq(int, memcmp(t, want, len), 0), "glyph %u of \"%s\": \"%.*s\"", i, text,
	        (int)len, t);
}

/* The stress in "доро́га" is a glyph of its own in the base's cluster: it
 * stands for U+0301, the base for its letter alone. Without a mapping the
 * mark was U+FFFD to MuPDF and a stray character to pdf.js. */
Test(pdf_font, a_mark_drawn_apart_stands_for_itself)
{
	const uint32_t c[] = {0, 0, 4};
	glyph_is("о\xcc\x81г", c, 3, 0, "о");
	glyph_is("о\xcc\x81г", c, 3, 1, "\xcc\x81");
	glyph_is("о\xcc\x81г", c, 3, 2, "г");
}

/* A letter with its own accent and one more: the characters as written. */
Test(pdf_font, a_precomposed_letter_and_a_mark_each_stand_for_their_character)
{
	const uint32_t c[] = {0, 0};
	glyph_is("Ё\xcc\x81", c, 2, 0, "Ё");
	glyph_is("Ё\xcc\x81", c, 2, 1, "\xcc\x81");
}

/* A font without "é" draws it as "e" and the accent: its decomposition. */
Test(pdf_font, a_letter_drawn_as_base_and_accent_stands_for_its_decomposition)
{
	const uint32_t c[] = {0, 0};
	glyph_is("é", c, 2, 0, "e");
	glyph_is("é", c, 2, 1, "\xcc\x81");
}

/* A ligature stands for all its letters; glyphs of a cluster that is not
 * a base and its marks show nothing more, as does any glyph of a cluster
 * drawn with more glyphs than it has characters. */
Test(pdf_font, other_clusters_keep_their_text_on_the_first_glyph)
{
	const uint32_t one[] = {0}, two[] = {0, 0}, three[] = {0, 0, 0};
	glyph_is("fi", one, 1, 0, "fi");
	glyph_is("ab", two, 2, 0, "ab");
	glyph_is("ab", two, 2, 1, NULL);
	glyph_is("о\xcc\x81", three, 3, 0, "о\xcc\x81");
	glyph_is("о\xcc\x81", three, 3, 1, NULL);
	glyph_is("о\xcc\x81", three, 3, 2, NULL);
}
