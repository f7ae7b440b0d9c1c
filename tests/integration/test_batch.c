/* letterpress batch as an archive export runs it: outputs mirror the
 * sources inside the archive and nowhere else, a manifest with exactly its
 * keys and the same bytes every run, failures recorded and never stopping
 * the batch, the lock, shards and their merge. Kills and resume are in
 * test_batch_resume.c. */
#include <sys/file.h>

#include "batch_util.h"

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE_TIMED(batch, 180);

/* letterpress ARGS in the test's folder; stdout and stderr into out. */
#define lp(...) lp_in(out, sizeof out, dir, __VA_ARGS__)

static const char *
manifest(const char *archive)
{
	static char m[1 << 16];
	char path[256];
	snprintf(path, sizeof path, "%s/%s/manifest.jsonl", dir, archive);
	cr_assert(ge(i64, read_text(path, m, sizeof m), 0), "no %s", path);
	return m;
}

Test(batch, outputs_mirror_sources_and_the_manifest_has_exactly_its_keys)
{
	make_releases(dir, "src/2024/02", 2);
	make_releases(dir, "src/2023", 1);
	make_releases(dir, "loose", 1);
	cr_assert(eq(int, lp("batch src loose/r00.md -o %s", "new/archive"), 0), "%s", out);
	const char *want[] = {
	        "2023/r00.pdf", "2024/02/r00.pdf", "2024/02/r01.pdf", "loose/r00.pdf"};
	for (size_t i = 0; i < 4; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/new/archive/%s", dir, want[i]);
		cr_assert(file_exists(path), "missing %s", want[i]);
	}
	const char *m = manifest("new/archive");
	/* Sorted by source, one line each, the keys in their order. */
	const char *sources[] = {"2023/r00.md", "2024/02/r00.md", "2024/02/r01.md", "loose/r00.md"};
	const char *line = m;
	for (size_t i = 0; i < 4; i++) {
		char head[128];
		snprintf(head, sizeof head, "{\"source\":\"%s\",\"source_sha256\":\"", sources[i]);
		cr_assert(eq(int, strncmp(line, head, strlen(head)), 0), "line %zu: %.200s", i + 1,
		        line);
		cr_assert(ne(ptr, strstr(line, "\",\"output\":\""), NULL));
		cr_assert(ne(ptr, strstr(line, "\",\"bytes\":"), NULL));
		cr_assert(ne(ptr, strstr(line, ",\"status\":\"ok\",\"error\":null,\"warnings\":"),
		                  NULL),
		        "%.300s", line);
		cr_assert(ne(ptr, strstr(line, ",\"letterpress\":\""), NULL));
		line = strchr(line, '\n');
		cr_assert(ne(ptr, (void *)line, NULL));
		line++;
	}
	cr_assert(eq(str, (char *)line, ""), "one line a release");
	/* Valid JSON, exactly these keys in this order, on every line. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "python3 -c 'import json,sys\n"
	                          "for l in open(sys.argv[1]): print(\",\".join(json.loads(l)))' "
	                          "%s/new/archive/manifest.jsonl | sort -u",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(str, out,
	        "source,source_sha256,output,sha256,bytes,pages,status,error,warnings,layout,"
	        "letterpress\n"));
	/* The sha256 and bytes are the output's. */
	cr_assert(eq(int,
	        sh(out, sizeof out, "cd %s/new/archive && sha256sum 2023/r00.pdf | cut -c1-64",
	                dir),
	        0));
	out[64] = '\0';
	cr_assert(ne(ptr, strstr(m, out), NULL), "the manifest holds the output's sha256");
	assert_no_leftovers(strcat(strcpy(out, dir), "/new/archive"));
}

Test(batch, the_manifest_is_the_same_bytes_every_run_and_thread_count)
{
	make_releases(dir, "src", 6);
	write_text(dir, "src/bad.md", "---\ndate: 2024-02-30\n---\nText.\n");
	cr_assert(eq(int, lp("batch src -o %s --jobs 1", "a1"), 65), "%s", out);
	cr_assert(eq(int, lp("batch src -o %s --jobs 3", "a2"), 65), "%s", out);
	char a[128], b[128];
	snprintf(a, sizeof a, "%s/a1", dir);
	snprintf(b, sizeof b, "%s/a2", dir);
	assert_same_archive(a, b);
	/* Again into the same archive: the same bytes. */
	cr_assert(eq(int, sh(out, sizeof out, "cp %s/a1/manifest.jsonl %s/first", dir, dir), 0));
	cr_assert(eq(int, lp("batch src -o %s", "a1"), 65), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "cmp %s/first %s/a1/manifest.jsonl", dir, dir), 0),
	        "%s", out);
}

