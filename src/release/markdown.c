/*
 * Markdown body → blocks. md4c reports a tree of blocks and spans through
 * callbacks; we keep a flat list of leaf blocks (paragraph, heading, list
 * item, rule, code, a table of cells set as leaves: mdtable.c) and remember
 * the containers (block quotes, lists) only as depths. Each leaf's text is gathered in one scratch
 * buffer and copied into the arena once, when the leaf ends, with its quotes made typographic
 * (mdblock.c).
 *
 * md4c hands text as pointers into the buffer we gave it, which is the whole
 * file, so a pointer minus the file start is the byte offset in the file.
 */
#include "release/markdown_internal.h"
#include "release/mdlint.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/diag.h"
#include "base/limits.h"
#include "release/entities.h"
#include "release/mdtable.h"
#include "release/mdimage.h"
#include "release/textcheck.h"

/* ---- Text's place, links ------------------------------------------------ */

static bool
in_file(const lp_md_state *s, const char *p)
{
	return p >= s->data && p < s->data + s->size;
}

static lp_status
add_link(lp_md_state *s, const MD_ATTRIBUTE *href)
{
	/* Room for a scheme in front. */
	char *uri;
	size_t n;
	lp_status st = lp_md_attr_text(href, s->src, s->arena, sizeof "mailto:", NULL, &uri, &n);
	if (st != LP_OK)
		return st;
	/* Permissive autolinks come without a scheme: e-mail addresses get
	 * mailto:, bare www. addresses http:// (as browsers assume). */
	size_t scheme = strcspn(uri, ":/?#@"), pl = 0;
	if (uri[scheme] != ':') {
		const char *prefix = strchr(uri, '@') && !strchr(uri, '/') ? "mailto:"
		                     : strncmp(uri, "www.", 4) == 0        ? "http://"
		                                                           : "";
		pl = strlen(prefix);
		memmove(uri + pl, uri, n + 1);
		memcpy(uri, prefix, pl);
	}
	st = LP_ARENA_ARRAY_RESERVE(
	        s->arena, s->links, s->cap_links, (size_t)s->n_links + 1, LP_ARRAY_ANY);
	if (st == LP_OK)
		st = LP_ARENA_ARRAY_RESERVE(s->arena, s->link_src_of, s->cap_link_src_of,
		        (size_t)s->n_links + 1, LP_ARRAY_ANY);
	if (st != LP_OK)
		return st;
	s->link = (int32_t)s->n_links;
	s->links[s->n_links++] = uri;
	s->link_at = s->len;
	s->link_images = s->images.n;
	s->link_shown = uri + pl; /* as written, without the scheme put in front */
	s->link_src = in_file(s, href->text) ? (uint64_t)(href->text - s->data) : s->last_end;
	s->link_src_of[s->link] = s->link_src;
	return LP_OK;
}

/* A link closes. One without text ("[](https://…)") would print nothing
 * and take its address with it: it is set as its address, with a
 * warning. */
static lp_status
end_link(lp_md_state *s)
{
	lp_status st = LP_OK;
	if (s->link_note) {
		s->link_note = false;
		return lp_md_append(s, "]", 1, 0);
	}
	/* Text of spaces only ("[ ](…)") shows nothing either. */
	size_t blank = s->link_at;
	while (blank < s->len && (s->text[blank] == ' ' || s->text[blank] == '\t'))
		blank++;
	if (s->link >= 0 && s->open && blank == s->len && s->images.n == s->link_images &&
	        s->link_shown && *s->link_shown) {
		lp_diag_at(s->diag, LP_WARNING, LP_OK, s->src, s->link_src,
		        "this link has no text; it is set as its address");
		st = lp_textmap_add(&s->map, (uint32_t)s->len, s->link_src, false);
		if (st == LP_OK)
			st = lp_md_append(s, s->link_shown, strlen(s->link_shown), 0);
	}
	s->link = -1;
	return st;
}

/* ---- md4c callbacks ----------------------------------------------------- */

