#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/source.h"
#include "test-config.h"

Test(source, missing_file_is_reported_as_missing)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src = (lp_source *)1;
	lp_status s = lp_source_load("/nonexistent/release.md", 1000, &src, d);
	cr_assert(eq(int, s, LP_ERR_MISSING));
	cr_assert(eq(ptr, src, NULL));
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 0)->file, "/nonexistent/release.md"));
	lp_diag_drop(d);
}

Test(source, directory_and_oversize_are_errors)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src;
	cr_assert(eq(int, lp_source_load(LP_TEST_SRCDIR, 1000, &src, d), LP_ERR_MISSING));
	cr_assert(eq(
	        int, lp_source_load(LP_TEST_SRCDIR "/fonts/OFL.txt", 100, &src, d), LP_ERR_LIMIT));
	lp_diag_drop(d);
}

Test(source, loads_file_and_indexes_lines)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src;
	cr_assert(
	        eq(int, lp_source_load(LP_TEST_SRCDIR "/fonts/OFL.txt", 1 << 20, &src, d), LP_OK));
	cr_assert(lt(sz, 1000, lp_source_size(src)));
	cr_assert(eq(i8, lp_source_data(src)[lp_source_size(src)], 0));
	uint32_t line, col;
	lp_source_line_col(src, 0, &line, &col);
	cr_assert(eq(u32, line, 1));
	cr_assert(eq(u32, col, 1));
	lp_source_line_col(src, lp_source_size(src) + 100, &line, &col);
	cr_assert(lt(u32, 100, line));
	lp_source_drop(src);
	lp_diag_drop(d);
}

/* A FIFO would block a plain open() until a writer came, and a device
 * would be read for as long as it gives bytes: both are refused at once. */
Test(source, fifo_and_devices_are_refused_without_blocking, .timeout = 10)
{
	char dir[] = "/tmp/lp-source-XXXXXX", fifo[64];
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
	snprintf(fifo, sizeof fifo, "%s/pipe.png", dir);
	cr_assert(eq(int, mkfifo(fifo, 0600), 0));
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_source *src = (lp_source *)1;
	cr_assert(eq(int, lp_source_load(fifo, 1000, &src, d), LP_ERR_MISSING));
	cr_assert(eq(ptr, src, NULL));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 0)->message, "FIFO"), NULL));
	char *data = (char *)1;
	size_t size;
	cr_assert(eq(int, lp_file_read("/dev/zero", 1 << 20, &data, &size, d), LP_ERR_MISSING));
	cr_assert(eq(ptr, data, NULL));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 1)->message, "character device"), NULL));
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 1)->file, "/dev/zero"));
	cr_assert(eq(int, lp_file_read(dir, 1000, &data, &size, d), LP_ERR_MISSING));
	cr_assert(ne(ptr, strstr(lp_diag_at_index(d, 2)->message, "folder"), NULL));
	lp_diag_drop(d);
	unlink(fifo);
	rmdir(dir);
}

/* CR alone, LF alone and CRLF each end one line. */
Test(source, cr_lf_and_crlf_each_end_one_line)
{
	const char text[] = "a\rbb\r\ncc\nd\r\rщx";
	lp_source *src;
	cr_assert(eq(int, lp_source_from_memory("t.md", text, sizeof text - 1, &src), LP_OK));
	struct {
		uint64_t offset;
		uint32_t line, col;
	} want[] = {{0, 1, 1}, {2, 2, 1}, {3, 2, 2}, {6, 3, 1}, {9, 4, 1}, {11, 5, 1}, {12, 6, 1},
	        {14, 6, 2}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		uint32_t line, col;
		lp_source_line_col(src, want[i].offset, &line, &col);
		cr_assert(eq(u32, line, want[i].line), "offset %llu",
		        (unsigned long long)want[i].offset);
		cr_assert(eq(u32, col, want[i].col), "offset %llu",
		        (unsigned long long)want[i].offset);
	}
	lp_source_drop(src);
}

/* A file one input names is read only from below the naming file's
 * folder, and every refusal is reported at the key that named it. */
