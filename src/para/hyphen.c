/*
 * libhyphen dictionaries. Debian's pattern files are in the charset their
 * first line names (ISO8859-5, ISO8859-2, KOI8-R or UTF-8). libhyphen
 * works on bytes in that charset, so words are converted with a table
 * built by iconv once at load: no iconv state is shared at run time, and
 * the set stays read-only. libhyphen wants lower-case words; for UTF-8
 * dictionaries it reports positions per character, for 8-bit ones per
 * byte, which is per character too.
 */
#include "para/hyphen.h"

#include "base/diag.h"
#include "base/limits.h"
#include "base/utf8.h"

#include <hyphen.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <unicode/uchar.h>

typedef enum hy_lang { HY_SR_CYRL, HY_SR_LATN, HY_RU, HY_UK, HY_BG, HY_EN, HY_COUNT } hy_lang;

static const char *const dict_file[HY_COUNT] = {
        "hyph_sr_RS.dic",
        "hyph_sr-Latn_RS.dic",
        "hyph_ru_RU.dic",
        "hyph_uk_UA.dic",
        "hyph_bg_BG.dic",
        "hyph_en_US.dic",
};

/* One code point of an 8-bit charset and its byte, sorted by code point. */
typedef struct hy_map {
	uint32_t cp;
	uint8_t byte;
} hy_map;

/* A dictionary is loaded on first use: libhyphen takes tens of
 * milliseconds to read all six, and most documents need one. */
enum { HY_UNLOADED, HY_LOADED, HY_FAILED };

typedef struct hy_dict {
	pthread_mutex_t lock; /* guards the first load only */
	int state;            /* HY_*, read with acquire semantics */
	char *path;           /* the .dic file */
	HyphenDict *dict;
	bool utf8;
	hy_map high[128]; /* bytes 0x80-0xFF */
	uint32_t n_high;
} hy_dict;

struct lp_hyphenators {
	hy_dict d[HY_COUNT];
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
	return true;
}

lp_hyphenators *
lp_hyphenators_new(const char *dict_dir, lp_diag *diag)
{
	lp_hyphenators *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
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
			d->state = HY_FAILED;
			lp_diag_report(diag, LP_WARNING, LP_OK, d->path, 0, 0,
			        "hyphenation dictionary missing or unreadable; words in its "
			        "language are not hyphenated");
		}
	}
	return h;
}

/* Loads a dictionary the first time a word of its language asks for it.
 * The set is shared by threads: the load happens once, under the lock. */
