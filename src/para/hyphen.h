/*
 * Hyphenation dictionaries (libhyphen with Debian's hyph_*.dic patterns),
 * one set per engine, shared by its threads. lp_hyphenators_new() only
 * finds the files. Each language is then loaded lazily, in two stages, each
 * once: its pattern file is read the first time a word of the language is
 * hyphenated, and its whole libhyphen dictionary is built the first time a
 * document without a subset of its own (see lp_hyphen_doc_new()) asks
 * for a word's hyphens.
 * Each stage runs under that language's own mutex and is published with
 * an atomic store, so readers that find it made take no lock; once made, a
 * stage never changes until lp_hyphenators_drop(). Which document is the
 * first (and makes subsets) is an atomic counter in the set. Any number of
 * threads may hyphenate with one set at once, and a word gets the same
 * hyphens whichever stage answers it.
 */
#ifndef LP_PARA_HYPHEN_H
#define LP_PARA_HYPHEN_H

#include "letterpress.h"

typedef struct lp_hyphenators lp_hyphenators;
typedef struct lp_hyphen_doc lp_hyphen_doc;

/* Finds the dictionaries for Serbian Cyrillic (hyph_sr_RS.dic, ISO-8859-5),
 * Serbian Latin (hyph_sr-Latn_RS.dic, ISO-8859-2), Russian (hyph_ru_RU.dic,
 * KOI8-R), Ukrainian (hyph_uk_UA.dic), Bulgarian (hyph_bg_BG.dic) and
 * English (hyph_en_US.dic) from dict_dir; each file's first line names its
 * charset. A missing or unreadable dictionary is a warning (that language
 * is then not hyphenated), not an error. Returns NULL only when out of
 * memory. Drop with lp_hyphenators_drop(). */
lp_hyphenators *lp_hyphenators_new(const char *dict_dir, lp_diag *diag);
void lp_hyphenators_drop(lp_hyphenators *hyph);

/* True when words of lang (BCP 47: "sr-Cyrl", "sr-Latn", "ru", "en-GB" ...)
 * can be hyphenated. */
bool lp_hyphenators_has(const lp_hyphenators *hyph, const char *lang);

/* One document's view of the set, for one thread. The first document a
 * set serves gets, per language, a dictionary of only the patterns that
 * can match inside the words of text (the document's source: the words it
 * may hyphenate, as written), made when the language is first needed;
 * other words, and every later document, use the whole dictionary, loaded
 * once. Liang's patterns give the same hyphens either way; a process that
 * sets one page need not load thousands of patterns for a few hundred
 * words. text is borrowed until the view is dropped. Returns NULL when out
 * of memory; NULL is a valid view (the whole dictionaries). */
lp_hyphen_doc *lp_hyphen_doc_new(const lp_hyphenators *hyph, const char *text, size_t len);
void lp_hyphen_doc_drop(lp_hyphen_doc *doc);
/* What lp_hyphenate() counts as a word's letters: letters and marks. */
bool lp_hyphen_word_char(uint32_t cp);
/* Whether cp is a lower-case letter (ICU's u_islower()): a word with none
 * is an abbreviation, never hyphenated. */
bool lp_hyphen_is_lower(uint32_t cp);
/* The next word (a run of word characters) of text[*pos, end): true with
 * the word at [*start, *pos), false at the end. */
bool lp_hyphen_next_word(const char *text, size_t end, size_t *pos, size_t *start);
/* Where the word (UTF-8, letters only) may take a hyphen: sets at[i] to 1
 * when a hyphen may go before byte i (at has len + 1 bytes; the caller
 * zeroes it) and returns how many. Serbian words use the Latin or the
 * Cyrillic patterns by their own script, whatever the tag's script says.
 * left_min and right_min count characters (\lefthyphenmin,
 * \righthyphenmin). exceptions are words written with their hyphens
 * ("пред-сед-ник"), matched regardless of case; they win over the
 * patterns. Returns 0 for a language without a dictionary, a word that
 * its dictionary's charset cannot hold, or a word longer than
 * LP_MAX_HYPHEN_WORD characters. Never fails. */
uint32_t lp_hyphenate(const lp_hyphenators *hyph, lp_hyphen_doc *doc, const char *lang,
        const char *word, uint32_t len, int left_min, int right_min, const char *const *exceptions,
        uint32_t n_exceptions, uint8_t *at);

#endif
