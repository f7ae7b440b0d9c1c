/* Fuzz target: the release parser (YAML front matter and Markdown body)
 * on bytes held in memory, as lp_render_memory() hands them over. Besides
 * crashes it checks what release.h promises about blocks and spans. */
#include "fuzz.h"

#include "base/arena.h"
#include "base/source.h"
#include "release/release.h"

#include <string.h>

static void
check_block(const lp_block *b, uint32_t n_links)
{
	FUZZ_CHECK(b->text != NULL && b->text[b->len] == '\0');
	uint32_t at = 0;
	for (uint32_t j = 0; j < b->n_spans; j++) {
		const lp_rspan *s = &b->spans[j];
		FUZZ_CHECK(s->start == at);
		FUZZ_CHECK(s->len <= b->len - at);
		FUZZ_CHECK(s->link >= -1 && (s->link < 0 || (uint32_t)s->link < n_links));
		at += s->len;
	}
	FUZZ_CHECK(at == b->len);
	FUZZ_CHECK(b->kind != LP_BLOCK_RULE || b->len == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_arena *arena = lp_arena_new(0);
	lp_source *src = NULL;
	lp_release *rel = NULL;
	if (!diag || !arena || lp_source_from_memory("fuzz.md", data, size, &src) != LP_OK)
		goto fail;
	lp_status st = lp_release_parse(src, NULL, arena, &rel, diag);
	if (st != LP_OK) {
		FUZZ_CHECK(rel == NULL);
		fuzz_check_failure(diag, st, FUZZ_LINE);
		goto fail;
	}
	for (uint32_t i = 0; i < rel->n_blocks; i++)
		check_block(&rel->blocks[i], rel->n_links);
	/* strlen() reads every string whole: a missing NUL is an ASan report. */
	size_t sum = 0;
	for (uint32_t i = 0; i < rel->n_links; i++)
		sum += strlen(rel->links[i]);
	for (uint32_t i = 0; i < rel->meta.n_fields; i++)
		sum += strlen(rel->meta.fields[i].key) + strlen(rel->meta.fields[i].value);
	static const char *const keys[] = {
	        "title", "date", "organ", "signature.image", "layout", "lang", "place", "number"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = lp_release_field(rel, keys[i]);
		sum += v ? strlen(v) : 0;
	}
	(void)sum;
fail:
	lp_source_drop(src);
	lp_arena_drop(arena);
	lp_diag_drop(diag);
	return 0;
}
