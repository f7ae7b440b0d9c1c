/* Layout templates as a reader sees them: optional segments drop only
 * their own piece and the punctuation tied to it, labels speak the
 * release's language (and a layout's own labels win), and the plain
 * layout prints the title, place and date it has. Each case renders a
 * release with `check --dump=dlist` and reads the lines of the trace
 * (text items on one baseline joined, as links split them). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 17];
static char lines[256][512];
static int n_lines;

LP_TEST_TEMP_DIR_SUITE(templates);

/* Renders r.md (exit status returned, messages in out) and collects the
 * trace's lines. */
static int
render(const char *release)
{
	write_text(dir, "r.md", release);
	int st = sh(out, sizeof out, "{ " LP " check %s/r.md --dump=dlist > %s/trace; }", dir, dir);
	char path[256], buf[1 << 15];
	snprintf(path, sizeof path, "%s/trace", dir);
	FILE *f = fopen(path, "r");
	cr_assert(ne(ptr, f, NULL));
	n_lines = 0;
	float last_y = -1;
	while (fgets(buf, sizeof buf, f) && n_lines < 256) {
		const char *t = strstr(buf, " text=\"");
		const char *g = t ? strstr(t, "\" [") : NULL;
		if (strncmp(buf, "text ", 5) != 0 || !g)
			continue;
		float x, y;
		unsigned gid;
		if (sscanf(g + 3, "%u@%f,%f", &gid, &x, &y) != 3)
			continue;
		if (y != last_y)
			lines[n_lines++][0] = '\0';
		last_y = y;
		strncat(lines[n_lines - 1], t + 7, (size_t)(g - t - 7));
	}
	fclose(f);
	return st;
}

static bool
has_line(const char *want)
{
	for (int i = 0; i < n_lines; i++)
		if (!strcmp(lines[i], want))
			return true;
	return false;
}

static bool
has_line_starting(const char *prefix)
{
	for (int i = 0; i < n_lines; i++)
		if (!strncmp(lines[i], prefix, strlen(prefix)))
			return true;
	return false;
}

static const char *
all_lines(void)
{
	static char all[256 * 520];
	all[0] = '\0';
	for (int i = 0; i < n_lines; i++) {
		strcat(all, "[");
		strcat(all, lines[i]);
		strcat(all, "]\n");
	}
	return all;
}

Test(templates, the_footer_keeps_each_contact_it_has)
{
	static const char *const field[] = {
	        "phone: \"+381 11 1\"\n", "fax: \"+381 11 2\"\n", "email: mediji@example.rs\n"};
	/* A contact left empty: the layout's default would fill one left out. */
	static const char *const empty[] = {"phone: \"\"\n", "fax: \"\"\n", "email: \"\"\n"};
	static const char *const part[] = {
	        "Телефон: +381 11 1", "Факс: +381 11 2", "Мејл: mediji@example.rs"};
	for (int mask = 0; mask < 8; mask++) {
		char rel[1024], want[256] = "";
		snprintf(rel, sizeof rel,
		        "---\nlayout: predsednik\ntitle: Т\nplace: Београд\ndate: "
		        "2024-02-20\n%s%s%s---"
		        "\n\nТекст.\n",
		        mask & 1 ? field[0] : empty[0], mask & 2 ? field[1] : empty[1],
		        mask & 4 ? field[2] : empty[2]);
		for (int i = 0; i < 3; i++)
			if (mask & (1 << i))
				snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
				        *want ? ", " : "", part[i]);
		cr_assert(eq(int, render(rel), 0), "%s", out);
		if (mask)
			cr_assert(has_line(want), "mask %d: no line '%s' in\n%s", mask, want,
			        all_lines());
		/* Nothing of a missing contact: neither its label nor a lone
		 * separator at either end of the line. */
		for (int i = 0; i < n_lines; i++) {
			size_t len = strlen(lines[i]);
			cr_assert(lines[i][0] != ' ' && (len == 0 || lines[i][len - 1] != ' '),
			        "mask %d: '%s'", mask, lines[i]);
			/* (The dateline's comma, "Београд,", is its own.) */
			cr_assert(lines[i][0] != ',' && (len == 0 || lines[i][len - 1] != ',' ||
			                                        !strcmp(lines[i], "Београд,")),
			        "mask %d: a lone separator in '%s'", mask, lines[i]);
			for (int k = 0; k < 3; k++)
				if (!(mask & (1 << k))) {
					char label[32];
					snprintf(label, sizeof label, "%.*s",
					        (int)(strchr(part[k], ':') - part[k] + 1), part[k]);
					cr_assert(eq(ptr, strstr(lines[i], label), NULL),
					        "mask %d: '%s'", mask, lines[i]);
				}
		}
	}
}

/* The shipped letterheads part their contacts with commas, never a middle
 * dot: faxed, "·" is read as "-", ":" or "+" by OCR, 300-dpi scans too
 * (docs/benchmarks.md, Fax legibility). */
