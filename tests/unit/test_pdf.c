#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/pdf_sample.h"
#include "../support/shape_line.h"
#include "../support/scratch.h"
#include "pdf/pdf.h"
#include "pdf/pdf_internal.h"
#include "test-config.h"

TestSuite(pdf, .init = lp_scratch_enter, .fini = lp_scratch_leave);

static bool
has(const char *haystack, const char *needle)
{
	return strstr(haystack, needle) != NULL;
}

/* Whether needle is in the first n bytes of p (which may hold NULs). */
static bool
has_bytes(const uint8_t *p, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			return true;
	return false;
}

/* The file's bytes as written (NULs and all), NUL-terminated. */
static char *
render_raw(const lp_dlist *list, bool compress, const char *path, size_t *size_out)
{
	lp_pdf_options opt = {compress};
	lp_diag *diag = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_pdf_write(list, &opt, path, diag), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
	lp_diag_drop(diag);
	FILE *f = fopen(path, "rb");
	cr_assert(f != NULL);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	cr_assert(eq(sz, fread(buf, 1, (size_t)n, f), (size_t)n));
	buf[n] = '\0';
	fclose(f);
	*size_out = (size_t)n;
	return buf;
}

static char *
render_to(const lp_dlist *list, bool compress, const char *path, size_t *size_out)
{
	size_t n;
	char *buf = render_raw(list, compress, path, &n);
	/* Searched with strstr: binary zeros (font data, glyph codes) would
	 * end it early. */
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	if (size_out)
		*size_out = n;
	return buf;
}

/* Runs "<prog> <args> <path>". */
static char *
tool(const char *prog, const char *path)
{
	char cmd[1024];
	int status;
	snprintf(cmd, sizeof cmd, "%s %s", prog, path);
	char *out = lp_test_run(cmd, &status);
	cr_assert(eq(int, status, 0), "%s failed", cmd);
	return out;
}

/* Every word of every paragraph appears in the extracted text, in order. */
/* The CIDs the backend gives a font's glyphs in a document: the subset's
 * numbering (glyph order, plus any glyphs composites pull in). cid must
 * hold the font's glyph count. */
static void
cids_of(const lp_dlist *list, const lp_font *font, uint16_t *cid)
{
	uint32_t n = lp_font_metrics_of(font)->glyph_count;
	uint8_t *used = calloc(n / 8 + 1, 1);
	used[0] = 0x80;
	for (uint32_t p = 0; p < list->n_pages; p++)
		for (uint32_t i = 0; i < list->pages[p].n_items; i++) {
			const lp_dl_item *it = &list->pages[p].items[i];
			if (it->kind == LP_DL_TEXT && it->u.text.font == font)
				for (uint32_t g = 0; g < it->u.text.n_glyphs; g++) {
					uint32_t gid = it->u.text.glyphs[g].gid;
					used[gid / 8] |= (uint8_t)(0x80u >> (gid % 8));
				}
		}
	uint8_t *data;
	size_t size;
	uint32_t n_cids;
	cr_assert(eq(int, lp_pdf_subset(font, used, n, cid, &n_cids, &data, &size, NULL), LP_OK));
	free(data);
	free(used);
}

static uint32_t
cid_of(const lp_dlist *list, const lp_font *font, uint32_t gid)
{
	uint16_t *cid = calloc(lp_font_metrics_of(font)->glyph_count, sizeof *cid);
	cids_of(list, font, cid);
	uint32_t c = cid[gid];
	free(cid);
	return c;
}

/* The glyph a CID stands for, among the glyphs the document uses. */
static uint32_t
gid_of(const lp_dlist *list, const lp_font *font, uint32_t cid)
{
	uint32_t n = lp_font_metrics_of(font)->glyph_count, gid = UINT32_MAX;
	uint16_t *cids = calloc(n, sizeof *cids);
	cids_of(list, font, cids);
	for (uint32_t p = 0; p < list->n_pages && gid == UINT32_MAX; p++)
		for (uint32_t i = 0; i < list->pages[p].n_items; i++) {
			const lp_dl_item *it = &list->pages[p].items[i];
			if (it->kind == LP_DL_TEXT && it->u.text.font == font)
				for (uint32_t g = 0; g < it->u.text.n_glyphs; g++)
					if (cids[it->u.text.glyphs[g].gid] == cid)
						gid = it->u.text.glyphs[g].gid;
		}
	free(cids);
	return gid;
}

