#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "base/limits.h"
#include "base/source.h"
#include "layout_fixture.h"

static const char *const layout_dirs[] = {LP_TEST_LAYOUTS_DIR};

static const lp_layout_block *
find_block(const lp_page_template *t, lp_lblock_kind kind, uint32_t nth)
{
	for (uint32_t i = 0; i < t->n_blocks; i++) {
		if (t->blocks[i].kind == kind && nth-- == 0)
			return &t->blocks[i];
	}
	return NULL;
}

struct shipped {
	char name[32];
};

ParameterizedTestParameters(layoutfile, shipped_layouts_load)
{
	static struct shipped names[] = {{"predsednik"}, {"memorandum"}, {"latinica"}};
	return cr_make_param_array(struct shipped, names, sizeof names / sizeof names[0]);
}

ParameterizedTest(struct shipped *s, layoutfile, shipped_layouts_load)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	char buf[4096];
	lp_status st = lp_layout_load(s->name, layout_dirs, 1, &l, d);
	cr_assert(eq(int, st, LP_OK), "%s", lt_messages(d, buf, sizeof buf));
	cr_assert(eq(sz, lp_diag_size(d), 0));
	cr_assert(eq(str, (char *)l->name, s->name));
	cr_assert(epsilon_eq(flt, l->page_w_pt, 595.276f, 0.01f));
	cr_assert(epsilon_eq(flt, l->page_h_pt, 841.89f, 0.01f));
	cr_assert(eq(u32, l->n_fallback, 2));
	cr_assert(eq(str, (char *)l->fallback[0], "Noto Serif"));
	cr_assert(eq(str, (char *)l->fallback[1], "Noto Sans"));
	const lp_style *body = lp_layout_style(l, l->style_body);
	cr_assert(eq(str, (char *)body->family, "Noto Serif"));
	cr_assert(eq(flt, body->size_pt, 11.0f));
	cr_assert(eq(int, body->align, LP_ALIGN_JUSTIFY));
	cr_assert(body->hyphenate);
	cr_assert(lt(sz, 10, strlen(l->description)));
	for (int i = 0; i < 3; i++)
		cr_assert(lp_layout_style(l, l->style_heading[i]) != NULL);

	const lp_layout_block *emblem = find_block(&l->first, LP_LB_EMBLEM, 0);
	cr_assert(emblem != NULL);
	cr_assert(eq(int, access(emblem->asset, R_OK), 0));
	cr_assert(eq(i8, emblem->asset[0], '/'));
	const lp_layout_block *title = find_block(&l->first, LP_LB_TITLE, 0);
	cr_assert(title != NULL);
	cr_assert(title->in_flow);
	cr_assert(not(title->after_body));
	cr_assert(eq(str, (char *)title->lines[0], "{title}"));
	cr_assert(lp_layout_style(l, title->style)->uppercase);
	cr_assert(eq(int, lp_layout_style(l, title->style)->weight, 700));
	const lp_layout_block *pages = find_block(&l->rest, LP_LB_PAGE_NUMBER, 0);
	cr_assert(pages != NULL);
	/* "N / M", or the language's words around them ("Страна N од M") */
	bool numbers = strstr(pages->lines[0], "{page}") && strstr(pages->lines[0], "{pages}");
	cr_assert(numbers || !strcmp(pages->lines[0], "{label.page-of}"));
	cr_assert(find_block(&l->first, LP_LB_WATERMARK, 0) != NULL);
	lp_layout_drop(l);
	lp_diag_drop(d);
}

