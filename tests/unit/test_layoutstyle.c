#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "layout_fixture.h"

struct bad_style {
	char yaml[200];
	uint32_t line, col;
	char message[64];
};

ParameterizedTestParameters(layoutstyle, bad_values_are_reported_where_they_are)
{
	static struct bad_style cases[] = {
	        {"styles:\n  body:\n    sise: 12pt\n", 3, 5, "unknown key 'sise' in a style"},
	        {"styles:\n  body:\n    size: -11pt\n", 3, 11, "must not be negative"},
	        {"styles:\n  body:\n    size: 0\n", 3, 11, "more than 0"},
	        {"styles:\n  body:\n    size: [11pt]\n", 3, 11, "must be a string"},
	        {"styles:\n  body:\n    size: 11px\n", 3, 11, "not a length"},
	        {"styles:\n  body:\n    color: \"#12345\"\n", 3, 12, "not a colour"},
	        {"styles:\n  body:\n    hyphenate: yes\n", 3, 16, "not true or false"},
	        {"styles:\n  body:\n    align: centre\n", 3, 12, "not an alignment"},
	        {"styles:\n  body:\n    weight: heavy\n", 3, 13, "not a number"},
	        {"styles:\n  body:\n    style: oblique\n", 3, 12, "not a font style"},
	        {"styles:\n  body:\n    tracking: 2pt\n", 3, 15, "not an amount in em"},
	        {"styles:\n  body: {}\n  h:\n    based-on: title\n", 4, 15,
	                "no style 'title' defined before 'h'"},
	        {"styles:\n  body: {}\nstyles-for:\n  heading1: big\n", 4, 13,
	                "no style named 'big'"},
	        {"styles:\n  body: {}\nstyles-for:\n  footnote: body\n", 4, 3,
	                "unknown key 'footnote' in styles-for"},
	        {"styles:\n  text: {}\n", 1, 1, "no style 'body'"},
	        {"styles: [body]\n", 1, 9, "styles must be a mapping"},
	        {"styles:\n  body: {}\nbreaking:\n  tolerance: 20000\n", 4, 14, "out of range"},
	        {"styles:\n  body: {}\nbreaking:\n  tolerence: 100\n", 4, 3,
	                "unknown key 'tolerence' in breaking"},
	        {"styles:\n  body: {}\nbreaking:\n  first-fit: 1\n", 4, 14, "not true or false"},
	        {"styles:\n  body: {}\nbreaking:\n  left-hyphen-min: 2.5\n", 4, 20,
	                "not a whole number"},
	        {"styles:\n  body: {}\nbreaking:\n  emergency-stretch: -1em\n", 4, 22,
	                "must not be negative"},
	        {"styles:\n  body: {}\nbreaking:\n  line-penalty: \"10\"\n", 4, 17, "not a number"},
	};
	return cr_make_param_array(struct bad_style, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_style *c, layoutstyle, bad_values_are_reported_where_they_are)
{
	lt_assert_rejected(c->yaml, c->line, c->col, c->message);
}

Test(layoutstyle, styles_resolve_with_defaults_and_inheritance)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	char buf[4096];
	lp_status st = lt_load("styles:\n"
	                       "  body: {size: 10pt, color: \"#1a1a1a\", first-indent: 5mm}\n"
	                       "  title:\n    based-on: body\n    weight: bold\n    size: 12pt\n"
	                       "    tracking: 0.3em\n    uppercase: true\n    align: center\n"
	                       "    hyphenate: false\n    lang: sr-Cyrl\n    style: italic\n"
	                       "  quote: {family: Noto Sans, left-indent: 1cm, leading: 20pt,\n"
	                       "          space-before: 3pt, space-after: 4pt, weight: 600}\n"
	                       "styles-for:\n  heading1: title\n",
	        &l, d);
	cr_assert(eq(int, st, LP_OK), "%s", lt_messages(d, buf, sizeof buf));
	cr_assert(eq(u32, l->n_styles, 3));
	const lp_style *body = lp_layout_style(l, "body");
	cr_assert(eq(str, (char *)body->family, "Noto Serif"));
	cr_assert(eq(u16, body->weight, 400));
	cr_assert(eq(flt, body->size_pt, 10.0f));
	cr_assert(eq(flt, body->leading_pt, 12.5f));
	cr_assert(eq(int, body->align, LP_ALIGN_JUSTIFY));
	cr_assert(body->hyphenate);
	cr_assert(eq(u32, body->color, 0x1a1a1a));
	cr_assert(eq(ptr, (void *)body->lang, NULL));

	const lp_style *title = lp_layout_style(l, "title");
	cr_assert(eq(str, (char *)title->name, "title"));
	cr_assert(eq(u16, title->weight, 700));
	cr_assert(eq(u32, title->color, 0x1a1a1a)); /* from body */
	cr_assert(eq(flt, title->first_indent_pt, body->first_indent_pt));
	cr_assert(eq(flt, title->leading_pt, 15.0f));
	cr_assert(eq(flt, title->tracking_em, 0.3f));
	cr_assert(title->uppercase);
	cr_assert(title->italic);
	cr_assert(not(title->hyphenate));
	cr_assert(eq(int, title->align, LP_ALIGN_CENTER));
	cr_assert(eq(str, (char *)title->lang, "sr-Cyrl"));

	const lp_style *quote = lp_layout_style(l, "quote");
	cr_assert(eq(str, (char *)quote->family, "Noto Sans"));
	cr_assert(epsilon_eq(flt, quote->left_indent_pt, 28.346f, 0.01f));
	cr_assert(eq(flt, quote->leading_pt, 20.0f));
	cr_assert(eq(flt, quote->space_before_pt, 3.0f));
	cr_assert(eq(flt, quote->space_after_pt, 4.0f));
	cr_assert(eq(u16, quote->weight, 600));

	/* styles-for: explicit, by name, else body; a heading level with no
	 * style takes the nearest level's, and the flow warns of it. */
	cr_assert(eq(str, (char *)l->style_body, "body"));
	cr_assert(eq(str, (char *)l->style_heading[0], "title"));
	cr_assert(not(l->heading_fallback[0]));
	cr_assert(eq(str, (char *)l->style_heading[1], "title"));
	cr_assert(l->heading_fallback[1]);
	cr_assert(eq(str, (char *)l->style_quote, "quote"));
	cr_assert(eq(str, (char *)l->style_code, "body"));
	cr_assert(eq(ptr, (void *)lp_layout_style(l, "nope"), NULL));
	cr_assert(eq(ptr, (void *)lp_layout_style(NULL, "body"), NULL));
	lp_layout_drop(l);
	lp_diag_drop(d);
}

