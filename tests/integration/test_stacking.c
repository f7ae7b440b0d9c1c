/* Header, footer and reference blocks never overprint each other or the
 * body (docs/layouts.md, Stacking): releases with 0 to 6 organ lines, and
 * with organ lines that wrap, set on every shipped layout; each fixed
 * block's box is measured from its items in the display list (items carry
 * the layout line that made them), then no two blocks' boxes may meet and
 * every block above the body must end above the body's first line. And
 * where a layout pins a block, the overlap is an error naming the layout's
 * line and the release's. A fixed block inside the body frame that the
 * body is set over is a warning at the block. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/raster_doc.h"
#include "../support/scratch.h"
#include "base/limits.h"
#include "cli_util.h"
#include "font/fontdb.h"
#include "test-config.h"

/* Boxes closer than this (points) touch: glyph boxes from the fonts'
 * ascender and descender are a little taller than a line's leading. */
#define TOUCH_PT 0.5f

typedef struct box {
	float x0, y0, x1, y1;
	bool set;
} box;

static void
grow(box *b, float x0, float y0, float x1, float y1)
{
	if (!b->set) {
		*b = (box){x0, y0, x1, y1, true};
		return;
	}
	b->x0 = x0 < b->x0 ? x0 : b->x0;
	b->y0 = y0 < b->y0 ? y0 : b->y0;
	b->x1 = x1 > b->x1 ? x1 : b->x1;
	b->y1 = y1 > b->y1 ? y1 : b->y1;
}

static bool
meet(const box *a, const box *b)
{
	return a->x0 < b->x1 - TOUCH_PT && b->x0 < a->x1 - TOUCH_PT && a->y0 < b->y1 - TOUCH_PT &&
	       b->y0 < a->y1 - TOUCH_PT;
}

/* An item's box on the page. */
static box
item_box(const lp_dl_item *it)
{
	box b = {0};
	switch (it->kind) {
	case LP_DL_TEXT: {
		const lp_dl_text *t = &it->u.text;
		const lp_font_metrics *m = lp_font_metrics_of(t->font);
		float em = t->size_pt / (float)m->units_per_em;
		for (uint32_t i = 0; i < t->n_glyphs; i++) {
			const lp_dl_glyph *g = &t->glyphs[i];
			float adv = (float)lp_font_glyph_advance(t->font, g->gid) * em;
			grow(&b, g->x, g->y - (float)m->ascender * em, g->x + adv,
			        g->y - (float)m->descender * em);
		}
		break;
	}
	case LP_DL_RULE: {
		const lp_dl_rule *r = &it->u.rule;
		grow(&b, r->x0, r->y0 - r->width_pt / 2, r->x1, r->y1 + r->width_pt / 2);
		break;
	}
	case LP_DL_PATH:
		for (uint32_t i = 0; i < it->u.path.n_segs; i++) {
			const lp_path_seg *s = &it->u.path.segs[i];
			int n = s->op == LP_PATH_CUBIC ? 3 : s->op == LP_PATH_CLOSE ? 0 : 1;
			for (int k = 0; k < n; k++)
				grow(&b, s->pt[2 * k], s->pt[2 * k + 1], s->pt[2 * k],
				        s->pt[2 * k + 1]);
		}
		break;
	case LP_DL_IMAGE:
		grow(&b, it->u.image.x, it->u.image.y, it->u.image.x + it->u.image.w,
		        it->u.image.y + it->u.image.h);
		break;
	default:
		break;
	}
	return b;
}

/* The page's fixed blocks (by their layout line) and its body (the
 * release's items and the layout's blocks in the flow). */
typedef struct page_boxes {
	uint32_t line[64];
	box blocks[64];
	lp_lblock_kind kind[64];
	uint32_t n;
	box body;
} page_boxes;

