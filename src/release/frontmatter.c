/*
 * Front matter: walking libyaml's events (frontsplit.c splits it off the
 * body)
 * (not its document API, so each scalar keeps the mark it came from and
 * nothing builds a tree we would only throw away).
 */
#include "release/frontmatter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "release/datefmt.h"
#include "release/fmlint.h"
#include "release/textcheck.h"

/* ---- Parsing ------------------------------------------------------------ */

typedef struct fm_state {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev;
	const lp_source *src;
	const char *yaml; /* the front matter's first byte */
	size_t start, len;
	lp_arena *arena;
	lp_diag *diag;
	lp_lexicon *lex; /* for the mixed-script lint; may be NULL */
	lp_meta *meta;
	/* A mark is found by walking forward from the last one (events come in
	 * file order), so resolving every mark is linear overall, also when
	 * many share one long line. */
	size_t cache_line, cache_col, cache_byte;
	const char **keys; /* top-level keys seen so far, for duplicates */
	uint32_t n_keys;
	lp_field *fields;
	uint32_t n_fields, cap_fields;
	size_t text_total; /* for LP_MAX_FRONTMATTER_TEXT_BYTES */
} fm_state;

/* Length of a line break as libyaml counts it (CR LF, CR, LF, NEL, LS, PS). */
static size_t
yaml_break_len(const char *p, size_t n, size_t i)
{
	const uint8_t *u = (const uint8_t *)p;
	size_t e = lp_frontmatter_eol_len(p, n, i);
	if (e)
		return e;
	if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0x85)
		return 2;
	if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* The byte offset in the file of a libyaml mark (0-based line, column in
 * characters, both relative to the front matter). */
static uint64_t
mark_offset(fm_state *s, yaml_mark_t m)
{
	const char *p = s->yaml;
	size_t n = s->len;
	if (m.line < s->cache_line || (m.line == s->cache_line && m.column < s->cache_col)) {
		s->cache_line = 0;
		s->cache_col = 0;
		s->cache_byte = 0;
	}
	size_t i = s->cache_byte, line = s->cache_line, col = s->cache_col;
	while (line < m.line && i < n) {
		size_t b = yaml_break_len(p, n, i);
		if (b) {
			i += b;
			line++;
			col = 0;
		} else {
			i++;
		}
	}
	for (; col < m.column && i < n && !yaml_break_len(p, n, i); col++) {
		i++;
		while (i < n && ((uint8_t)p[i] & 0xC0) == 0x80)
			i++;
	}
	s->cache_line = line;
	s->cache_col = col;
	s->cache_byte = i;
	return s->start + i;
}

/* Reports an error at a libyaml mark (a macro so the format is checked). */
#define error_at(s, code, mark, ...)                                                               \
	lp_diag_at((s)->diag, LP_ERROR, (code), (s)->src, mark_offset((s), (mark)), __VA_ARGS__)

/* Moves to the next event; a YAML error is reported at its mark. */
static lp_status
next_event(fm_state *s)
{
	if (s->have_ev)
		yaml_event_delete(&s->ev);
	s->have_ev = false;
	if (yaml_parser_parse(&s->parser, &s->ev)) {
		s->have_ev = true;
		return LP_OK;
	}
	if (s->parser.error == YAML_MEMORY_ERROR)
		return LP_ERR_NOMEM;
	uint64_t problem_at = mark_offset(s, s->parser.problem_mark);
	uint64_t context_at =
	        s->parser.context ? mark_offset(s, s->parser.context_mark) : problem_at;
	return lp_fmlint_yaml_error(
	        s->src, s->parser.problem, problem_at, s->parser.context, context_at, s->diag);
}

static const char *
event_noun(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "a string";
	}
}