Test(layoutstyle, breaking_overrides_only_what_it_names)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l;
	cr_assert(eq(int,
	        lt_load("styles: {body: {}}\nbreaking:\n  tolerance: 400\n"
	                "  pretolerance: -1\n  hyphen-penalty: 100\n  looseness: -1\n"
	                "  emergency-stretch: 2em\n  first-fit: true\n"
	                "  right-hyphen-min: 3\n  double-hyphen-demerits: 20000\n",
	                &l, d),
	        LP_OK));
	lp_kp_params def = LP_KP_PARAMS_DEFAULT;
	cr_assert(eq(flt, l->breaking.tolerance, 400.0f));
	cr_assert(eq(flt, l->breaking.pretolerance, -1.0f));
	cr_assert(eq(flt, l->breaking.hyphen_penalty, 100.0f));
	cr_assert(eq(int, l->breaking.looseness, -1));
	cr_assert(eq(flt, l->breaking.emergency_stretch_em, 2.0f));
	cr_assert(l->breaking.first_fit);
	cr_assert(eq(int, l->breaking.right_hyphen_min, 3));
	cr_assert(eq(flt, l->breaking.double_hyphen_demerits, 20000.0f));
	cr_assert(eq(flt, l->breaking.line_penalty, def.line_penalty));
	cr_assert(eq(flt, l->breaking.space_shrink, def.space_shrink));
	cr_assert(eq(int, l->breaking.left_hyphen_min, def.left_hyphen_min));
	lp_layout_drop(l);
	lp_diag_drop(d);
}
