/* fonts/SHA256SUMS must match the font files byte for byte, and every font
 * must ship with its licence. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test-config.h"

Test(fonts_manifest, sha256sums_match)
{
	cr_assert(eq(int,
	        system("cd " LP_TEST_FONTS_DIR " && sha256sum --quiet --strict -c SHA256SUMS"), 0));
}

Test(fonts_manifest, every_font_is_listed_and_licensed)
{
	FILE *p = popen("cd " LP_TEST_FONTS_DIR
	                " && for f in *.ttf *.otf; do [ -e \"$f\" ] || continue; "
	                "grep -q \"  $f\\$\" SHA256SUMS || echo \"$f\"; done",
	        "r");
	char buf[256] = {0};
	size_t n = fread(buf, 1, sizeof buf - 1, p);
	pclose(p);
	cr_assert(eq(sz, n, 0), "fonts missing from SHA256SUMS: %s", buf);
	cr_assert(eq(int, access(LP_TEST_FONTS_DIR "/OFL.txt", R_OK), 0));
	cr_assert(eq(int,
	        system("grep -q 'SIL OPEN FONT LICENSE Version 1.1' " LP_TEST_FONTS_DIR "/OFL.txt"),
	        0));
	/* DejaVu Sans, the symbol face, with its own licence (Bitstream Vera
	 * and Arev terms; DejaVu's changes are in the public domain). */
	cr_assert(eq(int,
	        system("grep -q 'Bitstream Vera Fonts Copyright' " LP_TEST_FONTS_DIR
	               "/LICENSE-DejaVu.txt && grep -q 'Arev Fonts Copyright' " LP_TEST_FONTS_DIR
	               "/LICENSE-DejaVu.txt"),
	        0));
}

Test(fonts_manifest, noto_carries_serbian_localized_forms)
{
	/* The locl SRB forms later stages rely on must be in the italic. */
	cr_assert(eq(int,
	        system("grep -c 'loclSRB' " LP_TEST_FONTS_DIR "/NotoSerif-Italic.ttf > /dev/null"),
	        0));
}
