/* Layout bundles (src/pipeline/bundle.c, engine.c): nothing one document
 * does is visible to another. A layout's own fonts serve its documents
 * only, a layout's emblem is decoded once and embedded once per PDF, and
 * every diagnostic carries its document, repeats held back per document. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "letterpress.h"
#include "test-config.h"

#include "base/diag.h"
#include "base/frozen_map.h"
#include "pipeline/bundle.h"
#include "pipeline/pipeline.h"

static char dir[] = "/tmp/lp_test_bundle_XXXXXX";

static void
setup(void)
{
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

TestSuite(bundle, .init = setup, .fini = teardown, .timeout = 120);

static char *
path_in(const char *name)
{
	static char buf[4][512];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", dir, name);
	return p;
}

static void
copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	cr_assert(in && out, "cannot copy %s to %s", from, to);
	char buf[1 << 14];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		cr_assert(eq(sz, fwrite(buf, 1, n, out), n));
	fclose(in);
	cr_assert(eq(int, fclose(out), 0));
}

static char *
read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	cr_assert(ne(ptr, f, NULL), "cannot read %s", path);
	char *data = malloc(1 << 20);
	*size = fread(data, 1, 1 << 20, f);
	fclose(f);
	return data;
}

/* Whether poppler's pdffonts lists a font named what in the PDF: a
 * reader's answer, not a search of the bytes. */
static bool
contains(const uint8_t *data, size_t size, const char *what)
{
	char path[256];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/lp-bundle-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert(eq(sz, (size_t)write(fd, data, size), size));
	close(fd);
	char cmd[320], line[512];
	snprintf(cmd, sizeof cmd, "pdffonts %s", path);
	FILE *p = popen(cmd, "r");
	cr_assert(ne(ptr, p, NULL));
	bool found = false;
	while (fgets(line, sizeof line, p))
		found = found || strstr(line, what);
	cr_assert(eq(int, pclose(p), 0), "pdffonts failed");
	unlink(path);
	return found;
}

/* Copies a shipped layout.yaml to folder/layout.yaml: the nth line
 * starting with after (if any) is followed by insert; every "from" becomes
 * "to". */
static void
layout_copy(const char *shipped, const char *folder, const char *after, int nth, const char *insert,
        const char *from, const char *to)
{
	mkdir(folder, 0755);
	char src[512], dst[512];
	snprintf(src, sizeof src, "%s/%s/layout.yaml", LP_TEST_LAYOUTS_DIR, shipped);
	snprintf(dst, sizeof dst, "%s/layout.yaml", folder);
	FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
	cr_assert(in && out);
	char line[1024];
	int inserted = 0;
	while (fgets(line, sizeof line, in)) {
		char *at = from ? strstr(line, from) : NULL;
		if (at) {
			char rest[1024];
			snprintf(rest, sizeof rest, "%s", at + strlen(from));
			snprintf(at, sizeof line - (size_t)(at - line), "%s%s", to, rest);
		}
		fputs(line, out);
		if (after && strncmp(line, after, strlen(after)) == 0 && ++inserted == nth)
			fputs(insert, out);
	}
	fclose(in);
	cr_assert(eq(int, fclose(out), 0));
	cr_assert(after == NULL || inserted >= nth, "no line '%s' in %s", after, src);
}

static lp_status
render(lp_engine *e, const char *name, const char *text, size_t len, const char *layout,
        uint8_t **pdf, size_t *size, lp_diag *diag)
{
	lp_render_options ro = {.layout = layout, .date_epoch = -1};
	return lp_render_memory(e, name, text, len, &ro, pdf, size, diag);
}

/* B's family is shadowed by a face A's layout brings, and B comes out the
 * same whether the engine rendered A first or not. The engine's base fonts
 * here lack Noto Serif Bold, so B's bold styles fall back to the regular
 * face; A's layout brings a copy of NotoSerif-Bold.ttf (family Noto Serif,
 * one of B's), which A's headings must use and B's must never see. */