Test(layoutfile, predsednik_matches_the_seed_letter)
{
	lp_layout *l;
	cr_assert(eq(int, lp_layout_load("predsednik", layout_dirs, 1, &l, NULL), LP_OK));
	const lp_layout_block *emblem = find_block(&l->first, LP_LB_EMBLEM, 0);
	cr_assert(epsilon_eq(flt, emblem->rect.h, 23 * 72 / 25.4f, 0.01f));
	cr_assert(epsilon_eq(flt, emblem->rect.x + emblem->rect.w / 2, l->page_w_pt / 2, 0.01f));
	/* The hierarchy: the first organ line bold, the others regular and
	 * smaller, then the title, larger than both. */
	const lp_layout_block *organ = find_block(&l->first, LP_LB_TEXT, 0);
	cr_assert(eq(str, (char *)organ->lines[0], "{organ.1}"));
	const lp_style *organ_style = lp_layout_style(l, organ->style);
	cr_assert(eq(int, organ_style->align, LP_ALIGN_CENTER));
	cr_assert(eq(int, organ_style->weight, 700));
	cr_assert(lt(flt, emblem->rect.y + emblem->rect.h, organ->rect.y));
	const lp_layout_block *service = find_block(&l->first, LP_LB_TEXT, 1);
	cr_assert(eq(str, (char *)service->lines[0], "{organ.2}"));
	const lp_style *service_style = lp_layout_style(l, service->style);
	cr_assert(eq(int, service_style->weight, 400));
	cr_assert(lt(flt, service_style->size_pt, organ_style->size_pt));
	cr_assert(le(flt, organ->rect.y + organ_style->leading_pt, service->rect.y));
	const lp_style *title = lp_layout_style(l, find_block(&l->first, LP_LB_TITLE, 0)->style);
	/* spaced wide: the PDF backend keeps it readable as words */
	cr_assert(le(flt, 0.3f, title->tracking_em));
	cr_assert(lt(flt, organ_style->size_pt, title->size_pt));
	cr_assert(eq(int, title->align, LP_ALIGN_CENTER));
	/* clear space before the title: the body (where it flows) starts two
	 * organ leadings below the seed's two service lines */
	cr_assert(lt(flt,
	        service->rect.y + 2 * service_style->leading_pt + 2 * organ_style->leading_pt,
	        l->first.body.y));
	const lp_style *body = lp_layout_style(l, "body");
	cr_assert(le(flt, 1.3f * body->size_pt, body->leading_pt));

	const lp_layout_block *date = find_block(&l->first, LP_LB_DATELINE, 0);
	cr_assert(date->in_flow && date->after_body);
	cr_assert(eq(u32, date->n_lines, 2));
	cr_assert(eq(str, (char *)date->lines[0], "{place}[,{?date}]"));
	cr_assert(eq(str, (char *)date->lines[1], "{date}"));
	/* the end mark: short, centred, clear of the dateline */
	const lp_layout_block *sep = find_block(&l->first, LP_LB_SEPARATOR, 0);
	cr_assert(sep->in_flow && sep->after_body);
	cr_assert(epsilon_eq(flt, sep->rect.x + sep->rect.w / 2, l->page_w_pt / 2, 0.01f));
	cr_assert(lt(flt, sep->rect.w, 30 * 72 / 25.4f));
	cr_assert(le(flt, 12.0f, sep->space_pt));

	const lp_layout_block *footer = find_block(&l->first, LP_LB_TEXT, 2);
	cr_assert(footer->autolink);
	cr_assert(eq(u32, footer->n_lines, 5));
	cr_assert(eq(str, (char *)footer->lines[3],
	        "[{label.phone}: {phone}][, {label.fax}: {fax}][, {label.email}: {email}]"));
	const lp_style *small = lp_layout_style(l, footer->style);
	cr_assert(eq(str, (char *)small->family, "Noto Sans"));
	cr_assert(ge(flt, small->size_pt, 8.0f));
	cr_assert(le(flt, small->size_pt, 8.5f));
	cr_assert(lt(flt, l->first.body.y + l->first.body.h, footer->rect.y));
	/* a hairline between the body and the footer */
	const lp_layout_block *hair = find_block(&l->first, LP_LB_SEPARATOR, 1);
	cr_assert(not(hair->in_flow));
	cr_assert(lt(flt, l->first.body.y + l->first.body.h, hair->rect.y));
	cr_assert(lt(flt, hair->rect.y, footer->rect.y));
	cr_assert(eq(str, (char *)find_block(&l->rest, LP_LB_PAGE_NUMBER, 0)->lines[0],
	        "{label.page-of}"));
	/* quotation marks come from the release's language */
	cr_assert(eq(ptr, (void *)l->quotes, NULL));
	cr_assert(lt(u32, 0, l->n_hyphen_exceptions));
	lp_layout_drop(l);
}