/* Does the CMap map cid to the code unit u, in a bfchar or a bfrange? */
static bool
cmap_maps(const char *pdf, uint32_t cid, uint32_t u)
{
	char want[32];
	snprintf(want, sizeof want, "<%04X> <%04X>\n", cid, u);
	if (has(pdf, want))
		return true;
	for (const char *p = strstr(pdf, "beginbfrange"); p; p = strstr(p + 1, "beginbfrange")) {
		const char *end = strstr(p, "endbfrange");
		for (const char *l = strchr(p, '\n'); l && l < end; l = strchr(l + 1, '\n')) {
			unsigned a, b, v;
			if (sscanf(l + 1, "<%X> <%X> <%X>", &a, &b, &v) == 3 && cid >= a &&
			        cid <= b && v + (cid - a) == u)
				return true;
		}
	}
	return false;
}

static void
assert_words_in_order(const char *text, const char *para)
{
	char *copy = strdup(para), *save = NULL;
	const char *at = text;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		const char *hit = strstr(at, w);
		cr_assert(hit != NULL, "word \"%s\" missing or out of order in:\n%s", w, text);
		at = hit + strlen(w);
	}
	free(copy);
}

Test(pdf, text_extracts_exactly_with_pdftotext)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 2, false);
	free(render_to(doc.list, true, "lp_test_pdf_text.pdf", NULL));
	char *text = tool("pdftotext -enc UTF-8", "lp_test_pdf_text.pdf -");
	for (size_t i = 0; i < lp_test_n_paragraphs; i++)
		assert_words_in_order(text, lp_test_paragraphs[i]);
	cr_assert(has(text, "САОПШТЕЊЕ ЗА МЕДИЈЕ"), "title not extracted as words:\n%s", text);
	cr_assert(has(text, "бригада где да пут тата"), "italic line wrong:\n%s", text);
	cr_assert(has(text, "mediji@predsednik.rs"));
	free(text);
	lp_test_doc_drop(&doc);
}

Test(pdf, fonts_are_embedded_subset_and_unicode)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	free(render_to(doc.list, true, "lp_test_pdf_fonts.pdf", NULL));
	char *out = tool("pdffonts", "lp_test_pdf_fonts.pdf");
	int fonts = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[6] != '+')
			continue;
		fonts++;
		cr_assert(has(line, "CID TrueType"), "%s", line);
		cr_assert(has(line, "Identity-H"), "%s", line);
		cr_assert(has(line, "yes yes yes"), "not emb/sub/uni: %s", line);
	}
	cr_assert(eq(int, fonts, 3));
	free(out);
	lp_test_doc_drop(&doc);
}

Test(pdf, tounicode_uses_bfchar_and_maps_ligatures_and_local_forms)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	char *pdf = render_to(doc.list, false, "lp_test_pdf_plain.pdf", NULL);
	cr_assert(has(pdf, "beginbfchar"));
	cr_assert(not(has(pdf, "cidrange")));
	cr_assert(has(pdf, "/CIDToGIDMap /Identity"));
	cr_assert(has(pdf, "/CIDSet"));
	cr_assert(has(pdf, "/FontFile2"));
	cr_assert(has(pdf, "/Lang (sr-Cyrl)"));
	/* Dates come from the display list (2025-11-24 16:00 UTC), not the clock. */
	cr_assert(has(pdf, "/CreationDate (D:20251124160000Z"));
	cr_assert(has(pdf, "/ModDate (D:20251124160000Z"));
	cr_assert(has(pdf, "/ActualText <FEFF0421"), "title has no /ActualText");
	/* The "fi" ligature glyph maps to both letters, "ffi" to three. */
	cr_assert(has(pdf, "> <00660069>\n"), "no fi ligature mapping");
	cr_assert(has(pdf, "> <006600660069>\n"), "no ffi ligature mapping");
	/* Serbian italic б (uni0431.loclSRB) maps to U+0431. */
	const lp_font *italic = lp_fontdb_font_at(doc.db, 1);
	char name[64];
	bool found = false;
	for (uint32_t g = 0; g < lp_font_metrics_of(italic)->glyph_count; g++) {
		if (strcmp(lp_font_glyph_name(italic, g, name, sizeof name), "uni0431.loclSRB") ==
		        0) {
			uint32_t cid = cid_of(doc.list, italic, g);
			cr_assert(cmap_maps(pdf, cid, 0x0431), "CID %04X is not mapped to U+0431",
			        cid);
			found = true;
		}
	}
	cr_assert(found);
	free(pdf);
	lp_test_doc_drop(&doc);
}

