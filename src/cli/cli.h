/*
 * The letterpress tool's parts. One table of commands and one table of
 * options (options.c) drive the parser (parse.c), each command's --help
 * (help.c) and the shell completion scripts (completion.c), so the three
 * cannot disagree.
 */
#ifndef LP_CLI_CLI_H
#define LP_CLI_CLI_H

#include "letterpress.h"

#include "base/limits.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- The tables ------------------------------------------------------ */

/* Each command's bit, for the set of commands an option belongs to. */
enum {
	LP_CMD_RENDER = 1u << 0,
	LP_CMD_CHECK = 1u << 1,
	LP_CMD_BATCH = 1u << 2,
	LP_CMD_MANIFEST = 1u << 3,
	LP_CMD_LAYOUTS = 1u << 4,
	LP_CMD_COMPLETION = 1u << 5,
	LP_CMD_HELP = 1u << 6,
	LP_CMD_WATCH = 1u << 7,
	LP_CMD_FONTS = 1u << 8,
	/* The commands that load a layout, and so take --layout and
	 * --no-system-fonts. */
	LP_CMD_LAYOUT_USERS =
	        LP_CMD_RENDER | LP_CMD_CHECK | LP_CMD_BATCH | LP_CMD_WATCH | LP_CMD_FONTS,
	LP_CMD_ANY = 0xffffu
};

typedef enum lp_cli_opt_id {
	LP_OPT_HELP,
	LP_OPT_VERSION,
	LP_OPT_QUIET,
	LP_OPT_LAYOUT,
	LP_OPT_DIAGNOSTICS,
	LP_OPT_OUTPUT,
	LP_OPT_DUMP,
	LP_OPT_JOBS,
	LP_OPT_RESUME,
	LP_OPT_SHARD,
	LP_OPT_FROM,
	LP_OPT_FORMAT,
	LP_OPT_FAX_MODE,
	LP_OPT_FAX_CODING,
	LP_OPT_DPI,
	LP_OPT_GREY,
	LP_OPT_FAX,
	LP_OPT_PDFA,
	LP_OPT_PDFUA,
	LP_OPT_SIGN,
	LP_OPT_SIGN_CERT,
	LP_OPT_SIGN_CHAIN,
	LP_OPT_SIGN_PASSWORD_FILE,
	LP_OPT_TSA,
	LP_OPT_SIGN_FIELD,
	LP_OPT_SIGN_LTV,
	LP_OPT_COLOR,
	LP_OPT_STRICT,
	LP_OPT_NO_SYSTEM_FONTS,
	LP_OPT_LAYOUT_DIR
} lp_cli_opt_id;

/* Whether an option takes a value: a flag, a value always (--o=V or
 * --o V, -oV or -o V), or a value only when attached (--o=V). */
typedef enum lp_cli_arg { LP_ARG_NONE, LP_ARG_REQUIRED, LP_ARG_OPTIONAL } lp_cli_arg;

/* What a value (or a command's operand) is, for completion. */
typedef enum lp_cli_kind {
	LP_KIND_NONE,
	LP_KIND_FILE, /* any file */
	LP_KIND_RELEASE, /* a release: *.md, or - */
	LP_KIND_DIR, /* a folder */
	LP_KIND_PATH, /* a file or a folder */
	LP_KIND_LAYOUT, /* a layout name (letterpress layouts) or a path */
	LP_KIND_CHOICE, /* one of the words in choices */
	LP_KIND_NUMBER,
	LP_KIND_URL,
	LP_KIND_COMMAND /* a command's name (help COMMAND) */
} lp_cli_kind;

typedef struct lp_cli_opt {
	lp_cli_opt_id id;
	const char *name; /* long name, without "--" */
	char short_name; /* 0: none */
	lp_cli_arg arg;
	lp_cli_kind kind;
	const char *choices; /* LP_KIND_CHOICE: the words, space-separated */
	const char *metavar; /* the value's name in help */
	unsigned commands; /* LP_CMD_* bits of the commands that take it */
	bool global; /* also before the command name */
	const char *help; /* NULL: an alias, not listed on its own */
} lp_cli_opt;

struct lp_cli_parsed;

typedef struct lp_cli_command {
	const char *name;
	unsigned bit;
	const char *operands; /* their synopsis, "IN.md" */
	lp_cli_kind operand_kind; /* what they are, for completion */
	const char *choices; /* LP_KIND_CHOICE operands */
	const char *summary; /* one line, for the command list */
	const char *description; /* the paragraph of its --help */
	int (*run)(const struct lp_cli_parsed *p);
} lp_cli_command;

/* The tables, in the order help lists them; both end at a NULL name. */
extern const lp_cli_command lp_cli_commands[];
extern const lp_cli_opt lp_cli_opts[];

/* Borrowed rows of the tables; NULL when there is none. An option's row
 * is the one for the command with this LP_CMD_* bit, else any row of that
 * name (to say whose option it is). */
const lp_cli_command *lp_cli_command_named(const char *name);
const lp_cli_opt *lp_cli_opt_long(const char *name, size_t len, unsigned bit);
const lp_cli_opt *lp_cli_opt_short(char c, unsigned bit);