static const lp_layout_block *
block_at(const lp_layout *L, const lp_page_template *tpl, const lp_dl_source *src)
{
	if (!src->file || strcmp(src->file, L->path) != 0)
		return NULL;
	for (uint32_t i = 0; i < tpl->n_blocks; i++)
		if (tpl->blocks[i].src_line == src->line)
			return &tpl->blocks[i];
	return NULL;
}

static void
measure(const lp_test_release *r, uint32_t page, page_boxes *pb)
{
	memset(pb, 0, sizeof *pb);
	const lp_layout *L = r->job.layout;
	const lp_page_template *tpl = page == 0 ? &L->first : &L->rest;
	const lp_dl_page *pg = &r->list->pages[page];
	for (uint32_t i = 0; i < pg->n_items; i++) {
		const lp_dl_item *it = &pg->items[i];
		if (it->kind == LP_DL_LINK)
			continue;
		box b = item_box(it);
		if (!b.set)
			continue;
		const lp_layout_block *lb = block_at(L, tpl, &it->src);
		/* Marks in the margin and the watermark cross the page on
		 * purpose. */
		if (lb && (lb->kind == LP_LB_FOLD_MARKS || lb->kind == LP_LB_PUNCH_MARK ||
		                  lb->kind == LP_LB_WATERMARK))
			continue;
		if (!lb || lb->in_flow) {
			grow(&pb->body, b.x0, b.y0, b.x1, b.y1);
			continue;
		}
		uint32_t k = 0;
		while (k < pb->n && pb->line[k] != lb->src_line)
			k++;
		if (k == pb->n) {
			cr_assert(lt(u32, pb->n, 64));
			pb->line[pb->n] = lb->src_line;
			pb->kind[pb->n++] = lb->kind;
		}
		grow(&pb->blocks[k], b.x0, b.y0, b.x1, b.y1);
	}
}

/* No two blocks meet; each block above the body ends above its first line
 * and none meets it. */
static void
check_page(const lp_test_release *r, uint32_t page, const char *what)
{
	page_boxes pb;
	measure(r, page, &pb);
	cr_assert(pb.body.set, "%s: page %u has a body", what, page + 1);
	for (uint32_t i = 0; i < pb.n; i++) {
		const box *a = &pb.blocks[i];
		cr_expect(not(meet(a, &pb.body)),
		        "%s, page %u: the block at line %u (%.1f-%.1f pt) meets the body "
		        "(%.1f-%.1f pt)",
		        what, page + 1, pb.line[i], a->y0, a->y1, pb.body.y0, pb.body.y1);
		if (a->y0 < pb.body.y0)
			cr_expect(le(flt, a->y1, pb.body.y0 + TOUCH_PT),
			        "%s, page %u: the header block at line %u ends at %.1f pt, below "
			        "the body's top %.1f pt",
			        what, page + 1, pb.line[i], a->y1, pb.body.y0);
		for (uint32_t j = i + 1; j < pb.n; j++)
			cr_expect(not(meet(a, &pb.blocks[j])),
			        "%s, page %u: the blocks at lines %u (%.1f-%.1f) and %u "
			        "(%.1f-%.1f) overlap",
			        what, page + 1, pb.line[i], a->y0, a->y1, pb.line[j],
			        pb.blocks[j].y0, pb.blocks[j].y1);
	}
}

static const char *const organ_lines[] = {"РЕПУБЛИКА СРБИЈА", "МИНИСТАРСТВО ПРОСВЕТЕ",
        "ОДЕЉЕЊЕ ЗА ОДНОСЕ С ЈАВНОШЋУ", "ГРУПА ЗА МЕДИЈЕ", "КАБИНЕТ МИНИСТРА",
        "СЛУЖБА ЗА ИНФОРМИСАЊЕ"};