Test(pdf, same_input_gives_same_bytes_and_a_content_id)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 2, true);
	uint8_t *a, *b;
	size_t na, nb;
	cr_assert(eq(int, lp_pdf_render(doc.list, NULL, &a, &na, NULL), LP_OK));
	cr_assert(eq(int, lp_pdf_render(doc.list, NULL, &b, &nb, NULL), LP_OK));
	cr_assert(eq(sz, na, nb));
	cr_assert(eq(int, memcmp(a, b, na), 0));
	/* The ID is in the trailer, or in the cross-reference stream's
	 * dictionary before its (binary) rows: near the end either way. */
	size_t tail = na > 2000 ? na - 2000 : 0;
	cr_assert(not(has_bytes(a, na, "6C702D66696C652D69642D6865726521")), "placeholder ID left");
	cr_assert(has_bytes(a + tail, na - tail, "/ID ["));
	free(a);
	free(b);
	lp_test_doc_drop(&doc);
}

Test(pdf, metadata_is_written)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	free(render_to(doc.list, true, "lp_test_pdf_meta.pdf", NULL));
	char *out = tool("pdfinfo", "lp_test_pdf_meta.pdf");
	cr_assert(has(out, "Саопштење за медије: пријем"), "%s", out);
	cr_assert(has(out, "Кабинет председника"), "%s", out);
	cr_assert(has(out, "Пријем делегације"), "%s", out);
	cr_assert(has(out, "саопштење, пријем"), "%s", out);
	cr_assert(has(out, "letterpress 0.1.0"), "%s", out);
	cr_assert(has(out, "2025"), "date missing: %s", out);
	cr_assert(has(out, "Pages:           1"), "%s", out);
	free(out);
	lp_test_doc_drop(&doc);
}

Test(pdf, empty_document_and_bad_links_are_errors)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	uint8_t *data;
	size_t size;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_pdf_render(list, NULL, &data, &size, diag), LP_ERR_USAGE));
	cr_assert(eq(ptr, data, NULL));
	lp_dlist_drop(list);

	b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_dl_link l = {0, 0, 10, 10, "javascript:alert(1)"};
	lp_dlist_add_link(b, &l);
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	cr_assert(eq(int, lp_pdf_render(list, NULL, &data, &size, diag), LP_ERR_USAGE));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 2));
	lp_dlist_drop(list);
	lp_diag_drop(diag);
}

Test(pdf, failed_write_leaves_no_file)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	cr_assert(ne(int, lp_pdf_write(doc.list, NULL, "/nonexistent-dir/x.pdf", diag), LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 1));
	lp_diag_drop(diag);
	lp_test_doc_drop(&doc);
}

/* ---- Glyph positions, read back from the content stream ------------- */

typedef struct placed {
	uint32_t gid;
	double x, y;
} placed;

/* The first needle in [from, end), which may hold NULs (glyph codes in
 * literal strings, font data); NULL when there is none. */
static const char *
find(const char *from, const char *end, const char *needle)
{
	size_t k = strlen(needle);
	for (const char *p = from; p && p + k <= end; p++)
		if (memcmp(p, needle, k) == 0)
			return p;
	return NULL;
}

/* The bytes of the literal string that starts at *p (its '('), escapes
 * undone, into out; *p moves past its ')'. */
static size_t
literal_string(const char **p, uint8_t *out, size_t max)
{
	size_t n = 0;
	const char *s = *p + 1;
	for (; *s != ')'; s++) {
		cr_assert(n < max);
		/* A reader takes a raw carriage return for a line feed. */
		bool raw_cr = *s == '\r';
		cr_assert(not(raw_cr), "an unescaped carriage return in a string");
		if (*s != '\\') {
			out[n++] = (uint8_t)*s;
			continue;
		}
		s++;
		bool known = *s == '(' || *s == ')' || *s == '\\' || *s == 'r';
		cr_assert(known, "escape \\%c", *s);
		out[n++] = *s == 'r' ? '\r' : (uint8_t)*s;
	}
	*p = s + 1;
	return n;
}

