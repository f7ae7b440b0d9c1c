/* Test support: a sample document exercising the PDF backend (Cyrillic,
 * Serbian italic forms, ligatures, a letter-spaced title, links, rules, a
 * path), and a way to run a command on a rendered file. */
#ifndef LP_TESTS_PDF_SAMPLE_H
#define LP_TESTS_PDF_SAMPLE_H

#include "dlist/dlist.h"

#include <stddef.h>

typedef struct lp_test_doc {
	lp_fontdb *db;
	lp_dlist *list;
	void *images[8]; /* lp_image / lp_svg kept alive for the list */
} lp_test_doc;

/* pages: how many body pages; with_images adds PNG, JPEG and SVG. */
void lp_test_doc_build(lp_test_doc *doc, int pages, bool with_images);
void lp_test_doc_drop(lp_test_doc *doc);

/* Runs a shell command; its stdout goes into a malloc'ed string (caller
 * frees), its exit status into *status. */
char *lp_test_run(const char *cmd, int *status);

/* The words of the body text, in order, as the sample writes them. */
extern const char *const lp_test_paragraphs[];
extern const size_t lp_test_n_paragraphs;

#endif
