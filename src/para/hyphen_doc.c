/*
 * One document's view of the dictionaries (hyphen.h): for the first
 * document a set serves, a dictionary per language of only the patterns
 * its words can use. The words are those of the document's source, cut
 * where lp_para_break cuts them (lp_hyphen_word_char) and lower-cased and
 * encoded as lp_hyphenate() does; a word is looked up in that dictionary
 * only when it is one of them, so every answer is the whole dictionary's.
 */
#include "para/hyphen_internal.h"

#include "base/array.h"

#include <stdlib.h>
#include <string.h>

/* The encoded words of one dictionary: a set, and the list its subset is
 * made from. */
typedef struct doc_words {
	char *bytes;
	size_t used, cap;
	lp_hy_span *span; /* per word */
	uint32_t n, cap_words;
	uint32_t *slots; /* open addressing: word index + 1, or 0 */
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
	bool own; /* this document makes its own dictionaries */
	doc_dict per[HY_COUNT];
};

/* The word's index, or -1 with *slot where it would go. */
static int64_t
words_find(const doc_words *w, const char *s, uint32_t n, uint32_t *slot)
{
	for (uint32_t i = lp_hy_hash(s, n) & w->mask;; i = (i + 1) & w->mask) {
		uint32_t k = w->slots[i];
		if (k == 0) {
			*slot = i;
			return -1;
		}
		const lp_hy_span *sp = &w->span[k - 1];
		if (sp->len == n && memcmp(w->bytes + sp->off, s, n) == 0)
			return k - 1;
	}
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
		uint32_t i = lp_hy_hash(w->bytes + w->span[k].off, w->span[k].len) & w->mask;
		while (s[i])
			i = (i + 1) & w->mask;
		s[i] = k + 1;
	}
	return true;
}

static bool
words_add(doc_words *w, const char *s, uint32_t n)
{
	uint32_t slot;
	if (!w->slots && !rehash(w, 256))
		return false;
	if (words_find(w, s, n, &slot) >= 0)
		return true;
	if (LP_ARRAY_RESERVE(w->bytes, w->cap, w->used + n, LP_ARRAY_ANY) != LP_OK ||
	        LP_ARRAY_RESERVE(w->span, w->cap_words, (size_t)w->n + 1, LP_ARRAY_ANY) != LP_OK)
		return false;
	memcpy(w->bytes + w->used, s, n);
	w->span[w->n] = (lp_hy_span){(uint32_t)w->used, n};
	w->used += n;
	w->slots[slot] = ++w->n;
	return 2 * w->n <= w->mask || rehash(w, 2 * (w->mask + 1));
}

static void
words_free(doc_words *w)
{
	free(w->bytes);
	free(w->span);
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
	doc->own = h &&
	           __atomic_fetch_add(&((lp_hyphenators *)h)->documents, 1, __ATOMIC_ACQ_REL) == 0;
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

/* Every word of the text that dictionary i can be asked about: one its
 * charset holds and, for Serbian, one in its script (lp_hyphenate picks
 * the Serbian dictionary by the word's own script). */
static bool
collect(lp_hyphen_doc *doc, int i, const hy_dict *d, doc_words *out)
{
	size_t pos = 0, a;
	hy_word w;
	while (lp_hyphen_next_word(doc->text, doc->len, &pos, &a)) {
		if (!lp_hy_word_lower(&w, doc->text + a, (uint32_t)(pos - a)) ||
		        (i == HY_SR_CYRL && w.latin) || (i == HY_SR_LATN && !w.latin) ||
		        !lp_hy_word_encode(d, &w))
			continue;
		if (!words_add(out, w.enc, (uint32_t)w.enc_len))
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
		if (lp_hy_ensure_file(d) && collect(doc, i, d, &dd->words) && dd->words.n > 0) {
			lp_hy_words list = {dd->words.bytes, dd->words.span, dd->words.n};
			dd->dict = lp_hy_patterns_subset(d->patterns, &list);
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