/* Each wider than any shipped layout's organ block: it wraps. */
static const char *const long_line =
        "МИНИСТАРСТВО ПРОСВЕТЕ, НАУКЕ И ТЕХНОЛОШКОГ РАЗВОЈА РЕПУБЛИКЕ СРБИЈЕ, "
        "ОДЕЉЕЊЕ ЗА МЕЂУНАРОДНУ ПРОСВЕТНУ САРАДЊУ И ЕВРОПСКЕ ИНТЕГРАЦИЈЕ";

/* A two-page release on layout with n organ lines (the first n_long of
 * them after the first wrapping). */
static char *
release_text(const char *layout, int n, int n_long)
{
	size_t cap = 16384, len = 0;
	char *t = malloc(cap);
	cr_assert(not(eq(ptr, t, NULL)));
	len += (size_t)snprintf(t + len, cap - len,
	        "---\nlayout: %s\nlang: sr-Cyrl\ntitle: Саопштење за медије\nplace: Београд\n"
	        "date: 2024-02-20\nnumber: 1/24\nphone: \"+381 11 3043 086\"\n"
	        "email: mediji@example.rs\nweb: www.example.rs\n",
	        layout);
	/* None: an empty list, which a layout's default organ does not fill. */
	len += (size_t)snprintf(t + len, cap - len, n ? "organ:\n" : "organ: []\n");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(t + len, cap - len, "  - %s\n",
		        i >= 1 && i <= n_long ? long_line : organ_lines[i]);
	len += (size_t)snprintf(t + len, cap - len, "---\n\n");
	for (int p = 0; p < 14; p++)
		len += (size_t)snprintf(t + len, cap - len,
		        "Председник Републике разговарао је данас телефоном са председником "
		        "Републике Казахстан о свим питањима од значаја за обе земље, а посебно о "
		        "билатералним и економским односима и сарадњи у областима енергетике.\n\n");
	return t;
}

/* The shipped layouts: every folder of layouts/ with a layout.yaml. */
static int
shipped_layouts(char names[][256], int max)
{
	DIR *d = opendir(LP_TEST_LAYOUTS_DIR);
	cr_assert(not(eq(ptr, d, NULL)));
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < max;) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s/layout.yaml", LP_TEST_LAYOUTS_DIR, e->d_name);
		if (e->d_name[0] != '.' && file_exists(path))
			snprintf(names[n++], 256, "%.200s", e->d_name);
	}
	closedir(d);
	return n;
}

/* Every organ line's text is on the first page (none is dropped). */
static void
check_organ_shown(const lp_test_release *r, int n, const char *what)
{
	const lp_dl_page *pg = &r->list->pages[0];
	for (int k = 0; k < n; k++) {
		bool found = false;
		for (uint32_t i = 0; i < pg->n_items && !found; i++) {
			const lp_dl_item *it = &pg->items[i];
			found = it->kind == LP_DL_TEXT &&
			        it->u.text.text_len == strlen(organ_lines[k]) &&
			        memcmp(it->u.text.text, organ_lines[k], it->u.text.text_len) == 0;
		}
		cr_expect(found, "%s: organ line %d (%s) is printed", what, k + 1, organ_lines[k]);
	}
}

static bool
prints_organ(const lp_layout *L)
{
	for (uint32_t i = 0; i < L->first.n_blocks; i++)
		for (uint32_t k = 0; k < L->first.blocks[i].n_lines; k++)
			if (strstr(L->first.blocks[i].lines[k], "{organ"))
				return true;
	return false;
}

Test(stacking, organs_of_every_length_on_every_layout)
{
	char names[16][256];
	int n_layouts = shipped_layouts(names, 16);
	cr_assert(le(int, 4, n_layouts), "the four shipped layouts at least");
	for (int l = 0; l < n_layouts; l++) {
		for (int n = 0; n <= 6; n++) {
			for (int n_long = 0; n_long <= (n >= 3 ? 2 : 0); n_long++) {
				char what[512];
				snprintf(what, sizeof what, "%.64s, %d organ lines (%d wrapping)",
				        names[l], n, n_long);
				char *text = release_text(names[l], n, n_long);
				lp_test_release r;
				lp_test_release_build_text(&r, "stack.md", text);
				cr_assert(le(u32, 2, r.list->n_pages), "%s: two pages", what);
				check_page(&r, 0, what);
				check_page(&r, 1, what);
				/* An organ a layout prints shows all its lines. */
				if (n_long == 0 && prints_organ(r.job.layout))
					check_organ_shown(&r, n, what);
				lp_test_release_drop(&r);
				free(text);
			}
		}
	}
}

