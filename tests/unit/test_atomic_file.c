#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/atomic_file.h"

static char dir[64];

static void
make_dir(void)
{
	strcpy(dir, "/tmp/lp-atomic-XXXXXX");
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
}

static int
count_entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void
remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert(eq(int, system(cmd), 0));
}

TestSuite(atomic_file, .init = make_dir, .fini = remove_dir);

Test(atomic_file, write_replaces_target_and_leaves_no_temp)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	FILE *f = fopen(path, "w");
	fputs("old", f);
	fclose(f);
	cr_assert(eq(int, lp_atomic_write(path, "new content", 11, NULL), LP_OK));
	char buf[32] = {0};
	f = fopen(path, "r");
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	cr_assert(eq(sz, n, 11));
	cr_assert(eq(str, buf, "new content"));
	cr_assert(eq(int, count_entries(), 1));
}

Test(atomic_file, abort_keeps_old_target_and_removes_temp)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	cr_assert(eq(int, lp_atomic_write(path, "keep", 4, NULL), LP_OK));
	lp_atomic_file *af;
	cr_assert(eq(int, lp_atomic_file_open(path, &af, NULL), LP_OK));
	cr_assert(eq(int, lp_atomic_file_write(af, "partial", 7, NULL), LP_OK));
	cr_assert(eq(int, count_entries(), 2));
	lp_atomic_file_abort(af);
	cr_assert(eq(int, count_entries(), 1));
	struct stat st;
	cr_assert(eq(int, stat(path, &st), 0));
	cr_assert(eq(i64, (long long)st.st_size, 4));
}

/* A writer of several files closes each temporary file when written and
 * renames none until all are: closed, the old target is still there;
 * committed, the new one is. */
Test(atomic_file, closed_temporary_file_is_published_on_commit)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.png", dir);
	cr_assert(eq(int, lp_atomic_write(path, "old", 3, NULL), LP_OK));
	lp_atomic_file *af;
	cr_assert(eq(int, lp_atomic_file_open(path, &af, NULL), LP_OK));
	cr_assert(eq(int, lp_atomic_file_write(af, "new!", 4, NULL), LP_OK));
	cr_assert(eq(int, lp_atomic_file_close(af, NULL), LP_OK));
	struct stat st;
	cr_assert(eq(int, stat(path, &st), 0));
	cr_assert(eq(long, (long)st.st_size, 3), "the old target is kept until the commit");
	cr_assert(eq(int, count_entries(), 2));
	cr_assert(eq(int, lp_atomic_file_commit(af, NULL), LP_OK));
	cr_assert(eq(int, stat(path, &st), 0));
	cr_assert(eq(long, (long)st.st_size, 4));
	cr_assert(eq(int, count_entries(), 1));
}

Test(atomic_file, closed_temporary_file_is_removed_on_abort)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.png", dir);
	lp_atomic_file *af;
	cr_assert(eq(int, lp_atomic_file_open(path, &af, NULL), LP_OK));
	cr_assert(eq(int, lp_atomic_file_write(af, "new!", 4, NULL), LP_OK));
	cr_assert(eq(int, lp_atomic_file_close(af, NULL), LP_OK));
	lp_atomic_file_abort(af);
	cr_assert(eq(int, count_entries(), 0));
}

/* The scratch file has no name in TMPDIR, yet reads back what was
 * written at any offset. */
Test(atomic_file, scratch_file_leaves_no_name)
{
	char *was = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", dir, 1);
	int fd = lp_scratch_file_open();
	if (was)
		setenv("TMPDIR", was, 1);
	else
		unsetenv("TMPDIR");
	free(was);
	cr_assert(ge(int, fd, 0));
	cr_assert(eq(int, count_entries(), 0));
	cr_assert(eq(long, (long)pwrite(fd, "abcdef", 6, 0), 6));
	cr_assert(eq(long, (long)pwrite(fd, "XY", 2, 2), 2));
	char buf[8] = {0};
	cr_assert(eq(long, (long)pread(fd, buf, 6, 0), 6));
	cr_assert(eq(str, buf, "abXYef"));
	close(fd);
	cr_assert(eq(int, count_entries(), 0));
}