Test(bundle, a_layouts_own_font_never_changes_another_layouts_document)
{
	mkdir(path_in("data"), 0755);
	mkdir(path_in("data/fonts"), 0755);
	mkdir(path_in("data/layouts"), 0755);
	mkdir(path_in("layouts"), 0755);
	const char *faces[] = {"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-BoldItalic",
	        "NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic",
	        "NotoSansMono-Regular", "NotoSansMono-Bold"};
	for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) {
		char from[512], to[64];
		snprintf(from, sizeof from, "%s/%s.ttf", LP_TEST_FONTS_DIR, faces[i]);
		snprintf(to, sizeof to, "data/fonts/%s.ttf", faces[i]);
		copy_file(from, path_in(to));
	}
	layout_copy("plain", path_in("layouts/shadow"), "  fallback:", 1,
	        "  files: [own-bold.ttf]\n", NULL, NULL);
	copy_file(LP_TEST_FONTS_DIR "/NotoSerif-Bold.ttf", path_in("layouts/shadow/own-bold.ttf"));

	size_t b_len;
	char *b_text = read_file(LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md", &b_len);
	const char a_text[] = "# Наслов\n\nТекст са **подебљаном** речи.\n";
	const char *dirs[] = {path_in("layouts"), LP_TEST_LAYOUTS_DIR};
	lp_engine_options eo = {
	        .data_dir = path_in("data"), .layout_dirs = dirs, .n_layout_dirs = 2};

	/* B alone, on a fresh engine. */
	lp_engine *e1, *e2;
	cr_assert(eq(int, lp_engine_new(&eo, &e1, NULL), LP_OK));
	uint8_t *alone, *after, *a_pdf;
	size_t alone_n, after_n, a_n;
	cr_assert(eq(int, render(e1, "b.md", b_text, b_len, NULL, &alone, &alone_n, NULL), LP_OK));
	cr_assert(not(contains(alone, alone_n, "NotoSerif-Bold")));
	lp_engine_drop(e1);

	/* A, then B, on another fresh engine. */
	cr_assert(eq(int, lp_engine_new(&eo, &e2, NULL), LP_OK));
	cr_assert(
	        eq(int, render(e2, "a.md", a_text, sizeof a_text - 1, "shadow", &a_pdf, &a_n, NULL),
	                LP_OK));
	/* A really uses its own face: the base has no Noto Serif Bold. */
	cr_assert(contains(a_pdf, a_n, "NotoSerif-Bold"), "A's heading is not in its own bold");
	cr_assert(eq(int, render(e2, "b.md", b_text, b_len, NULL, &after, &after_n, NULL), LP_OK));
	cr_assert(eq(sz, after_n, alone_n));
	cr_assert(eq(int, memcmp(after, alone, alone_n), 0), "B changed after A");
	cr_assert(not(contains(after, after_n, "NotoSerif-Bold")));
	lp_engine_drop(e2);
	free(alone);
	free(after);
	free(a_pdf);
	free(b_text);
}

/* Where a layout's face and a base face of its family match a request
 * equally well, the layout's wins; a base face still serves what the
 * layout's faces match worse. */
