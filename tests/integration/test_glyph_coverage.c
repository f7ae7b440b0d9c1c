/* The characters official texts use beyond letters (signs of mathematics
 * and currency, arrows, №, ‰, ✓, superscripts, fractions, U+2212 MINUS
 * SIGN) each get a real glyph from some face of the fallback chain, in
 * regular and bold text; one that no face has is a visible box, reported
 * at its own line and column. Checked on the display list (the trace
 * device), and on the PDF with MuPDF (mutool trace) and poppler
 * (pdftoppm). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "font/fontdb.h"
#include "font/outline.h"

#define LP LP_TEST_LETTERPRESS

/* Every sign the test sets, separated by spaces in the release. */
// clang-format off (it wraps these lines anew on every pass)
static const char signs[] =
        "− ± × ÷ ≤ ≥ ≠ ≈ ∞ √ ∑ ∆ ° ‰ № € £ ¥ ₽ ₴ ₸ ₺ ₹ "
        "← → ↑ ↓ ↔ ⇒ ✓ ✔ ✗ "
        "• § © ® ™ ⁰ ¹ ² ³ ⁴ ⁵ ⁶ ⁷ ⁸ ⁹ ₀ ₁ ₂ ½ ⅓ ⅔ ¼ ¾ ⅛ µ Ω ∈ ∩ ∪ ∀ ∃ ∧ ∨";
// clang-format on
/* U+1F6F8 FLYING SAUCER: in none of the bundled faces. */
#define UNCOVERED "\xf0\x9f\x9b\xb8"

static char dir[64], out[1 << 16];
static lp_fontdb *fonts;

static void
setup(void)
{
	make_temp_dir(dir, sizeof dir);
	char path[128];
	snprintf(path, sizeof path, "%s/r.md", dir);
	FILE *f = fopen(path, "w");
	cr_assert(ne(ptr, f, NULL));
	/* The uncovered sign sits on line 7, column 8 (after "Ништа: "). */
	fprintf(f,
	        "---\nlayout: plain\nlang: sr-Cyrl\ntitle: Знаци\n---\n\n"
	        "Ништа: " UNCOVERED " крај, 100−150.\n\n%s\n\n**%s**\n",
	        signs, signs);
	fclose(f);
	fonts = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(fonts, LP_TEST_FONTS_DIR, NULL), LP_OK));
}

static void
teardown(void)
{
	lp_fontdb_drop(fonts);
	remove_temp_dir(dir);
}

TestSuite(glyph_coverage, .init = setup, .fini = teardown);

static const lp_font *
font_named(const char *ps)
{
	for (size_t i = 0; i < lp_fontdb_count(fonts); i++)
		if (!strcmp(lp_font_postscript_name(lp_fontdb_font_at(fonts, i)), ps))
			return lp_fontdb_font_at(fonts, i);
	return NULL;
}

static bool
is_sign(const char *ch, size_t len)
{
	char needle[8] = {0};
	if (len >= sizeof needle)
		return false;
	memcpy(needle, ch, len);
	return len > 0 && len < sizeof needle && *ch != ' ' && strstr(signs, needle) != NULL;
}

/* Parses one trace line "text font=PS size=S ... text="…" [gid@x,y/cluster …]"
 * and checks each glyph of a sign. Returns how many sign glyphs it saw;
 * *notdef_x/_y get the place of a glyph 0 (the uncovered sign). */
static int
check_text_line(const char *line, lp_arena *arena, float *notdef_x, float *notdef_y)
{
	char ps[64];
	float size;
	if (sscanf(line, "text font=%63s size=%f", ps, &size) != 2)
		return 0;
	const lp_font *font = font_named(ps);
	cr_assert(ne(ptr, (void *)font, NULL), "a face the test does not know: %s", ps);
	const char *t = strstr(line, " text=\"");
	cr_assert(ne(ptr, (void *)t, NULL));
	t += 7;
	const char *g = strstr(t, "\" [");
	if (!g)
		g = strstr(t, "\" actual=");
	cr_assert(ne(ptr, (void *)g, NULL));
	g = strchr(g, '[') + 1;
	int seen = 0;
	unsigned gid, cluster;
	float x, y;
	int used;
	while (sscanf(g, "%u@%f,%f/%u%n", &gid, &x, &y, &cluster, &used) == 4) {
		g += used;
		size_t pos = cluster, start = cluster;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)t, strlen(t), &pos, &cp);
		if (cp == 0x1F6F8) {
			cr_assert(eq(u32, gid, 0));
			*notdef_x = x;
			*notdef_y = y;
		} else if (is_sign(t + start, pos - start)) {
			seen++;
			cr_assert(ne(u32, gid, 0), "U+%04X maps to .notdef in %s", cp, ps);
			lp_path_seg *segs = NULL;
			uint32_t n = 0, cap = 0;
			cr_assert(eq(int,
			        lp_font_glyph_outline(
			                font, gid, size, x, y, NULL, arena, &segs, &n, &cap),
			        LP_OK));
			cr_assert(
			        lt(u32, 0, n), "U+%04X is an empty glyph (%u) in %s", cp, gid, ps);
		}
		while (*g == ' ')
			g++;
	}
	return seen;
}

