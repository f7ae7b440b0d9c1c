/*
 * Memory and time budgets of the built tool, measured on generated
 * releases with the child's own getrusage (wait4): peak RSS at most
 * 64 MB + 10 bytes per input byte, 10,000 paragraphs in at most 150 MB,
 * time linear in the input, and releases past a limit refused before the
 * work the limit protects.
 *
 * Sanitizer builds keep their shadow memory in RSS, so the RSS assertions
 * are skipped there; the time assertions stay, with more room.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <fcntl.h>
#include <regex.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "cli_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define BUDGET_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUDGET_SANITIZED 1
#endif
#endif
#ifdef BUDGET_SANITIZED
static const bool sanitized = true;
#else
static const bool sanitized = false;
#endif

#define MB (1024.0 * 1024.0)

typedef struct child_run {
	int exit_code; /* -1 when killed by a signal */
	double rss_mb; /* peak resident set */
	double cpu_s; /* user + system */
	char err[8192]; /* its stderr, cut */
} child_run;

/* Runs letterpress with args in dir; as_bytes > 0 sets RLIMIT_AS. */
static child_run
run_in(const char *dir, const char *const *args, rlim_t as_bytes)
{
	child_run r = {.exit_code = -1};
	char err_path[600];
	snprintf(err_path, sizeof err_path, "%s/.stderr", dir);
	pid_t pid = fork();
	cr_assert(ge(int, pid, 0));
	if (pid == 0) {
		const char *argv[16] = {LP_TEST_LETTERPRESS};
		for (int i = 0; args[i] && i < 14; i++)
			argv[i + 1] = args[i];
		int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int null = open("/dev/null", O_WRONLY);
		if (fd < 0 || null < 0 || chdir(dir) != 0)
			_exit(127);
		dup2(fd, 2);
		dup2(null, 1);
		if (as_bytes) {
			struct rlimit rl = {as_bytes, as_bytes};
			setrlimit(RLIMIT_AS, &rl);
		}
		/* meson sets MALLOC_PERTURB_, and glibc then fills every block
		 * malloc hands out and every one freed, which makes pages resident
		 * that a user's run never touches: the budget is the user's. */
		unsetenv("MALLOC_PERTURB_");
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	cr_assert(eq(int, wait4(pid, &status, 0, &ru), pid));
	r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	r.rss_mb = (double)ru.ru_maxrss * 1024.0 / MB;
	r.cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	          (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	FILE *f = fopen(err_path, "r");
	if (f) {
		size_t n = fread(r.err, 1, sizeof r.err - 1, f);
		r.err[n] = '\0';
		fclose(f);
	}
	unlink(err_path);
	return r;
}

static child_run
render(const char *dir, const char *name)
{
	const char *args[] = {"render", name, "-o", "out.pdf", NULL};
	return run_in(dir, args, 0);
}

static void
assert_matches(const char *text, const char *pattern)
{
	regex_t re;
	cr_assert(eq(int, regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0));
	int m = regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	cr_assert(eq(int, m, 0), "stderr does not match /%s/:\n%s", pattern, text);
}

/* Peak RSS within 64 MB + 10 bytes per input byte (and within cap_mb). */
static void
assert_within_budget(const child_run *r, long input_bytes, double cap_mb)
{
	double budget = 64.0 + 10.0 * (double)input_bytes / MB;
	if (cap_mb > 0 && cap_mb < budget)
		budget = cap_mb;
	if (sanitized) {
		cr_log_info("peak RSS %.1f MB (budget %.1f MB not checked under sanitizers)",
		        r->rss_mb, budget);
		return;
	}
	cr_log_info("peak RSS %.1f MB, budget %.1f MB, %.2f s", r->rss_mb, budget, r->cpu_s);
	cr_assert(
	        le(dbl, r->rss_mb, budget), "peak RSS %.1f MB, budget %.1f MB", r->rss_mb, budget);
}

static const char sentence[] =
        "Председник Републике Србије Александар Вучић разговарао је данас са председником "
        "Казахстана о сарадњи у области енергетике и инфраструктуре.";

static FILE *
create(const char *dir, const char *name)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert(ne(ptr, f, NULL));
	return f;
}

static long
close_size(const char *dir, const char *name, FILE *f)
{
	cr_assert(eq(int, fclose(f), 0));
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return file_size(path);
}

static long
write_paragraphs(const char *dir, const char *name, int n)
{
	FILE *f = create(dir, name);
	for (int i = 0; i < n; i++)
		fprintf(f, "%d. %s\n\n", i, sentence);
	return close_size(dir, name, f);
}

static bool
output_left(const char *dir)
{
	char path[600];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	return file_exists(path);
}

Test(budget, ten_thousand_paragraphs_fit_in_150_mb, .timeout = 120)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	long size = write_paragraphs(dir, "many.md", 10000);
	child_run r = render(dir, "many.md");
	cr_assert(eq(int, r.exit_code, 0), "%s", r.err);
	assert_within_budget(&r, size, 150);
	remove_temp_dir(dir);
}

