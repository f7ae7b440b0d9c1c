/* Page plan → display list, each page in reading order: what stands above
 * the body (emblem, organ lines, a fixed title), the body's lines and
 * rules, what follows it (dateline, signature, the footer), then
 * pagination. Readers that extract text in content order (most do) read
 * it so; the structure tree gets the same order. */
#include "pipeline/pipeline.h"

#include "base/diag.h"
#include "base/limits.h"
#include "image/image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static float
glyph_advance_pt(const lp_font *font, uint32_t gid, float size)
{
	return (float)lp_font_glyph_advance(font, gid) * size /
	       (float)lp_font_metrics_of(font)->units_per_em;
}

/* The line's own text without the spaces a break leaves at its end. */
static const char *
line_text(lp_job *job, const lp_set_par *par, const lp_line *ln)
{
	uint32_t end = ln->end;
	while (end > ln->start && (par->text[end - 1] == ' ' || par->text[end - 1] == '\n'))
		end--;
	return lp_arena_strndup(job->scratch, par->text + ln->start, end - ln->start);
}

/* Whether the line ends where a space broke it (not at a hyphen, a
 * slash of a URL or the paragraph's end). */
static bool
breaks_at_space(const lp_set_par *par, uint32_t li)
{
	const lp_line *ln = &par->lines->lines[li];
	return li + 1 < par->lines->n_lines && !ln->hyphenated &&
	       par->lines->lines[li + 1].start > ln->end;
}

/* The line's last run's glyphs end with a space glyph when the line broke
 * at a space: readers of the structure tree join an element's marked
 * content as it stands, and without it the words either side of a line
 * break ran together ("телефономса"). It shows nothing and sits past the
 * line's last glyph. Returns the glyph count. */
static uint32_t
add_break_space(const lp_line_run *run, lp_dl_glyph *g, uint32_t n, uint32_t text_len)
{
	uint32_t gid = lp_font_glyph(run->font, ' ');
	if (!gid || n == 0)
		return n;
	g[n] = g[n - 1];
	g[n].gid = gid;
	g[n].x += glyph_advance_pt(run->font, g[n - 1].gid, run->size_pt);
	g[n].cluster = text_len;
	return n + 1;
}

/* Where line li starts: in a table's cell, moved across the cell by its
 * column's alignment (the cell's paragraph is set ragged right). */
static float
line_x(const lp_set_par *par, uint32_t li, float x, const lp_compose_cell *cell)
{
	if (!cell || (cell->align != LP_CELL_RIGHT && cell->align != LP_CELL_CENTER))
		return x;
	const lp_line *ln = &par->lines->lines[li];
	float room = cell->w_pt - ln->x_pt - ln->width_pt;
	float dx = cell->align == LP_CELL_RIGHT ? room : room / 2;
	return x + fmaxf(dx, 0);
}

