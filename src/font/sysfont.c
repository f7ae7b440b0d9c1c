/* System fonts through fontconfig; see sysfont.h. */
#include "font/sysfont.h"

#include "base/array.h"
#include "base/limits.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

struct lp_sysfonts {
	FcConfig *config; /* made on first use; NULL until then */
	bool tried; /* made, or failed to be: not tried again */
};

lp_sysfonts *
lp_sysfonts_new(void)
{
	return calloc(1, sizeof(lp_sysfonts));
}

void
lp_sysfonts_drop(lp_sysfonts *sys)
{
	if (!sys)
		return;
	if (sys->config)
		FcConfigDestroy(sys->config);
	free(sys);
}

void
lp_sysfonts_files_free(char **files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

static int
cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A face the font database takes: fontdb.c opens face 0 of a file and
 * refuses variable fonts; it knows weights and slants but not widths, so
 * a condensed face would tie with the normal one. */
static bool
usable(FcPattern *p, const FcChar8 **file)
{
	int index = 0, width = FC_WIDTH_NORMAL;
	FcBool variable = FcFalse, outline = FcFalse;
	const FcChar8 *format = NULL;
	if (FcPatternGetString(p, FC_FILE, 0, (FcChar8 **)file) != FcResultMatch)
		return false;
	FcPatternGetInteger(p, FC_INDEX, 0, &index);
	FcPatternGetBool(p, FC_VARIABLE, 0, &variable);
	FcPatternGetBool(p, FC_OUTLINE, 0, &outline);
	FcPatternGetInteger(p, FC_WIDTH, 0, &width);
	FcPatternGetString(p, FC_FONTFORMAT, 0, (FcChar8 **)&format);
	return index == 0 && !variable && outline && width == FC_WIDTH_NORMAL && format &&
	       (strcmp((const char *)format, "TrueType") == 0 ||
	               strcmp((const char *)format, "CFF") == 0);
}

lp_status
lp_sysfonts_family_files(lp_sysfonts *sys, const char *family, char ***files, size_t *n)
{
	*files = NULL;
	*n = 0;
	if (!sys->tried) {
		sys->tried = true;
		/* The system's configuration and font folders, read once. */
		sys->config = FcInitLoadConfigAndFonts();
	}
	if (!sys->config)
		return LP_OK;
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(
	        FC_FILE, FC_INDEX, FC_VARIABLE, FC_OUTLINE, FC_WIDTH, FC_FONTFORMAT, (char *)NULL);
	if (!pat || !os) {
		if (pat)
			FcPatternDestroy(pat);
		if (os)
			FcObjectSetDestroy(os);
		return LP_ERR_NOMEM;
	}
	/* Listing, not matching: FcFontMatch always answers with some font,
	 * and a family the system lacks must stay unknown. */
	FcFontSet *set = FcFontList(sys->config, pat, os);
	FcPatternDestroy(pat);
	FcObjectSetDestroy(os);
	if (!set)
		return LP_ERR_NOMEM;
	lp_status s = LP_OK;
	size_t cap = 0;
	for (int i = 0; i < set->nfont && s == LP_OK; i++) {
		const FcChar8 *file;
		if (!usable(set->fonts[i], &file))
			continue;
		if ((s = LP_ARRAY_RESERVE(*files, cap, *n + 1, LP_ARRAY_ANY)) != LP_OK)
			break;
		if (!((*files)[*n] = strdup((const char *)file)))
			s = LP_ERR_NOMEM;
		else
			(*n)++;
	}
	FcFontSetDestroy(set);
	if (s != LP_OK) {
		lp_sysfonts_files_free(*files, *n);
		*files = NULL;
		*n = 0;
		return s;
	}
	if (*n > 1) /* an empty list is NULL, which qsort must not get */
		qsort(*files, *n, sizeof **files, cmp_paths);
	/* A family of more faces than any text needs: the first ones by path,
	 * the same ones every time. */
	for (; *n > LP_MAX_SYSTEM_FACES; (*n)--)
		free((*files)[*n - 1]);
	return LP_OK;
}
