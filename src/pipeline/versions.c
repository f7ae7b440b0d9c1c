/*
 * The versions of the libraries letterpress uses, for `letterpress
 * --version` and bug reports: asked of each library at run time, since a
 * shared library can be upgraded under a built program; the build's
 * version only where a library has no way to tell (see letterpress.h).
 */
#include "letterpress.h"

#include "lp_config.h"

#include <expat.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <hpdf.h>
#include <openssl/crypto.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>
#include <unicode/uversion.h>
#include <yaml.h>
#include <libdeflate.h>
#include <zlib.h>

#define N_LIBRARIES 14

static void
put(lp_library_version *v, const char *name, const char *version, bool build_time)
{
	v->name = name;
	snprintf(v->version, sizeof v->version, "%s", version && *version ? version : "unknown");
	v->build_time = build_time;
}

/* FreeType tells its version through a library instance only. */
static void
put_freetype(lp_library_version *v)
{
	FT_Library ft;
	FT_Int major = 0, minor = 0, patch = 0;
	char buf[32] = "";
	if (FT_Init_FreeType(&ft) == 0) {
		FT_Library_Version(ft, &major, &minor, &patch);
		FT_Done_FreeType(ft);
		snprintf(buf, sizeof buf, "%d.%d.%d", major, minor, patch);
	}
	put(v, "FreeType", buf, false);
}

/* "LIBTIFF, Version 4.5.0\nCopyright …": the number only. */
static void
put_tiff(lp_library_version *v)
{
	const char *s = TIFFGetVersion();
	const char *p = s ? strstr(s, "Version ") : NULL;
	char buf[32] = "";
	if (p)
		snprintf(buf, sizeof buf, "%.*s", (int)strcspn(p + 8, " \n"), p + 8);
	put(v, "libtiff", buf, false);
}

size_t
lp_library_versions(lp_library_version *out, size_t max, size_t entry_size)
{
	lp_library_version all[N_LIBRARIES];
	size_t n = 0;
	put(&all[n++], "HarfBuzz", hb_version_string(), false);
	put_freetype(&all[n++]);
	UVersionInfo icu;
	char icu_s[U_MAX_VERSION_STRING_LENGTH];
	u_getVersion(icu);
	u_versionToString(icu, icu_s);
	put(&all[n++], "ICU", icu_s, false);
	put(&all[n++], "libharu", HPDF_GetVersion(), false);
	put(&all[n++], "libhyphen", LP_HYPHEN_VERSION, true);
	put(&all[n++], "md4c", LP_MD4C_VERSION, true);
	put(&all[n++], "libyaml", yaml_get_version_string(), false);
	put_tiff(&all[n++]);
	put(&all[n++], "libpng", png_get_libpng_ver(NULL), false);
	put(&all[n++], "libjpeg", LP_JPEG_VERSION, true);
	const char *expat = XML_ExpatVersion();
	put(&all[n++], "expat", expat && !strncmp(expat, "expat_", 6) ? expat + 6 : expat, false);
	put(&all[n++], "zlib", zlibVersion(), false);
	put(&all[n++], "libdeflate", LIBDEFLATE_VERSION_STRING, true);
	put(&all[n++], "OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING), false);
	/* An older caller's entries are smaller: each is written only as far
	 * as it reaches, and they lie entry_size apart. */
	size_t copy = entry_size < sizeof all[0] ? entry_size : sizeof all[0];
	for (size_t i = 0; out && i < n && i < max; i++)
		memcpy((char *)out + i * entry_size, &all[i], copy);
	return n;
}