void
lp_compose_line(lp_job *job, lp_dlist_builder *b, const lp_set_par *par, uint32_t li, float x,
        float baseline, const char *const *links, uint32_t n_links, uint32_t node, uint32_t lbl,
        const lp_compose_cell *cell)
{
	const lp_line *ln = &par->lines->lines[li];
	/* Text read past the line's end (a hyphenated word's second half)
	 * ends before the next column's, else before the page's edge. */
	float read_end =
	        cell && cell->read_end_pt > 0 ? cell->read_end_pt : job->layout->page_w_pt - 1;
	float x_before = li > 0 ? line_x(par, li - 1, x, cell) : x;
	x = line_x(par, li, x, cell);
	/* The display list copies what it is given: the glyphs and text made
	 * here are scratch, given back at the next line. */
	lp_arena_reset(job->scratch);
	bool space = breaks_at_space(par, li);
	const char *actual = par->tracked ? line_text(job, par, ln) : NULL;
	if (actual && space)
		actual = lp_arena_printf(job->scratch, "%s ", actual);
	uint32_t last_run = 0, first = UINT32_MAX;
	for (uint32_t r = 0; r < ln->n_runs; r++)
		if (ln->runs[r].n_glyphs) {
			last_run = r;
			first = first < r ? first : r;
		}
	/* A word hyphenated at this line's end is read whole here; one
	 * hyphenated at the line before is only seen here (compose_hyphen.c). */
	lp_compose_half ends, starts;
	bool read_whole = lp_compose_second_half(par, li, x, read_end, &ends);
	bool seen_half = li > 0 && lp_compose_second_half(par, li - 1, x_before, read_end, &starts);
	const lp_line_run *hyphen_run = lp_compose_hyphen_run(ln);
	for (uint32_t r = 0; r < ln->n_runs; r++) {
		const lp_line_run *run = &ln->runs[r];
		if (run->n_glyphs == 0)
			continue;
		const lp_text_style *ts = &par->spans[run->span].style;
		lp_dl_glyph *g = lp_arena_array(job->scratch, run->n_glyphs + 1, sizeof *g);
		char *text = lp_arena_alloc(job->scratch, run->text_len + 2);
		if (!g || !text) {
			lp_dlist_builder_fail(b, LP_ERR_NOMEM);
			return;
		}
		for (uint32_t i = 0; i < run->n_glyphs; i++) {
			g[i].gid = run->glyphs[i].gid;
			g[i].x = x + run->glyphs[i].x_pt;
			g[i].y = baseline + run->glyphs[i].y_pt;
			g[i].cluster = run->glyphs[i].cluster;
		}
		memcpy(text, run->text, run->text_len);
		uint32_t n = run->n_glyphs, text_len = run->text_len;
		if (r == 0 && ln->lead_hyphen) {
			/* A compound's hyphen repeated at the line start is
			 * incidental too: plain extraction rejoins the line-end
			 * hyphen with it, the structure reads the word once. */
			if (node != LP_COMPOSE_ARTIFACT)
				lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
			lp_dl_text lt = {
			        run->font, run->size_pt, ts->color, g, n, text, text_len, NULL};
			lp_dlist_add_text(b, &lt);
			continue;
		}
		/* The hyphen a break added is incidental (ISO 32000-1
		 * §14.8.2.2.3): drawn apart, as an artifact, so that the
		 * structure reads the word whole; seen only when the word is
		 * read whole on this line, else read as a line-end hyphen that
		 * plain extraction rejoins at. */
		bool hyphen = run == hyphen_run;
		if (r == first && seen_half) {
			/* The second half of the word the line before hyphenated:
			 * an artifact seen, and read with the first half. */
			if (node != LP_COMPOSE_ARTIFACT)
				lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
			uint32_t k = starts.n_glyphs, c = starts.text_len;
			lp_dl_text st = {run->font, run->size_pt, ts->color, g, k, text, c, NULL, 0,
			        LP_TEXT_SEEN_ONLY, 0};
			lp_dlist_add_text(b, &st);
			g += k;
			n -= k;
			text += c;
			text_len -= c;
			for (uint32_t i = 0; i < n; i++)
				g[i].cluster -= c;
			if (n == 0)
				continue;
		}
		if (hyphen) {
			n--;
			text_len--;
		} else if (r == last_run && space) {
			uint32_t before = n;
			n = add_break_space(run, g, n, text_len);
			if (n > before)
				text[text_len++] = ' ';
		}
		bool linked = ts->link >= 0 && (uint32_t)ts->link < n_links;
		if (node != LP_COMPOSE_ARTIFACT) {
			uint32_t tag = lbl && run->span == 0 ? lbl : node;
			/* A link is a Link element holding its text and its
			 * annotation (ISO 32000-1 §14.8.4.4.2). */
			lp_dlist_tag(
			        b, linked ? lp_dlist_add_node(b, LP_ROLE_LINK, tag, NULL) : tag);
		}
		lp_dl_text t = {run->font, run->size_pt, ts->color, g, n, text, text_len, actual,
		        par->tracking_em * run->size_pt};
		lp_dlist_add_text(b, &t);
		/* One ActualText for the line: the first run carries it, the
		 * others extract as nothing. */
		if (actual)
			actual = "";
		if (linked) {
			const lp_line_glyph *last = &run->glyphs[run->n_glyphs - 1];
			float size = run->size_pt;
			lp_dl_link l = {x + run->glyphs[0].x_pt, baseline - ln->ascent_pt,
			        x + last->x_pt + glyph_advance_pt(run->font, last->gid, size),
			        baseline + ln->descent_pt, links[ts->link]};
			lp_dlist_add_link(b, &l);
		}
		if (hyphen) {
			lp_dl_glyph *h = &g[n];
			h->cluster = 0;
			if (read_whole)
				lp_compose_add_read_half(b, job->scratch, &ends, h, ts->color);
			lp_dl_text ht = {run->font, run->size_pt, ts->color, h, 1, "-", 1, NULL, 0,
			        read_whole ? LP_TEXT_SEEN_ONLY : LP_TEXT_SEEN_AND_READ, 0};
			if (node != LP_COMPOSE_ARTIFACT)
				lp_dlist_tag_artifact(b, LP_ART_LAYOUT);
			lp_dlist_add_text(b, &ht);
		}
	}
}