/* YAML's null: an empty plain scalar, "~" or "null". */
static bool
is_null(const yaml_event_t *ev)
{
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *v = (const char *)ev->data.scalar.value;
	return ev->data.scalar.length == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	       strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/* The current scalar event through the limits, the NUL check and the text
 * policy (textcheck.h), before anything copies it; messages name it as
 * what + 'name'. */
static lp_status
check_scalar_at(fm_state *s, const char *what, const char *name, uint64_t start, uint64_t end)
{
	char buf[96];
	snprintf(buf, sizeof buf, "%s'%.60s'", what, name);
	lp_yaml_text t = {
	        buf, (const char *)s->ev.data.scalar.value, s->ev.data.scalar.length, start, end};
	return lp_release_check_yaml(s->src, &t, &s->text_total, s->lex, s->diag);
}

static lp_status
check_scalar(fm_state *s, const char *what, const char *name)
{
	uint64_t start = mark_offset(s, s->ev.start_mark);
	return check_scalar_at(s, what, name, start, mark_offset(s, s->ev.end_mark));
}

/* The current event as a string for `key`; NULL (and LP_OK) for YAML null. */
static lp_status
scalar_value(fm_state *s, const char *key, const char **out)
{
	if (s->ev.type != YAML_SCALAR_EVENT) {
		return lp_diag_at(s->diag, LP_ERROR, LP_ERR_SYNTAX, s->src,
		        mark_offset(s, s->ev.start_mark), "'%s' must be a string, not %s", key,
		        event_noun(&s->ev));
	}
	*out = NULL;
	/* Marks are resolved in file order, each once (mark_offset()). */
	uint64_t start = mark_offset(s, s->ev.start_mark), end = mark_offset(s, s->ev.end_mark);
	if (s->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		lp_fmlint_plain_value(s->src, start, end, key, s->diag);
	if (is_null(&s->ev))
		return LP_OK;
	lp_status st = check_scalar_at(s, "", key, start, end);
	if (st != LP_OK)
		return st;
	*out = lp_arena_strndup(
	        s->arena, (const char *)s->ev.data.scalar.value, s->ev.data.scalar.length);
	return *out ? LP_OK : LP_ERR_NOMEM;
}

/* A list of strings: a YAML sequence of scalars, or one scalar whose lines
 * are the items. The current event starts the value. */
static lp_status
string_list(fm_state *s, const char *key, const char ***out, uint32_t *n_out)
{
	lp_status st = LP_OK;
	const char **items = NULL;
	uint32_t n = 0, cap = 0;
	if (s->ev.type == YAML_SCALAR_EVENT) {
		const char *v;
		if ((st = scalar_value(s, key, &v)) != LP_OK || !v)
			goto fail;
		/* A block scalar ("organ: |") gives one item per line. */
		for (const char *line = v; *line;) {
			const char *nl = strchr(line, '\n');
			size_t len = nl ? (size_t)(nl - line) : strlen(line);
			st = LP_ARENA_ARRAY_RESERVE(
			        s->arena, items, cap, (size_t)n + 1, LP_ARRAY_ANY);
			if (st != LP_OK)
				return st;
			if (!(items[n++] = lp_arena_strndup(s->arena, line, len)))
				return LP_ERR_NOMEM;
			line += len + (nl != NULL);
		}
		goto fail;
	}
	if (s->ev.type != YAML_SEQUENCE_START_EVENT) {
		st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
		        "'%s' must be a string or a list of strings", key);
		goto fail;
	}
	for (;;) {
		if ((st = next_event(s)) != LP_OK)
			goto fail;
		if (s->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (n >= LP_MAX_FRONTMATTER_ENTRIES) {
			st = error_at(s, LP_ERR_LIMIT, s->ev.start_mark,
			        "'%s' has more items than the limit", key);
			goto fail;
		}
		const char *v = NULL;
		if ((st = scalar_value(s, key, &v)) != LP_OK)
			goto fail;
		st = LP_ARENA_ARRAY_RESERVE(s->arena, items, cap, (size_t)n + 1, LP_ARRAY_ANY);
		if (st != LP_OK)
			goto fail;
		items[n++] = v ? v : "";
	}
fail:
	*out = items;
	*n_out = n;
	return st;
}

static lp_status
date_value(fm_state *s)
{
	const char *v;
	lp_status st = scalar_value(s, "date", &v);
	if (st != LP_OK || !v)
		return st;
	if (!lp_date_parse(v, strlen(v), &s->meta->date))
		return error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
		        "'date' must be a date that exists, written YYYY-MM-DD; '%s' is not", v);
	return LP_OK;
}

static lp_status
signature_value(fm_state *s)
{
	lp_status st = LP_OK;
	lp_signature *sig = &s->meta->signature;
	bool seen[3] = {false, false, false};
	static const char *const names[3] = {"name", "function", "image"};
	if (s->ev.type != YAML_MAPPING_START_EVENT)
		return error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
		        "'signature' must be a mapping (name, function, image), not %s",
		        event_noun(&s->ev));
	for (;;) {
		if ((st = next_event(s)) != LP_OK)
			goto fail;
		if (s->ev.type == YAML_MAPPING_END_EVENT)
			break;
		const char *key = s->ev.type == YAML_SCALAR_EVENT
		                          ? (const char *)s->ev.data.scalar.value
		                          : "";
		if (*key && (st = check_scalar(s, "a key in ", "signature")) != LP_OK)
			goto fail;
		int k = 0;
		while (k < 3 && strcmp(key, names[k]) != 0)
			k++;
		if (k == 3) {
			st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
			        "unknown key '%s' in 'signature' (it takes name, function, image)",
			        key);
			goto fail;
		}
		if (seen[k]) {
			st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
			        "duplicate key '%s' in 'signature'", key);
			goto fail;
		}
		seen[k] = true;
		if ((st = next_event(s)) != LP_OK)
			goto fail;
		const char **slot = k == 0 ? &sig->name : k == 1 ? &sig->function : &sig->image;
		if (k == 2)
			sig->image_offset = mark_offset(s, s->ev.start_mark);
		if ((st = scalar_value(s, names[k], slot)) != LP_OK)
			goto fail;
	}