/* Replays the text operators this backend writes (Tf, Tc, Tm, TJ) with the
 * fonts' advances as /W widths, the way a reader places glyphs: pdf is the
 * file's size bytes, content uncompressed. */
static size_t
replay_text(const char *pdf, size_t size, const lp_dlist *list, const lp_font *const *fonts,
        double page_h, placed *out, size_t max)
{
	size_t n = 0;
	const char *end = pdf + size;
	for (const char *bt = find(pdf, end, "BT /F"); bt; bt = find(bt + 1, end, "BT /F")) {
		unsigned fi;
		double size_pt, tc = 0;
		cr_assert(eq(int, sscanf(bt, "BT /F%u %lf Tf", &fi, &size_pt), 2));
		const lp_font *font = fonts[fi - 1];
		double upem = lp_font_metrics_of(font)->units_per_em;
		const char *et = find(bt, end, "ET\n");
		cr_assert(et != NULL);
		const char *tcp = find(bt, et, "Tc\n");
		if (tcp) {
			const char *start = tcp;
			while (start > bt && start[-1] != '\n')
				start--;
			tc = strtod(start, NULL);
		}
		for (const char *tm = find(bt, et, "Tm ["); tm; tm = find(tm + 1, et, "Tm [")) {
			const char *line = tm;
			while (line[-1] != '\n')
				line--;
			double x, y;
			cr_assert(eq(int, sscanf(line, "1 0 0 1 %lf %lf Tm", &x, &y), 2));
			const char *p = tm + 4;
			while (*p != ']') {
				if (*p == '(') {
					uint8_t codes[2048];
					size_t k = literal_string(&p, codes, sizeof codes);
					cr_assert(eq(sz, k % 2, 0), "two bytes a glyph");
					for (size_t c = 0; c < k; c += 2) {
						uint32_t cid =
						        (uint32_t)codes[c] << 8 | codes[c + 1];
						uint32_t gid = gid_of(list, font, cid);
						cr_assert(n < max);
						out[n++] = (placed){cid, x, page_h - y};
						x += lp_font_glyph_advance(font, gid) * 1000.0 /
						             upem * size_pt / 1000.0 +
						     tc;
					}
					tm = p; /* glyph codes are not searched for "Tm [" */
				} else if (*p == ' ') {
					p++;
				} else {
					char *num_end;
					double adj = strtod(p, &num_end);
					cr_assert(num_end != p);
					x -= adj * size_pt / 1000.0;
					p = num_end;
				}
			}
		}
	}
	return n;
}

/* Renders list's first page uncompressed to path and replays its text:
 * every glyph of the display list comes back, with its CID, within 0.01 pt
 * of where the list put it. */
static void
check_glyph_positions(const lp_dlist *list, const char *path)
{
	size_t pdf_size;
	char *pdf = render_raw(list, false, path, &pdf_size);
	const lp_font *fonts[8];
	size_t n_fonts = 0, n_want = 0;
	placed *want = calloc(4096, sizeof *want), *got = calloc(4096, sizeof *got);
	const lp_dl_page *page = &list->pages[0];
	for (uint32_t i = 0; i < page->n_items; i++) {
		if (page->items[i].kind != LP_DL_TEXT)
			continue;
		const lp_dl_text *t = &page->items[i].u.text;
		size_t k = 0;
		while (k < n_fonts && fonts[k] != t->font)
			k++;
		if (k == n_fonts)
			fonts[n_fonts++] = t->font;
		for (uint32_t g = 0; g < t->n_glyphs; g++) {
			cr_assert(n_want < 4096);
			want[n_want++] = (placed){cid_of(list, t->font, t->glyphs[g].gid),
			        t->glyphs[g].x, t->glyphs[g].y};
		}
	}
	size_t n_got = replay_text(pdf, pdf_size, list, fonts, page->height_pt, got, 4096);
	cr_assert(eq(sz, n_got, n_want));
	for (size_t i = 0; i < n_want; i++) {
		cr_assert(eq(u32, got[i].gid, want[i].gid));
		cr_assert(fabs(got[i].x - want[i].x) < 0.01 && fabs(got[i].y - want[i].y) < 0.01,
		        "glyph %zu at %.4f,%.4f, want %.4f,%.4f", i, got[i].x, got[i].y, want[i].x,
		        want[i].y);
	}
	free(want);
	free(got);
	free(pdf);
}