Test(layoutfile, memorandum_and_latinica_carry_their_labels)
{
	lp_layout *m, *lat;
	cr_assert(eq(int, lp_layout_load("memorandum", layout_dirs, 1, &m, NULL), LP_OK));
	cr_assert(eq(int, lp_layout_load("latinica", layout_dirs, 1, &lat, NULL), LP_OK));
	/* The words come from the labels of the release's language. */
	for (int i = 0; i < 2; i++) {
		const lp_layout_block *ref = find_block(&(i ? lat : m)->first, LP_LB_REFERENCE, 0);
		cr_assert(eq(str, (char *)ref->lines[0], "{label.number}: {number}"));
		cr_assert(eq(str, (char *)ref->lines[1], "{label.date}: {date}"));
		cr_assert(eq(str, (char *)ref->lines[2], "{label.place}: {place}"));
	}
	cr_assert(eq(str, (char *)lp_layout_label(m, "sr-Cyrl", "number"), "Број"));
	cr_assert(eq(str, (char *)lp_layout_label(m, "sr", "date"), "Датум"));
	cr_assert(eq(str, (char *)lp_layout_label(lat, "sr-Latn-RS", "number"), "Broj"));
	cr_assert(eq(str, (char *)lp_layout_label(lat, "en", "page-of"), "Page {page} of {pages}"));
	cr_assert(eq(str, (char *)lp_layout_label(m, "mk", "page-of"), "Страница {page}/{pages}"));
	cr_assert(eq(str, (char *)lp_layout_label(m, "de", "date"), "Date"));
	cr_assert(eq(ptr, (void *)lp_layout_label(m, "ru", "room"), NULL));
	cr_assert(
	        eq(str, (char *)lp_layout_style(lat, lat->style_heading[0])->family, "Noto Sans"));
	for (int i = 0; i < 2; i++) {
		lp_layout *l = i ? lat : m;
		const lp_layout_block *sig = find_block(&l->first, LP_LB_SIGNATURE, 0);
		cr_assert(sig->in_flow && sig->after_body);
		cr_assert(find_block(&l->first, LP_LB_FOLD_MARKS, 0) != NULL);
		cr_assert(find_block(&l->first, LP_LB_PUNCH_MARK, 0) != NULL);
		const lp_layout_block *emblem = find_block(&l->first, LP_LB_EMBLEM, 0);
		cr_assert(lt(flt, emblem->rect.x, l->page_w_pt / 4));
		/* a light emblem beside the organ lines: the first bold, the
		 * others regular and smaller; the title larger than both */
		cr_assert(lt(flt, emblem->rect.h, 15 * 72 / 25.4f));
		const lp_style *first =
		        lp_layout_style(l, find_block(&l->first, LP_LB_TEXT, 0)->style);
		const lp_style *rest =
		        lp_layout_style(l, find_block(&l->first, LP_LB_TEXT, 1)->style);
		const lp_style *title =
		        lp_layout_style(l, find_block(&l->first, LP_LB_TITLE, 0)->style);
		cr_assert(eq(int, first->weight, 700));
		cr_assert(eq(int, rest->weight, 400));
		cr_assert(lt(flt, rest->size_pt, first->size_pt));
		cr_assert(lt(flt, first->size_pt, title->size_pt));
		cr_assert(le(flt, 0.3f, title->tracking_em));
		const lp_style *body = lp_layout_style(l, "body");
		cr_assert(le(flt, 1.3f * body->size_pt, body->leading_pt));
		/* the contact line under a hairline, its fields apart */
		const lp_layout_block *contact = find_block(&l->first, LP_LB_TEXT, 2);
		cr_assert(eq(str, (char *)contact->lines[0], "{phone}, {email}, {web}"));
		cr_assert(lt(
		        flt, find_block(&l->first, LP_LB_SEPARATOR, 0)->rect.y, contact->rect.y));
	}
	cr_assert(eq(str, (char *)find_block(&lat->rest, LP_LB_PAGE_NUMBER, 0)->lines[0],
	        "{label.page-of}"));
	lp_layout_drop(m);
	lp_layout_drop(lat);
}

