/*
 * A stable text dump of shaped paragraphs, for golden tests and
 * --dump=shape. One line per run, then its glyphs in hb_buffer_serialize's
 * spirit:
 *
 *   run 0 [0,12) span=0 font=NotoSerif-Italic size=11 script=Cyrl lang=sr tracking=0
 *     [1234=0+574|1240=2+520@-10,0|…]
 *
 * gid=cluster+advance, "@x,y" when the glyph is offset, then flag letters
 * after '#': u unsafe-to-break, c cluster start, t tracked.
 */
#include "text/text.h"

static void
dump_flags(uint32_t flags, FILE *f)
{
	if (!flags)
		return;
	fputc('#', f);
	if (flags & LP_GLYPH_UNSAFE_TO_BREAK)
		fputc('u', f);
	if (flags & LP_GLYPH_CLUSTER_START)
		fputc('c', f);
	if (flags & LP_GLYPH_TRACKED)
		fputc('t', f);
}

void
lp_text_dump_run(const lp_run *run, FILE *f)
{
	uint32_t s = run->script;

	fprintf(f, "run [%u,%u) span=%u font=%s size=%g script=%c%c%c%c lang=%s tracking=%d\n  [",
	        run->start, run->start + run->len, run->span,
	        run->font ? lp_font_postscript_name(run->font) : "-", (double)run->size_pt,
	        (char)(s >> 24), (char)(s >> 16), (char)(s >> 8), (char)s,
	        run->lang && run->lang[0] ? run->lang : "-", run->tracking_fu);
	for (uint32_t i = 0; i < run->n_glyphs; i++) {
		const lp_glyph *g = &run->glyphs[i];
		fprintf(f, "%s%u=%u+%d", i ? "|" : "", g->gid, g->cluster, g->x_advance_fu);
		if (g->x_offset_fu || g->y_offset_fu)
			fprintf(f, "@%d,%d", g->x_offset_fu, g->y_offset_fu);
		dump_flags(g->flags, f);
	}
	fputs("]\n", f);
}

void
lp_text_dump_shape(const lp_shaped_par *par, FILE *f)
{
	for (uint32_t i = 0; i < par->n_runs; i++)
		lp_text_dump_run(&par->runs[i], f);
}
