/* The command-line tool as a user runs it. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "test-config.h"

static int
run(const char *args, char *out, size_t size)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s %s 2>&1", LP_TEST_LETTERPRESS, args);
	FILE *p = popen(cmd, "r");
	size_t n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(cli, version_prints_name_and_version)
{
	char out[256];
	cr_assert(eq(int, run("--version", out, sizeof out), 0));
	cr_assert(eq(int, strncmp(out, "letterpress ", 12), 0));
	cr_assert(ne(ptr, strchr(out, '.'), NULL));
}

Test(cli, help_lists_every_subcommand)
{
	char out[4096];
	cr_assert(eq(int, run("--help", out, sizeof out), 0));
	const char *cmds[] = {"render", "batch", "check", "layouts"};
	for (size_t i = 0; i < 4; i++)
		cr_assert(ne(ptr, strstr(out, cmds[i]), NULL), "missing %s", cmds[i]);
}

Test(cli, unknown_command_is_a_usage_error)
{
	char out[1024];
	cr_assert(eq(int, run("frobnicate", out, sizeof out), 64));
	cr_assert(eq(int, run("", out, sizeof out), 64));
}

/* ---- Files in and out, as a user meets them ---------------------------- */

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char dir[64];
static char out[1 << 14];

static void
files_setup(void)
{
	make_temp_dir(dir, sizeof dir);
}

static void
files_teardown(void)
{
	remove_temp_dir(dir);
}

TestSuite(files, .init = files_setup, .fini = files_teardown, .timeout = 60);

/* A release in dir/rel/ with front matter lines `extra` (one per line). */
static void
write_release(const char *extra)
{
	char path[128];
	snprintf(path, sizeof path, "%s/rel", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/rel/r.md", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f != NULL);
	fprintf(f, "---\ntitle: Наслов\n%s---\nТекст саопштења.\n", extra);
	fclose(f);
}

Test(files, signature_image_outside_the_release_folder_is_refused)
{
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "cp " LP_TEST_DATA_DIR "/images/photo.jpg %s/photo.jpg"
	                " && ln -s ../photo.jpg %s/link.jpg",
	                dir, dir),
	        0));
	mkdir(strcat(strcpy(out, dir), "/rel"), 0700);
	cr_assert(eq(int, sh(out, sizeof out, "ln -s ../photo.jpg %s/rel/link.jpg", dir), 0));
	const char *paths[] = {"../photo.jpg", "link.jpg", LP_TEST_DATA_DIR "/images/photo.jpg"};
	for (size_t i = 0; i < 3; i++) {
		char fm[512];
		snprintf(fm, sizeof fm,
		        "layout: memorandum\nsignature:\n  name: П. П.\n  image: %s\n", paths[i]);
		write_release(fm);
		cr_assert(eq(int,
		                  sh(out, sizeof out, LP " render %s/rel/r.md -o %s/rel/r.pdf", dir,
		                          dir),
		                  65),
		        "%s: %s", paths[i], out);
		char want[512];
		snprintf(want, sizeof want,
		        "r.md:6:10: error: 'signature.image' must be a file inside "
		        "the release's folder; '%s' is not",
		        paths[i]);
		cr_assert(ne(ptr, strstr(out, want), NULL), "%s", out);
		cr_assert(eq(int, count_files(strcat(strcpy(out, dir), "/rel")),
		        2)); /* r.md, link.jpg */
	}
}

Test(files, fifo_release_and_fifo_picture_do_not_hang)
{
	cr_assert(eq(int, sh(out, sizeof out, "mkfifo %s/r.md", dir), 0));
	cr_assert(eq(int,
	                  sh(out, sizeof out, "timeout 20 " LP " render %s/r.md -o %s/r.pdf", dir,
	                          dir),
	                  66),
	        "%s", out);
	cr_assert(
	        ne(ptr,
	                strstr(out,
	                        "r.md: error: is a FIFO (named pipe); only a regular file is read"),
	                NULL),
	        "%s", out);
	write_release("layout: memorandum\nsignature: {name: П. П., image: pipe.png}\n");
	cr_assert(eq(int, sh(out, sizeof out, "mkfifo %s/rel/pipe.png", dir), 0));
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "timeout 20 " LP " render %s/rel/r.md -o %s/rel/r.pdf", dir, dir),
	                  66),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out,
	                          "r.md:4:33: error: 'signature.image' names 'pipe.png', which is "
	                          "a FIFO"),
	                  NULL),
	        "%s", out);
	cr_assert(not(file_exists(strcat(strcpy(out, dir), "/rel/r.pdf"))));
}

