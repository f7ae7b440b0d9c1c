/* Test support for the raster backend: a release's display list built by
 * the real pipeline (engine, layout, fonts), and PNG files read back as
 * 8-bit grey pixels. */
#ifndef LP_TESTS_RASTER_DOC_H
#define LP_TESTS_RASTER_DOC_H

#include "pipeline/pipeline.h"

typedef struct lp_test_release {
	lp_engine *engine;
	lp_source *src;
	lp_diag *diag;
	lp_job job;
	lp_dlist *list;
} lp_test_release;

/* Builds the display list of the release file at path (asserts success). */
void lp_test_release_build(lp_test_release *r, const char *path);
/* The same from text in memory, named name. */
void lp_test_release_build_text(lp_test_release *r, const char *name, const char *text);
void lp_test_release_drop(lp_test_release *r);

/* Reads a PNG file as 8-bit grey; *pixels malloc'ed. false when it cannot. */
bool lp_test_png_read_grey(const char *path, uint32_t *w, uint32_t *h, uint8_t **pixels);

/* Reads a whole file; malloc'ed, NULL when it cannot. */
uint8_t *lp_test_file_read(const char *path, size_t *size);

#endif
