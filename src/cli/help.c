/*
 * letterpress --help, COMMAND --help, --version and the one-line usage
 * error, all made from the tables in options.c.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

/* Help text starts in this column; an option spec longer than it gets a
 * line of its own. */
#define HELP_COLUMN 26

int
lp_cli_usage(const lp_cli_command *cmd, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The message may quote arguments: their control characters are shown,
	 * not sent to the terminal. */
	fputs("letterpress: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd->name);
	lp_cli_put_escaped(msg);
	fprintf(stderr, " (see 'letterpress %s%s--help')\n", cmd ? cmd->name : "", cmd ? " " : "");
	return EX_USAGE;
}

/* Text whose lines after the first are indented to HELP_COLUMN. */
static void
put_indented(const char *text)
{
	for (const char *t = text; *t; t++) {
		putchar(*t);
		if (*t == '\n')
			printf("%*s", HELP_COLUMN, "");
	}
	putchar('\n');
}

static void
put_option(const lp_cli_opt *o)
{
	char spec[96];
	int n = o->short_name ? snprintf(spec, sizeof spec, "  -%c, --%s", o->short_name, o->name)
	                      : snprintf(spec, sizeof spec, "      --%s", o->name);
	if (o->arg == LP_ARG_REQUIRED)
		snprintf(spec + n, sizeof spec - (size_t)n, "=%s", o->metavar);
	else if (o->arg == LP_ARG_OPTIONAL)
		snprintf(spec + n, sizeof spec - (size_t)n, "[=%s]", o->metavar);
	int len = (int)strlen(spec);
	if (len + 2 > HELP_COLUMN)
		printf("%s\n%*s", spec, HELP_COLUMN, "");
	else
		printf("%-*s", HELP_COLUMN, spec);
	put_indented(o->help);
}

/* The options for bit: the command's own (global false) or the global
 * ones that apply to it. */
static void
put_options(unsigned bit, bool global)
{
	for (const lp_cli_opt *o = lp_cli_opts; o->name; o++)
		if (o->help && (o->commands & bit) && o->global == global)
			put_option(o);
}

void
lp_cli_help(const lp_cli_command *cmd)
{
	if (!cmd) {
		fputs("Usage: letterpress [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]\n\n"
		      "Typesets a press release (Markdown with YAML front matter) onto a "
		      "letterhead,\n"
		      "as PDF, fax TIFF or PNG.\n\nCommands:\n",
		        stdout);
		for (const lp_cli_command *c = lp_cli_commands; c->name; c++) {
			char spec[64];
			snprintf(spec, sizeof spec, "  %s %s", c->name, c->operands);
			/* A name and operands too long for the column: the summary
			 * under them, as an option's. */
			if ((int)strlen(spec) + 2 > HELP_COLUMN)
				printf("%s\n%*s%s\n", spec, HELP_COLUMN, "", c->summary);
			else
				printf("%-*s%s\n", HELP_COLUMN, spec, c->summary);
		}
		fputs("\nGlobal options (before or after the command):\n", stdout);
		put_options(LP_CMD_ANY, true);
		fputs("\n'letterpress COMMAND --help' or 'letterpress help COMMAND' lists a "
		      "command's\n"
		      "options. Long options take their value as --name=VALUE or --name VALUE;\n"
		      "short ones as -o VALUE or -oVALUE, and flags cluster (-qo OUT); '--' ends\n"
		      "the options.\n\n"
		      "Environment: LETTERPRESS_DATA (folder with fonts/ and layouts/),\n"
		      "SOURCE_DATE_EPOCH (document date when the release has none),\n"
		      "LETTERPRESS_SIGN_PASSWORD (the signing credential's password).\n\n"
		      "Exit status follows sysexits.h: 0 ok, 64 usage, 65 invalid input (batch: "
		      "some\n"
		      "release failed), 66 input missing, 71 out of memory, 73 output cannot be\n"
		      "created, 74 I/O error, 75 another batch is writing the archive.\n",
		        stdout);
		return;
	}
	printf("Usage: letterpress %s [OPTIONS]%s%s\n\n", cmd->name, *cmd->operands ? " " : "",
	        cmd->operands);
	printf("%s\n", cmd->description);
	bool any = false;
	for (const lp_cli_opt *o = lp_cli_opts; o->name; o++)
		any |= o->help && !o->global && (o->commands & cmd->bit);
	if (any) {
		fputs("\nOptions:\n", stdout);
		put_options(cmd->bit, false);
	}
	fputs("\nGlobal options:\n", stdout);
	put_options(cmd->bit, true);
}

int
lp_cli_help_cmd(const lp_cli_parsed *p)
{
	if (p->n_operands > 1)
		return lp_cli_usage(p->cmd, "takes one command's name at most");
	const lp_cli_command *c = NULL;
	if (p->n_operands == 1 && !(c = lp_cli_command_named(p->operands[0])))
		return lp_cli_usage(p->cmd, "no command '%s'", p->operands[0]);
	lp_cli_help(c);
	return EX_OK;
}

void
lp_cli_version(void)
{
	printf("letterpress %s\n", lp_version());
	lp_library_version v[32];
	size_t n = lp_library_versions(v, sizeof v / sizeof *v, sizeof *v);
	fputs("Libraries in use:\n", stdout);
	for (size_t i = 0; i < n && i < sizeof v / sizeof *v; i++)
		printf("  %-10s %s%s\n", v[i].name, v[i].version,
		        v[i].build_time ? " (the build's; it has no run-time version)" : "");
}
