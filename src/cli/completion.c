/*
 * letterpress completion bash|zsh|fish: the completion scripts, made from
 * the tables in options.c (meson installs their output; see meson.build).
 * Layout names come from `letterpress layouts` when the user completes.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#define FOR_CMDS(c) for (const lp_cli_command *c = lp_cli_commands; c->name; c++)
#define FOR_OPTS(o) for (const lp_cli_opt *o = lp_cli_opts; o->name; o++)

/* A help text on one line, with the characters the shell's quoting needs
 * escaped: ' and \ in fish, ' and ] in zsh's [explanations]. */
static void
put_desc(const char *help, const char *escape, const char *how)
{
	for (const char *h = help; *h; h++) {
		const char *e = strchr(escape, *h);
		if (*h == '\n')
			putchar(' ');
		else if (e)
			fputs(how[0] == 'z' && *h == '\'' ? "'\\''"
			        : how[0] == 'z'           ? "\\]"
			        : *h == '\''              ? "\\'"
			                                  : "\\\\",
			        stdout);
		else
			putchar(*h);
	}
}

static void
put_command_names(void)
{
	FOR_CMDS(c)
	printf("%s%s", c == lp_cli_commands ? "" : " ", c->name);
}

/* ---- bash ------------------------------------------------------------ */

static const char *
bash_kind(lp_cli_kind k)
{
	static const char *const names[] = {"none", "file", "release", "dir", "path", "layout",
	        "choice", "none", "none", "command"};
	return names[k];
}

/* Every option the command takes, and its value's kind; cmd "" is the
 * global options' (before the command). */
static void
bash_tables(void)
{
	fputs("_letterpress_opts()\n{\n\tcase $1 in\n", stdout);
	for (const lp_cli_command *c = lp_cli_commands;; c++) {
		/* After the commands, '': the global options alone. */
		printf("\t%s) echo '", c->name ? c->name : "''");
		bool first = true;
		FOR_OPTS(o)
		if (o->help && (c->name ? (o->commands & c->bit) != 0 : o->global)) {
			printf("%s--%s", first ? "" : " ", o->name);
			if (o->short_name)
				printf(" -%c", o->short_name);
			first = false;
		}
		fputs("' ;;\n", stdout);
		if (!c->name)
			break;
	}
	fputs("\tesac\n}\n\n", stdout);
	/* _lp_kind: what the option's value is (empty: it takes none). */
	fputs("_letterpress_value()\n{\n\t_lp_kind= _lp_choices=\n\tcase \"$1 $2\" in\n", stdout);
	FOR_OPTS(o)
	{
		if (o->arg != LP_ARG_REQUIRED)
			continue;
		FOR_CMDS(c)
		{
			if (!(o->commands & c->bit))
				continue;
			printf("\t\"%s --%s\"", c->name, o->name);
			if (o->short_name)
				printf("|\"%s -%c\"", c->name, o->short_name);
			printf(") _lp_kind=%s _lp_choices='%s' ;;\n", bash_kind(o->kind),
			        o->choices ? o->choices : "");
		}
		if (o->global) {
			printf("\t\" --%s\"", o->name);
			if (o->short_name)
				printf("|\" -%c\"", o->short_name);
			printf(") _lp_kind=%s _lp_choices='%s' ;;\n", bash_kind(o->kind),
			        o->choices ? o->choices : "");
		}
	}
	fputs("\tesac\n\t[ -n \"$_lp_kind\" ]\n}\n\n", stdout);
	/* A command's operands: the first may be a word of choices. */
	fputs("_letterpress_operand()\n{\n\tcase $1 in\n", stdout);
	FOR_CMDS(c)
	printf("\t%s) _lp_kind=%s _lp_choices='%s' ;;\n", c->name, bash_kind(c->operand_kind),
	        c->choices ? c->choices : "");
	fputs("\t*) _lp_kind=none _lp_choices= ;;\n\tesac\n}\n\n", stdout);
}

