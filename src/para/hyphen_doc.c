/*
 * One document's view of the dictionaries (hyphen.h): for the first
 * document a set serves, a dictionary per language of only the patterns
 * its words can use. The words are those of the document's source, cut
 * where lp_para_break cuts them (lp_hyphen_word_char) and lower-cased and
 * encoded as lp_hyphenate() does; a word is looked up in that dictionary
 * only when it is one of them, so every answer is the whole dictionary's.
 */
#include "para/hyphen_internal.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* The encoded words of one dictionary: a set, and the list for the
 * subset. */
typedef struct doc_words {
	char *bytes;
	uint32_t used, cap;
	uint32_t *off, *len; /* per word */
	uint32_t n, cap_words;
	uint32_t *slots;     /* open addressing: word index + 1, or 0 */
	uint32_t mask;
} doc_words;

typedef struct doc_dict {
	int state; /* HY_UNLOADED, HY_LOADED, HY_FAILED */
	HyphenDict *dict;
	doc_words words;
} doc_dict;

struct lp_hyphen_doc {
	const lp_hyphenators *h;
	const char *text;
	size_t len;
	bool own;  /* this document makes its own dictionaries */
	doc_dict per[HY_COUNT];
};

static uint32_t
hash(const char *s, uint32_t n)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static int64_t
words_find(const doc_words *w, const char *s, uint32_t n, uint32_t *slot)
{
	if (!w->slots)
		return -1;
	for (uint32_t i = hash(s, n) & w->mask;; i = (i + 1) & w->mask) {
		uint32_t k = w->slots[i];
		if (k == 0) {
			*slot = i;
			return -1;
		}
		if (w->len[k - 1] == n && memcmp(w->bytes + w->off[k - 1], s, n) == 0)
			return k - 1;
	}
}

static bool
grow(void **p, uint32_t *cap, uint32_t need, size_t size)
{
	if (need <= *cap)
		return true;
	uint32_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, (size_t)c * size);
	if (!q)
		return false;
	*p = q;
	*cap = c;
	return true;
}

static bool
rehash(doc_words *w, uint32_t slots)
{
	uint32_t *s = calloc(slots, sizeof *s);
	if (!s)
		return false;
	free(w->slots);
	w->slots = s;
	w->mask = slots - 1;
	for (uint32_t k = 0; k < w->n; k++) {
		uint32_t i = hash(w->bytes + w->off[k], w->len[k]) & w->mask;
		while (s[i])
			i = (i + 1) & w->mask;
		s[i] = k + 1;
	}
	return true;
}

static bool
words_add(doc_words *w, const char *s, uint32_t n)
{
	uint32_t slot = 0;
	if (!w->slots && !rehash(w, 256))
		return false;
	if (words_find(w, s, n, &slot) >= 0)
		return true;
	uint32_t cap_words = w->cap_words;
	if (!grow((void **)&w->bytes, &w->cap, w->used + n, 1) ||
		!grow((void **)&w->off, &cap_words, w->n + 1, sizeof *w->off) ||
		!grow((void **)&w->len, &w->cap_words, w->n + 1, sizeof *w->len))
		return false;
	memcpy(w->bytes + w->used, s, n);
	w->off[w->n] = w->used;
	w->len[w->n] = n;
	w->used += n;
	w->slots[slot] = ++w->n;
	return 2 * w->n <= w->mask || rehash(w, 2 * (w->mask + 1));
}

static void
words_free(doc_words *w)
{
	free(w->bytes);
	free(w->off);
	free(w->len);
	free(w->slots);
}

lp_hyphen_doc *
lp_hyphen_doc_new(const lp_hyphenators *h, const char *text, size_t len)
{
	lp_hyphen_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return NULL;
	doc->h = h;
	doc->text = text;
	doc->len = len;
	/* Only the first document: from the second on, loading the whole
	 * dictionary once costs less than a subset per document. */
	doc->own = h && __atomic_fetch_add(&((lp_hyphenators *)h)->documents, 1,
		__ATOMIC_ACQ_REL) == 0;
	return doc;
}

void
lp_hyphen_doc_drop(lp_hyphen_doc *doc)
{
	if (!doc)
		return;
	for (int i = 0; i < HY_COUNT; i++) {
		if (doc->per[i].dict)
			hnj_hyphen_free(doc->per[i].dict);
		words_free(&doc->per[i].words);
	}
	free(doc);
}

/* Every word of the text that dictionary d's charset can hold. */
static bool
collect(lp_hyphen_doc *doc, const hy_dict *d, doc_words *out)
{
	size_t pos = 0;
	hy_word w;
	while (pos < doc->len) {
		size_t a = pos;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)doc->text, doc->len, &pos, &cp);
		if (!lp_hyphen_word_char(cp))
			continue;
		size_t b = pos;
		while (b < doc->len) {
			size_t next = b;
			lp_utf8_decode((const uint8_t *)doc->text, doc->len, &next, &cp);
			if (!lp_hyphen_word_char(cp))
				break;
			b = next;
		}
		pos = b;
		if (lp_hy_word_lower(&w, doc->text + a, (uint32_t)(b - a)) &&
			lp_hy_word_encode(d, &w) && !words_add(out, w.enc, (uint32_t)w.enc_len))
			return false;
	}
	return true;
}

HyphenDict *
lp_hyphen_doc_dict(lp_hyphen_doc *doc, int i, const hy_word *w)
{
	if (!doc->own || i < 0 || i >= HY_COUNT)
		return NULL;
	doc_dict *dd = &doc->per[i];
	hy_dict *d = (hy_dict *)&doc->h->d[i];
	if (dd->state == HY_UNLOADED) {
		dd->state = HY_FAILED;
		if (lp_hy_ensure_file(d) && collect(doc, d, &dd->words)) {
			lp_hy_words list = {(const char *const *)NULL, dd->words.len, dd->words.n};
			const char **ptrs = malloc((dd->words.n + 1) * sizeof *ptrs);
			if (ptrs) {
				for (uint32_t k = 0; k < dd->words.n; k++)
					ptrs[k] = dd->words.bytes + dd->words.off[k];
				list.words = ptrs;
				dd->dict = lp_hy_patterns_subset(d->patterns, &list);
				free(ptrs);
			}
			if (dd->dict)
				dd->state = HY_LOADED;
		}
	}
	uint32_t slot;
	if (dd->state != HY_LOADED ||
		words_find(&dd->words, w->enc, (uint32_t)w->enc_len, &slot) < 0)
		return NULL;
	return dd->dict;
}
