/*
 * lp_release_parse(): front matter, then body, then the derived values
 * (written-out date, typographic quotes in the title). lp_release_field()
 * answers {field} templates.
 */
#include "release/release.h"

#include "base/uri.h"

#include <string.h>

#include "base/diag.h"
#include "release/datefmt.h"
#include "release/frontmatter.h"
#include "release/markdown.h"
#include "release/smartquotes.h"

const char *
lp_release_join_lines(const char *const *lines, uint32_t n, lp_arena *arena)
{
	size_t total = 1;
	for (uint32_t i = 0; i < n; i++)
		total += strlen(lines[i]) + 3;
	char *out = lp_arena_alloc(arena, total), *w = out;
	if (!out)
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		if (i) {
			memcpy(w, "\xE2\x80\xA8", 3);
			w += 3;
		}
		size_t l = strlen(lines[i]);
		memcpy(w, lines[i], l);
		w += l;
	}
	*w = '\0';
	return out;
}

/* A link whose target a document cannot carry (a relative path, another
 * scheme) keeps its text and loses the link, with a warning. */
static void
drop_block_links(lp_release *rel, const lp_block *blk, const lp_source *src, lp_diag *diag)
{
	for (uint32_t i = 0; i < blk->n_spans; i++) {
		lp_rspan *sp = (lp_rspan *)&blk->spans[i]; /* ours, in our arena */
		if (sp->link < 0 || lp_uri_ok(rel->links[sp->link]))
			continue;
		const char *uri = rel->links[sp->link];
		/* At its address as written (a reference's, at its definition). */
		uint64_t at = rel->link_src ? rel->link_src[sp->link] : blk->src_offset;
		lp_diag_at(diag, LP_WARNING, LP_OK, src, at,
		        "link target '%.60s%s' is not a mailto:, http(s): or tel: address; "
		        "the text is kept without the link",
		        uri, strlen(uri) > 60 ? "…" : "");
		sp->link = -1;
		sp->flags &= ~(uint32_t)LP_INLINE_LINK;
	}
}

lp_status
lp_release_each_text_block(
        const lp_release *rel, lp_status (*fn)(void *user, const lp_block *blk), void *user)
{
	lp_status s = LP_OK;
	for (uint32_t b = 0; b < rel->n_blocks && s == LP_OK; b++) {
		const lp_block *blk = &rel->blocks[b];
		s = fn(user, blk);
		const lp_table *t = blk->kind == LP_BLOCK_TABLE ? blk->table : NULL;
		for (uint32_t c = 0; t && s == LP_OK && c < t->n_rows * t->n_cols; c++)
			s = fn(user, &t->cells[c]);
	}
	return s;
}

typedef struct link_check {
	lp_release *rel;
	const lp_source *src;
	lp_diag *diag;
} link_check;

static lp_status
drop_links_of(void *user, const lp_block *blk)
{
	link_check *c = user;
	drop_block_links(c->rel, blk, c->src, c->diag);
	return LP_OK;
}

/* Every block's links, a table's cells' included. */
static void
drop_bad_links(lp_release *rel, const lp_source *src, lp_diag *diag)
{
	link_check c = {rel, src, diag};
	lp_release_each_text_block(rel, drop_links_of, &c);
}

lp_status
lp_release_parse_front(const lp_source *src, const lp_release_options *opts, lp_arena *arena,
        lp_release **out, lp_diag *diag)
{
	lp_status st = LP_OK;
	lp_release *rel = NULL;
	size_t yaml_start, yaml_end;
	lp_lexicon *lex = opts ? opts->lexicon : NULL;
	if (!src || !arena || !out)
		return LP_ERR_USAGE;
	*out = NULL;
	if (!(rel = lp_arena_alloc(arena, sizeof *rel)))
		return LP_ERR_NOMEM;
	memset(rel, 0, sizeof *rel);
	rel->source_name = lp_arena_strdup(arena, lp_source_name(src) ? lp_source_name(src) : "");
	rel->meta.lang = opts && opts->default_lang ? opts->default_lang : "sr-Cyrl";
	if (!rel->source_name || !(rel->meta.lang = lp_arena_strdup(arena, rel->meta.lang)))
		return LP_ERR_NOMEM;
	if ((st = lp_frontmatter_split(
	             src, &rel->front_matter, &yaml_start, &yaml_end, &rel->body_start, diag)))
		return st;
	if (rel->front_matter && (st = lp_frontmatter_parse(
	                                  src, yaml_start, yaml_end, &rel->meta, arena, lex, diag)))
		return st;
	if (rel->meta.date.year &&
	        !(rel->meta.date_text = lp_date_format(&rel->meta.date, rel->meta.lang, arena)))
		return LP_ERR_NOMEM;
	if (rel->meta.n_organ && !(rel->meta.organ_text = lp_release_join_lines(
	                                   rel->meta.organ, rel->meta.n_organ, arena)))
		return LP_ERR_NOMEM;
	*out = rel;
	return LP_OK;
}

