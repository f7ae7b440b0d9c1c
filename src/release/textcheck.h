/*
 * The text policy (text/policy.h) applied to a release where it is parsed,
 * so that every finding is reported at the file:line:col of the character:
 * body blocks through a map from block text back to the file, front-matter
 * keys and values through their YAML, which also gets its length limits
 * and its NUL check here.
 */
#ifndef LP_RELEASE_TEXTCHECK_H
#define LP_RELEASE_TEXTCHECK_H

#include "base/source.h"
#include "letterpress.h"
#include "release/release.h"
#include "text/lexicon.h"

/* Where the pieces of a block's text came from in the file (the pieces:
 * release.h), while the block is read. */
typedef struct lp_textmap {
	lp_textmap_piece *pieces; /* malloc'd; lp_textmap_free() */
	uint32_t n, cap;
} lp_textmap;

/* Records that the block text from byte text on comes from file offset src.
 * Fails only with LP_ERR_NOMEM. */
lp_status lp_textmap_add(lp_textmap *map, uint32_t text, uint64_t src, bool exact);
void lp_textmap_free(lp_textmap *map);
/* The map of the text after its bytes [a, b) were cut out of it. Fails
 * only with LP_ERR_NOMEM. */
lp_status lp_textmap_cut(lp_textmap *map, uint32_t a, uint32_t b);
/* The map of now (now_len bytes), the text was (was_len bytes) with its
 * straight quotes made typographic (smartquotes.h): every other byte is
 * copied, and each quote that changed became one character, which stands
 * where the quote was. Fails only with LP_ERR_NOMEM. */
lp_status lp_textmap_requote(
        lp_textmap *map, const char *was, uint32_t was_len, const char *now, uint32_t now_len);

/* Applies the text policy, warnings included, and the mixed-script lint
 * (text/scriptlint.h; lex may be NULL) to a block's text; each finding is
 * reported at its place in src through map. Returns the first error's code
 * (LP_ERR_SYNTAX, LP_ERR_LIMIT) or LP_OK. */
lp_status lp_release_check_block(const lp_source *src, const char *text, uint32_t len,
        const lp_textmap *map, lp_lexicon *lex, lp_diag *diag);

/* A front-matter key or value and where its YAML is in the file. */
typedef struct lp_yaml_text {
	const char *what; /* for messages: "'title'", "the key 'x'" */
	const char *text; /* as libyaml decoded it; len bytes, may hold NUL */
	size_t len;
	uint64_t start, end; /* its YAML: bytes [start, end) of the file */
} lp_yaml_text;

/* Checks a front-matter key or value: at most LP_MAX_FIELD_BYTES
 * (LP_ERR_LIMIT), no NUL (a YAML "\0" would cut the string short;
 * LP_ERR_SYNTAX), the text policy (errors and warnings). *total adds up
 * every key and value checked, for LP_MAX_FRONTMATTER_TEXT_BYTES
 * (LP_ERR_LIMIT), and the mixed-script lint (lex may be NULL). Errors are
 * reported at the value (at the character when it is written as itself in
 * the YAML). */
lp_status lp_release_check_yaml(
        const lp_source *src, const lp_yaml_text *t, size_t *total, lp_lexicon *lex, lp_diag *diag);

#endif
