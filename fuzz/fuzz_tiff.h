/*
 * What the fax and ccitt targets share: a TIFF in memory for libtiff's
 * client functions, written and read back without a file.
 */
#ifndef LP_FUZZ_FUZZ_TIFF_H
#define LP_FUZZ_FUZZ_TIFF_H

#include "fuzz.h"

#include <string.h>
#include <tiffio.h>

/* A TIFF in memory that libtiff writes and reads back: data is malloc'd
 * as it grows (free() it), or points at bytes to read (size set, cap 0). */
typedef struct fuzz_tiff_sink {
	uint8_t *data;
	toff_t size, cap, pos;
} fuzz_tiff_sink;

static inline tsize_t
fuzz_tiff_read(thandle_t h, tdata_t buf, tsize_t n)
{
	fuzz_tiff_sink *s = (fuzz_tiff_sink *)h;
	if (n < 0 || s->pos > s->size)
		return 0;
	if ((toff_t)n > s->size - s->pos)
		n = (tsize_t)(s->size - s->pos);
	memcpy(buf, s->data + s->pos, (size_t)n);
	s->pos += (toff_t)n;
	return n;
}

static inline tsize_t
fuzz_tiff_write(thandle_t h, tdata_t buf, tsize_t n)
{
	fuzz_tiff_sink *s = (fuzz_tiff_sink *)h;
	if (n < 0 || (s->data && s->cap == 0)) /* bytes only to read */
		return -1;
	if (s->pos + (toff_t)n > s->cap) {
		toff_t cap = (s->pos + (toff_t)n) * 2;
		uint8_t *d = realloc(s->data, (size_t)cap);
		if (!d)
			return -1;
		s->data = d, s->cap = cap;
	}
	memcpy(s->data + s->pos, buf, (size_t)n);
	s->pos += (toff_t)n;
	if (s->pos > s->size)
		s->size = s->pos;
	return n;
}

static inline toff_t
fuzz_tiff_seek(thandle_t h, toff_t off, int whence)
{
	fuzz_tiff_sink *s = (fuzz_tiff_sink *)h;
	toff_t base = whence == SEEK_CUR ? s->pos : whence == SEEK_END ? s->size : 0;
	s->pos = base + off;
	return s->pos;
}

static inline int
fuzz_tiff_close(thandle_t h)
{
	(void)h;
	return 0;
}

static inline toff_t
fuzz_tiff_size(thandle_t h)
{
	return ((fuzz_tiff_sink *)h)->size;
}

static inline TIFF *
fuzz_tiff_open(fuzz_tiff_sink *s, const char *mode)
{
	s->pos = 0;
	return TIFFClientOpen("fuzz.tif", mode, (thandle_t)s, fuzz_tiff_read, fuzz_tiff_write,
	        fuzz_tiff_seek, fuzz_tiff_close, fuzz_tiff_size, NULL, NULL);
}

#endif
