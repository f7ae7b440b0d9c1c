#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "layout_fixture.h"

#define BLOCKS "styles:\n  body: {}\n  small: {size: 8pt, leading: 10pt}\nfirst-page:\n  blocks:\n"

/* Block errors: the template lines start at line 6, the first block's
 * keys at column 7. */
struct bad_block {
	char yaml[400];
	uint32_t line, col;
	char message[64];
};

ParameterizedTestParameters(layoutpage, bad_blocks_are_reported_where_they_are)
{
	static struct bad_block cases[] = {
	        {BLOCKS "    - kind: title\n      style: heading\n      flow: before\n", 7, 14,
	                "no style named 'heading'"},
	        {BLOCKS "    - kind: text\n      lines: [x]\n      y: 300mm\n", 6, 7,
	                "outside the"},
	        {BLOCKS "    - kind: emblem\n      asset: nothing.svg\n      height: 10mm\n      "
	                "y: 0\n",
	                7, 14, "does not exist"},
	        {BLOCKS "    - kind: emblem\n      asset: /etc/hostname\n      height: 10mm\n      "
	                "y: 0\n",
	                7, 14, "must be a file inside the layout's folder"},
	        {BLOCKS "    - kind: logo\n", 6, 13, "unknown block kind 'logo'"},
	        {BLOCKS "    - kind: separator\n      lines: [x]\n      y: 10mm\n", 7, 7,
	                "a separator block takes no lines:"},
	        {BLOCKS "    - kind: emblem\n      asset: layout.yaml\n      y: 0\n", 6, 7,
	                "an emblem needs a height"},
	        {BLOCKS "    - kind: dateline\n      lines: [x]\n      flow: after\n      y: "
	                "10mm\n",
	                9, 10, "takes no y or height"},
	        {BLOCKS "    - kind: dateline\n      lines: [x]\n      flow: yes\n", 8, 13,
	                "before or after"},
	        {BLOCKS "    - kind: text\n      lines: [\"{organ\"]\n      y: 0\n", 7, 15,
	                "malformed {field}"},
	        {BLOCKS "    - kind: text\n      lines: \"Tel: }\"\n      y: 0\n", 7, 14,
	                "'}' without '{'"},
	        {BLOCKS "    - kind: title\n      flow: before\n", 6, 7, "needs lines:"},
	        {BLOCKS "    - kind: text\n      lines: [x]\n", 6, 7, "needs y:"},
	        {BLOCKS "    - kind: text\n      lines: [x]\n      y: 0\n      colour: red\n", 9, 7,
	                "unknown key 'colour' in a block"},
	        {BLOCKS "    - kind: watermark\n      lines: [x]\n      y: 0\n      opacity: 2\n",
	                9, 16, "out of range"},
	        {BLOCKS "    - text\n", 6, 7, "a block must be a mapping"},
	        {BLOCKS "    - kind: separator\n      y: 10mm\n      rule-width: 0\n", 8, 19,
	                "wider than 0"},
	        {BLOCKS "    - kind: separator\n      y: 10mm\n      color: \"#ggg\"\n", 8, 14,
	                "not a colour"},
	        {BLOCKS "    - kind: fold-marks\n      length: 0\n", 7, 15, "longer than 0"},
	        {BLOCKS "    - kind: fold-marks\n      y: 10mm\n", 7, 7, "takes no y:"},
	        {BLOCKS "    - kind: text\n      lines: [x]\n      y: 0\n      width: 250mm\n", 6,
	                7, "outside the"},
	        {BLOCKS "    - kind: signature\n      flow: after\n      width: 300mm\n", 6, 7,
	                "wider than the page"},
	        {"styles:\n  body: {}\nfirst-page:\n  body: {top: 200mm, bottom: 200mm}\n", 4, 9,
	                "empty or outside"},
	        {"styles:\n  body: {}\nfirst-page:\n  body: {top: 10mm, width: 100mm}\n", 4, 9,
	                "not both"},
	        {"styles:\n  body: {}\nfirst-page:\n  body: {x: 10mm, width: 700mm}\n", 4, 9,
	                "outside the"},
	        {"styles:\n  body: {}\nfollowing-pages:\n  blocks: {kind: text}\n", 4, 11,
	                "blocks must be a list"},
	        {"styles:\n  body: {}\nfollowing-pages:\n  frame: {}\n", 4, 3,
	                "unknown key 'frame' in following-pages"},
	};
	return cr_make_param_array(struct bad_block, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_block *c, layoutpage, bad_blocks_are_reported_where_they_are)
{
	lt_assert_rejected(c->yaml, c->line, c->col, c->message);
}

Test(layoutpage, blocks_keep_their_values)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	lt_dir dir;
	lt_dir_new(&dir, BLOCKS
	        "    - kind: emblem\n      asset: arms.svg\n      x: center\n      y: 10mm\n"
	        "      height: 20mm\n      width: 16mm\n"
	        "    - kind: text\n      style: small\n      y: 260mm\n      autolink: true\n"
	        "      lines: \"{cabinet}\\nТел: {phone}\"\n"
	        "    - kind: dateline\n      lines: [\"{place},\", \"{date}\"]\n      flow: after\n"
	        "    - kind: separator\n      flow: after\n      width: 12mm\n"
	        "    - kind: watermark\n      lines: [\"{watermark}\"]\n      y: 100mm\n"
	        "      angle: 30\n      opacity: 0.2\n      color: gray\n"
	        "    - kind: punch-mark\n"
	        "following-pages:\n  body: {top: 25mm}\n  blocks:\n"
	        "    - kind: page-number\n      lines: [\"Страна {page} од {pages}\"]\n"
	        "      style: small\n      y: 280mm\n"
	        "fields: [cabinet, phone]\n");
	lt_write(&dir, "arms.svg", "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/>");
	lp_status st = lp_layout_load(dir.path, NULL, 0, &l, d);
	char buf[4096];
	cr_assert(eq(int, st, LP_OK), "%s", lt_messages(d, buf, sizeof buf));
	cr_assert(eq(u32, l->first.n_blocks, 6));
	const lp_layout_block *b = l->first.blocks;
	cr_assert(eq(int, b[0].kind, LP_LB_EMBLEM));
	cr_assert(epsilon_eq(flt, b[0].rect.w, 16 * 72 / 25.4f, 0.01f));
	cr_assert(epsilon_eq(flt, b[0].rect.x, (l->page_w_pt - b[0].rect.w) / 2, 0.01f));
	cr_assert(eq(ptr, (void *)b[0].style, NULL));
	char want[200];
	snprintf(want, sizeof want, "%s/arms.svg", l->dir);
	cr_assert(eq(str, (char *)b[0].asset, want));
	cr_assert(eq(u32, b[0].src_line, 6));

	cr_assert(eq(u32, b[1].n_lines, 2));
	cr_assert(eq(str, (char *)b[1].lines[1], "Тел: {phone}"));
	cr_assert(b[1].autolink);
	cr_assert(eq(str, (char *)b[1].style, "small"));
	cr_assert(eq(flt, b[1].rect.h, 20.0f)); /* two lines of 10 pt leading */
	cr_assert(not(b[1].in_flow));

	cr_assert(b[2].in_flow);
	cr_assert(b[2].after_body);
	cr_assert(eq(str, (char *)b[2].style, "body"));
	cr_assert(eq(flt, b[2].rect.w, 0.0f));

	cr_assert(eq(int, b[3].kind, LP_LB_SEPARATOR));
	cr_assert(b[3].in_flow);
	cr_assert(eq(flt, b[3].rule_width_pt, 0.5f));
	cr_assert(lt(flt, 30.0f, b[3].rect.w));

	cr_assert(eq(flt, b[4].angle_deg, 30.0f));
	cr_assert(eq(flt, b[4].opacity, 0.2f));
	cr_assert(eq(u32, b[4].color, 0x808080));

	cr_assert(eq(int, b[5].kind, LP_LB_PUNCH_MARK));
	cr_assert(lt(flt, 10.0f, b[5].length_pt));

	cr_assert(eq(u32, l->rest.n_blocks, 1));
	cr_assert(eq(int, l->rest.blocks[0].kind, LP_LB_PAGE_NUMBER));
	cr_assert(eq(str, (char *)l->rest.blocks[0].lines[0], "Страна {page} од {pages}"));
	cr_assert(epsilon_eq(flt, l->rest.body.y, 25 * 72 / 25.4f, 0.01f));
	lp_layout_drop(l);
	lt_dir_drop(&dir);
	lp_diag_drop(d);
}

