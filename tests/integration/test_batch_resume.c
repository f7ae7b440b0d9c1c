/* letterpress batch interrupted, by kill -9 at random moments, by SIGINT
 * and SIGTERM, by a full disk, and run again with --resume: the archive
 * ends byte for byte as an uninterrupted run leaves it, with nothing
 * temporary left; and no release is recorded before its output is
 * durable. */
#include <sys/wait.h>

#include "batch_util.h"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(batch_resume, 240);

/* letterpress ARGS in the test's folder; stdout and stderr into out. */
#define lp(...) lp_in(out, sizeof out, dir, __VA_ARGS__)

static char *
at(const char *name)
{
	static char paths[4][256];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, sizeof paths[0], "%s/%s", dir, name);
	return p;
}

/* Lines in the journal after its header: releases recorded so far. */
static int
journalled(const char *archive)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s/.letterpress/journal", dir, archive);
	static char buf[1 << 18];
	long n = read_text(path, buf, sizeof buf);
	int lines = 0;
	for (long i = 0; i < n; i++)
		lines += buf[i] == '\n';
	return lines ? lines - 1 : 0;
}

Test(batch_resume, killed_again_and_again_then_resumed_equals_one_run)
{
	make_releases(dir, "src/a", 60);
	make_releases(dir, "src/b", 60);
	write_text(dir, "src/b/bad.md", "---\ndate: 2024-02-30\n---\nText.\n");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert(eq(int, lp("batch src -o %s --jobs 2", "ref"), 65), "%s", out);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* Kills land at a random 2-30 % of a whole run's time, so that they
	 * fall mid-batch on a fast build and a slow (sanitized, loaded) one. */
	long ref_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;

	const char *args[] = {"batch", "src", "-o", "arch", "--jobs", "2", "--resume", NULL};
	srand((unsigned)time(NULL));
	int kills = 0, last = 0;
	for (int round = 0; round < 12 && kills < 6; round++) {
		pid_t pid = spawn_lp(dir, args);
		sleep_ms((int)(ref_ms * (2 + rand() % 29) / 100));
		kill(pid, SIGKILL);
		int st;
		waitpid(pid, &st, 0);
		if (WIFSIGNALED(st))
			kills++;
		int now = journalled("arch");
		cr_assert(ge(int, now, last), "the journal only grows");
		last = now;
		cr_assert(eq(int, !file_exists(at("arch/manifest.jsonl")) || WIFEXITED(st), 1),
		        "no manifest until a run finishes");
	}
	cr_assert(ge(int, kills, 5), "killed %d times", kills);
	cr_assert(eq(int, lp("batch src -o %s --jobs 2 --resume", "arch"), 65), "%s", out);
	if (last > 0)
		cr_assert(ne(ptr, strstr(out, "kept from the earlier run"), NULL), "%s", out);
	assert_same_archive(at("ref"), at("arch"));
	assert_no_leftovers(at("arch"));
}

static void
signal_then_resume(int sig)
{
	/* Enough releases that the run outlasts its first group of commits
	 * (batch.c: GROUP_SIZE, GROUP_NS). */
	enum { N = 150 };
	make_releases(dir, "src", N);
	cr_assert(eq(int, lp("batch src -o %s --jobs 1", "ref"), 0), "%s", out);
	const char *args[] = {"batch", "src", "-o", "arch", "--jobs", "1", NULL};
	pid_t pid = spawn_lp(dir, args);
	/* Once some releases are in, while others are being rendered. */
	for (int i = 0; i < 3000 && journalled("arch") < 2; i++)
		sleep_ms(5);
	kill(pid, sig);
	int st;
	waitpid(pid, &st, 0);
	cr_assert(eq(int, WIFSIGNALED(st) && WTERMSIG(st) == sig, 1),
	        "dies of the signal (status %d)", st);
	int done = journalled("arch");
	cr_assert(lt(int, done, N), "stopped early");
	cr_assert(not(file_exists(at("arch/manifest.jsonl"))));
	cr_assert(not(file_exists(at("arch/.letterpress/tmp"))), "its temporary folder is gone");
	assert_no_leftovers(at("arch"));
	cr_assert(eq(int, lp("batch src -o %s --jobs 2 --resume", "arch"), 0), "%s", out);
	char want[64];
	snprintf(want, sizeof want, "(%d kept from the earlier run)", done);
	cr_assert(ne(ptr, strstr(out, want), NULL), "%s", out);
	assert_same_archive(at("ref"), at("arch"));
}