Test(atomic_file, missing_folder_is_an_output_error)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_atomic_write("/nonexistent-dir/x.pdf", "x", 1, d), LP_ERR_OUTPUT));
	cr_assert(eq(sz, lp_diag_count(d, LP_ERROR), 1));
	lp_diag_drop(d);
}

/* The temporary file is recognisable: .NAME.lp-PID-XXXXXX.tmp. */
Test(atomic_file, temporary_name_carries_the_pid)
{
	char path[128], want[64];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	lp_atomic_file *af;
	cr_assert(eq(int, lp_atomic_file_open(path, &af, NULL), LP_OK));
	const char *temp = strrchr(lp_atomic_file_temp_path(af), '/') + 1;
	snprintf(want, sizeof want, ".out.pdf.lp-%ld-", (long)getpid());
	cr_assert(eq(int, strncmp(temp, want, strlen(want)), 0), "%s", temp);
	cr_assert(eq(sz, strlen(temp), strlen(want) + 6 + 4));
	cr_assert(eq(str, (char *)temp + strlen(temp) - 4, ".tmp"));
	lp_atomic_file_abort(af);
}

/* The mode is 0666 less the umask, as for any file a program creates. */
Test(atomic_file, output_mode_follows_the_umask)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	mode_t old = umask(027);
	lp_status s = lp_atomic_write(path, "x", 1, NULL);
	umask(old);
	cr_assert(eq(int, s, LP_OK));
	struct stat st;
	cr_assert(eq(int, stat(path, &st), 0));
	cr_assert(eq(u32, (unsigned)(st.st_mode & 0777), 0640));
}

/* A temporary file whose process is gone is removed by the next write
 * into the folder; a live process's, a link, and other names are not. */
Test(atomic_file, stale_temporary_files_are_removed)
{
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	cr_assert(eq(int, waitpid(child, NULL, 0), child));
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "cd %s && touch .a.pdf.lp-%ld-Abc123.tmp .b.pdf.lp-%ld-Abc123.tmp "
	        ".c.pdf.lp-%ld-Abc12.tmp .d.pdf.XXXXXX && ln -s /nonexistent "
	        ".e.pdf.lp-%ld-Abc123.tmp",
	        dir, (long)child, (long)getppid(), (long)child, (long)child);
	cr_assert(eq(int, system(cmd), 0));
	cr_assert(eq(int, count_entries(), 5));
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	cr_assert(eq(int, lp_atomic_write(path, "x", 1, NULL), LP_OK));
	/* Gone: the dead child's .a; kept: .b (our parent, alive), .c (not our
	 * pattern), .d (not ours), .e (a link); plus out.pdf. */
	cr_assert(eq(int, count_entries(), 5));
	snprintf(cmd, sizeof cmd, "test ! -e %s/.a.pdf.lp-%ld-Abc123.tmp", dir, (long)child);
	cr_assert(eq(int, system(cmd), 0));
}

/* A child that set up the signal cleanup with SIGHUP as hup (SIG_DFL, as
 * a terminal starts it, even when the suite runs under nohup; SIG_IGN,
 * as nohup does), opened out.pdf's temporary file and wrote to it, and
 * now waits; its pid once it is there. */
static pid_t
child_with_a_temporary(void (*hup)(int))
{
	int fds[2];
	cr_assert(eq(int, pipe(fds), 0));
	pid_t child = fork();
	if (child == 0) {
		char path[128];
		snprintf(path, sizeof path, "%s/out.pdf", dir);
		lp_atomic_file *af;
		signal(SIGHUP, hup);
		if (lp_cleanup_on_signals() != LP_OK ||
		        lp_atomic_file_open(path, &af, NULL) != LP_OK ||
		        lp_atomic_file_write(af, "partial", 7, NULL) != LP_OK)
			_exit(1);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	char c;
	cr_assert(eq(int, (int)read(fds[0], &c, 1), 1));
	close(fds[0]);
	close(fds[1]);
	return child;
}

/* SIGINT, SIGTERM, SIGHUP: the temporary file goes, and the process still
 * dies of the signal. */
Test(atomic_file, signals_remove_the_temporary_file)
{
	const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < 3; i++) {
		pid_t child = child_with_a_temporary(SIG_DFL);
		cr_assert(eq(int, count_entries(), 1)); /* the temporary file */
		kill(child, sigs[i]);
		int status;
		cr_assert(eq(int, waitpid(child, &status, 0), child));
		cr_assert(eq(int, !!WIFSIGNALED(status), 1));
		cr_assert(eq(int, WTERMSIG(status), sigs[i]));
		cr_assert(eq(int, count_entries(), 0));
	}
}