/* What one document of a batch leaves behind for the next (kept font
 * programs above all) never changes another's bytes: every output is the
 * file a render of its source alone writes, on a fresh engine. */
Test(batch, every_output_is_the_file_a_render_alone_writes)
{
	make_releases(dir, "src", 8);
	cr_assert(eq(int, lp("batch src -o %s --jobs 2", "a"), 0), "%s", out);
	for (int i = 0; i < 8; i++) {
		cr_assert(eq(int, lp("render src/r%02d.md -o alone%02d.pdf", i, i), 0), "%s", out);
		cr_assert(eq(int,
		                  sh(out, sizeof out, "cmp %s/a/r%02d.pdf %s/alone%02d.pdf", dir, i,
		                          dir, i),
		                  0),
		        "r%02d: %s", i, out);
	}
}

Test(batch, a_failure_is_recorded_with_its_first_error_and_leaves_no_old_output)
{
	make_releases(dir, "src", 2);
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 0), "%s", out);
	char pdf[128];
	snprintf(pdf, sizeof pdf, "%s/arch/r01.pdf", dir);
	cr_assert(file_exists(pdf));
	write_text(dir, "src/r01.md", "---\nlang: en\ndate: 2024-02-30\n---\nText.\n");
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 65), "%s", out);
	cr_assert(not(file_exists(pdf)), "the output of the earlier run is gone");
	/* The summary names the release and its located error. */
	cr_assert(ne(ptr, strstr(out, "1 of 2 releases failed:\n  src/r01.md:3:7: error: 'date'"),
	                  NULL),
	        "%s", out);
	const char *m = manifest("arch");
	cr_assert(ne(ptr, strstr(m, "{\"source\":\"r01.md\",\"source_sha256\":\""), NULL), "%s", m);
	cr_assert(ne(ptr,
	                  strstr(m, "\"output\":\"r01.pdf\",\"sha256\":null,\"bytes\":null,"
	                            "\"pages\":null,"
	                            "\"status\":\"failed\",\"error\":\"r01.md:3:7: 'date' must be "
	                            "a date that exists"),
	                  NULL),
	        "%s", m);
	cr_assert(ne(ptr, strstr(m, "\"layout\":null"), NULL), "%s", m);
	cr_assert(ne(ptr, strstr(m, "{\"source\":\"r00.md\""), NULL),
	        "the other release is still there: %s", m);
}

/* The files an error names besides the release (a picture, a layout in
 * the release's folder) are named relative to the source folder too: they
 * were named as the batch was given the folder, so the same sources
 * given by another path made another manifest. */
Test(batch, a_failure_names_its_files_the_same_however_the_source_is_given)
{
	make_releases(dir, "src", 1);
	cr_assert(eq(int, sh(out, sizeof out, "mkdir '%s/src/sub'", dir), 0), "%s", out);
	write_text(dir, "src/sub/bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	write_text(dir, "src/sub/pic.md",
	        "---\nlang: en\ndate: 2024-02-20\n---\nText.\n\n![x](bad.svg)\n");
	/* A layout of the release's own whose text pushes the body off the
	 * page: an error at the layout, named as found (the release's folder
	 * and its `layout:`), without the "./" that `layout:` starts with. */
	char words[1200] = "";
	for (int i = 0; i < 150; i++)
		snprintf(words + strlen(words), sizeof words - strlen(words), "w%d ", i);
	char yaml[2048];
	snprintf(yaml, sizeof yaml,
	        "page: {size: A4, margins: 20mm}\nstyles:\n  body: {family: Noto Serif, size: "
	        "11pt}\nfirst-page:\n  body: {top: 40mm, bottom: 20mm}\n  blocks:\n    - kind: "
	        "text\n      x: 20mm\n      y: 20mm\n      width: 30mm\n      lines: [\"%s\"]\n",
	        words);
	write_text(dir, "src/sub/own.yaml", yaml);
	write_text(dir, "src/sub/lay.md", "---\nlayout: ./own.yaml\n---\nText.\n");
	/* A folder named as the source folder is: what is left of a path once
	 * the root is out is never taken for the root again. */
	cr_assert(eq(int, sh(out, sizeof out, "mkdir '%s/src/src'", dir), 0), "%s", out);
	write_text(dir, "src/src/bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	write_text(dir, "src/src/pic.md",
	        "---\nlang: en\ndate: 2024-02-20\n---\nText.\n\n![x](bad.svg)\n");
	cr_assert(eq(int, lp("batch src -o %s", "rel"), 65), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, "cd / && " LP " batch '%s/src' -o '%s/abs'", dir, dir),
	                65),
	        "%s", out);
	const char *m = manifest("rel");
	cr_assert(ne(ptr,
	                  strstr(m, "\"error\":\"sub/pic.md:7:6: this picture cannot be drawn: "
	                            "sub/bad.svg:1:"),
	                  NULL),
	        "%s", m);
	cr_assert(
	        ne(ptr, strstr(m, "\"error\":\"sub/own.yaml:7:7: the blocks above the body"), NULL),
	        "%s", m);
	cr_assert(eq(ptr, strstr(m, dir), NULL), "no path of this machine: %s", m);
	cr_assert(ne(ptr,
	                  strstr(m, "\"error\":\"src/pic.md:7:6: this picture cannot be drawn: "
	                            "src/bad.svg:1:"),
	                  NULL),
	        "%s", m);
	cr_assert(eq(int,
	                  sh(out, sizeof out, "cmp %s/rel/manifest.jsonl %s/abs/manifest.jsonl",
	                          dir, dir),
	                  0),
	        "%s", out);
}

