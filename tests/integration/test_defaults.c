/* Layouts that carry the institution (docs/layouts.md, Fields and
 * defaults): a release that names only its layout, title, place and date
 * gets the layout's organ lines and contact footer, read back from the PDF
 * by poppler (pdftotext) with its link annotations (qpdf); a release's own
 * value, even an empty one, replaces the default. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 17];

LP_TEST_TEMP_DIR_SUITE(defaults);

/* Renders r.md to r.pdf; its text (pdftotext, layout off) into out. */
static void
render_text(const char *release)
{
	write_text(dir, "r.md", release);
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/r.md -o %s/r.pdf", dir, dir), 0), "%s",
	        out);
	cr_assert(
	        eq(int, sh(out, sizeof out, "pdftotext -enc UTF-8 %s/r.pdf -", dir), 0), "%s", out);
}

static const char bare[] = "---\nlayout: predsednik\ntitle: Саопштење\nplace: Београд\ndate: "
                           "2024-02-20\n---\n\nПредседник је данас разговарао.\n";

Test(defaults, a_bare_release_gets_the_whole_letterhead)
{
	render_text(bare);
	static const char *const want[] = {"РЕПУБЛИКА СРБИЈА", "СЛУЖБА ЗА САРАДЊУ СА МЕДИЈИМА",
	        "ПРЕДСЕДНИКА РЕПУБЛИКЕ", "Кабинет председника Републике",
	        "Служба за сарадњу са медијима председника Републике",
	        "Андрићев венац 1, 11000 Београд", "Телефон: +381 11 3043 086",
	        "Факс: +381 11 3043 280", "Мејл: mediji@predsednik.rs", "www.predsednik.rs"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert(ne(ptr, strstr(out, want[i]), NULL), "no '%s' in\n%s", want[i], out);
	/* Both footer links, as annotations a reader follows. */
	cr_assert(
	        eq(int,
	                sh(out, sizeof out,
	                        "qpdf --qdf --object-streams=disable %s/r.pdf - | grep -a '/URI ('",
	                        dir),
	                0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "/URI (mailto:mediji@predsednik.rs)"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "/URI (http://www.predsednik.rs)"), NULL), "%s", out);
}