/* The distance from the emblem's foot to the next thing under it on the
 * first page. */
static float
emblem_gap(const lp_test_release *r)
{
	page_boxes pb;
	measure(r, 0, &pb);
	uint32_t e = 0;
	while (e < pb.n && pb.kind[e] != LP_LB_EMBLEM)
		e++;
	cr_assert(lt(u32, e, pb.n), "an emblem");
	float next = pb.body.y0;
	for (uint32_t i = 0; i < pb.n; i++)
		if (i != e && pb.blocks[i].y0 >= pb.blocks[e].y1 && pb.blocks[i].y0 < next)
			next = pb.blocks[i].y0;
	return next - pb.blocks[e].y1;
}

static float
emblem_gap_with(const char *layout, int n_organ)
{
	char *text = release_text(layout, n_organ, 0);
	lp_test_release r;
	lp_test_release_build_text(&r, "stack.md", text);
	float gap = emblem_gap(&r);
	lp_test_release_drop(&r);
	free(text);
	return gap;
}

/* Without organ lines the header closes up: the centred emblem no longer
 * floats over the empty organ blocks' room (it did by 29 mm), and an
 * emblem beside the organ lines is no farther from what follows it than
 * with them. */
Test(stacking, no_organ_closes_the_header)
{
	float gap = emblem_gap_with("predsednik", 0);
	/* The clear space the layout keeps before the title, and no more. */
	cr_expect(le(flt, gap, 13 / 25.4f * 72), "predsednik: %.1f mm from the emblem to the title",
	        gap / 72 * 25.4f);
	const char *beside[] = {"memorandum", "latinica"};
	for (size_t l = 0; l < sizeof beside / sizeof *beside; l++) {
		float without = emblem_gap_with(beside[l], 0), with = emblem_gap_with(beside[l], 3);
		cr_expect(le(flt, without, with + TOUCH_PT), "%s: %.1f mm without organ, %.1f with",
		        beside[l], without / 72 * 25.4f, with / 72 * 25.4f);
	}
}

/* More organ lines push the title and the body down on the first page
 * only; the following pages keep their frame. */
Test(stacking, a_longer_organ_pushes_the_body_down)
{
	float top[2][2];
	for (int v = 0; v < 2; v++) {
		char *text = release_text("predsednik", v ? 6 : 3, 0);
		lp_test_release r;
		lp_test_release_build_text(&r, "stack.md", text);
		for (uint32_t p = 0; p < 2; p++) {
			page_boxes pb;
			measure(&r, p, &pb);
			top[v][p] = pb.body.y0;
		}
		lp_test_release_drop(&r);
		free(text);
	}
	/* Three lines more, 13 pt each. */
	cr_expect(
	        ieee_ulp_eq(flt, top[1][0] - top[0][0], 39.0f, 64), "%.2f", top[1][0] - top[0][0]);
	cr_expect(eq(flt, top[1][1], top[0][1]));
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs(text, f);
	fclose(f);
}

TestSuite(stacking_errors, .init = lp_scratch_enter, .fini = lp_scratch_leave);

/* A block whose height the layout pins cannot take more lines: check says
 * so at the organ key's line, naming the block's layout line. */
