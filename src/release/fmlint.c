/*
 * Front-matter mistakes said in plain words (fmlint.h). libyaml's own
 * texts ("found character that cannot start any token") name its scanner's
 * states; a press officer needs to hear which character on which line to
 * change, and how.
 */
#include "release/fmlint.h"

#include "base/diag.h"
#include "base/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>

/* ---- libyaml's errors ------------------------------------------------ */

static bool
has(const char *s, const char *part)
{
	return s && strstr(s, part) != NULL;
}

/* True when the line holding offset starts (after blanks) with "- ". */
static bool
line_is_list_item(const char *p, size_t n, uint64_t offset)
{
	size_t i = (size_t)offset;
	while (i > 0 && p[i - 1] != '\n' && p[i - 1] != '\r')
		i--;
	while (i < n && p[i] == ' ')
		i++;
	return i < n && p[i] == '-' && (i + 1 == n || p[i + 1] == ' ' || p[i + 1] == '\n');
}

lp_status
lp_fmlint_yaml_error(const lp_source *src, const char *problem, uint64_t problem_at,
        const char *context, uint64_t context_at, lp_diag *diag)
{
	const char *p = lp_source_data(src);
	size_t n = lp_source_size(src);
	char c = problem_at < n ? p[problem_at] : '\0';
	lp_diag_extra x = {.span_bytes = 1};
	const char *msg = NULL;
	uint64_t at = problem_at;
	if (c == '\t' && (has(problem, "tab") || has(problem, "cannot start any token"))) {
		msg = "a tab indents this line; YAML indents with spaces only";
		x.hint = "replace the tab with spaces";
	} else if (has(context, "quoted scalar") && has(problem, "end of stream")) {
		at = context_at;
		msg = at < n && p[at] == '\'' ? "this value's opening ' is never closed"
		                              : "this value's opening \" is never closed";
		x.hint = "close the quotation mark on the same line, or drop the opening one";
	} else if (has(problem, "unknown escape")) {
		msg = "a backslash in a \"double-quoted\" value starts an escape that YAML "
		      "does not know";
		x.span_bytes = 2;
		x.hint = "write \\\\ for a backslash, or quote the value with ' instead";
	} else if ((has(problem, "did not find expected key") ||
	                   has(problem, "did not find expected '-' indicator")) &&
	           line_is_list_item(p, n, problem_at)) {
		msg = "this list item is not indented like the items above it";
		x.hint = "start every '- ' of one list in the same column";
	} else if (has(problem, "did not find expected key") ||
	           has(problem, "did not find expected '-' indicator")) {
		msg = "this line is indented differently from the lines above it";
		x.hint = "start every key in the first column; a value that goes on to more "
		         "lines is indented under its key";
	} else if (has(problem, "mapping values are not allowed")) {
		msg = "a ': ' inside an unquoted value reads as a second key";
		x.hint = "put the value in quotes: key: \"text: more text\"";
	} else if (has(problem, "block sequence entries are not allowed")) {
		msg = "a list item cannot follow its key on the same line";
		x.hint = "put each '- item' on a line of its own under the key, or write "
		         "[a, b]";
	} else if (has(problem, "could not find expected ':'")) {
		at = context_at;
		msg = "this line has no ':' after its key";
		x.hint = "write 'key: value'; a value that goes on to more lines is indented "
		         "under its key";
	} else if (has(problem, "cannot start any token") && (c == '@' || c == '`')) {
		msg = "a value cannot start with '@' or '`' unless it is quoted";
		x.hint = "put the value in quotes";
	}
	if (msg)
		return lp_diag_at_ex(diag, LP_ERROR, LP_ERR_SYNTAX, src, at, &x,
		        "invalid front matter: %s", msg);
	if (context)
		return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src, problem_at,
		        "invalid front matter: %s %s", context, problem);
	return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src, problem_at,
	        "invalid front matter: %s", problem ? problem : "malformed YAML");
}

/* ---- Plain values ---------------------------------------------------- */

