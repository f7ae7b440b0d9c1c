/*
 * The lint's Latin words (lexicon.h). Only words spelt with the fifteen
 * Latin capitals that have a Cyrillic twin can ever be asked about, so the
 * word list is cut down to those while it is read (about 3,000 of its
 * 100,000 words), and each is kept as a 64-bit key: four bits a letter,
 * fifteen letters at most, exact, no strings to store or compare. The set
 * is an open-addressing hash table, built once and read without a lock.
 */
#include "text/lexicon.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/source.h"
#include "base/utf8.h"
#include "text/scriptlint.h"
#include "latin_acronyms.h"
#include "cyrillic_words.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The Latin letters with a Cyrillic twin (capitals "ABCEHIJKMOPSTXY" and
 * their small letters); a key holds each letter's place there plus one,
 * 0 for every other byte. A table, not a search of the string: the word
 * list's 100,000 lines are read through it in every process that lints. */
static const uint8_t twin_of[256] = {['A'] = 1,
        ['B'] = 2,
        ['C'] = 3,
        ['E'] = 4,
        ['H'] = 5,
        ['I'] = 6,
        ['J'] = 7,
        ['K'] = 8,
        ['M'] = 9,
        ['O'] = 10,
        ['P'] = 11,
        ['S'] = 12,
        ['T'] = 13,
        ['X'] = 14,
        ['Y'] = 15,
        ['a'] = 1,
        ['b'] = 2,
        ['c'] = 3,
        ['e'] = 4,
        ['h'] = 5,
        ['i'] = 6,
        ['j'] = 7,
        ['k'] = 8,
        ['m'] = 9,
        ['o'] = 10,
        ['p'] = 11,
        ['s'] = 12,
        ['t'] = 13,
        ['x'] = 14,
        ['y'] = 15};

/* Letters a key can hold. */
#define KEY_MAX_LETTERS 15
/* The largest word list read (wamerican's is 1 MB). */
#define WORDLIST_MAX_BYTES (64u << 20)

enum { LEX_UNLOADED, LEX_LOADED, LEX_FAILED };

typedef struct key_set {
	uint64_t *slots; /* 0 = empty */
	size_t mask; /* slots - 1, a power of two minus one */
	size_t n;
} key_set;

struct lp_lexicon {
	char *wordlist;
	pthread_mutex_t lock;
	int state; /* LEX_*, read with acquire, set under the lock */
	bool told; /* the missing list was told, under the lock */
	key_set words, acronyms, not_latin;
};

/* The key of latin[0, len) (capitals or small letters), or 0 when a letter
 * has no twin or the word is too long to be kept. */
static uint64_t
latin_key(const char *latin, size_t len)
{
	if (len == 0 || len > KEY_MAX_LETTERS)
		return 0;
	uint64_t key = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t k = twin_of[(uint8_t)latin[i]];
		if (!k)
			return 0;
		key = key << 4 | k;
	}
	return key;
}

static size_t
slot_of(uint64_t key, size_t mask)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9u;
	key ^= key >> 32;
	return (size_t)key & mask;
}

static bool
set_has(const key_set *s, uint64_t key)
{
	if (!s->slots || !key)
		return false;
	for (size_t i = slot_of(key, s->mask);; i = (i + 1) & s->mask) {
		if (s->slots[i] == key)
			return true;
		if (!s->slots[i])
			return false;
	}
}

/* Room for up to n keys at half load. */
static bool
set_init(key_set *s, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	s->slots = calloc(cap, sizeof *s->slots);
	s->mask = cap - 1;
	s->n = 0;
	return s->slots != NULL;
}

/* Adds key; before set_init() (no slots yet) only counts it, so that the
 * table is sized for the words kept, not for every line read. */
static void
set_add(key_set *s, uint64_t key)
{
	if (!key)
		return;
	if (!s->slots) {
		s->n++;
		return;
	}
	if (2 * (s->n + 1) > s->mask + 1)
		return; /* never past half: the counting pass sized it */
	size_t i = slot_of(key, s->mask);
	for (; s->slots[i]; i = (i + 1) & s->mask)
		if (s->slots[i] == key)
			return;
	s->slots[i] = key;
	s->n++;
}

/* The lines of text[0, size): each line's first word before '#' or space. */
typedef void (*line_fn)(void *user, const char *word, size_t len);

static void
each_line(const char *text, size_t size, line_fn fn, void *user)
{
	for (const char *p = text, *end = text + size; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t len = 0;
		while (p + len < eol && p[len] != '#' && p[len] != ' ' && p[len] != '\t' &&
		        p[len] != '\r')
			len++;
		if (len)
			fn(user, p, len);
		p = eol + 1;
	}
}

static void
add_latin(void *user, const char *word, size_t len)
{
	set_add(user, latin_key(word, len));
}

/* A Cyrillic word is kept as the key of its Latin reading. */
static void
add_cyrillic(void *user, const char *word, size_t len)
{
	char latin[KEY_MAX_LETTERS];
	size_t n = 0;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp;
		if (!lp_utf8_decode((const uint8_t *)word, len, &pos, &cp))
			return;
		char twin = lp_text_latin_twin(cp);
		if (!twin || n == KEY_MAX_LETTERS)
			return; /* never a look-alike word: nothing to keep */
		latin[n++] = twin;
	}
	set_add(user, latin_key(latin, n));
}

