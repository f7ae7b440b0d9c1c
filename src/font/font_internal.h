/*
 * A font's fields, shared by fontdb.c, which reads a font into them, and
 * font.c, which answers for it. Not for use outside font/.
 */
#ifndef LP_FONT_FONT_INTERNAL_H
#define LP_FONT_FONT_INTERNAL_H

#include "font/font_hb.h"

struct lp_font {
	char *origin; /* its identity: a real path, or a memory name */
	char *shown; /* what messages call it, when not its origin */
	char *family;
	char *ps_name;
	char *style; /* the subfamily, for listings; NULL when the font names none */
	uint8_t *data; /* the font file's bytes: malloc'd and owned, or borrowed */
	bool borrowed; /* data lies in a mapping its database holds (fontdb.c) */
	size_t size;
	hb_face_t *hb_face;
	hb_font_t *hb_font;
	hb_face_t *embed_face; /* made on first use, published once atomically */
	lp_font_metrics m;
	bool cff;
	int words; /* font_words.c: worked out on first use, published atomically */
};

#endif
