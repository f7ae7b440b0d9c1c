#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "image/image.h"
#include "test-config.h"

#define IMG(name) LP_TEST_DATA_DIR "/images/" name

static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	cr_assert(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	*size = (size_t)ftell(f);
	rewind(f);
	uint8_t *buf = malloc(*size);
	cr_assert(eq(sz, fread(buf, 1, *size, f), *size));
	fclose(f);
	return buf;
}

/* The first error's text, formatted. */
static void
first_error(lp_diag *diag, char *buf, size_t size)
{
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(e != NULL);
	lp_diag_format(e, buf, size);
}

Test(image, png_with_alpha_gets_separate_planes)
{
	lp_image *img;
	cr_assert(eq(int, lp_image_load(IMG("emblem-alpha.png"), &img, NULL), LP_OK));
	cr_assert(eq(u32, lp_image_width(img), 64));
	cr_assert(eq(u32, lp_image_height(img), 64));
	cr_assert(eq(int, lp_image_color_space(img), LP_IMAGE_RGB));
	size_t n, na;
	const uint8_t *px = lp_image_samples(img, &n);
	const uint8_t *alpha = lp_image_alpha(img, &na);
	cr_assert(eq(sz, n, 64 * 64 * 3));
	cr_assert(eq(sz, na, 64 * 64));
	cr_assert(alpha != NULL);
	size_t mid = 32 * 64 + 32;
	cr_assert(eq(u8, px[mid * 3], 0xc0));
	cr_assert(eq(u8, alpha[mid], 255));
	cr_assert(eq(u8, alpha[0], 0));
	size_t nj;
	cr_assert(eq(ptr, (void *)lp_image_jpeg(img, &nj), NULL));
	lp_image_drop(img);
}

Test(image, opaque_gray_png_has_no_alpha)
{
	lp_image *img;
	cr_assert(eq(int, lp_image_load(IMG("gray.png"), &img, NULL), LP_OK));
	cr_assert(eq(int, lp_image_color_space(img), LP_IMAGE_GRAY));
	size_t n;
	cr_assert(eq(ptr, (void *)lp_image_alpha(img, &n), NULL));
	cr_assert(eq(u8, lp_image_samples(img, &n)[1], 16));
	lp_image_drop(img);
}

Test(image, jpegs_baseline_progressive_gray_and_cmyk)
{
	struct {
		const char *path;
		uint32_t w;
		lp_image_space space;
		bool passthrough;
	} cases[] = {
		{IMG("photo.jpg"), 80, LP_IMAGE_RGB, true},
		{IMG("progressive.jpg"), 40, LP_IMAGE_RGB, true},
		{IMG("gray.jpg"), 32, LP_IMAGE_GRAY, true},
		{IMG("cmyk.jpg"), 40, LP_IMAGE_CMYK, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lp_image *img;
		cr_assert(eq(int, lp_image_load(cases[i].path, &img, NULL), LP_OK), "%s", cases[i].path);
		cr_assert(eq(u32, lp_image_width(img), cases[i].w));
		cr_assert(eq(int, lp_image_color_space(img), cases[i].space));
		size_t n;
		cr_assert(eq(int, lp_image_jpeg(img, &n) != NULL, cases[i].passthrough), "%s", cases[i].path);
		cr_assert(eq(sz, (lp_image_samples(img, &n), n), (size_t)cases[i].w * lp_image_height(img) * cases[i].space));
		lp_image_drop(img);
	}
}

Test(image, truncated_png_is_an_error_not_an_abort)
{
	size_t size;
	uint8_t *data = slurp(IMG("emblem-alpha.png"), &size);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	cr_assert(eq(int, lp_image_from_memory("cut.png", data, size / 2, &img, diag), LP_ERR_SYNTAX));
	cr_assert(eq(ptr, img, NULL));
	char msg[256];
	first_error(diag, msg, sizeof msg);
	cr_assert(eq(int, strncmp(msg, "cut.png", 7), 0), "%s", msg);
	lp_diag_drop(diag);
	free(data);
}

Test(image, truncated_jpeg_is_an_error_with_offset)
{
	size_t size;
	uint8_t *data = slurp(IMG("photo.jpg"), &size);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	cr_assert(eq(int, lp_image_from_memory("cut.jpg", data, size - 200, &img, diag), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "cut.jpg"));
	cr_assert(e->offset > 0 && e->offset <= size - 200, "offset %llu", (unsigned long long)e->offset);
	lp_diag_drop(diag);
	free(data);
}

Test(image, huge_png_header_is_refused_at_once)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	clock_t t0 = clock();
	cr_assert(eq(int, lp_image_load(IMG("huge-header.png"), &img, diag), LP_ERR_LIMIT));
	clock_t spent = clock() - t0;
	cr_assert(lt(long, (long)spent, (long)(CLOCKS_PER_SEC / 2)));
	char msg[256];
	first_error(diag, msg, sizeof msg);
	cr_assert(strstr(msg, "30000x30000") != NULL, "%s", msg);
	lp_diag_drop(diag);
}

Test(image, garbage_and_missing_files_are_errors)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	const char junk[] = "GIF89a not really";
	cr_assert(eq(int, lp_image_from_memory("junk.gif", junk, sizeof junk, &img, diag), LP_ERR_UNSUPPORTED));
	const uint8_t fake_png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	cr_assert(eq(int, lp_image_from_memory("short.png", fake_png, sizeof fake_png, &img, diag), LP_ERR_SYNTAX));
	const uint8_t fake_jpg[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
	cr_assert(eq(int, lp_image_from_memory("short.jpg", fake_jpg, sizeof fake_jpg, &img, diag), LP_ERR_SYNTAX));
	cr_assert(eq(int, lp_image_load(IMG("absent.png"), &img, diag), LP_ERR_MISSING));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 4));
	lp_diag_drop(diag);
}

/* Every truncation and a sweep of one-byte corruptions: each is either
 * decoded or an error, never a crash or a hang (run under ASan in CI). */
Test(image, truncations_and_corruptions_never_crash)
{
	const char *files[] = {IMG("emblem-alpha.png"), IMG("photo.jpg"), IMG("progressive.jpg"), IMG("cmyk.jpg")};
	lp_diag *diag = lp_diag_new(NULL, NULL);
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		size_t size;
		uint8_t *data = slurp(files[k], &size);
		/* A PNG cut inside its final IEND chunk (12 bytes) still has all
		 * its pixels; anything shorter must fail. */
		for (size_t len = 0; len + 12 < size; len += 3) {
			lp_image *img = NULL;
			lp_status s = lp_image_from_memory("cut", data, len, &img, diag);
			cr_assert(ne(int, s, LP_OK), "%s cut to %zu bytes was accepted", files[k], len);
			lp_image_drop(img);
		}
		for (size_t at = 0; at < size; at += 5) {
			uint8_t saved = data[at];
			data[at] ^= 0x5a;
			lp_image *img = NULL;
			lp_image_from_memory("flipped", data, size, &img, diag);
			lp_image_drop(img);
			data[at] = saved;
		}
		free(data);
	}
	lp_diag_drop(diag);
}