Test(batch, two_sources_for_one_output_are_an_error_for_both)
{
	make_releases(dir, "d1", 1);
	make_releases(dir, "d2", 2);
	cr_assert(eq(int, lp("batch d1 d2 d1/r00.md -o %s", "arch"), 65), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "d1/r00.md: error: another source, 'd2/r00.md', maps to the "
	                              "same output, r00.pdf"),
	                  NULL),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "d2/r00.md: error: another source, 'd1/r00.md'"), NULL), "%s",
	        out);
	char path[128];
	snprintf(path, sizeof path, "%s/arch/r00.pdf", dir);
	cr_assert(not(file_exists(path)));
	snprintf(path, sizeof path, "%s/arch/r01.pdf", dir);
	cr_assert(file_exists(path), "the others are rendered");
	snprintf(path, sizeof path, "%s/arch/d1/r00.pdf", dir);
	cr_assert(file_exists(path), "a file named by path mirrors that path");
	const char *m = manifest("arch");
	const char *first = strstr(m, "{\"source\":\"r00.md\"");
	cr_assert(ne(ptr, (void *)first, NULL));
	cr_assert(ne(ptr, strstr(first + 1, "{\"source\":\"r00.md\""), NULL),
	        "both are recorded: %s", m);
	/* ... each with its source's hash: both could be read. */
	cr_assert(eq(ptr, strstr(m, "\"source_sha256\":null"), NULL), "%s", m);
	/* One file named twice is one release, not two that collide. */
	cr_assert(eq(int, lp("batch d2 ./d2/ %s -o again", "d2/r01.md"), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "batch: 3 releases, 3 ok"), NULL), "%s", out);
}

Test(batch, nothing_lands_outside_the_archive)
{
	make_releases(dir, "src/link", 1);
	make_releases(dir, "outside", 1);
	make_releases(dir, "src", 1);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && ln -s ../outside/r00.md src/escape.md && mkdir "
	                          "elsewhere arch "
	                          "&& ln -s ../elsewhere arch/link && mkdir lists && printf "
	                          "'src/r00.md\\n../outside/r00.md\\n' > lists/l "
	                          "&& touch -d '1 hour ago' lists/l outside/r00.md",
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && " LP
	                          " batch src %s/outside/r00.md --from lists/l -o arch",
	                          dir, dir),
	                  65),
	        "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "src/escape.md: error: a symbolic link that leads out of src"),
	                NULL),
	        "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "/outside/r00.md: error: an absolute path"), NULL), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "lists/l:2:1: error: '..' would put its output outside the "
	                              "archive"),
	                  NULL),
	        "%s", out);
	/* src/link/r00.md maps to arch/link/r00.pdf, and arch/link leads elsewhere. */
	cr_assert(ne(ptr, strstr(out, "arch/link: error: not a folder but a link or a file"), NULL),
	        "%s", out);
	char path[128];
	snprintf(path, sizeof path, "%s/elsewhere", dir);
	cr_assert(eq(int, count_files(path), 0), "nothing was written through the link");
	snprintf(path, sizeof path, "%s/arch/src/r00.pdf", dir);
	cr_assert(file_exists(path), "the release named in the list is rendered");
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "find %s -newer %s/lists/l -type f ! -path '%s/arch/*' ! -path '%s/src/*'",
	                dir, dir, dir, dir),
	        0));
	cr_assert(eq(str, out, ""), "nothing outside the archive changed");
}

