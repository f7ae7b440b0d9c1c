/* The files a render read (src/base/inputs.c, lp_render_file_result()):
 * the release and its signature picture on the release's side; the
 * layout's file, fonts and emblem on the layout's, also when the layout
 * was loaded by an earlier render; and, when a render fails, the file it
 * failed on, so that a watcher waits for it to be fixed. */
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
#include "base/inputs.h"

static char dir[] = "/tmp/lp_test_inputs_XXXXXX";
static char real_dir[4096];

static void
setup(void)
{
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
	cr_assert(ne(ptr, realpath(dir, real_dir), NULL));
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

TestSuite(inputs, .init = setup, .fini = teardown, .timeout = 120);

Test(inputs, listed_once_joined_and_layout_side_wins)
{
	lp_inputs *l = lp_inputs_new(LP_INPUT_RELEASE);
	cr_assert(ne(ptr, l, NULL));
	lp_inputs_note(l, NULL, "a.md");
	lp_inputs_note(l, "pics", "sig.png");
	lp_inputs_note(l, NULL, "a.md");
	lp_inputs *layout = lp_inputs_new(LP_INPUT_LAYOUT);
	lp_inputs_note(layout, NULL, "pics/sig.png"); /* the layout names it too */
	lp_inputs_note(layout, NULL, "/l/layout.yaml");
	lp_inputs_merge(l, layout);
	lp_inputs_merge(l, layout); /* a second document on the same layout */
	lp_input *v;
	size_t n;
	cr_assert(eq(int, lp_inputs_take(l, &v, &n), LP_OK));
	cr_assert(eq(sz, n, 3));
	cr_assert(eq(str, (char *)v[0].path, "a.md"));
	cr_assert(eq(int, v[0].kind, LP_INPUT_RELEASE));
	cr_assert(eq(str, (char *)v[1].path, "pics/sig.png"));
	cr_assert(eq(int, v[1].kind, LP_INPUT_LAYOUT));
	cr_assert(eq(str, (char *)v[2].path, "/l/layout.yaml"));
	cr_assert(eq(int, v[2].kind, LP_INPUT_LAYOUT));
	lp_render_result r = {.version = LP_RENDER_RESULT_VERSION, .inputs = v, .n_inputs = n};
	lp_render_result_clear(&r);
	cr_assert(eq(ptr, r.inputs, NULL));
	/* Taken: the list is empty again. */
	cr_assert(eq(int, lp_inputs_take(l, &v, &n), LP_OK));
	cr_assert(eq(sz, n, 0));
	lp_inputs_drop(layout);
	lp_inputs_drop(l);
}

static void
write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert(ne(ptr, f, NULL), "cannot write %s", path);
	fputs(text, f);
	cr_assert(eq(int, fclose(f), 0));
}

/* A shell command naming the test's folder twice (as %1$s). */
#define run(fmt)                                                                                   \
	do {                                                                                       \
		char cmd_[1024];                                                                   \
		snprintf(cmd_, sizeof cmd_, fmt, dir, dir);                                        \
		cr_assert(eq(int, system(cmd_), 0), "%s", cmd_);                                   \
	} while (0)

/* dir/lh: the memorandum layout with an extra font file of its own;
 * dir/rel.md on it, signed with dir/sig.jpg. */
static void
make_release(const char *sig)
{
	run("mkdir -p %s/lh && cp " LP_TEST_LAYOUTS_DIR "/memorandum/emblem.svg %s/lh/");
	run("cp " LP_TEST_FONTS_DIR "/NotoSerif-Bold.ttf %s/lh/own.ttf && cp " LP_TEST_DATA_DIR
	    "/images/photo.jpg %s/sig.jpg");
	run("sed 's/^fonts:$/fonts:\\n  files: [own.ttf]/' " LP_TEST_LAYOUTS_DIR
	    "/memorandum/layout.yaml > %s/lh/layout.yaml && grep -q own.ttf %s/lh/layout.yaml");
	char text[512];
	snprintf(text, sizeof text,
	        "---\nlayout: lh/layout.yaml\ntitle: Обавештење\ndate: 2024-10-15\n"
	        "organ: [Град Крагујевац]\nsignature: {name: Петар Петровић, function: начелник, "
	        "image: %s}\n---\nПрви пасус.\n",
	        sig);
	write_file("rel.md", text);
}

/* The kind of path in the list; -1 when it is not there. */
static int
kind_of(const lp_render_result *r, const char *path)
{
	for (size_t i = 0; i < r->n_inputs; i++)
		if (strcmp(r->inputs[i].path, path) == 0)
			return (int)r->inputs[i].kind;
	return -1;
}

static void
list_str(const lp_render_result *r, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < r->n_inputs; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s (%s)\n", r->inputs[i].path,
		        r->inputs[i].kind == LP_INPUT_LAYOUT ? "layout" : "release");
	}
}

static void
path2(char *buf, size_t size, const char *a, const char *b)
{
	snprintf(buf, size, "%s/%s", a, b);
}