/* The 10,000 paragraphs rendered with args in a new folder dir, within
 * the budget. */
static void
many_within_budget(char dir[64], const char *const *args)
{
	make_temp_dir(dir, 64);
	long size = write_paragraphs(dir, "many.md", 10000);
	child_run r = run_in(dir, args, 0);
	cr_assert(eq(int, r.exit_code, 0), "%s", r.err);
	assert_within_budget(&r, size, 0);
}

/* The same document as a fax TIFF: 455 pages, 26 MB of TIFF, which
 * libtiff writes into the output's temporary file page by page; held in
 * memory whole besides the display list, it took 104 MB. */
Test(budget, ten_thousand_paragraphs_to_a_fax_tiff_fit_the_budget, .timeout = 120)
{
	char dir[64];
	const char *args[] = {"render", "many.md", "-o", "out.tiff", NULL};
	many_within_budget(dir, args);
	remove_temp_dir(dir);
}

/* A check of the same fax TIFF keeps nothing, and a TIFF to standard
 * output cannot be written page by page (a pipe cannot seek back): both
 * go into a scratch file as they render. Made in memory whole, they took
 * 104 MB. */
Test(budget, checking_a_fax_tiff_fits_the_budget, .timeout = 120)
{
	char dir[64];
	const char *args[] = {"check", "--format", "tiff", "many.md", NULL};
	many_within_budget(dir, args);
	remove_temp_dir(dir);
}

Test(budget, a_fax_tiff_to_standard_output_fits_the_budget, .timeout = 120)
{
	char dir[64];
	const char *args[] = {"render", "many.md", "--format", "tiff", "-o", "-", NULL};
	many_within_budget(dir, args);
	remove_temp_dir(dir);
}

/* And as PNG previews, one file a page: 455 pages of 56 MB together
 * (grey, 96 dpi), each written to its own temporary file as it is encoded
 * and put in place after the last; held in memory they took 108 MB. */
Test(budget, ten_thousand_paragraphs_to_png_pages_fit_the_budget, .timeout = 300)
{
	char dir[64];
	const char *args[] = {"render", "many.md", "--grey", "-o", "out.png", NULL};
	many_within_budget(dir, args);
	char last[96];
	snprintf(last, sizeof last, "%s/out-455.png", dir);
	cr_assert(file_exists(last), "the last page's file");
	remove_temp_dir(dir);
}

/* A new folder dir with a batch's source folder src holding paragraphs
 * of the sentence as NAME; returns the release's bytes. */
static long
batch_source(char dir[64], const char *name, int paragraphs)
{
	char src[96];
	make_temp_dir(dir, 64);
	snprintf(src, sizeof src, "%s/src", dir);
	cr_assert(eq(int, mkdir(src, 0755), 0));
	return write_paragraphs(src, name, paragraphs);
}

/* A batch writes a fax TIFF into its temporary file as it renders and
 * hashes it from there: the 10,000 paragraphs' 26 MB of TIFF held whole
 * took 108.8 MB, 19 MB more than the same batch to PDF. Compared with the
 * PDF batch of the same release, which is as large as the budget here. */