Test(bundle, a_layouts_face_wins_a_tie_and_the_base_serves_the_rest)
{
	lp_fontdb *base = lp_fontdb_new();
	cr_assert(eq(int,
	        lp_fontdb_add_file(base, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL), LP_OK));
	cr_assert(eq(int, lp_fontdb_add_file(base, LP_TEST_FONTS_DIR "/NotoSerif-Bold.ttf", NULL),
	        LP_OK));
	lp_fontdb_freeze(base);
	lp_fontdb *own = lp_fontdb_new_over(base);
	copy_file(LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", path_in("mine.ttf"));
	cr_assert(eq(int, lp_fontdb_add_file(own, path_in("mine.ttf"), NULL), LP_OK));
	const lp_font *regular = lp_fontdb_lookup(own, "Noto Serif", 400, false);
	cr_assert(eq(str, (char *)lp_font_origin(regular), path_in("mine.ttf")));
	const lp_font *bold = lp_fontdb_lookup(own, "noto serif", 700, false);
	cr_assert(eq(str, (char *)lp_font_origin(bold), LP_TEST_FONTS_DIR "/NotoSerif-Bold.ttf"));
	/* The base itself never sees the layout's face. */
	cr_assert(eq(str, (char *)lp_font_origin(lp_fontdb_lookup(base, "Noto Serif", 400, false)),
	        LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf"));
	cr_assert(eq(sz, lp_fontdb_count(own), 1));
	lp_fontdb_drop(own);
	lp_fontdb_drop(base);
}

/* A release of several pages whose first organ line (the running head of
 * every following page) and every paragraph have a character no font
 * covers: the same warning, about layout text and about the body, again
 * and again. The running head is set once per document (its lines are
 * kept for every page), the paragraphs each time. */
static char *
long_release(size_t *len)
{
	size_t body_n;
	char *body = read_file(LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md", &body_n);
	char *par = strstr(body, "\n---\n");
	cr_assert(ne(ptr, par, NULL));
	par = strstr(par + 5, "Председник");
	char *end = strstr(par, "\n");
	size_t par_n = (size_t)(end - par);
	static const char head[] = "---\nlayout: predsednik\nlang: sr-Cyrl\ntitle: Саопштење\n"
	                           "place: Београд\ndate: 2024-02-20\n"
	                           "organ: [中 РЕПУБЛИКА, СЛУЖБА]\n---\n\n";
	static const char han[] = "中 ";
	char *text = malloc(sizeof head + 30 * (sizeof han + par_n + 2));
	size_t n = sizeof head - 1;
	memcpy(text, head, n);
	for (int i = 0; i < 30; i++) {
		memcpy(text + n, han, sizeof han - 1);
		n += sizeof han - 1;
		memcpy(text + n, par, par_n);
		n += par_n;
		memcpy(text + n, "\n\n", 2);
		n += 2;
	}
	free(body);
	*len = n;
	return text;
}

static size_t
warnings_about(const lp_diag *d, const char *what, const char *document)
{
	size_t n = 0;
	const lp_diag_entry *e;
	for (size_t i = 0; (e = lp_diag_at_index(d, i)); i++)
		if (e->severity == LP_WARNING && strstr(e->message, what)) {
			cr_assert(ne(ptr, (void *)e->document, NULL),
			        "a warning without its document");
			cr_assert(eq(str, (char *)e->document, (char *)document));
			n++;
		}
	return n;
}

/* The same warning (every paragraph's) is shown once per document: held
 * back after the first, shown again for the next document in the same
 * sink, even under the same name. */
Test(bundle, repeats_are_held_back_per_document)
{
	lp_engine *e;
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	size_t len;
	char *text = long_release(&len);
	lp_diag *d = lp_diag_new(NULL, NULL);
	uint8_t *pdf;
	size_t size;
	cr_assert(eq(int, render(e, "r.md", text, len, NULL, &pdf, &size, d), LP_OK));
	free(pdf);
	size_t repeats = lp_diag_repeats(d);
	/* Once, at the first paragraph: the organ lines' (at the release's
	 * organ: line, as every paragraph's is at its own) is the same
	 * message about the same file, held back with the others. */
	cr_assert(eq(sz, warnings_about(d, "U+4E2D", "r.md"), 1));
	cr_assert(ge(sz, repeats, 2), "the warning was not held back after its first time");
	cr_assert(eq(int, render(e, "r.md", text, len, NULL, &pdf, &size, d), LP_OK));
	free(pdf);
	cr_assert(eq(sz, warnings_about(d, "U+4E2D", "r.md"), 2),
	        "the second document's warnings were held back");
	cr_assert(eq(sz, lp_diag_repeats(d), 2 * repeats));
	lp_diag_drop(d);
	free(text);
	lp_engine_drop(e);
}

/* What loading a layout reports is told to every document that uses it,
 * each under its own name: a failing layout's error for each, and the
 * diagnostics of the one shared, failing load carry the document. */
Test(bundle, a_layouts_load_errors_carry_each_document)
{
	lp_engine *e;
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	layout_copy("plain", path_in("broken"), "  fallback:", 1, "  files: [nothing-here.ttf]\n",
	        NULL, NULL);
	lp_diag *d = lp_diag_new(NULL, NULL);
	const char text[] = "Текст.\n";
	uint8_t *pdf;
	size_t size;
	cr_assert(not(
	        eq(int, render(e, "x.md", text, sizeof text - 1, path_in("broken"), &pdf, &size, d),
	                LP_OK)));
	cr_assert(not(
	        eq(int, render(e, "y.md", text, sizeof text - 1, path_in("broken"), &pdf, &size, d),
	                LP_OK)));
	cr_assert(eq(sz, lp_diag_errors(d), 2));
	cr_assert(ne(ptr, (void *)lp_diag_at_index(d, 0)->document, NULL));
	cr_assert(ne(ptr, (void *)lp_diag_at_index(d, 1)->document, NULL));
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 0)->document, "x.md"));
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 1)->document, "y.md"));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 1)->file, "layout.yaml"), NULL));
	lp_diag_drop(d);
	lp_engine_drop(e);
}