Test(inputs, a_render_lists_its_release_layout_fonts_and_pictures)
{
	make_release("sig.jpg");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_engine *e;
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &e, diag), LP_OK));
	char rel[512], out[512], p[8192], list[4096];
	path2(rel, sizeof rel, dir, "rel.md");
	path2(out, sizeof out, dir, "rel.pdf");
	/* The second render finds the layout loaded: its files still count. */
	for (int round = 0; round < 2; round++) {
		lp_render_result r = {.version = LP_RENDER_RESULT_VERSION};
		lp_render_options ro = {.date_epoch = -1};
		cr_assert(eq(int, lp_render_file_result(e, rel, out, &ro, &r, diag), LP_OK));
		list_str(&r, list, sizeof list);
		cr_assert(eq(u32, r.pages, 1));
		cr_assert(eq(int, kind_of(&r, rel), LP_INPUT_RELEASE), "%s", list);
		path2(p, sizeof p, dir, "sig.jpg");
		cr_assert(eq(int, kind_of(&r, p), LP_INPUT_RELEASE), "%s", list);
		path2(p, sizeof p, real_dir, "lh/layout.yaml");
		cr_assert(eq(int, kind_of(&r, p), LP_INPUT_LAYOUT), "%s", list);
		path2(p, sizeof p, real_dir, "lh/own.ttf");
		cr_assert(eq(int, kind_of(&r, p), LP_INPUT_LAYOUT), "%s", list);
		path2(p, sizeof p, real_dir, "lh/emblem.svg");
		cr_assert(eq(int, kind_of(&r, p), LP_INPUT_LAYOUT), "%s", list);
		/* The engine's own data (base fonts, hyphenation) is not listed. */
		cr_assert(eq(sz, r.n_inputs, 5), "%s", list);
		lp_render_result_clear(&r);
		cr_assert(eq(sz, r.n_inputs, 0));
	}
	/* lp_render_file() lists nothing and leaves the diag as it was. */
	cr_assert(eq(int, lp_render_file(e, rel, out, NULL, diag), LP_OK));
	cr_assert(eq(sz, lp_diag_errors(diag), 0));
	lp_engine_drop(e);
	lp_diag_drop(diag);
}

Test(inputs, a_failed_render_lists_the_file_it_failed_on)
{
	make_release("nema.png");
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_engine *e;
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &e, diag), LP_OK));
	char rel[512], out[512], p[8192], list[4096];
	path2(rel, sizeof rel, dir, "rel.md");
	path2(out, sizeof out, dir, "rel.pdf");
	lp_render_result r = {.version = LP_RENDER_RESULT_VERSION};
	cr_assert(eq(int, lp_render_file_result(e, rel, out, NULL, &r, diag), LP_ERR_MISSING));
	list_str(&r, list, sizeof list);
	cr_assert(eq(u32, r.pages, 0));
	path2(p, sizeof p, dir, "nema.png");
	cr_assert(eq(int, kind_of(&r, p), LP_INPUT_RELEASE), "%s", list);
	cr_assert(eq(int, kind_of(&r, rel), LP_INPUT_RELEASE), "%s", list);
	lp_render_result_clear(&r);

	/* A layout that does not parse: this engine keeps the one it loaded
	 * (that is what layout-side means), a new engine reports it and lists
	 * its file, on its side. */
	write_file("lh/layout.yaml", "page: [\n");
	r = (lp_render_result){.version = LP_RENDER_RESULT_VERSION};
	cr_assert(eq(int, lp_render_file_result(e, rel, out, NULL, &r, diag), LP_ERR_MISSING));
	lp_render_result_clear(&r);
	lp_engine_drop(e);
	cr_assert(eq(int, lp_engine_new(&eo, &e, diag), LP_OK));
	cr_assert(eq(int, lp_render_file_result(e, rel, out, NULL, &r, diag), LP_ERR_SYNTAX));
	list_str(&r, list, sizeof list);
	path2(p, sizeof p, real_dir, "lh/layout.yaml");
	cr_assert(eq(int, kind_of(&r, p), LP_INPUT_LAYOUT), "%s", list);
	lp_render_result_clear(&r);

	/* A layout path the release names that is not there yet. */
	write_file("rel.md", "---\nlayout: drugi/layout.yaml\ntitle: Обавештење\n---\nТекст.\n");
	r = (lp_render_result){.version = LP_RENDER_RESULT_VERSION};
	cr_assert(eq(int, lp_render_file_result(e, rel, out, NULL, &r, diag), LP_ERR_MISSING));
	list_str(&r, list, sizeof list);
	path2(p, sizeof p, dir, "drugi/layout.yaml");
	cr_assert(eq(int, kind_of(&r, p), LP_INPUT_RELEASE), "%s", list);
	lp_render_result_clear(&r);

	/* A missing release is listed too (it may be on its way). */
	path2(p, sizeof p, dir, "none.md");
	r = (lp_render_result){.version = LP_RENDER_RESULT_VERSION};
	cr_assert(eq(int, lp_render_file_result(e, p, out, NULL, &r, diag), LP_ERR_MISSING));
	cr_assert(eq(sz, r.n_inputs, 1));
	cr_assert(eq(str, (char *)r.inputs[0].path, p));
	lp_render_result_clear(&r);
	cr_assert(not(access(out, F_OK) == 0), "a failed render wrote %s", out);
	lp_engine_drop(e);
	lp_diag_drop(diag);
}

Test(inputs, an_unknown_result_version_is_refused)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_render_result r = {.version = LP_RENDER_RESULT_VERSION + 1};
	cr_assert(eq(
	        int, lp_render_file_result(NULL, "x.md", "x.pdf", NULL, &r, diag), LP_ERR_USAGE));
	cr_assert(eq(sz, lp_diag_errors(diag), 1));
	cr_assert(eq(ptr, r.inputs, NULL));
	cr_assert(eq(
	        int, lp_render_file_result(NULL, "x.md", "x.pdf", NULL, NULL, diag), LP_ERR_USAGE));
	lp_render_result_clear(NULL);
	lp_diag_drop(diag);
}