Test(batch, another_batch_on_the_archive_is_exit_75)
{
	make_releases(dir, "src", 1);
	char path[128];
	snprintf(path, sizeof path, "%s/arch/.letterpress", dir);
	cr_assert(eq(int, sh(out, sizeof out, "mkdir -p %s", path), 0));
	strcat(path, "/lock");
	int fd = open(path, O_RDWR | O_CREAT, 0644);
	cr_assert(ge(int, fd, 0));
	cr_assert(eq(int, flock(fd, LOCK_EX), 0));
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 75), "%s", out);
	cr_assert(ne(ptr,
	                  strstr(out, "arch/.letterpress/lock: error: another batch is writing "
	                              "this archive"),
	                  NULL),
	        "%s", out);
	cr_assert(eq(int, lp("manifest merge %s", "arch"), 75), "%s", out);
	snprintf(path, sizeof path, "%s/arch/r00.pdf", dir);
	cr_assert(not(file_exists(path)));
	close(fd);
	cr_assert(eq(int, lp("batch src -o %s", "arch"), 0), "%s", out);
}

Test(batch, sources_from_a_list_and_from_standard_input)
{
	make_releases(dir, "src", 3);
	write_text(dir, "list", "src/r02.md\n\n./src/r00.md\r\n");
	cr_assert(eq(int, lp("batch --from list -o %s", "a1"), 0), "%s", out);
	const char *m = manifest("a1");
	cr_assert(eq(int, strncmp(m, "{\"source\":\"src/r00.md\"", 22), 0), "%s", m);
	cr_assert(ne(ptr, strstr(m, "\n{\"source\":\"src/r02.md\""), NULL), "%s", m);
	cr_assert(eq(ptr, strstr(m, "r01"), NULL), "%s", m);
	cr_assert(eq(int, lp("batch --from - -o %s < list", "a2"), 0), "%s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out, "cmp %s/a1/manifest.jsonl %s/a2/manifest.jsonl", dir,
	                          dir),
	                  0),
	        "%s", out);
	cr_assert(eq(int, lp("batch --from %s -o a3", "missing-list"), 66), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "missing-list: error: cannot read the list of sources"), NULL),
	        "%s", out);
}

Test(batch, an_archive_that_cannot_be_made_is_exit_73)
{
	make_releases(dir, "src", 1);
	write_text(dir, "file", "x");
	cr_assert(eq(int, lp("batch src -o %s", "file/arch"), 73), "%s", out);
	cr_assert(ne(ptr, strstr(out, "file/arch: error: cannot make the archive folder"), NULL),
	        "%s", out);
}

Test(batch, usage_errors_are_exit_64)
{
	cr_assert(eq(int, lp("batch src %s", ""), 64), "%s", out);
	cr_assert(eq(int, lp("batch src -o a --shard %s", "4/3"), 64), "%s", out);
	cr_assert(eq(int, lp("batch src -o a --shard %s", "0/3"), 64), "%s", out);
	cr_assert(eq(int, lp("batch src -o a --jobs %s", "0"), 64), "%s", out);
	cr_assert(eq(int, lp("batch - -o %s", "a"), 64), "%s", out);
	cr_assert(eq(int, lp("manifest %s", "split a"), 64), "%s", out);
}

/* An option the format cannot take would fail every release, and a failed
 * release's old output is removed: refused before the archive is
 * touched, as render refuses it. */
Test(batch, options_the_format_cannot_take_are_exit_64_and_keep_the_archive)
{
	make_releases(dir, "src", 2);
	cr_assert(eq(int, lp("batch -q src -o %s --format tiff", "faxes"), 0), "%s", out);
	cr_assert(eq(int, lp("batch -q src -o %s --format pdf --fax", "pdfs"), 0), "%s", out);
	const char *refused[][2] = {{"faxes", "--format tiff --sign-field Potpis"},
	        {"faxes", "--format tiff --pdfua"}, {"faxes", "--format tiff --pdfa 2b"},
	        {"faxes", "--format png --fax"}, {"pdfs", "--format pdf --fax --sign-field P"}};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		const char *m = manifest(refused[i][0]);
		char before[1 << 12];
		snprintf(before, sizeof before, "%s", m);
		cr_assert(eq(int, lp("batch -q src -o %s %s", refused[i][0], refused[i][1]), 64),
		        "%s: %s", refused[i][1], out);
		cr_assert(ne(ptr, strstr(out, "error: "), NULL), "%s", out);
		cr_assert(eq(str, (char *)manifest(refused[i][0]), before), "%s", refused[i][1]);
		const char *ext = strcmp(refused[i][0], "faxes") == 0 ? "tiff" : "pdf";
		for (int r = 0; r < 2; r++) {
			char path[256];
			snprintf(path, sizeof path, "%s/%s/r%02d.%s", dir, refused[i][0], r, ext);
			cr_assert(eq(int, access(path, F_OK), 0), "%s: %s is gone", refused[i][1],
			        path);
		}
	}
}