Test(templates, shipped_letterheads_part_contacts_with_commas)
{
	static const struct {
		const char *layout, *want;
	} cases[] = {
	        {"memorandum", "+381 11 1, mediji@example.rs, www.example.rs"},
	        {"latinica", "+381 11 1, mediji@example.rs, www.example.rs"},
	        {"predsednik", "Телефон: +381 11 1, Факс: +381 11 2, Мејл: mediji@example.rs"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char rel[512];
		snprintf(rel, sizeof rel,
		        "---\nlayout: %s\ntitle: Т\nnumber: 7\nplace: Београд\ndate: "
		        "2024-02-20\nphone: \"+381 11 1\"\nfax: \"+381 11 2\"\nemail: "
		        "mediji@example.rs\nweb: www.example.rs\n---\n\nТекст.\n",
		        cases[c].layout);
		cr_assert(eq(int, render(rel), 0), "%s: %s", cases[c].layout, out);
		cr_assert(has_line(cases[c].want), "%s: %s", cases[c].layout, all_lines());
		for (int i = 0; i < n_lines; i++)
			cr_assert(eq(ptr, strstr(lines[i], "·"), NULL), "%s: '%s'", cases[c].layout,
			        lines[i]);
	}
}

Test(templates, the_dateline_drops_the_comma_with_the_date)
{
	static const char head[] = "---\nlayout: predsednik\ntitle: Т\n";
	char rel[512];
	snprintf(rel, sizeof rel, "%splace: Нови Сад\ndate: 2024-02-20\n---\n\nТекст.\n", head);
	cr_assert(eq(int, render(rel), 0), "%s", out);
	cr_assert(has_line("Нови Сад,"), "%s", all_lines());
	cr_assert(has_line("20. фебруар 2024. године"), "%s", all_lines());
	cr_assert(eq(ptr, strstr(out, "is dated"), NULL), "%s", out);

	snprintf(rel, sizeof rel, "%splace: Нови Сад\n---\n\nТекст.\n", head);
	cr_assert(eq(int, render(rel), 0), "%s", out);
	cr_assert(has_line("Нови Сад"), "%s", all_lines());
	cr_assert(not(has_line("Нови Сад,")), "%s", all_lines());
	/* Warned at the front matter. */
	cr_assert(ne(ptr, strstr(out, "r.md:1:1: warning: a press release is dated"), NULL), "%s",
	        out);

	snprintf(rel, sizeof rel, "%sdate: 2024-02-20\n---\n\nТекст.\n", head);
	cr_assert(eq(int, render(rel), 0), "%s", out);
	cr_assert(has_line("20. фебруар 2024. године"), "%s", all_lines());
	cr_assert(not(has_line_starting(",")), "%s", all_lines());
}

Test(templates, labels_speak_the_release_language)
{
	static const struct {
		const char *lang, *number, *date, *page;
	} langs[] = {
	        {"sr-Cyrl", "Број: 7", "Датум: 20. фебруар 2024. године", "Страна 2/"},
	        {"sr-Latn", "Broj: 7", "Datum: 20. februar 2024. godine", "Strana 2/"},
	        {"ru", "Номер: 7", "Дата: 20 февраля 2024 г.", "Страница 2/"},
	        {"uk", "Номер: 7", "Дата: 20 лютого 2024 р.", "Сторінка 2/"},
	        {"bg", "Номер: 7", "Дата: 20 февруари 2024 г.", "Страница 2/"},
	        {"mk", "Број: 7", "Датум: 20 февруари 2024 година", "Страница 2/"},
	        {"en", "Reference: 7", "Date: 20 February 2024", "Page 2 of "},
	};
	/* Long enough for a second page. */
	static char body[40000];
	body[0] = '\0';
	for (int i = 0; i < 60; i++)
		strcat(body, "Текст текст текст текст текст текст текст текст текст текст текст "
		             "текст текст текст текст текст текст текст текст текст.\n\n");
	for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
		static char rel[48000];
		snprintf(rel, sizeof rel,
		        "---\nlayout: memorandum\nlang: %s\ntitle: Т\nnumber: 7\nplace: "
		        "Тула\ndate: "
		        "2024-02-20\n---\n\n%s",
		        langs[l].lang, body);
		cr_assert(eq(int, render(rel), 0), "%s", out);
		cr_assert(has_line(langs[l].number), "%s: %s", langs[l].lang, all_lines());
		cr_assert(has_line(langs[l].date), "%s: %s", langs[l].lang, all_lines());
		cr_assert(has_line_starting(langs[l].page), "%s: %s", langs[l].lang, all_lines());
	}
}

