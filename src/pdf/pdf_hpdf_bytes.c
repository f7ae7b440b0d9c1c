/*
 * libharu's own byte helpers, replaced. libharu copies every stream's
 * bytes with HPDF_MemCpy, a loop of one byte a step, once into the
 * stream and once out of it when the file is saved, and measures every
 * name and string with HPDF_StrLen, the same: together with HPDF_MemSet
 * they were 5 % of a release's instructions in a batch. libharu calls
 * them through its exported symbols, so the dynamic linker binds its calls
 * to these, as it does libhyphen's allocator (hyphen_patterns.c); where it
 * would not, libharu's own run and only time is lost. tests/unit/
 * test_pdf_heap.c checks them against libharu's.
 */
#include "pdf/pdf_hpdf_bytes.h"

#include "base/interpose.h"

LP_INTERPOSE HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n);
LP_INTERPOSE void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n);
LP_INTERPOSE HPDF_UINT HPDF_StrLen(const char *s, HPDF_INT maxlen);

HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	return lp_hpdf_memcpy(out, in, n);
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	return lp_hpdf_memset(s, c, n);
}

HPDF_UINT
HPDF_StrLen(const char *s, HPDF_INT maxlen)
{
	return lp_hpdf_strlen(s, maxlen);
}
