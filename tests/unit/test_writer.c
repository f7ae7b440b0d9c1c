/* The output writer layer (src/pipeline/writer.c): formats by name and by
 * extension, and renders choosing their writer by format. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "letterpress.h"
#include "pipeline/writer.h"
#include "test-config.h"

#define SEED LP_TEST_SRCDIR "/examples/en-2024-09-24.md"

static lp_engine *engine;
static char dir[64];

static void
setup(void)
{
	lp_engine_options eo = {.data_dir = LP_TEST_SRCDIR};
	cr_assert(eq(int, lp_engine_new(&eo, &engine, NULL), LP_OK));
	snprintf(dir, sizeof dir, "/tmp/lp-writer-XXXXXX");
	cr_assert(ne(ptr, mkdtemp(dir), NULL));
}

static void
teardown(void)
{
	lp_engine_drop(engine);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

TestSuite(writer, .init = setup, .fini = teardown, .timeout = 120);

Test(writer, formats_by_name_and_by_extension)
{
	cr_assert(eq(int, lp_format_from_name("pdf"), LP_FORMAT_PDF));
	cr_assert(eq(int, lp_format_from_name("tiff"), LP_FORMAT_TIFF));
	cr_assert(eq(int, lp_format_from_name("png"), LP_FORMAT_PNG));
	cr_assert(eq(int, lp_format_from_name("jpeg"), LP_FORMAT_AUTO));
	cr_assert(eq(int, lp_format_from_path("fax.TIF"), LP_FORMAT_TIFF));
	cr_assert(eq(int, lp_format_from_path("fax.tiff"), LP_FORMAT_TIFF));
	cr_assert(eq(int, lp_format_from_path("p.png"), LP_FORMAT_PNG));
	cr_assert(eq(str, (char *)lp_format_extension(LP_FORMAT_TIFF), ".tiff"));
	cr_assert(eq(int, lp_format_from_name(NULL), LP_FORMAT_AUTO));
	cr_assert(eq(int, lp_format_from_path("out/a.pdf"), LP_FORMAT_PDF));
	cr_assert(eq(int, lp_format_from_path("A.PDF"), LP_FORMAT_PDF));
	cr_assert(eq(int, lp_format_from_path("a.pdf/out"), LP_FORMAT_AUTO));
	cr_assert(eq(int, lp_format_from_path("out"), LP_FORMAT_AUTO));
	cr_assert(eq(int, lp_format_from_path("-"), LP_FORMAT_AUTO));
	cr_assert(eq(str, (char *)lp_format_name(LP_FORMAT_PDF), "pdf"));
	cr_assert(eq(str, (char *)lp_format_extension(LP_FORMAT_PDF), ".pdf"));
	cr_assert(eq(ptr, (void *)lp_format_name(LP_FORMAT_AUTO), NULL));
	cr_assert(eq(ptr, (void *)lp_format_extension((lp_format)99), NULL));
}

Test(writer, auto_takes_the_extension_else_pdf)
{
	const lp_writer *w = lp_writer_for(LP_FORMAT_AUTO, "x.pdf");
	cr_assert(ne(ptr, (void *)w, NULL));
	cr_assert(eq(int, w->format, LP_FORMAT_PDF));
	cr_assert(eq(ptr, (void *)lp_writer_for(LP_FORMAT_AUTO, "no-extension"), (void *)w));
	cr_assert(eq(ptr, (void *)lp_writer_for(LP_FORMAT_AUTO, NULL), (void *)w));
	cr_assert(eq(ptr, (void *)lp_writer_for((lp_format)99, "x.pdf"), NULL));
}

Test(writer, every_entry_point_renders_through_the_format)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	lp_render_options ro = {.date_epoch = -1, .format = LP_FORMAT_PDF};
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_render_file(engine, SEED, path, &ro, d), LP_OK));
	FILE *f = fopen(path, "rb");
	cr_assert(ne(ptr, f, NULL));
	char head[5] = "";
	cr_assert(eq(sz, fread(head, 1, 4, f), 4));
	fclose(f);
	cr_assert(eq(str, head, "%PDF"));

	struct stat st;
	cr_assert(eq(int, stat(path, &st), 0));
	uint8_t *mem = NULL;
	size_t size = 0;
	FILE *in = fopen(SEED, "rb");
	static char src[1 << 16];
	size_t n = fread(src, 1, sizeof src, in);
	fclose(in);
	cr_assert(eq(int, lp_render_memory(engine, SEED, src, n, &ro, &mem, &size, d), LP_OK));
	cr_assert(eq(sz, size, (size_t)st.st_size),
	        "the file and the memory render are one writer's");
	free(mem);
	lp_diag_drop(d);
}

Test(writer, a_format_without_a_writer_is_refused_and_writes_nothing)
{
	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	lp_render_options ro = {.date_epoch = -1, .format = (lp_format)99};
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_render_file(engine, SEED, path, &ro, d), LP_ERR_USAGE));
	cr_assert(eq(int, access(path, F_OK), -1));
	cr_assert(eq(int, lp_check_file(engine, SEED, &ro, d), LP_ERR_USAGE));
	const lp_diag_entry *e = lp_diag_at_index(d, 0);
	cr_assert(ne(ptr, (void *)e, NULL));
	cr_assert(ne(ptr, strstr(e->message, "format"), NULL), "%s", e->message);
	lp_diag_drop(d);
}

/* The raster writers get the render options: TIFF and PNG in memory carry
 * their formats' signatures, and a render to a path whose extension names
 * another format is refused before anything is written. */
Test(writer, raster_formats_take_the_options_and_never_mislabel)
{
	FILE *in = fopen(SEED, "rb");
	static char src[1 << 16];
	size_t n = fread(src, 1, sizeof src, in);
	fclose(in);
	lp_diag *d = lp_diag_new(NULL, NULL);
	uint8_t *mem = NULL;
	size_t size = 0;
	lp_render_options ro = {
	        .date_epoch = -1, .format = LP_FORMAT_TIFF, .fax_mode = LP_FAX_MODE_STANDARD};
	cr_assert(eq(int, lp_render_memory(engine, SEED, src, n, &ro, &mem, &size, d), LP_OK));
	cr_assert(eq(int, memcmp(mem, "II*\0", 4), 0));
	free(mem);
	ro = (lp_render_options){
	        .date_epoch = -1, .format = LP_FORMAT_PNG, .dpi = 10, .grey = true};
	cr_assert(eq(int, lp_render_memory(engine, SEED, src, n, &ro, &mem, &size, d), LP_OK));
	cr_assert(eq(int, memcmp(mem, "\x89PNG", 4), 0));
	/* IHDR: 10 dpi of A4 is 83 x 117 pixels, 8-bit grey (colour type 0). */
	cr_assert(eq(int, mem[19], 83));
	cr_assert(eq(int, mem[23], 117));
	cr_assert(eq(int, mem[25], 0));
	free(mem);

	char path[128];
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	cr_assert(eq(int, lp_render_file(engine, SEED, path, &ro, d), LP_ERR_USAGE));
	cr_assert(eq(int, access(path, F_OK), -1));
	lp_diag_drop(d);
}
