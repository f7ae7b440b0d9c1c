/*
 * Pattern files and dictionaries of the patterns a word list can use
 * (hyphen_patterns.h). A line is parsed as libhyphen parses it: the pattern
 * runs to the first byte at or below ' ' (bytes above 0x7F count as
 * letters), digits are priorities and the rest its letters, and '/' starts
 * a replacement. Keyword lines (LEFTHYPHENMIN and the like), comments and
 * the charset line are kept in every subset.
 *
 * A subset is one pass over the file against the set of pieces of the
 * words (every substring of ".w." up to the longest pattern): nothing is
 * indexed per file, so the first document pays for its few hundred words,
 * not for the thousands of patterns.
 */
#include "para/hyphen_patterns.h"

#include "base/interpose.h"
#include "base/limits.h"
#include "base/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

struct lp_hy_patterns {
	char *text;
	size_t size;
	uint32_t n_patterns;
	uint32_t max_key; /* longest pattern, in bytes of letters */
	bool whole; /* NEXTLEVEL: never subset */
};

/* One line of the file: where it is, and its letters when it is a plain
 * pattern (key_len 0 for header lines and replacement patterns). */
typedef struct hp_line {
	const char *s;
	uint32_t len;
	char key[256];
	uint32_t key_len;
} hp_line;

bool
lp_hy_is_header_line(const char *s, uint32_t n)
{
	static const char *const kw[] = {"LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
	        "COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN", "NEXTLEVEL"};
	if (n == 0 || s[0] == '%')
		return true;
	/* Every keyword starts with C, L, N or R; a pattern most often with
	 * a digit, a dot or a small letter (asked once a line of every file
	 * read and every dictionary made). */
	if (s[0] != 'C' && s[0] != 'L' && s[0] != 'N' && s[0] != 'R')
		return false;
	for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
		size_t k = strlen(kw[i]);
		if (n >= k && memcmp(s, kw[i], k) == 0)
			return true;
	}
	return false;
}

/* Reads the line at *pos (the first line is the charset) and moves past
 * it; false at the end of the file. */
static bool
next_line(const lp_hy_patterns *p, size_t *pos, bool first, hp_line *L)
{
	if (*pos >= p->size)
		return false;
	L->s = p->text + *pos;
	const char *nl = memchr(L->s, '\n', p->size - *pos);
	L->len = (uint32_t)(nl ? (size_t)(nl - L->s) : p->size - *pos);
	*pos += L->len + 1;
	L->key_len = 0;
	if (first || lp_hy_is_header_line(L->s, L->len))
		return true;
	uint32_t k = 0;
	for (uint32_t i = 0; i < L->len && (uint8_t)L->s[i] > ' '; i++) {
		if (L->s[i] == '/')
			return true; /* a replacement pattern: always kept */
		if ((L->s[i] < '0' || L->s[i] > '9') && k < sizeof L->key)
			L->key[k++] = L->s[i];
	}
	L->key_len = k < sizeof L->key ? k : 0;
	return true;
}

lp_hy_patterns *
lp_hy_patterns_read(const char *path)
{
	lp_hy_patterns *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	if (lp_file_read(path, LP_MAX_HYPHEN_FILE_BYTES, &p->text, &p->size, NULL) != LP_OK ||
	        p->size == 0) {
		lp_hy_patterns_drop(p);
		return NULL;
	}
	hp_line L;
	size_t pos = 0;
	for (bool first = true; next_line(p, &pos, first, &L); first = false) {
		if (L.key_len) {
			p->n_patterns++;
			if (L.key_len > p->max_key)
				p->max_key = L.key_len;
		} else if (L.len >= 9 && memcmp(L.s, "NEXTLEVEL", 9) == 0) {
			p->whole = true;
		}
	}
	return p;
}

void
lp_hy_patterns_drop(lp_hy_patterns *p)
{
	if (!p)
		return;
	free(p->text);
	free(p);
}

