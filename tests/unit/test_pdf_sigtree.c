/* pdf_sigtree.c: the signature widget in the structure tree, on display
 * lists made by hand so that the document's element has the kids each
 * case needs (one kid, the Form before it or after it; two kids, the Form
 * between them; no signature block, the Form last), in each layout a
 * signature's update reads: libharu's classic table, an object stream
 * with a cross-reference stream, and PDF/A-1b's compact table. Each file
 * is read back by qpdf through tests/sign/widget_tree.py. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/pdf_sample.h"
#include "../support/scratch.h"
#include "pdf/pdf.h"
#include "test-config.h"

TestSuite(pdf_sigtree, .init = lp_scratch_enter, .fini = lp_scratch_leave);

/* A page of n_kids paragraphs, each one rule tagged with its own P, and
 * the signature block's stamp room after the first sig_after of them
 * (-1: no signature block). */
static lp_dlist *
make_list(int n_kids, int sig_after)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dl_meta m = {.title = "t", .lang = "en", .date = -1, .sig_text = "Signature"};
	lp_dlist_builder_set_meta(b, &m);
	lp_dlist_begin_page(b, 200, 200);
	for (int k = 0; k <= n_kids; k++) {
		if (k == sig_after) {
			lp_dlist_sig_box(b, 20, 100, 120, 140);
			lp_dlist_sig_stamp_begin(b);
			lp_dlist_sig_stamp_end(b);
		}
		if (k == n_kids)
			break;
		lp_dlist_tag(b, lp_dlist_add_node(b, LP_ROLE_P, 0, NULL));
		lp_dl_rule r = {20, 20.0f + 10 * (float)k, 120, 20.0f + 10 * (float)k, 1, 0};
		lp_dlist_add_rule(b, &r);
	}
	lp_dlist *list = NULL;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	return list;
}

/* The list rendered with an empty field in each layout: the Form must be
 * kid `at` (1-based) of n_kids + 1. */
static void
check(int n_kids, int sig_after, int at)
{
	lp_dlist *list = make_list(n_kids, sig_after);
	static const struct {
		bool compress;
		lp_pdfa pdfa;
	} kinds[] = {{false, LP_PDFA_NONE}, {true, LP_PDFA_NONE}, {true, LP_PDFA_1B}};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		lp_pdf_options o = lp_pdf_options_default();
		o.compress = kinds[i].compress;
		o.pdfa = kinds[i].pdfa;
		lp_pdf_sig sig = {"Signature1", false, 0};
		o.sig = &sig;
		uint8_t *pdf;
		size_t n;
		cr_assert(eq(int, lp_pdf_render(list, &o, &pdf, &n, NULL), LP_OK));
		FILE *f = fopen("f.pdf", "wb");
		cr_assert(not(eq(ptr, f, NULL)));
		cr_assert(eq(sz, fwrite(pdf, 1, n, f), n));
		fclose(f);
		free(pdf);
		int status = 0;
		char *out =
		        lp_test_run("python3 " LP_TEST_SRCDIR "/tests/sign/widget_tree.py f.pdf "
		                    "--tu Signature 2>&1",
		                &status);
		cr_assert(eq(int, status, 0), "case %zu: %s", i, out);
		char want[64];
		snprintf(want, sizeof want, "(kid %d of %d of /Document)", at, n_kids + 1);
		cr_assert(not(eq(ptr, strstr(out, want), NULL)), "case %zu: want %s: %s", i, want,
		        out);
		free(out);
	}
	lp_dlist_drop(list);
}

Test(pdf_sigtree, one_kid_and_the_form_before_it)
{
	check(1, 0, 1);
}

Test(pdf_sigtree, one_kid_and_the_form_after_it)
{
	check(1, 1, 2);
}

Test(pdf_sigtree, the_form_between_two_kids)
{
	check(2, 1, 2);
}

Test(pdf_sigtree, no_signature_block_puts_the_form_last)
{
	check(2, -1, 3);
}
