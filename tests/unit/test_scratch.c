/* The breaker's scratch memory: an arena reset after every paragraph that
 * keeps its chunks, so that a document's paragraphs reuse one paragraph's
 * memory, and a document arena that holds what the paragraphs made and
 * none of their working arrays. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp_config.h"
#include "base/arena.h"
#include "base/diag.h"
#include "para/para.h"
#include "support/raster_doc.h"
#include "test-config.h"

Test(scratch, a_reset_arena_allocates_from_the_chunks_it_kept)
{
	lp_arena *a = lp_arena_new(4096);
	char *first = lp_arena_alloc(a, 1000);
	lp_arena_alloc(a, 3500); /* a second chunk */
	lp_arena_alloc(a, 20000); /* a big block of its own */
	size_t held = lp_arena_held(a);
	cr_assert(le(u64, 4096 + 4096 + 20000, held));
	for (int round = 0; round < 50; round++) {
		lp_arena_reset(a);
		cr_assert(eq(u64, lp_arena_used(a), 0));
		char *p = lp_arena_alloc(a, 1000);
		lp_arena_alloc(a, 3500);
		lp_arena_alloc(a, 20000);
		cr_assert(ne(ptr, p, NULL));
		cr_assert(eq(int, p[0] | p[999], 0), "reused memory is zeroed");
		memset(p, 0x5a, 1000);
		/* Every round fits in what the first took. */
		cr_assert(eq(u64, lp_arena_held(a), held), "round %d holds %zu bytes, not %zu",
		        round, lp_arena_held(a), held);
		(void)first;
	}
	cr_assert(eq(u64, lp_arena_peak(a), 24500));
	lp_arena_drop(a);
}

/* A release of n paragraphs of the same text. */
static char *
release(int n)
{
	static const char par[] =
	        "Председник Републике Србије разговарао је данас телефоном са председником "
	        "Републике Казахстан о свим питањима од значаја за обе земље, а посебно о "
	        "билатералним и економским односима, сарадњи у областима енергетике, "
	        "инфраструктуре, војне индустрије и пољопривреде, као и о актуелној "
	        "геополитичкој ситуацији.\n\n";
	size_t size = 64 + (size_t)n * sizeof par;
	char *text = malloc(size);
	cr_assert(ne(ptr, text, NULL));
	size_t at = (size_t)snprintf(text, size, "---\ntitle: Саопштење\n---\n\n");
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(text + at, size - at, "%s", par);
	return text;
}

typedef struct {
	size_t doc, scratch_peak, scratch_held;
	uint32_t pages;
} doc_memory;

static doc_memory
build(int n)
{
	char *text = release(n);
	lp_test_release r;
	lp_test_release_build_text(&r, "many.md", text);
	doc_memory m = {lp_arena_used(r.job.arena), lp_arena_peak(r.job.scratch),
	        lp_arena_held(r.job.scratch), r.list->n_pages};
	lp_test_release_drop(&r);
	free(text);
	return m;
}

/* Ten times the paragraphs: the scratch arena holds no more memory, and
 * the document arena grows by what the paragraphs made, not by the
 * breaker's working memory, which would take more than a paragraph's
 * share. */
Test(scratch, many_paragraphs_reuse_one_paragraphs_scratch)
{
	doc_memory few = build(10), many = build(100);
	cr_assert(lt(u32, few.pages, many.pages));
	cr_assert(eq(u64, many.scratch_held, few.scratch_held),
	        "scratch holds %zu bytes for 100 paragraphs, %zu for 10", many.scratch_held,
	        few.scratch_held);
	cr_assert(eq(u64, many.scratch_peak, few.scratch_peak));
	size_t per_par = (many.doc - few.doc) / 90;
	cr_assert(lt(u64, per_par, few.scratch_peak),
	        "the document arena grows by %zu bytes a paragraph; the scratch peak is %zu",
	        per_par, few.scratch_peak);
}

/* Without a scratch arena of the caller's, the breaker works in one of its
 * own: the result arena gets the same bytes, the lines, as with one. */
Test(scratch, the_breaker_without_scratch_leaves_only_its_lines)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_dir(db, LP_TEST_FONTS_DIR, NULL), LP_OK));
	lp_fontdb_freeze(db);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_shaper *shaper = lp_shaper_new(db, NULL, 0);
	lp_hyphenators *hyph = lp_hyphenators_new(LP_HYPHEN_DIR, NULL);
	lp_arena *in = lp_arena_new(0);
	const char *text = "Председник Републике Србије разговарао је данас телефоном са "
	                   "председником Републике Казахстан о свим питањима од значаја за обе "
	                   "земље, а посебно о билатералним и економским односима.";
	lp_span span = {0, (uint32_t)strlen(text),
	        {.family = "Noto Serif",
	                .weight = 400,
	                .size_pt = 11,
	                .lang = "sr-Cyrl",
	                .link = -1,
	                .hyphenate = true}};
	lp_text_par par = {text, (uint32_t)strlen(text), &span, 1, "t.md", 1}, prep;
	lp_shaped_par *shaped = NULL;
	cr_assert(eq(int, lp_text_prepare(&par, in, &prep, NULL), LP_OK));
	cr_assert(eq(int, lp_text_shape(shaper, &prep, in, &shaped, diag), LP_OK));
	lp_break_params pp = {.measure_pt = 200,
	        .align = LP_PAR_JUSTIFY,
	        .kp = LP_KP_PARAMS_DEFAULT,
	        .hyph = hyph};
	size_t used[2];
	uint32_t lines[2];
	for (int with = 0; with < 2; with++) {
		lp_arena *result = lp_arena_new(0), *scratch = lp_arena_new(0);
		pp.scratch = with ? scratch : NULL;
		lp_par_lines *out = NULL;
		cr_assert(eq(int, lp_para_break(shaper, shaped, &pp, result, &out, diag), LP_OK));
		used[with] = lp_arena_used(result);
		lines[with] = out->n_lines;
		cr_assert(
		        eq(u64, lp_arena_used(scratch) > 0, with), "scratch used only when given");
		lp_arena_drop(scratch);
		lp_arena_drop(result);
	}
	cr_assert(lt(u32, 1, lines[0]));
	cr_assert(eq(u32, lines[0], lines[1]));
	cr_assert(eq(u64, used[0], used[1]), "%zu bytes left without scratch, %zu with", used[0],
	        used[1]);
	lp_arena_drop(in);
	lp_hyphenators_drop(hyph);
	lp_shaper_drop(shaper);
	lp_diag_drop(diag);
	lp_fontdb_drop(db);
}
