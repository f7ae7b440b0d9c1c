/*
 * libhyphen dictionaries. Debian's pattern files are in the charset their
 * first line names (ISO8859-5, ISO8859-2, KOI8-R or UTF-8). libhyphen
 * works on bytes in that charset, so words are converted with a table
 * built by iconv once at load: no iconv state is shared at run time, and
 * the set stays read-only. libhyphen wants lower-case words; for UTF-8
 * dictionaries it reports positions per character, for 8-bit ones per
 * byte, which is per character too.
 *
 * A pattern file is read (and its charset table built) the first time its
 * language is needed; libhyphen's whole dictionary is loaded from it only
 * when a document without its own subset asks (hyphen_doc.c).
 */
#include "para/hyphen_internal.h"

#include "base/diag.h"
#include "base/frozen_map.h"
#include "base/utf8.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/uchar.h>

/* At most this much of hyphenation points is kept by an engine. */
#define LP_HYPHEN_POINTS_BYTES (1u << 20)

static const char *const dict_file[HY_COUNT] = {
        "hyph_sr_RS.dic",
        "hyph_sr-Latn_RS.dic",
        "hyph_ru_RU.dic",
        "hyph_uk_UA.dic",
        "hyph_bg_BG.dic",
        "hyph_en_US.dic",
};