/* The containers open while the flow is composed: a block quote, and the
 * lists (and the last item's body) at each depth. */
typedef struct compose_tags {
	uint32_t quote;
	uint32_t list[LP_MAX_NESTING + 2], lbody[LP_MAX_NESTING + 2];
} compose_tags;

static void
close_lists(compose_tags *t, uint32_t from)
{
	for (uint32_t i = from; i < LP_MAX_NESTING + 2; i++)
		t->list[i] = t->lbody[i] = 0;
}

/* A flow block's structure nodes, made when its first line is placed (so
 * in reading order): a list item is LI (Lbl, LBody) in an L, nested lists
 * in the body of the item before them, a block quote's blocks in a
 * BlockQuote. */
static void
make_nodes(lp_dlist_builder *b, lp_flow_content *fc, compose_tags *t)
{
	uint32_t q = fc->quote_depth ? 1 : 0;
	if (q && !t->quote) {
		t->quote = lp_dlist_add_node(b, LP_ROLE_BLOCKQUOTE, 0, NULL);
		close_lists(t, 0);
	} else if (!q && t->quote) {
		t->quote = 0;
		close_lists(t, 0);
	}
	uint32_t base = t->quote;
	uint32_t k = fc->list_level < LP_MAX_NESTING + 1 ? fc->list_level : LP_MAX_NESTING + 1;
	uint32_t in = fc->in_item < LP_MAX_NESTING + 1 ? fc->in_item : LP_MAX_NESTING + 1;
	if (k) {
		if (!t->list[k])
			t->list[k] = lp_dlist_add_node(b, LP_ROLE_L,
			        k > 1 && t->lbody[k - 1] ? t->lbody[k - 1] : base, NULL);
		close_lists(t, k + 1);
		uint32_t li = lp_dlist_add_node(b, LP_ROLE_LI, t->list[k], NULL);
		fc->lbl = lp_dlist_add_node(b, LP_ROLE_LBL, li, NULL);
		fc->node = t->lbody[k] = lp_dlist_add_node(b, LP_ROLE_LBODY, li, NULL);
		return;
	}
	if (in && t->lbody[in]) {
		close_lists(t, in + 1);
		fc->node = lp_dlist_add_node(b, fc->role, t->lbody[in], fc->alt);
		return;
	}
	close_lists(t, 0);
	fc->node = lp_dlist_add_node(b, fc->role, base, fc->alt);
}