fail:
	return st;
}

/* A field letterpress does not interpret: a string, or a list joined with
 * ", ". */
static lp_status
extra_value(fm_state *s, const char *key, uint64_t key_offset)
{
	const char **items, *one;
	uint32_t n;
	lp_status st;
	if (s->ev.type == YAML_SCALAR_EVENT) {
		if ((st = scalar_value(s, key, &one)) != LP_OK)
			return st;
		if (!one)
			one = "";
		items = &one;
		n = 1;
	} else if ((st = string_list(s, key, &items, &n)) != LP_OK) {
		return st;
	}
	size_t total = 1;
	for (uint32_t i = 0; i < n; i++)
		total += strlen(items[i]) + 2;
	char *value = lp_arena_alloc(s->arena, total), *w = value;
	if (!value)
		return LP_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i++) {
		if (i) {
			memcpy(w, ", ", 2);
			w += 2;
		}
		size_t l = strlen(items[i]);
		memcpy(w, items[i], l);
		w += l;
	}
	*w = '\0';
	st = LP_ARENA_ARRAY_RESERVE(
	        s->arena, s->fields, s->cap_fields, (size_t)s->n_fields + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	s->fields[s->n_fields++] = (lp_field){key, value, key_offset};
	return LP_OK;
}

static lp_status
field_value(fm_state *s, const char *key, uint64_t key_offset)
{
	lp_meta *m = s->meta;
	if (strcmp(key, "layout") == 0) {
		m->layout_offset = mark_offset(s, s->ev.start_mark);
		return scalar_value(s, key, &m->layout);
	}
	if (strcmp(key, "lang") == 0) {
		const char *v;
		uint64_t at = mark_offset(s, s->ev.start_mark);
		lp_status st = scalar_value(s, key, &v);
		if (st == LP_OK && v) /* v is the arena's copy, written in place */
			st = lp_fmlint_lang(s->src, at, (char *)v, s->diag);
		if (v)
			m->lang = v;
		return st;
	}
	if (strcmp(key, "title") == 0) {
		m->title_offset = key_offset;
		return scalar_value(s, key, &m->title);
	}
	if (strcmp(key, "place") == 0) {
		m->place_offset = key_offset;
		return scalar_value(s, key, &m->place);
	}
	if (strcmp(key, "number") == 0) {
		m->number_offset = key_offset;
		return scalar_value(s, key, &m->number);
	}
	if (strcmp(key, "watermark") == 0) {
		m->watermark_offset = key_offset;
		return scalar_value(s, key, &m->watermark);
	}
	if (strcmp(key, "date") == 0) {
		m->date_offset = key_offset;
		return date_value(s);
	}
	if (strcmp(key, "organ") == 0) {
		m->organ_offset = key_offset;
		return string_list(s, key, &m->organ, &m->n_organ);
	}
	if (strcmp(key, "signature") == 0) {
		m->signature_offset = key_offset;
		return signature_value(s);
	}
	return extra_value(s, key, key_offset);
}

