/*
 * GNU-style command line, driven by the tables in options.c:
 *   --name=VALUE and --name VALUE; -o VALUE and -oVALUE;
 *   flags cluster, and the last of a cluster may take a value (-qo out.pdf);
 *   options and operands in any order after the command name; global
 *   options before it too; "--" ends the options ("-" is an operand:
 *   standard input or output).
 * Long names are not abbreviated (a new option would break scripts that
 * used a prefix of it); a near miss is answered with the name meant.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* Edit distance, for "did you mean"; names are short. */
static size_t
distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), row[64];
	if (la >= 63 || lb >= 63)
		return 64;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The option of this command closest to name: a longer name it starts, or
 * one at most two edits away. NULL when none is close. */
static const lp_cli_opt *
nearest(const char *name, size_t len, unsigned bit)
{
	const lp_cli_opt *best = NULL;
	size_t best_d = 3;
	for (const lp_cli_opt *o = lp_cli_opts; o->name; o++) {
		if (!(o->commands & bit) || !o->help)
			continue;
		size_t d =
		        len >= 3 && !strncmp(o->name, name, len) ? 1 : distance(name, len, o->name);
		if (d < best_d) {
			best = o;
			best_d = d;
		}
	}
	return best;
}

/* "pdf, tiff or png" */
static void
list_choices(const char *choices, char *buf, size_t size)
{
	size_t n = 0, words = 1;
	for (const char *c = choices; *c; c++)
		words += *c == ' ';
	buf[0] = '\0';
	for (size_t w = 0; *choices && n + 1 < size; w++) {
		size_t len = strcspn(choices, " ");
		const char *sep = w == 0 ? "" : w + 1 == words ? " or " : ", ";
		n += (size_t)snprintf(buf + n, size - n, "%s%.*s", sep, (int)len, choices);
		choices += len + (choices[len] == ' ');
	}
}

static bool
is_choice(const char *choices, const char *v)
{
	size_t len = strlen(v);
	for (const char *c = choices; *c;) {
		size_t w = strcspn(c, " ");
		if (w == len && !strncmp(c, v, len))
			return true;
		c += w + (c[w] == ' ');
	}
	return false;
}

/* Whose option o is: "batch's", "render's, check's and batch's". */
static void
owners(const lp_cli_opt *o, char *buf, size_t size)
{
	char names[256] = "";
	size_t n = 0;
	for (const lp_cli_command *c = lp_cli_commands; c->name; c++)
		for (const lp_cli_opt *r = lp_cli_opts; r->name; r++)
			if (r->id == o->id && !strcmp(r->name, o->name) && (r->commands & c->bit)) {
				n += (size_t)snprintf(
				        names + n, sizeof names - n, "%s%s", n ? " " : "", c->name);
				break;
			}
	list_choices(names, buf, size);
}

static int
take(lp_cli_parsed *p, const lp_cli_opt *o, const char *value, const char *spelled)
{
	unsigned bit = p->cmd ? p->cmd->bit : 0;
	if (!p->cmd && !o->global) {
		char who[256];
		owners(o, who, sizeof who);
		return lp_cli_usage(NULL,
		        "'%s' is an option of %s: it goes after the command's name", spelled, who);
	}
	if (p->cmd && !(o->commands & bit)) {
		char who[256];
		owners(o, who, sizeof who);
		return lp_cli_usage(p->cmd, "'%s' is not an option of %s%s%s%s", spelled,
		        p->cmd->name, *who ? " (it is " : "", who, *who ? "'s)" : "");
	}
	if (value && o->kind == LP_KIND_CHOICE && !is_choice(o->choices, value)) {
		char list[128];
		list_choices(o->choices, list, sizeof list);
		return lp_cli_usage(p->cmd, "--%s takes %s, not '%s'", o->name, list, value);
	}
	switch (o->id) {
	case LP_OPT_HELP:
		p->help = true;
		break;
	case LP_OPT_VERSION:
		p->version = true;
		break;
	case LP_OPT_QUIET:
		p->quiet = true;
		break;
	case LP_OPT_LAYOUT:
		p->layout = value;
		break;
	case LP_OPT_NO_SYSTEM_FONTS:
		p->no_system_fonts = true;
		break;
	case LP_OPT_LAYOUT_DIR:
		p->layout_dirs[p->n_layout_dirs++] = value;
		break;
	case LP_OPT_DIAGNOSTICS:
		p->json = !strcmp(value, "json");
		break;
	case LP_OPT_COLOR:
		p->color = value;
		break;
	default:
		p->opts[p->n_opts++] = (lp_cli_value){o, value};
		break;
	}
	return EX_OK;
}