Test(source, references_are_confined_and_reported_at_the_key)
{
	char dir[] = "/tmp/lp-source-XXXXXX", cmd[256];
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
	snprintf(cmd, sizeof cmd,
	        "cd %s && echo pic > pic.png && ln -s /etc/passwd out.png && "
	        "mkfifo fifo.png",
	        dir);
	cr_assert(eq(int, system(cmd), 0));
	lp_file_ref ref = {.root = dir,
	        .root_name = "the release's folder",
	        .key = "signature.image",
	        .by_file = "release.md",
	        .line = 5,
	        .col = 10};
	lp_diag *d = lp_diag_new(NULL, NULL);
	char *data;
	size_t size;
	char buf[512];
	struct {
		const char *path;
		lp_status status;
		const char *message;
	} cases[] = {
	        {"../x.png", LP_ERR_SYNTAX,
	                "release.md:5:10: error: 'signature.image' must be a file "
	                "inside the release's folder; '../x.png' is not"},
	        {"/etc/passwd", LP_ERR_SYNTAX,
	                "release.md:5:10: error: 'signature.image' must be a file "
	                "inside the release's folder; '/etc/passwd' is not"},
	        {"out.png", LP_ERR_SYNTAX,
	                "release.md:5:10: error: 'signature.image' must be a file "
	                "inside the release's folder; 'out.png' is not (a symbolic link on the way "
	                "leads "
	                "out of it)"},
	        {"fifo.png", LP_ERR_MISSING,
	                "release.md:5:10: error: 'signature.image' names "
	                "'fifo.png', which is a FIFO (named pipe); only a regular file is read"},
	        {"none.png", LP_ERR_MISSING,
	                "release.md:5:10: error: 'signature.image' names "
	                "'none.png', which does not exist"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ref.path = cases[i].path;
		cr_assert(eq(int, lp_file_read_ref(&ref, 1000, &data, &size, d), cases[i].status),
		        "%s", cases[i].path);
		lp_diag_format(lp_diag_at_index(d, i), buf, sizeof buf);
		cr_assert(eq(str, buf, (char *)cases[i].message));
	}
	ref.path = "pic.png";
	cr_assert(eq(int, lp_file_read_ref(&ref, 1000, &data, &size, d), LP_OK));
	cr_assert(eq(str, data, "pic\n"));
	free(data);
	char *real;
	cr_assert(eq(int, lp_file_check_ref(&ref, &real, d), LP_OK));
	cr_assert(eq(i8, real[0], '/'));
	cr_assert(ne(ptr, strstr(real, "/pic.png"), NULL));
	free(real);
	lp_diag_drop(d);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert(eq(int, system(cmd), 0));
}

/* lp_file_read_into: the file into a buffer sized beforehand; one that
 * grew past it is told, not cut. */
Test(source, read_into_fits_or_tells_a_file_that_grew)
{
	char dir[] = "/tmp/lp-source-XXXXXX", path[64];
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
	snprintf(path, sizeof path, "%s/f.bin", dir);
	FILE *f = fopen(path, "wb");
	cr_assert(ne(ptr, f, NULL));
	fputs("0123456789", f);
	fclose(f);
	lp_diag *d = lp_diag_new(NULL, NULL);
	uint8_t buf[16];
	size_t size = 99;
	bool fits = false;
	cr_assert(eq(int, lp_file_read_into(path, 1000, buf, 10, &size, &fits, d), LP_OK));
	cr_assert(fits);
	cr_assert(eq(sz, size, 10));
	cr_assert(eq(int, memcmp(buf, "0123456789", 10), 0));
	/* Room to spare: a file that shrank since it was sized. */
	cr_assert(eq(int, lp_file_read_into(path, 1000, buf, 16, &size, &fits, d), LP_OK));
	cr_assert(fits);
	cr_assert(eq(sz, size, 10));
	/* Grown past the buffer: nothing, and said so. */
	memset(buf, 'x', sizeof buf);
	cr_assert(eq(int, lp_file_read_into(path, 1000, buf, 9, &size, &fits, d), LP_OK));
	cr_assert(not(fits));
	cr_assert(eq(sz, size, 0));
	cr_assert(eq(sz, lp_diag_errors(d), 0));
	/* Errors as lp_file_read() reports them. */
	cr_assert(eq(int, lp_file_read_into(path, 5, buf, 10, &size, &fits, d), LP_ERR_LIMIT));
	cr_assert(eq(int, lp_file_read_into(dir, 1000, buf, 10, &size, &fits, d), LP_ERR_MISSING));
	snprintf(path, sizeof path, "%s/none", dir);
	cr_assert(eq(int, lp_file_read_into(path, 1000, buf, 10, &size, &fits, d), LP_ERR_MISSING));
	cr_assert(eq(str, (char *)lp_diag_at_index(d, 2)->file, path));
	lp_diag_drop(d);
	snprintf(path, sizeof path, "%s/f.bin", dir);
	unlink(path);
	rmdir(dir);
}
