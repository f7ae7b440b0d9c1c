/*
 * Runs the hostile-input cases of tests/hostile/cases/ against the built
 * letterpress and prints TAP. Each case is a folder with its inputs and a
 * `case` file (format in tests/hostile/README.md); the runner copies it to a
 * fresh folder, runs an optional setup command there, runs letterpress with
 * the case's arguments and checks what a user would: the exit code, the
 * message (a regex, normally file:line:col), that no file appeared or
 * changed except those the case allows (no output, no temporary file, no
 * overwritten input), that no sanitizer spoke, and the time and peak memory
 * (the child's getrusage) against the case's bounds.
 *
 * Usage: hostile_run LETTERPRESS CASES_DIR SANITIZED(0|1) [NAME-SUBSTRING]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ITEMS 32
#define MAX_FILES 4096
/* Sanitizer builds run several times slower; their memory is not the
 * program's, so RSS bounds are not checked there. */
#define SANITIZER_TIME_FACTOR 6

typedef struct case_spec {
	char *run, *setup, *stdin_file;
	char *exits[MAX_ITEMS];
	int n_exits;
	char *stderr_re[MAX_ITEMS];
	int n_stderr_re;
	char *stderr_not[MAX_ITEMS]; /* regexes stderr must not match */
	int n_stderr_not;
	char *creates[MAX_ITEMS];
	int n_creates;
	char *removes[MAX_ITEMS]; /* files the run must remove */
	int n_removes;
	char *env[MAX_ITEMS];
	int n_env;
	double max_seconds;
	double max_rss_mb; /* 0: 64 + 8 x input bytes */
	long long rlimit_fsize;
	int signal_no;
	double signal_after;
} case_spec;

typedef struct file_state {
	char *path; /* relative to the case copy */
	struct stat st;
} file_state;

typedef struct snapshot {
	file_state files[MAX_FILES];
	int n;
	long long bytes;
} snapshot;

static char failure[8192];

static void fail_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
fail_msg(const char *fmt, ...)
{
	size_t used = strlen(failure);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(failure + used, sizeof failure - used, fmt, ap);
	va_end(ap);
	used = strlen(failure);
	if (used + 1 < sizeof failure)
		strcat(failure, "\n");
}

static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int
signal_by_name(const char *name)
{
	static const struct {
		const char *n;
		int s;
	} names[] = {{"INT", SIGINT}, {"TERM", SIGTERM}, {"HUP", SIGHUP}, {"KILL", SIGKILL}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i].n))
			return names[i].s;
	return 0;
}

static bool
parse_case(const char *path, case_spec *c)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fail_msg("cannot open %s: %s", path, strerror(errno));
		return false;
	}
	memset(c, 0, sizeof *c);
	c->max_seconds = 10;
	char line[4096];
	int lineno = 0;
	bool ok = true;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *colon = strchr(s, ':');
		if (!colon) {
			fail_msg("%s:%d: expected 'key: value'", path, lineno);
			ok = false;
			continue;
		}
		*colon = '\0';
		char *key = trim(s), *val = strdup(trim(colon + 1));
		bool many = false;
		if (!strcmp(key, "run")) {
			c->run = val;
		} else if (!strcmp(key, "setup")) {
			c->setup = val;
		} else if (!strcmp(key, "stdin")) {
			c->stdin_file = val;
		} else if (!strcmp(key, "exit")) {
			for (char *tok = strtok(val, "|"); tok && c->n_exits < MAX_ITEMS;
			        tok = strtok(NULL, "|"))
				c->exits[c->n_exits++] = strdup(trim(tok));
			free(val);
		} else if (!strcmp(key, "stderr")) {
			many = c->n_stderr_re < MAX_ITEMS;
			if (many)
				c->stderr_re[c->n_stderr_re++] = val;
		} else if (!strcmp(key, "stderr_not")) {
			many = c->n_stderr_not < MAX_ITEMS;
			if (many)
				c->stderr_not[c->n_stderr_not++] = val;
		} else if (!strcmp(key, "creates")) {
			for (char *tok = strtok(val, " "); tok && c->n_creates < MAX_ITEMS;
			        tok = strtok(NULL, " "))
				c->creates[c->n_creates++] = strdup(tok);
			free(val);
		} else if (!strcmp(key, "removes")) {
			for (char *tok = strtok(val, " "); tok && c->n_removes < MAX_ITEMS;
			        tok = strtok(NULL, " "))
				c->removes[c->n_removes++] = strdup(tok);
			free(val);
		} else if (!strcmp(key, "env")) {
			many = c->n_env < MAX_ITEMS;
			if (many)
				c->env[c->n_env++] = val;
		} else if (!strcmp(key, "max_seconds")) {
			c->max_seconds = atof(val);
			free(val);
		} else if (!strcmp(key, "max_rss_mb")) {
			c->max_rss_mb = atof(val);
			free(val);
		} else if (!strcmp(key, "rlimit_fsize")) {
			c->rlimit_fsize = atoll(val);
			free(val);
		} else if (!strcmp(key, "signal")) {
			char name[16] = "";
			if (sscanf(val, "%15s %lf", name, &c->signal_after) != 2 ||
			        !signal_by_name(name)) {
				fail_msg("%s:%d: signal takes NAME SECONDS (INT, TERM, HUP, KILL)",
				        path, lineno);
				ok = false;
			}
			c->signal_no = signal_by_name(name);
			free(val);
		} else {
			fail_msg("%s:%d: unknown key '%s'", path, lineno, key);
			free(val);
			ok = false;
		}
		(void)many;
	}
	fclose(f);
	if (!c->run || c->n_exits == 0) {
		fail_msg("%s: needs 'run:' and 'exit:'", path);
		ok = false;
	}
	return ok;
}

