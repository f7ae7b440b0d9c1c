/* pdf_xref.c: a saved file's cross-reference read back, as a signature's
 * update reads it: a classic table (PDF/A-1b, or compression off) or a
 * cross-reference stream
 * with the small objects in an object stream, and both followed along
 * /Prev once an update is appended, the newest revision winning. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "../support/pdf_sample.h"
#include "../support/scratch.h"
#include "pdf/pdf.h"
#include "pdf/pdf_internal.h"

TestSuite(pdf_xref, .init = lp_scratch_enter, .fini = lp_scratch_leave);

static bool
starts(const uint8_t *v, size_t n, const char *s)
{
	return n >= strlen(s) && memcmp(v, s, strlen(s)) == 0;
}

static bool
holds(const uint8_t *v, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(v + i, s, k) == 0)
			return true;
	return false;
}

/* Renders the sample (with an empty signature field when field), reads
 * its cross-reference and checks what an update needs: every object
 * found, one catalog (with /AcroForm when field), pages. */
static void
check(bool compress, bool field)
{
	lp_test_doc doc;
	lp_test_doc_build(&doc, 2, true);
	lp_pdf_options o = lp_pdf_options_default();
	o.compress = compress; /* off: libharu's classic table, as in PDF/A-1b */
	lp_pdf_sig sig = {"Signature1", false, 0};
	if (field)
		o.sig = &sig;
	uint8_t *pdf;
	size_t n;
	cr_assert(eq(int, lp_pdf_render(doc.list, &o, &pdf, &n, NULL), LP_OK));
	lp_pdf_xref *x;
	cr_assert(eq(int, lp_pdf_xref_read(pdf, n, &x), LP_OK));
	const lp_pdf_xref_info *info = lp_pdf_xref_info_of(x);
	cr_assert(eq(int, info->is_stream, compress));
	cr_assert(starts(info->id, info->id_len, "[") && info->id[info->id_len - 1] == ']');
	uint32_t catalogs = 0, pages = 0, found = 0, acroform = 0;
	for (uint32_t i = 1; i < info->size; i++) {
		size_t len = 0;
		const uint8_t *v = lp_pdf_xref_object(x, i, &len);
		if (!v)
			continue;
		found++;
		cr_assert(lt(sz, 0, len), "object %u is empty", i);
		if (starts(v, len, "<<\n/Type /Catalog\n")) {
			catalogs++;
			acroform += holds(v, len, "/AcroForm ");
		}
		pages += starts(v, len, "<<\n/Type /Page\n");
	}
	cr_assert(eq(u32, catalogs, 1));
	cr_assert(eq(u32, pages, 2));
	cr_assert(eq(u32, acroform, field ? 1 : 0));
	/* A stream file's lengths are direct, so fewer objects are in use. */
	cr_assert(lt(u32, info->size / 2, found));
	cr_assert(eq(ptr, (void *)lp_pdf_xref_object(x, info->size, &(size_t){0}), NULL));
	lp_pdf_xref_drop(x);
	free(pdf);
	lp_test_doc_drop(&doc);
}

Test(pdf_xref, a_classic_table)
{
	check(false, false);
}

Test(pdf_xref, a_cross_reference_stream_and_its_object_stream)
{
	check(true, false);
}

Test(pdf_xref, an_update_is_followed_back_to_the_file_and_its_revisions_win)
{
	check(false, true);
	check(true, true);
}

Test(pdf_xref, a_file_laid_out_otherwise_is_refused)
{
#define CASE(s)                                                                                    \
	{                                                                                          \
		s, sizeof s - 1                                                                    \
	}
	static const struct {
		const char *p;
		size_t n;
	} bad[] = {
	        CASE("%PDF-1.7\n"), /* no startxref */
	        CASE("%PDF-1.7\nstartxref\n999999\n%%EOF\n"), /* past the end */
	        /* fewer entries than the subsection says, no /ID */
	        CASE("%PDF-1.7\nxref\n0 2\n0000000000 65535 f\r\ntrailer\n<</Size "
	             "2>>\nstartxref\n9\n%%EOF\n"),
	        /* a stream whose /Prev is itself */
	        CASE("%PDF-1.7\n1 0 obj\n<</Type/XRef/Size 2/W[1 2 1]/Length 8/Prev 9/ID "
	             "[<00><00>]>>\nstream\n"
	             "\x01\x00\x09\x00\x01\x00\x09\x00\nendstream\nendobj\nstartxref\n9\n%%EOF\n"),
	        /* rows cut short */
	        CASE("%PDF-1.7\n1 0 obj\n<</Type/XRef/Size 2/W[1 2 1]/Length 4/ID "
	             "[<00><00>]>>\nstream\n"
	             "\x01\x00\x09\x00\nendstream\nendobj\nstartxref\n9\n%%EOF\n"),
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		lp_pdf_xref *x = NULL;
		lp_status s = lp_pdf_xref_read((const uint8_t *)bad[i].p, bad[i].n, &x);
		cr_assert(eq(int, s, LP_ERR_INTERNAL), "case %zu", i);
		cr_assert(eq(ptr, x, NULL));
	}
}
