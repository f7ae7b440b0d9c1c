#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "dlist/device.h"
#include "test-config.h"

typedef struct count_dev {
	lp_device dev;
	int pages, texts, rules, links;
	char text[64];
} count_dev;

static lp_status
on_page(lp_device *d, const lp_dl_page *p, uint32_t i)
{
	(void)p;
	(void)i;
	((count_dev *)d)->pages++;
	return LP_OK;
}

static lp_status
on_text(lp_device *d, const lp_dl_text *t)
{
	count_dev *c = (count_dev *)d;
	c->texts++;
	memcpy(c->text, t->text, t->text_len);
	c->text[t->text_len] = '\0';
	return LP_OK;
}

static lp_status
on_rule(lp_device *d, const lp_dl_rule *r)
{
	(void)r;
	((count_dev *)d)->rules++;
	return LP_ERR_BACKEND; /* stops the replay */
}

static lp_status
on_link(lp_device *d, const lp_dl_link *l)
{
	(void)l;
	((count_dev *)d)->links++;
	return LP_OK;
}

Test(dlist, builds_copies_and_replays_in_order)
{
	lp_fontdb *db = lp_fontdb_new();
	cr_assert(eq(int, lp_fontdb_add_file(db, LP_TEST_FONTS_DIR "/NotoSerif-Regular.ttf", NULL),
	        LP_OK));
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	char text[] = "Ђак";
	lp_dl_glyph g[3] = {{1, 10, 20, 0}, {2, 20, 20, 2}, {3, 30, 20, 4}};
	lp_dl_text t = {lp_fontdb_font_at(db, 0), 11, 0, g, 3, text, (uint32_t)strlen(text), NULL};
	lp_dlist_add_text(b, &t);
	text[0] = 'X'; /* the list holds its own copy */
	lp_dl_link l = {0, 0, 10, 10, "mailto:mediji@predsednik.rs"};
	lp_dlist_add_link(b, &l);
	lp_dlist_begin_page(b, 595, 842);
	lp_dl_rule r = {0, 0, 100, 0, 0.5f, 0};
	lp_dlist_add_rule(b, &r);
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_OK));
	cr_assert(eq(u32, list->n_pages, 2));

	count_dev c = {0};
	c.dev.begin_page = on_page;
	c.dev.text = on_text;
	c.dev.rule = on_rule;
	c.dev.link = on_link;
	cr_assert(eq(int, lp_dlist_run(list, &c.dev), LP_ERR_BACKEND));
	cr_assert(eq(int, c.pages, 2));
	cr_assert(eq(int, c.texts, 1));
	cr_assert(eq(int, c.links, 1));
	cr_assert(eq(int, c.rules, 1));
	cr_assert(eq(str, c.text, "Ђак"));
	lp_dlist_drop(list);
	lp_fontdb_drop(db);
}

Test(dlist, nan_is_rejected_once_at_finish)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_dl_rule r = {0, NAN, 100, 0, 0.5f, 0};
	lp_dlist_add_rule(b, &r);
	lp_dlist_add_rule(b, &(lp_dl_rule){0, 0, 1, 1, 1, 0});
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_ERR_INTERNAL));
	cr_assert(eq(ptr, list, NULL));
}

Test(dlist, item_before_page_and_bad_page_size_fail)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_add_rule(b, &(lp_dl_rule){0, 0, 1, 1, 1, 0});
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_ERR_INTERNAL));
	b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, INFINITY, 842);
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_ERR_INTERNAL));
}

Test(dlist, a_failure_found_while_preparing_is_kept)
{
	lp_dlist_builder *b = lp_dlist_builder_new();
	lp_dlist_begin_page(b, 595, 842);
	lp_dlist_builder_fail(b, LP_ERR_NOMEM);
	lp_dlist_builder_fail(b, LP_ERR_INTERNAL); /* the first one stays */
	lp_dlist_add_rule(b, &(lp_dl_rule){0, 0, 1, 1, 1, 0});
	lp_dlist *list;
	cr_assert(eq(int, lp_dlist_builder_finish(b, &list), LP_ERR_NOMEM));
	cr_assert(eq(ptr, list, NULL));
}
