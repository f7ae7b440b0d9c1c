/*
 * The Latin words the mixed-script lint asks about: is "EXPO", the Latin
 * reading of the Cyrillic capitals "ЕХРО", a word or an acronym someone
 * would write in Latin letters? One per engine, shared by every document:
 * the word list (Debian's wamerican) is read the first time a document
 * asks, under the lexicon's lock, and frozen from then on; the acronyms
 * (data/lint/latin-acronyms.txt) are built into the program.
 */
#ifndef LP_TEXT_LEXICON_H
#define LP_TEXT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lp_lexicon lp_lexicon;

/* Where Debian's wamerican package puts its list. */
#define LP_WORDLIST_PATH "/usr/share/dict/american-english"

/* A lexicon that will read its words from wordlist (a file of one word a
 * line) when first asked. Reads nothing yet; NULL only when out of
 * memory. */
lp_lexicon *lp_lexicon_new(const char *wordlist);
void lp_lexicon_drop(lp_lexicon *lex);

typedef enum lp_lexicon_answer {
	LP_LEXICON_NO, /* not a word of the list, nor an acronym */
	LP_LEXICON_WORD, /* a word of the list, of at least LP_LEXICON_MIN_WORD letters */
	LP_LEXICON_ACRONYM, /* one of the built-in acronyms */
	LP_LEXICON_UNAVAILABLE, /* the word list could not be read: nothing is known */
} lp_lexicon_answer;

/* Shorter dictionary words are not taken: three-letter English words
 * (HAM, CAM, TOM, TOP, CAT, BOT) read the same as everyday Cyrillic words
 * (НАМ, САМ, ТОМ, ТОР, САТ, ВОТ). Three-letter Latin names (CEO, ATM,
 * HBO) are in the acronym list. */
#define LP_LEXICON_MIN_WORD 4

/* Whether latin[0, len), ASCII capitals, is a plausible Latin word.
 * Thread-safe; the first call reads the word list. */
lp_lexicon_answer lp_lexicon_lookup(lp_lexicon *lex, const char *latin, size_t len);

/* True once, for the first caller after the word list was found missing,
 * so that one engine says so once. */
bool lp_lexicon_tell_missing(lp_lexicon *lex);

#endif
