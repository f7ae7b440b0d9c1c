#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "release/release.h"
#include "test-config.h"

struct example {
	char file[48];
	char layout[16];
	char lang[8];
	char date_text[48];
};

ParameterizedTestParameters(release, examples_parse)
{
	static struct example ex[] = {
	        {"predsednik-2024-02-20.md", "predsednik", "sr-Cyrl", "20. фебруар 2024. године"},
	        {"latinica-2024-03-14.md", "latinica", "sr-Latn", "14. mart 2024. godine"},
	        {"ru-2024-04-09.md", "memorandum", "ru", "9 апреля 2024 г."},
	        {"uk-2024-05-16.md", "memorandum", "uk", "16 травня 2024 р."},
	        {"bg-2024-06-11.md", "memorandum", "bg", "11 юни 2024 г."},
	        {"mk-2024-07-02.md", "memorandum", "mk", "2 јули 2024 година"},
	        {"en-2024-09-24.md", "latinica", "en", "24 September 2024"},
	        {"long-izvestaj.md", "memorandum", "sr-Cyrl", "15. октобар 2024. године"},
	};
	return cr_make_param_array(struct example, ex, sizeof ex / sizeof ex[0]);
}

/* Every example release parses cleanly with its layout, language and date,
 * and (except the seed-derived one) shows emphasis, a link, a list and
 * typographic quotes. */
ParameterizedTest(struct example *ex, release, examples_parse)
{
	char path[512];
	snprintf(path, sizeof path, "%s/examples/%s", LP_TEST_SRCDIR, ex->file);
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_arena *a = lp_arena_new(0);
	lp_source *src;
	cr_assert(eq(int, lp_source_load(path, LP_MAX_RELEASE_BYTES, &src, d), LP_OK));
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, NULL, a, &rel, d), LP_OK));
	cr_assert(eq(sz, lp_diag_size(d), 0));
	cr_assert(eq(str, (char *)rel->meta.layout, ex->layout));
	cr_assert(eq(str, (char *)rel->meta.lang, ex->lang));
	cr_assert(eq(str, (char *)rel->meta.date_text, ex->date_text));
	cr_assert(not(eq(ptr, (void *)rel->meta.title, NULL)));
	cr_assert(not(eq(ptr, (void *)rel->meta.place, NULL)));
	cr_assert(lt(u32, 0, rel->meta.n_organ));
	bool em = false, list = false, straight = false;
	for (uint32_t i = 0; i < rel->n_blocks; i++) {
		const lp_block *b = &rel->blocks[i];
		list |= b->kind == LP_BLOCK_LIST_ITEM;
		for (uint32_t k = 0; k < b->n_spans; k++)
			em |= (b->spans[k].flags & (LP_INLINE_EM | LP_INLINE_STRONG)) != 0;
		straight |= strchr(b->text, '"') != NULL || strchr(b->text, '\'') != NULL;
	}
	cr_assert(not(straight));
	if (strcmp(ex->layout, "predsednik") != 0) {
		cr_assert(em);
		cr_assert(list);
		cr_assert(lt(u32, 0, rel->n_links));
	}
	lp_source_drop(src);
	lp_arena_drop(a);
	lp_diag_drop(d);
}

Test(release, predsednik_example_is_the_seed_as_a_release)
{
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_arena *a = lp_arena_new(0);
	lp_source *src;
	cr_assert(eq(int,
	        lp_source_load(LP_TEST_SRCDIR "/examples/predsednik-2024-02-20.md",
	                LP_MAX_RELEASE_BYTES, &src, d),
	        LP_OK));
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, NULL, a, &rel, d), LP_OK));
	const lp_meta *m = &rel->meta;
	cr_assert(eq(str, (char *)m->title, "Саопштење за медије"));
	cr_assert(eq(str, (char *)m->place, "Београд"));
	cr_assert(eq(u32, m->n_organ, 3));
	cr_assert(eq(str, (char *)m->organ[0], "РЕПУБЛИКА СРБИЈА"));
	cr_assert(eq(str, (char *)m->organ[1], "СЛУЖБА ЗА САРАДЊУ СА МЕДИЈИМА"));
	cr_assert(eq(str, (char *)m->organ[2], "ПРЕДСЕДНИКА РЕПУБЛИКЕ"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "phone"), "+381 11 3043 086"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "fax"), "+381 11 3043 280"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "email"), "mediji@predsednik.rs"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "web"), "www.predsednik.rs"));
	cr_assert(eq(
	        str, (char *)lp_release_field(rel, "address"), "Андрићев венац 1, 11000 Београд"));
	cr_assert(
	        eq(str, (char *)lp_release_field(rel, "cabinet"), "Кабинет председника Републике"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "service"),
	        "Служба за сарадњу са медијима председника Републике"));
	cr_assert(eq(u32, rel->n_blocks, 7));
	/* Offsets count the front matter: each paragraph's text starts there. */
	for (uint32_t i = 0; i < rel->n_blocks; i++) {
		const lp_block *b = &rel->blocks[i];
		cr_assert(eq(int, b->kind, LP_BLOCK_PARAGRAPH));
		cr_assert(lt(u64, b->src_offset + 40, lp_source_size(src)));
		cr_assert(eq(int, memcmp(lp_source_data(src) + b->src_offset, b->text, 40), 0));
	}
	cr_assert(eq(int,
	        strncmp(rel->blocks[0].text, "Председник Републике Србије",
	                strlen("Председник Републике Србије")),
	        0));
	lp_source_drop(src);
	lp_arena_drop(a);
	lp_diag_drop(d);
}