/* The first error sticks: md4c does not stop for every callback's return
 * value, so later callbacks must not overwrite it, and do nothing. */
static int
lp_md_stop(lp_md_state *s, lp_status st)
{
	if (s->st == LP_OK)
		s->st = st;
	return s->st != LP_OK;
}

static lp_status
enter_container(lp_md_state *s)
{
	if (s->depth >= LP_MAX_NESTING)
		return lp_diag_at(s->diag, LP_ERROR, LP_ERR_LIMIT, s->src, lp_md_guess_offset(s),
		        "lists and block quotes are nested more than %d deep", LP_MAX_NESTING);
	s->depth++;
	return LP_OK;
}

static lp_status
enter_list_item(lp_md_state *s)
{
	lp_md_list *l = &s->lists[s->list_depth];
	const char *marker = "•";
	if (l->ordered) {
		marker = lp_arena_printf(s->arena, "%u%c", l->next++, l->delim);
		if (!marker)
			return LP_ERR_NOMEM;
	}
	lp_md_open_leaf(s, LP_BLOCK_LIST_ITEM, s->list_depth, marker);
	return LP_OK;
}

static int
on_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	lp_md_state *s = user;
	if (s->st != LP_OK)
		return 1;
	lp_status st = LP_OK;
	/* A loose list item's first paragraph is the item's own text. */
	if (type == MD_BLOCK_P && s->open && s->leaf.kind == LP_BLOCK_LIST_ITEM && s->len == 0)
		return 0;
	if (type != MD_BLOCK_DOC && (st = lp_md_close_leaf(s)) != LP_OK)
		goto fail;
	switch (type) {
	case MD_BLOCK_QUOTE:
		if ((st = enter_container(s)) == LP_OK)
			s->quote_depth++;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if ((st = enter_container(s)) != LP_OK)
			break;
		s->list_depth++;
		if (type == MD_BLOCK_OL) {
			const MD_BLOCK_OL_DETAIL *d = detail;
			s->lists[s->list_depth] = (lp_md_list){true, d->start, d->mark_delimiter};
		} else {
			s->lists[s->list_depth] = (lp_md_list){false, 0, 0};
		}
		break;
	case MD_BLOCK_LI:
		st = enter_list_item(s);
		break;
	case MD_BLOCK_HR: {
		lp_block rule = {.kind = LP_BLOCK_RULE,
		        .quote_depth = s->quote_depth,
		        .text = "",
		        .src_offset = lp_md_guess_offset(s)};
		st = lp_md_push_block(s, &rule);
		break;
	}
	case MD_BLOCK_H:
		lp_md_open_leaf(s, LP_BLOCK_HEADING,
		        (uint8_t)((const MD_BLOCK_H_DETAIL *)detail)->level, NULL);
		break;
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
		lp_md_open_leaf(s, LP_BLOCK_CODE, s->list_depth, NULL);
		break;
	case MD_BLOCK_P:
		lp_md_open_leaf(s, LP_BLOCK_PARAGRAPH, s->list_depth, NULL);
		break;
	case MD_BLOCK_TABLE: {
		lp_block t = {.level = s->list_depth, .quote_depth = s->quote_depth};
		t.src_offset = lp_md_guess_offset(s);
		st = lp_mdtable_begin(detail, &t, s->src, s->diag, &s->table);
		break;
	}
	case MD_BLOCK_TR:
		lp_mdtable_row(s->table);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		lp_mdtable_cell(s->table, detail);
		lp_md_open_leaf(s, LP_BLOCK_PARAGRAPH, s->list_depth, NULL);
		break;
	default:
		break;
	}
fail:
	return lp_md_stop(s, st);
}

