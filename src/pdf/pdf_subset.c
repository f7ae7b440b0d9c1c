/*
 * Font subsetting with hb-subset. Glyphs are renumbered in glyph order and
 * the content stream uses the new numbers as CIDs (with /CIDToGIDMap
 * /Identity), so the subset carries no empty slots. The source is the
 * font's embedding face (font/font_hb.h), which has no cmap and no layout
 * tables: a PDF reader finds glyphs by CID and never shapes, keeping GSUB
 * would pull every alternate of every used glyph in through its closure,
 * and mapping the whole cmap back to the kept glyphs was most of
 * hb-subset's time. The drop list below says the same for the output,
 * and leaves out what a CIDFontType2 program does not use (PDF 1.7
 * §9.9 lists head, hhea, loca, maxp, cvt, prep, glyf, hmtx and fpgm):
 * names, PostScript glyph names and grid-fitting ranges. Hinting goes
 * too (HB_SUBSET_FLAGS_NO_HINTING), as WeasyPrint does: readers and
 * printers rasterise without it, and it was a third of the bytes.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"
#include "font/font_hb.h"

#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

lp_status
lp_pdf_subset(const lp_font *font, const uint8_t *used, uint32_t n_gids, uint16_t *cid,
        uint32_t *n_cids, uint8_t **data, size_t *size, lp_diag *diag)
{
	lp_status s = LP_OK;
	hb_face_t *sub = NULL;
	hb_subset_plan_t *plan = NULL;
	hb_blob_t *blob = NULL;
	*data = NULL;
	*size = 0;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	LP_PDF_EACH_GLYPH(g, used, n_gids)
	hb_set_add(glyphs, g);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const hb_tag_t layout[] = {
	        HB_TAG('G', 'S', 'U', 'B'),
	        HB_TAG('G', 'P', 'O', 'S'),
	        HB_TAG('G', 'D', 'E', 'F'),
	        HB_TAG('J', 'S', 'T', 'F'),
	        HB_TAG('B', 'A', 'S', 'E'),
	        HB_TAG('D', 'S', 'I', 'G'),
	        HB_TAG('n', 'a', 'm', 'e'),
	        HB_TAG('p', 'o', 's', 't'),
	        HB_TAG('g', 'a', 's', 'p'),
	};
	for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
		hb_set_add(drop, layout[i]);
	/* A character no font has shows glyph 0: keep its outline (the
	 * missing-glyph box), which hb-subset empties by default. */
	hb_subset_input_set_flags(
	        in, HB_SUBSET_FLAGS_NO_HINTING |
	                    (used[0] & 0x80u ? HB_SUBSET_FLAGS_NOTDEF_OUTLINE : 0));
	/* Glyphs are renumbered (CID = index in the subset): keeping glyph ids
	 * would keep a loca and hmtx entry for every glyph up to the highest
	 * used one, which doubled the font bytes to compress. */
	plan = hb_subset_plan_create_or_fail(lp_font_hb_embed_face(font), in);
	if (plan) {
		const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
		*n_cids = 0;
		LP_PDF_EACH_GLYPH(g, used, n_gids)
		{
			hb_codepoint_t c = hb_map_get(map, g);
			if (c == HB_MAP_VALUE_INVALID || c > 0xffff)
				continue; /* not kept: fails below */
			cid[g] = (uint16_t)c;
			if (c + 1 > *n_cids)
				*n_cids = c + 1;
		}
		sub = hb_subset_plan_execute_or_fail(plan);
	}
	if (!sub) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_FONT, lp_font_shown(font), 0, 0,
		        "the font cannot be subset for embedding");
		goto fail;
	}
	/* The subset also holds the glyphs composite glyphs are made of,
	 * which hb-subset adds after the used ones: the CIDs are every glyph
	 * of the subset, which /CIDSet must list exactly (ISO 19005-1
	 * §6.3.5). */
	if (hb_face_get_glyph_count(sub) > *n_cids)
		*n_cids = hb_face_get_glyph_count(sub);
	blob = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *bytes = hb_blob_get_data(blob, &len);
	if (!bytes || len == 0) {
		s = lp_diag_report(diag, LP_ERROR, LP_ERR_FONT, lp_font_shown(font), 0, 0,
		        "the font subset is empty");
		goto fail;
	}
	*data = malloc(len);
	if (!*data) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	memcpy(*data, bytes, len);
	*size = len;
