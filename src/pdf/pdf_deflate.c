/*
 * Streams letterpress compresses itself. libharu deflates every stream at
 * zlib's default level and sets up a new deflater for each; font programs
 * and page content are nearly all of a document's bytes, the fastest level
 * costs a few percent in size for a third of the time, and one deflater
 * reset between streams saves allocating and clearing a quarter megabyte
 * per stream. libharu drops a /Filter key from a stream it does not filter
 * itself, so the key is written from the dictionary's write hook, which it
 * calls after the dictionary's own keys.
 */
#include "pdf/pdf_internal.h"

#include <stdlib.h>
#include <zlib.h>

#define LP_PDF_ZLIB_LEVEL Z_BEST_SPEED
#define LP_PDF_ZLIB_WINDOW 14
#define LP_PDF_ZLIB_MEMLEVEL 7

struct lp_pdf_deflater {
	z_stream z;
	int level; /* the level it was last set to */
	uint8_t *out;
	size_t cap;
};

static HPDF_STATUS
write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The document's deflater, reset and set to level. */
static lp_pdf_deflater *
deflater_at(lp_pdf_dev *d, int level)
{
	lp_pdf_deflater *z = d->deflater;
	if (z) {
		if (deflateReset(&z->z) != Z_OK)
			return NULL;
		/* Right after a reset nothing is pending, so a new level is
		 * only a setting. */
		if (z->level != level && deflateParams(&z->z, level, Z_DEFAULT_STRATEGY) != Z_OK)
			return NULL;
		z->level = level;
		return z;
	}
	z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	if (deflateInit2(&z->z, level, Z_DEFLATED, LP_PDF_ZLIB_WINDOW, LP_PDF_ZLIB_MEMLEVEL,
	            Z_DEFAULT_STRATEGY) != Z_OK) {
		free(z);
		return NULL;
	}
	z->level = level;
	d->deflater = z;
	return z;
}

static lp_pdf_deflater *
deflater(lp_pdf_dev *d)
{
	return deflater_at(d, LP_PDF_ZLIB_LEVEL);
}

void
lp_pdf_deflater_drop(lp_pdf_deflater *z)
{
	if (!z)
		return;
	deflateEnd(&z->z);
	free(z->out);
	free(z);
}

/* Feeds n bytes; the output buffer grows to deflateBound of the whole
 * stream (total), so deflate never runs out of room. */
static int
feed(lp_pdf_deflater *z, const uint8_t *data, size_t n, bool last)
{
	z->z.next_in = (Bytef *)data;
	z->z.avail_in = (uInt)n;
	int r = deflate(&z->z, last ? Z_FINISH : Z_NO_FLUSH);
	return (last ? r == Z_STREAM_END : r == Z_OK || r == Z_BUF_ERROR) ? 0 : -1;
}

static HPDF_STATUS
begin(lp_pdf_deflater *z, size_t total)
{
	size_t need = deflateBound(&z->z, (uLong)total);
	if (LP_ARRAY_RESERVE(z->out, z->cap, need, LP_ARRAY_ANY) != LP_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	z->z.next_out = z->out;
	z->z.avail_out = (uInt)z->cap;
	return HPDF_OK;
}

static HPDF_STATUS
finish(lp_pdf_deflater *z, HPDF_Dict stream_dict)
{
	stream_dict->filter = HPDF_STREAM_FILTER_NONE;
	stream_dict->write_fn = write_flate_key;
	return HPDF_Stream_Write(stream_dict->stream, z->out, (HPDF_UINT)z->z.total_out);
}

HPDF_STATUS
lp_pdf_write_deflated(lp_pdf_dev *d, HPDF_Dict stream_dict, const uint8_t *data, size_t size)
{
	lp_pdf_deflater *z = deflater(d);
	if (!z || size > UINT32_MAX)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS st = begin(z, size);
	if (st == HPDF_OK && feed(z, data, size, true) != 0)
		st = HPDF_INVALID_OBJECT;
	return st == HPDF_OK ? finish(z, stream_dict) : st;
}

lp_status
lp_pdf_deflate_stream(lp_pdf_dev *d, HPDF_Dict stream_dict)
{
	HPDF_Stream s = stream_dict->stream;
	lp_pdf_deflater *z = deflater(d);
	if (!z)
		return LP_ERR_NOMEM;
	/* A memory stream is a list of buffers, all full but the last; they
	 * are deflated where they lie. */
	HPDF_MemStreamAttr m = (HPDF_MemStreamAttr)s->attr;
	size_t total = s->size, done = 0;
	HPDF_STATUS st = begin(z, total);
	for (HPDF_UINT i = 0; st == HPDF_OK && done < total; i++) {
		const uint8_t *chunk = HPDF_List_ItemAt(m->buf, i);
		size_t n = total - done < m->buf_siz ? total - done : m->buf_siz;
		if (!chunk || feed(z, chunk, n, done + n == total) != 0)
			st = HPDF_INVALID_STREAM;
		done += n;
	}
	if (st == HPDF_OK && total == 0 && feed(z, NULL, 0, true) != 0)
		st = HPDF_INVALID_STREAM;
	if (st == HPDF_OK) {
		HPDF_MemStream_FreeData(s);
		st = finish(z, stream_dict);
	}
	return lp_pdf_check(d, st, "stream compression");
}

lp_status
lp_pdf_deflate_copy(
        lp_pdf_dev *d, const uint8_t *data, size_t size, uint8_t **out, size_t *out_size)
{
	*out = NULL;
	*out_size = 0;
	lp_pdf_deflater *z = deflater(d);
	if (!z || size > UINT32_MAX || begin(z, size) != HPDF_OK)
		return LP_ERR_NOMEM;
	if (feed(z, data, size, true) != 0)
		return lp_pdf_check(d, HPDF_INVALID_STREAM, "stream compression");
	*out = lp_arena_memdup(d->arena, z->out, z->z.total_out);
	if (!*out)
		return LP_ERR_NOMEM;
	*out_size = z->z.total_out;
	return LP_OK;
}

lp_status
lp_pdf_deflate_small(
        lp_pdf_dev *d, const uint8_t *data, size_t size, const uint8_t **out, size_t *out_size)
{
	*out = NULL;
	*out_size = 0;
	/* Level 3, zlib's last without lazy matching: on a letter's object
	 * stream (6.5 KB of dictionaries) it costs 178 bytes (0.6 % of the
	 * file) against the default level, for a third of the time. */
	lp_pdf_deflater *z = deflater_at(d, 3);
	if (!z || size > UINT32_MAX || begin(z, size) != HPDF_OK)
		return LP_ERR_NOMEM;
	if (feed(z, data, size, true) != 0)
		return LP_ERR_INTERNAL;
	*out = z->out;
	*out_size = z->z.total_out;
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