/* A raster emblem on every page is decoded once per engine and embedded
 * once per PDF: poppler's pdfimages lists it on each of the pages, always
 * the same object. */
Test(bundle, an_emblem_on_every_page_is_one_image_xobject)
{
	const char *folder = path_in("png-emblem");
	layout_copy("predsednik", folder, "  blocks:", 2,
	        "    - kind: emblem\n      asset: emblem.png\n      x: 10mm\n      y: 8mm\n"
	        "      width: 12mm\n      height: 12mm\n",
	        "asset: emblem.svg", "asset: emblem.png");
	char png[512];
	snprintf(png, sizeof png, "%s/emblem.png", folder);
	copy_file(LP_TEST_DATA_DIR "/images/emblem-alpha.png", png);
	lp_engine *e;
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	size_t len;
	char *text = long_release(&len);
	uint8_t *pdf;
	size_t size;
	for (int round = 0; round < 2; round++) {
		cr_assert(eq(int, render(e, "r.md", text, len, folder, &pdf, &size, NULL), LP_OK));
		if (round == 0)
			free(pdf);
	}
	/* Decoded once: one bundle holding one picture for both documents. */
	cr_assert(eq(sz, e->n_bundles, 1));
	cr_assert(eq(u32, e->bundles[0]->n_pictures, 1));
	const char *out = path_in("r.pdf");
	FILE *f = fopen(out, "wb");
	cr_assert(eq(sz, fwrite(pdf, 1, size, f), size));
	fclose(f);
	free(pdf);

	char cmd[1024];
	snprintf(cmd, sizeof cmd, "qpdf --show-npages '%s'", out);
	FILE *p = popen(cmd, "r");
	int pages = 0;
	cr_assert(eq(int, fscanf(p, "%d", &pages), 1));
	pclose(p);
	cr_assert(ge(int, pages, 3));
	/* page num type width height color comp bpc enc interp object ID ... */
	snprintf(cmd, sizeof cmd, "pdfimages -list '%s'", out);
	p = popen(cmd, "r");
	char line[512];
	int shown = 0, first_obj = -1, seen_pages = 0, last_page = 0;
	while (fgets(line, sizeof line, p)) {
		int page, num, w, h, obj;
		char type[16];
		if (sscanf(line, "%d %d %15s %d %d %*s %*s %*s %*s %*s %d", &page, &num, type, &w,
		            &h, &obj) != 6 ||
		        strcmp(type, "image") != 0)
			continue;
		shown++;
		if (page != last_page)
			seen_pages++;
		last_page = page;
		if (first_obj < 0)
			first_obj = obj;
		cr_assert(eq(int, obj, first_obj), "page %d shows image object %d, not %d", page,
		        obj, first_obj);
	}
	cr_assert(eq(int, pclose(p), 0));
	cr_assert(eq(int, seen_pages, pages), "the emblem is not on every page");
	cr_assert(eq(int, shown, pages));
	free(text);
	lp_engine_drop(e);
}