static void
case_free(case_spec *c)
{
	free(c->run);
	free(c->setup);
	free(c->stdin_file);
	for (int i = 0; i < c->n_exits; i++)
		free(c->exits[i]);
	for (int i = 0; i < c->n_stderr_re; i++)
		free(c->stderr_re[i]);
	for (int i = 0; i < c->n_stderr_not; i++)
		free(c->stderr_not[i]);
	for (int i = 0; i < c->n_creates; i++)
		free(c->creates[i]);
	for (int i = 0; i < c->n_removes; i++)
		free(c->removes[i]);
	for (int i = 0; i < c->n_env; i++)
		free(c->env[i]);
	memset(c, 0, sizeof *c);
}

static void
snap_dir(const char *root, const char *rel, snapshot *s)
{
	char path[4096];
	snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) && s->n < MAX_FILES) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char relp[4096], full[8192];
		snprintf(relp, sizeof relp, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		snprintf(full, sizeof full, "%s/%s", root, relp);
		file_state *f = &s->files[s->n++];
		f->path = strdup(relp);
		lstat(full, &f->st);
		if (S_ISREG(f->st.st_mode))
			s->bytes += f->st.st_size;
		if (S_ISDIR(f->st.st_mode))
			snap_dir(root, relp, s);
	}
	closedir(d);
}

static void
snap_free(snapshot *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->files[i].path);
	s->n = 0;
}

static int
run_shell(const char *dir, const char *cmd)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(127);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return strdup("");
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Splits the run line on spaces into argv after LETTERPRESS. */
static int
split_args(char *run, char **argv, int max)
{
	int n = 0;
	for (char *tok = strtok(run, " "); tok && n < max - 1; tok = strtok(NULL, " "))
		argv[n++] = tok;
	argv[n] = NULL;
	return n;
}

static bool
allowed_new(const case_spec *c, const char *path)
{
	for (int i = 0; i < c->n_creates; i++)
		if (!strcmp(c->creates[i], path))
			return true;
	return false;
}

