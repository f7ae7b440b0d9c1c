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

#include "letterpress.h"

/* The signing options render and batch share: --sign CREDENTIAL,
 * --sign-cert, --sign-chain, --sign-password-file, --tsa URL and
 * --sign-field[=NAME]. */
typedef struct lp_cli_sign {
	lp_sign_options opts;
	bool field;
	const char *field_name;
} lp_cli_sign;

/* Like lp_cli_format_option(), for the signing options. */
int lp_cli_sign_option(int argc, char **argv, int *i, lp_cli_sign *cs);
/* Checks the options together and loads the credential (before any work,
 * so that one that cannot sign stops the run); sets ro->signer and
 * ro->sign_field. *signer is the caller's to drop. */
lp_status lp_cli_sign_setup(const lp_cli_sign *cs, lp_render_options *ro, lp_signer **signer,
	lp_diag *diag);

/* letterpress watch IN -o OUT: render's arguments, parsed and checked by
 * main.c as for render, which also made the first engine. lp_cli_watch()
 * renders, then renders again each time a file the render read changes,
 * until SIGINT, SIGTERM or SIGHUP (then LP_OK). It replaces *engine when
 * a layout-side file changed, with make_engine(user, …); the caller drops
 * the last one. */
typedef struct lp_cli_watch_args {
	const char *input, *output;
	const lp_render_options *render;
	bool quiet;
	lp_status (*make_engine)(const void *user, lp_diag *diag, lp_engine **engine);
	const void *user;
} lp_cli_watch_args;

lp_status lp_cli_watch(const lp_cli_watch_args *args, lp_engine **engine);

/* letterpress manifest merge ARCHIVE (argv[1] is "manifest"). */
int lp_cli_manifest(int argc, char **argv);

#endif