Test(release, bad_arguments_are_usage_errors)
{
	lp_arena *a = lp_arena_new(0);
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(NULL, NULL, a, &rel, NULL), LP_ERR_USAGE));
	cr_assert(eq(ptr, (void *)lp_release_field(NULL, "title"), NULL));
	lp_arena_drop(a);
}

Test(release, same_input_gives_the_same_blocks)
{
	const char *text = "---\ntitle: \"'a'\"\n---\n\"Текст\" *и* [веза](http://x.rs).\n";
	lp_source *src;
	cr_assert(eq(int, lp_source_from_memory("d.md", text, strlen(text), &src), LP_OK));
	lp_arena *a = lp_arena_new(0);
	lp_release *r1, *r2;
	cr_assert(eq(int, lp_release_parse(src, NULL, a, &r1, NULL), LP_OK));
	cr_assert(eq(int, lp_release_parse(src, NULL, a, &r2, NULL), LP_OK));
	cr_assert(eq(u32, r1->n_blocks, r2->n_blocks));
	cr_assert(eq(str, (char *)r1->blocks[0].text, (char *)r2->blocks[0].text));
	cr_assert(eq(int,
	        memcmp(r1->blocks[0].spans, r2->blocks[0].spans,
	                r1->blocks[0].n_spans * sizeof(lp_rspan)),
	        0));
	cr_assert(eq(str, (char *)r1->meta.title, "‚a’"));
	lp_arena_drop(a);
	lp_source_drop(src);
}

/* The front matter's text gets the language's quotation marks as the body
 * does, wherever the letterhead prints it: organ lines (and their joined
 * text), place, number, signature, watermark and other fields; not the
 * language, nor the paths. */
Test(release, front_matter_text_gets_the_languages_quotes)
{
	static const char text[] =
	        "---\nlang: bg\ntitle: За \"Зелена София\"\nplace: Район \"Младост\"\n"
	        "number: РД-09-117 \"А\"\ndate: 2024-10-03\n"
	        "organ: [Столична община, Дирекция \"Обществени отношения\"]\n"
	        "signature: {name: Иван Петров, function: Директор на \"ОО\"}\n"
	        "watermark: \"\\\"Проект\\\"\"\nsubtitle: Програма 'Зелена'\n---\nТекст.\n";
	lp_diag *d = lp_diag_new(NULL, NULL);
	lp_arena *a = lp_arena_new(0);
	lp_source *src;
	cr_assert(eq(int, lp_source_from_memory("r.md", text, sizeof text - 1, &src), LP_OK));
	lp_release *rel;
	cr_assert(eq(int, lp_release_parse(src, NULL, a, &rel, d), LP_OK));
	const lp_meta *m = &rel->meta;
	cr_assert(eq(str, (char *)m->title, "За „Зелена София“"));
	cr_assert(eq(str, (char *)m->place, "Район „Младост“"));
	cr_assert(eq(str, (char *)m->number, "РД-09-117 „А“"));
	cr_assert(eq(str, (char *)m->organ[1], "Дирекция „Обществени отношения“"));
	cr_assert(eq(str, (char *)m->organ_text,
	        "Столична община\u2028Дирекция „Обществени отношения“"));
	cr_assert(eq(str, (char *)m->signature.function, "Директор на „ОО“"));
	cr_assert(eq(str, (char *)m->watermark, "„Проект“"));
	cr_assert(eq(str, (char *)lp_release_field(rel, "subtitle"), "Програма ‚Зелена‘"));
	lp_source_drop(src);
	lp_arena_drop(a);
	lp_diag_drop(d);
}
