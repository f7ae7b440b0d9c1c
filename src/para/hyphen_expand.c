/*
 * Substring expansion of a pattern file (hyphen_patterns.h).
 *
 * libhyphen walks a trie of every pattern's prefixes and, at each letter,
 * applies the priorities of the one node it stands on, the longest suffix
 * of the text read so far that is a prefix of some pattern. A pattern that
 * is a suffix of that node's string, but not the node itself, is never
 * applied there: "ab1c" hides "b2c" for a word that contains "abc". Liang's
 * method applies every pattern that occurs in the word, so libhyphen wants
 * files in which each such node carries the priorities of all the patterns
 * that end it (libhyphen's `substrings.pl` makes them from TeX patterns).
 * Some of Debian's files (Russian, Ukrainian) were never put through it.
 *
 * Expanding is: for every prefix P of a pattern that ends with at least one
 * pattern, one pattern with P's letters and, at each place, the highest
 * priority any pattern ending P gives it. Expanding an expanded file gives
 * the same patterns (every pattern ending a node is a pattern of the file
 * already, with those priorities), so every file is expanded as it is read
 * and none has to be recognised.
 *
 * Files with replacement patterns ("/") or a second level (NEXTLEVEL) are
 * left as they are; none of the shipped languages has either.
 */
#include "para/hyphen_patterns.h"

#include <stdlib.h>
#include <string.h>

/* A pattern's letters (bytes; '.' marks a word's edge) and priorities: the
 * digit before letter k is pri[k], the one after the last is pri[len]. */
typedef struct hx_pat {
	uint32_t key; /* offset in keys */
	uint32_t len;
	uint32_t pri; /* offset in the priority bytes, len + 1 of them */
} hx_pat;

typedef struct hx_table {
	uint32_t *slot; /* pattern index + 1; 0 is empty */
	uint32_t mask;
} hx_table;

typedef struct hx_state {
	const char *keys;
	hx_pat *pat;
	uint8_t *pri;
	hx_table orig, made;
	hx_pat *out;
	uint8_t *out_pri;
	uint32_t n_out, out_pri_used;
	uint32_t *prefix; /* room for the longest pattern's prefix hashes */
} hx_state;

static bool
table_make(hx_table *t, uint32_t n)
{
	uint32_t slots = 64;
	while (slots < 2 * n)
		slots *= 2;
	t->slot = calloc(slots, sizeof *t->slot);
	t->mask = slots - 1;
	return t->slot != NULL;
}

/* The slot of key (len bytes) in t over pats: its entry, or the empty slot
 * where it goes. */
static uint32_t *
table_find(const hx_table *t, const hx_pat *pats, const char *keys, const char *key, uint32_t len,
        uint32_t h)
{
	for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
		uint32_t e = t->slot[i];
		if (e == 0)
			return &t->slot[i];
		const hx_pat *p = &pats[e - 1];
		if (p->len == len && memcmp(keys + p->key, key, len) == 0)
			return &t->slot[i];
	}
}

/* Splits one pattern line into letters (appended to keys) and priorities;
 * the pattern ends at the first byte at or below ' ', as libhyphen reads
 * it. */
static void
parse_pattern(const char *s, uint32_t n, char *keys, uint32_t *keys_used, uint8_t *pri,
        uint32_t *pri_used, hx_pat *p)
{
	p->key = *keys_used;
	p->pri = *pri_used;
	p->len = 0;
	pri[p->pri] = 0;
	for (uint32_t i = 0; i < n && (uint8_t)s[i] > ' '; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			pri[p->pri + p->len] = (uint8_t)(s[i] - '0');
		} else {
			keys[p->key + p->len++] = s[i];
			pri[p->pri + p->len] = 0;
		}
	}
	*keys_used += p->len;
	*pri_used += p->len + 1;
}

/* The pattern for prefix [0, end) of pattern p (h: the prefix's hash),
 * made on first use. */
static hx_pat *
made_for(hx_state *st, const hx_pat *p, uint32_t end, uint32_t h)
{
	const char *key = st->keys + p->key;
	uint32_t *slot = table_find(&st->made, st->out, st->keys, key, end, h);
	if (*slot)
		return &st->out[*slot - 1];
	hx_pat *q = &st->out[st->n_out];
	*q = (hx_pat){p->key, end, st->out_pri_used};
	memset(st->out_pri + q->pri, 0, end + 1);
	st->out_pri_used += end + 1;
	*slot = ++st->n_out;
	return q;
}