static int
cmp_map(const void *a, const void *b)
{
	const hy_map *x = a, *y = b;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Builds the byte table of an 8-bit charset with iconv. */
static bool
build_table(hy_dict *d, const char *cset)
{
	iconv_t cd = iconv_open("UTF-8", cset);
	if (cd == (iconv_t)-1)
		return false;
	d->n_high = 0;
	for (unsigned b = 0x80; b <= 0xFF; b++) {
		char in[1] = {(char)b};
		char out[8];
		char *ip = in, *op = out;
		size_t il = 1, ol = sizeof out;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
			continue;
		size_t pos = 0;
		uint32_t cp;
		if (lp_utf8_decode((const uint8_t *)out, (size_t)(op - out), &pos, &cp))
			d->high[d->n_high++] = (hy_map){cp, (uint8_t)b};
	}
	iconv_close(cd);
	qsort(d->high, d->n_high, sizeof d->high[0], cmp_map);
	for (uint32_t i = 0; i < d->n_high; i++)
		if (d->high[i].cp >= 0x80 && d->high[i].cp < 0x80 + sizeof d->near)
			d->near[d->high[i].cp - 0x80] = d->high[i].byte;
	return true;
}

lp_hyphenators *
lp_hyphenators_new(const char *dict_dir, lp_diag *diag)
{
	lp_hyphenators *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	if (!(h->points = lp_frozen_map_new(LP_HYPHEN_POINTS_BYTES))) {
		free(h);
		return NULL;
	}
	for (int i = 0; i < HY_COUNT; i++)
		pthread_mutex_init(&h->d[i].lock, NULL);
	for (int i = 0; i < HY_COUNT; i++) {
		hy_dict *d = &h->d[i];
		size_t n = strlen(dict_dir) + strlen(dict_file[i]) + 2;
		if (!(d->path = malloc(n))) {
			lp_hyphenators_drop(h);
			return NULL;
		}
		snprintf(d->path, n, "%s/%s", dict_dir, dict_file[i]);
		if (access(d->path, R_OK) != 0) {
			d->file_state = d->state = HY_FAILED;
			lp_diag_report(diag, LP_WARNING, LP_OK, d->path, 0, 0,
			        "hyphenation dictionary missing or unreadable; words in its "
			        "language are not hyphenated");
		}
	}
	return h;
}

/* The charset is the file's first line, as libhyphen reads it. */
static bool
read_charset(hy_dict *d)
{
	char cset[64];
	size_t size;
	const char *text = lp_hy_patterns_text(d->patterns, &size);
	size_t n = 0;
	while (n < size && n + 1 < sizeof cset && (uint8_t)text[n] > ' ')
		n++;
	memcpy(cset, text, n);
	cset[n] = '\0';
	d->utf8 = strcmp(cset, "UTF-8") == 0;
	return d->utf8 || build_table(d, cset);
}

/* Reads a pattern file the first time a word of its language asks for it.
 * The set is shared by threads: each stage happens once, under the lock. */
bool
lp_hy_ensure_file(hy_dict *d)
{
	int state = __atomic_load_n(&d->file_state, __ATOMIC_ACQUIRE);
	if (state != HY_UNLOADED)
		return state == HY_LOADED;
	pthread_mutex_lock(&d->lock);
	if (d->file_state == HY_UNLOADED) {
		d->patterns = lp_hy_patterns_read(d->path);
		bool ok = d->patterns && read_charset(d);
		__atomic_store_n(&d->file_state, ok ? HY_LOADED : HY_FAILED, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&d->lock);
	return d->file_state == HY_LOADED;
}

/* The whole dictionary, for documents that do not bring their own. */
static HyphenDict *
ensure_loaded(hy_dict *d)
{
	int state = __atomic_load_n(&d->state, __ATOMIC_ACQUIRE);
	if (state != HY_UNLOADED)
		return state == HY_LOADED ? d->dict : NULL;
	if (!lp_hy_ensure_file(d))
		return NULL;
	pthread_mutex_lock(&d->lock);
	if (d->state == HY_UNLOADED) {
		d->dict = lp_hy_patterns_subset(d->patterns, NULL);
		__atomic_store_n(&d->state, d->dict ? HY_LOADED : HY_FAILED, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&d->lock);
	return d->dict;
}

void
lp_hyphenators_drop(lp_hyphenators *h)
{
	if (!h)
		return;
	for (int i = 0; i < HY_COUNT; i++) {
		if (h->d[i].dict)
			hnj_hyphen_free(h->d[i].dict);
		lp_hy_patterns_drop(h->d[i].patterns);
		pthread_mutex_destroy(&h->d[i].lock);
		free(h->d[i].path);
	}
	lp_frozen_map_drop(h->points);
	free(h);
}

static bool
primary_is(const char *lang, const char *tag)
{
	size_t n = strlen(tag);
	return strncmp(lang, tag, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

int
lp_hy_index(const char *lang, bool latin)
{
	if (!lang)
		return -1;
	if (primary_is(lang, "sr"))
		return latin ? HY_SR_LATN : HY_SR_CYRL;
	if (primary_is(lang, "ru"))
		return HY_RU;
	if (primary_is(lang, "uk"))
		return HY_UK;
	if (primary_is(lang, "bg"))
		return HY_BG;
	/* Debian ships no Macedonian patterns; Macedonian shares Serbian
	 * Cyrillic's phonemic spelling and syllable rules, so its patterns
	 * serve (docs/releases.md, "Hyphenation"). */
	if (primary_is(lang, "mk"))
		return HY_SR_CYRL;
	if (primary_is(lang, "en"))
		return HY_EN;
	return -1;
}

bool
lp_hyphenators_has(const lp_hyphenators *h, const char *lang)
{
	bool latin = lang && strstr(lang, "Latn") != NULL;
	int i = h ? lp_hy_index(lang, latin) : -1;
	/* The set is logically immutable; reading files on first use is a cache. */
	return i >= 0 && lp_hy_ensure_file((hy_dict *)&h->d[i]);
}

bool
lp_hy_lower_basic(uint32_t cp, uint32_t *lower, bool *latin)
{
	if (cp < 0x80) {
		*lower = cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
		*latin = true;
		return true;
	}
	if (cp >= 0x400 && cp < 0x460) {
		*lower = cp < 0x410 ? cp + 0x50 : cp < 0x430 ? cp + 0x20 : cp;
		*latin = false;
		return true;
	}
	return false;
}

bool
lp_hyphen_word_char(uint32_t cp)
{
	uint32_t lower;
	bool latin;
	if (lp_hy_lower_basic(cp, &lower, &latin)) /* (ICU asked only past them) */
		return !latin || (lower >= 'a' && lower <= 'z');
	return u_isalpha((UChar32)cp) || (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK);
}

bool
lp_hyphen_is_lower(uint32_t cp)
{
	uint32_t lower;
	bool latin;
	if (lp_hy_lower_basic(cp, &lower, &latin))
		return lower == cp && lp_hyphen_word_char(cp);
	return u_islower((UChar32)cp);
}

bool
lp_hyphen_next_word(const char *text, size_t end, size_t *pos, size_t *start)
{
	const uint8_t *t = (const uint8_t *)text;
	uint32_t cp;
	while (*pos < end) {
		size_t a = *pos;
		lp_utf8_decode(t, end, pos, &cp);
		if (!lp_hyphen_word_char(cp))
			continue;
		for (size_t next = *pos; *pos < end; *pos = next) {
			lp_utf8_decode(t, end, &next, &cp);
			if (!lp_hyphen_word_char(cp))
				break;
		}
		*start = a;
		return true;
	}
	return false;
}

/* Matches an exception ("пред-сед-ник") against the lower-cased word;
 * on a match marks after[k] for every hyphen after character k. */
static bool
match_exception(const char *exc, const uint32_t *cps, uint32_t n, uint8_t *after)
{
	size_t len = strlen(exc), pos = 0;
	uint32_t k = 0;
	memset(after, 0, n);
	while (pos < len) {
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)exc, len, &pos, &cp);
		if (cp == '-') {
			if (k == 0 || k >= n)
				return false;
			after[k - 1] = 1;
			continue;
		}
		if (k >= n || (uint32_t)u_tolower((UChar32)cp) != cps[k])
			return false;
		k++;
	}
	return k == n;
}

bool
lp_hy_word_lower(hy_word *w, const char *word, uint32_t len)
{
	size_t pos = 0;
	w->n = 0;
	w->latin = false;
	while (pos < len) {
		size_t at = pos;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)word, len, &pos, &cp);
		uint32_t lower;
		bool latin;
		if (lp_hy_lower_basic(cp, &lower, &latin)) {
			if (w->n == LP_MAX_HYPHEN_WORD)
				return false;
			w->offs[w->n] = (uint32_t)at;
			w->cps[w->n++] = lower;
			w->latin |= latin;
			continue;
		}
		/* A combining mark left after NFC (a stress mark over a
		 * Cyrillic vowel: доро́га) is not in the patterns, and no
		 * 8-bit charset holds it: the word is matched without it, a
		 * hyphen goes before the next letter, after the mark, and the
		 * minima count letters. */
		if (w->n > 0 && (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK))
			continue;
		if (w->n == LP_MAX_HYPHEN_WORD)
			return false;
		w->offs[w->n] = (uint32_t)at;
		w->cps[w->n++] = (uint32_t)u_tolower((UChar32)cp);
		UBlockCode b = ublock_getCode((UChar32)cp);
		w->latin |= b == UBLOCK_BASIC_LATIN || b == UBLOCK_LATIN_1_SUPPLEMENT ||
		            b == UBLOCK_LATIN_EXTENDED_A;
	}
	w->offs[w->n] = len;
	return true;
}

bool
lp_hy_word_encode(const hy_dict *d, hy_word *w)
{
	int o = 0;
	for (uint32_t i = 0; i < w->n; i++) {
		uint32_t cp = w->cps[i];
		if (d->utf8) {
			o += (int)lp_utf8_encode(cp, (uint8_t *)w->enc + o);
			continue;
		}
		if (cp < 0x80) {
			w->enc[o++] = (char)cp;
			continue;
		}
		if (cp < 0x80 + sizeof d->near) {
			if (!d->near[cp - 0x80])
				return false;
			w->enc[o++] = (char)d->near[cp - 0x80];
			continue;
		}
		hy_map key = {cp, 0};
		const hy_map *m = bsearch(&key, d->high, d->n_high, sizeof key, cmp_map);
		if (!m)
			return false;
		w->enc[o++] = (char)m->byte;
	}
	w->enc[o] = '\0';
	w->enc_len = o;
	return true;
}

/* Where the patterns of dictionary i (d) allow a hyphen after each of
 * the word's characters, into after[0, w->n): kept in h->points from the
 * engine's second document on (the first is most often the process's only
 * one, where keeping would only cost); false when the dictionary cannot be
 * loaded. */
static bool
pattern_points(const lp_hyphenators *h, lp_hyphen_doc *doc, int i, hy_dict *d, const hy_word *w,
        uint8_t *after)
{
	unsigned char key[sizeof w->enc + 1];
	size_t key_len = (size_t)w->enc_len + 1, kept_n = 0;
	key[0] = (unsigned char)i;
	memcpy(key + 1, w->enc, (size_t)w->enc_len);
	bool keep = __atomic_load_n(&h->documents, __ATOMIC_RELAXED) > 1;
	const uint8_t *kept = keep ? lp_frozen_map_find(h->points, key, key_len, &kept_n) : NULL;
	if (kept && kept_n == w->n) {
		memcpy(after, kept, w->n);
		return true;
	}
	/* The whole dictionary once it is loaded; until then the document's
	 * own, for the words it covers. */
	HyphenDict *dict =
	        __atomic_load_n(&d->state, __ATOMIC_ACQUIRE) == HY_LOADED ? d->dict : NULL;
	if (!dict && doc)
		dict = lp_hyphen_doc_dict(doc, i, w);
	if (!dict && !(dict = ensure_loaded(d)))
		return false;
	char hy[LP_MAX_HYPHEN_WORD * 4 + 5];
	char **rep = NULL;
	int *rpos = NULL, *cut = NULL;
	memset(hy, 0, sizeof hy);
	hnj_hyphen_hyphenate2(dict, w->enc, w->enc_len, hy, NULL, &rep, &rpos, &cut);
	/* Non-standard hyphenation (spelling changes at the break) is not
	 * used by these languages; its tables are only freed. */
	if (rep) {
		for (int k = 0; k < w->enc_len; k++)
			free(rep[k]);
		free(rep);
	}
	free(rpos);
	free(cut);
	for (uint32_t k = 0; k < w->n; k++)
		after[k] = hy[k] & 1;
	if (keep)
		lp_frozen_map_put(h->points, key, key_len, after, w->n);
	return true;
}

uint32_t
lp_hyphenate(const lp_hyphenators *h, lp_hyphen_doc *doc, const char *lang, const char *word,
        uint32_t len, int left_min, int right_min, const char *const *exceptions,
        uint32_t n_exceptions, uint8_t *at)
{
	hy_word w;
	uint8_t after[LP_MAX_HYPHEN_WORD + 5];
	uint32_t count = 0;
	if (!lp_hy_word_lower(&w, word, len))
		return 0;
	uint32_t n = w.n;

	bool found = false;
	for (uint32_t e = 0; e < n_exceptions && !found; e++)
		found = match_exception(exceptions[e], w.cps, n, after);
	if (!found) {
		int i = h ? lp_hy_index(lang, w.latin) : -1;
		hy_dict *d = i >= 0 ? (hy_dict *)&h->d[i] : NULL;
		if (!d || !lp_hy_ensure_file(d) || !lp_hy_word_encode(d, &w) ||
		        !pattern_points(h, doc, i, d, &w, after))
			return 0;
	}
	for (uint32_t k = 0; k + 1 < n; k++) {
		uint32_t left = k + 1, right = n - k - 1;
		if (after[k] && (int)left >= left_min && (int)right >= right_min) {
			at[w.offs[k + 1]] = 1;
			count++;
		}
	}
	return count;
}
