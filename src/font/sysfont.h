/*
 * System fonts by family name, through fontconfig: the files of one
 * family's static faces, for the engine to add to its system layer
 * (docs/layouts.md, Fonts). One lp_sysfonts holds one FcConfig, made on
 * first use and dropped with it; nothing else of fontconfig's is kept.
 * Not thread-safe: the engine asks under its lock.
 */
#ifndef LP_FONT_SYSFONT_H
#define LP_FONT_SYSFONT_H

#include "letterpress.h"

typedef struct lp_sysfonts lp_sysfonts;

/* Returns NULL when out of memory. Reads no font configuration yet. */
lp_sysfonts *lp_sysfonts_new(void);
void lp_sysfonts_drop(lp_sysfonts *sys);

/* The files of family's faces that letterpress can take (scalable
 * TrueType or CFF outlines, face 0 of their file, not variable, normal
 * width), sorted by path so that the answer is the same whatever asked
 * before; *files malloc'd (each string too), freed with
 * lp_sysfonts_files_free(). *n is 0 when the system has no such family,
 * and when fontconfig cannot load its configuration. Fails with
 * LP_ERR_NOMEM only. */
lp_status lp_sysfonts_family_files(lp_sysfonts *sys, const char *family, char ***files, size_t *n);
void lp_sysfonts_files_free(char **files, size_t n);

#endif
