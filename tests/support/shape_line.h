/* Test support: shapes one line with HarfBuzz and adds it to a display
 * list, as the text and para stages will. */
#ifndef LP_TESTS_SHAPE_LINE_H
#define LP_TESTS_SHAPE_LINE_H

#include "dlist/dlist.h"

/* Shapes text (language lang, e.g. "sr"; script guessed) at size_pt with
 * its pen starting at (x, y) and tracking_pt added after every cluster;
 * actual_text may be NULL. Returns the line's advance in points. */
float lp_test_add_line(lp_dlist_builder *b, const lp_font *font, const char *text, const char *lang,
        float x, float y, float size_pt, float tracking_pt, const char *actual_text);
/* The same with the run's tracking said in the display list (as the
 * pipeline says it), so that a backend draws it as tracked text. */
float lp_test_add_tracked_line(lp_dlist_builder *b, const lp_font *font, const char *text,
        const char *lang, float x, float y, float size_pt, float tracking_pt,
        const char *actual_text);

#endif
