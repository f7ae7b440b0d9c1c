/*
 * Pattern files indexed by letters, and dictionaries of the patterns a
 * word list can use (hyphen_patterns.h). A line is parsed as libhyphen
 * parses it: the pattern runs to the first byte at or below ' ' (bytes
 * above 0x7F count as letters), digits are priorities and the rest its
 * letters, and '/' starts a replacement. Keyword lines (LEFTHYPHENMIN and
 * the like), comments and the charset line are kept in every subset.
 */
#include "para/hyphen_patterns.h"

#include "base/limits.h"
#include "base/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hp_line {
	uint32_t start, len;     /* the line in the file */
	uint32_t key, key_len;   /* its letters, in the key buffer */
	int32_t next;            /* next line with the same letters, or -1 */
	bool pattern;            /* a plain pattern: kept only when it matches */
} hp_line;

struct lp_hy_patterns {
	char *text;
	size_t size;
	hp_line *lines;
	uint32_t n_lines, n_patterns;
	char *keys;
	int32_t *slots;          /* open addressing over keys: first line, or -1 */
	uint32_t mask;
	/* Proper prefixes of keys: a line whose key starts with the prefix. */
	struct hp_prefix {
		int32_t line;    /* -1: empty slot */
		uint32_t len;
	} *prefixes;
	uint32_t prefix_mask;
	uint32_t max_key;        /* longest pattern, in bytes of letters */
	bool whole;              /* NEXTLEVEL: never subset */
};

static bool
is_keyword(const char *s, uint32_t n)
{
	static const char *const kw[] = {"LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
		"COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN", "NEXTLEVEL"};
	for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
		size_t k = strlen(kw[i]);
		if (n >= k && memcmp(s, kw[i], k) == 0)
			return true;
	}
	return n == 0 || s[0] == '%';
}

static int32_t
find(const lp_hy_patterns *p, const char *key, uint32_t n)
{
	for (uint32_t i = lp_hy_hash(key, n) & p->mask;; i = (i + 1) & p->mask) {
		int32_t l = p->slots[i];
		if (l < 0)
			return -1;
		const hp_line *L = &p->lines[l];
		if (L->key_len == n && memcmp(p->keys + L->key, key, n) == 0)
			return l;
	}
}

static int32_t
find_prefix(const lp_hy_patterns *p, const char *s, uint32_t n, uint32_t *slot)
{
	for (uint32_t i = lp_hy_hash(s, n) & p->prefix_mask;; i = (i + 1) & p->prefix_mask) {
		const struct hp_prefix *e = &p->prefixes[i];
		if (e->line < 0) {
			*slot = i;
			return -1;
		}
		if (e->len == n && memcmp(p->keys + p->lines[e->line].key, s, n) == 0)
			return e->line;
	}
}

/* libhyphen walks a trie of every pattern's prefixes and applies only the
 * pattern of the node it stands on, not those of its suffixes: a longer
 * prefix that the word contains can hide a shorter pattern. A subset that
 * gives the same answers must keep every node the word walks through, so
 * each proper prefix is indexed with one line (a witness) that has it. */
static bool
index_prefixes(lp_hy_patterns *p, uint32_t key_bytes)
{
	uint32_t slots = 16;
	while (slots < 2 * key_bytes + 2)
		slots *= 2;
	p->prefixes = malloc(slots * sizeof *p->prefixes);
	if (!p->prefixes)
		return false;
	for (uint32_t i = 0; i < slots; i++)
		p->prefixes[i].line = -1;
	p->prefix_mask = slots - 1;
	for (uint32_t l = 0; l < p->n_lines; l++) {
		const hp_line *L = &p->lines[l];
		for (uint32_t k = 1; L->pattern && k < L->key_len; k++) {
			uint32_t slot;
			if (find_prefix(p, p->keys + L->key, k, &slot) < 0)
				p->prefixes[slot] = (struct hp_prefix){(int32_t)l, k};
		}
	}
	return true;
}