static lp_status
top_mapping(fm_state *s)
{
	lp_status st = LP_OK;
	s->keys = lp_arena_array(s->arena, LP_MAX_FRONTMATTER_ENTRIES, sizeof *s->keys);
	if (!s->keys)
		return LP_ERR_NOMEM;
	for (;;) {
		if ((st = next_event(s)) != LP_OK)
			goto fail;
		if (s->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (s->ev.type != YAML_SCALAR_EVENT) {
			st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
			        "a front-matter key must be a plain name, not %s",
			        event_noun(&s->ev));
			goto fail;
		}
		uint64_t key_offset = mark_offset(s, s->ev.start_mark);
		if ((st = check_scalar(s, "the key ", (const char *)s->ev.data.scalar.value)))
			goto fail;
		const char *key = lp_arena_strndup(
		        s->arena, (const char *)s->ev.data.scalar.value, s->ev.data.scalar.length);
		if (!key) {
			st = LP_ERR_NOMEM;
			goto fail;
		}
		for (uint32_t i = 0; i < s->n_keys; i++) {
			if (strcmp(s->keys[i], key) == 0) {
				st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
				        "duplicate key '%s' in the front matter", key);
				goto fail;
			}
		}
		if (s->n_keys >= LP_MAX_FRONTMATTER_ENTRIES) {
			st = error_at(s, LP_ERR_LIMIT, s->ev.start_mark,
			        "the front matter has more keys than the limit ('%s')", key);
			goto fail;
		}
		s->keys[s->n_keys++] = key;
		if ((st = next_event(s)) != LP_OK)
			goto fail;
		if (s->ev.type == YAML_ALIAS_EVENT) {
			st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark,
			        "YAML aliases are not allowed in the front matter ('%s')", key);
			goto fail;
		}
		if ((st = field_value(s, key, key_offset)) != LP_OK)
			goto fail;
	}
fail:
	return st;
}

static lp_status
expect(fm_state *s, yaml_event_type_t type, const char *what)
{
	lp_status st = next_event(s);
	if (st == LP_OK && s->ev.type != type)
		st = error_at(s, LP_ERR_SYNTAX, s->ev.start_mark, "invalid front matter: %s", what);
	return st;
}

lp_status
lp_frontmatter_parse(const lp_source *src, size_t start, size_t end, lp_meta *meta, lp_arena *arena,
        lp_lexicon *lex, lp_diag *diag)
{
	fm_state s = {.src = src,
	        .yaml = lp_source_data(src) + start,
	        .start = start,
	        .len = end - start,
	        .arena = arena,
	        .diag = diag,
	        .lex = lex,
	        .meta = meta};
	lp_status st = LP_OK;
	if (!yaml_parser_initialize(&s.parser))
		return LP_ERR_NOMEM;
	yaml_parser_set_input_string(&s.parser, (const unsigned char *)s.yaml, s.len);
	yaml_parser_set_encoding(&s.parser, YAML_UTF8_ENCODING);
	if ((st = expect(&s, YAML_STREAM_START_EVENT, "no YAML stream")) != LP_OK)
		goto fail;
	if ((st = next_event(&s)) != LP_OK || s.ev.type == YAML_STREAM_END_EVENT)
		goto fail; /* empty front matter */
	if ((st = next_event(&s)) != LP_OK)
		goto fail;
	if (s.ev.type == YAML_MAPPING_START_EVENT) {
		if ((st = top_mapping(&s)) != LP_OK)
			goto fail;
	} else if (s.ev.type != YAML_SCALAR_EVENT || !is_null(&s.ev)) {
		st = error_at(&s, LP_ERR_SYNTAX, s.ev.start_mark,
		        "the front matter must be 'key: value' lines, not %s", event_noun(&s.ev));
		goto fail;
	}
	if ((st = expect(&s, YAML_DOCUMENT_END_EVENT, "expected the end of the front matter")) !=
	        LP_OK)
		goto fail;
	if ((st = expect(&s, YAML_STREAM_END_EVENT, "more than one YAML document")) != LP_OK)
		goto fail;
	meta->fields = s.fields;
	meta->n_fields = s.n_fields;
fail:
	if (s.have_ev)
		yaml_event_delete(&s.ev);
	yaml_parser_delete(&s.parser);
	return st;
}
