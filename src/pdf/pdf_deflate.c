/*
 * Streams letterpress compresses itself. libharu deflates every stream at
 * zlib's default level; font programs and page content are nearly all of a
 * document's bytes, and the fastest level costs a few percent in size for
 * a third of the time. libharu drops a /Filter key from a stream it does
 * not filter itself, so the key is written from the dictionary's write
 * hook, which it calls after the dictionary's own keys.
 */
#include "pdf/pdf_internal.h"

#include <stdlib.h>
#include <zlib.h>

#define LP_PDF_ZLIB_LEVEL Z_BEST_SPEED

static HPDF_STATUS
write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

HPDF_STATUS
lp_pdf_write_deflated(HPDF_Dict stream_dict, const uint8_t *data, size_t size)
{
	uLongf zsize = compressBound((uLong)size);
	Bytef *z = malloc(zsize);
	if (!z)
		return HPDF_FAILD_TO_ALLOC_MEM;
	if (compress2(z, &zsize, data, (uLong)size, LP_PDF_ZLIB_LEVEL) != Z_OK) {
		free(z);
		return HPDF_INVALID_OBJECT;
	}
	stream_dict->filter = HPDF_STREAM_FILTER_NONE;
	stream_dict->write_fn = write_flate_key;
	HPDF_STATUS st = HPDF_Stream_Write(stream_dict->stream, z, (HPDF_UINT)zsize);
	free(z);
	return st;
}

lp_status
lp_pdf_deflate_page(lp_pdf_dev *d)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)d->page->attr;
	HPDF_UINT32 size = HPDF_Stream_Size(attr->stream);
	uint8_t *raw = malloc(size ? size : 1);
	if (!raw)
		return LP_ERR_NOMEM;
	HPDF_UINT got = size;
	HPDF_STATUS st = HPDF_Stream_Seek(attr->stream, 0, HPDF_SEEK_SET);
	if (st == HPDF_OK && size)
		st = HPDF_Stream_Read(attr->stream, raw, &got);
	if (st == HPDF_OK && got == size) {
		HPDF_MemStream_FreeData(attr->stream);
		st = lp_pdf_write_deflated(attr->contents, raw, size);
	} else if (st == HPDF_OK) {
		st = HPDF_INVALID_STREAM;
	}
	free(raw);
	return lp_pdf_check(d, st, "content stream");
}