void
lp_fmlint_plain_value(
        const lp_source *src, uint64_t start, uint64_t end, const char *key, lp_diag *diag)
{
	const char *p = lp_source_data(src);
	size_t n = lp_source_size(src);
	if (start > end || end > n)
		return;
	/* " #5": YAML starts a comment at a '#' after a blank, and the value
	 * ends before it. A "# note" (a blank after the '#') is taken for a
	 * comment meant as one; "#5", "#tag" for text that was lost. */
	size_t i = (size_t)end;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i < n && p[i] == '#' && (i == 0 || p[i - 1] == ' ' || p[i - 1] == '\t') && i + 1 < n &&
	        p[i + 1] != ' ' && p[i + 1] != '\t' && p[i + 1] != '\n' && p[i + 1] != '\r') {
		size_t e = i;
		while (e < n && p[e] != '\n' && p[e] != '\r')
			e++;
		char hint[160];
		snprintf(hint, sizeof hint,
		        "put the value in quotes to keep the '#': %.40s: \"%.*s%s\"", key,
		        (int)(end - start > 40 ? 40 : end - start), p + start,
		        end - start > 40 ? "…" : " #…");
		lp_diag_extra x = {.span_bytes = e - i, .hint = hint};
		lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, i, &x,
		        "'#' after a space starts a YAML comment: '%s' ends before it, and the "
		        "rest "
		        "of the line is left out",
		        key);
	}
	/* A line inside the value that starts with "- ": YAML made it more text
	 * of this value (it is indented deeper than the list's '-'), not an
	 * item of its own. */
	for (size_t k = (size_t)start; k < end; k++) {
		if (p[k] != '\n' && p[k] != '\r')
			continue;
		size_t j = k + 1;
		while (j < end && (p[j] == ' ' || p[j] == '\n' || p[j] == '\r'))
			j++;
		if (j < end && p[j] == '-' && j + 1 < end && p[j + 1] == ' ') {
			lp_diag_extra x = {.span_bytes = 1,
			        .hint = "indent this '-' like the '-' of the item above, so that "
			                "it "
			                "starts an item of its own"};
			lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, j, &x,
			        "this '- ' line is indented deeper than its list, so YAML reads it "
			        "as "
			        "more text of the item above (in '%s'), not as an item of its own",
			        key);
			return;
		}
	}
}

/* ---- lang ------------------------------------------------------------ */

/* The languages letterpress writes dates, quotation marks and hyphens
 * for, with the script each is written in (sr in both). */
static const struct {
	const char *lang, *script, *other_script;
} supported[] = {
        {"sr", "Cyrl", "Latn"},
        {"ru", "Cyrl", NULL},
        {"uk", "Cyrl", NULL},
        {"bg", "Cyrl", NULL},
        {"mk", "Cyrl", NULL},
        {"en", "Latn", NULL},
};
#define N_SUPPORTED (sizeof supported / sizeof supported[0])

static const char *const supported_list = "sr-Cyrl, sr-Latn, ru, uk, bg, mk, en";

/* Whether tag is well-formed BCP 47, as ICU parses it (the whole tag). */
static bool
well_formed(const char *tag, char *locale, size_t size)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t parsed = 0;
	uloc_forLanguageTag(tag, locale, (int32_t)size, &parsed, &err);
	return U_SUCCESS(err) && err != U_STRING_NOT_TERMINATED_WARNING && *tag &&
	       (size_t)parsed == strlen(tag);
}

/* A supported language whose English or own name the value is
 * ("Serbian", "српски"), or NULL. */
static const char *
by_name(const char *value)
{
	for (size_t i = 0; i < N_SUPPORTED; i++) {
		const char *in[] = {"en", supported[i].lang};
		for (size_t k = 0; k < 2; k++) {
			UChar name[64];
			char utf8[192];
			UErrorCode err = U_ZERO_ERROR;
			int32_t len =
			        uloc_getDisplayLanguage(supported[i].lang, in[k], name, 64, &err);
			if (U_FAILURE(err) || len <= 0 || len >= 64)
				continue;
			/* ICU's UChar to UTF-8 without ustring.h's allocation rules. */
			size_t o = 0;
			for (int32_t j = 0; j < len && o + 4 < sizeof utf8; j++) {
				UChar c = name[j];
				if (c < 0x80) {
					utf8[o++] = (char)tolower(c);
				} else if (c < 0x800) {
					utf8[o++] = (char)(0xC0 | c >> 6);
					utf8[o++] = (char)(0x80 | (c & 0x3F));
				} else {
					utf8[o++] = (char)(0xE0 | c >> 12);
					utf8[o++] = (char)(0x80 | (c >> 6 & 0x3F));
					utf8[o++] = (char)(0x80 | (c & 0x3F));
				}
			}
			utf8[o] = '\0';
			if (strcasecmp(utf8, value) == 0)
				return supported[i].lang;
		}
	}
	return NULL;
}

/* BCP 47's conventional case (RFC 5646 2.1.1), in place: tags match
 * whatever their case, but the dictionaries, dates and quotes are looked
 * up by exact compares. The language and every subtag after a singleton
 * lower case, a four-letter script title case, a two-letter region upper
 * case. */
static void
fold_case(char *tag)
{
	bool singleton_seen = false;
	for (char *p = tag, *end; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "-");
		size_t n = (size_t)(end - p);
		for (char *c = p; c < end; c++)
			*c = (char)tolower((unsigned char)*c);
		if (p == tag || singleton_seen)
			continue;
		if (n == 1)
			singleton_seen = true;
		else if (n == 4 && isalpha((unsigned char)*p))
			*p = (char)toupper((unsigned char)*p);
		else if (n == 2)
			p[0] = (char)toupper((unsigned char)p[0]),
			p[1] = (char)toupper((unsigned char)p[1]);
	}
}