Test(budget, a_batch_holds_no_whole_fax_tiff, .timeout = 300)
{
	char dir[64];
	batch_source(dir, "many.md", 10000);
	const char *pdf[] = {
	        "batch", "-q", "src", "-o", "a1", "--format", "pdf", "--jobs", "1", NULL};
	const char *tiff[] = {
	        "batch", "-q", "src", "-o", "a2", "--format", "tiff", "--jobs", "1", NULL};
	child_run p = run_in(dir, pdf, 0), t = run_in(dir, tiff, 0);
	cr_assert(eq(int, p.exit_code, 0), "%s", p.err);
	cr_assert(eq(int, t.exit_code, 0), "%s", t.err);
	char out[128];
	snprintf(out, sizeof out, "%s/a2/many.tiff", dir);
	cr_assert(lt(i64, 20L << 20, file_size(out)), "a TIFF of tens of MB");
	if (!sanitized) {
		cr_log_info("peak RSS: PDF batch %.1f MB, TIFF batch %.1f MB", p.rss_mb, t.rss_mb);
		cr_assert(le(dbl, t.rss_mb, p.rss_mb + 8), "TIFF batch %.1f MB, PDF batch %.1f MB",
		        t.rss_mb, p.rss_mb);
	}
	remove_temp_dir(dir);
}

/* A batch's PNG output is one image of every page: 50 pages at 96 dpi are
 * 134 MB of pixels, which went to libpng whole (and a copy of each page
 * besides: 280 MB for a 296 KB release); now row by row as each page is
 * painted. */
Test(budget, a_fifty_page_release_as_a_batch_png_fits_the_budget, .timeout = 120)
{
	char dir[64];
	long size = batch_source(dir, "r.md", 1100);
	const char *args[] = {
	        "batch", "-q", "src", "-o", "archive", "--format", "png", "--jobs", "1", NULL};
	child_run r = run_in(dir, args, 0);
	cr_assert(eq(int, r.exit_code, 0), "%s", r.err);
	assert_within_budget(&r, size, 0);
	char out[128];
	snprintf(out, sizeof out, "%s/archive/r.png", dir);
	cr_assert(file_exists(out));
	remove_temp_dir(dir);
}

/* Each item is a block, and every block makes at least a line: 300,000
 * of them are more than LP_MAX_PAGES pages, which is known before
 * anything is shaped. */
Test(budget, three_hundred_thousand_list_items_are_refused_early, .timeout = 120)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	FILE *f = create(dir, "items.md");
	for (int i = 0; i < 300000; i++)
		fputs("- реч\n", f);
	long size = close_size(dir, "items.md", f);
	child_run r = render(dir, "items.md");
	cr_assert(eq(int, r.exit_code, 65), "%s", r.err);
	/* Refused while the Markdown is read: more blocks than a document
	 * has lines. */
	assert_matches(
	        r.err, "^items\\.md:40001:[0-9]+: error: the release has more than 40000 blocks");
	cr_assert(not(output_left(dir)));
	assert_within_budget(&r, size, 0);
	cr_assert(le(dbl, r.cpu_s, sanitized ? 20.0 : 3.0), "%.2f s to refuse", r.cpu_s);
	remove_temp_dir(dir);
}

Test(budget, one_letter_paragraphs_fail_at_the_page_estimate, .timeout = 120)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	FILE *f = create(dir, "letters.md");
	/* Fewer than LP_MAX_DOC_LINES blocks, so that the Markdown is read
	 * whole and the page estimate is what refuses it. */
	for (int i = 0; i < 39000; i++)
		fputs("a\n\n", f);
	long size = close_size(dir, "letters.md", f);
	child_run r = render(dir, "letters.md");
	cr_assert(eq(int, r.exit_code, 65), "%s", r.err);
	/* The block where the lower bound passed the limit: a line and the
	 * space after it, about 32 a page, so near paragraph 32,000 (line
	 * 64,000). */
	assert_matches(
	        r.err, "^letters\\.md:6[0-9]{4}:1: error: the release needs more than 1000 pages");
	cr_assert(not(output_left(dir)));
	assert_within_budget(&r, size, 0);
	cr_assert(le(dbl, r.cpu_s, sanitized ? 10.0 : 1.5), "%.2f s to refuse", r.cpu_s);
	remove_temp_dir(dir);
}

