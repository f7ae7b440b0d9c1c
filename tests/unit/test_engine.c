/* The public API (include/letterpress.h): one engine, many documents, from
 * several threads at once. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../support/scratch.h"
#include "letterpress.h"
#include "test-config.h"

static lp_engine *engine;
static char release[1 << 16];
static size_t release_size;

static void
setup(void)
{
	FILE *f = fopen(LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md", "rb");
	cr_assert(ne(ptr, f, NULL));
	release_size = fread(release, 1, sizeof release, f);
	fclose(f);
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &engine, NULL), LP_OK));
	lp_scratch_enter();
}

static void
teardown(void)
{
	lp_engine_drop(engine);
	lp_scratch_leave();
}

/* path under this test's scratch folder, in a buffer of its own. */
static const char *
scratch(char *buf, size_t size, const char *path)
{
	snprintf(buf, size, "%s/%s", lp_scratch, path);
	return buf;
}

TestSuite(engine, .init = setup, .fini = teardown, .timeout = 120);

typedef struct job {
	uint8_t *pdf;
	size_t size;
	lp_status status;
} job;

static void *
render_one(void *arg)
{
	job *j = arg;
	lp_diag *d = lp_diag_new(NULL, NULL);
	j->status = lp_render_memory(
	        engine, "seed.md", release, release_size, NULL, &j->pdf, &j->size, d);
	lp_diag_drop(d);
	return NULL;
}

Test(engine, threads_share_one_engine_and_get_the_same_bytes)
{
	job ref = {0};
	render_one(&ref);
	cr_assert(eq(int, ref.status, LP_OK));
	cr_assert(lt(sz, 1000, ref.size));
	cr_assert(eq(int, memcmp(ref.pdf, "%PDF-", 5), 0));
	enum { N = 4 };
	pthread_t t[N];
	job jobs[N] = {0};
	for (int i = 0; i < N; i++)
		cr_assert(eq(int, pthread_create(&t[i], NULL, render_one, &jobs[i]), 0));
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		cr_assert(eq(int, jobs[i].status, LP_OK));
		cr_assert(eq(sz, jobs[i].size, ref.size));
		cr_assert(
		        eq(int, memcmp(jobs[i].pdf, ref.pdf, ref.size), 0), "thread %d differs", i);
		free(jobs[i].pdf);
	}
	free(ref.pdf);
}

Test(engine, a_bad_release_gives_no_pdf_and_a_located_error)
{
	const char bad[] = "---\nlayout: predsednik\norgan: {a: b}\n---\nТекст.\n";
	lp_diag *d = lp_diag_new(NULL, NULL);
	uint8_t *pdf = (uint8_t *)1;
	size_t size = 1;
	cr_assert(eq(int,
	        lp_render_memory(engine, "bad.md", bad, sizeof bad - 1, NULL, &pdf, &size, d),
	        LP_ERR_SYNTAX));
	cr_assert(eq(ptr, pdf, NULL));
	cr_assert(eq(sz, size, 0));
	const lp_diag_entry *e = lp_diag_at_index(d, 0);
	cr_assert(eq(str, (char *)e->file, "bad.md"));
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(int, lp_status_exit_code(LP_ERR_SYNTAX), 65));
	lp_diag_drop(d);
}

Test(engine, a_layout_option_overrides_the_release)
{
	lp_render_options ro = {.layout = "plain", .date_epoch = -1};
	uint8_t *a, *b;
	size_t na, nb;
	cr_assert(
	        eq(int, lp_render_memory(engine, "s.md", release, release_size, &ro, &a, &na, NULL),
	                LP_OK));
	cr_assert(eq(int,
	        lp_render_memory(engine, "s.md", release, release_size, NULL, &b, &nb, NULL),
	        LP_OK));
	cr_assert(ne(sz, na, nb)); /* no letterhead, no emblem */
	ro.layout = "no-such-layout";
	lp_diag *d = lp_diag_new(NULL, NULL);
	uint8_t *c = NULL;
	size_t nc = 0;
	cr_assert(eq(int, lp_render_memory(engine, "s.md", release, release_size, &ro, &c, &nc, d),
	        LP_ERR_MISSING));
	cr_assert(eq(ptr, c, NULL));
	lp_diag_drop(d);
	free(a);
	free(b);
}