Test(layoutfile, a_folder_or_file_path_works_like_a_name)
{
	lp_layout *a, *b, *c;
	cr_assert(eq(
	        int, lp_layout_load(LP_TEST_LAYOUTS_DIR "/memorandum", NULL, 0, &a, NULL), LP_OK));
	cr_assert(eq(int,
	        lp_layout_load(LP_TEST_LAYOUTS_DIR "/memorandum/layout.yaml", NULL, 0, &b, NULL),
	        LP_OK));
	cr_assert(eq(int, lp_layout_load("memorandum", layout_dirs, 1, &c, NULL), LP_OK));
	cr_assert(eq(str, (char *)a->name, "memorandum"));
	cr_assert(eq(str, (char *)b->name, "memorandum"));
	cr_assert(eq(str, (char *)a->path, (char *)c->path));
	cr_assert(eq(str, (char *)b->dir, (char *)c->dir));
	cr_assert(eq(u32, a->first.n_blocks, c->first.n_blocks));
	lp_layout_drop(a);
	lp_layout_drop(b);
	lp_layout_drop(c);
}

Test(layoutfile, a_missing_layout_is_missing)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l = (lp_layout *)1;
	cr_assert(eq(int, lp_layout_load("nonesuch", layout_dirs, 1, &l, d), LP_ERR_MISSING));
	cr_assert(eq(ptr, l, NULL));
	cr_assert(eq(sz, lp_diag_errors(d), 1));
	cr_assert(strstr(lp_diag_at_index(d, 0)->message, "nonesuch") != NULL);
	cr_assert(eq(
	        int, lp_layout_load("/nonexistent/x/layout.yaml", NULL, 0, &l, d), LP_ERR_MISSING));
	cr_assert(eq(int, lp_layout_load(LP_TEST_SRCDIR "/src", NULL, 0, &l, d), LP_ERR_MISSING));
	lp_diag_drop(d);
}

Test(layoutfile, keep_and_drop_count_references)
{
	lp_layout *l;
	cr_assert(eq(int, lp_layout_load("latinica", layout_dirs, 1, &l, NULL), LP_OK));
	cr_assert(eq(ptr, lp_layout_keep(l), l));
	lp_layout_drop(l);
	/* Still alive: one reference left (ASan would flag a use after free). */
	cr_assert(eq(str, (char *)l->name, "latinica"));
	lp_layout_drop(l);
	lp_layout_drop(NULL);
	cr_assert(eq(ptr, lp_layout_keep(NULL), NULL));
}

Test(layoutfile, a_layout_from_memory_parses_like_its_file)
{
	lp_layout *file, *mem;
	static char data[1 << 16];
	cr_assert(eq(int, lp_layout_load("predsednik", layout_dirs, 1, &file, NULL), LP_OK));
	FILE *f = fopen(file->path, "rb");
	cr_assert(f != NULL);
	size_t size = fread(data, 1, sizeof data, f);
	fclose(f);
	cr_assert(lt(sz, 0, size));
	cr_assert(eq(int,
	        lp_layout_from_memory(
	                "mem.yaml", LP_TEST_LAYOUTS_DIR "/predsednik", data, size, &mem, NULL),
	        LP_OK));
	cr_assert(eq(str, (char *)mem->name, "predsednik"));
	cr_assert(eq(str, (char *)mem->path, "mem.yaml"));
	cr_assert(eq(str, (char *)mem->dir, (char *)file->dir));
	cr_assert(eq(u32, mem->first.n_blocks, file->first.n_blocks));
	for (uint32_t i = 0; i < file->first.n_blocks; i++) {
		const char *a = file->first.blocks[i].asset, *b = mem->first.blocks[i].asset;
		cr_assert(eq(int, a == NULL, b == NULL));
		if (a)
			cr_assert(eq(str, (char *)a, (char *)b));
	}
	lp_layout_drop(mem);
	lp_layout_drop(file);
}

