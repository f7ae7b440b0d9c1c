/*
 * letterpress command-line tool: a thin client of include/letterpress.h.
 * It parses arguments (parse.c, from the tables in options.c), prints
 * diagnostics and maps statuses to sysexits.h codes; it never lays out
 * anything itself. render, check and layouts are here; batch and manifest
 * in batch_cmd.c; completion in completion.c.
 */
#include "letterpress.h"

#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* What render and check read from their options. */
typedef struct cli_render {
	const char *output;
	lp_render_options ro;
	lp_cli_sign sign;
	lp_cli_diag_style style;
	bool strict; /* check --strict: warnings fail it too */
} cli_render;

static int
collect(const lp_cli_parsed *p, cli_render *r)
{
	r->ro.version = LP_RENDER_OPTIONS_VERSION;
	r->ro.layout = p->layout;
	r->ro.date_epoch = -1;
	r->ro.dump_to = stdout;
	r->style = (lp_cli_diag_style){.quiet = p->quiet, .json = p->json};
	for (size_t i = 0; i < p->n_opts; i++) {
		const lp_cli_value *v = &p->opts[i];
		int rc = lp_cli_format_option(p->cmd, v, &r->ro);
		if (rc < 0)
			rc = lp_cli_sign_option(v, &r->sign);
		if (rc >= 0) {
			if (rc != EX_OK)
				return rc;
		} else if (v->opt->id == LP_OPT_OUTPUT) {
			r->output = v->value;
		} else if (v->opt->id == LP_OPT_STRICT) {
			r->strict = true;
		} else if (v->opt->id == LP_OPT_DUMP) {
			r->ro.dump = !strcmp(v->value, "lines") ? LP_DUMP_LINES : LP_DUMP_DLIST;
		} else {
			return lp_cli_usage(p->cmd, "'--%s' is not handled here", v->opt->name);
		}
	}
	return EX_OK;
}

lp_status
lp_cli_make_engine(const lp_cli_parsed *p, lp_diag *diag, lp_engine **engine)
{
	/* A layout given by path may bring fonts: the engine loads them up front. */
	bool is_path = p->layout && strchr(p->layout, '/');
	lp_engine_options eo = {.version = LP_ENGINE_OPTIONS_VERSION};
	eo.layout_dirs = p->layout_dirs;
	eo.n_layout_dirs = p->n_layout_dirs;
	eo.layouts = is_path ? &p->layout : NULL;
	eo.n_layouts = is_path ? 1 : 0;
	eo.no_system_fonts = p->no_system_fonts;
	return lp_engine_new(&eo, engine, diag);
}

/* The output beside the input, named after it: a/b.md → a/b.pdf. */
static char *
output_beside(const char *in, lp_format format)
{
	const char *slash = strrchr(in, '/'), *base = slash ? slash + 1 : in;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot != base ? (size_t)(dot - in) : strlen(in);
	const char *ext = lp_format_extension(format == LP_FORMAT_AUTO ? LP_FORMAT_PDF : format);
	char *out = malloc(stem + strlen(ext) + 1);
	if (out) {
		memcpy(out, in, stem);
		strcpy(out + stem, ext);
	}
	return out;
}

/* An output whose name has an extension letterpress does not write would
 * be a mislabelled file (x.jpg holding a PDF); no extension is fine. */
static int
check_extension(const lp_cli_command *cmd, const char *out)
{
	const char *slash = strrchr(out, '/'), *base = slash ? slash + 1 : out;
	const char *dot = strrchr(base, '.');
	if (!strcmp(out, "-") || !dot || dot == base || lp_format_from_path(out) != LP_FORMAT_AUTO)
		return EX_OK;
	return lp_cli_usage(cmd,
	        "'%s': letterpress writes no '%s' files; name the output .pdf, .tiff, .tif or .png",
	        out, dot);
}

/* watch makes each new engine the way the first was made (watch.c). */
static lp_status
remake_engine(const void *parsed, lp_diag *diag, lp_engine **engine)
{
	return lp_cli_make_engine(parsed, diag, engine);
}

/* render, and watch, which takes render's arguments and checks and then
 * renders again on every change. */
