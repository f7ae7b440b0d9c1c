/* Capitals by the language's rules (ICU), for layout text set in capitals. */
#include "text/text.h"

#include <string.h>
#include <unicode/ucasemap.h>

const char *
lp_text_upper(lp_arena *arena, const char *text, const char *lang)
{
	UErrorCode err = U_ZERO_ERROR;
	char locale[16] = "";
	/* ICU wants "sr", not "sr-Cyrl", for its case rules. */
	if (lang) {
		size_t i = 0;
		for (; lang[i] && lang[i] != '-' && i + 1 < sizeof locale; i++)
			locale[i] = lang[i];
		locale[i] = '\0';
	}
	UCaseMap *map = ucasemap_open(locale, 0, &err);
	if (U_FAILURE(err))
		return text;
	int32_t len = (int32_t)strlen(text);
	int32_t cap = len * 3 + 8;
	char *out = lp_arena_alloc(arena, (size_t)cap);
	int32_t n = out ? ucasemap_utf8ToUpper(map, out, cap, text, len, &err) : 0;
	ucasemap_close(map);
	return out && U_SUCCESS(err) && n < cap ? out : text;
}