/* A layout from memory has a name and no place: the layout it extends by
 * a path is found in its folder, not beside its name. */
Test(layoutfile, a_layout_from_memory_extends_one_in_its_folder)
{
	static const char child[] = "extends: ./layout.yaml\ndescription: child\n";
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l = NULL;
	cr_assert(eq(int,
	                  lp_layout_from_memory("child.yaml", LP_TEST_LAYOUTS_DIR "/plain", child,
	                          sizeof child - 1, &l, d),
	                  LP_OK),
	        "%s", lp_diag_size(d) ? lp_diag_at_index(d, 0)->message : "");
	cr_assert(lt(u32, 0, l->n_styles));
	lp_layout_drop(l);
	lp_diag_drop(d);
}

Test(layoutfile, a_layout_from_memory_reports_at_its_name)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l = (lp_layout *)1;
	static const char bad[] = "page:\n  size: A9\n";
	cr_assert(eq(int,
	        lp_layout_from_memory(
	                "bad.yaml", LP_TEST_LAYOUTS_DIR "/plain", bad, sizeof bad - 1, &l, d),
	        LP_ERR_SYNTAX));
	cr_assert(eq(ptr, l, NULL));
	const lp_diag_entry *e = lp_diag_at_index(d, 0);
	cr_assert(e != NULL);
	cr_assert(eq(str, (char *)e->file, "bad.yaml"));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 9));
	cr_assert(eq(int, lp_layout_from_memory("x.yaml", "/nonexistent/folder", bad, 0, &l, d),
	        LP_ERR_MISSING));
	cr_assert(eq(int,
	        lp_layout_from_memory("x.yaml", LP_TEST_LAYOUTS_DIR "/plain", bad,
	                LP_MAX_LAYOUT_BYTES + 1u, &l, d),
	        LP_ERR_LIMIT));
	lp_diag_drop(d);
}

Test(layoutfile, defaults_fill_what_the_file_leaves_out)
{
	lp_layout *l;
	cr_assert(eq(int, lt_load("styles: {body: {}}\n", &l, NULL), LP_OK));
	lp_kp_params def = LP_KP_PARAMS_DEFAULT;
	cr_assert(eq(int, l->widows, 2));
	cr_assert(eq(int, l->orphans, 2));
	cr_assert(eq(flt, l->breaking.tolerance, def.tolerance));
	cr_assert(eq(flt, l->breaking.emergency_stretch_em, def.emergency_stretch_em));
	cr_assert(eq(ptr, (void *)l->quotes, NULL));
	cr_assert(eq(ptr, (void *)l->description, NULL));
	cr_assert(eq(u32, l->n_hyphen_exceptions, 0));
	cr_assert(eq(u32, l->n_font_files, 0));
	cr_assert(epsilon_eq(flt, l->first.body.x, 25 * 72 / 25.4f, 0.01f));
	cr_assert(epsilon_eq(flt, l->first.body.y, 20 * 72 / 25.4f, 0.01f));
	lp_layout_drop(l);
}

