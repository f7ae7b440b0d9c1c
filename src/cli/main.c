/*
 * letterpress command-line tool: a thin client of include/letterpress.h.
 * It parses arguments, prints diagnostics and maps statuses to sysexits.h
 * codes; it never lays out anything itself.
 */
#include "letterpress.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

static const char usage_text[] =
	"Usage: letterpress COMMAND [OPTIONS]\n"
	"\n"
	"Typesets a press release (Markdown with YAML front matter) onto a letterhead.\n"
	"\n"
	"Commands:\n"
	"  render IN.md -o OUT.pdf [--layout NAME|PATH]\n"
	"                 render a release to PDF ('-' reads stdin / writes stdout)\n"
	"  batch IN... -o DIR   render many releases into an archive folder\n"
	"  check IN.md          validate a release and print warnings; writes nothing\n"
	"  layouts              list the available layouts\n"
	"\n"
	"Options:\n"
	"  -h, --help       show this help and exit\n"
	"  -V, --version    show the version and exit\n"
	"\n"
	"Exit status follows sysexits.h: 0 ok, 64 usage, 65 invalid input,\n"
	"66 input missing, 73 output cannot be created, 74 I/O error.\n";

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EX_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return EX_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("letterpress %s\n", lp_version());
		return EX_OK;
	}
	fprintf(stderr, "letterpress: unknown command '%s' (see letterpress --help)\n", cmd);
	return EX_USAGE;
}
