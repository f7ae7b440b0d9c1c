/* Manifest records (src/batch/record.c, lists in journal.c): JSON with the
 * same bytes for the same record, escaped so any file name survives, read
 * back strictly; the shard hash. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "batch/batch.h"

static lp_record
sample(void)
{
	lp_record r;
	memset(&r, 0, sizeof r);
	r.source = strdup("2024/ж \"q\" \\ \t\x01\x7f.md");
	r.source_sha256 =
	        strdup("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	r.output = strdup("2024/x.pdf");
	r.sha256 = NULL;
	r.bytes = 12345;
	r.pages = -1;
	r.ok = false;
	r.error = strdup("x.md:4:7: 'date' is \"wrong\"\n");
	r.warnings = 2;
	r.layout = NULL;
	r.version = strdup("0.1.0");
	return r;
}

static char *
json(const lp_record *r)
{
	lp_buf b = {0};
	lp_record_json(r, &b);
	cr_assert(not(b.failed));
	return b.data;
}

Test(record, keys_in_order_nulls_and_escapes)
{
	lp_record r = sample();
	char *line = json(&r);
	cr_assert(eq(str, line,
	        "{\"source\":\"2024/ж \\\"q\\\" \\\\ \\t\\u0001\\u007f.md\","
	        "\"source_sha256\":"
	        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\","
	        "\"output\":\"2024/"
	        "x.pdf\",\"sha256\":null,\"bytes\":12345,\"pages\":null,\"status\":\"failed\","
	        "\"error\":\"x.md:4:7: 'date' is \\\"wrong\\\"\\n\",\"warnings\":2,\"layout\":null,"
	        "\"letterpress\":\"0.1.0\"}\n"));
	free(line);
	lp_record_clear(&r);
}

Test(record, invalid_utf8_is_written_as_the_replacement_character)
{
	lp_record r = sample();
	free(r.source);
	r.source = strdup("a\xff\xc0\xafz.md");
	char *line = json(&r);
	cr_assert(eq(int,
	                  strncmp(line, "{\"source\":\"a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz.md\"",
	                          21),
	                  0),
	        "%s", line);
	char *text = lp_manifest_text("a\xff"
	                              "b");
	cr_assert(eq(str, text,
	        "a\xEF\xBF\xBD"
	        "b"));
	free(text);
	free(line);
	lp_record_clear(&r);
}

Test(record, what_is_written_reads_back_to_the_same_bytes)
{
	lp_record r = sample();
	char *line = json(&r);
	lp_record back;
	size_t bad = 0;
	cr_assert(eq(int, lp_record_parse(line, strlen(line) - 1, &back, &bad), LP_OK), "at %zu",
	        bad);
	cr_assert(eq(str, back.source, r.source));
	cr_assert(eq(ptr, back.sha256, NULL));
	cr_assert(eq(i64, back.pages, -1));
	cr_assert(eq(i64, back.bytes, 12345));
	cr_assert(eq(u64, back.warnings, 2));
	cr_assert(not(back.ok));
	char *again = json(&back);
	cr_assert(eq(str, again, line));
	free(again);
	free(line);
	lp_record_clear(&back);
	lp_record_clear(&r);
}

Test(record, only_lines_of_exactly_this_shape_are_read)
{
	static const char *const bad[] = {
	        "{\"source\":\"a\"}", /* keys missing */
	        "{\"output\":null,\"source\":\"a\"}", /* wrong order */
	        "{\"source\":\"a\\u0000\",\"source_sha256\":null}", /* NUL */
	        "{\"source\":\"a\\ud800\",\"source_sha256\":null}", /* lone surrogate */
	        "{\"source\":\"a\tb\",\"source_sha256\":null}", /* raw control */
	        "{\"source\":\"a\xff\",\"source_sha256\":null}", /* invalid UTF-8 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		lp_record r;
		size_t at = 0;
		cr_assert(eq(int, lp_record_parse(bad[i], strlen(bad[i]), &r, &at), LP_ERR_SYNTAX),
		        "%s", bad[i]);
	}
	lp_record r = sample();
	char *line = json(&r);
	size_t n = strlen(line) - 1;
	lp_record back;
	size_t at = 0;
	char *p = strstr(line, "12345");
	p[0] = '0'; /* leading zero */
	cr_assert(eq(int, lp_record_parse(line, n, &back, &at), LP_ERR_SYNTAX));
	cr_assert(eq(sz, at, (size_t)(p - line)), "points at the number");
	p[0] = '1';
	cr_assert(
	        eq(int, lp_record_parse(line, n + 1, &back, &at), LP_ERR_SYNTAX), "trailing bytes");
	free(line);
	lp_record_clear(&r);
}