Test(defaults, the_release_overrides_a_default)
{
	char rel[1024];
	snprintf(rel, sizeof rel,
	        "---\nlayout: predsednik\ntitle: Саопштење\nplace: Београд\ndate: 2024-02-20\n"
	        "organ: [РЕПУБЛИКА СРБИЈА, МИНИСТАРСТВО КУЛТУРЕ]\nemail: kultura@example.rs\n"
	        "fax: \"\"\n---\n\nТекст.\n");
	render_text(rel);
	cr_assert(ne(ptr, strstr(out, "МИНИСТАРСТВО КУЛТУРЕ"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "ПРЕДСЕДНИКА РЕПУБЛИКЕ"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Мејл: kultura@example.rs"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "mediji@predsednik.rs"), NULL), "%s", out);
	/* An empty value is the release's too: no fax. */
	cr_assert(eq(ptr, strstr(out, "Факс"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Телефон: +381 11 3043 086"), NULL), "%s", out);
}

Test(defaults, the_example_with_its_own_fields_renders_as_the_bare_one_would)
{
	/* The example repeats the defaults: same letterhead either way. */
	static char a[sizeof out];
	render_text(bare);
	memcpy(a, out, sizeof a);
	char rel[2048];
	snprintf(rel, sizeof rel,
	        "---\nlayout: predsednik\ntitle: Саопштење\nplace: Београд\ndate: 2024-02-20\n"
	        "organ:\n  - РЕПУБЛИКА СРБИЈА\n  - СЛУЖБА ЗА САРАДЊУ СА МЕДИЈИМА\n"
	        "  - ПРЕДСЕДНИКА РЕПУБЛИКЕ\nphone: \"+381 11 3043 086\"\n"
	        "fax: \"+381 11 3043 280\"\nemail: mediji@predsednik.rs\nweb: www.predsednik.rs\n"
	        "address: Андрићев венац 1, 11000 Београд\n"
	        "cabinet: Кабинет председника Републике\n"
	        "service: Служба за сарадњу са медијима председника Републике\n"
	        "---\n\nПредседник је данас разговарао.\n");
	render_text(rel);
	cr_assert(eq(str, a, out));
}

Test(defaults, a_default_for_the_release_own_key_is_an_error_at_its_line)
{
	write_text(dir, "l.yaml",
	        "styles:\n  body: {size: 11pt}\ndefaults:\n  phone: \"1\"\n"
	        "  title: Наслов\n");
	write_text(dir, "r.md", "---\nlayout: l.yaml\ntitle: Т\n---\n\nТекст.\n");
	int st = sh(out, sizeof out, LP " check %s/r.md", dir);
	cr_assert(eq(int, st, 65), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "l.yaml:5:3: error: 'title' has no default"), NULL), "%s", out);
}

/* A misspelt field in a template is the layout's mistake: an error at the
 * layout's line with the name meant, before any release is set on it. */
Test(defaults, a_template_field_nobody_declares_is_an_error_at_the_layout_line)
{
	write_text(dir, "l.yaml",
	        "styles:\n  body: {size: 11pt}\nfields: [web]\ndefaults:\n"
	        "  email: a@example.rs\nfirst-page:\n  blocks:\n"
	        "    - kind: text\n      y: 270mm\n"
	        "      lines: [\"{web}\", \"{emial}\", \"{organ.2-}\"]\n");
	write_text(dir, "r.md", "---\nlayout: l.yaml\ntitle: Т\n---\n\nТекст.\n");
	int st = sh(out, sizeof out, LP " check %s/r.md", dir);
	cr_assert(eq(int, st, 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "l.yaml:10:26: error: no field 'emial'"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "did you mean 'email'?"), NULL), "%s", out);
	/* Declared (fields:, defaults:) and the release's own are fine. */
	cr_assert(eq(ptr, strstr(out, "'web'"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "no field 'organ"), NULL), "%s", out);
	write_text(dir, "l.yaml",
	        "styles:\n  body: {size: 11pt}\nlabels:\n  en: {room: \"Room {rom}\"}\n"
	        "fields: [room]\n");
	st = sh(out, sizeof out, LP " check %s/r.md", dir);
	cr_assert(eq(int, st, 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "l.yaml:4:21: error: no field 'rom'"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "did you mean 'room'?"), NULL), "%s", out);
}

/* A font family the fonts do not have is the layout's error, at its line,
 * when the layout loads; not an error of the release's first paragraph. */
Test(defaults, an_unknown_font_family_is_an_error_at_the_layout_line)
{
	write_text(dir, "l.yaml",
	        "styles:\n  body: {family: Noto Serf, size: 11pt}\n"
	        "  small: {based-on: body, size: 8pt}\n"
	        "fonts:\n  fallback: [Noto Sans, DejaVu Snas]\n");
	write_text(dir, "r.md", "---\nlayout: l.yaml\ntitle: Т\n---\n\nТекст.\n");
	int st = sh(out, sizeof out, LP " check %s/r.md", dir);
	cr_assert(eq(int, st, 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "l.yaml:2:18: error: font family 'Noto Serf' is not among"),
	                  NULL),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "did you mean 'Noto Serif'?"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "l.yaml:5:25: error: font family 'DejaVu Snas' is not among"),
	                  NULL),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "did you mean 'DejaVu Sans'?"), NULL), "%s", out);
	/* Once for the style and the one based on it; nothing at the release. */
	cr_assert(eq(ptr, strstr(strstr(out, "'Noto Serf'") + 1, "'Noto Serf'"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "r.md:6"), NULL), "%s", out);
}