const char *
lp_hy_patterns_text(const lp_hy_patterns *p, size_t *size)
{
	*size = p->size;
	return p->text;
}

uint32_t
lp_hy_patterns_count(const lp_hy_patterns *p)
{
	return p->n_patterns;
}

/* The pieces of the words: every substring of ".w." no longer than the
 * longest pattern, each once, with a mark for "a line that continues it
 * is kept already". */
typedef struct hp_piece {
	uint32_t off; /* in the dotted words */
	uint16_t len; /* 0: an empty slot */
	bool continued;
} hp_piece;

typedef struct hp_pieces {
	char *dotted;
	hp_piece *slot; /* open addressing */
	uint32_t mask, n;
} hp_pieces;

static hp_piece *
piece_find(const hp_pieces *set, const char *s, uint32_t n, uint32_t h)
{
	for (uint32_t i = h & set->mask;; i = (i + 1) & set->mask) {
		hp_piece *e = &set->slot[i];
		if (e->len == 0 || (e->len == n && memcmp(set->dotted + e->off, s, n) == 0))
			return e;
	}
}

static bool
pieces_grow(hp_pieces *set)
{
	uint32_t slots = 2 * (set->mask + 1);
	hp_piece *old = set->slot, *slot = calloc(slots, sizeof *slot);
	if (!slot)
		return false;
	set->slot = slot;
	set->mask = slots - 1;
	for (uint32_t i = 0; i < slots / 2; i++)
		if (old[i].len)
			*piece_find(set, set->dotted + old[i].off, old[i].len,
			        lp_hy_hash(set->dotted + old[i].off, old[i].len)) = old[i];
	free(old);
	return true;
}

static bool
pieces_make(const lp_hy_patterns *p, const lp_hy_words *w, hp_pieces *set)
{
	/* Sized for the pieces counted with repeats (at most a load of one
	 * half once repeats go): growing is for the rare worse case. */
	size_t bytes = 0, pieces = 0;
	for (uint32_t i = 0; i < w->n; i++) {
		size_t n = (size_t)w->span[i].len + 2;
		bytes += n;
		pieces += n * (n < p->max_key ? n : p->max_key);
	}
	uint32_t slots = 1024;
	while (slots < pieces && slots < (1u << 24))
		slots *= 2;
	set->dotted = malloc(bytes + 1);
	set->slot = calloc(slots, sizeof *set->slot);
	set->mask = slots - 1;
	if (!set->dotted || !set->slot || bytes > UINT32_MAX)
		return false;
	size_t used = 0;
	for (uint32_t i = 0; i < w->n; i++) {
		char *d = set->dotted + used;
		uint32_t n = w->span[i].len + 2;
		d[0] = '.';
		memcpy(d + 1, w->bytes + w->span[i].off, n - 2);
		d[n - 1] = '.';
		for (uint32_t a = 0; a < n; a++) {
			uint32_t h = LP_HY_HASH_START;
			for (uint32_t b = a; b < n && b - a < p->max_key; b++) {
				h = lp_hy_hash_step(h, d[b]);
				hp_piece *e = piece_find(set, d + a, b - a + 1, h);
				if (e->len)
					continue;
				*e = (hp_piece){(uint32_t)(used + a), (uint16_t)(b - a + 1), false};
				if (2 * ++set->n > set->mask && !pieces_grow(set))
					return false;
			}
		}
		used += n;
	}
	return true;
}

/* Whether a subset keeps the line: header lines and replacement patterns
 * always; a plain pattern when its letters are a piece of a word, or when
 * it is the first line to continue a piece that is not a pattern of its own
 * — libhyphen walks a trie of every pattern's prefixes and applies only the
 * pattern of the node it stands on, not those of its suffixes, so a
 * longer prefix the word contains can hide a shorter pattern, and the
 * subset must keep the same nodes on the word's path. */
