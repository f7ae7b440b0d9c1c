/*
 * Dates of the front matter: ISO 8601 calendar dates in, dates written out
 * per language (lp_date_format() in release.h) out.
 */
#ifndef LP_RELEASE_DATEFMT_H
#define LP_RELEASE_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "release/release.h"

/* Parses exactly "YYYY-MM-DD" (len bytes, no surrounding space) into *out
 * and checks that the day exists in that month of the proleptic Gregorian
 * calendar (2024-02-29 is a date, 2023-02-29 is not). Returns false and
 * leaves *out alone otherwise. Never reads past len. */
bool lp_date_parse(const char *s, size_t len, lp_date *out);

/* True when the date exists (year 1..9999). */
bool lp_date_valid(const lp_date *date);

/* True when the BCP 47 tag lang has the language subtag sub, alone or
 * followed by "-…" (tags compare case-insensitively): lp_lang_is("ru-RU", "ru"). */
bool lp_lang_is(const char *lang, const char *sub);

/* True for Serbian in Latin script: "sr-Latn" with any region after it. */
bool lp_lang_is_sr_latn(const char *lang);

#endif
