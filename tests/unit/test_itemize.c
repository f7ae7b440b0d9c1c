#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <hb-subset.h>
#include <string.h>
#include <unicode/uscript.h>

#include "text/text_internal.h"
#include "test-config.h"

static lp_fontdb *db;
static lp_arena *arena;
static lp_diag *diag;
static lp_item_buf items;

static void
setup(void)
{
	db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(db, LP_TEST_FONTS_DIR, NULL), LP_OK));
	lp_fontdb_freeze(db);
	arena = lp_arena_new(0);
	diag = lp_diag_new(NULL, NULL);
}

static void
teardown(void)
{
	lp_item_buf_free(&items);
	lp_diag_drop(diag);
	lp_arena_drop(arena);
	lp_fontdb_drop(db);
}

TestSuite(itemize, .init = setup, .fini = teardown);

static lp_text_style
style(const char *family, const char *lang)
{
	return (lp_text_style){
	        .family = family, .weight = 400, .size_pt = 11, .lang = lang, .link = -1};
}

static lp_status
itemize(const lp_fontdb *fonts, const char *text, const lp_span *spans, uint32_t n_spans,
        const char *const *fallback, size_t n_fallback)
{
	lp_text_par par = {text, (uint32_t)strlen(text), spans, n_spans, "t.md", 3};
	return lp_text_itemize(&par, fonts, fallback, n_fallback, NULL, &items, diag);
}

static void
expect(uint32_t i, const char *text, const char *piece, uint32_t script)
{
	cr_assert(lt(u32, i, items.n));
	const lp_item *it = &items.items[i];
	cr_assert(eq(u32, it->start, (uint32_t)(strstr(text, piece) - text)), "item %u", i);
	cr_assert(eq(u32, it->len, (uint32_t)strlen(piece)), "item %u", i);
	cr_assert(eq(u32, it->script, script), "item %u script %08x", i, it->script);
}

Test(itemize, common_characters_join_the_preceding_script)
{
	const char *t = "Hello, свете! 2024.";
	lp_span s = {0, (uint32_t)strlen(t), style("Noto Serif", "sr")};
	cr_assert(eq(int, itemize(db, t, &s, 1, NULL, 0), LP_OK));
	cr_assert(eq(u32, items.n, 2));
	expect(0, t, "Hello, ", LP_SCRIPT_LATN);
	expect(1, t, "свете! 2024.", LP_SCRIPT_CYRL);
}

Test(itemize, leading_common_takes_the_following_script_and_marks_inherit)
{
	const char *t = "«20. фебруар» e\xCC\x81t\xC3\xA9";
	lp_span s = {0, (uint32_t)strlen(t), style("Noto Serif", "sr")};
	cr_assert(eq(int, itemize(db, t, &s, 1, NULL, 0), LP_OK));
	cr_assert(eq(u32, items.n, 2));
	expect(0, t, "«20. фебруар» ", LP_SCRIPT_CYRL);
	expect(1, t, "e\xCC\x81t\xC3\xA9", LP_SCRIPT_LATN);
}

Test(itemize, all_common_run_takes_the_language_script)
{
	const char *t = "2024. — 11000";
	lp_span s = {0, (uint32_t)strlen(t), style("Noto Serif", "sr-Latn")};
	cr_assert(eq(int, itemize(db, t, &s, 1, NULL, 0), LP_OK));
	cr_assert(eq(u32, items.n, 1));
	cr_assert(eq(u32, items.items[0].script, LP_SCRIPT_LATN));
	s.style.lang = "ru";
	cr_assert(eq(int, itemize(db, t, &s, 1, NULL, 0), LP_OK));
	cr_assert(eq(u32, items.items[0].script, LP_SCRIPT_CYRL));
}

Test(itemize, language_and_style_changes_split_runs)
{
	const char *t = "једна two три";
	lp_span s[3] = {
	        {0, 11, style("Noto Serif", "sr")},
	        {11, 3, style("Noto Serif", "en")},
	        {14, 7, style("Noto Sans", "sr")},
	};
	s[2].style.italic = true;
	cr_assert(eq(int, itemize(db, t, s, 3, NULL, 0), LP_OK));
	cr_assert(eq(u32, items.n, 3));
	cr_assert(eq(u32, items.items[1].span, 1));
	cr_assert(
	        eq(str, (char *)lp_font_postscript_name(items.items[0].font), "NotoSerif-Regular"));
	cr_assert(eq(str, (char *)lp_font_postscript_name(items.items[2].font), "NotoSans-Italic"));
}

Test(itemize, unknown_family_is_a_font_error)
{
	lp_span s = {0, 3, style("Comic Sans", "en")};
	cr_assert(eq(int, itemize(db, "abc", &s, 1, NULL, 0), LP_ERR_FONT));
	cr_assert(not(eq(ptr, strstr(lp_diag_at_index(diag, 0)->message, "Comic Sans"), NULL)));
}

Test(itemize, uncovered_character_is_reported_once_with_code_point_and_offset)
{
	/* U+4E2D is in none of the bundled faces (Noto, DejaVu Sans). */
	const char *t = "да \xE4\xB8\xAD и \xE4\xB8\xAD";
	lp_span s = {0, (uint32_t)strlen(t), style("Noto Serif", "sr")};
	const char *fb[] = {"Noto Sans"};
	cr_assert(eq(int, itemize(db, t, &s, 1, fb, 1), LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 1));
	const char *m = lp_diag_at_index(diag, 0)->message;
	cr_assert(not(eq(ptr, strstr(m, "U+4E2D"), NULL)), "%s", m);
	cr_assert(not(eq(ptr, strstr(m, "paragraph byte 5)"), NULL)), "%s", m);
	cr_assert(eq(str, (char *)lp_diag_at_index(diag, 0)->file, "t.md"));
	/* Kept, in the style's font: never dropped. */
	uint32_t covered = 0;
	for (uint32_t i = 0; i < items.n; i++) {
		covered += items.items[i].len;
		cr_assert(eq(str, (char *)lp_font_family(items.items[i].font), "Noto Serif"));
	}
	cr_assert(eq(u32, covered, (uint32_t)strlen(t)));
}

