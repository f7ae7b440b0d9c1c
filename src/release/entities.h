/*
 * Character references ("&ndash;", "&#x2116;") in Markdown text and link
 * targets, as md4c hands them over: the numeric ones, and the named ones a
 * press release plausibly uses.
 */
#ifndef LP_RELEASE_ENTITIES_H
#define LP_RELEASE_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/* Decodes "&…;" (n bytes) into out as UTF-8 and returns its length; 0 when
 * it is not an entity letterpress knows, and the text is then kept as
 * written (as CommonMark does). Code points that are not Unicode scalar
 * values, and NUL, become U+FFFD (CommonMark §2.5). */
size_t lp_md_decode_entity(const char *e, size_t n, uint8_t out[4]);

#endif
