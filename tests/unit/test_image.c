#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "base/diag.h"
#include "base/limits.h"
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
		cr_assert(eq(int, lp_image_load(cases[i].path, &img, NULL), LP_OK), "%s",
		        cases[i].path);
		cr_assert(eq(u32, lp_image_width(img), cases[i].w));
		cr_assert(eq(int, lp_image_color_space(img), cases[i].space));
		size_t n;
		cr_assert(eq(int, lp_image_jpeg(img, &n) != NULL, cases[i].passthrough), "%s",
		        cases[i].path);
		/* A JPEG that goes to the PDF as it is is never decoded. */
		const uint8_t *px = lp_image_samples(img, &n);
		cr_assert(eq(int, px == NULL, cases[i].passthrough), "%s", cases[i].path);
		cr_assert(eq(sz, n,
		        cases[i].passthrough
		                ? 0
		                : (size_t)cases[i].w * lp_image_height(img) * cases[i].space));
		lp_image_drop(img);
	}
}

Test(image, truncated_png_is_an_error_not_an_abort)
{
	size_t size;
	uint8_t *data = slurp(IMG("emblem-alpha.png"), &size);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	cr_assert(eq(
	        int, lp_image_from_memory("cut.png", data, size / 2, &img, diag), LP_ERR_SYNTAX));
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
	cr_assert(eq(
	        int, lp_image_from_memory("cut.jpg", data, size - 200, &img, diag), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(diag, 0);
	cr_assert(eq(str, (char *)e->file, "cut.jpg"));
	cr_assert(e->offset > 0 && e->offset <= size - 200, "offset %llu",
	        (unsigned long long)e->offset);
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
	cr_assert(eq(int, lp_image_from_memory("junk.gif", junk, sizeof junk, &img, diag),
	        LP_ERR_UNSUPPORTED));
	const uint8_t fake_png[] = {
	        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	cr_assert(eq(int, lp_image_from_memory("short.png", fake_png, sizeof fake_png, &img, diag),
	        LP_ERR_SYNTAX));
	const uint8_t fake_jpg[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
	cr_assert(eq(int, lp_image_from_memory("short.jpg", fake_jpg, sizeof fake_jpg, &img, diag),
	        LP_ERR_SYNTAX));
	cr_assert(eq(int, lp_image_load(IMG("absent.png"), &img, diag), LP_ERR_MISSING));
	cr_assert(eq(sz, lp_diag_count(diag, LP_ERROR), 4));
	lp_diag_drop(diag);
}

/* Every truncation and a sweep of one-byte corruptions: each is either
 * decoded or an error, never a crash or a hang (run under ASan in CI). */
Test(image, truncations_and_corruptions_never_crash)
{
	const char *files[] = {
	        IMG("emblem-alpha.png"), IMG("photo.jpg"), IMG("progressive.jpg"), IMG("cmyk.jpg")};
	lp_diag *diag = lp_diag_new(NULL, NULL);
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		size_t size;
		uint8_t *data = slurp(files[k], &size);
		/* A PNG cut inside its final IEND chunk (12 bytes) still has all
		 * its pixels; anything shorter must fail. */
		for (size_t len = 0; len + 12 < size; len += 3) {
			lp_image *img = NULL;
			lp_status s = lp_image_from_memory("cut", data, len, &img, diag);
			cr_assert(ne(int, s, LP_OK), "%s cut to %zu bytes was accepted", files[k],
			        len);
			lp_image_drop(img);
		}
		/* A flipped byte either is refused, with an error and no image,
		 * or gives an image of sane size whose pixels (or JPEG bytes)
		 * are all there; both happen. */
		size_t refused = 0, accepted = 0;
		for (size_t at = 0; at < size; at += 5) {
			uint8_t saved = data[at];
			data[at] ^= 0x5a;
			lp_image *img = NULL;
			size_t errors = lp_diag_errors(diag);
			lp_status s = lp_image_from_memory("flipped", data, size, &img, diag);
			if (s != LP_OK) {
				cr_assert(eq(ptr, img, NULL));
				cr_assert(lt(sz, errors, lp_diag_errors(diag)),
				        "%s byte %zu: refused silently", files[k], at);
				refused++;
			} else {
				uint32_t w = lp_image_width(img), h = lp_image_height(img);
				cr_assert(w > 0 && h > 0 && (uint64_t)w * h <= LP_MAX_IMAGE_PIXELS,
				        "%s byte %zu: %ux%u", files[k], at, w, h);
				size_t n = 0;
				if (!lp_image_jpeg(img, &n))
					cr_assert(ne(ptr, (void *)lp_image_samples(img, &n), NULL));
				cr_assert(lt(sz, 0, n));
				accepted++;
			}
			lp_image_drop(img);
			data[at] = saved;
		}
		cr_assert(lt(sz, 0, refused), "%s: no flipped byte was refused", files[k]);
		/* PNG's chunk CRCs catch every flip; JPEG has no checksum, so
		 * some flips decode to other pixels. */
		if (k == 0)
			cr_assert(eq(sz, accepted, 0), "%s: a flipped byte passed the CRCs",
			        files[k]);
		else
			cr_assert(lt(sz, 0, accepted), "%s: every flipped byte was refused",
			        files[k]);
		free(data);
	}
	lp_diag_drop(diag);
}

/* ---- Limits checked before any decoding ------------------------------ */

static size_t
put_chunk(uint8_t *p, const char *type, const uint8_t *data, uint32_t n)
{
	p[0] = (uint8_t)(n >> 24), p[1] = (uint8_t)(n >> 16), p[2] = (uint8_t)(n >> 8),
	p[3] = (uint8_t)n;
	memcpy(p + 4, type, 4);
	if (n)
		memcpy(p + 8, data, n);
	uLong crc = crc32(crc32(0, NULL, 0), p + 4, n + 4);
	p[8 + n] = (uint8_t)(crc >> 24), p[9 + n] = (uint8_t)(crc >> 16);
	p[10 + n] = (uint8_t)(crc >> 8), p[11 + n] = (uint8_t)crc;
	return 12 + n;
}

/* A PNG that says it is w x h RGB, with a few bytes of image data: enough
 * for its header to be read, nothing to decode. */
static size_t
png_header(uint8_t *buf, uint32_t w, uint32_t h)
{
	static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	uint8_t ihdr[13] = {(uint8_t)(w >> 24), (uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w,
	        (uint8_t)(h >> 24), (uint8_t)(h >> 16), (uint8_t)(h >> 8), (uint8_t)h, 8, 2, 0, 0,
	        0};
	uint8_t zeros[64] = {0}, idat[128];
	uLongf n = sizeof idat;
	cr_assert(eq(int, compress(idat, &n, zeros, sizeof zeros), Z_OK));
	memcpy(buf, sig, 8);
	size_t len = 8 + put_chunk(buf + 8, "IHDR", ihdr, 13);
	len += put_chunk(buf + len, "IDAT", idat, (uint32_t)n);
	return len + put_chunk(buf + len, "IEND", NULL, 0);
}

/* 49 megapixels is under the pixel limit, but 147 MB decoded: refused from
 * the header, before libpng allocates or inflates anything. */
Test(image, png_decoded_size_is_checked_before_decoding)
{
	uint8_t buf[256];
	size_t size = png_header(buf, 7000, 7000);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	cr_assert(eq(int, lp_image_from_memory("big.png", buf, size, &img, diag), LP_ERR_LIMIT));
	char msg[256];
	first_error(diag, msg, sizeof msg);
	cr_assert(ne(ptr,
	                  strstr(msg, "big.png:byte 16: error: PNG of 7000x7000 pixels decodes to "
	                              "147000000 bytes"),
	                  NULL),
	        "%s", msg);
	lp_diag_drop(diag);
}

/* The offset of the first marker m at or after from, or 0. */
static size_t
find_marker(const uint8_t *d, size_t size, size_t from, uint8_t m)
{
	for (size_t i = from; i + 1 < size; i++)
		if (d[i] == 0xFF && d[i + 1] == m)
			return i;
	return 0;
}

/* A progressive JPEG whose last scan is repeated: more scans than
 * LP_MAX_JPEG_SCANS are refused while walking the markers. */
Test(image, jpeg_scan_bomb_is_refused_before_decoding)
{
	size_t size;
	uint8_t *data = slurp(IMG("progressive.jpg"), &size);
	size_t last = 0;
	for (size_t at = 2; (at = find_marker(data, size, at + 1, 0xDA)) != 0;)
		last = at;
	cr_assert(lt(sz, 0, last));
	size_t scan = size - 2 - last, n = 150;
	uint8_t *bomb = malloc(last + n * scan + 2);
	memcpy(bomb, data, last);
	for (size_t i = 0; i < n; i++)
		memcpy(bomb + last + i * scan, data + last, scan);
	memcpy(bomb + last + n * scan, "\xFF\xD9", 2);
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	cr_assert(eq(int, lp_image_from_memory("bomb.jpg", bomb, last + n * scan + 2, &img, diag),
	        LP_ERR_LIMIT));
	char msg[256];
	first_error(diag, msg, sizeof msg);
	cr_assert(ne(ptr, strstr(msg, "error: JPEG has more than 100 scans"), NULL), "%s", msg);
	lp_diag_drop(diag);
	free(bomb);
	free(data);
}

/* A CMYK JPEG must be decoded: one that says it is 3000x3000 (36 MB of
 * samples) is refused from its frame header. */
Test(image, cmyk_jpeg_decoded_size_is_checked_from_the_header)
{
	size_t size;
	uint8_t *data = slurp(IMG("cmyk.jpg"), &size);
	size_t sof = find_marker(data, size, 2, 0xC0);
	if (!sof)
		sof = find_marker(data, size, 2, 0xC2);
	cr_assert(lt(sz, 0, sof));
	data[sof + 5] = 3000 >> 8, data[sof + 6] = 3000 & 0xFF; /* height */
	data[sof + 7] = 3000 >> 8, data[sof + 8] = 3000 & 0xFF; /* width */
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	cr_assert(eq(int, lp_image_from_memory("cmyk.jpg", data, size, &img, diag), LP_ERR_LIMIT));
	char msg[256];
	first_error(diag, msg, sizeof msg);
	cr_assert(ne(ptr, strstr(msg, "JPEG of 3000x3000 pixels decodes to 36000000 bytes"), NULL),
	        "%s", msg);
	lp_diag_drop(diag);
	free(data);
}