static void
count_layout(const char *name, const char *description, void *user)
{
	(void)description;
	if (strcmp(name, "predsednik") == 0)
		(*(int *)user)++;
}

Test(engine, layouts_are_listed)
{
	int found = 0;
	cr_assert(eq(int, lp_engine_list_layouts(engine, count_layout, &found, NULL), LP_OK));
	cr_assert(eq(int, found, 1));
}

Test(engine, missing_data_folder_is_reported)
{
	lp_engine_options eo = {.data_dir = "/nonexistent"};
	lp_engine *e = (lp_engine *)1;
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_engine_new(&eo, &e, d), LP_ERR_MISSING));
	cr_assert(eq(ptr, e, NULL));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 0)->file, "/nonexistent"), NULL));
	lp_diag_drop(d);
}

/* The layout's emblem is parsed once per engine, with its layout's bundle,
 * and shared; documents come out the same. A layout that cannot be read is
 * an error for every document that asks, not a cached one. */
#include "base/diag.h"
#include "pipeline/bundle.h"
#include "pipeline/pipeline.h"

Test(engine, a_layout_emblem_is_parsed_once_and_shared)
{
	const lp_bundle *a = NULL, *b = NULL;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	const char *emblem = LP_TEST_SRCDIR "/layouts/predsednik/emblem.svg";
	cr_assert(eq(int, lp_engine_layout(engine, "predsednik", &a, diag), LP_OK));
	cr_assert(eq(int, lp_engine_layout(engine, "predsednik", &b, diag), LP_OK));
	cr_assert(not(eq(ptr, (void *)a, NULL)));
	cr_assert(eq(ptr, (void *)a, (void *)b));
	const lp_bundle_picture *pic = lp_bundle_picture_at(a, emblem);
	cr_assert(not(eq(ptr, (void *)pic, NULL)));
	cr_assert(not(eq(ptr, (void *)pic->svg, NULL)));
	for (int i = 0; i < 2; i++)
		cr_assert(not(eq(
		        int, lp_engine_layout(engine, "/tmp/lp-no-such-layout", &a, diag), LP_OK)));
	cr_assert(eq(sz, lp_diag_errors(diag), 2));
	uint8_t *p1, *p2;
	size_t n1, n2;
	cr_assert(eq(int,
	        lp_render_memory(engine, "r.md", release, release_size, NULL, &p1, &n1, NULL),
	        LP_OK));
	cr_assert(eq(int,
	        lp_render_memory(engine, "r.md", release, release_size, NULL, &p2, &n2, NULL),
	        LP_OK));
	cr_assert(eq(sz, n1, n2));
	cr_assert(eq(int, memcmp(p1, p2, n1), 0));
	free(p1);
	free(p2);
	lp_diag_drop(diag);
}

/* A layout in a layout folder may bring its own fonts: they are loaded
 * into its bundle when a document first asks for the layout, not when the
 * engine is made, and the engine's own fonts stay as they were. A layout
 * whose font is broken fails the document with the font's name, and the
 * engine carries on. */
static void
copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	cr_assert(in && out);
	char buf[1 << 14];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		cr_assert(eq(sz, fwrite(buf, 1, n, out), n));
	fclose(in);
	fclose(out);
}

static void
own_font_layout(const char *dir, const char *name, const char *font)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/%s/layout.yaml", dir, name);
	FILE *in = fopen(LP_TEST_SRCDIR "/layouts/plain/layout.yaml", "rb");
	FILE *out = fopen(path, "wb");
	cr_assert(in && out);
	char line[1024];
	while (fgets(line, sizeof line, in)) {
		fputs(line, out);
		if (strncmp(line, "  fallback:", 11) == 0)
			fprintf(out, "  files: [%s]\n", font);
	}
	fclose(in);
	fclose(out);
}

