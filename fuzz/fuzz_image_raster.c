/* Fuzz target: PNG and JPEG images through the raster device, as a fax
 * or a preview draws a signature scan or a body photo: decoded as
 * fuzz_image.h does, placed on a small page in one of eight ways (shrunk,
 * enlarged, cut by the page's sides, a sliver, far off the page) and
 * replayed into pixels with fuzz_raster.h's checks. A JPEG that the PDF
 * would pass through is decoded here for the first time, entropy-coded
 * data and all, which no PDF target does. */
#include "fuzz_image.h"
#include "fuzz_raster.h"

/* Where the image goes on the 100-point page: x, y, w, h. */
static const float placements[][4] = {
        {20, 20, 60, 60}, /* shrunk, as a signature */
        {0, 0, 100, 100}, /* the whole page */
        {-40, -30, 90, 80}, /* cut by the top left corner */
        {70, 80, 200, 150}, /* past the right and bottom sides */
        {10, 50, 80, 0.05f}, /* a sliver under a pixel tall */
        {50.3f, 50.7f, 0.3f, 0.2f}, /* under a pixel each way */
        {150, 150, 20, 20}, /* off the page */
        {-1e4f, -1e4f, 2e4f + 100, 2e4f + 100}, /* enlarged far past the page */
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!lp_png_sniff(data, size) && !lp_jpeg_sniff(data, size))
		return 0;
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_image *img = NULL;
	lp_dlist *list = NULL;
	if (!diag || !(img = fuzz_image_decode(data, size, diag)))
		goto done;
	/* The mode from the bytes' sum, the placement from their last ones,
	 * so that a mutation of either moves one and not the other. */
	unsigned sum = 0;
	for (size_t i = 0; i < size; i++)
		sum += data[i];
	const float *at = placements[(data[size - 1] ^ data[size / 2]) % 8];
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (!b)
		goto done;
	lp_dlist_begin_page(b, FUZZ_RASTER_PAGE_PT, FUZZ_RASTER_PAGE_PT);
	lp_dlist_add_image(
	        b, &(lp_dl_image){.image = img, .x = at[0], .y = at[1], .w = at[2], .h = at[3]});
	lp_status st = lp_dlist_builder_finish(b, &list);
	FUZZ_CHECK(st == LP_OK || st == LP_ERR_NOMEM);
	if (st == LP_OK)
		fuzz_raster_run(list, sum, "fuzz.img", FUZZ_FILE, diag);
done:
	lp_dlist_drop(list);
	lp_image_drop(img);
	lp_diag_drop(diag);
	return 0;
}
