/*
 * Break points of letterpress's hyphenation next to libhyphen's own on a
 * reference dictionary (the same file put through libhyphen's
 * substrings.pl), word by word. Both sides see lower-case words and no
 * minimum on either side, so every point the patterns define counts.
 *
 *     hyphen_compare LANG DICT_DIR REFERENCE.dic WORDS [--report | --shipped FILE.dic]
 *
 * Prints the counts; without --report, exits 1 when any word differs.
 * --shipped puts libhyphen on FILE.dic (as shipped, unexpanded) in
 * letterpress's place, and only reports: what libhyphen alone finds.
 */
#include <hyphen.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "para/hyphen.h"

/* The reference's break points, one per character: after[k] for a break
 * after character k. */
static int
reference(HyphenDict *dict, iconv_t cd, const char *word, size_t len, uint8_t *after)
{
	char enc[512];
	size_t n;
	if (cd == (iconv_t)-1) {
		if (len >= sizeof enc)
			return -1;
		memcpy(enc, word, len);
		n = len;
	} else {
		char *ip = (char *)word, *op = enc;
		size_t il = len, ol = sizeof enc - 1;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
			return -1;
		n = (size_t)(op - enc);
	}
	enc[n] = '\0';
	char hy[520] = {0};
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	hnj_hyphen_hyphenate2(dict, enc, (int)n, hy, NULL, &rep, &pos, &cut);
	if (rep) {
		for (size_t k = 0; k < n; k++)
			free(rep[k]);
		free(rep);
	}
	free(pos);
	free(cut);
	size_t chars = 0, p = 0;
	uint32_t cp;
	while (p < len && lp_utf8_decode((const uint8_t *)word, len, &p, &cp))
		chars++;
	for (size_t k = 0; k < chars; k++)
		after[k] = k + 1 < chars && (hy[k] & 1);
	return (int)chars;
}

int
main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr,
		        "usage: hyphen_compare LANG DICT_DIR REFERENCE.dic WORDS [--report]\n");
		return 2;
	}
	bool report = argc > 5 && strcmp(argv[5], "--report") == 0;
	HyphenDict *shipped = NULL;
	if (argc > 6 && strcmp(argv[5], "--shipped") == 0) {
		report = true;
		if (!(shipped = hnj_hyphen_load(argv[6])))
			return 2;
	}
	lp_hyphenators *h = lp_hyphenators_new(argv[2], NULL);
	HyphenDict *dict = hnj_hyphen_load(argv[3]);
	FILE *words = fopen(argv[4], "r");
	if (!h || !dict || !words) {
		fprintf(stderr, "hyphen_compare: cannot load %s, %s or %s\n", argv[2], argv[3],
		        argv[4]);
		return 2;
	}
	iconv_t cd =
	        strcmp(dict->cset, "UTF-8") == 0 ? (iconv_t)-1 : iconv_open(dict->cset, "UTF-8");
	char line[512];
	unsigned n_words = 0, differ = 0, skipped = 0;
	unsigned long ref_points = 0, lp_points = 0, both = 0;
	while (fgets(line, sizeof line, words)) {
		size_t len = strcspn(line, "\n");
		line[len] = '\0';
		if (len == 0)
			continue;
		uint8_t want[512], at[512] = {0};
		int chars = reference(dict, cd, line, len, want);
		if (chars < 0 || chars > 60) {
			skipped++;
			continue;
		}
		uint8_t got[512] = {0};
		if (shipped) {
			reference(shipped, cd, line, len, got);
		} else {
			lp_hyphenate(h, NULL, argv[1], line, (uint32_t)len, 1, 1, NULL, 0, at);
			/* at[] is per byte (a break before that byte); per character. */
			size_t p = 0;
			uint32_t cp;
			for (int k = 0;
			        p < len && lp_utf8_decode((const uint8_t *)line, len, &p, &cp); k++)
				got[k] = p < len && at[p];
		}
		bool same = true;
		for (int k = 0; k < chars; k++) {
			ref_points += want[k];
			lp_points += got[k];
			both += want[k] && got[k];
			same &= want[k] == got[k];
		}
		n_words++;
		if (!same && differ++ < 10) {
			fprintf(stderr, "%s: %s: reference ", argv[1], line);
			for (int k = 0; k < chars; k++)
				fputc(want[k] ? '1' : '0', stderr);
			fprintf(stderr, ", letterpress ");
			for (int k = 0; k < chars; k++)
				fputc(got[k] ? '1' : '0', stderr);
			fputc('\n', stderr);
		}
	}
	printf("%s: %u words (%u skipped), reference %lu points, letterpress %lu, both %lu (%.1f "
	       "%%), "
	       "%u words differ\n",
	        argv[1], n_words, skipped, ref_points, lp_points, both,
	        ref_points ? 100.0 * (double)both / (double)ref_points : 100.0, differ);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	fclose(words);
	hnj_hyphen_free(dict);
	if (shipped)
		hnj_hyphen_free(shipped);
	lp_hyphenators_drop(h);
	return !report && (differ || n_words < 1000) ? 1 : 0;
}