static int
unknown(const lp_cli_parsed *p, const char *spelled, const char *name, size_t len)
{
	const lp_cli_opt *near = nearest(name, len, p->cmd ? p->cmd->bit : LP_CMD_ANY);
	if (near && !p->cmd && !near->global)
		near = NULL;
	if (near)
		return lp_cli_usage(
		        p->cmd, "unknown option '%s'; did you mean '--%s'?", spelled, near->name);
	return lp_cli_usage(p->cmd, "unknown option '%s'", spelled);
}

/* --name, --name=VALUE, --name VALUE */
static int
parse_long(int argc, char **argv, int *i, lp_cli_parsed *p)
{
	const char *arg = argv[*i], *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	char spelled[64];
	snprintf(spelled, sizeof spelled, "--%.*s", (int)len, name);
	const lp_cli_opt *o = lp_cli_opt_long(name, len, p->cmd ? p->cmd->bit : LP_CMD_ANY);
	if (!o)
		return unknown(p, spelled, name, len);
	const char *value = eq ? eq + 1 : NULL;
	if (o->arg == LP_ARG_NONE && value)
		return lp_cli_usage(p->cmd, "'%s' takes no value (got '%s')", spelled, value);
	if (o->arg == LP_ARG_REQUIRED && !value) {
		if (*i + 1 >= argc)
			return lp_cli_usage(
			        p->cmd, "'%s' needs a value: %s %s", spelled, spelled, o->metavar);
		value = argv[++*i];
	}
	if (o->arg == LP_ARG_REQUIRED && !*value)
		return lp_cli_usage(
		        p->cmd, "'%s' needs a value: %s %s", spelled, spelled, o->metavar);
	return take(p, o, value, spelled);
}

/* -q, -qo FILE, -oFILE, -j4 */
static int
parse_short(int argc, char **argv, int *i, lp_cli_parsed *p)
{
	const char *arg = argv[*i];
	for (size_t j = 1; arg[j]; j++) {
		char spelled[3] = {'-', arg[j], '\0'};
		const lp_cli_opt *o = lp_cli_opt_short(arg[j], p->cmd ? p->cmd->bit : LP_CMD_ANY);
		if (!o)
			return j == 1 ? unknown(p, arg, arg + 1, strlen(arg + 1))
			              : lp_cli_usage(p->cmd, "unknown option '%s' (in '%s')",
			                        spelled, arg);
		if (o->arg == LP_ARG_NONE) {
			int rc = take(p, o, NULL, spelled);
			if (rc != EX_OK)
				return rc;
			continue;
		}
		const char *value = arg[j + 1] ? arg + j + 1 : NULL;
		if (!value && *i + 1 < argc)
			value = argv[++*i];
		if (!value || !*value)
			return lp_cli_usage(
			        p->cmd, "'%s' needs a value: %s %s", spelled, spelled, o->metavar);
		return take(p, o, value, spelled);
	}
	return EX_OK;
}

int
lp_cli_parse(int argc, char **argv, lp_cli_parsed *p)
{
	*p = (lp_cli_parsed){0};
	p->opts = calloc((size_t)argc + 1, sizeof *p->opts);
	p->operands = calloc((size_t)argc + 1, sizeof *p->operands);
	p->layout_dirs = calloc((size_t)argc + 1, sizeof *p->layout_dirs);
	if (!p->opts || !p->operands || !p->layout_dirs)
		return EX_OSERR;
	bool operands_only = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int rc = EX_OK;
		if (operands_only || arg[0] != '-' || arg[1] == '\0') {
			if (p->cmd)
				p->operands[p->n_operands++] = arg;
			else if (!(p->cmd = lp_cli_command_named(arg)))
				return lp_cli_usage(NULL, "unknown command '%s'", arg);
		} else if (!strcmp(arg, "--")) {
			operands_only = true;
		} else {
			rc = arg[1] == '-' ? parse_long(argc, argv, &i, p)
			                   : parse_short(argc, argv, &i, p);
		}
		if (rc != EX_OK)
			return rc;
	}
	if (p->cmd && p->no_system_fonts && !(p->cmd->bit & LP_CMD_LAYOUT_USERS) && !p->help &&
	        !p->version)
		return lp_cli_usage(p->cmd,
		        "'%s' loads no layout: --no-system-fonts does not apply", p->cmd->name);
	if (p->cmd && p->layout && !(p->cmd->bit & LP_CMD_LAYOUT_USERS) && !p->help && !p->version)
		return lp_cli_usage(
		        p->cmd, "'%s' lays out no release: --layout does not apply", p->cmd->name);
	return EX_OK;
}

void
lp_cli_parsed_free(lp_cli_parsed *p)
{
	free(p->opts);
	free(p->operands);
	free(p->layout_dirs);
	*p = (lp_cli_parsed){0};
}
