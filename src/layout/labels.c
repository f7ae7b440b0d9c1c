/*
 * The words a letterhead prints around the release's fields ("Датум",
 * "Страна 2/4"), per language: a built-in table for the languages
 * letterpress sets, and a layout's own `labels:` that add or override
 * them per language. Templates name them as {label.NAME}; a label's text
 * may hold fields ({page}), but no labels and no optional segments.
 */
#include "layout/layoutparse.h"

#include "release/datefmt.h"

#include <string.h>

typedef struct builtin_row {
	const char *lang;
	/* In the order of label_keys. */
	const char *text[9];
} builtin_row;

static const char *const label_keys[] = {
        "number", "date", "place", "phone", "fax", "email", "web", "address", "page-of"};
#define N_KEYS (sizeof label_keys / sizeof label_keys[0])

/* "sr" is Serbian in Cyrillic (lang_matches() keeps it from sr-Latn); the
 * last row, English, also serves languages no row names.
 * The page numbers are "Страна 2/6", not "Страна 2 од 6": beside a short
 * Cyrillic word the lone digit is taken for a letter that looks like it
 * (6 for б, 3 for з) and the word space is lost, by OCR of a fax and of a
 * 300-dpi scan alike ("Страна 2 одб", "Сторінка 236"); "2/6" reads right
 * in every language (docs/benchmarks.md, Fax legibility). Serbian in Latin
 * script numbers its pages as in Cyrillic; English "Page 2 of 6" reads
 * right. */
static const builtin_row builtin[] = {
        {"sr-Latn", {"Broj", "Datum", "Mesto", "Telefon", "Faks", "Mejl", "Veb", "Adresa",
                            "Strana {page}/{pages}"}},
        {"sr", {"Број", "Датум", "Место", "Телефон", "Факс", "Мејл", "Веб", "Адреса",
                       "Страна {page}/{pages}"}},
        {"ru", {"Номер", "Дата", "Место", "Телефон", "Факс", "Эл. почта", "Сайт", "Адрес",
                       "Страница {page}/{pages}"}},
        {"uk", {"Номер", "Дата", "Місце", "Телефон", "Факс", "Ел. пошта", "Сайт", "Адреса",
                       "Сторінка {page}/{pages}"}},
        {"bg", {"Номер", "Дата", "Място", "Телефон", "Факс", "Имейл", "Уебсайт", "Адрес",
                       "Страница {page}/{pages}"}},
        {"mk", {"Број", "Датум", "Место", "Телефон", "Факс", "Е-пошта", "Веб", "Адреса",
                       "Страница {page}/{pages}"}},
        {"en", {"Reference", "Date", "Place", "Phone", "Fax", "Email", "Web", "Address",
                       "Page {page} of {pages}"}},
};
#define N_ROWS (sizeof builtin / sizeof builtin[0])

/* A table tagged tag serves lang: "sr" and "sr-Cyrl" serve Serbian in
 * Cyrillic, never sr-Latn. */
static bool
lang_matches(const char *lang, const char *tag)
{
	if (!lp_lang_is(lang, tag))
		return false;
	return !lp_lang_is_sr_latn(lang) || lp_lang_is_sr_latn(tag);
}

static int
key_index(const char *key)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (!strcmp(label_keys[i], key))
			return (int)i;
	return -1;
}

static const char *
builtin_label(const char *lang, int k)
{
	for (size_t r = 0; r < N_ROWS; r++)
		if (lang_matches(lang, builtin[r].lang))
			return builtin[r].text[k];
	return NULL;
}

/* The layout's own table that serves lang best (the longest tag). */
static const char *
layout_label(const lp_layout *l, const char *lang, const char *key)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (uint32_t i = 0; i < l->n_labels; i++) {
		const lp_label *lb = &l->labels[i];
		size_t len = strlen(lb->lang);
		if (strcmp(lb->key, key) != 0 || !lang_matches(lang, lb->lang) || len < best_len)
			continue;
		best = lb->text;
		best_len = len;
	}
	return best;
}

