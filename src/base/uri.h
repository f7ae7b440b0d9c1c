/*
 * Which link targets letterpress writes into documents: the schemes a press
 * release needs (mailto:, http:, https:, tel:), in printable ASCII
 * (RFC 3986), of a sane length. The release stage drops other links with a
 * warning; the PDF backend refuses them.
 */
#ifndef LP_BASE_URI_H
#define LP_BASE_URI_H

#include <stdbool.h>

/* URIs longer than this are not links a reader should follow. */
#define LP_MAX_URI_BYTES 2048

bool lp_uri_ok(const char *uri);

#endif