Test(files, front_matter_layout_is_a_name_or_a_path_inside)
{
	char yaml[160];
	snprintf(yaml, sizeof yaml, "%s/kv.yaml", dir);
	FILE *f = fopen(yaml, "w");
	fputs("password: hunter2\nsecret: [1, 2]\n", f);
	fclose(f);
	write_release("layout: ../kv.yaml\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/rel/r.md -o %s/rel/r.pdf", dir, dir),
	                  65),
	        "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "r.md:3:9: error: 'layout' must be a layout name or a path "
	                              "inside the release's folder; '../kv.yaml' is not"),
	                  NULL),
	        "%s", out);
	/* Inside the folder, a file that is not a layout is not shown. */
	cr_assert(eq(int, sh(out, sizeof out, "cp %s %s/rel/kv.yaml", yaml, dir), 0));
	write_release("layout: ./kv.yaml\n");
	cr_assert(eq(int, sh(out, sizeof out, LP " render %s/rel/r.md -o %s/rel/r.pdf", dir, dir),
	                  65),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "kv.yaml:1:1: error: not a layout"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "hunter2"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "password"), NULL), "%s", out);
	/* A name is looked up among the layouts, not in the working folder. */
	write_release("layout: kv\n");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && mkdir kv && cp kv.yaml kv/layout.yaml && " LP
	                          " render rel/r.md -o rel/r.pdf",
	                          dir),
	                  66),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "r.md:3:9: error: no layout named 'kv'"), NULL), "%s", out);
	/* A layout of the release's own, beside it, is fine. */
	cr_assert(eq(int,
	        sh(out, sizeof out, "cp -r " LP_TEST_SRCDIR "/layouts/memorandum %s/rel/own", dir),
	        0));
	/* By name too: the release's folder is the first place a name is
	 * looked up. */
	write_release("layout: own\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " render -q %s/rel/r.md -o %s/rel/r.pdf", dir, dir),
	                0),
	        "%s", out);
	write_release("layout: own/\n");
	cr_assert(
	        eq(int, sh(out, sizeof out, LP " render -q %s/rel/r.md -o %s/rel/r.pdf", dir, dir),
	                0),
	        "%s", out);
}

Test(files, layout_assets_stay_in_the_layout_folder)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cp -r " LP_TEST_SRCDIR "/layouts/memorandum %s/lay && "
	                          "cp %s/lay/emblem.svg %s/outside.svg && sed -i 's#asset: "
	                          "emblem.svg#asset: ../outside.svg#' "
	                          "%s/lay/layout.yaml && grep -n 'asset:' %s/lay/layout.yaml",
	                          dir, dir, dir, dir, dir),
	                  0),
	        "%s", out);
	int line = atoi(out);
	write_release("");
	cr_assert(eq(int,
	                  sh(out, sizeof out, LP " render %s/rel/r.md -o %s/r.pdf --layout %s/lay",
	                          dir, dir, dir),
	                  65),
	        "%s", out);
	char want[256];
	snprintf(want, sizeof want,
	        "lay/layout.yaml:%d:14: error: 'asset' must be a file inside the "
	        "layout's folder; '../outside.svg' is not",
	        line);
	cr_assert(ne(ptr, strstr(out, want), NULL), "%s", out);
	cr_assert(not(file_exists(strcat(strcpy(out, dir), "/r.pdf"))));
}

Test(files, missing_layout_folder_is_66)
{
	write_release("");
	cr_assert(
	        eq(int,
	                sh(out, sizeof out, LP " render %s/rel/r.md -o %s/r.pdf --layout %s/none/",
	                        dir, dir, dir),
	                66),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "none/: error: no layout"), NULL), "%s", out);
}