Test(layoutfile, top_level_keys_are_read)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	lt_dir dir;
	lt_dir_new(&dir, "description: test\npage: {size: Letter, margins: {left: 1in}}\n"
	                 "fonts:\n  fallback: [Noto Sans]\n  files: [extra.ttf]\n"
	                 "styles: {body: {}}\nwidows: 3\norphans: 1\nquotes: \"«»„“\"\n"
	                 "hyphenation-exceptions: [пред-сед-ник, Be-o-grad]\n");
	lt_write(&dir, "extra.ttf", "not checked here");
	char buf[4096];
	lp_status st = lp_layout_load(dir.path, NULL, 0, &l, d);
	cr_assert(eq(int, st, LP_OK), "%s", lt_messages(d, buf, sizeof buf));
	cr_assert(eq(str, (char *)l->description, "test"));
	cr_assert(eq(flt, l->page_w_pt, 612.0f));
	cr_assert(eq(flt, l->first.body.x, 72.0f));
	cr_assert(eq(u32, l->n_fallback, 1));
	cr_assert(eq(str, (char *)lp_layout_style(l, "body")->family, "Noto Sans"));
	cr_assert(eq(u32, l->n_font_files, 1));
	cr_assert(strstr(l->font_files[0], "/extra.ttf") != NULL);
	cr_assert(eq(int, l->widows, 3));
	cr_assert(eq(int, l->orphans, 1));
	cr_assert(eq(str, (char *)l->quotes, "«»„“"));
	cr_assert(eq(u32, l->n_hyphen_exceptions, 2));
	cr_assert(eq(str, (char *)l->hyphen_exceptions[1], "Be-o-grad"));
	lp_layout_drop(l);
	lt_dir_drop(&dir);
	lp_diag_drop(d);
}

struct bad_top {
	char yaml[200];
	uint32_t line, col;
	char message[64];
};

ParameterizedTestParameters(layoutfile, bad_top_level_values)
{
	static struct bad_top cases[] = {
	        {"styles:\n  body: {}\ncolour: red\n", 3, 1, "unknown key 'colour' in the layout"},
	        {"styles:\n  body: {}\nquotes: \"«»\"\n", 3, 9, "four characters"},
	        {"styles:\n  body: {}\nwidows: 0\n", 3, 9, "out of range"},
	        {"styles:\n  body: {}\norphans: two\n", 3, 10, "not a number"},
	        {"page:\n  size: A6\nstyles:\n  body: {}\n", 2, 9, "unknown page size 'A6'"},
	        {"page:\n  margins: {top: -1mm}\nstyles:\n  body: {}\n", 2, 18, "negative"},
	        {"page:\n  margin: 1mm\nstyles:\n  body: {}\n", 2, 3,
	                "unknown key 'margin' in page"},
	        {"styles:\n  body: {}\nhyphenation-exceptions: [пред--сед]\n", 3, 26,
	                "not a word with hyphens"},
	        {"styles:\n  body: {}\nfonts:\n  files: [Extra.ttf]\n", 4, 11, "does not exist"},
	        {"styles:\n  body: {}\nfonts:\n  fallback: []\n", 4, 13, "at least one family"},
	        {"styles:\n  body: {}\nfonts:\n  fallback: Noto Serif\n", 4, 13, "list of strings"},
	        {"- a\n", 1, 1, "a layout is a YAML mapping"},
	        {"page: {size: A4}\n", 1, 1, "needs a styles: section"},
	        {"styles:\n  body: &b {}\n  title: *b\n", 3, 10, "aliases"},
	        {"styles:\n  body: {}\n  body: {}\n", 3, 3, "duplicate key 'body'"},
	};
	return cr_make_param_array(struct bad_top, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_top *c, layoutfile, bad_top_level_values)
{
	lt_assert_rejected(c->yaml, c->line, c->col, c->message);
}

Test(layoutfile, every_error_in_a_file_is_reported)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	cr_assert(eq(int,
	        lt_load("page: {size: A9}\nstyles:\n  body: {size: big, color: pink}\n"
	                "widows: -1\nbogus: 1\n",
	                &l, d),
	        LP_ERR_SYNTAX));
	cr_assert(eq(sz, lp_diag_errors(d), 5));
	cr_assert(lt_has_error(d, 1, 14, "A9"));
	cr_assert(lt_has_error(d, 3, 16, "big"));
	cr_assert(lt_has_error(d, 3, 28, "pink"));
	cr_assert(lt_has_error(d, 4, 9, "out of range"));
	cr_assert(lt_has_error(d, 5, 1, "bogus"));
	lp_diag_drop(d);
}