Test(templates, a_layout_adds_and_overrides_labels)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "mkdir -p %s/l && cp " LP_TEST_LAYOUTS_DIR "/memorandum/* %s/l/",
	        dir, dir);
	cr_assert(eq(int, system(cmd), 0));
	snprintf(cmd, sizeof cmd,
	        "printf 'labels:\\n  ru: {number: Исх. №, room: Кабинет}\\n  en: {room: Room}\\n' "
	        ">> "
	        "%s/l/layout.yaml && sed -i 's/\"{label.place}: {place}\"/\"{label.place}: "
	        "{place}[ · {label.room} {room}]\"/; s/^fields: \\[/fields: [room, /' "
	        "%s/l/layout.yaml",
	        dir, dir);
	cr_assert(eq(int, system(cmd), 0));
	cr_assert(eq(int,
	                  render("---\nlayout: l/layout.yaml\nlang: ru\ntitle: Т\nnumber: "
	                         "7\nplace: Тула\nroom: "
	                         "12\ndate: 2024-02-20\n---\n\nТекст.\n"),
	                  0),
	        "%s", out);
	cr_assert(has_line("Исх. №: 7"), "%s", all_lines());
	cr_assert(has_line("Место: Тула · Кабинет 12"), "%s", all_lines());
	/* A language the layout does not name: its English label, and the
	 * built-in labels of the language. */
	cr_assert(eq(int,
	                  render("---\nlayout: l/layout.yaml\nlang: bg\ntitle: Т\nnumber: "
	                         "7\nplace: Тула\nroom: "
	                         "12\ndate: 2024-02-20\n---\n\nТекст.\n"),
	                  0),
	        "%s", out);
	cr_assert(has_line("Номер: 7"), "%s", all_lines());
	cr_assert(has_line("Място: Тула · Room 12"), "%s", all_lines());
}

/* {organ.N-} inside a line is the Nth organ line and every one after it,
 * one line each, as {organ} inside a line is all of them (alone on its
 * line, it always was). */
Test(templates, an_organ_run_inside_a_line_keeps_every_line)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	        "mkdir -p %s/l && cp " LP_TEST_LAYOUTS_DIR "/memorandum/* %s/l/ && sed -i "
	        "'s/lines: \\[\"{organ.2}\", \"{organ.3}\", \"{organ.4-}\"\\]/lines: "
	        "[\"{organ.2} — {organ.3-}\"]/' %s/l/layout.yaml && grep -c 'organ.3-' "
	        "%s/l/layout.yaml",
	        dir, dir, dir, dir);
	cr_assert(eq(int, sh(out, sizeof out, "%s", cmd), 0), "%s", out);
	cr_assert(eq(int,
	                  render("---\nlayout: l/layout.yaml\ntitle: Т\nplace: Београд\n"
	                         "date: 2024-02-20\norgan: [Република Србија, Министарство, "
	                         "Сектор, Одсек]\n---\n\nТекст.\n"),
	                  0),
	        "%s", out);
	/* (the line break's U+2028 is a space at the line's end in the text) */
	cr_assert(has_line_starting("Министарство — Сектор"), "%s", all_lines());
	cr_assert(has_line("Одсек"), "%s", all_lines());
}

Test(templates, template_mistakes_are_located)
{
	static const struct {
		const char *line, *message;
	} cases[] = {
	        {"\"[{place}[, {date}]]\"", "optional segments do not nest"},
	        {"\"[{place}, {date}\"", "'[' without ']'"},
	        {"\"{place}], {date}\"", "']' without '['"},
	        {"\"{label.nope}: {place}\"", "no label 'nope'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char yaml[1024];
		snprintf(yaml, sizeof yaml,
		        "styles:\n  body: {size: 11pt}\nfirst-page:\n  blocks:\n    - kind: "
		        "dateline\n "
		        "     flow: after\n      lines: [%s]\n",
		        cases[i].line);
		write_text(dir, "bad.yaml", yaml);
		cr_assert(eq(int,
		                  render("---\nlayout: bad.yaml\ntitle: Т\ndate: "
		                         "2024-02-20\n---\n\nТекст.\n"),
		                  65),
		        "%s", out);
		cr_assert(ne(ptr, strstr(out, "bad.yaml:7:"), NULL), "%s", out);
		cr_assert(ne(ptr, strstr(out, cases[i].message), NULL), "%s", out);
	}
}

Test(templates, plain_prints_title_place_and_date)
{
	cr_assert(eq(int,
	                  render("---\nlang: sr-Cyrl\ntitle: Саопштење\nplace: Ниш\ndate: "
	                         "2024-03-01\n---\n\nТекст саопштења.\n"),
	                  0),
	        "%s", out);
	cr_assert(eq(str, lines[0], "Саопштење"), "%s", all_lines());
	cr_assert(eq(str, lines[1], "Ниш, 1. март 2024. године"), "%s", all_lines());
	cr_assert(eq(str, lines[2], "Текст саопштења."), "%s", all_lines());
	/* The date alone, without its comma. */
	cr_assert(eq(int, render("---\nlang: en\ndate: 2024-03-01\n---\n\nText.\n"), 0), "%s", out);
	cr_assert(eq(str, lines[0], "1 March 2024"), "%s", all_lines());
	cr_assert(eq(str, lines[1], "Text."), "%s", all_lines());
	/* No front matter: the text alone, and no warning about a date. */
	cr_assert(eq(int, render("Text.\n"), 0), "%s", out);
	cr_assert(eq(int, n_lines, 1), "%s", all_lines());
	cr_assert(eq(ptr, strstr(out, "dated"), NULL), "%s", out);
}