Test(pdf, glyph_positions_follow_the_display_list_within_0_01pt)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	check_glyph_positions(doc.list, "lp_test_pdf_pos.pdf");
	lp_test_doc_drop(&doc);
}

/* Glyph codes are bytes of literal strings: with some 150 glyphs a font's
 * CIDs take the values of '(', ')', '\\' and carriage return, which must be
 * escaped for a reader to see the glyphs the content names. */
Test(pdf, glyph_codes_that_look_like_string_syntax_are_escaped)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	const lp_font *font = lp_fontdb_font_at(db, 0);
	static const char *const lines[] = {
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
	        "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ абвгдђежзијклљмнњопрстћуфхцчџш",
	        "ЁЙЪЫЬЭЮЯ ёйъыьэюя ЄІЇҐ єіїґ ЃЌЅЀЍ ѓќѕѐѝ !?.,;:-–—()[]{}/\\\"'«»„“”%&*+=@#$",
	};
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	for (int i = 0; i < 3; i++)
		lp_test_add_line(b, font, lines[i], "sr", 40, 100 + 20.0f * (float)i, 10, 0, NULL);
	/* And the font's first 200 glyphs in a row, so that CIDs run through
	 * every value up to 200 whatever the lines use. */
	static lp_dl_glyph all[200];
	for (uint32_t g = 0; g < 200; g++)
		all[g] = (lp_dl_glyph){g + 1, 40 + 2.5f * (float)g, 300, 0};
	lp_dl_text run = {font, 10, 0, all, 200, "x", 1, NULL};
	lp_dlist_add_text(b, &run);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	/* Each byte a string's syntax gives a meaning is the low byte of a
	 * CID drawn in this document. */
	uint16_t *cid = calloc(lp_font_metrics_of(font)->glyph_count, sizeof *cid);
	cids_of(list, font, cid);
	bool seen[256] = {false};
	for (uint32_t g = 0; g < lp_font_metrics_of(font)->glyph_count; g++)
		if (cid[g])
			seen[cid[g] & 0xff] = true;
	cr_assert(seen['('] && seen[')'] && seen['\\'] && seen['\r']);
	free(cid);
	check_glyph_positions(list, "lp_test_pdf_escapes.pdf");
	/* And a reader reads the text back, every line whole. */
	char *text = tool("pdftotext -enc UTF-8", "lp_test_pdf_escapes.pdf -");
	for (int i = 0; i < 3; i++)
		cr_assert(has(text, lines[i]), "line %d not in %s", i, text);
	free(text);
	lp_dlist_drop(list);
	lp_fontdb_drop(db);
}

Test(pdf, one_page_of_4000_characters_in_2_fonts_fits_60_kb)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	cr_assert(eq(
	        int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Bold.ttf", NULL), LP_OK));
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	size_t chars = 0;
	for (int line = 0; chars < 4000; line++) {
		const char *text = lp_test_paragraphs[line % lp_test_n_paragraphs];
		lp_test_add_line(b, lp_fontdb_font_at(db, line % 7 == 0), text, "sr", 40,
		        40 + 13.0f * (float)line, 9, 0, NULL);
		chars += strlen(text) / 2 + 1; /* mostly two-byte Cyrillic */
	}
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	uint8_t *data;
	size_t size;
	cr_assert(eq(int, lp_pdf_render(list, NULL, &data, &size, NULL), LP_OK));
	cr_assert(le(sz, size, 60 * 1024), "%zu bytes", size);
	cr_log_info("4000 characters, 2 fonts: %zu bytes", size);
	free(data);
	lp_dlist_drop(list);
	lp_fontdb_drop(db);
}

Test(pdf, a_glyph_with_a_second_meaning_gets_actual_text)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	const lp_font *font = lp_fontdb_font_at(db, 0);
	uint32_t gid = lp_font_glyph(font, 'A');
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_dl_glyph g1[1] = {{gid, 72, 100, 0}};
	lp_dl_text t1 = {font, 12, 0, g1, 1, "A", 1, NULL};
	lp_dlist_add_text(b, &t1);
	/* The same glyph standing for Cyrillic А (U+0410), as a font may share it. */
	lp_dl_glyph g2[1] = {{gid, 72, 130, 0}};
	lp_dl_text t2 = {font, 12, 0, g2, 1, "А", 2, NULL};
	lp_dlist_add_text(b, &t2);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	char *pdf = render_to(list, false, "lp_test_pdf_actual.pdf", NULL);
	char want[32];
	snprintf(want, sizeof want, "<%04X> <0041>", cid_of(list, font, gid));
	cr_assert(has(pdf, want), "first meaning not in the CMap");
	cr_assert(has(pdf, "/Span <</ActualText <FEFF0410>>> BDC"));
	cr_assert(not(has(pdf, "<FEFF0041>")), "the first run needs no /ActualText");
	free(pdf);
	char *text = tool("pdftotext -enc UTF-8", "lp_test_pdf_actual.pdf -");
	cr_assert(has(text, "A\n"), "%s", text);
	cr_assert(has(text, "А"), "%s", text);
	free(text);
	lp_dlist_drop(list);
	lp_fontdb_drop(db);
}