/* The page bounds are lower bounds: 30,000 one-letter paragraphs make
 * 968 pages, under the limit, and render. */
Test(budget, a_release_just_under_the_page_limit_renders, .timeout = 120)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	FILE *f = create(dir, "letters.md");
	for (int i = 0; i < 30000; i++)
		fputs("a\n\n", f);
	long size = close_size(dir, "letters.md", f);
	child_run r = render(dir, "letters.md");
	cr_assert(eq(int, r.exit_code, 0), "%s", r.err);
	char out[256];
	cr_assert(eq(int, sh(out, sizeof out, "pdfinfo '%s/out.pdf' | grep '^Pages:'", dir), 0));
	cr_assert(eq(str, out, "Pages:           968\n"));
	assert_within_budget(&r, size, 0);
	remove_temp_dir(dir);
}

/* Four lines a paragraph (hard breaks): the one-line-a-block estimate lets
 * them through, and so does the page bound while they are set (some 930
 * pages); the line count stops them where it passes the limit. */
Test(budget, lines_are_counted_as_they_are_made, .timeout = 120)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	FILE *f = create(dir, "breaks.md");
	for (int i = 0; i < 12000; i++)
		fputs("а\\\nб\\\nв\\\nг\n\n", f);
	long size = close_size(dir, "breaks.md", f);
	child_run r = render(dir, "breaks.md");
	cr_assert(eq(int, r.exit_code, 65), "%s", r.err);
	/* Paragraph 10,001 starts on line 50,001. */
	assert_matches(
	        r.err, "^breaks\\.md:50001:1: error: the document has more than 40000 lines");
	cr_assert(not(output_left(dir)));
	assert_within_budget(&r, size, 0);
	remove_temp_dir(dir);
}

Test(budget, glyphs_are_counted_as_they_are_made, .timeout = 300)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	FILE *f = create(dir, "dense.md");
	fputs("---\nlang: en\ndate: 2024-02-20\n---\n", f);
	for (int i = 0; i < 1200; i++) { /* 1,560,000 letters and spaces */
		for (int w = 0; w < 130; w++)
			fputs(w ? " quick fox" : "Brown", f);
		fputs("\n\n", f);
	}
	long size = close_size(dir, "dense.md", f);
	child_run r = render(dir, "dense.md");
	cr_assert(eq(int, r.exit_code, 65), "%s", r.err);
	assert_matches(
	        r.err, "^dense\\.md:[0-9]+:1: error: the document has more than 1500000 glyphs");
	cr_assert(not(output_left(dir)));
	assert_within_budget(&r, size, 0);
	remove_temp_dir(dir);
}

/* Many fields make long PDF keywords (they once failed the document with
 * "libharu error 0x1033"); the document renders in its budget. */
Test(budget, two_megabytes_of_front_matter, .timeout = 120)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	FILE *f = create(dir, "fields.md");
	fputs("---\ntitle: Саопштење\n", f);
	for (int i = 0; i < 540; i++) {
		fprintf(f, "field%d: \"", i);
		for (int k = 0; k < 250; k++)
			fputs("Београд ", f);
		fputs("\"\n", f);
	}
	fputs("---\nТекст саопштења.\n", f);
	long size = close_size(dir, "fields.md", f);
	cr_assert(lt(i64, 2000000, size));
	child_run r = render(dir, "fields.md");
	/* Refused where the front matter passes its limit for all keys and
	 * values together (the PDF's Keywords join them into one libharu
	 * string), in time and memory bounded by the input, with no output. */
	cr_assert(eq(int, r.exit_code, 65), "%s", r.err);
	assert_matches(r.err,
	        "^fields\\.md:[0-9]+:[0-9]+: error: the front matter's keys and values "
	        "pass 32000 bytes");
	cr_assert(not(output_left(dir)));
	assert_within_budget(&r, size, 0);
	remove_temp_dir(dir);
}