/* A copy of Noto Sans cut down to ASCII, so the fallback chain has work. */
static lp_fontdb *
ascii_sans_db(void)
{
	hb_blob_t *blob =
	        hb_blob_create_from_file_or_fail(LP_TEST_FONTS_DIR "/NotoSans-Regular.ttf");
	cr_assert(ne(ptr, blob, NULL));
	hb_face_t *face = hb_face_create(blob, 0);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_add_range(hb_subset_input_unicode_set(in), 0x20, 0x7E);
	hb_face_t *sub = hb_subset_or_fail(face, in);
	cr_assert(ne(ptr, sub, NULL));
	hb_blob_t *out = hb_face_reference_blob(sub);
	unsigned size = 0;
	const char *data = hb_blob_get_data(out, &size);
	lp_fontdb *d = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_memory(d, "ascii-sans", data, size, NULL), LP_OK));
	cr_assert(eq(int, lp_fontdb_add_file(d, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	lp_fontdb_freeze(d);
	hb_blob_destroy(out);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return d;
}

Test(itemize, fallback_chain_covers_what_the_style_font_lacks)
{
	lp_fontdb *d = ascii_sans_db();
	const char *t = "Tel: +381 Ђорђе";
	lp_span s = {0, (uint32_t)strlen(t), style("Noto Sans", "sr")};
	const char *fb[] = {"Missing Family", "Noto Serif"};
	cr_assert(eq(int, itemize(d, t, &s, 1, fb, 2), LP_OK));
	cr_assert(eq(sz, lp_diag_size(diag), 0));
	cr_assert(eq(u32, items.n, 2));
	expect(0, t, "Tel: +381 ", LP_SCRIPT_LATN);
	expect(1, t, "Ђорђе", LP_SCRIPT_CYRL);
	cr_assert(eq(str, (char *)lp_font_family(items.items[0].font), "Noto Sans"));
	cr_assert(eq(str, (char *)lp_font_family(items.items[1].font), "Noto Serif"));

	/* A space between fallback words stays in the fallback run. */
	const char *t2 = "Ђорђе Ђорђе";
	lp_span s2 = {0, (uint32_t)strlen(t2), style("Noto Sans", "sr")};
	cr_assert(eq(int, itemize(d, t2, &s2, 1, fb, 2), LP_OK));
	cr_assert(eq(u32, items.n, 1));
	cr_assert(eq(str, (char *)lp_font_family(items.items[0].font), "Noto Serif"));

	/* Without the chain the Cyrillic is reported, each letter once. */
	cr_assert(eq(int, itemize(d, t, &s, 1, NULL, 0), LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 5)); /* Ђ о р ђ е */
	lp_fontdb_drop(d);
}

Test(itemize, signs_come_from_the_symbol_face_and_digits_go_back)
{
	/* U+2212 MINUS SIGN and U+2713 CHECK MARK are in neither Noto face:
	 * the chain ends with DejaVu Sans, and the digits after the minus
	 * return to the style's face. */
	const char *t = "од 100\xE2\x88\x92"
	                "150 \xE2\x9C\x93";
	lp_span s = {0, (uint32_t)strlen(t), style("Noto Serif", "sr")};
	const char *fb[] = {"Noto Sans"};
	cr_assert(eq(int, itemize(db, t, &s, 1, fb, 1), LP_OK));
	cr_assert(eq(sz, lp_diag_count(diag, LP_WARNING), 0));
	cr_assert(eq(u32, items.n, 4));
	const char *want[] = {"Noto Serif", "DejaVu Sans", "Noto Serif", "DejaVu Sans"};
	uint32_t starts[] = {0, 8, 11, 15};
	for (uint32_t i = 0; i < 4; i++) {
		cr_assert(eq(str, (char *)lp_font_family(items.items[i].font), (char *)want[i]),
		        "item %u", i);
		cr_assert(eq(u32, items.items[i].start, starts[i]), "item %u", i);
	}
}

/* The itemizer's script of a character without ICU (Latin-1, Latin
 * Extended-A and -B, General Punctuation) is ICU's, for every character
 * there and around. */
Test(script, the_ranges_told_without_icu_agree_with_icu)
{
	static const uint32_t ranges[][2] = {{0, 0x300}, {0x400, 0x530}, {0x1FF0, 0x2080}};
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		for (uint32_t cp = ranges[r][0]; cp < ranges[r][1]; cp++) {
			UErrorCode err = U_ZERO_ERROR;
			UScriptCode sc = uscript_getScript((UChar32)cp, &err);
			uint32_t want = LP_SCRIPT_ZYYY;
			const char *name = uscript_getShortName(sc);
			if (!U_FAILURE(err) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED &&
			        sc != USCRIPT_UNKNOWN && name && strlen(name) == 4)
				want = LP_TEXT_TAG(name[0], name[1], name[2], name[3]);
			uint32_t got = lp_text_script_tag(cp);
			cr_assert(got == want, "U+%04X: %08X, ICU says %08X", (unsigned)cp,
			        (unsigned)got, (unsigned)want);
		}
	}
}