Test(pdf, every_glyph_maps_through_bfchar)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	const lp_font *font = lp_fontdb_font_at(db, 0);
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_test_add_line(b, font, "abcdklmn xyz", "en", 72, 100, 12, 0, NULL);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	char *pdf = render_to(list, false, "lp_test_pdf_range.pdf", NULL);
	char want[64];
	uint32_t a = lp_font_glyph(font, 'a'), d = lp_font_glyph(font, 'd');
	cr_assert(eq(u32, d, a + 3)); /* the font orders a-z by code point */
	/* Consecutive glyphs and code points, which a bfrange could cover:
	 * Ghostscript's txtwrite garbles codes in ranges, so each is a bfchar. */
	cr_assert(not(has(pdf, "bfrange")));
	snprintf(want, sizeof want, "<%04X> <0061>\n<%04X> <0062>", cid_of(list, font, a),
	        cid_of(list, font, a) + 1);
	cr_assert(has(pdf, want), "no bfchar %s", want);
	snprintf(want, sizeof want, "<%04X> <0064>", cid_of(list, font, d));
	cr_assert(has(pdf, want), "no bfchar %s", want);
	free(pdf);
	char *text = tool("pdftotext -enc UTF-8", "lp_test_pdf_range.pdf -");
	cr_assert(has(text, "abcdklmn xyz"), "%s", text);
	free(text);
	text = tool("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -sOutputFile=-",
	        "lp_test_pdf_range.pdf");
	cr_assert(has(text, "abcdklmn xyz"), "%s", text);
	free(text);
	lp_dlist_drop(list);
	lp_fontdb_drop(db);
}

Test(pdf, coordinates_beyond_the_limit_are_errors)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_dl_rule r = {0, 0, 1e30f, 0, 1, 0};
	lp_dlist_add_rule(b, &r);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	uint8_t *data;
	size_t size;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_pdf_render(list, NULL, &data, &size, diag), LP_ERR_LIMIT));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 1));
	lp_diag_drop(diag);
	lp_dlist_drop(list);
}

/* The writer's error is sticky: after the first number beyond the limit
 * (the rule's width), the rest of the item and every later item write
 * nothing and report nothing, and the replay stops with that error. */
Test(pdf, after_the_first_failure_every_put_is_a_no_op)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_dl_rule r = {3e7f, 4e7f, 5e7f, 6e7f, 2e7f, 0};
	lp_dlist_add_rule(b, &r);
	lp_dl_rule r2 = {7e7f, 0, 0, 0, 1, 0};
	lp_dlist_add_rule(b, &r2);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	uint8_t *data = NULL;
	size_t size = 0;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_pdf_render(list, NULL, &data, &size, diag), LP_ERR_LIMIT));
	cr_assert(eq(ptr, data, NULL));
	cr_assert(eq(sz, lp_diag_size(diag), 1));
	char msg[256];
	lp_diag_format(lp_diag_at_index(diag, 0), msg, sizeof msg);
	cr_assert(has(msg, "a coordinate or size of 2e+07 pt is beyond the PDF limit"), "%s", msg);
	lp_diag_drop(diag);
	lp_dlist_drop(list);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Embedded fonts carry outlines and metrics but no TrueType hinting
 * (fpgm, prep, cvt, glyph instructions), as WeasyPrint's default: printers
 * and PDF readers rasterise without it, and it was a third of the bytes.
 * Nor do they carry the tables a CIDFontType2 program does not use. */
