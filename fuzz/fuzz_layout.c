/* Fuzz target: the layout parser (libyaml events, the YAML tree, every
 * section's values and units) on a layout.yaml held in memory. Assets
 * resolve in the shipped predsednik layout's folder, so the seeds' emblem
 * paths are found. */
#include "fuzz.h"

#include "layout/layout.h"

#include <math.h>
#include <string.h>

static void
check_template(const lp_layout *l, const lp_page_template *t)
{
	FUZZ_CHECK(t->n_blocks == 0 || t->blocks != NULL);
	for (uint32_t i = 0; i < t->n_blocks; i++) {
		const lp_layout_block *b = &t->blocks[i];
		FUZZ_CHECK(isfinite(b->rect.x) && isfinite(b->rect.y) && isfinite(b->rect.w) &&
		           isfinite(b->rect.h));
		FUZZ_CHECK(b->style == NULL || strlen(b->style) < (1u << 20));
		for (uint32_t j = 0; j < b->n_lines; j++)
			FUZZ_CHECK(strlen(b->lines[j]) < (1u << 20));
		FUZZ_CHECK(b->asset == NULL || b->asset[0] == '/');
	}
	FUZZ_CHECK(isfinite(t->body.x) && isfinite(t->body.y) && isfinite(t->body.w) &&
	           isfinite(t->body.h));
	(void)l;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_layout *l = NULL;
	if (!diag)
		return 0;
	lp_status st = lp_layout_from_memory(
	        "fuzz.yaml", LP_FUZZ_SRCDIR "/layouts/predsednik", data, size, &l, diag);
	if (st != LP_OK) {
		FUZZ_CHECK(l == NULL);
		fuzz_check_failure(diag, st, FUZZ_LINE);
		goto fail;
	}
	FUZZ_CHECK(isfinite(l->page_w_pt) && isfinite(l->page_h_pt));
	FUZZ_CHECK(l->page_w_pt > 0 && l->page_h_pt > 0);
	FUZZ_CHECK(l->n_fallback > 0);
	for (uint32_t i = 0; i < l->n_styles; i++) {
		const lp_style *s = &l->styles[i];
		FUZZ_CHECK(s->name != NULL && lp_layout_style(l, s->name) != NULL);
		FUZZ_CHECK(isfinite(s->size_pt) && isfinite(s->leading_pt) &&
		           isfinite(s->first_indent_pt) && isfinite(s->left_indent_pt) &&
		           isfinite(s->tracking_em));
	}
	check_template(l, &l->first);
	check_template(l, &l->rest);
	/* The styles the release's blocks use are the layout's own, a
	 * variant's too (not names its other layout had). */
	const char *used[] = {l->style_body, l->style_heading[0], l->style_heading[1],
	        l->style_heading[2], l->style_list, l->style_quote, l->style_code};
	for (size_t i = 0; i < sizeof used / sizeof used[0]; i++)
		FUZZ_CHECK(used[i] != NULL && lp_layout_style(l, used[i]) != NULL);
fail:
	lp_layout_drop(l);
	lp_diag_drop(diag);
	return 0;
}