Test(stacking_errors, pinned_height_overflow_is_an_error)
{
	cr_assert(eq(int, mkdir("pinned", 0755), 0));
	write_file("pinned/layout.yaml", "styles:\n"
	                                 "  body: {size: 11pt, leading: 14pt}\n"
	                                 "first-page:\n"
	                                 "  body: {top: 60mm}\n"
	                                 "  blocks:\n"
	                                 "    - kind: text\n"
	                                 "      y: 20mm\n"
	                                 "      height: 28pt\n"
	                                 "      lines: [\"{organ}\"]\n");
	write_file("r.md", "---\nlayout: ./pinned\ntitle: Т\ndate: 2024-02-20\norgan:\n"
	                   "  - ЈЕДАН\n  - ДВА\n  - ТРИ\n---\n\nТекст.\n");
	char out[4096];
	int st = sh(out, sizeof out, "%s check r.md", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 65), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "r.md:5:1: error:"), NULL)), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "layout.yaml:6:7"), NULL)), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "sets 3 lines"), NULL)), "%s", out);
	/* Two lines fit the 28 pt it pins. */
	write_file("r.md", "---\nlayout: ./pinned\ntitle: Т\ndate: 2024-02-20\norgan:\n"
	                   "  - ЈЕДАН\n  - ДВА\n---\n\nТекст.\n");
	cr_expect(eq(int, sh(out, sizeof out, "%s check r.md", LP_TEST_LETTERPRESS), 0), "%s", out);
}

/* Runs check on a predsednik release with these front-matter lines after
 * its date (line 6 on) and expects the error that a block runs past the
 * page at want; the output is left in out. */
static void
expect_too_long(const char *fields, const char *want, char *out, size_t size)
{
	char text[4096];
	snprintf(text, sizeof text,
	        "---\nlayout: predsednik\ntitle: Т\nplace: Београд\ndate: 2024-02-20\n%s---\n\n"
	        "Текст.\n",
	        fields);
	write_file("r.md", text);
	int st = sh(out, size, "%s check r.md", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 65), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, want), NULL)), "%s", out);
}

/* A footer is pinned: one that runs past the page's foot is an error at
 * the field that made it long. */
Test(stacking_errors, footer_past_the_page_is_an_error)
{
	char fields[2048] = "address: \"";
	for (int i = 0; i < 12; i++)
		strcat(fields,
		        "Андрићев венац 1, 11000 Београд, Република Србија, улаз из Пионирског "
		        "парка; ");
	strcat(fields, "\"\n");
	char out[4096];
	expect_too_long(fields, "r.md:6:1: error: the text block at ", out, sizeof out);
	cr_expect(not(eq(ptr, strstr(out, "predsednik/layout.yaml:165:7"), NULL)), "%s", out);
}

/* Of the fields a footer's lines print, the error stands at the longest,
 * the one that wraps: here the web address, not the e-mail the lines
 * name first. */
Test(stacking_errors, a_footer_past_the_page_is_blamed_on_its_longest_field)
{
	char fields[2048] = "email: info@predsednik.rs\nweb: https://www.predsednik.rs/";
	for (int i = 0; i < 120; i++)
		snprintf(fields + strlen(fields), sizeof fields - strlen(fields), "odeljak-%d/", i);
	strcat(fields, "\n");
	char out[4096];
	expect_too_long(fields, "r.md:7:1: error: the text block at ", out, sizeof out);
}

/* A header pushed down into a pinned footer: the body frame has no room
 * left, and check names it. */
Test(stacking_errors, header_that_leaves_no_body_is_an_error)
{
	char text[16384] = "---\nlayout: predsednik\ntitle: Т\nplace: Београд\ndate: 2024-02-20\n"
	                   "organ:\n";
	for (int i = 0; i < 60; i++)
		strcat(text, "  - СЛУЖБА\n");
	strcat(text, "---\n\nТекст.\n");
	write_file("r.md", text);
	char out[4096];
	int st = sh(out, sizeof out, "%s check r.md", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 65), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "r.md:6:1: error:"), NULL)), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "no room for a line"), NULL)), "%s", out);
}