/* Under nohup, SIGHUP stays ignored: the render goes on (and still cleans
 * up on the signals it was not told to ignore). */
Test(atomic_file, an_ignored_sighup_stays_ignored)
{
	pid_t child = child_with_a_temporary(SIG_IGN);
	kill(child, SIGHUP);
	usleep(200 * 1000);
	int status;
	cr_assert(eq(int, waitpid(child, &status, WNOHANG), 0), "SIGHUP ended the process");
	cr_assert(eq(int, count_entries(), 1), "the temporary file is still there");
	kill(child, SIGTERM);
	cr_assert(eq(int, waitpid(child, &status, 0), child));
	cr_assert(eq(int, WTERMSIG(status), SIGTERM));
	cr_assert(eq(int, count_entries(), 0));
}

Test(atomic_file, targets_that_must_not_be_replaced)
{
	char in[128], link[128], out[128];
	snprintf(in, sizeof in, "%s/in.md", dir);
	snprintf(link, sizeof link, "%s/link.pdf", dir);
	FILE *f = fopen(in, "w");
	fputs("release", f);
	fclose(f);
	cr_assert(eq(int, symlink("in.md", link), 0));
	const char *inputs[] = {in};
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_output_check(in, inputs, 1, d), LP_ERR_OUTPUT));
	cr_assert(eq(int, lp_output_check(link, inputs, 1, d), LP_ERR_OUTPUT));
	cr_assert(eq(int, lp_output_check("/dev/null", inputs, 1, d), LP_ERR_OUTPUT));
	cr_assert(eq(int, lp_output_check(dir, inputs, 1, d), LP_ERR_OUTPUT));
	cr_assert(eq(int, lp_output_check("-", inputs, 1, d), LP_OK));
	snprintf(out, sizeof out, "%s/new.pdf", dir);
	cr_assert(eq(int, lp_output_check(out, inputs, 1, d), LP_OK));
	cr_assert(eq(int, lp_atomic_write("/dev/null", "x", 1, d), LP_ERR_OUTPUT));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 4)->message, "character device"), NULL));
	/* A read-only file is the user's "keep this". */
	chmod(in, 0444);
	if (geteuid() != 0) {
		cr_assert(eq(int, lp_output_check(in, NULL, 0, d), LP_ERR_OUTPUT));
		cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 5)->message, "read-only"), NULL));
	}
	lp_diag_drop(d);
	struct stat st;
	cr_assert(eq(int, stat("/dev/null", &st), 0));
	cr_assert(eq(int, !!S_ISCHR(st.st_mode), 1));
}

/* A signal can come at any instant of making a temporary file, above all
 * while open() creates it: the signal is taken when open() returns. A
 * child opens and aborts out.pdf in a loop and is killed at random
 * moments; no kill may leave its temporary file behind. */
Test(atomic_file, a_signal_at_any_moment_leaves_no_temporary_file)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	srand(7);
	for (int round = 0; round < 100; round++) {
		int fds[2];
		cr_assert(eq(int, pipe(fds), 0));
		pid_t child = fork();
		if (child == 0) {
			if (lp_cleanup_on_signals() != LP_OK || write(fds[1], "x", 1) != 1)
				_exit(1);
			for (;;) {
				lp_atomic_file *af;
				if (lp_atomic_file_open(path, &af, NULL) != LP_OK)
					_exit(1);
				lp_atomic_file_abort(af);
			}
		}
		char c;
		cr_assert(eq(int, (int)read(fds[0], &c, 1), 1));
		close(fds[0]);
		close(fds[1]);
		usleep((useconds_t)(rand() % 1000));
		kill(child, SIGTERM);
		int status;
		cr_assert(eq(int, waitpid(child, &status, 0), child));
		cr_assert(eq(int, WTERMSIG(status), SIGTERM), "round %d: the child failed", round);
		cr_assert(
		        eq(int, count_entries(), 0), "round %d: a temporary file was left", round);
	}
}