static bool
exit_matches(const case_spec *c, int status, char *got, size_t got_size)
{
	if (WIFEXITED(status))
		snprintf(got, got_size, "%d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(got, got_size, "signal %d", WTERMSIG(status));
	else
		snprintf(got, got_size, "status %d", status);
	for (int i = 0; i < c->n_exits; i++) {
		const char *e = c->exits[i];
		int sig = signal_by_name(e);
		if (sig && WIFSIGNALED(status) && WTERMSIG(status) == sig)
			return true;
		if (!sig && WIFEXITED(status) && WEXITSTATUS(status) == atoi(e))
			return true;
	}
	return false;
}

static bool run_parsed(const char *lp, const char *src, const char *name, const case_spec *c0,
        bool sanitized, const char *tmp_root);

static bool
run_case(const char *lp, const char *cases, const char *name, bool sanitized, const char *tmp_root)
{
	failure[0] = '\0';
	char src[8192], spec_path[8200];
	case_spec c = {0};
	bool ok = snprintf(src, sizeof src, "%s/%s", cases, name) < (int)sizeof src &&
	          snprintf(spec_path, sizeof spec_path, "%s/case", src) < (int)sizeof spec_path &&
	          parse_case(spec_path, &c) && run_parsed(lp, src, name, &c, sanitized, tmp_root);
	case_free(&c);
	return ok;
}

static bool
run_parsed(const char *lp, const char *src, const char *name, const case_spec *c0, bool sanitized,
        const char *tmp_root)
{
	case_spec c = *c0;

	char dir[4096];
	char cmd[16384];
	if (snprintf(dir, sizeof dir, "%s/%s", tmp_root, name) >= (int)sizeof dir ||
	        snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp -a '%s'/. '%s'/ && rm -f '%s/case'",
	                dir, src, dir, dir) >= (int)sizeof cmd ||
	        run_shell("/", cmd) != 0) {
		fail_msg("cannot copy the case to %s", dir);
		return false;
	}
	if (c.setup && run_shell(dir, c.setup) != 0) {
		fail_msg("setup failed: %s", c.setup);
		return false;
	}
	static snapshot before, after;
	snap_free(&before);
	snap_free(&after);
	snap_dir(dir, "", &before);

	char out_path[4200], err_path[4200];
	snprintf(out_path, sizeof out_path, "%s/%s.stdout", tmp_root, name);
	snprintf(err_path, sizeof err_path, "%s/%s.stderr", tmp_root, name);
	char *argv[256];
	argv[0] = (char *)lp;
	char *run_copy = strdup(c.run);
	split_args(run_copy, argv + 1, 255);

	double limit = c.max_seconds * (sanitized ? SANITIZER_TIME_FACTOR : 1);
	double t0 = now_s();
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(126);
		int in = open(c.stdin_file ? c.stdin_file : "/dev/null", O_RDONLY);
		int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (in < 0 || out < 0 || err < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		for (int i = 0; i < c.n_env; i++)
			putenv(c.env[i]);
		/* As a terminal starts it: a suite run under nohup would pass
		 * its ignored SIGHUP on, which letterpress keeps ignoring (as
		 * nohup asks), and the HUP cases would see no signal. */
		signal(SIGHUP, SIG_DFL);
		if (c.rlimit_fsize > 0) {
			struct rlimit rl = {(rlim_t)c.rlimit_fsize, (rlim_t)c.rlimit_fsize};
			setrlimit(RLIMIT_FSIZE, &rl);
			signal(SIGXFSZ, SIG_IGN); /* writes fail with EFBIG instead */
		}
		execv(lp, argv);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	bool signalled = false, killed = false;
	for (;;) {
		pid_t w = wait4(pid, &status, WNOHANG, &ru);
		if (w == pid)
			break;
		double t = now_s() - t0;
		if (c.signal_no && !signalled && t >= c.signal_after) {
			kill(pid, c.signal_no);
			signalled = true;
		}
		if (t > limit * 2 + 5 && !killed) {
			kill(pid, SIGKILL);
			killed = true;
		}
		usleep(2000);
	}
	double elapsed = now_s() - t0;
	free(run_copy);

	char got[64] = "none";
	if (killed)
		fail_msg("hung: killed after %.1f s", elapsed);
	else if (!exit_matches(&c, status, got, sizeof got))
		fail_msg("exit %s, expected %s%s", got, c.exits[0],
		        c.n_exits > 1 ? " (or another listed)" : "");
	char *err = read_all(err_path);
	for (int i = 0; i < c.n_stderr_re; i++) {
		regex_t re;
		if (regcomp(&re, c.stderr_re[i], REG_EXTENDED | REG_NEWLINE | REG_NOSUB) != 0) {
			fail_msg("bad regex: %s", c.stderr_re[i]);
			continue;
		}
		if (regexec(&re, err, 0, NULL, 0) != 0)
			fail_msg("stderr does not match /%s/", c.stderr_re[i]);
		regfree(&re);
	}
	for (int i = 0; i < c.n_stderr_not; i++) {
		regex_t re;
		if (regcomp(&re, c.stderr_not[i], REG_EXTENDED | REG_NEWLINE | REG_NOSUB) != 0) {
			fail_msg("bad regex: %s", c.stderr_not[i]);
			continue;
		}
		if (regexec(&re, err, 0, NULL, 0) == 0)
			fail_msg("stderr matches /%s/, which it must not", c.stderr_not[i]);
		regfree(&re);
	}
	static const char *const sanitizer_words[] = {
	        "AddressSanitizer", "LeakSanitizer", "runtime error:", "ThreadSanitizer"};
	for (size_t i = 0; i < sizeof sanitizer_words / sizeof *sanitizer_words; i++)
		if (strstr(err, sanitizer_words[i]))
			fail_msg("a sanitizer reported: %s", sanitizer_words[i]);
	if (failure[0])
		fail_msg("stderr was:\n%.1500s", err);
	free(err);

	snap_dir(dir, "", &after);
	for (int i = 0; i < after.n; i++) {
		const file_state *a = &after.files[i];
		const file_state *b = NULL;
		for (int j = 0; j < before.n && !b; j++)
			if (!strcmp(before.files[j].path, a->path))
				b = &before.files[j];
		if (allowed_new(&c, a->path))
			continue;
		if (!b)
			fail_msg("left a file behind: %s", a->path);
		else if (!S_ISDIR(a->st.st_mode) &&
		         (a->st.st_ino != b->st.st_ino || a->st.st_size != b->st.st_size ||
		                 a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec ||
		                 a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec ||
		                 (a->st.st_mode & S_IFMT) != (b->st.st_mode & S_IFMT)))
			fail_msg("changed an existing file: %s", a->path);
	}
	for (int j = 0; j < before.n; j++) {
		bool found = false;
		for (int i = 0; i < after.n && !found; i++)
			found = !strcmp(before.files[j].path, after.files[i].path);
		bool must_go = false;
		for (int k = 0; k < c.n_removes; k++)
			must_go |= !strcmp(c.removes[k], before.files[j].path);
		if (found && must_go)
			fail_msg("did not remove %s", before.files[j].path);
		if (!found && !must_go && !allowed_new(&c, before.files[j].path))
			fail_msg("removed an existing file: %s", before.files[j].path);
	}

	if (!killed && elapsed > limit)
		fail_msg("took %.2f s, bound %.2f s", elapsed, limit);
	double rss_mb = (double)ru.ru_maxrss / 1024.0;
	double bound =
	        c.max_rss_mb > 0 ? c.max_rss_mb : 64.0 + 8.0 * (double)before.bytes / (1 << 20);
	if (!sanitized && !killed && rss_mb > bound)
		fail_msg("peak RSS %.1f MB, bound %.1f MB", rss_mb, bound);

	/* Leave nothing: folders a case made unwritable are opened up first. */
	if (snprintf(cmd, sizeof cmd, "chmod -R u+rwX '%s' 2>/dev/null; rm -rf '%s' '%s' '%s'", dir,
	            dir, out_path, err_path) < (int)sizeof cmd)
		run_shell("/", cmd);
	printf("# %s: exit %s, %.3f s, %.1f MB\n", name, got, elapsed, rss_mb);
	return failure[0] == '\0';
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: hostile_run LETTERPRESS CASES_DIR SANITIZED [FILTER]\n");
		return 64;
	}
	/* Absolute paths: cases run in their own folders. */
	char lp_abs[4096], cases_abs[4096];
	if (!realpath(argv[1], lp_abs) || !realpath(argv[2], cases_abs)) {
		fprintf(stderr, "hostile_run: %s: %s\n", argv[1], strerror(errno));
		return 66;
	}
	const char *lp = lp_abs, *cases = cases_abs, *filter = argc > 4 ? argv[4] : NULL;
	/* Setup commands find the source tree (fonts, examples) as $SRCDIR. */
	char srcdir[4200], srcdir_abs[4096];
	if (snprintf(srcdir, sizeof srcdir, "%s/../../..", cases) < (int)sizeof srcdir &&
	        realpath(srcdir, srcdir_abs))
		setenv("SRCDIR", srcdir_abs, 1);
	bool sanitized = atoi(argv[3]) != 0;
	DIR *d = opendir(cases);
	if (!d) {
		fprintf(stderr, "hostile_run: %s: %s\n", cases, strerror(errno));
		return 66;
	}
	char *names[1024];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 1024) {
		if (e->d_name[0] == '.' || (filter && !strstr(e->d_name, filter)))
			continue;
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, cmp_names);

	const char *t = getenv("TMPDIR");
	char tmp_root[4096];
	snprintf(tmp_root, sizeof tmp_root, "%s/lp-hostile-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmp_root)) {
		fprintf(stderr, "hostile_run: mkdtemp: %s\n", strerror(errno));
		return 73;
	}
	printf("TAP version 13\n1..%d\n", n);
	int failed = 0;
	for (int i = 0; i < n; i++) {
		bool ok = run_case(lp, cases, names[i], sanitized, tmp_root);
		printf("%sok %d - %s\n", ok ? "" : "not ", i + 1, names[i]);
		if (!ok) {
			failed++;
			for (char *line = strtok(failure, "\n"); line; line = strtok(NULL, "\n"))
				printf("#   %s\n", line);
		}
		fflush(stdout);
		free(names[i]);
	}
	rmdir(tmp_root);
	return failed ? 1 : 0;
}