/* A block the layout gives a height keeps that room even when it sets
 * nothing: the body under it does not move up. */
Test(stacking_errors, a_pinned_height_keeps_its_room_when_empty)
{
	cr_assert(eq(int, mkdir("pinned", 0755), 0));
	write_file("pinned/layout.yaml", "styles:\n"
	                                 "  body: {size: 11pt, leading: 14pt}\n"
	                                 "first-page:\n"
	                                 "  body: {top: 60mm}\n"
	                                 "  blocks:\n"
	                                 "    - kind: text\n"
	                                 "      y: 20mm\n"
	                                 "      height: 28pt\n"
	                                 "      lines: [\"{organ}\"]\n");
	write_file("r.md", "---\nlayout: ./pinned\ntitle: Т\ndate: 2024-02-20\n---\n\nТекст.\n");
	lp_test_release r;
	lp_test_release_build(&r, "r.md");
	cr_expect(eq(flt, r.job.place[0].body.y, r.job.layout->first.body.y));
	lp_test_release_drop(&r);
}

/* Past LP_MAX_STACKED_BLOCKS blocks above the body, a render fails with
 * the limit named, instead of comparing every triple of them. */
Test(stacking_errors, too_many_header_blocks_are_refused)
{
	cr_assert(eq(int, mkdir("many", 0755), 0));
	FILE *f = fopen("many/layout.yaml", "w");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs("styles:\n  body: {size: 11pt}\nfirst-page:\n  body: {top: 200mm}\n  blocks:\n", f);
	for (int i = 0; i <= LP_MAX_STACKED_BLOCKS; i++)
		fprintf(f, "    - {kind: separator, y: %.2fmm, width: 10mm}\n", 1 + i * 0.7);
	fclose(f);
	write_file("r.md", "---\nlayout: ./many\ntitle: Т\ndate: 2024-02-20\n---\n\nТекст.\n");
	char out[4096];
	int st = sh(out, sizeof out, "%s check r.md", LP_TEST_LETTERPRESS);
	cr_expect(not(eq(int, st, 0)), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "at most 256 stack"), NULL)), "%s", out);
}

/* A reference line that wraps past its pinned height is reported at the
 * release's line of the field it prints. */
Test(stacking_errors, the_error_stands_at_the_field_the_block_prints)
{
	cr_assert(eq(int, mkdir("ref", 0755), 0));
	write_file("ref/layout.yaml", "styles:\n"
	                              "  body: {size: 11pt, leading: 14pt}\n"
	                              "first-page:\n"
	                              "  body: {top: 60mm}\n"
	                              "  blocks:\n"
	                              "    - kind: reference\n"
	                              "      y: 20mm\n"
	                              "      width: 40mm\n"
	                              "      height: 14pt\n"
	                              "      lines: [\"{label.number}: {number}\"]\n");
	write_file("r.md",
	        "---\nlayout: ./ref\ntitle: Т\ndate: 2024-02-20\n"
	        "number: 011-00-00123/2024-01 од 20. фебруара 2024. године\n---\n\nТекст.\n");
	char out[4096];
	int st = sh(out, sizeof out, "%s check r.md", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 65), "%s", out);
	cr_expect(not(eq(ptr, strstr(out, "r.md:5:1: error: the reference block at "), NULL)), "%s",
	        out);
	cr_expect(not(eq(ptr, strstr(out, "ref/layout.yaml:6:7"), NULL)), "%s", out);
}

/* A fixed block inside the body frame that the body's lines reach is
 * overprinted: a warning at the block in the layout, said once. */
TestSuite(stacking_overprint, .init = lp_scratch_enter, .fini = lp_scratch_leave);

