/* `letterpress fonts [IN.md]`: the faces a layout can use and where each
 * came from, and with a release, the face that sets each of its
 * characters; a thin client of lp_font_report_make(). */
#include "cli/cli.h"

#include <stdio.h>
#include <sysexits.h>

static const char *const from_names[] = {"layout", "bundled", "system"};

/* Characters a terminal would act on or that reorder the line are named
 * by code point only. */
static bool
printable(uint32_t cp)
{
	return !(cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
	         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
	         (cp >= 0xD800 && cp <= 0xDFFF));
}

static void
put_utf8(uint32_t cp)
{
	char b[5] = {0};
	if (cp < 0x80)
		b[0] = (char)cp;
	else if (cp < 0x800)
		b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F));
	else if (cp < 0x10000)
		b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
		b[2] = (char)(0x80 | (cp & 0x3F));
	else
		b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | (cp >> 12 & 0x3F)),
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F));
	fputs(b, stdout);
}

static void
print_report(const lp_font_report *r, const char *release)
{
	printf("faces:\n");
	for (size_t i = 0; i < r->n_faces; i++) {
		const lp_font_face *f = &r->faces[i];
		printf("  %-22s %-14s %3u %-7s %s\n", f->family, f->style[0] ? f->style : "-",
		        (unsigned)f->weight, from_names[f->from], f->file);
	}
	if (!release)
		return;
	printf("characters: %zu, %zu in no face\n", r->n_chars, r->n_uncovered);
	for (size_t i = 0; i < r->n_chars; i++) {
		const lp_font_char *c = &r->chars[i];
		printf("  U+%04X ", (unsigned)c->codepoint);
		if (printable(c->codepoint))
			put_utf8(c->codepoint);
		else
			putchar(' ');
		if (c->face < 0) {
			printf("  in no face, first at %s:%u:%u\n", release, (unsigned)c->line,
			        (unsigned)c->col);
		} else {
			const lp_font_face *f = &r->faces[c->face];
			printf("  %s %s\n", f->family, f->style[0] ? f->style : "");
		}
	}
}

int
lp_cli_fonts(const lp_cli_parsed *p)
{
	if (p->n_opts)
		return lp_cli_usage(p->cmd, "does not take --%s", p->opts[0].opt->name);
	if (p->n_operands > 1)
		return lp_cli_usage(p->cmd, "takes at most one release");
	const char *release = p->n_operands ? p->operands[0] : NULL;
	lp_cli_diag_style style = {.quiet = p->quiet, .json = p->json};
	lp_diag *diag = lp_diag_new(lp_cli_print_diag, &style);
	lp_engine *engine = NULL;
	lp_font_report r = {.version = LP_FONT_REPORT_VERSION};
	lp_status s = diag ? lp_cli_make_engine(p, diag, &engine) : LP_ERR_NOMEM;
	if (s == LP_OK)
		s = lp_font_report_make(engine, p->layout, release, &r, diag);
	if (s == LP_OK)
		print_report(&r, release);
	lp_font_report_clear(&r);
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return lp_status_exit_code(s);
}
