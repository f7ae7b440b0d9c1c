#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdint.h>

#include "base/suggest.h"

Test(suggest, distance_counts_a_transposition_as_one_edit)
{
	cr_assert(eq(sz, lp_edit_distance("titel", "title"), 1));
	cr_assert(eq(sz, lp_edit_distance("emial", "email"), 1));
	cr_assert(eq(sz, lp_edit_distance("title", "title"), 0));
	cr_assert(eq(sz, lp_edit_distance("", "abc"), 3));
	cr_assert(eq(sz, lp_edit_distance("kitten", "sitting"), 3));
	/* ASCII case does not count; Cyrillic letters are one character each. */
	cr_assert(eq(sz, lp_edit_distance("Title", "title"), 0));
	cr_assert(eq(sz, lp_edit_distance("наслов", "насолв"), 1));
	cr_assert(eq(sz, lp_edit_distance("наслов", "наслоб"), 1));
}

Test(suggest, distance_of_a_name_too_long_to_compare_is_size_max)
{
	char big[LP_SUGGEST_MAX_CHARS + 2];
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = 'a';
	big[sizeof big - 1] = '\0';
	cr_assert(eq(sz, lp_edit_distance(big, "a"), SIZE_MAX));
	const char *c[] = {big};
	cr_assert(eq(ptr, (void *)lp_suggest(big, c, 1), NULL));
}

Test(suggest, closest_within_a_third_of_the_length)
{
	const char *keys[] = {"layout", "lang", "title", "place", "date", "number", "organ",
	        "signature", "watermark", "keywords", NULL, "email"};
	size_t n = sizeof keys / sizeof keys[0];
	cr_assert(eq(str, (char *)lp_suggest("titel", keys, n), "title"));
	cr_assert(eq(str, (char *)lp_suggest("emial", keys, n), "email"));
	cr_assert(eq(str, (char *)lp_suggest("lyaout", keys, n), "layout"));
	cr_assert(eq(str, (char *)lp_suggest("signatrue", keys, n), "signature"));
	cr_assert(eq(str, (char *)lp_suggest("Title", keys, n), "title"));
	/* Two edits in a five-letter word are too many. */
	cr_assert(eq(ptr, (void *)lp_suggest("tilde", keys, n), NULL));
	cr_assert(eq(ptr, (void *)lp_suggest("author", keys, n), NULL));
	cr_assert(eq(ptr, (void *)lp_suggest("", keys, n), NULL));
	/* The first of two equally close wins. */
	const char *ab[] = {"left", "lift"};
	cr_assert(eq(str, (char *)lp_suggest("loft", ab, 2), "left"));
}
