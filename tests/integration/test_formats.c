/* The output formats as a user asks for them: -o's extension, --format and
 * the fax and PNG options, for render and batch. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define SEED LP_TEST_SRCDIR "/examples/seed-saopstenje-2024-02-20.md"
#define LONG LP_TEST_SRCDIR "/examples/long-izvestaj.md"

LP_TEST_TEMP_DIR_SUITE(formats);

/* tiffinfo's report of the file's first directory. */
static int
tiffinfo(const char *name, char *out, size_t size)
{
	return sh(out, size, "tiffinfo '%s/%s' | sed -n '1,30p'", dir, name);
}

Test(formats, tiff_from_the_extension_is_fine_g4_1728_wide)
{
	char out[8192];
	int rc = sh(
	        out, sizeof out, "%s render -q %s -o %s/fax.tiff", LP_TEST_LETTERPRESS, SEED, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(eq(int, tiffinfo("fax.tiff", out, sizeof out), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Image Width: 1728 "), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Resolution: 204, 196 pixels/inch"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Compression Scheme: CCITT Group 4"), NULL), "%s", out);
	cr_assert(
	        ne(ptr, strstr(out, "Photometric Interpretation: min-is-white"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "FillOrder: lsb-to-msb"), NULL), "%s", out);
	cr_assert(eq(int, count_files(dir), 1));
}

Test(formats, tiff_standard_mode_and_g3_coding)
{
	char out[8192];
	int rc = sh(out, sizeof out,
	        "%s render -q %s -o %s/std.tif --fax-mode standard --fax-coding g3-2d",
	        LP_TEST_LETTERPRESS, SEED, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(eq(int, tiffinfo("std.tif", out, sizeof out), 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Resolution: 204, 98 pixels/inch"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "Compression Scheme: CCITT Group 3"), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "2-d encoding"), NULL), "%s", out);
}

Test(formats, format_option_without_an_extension)
{
	char out[8192];
	int rc = sh(out, sizeof out, "%s render -q %s -o %s/fax --format tiff", LP_TEST_LETTERPRESS,
	        SEED, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "head -c 4 %s/fax | od -An -c", dir), 0));
	cr_assert(ne(ptr, strstr(out, "I   I   *"), NULL), "not a TIFF: %s", out);
}

/* A TIFF to standard output goes through a pipe, which cannot seek back
 * as libtiff does: it is made in a scratch file and copied out, the same
 * bytes as a file target's, every page, and the scratch file is gone. */
Test(formats, tiff_through_a_pipe_is_the_file_target_s_bytes)
{
	char out[8192];
	int rc = sh(out, sizeof out,
	        "%s render -q %s -o %s/file.tiff && %s render -q %s --format tiff -o - | cat "
	        ">%s/piped.tiff && cmp %s/file.tiff %s/piped.tiff",
	        LP_TEST_LETTERPRESS, LONG, dir, LP_TEST_LETTERPRESS, LONG, dir, dir, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(
	        eq(int, sh(out, sizeof out, "tiffinfo %s/piped.tiff | grep -c 'Page Number'", dir),
	                0),
	        "%s", out);
	cr_assert(lt(int, 1, atoi(out)), "one page only: %s", out);
	cr_assert(eq(int, count_files(dir), 2));
}

Test(formats, png_of_one_page_is_one_file)
{
	char out[8192];
	int rc = sh(out, sizeof out, "%s render -q %s -o %s/p.png --dpi 36 --grey",
	        LP_TEST_LETTERPRESS, SEED, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(eq(int, count_files(dir), 1));
	/* 36 dpi of A4's 595 x 842 pt: 298 x 421, 8-bit grey. */
	cr_assert(eq(int, sh(out, sizeof out, "file %s/p.png", dir), 0));
	cr_assert(ne(ptr, strstr(out, "PNG image data, 298 x 421, 8-bit grayscale"), NULL), "%s",
	        out);
}

Test(formats, png_of_several_pages_is_one_file_a_page)
{
	char out[8192];
	int rc = sh(out, sizeof out, "%s render -q %s -o %s/long.png --dpi 24", LP_TEST_LETTERPRESS,
	        LONG, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	/* As many files as the PDF has pages, and nothing else. */
	rc = sh(out, sizeof out,
	        "%s render -q %s -o %s/long.pdf && pdfinfo %s/long.pdf | awk '/^Pages:/{print $2}'",
	        LP_TEST_LETTERPRESS, LONG, dir, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	int pages = atoi(out);
	cr_assert(lt(int, 1, pages));
	for (int i = 1; i <= pages; i++) {
		char name[128];
		snprintf(name, sizeof name, "%s/long-%d.png", dir, i);
		cr_assert(file_exists(name), "%s missing", name);
	}
	cr_assert(not(file_exists(strcat(strcpy(out, dir), "/long.png"))));
	cr_assert(eq(int, count_files(dir), pages + 1));
}

Test(formats, png_of_several_pages_to_stdout_is_refused)
{
	char out[8192];
	int rc = sh(out, sizeof out, "{ %s render %s -o - --format png > %s/stdout.bin; }",
	        LP_TEST_LETTERPRESS, LONG, dir);
	cr_assert(eq(int, rc, 65), "%s", out);
	cr_assert(ne(ptr, strstr(out, "long-izvestaj.md: error: the document has "), NULL), "%s",
	        out);
	cr_assert(eq(long, file_size(strcat(strcpy(out, dir), "/stdout.bin")), 0));
}

Test(formats, an_extension_that_contradicts_the_format_is_a_usage_error)
{
	char out[8192];
	const char *cases[][2] = {
	        {"x.png", "tiff"}, {"x.tiff", "png"}, {"x.pdf", "tiff"}, {"x.TIF", "pdf"}};
	for (size_t i = 0; i < 4; i++) {
		int rc = sh(out, sizeof out, "cd %s && %s render -q %s -o %s --format %s", dir,
		        LP_TEST_LETTERPRESS, SEED, cases[i][0], cases[i][1]);
		cr_assert(eq(int, rc, 64), "%s --format %s: %s", cases[i][0], cases[i][1], out);
		cr_assert(ne(ptr, strstr(out, cases[i][0]), NULL), "%s", out);
		cr_assert(ne(ptr, strstr(out, "error: the name says"), NULL), "%s", out);
	}
	cr_assert(eq(int, count_files(dir), 0));
}

Test(formats, bad_option_values_are_usage_errors)
{
	char out[8192];
	const char *args[] = {"--dpi 0", "--dpi 100000", "--dpi 7x", "--fax-mode super",
	        "--fax-coding g5", "--format jpeg"};
	for (size_t i = 0; i < sizeof args / sizeof *args; i++) {
		int rc = sh(out, sizeof out, "cd %s && %s render %s -o o.png %s", dir,
		        LP_TEST_LETTERPRESS, SEED, args[i]);
		cr_assert(eq(int, rc, 64), "%s: %s", args[i], out);
	}
	int rc = sh(out, sizeof out, "cd %s && %s render %s -o o.png --fax", dir,
	        LP_TEST_LETTERPRESS, SEED);
	cr_assert(eq(int, rc, 64), "%s", out);
	cr_assert(ne(ptr, strstr(out, "o.png: error: the fax profile"), NULL), "%s", out);
	cr_assert(eq(int, count_files(dir), 0));
}

/* dir/thin: a letterhead with a grey 0.2 pt rule, which the fax preflight
 * flags (the shipped layouts draw nothing it flags). */
static void
write_thin_rule_layout(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/thin", dir);
	cr_assert(eq(int, mkdir(path, 0755), 0));
	write_text(dir, "thin/layout.yaml",
	        "page:\n"
	        "  size: A4\n"
	        "  margins: {top: 25mm, right: 25mm, bottom: 25mm, left: 25mm}\n"
	        "styles:\n"
	        "  body: {family: Noto Serif, size: 11pt, leading: 14pt}\n"
	        "styles-for:\n"
	        "  body: body\n"
	        "first-page:\n"
	        "  body: {top: 30mm, bottom: 30mm}\n"
	        "  blocks:\n"
	        "    - kind: separator\n"
	        "      y: 270mm\n"
	        "      rule-width: 0.2pt\n"
	        "      color: \"#555555\"\n");
}

Test(formats, fax_pdf_is_a_profiled_pdf)
{
	char out[8192];
	write_thin_rule_layout();
	int rc = sh(out, sizeof out,
	        "%s render -q %s -l %s/thin -o %s/plain.pdf && %s render %s -l %s/thin -o "
	        "%s/fax.pdf --fax",
	        LP_TEST_LETTERPRESS, SEED, dir, dir, LP_TEST_LETTERPRESS, SEED, dir, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	/* The fax preflight ran: the layout's hairline, at its block. */
	cr_assert(ne(ptr, strstr(out, "thin/layout.yaml:11:7: warning: fax: lines under 0.5 pt"),
	                  NULL),
	        "%s", out);
	cr_assert(eq(int, sh(out, sizeof out, "head -c 5 %s/fax.pdf", dir), 0));
	cr_assert(eq(int, strncmp(out, "%PDF-", 5), 0));
	/* The profile changed what was drawn (colours to black). */
	cr_assert(ne(int, sh(out, sizeof out, "cmp -s %s/plain.pdf %s/fax.pdf", dir, dir), 0));
}

/* A batch's sources: the one-page seed and the several-page report. */
static void
two_sources(void)
{
	char out[1024];
	cr_assert(eq(int,
	                  sh(out, sizeof out, "mkdir %s/src && cp %s %s %s/src/", dir, SEED, LONG,
	                          dir),
	                  0),
	        "%s", out);
}

Test(formats, batch_tiff_records_each_fax_with_its_hash_and_pages)
{
	char out[16384];
	two_sources();
	int rc = sh(out, sizeof out,
	        "cd %s && %s batch -q src -o arc --format tiff --fax-mode standard", dir,
	        LP_TEST_LETTERPRESS);
	cr_assert(eq(int, rc, 0), "%s", out);
	/* The record's output, sha256 and bytes are the file's own. */
	rc = sh(out, sizeof out,
	        "cd %s/arc && sha256sum long-izvestaj.tiff | cut -c1-64 && wc -c < "
	        "long-izvestaj.tiff "
	        "&& grep -c '' manifest.jsonl && grep long-izvestaj manifest.jsonl",
	        dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	char hash[65], line[8192];
	long bytes;
	int records;
	cr_assert(eq(int, sscanf(out, "%64s %ld %d %8191[^\n]", hash, &bytes, &records, line), 4),
	        "%s", out);
	cr_assert(eq(int, records, 2));
	char want[256];
	snprintf(want, sizeof want,
	        "\"output\":\"long-izvestaj.tiff\",\"sha256\":\"%s\",\"bytes\":%ld,\"pages\":6,"
	        "\"status\":\"ok\"",
	        hash, bytes);
	cr_assert(ne(ptr, strstr(line, want), NULL), "%s\nnot in\n%s", want, line);
	cr_assert(eq(int,
	        sh(out, sizeof out,
	                "tiffinfo %s/arc/long-izvestaj.tiff | grep -c 'Resolution: 204, 98'", dir),
	        0));
	cr_assert(eq(int, atoi(out), 6), "%s", out);
}

/* A fax TIFF past the megabyte a writer holds in memory goes into its file
 * page by page: the same bytes as one made in memory whole (standard
 * output without a scratch folder), and a batch's record hashes the file
 * it read back. */
Test(formats, a_tiff_past_what_is_held_in_memory_is_the_same_every_way, .timeout = 60)
{
	char out[4096];
	int rc = sh(out, sizeof out,
	        "cd %s && mkdir src && for i in $(seq 700); do printf '%%d. Председник Републике "
	        "разговарао је данас о сарадњи у области енергетике и инфраструктуре.\n\n' $i; "
	        "done >src/big.md && %s render -q src/big.md -o file.tiff && TMPDIR=/nonexistent "
	        "%s render -q src/big.md --format tiff -o - >memory.tiff && cmp file.tiff "
	        "memory.tiff && %s batch -q src -o arc --format tiff && cmp file.tiff arc/big.tiff "
	        "&& wc -c <file.tiff && sha256sum file.tiff | cut -c1-64 && grep -o "
	        "'\"sha256\":\"[0-9a-f]*' arc/manifest.jsonl | cut -c11-",
	        dir, LP_TEST_LETTERPRESS, LP_TEST_LETTERPRESS, LP_TEST_LETTERPRESS);
	cr_assert(eq(int, rc, 0), "%s", out);
	long bytes;
	char hash[65], recorded[65];
	cr_assert(eq(int, sscanf(out, "%ld %64s %64s", &bytes, hash, recorded), 3), "%s", out);
	cr_assert(lt(long, 1L << 20, bytes), "only %ld bytes: held whole", bytes);
	cr_assert(eq(str, recorded, hash));
}

/* The height of a PNG in the archive. */
static long
png_height(const char *name)
{
	char out[256];
	cr_assert(eq(int, sh(out, sizeof out, "identify -format '%%h' %s/arc/%s", dir, name), 0),
	        "%s", out);
	return atol(out);
}

/* A PNG batch archives one file a release: a release of several pages is
 * one image of its pages top to bottom with a grey band between them, and
 * its record's sha256, bytes and pages are that file's; --resume keeps
 * both outputs, and two shards merged give the same manifest. */
Test(formats, batch_png_archives_one_image_a_release_with_every_page)
{
	char out[16384];
	two_sources();
	int rc = sh(out, sizeof out, "cd %s && %s batch -q src -o arc --format png --dpi 24", dir,
	        LP_TEST_LETTERPRESS);
	cr_assert(eq(int, rc, 0), "%s", out);
	rc = sh(out, sizeof out,
	        "cd %s/arc && sha256sum long-izvestaj.png | cut -c1-64 && wc -c < "
	        "long-izvestaj.png "
	        "&& grep long-izvestaj manifest.jsonl && ls",
	        dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	char hash[65], line[8192];
	long bytes;
	cr_assert(eq(int, sscanf(out, "%64s %ld %8191[^\n]", hash, &bytes, line), 3), "%s", out);
	char want[256];
	snprintf(want, sizeof want,
	        "\"output\":\"long-izvestaj.png\",\"sha256\":\"%s\",\"bytes\":%ld,\"pages\":6,"
	        "\"status\":\"ok\"",
	        hash, bytes);
	cr_assert(ne(ptr, strstr(line, want), NULL), "%s\nnot in\n%s", want, line);
	cr_assert(eq(ptr, strstr(out, "long-izvestaj-"), NULL), "one file, no page files: %s", out);
	/* A4 at 24 dpi is 281 rows; the gap is 1/12 in, 2 rows. */
	long page = png_height("seed-saopstenje-2024-02-20.png");
	cr_assert(eq(long, page, 281));
	cr_assert(eq(long, png_height("long-izvestaj.png"), 6 * page + 5 * 2));
	/* The second page starts below the gap: its first rows are white
	 * paper, the gap's are grey. */
	rc = sh(out, sizeof out,
	        "convert %s/arc/long-izvestaj.png -crop 1x3+0+280 -depth 8 txt:- | "
	        "grep -o '#[0-9A-F]\\{6\\}' | tr '\\n' ' '",
	        dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(eq(str, out, "#FFFFFF #808080 #808080 "), "%s", out);

	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && cp arc/manifest.jsonl whole.jsonl && "
	                          "cp arc/long-izvestaj.png long.png && %s batch src -o arc "
	                          "--format png --dpi 24 --resume",
	                          dir, LP_TEST_LETTERPRESS),
	                  0),
	        "%s", out);
	cr_assert(ne(ptr, strstr(out, "2 kept"), NULL), "--resume renders nothing again: %s", out);
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && cmp arc/manifest.jsonl whole.jsonl && "
	                          "cmp arc/long-izvestaj.png long.png",
	                          dir),
	                  0),
	        "%s", out);

	rc = sh(out, sizeof out,
	        "cd %s && for k in 1 2; do %s batch -q src -o sh --format png --dpi 24 --shard "
	        "$k/2 "
	        "|| exit 1; done && %s manifest merge sh && cmp sh/manifest.jsonl whole.jsonl && "
	        "cmp sh/long-izvestaj.png long.png",
	        dir, LP_TEST_LETTERPRESS, LP_TEST_LETTERPRESS);
	cr_assert(eq(int, rc, 0), "%s", out);
}

Test(formats, batch_resume_with_other_fax_options_renders_again)
{
	char out[16384];
	two_sources();
	int rc = sh(out, sizeof out,
	        "cd %s && %s batch -q src -o arc --format tiff && cp arc/long-izvestaj.tiff "
	        "fine.tiff "
	        "&& %s batch -q src -o arc --format tiff --fax-mode standard --resume",
	        dir, LP_TEST_LETTERPRESS, LP_TEST_LETTERPRESS);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(ne(int,
	                  sh(out, sizeof out, "cmp -s %s/fine.tiff %s/arc/long-izvestaj.tiff", dir,
	                          dir),
	                  0),
	        "--resume kept an output made with other options");
}

Test(formats, check_of_several_png_pages_renders_them_and_writes_nothing)
{
	char out[8192];
	int rc = sh(out, sizeof out, "cd %s && %s check -q %s --format png --dpi 12", dir,
	        LP_TEST_LETTERPRESS, LONG);
	cr_assert(eq(int, rc, 0), "%s", out);
	cr_assert(eq(int, count_files(dir), 0));
}

Test(formats, tiff_preflight_warnings_name_the_layout_block)
{
	char out[8192];
	write_thin_rule_layout();
	int rc = sh(out, sizeof out, "%s render %s -l %s/thin -o %s/fax.tiff", LP_TEST_LETTERPRESS,
	        SEED, dir, dir);
	cr_assert(eq(int, rc, 0), "%s", out);
	/* The 0.2 pt rule: the layout's block, not the release. */
	cr_assert(ne(ptr, strstr(out, "thin/layout.yaml:11:7: warning: fax: lines under 0.5 pt"),
	                  NULL),
	        "%s", out);
}

/* A JPEG that the PDF passes through keeps no decoded pixels; the raster
 * backend read them anyway and crashed (SIGSEGV). It now decodes them: the
 * signature scan is on the PNG and the fax page. */
Test(formats, a_passed_through_jpeg_is_drawn_on_png_and_tiff)
{
	char out[4096];
	cr_assert(eq(int,
	                  sh(out, sizeof out,
	                          "cd %s && cp " LP_TEST_DATA_DIR "/images/photo.jpg potpis.jpg && "
	                          "printf -- '---\\nlayout: memorandum\\ntitle: Proba\\ndate: "
	                          "2024-02-20\\n"
	                          "signature:\\n  name: Petar\\n  image: "
	                          "potpis.jpg\\n---\\nTekst.\\n' > s.md && "
	                          "sed '/image:/d' s.md > n.md",
	                          dir),
	                  0),
	        "%s", out);
	const char *exts[] = {"png", "tiff"};
	for (int i = 0; i < 2; i++) {
		cr_assert(eq(int,
		                  sh(out, sizeof out,
		                          LP_TEST_LETTERPRESS " render -q %s/s.md -o %s/s.%s", dir,
		                          dir, exts[i]),
		                  0),
		        "%s", out);
		cr_assert(eq(int,
		                  sh(out, sizeof out,
		                          LP_TEST_LETTERPRESS " render -q %s/n.md -o %s/n.%s", dir,
		                          dir, exts[i]),
		                  0),
		        "%s", out);
		/* The picture changes the page. */
		cr_assert(ne(int,
		                  sh(out, sizeof out, "cmp -s %s/s.%s %s/n.%s", dir, exts[i], dir,
		                          exts[i]),
		                  0),
		        "the %s page has no picture", exts[i]);
	}
}
