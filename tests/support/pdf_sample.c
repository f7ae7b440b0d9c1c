#include "pdf_sample.h"
#include "shape_line.h"

#include "image/image.h"
#include "test-config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const lp_test_paragraphs[] = {
        "Председник Републике Србије примио је данас делегацију Министарства.",
        "Разговарано је о сарадњи у области образовања, културе и науке.",
        "The office confirmed the final figures and affirmed its efficient workflow.",
        "Ђорђе Љубић и Џејн Њутн посетили су Шабац, Чачак и Ужице.",
};
const size_t lp_test_n_paragraphs = sizeof lp_test_paragraphs / sizeof lp_test_paragraphs[0];

static const lp_font *
font(lp_fontdb *db, const char *file)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", LP_TEST_FONTS_DIR, file);
	cr_assert(lp_fontdb_add_file(db, path, NULL) == LP_OK, "cannot load %s", path);
	return lp_fontdb_font_at(db, lp_fontdb_count(db) - 1);
}

void
lp_test_doc_build(lp_test_doc *doc, int pages, bool with_images)
{
	memset(doc, 0, sizeof *doc);
	doc->db = lp_fontdb_new();
	const lp_font *serif = font(doc->db, "NotoSerif-Regular.ttf");
	const lp_font *italic = font(doc->db, "NotoSerif-Italic.ttf");
	const lp_font *bold = font(doc->db, "NotoSans-Bold.ttf");
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dl_meta meta = {"Саопштење за медије: пријем", "Кабинет председника",
	        "Пријем делегације", "саопштење, пријем", "letterpress 0.1.0", "sr-Cyrl",
	        1764000000};
	lp_dlist_builder_set_meta(b, &meta);
	if (with_images) {
		lp_image *png = NULL, *jpg = NULL;
		lp_svg *svg = NULL;
		cr_assert(lp_image_load(LP_TEST_DATA_DIR "/images/emblem-alpha.png", &png, NULL) ==
		          LP_OK);
		cr_assert(lp_image_load(LP_TEST_DATA_DIR "/images/photo.jpg", &jpg, NULL) == LP_OK);
		cr_assert(lp_svg_load(LP_TEST_DATA_DIR "/images/emblem.svg", &svg, NULL) == LP_OK);
		doc->images[0] = png;
		doc->images[1] = jpg;
		doc->images[2] = svg;
		const char *more[] = {"progressive.jpg", "cmyk.jpg", "gray.jpg", "gray.png"};
		for (int i = 0; i < 4; i++) {
			char path[512];
			lp_image *img = NULL;
			snprintf(path, sizeof path, "%s/images/%s", LP_TEST_DATA_DIR, more[i]);
			cr_assert(lp_image_load(path, &img, NULL) == LP_OK, "%s", path);
			doc->images[3 + i] = img;
		}
	}
	for (int p = 0; p < pages; p++) {
		lp_dlist_begin_page(b, 595.276f, 841.89f);
		float y = 100;
		if (p == 0) {
			lp_test_add_line(b, bold, "САОПШТЕЊЕ ЗА МЕДИЈЕ", "sr", 72, y, 16, 1.5f,
			        "САОПШТЕЊЕ ЗА МЕДИЈЕ");
			y += 30;
			if (with_images) {
				lp_dl_image im = {doc->images[0], 450, 40, 60, 60};
				lp_dlist_add_image(b, &im);
				lp_dl_image jm = {doc->images[1], 450, 110, 80, 60};
				lp_dlist_add_image(b, &jm);
				lp_svg_emit(doc->images[2], 40, 20, 50, 60, b);
				for (int i = 0; i < 4; i++) {
					lp_dl_image m = {doc->images[3 + i], 300 + 50 * (float)i,
					        700, 40, 30};
					lp_dlist_add_image(b, &m);
				}
			}
		}
		lp_dl_rule r = {72, y, 523, y, 0.5f, 0x1f3a93};
		lp_dlist_add_rule(b, &r);
		y += 24;
		for (size_t i = 0; i < lp_test_n_paragraphs; i++, y += 18)
			lp_test_add_line(b, serif, lp_test_paragraphs[i], i == 2 ? "en" : "sr", 72,
			        y, 11, 0, NULL);
		lp_test_add_line(b, italic, "бригада где да пут тата", "sr", 72, y, 11, 0, NULL);
		y += 24;
		lp_test_add_line(b, serif, "mediji@predsednik.rs", "en", 72, y, 9, 0, NULL);
		lp_dl_link l = {72, y - 9, 180, y + 3, "mailto:mediji@predsednik.rs"};
		lp_dlist_add_link(b, &l);
		lp_dl_link w = {200, y - 9, 300, y + 3, "https://www.predsednik.rs/"};
		lp_dlist_add_link(b, &w);
		lp_dl_link t = {320, y - 9, 400, y + 3, "tel:+381113061000"};
		lp_dlist_add_link(b, &t);
		lp_path_seg tri[4] = {{LP_PATH_MOVE, {500, 800}}, {LP_PATH_LINE, {520, 800}},
		        {LP_PATH_CUBIC, {520, 780, 510, 770, 500, 780}}, {LP_PATH_CLOSE, {0}}};
		lp_dl_path path = {tri, 4, true, true, false, 0xc0392b, 0x000000, 0.5f, 1, 0.75f};
		lp_dlist_add_path(b, &path);
	}
	cr_assert(lp_dlist_builder_finish(b, &doc->list) == LP_OK);
}

void
lp_test_doc_drop(lp_test_doc *doc)
{
	lp_dlist_drop(doc->list);
	lp_image_drop(doc->images[0]);
	lp_image_drop(doc->images[1]);
	lp_svg_drop(doc->images[2]);
	for (int i = 3; i < 7; i++)
		lp_image_drop(doc->images[i]);
	lp_fontdb_drop(doc->db);
}

char *
lp_test_run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	cr_assert(p != NULL, "cannot run %s", cmd);
	size_t cap = 4096, n = 0;
	char *out = malloc(cap);
	size_t got;
	while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 2)
			out = realloc(out, cap *= 2);
	}
	out[n] = '\0';
	*status = pclose(p);
	return out;
}