static bool
build_list(key_set *s, const unsigned char *bytes, size_t size, line_fn fn)
{
	const char *text = (const char *)bytes;
	each_line(text, size, fn, s); /* counts */
	if (!set_init(s, s->n))
		return false;
	each_line(text, size, fn, s);
	return true;
}

/* The word list in one pass: each line's first word (up to '#', a space,
 * a tab or the line's end) whose letters all have twins, of at least
 * LP_LEXICON_MIN_WORD (shorter words are left to the acronym list,
 * lexicon.h) and at most KEY_MAX_LETTERS letters. A line is left at its
 * first letter without a twin, which most words meet early, and the rest
 * of it skipped with memchr; the few keys kept are gathered, then set. */
static bool
build_words(key_set *s, const char *text, size_t size)
{
	uint64_t *keys = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	for (const char *p = text, *end = text + size; p < end && ok;) {
		uint64_t key = 0;
		size_t len = 0;
		const char *q = p;
		for (; q < end; q++, len++) {
			uint8_t k = twin_of[(uint8_t)*q];
			if (!k || len == KEY_MAX_LETTERS)
				break;
			key = key << 4 | k;
		}
		bool word_end = q == end || *q == '\n' || *q == '#' || *q == ' ' || *q == '\t' ||
		                *q == '\r';
		if (word_end && len >= LP_LEXICON_MIN_WORD) {
			ok = LP_ARRAY_RESERVE(keys, cap, n + 1, LP_ARRAY_ANY) == LP_OK;
			if (ok)
				keys[n++] = key;
		}
		const char *nl = q < end ? memchr(q, '\n', (size_t)(end - q)) : NULL;
		p = nl ? nl + 1 : end;
	}
	if (ok && (ok = set_init(s, n)))
		for (size_t i = 0; i < n; i++)
			set_add(s, keys[i]);
	free(keys);
	return ok;
}

/* Reads the word list and the built-in lists; called once, under the lock. */
static bool
load(lp_lexicon *lex)
{
	if (!build_list(&lex->acronyms, lp_latin_acronyms, sizeof lp_latin_acronyms, add_latin) ||
	        !build_list(
	                &lex->not_latin, lp_cyrillic_words, sizeof lp_cyrillic_words, add_cyrillic))
		return false;
	lp_diag *quiet = lp_diag_new(NULL, NULL); /* a missing list is told by the lint */
	char *data = NULL;
	size_t size = 0;
	lp_status s = quiet ? lp_file_read(lex->wordlist, WORDLIST_MAX_BYTES, &data, &size, quiet)
	                    : LP_ERR_NOMEM;
	lp_diag_drop(quiet);
	if (s != LP_OK)
		return false;
	bool ok = build_words(&lex->words, data, size);
	free(data);
	return ok;
}

static bool
ensure_loaded(lp_lexicon *lex)
{
	int state = __atomic_load_n(&lex->state, __ATOMIC_ACQUIRE);
	if (state != LEX_UNLOADED)
		return state == LEX_LOADED;
	pthread_mutex_lock(&lex->lock);
	if (lex->state == LEX_UNLOADED)
		__atomic_store_n(
		        &lex->state, load(lex) ? LEX_LOADED : LEX_FAILED, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lex->lock);
	return lex->state == LEX_LOADED;
}

lp_lexicon *
lp_lexicon_new(const char *wordlist)
{
	lp_lexicon *lex = calloc(1, sizeof *lex);
	if (!lex || !(lex->wordlist = strdup(wordlist ? wordlist : LP_WORDLIST_PATH))) {
		free(lex);
		return NULL;
	}
	pthread_mutex_init(&lex->lock, NULL);
	return lex;
}

void
lp_lexicon_drop(lp_lexicon *lex)
{
	if (!lex)
		return;
	free(lex->words.slots);
	free(lex->acronyms.slots);
	free(lex->not_latin.slots);
	pthread_mutex_destroy(&lex->lock);
	free(lex->wordlist);
	free(lex);
}

lp_lexicon_answer
lp_lexicon_lookup(lp_lexicon *lex, const char *latin, size_t len)
{
	if (!lex || !ensure_loaded(lex))
		return LP_LEXICON_UNAVAILABLE;
	uint64_t key = latin_key(latin, len);
	if (!key || set_has(&lex->not_latin, key))
		return LP_LEXICON_NO;
	if (set_has(&lex->acronyms, key))
		return LP_LEXICON_ACRONYM;
	return len >= LP_LEXICON_MIN_WORD && set_has(&lex->words, key) ? LP_LEXICON_WORD
	                                                               : LP_LEXICON_NO;
}

bool
lp_lexicon_tell_missing(lp_lexicon *lex)
{
	if (!lex || ensure_loaded(lex))
		return false;
	pthread_mutex_lock(&lex->lock);
	bool tell = !lex->told;
	lex->told = true;
	pthread_mutex_unlock(&lex->lock);
	return tell;
}