Test(batch, shards_merge_into_the_manifest_of_one_run)
{
	make_releases(dir, "src", 9);
	write_text(dir, "src/bad.md", "---\ndate: 2024-13-01\n---\nText.\n");
	cr_assert(eq(int, lp("batch src -o %s", "whole"), 65), "%s", out);
	for (int k = 1; k <= 3; k++) {
		char args[64];
		snprintf(args, sizeof args, "%d/3", k);
		int rc = lp("batch src -o sharded --shard %s", args);
		cr_assert(rc == 0 || rc == 65, "%d: %s", rc, out);
	}
	cr_assert(eq(int, lp("manifest merge %s", "sharded"), 0), "%s", out);
	char a[128], b[128];
	snprintf(a, sizeof a, "%s/whole", dir);
	snprintf(b, sizeof b, "%s/sharded", dir);
	cr_assert(eq(int,
	                  sh(out, sizeof out, "diff -r -x .letterpress -x 'manifest.*-of-*' %s %s",
	                          a, b),
	                  0),
	        "%s", out);
	/* A shard's manifest lists only its own releases. */
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && cat manifest.?-of-3.jsonl | sort > ../all && sort "
	                          "manifest.jsonl "
	                          "| cmp - ../all",
	                          b),
	                  0),
	        "%s", out);
	/* A missing shard, or a record in the wrong shard, is refused. */
	cr_assert(eq(int, sh(out, sizeof out, "mv %s/manifest.2-of-3.jsonl %s/m2", b, dir), 0));
	cr_assert(eq(int, lp("manifest merge %s", "sharded"), 66), "%s", out);
	cr_assert(ne(ptr, strstr(out, "manifest.2-of-3.jsonl is missing"), NULL), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "cat %s/m2 >> %s/manifest.1-of-3.jsonl", dir, b), 0));
	cr_assert(eq(int, sh(out, sizeof out, "cp %s/m2 %s/manifest.2-of-3.jsonl", dir, b), 0));
	cr_assert(eq(int, lp("manifest merge %s", "sharded"), 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "sharded/manifest.1-of-3.jsonl:"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "belongs to shard 2 of 3"), NULL), "%s", out);
}

Test(batch, a_terminal_gets_a_progress_line_and_a_pipe_does_not)
{
	make_releases(dir, "src", 6);
	write_text(dir, "src/bad1.md", "---\ndate: 2024-02-30\n---\nText.\n");
	write_text(dir, "src/bad2.md", "---\ndate: 2024-02-31\n---\nText.\n");
	/* script(1) gives the run a terminal. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && script -qfec '" LP " batch src -o a1' /dev/null", dir),
	                  65),
	        "%s", out);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	int draws = 0;
	for (const char *p = out; (p = strstr(p, "\r\033[Kbatch: ")); p++)
		draws++;
	cr_assert(ge(int, draws, 1), "%s", out);
	cr_assert(le(int, draws, (int)(10 * seconds) + 1), "%d updates in %.2f s", draws, seconds);
	/* Failures are printed as they come, and listed again in the summary. */
	cr_assert(ne(ptr, strstr(out, "src/bad1.md:2:7: error: 'date'"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "batch: 2 of 8 releases failed:"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, " failed"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, " releases/s, ETA "), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "8 releases, 6 ok, 2 failed"), NULL), "%s", out);
	cr_assert(eq(int, lp("batch src -o %s", "a2"), 65), "%s", out);
	cr_assert(eq(ptr, strstr(out, "releases/s"), NULL), "%s", out);
	cr_assert(eq(ptr, strstr(out, "\r"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "\nbatch: 8 releases, 6 ok, 2 failed"), NULL),
	        "only failures and the summary: %s", out);
}
