/* The public option structs are versioned (include/letterpress.h): a
 * caller built against a newer header, whose struct may be longer than
 * this library reads, is refused rather than half read; 0 (a struct
 * zeroed by a caller who set no version) and the current version are
 * this layout. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../support/scratch.h"
#include "letterpress.h"
#include "test-config.h"

static char said[512];

static void
keep_message(const lp_diag_entry *e, void *user)
{
	(void)user;
	snprintf(said, sizeof said, "%s", e->message);
}

static lp_diag *
diag_new(void)
{
	said[0] = '\0';
	lp_diag *d = lp_diag_new(keep_message, NULL);
	cr_assert(ne(ptr, d, NULL));
	return d;
}

static const char release[] = "---\ntitle: Саопштење\ndate: 2024-02-20\n---\n\nТекст.\n";

/* In a scratch folder (lp_scratch_leave() after): r.md, and an engine. */
static lp_engine *
engine_beside_release(void)
{
	lp_scratch_enter();
	FILE *f = fopen("r.md", "w");
	cr_assert(ne(ptr, f, NULL));
	fputs(release, f);
	fclose(f);
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	lp_engine *e = NULL;
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	return e;
}

Test(versions, engine_options)
{
	int known[] = {0, LP_ENGINE_OPTIONS_VERSION};
	for (size_t i = 0; i < 2; i++) {
		lp_engine_options eo = {.version = known[i], .data_dir = LP_TEST_SRCDIR};
		lp_engine *e = NULL;
		lp_diag *d = diag_new();
		cr_assert(eq(int, lp_engine_new(&eo, &e, d), LP_OK), "version %d: %s", known[i],
		        said);
		lp_engine_drop(e);
		lp_diag_drop(d);
	}
	int unknown[] = {LP_ENGINE_OPTIONS_VERSION + 1, -1};
	for (size_t i = 0; i < 2; i++) {
		lp_engine_options eo = {.version = unknown[i], .data_dir = LP_TEST_SRCDIR};
		lp_engine *e = NULL;
		lp_diag *d = diag_new();
		cr_assert(eq(int, lp_engine_new(&eo, &e, d), LP_ERR_USAGE));
		cr_assert(eq(ptr, e, NULL));
		cr_assert(ne(ptr, strstr(said, "lp_engine_options version"), NULL), "%s", said);
		lp_diag_drop(d);
	}
}

Test(versions, render_options)
{
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	lp_engine *e = NULL;
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	int versions[] = {0, LP_RENDER_OPTIONS_VERSION, LP_RENDER_OPTIONS_VERSION + 1};
	for (size_t i = 0; i < 3; i++) {
		lp_render_options ro = {.version = versions[i], .date_epoch = -1};
		lp_diag *d = diag_new();
		uint8_t *out = NULL;
		size_t n = 0;
		lp_status s =
		        lp_render_memory(e, "r.md", release, sizeof release - 1, &ro, &out, &n, d);
		if (i < 2) {
			cr_assert(eq(int, s, LP_OK), "version %d: %s", versions[i], said);
			cr_assert(lt(sz, 0, n));
		} else {
			cr_assert(eq(int, s, LP_ERR_USAGE));
			cr_assert(eq(ptr, out, NULL));
			cr_assert(ne(ptr, strstr(said, "lp_render_options version"), NULL), "%s",
			        said);
		}
		free(out);
		lp_diag_drop(d);
	}
	lp_engine_drop(e);
}

