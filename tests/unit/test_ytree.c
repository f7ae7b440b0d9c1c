#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "base/diag.h"
#include "base/limits.h"
#include "layout/ytree.h"

typedef struct yt {
	lp_source *src;
	lp_arena *arena;
	lp_diag *diag;
	const lp_ynode *root;
} yt;

static lp_status
parse(yt *t, const char *text)
{
	memset(t, 0, sizeof *t);
	cr_assert(eq(int, lp_source_from_memory("t.yaml", text, strlen(text), &t->src), LP_OK));
	t->arena = lp_arena_new(0);
	t->diag = lp_diag_new(NULL, NULL);
	return lp_ytree_parse(t->src, t->arena, &t->root, t->diag);
}

static void
done(yt *t)
{
	lp_source_drop(t->src);
	lp_arena_drop(t->arena);
	lp_diag_drop(t->diag);
}

Test(ytree, builds_maps_lists_and_scalars_with_positions)
{
	yt t;
	cr_assert(eq(int, parse(&t, "a: 1\nb:\n  - x\n  - 'y'\nc: {d: e}\n"), LP_OK));
	cr_assert(eq(int, t.root->kind, LP_YNODE_MAP));
	cr_assert(eq(u32, t.root->n, 3));
	const lp_ynode *b = lp_ytree_get(t.root, "b");
	cr_assert(eq(int, b->kind, LP_YNODE_SEQ));
	cr_assert(eq(u32, b->n, 2));
	cr_assert(eq(str, (char *)b->items[1]->str, "y"));
	cr_assert(not(b->items[1]->plain));
	cr_assert(b->items[0]->plain);
	cr_assert(eq(u32, b->items[1]->line, 4));
	cr_assert(eq(u32, b->items[1]->col, 5));
	const lp_ynode *d = lp_ytree_get(lp_ytree_get(t.root, "c"), "d");
	cr_assert(eq(str, (char *)d->str, "e"));
	cr_assert(eq(ptr, (void *)lp_ytree_get(t.root, "zz"), NULL));
	cr_assert(eq(ptr, (void *)lp_ytree_get(b, "x"), NULL));
	done(&t);
}

Test(ytree, aliases_are_refused)
{
	yt t;
	/* The first rung of a billion-laughs ladder. */
	cr_assert(eq(int, parse(&t, "a: &x [1, 2]\nb: [*x, *x]\n"), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(t.diag, 0);
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(u32, e->col, 5));
	cr_assert(strstr(e->message, "aliases") != NULL);
	done(&t);
}

Test(ytree, nesting_is_capped)
{
	char text[256] = "";
	for (int i = 0; i < LP_MAX_LAYOUT_DEPTH + 1; i++)
		strcat(text, "[");
	yt t;
	cr_assert(eq(int, parse(&t, text), LP_ERR_LIMIT));
	done(&t);
}

Test(ytree, node_count_is_capped)
{
	size_t n = LP_MAX_LAYOUT_NODES + 10;
	char *text = malloc(n * 3 + 4);
	cr_assert(text != NULL);
	char *p = text;
	*p++ = '[';
	for (size_t i = 0; i < n; i++) {
		*p++ = '1';
		*p++ = ',';
	}
	*p++ = ']';
	*p = '\0';
	yt t;
	cr_assert(eq(int, parse(&t, text), LP_ERR_LIMIT));
	free(text);
	done(&t);
}

Test(ytree, duplicate_keys_report_the_second)
{
	yt t;
	cr_assert(eq(int, parse(&t, "a: 1\nb: 2\na: 3\n"), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(t.diag, 0);
	cr_assert(eq(u32, e->line, 3));
	cr_assert(eq(u32, e->col, 1));
	cr_assert(strstr(e->message, "duplicate key 'a'") != NULL);
	done(&t);
}

Test(ytree, syntax_errors_have_positions)
{
	yt t;
	cr_assert(eq(int, parse(&t, "a: 1\nb: [1, 2\n"), LP_ERR_SYNTAX));
	const lp_diag_entry *e = lp_diag_at_index(t.diag, 0);
	cr_assert(lt(u32, 1, e->line));
	cr_assert(strstr(e->message, "YAML") != NULL);
	done(&t);
}

Test(ytree, complex_keys_nul_and_many_documents_are_errors)
{
	yt t;
	cr_assert(eq(int, parse(&t, "? [a]\n: 1\n"), LP_ERR_SYNTAX));
	done(&t);
	cr_assert(eq(int, parse(&t, "a: \"x\\0y\"\n"), LP_ERR_SYNTAX));
	done(&t);
	cr_assert(eq(int, parse(&t, "a: 1\n---\nb: 2\n"), LP_ERR_SYNTAX));
	done(&t);
}

Test(ytree, empty_input_has_no_root)
{
	yt t;
	cr_assert(eq(int, parse(&t, ""), LP_OK));
	cr_assert(eq(ptr, (void *)t.root, NULL));
	done(&t);
}
