#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "base/uri.h"

Test(uri, schemes_a_release_needs)
{
	cr_assert(lp_uri_ok("mailto:mediji@predsednik.rs"));
	cr_assert(lp_uri_ok("http://www.predsednik.rs"));
	cr_assert(lp_uri_ok("https://www.predsednik.rs/sr/vesti?id=1"));
	cr_assert(lp_uri_ok("tel:+381113043086"));
}

Test(uri, everything_else_is_refused)
{
	cr_assert(not(lp_uri_ok(NULL)));
	cr_assert(not(lp_uri_ok("")));
	cr_assert(not(lp_uri_ok("javascript:alert(1)")));
	cr_assert(not(lp_uri_ok("file:///etc/passwd")));
	cr_assert(not(lp_uri_ok("page.html")));
	cr_assert(not(lp_uri_ok("http://пример.срб"))); /* not ASCII: write it in punycode */
	cr_assert(not(lp_uri_ok("http://a b")));
	static char longest[LP_MAX_URI_BYTES + 16];
	memcpy(longest, "http://", 7);
	memset(longest + 7, 'a', LP_MAX_URI_BYTES);
	cr_assert(not(lp_uri_ok(longest)));
	longest[LP_MAX_URI_BYTES - 1] = '\0';
	cr_assert(lp_uri_ok(longest));
}
