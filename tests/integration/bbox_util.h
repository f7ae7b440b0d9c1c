/*
 * What the table tests share: a release written as a head (its front
 * matter) and a body, and a word's box as `pdftotext -bbox` gives it.
 */
#ifndef LP_TEST_BBOX_UTIL_H
#define LP_TEST_BBOX_UTIL_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"

/* Writes head then body into the file name in dir. */
static inline void
write_headed(const char *dir, const char *head, const char *name, const char *body)
{
	size_t n = strlen(head) + strlen(body) + 1;
	char *text = malloc(n);
	cr_assert(ne(ptr, text, NULL));
	snprintf(text, n, "%s%s", head, body);
	write_text(dir, name, text);
	free(text);
}

typedef struct box {
	double x0, y0, x1, y1;
} box;

/* A word's box in pdftotext -bbox's output: the first with this text at
 * or after *from (moved past it; from may be NULL: from the start). */
static inline box
word(const char *bbox, const char *w, const char **from)
{
	char needle[256];
	snprintf(needle, sizeof needle, ">%s</word>", w);
	const char *p = strstr(from && *from ? *from : bbox, needle);
	cr_assert(ne(ptr, (void *)p, NULL), "no word '%s' in %s", w, bbox);
	const char *start = p;
	while (start > bbox && strncmp(start, "<word ", 6) != 0)
		start--;
	box b;
	cr_assert(eq(int,
	        sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &b.x0,
	                &b.y0, &b.x1, &b.y1),
	        4));
	if (from)
		*from = p + 1;
	return b;
}

#endif