static const char bash_main[] =
        "# Completes a value of kind $1 (choices $2) for the word $3; $4 is the program.\n"
        "_letterpress_kind()\n{\n"
        "\tcase $1 in\n"
        "\tchoice) mapfile -t COMPREPLY < <(compgen -W \"$2\" -- \"$3\") ;;\n"
        "\tcommand) mapfile -t COMPREPLY < <(compgen -W \"$_lp_commands\" -- \"$3\") ;;\n"
        "\tdir) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- \"$3\") "
        ";;\n"
        "\tfile|path) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "
        "\"$3\") ;;\n"
        "\trelease) compopt -o filenames 2>/dev/null\n"
        "\t\tmapfile -t COMPREPLY < <(compgen -f -X '!*.md' -- \"$3\"; compgen -d -- \"$3\") ;;\n"
        "\tlayout)\n"
        "\t\tif [[ $3 == */* || $3 == .* ]]; then\n"
        "\t\t\tcompopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- \"$3\")\n"
        "\t\telse\n"
        "\t\t\tmapfile -t COMPREPLY < <(compgen -W \"$(\"$4\" layouts 2>/dev/null | cut -d' ' "
        "-f1)\" -- \"$3\")\n"
        "\t\tfi ;;\n"
        "\t*) COMPREPLY=() ;;\n"
        "\tesac\n}\n\n"
        "_letterpress()\n{\n"
        "\tlocal line=${COMP_LINE:0:COMP_POINT} cmd= opt= val= prefix= ended= want= w i j n c "
        "nops=0\n"
        "\tlocal -a words\n"
        "\t# Words of our own: bash's may be split at '=' (COMP_WORDBREAKS).\n"
        "\tread -ra words <<<\"$line\"\n"
        "\t[[ -z $line || $line == *[[:space:]] ]] && words+=('')\n"
        "\tn=${#words[@]}\n"
        "\tlocal cur=${words[n-1]} lp=${words[0]}\n"
        "\t# The command is the first word that is no option and no option's value.\n"
        "\tfor ((i = 1; i < n - 1; i++)); do\n"
        "\t\tw=${words[i]}\n"
        "\t\tif [[ -n $want ]]; then want=; continue; fi\n"
        "\t\tif [[ -z $ended && $w == -- ]]; then ended=1; continue; fi\n"
        "\t\tif [[ -z $ended && $w == --?* && $w != *=* ]]; then\n"
        "\t\t\t_letterpress_value \"$cmd\" \"$w\" && want=$w\n"
        "\t\telif [[ -z $ended && $w == -?* && $w != --* ]]; then\n"
        "\t\t\tfor ((j = 1; j < ${#w}; j++)); do\n"
        "\t\t\t\tc=-${w:j:1}\n"
        "\t\t\t\tif _letterpress_value \"$cmd\" \"$c\"; then\n"
        "\t\t\t\t\t((j == ${#w} - 1)) && want=$c\n"
        "\t\t\t\t\tbreak\n"
        "\t\t\t\tfi\n"
        "\t\t\tdone\n"
        "\t\telif [[ -z $cmd ]]; then\n"
        "\t\t\tcmd=$w\n"
        "\t\telse\n"
        "\t\t\tnops=$((nops + 1))\n"
        "\t\tfi\n"
        "\tdone\n"
        "\tif [[ -n $want ]]; then\n"
        "\t\topt=$want val=$cur\n"
        "\telif [[ -z $ended && $cur == --*=* ]]; then\n"
        "\t\topt=${cur%%=*} val=${cur#*=} prefix=${cur%%=*}=\n"
        "\tfi\n"
        "\tif [[ -n $opt ]]; then\n"
        "\t\t_letterpress_value \"$cmd\" \"$opt\"\n"
        "\t\t_letterpress_kind \"$_lp_kind\" \"$_lp_choices\" \"$val\" \"$lp\"\n"
        "\t\t# Without '=' in COMP_WORDBREAKS the word replaced is --name=value.\n"
        "\t\tif [[ -n $prefix && $COMP_WORDBREAKS != *=* ]]; then\n"
        "\t\t\tCOMPREPLY=(\"${COMPREPLY[@]/#/$prefix}\")\n"
        "\t\tfi\n"
        "\telif [[ -z $ended && $cur == -* ]]; then\n"
        "\t\tmapfile -t COMPREPLY < <(compgen -W \"$(_letterpress_opts \"$cmd\")\" -- \"$cur\")\n"
        "\telif [[ -z $cmd ]]; then\n"
        "\t\tmapfile -t COMPREPLY < <(compgen -W \"$_lp_commands\" -- \"$cur\")\n"
        "\telse\n"
        "\t\t_letterpress_operand \"$cmd\"\n"
        "\t\tif [[ -n $_lp_choices && $nops -eq 0 ]]; then\n"
        "\t\t\tmapfile -t COMPREPLY < <(compgen -W \"$_lp_choices\" -- \"$cur\")\n"
        "\t\telif [[ -z $_lp_choices || $_lp_kind != choice ]]; then\n"
        "\t\t\t_letterpress_kind \"$_lp_kind\" \"\" \"$cur\" \"$lp\"\n"
        "\t\tfi\n"
        "\tfi\n"
        "}\n\n"
        "complete -F _letterpress letterpress\n";