Test(layoutfile, hostile_files_are_refused)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	/* Billion laughs: refused at the first alias, nothing expanded. */
	cr_assert(eq(int,
	        lt_load("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a]\n"
	                "c: [*b, *b, *b, *b]\n",
	                &l, d),
	        LP_ERR_SYNTAX));
	char deep[128] = "styles: ";
	for (int i = 0; i < LP_MAX_LAYOUT_DEPTH + 2; i++)
		strcat(deep, "[");
	cr_assert(eq(int, lt_load(deep, &l, d), LP_ERR_LIMIT));
	size_t big = LP_MAX_LAYOUT_BYTES + 10;
	char *huge = malloc(big + 1);
	cr_assert(huge != NULL);
	memset(huge, '#', big);
	huge[big] = '\0';
	cr_assert(eq(int, lt_load(huge, &l, d), LP_ERR_LIMIT));
	free(huge);
	cr_assert(eq(int, lt_load("", &l, d), LP_ERR_SYNTAX));
	cr_assert(eq(int, lt_load("styles: {body: {}}\n\xff\n", &l, d), LP_ERR_SYNTAX));
	lp_diag_drop(d);
}

/* A file that is not a layout gets one message that shows nothing of it:
 * not its keys, values, anchors, or bytes. */
Test(layoutfile, a_file_that_is_not_a_layout_is_not_echoed)
{
	static const char *const files[] = {
	        "password: hunter2\napi-key: [s3cr3t]\n",
	        "a: &hunter2 1\nb: *hunter2\n",
	        "hunter2: 1\nhunter2: 2\n",
	        "root:x:0:0:hunter2:/root:/bin/bash\n",
	        "\x7f"
	        "ELF\x02\x01\x01hunter2\x00\x00\xff\xfe",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		lp_diag *d = lp_diag_new(NULL, NULL);
		lp_layout *l;
		char buf[4096];
		cr_assert(ne(int, lt_load(files[i], &l, d), LP_OK));
		cr_assert(eq(sz, lp_diag_size(d), 1), "%s", lt_messages(d, buf, sizeof buf));
		lt_messages(d, buf, sizeof buf);
		cr_assert(ne(ptr, strstr(buf, "error: not a layout"), NULL), "%s", buf);
		cr_assert(eq(ptr, strstr(buf, "hunter2"), NULL), "file %zu echoed: %s", i, buf);
		cr_assert(eq(ptr, strstr(buf, "password"), NULL), "file %zu echoed: %s", i, buf);
		lp_diag_drop(d);
	}
	/* A layout with a mistake still hears about it by name. */
	lt_assert_rejected("styles:\n  body: {}\ncolour: red\n", 3, 1, "unknown key 'colour'");
}

/* Assets and font files stay inside the layout's folder, also through
 * '..' and symbolic links; the real path is kept. */