static bool
ensure_loaded(hy_dict *d)
{
	int state = __atomic_load_n(&d->state, __ATOMIC_ACQUIRE);
	if (state != HY_UNLOADED)
		return state == HY_LOADED;
	pthread_mutex_lock(&d->lock);
	if (d->state == HY_UNLOADED) {
		d->dict = hnj_hyphen_load(d->path);
		if (d->dict) {
			d->utf8 = d->dict->utf8 != 0;
			if (!d->utf8 && !build_table(d, d->dict->cset)) {
				hnj_hyphen_free(d->dict);
				d->dict = NULL;
			}
		}
		__atomic_store_n(&d->state, d->dict ? HY_LOADED : HY_FAILED, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&d->lock);
	return d->state == HY_LOADED;
}

void
lp_hyphenators_drop(lp_hyphenators *h)
{
	if (!h)
		return;
	for (int i = 0; i < HY_COUNT; i++) {
		if (h->d[i].dict)
			hnj_hyphen_free(h->d[i].dict);
		pthread_mutex_destroy(&h->d[i].lock);
		free(h->d[i].path);
	}
	free(h);
}

static bool
primary_is(const char *lang, const char *tag)
{
	size_t n = strlen(tag);
	return strncmp(lang, tag, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* The dictionary for a language; Serbian by the word's script (latin). */
static const hy_dict *
pick(const lp_hyphenators *h, const char *lang, bool latin)
{
	int i = -1;
	if (!lang)
		return NULL;
	if (primary_is(lang, "sr"))
		i = latin ? HY_SR_LATN : HY_SR_CYRL;
	else if (primary_is(lang, "ru"))
		i = HY_RU;
	else if (primary_is(lang, "uk"))
		i = HY_UK;
	else if (primary_is(lang, "bg"))
		i = HY_BG;
	else if (primary_is(lang, "en"))
		i = HY_EN;
	/* The set is logically immutable; loading on first use is a cache. */
	hy_dict *d = i >= 0 ? (hy_dict *)&h->d[i] : NULL;
	return d && ensure_loaded(d) ? d : NULL;
}

bool
lp_hyphenators_has(const lp_hyphenators *h, const char *lang)
{
	bool latin = lang && strstr(lang, "Latn") != NULL;
	return h && pick(h, lang, latin) != NULL;
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

static bool
encode(const hy_dict *d, const uint32_t *cps, uint32_t n, char *out, int *out_len)
{
	int o = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (d->utf8) {
			o += (int)lp_utf8_encode(cps[i], (uint8_t *)out + o);
			continue;
		}
		if (cps[i] < 0x80) {
			out[o++] = (char)cps[i];
			continue;
		}
		hy_map key = {cps[i], 0};
		const hy_map *m = bsearch(&key, d->high, d->n_high, sizeof key, cmp_map);
		if (!m)
			return false;
		out[o++] = (char)m->byte;
	}
	out[o] = '\0';
	*out_len = o;
	return true;
}

uint32_t
lp_hyphenate(const lp_hyphenators *h, const char *lang, const char *word, uint32_t len,
        int left_min, int right_min, const char *const *exceptions, uint32_t n_exceptions,
        uint8_t *at)
{
	uint32_t cps[LP_MAX_HYPHEN_WORD];
	uint32_t offs[LP_MAX_HYPHEN_WORD + 1];
	uint8_t after[LP_MAX_HYPHEN_WORD + 5];
	uint32_t n = 0, count = 0;
	bool latin = false;
	size_t pos = 0;
	while (pos < len) {
		if (n == LP_MAX_HYPHEN_WORD)
			return 0;
		offs[n] = (uint32_t)pos;
		uint32_t cp;
		lp_utf8_decode((const uint8_t *)word, len, &pos, &cp);
		cps[n++] = (uint32_t)u_tolower((UChar32)cp);
		latin |= ublock_getCode((UChar32)cp) == UBLOCK_BASIC_LATIN ||
		         ublock_getCode((UChar32)cp) == UBLOCK_LATIN_1_SUPPLEMENT ||
		         ublock_getCode((UChar32)cp) == UBLOCK_LATIN_EXTENDED_A;
	}
	offs[n] = len;

	bool found = false;
	for (uint32_t e = 0; e < n_exceptions && !found; e++)
		found = match_exception(exceptions[e], cps, n, after);
	if (!found) {
		const hy_dict *d = h ? pick(h, lang, latin) : NULL;
		char enc[LP_MAX_HYPHEN_WORD * 4 + 1];
		int enc_len;
		char hy[LP_MAX_HYPHEN_WORD * 4 + 5];
		char **rep = NULL;
		int *rpos = NULL, *cut = NULL;
		if (!d || !encode(d, cps, n, enc, &enc_len))
			return 0;
		memset(hy, 0, sizeof hy);
		hnj_hyphen_hyphenate2(d->dict, enc, enc_len, hy, NULL, &rep, &rpos, &cut);
		/* Non-standard hyphenation (spelling changes at the break) is
		 * not used by these languages; its tables are only freed. */
		if (rep) {
			for (int i = 0; i < enc_len; i++)
				free(rep[i]);
			free(rep);
		}
		free(rpos);
		free(cut);
		for (uint32_t k = 0; k < n; k++)
			after[k] = hy[k] & 1;
	}
	for (uint32_t k = 0; k + 1 < n; k++) {
		uint32_t left = k + 1, right = n - k - 1;
		if (after[k] && (int)left >= left_min && (int)right >= right_min) {
			at[offs[k + 1]] = 1;
			count++;
		}
	}
	return count;
}