Test(pdf, subset_fonts_keep_outlines_and_drop_hinting)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	const lp_font *font = lp_fontdb_font_at(db, 0);
	uint32_t n = lp_font_metrics_of(font)->glyph_count;
	uint8_t *used = calloc(n / 8 + 1, 1);
	uint16_t *cid = calloc(n, sizeof *cid);
	for (uint32_t g = 0; g < 200 && g < n; g++)
		used[g / 8] |= (uint8_t)(0x80u >> (g % 8));
	uint8_t *data;
	size_t size;
	uint32_t n_cids;
	cr_assert(eq(int, lp_pdf_subset(font, used, n, cid, &n_cids, &data, &size, NULL), LP_OK));
	cr_assert(ge(u32, n_cids, 200));
	cr_assert(lt(sz, 12, size));
	uint32_t tables = (uint32_t)data[4] << 8 | data[5];
	cr_assert(le(sz, 12 + 16 * (size_t)tables, size));
	int required = 0;
	for (uint32_t t = 0; t < tables; t++) {
		char tag[5] = {0};
		memcpy(tag, data + 12 + 16 * t, 4);
		cr_assert(le(
		        u32, be32(data + 12 + 16 * t + 8) + be32(data + 12 + 16 * t + 12), size));
		cr_assert(not(eq(str, tag, "fpgm")));
		cr_assert(not(eq(str, tag, "prep")));
		cr_assert(not(eq(str, tag, "cvt ")));
		cr_assert(not(eq(str, tag, "name")));
		cr_assert(not(eq(str, tag, "post")));
		cr_assert(not(eq(str, tag, "gasp")));
		for (const char *want = "glyf loca head hhea hmtx maxp"; *want;
		        want += want[4] ? 5 : 4)
			required += memcmp(tag, want, 4) == 0;
	}
	cr_assert(eq(int, required, 6));
	free(data);
	free(cid);
	free(used);
	lp_fontdb_drop(db);
}

/* Streams are deflated by one deflater reset between them: in a document
 * with many (three fonts' programs, CMaps and CID sets, two pages), every
 * stream says /FlateDecode and qpdf decodes all of them. */
Test(pdf, every_stream_is_deflated_and_decodes)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 2, false);
	size_t size;
	char *pdf = render_to(doc.list, true, "lp_test_pdf_streams.pdf", &size);
	int streams = 0, flate = 0;
	for (const char *p = pdf; (p = strstr(p, "endstream")); p++)
		streams++;
	for (const char *p = pdf; (p = strstr(p, "/FlateDecode")); p++)
		flate++;
	cr_assert(ge(int, streams, 3 * 3 + 2));
	cr_assert(eq(int, flate, streams));
	free(pdf);
	char *out = tool("qpdf --check", "lp_test_pdf_streams.pdf 2>&1");
	cr_assert(has(out, "No syntax or stream encoding errors"), "%s", out);
	free(out);
	out = tool("qpdf --check --decode-level=all", "lp_test_pdf_streams.pdf 2>&1");
	cr_assert(not(has(out, "WARNING")), "%s", out);
	free(out);
	lp_test_doc_drop(&doc);
}

/* The file /ID (§14.4) is the first half of the SHA-256 of the file as
 * written with the placeholder in both of its places: content-derived, so
 * the same input gives the same ID. */
Test(pdf, the_file_id_is_the_sha256_of_the_file_with_its_placeholder)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 1, false);
	free(render_to(doc.list, true, "lp_test_pdf_id.pdf", NULL));
	char *out =
	        tool("python3 -c 'import hashlib, re, sys\n"
	             "b = open(sys.argv[1], \"rb\").read()\n"
	             "ids = re.findall(rb\"/ID \\[ *<([0-9A-F]{32})> *<([0-9A-F]{32})> *\\]\", b)\n"
	             "assert len(ids) == 1 and ids[0][0] == ids[0][1], ids\n"
	             "ph = b\"lp-file-id-here!\".hex().upper().encode()\n"
	             "print(hashlib.sha256(b.replace(ids[0][0], ph)).hexdigest().upper()[:32] == "
	             "ids[0][0].decode())'",
	                "lp_test_pdf_id.pdf");
	cr_assert(eq(str, out, "True\n"));
	free(out);
	lp_test_doc_drop(&doc);
}