Test(batch_resume, sigterm_stops_cleanly_and_resume_finishes)
{
	signal_then_resume(SIGTERM);
}

Test(batch_resume, sigint_stops_cleanly_and_resume_finishes)
{
	signal_then_resume(SIGINT);
}

Test(batch_resume, resume_keeps_only_what_still_hashes_as_journalled)
{
	make_releases(dir, "src", 4);
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 0), "%s", out);
	/* One source edited, one output damaged: both are rendered again. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && printf 'More.\\n' >> src/r01.md && "
	                          "printf 'x' | dd of=arch/r02.pdf bs=1 seek=100 conv=notrunc "
	                          "2>/dev/null",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, lp("batch src -o %s --resume", "arch"), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "4 releases, 4 ok, 0 failed (2 kept from the earlier run)"),
	                  NULL),
	        "%s", out);
	cr_assert(eq(int, lp("batch src -o %s", "ref"), 0), "%s", out);
	assert_same_archive(at("ref"), at("arch"));
	/* Other options are another run: nothing is kept. */
	cr_assert(eq(int, lp("batch src -o %s --resume --layout plain", "arch"), 0), "%s", out);
	cr_assert(eq(ptr, strstr(out, "kept"), NULL), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "arch/.letterpress/journal: warning: written by another "
	                              "build of letterpress or with other options"),
	                  NULL),
	        "%s", out);
}

/* A journal written by another build of letterpress is another run, even
 * under the same version: a fix that changes output bytes need not change
 * the version, and resuming would keep the old build's outputs. The other
 * build here is the same library with one message's letter changed (what
 * a rebuilt library differs by is its code and constants as loaded),
 * found first through LD_LIBRARY_PATH (and, away from the build, told
 * where the fonts are). */
Test(batch_resume, a_journal_of_another_build_keeps_nothing)
{
	make_releases(dir, "src", 2);
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 0), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd '%s' && mkdir other && "
	                          "sed 's/file ID could not be computed/file ID could not be "
	                          "Computed/' "
	                          "'%s/libletterpress.so.0' > other/libletterpress.so.0 && "
	                          "! cmp -s other/libletterpress.so.0 '%s/libletterpress.so.0'",
	                          dir, LP_TEST_BUILDDIR, LP_TEST_BUILDDIR),
	                  0),
	        "%s", out);
	cr_assert(eq(int, lp("batch src -o %s --resume", "arch"), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "(2 kept from the earlier run)"), NULL), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd '%s' && LD_LIBRARY_PATH=other LETTERPRESS_DATA='%s' " LP
	                          " batch src -o arch --resume",
	                          dir, LP_TEST_SRCDIR),
	                  0),
	        "%s", out);
	cr_assert(eq(ptr, strstr(out, "kept"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "written by another build"), NULL), "%s", out);
}

/* Runs a shell command in the test's folder, which must succeed. */
static void
in_dir(const char *cmd)
{
	cr_assert(eq(int, sh(out, sizeof out, "cd '%s' && %s", dir, cmd), 0), "%s: %s", cmd, out);
}

/* Exports src to arch, then resumes it twice: unchanged, every one of the
 * three releases is kept; after change (a shell command) only two are,
 * and the archive is what a fresh run makes. */
static void
resume_after(const char *change)
{
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 0), "%s", out);
	cr_assert(eq(int, lp("batch src -o %s --resume", "arch"), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "(3 kept from the earlier run)"), NULL), "%s", out);
	in_dir(change);
	cr_assert(eq(int, lp("batch src -o %s --resume", "arch"), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "3 releases, 3 ok, 0 failed (2 kept from the earlier run)"),
	                  NULL),
	        "%s", out);
	cr_assert(eq(int, lp("batch src -o %s", "ref"), 0), "%s", out);
	assert_same_archive(at("ref"), at("arch"));
}