/* ---- Parsing --------------------------------------------------------- */

typedef struct lp_cli_value {
	const lp_cli_opt *opt;
	const char *value; /* NULL for flags and an absent optional value */
} lp_cli_value;

typedef struct lp_cli_parsed {
	const lp_cli_command *cmd; /* NULL: no command (then help or version) */
	lp_cli_value *opts; /* the command's options in their order */
	size_t n_opts;
	const char **operands;
	size_t n_operands;
	/* The global options. */
	bool help, version, quiet, json;
	const char *layout;
	bool no_system_fonts; /* --no-system-fonts */
	const char **layout_dirs; /* --layout-dir, in their order */
	size_t n_layout_dirs;
	const char *color; /* --color: "auto", "always", "never"; NULL: auto */
} lp_cli_parsed;

/* Parses argv into *p (whose arrays the caller frees with
 * lp_cli_parsed_free()). Returns EX_OK or EX_USAGE (reported) or EX_OSERR. */
int lp_cli_parse(int argc, char **argv, lp_cli_parsed *p);
void lp_cli_parsed_free(lp_cli_parsed *p);

/* ---- Help, usage errors, version --------------------------------------- */

/* Prints the usage error "letterpress: CMD: message (see 'letterpress CMD
 * --help')" on one line to stderr and returns EX_USAGE. cmd may be NULL. */
int lp_cli_usage(const lp_cli_command *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* The general help (cmd NULL) or one command's, to stdout. */
void lp_cli_help(const lp_cli_command *cmd);
/* letterpress's version and the libraries', to stdout. */
void lp_cli_version(void);

/* ---- Diagnostics ----------------------------------------------------- */

/* How diagnostics reach stderr: --quiet keeps errors only; --diagnostics
 * json writes one JSON object a line instead of file:line:col text. */
typedef struct lp_cli_diag_style {
	bool quiet, json;
} lp_cli_diag_style;

/* An lp_diag_fn: user is a const lp_cli_diag_style *. */
void lp_cli_print_diag(const lp_diag_entry *e, void *user);
/* One entry, ignoring quiet. */
void lp_cli_print_entry(const lp_diag_entry *e, bool json);
/* s to stderr with control characters shown as \xNN (paths come from
 * file names). */
void lp_cli_put_escaped(const char *s);
/* Colours text diagnostics or not: "always", "never", or "auto" (NULL):
 * when stderr is a terminal, NO_COLOR is unset or empty and TERM is not
 * "dumb". Called once, before any diagnostic. */
void lp_cli_diag_color(const char *mode);
/* The source line of e with a caret line under its span, and its hints,
 * to stderr (snippet.c); mark, blue, green and reset are the colours'
 * escape sequences, or "". */
void lp_cli_print_snippet(const lp_diag_entry *e, const char *mark, const char *blue,
        const char *green, const char *reset);

/* ---- Options render, check, batch and watch share ---------------------- */

/* Applies one format option (--format, --fax-mode, --fax-coding, --dpi,
 * --grey, --fax, --pdfa) to *ro. Returns -1 when v is none of them, else
 * EX_OK or EX_USAGE (reported). */
int lp_cli_format_option(const lp_cli_command *cmd, const lp_cli_value *v, lp_render_options *ro);

/* The signing options: --sign CREDENTIAL, --sign-cert, --sign-chain,
 * --sign-password-file, --tsa URL and --sign-field[=NAME]. */
typedef struct lp_cli_sign {
	lp_sign_options opts;
	bool field;
	const char *field_name;
	/* --sign-ltv FILE, each time it is given (one over the limit, for
	 * lp_signer_new() to name). */
	const char *ltv[LP_MAX_LTV_FILES + 1];
	size_t n_ltv;
} lp_cli_sign;

/* Like lp_cli_format_option(), for the signing options. */
int lp_cli_sign_option(const lp_cli_value *v, lp_cli_sign *cs);
/* Checks the options together and loads the credential (before any work,
 * so that one that cannot sign stops the run); sets ro->signer and
 * ro->sign_field. *signer is the caller's to drop. */
lp_status lp_cli_sign_setup(
        const lp_cli_sign *cs, lp_render_options *ro, lp_signer **signer, lp_diag *diag);

/* ---- Commands -------------------------------------------------------- */

int lp_cli_render(const lp_cli_parsed *p);
int lp_cli_check(const lp_cli_parsed *p);
int lp_cli_layouts(const lp_cli_parsed *p);
int lp_cli_fonts(const lp_cli_parsed *p);
/* The engine a command that loads layouts works with: the layout given
 * by path loaded up front (it may bring fonts), system fonts unless
 * --no-system-fonts (main.c). */
lp_status lp_cli_make_engine(const lp_cli_parsed *p, lp_diag *diag, lp_engine **engine);
int lp_cli_batch(const lp_cli_parsed *p);
int lp_cli_manifest(const lp_cli_parsed *p);
int lp_cli_completion(const lp_cli_parsed *p);
int lp_cli_help_cmd(const lp_cli_parsed *p);
int lp_cli_watch_cmd(const lp_cli_parsed *p);

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

#endif