static int
render_or_watch(const lp_cli_parsed *p, bool watch)
{
	cli_render r = {0};
	int rc = collect(p, &r);
	if (rc != EX_OK)
		return rc;
	if (p->n_operands != 1)
		return lp_cli_usage(p->cmd, p->n_operands
		                                    ? "takes one release ('batch' renders many)"
		                                    : "needs a release: letterpress render IN.md");
	const char *in = p->operands[0];
	char *beside = NULL;
	if (!r.output && !strcmp(in, "-"))
		return lp_cli_usage(
		        p->cmd, "standard input needs -o FILE (or -o - for standard output)");
	if (!r.output && !(r.output = beside = output_beside(in, r.ro.format)))
		return EX_OSERR;
	/* An interrupted run leaves no temporary file behind. */
	if (lp_cleanup_on_signals() != LP_OK)
		fputs("letterpress: warning: cannot install signal handlers\n", stderr);
	lp_diag *diag = lp_diag_new(lp_cli_print_diag, &r.style);
	lp_engine *engine = NULL;
	lp_signer *signer = NULL;
	lp_status s = diag ? LP_OK : LP_ERR_NOMEM;
	/* The files this run reads, which no output may replace: checked, with
	 * the output's name, before any work. */
	const char *inputs[2] = {in, p->layout};
	if (s == LP_OK)
		s = lp_output_check(r.output, inputs, p->layout ? 2 : 1, diag);
	if (s == LP_OK && check_extension(p->cmd, r.output) != EX_OK)
		s = LP_ERR_USAGE;
	/* A credential that cannot sign is refused before any work. */
	if (s == LP_OK)
		s = lp_cli_sign_setup(&r.sign, &r.ro, &signer, diag);
	if (s == LP_OK)
		s = lp_cli_make_engine(p, diag, &engine);
	if (s == LP_OK && watch) {
		lp_cli_watch_args w = {in, r.output, &r.ro, p->quiet, remake_engine, p};
		s = lp_cli_watch(&w, &engine);
	} else if (s == LP_OK) {
		s = lp_render_file(engine, in, r.output, &r.ro, diag);
	}
	lp_engine_drop(engine);
	lp_signer_drop(signer);
	lp_diag_drop(diag);
	free(beside);
	return lp_status_exit_code(s);
}

int
lp_cli_render(const lp_cli_parsed *p)
{
	return render_or_watch(p, false);
}

int
lp_cli_watch_cmd(const lp_cli_parsed *p)
{
	return render_or_watch(p, true);
}

int
lp_cli_check(const lp_cli_parsed *p)
{
	cli_render r = {0};
	int rc = collect(p, &r);
	if (rc != EX_OK)
		return rc;
	if (!p->n_operands)
		return lp_cli_usage(p->cmd, "needs a release: letterpress check IN.md...");
	if (lp_cleanup_on_signals() != LP_OK)
		fputs("letterpress: warning: cannot install signal handlers\n", stderr);
	lp_diag *diag = lp_diag_new(lp_cli_print_diag, &r.style);
	lp_engine *engine = NULL;
	lp_status s = diag ? lp_cli_make_engine(p, diag, &engine) : LP_ERR_NOMEM;
	lp_status first = s;
	/* Each release on its own, with its own count of warnings; the exit
	 * status is the first failure's. */
	for (size_t i = 0; s == LP_OK && i < p->n_operands; i++) {
		lp_diag *d = lp_diag_new(lp_cli_print_diag, &r.style);
		lp_status si = d ? lp_check_file(engine, p->operands[i], &r.ro, d) : LP_ERR_NOMEM;
		size_t warnings = lp_diag_count(d, LP_WARNING);
		if (si == LP_OK && r.strict && warnings) {
			/* --strict: a warning fails the release, as invalid input. */
			fputs(p->operands[i], stderr);
			fprintf(stderr, ": error: %zu warning(s), which --strict makes errors\n",
			        warnings);
			si = LP_ERR_SYNTAX;
		} else if (si == LP_OK && !p->quiet && !p->json && r.ro.dump == LP_DUMP_NONE) {
			fputs(p->operands[i], stderr);
			fprintf(stderr, ": ok, %zu warning(s)%s\n", warnings,
			        lp_diag_repeats(d) ? ", repeats not shown" : "");
		}
		lp_diag_drop(d);
		if (first == LP_OK)
			first = si;
		if (si == LP_ERR_NOMEM)
			break;
	}
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return lp_status_exit_code(first);
}

static void
print_layout(const char *name, const char *description, void *user)
{
	(void)user;
	printf("%-14s %s\n", name, description);
}

int
lp_cli_layouts(const lp_cli_parsed *p)
{
	if (p->n_operands || p->n_opts)
		return lp_cli_usage(p->cmd, "takes nothing (got '%s')",
		        p->n_operands ? p->operands[0] : p->opts[0].opt->name);
	lp_cli_diag_style style = {.quiet = p->quiet, .json = p->json};
	lp_diag *diag = lp_diag_new(lp_cli_print_diag, &style);
	lp_engine *engine = NULL;
	/* The folders --layout-dir names are listed too; no font is looked for. */
	lp_engine_options eo = {.version = LP_ENGINE_OPTIONS_VERSION,
	        .no_system_fonts = true,
	        .layout_dirs = p->layout_dirs,
	        .n_layout_dirs = p->n_layout_dirs};
	lp_status s = diag ? lp_engine_new(&eo, &engine, diag) : LP_ERR_NOMEM;
	if (s == LP_OK)
		s = lp_engine_list_layouts(engine, print_layout, NULL, diag);
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return lp_status_exit_code(s);
}

int
main(int argc, char **argv)
{
	lp_cli_parsed p;
	int rc = lp_cli_parse(argc, argv, &p);
	lp_cli_diag_color(p.color);
	if (rc == EX_OSERR)
		fputs("letterpress: error: out of memory\n", stderr);
	if (rc == EX_OK) {
		if (p.help)
			lp_cli_help(p.cmd && p.cmd->bit != LP_CMD_HELP ? p.cmd : NULL);
		else if (p.version)
			lp_cli_version();
		else if (!p.cmd)
			rc = lp_cli_usage(NULL, "no command given");
		else
			rc = p.cmd->run(&p);
	}
	lp_cli_parsed_free(&p);
	return rc;
}