static int
on_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	lp_md_state *s = user;
	if (s->st != LP_OK)
		return 1;
	(void)detail;
	lp_status st = lp_md_close_leaf(s);
	if (st != LP_OK)
		goto fail;
	if (type == MD_BLOCK_TABLE) {
		lp_block t;
		st = lp_mdtable_end(s->table, s->arena, &t);
		s->table = NULL;
		if (st != LP_OK || (st = lp_md_push_block(s, &t)) != LP_OK)
			goto fail;
	}
	if (type == MD_BLOCK_QUOTE) {
		s->quote_depth--;
		s->depth--;
	} else if (type == MD_BLOCK_UL || type == MD_BLOCK_OL) {
		s->list_depth--;
		s->depth--;
	}
fail:
	return lp_md_stop(s, st);
}

static int
on_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
	lp_md_state *s = user;
	if (s->st != LP_OK)
		return 1;
	lp_status st = LP_OK;
	if (type == MD_SPAN_EM)
		s->em++;
	else if (type == MD_SPAN_STRONG)
		s->strong++;
	else if (type == MD_SPAN_A)
		st = add_link(s, &((const MD_SPAN_A_DETAIL *)detail)->href);
	else if (type == MD_SPAN_IMG)
		st = lp_md_image_enter(&s->images, detail, (uint32_t)s->len, s->last_end,
		        s->link >= 0, s->table != NULL, s->src, s->q, s->arena, s->diag);
	return lp_md_stop(s, st);
}

static int
on_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
	lp_md_state *s = user;
	(void)detail;
	if (type == MD_SPAN_EM && s->em)
		s->em--;
	else if (type == MD_SPAN_STRONG && s->strong)
		s->strong--;
	else if (type == MD_SPAN_A)
		return s->st != LP_OK ? 1 : lp_md_stop(s, end_link(s));
	else if (type == MD_SPAN_IMG)
		lp_md_image_leave(&s->images, (uint32_t)s->len);
	return 0;
}

/* Code text. A code block's tabs are spaces to the next multiple of 4
 * columns (CommonMark's tab stop): the block keeps its spaces (para.h,
 * keep_spaces), and a tab has no width of its own. In a table's cell,
 * "\\|" is a pipe, in code too (GFM unescapes it as it splits the row;
 * md4c leaves the backslash in code). What is replaced stands at its
 * place in the file (when the text is the file's). */