/* One engine's releases in Russian and Serbian, A, B, A, B, under a
 * layout whose second organ line is italic Cyrillic: б, г, д, п and т take
 * their Serbian forms only in Serbian. Letterhead text set for one
 * document serves the next (setkept.c) only when it would set the same:
 * each comes out as it does from an engine of its own. */
Test(bundle, letterhead_text_set_once_serves_only_the_same_language)
{
	const char *folder = path_in("italic");
	layout_copy("predsednik", folder, "  organ-service:", 1, "    style: italic\n", NULL, NULL);
	char svg[512];
	snprintf(svg, sizeof svg, "%s/emblem.svg", folder);
	copy_file(LP_TEST_LAYOUTS_DIR "/predsednik/emblem.svg", svg);
	static const char ru[] = "---\nlang: ru\ntitle: Т\ndate: 2024-02-20\n"
	                         "organ: [РЕПУБЛИКА, бгдпт]\n---\n\nТекст.\n";
	static const char sr[] = "---\nlang: sr-Cyrl\ntitle: Т\ndate: 2024-02-20\n"
	                         "organ: [РЕПУБЛИКА, бгдпт]\n---\n\nТекст.\n";
	const char *text[2] = {ru, sr};
	size_t len[2] = {sizeof ru - 1, sizeof sr - 1};
	uint8_t *alone[2];
	size_t alone_size[2];
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	lp_diag *d = lp_diag_new(NULL, NULL);
	for (int i = 0; i < 2; i++) {
		lp_engine *e;
		cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
		cr_assert(eq(int,
		        render(e, "r.md", text[i], len[i], folder, &alone[i], &alone_size[i], d),
		        LP_OK));
		lp_engine_drop(e);
	}
	bool same =
	        alone_size[0] == alone_size[1] && memcmp(alone[0], alone[1], alone_size[0]) == 0;
	cr_assert(not(same), "the two languages set alike");
	lp_engine *e;
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	for (int round = 0; round < 4; round++) {
		int i = round % 2;
		uint8_t *pdf;
		size_t size;
		cr_assert(
		        eq(int, render(e, "r.md", text[i], len[i], folder, &pdf, &size, d), LP_OK));
		cr_assert(eq(sz, size, alone_size[i]), "round %d: %zu bytes, alone %zu", round,
		        size, alone_size[i]);
		cr_assert(eq(int, memcmp(pdf, alone[i], size), 0),
		        "round %d differs from the same release alone", round);
		free(pdf);
	}
	cr_assert(eq(sz, lp_diag_errors(d), 0));
	lp_engine_drop(e);
	lp_diag_drop(d);
	free(alone[0]);
	free(alone[1]);
}

/* A render given no diag keeps letterhead text for the engine's later
 * documents as one given a diag does (setkept.c keeps only what was set
 * without a word said, which it counts in a diag of the render's own),
 * and the second render of the release comes out the same. */
Test(bundle, letterhead_text_is_kept_without_a_diag)
{
	size_t len;
	char *text = read_file(LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md", &len);
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	lp_engine *e;
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	cr_assert(eq(sz, lp_frozen_map_bytes(e->kept_sets), 0));
	uint8_t *pdf[2];
	size_t size[2];
	for (int i = 0; i < 2; i++) {
		cr_assert(
		        eq(int, render(e, "r.md", text, len, "predsednik", &pdf[i], &size[i], NULL),
		                LP_OK));
		cr_assert(
		        lt(sz, 0, lp_frozen_map_bytes(e->kept_sets)), "render %d kept nothing", i);
	}
	cr_assert(eq(sz, size[0], size[1]));
	cr_assert(eq(int, memcmp(pdf[0], pdf[1], size[0]), 0));
	free(pdf[0]);
	free(pdf[1]);
	free(text);
	lp_engine_drop(e);
}