Test(glyph_coverage, every_sign_has_a_drawn_glyph_and_the_rest_a_box)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out, "{ " LP " check %s/r.md --dump=dlist > %s/trace; }",
	                          dir, dir),
	                  0),
	        "%s", out);
	/* Reported once, at its own line and column. */
	cr_assert(
	        ne(ptr, strstr(out, "r.md:7:8: warning: no font covers U+1F6F8"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "U+2212"), NULL), "%s", out);

	char path[128];
	snprintf(path, sizeof path, "%s/trace", dir);
	FILE *f = fopen(path, "r");
	cr_assert(ne(ptr, f, NULL));
	lp_arena *arena = lp_arena_new(0);
	char line[1 << 15];
	int seen = 0;
	float nx = -1, ny = -1;
	while (fgets(line, sizeof line, f))
		seen += check_text_line(line, arena, &nx, &ny);
	fclose(f);
	lp_arena_drop(arena);
	/* Each sign twice: regular and bold (the minus of "100−150" too). */
	size_t n_signs = 0;
	for (size_t pos = 0, len = strlen(signs); pos < len;) {
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)signs, len, &pos, &cp);
		n_signs += cp != ' ';
	}
	cr_assert(eq(int, seen, (int)(2 * n_signs + 1)));
	cr_assert(lt(flt, 0.0f, nx), "the uncovered sign is not in the display list");

	/* The PDF: MuPDF finds a real glyph (CID > 0) for every sign. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          LP " render -q %s/r.md -o %s/r.pdf && mutool trace %s/r.pdf > "
	                             "%s/mu.xml",
	                          dir, dir, dir, dir),
	                  0),
	        "%s", out);
	snprintf(path, sizeof path, "%s/mu.xml", dir);
	f = fopen(path, "r");
	cr_assert(ne(ptr, f, NULL));
	int found = 0;
	while (fgets(line, sizeof line, f)) {
		char uni[16], glyph[16];
		const char *gtag = strstr(line, "<g unicode=\"");
		if (!gtag ||
		        sscanf(gtag, "<g unicode=\"%15[^\"]\" glyph=\"%15[^\"]\"", uni, glyph) != 2)
			continue;
		if (!is_sign(uni, strlen(uni)))
			continue;
		found++;
		cr_assert(ne(str, glyph, "0"), "MuPDF shows %s as .notdef", uni);
	}
	fclose(f);
	cr_assert(eq(int, found, (int)(2 * n_signs + 1)));

	/* poppler draws the uncovered sign as a box: ink inside its advance,
	 * above the baseline (72 dpi: one pixel a point). */
	cr_assert(eq(int,
	                  sh(out, sizeof out, "pdftoppm -r 72 -gray -f 1 -l 1 %s/r.pdf %s/p", dir,
	                          dir),
	                  0),
	        "%s", out);
	snprintf(path, sizeof path, "%s/p-1.pgm", dir);
	f = fopen(path, "rb");
	cr_assert(ne(ptr, f, NULL));
	int w, h, max;
	cr_assert(eq(int, fscanf(f, "P5 %d %d %d", &w, &h, &max), 3));
	fgetc(f);
	unsigned char *px = malloc((size_t)w * (size_t)h);
	cr_assert(eq(sz, fread(px, 1, (size_t)w * (size_t)h, f), (size_t)w * (size_t)h));
	fclose(f);
	int ink = 0;
	for (int y = (int)ny - 7; y < (int)ny; y++)
		for (int x = (int)nx; x < (int)nx + 6; x++)
			ink += px[y * w + x] < 128;
	free(px);
	cr_assert(lt(int, 3, ink), "no box drawn at %.1f,%.1f", nx, ny);
}