static void
bash(void)
{
	fputs("# bash completion for letterpress; made by 'letterpress completion bash'.\n\n",
	        stdout);
	fputs("_lp_commands='", stdout);
	put_command_names();
	fputs("'\n\n", stdout);
	bash_tables();
	fputs(bash_main, stdout);
}

/* ---- zsh ------------------------------------------------------------- */

static void
zsh_action(lp_cli_kind k, const char *choices)
{
	switch (k) {
	case LP_KIND_FILE:
	case LP_KIND_PATH:
		fputs("_files", stdout);
		break;
	case LP_KIND_RELEASE:
		fputs("_files -g \"*.md\"", stdout);
		break;
	case LP_KIND_DIR:
		fputs("_files -/", stdout);
		break;
	case LP_KIND_LAYOUT:
		fputs("_letterpress_layouts", stdout);
		break;
	case LP_KIND_CHOICE:
		printf("(%s)", choices);
		break;
	case LP_KIND_COMMAND:
		putchar('(');
		put_command_names();
		putchar(')');
		break;
	default:
		fputs(" ", stdout);
		break;
	}
}

static void
zsh_option(const lp_cli_opt *o)
{
	const char *suffix = o->arg == LP_ARG_REQUIRED   ? "="
	                     : o->arg == LP_ARG_OPTIONAL ? "=-"
	                                                 : "";
	fputs("\t\t", stdout);
	if (o->short_name)
		printf("'(-%c --%s)'{-%c%s,--%s%s}'", o->short_name, o->name, o->short_name,
		        o->arg == LP_ARG_REQUIRED ? "+" : "", o->name, suffix);
	else
		printf("'--%s%s", o->name, suffix);
	putchar('[');
	put_desc(o->help, "']", "z");
	putchar(']');
	if (o->arg != LP_ARG_NONE) {
		printf(":%s%s:", o->arg == LP_ARG_OPTIONAL ? ":" : "", o->metavar);
		zsh_action(o->kind, o->choices);
	}
	putchar('\'');
}

static void
zsh(void)
{
	fputs("#compdef letterpress\n# zsh completion for letterpress; made by 'letterpress "
	      "completion zsh'.\n\n"
	      "_letterpress_layouts()\n{\n"
	      "\tlocal -a names\n"
	      "\tnames=(${(f)\"$(${_lp_prog:-letterpress} layouts 2>/dev/null | cut -d' ' "
	      "-f1)\"})\n"
	      "\t_alternative 'layouts:layout:compadd -a names' 'files:layout file:_files'\n}\n\n"
	      "_letterpress()\n{\n"
	      "\tlocal curcontext=$curcontext state line ret=1\n"
	      "\tlocal _lp_prog=${words[1]}\n"
	      "\tlocal -a globals commands\n\tglobals=(\n",
	        stdout);
	FOR_OPTS(o)
	if (o->help && o->global) {
		zsh_option(o);
		putchar('\n');
	}
	fputs("\t)\n\tcommands=(\n", stdout);
	FOR_CMDS(c)
	{
		printf("\t\t'%s:", c->name);
		put_desc(c->summary, "'", "z");
		fputs("'\n", stdout);
	}
	fputs("\t)\n"
	      "\t_arguments -C $globals '1:command:->command' '*::argument:->argument' && ret=0\n"
	      "\tcase $state in\n"
	      "\tcommand) _describe -t commands 'letterpress command' commands && ret=0 ;;\n"
	      "\targument)\n"
	      "\t\tcurcontext=${curcontext%:*:*}:letterpress-$words[1]:\n"
	      "\t\tcase $words[1] in\n",
	        stdout);
	FOR_CMDS(c)
	{
		printf("\t\t%s) _arguments \\\n", c->name);
		FOR_OPTS(o)
		if (o->help && (o->commands & c->bit)) {
			zsh_option(o);
			fputs(" \\\n", stdout);
		}
		/* The first operand may be a word of choices; the rest are of
		 * the command's kind (a command of choices takes one). */
		bool one = c->operand_kind == LP_KIND_CHOICE || c->operand_kind == LP_KIND_COMMAND;
		if (c->choices || one) {
			printf("\t\t'1:%s:", c->operands);
			zsh_action(
			        c->choices && !one ? LP_KIND_CHOICE : c->operand_kind, c->choices);
			putchar('\'');
		}
		if (!one && c->operand_kind != LP_KIND_NONE) {
			printf("%s'*:%s:", c->choices ? " " : "\t\t", c->operands);
			zsh_action(c->operand_kind, NULL);
			putchar('\'');
		}
		fputs(" && ret=0 ;;\n", stdout);
	}
	fputs("\t\tesac ;;\n\tesac\n\treturn ret\n}\n\n_letterpress \"$@\"\n", stdout);
}

