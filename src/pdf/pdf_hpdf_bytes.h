/*
 * libharu's byte helpers as the C library does them (pdf_hpdf_bytes.c
 * puts them in libharu's place): each does exactly what libharu 2.3's
 * HPDF_MemCpy, HPDF_MemSet and HPDF_StrLen do, return value included.
 */
#ifndef LP_PDF_HPDF_BYTES_H
#define LP_PDF_HPDF_BYTES_H

#include <hpdf.h>
#include <string.h>

/* Copies n bytes; returns the byte after the last one written. */
static inline HPDF_BYTE *
lp_hpdf_memcpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n)
		memcpy(out, in, n);
	return out + n;
}

/* Sets n bytes; returns the byte after the last one set. */
static inline void *
lp_hpdf_memset(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

/* The length of s, at most maxlen when maxlen is positive (a negative
 * maxlen is no limit); 0 for NULL and for maxlen 0. */
static inline HPDF_UINT
lp_hpdf_strlen(const char *s, HPDF_INT maxlen)
{
	if (!s || maxlen == 0)
		return 0;
	return (HPDF_UINT)(maxlen < 0 ? strlen(s) : strnlen(s, (size_t)maxlen));
}

#endif