/* The least CPU time of three runs, to stay above the noise of a shared
 * machine. */
static double
best_cpu(const char *dir, const char *name)
{
	double best = 1e9;
	for (int i = 0; i < 3; i++) {
		child_run r = render(dir, name);
		cr_assert(eq(int, r.exit_code, 0), "%s", r.err);
		if (r.cpu_s < best)
			best = r.cpu_s;
	}
	return best;
}

Test(budget, time_is_linear_in_the_input, .timeout = 300)
{
	char dir[64];
	make_temp_dir(dir, sizeof dir);
	/* 70 and 280 pages: well above the start-up time. */
	write_paragraphs(dir, "one.md", 2000);
	write_paragraphs(dir, "four.md", 8000);
	double t1 = best_cpu(dir, "one.md"), t4 = best_cpu(dir, "four.md");
	cr_log_info("2000 paragraphs %.2f s, 8000 paragraphs %.2f s", t1, t4);
	cr_assert(le(dbl, t4, (sanitized ? 8.0 : 6.0) * t1), "%.2f s at 1x, %.2f s at 4x", t1, t4);
	remove_temp_dir(dir);
}

/* Under any address-space limit letterpress either renders, or stops with
 * status 71 (EX_OSERR) saying it ran out of memory and leaving no file:
 * never a crash, another status or silence. The limits swept are the 6 MB
 * below the least one it renders under, where every stage in turn (font
 * files, layout, release, hyphenation, shaping, display list) is the first
 * to fail. */
Test(budget, out_of_memory_is_status_71_with_a_message, .timeout = 300)
{
	if (sanitized)
		cr_skip_test("AddressSanitizer reserves terabytes of address space: no RLIMIT_AS");
	char dir[64], out[256];
	make_temp_dir(dir, sizeof dir);
	cr_assert(eq(int,
	        sh(out, sizeof out, "cp '%s/examples/long-izvestaj.md' '%s/r.md'", LP_TEST_SRCDIR,
	                dir),
	        0));
	const char *args[] = {"render", "r.md", "-o", "out.pdf", NULL};
	char pdf[600];
	snprintf(pdf, sizeof pdf, "%s/out.pdf", dir);

	rlim_t lo = 8, hi = 2048; /* MB: too little even to start; plenty */
	cr_assert(eq(int, run_in(dir, args, hi << 20).exit_code, 0));
	unlink(pdf);
	while (hi - lo > 1) {
		rlim_t mid = (lo + hi) / 2;
		child_run r = run_in(dir, args, mid << 20);
		unlink(pdf);
		*(r.exit_code == 0 ? &hi : &lo) = mid;
	}
	int oom = 0;
	/* The last megabyte in finer steps: the PDF's save asks last, and a
	 * write there that failed was once dropped by libharu (status 70 and
	 * "the PDF's cross-reference section is not where it was expected"). */
	for (rlim_t kb = (hi - 6) * 1024; kb < hi * 1024; kb += kb < (hi - 1) * 1024 ? 256 : 16) {
		child_run r = run_in(dir, args, kb << 10);
		/* The dynamic loader, before letterpress runs at all. */
		if (r.exit_code == 127 && strstr(r.err, "error while loading shared libraries"))
			continue;
		if (r.exit_code == 0) {
			unlink(pdf);
			continue;
		}
		cr_assert(eq(int, r.exit_code, 71), "at %lu KB: %s", (unsigned long)kb, r.err);
		cr_assert(ne(ptr, strstr(r.err, "out of memory"), NULL), "at %lu KB: %s",
		        (unsigned long)kb, r.err);
		cr_assert(eq(int, count_files(dir), 1), "at %lu KB a file was left",
		        (unsigned long)kb);
		oom++;
	}
	cr_log_info("renders from %lu MB of address space; %d limits below ran out",
	        (unsigned long)hi, oom);
	cr_assert(ge(int, oom, 10));
	remove_temp_dir(dir);
}
