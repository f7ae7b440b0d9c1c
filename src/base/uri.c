/* Link targets letterpress accepts; see uri.h. */
#include "base/uri.h"

#include <string.h>

bool
lp_uri_ok(const char *uri)
{
	static const char *const schemes[] = {"mailto:", "http://", "https://", "tel:"};
	if (!uri)
		return false;
	bool known = false;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		known |= strncmp(uri, schemes[i], strlen(schemes[i])) == 0;
	size_t n = 0;
	for (const char *c = uri; *c; c++, n++)
		if (*c <= ' ' || *c > '~' || n >= LP_MAX_URI_BYTES)
			return false;
	return known;
}
