/* Fuzz target: PNG decoding (libpng's simplified API, our limits and
 * conversions) and the PDF image with its soft mask; see fuzz_image.h. */
#include "fuzz_image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_image(data, size, lp_png_sniff);
}