fail:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	return s;
}

/* /CIDSet (§9.8.3.3): one bit per CID, most significant first, set for
 * each glyph the subset keeps: with renumbered glyphs, all of 0..n-1. */
static uint8_t *
cid_set_bits(lp_arena *arena, uint32_t n_cids, size_t *size)
{
	uint32_t n = n_cids ? n_cids : 1;
	*size = (n + 7) / 8;
	uint8_t *bits = lp_arena_alloc(arena, *size);
	if (bits)
		for (uint32_t c = 0; c < n; c++)
			bits[c / 8] |= (uint8_t)(0x80u >> (c % 8));
	return bits;
}

/* Subsets f and stores its program and CID set as the document writes
 * them, in the document's arena. */
static lp_status
program_make(lp_pdf_dev *d, lp_pdf_font *f, lp_pdf_font_program *p)
{
	uint8_t *data = NULL;
	size_t size = 0;
	bool deflate = d->opt.compress;
	lp_status s = lp_pdf_subset(
	        f->font, f->used, f->n_gids, f->cid, &f->n_cids, &data, &size, d->diag);
	if (s != LP_OK)
		goto fail;
	*p = (lp_pdf_font_program){.subset_size = size, .compressed = deflate, .n_cids = f->n_cids};
	LP_PDF_EACH_GLYPH(g, f->used, f->n_gids)
	p->n_used++;
	uint16_t *cids = lp_arena_array(d->arena, p->n_used ? p->n_used : 1, sizeof *cids);
	size_t set_size = 0;
	uint8_t *set = cid_set_bits(d->arena, f->n_cids, &set_size);
	if (!cids || !set) {
		s = LP_ERR_NOMEM;
		goto fail;
	}
	uint32_t i = 0;
	LP_PDF_EACH_GLYPH(g, f->used, f->n_gids)
	cids[i++] = f->cid[g];
	p->cids = cids;
	if (deflate) {
		uint8_t *file, *set_z;
		if ((s = lp_pdf_deflate_copy(d, data, size, &file, &p->file_size)) != LP_OK ||
		        (s = lp_pdf_deflate_copy(d, set, set_size, &set_z, &p->cidset_size)) !=
		                LP_OK)
			goto fail;
		p->file = file;
		p->cidset = set_z;
	} else {
		p->file = lp_arena_memdup(d->arena, data, size);
		p->file_size = size;
		p->cidset = set;
		p->cidset_size = set_size;
		if (!p->file)
			s = LP_ERR_NOMEM;
	}
fail:
	free(data);
	return s;
}

lp_status
lp_pdf_font_program_get(lp_pdf_dev *d, lp_pdf_font *f, lp_pdf_font_program *program)
{
	lp_pdf_font_cache *cache = d->opt.font_cache;
	const lp_pdf_font_program *p =
	        lp_pdf_font_cache_find(cache, f->font, f->used, f->n_gids, d->opt.compress);
	if (!p) {
		lp_status s = program_make(d, f, program);
		if (s != LP_OK)
			return s;
		/* Not kept (the cache is full, or there is none): this
		 * document's own copy serves. */
		p = lp_pdf_font_cache_add(cache, f->font, f->used, f->n_gids, program);
		if (!p)
			return LP_OK;
	}
	*program = *p;
	f->n_cids = p->n_cids;
	uint32_t i = 0;
	LP_PDF_EACH_GLYPH(g, f->used, f->n_gids)
	f->cid[g] = p->cids[i++];
	return LP_OK;
}
