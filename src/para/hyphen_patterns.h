/*
 * libhyphen pattern files, and dictionaries of only the patterns a set of
 * words can use. Liang's method hyphenates a word from the patterns that
 * occur in ".word." and from nothing else; libhyphen also depends on which
 * trie nodes the word walks through (hyphen_patterns.c keeps those too), so
 * such a dictionary gives those words exactly the hyphens the whole file
 * gives, and libhyphen loads it in a small fraction of the time the whole
 * file takes (about 2 ms for the Serbian patterns, most of a one-page
 * render).
 */
#ifndef LP_PARA_HYPHEN_PATTERNS_H
#define LP_PARA_HYPHEN_PATTERNS_H

#include <hyphen.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lp_hy_patterns lp_hy_patterns;

/* FNV-1a, the hash of the word and piece tables; step by step, so that
 * every prefix of a string is hashed in one pass. */
#define LP_HY_HASH_START 2166136261u

static inline uint32_t
lp_hy_hash_step(uint32_t h, char c)
{
	return (h ^ (uint8_t)c) * 16777619u;
}

static inline uint32_t
lp_hy_hash(const char *s, uint32_t n)
{
	uint32_t h = LP_HY_HASH_START;
	for (uint32_t i = 0; i < n; i++)
		h = lp_hy_hash_step(h, s[i]);
	return h;
}

/* Reads a .dic file as it is (its patterns are expanded, lp_hy_expand,
 * when a dictionary is made of them). NULL when it cannot be read, is
 * empty or larger than LP_MAX_HYPHEN_FILE_BYTES, or memory runs out. */
lp_hy_patterns *lp_hy_patterns_read(const char *path);
void lp_hy_patterns_drop(lp_hy_patterns *p);

/* A word list in the file's charset, lower case, as libhyphen gets it:
 * word i is the span[i].len bytes at bytes + span[i].off. */
typedef struct lp_hy_span {
	uint32_t off, len;
} lp_hy_span;

typedef struct lp_hy_words {
	const char *bytes;
	const lp_hy_span *span;
	uint32_t n;
} lp_hy_words;

/* A dictionary holding the file's header lines, every pattern that occurs
 * inside ".w." for some word w, and every pattern that is not plain
 * (replacement patterns), then expanded; a file with more than one level
 * is kept whole, and so is every file when words is NULL. NULL when
 * libhyphen rejects it or memory runs out. Free with hnj_hyphen_free(). */
HyphenDict *lp_hy_patterns_subset(const lp_hy_patterns *p, const lp_hy_words *words);

/* hyphen_expand.c: the text of a pattern file with every prefix of a
 * pattern that ends with patterns made a pattern of their combined
 * priorities, as libhyphen's substrings.pl makes them (libhyphen applies
 * one trie node's priorities a letter, not its suffixes'). *expanded is
 * NULL when the file is kept as it is (replacement patterns, two levels);
 * false when memory runs out. Free *expanded. */
bool lp_hy_expand(const char *text, size_t size, char **expanded, size_t *expanded_size);
/* A pattern file's line of n bytes that is not a pattern: empty, a
 * comment or one of libhyphen's keywords (LEFTHYPHENMIN …, NEXTLEVEL). */
bool lp_hy_is_header_line(const char *s, uint32_t n);

/* The file's bytes (its first line names the charset). */
const char *lp_hy_patterns_text(const lp_hy_patterns *p, size_t *size);

/* How many pattern lines the file has and a subset would keep (for tests
 * and benchmarks). */
uint32_t lp_hy_patterns_count(const lp_hy_patterns *p);
uint32_t lp_hy_patterns_matching(const lp_hy_patterns *p, const lp_hy_words *words);

#endif