const char *
lp_layout_label(const lp_layout *l, const char *lang, const char *key)
{
	const char *t = layout_label(l, lang ? lang : "sr-Cyrl", key);
	int k = key_index(key);
	if (!t && k >= 0)
		t = builtin_label(lang ? lang : "sr-Cyrl", k);
	if (!t)
		t = layout_label(l, "en", key);
	if (!t && k >= 0)
		t = builtin[N_ROWS - 1].text[k];
	return t;
}

bool
lp_layout_label_known(const lp_layout *l, const char *key)
{
	if (key_index(key) >= 0)
		return true;
	for (uint32_t i = 0; i < l->n_labels; i++)
		if (!strcmp(l->labels[i].key, key))
			return true;
	return false;
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* A label's text: fields only, well formed; no labels, no segments. */
static bool
label_text_ok(lp_lparse *p, const lp_ynode *node, const char *t)
{
	for (const char *c = t; *c; c++) {
		if (*c == '[' || *c == ']' || *c == '}') {
			lp_lparse_error(p, node,
			        "a label is text with {field}s, without '%c' (write optional parts "
			        "in the template that names the label)",
			        *c);
			return false;
		}
		if (*c != '{')
			continue;
		const char *end = c + 1;
		while (is_name_char(*end) || *end == '.')
			end++;
		if (*end != '}' || end == c + 1 || !strncmp(c + 1, "label.", 6)) {
			lp_lparse_error(p, node, "malformed {field} in label \"%s\"", t);
			return false;
		}
		if (!lp_lparse_field_check(p, node, t, c + 1, (size_t)(end - c - 1)))
			return false;
		c = end;
	}
	return true;
}

void
lp_lparse_labels(lp_lparse *p, const lp_ynode *node)
{
	if (!node)
		return;
	if (node->kind != LP_YNODE_MAP) {
		lp_lparse_error(p, node, "labels must map languages (sr-Cyrl, en …) to labels");
		return;
	}
	uint32_t total = 0;
	for (uint32_t i = 0; i < node->n; i++) {
		const lp_ynode *v = node->items[2 * i + 1];
		total += v->kind == LP_YNODE_MAP ? v->n : 0;
	}
	lp_label *out = lp_arena_array(p->arena, total ? total : 1, sizeof *out);
	if (!out) {
		p->nomem = true;
		return;
	}
	uint32_t n = 0;
	for (uint32_t i = 0; i < node->n; i++) {
		const lp_ynode *tag = node->items[2 * i], *v = node->items[2 * i + 1];
		bool tag_ok = tag->str[0] != '\0';
		for (const char *c = tag->str; *c; c++)
			tag_ok = tag_ok && is_name_char(*c) && *c != '_';
		if (!tag_ok) {
			lp_lparse_error(p, tag,
			        "'%s' is not a language tag (sr-Cyrl, sr-Latn, en …)", tag->str);
			continue;
		}
		if (v->kind != LP_YNODE_MAP) {
			lp_lparse_error(p, v,
			        "the labels of '%s' must be a mapping of names to text", tag->str);
			continue;
		}
		for (uint32_t k = 0; k < v->n; k++) {
			const lp_ynode *key = v->items[2 * k], *text = v->items[2 * k + 1];
			bool key_ok = key->str[0] != '\0';
			for (const char *c = key->str; *c; c++)
				key_ok = key_ok && is_name_char(*c);
			if (!key_ok) {
				lp_lparse_error(p, key,
				        "a label name is letters, digits, '-' and '_', not '%s'",
				        key->str);
				continue;
			}
			const char *s = lp_lparse_string(p, text, "a label");
			if (!s || !label_text_ok(p, text, s))
				continue;
			/* The page-number block prints this label and nothing else:
			 * without {page} the pages go unnumbered. */
			if (!strcmp(key->str, "page-of") && !strstr(s, "{page}")) {
				lp_lparse_error(p, text,
				        "the page-of label is what numbers the pages: give it "
				        "{page} "
				        "(\"Page {page} of {pages}\")");
				continue;
			}
			out[n++] = (lp_label){lp_arena_strdup(p->arena, tag->str),
			        lp_arena_strdup(p->arena, key->str), s};
			if (!out[n - 1].lang || !out[n - 1].key)
				p->nomem = true;
		}
	}
	p->layout->labels = out;
	p->layout->n_labels = n;
}
