/* Shared by the layout/ tests: a layout written to a fresh folder under
 * /tmp, loaded, and its diagnostics searched by line and column. */
#ifndef LP_TEST_LAYOUT_FIXTURE_H
#define LP_TEST_LAYOUT_FIXTURE_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "layout/layout.h"
#include "test-config.h"

typedef struct lt_dir {
	char path[64];
	char files[8][160];
	int n_files;
} lt_dir;

static inline void
lt_write(lt_dir *d, const char *name, const char *text)
{
	cr_assert(d->n_files < 8);
	char dir[sizeof d->path];
	memcpy(dir, d->path, sizeof dir);
	char *p = d->files[d->n_files++];
	snprintf(p, sizeof d->files[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	cr_assert(f != NULL);
	fwrite(text, 1, strlen(text), f);
	fclose(f);
}

static inline void
lt_dir_new(lt_dir *d, const char *yaml)
{
	memset(d, 0, sizeof *d);
	strcpy(d->path, "/tmp/lp-layout-XXXXXX");
	cr_assert(mkdtemp(d->path) != NULL);
	if (yaml)
		lt_write(d, "layout.yaml", yaml);
}

static inline void
lt_dir_drop(lt_dir *d)
{
	for (int i = 0; i < d->n_files; i++)
		unlink(d->files[i]);
	rmdir(d->path);
}

/* Loads yaml from a fresh folder; the folder is removed again. */
static inline lp_status
lt_load(const char *yaml, lp_layout **out, lp_diag *diag)
{
	lt_dir d;
	lt_dir_new(&d, yaml);
	lp_status st = lp_layout_load(d.path, NULL, 0, out, diag);
	lt_dir_drop(&d);
	return st;
}

/* True when diag holds an error at line:col whose message contains text. */
static inline bool
lt_has_error(const lp_diag *diag, uint32_t line, uint32_t col, const char *text)
{
	for (size_t i = 0; i < lp_diag_size(diag); i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (e && e->severity == LP_ERROR && e->line == line && e->col == col &&
		        strstr(e->message, text))
			return true;
	}
	return false;
}

/* Every message, one per line, for failure reports. */
static inline const char *
lt_messages(const lp_diag *diag, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < lp_diag_size(diag) && used < size - 1; i++) {
		const lp_diag_entry *e = lp_diag_at_index(diag, i);
		if (e)
			used += lp_diag_format(e, buf + used, size - used);
		if (used < size - 1)
			buf[used++] = '\n', buf[used] = '\0';
	}
	return buf;
}

/* Loading yaml fails with an error at line:col whose message contains
 * message, and yields no layout. */
static inline void
lt_assert_rejected(const char *yaml, uint32_t line, uint32_t col, const char *message)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_layout *l = (lp_layout *)1;
	char buf[4096];
	cr_assert(eq(int, lt_load(yaml, &l, d), LP_ERR_SYNTAX));
	cr_assert(eq(ptr, l, NULL));
	cr_assert(lt_has_error(d, line, col, message), "want %u:%u %s, got:\n%s", line, col,
	        message, lt_messages(d, buf, sizeof buf));
	lp_diag_drop(d);
}

#endif