/* ---- fish ------------------------------------------------------------ */

static void
fish(void)
{
	fputs("# fish completion for letterpress; made by 'letterpress completion fish'.\n\n"
	      "function __letterpress_layouts\n"
	      "\tset -l lp (commandline -opc)[1]\n"
	      "\t$lp layouts 2>/dev/null | string replace -r '\\s.*' ''\n"
	      "end\n\n"
	      "complete -c letterpress -f\n",
	        stdout);
	FOR_CMDS(c)
	{
		printf("complete -c letterpress -n __fish_use_subcommand -a %s -d '", c->name);
		put_desc(c->summary, "'\\", "f");
		fputs("'\n", stdout);
	}
	FOR_OPTS(o)
	{
		if (!o->help)
			continue;
		fputs("complete -c letterpress", stdout);
		if (!o->global) {
			fputs(" -n '__fish_seen_subcommand_from", stdout);
			FOR_CMDS(c)
			if (o->commands & c->bit)
				printf(" %s", c->name);
			fputs("'", stdout);
		}
		if (o->short_name)
			printf(" -s %c", o->short_name);
		printf(" -l %s", o->name);
		switch (o->arg == LP_ARG_REQUIRED ? o->kind : LP_KIND_NONE) {
		case LP_KIND_FILE:
		case LP_KIND_PATH:
		case LP_KIND_RELEASE:
			fputs(" -r -F", stdout);
			break;
		case LP_KIND_DIR:
			fputs(" -x -a '(__fish_complete_directories)'", stdout);
			break;
		case LP_KIND_LAYOUT:
			fputs(" -x -a '(__letterpress_layouts)'", stdout);
			break;
		case LP_KIND_CHOICE:
			printf(" -x -a '%s'", o->choices);
			break;
		default:
			if (o->arg == LP_ARG_REQUIRED)
				fputs(" -x", stdout);
		}
		fputs(" -d '", stdout);
		put_desc(o->help, "'\\", "f");
		fputs("'\n", stdout);
	}
	/* Operands. */
	FOR_CMDS(c)
	{
		if (c->choices || c->operand_kind == LP_KIND_CHOICE ||
		        c->operand_kind == LP_KIND_COMMAND) {
			printf("complete -c letterpress -n '__fish_seen_subcommand_from %s' -a '",
			        c->name);
			if (c->operand_kind == LP_KIND_COMMAND)
				put_command_names();
			else
				fputs(c->choices, stdout);
			fputs("'\n", stdout);
		}
		if (c->operand_kind == LP_KIND_DIR || c->operand_kind == LP_KIND_PATH ||
		        c->operand_kind == LP_KIND_RELEASE)
			printf("complete -c letterpress -n '__fish_seen_subcommand_from %s' -F\n",
			        c->name);
	}
}

int
lp_cli_completion(const lp_cli_parsed *p)
{
	if (p->n_operands != 1 || p->n_opts)
		return lp_cli_usage(p->cmd, "takes one shell's name: bash, zsh or fish");
	const char *sh = p->operands[0];
	if (!strcmp(sh, "bash"))
		bash();
	else if (!strcmp(sh, "zsh"))
		zsh();
	else if (!strcmp(sh, "fish"))
		fish();
	else
		return lp_cli_usage(p->cmd, "knows bash, zsh and fish, not '%s'", sh);
	return fflush(stdout) == 0 ? EX_OK : EX_IOERR;
}