static bool
keep_line(const hp_line *L, const hp_pieces *set)
{
	if (L->key_len == 0)
		return true;
	bool keep = false;
	uint32_t h = LP_HY_HASH_START;
	for (uint32_t k = 0; k < L->key_len; k++) {
		h = lp_hy_hash_step(h, L->key[k]);
		hp_piece *e = piece_find(set, L->key, k + 1, h);
		if (e->len == 0)
			break; /* no longer prefix is a piece either */
		if (k + 1 == L->key_len)
			keep = true;
		else if (!e->continued)
			keep = e->continued = true;
	}
	return keep;
}

/* Walks the file once; appends kept lines to out (may be NULL) and returns
 * how many plain patterns it kept. */
static uint32_t
select_lines(const lp_hy_patterns *p, const hp_pieces *set, char *out, size_t *used)
{
	hp_line L;
	size_t pos = 0;
	uint32_t kept = 0;
	for (bool first = true; next_line(p, &pos, first, &L); first = false) {
		bool keep = !set || keep_line(&L, set);
		if (!keep)
			continue;
		kept += L.key_len > 0;
		if (out) {
			memcpy(out + *used, L.s, L.len);
			*used += L.len;
			out[(*used)++] = '\n';
		}
	}
	return kept;
}

static void
pieces_free(hp_pieces *set)
{
	free(set->dotted);
	free(set->slot);
}

uint32_t
lp_hy_patterns_matching(const lp_hy_patterns *p, const lp_hy_words *words)
{
	hp_pieces set = {0};
	uint32_t n = pieces_make(p, words, &set) ? select_lines(p, &set, NULL, NULL) : 0;
	pieces_free(&set);
	return n;
}

HyphenDict *
lp_hy_patterns_subset(const lp_hy_patterns *p, const lp_hy_words *words)
{
	hp_pieces set = {0};
	bool subset = words && !p->whole;
	char *out = malloc(p->size + 1);
	HyphenDict *dict = NULL;
	size_t used = 0;
	char *expanded = NULL;
	size_t expanded_size = 0;
	if (out && (!subset || pieces_make(p, words, &set))) {
		select_lines(p, subset ? &set : NULL, out, &used);
		/* Expanded after the subset is taken, so that a one-page
		 * document expands its few hundred patterns, not the file's
		 * thousands. The same dictionary in effect: a pattern that
		 * occurs in ".w." brings every pattern that is a piece of it,
		 * and those are the ones its expansion merges. */
		if (lp_hy_expand(out, used, &expanded, &expanded_size)) {
			FILE *f = expanded ? fmemopen(expanded, expanded_size, "r")
			                   : fmemopen(out, used, "r");
			if (f) {
				dict = hnj_hyphen_load_file(f);
				fclose(f);
			}
		}
	}
	pieces_free(&set);
	free(expanded);
	free(out);
	return dict;
}

/* libhyphen allocates through hnj_malloc() and hnj_realloc() and, when they
 * fail, prints "can't allocate" and exits with status 1; its callers never
 * see a NULL. These definitions take the place of its own (the dynamic
 * linker binds libhyphen's calls to the program's), so that running out of
 * memory inside it ends the process as letterpress reports it everywhere
 * else: a message and status 71 (EX_OSERR). Nothing can be handed back to
 * libhyphen, so like its own they do not return on failure. */
LP_INTERPOSE void *hnj_malloc(int size);
LP_INTERPOSE void *hnj_realloc(void *p, int size);
LP_INTERPOSE void hnj_free(void *p);

static void
hnj_out_of_memory(void)
{
	static const char msg[] =
	        "letterpress: error: out of memory (in libhyphen, which cannot report it)\n";
	ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)n;
	exit(EX_OSERR);
}

void *
hnj_malloc(int size)
{
	void *p = size >= 0 ? malloc((size_t)size) : NULL;
	if (!p)
		hnj_out_of_memory();
	return p;
}

void *
hnj_realloc(void *p, int size)
{
	void *q = size >= 0 ? realloc(p, (size_t)size) : NULL;
	if (!q)
		hnj_out_of_memory();
	return q;
}

void
hnj_free(void *p)
{
	free(p);
}