Test(layoutfile, assets_and_fonts_are_confined_to_the_layout_folder)
{
	lt_dir d;
	lt_dir_new(&d, NULL);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cd %s && ln -s " LP_TEST_FONTS_DIR "/NotoSans-Regular.ttf out.ttf && "
	        "cp " LP_TEST_FONTS_DIR "/NotoSans-Bold.ttf in.ttf && ln -s in.ttf in-link.ttf",
	        d.path);
	cr_assert(eq(int, system(cmd), 0));
	struct {
		const char *file;
		lp_status status;
		const char *message;
	} cases[] = {
	        {"out.ttf", LP_ERR_SYNTAX,
	                "'font file' must be a file inside the layout's folder; 'out.ttf' "
	                "is not (a symbolic link on the way leads out of it)"},
	        {"../x.ttf", LP_ERR_SYNTAX,
	                "'font file' must be a file inside the layout's folder; "
	                "'../x.ttf' is not"},
	        {"in-link.ttf", LP_OK, NULL},
	};
	for (size_t i = 0; i < 3; i++) {
		char yaml[256];
		snprintf(yaml, sizeof yaml, "styles:\n  body: {}\nfonts:\n  files: [%s]\n",
		        cases[i].file);
		lt_write(&d, "layout.yaml", yaml);
		lp_diag *diag = lp_diag_new(NULL, NULL);
		lp_layout *l = NULL;
		char buf[4096];
		cr_assert(eq(int, lp_layout_load(d.path, NULL, 0, &l, diag), cases[i].status), "%s",
		        lt_messages(diag, buf, sizeof buf));
		if (cases[i].message)
			cr_assert(lt_has_error(diag, 4, 11, cases[i].message), "%s",
			        lt_messages(diag, buf, sizeof buf));
		else
			cr_assert(ne(ptr, strstr(l->font_files[0], "/in.ttf"), NULL), "%s",
			        l->font_files[0]);
		lp_layout_drop(l);
		lp_diag_drop(diag);
		unlink(d.files[--d.n_files]);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", d.path);
	cr_assert(eq(int, system(cmd), 0));
}

/* A release's layout: a name from the layout folders only, or a path
 * inside the release's folder. */
Test(layoutfile, a_release_names_a_layout_or_a_path_inside_its_folder)
{
	lt_dir d;
	lt_dir_new(&d, NULL);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cd %s && mkdir own && printf 'styles:\\n  body: {}\\n' > own/layout.yaml"
	        " && mkdir latinica && cp own/layout.yaml latinica/",
	        d.path);
	cr_assert(eq(int, system(cmd), 0));
	/* From inside the folder, where "own" would be found as a path. */
	cr_assert(eq(int, chdir(d.path), 0));
	lp_file_ref ref = {.root = d.path,
	        .root_name = "the release's folder",
	        .key = "layout",
	        .by_file = "r.md",
	        .line = 2,
	        .col = 9};
	lp_diag *diag = lp_diag_new(NULL, NULL);
	char *yaml, *shown, buf[4096];
	const char *ok[] = {"./own", "own/", "./own/layout.yaml", "latinica", "own", "memorandum"};
	for (size_t i = 0; i < 6; i++) {
		ref.path = ok[i];
		cr_assert(eq(int, lp_layout_find_ref(&ref, layout_dirs, 1, &yaml, &shown, diag),
		                  LP_OK),
		        "%s: %s", ok[i], lt_messages(diag, buf, sizeof buf));
		free(shown);
		/* A bare name is the release folder's NAME/ first ("latinica"
		 * there wins over the shipped one), then a shipped layout. */
		bool shipped = strstr(yaml, LP_TEST_LAYOUTS_DIR) == yaml;
		cr_assert(eq(int, shipped, i == 5), "%s", yaml);
		free(yaml);
	}
	const char *bad[] = {"/etc", "../x/layout.yaml", "nonesuch"};
	for (size_t i = 0; i < 3; i++) {
		ref.path = bad[i];
		cr_assert(ne(
		        int, lp_layout_find_ref(&ref, layout_dirs, 1, &yaml, &shown, diag), LP_OK));
		cr_assert(eq(ptr, yaml, NULL));
		cr_assert(eq(ptr, shown, NULL));
		cr_assert(
		        lt_has_error(diag, 2, 9, bad[i]), "%s", lt_messages(diag, buf, sizeof buf));
	}
	lp_diag_drop(diag);
	snprintf(cmd, sizeof cmd, "rm -rf %s", d.path);
	cr_assert(eq(int, system(cmd), 0));
}
