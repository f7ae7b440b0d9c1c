/*
 * The mixed-script lint, run by release/ where a release is parsed so that
 * each warning stands at its word's line and column (release/textcheck.c).
 * Cyrillic and Latin share many letter shapes, so a word typed with the
 * wrong keyboard layout looks right on paper but is wrong to every search
 * engine, screen reader and spell checker. Reported as warnings:
 *   - a word whose letters are partly Cyrillic and partly Latin
 *     ("Oпштина" with a Latin O), always;
 *   - an all-capital Cyrillic word of three to fifteen letters spelt only
 *     with letters that have a Latin twin (А В С Е Н І Ј К М О Р Ѕ Т Х У),
 *     when its Latin reading is a word of the English word list or a
 *     listed acronym (lexicon.h), and it is no everyday word of the five
 *     languages that happens to read so (data/lint/cyrillic-words.txt):
 *     "ЕХРО" (EXPO) is reported, "КОНКУРС" (KOHKYPC), "СЕКРЕТАР" and
 *     "НОВА" are not. Without the word list only the first
 *     case is checked, and the first word that needed it says so once.
 */
#ifndef LP_TEXT_SCRIPTLINT_H
#define LP_TEXT_SCRIPTLINT_H

#include "text/lexicon.h"
#include "text/policy.h"

/* The ASCII capital a Cyrillic capital looks like, or 0: the table the
 * lint reads words through (Unicode's confusables data, checked against
 * ICU's spoof checker by the tests). */
char lp_text_latin_twin(uint32_t cp);

/* Lints text[0, len); every finding goes to report at the byte offset of
 * its word's first letter, once per word. lex may be NULL (mixed words
 * only, quietly). Never fails. */
void lp_text_lint_scripts(
        const char *text, uint32_t len, lp_lexicon *lex, lp_text_report_fn report, void *user);

#endif
