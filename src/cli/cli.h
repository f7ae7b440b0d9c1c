/* The letterpress tool's commands that live outside main.c. */
#ifndef LP_CLI_CLI_H
#define LP_CLI_CLI_H

/* letterpress batch ... (argv[1] is "batch"); returns the exit status. */
int lp_cli_batch(int argc, char **argv);

/* letterpress manifest merge ARCHIVE (argv[1] is "manifest"). */
int lp_cli_manifest(int argc, char **argv);

#endif