Test(engine, a_layouts_own_fonts_load_with_the_layout)
{
	char dir[128], path[160];
	scratch(dir, sizeof dir, "own_layouts");
	mkdir(dir, 0755);
	own_font_layout(dir, "own", "own.ttf");
	copy_file(LP_TEST_FONTS_DIR "/NotoSans-Italic.ttf",
	        scratch(path, sizeof path, "own_layouts/own/own.ttf"));
	own_font_layout(dir, "broken", "broken.ttf");
	FILE *f = fopen(scratch(path, sizeof path, "own_layouts/broken/broken.ttf"), "wb");
	fputs("not a font", f);
	fclose(f);

	const char *dirs[] = {dir};
	lp_engine_options eo = {
	        .data_dir = LP_TEST_SRCDIR, .layout_dirs = dirs, .n_layout_dirs = 1};
	lp_engine *e;
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	size_t fonts = lp_fontdb_count(e->fonts);
	cr_assert(eq(sz, e->n_bundles, 0));
	lp_render_options ro = {.layout = "own", .date_epoch = -1};
	for (int i = 0; i < 2; i++) {
		uint8_t *pdf;
		size_t size;
		cr_assert(eq(int,
		        lp_render_memory(e, "r.md", release, release_size, &ro, &pdf, &size, NULL),
		        LP_OK));
		free(pdf);
		cr_assert(eq(sz, lp_fontdb_count(e->fonts), fonts));
		cr_assert(eq(sz, e->n_bundles, 1));
		cr_assert(eq(sz, lp_fontdb_count(e->bundles[0]->fonts), 1));
	}
	ro.layout = "broken";
	lp_diag *diag = lp_diag_new(NULL, NULL);
	uint8_t *pdf = NULL;
	size_t size = 0;
	cr_assert(
	        eq(int, lp_render_memory(e, "r.md", release, release_size, &ro, &pdf, &size, diag),
	                LP_ERR_FONT));
	cr_assert(eq(ptr, pdf, NULL));
	cr_assert(eq(sz, lp_diag_errors(diag), 1));
	/* The error, after the release's own warnings (its two "ЕХРО"). */
	const lp_diag_entry *err = NULL;
	size_t i_err = 0;
	for (const lp_diag_entry *m; (m = lp_diag_at_index(diag, i_err)); i_err++)
		if (m->severity == LP_ERROR)
			err = m;
	cr_assert(err && strstr(err->file, "broken.ttf") != NULL);
	lp_diag_drop(diag);
	ro.layout = "plain";
	cr_assert(eq(int,
	        lp_render_memory(e, "r.md", release, release_size, &ro, &pdf, &size, NULL), LP_OK));
	free(pdf);
	lp_engine_drop(e);
}

/* A PNG emblem is decoded once per engine and shared by every page of
 * every document, like an SVG one (it was decoded again for each page). */
Test(engine, a_raster_emblem_is_decoded_once_per_engine)
{
	char dir[128], path[160];
	scratch(dir, sizeof dir, "png_emblem");
	mkdir(dir, 0755);
	FILE *in = fopen(LP_TEST_LAYOUTS_DIR "/predsednik/layout.yaml", "rb");
	FILE *out = fopen(scratch(path, sizeof path, "png_emblem/layout.yaml"), "wb");
	cr_assert(in && out);
	char line[1024];
	int replaced = 0;
	while (fgets(line, sizeof line, in)) {
		char *at = strstr(line, "asset: emblem.svg");
		if (at) {
			strcpy(at, "asset: emblem.png\n");
			replaced++;
		}
		fputs(line, out);
	}
	fclose(in);
	fclose(out);
	cr_assert(eq(int, replaced, 1));
	copy_file(LP_TEST_DATA_DIR "/images/emblem-alpha.png",
	        scratch(path, sizeof path, "png_emblem/emblem.png"));

	lp_render_options ro = {.layout = dir, .date_epoch = -1};
	for (int i = 0; i < 3; i++) {
		uint8_t *pdf;
		size_t size;
		cr_assert(eq(int,
		        lp_render_memory(
		                engine, "r.md", release, release_size, &ro, &pdf, &size, NULL),
		        LP_OK));
		bool image = false;
		for (size_t k = 0; k + 15 <= size && !image; k++)
			image = memcmp(pdf + k, "/Subtype /Image", 15) == 0;
		cr_assert(image);
		free(pdf);
	}
	/* One bundle, one decoded picture, the same one each time. */
	cr_assert(eq(sz, engine->n_bundles, 1));
	cr_assert(eq(u32, engine->bundles[0]->n_pictures, 1));
	const lp_bundle *a = NULL, *b = NULL;
	cr_assert(eq(int, lp_engine_layout(engine, dir, &a, NULL), LP_OK));
	cr_assert(eq(int, lp_engine_layout(engine, dir, &b, NULL), LP_OK));
	cr_assert(eq(ptr, (void *)a, (void *)b));
	const lp_bundle_picture *pic =
	        lp_bundle_picture_at(a, scratch(path, sizeof path, "png_emblem/emblem.png"));
	cr_assert(ne(ptr, (void *)pic, NULL));
	cr_assert(ne(ptr, (void *)pic->image, NULL));
	cr_assert(eq(sz, engine->n_bundles, 1));
}