Test(files, output_may_not_be_the_input_or_a_special_file)
{
	write_release("");
	const char *targets[] = {"rel/r.md", "./rel/../rel/r.md", "link.md", "hard.md"};
	cr_assert(eq(int,
	        sh(out, sizeof out, "cd %s && ln -s rel/r.md link.md && ln rel/r.md hard.md", dir),
	        0));
	for (size_t i = 0; i < 4; i++) {
		cr_assert(eq(int,
		                  sh(out, sizeof out, "cd %s && " LP " render rel/r.md -o %s", dir,
		                          targets[i]),
		                  73),
		        "%s", out);
		cr_assert(
		        ne(ptr,
		                strstr(out,
		                        "error: is the input 'rel/r.md'; writing the output there "
		                        "would destroy it"),
		                NULL),
		        "%s", out);
	}
	cr_assert(eq(int, sh(out, sizeof out, "cd %s && grep -c Текст rel/r.md", dir), 0));
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "cd %s && mkfifo pipe.pdf && mkdir folder.pdf && "
	                "ls -A | wc -l",
	                dir),
	        0));
	int before = atoi(out);
	const char *special[][2] = {{"/dev/null", "a character device"}, {"pipe.pdf", "a FIFO"},
	        {"folder.pdf", "a folder"}};
	for (size_t i = 0; i < 3; i++) {
		cr_assert(eq(int,
		                  sh(out, sizeof out,
		                          "cd %s && timeout 20 " LP " render rel/r.md -o %s", dir,
		                          special[i][0]),
		                  73),
		        "%s", out);
		char want[128];
		snprintf(want, sizeof want, "%s: error: is %s", special[i][0], special[i][1]);
		cr_assert(ne(ptr, strstr(out, want), NULL), "%s", out);
	}
	cr_assert(eq(int, count_files(dir), before));
	cr_assert(eq(int, sh(out, sizeof out, "test -c /dev/null"), 0));
}

/* A symbolic link at the target is replaced by the output; the file it
 * pointed at is left as it was. */
Test(files, a_link_at_the_target_is_replaced_not_followed)
{
	write_release("");
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && echo keep > kept.pdf && ln -s kept.pdf out.pdf "
	                          "&& " LP " render -q rel/r.md -o out.pdf && test ! -L out.pdf && "
	                          "head -c 5 out.pdf && "
	                          "cat kept.pdf",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(str, out, "%PDF-keep\n"));
}

Test(files, stale_temporary_files_of_dead_runs_are_removed)
{
	write_release("");
	/* A PID that has just exited, one that is alive (ours), and a name
	 * that is not letterpress's. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && dead=$(sh -c 'echo $$') && "
	                          "touch .r.pdf.lp-$dead-aB3dE9.tmp .x.lp-$$-aB3dE9.tmp "
	                          ".r.pdf.XYZ123 && " LP " render -q rel/r.md -o r.pdf && ls -A",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(ptr, strstr(out, ".r.pdf.lp-"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, ".x.lp-"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, ".r.pdf.XYZ123"), NULL), "%s", out);
}

Test(files, too_many_layouts_in_a_folder_is_reported)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "mkdir -p %s/data/layouts %s/data/fonts && cd %s/data/layouts && "
	                          "seq -f l%%g 0 1000 | xargs mkdir && seq -f l%%g/layout.yaml 0 "
	                          "1000 | xargs touch",
	                          dir, dir, dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cp " LP_TEST_SRCDIR "/fonts/*.ttf %s/data/fonts && "
	                          "{ LETTERPRESS_DATA=%s/data " LP " layouts > /dev/null; }",
	                          dir, dir),
	                  65),
	        "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "layouts: error: more than 1000 layouts in one folder"), NULL),
	        "%s", out);
}

/* Layouts are told apart by their real path: a release's own layout
 * folder named like a shipped layout does not stand in for it in a batch. */
Test(files, a_release_layout_does_not_shadow_a_shipped_one)
{
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && mkdir a b && cp -r " LP_TEST_SRCDIR
	                          "/layouts/memorandum a/memorandum && sed -i 's/size: A4/size: "
	                          "A3/' a/memorandum/layout.yaml"
	                          " && printf -- '---\\nlayout: ./memorandum\\n---\\nТекст.\\n' > "
	                          "a/a.md && "
	                          "printf -- '---\\nlayout: memorandum\\n---\\nТекст.\\n' > b/b.md "
	                          "&& mkdir out && " LP " batch -q a/a.md b/b.md -o out && pdfinfo "
	                          "out/a/a.pdf | grep 'Page size' && "
	                          "pdfinfo out/b/b.pdf | grep 'Page size'",
	                          dir),
	                  0),
	        "%s", out);
	char *b = strstr(out, "\n");
	cr_assert(ne(ptr, strstr(out, "841.89 x 1190.55"), NULL), "a.md is not on A3: %s", out);
	cr_assert(ne(ptr, b ? strstr(b, "595.276 x 841.89") : NULL, NULL), "b.md is not on A4: %s",
	        out);
}