/* Splits the file into lines and indexes the plain patterns. */
static bool
index_lines(lp_hy_patterns *p)
{
	uint32_t cap = 1;
	for (size_t i = 0; i < p->size; i++)
		cap += p->text[i] == '\n';
	p->lines = calloc(cap, sizeof *p->lines);
	p->keys = malloc(p->size + 1);
	uint32_t slots = 16;
	while (slots < 2 * cap)
		slots *= 2;
	p->slots = malloc(slots * sizeof *p->slots);
	if (!p->lines || !p->keys || !p->slots)
		return false;
	memset(p->slots, 0xff, slots * sizeof *p->slots);
	p->mask = slots - 1;
	uint32_t key_used = 0;
	size_t pos = 0;
	while (pos < p->size) {
		const char *s = p->text + pos;
		const char *nl = memchr(s, '\n', p->size - pos);
		uint32_t len = (uint32_t)(nl ? (size_t)(nl - s) : p->size - pos);
		hp_line *L = &p->lines[p->n_lines];
		*L = (hp_line){.start = (uint32_t)pos, .len = len, .next = -1};
		/* The first line names the charset; keywords apply everywhere. */
		if (p->n_lines > 0 && !is_keyword(s, len)) {
			uint32_t k = 0;
			bool plain = true;
			L->key = key_used;
			for (uint32_t i = 0; i < len && ((uint8_t)s[i] > ' '); i++) {
				if (s[i] == '/') {
					plain = false;
					break;
				}
				if (s[i] < '0' || s[i] > '9')
					p->keys[key_used + k++] = s[i];
			}
			L->key_len = k;
			L->pattern = plain && k > 0;
			if (L->pattern) {
				key_used += k;
				p->n_patterns++;
				if (k > p->max_key)
					p->max_key = k;
				int32_t same = find(p, p->keys + L->key, k);
				if (same >= 0) {
					/* Chain behind the first line with these letters. */
					L->next = p->lines[same].next;
					p->lines[same].next = (int32_t)p->n_lines;
				} else {
					uint32_t i = lp_hy_hash(p->keys + L->key, k) & p->mask;
					while (p->slots[i] >= 0)
						i = (i + 1) & p->mask;
					p->slots[i] = (int32_t)p->n_lines;
				}
			}
		} else if (len >= 9 && memcmp(s, "NEXTLEVEL", 9) == 0) {
			p->whole = true;
		}
		p->n_lines++;
		pos += len + 1;
	}
	return p->n_lines > 0 && index_prefixes(p, key_used);
}

lp_hy_patterns *
lp_hy_patterns_read(const char *path)
{
	lp_hy_patterns *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	if (lp_file_read(path, LP_MAX_HYPHEN_FILE_BYTES, &p->text, &p->size, NULL) != LP_OK ||
		p->size == 0 || !index_lines(p)) {
		lp_hy_patterns_drop(p);
		return NULL;
	}
	return p;
}

void
lp_hy_patterns_drop(lp_hy_patterns *p)
{
	if (!p)
		return;
	free(p->text);
	free(p->lines);
	free(p->keys);
	free(p->slots);
	free(p->prefixes);
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

/* Marks, for every piece s of ".w." for the words, the lines whose
 * letters are s and one line that continues s (see index_prefixes);
 * returns how many lines it marked. */
static uint32_t
mark(const lp_hy_patterns *p, const lp_hy_words *w, uint8_t *keep)
{
	char dotted[LP_MAX_HYPHEN_WORD * 4 + 2];
	uint32_t marked = 0;
	for (uint32_t i = 0; i < w->n; i++) {
		uint32_t n = w->span[i].len;
		if (n > sizeof dotted - 2)
			continue; /* libhyphen is never asked about such a word */
		dotted[0] = '.';
		memcpy(dotted + 1, w->bytes + w->span[i].off, n);
		dotted[n + 1] = '.';
		n += 2;
		for (uint32_t a = 0; a < n; a++)
			for (uint32_t b = a + 1; b <= n && b - a <= p->max_key; b++) {
				uint32_t slot;
				for (int32_t l = find(p, dotted + a, b - a); l >= 0; l = p->lines[l].next)
					if (!keep[l]) {
						keep[l] = 1;
						marked++;
					}
				int32_t wit = find_prefix(p, dotted + a, b - a, &slot);
				if (wit >= 0 && !keep[wit]) {
					keep[wit] = 1;
					marked++;
				}
			}
	}
	return marked;
}

uint32_t
lp_hy_patterns_matching(const lp_hy_patterns *p, const lp_hy_words *words)
{
	uint8_t *keep = calloc(p->n_lines, 1);
	if (!keep)
		return 0;
	uint32_t n = mark(p, words, keep);
	free(keep);
	return n;
}

HyphenDict *
lp_hy_patterns_subset(const lp_hy_patterns *p, const lp_hy_words *words)
{
	uint8_t *keep = calloc(p->n_lines, 1);
	char *out = malloc(p->size + 1);
	HyphenDict *dict = NULL;
	if (!keep || !out)
		goto done;
	if (!p->whole && words)
		mark(p, words, keep);
	size_t used = 0;
	for (uint32_t l = 0; l < p->n_lines; l++) {
		const hp_line *L = &p->lines[l];
		if (p->whole || !words || !L->pattern || keep[l]) {
			memcpy(out + used, p->text + L->start, L->len);
			used += L->len;
			out[used++] = '\n';
		}
	}
	FILE *f = fmemopen(out, used, "r");
	if (f) {
		dict = hnj_hyphen_load_file(f);
		fclose(f);
	}
done:
	free(out);
	free(keep);
	return dict;
}