Test(layoutpage, body_frames_from_margins_or_rect)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	cr_assert(eq(int,
	        lt_load("page: {margins: 10mm}\nstyles: {body: {}}\n"
	                "first-page:\n  body: {x: 72, y: 144, width: 288, height: 360}\n",
	                &l, d),
	        LP_OK));
	cr_assert(eq(flt, l->first.body.x, 72.0f));
	cr_assert(eq(flt, l->first.body.y, 144.0f));
	cr_assert(epsilon_eq(flt, l->first.body.w, 288.0f, 0.01f));
	cr_assert(epsilon_eq(flt, l->first.body.h, 360.0f, 0.01f));
	/* No following-pages: the page margins. */
	cr_assert(epsilon_eq(flt, l->rest.body.x, 10 * 72 / 25.4f, 0.01f));
	cr_assert(epsilon_eq(flt, l->rest.body.w, l->page_w_pt - 20 * 72 / 25.4f, 0.01f));
	cr_assert(eq(u32, l->rest.n_blocks, 0));
	lp_layout_drop(l);
	lp_diag_drop(d);
}

Test(layoutpage, every_block_error_is_reported)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	cr_assert(eq(int,
	        lt_load(BLOCKS "    - kind: logo\n    - kind: text\n      lines: [x]\n"
	                       "      y: 900mm\n    - kind: title\n      style: nope\n"
	                       "      flow: before\n",
	                &l, d),
	        LP_ERR_SYNTAX));
	/* The kind, the frame, the style, and the title's missing lines. */
	cr_assert(eq(sz, lp_diag_errors(d), 4));
	cr_assert(lt_has_error(d, 6, 13, "logo"));
	cr_assert(lt_has_error(d, 7, 7, "outside"));
	cr_assert(lt_has_error(d, 11, 14, "nope"));
	cr_assert(lt_has_error(d, 10, 7, "needs lines:"));
	lp_diag_drop(d);
}

Test(layoutpage, a_default_body_frame_that_is_empty_is_reported_where_it_came_from)
{
	/* No body: of its own: the frame comes from the page's size and
	 * margins, so that is where the error points (it had no line). */
	lt_assert_rejected(
	        "styles:\n  body: {size: 10pt}\npage:\n  height: 1pt\n", 4, 3, "body frame");
	lt_assert_rejected("styles:\n  body: {size: 10pt}\npage:\n  margins: 150mm\n"
	                   "following-pages:\n  blocks: []\n",
	        6, 3, "body frame");
	lt_assert_rejected(
	        "styles:\n  body: {size: 10pt}\npage:\n  margins: 150mm\n", 4, 3, "body frame");
}