static lp_status
append_code(lp_md_state *s, const char *text, size_t size, bool file)
{
	static const char spaces[] = "    ";
	bool block = s->leaf.kind == LP_BLOCK_CODE, cell = s->table != NULL;
	lp_status st = LP_OK;
	size_t from = 0;
	for (size_t i = 0; i < size && st == LP_OK; i++) {
		uint64_t at = (uint64_t)(text + i - s->data);
		if (cell && text[i] == '\\' && i + 1 < size && text[i + 1] == '|') {
			st = lp_md_append(s, text + from, i - from, LP_INLINE_CODE);
			if (st == LP_OK && file)
				st = lp_textmap_add(&s->map, (uint32_t)s->len, at + 1, true);
			from = ++i; /* the pipe starts the next piece */
		} else if (!block) {
			continue;
		} else if (text[i] == '\n') {
			s->code_col = 0;
		} else if (text[i] != '\t') {
			s->code_col += ((unsigned char)text[i] & 0xC0) != 0x80;
		} else {
			uint32_t n = 4 - s->code_col % 4;
			st = lp_md_append(s, text + from, i - from, LP_INLINE_CODE);
			if (st == LP_OK && file)
				st = lp_textmap_add(&s->map, (uint32_t)s->len, at, false);
			if (st == LP_OK)
				st = lp_md_append(s, spaces, n, LP_INLINE_CODE);
			if (st == LP_OK && file)
				st = lp_textmap_add(&s->map, (uint32_t)s->len, at + 1, true);
			s->code_col += n;
			from = i + 1;
		}
	}
	return st == LP_OK ? lp_md_append(s, text + from, size - from, LP_INLINE_CODE) : st;
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
	lp_md_state *s = user;
	if (s->st != LP_OK)
		return 1;
	lp_status st = LP_OK;
	if (!s->open)
		lp_md_open_leaf(s, LP_BLOCK_PARAGRAPH, s->list_depth, NULL);
	bool file = in_file(s, text);
	if (s->link >= 0 && s->len == s->link_at && file && text > s->data && text[-1] == '[' &&
	        size > 0 && text[0] == '^') {
		/* "[^1]", a link to CommonMark through a "[^1]: …" line: a
		 * footnote to the author. Set as written, without the link to
		 * whatever the note said, and warned about as a footnote
		 * (mdlint.c) with its bracket back in the text. */
		if (s->link + 1 == (int32_t)s->n_links)
			s->n_links--;
		s->link = -1;
		s->link_note = true;
		st = lp_textmap_add(
		        &s->map, (uint32_t)s->len, (uint64_t)(text - 1 - s->data), true);
		if (st == LP_OK)
			st = lp_md_append(s, "[", 1, 0);
		if (st != LP_OK)
			return lp_md_stop(s, st);
	}
	/* Text md4c made up (line breaks) stands where the last text ended. */
	st = lp_textmap_add(&s->map, (uint32_t)s->len,
	        file ? (uint64_t)(text - s->data) : s->last_end, file && type != MD_TEXT_ENTITY);
	if (st != LP_OK)
		return lp_md_stop(s, st);
	if (file) {
		size_t off = (size_t)(text - s->data);
		if (!s->have_offset) {
			s->leaf.src_offset = off;
			s->have_offset = true;
		}
		s->last_end = off + size;
		s->last_mid_line = true;
	}
	uint8_t cp[4];
	size_t w;
	switch (type) {
	case MD_TEXT_NULLCHAR:
		st = lp_md_append(s, "\xEF\xBF\xBD", 3, 0);
		break;
	case MD_TEXT_BR:
		st = lp_md_append(s, "\xE2\x80\xA8", 3, 0); /* U+2028 LINE SEPARATOR */
		break;
	case MD_TEXT_SOFTBR:
		st = lp_md_append(s, " ", 1, 0);
		break;
	case MD_TEXT_ENTITY:
		w = lp_md_decode_entity(text, size, cp);
		st = w ? lp_md_append(s, (const char *)cp, w, 0) : lp_md_append(s, text, size, 0);
		break;
	case MD_TEXT_CODE:
		st = append_code(s, text, size, file);
		break;
	default:
		st = lp_md_append(s, text, size, 0);
		break;
	}
	return lp_md_stop(s, st);
}

lp_status
lp_markdown_parse(const lp_source *src, size_t body_start, const lp_quotes *q, lp_arena *arena,
        lp_lexicon *lex, lp_release *rel, lp_diag *diag)
{
	lp_md_state s = {.src = src,
	        .data = lp_source_data(src),
	        .size = lp_source_size(src),
	        .q = q,
	        .arena = arena,
	        .diag = diag,
	        .lex = lex,
	        .link = -1,
	        .last_end = body_start};
	MD_PARSER parser = {
	        .flags = MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_NOHTML | MD_FLAG_TABLES,
	        .enter_block = on_enter_block,
	        .leave_block = on_leave_block,
	        .enter_span = on_enter_span,
	        .leave_span = on_leave_span,
	        .text = on_text,
	};
	lp_status st = LP_OK;
	lp_md_lint_note_defs(src, body_start, diag);
	int rc = md_parse(s.data + body_start, (MD_SIZE)(s.size - body_start), &parser, &s);
	if (s.st != LP_OK) {
		st = s.st;
		goto fail;
	}
	if (rc != 0) {
		st = LP_ERR_NOMEM;
		goto fail;
	}
	if ((st = lp_md_close_leaf(&s)) != LP_OK)
		goto fail;
	rel->blocks = s.blocks;
	rel->n_blocks = s.n_blocks;
	rel->links = s.links;
	rel->link_src = s.link_src_of;
	rel->n_links = s.n_links;
fail:
	lp_mdtable_free(s.table);
	free(s.text);
	free(s.spans);
	lp_textmap_free(&s.map);
	lp_md_images_free(&s.images);
	return st;
}