/* A front-matter value's straight quotes as the body's are: the language's
 * marks, wherever the letterhead prints it. */
static lp_status
smarten(const lp_quotes *q, lp_arena *arena, const char **value)
{
	if (!*value || !strpbrk(*value, "\"'"))
		return LP_OK;
	char *out;
	uint32_t len;
	lp_status st = lp_smartquotes_apply(
	        q, *value, (uint32_t)strlen(*value), NULL, 0, arena, &out, &len);
	if (st == LP_OK)
		*value = out;
	return st;
}

/* The values a letterhead prints as text: the title, place, number, organ
 * lines, signature, watermark and the release's other fields (not the
 * layout's defaults, which are its own text, nor paths and the language). */
static lp_status
smarten_meta(lp_meta *m, const lp_quotes *q, lp_arena *arena)
{
	const char **text[] = {&m->title, &m->place, &m->number, &m->watermark, &m->signature.name,
	        &m->signature.function};
	lp_status st = LP_OK;
	for (size_t i = 0; st == LP_OK && i < sizeof text / sizeof *text; i++)
		st = smarten(q, arena, text[i]);
	bool organ = false;
	for (uint32_t i = 0; st == LP_OK && i < m->n_organ; i++) {
		const char *was = m->organ[i];
		st = smarten(q, arena, &m->organ[i]);
		organ |= m->organ[i] != was;
	}
	/* The fields are the arena's, made by the front matter's parse. */
	lp_field *fields = (lp_field *)m->fields;
	for (uint32_t i = 0; st == LP_OK && i < m->n_fields; i++)
		if (!fields[i].from_layout)
			st = smarten(q, arena, &fields[i].value);
	if (st == LP_OK && organ &&
	        !(m->organ_text = lp_release_join_lines(m->organ, m->n_organ, arena)))
		st = LP_ERR_NOMEM;
	return st;
}

lp_status
lp_release_parse_body(const lp_source *src, const lp_release_options *opts, lp_arena *arena,
        lp_release *rel, lp_diag *diag)
{
	lp_status st;
	lp_quotes quotes;
	if (!src || !arena || !rel)
		return LP_ERR_USAGE;
	if (opts && opts->quotes) {
		if (!lp_quotes_from_string(opts->quotes, &quotes))
			return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, NULL, 0, 0,
			        "quotes must be four characters (open, close, nested open, "
			        "nested close), not '%s'",
			        opts->quotes);
		/* English elisions follow the language, whatever the marks. */
		quotes.en_elisions = rel->meta.lang && lp_lang_is(rel->meta.lang, "en");
	} else {
		lp_quotes_for_lang(rel->meta.lang, &quotes);
	}
	if ((st = smarten_meta(&rel->meta, &quotes, arena)))
		return st;
	size_t body_start = rel->body_start;
	const char *nul =
	        memchr(lp_source_data(src) + body_start, '\0', lp_source_size(src) - body_start);
	if (nul)
		return lp_diag_at(diag, LP_ERROR, LP_ERR_SYNTAX, src,
		        (uint64_t)(nul - lp_source_data(src)), "NUL byte in the release text");
	if ((st = lp_markdown_parse(
	             src, body_start, &quotes, arena, opts ? opts->lexicon : NULL, rel, diag)))
		return st;
	drop_bad_links(rel, src, diag);
	/* Front matter is where a release says what it is; one without a
	 * date is unfinished (layouts then leave the date and its comma out). */
	if (rel->front_matter && !rel->meta.date.year)
		lp_diag_at(diag, LP_WARNING, LP_OK, src, 0,
		        "a press release is dated: the front matter has no 'date:' (YYYY-MM-DD), "
		        "so the dateline shows the place alone");
	return LP_OK;
}

lp_status
lp_release_parse(const lp_source *src, const lp_release_options *opts, lp_arena *arena,
        lp_release **out, lp_diag *diag)
{
	lp_release *rel;
	lp_status st = lp_release_parse_front(src, opts, arena, &rel, diag);
	if (st == LP_OK)
		st = lp_release_parse_body(src, opts, arena, rel, diag);
	if (out)
		*out = st == LP_OK ? rel : NULL;
	return st;
}

const char *
lp_release_field(const lp_release *rel, const char *key)
{
	if (!rel || !key)
		return NULL;
	const lp_meta *m = &rel->meta;
	const struct {
		const char *key, *value;
	} known[] = {
	        {"layout", m->layout},
	        {"lang", m->lang},
	        {"title", m->title},
	        {"place", m->place},
	        {"date", m->date_text},
	        {"number", m->number},
	        {"organ", m->organ_text},
	        {"watermark", m->watermark},
	        {"signature.name", m->signature.name},
	        {"signature.function", m->signature.function},
	        {"signature.image", m->signature.image},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(key, known[i].key) == 0)
			return known[i].value;
	for (uint32_t i = 0; i < m->n_fields; i++)
		if (strcmp(key, m->fields[i].key) == 0)
			return m->fields[i].value;
	return NULL;
}
