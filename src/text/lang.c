/*
 * Language tags. HarfBuzz 6 maps BCP 47 tags to OpenType language systems
 * itself ("sr", "sr-Cyrl" and "sr-Latn" all select SRB; "mk" selects MKD),
 * so tags reach it unchanged (tests/unit/test_shape.c pins this). What is
 * left here is the script a tag implies, for runs with no letters.
 */
#include "text/text_internal.h"

#include <ctype.h>
#include <strings.h>
#include <string.h>

/* Case-insensitive compare of the primary subtag (up to '-' or '_'). */
static bool
primary_is(const char *lang, const char *want)
{
	size_t n = strlen(want);
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)lang[i]) != want[i])
			return false;
	return lang[n] == '\0' || lang[n] == '-' || lang[n] == '_';
}

static bool
has_subtag(const char *lang, const char *want)
{
	size_t n = strlen(want);
	for (const char *p = lang; (p = strpbrk(p, "-_")) != NULL;) {
		p++;
		if (strncasecmp(p, want, n) == 0 && (p[n] == '\0' || p[n] == '-' || p[n] == '_'))
			return true;
	}
	return false;
}

uint32_t
lp_text_lang_script(const char *lang)
{
	static const char *const cyrillic[] = {"sr", "ru", "uk", "bg", "mk", "be", "sh"};

	if (!lang || !*lang)
		return LP_SCRIPT_LATN;
	if (has_subtag(lang, "latn"))
		return LP_SCRIPT_LATN;
	if (has_subtag(lang, "cyrl"))
		return LP_SCRIPT_CYRL;
	for (size_t i = 0; i < sizeof cyrillic / sizeof cyrillic[0]; i++)
		if (primary_is(lang, cyrillic[i]))
			return LP_SCRIPT_CYRL;
	return LP_SCRIPT_LATN;
}