Test(record, a_line_cut_short_is_dropped_and_a_damaged_one_located)
{
	lp_record r = sample();
	char *line = json(&r);
	size_t n = strlen(line);
	char *two = malloc(2 * n + 1);
	memcpy(two, line, n);
	memcpy(two + n, line, n);
	lp_records rs = {0};
	size_t end = 0;
	lp_diag *d = lp_diag_new(NULL, NULL);
	cr_assert(eq(int, lp_records_read("j", two, 2 * n - 5, &rs, &end, d), LP_OK));
	cr_assert(eq(sz, rs.n, 1));
	cr_assert(eq(sz, end, n));
	lp_records_free(&rs);
	two[n + 3] = 'X';
	cr_assert(eq(int, lp_records_read("j", two, 2 * n, &rs, &end, d), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(d, 0);
	cr_assert(eq(str, (char *)e->file, "j"));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 2), "points at the key");
	lp_records_free(&rs);
	lp_diag_drop(d);
	free(two);
	free(line);
	lp_record_clear(&r);
}

Test(record, sorting_by_source_keeps_the_order_of_equals)
{
	lp_records rs = {0};
	const char *sources[] = {"b", "a", "b", "a/x", "a"};
	for (int i = 0; i < 5; i++) {
		lp_record r;
		memset(&r, 0, sizeof r);
		r.source = strdup(sources[i]);
		r.warnings = (uint64_t)i;
		cr_assert(eq(int, lp_records_push(&rs, &r), LP_OK));
	}
	lp_records_sort(&rs);
	const char *want[] = {"a", "a", "a/x", "b", "b"};
	uint64_t order[] = {1, 4, 3, 0, 2};
	for (int i = 0; i < 5; i++) {
		cr_assert(eq(str, rs.v[i].source, (char *)want[i]));
		cr_assert(eq(u64, rs.v[i].warnings, order[i]));
	}
	lp_records_free(&rs);
}

Test(record, sha256_and_the_shard_hash_are_fixed_functions)
{
	char hex[LP_SHA256_HEX];
	lp_sha256_hex("abc", 3, hex);
	cr_assert(eq(str, hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	/* The first eight bytes of SHA-256, big-endian, modulo N, plus one:
	 * the same on every machine (values from Python's hashlib). */
	cr_assert(eq(u32, lp_shard_of("a/x.md", 3), 3));
	cr_assert(eq(u32, lp_shard_of("2024/02/r00.md", 3), 1));
	cr_assert(eq(u32, lp_shard_of("r00.md", 7), 5));
	cr_assert(eq(u32, lp_shard_of("ж/ф.md", 1000), 236));
}

/* How the PDF writer hashes a file once for its /ID and its digest: a
 * copy goes on from the shared first bytes, each end independent. */
Test(record, a_copied_digest_goes_on_from_where_it_was_copied)
{
	lp_sha256 *a = lp_sha256_begin();
	lp_sha256_add(a, "ab", 2);
	lp_sha256 *b = lp_sha256_copy(a);
	cr_assert(ne(ptr, b, NULL));
	lp_sha256_add(a, "c", 1);
	lp_sha256_add(b, "d", 1);
	unsigned char abc[32];
	char hex[LP_SHA256_HEX];
	cr_assert(lp_sha256_end_bytes(a, abc));
	lp_sha256_to_hex(abc, hex);
	cr_assert(eq(str, hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	char abd[LP_SHA256_HEX];
	lp_sha256_hex("abd", 3, abd);
	cr_assert(lp_sha256_end(b, hex));
	cr_assert(eq(str, hex, abd));
	cr_assert(eq(ptr, lp_sha256_copy(NULL), NULL));
}
