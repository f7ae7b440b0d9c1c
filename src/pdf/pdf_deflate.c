/*
 * Streams letterpress compresses itself, with libdeflate (whole buffers,
 * zlib format as /FlateDecode reads it). libharu deflates every stream at
 * zlib's default level and sets up a new deflater for each. libdeflate's
 * fastest level is both faster and smaller than zlib's: on a release's
 * page content 2.9 times faster and 10 % smaller, on its object stream
 * faster and smaller than zlib at level 3 (docs/benchmarks.md, "libharu's
 * heap, libdeflate, literal glyph strings"); libtiff already brings it
 * into every process. A document
 * keeps one compressor and one output buffer for all its streams. libharu
 * drops a /Filter key from a stream it does not filter itself, so the key
 * is written from the dictionary's write hook, which it calls after the
 * dictionary's own keys.
 */
#include "pdf/pdf_internal.h"

#include <libdeflate.h>
#include <stdlib.h>

#define LP_PDF_DEFLATE_LEVEL 1

struct lp_pdf_deflater {
	struct libdeflate_compressor *c;
	uint8_t *out;
	size_t cap;
};

static HPDF_STATUS
write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The document's deflater, made on first use. */
static lp_pdf_deflater *
deflater(lp_pdf_dev *d)
{
	if (d->deflater)
		return d->deflater;
	lp_pdf_deflater *z = calloc(1, sizeof *z);
	if (z && !(z->c = libdeflate_alloc_compressor(LP_PDF_DEFLATE_LEVEL))) {
		free(z);
		z = NULL;
	}
	return d->deflater = z;
}

void
lp_pdf_deflater_drop(lp_pdf_deflater *z)
{
	if (!z)
		return;
	libdeflate_free_compressor(z->c);
	free(z->out);
	free(z);
}

/* data deflated into the deflater's buffer; its size, or 0 when memory
 * runs out (a zlib stream is never empty). */
static size_t
compress(lp_pdf_dev *d, const uint8_t *data, size_t size)
{
	lp_pdf_deflater *z = deflater(d);
	if (!z)
		return 0;
	size_t need = libdeflate_zlib_compress_bound(z->c, size);
	if (LP_ARRAY_RESERVE(z->out, z->cap, need, LP_ARRAY_ANY) != LP_OK)
		return 0;
	/* With room for the bound, libdeflate cannot run out of it. */
	return libdeflate_zlib_compress(
	        z->c, size ? data : (const uint8_t *)"", size, z->out, z->cap);
}

HPDF_STATUS
lp_pdf_write_deflated(lp_pdf_dev *d, HPDF_Dict stream_dict, const uint8_t *data, size_t size)
{
	size_t n = size <= UINT32_MAX ? compress(d, data, size) : 0;
	if (n == 0)
		return HPDF_FAILD_TO_ALLOC_MEM;
	stream_dict->filter = HPDF_STREAM_FILTER_NONE;
	stream_dict->write_fn = write_flate_key;
	return HPDF_Stream_Write(stream_dict->stream, d->deflater->out, (HPDF_UINT)n);
}

lp_status
lp_pdf_deflate_copy(
        lp_pdf_dev *d, const uint8_t *data, size_t size, uint8_t **out, size_t *out_size)
{
	*out = NULL;
	*out_size = 0;
	size_t n = size <= UINT32_MAX ? compress(d, data, size) : 0;
	if (n == 0 || !(*out = lp_arena_memdup(d->arena, d->deflater->out, n)))
		return LP_ERR_NOMEM;
	*out_size = n;
	return LP_OK;
}

HPDF_STATUS
lp_pdf_write_stored(HPDF_Dict stream_dict, const uint8_t *data, size_t size, bool deflated)
{
	if (size > UINT32_MAX)
		return HPDF_FAILD_TO_ALLOC_MEM;
	if (deflated) {
		stream_dict->filter = HPDF_STREAM_FILTER_NONE;
		stream_dict->write_fn = write_flate_key;
	}
	return HPDF_Stream_Write(stream_dict->stream, data, (HPDF_UINT)size);
}