Test(versions, batch_options_and_their_render_options)
{
	lp_engine *e = engine_beside_release();
	const char *srcs[] = {"r.md"};
	lp_render_options newer = {.version = LP_RENDER_OPTIONS_VERSION + 1, .date_epoch = -1};
	lp_batch_options refused[] = {
	        {.version = LP_BATCH_OPTIONS_VERSION + 1,
	                .sources = srcs,
	                .n_sources = 1,
	                .archive = "A",
	                .jobs = 1},
	        {.version = LP_BATCH_OPTIONS_VERSION,
	                .sources = srcs,
	                .n_sources = 1,
	                .archive = "A",
	                .jobs = 1,
	                .render = &newer},
	};
	const char *type[] = {"lp_batch_options version", "lp_render_options version"};
	for (size_t i = 0; i < 2; i++) {
		lp_diag *d = diag_new();
		cr_assert(eq(int, lp_batch_run(e, &refused[i], NULL, d), LP_ERR_USAGE));
		cr_assert(ne(ptr, strstr(said, type[i]), NULL), "%s", said);
		lp_diag_drop(d);
		struct stat st;
		cr_assert(ne(int, stat("A", &st), 0), "a refused batch made its archive");
	}
	/* Render options left out are lp_render_file()'s defaults. */
	lp_batch_options plain = {.sources = srcs, .n_sources = 1, .archive = "A", .jobs = 1};
	lp_batch_summary newer_sum = {.version = LP_BATCH_SUMMARY_VERSION + 1};
	lp_diag *d = diag_new();
	cr_assert(eq(int, lp_batch_run(e, &plain, &newer_sum, d), LP_ERR_USAGE));
	cr_assert(ne(ptr, strstr(said, "lp_batch_summary version"), NULL), "%s", said);
	cr_assert(eq(sz, newer_sum.total, 0), "a summary it cannot fill was written");
	lp_diag_drop(d);
	lp_batch_summary sum = {0};
	d = diag_new();
	cr_assert(eq(int, lp_batch_run(e, &plain, &sum, d), LP_OK), "%s", said);
	cr_assert(eq(sz, sum.ok, 1), "%s", said);
	cr_assert(eq(int, sum.version, 0), "the caller's version is kept");
	cr_assert(eq(int, access("A/r.pdf", F_OK), 0));
	lp_diag_drop(d);
	lp_engine_drop(e);
	lp_scratch_leave();
}

Test(versions, sign_options)
{
	lp_sign_options so = {.version = LP_SIGN_OPTIONS_VERSION + 1, .credential = "none.p12"};
	lp_signer *sg = NULL;
	lp_diag *d = diag_new();
	cr_assert(eq(int, lp_signer_new(&so, &sg, d), LP_ERR_USAGE));
	cr_assert(eq(ptr, sg, NULL));
	cr_assert(ne(ptr, strstr(said, "lp_sign_options version"), NULL), "%s", said);
	lp_diag_drop(d);
	/* Version 0 is read: the credential is then looked for. */
	so.version = 0;
	d = diag_new();
	cr_assert(eq(int, lp_signer_new(&so, &sg, d), LP_ERR_MISSING), "%s", said);
	lp_diag_drop(d);
}

Test(versions, result_structs_read_zero_as_the_first)
{
	lp_engine *e = engine_beside_release();
	lp_diag *d = diag_new();
	lp_render_result r = {0};
	cr_assert(
	        eq(int, lp_render_file_result(e, "r.md", "r.pdf", NULL, &r, d), LP_OK), "%s", said);
	cr_assert(eq(u32, r.pages, 1));
	lp_render_result_clear(&r);
	lp_diag_drop(d);
	d = diag_new();
	lp_font_report fr = {0};
	cr_assert(eq(int, lp_font_report_make(e, "plain", NULL, &fr, d), LP_OK), "%s", said);
	lp_font_report_clear(&fr);
	fr.version = LP_FONT_REPORT_VERSION + 1;
	cr_assert(eq(int, lp_font_report_make(e, "plain", NULL, &fr, d), LP_ERR_USAGE));
	cr_assert(ne(ptr, strstr(said, "lp_font_report version"), NULL), "%s", said);
	lp_diag_drop(d);
	lp_engine_drop(e);
	lp_scratch_leave();
}

/* The libraries' versions into entries of the caller's size: an older
 * caller's smaller entry (here one without build_time) gets its fields,
 * entry after entry, and nothing past its array. */
Test(versions, library_versions_fill_entries_of_the_callers_size)
{
	lp_library_version full[32];
	size_t n = lp_library_versions(full, 32, sizeof full[0]);
	cr_assert(ge(sz, n, 14));
	cr_assert(eq(sz, lp_library_versions(NULL, 0, sizeof full[0]), n));
	cr_assert(eq(str, (char *)full[0].name, "HarfBuzz"));
	typedef struct older {
		const char *name;
		char version[48];
	} older;
	struct {
		older e[4];
		char canary[sizeof(lp_library_version)];
	} small;
	memset(&small, 0x5a, sizeof small);
	cr_assert(eq(sz, lp_library_versions((lp_library_version *)small.e, 4, sizeof(older)), n));
	for (int i = 0; i < 4; i++) {
		cr_assert(eq(str, (char *)small.e[i].name, (char *)full[i].name));
		cr_assert(eq(str, small.e[i].version, full[i].version));
	}
	for (size_t i = 0; i < sizeof small.canary; i++)
		cr_assert(eq(int, small.canary[i], 0x5a), "written past the caller's entries");
}
