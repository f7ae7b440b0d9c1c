/* The letterpress tool's commands that live outside main.c. */
#ifndef LP_CLI_CLI_H
#define LP_CLI_CLI_H

/* letterpress batch ... (argv[1] is "batch"); returns the exit status. */
int lp_cli_batch(int argc, char **argv);

struct lp_render_options;

/* The output-format options render and batch share (--format, --fax-mode,
 * --fax-coding, --dpi, --grey, --fax) at argv[*i], taking its value and
 * advancing *i. Returns -1 when argv[*i] is none of them, else EX_OK or
 * EX_USAGE (reported). */
int lp_cli_format_option(int argc, char **argv, int *i, struct lp_render_options *ro);

/* letterpress manifest merge ARCHIVE (argv[1] is "manifest"). */
int lp_cli_manifest(int argc, char **argv);

#endif