/* A name found in the layout folders is kept by the engine: a layout of
 * that name put afterwards into a folder that comes first is not seen by
 * this engine (a new one sees it). The release's own folder is looked in
 * every time. */
static const lp_bundle *
release_layout(lp_engine *e, const char *folder, const char *name)
{
	char path[256], text[128];
	snprintf(path, sizeof path, "%s/r.md", folder);
	int n = snprintf(text, sizeof text, "---\nlayout: %s\n---\nText.\n", name);
	lp_source *src;
	cr_assert(eq(int, lp_source_from_memory(path, text, (size_t)n, &src), LP_OK));
	const lp_bundle *b = NULL;
	cr_assert(eq(int, lp_engine_release_layout(e, src, name, 12, &b, NULL), LP_OK));
	lp_source_drop(src);
	return b;
}

/* A copy of the plain layout as folder/plain/layout.yaml. */
static void
plain_in(const char *folder)
{
	char dir[192], file[224];
	snprintf(dir, sizeof dir, "%s/plain", folder);
	mkdir(dir, 0755);
	snprintf(file, sizeof file, "%s/layout.yaml", dir);
	copy_file(LP_TEST_LAYOUTS_DIR "/plain/layout.yaml", file);
}

static bool
found_in(const lp_bundle *b, const char *folder)
{
	char want[224];
	snprintf(want, sizeof want, "/%s/plain/layout.yaml", folder);
	size_t n = strlen(b->layout->path), w = strlen(want);
	return n >= w && strcmp(b->layout->path + n - w, want) == 0;
}

Test(engine, a_layout_name_is_found_in_the_layout_folders_once)
{
	char first[128], rel[128];
	scratch(first, sizeof first, "first_dir");
	scratch(rel, sizeof rel, "releases");
	mkdir(first, 0755);
	mkdir(rel, 0755);
	lp_engine *e;
	const char *dirs[] = {first};
	lp_engine_options eo = {
	        .data_dir = LP_TEST_SRCDIR, .layout_dirs = dirs, .n_layout_dirs = 1};
	cr_assert(eq(int, lp_engine_new(&eo, &e, NULL), LP_OK));
	const lp_bundle *installed = release_layout(e, rel, "plain");
	cr_assert(found_in(installed, "layouts"));
	plain_in(first);
	cr_assert(eq(ptr, (void *)release_layout(e, rel, "plain"), (void *)installed));
	/* A new engine looks again. */
	lp_engine *fresh;
	cr_assert(eq(int, lp_engine_new(&eo, &fresh, NULL), LP_OK));
	cr_assert(found_in(release_layout(fresh, rel, "plain"), "first_dir"));
	lp_engine_drop(fresh);
	/* The release's own folder is looked in each time. */
	plain_in(rel);
	cr_assert(found_in(release_layout(e, rel, "plain"), "releases"));
	lp_engine_drop(e);
}
