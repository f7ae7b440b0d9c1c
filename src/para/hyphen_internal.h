/*
 * What hyphen.c (the shared dictionaries) and hyphen_doc.c (one
 * document's view of them) share. Nothing here leaves src/para/.
 */
#ifndef LP_PARA_HYPHEN_INTERNAL_H
#define LP_PARA_HYPHEN_INTERNAL_H

#include "base/limits.h"
#include "para/hyphen.h"
#include "para/hyphen_patterns.h"

#include <pthread.h>

typedef enum hy_lang { HY_SR_CYRL, HY_SR_LATN, HY_RU, HY_UK, HY_BG, HY_EN, HY_COUNT } hy_lang;

/* One code point of an 8-bit charset and its byte, sorted by code point. */
typedef struct hy_map {
	uint32_t cp;
	uint8_t byte;
} hy_map;

/* Each stage is made on first use, once, under the lock. */
enum { HY_UNLOADED, HY_LOADED, HY_FAILED };

typedef struct hy_dict {
	pthread_mutex_t lock;
	char *path; /* the .dic file */
	int file_state; /* HY_*: patterns read, charset known (atomic) */
	lp_hy_patterns *patterns;
	bool utf8;
	hy_map high[128]; /* bytes 0x80-0xFF */
	uint32_t n_high;
	/* The same for U+0080-U+04FF (Latin and Cyrillic letters) by code
	 * point, 0 for none: a word's letters without a search. */
	uint8_t near[0x480];
	int state; /* HY_*: the whole dictionary (atomic) */
	HyphenDict *dict;
} hy_dict;

struct lp_hyphenators {
	hy_dict d[HY_COUNT];
	unsigned documents; /* lp_hyphen_doc_new() calls (atomic) */
	/* A word's points by the patterns (before exceptions and the
	 * minimums), kept from the engine's second document on: keyed by the
	 * dictionary and the word as libhyphen gets it. */
	struct lp_frozen_map *points;
};

/* The dictionary index for a language (Serbian by the word's script), or
 * -1. Loads nothing. */
int lp_hy_index(const char *lang, bool latin);
/* The patterns and charset of d, read on first use. */
bool lp_hy_ensure_file(hy_dict *d);

/* A word as libhyphen gets it: lower case, in the dictionary's charset.
 * cps (LP_MAX_HYPHEN_WORD) gets the lower-case code points, offs their
 * byte offsets in word; *latin says whether any is Latin. */
typedef struct hy_word {
	uint32_t cps[LP_MAX_HYPHEN_WORD];
	uint32_t offs[LP_MAX_HYPHEN_WORD + 1];
	uint32_t n;
	bool latin;
	char enc[LP_MAX_HYPHEN_WORD * 4 + 1];
	int enc_len;
} hy_word;

/* ASCII and the Cyrillic letters U+0400-U+045F, ICU's answers for them
 * without asking it (a word's every letter asks): the lower case, and
 * whether the character's block is a Latin one; false for any other
 * character (none of these is a mark). */
bool lp_hy_lower_basic(uint32_t cp, uint32_t *lower, bool *latin);
/* Fills w's code points; false for a word longer than LP_MAX_HYPHEN_WORD. */
bool lp_hy_word_lower(hy_word *w, const char *word, uint32_t len);
/* Fills w's encoding for d; false when its charset cannot hold the word. */
bool lp_hy_word_encode(const hy_dict *d, hy_word *w);

/* hyphen_doc.c: the document's dictionary for index i when it has one
 * that covers w (encoded for that dictionary), else NULL. */
HyphenDict *lp_hyphen_doc_dict(lp_hyphen_doc *doc, int i, const hy_word *w);

#endif