/* Every pattern that ends a prefix of p, merged into that prefix's. */
static void
expand_one(hx_state *st, const hx_pat *p)
{
	const char *key = st->keys + p->key;
	/* The hash of each prefix [0, b + 1), each step once. */
	uint32_t *prefix = st->prefix;
	uint32_t ph = LP_HY_HASH_START;
	for (uint32_t b = 0; b < p->len; b++)
		prefix[b] = ph = lp_hy_hash_step(ph, key[b]);
	for (uint32_t a = 0; a < p->len; a++) {
		uint32_t h = LP_HY_HASH_START;
		for (uint32_t b = a; b < p->len; b++) {
			h = lp_hy_hash_step(h, key[b]);
			uint32_t e =
			        *table_find(&st->orig, st->pat, st->keys, key + a, b - a + 1, h);
			if (!e)
				continue;
			const hx_pat *s = &st->pat[e - 1];
			hx_pat *q = made_for(st, p, b + 1, prefix[b]);
			for (uint32_t k = 0; k <= s->len; k++) {
				uint8_t *d = &st->out_pri[q->pri + a + k];
				uint8_t v = st->pri[s->pri + k];
				if (v > *d)
					*d = v;
			}
		}
	}
}

static char *
write_out(const hx_state *st, const char *text, size_t size, size_t *out_size)
{
	size_t bound = size + 1;
	for (uint32_t i = 0; i < st->n_out; i++)
		bound += 2 * (size_t)st->out[i].len + 2;
	char *out = malloc(bound);
	if (!out)
		return NULL;
	size_t o = 0, pos = 0;
	/* The charset line and header lines first, as they came. */
	for (bool first = true; pos < size; first = false) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', size - pos);
		uint32_t n = (uint32_t)(nl ? (size_t)(nl - s) : size - pos);
		pos += n + 1;
		if (first || (lp_hy_is_header_line(s, n) && n > 0 && s[0] != '%')) {
			memcpy(out + o, s, n);
			o += n;
			out[o++] = '\n';
		}
	}
	for (uint32_t i = 0; i < st->n_out; i++) {
		const hx_pat *q = &st->out[i];
		for (uint32_t k = 0; k <= q->len; k++) {
			uint8_t d = st->out_pri[q->pri + k];
			if (d)
				out[o++] = (char)('0' + d);
			if (k < q->len)
				out[o++] = st->keys[q->key + k];
		}
		out[o++] = '\n';
	}
	*out_size = o;
	return out;
}

bool
lp_hy_expand(const char *text, size_t size, char **expanded, size_t *expanded_size)
{
	/* Sizes first: one pattern a line at most, its letters and
	 * priorities within the line's bytes. */
	uint32_t lines = 1;
	*expanded = NULL;
	for (size_t i = 0; i < size; i++) {
		lines += text[i] == '\n';
		if (text[i] == '/' ||
		        (text[i] == 'N' && size - i >= 9 && !memcmp(text + i, "NEXTLEVEL", 9)))
			return true; /* kept as it is */
	}
	if (size > UINT32_MAX / 4)
		return true;
	hx_state st = {0};
	char *keys = malloc(size + 1);
	st.keys = keys;
	st.pat = malloc((size_t)lines * sizeof *st.pat);
	st.pri = malloc(size + lines + 1);
	char *out = NULL;
	if (!keys || !st.pat || !st.pri)
		goto done;
	uint32_t n = 0, keys_used = 0, pri_used = 0;
	size_t pos = 0;
	uint64_t prefixes = 0, prefix_pri = 0;
	uint32_t longest = 0;
	for (bool first = true; pos < size; first = false) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', size - pos);
		uint32_t len = (uint32_t)(nl ? (size_t)(nl - s) : size - pos);
		pos += len + 1;
		if (first || lp_hy_is_header_line(s, len))
			continue;
		hx_pat *p = &st.pat[n];
		parse_pattern(s, len, keys, &keys_used, st.pri, &pri_used, p);
		if (p->len == 0)
			continue;
		n++;
		if (p->len > longest)
			longest = p->len;
		prefixes += p->len;
		prefix_pri += (uint64_t)p->len * (p->len + 3) / 2;
	}
	if (prefix_pri > UINT32_MAX || !table_make(&st.orig, n) ||
	        !table_make(&st.made, (uint32_t)prefixes))
		goto done;
	/* A letter string given twice: the later line wins, as in a table
	 * keyed by letters. */
	for (uint32_t i = 0; i < n; i++)
		*table_find(&st.orig, st.pat, keys, keys + st.pat[i].key, st.pat[i].len,
		        lp_hy_hash(keys + st.pat[i].key, st.pat[i].len)) = i + 1;
	st.out = malloc((size_t)prefixes * sizeof *st.out);
	st.out_pri = malloc((size_t)prefix_pri);
	st.prefix = malloc(((size_t)longest + 1) * sizeof *st.prefix);
	if (!st.out || !st.out_pri || !st.prefix)
		goto done;
	for (uint32_t i = 0; i < n; i++)
		expand_one(&st, &st.pat[i]);
	out = write_out(&st, text, size, expanded_size);
done:
	free(keys);
	free(st.pat);
	free(st.pri);
	free(st.orig.slot);
	free(st.made.slot);
	free(st.out);
	free(st.out_pri);
	free(st.prefix);
	*expanded = out;
	return out != NULL;
}