static const char fixed_in_body[] = "page: {size: A4, margins: {top: 25mm, right: 25mm, "
                                    "bottom: 25mm, left: 25mm}}\n"
                                    "styles: {body: {family: Noto Serif, size: 11pt, "
                                    "leading: 14pt}}\n"
                                    "styles-for: {body: body}\n"
                                    "first-page:\n"
                                    "  body: {top: 30mm, bottom: 30mm}\n"
                                    "  blocks:\n"
                                    "    - kind: %s\n"
                                    "      lines: [\"ФИКСНИ БЛОК ПРЕКО ТЕКСТА\"]\n"
                                    "      style: body\n"
                                    "      y: 50mm\n";

/* A release on the layout in fx/ with n lines of body text (each wraps
 * to two or three lines) and these front-matter lines. */
static void
write_release(int n, const char *fields)
{
	char text[8192];
	snprintf(text, sizeof text, "---\ntitle: T\ndate: 2024-02-20\nlayout: ./fx\n%s---\n\n",
	        fields);
	for (int i = 0; i < n; i++)
		snprintf(text + strlen(text), sizeof text - strlen(text),
		        "Ред %d текста саопштења који се пружа преко целе ширине оквира и "
		        "прелама се у неколико редова.\n",
		        i + 1);
	write_file("r.md", text);
}

static void
write_layout(const char *kind)
{
	char text[1024];
	snprintf(text, sizeof text, fixed_in_body, kind);
	cr_assert(eq(int, mkdir("fx", 0755), 0));
	write_file("fx/layout.yaml", text);
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

Test(stacking_overprint, the_body_over_a_fixed_block_is_a_warning_at_the_block)
{
	write_layout("text");
	write_release(20, "");
	char out[8192];
	int st = sh(out, sizeof out, "%s render r.md -o r.pdf", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 0), "%s", out);
	cr_expect(not(eq(ptr,
	                  strstr(out, "fx/layout.yaml:7:7: warning: the body is set over this "
	                              "block on page 1 (50 mm from the top); move the block "
	                              "out of the body frame (first-page body: top 30mm, "
	                              "bottom 30mm) or the body below it\n"),
	                  NULL)),
	        "%s", out);
	cr_expect(eq(int, count(out, "set over"), 1), "once: %s", out);
}

/* One sentence ends above the block at 50 mm: nothing is set over it. */
Test(stacking_overprint, a_short_body_that_ends_above_the_block_is_quiet)
{
	write_layout("text");
	write_release(1, "");
	char out[8192];
	int st = sh(out, sizeof out, "%s render r.md -o r.pdf", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 0), "%s", out);
	cr_expect(eq(ptr, strstr(out, "warning"), NULL), "%s", out);
}

/* A watermark is drawn over the text on purpose. */
Test(stacking_overprint, a_watermark_in_the_body_frame_is_quiet)
{
	write_layout("watermark");
	write_release(20, "watermark: КОПИЈА\n");
	char out[8192];
	int st = sh(out, sizeof out, "%s render r.md -o r.pdf", LP_TEST_LETTERPRESS);
	cr_expect(eq(int, st, 0), "%s", out);
	cr_expect(eq(ptr, strstr(out, "set over"), NULL), "%s", out);
}

/* The shipped layouts keep their blocks clear of the body: a long release
 * on each sets nothing over them. */
Test(stacking_overprint, the_shipped_layouts_are_quiet)
{
	char names[16][256];
	int n_layouts = shipped_layouts(names, 16);
	cr_assert(le(int, 4, n_layouts), "the four shipped layouts at least");
	for (int l = 0; l < n_layouts; l++) {
		char out[16384];
		int st = sh(out, sizeof out,
		        "%s render %s/examples/long-izvestaj.md --layout %s -o r.pdf",
		        LP_TEST_LETTERPRESS, LP_TEST_SRCDIR, names[l]);
		cr_expect(eq(int, st, 0), "%s: %s", names[l], out);
		cr_expect(eq(ptr, strstr(out, "set over"), NULL), "%s: %s", names[l], out);
	}
}