#define RECOLOUR "sed -i 's/fill=\"#[0-9a-fA-F]*\"/fill=\"#00aa00\"/' "

/* A release's output depends on its pictures too: one that changed is
 * rendered again, one that is gone is a failure, and the rest are kept. */
Test(batch_resume, a_changed_picture_is_rendered_again)
{
	make_releases(dir, "src", 3);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cp '%s/predsednik/emblem.svg' src/a.svg && cp src/a.svg src/b.svg && "
	        "printf '\\n![Грб](a.svg)\\n' >> src/r01.md && "
	        "printf '\\n![Грб](b.svg)\\n' >> src/r02.md",
	        LP_TEST_LAYOUTS_DIR);
	in_dir(cmd);
	resume_after(RECOLOUR "src/a.svg");
	/* A picture gone: that release fails, its old output removed. */
	in_dir("rm src/b.svg");
	cr_assert(eq(int, lp("batch src -o %s --resume", "arch"), 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "(2 kept from the earlier run)"), NULL), "%s", out);
	cr_assert(ne(int, access(at("arch/r02.pdf"), F_OK), 0), "the old output stayed");
}

/* And on its layout: a release set with a layout whose emblem changed is
 * rendered again; those set with other layouts are kept. */
Test(batch_resume, a_changed_layout_is_rendered_again)
{
	make_releases(dir, "src", 3);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cp -r '%s/predsednik' src/lay && "
	        "sed -i 's/^layout: .*/layout: lay\\/layout.yaml/' src/r01.md",
	        LP_TEST_LAYOUTS_DIR);
	in_dir(cmd);
	resume_after(RECOLOUR "src/lay/emblem.svg");
}

/* A layout is its file and every file it extends: a change in the one it
 * extends changes its output as much. */
Test(batch_resume, a_change_in_the_layout_it_extends_is_rendered_again)
{
	make_releases(dir, "src", 3);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "mkdir src/lay && cp -r '%s/predsednik' src/lay/base && "
	        "printf 'extends: base/layout.yaml\\n' > src/lay/layout.yaml && "
	        "sed -i 's/^layout: .*/layout: lay\\/layout.yaml/' src/r01.md",
	        LP_TEST_LAYOUTS_DIR);
	in_dir(cmd);
	resume_after("sed -i '0,/size: 11pt/s//size: 12pt/' src/lay/base/layout.yaml");
}

Test(batch_resume, a_full_disk_is_exit_74_and_resume_finishes)
{
	make_releases(dir, "src", 6);
	cr_assert(eq(int, lp("batch src -o %s", "ref"), 0), "%s", out);
	/* Every output is larger than 12 KiB: the first one fails. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && rm -rf arch && (ulimit -f 24; exec " LP
	                          " batch src -o arch)",
	                          dir),
	                  74),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "arch/r0"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "File too large"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "run again with --resume"), NULL), "%s", out);
	cr_assert(not(file_exists(at("arch/manifest.jsonl"))));
	assert_no_leftovers(at("arch"));
	cr_assert(eq(int, lp("batch src -o %s --resume", "arch"), 0), "%s", out);
	assert_same_archive(at("ref"), at("arch"));
}

/* The order of the system calls says it: each output is renamed into its
 * folder, that folder fsynced, and only then is its record written. */
Test(batch_resume, no_release_is_recorded_before_its_output_is_durable)
{
	if (sh(out, sizeof out, "command -v strace") != 0)
		cr_skip_test("strace is not installed");
	make_releases(dir, "src/a", 4);
	make_releases(dir, "src/b", 4);
	/* Names of their own in each folder, so a rename says which output. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s/src/b && for f in r*.md; do mv $f s${f#r}; done", dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && LSAN_OPTIONS=detect_leaks=0 strace -f -y -qq -o trace "
	                          "-e trace=openat,renameat,fsync,syncfs,write -e signal=none -s "
	                          "1000000 " LP " batch src -o arch --jobs 2",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(
	        eq(int,
	                sh(out, sizeof out,
	                        "python3 " LP_TEST_SRCDIR "/tests/batch/durable_order.py %s/trace",
	                        dir),
	                0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "8 records"), NULL), "%s", out);
}