lp_status
lp_fmlint_lang(const lp_source *src, uint64_t offset, char *value, lp_diag *diag)
{
	char locale[ULOC_FULLNAME_CAPACITY], hint[128];
	size_t len = strlen(value);
	lp_diag_extra x = {.span_bytes = len, .hint = hint};
	if (len >= 64 || !well_formed(value, locale, sizeof locale)) {
		char fixed[64] = "";
		const char *named = len < 64 ? by_name(value) : NULL;
		if (len < 64) {
			/* "sr_Latn" is a POSIX locale name; BCP 47 joins with '-'. */
			for (size_t i = 0; i <= len; i++)
				fixed[i] = value[i] == '_' ? '-' : value[i];
		}
		char loc2[ULOC_FULLNAME_CAPACITY];
		if (named)
			snprintf(hint, sizeof hint, "did you mean '%s'?", named);
		else if (*fixed && strcmp(fixed, value) != 0 &&
		         well_formed(fixed, loc2, sizeof loc2))
			snprintf(hint, sizeof hint, "did you mean '%s'?", fixed);
		else
			snprintf(hint, sizeof hint, "letterpress knows %s", supported_list);
		return lp_diag_at_ex(diag, LP_ERROR, LP_ERR_SYNTAX, src, offset, &x,
		        "'lang' must be a BCP 47 language tag (like sr-Latn or en); '%s' is not "
		        "one",
		        value);
	}
	fold_case(value);
	char lang[16] = "", script[16] = "";
	UErrorCode err = U_ZERO_ERROR;
	uloc_getLanguage(locale, lang, sizeof lang, &err);
	err = U_ZERO_ERROR;
	uloc_getScript(locale, script, sizeof script, &err);
	size_t k = 0;
	while (k < N_SUPPORTED && strcmp(lang, supported[k].lang) != 0)
		k++;
	if (k == N_SUPPORTED) {
		/* Countries' codes written for their languages' */
		static const char *const country[][2] = {
		        {"ua", "uk"}, {"rs", "sr"}, {"gb", "en"}, {"us", "en"}};
		const char *named = by_name(value);
		for (size_t i = 0; !named && i < sizeof country / sizeof *country; i++)
			if (strcmp(lang, country[i][0]) == 0)
				named = country[i][1];
		if (named)
			snprintf(hint, sizeof hint, "did you mean '%s'?", named);
		else
			snprintf(hint, sizeof hint, "letterpress knows %s", supported_list);
		lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, offset, &x,
		        "letterpress does not support the language '%s': the date falls back to "
		        "ISO 8601 (YYYY-MM-DD), quotation marks to English “…” ‘…’, and words are "
		        "not hyphenated",
		        value);
		return LP_OK;
	}
	if (*script && strcasecmp(script, supported[k].script) != 0 &&
	        !(supported[k].other_script &&
	                strcasecmp(script, supported[k].other_script) == 0)) {
		snprintf(hint, sizeof hint, "did you mean '%s-%s'?", supported[k].lang,
		        supported[k].script);
		lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, offset, &x,
		        "letterpress writes '%s' only in the %s script%s%s, not in '%s': dates and "
		        "quotation marks fall back to %s",
		        lang, supported[k].script, supported[k].other_script ? " or " : "",
		        supported[k].other_script ? supported[k].other_script : "", script,
		        supported[k].script);
	}
	return LP_OK;
}

/* ---- A front matter without its opening '---' ------------------------- */

/* True when the line at p[i] is "name:" followed by a blank or its end,
 * name a plain key (letters, digits, '_', '-', '.'). */
static bool
is_key_line(const char *p, size_t n, size_t i)
{
	size_t k = i;
	while (k < n && (isalnum((unsigned char)p[k]) || p[k] == '_' || p[k] == '-' || p[k] == '.'))
		k++;
	return k > i && isalpha((unsigned char)p[i]) && k < n && p[k] == ':' &&
	       (k + 1 == n || p[k + 1] == ' ' || p[k + 1] == '\n' || p[k + 1] == '\r');
}

void
lp_fmlint_missing_fence(const lp_source *src, size_t body_start, lp_diag *diag)
{
	const char *p = lp_source_data(src);
	size_t n = lp_source_size(src), i = body_start, keys = 0;
	if (!is_key_line(p, n, i))
		return;
	/* Key lines, and lines indented under them (list items, values that
	 * go on), up to a "---" line. */
	while (i < n) {
		if (n - i >= 3 && memcmp(p + i, "---", 3) == 0) {
			size_t j = i + 3;
			while (j < n && (p[j] == ' ' || p[j] == '\t'))
				j++;
			if (j < n && p[j] != '\n' && p[j] != '\r')
				return;
			break;
		}
		if (is_key_line(p, n, i))
			keys++;
		else if (p[i] != ' ' && p[i] != '-')
			return;
		while (i < n && p[i] != '\n' && p[i] != '\r')
			i++;
		while (i < n && (p[i] == '\n' || p[i] == '\r'))
			i++;
	}
	if (i >= n || keys == 0)
		return;
	size_t key_len = strcspn(p + body_start, ":");
	lp_diag_extra x = {.span_bytes = key_len,
	        .hint = "add a line '---' above this one to open the front matter"};
	lp_diag_at_ex(diag, LP_WARNING, LP_OK, src, body_start, &x,
	        "these 'key: value' lines up to the '---' look like front matter, but the "
	        "release does not begin with '---': they are read as body text (a heading)");
}