lp_rect
lp_compose_placed_box(const lp_job *job, const lp_rect *frame, const lp_placed *pl)
{
	const lp_flow_content *fc = &job->content[pl->block];
	const lp_flow_block *fb = &job->flow[pl->block];
	if (!fc->row && !fc->stamp) {
		if (fc->image || fc->svg)
			return (lp_rect){
			        frame->x + fc->pic_x_pt, pl->y_pt, fc->pic_w_pt, fc->pic_h_pt};
		if (!fc->par)
			return (lp_rect){frame->x + fc->rule_x_pt, pl->y_pt, fc->rule_len_pt,
			        fc->rule_width_pt};
		const lp_line *ln = &fc->par->lines->lines[pl->line];
		return (lp_rect){frame->x + fc->par->x_pt + ln->x_pt, pl->y_pt - ln->ascent_pt,
		        ln->width_pt, ln->ascent_pt + ln->descent_pt};
	}
	/* A box (a table's row, a stamp's room): a piece of a cut one runs
	 * from its cut to the next. */
	float h = fb->height_pt;
	if (pl->piece && fb->n_cuts) {
		float from = pl->line ? fb->cuts[pl->line - 1] : 0;
		float to = pl->line < fb->n_cuts ? fb->cuts[pl->line] : fb->height_pt;
		h = to - from;
	}
	return (lp_rect){frame->x, pl->y_pt, frame->w, h};
}

static void
compose_flow_content(lp_job *job, lp_dlist_builder *b, const lp_rect *frame, const lp_placed *pl,
        compose_tags *tags)
{
	lp_flow_content *fc = &job->content[pl->block];
	lp_dlist_set_source(b, &fc->src);
	if ((!fc->par && !fc->image && !fc->svg) || fc->decorative) {
		lp_dlist_tag_artifact(b, LP_ART_LAYOUT); /* a rule, a decorative picture */
	} else {
		if (!fc->node)
			make_nodes(b, fc, tags);
		lp_dlist_tag(b, fc->node);
	}
	lp_rect box = lp_compose_placed_box(job, frame, pl);
	if (fc->image) {
		lp_dl_image im = {fc->image, box.x, box.y, box.w, box.h};
		lp_dlist_add_image(b, &im);
		return;
	}
	if (fc->svg) {
		lp_svg_emit(fc->svg, box.x, box.y, box.w, box.h, b);
		return;
	}
	if (!fc->par) { /* a rule: its box is its stroke, the centre line halfway down */
		float y = box.y + box.h / 2;
		lp_dl_rule r = {box.x, y, box.x + box.w, y, box.h, fc->color};
		lp_dlist_add_rule(b, &r);
		return;
	}
	if (fc->outline_level && pl->line == 0) {
		lp_dl_outline o = {
		        0, fc->outline_level, pl->y_pt - fc->par->ascent_pt, fc->outline_text};
		lp_dlist_add_outline(b, &o);
	}
	lp_compose_line(job, b, fc->par, pl->line, frame->x + fc->par->x_pt, pl->y_pt,
	        job->rel->links, job->rel->n_links, fc->node, fc->lbl, NULL);
}

/* The signature block's box: its pictures and lines (sigstamp.c). */
static void
sig_box(lp_job *job, lp_dlist_builder *b, const lp_rect *frame, const lp_placed *pl)
{
	const lp_flow_content *fc = &job->content[pl->block];
	if (fc->image || fc->svg || fc->par) {
		lp_rect r = lp_compose_placed_box(job, frame, pl);
		lp_dlist_sig_box(b, r.x, r.y, r.x + r.w, r.y + r.h);
	}
}

/* The signature's stamp room (sigstamp.c): the widget's box takes it
 * whole, so an empty field has room for whoever signs it; signed, the
 * stamp's lines are drawn in it, items only the widget's appearance
 * shows (lp_dl_sig). */
static void
compose_stamp(lp_job *job, lp_dlist_builder *b, const lp_rect *frame, const lp_placed *pl,
        compose_tags *tags)
{
	lp_flow_content *fc = &job->content[pl->block];
	const lp_sig_stamp *st = fc->stamp;
	float x = frame->x + st->x_pt, top = pl->y_pt;
	if (fc->sig)
		lp_dlist_sig_box(
		        b, x, top, x + st->width_pt, top + (float)st->n_lines * st->leading_pt);
	if (!st->n_set) {
		/* An empty field's room still marks where the widget stands
		 * among the page's items, its place in reading order. */
		if (fc->sig) {
			lp_dlist_sig_stamp_begin(b);
			lp_dlist_sig_stamp_end(b);
		}
		return;
	}
	lp_dlist_sig_stamp_begin(b);
	lp_dlist_set_source(b, &fc->src);
	if (!fc->node)
		make_nodes(b, fc, tags);
	lp_dlist_tag(b, fc->node);
	for (uint32_t i = 0; i < st->n_set; i++) {
		const lp_set_par *par = st->lines[i];
		if (par->lines->n_lines == 0)
			continue;
		/* A line that would not fit even shrunk shows its first line. */
		lp_compose_line(job, b, par, 0, frame->x + par->x_pt,
		        top + (float)i * st->leading_pt + par->ascent_pt, NULL, 0, fc->node, 0,
		        NULL);
	}
	lp_dlist_sig_stamp_end(b);
}

