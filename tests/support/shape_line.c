#include "shape_line.h"

#include "font/font_hb.h"

#include <stdlib.h>
#include <string.h>

static float
add_line(lp_dlist_builder *b, const lp_font *font, const char *text, const char *lang, float x,
        float y, float size_pt, float tracking_pt, const char *actual_text, bool say_tracking)
{
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, text, -1, 0, -1);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
	hb_shape(lp_font_hb_font(font), buf, NULL, 0);
	unsigned n;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
	float scale = size_pt / (float)lp_font_metrics_of(font)->units_per_em;
	lp_dl_glyph *g = calloc(n ? n : 1, sizeof *g);
	float pen = x;
	for (unsigned i = 0; i < n; i++) {
		g[i].gid = info[i].codepoint;
		g[i].cluster = info[i].cluster;
		g[i].x = pen + (float)pos[i].x_offset * scale;
		g[i].y = y - (float)pos[i].y_offset * scale;
		pen += (float)pos[i].x_advance * scale;
		if (i + 1 == n || info[i + 1].cluster != info[i].cluster)
			pen += tracking_pt;
	}
	lp_dl_text t = {font, size_pt, 0x000000, g, n, text, (uint32_t)strlen(text), actual_text};
	if (say_tracking)
		t.tracking_pt = tracking_pt;
	lp_dlist_add_text(b, &t);
	free(g);
	hb_buffer_destroy(buf);
	return pen - x;
}

float
lp_test_add_line(lp_dlist_builder *b, const lp_font *font, const char *text, const char *lang,
        float x, float y, float size_pt, float tracking_pt, const char *actual_text)
{
	return add_line(b, font, text, lang, x, y, size_pt, tracking_pt, actual_text, false);
}

float
lp_test_add_tracked_line(lp_dlist_builder *b, const lp_font *font, const char *text,
        const char *lang, float x, float y, float size_pt, float tracking_pt,
        const char *actual_text)
{
	return add_line(b, font, text, lang, x, y, size_pt, tracking_pt, actual_text, true);
}
