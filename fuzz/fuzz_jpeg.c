/* Fuzz target: JPEG decoding (libjpeg with our error handler, scan and
 * pixel limits, CMYK and passthrough decisions) and the PDF image; see
 * fuzz_image.h. */
#include "fuzz_image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_image(data, size, lp_jpeg_sniff);
}