/* Draws the placed item pl (of n_pl left on the page); returns how many
 * placed items it drew (a table's row cut into pieces: every piece of it
 * on the page at once). */
static uint32_t
compose_flow_item(lp_job *job, lp_dlist_builder *b, const lp_rect *frame, const lp_placed *pl,
        uint32_t n_pl, compose_tags *tags)
{
	lp_flow_content *fc = &job->content[pl->block];
	if (fc->row) {
		/* A table's rows share its Table node, made with its first. */
		uint32_t *table = lp_table_node(fc->row);
		if (!*table && !pl->repeat) {
			make_nodes(b, fc, tags);
			*table = fc->node;
		}
		lp_dlist_set_source(b, &fc->src);
		return lp_table_compose_row(job, b, frame, pl, n_pl, *table);
	}
	if (fc->stamp) {
		compose_stamp(job, b, frame, pl, tags);
		return 1;
	}
	if (fc->sig)
		sig_box(job, b, frame, pl);
	compose_flow_content(job, b, frame, pl, tags);
	return 1;
}

lp_status
lp_job_compose(lp_job *job, const lp_page_plan *plan, lp_dlist **out)
{
	*out = NULL;
	lp_job_check_overprint(job, plan);
	lp_dlist_builder *b = lp_dlist_builder_new();
	if (!b)
		return LP_ERR_NOMEM;
	lp_dl_meta meta = lp_job_doc_meta(job, plan->n_pages);
	if (job->sig_field && !meta.sig_text)
		lp_dlist_builder_fail(b, LP_ERR_NOMEM); /* a field must say what it is */
	lp_dlist_builder_set_meta(b, &meta);
	const lp_layout *L = job->layout;
	lp_status s = LP_OK;
	compose_tags tags = {0};
	for (uint32_t p = 0; p < plan->n_pages && s == LP_OK; p++) {
		const lp_plan_page *pg = &plan->pages[p];
		const lp_page_template *tpl = pg->first ? &L->first : &L->rest;
		lp_dlist_begin_page(b, L->page_w_pt, L->page_h_pt);
		if (L->page_at.line)
			lp_dlist_page_size_source(
			        b, &(lp_dl_source){lp_layout_shown(L->page_from ? L->page_from : L),
			                   L->page_at.line, L->page_at.col});
		s = lp_job_add_furniture(job, b, tpl, p + 1, plan->n_pages, LP_FURNITURE_HEAD);
		for (uint32_t i = 0; i < pg->n_placed && s == LP_OK;)
			i += compose_flow_item(
			        job, b, &tpl->body, &pg->placed[i], pg->n_placed - i, &tags);
		if (s == LP_OK)
			s = lp_job_add_furniture(
			        job, b, tpl, p + 1, plan->n_pages, LP_FURNITURE_FOOT);
		if (s == LP_OK)
			s = lp_job_add_furniture(
			        job, b, tpl, p + 1, plan->n_pages, LP_FURNITURE_PAGINATION);
	}
	if (s != LP_OK) {
		lp_dlist_builder_drop(b);
		return s;
	}
	s = lp_dlist_builder_finish(b, out);
	if (s != LP_OK)
		return lp_diag_report(job->diag, LP_ERROR, s, job->rel->source_name, 0, 0,
		        "cannot build the display list (%s)", lp_status_str(s));
	return LP_OK;
}
