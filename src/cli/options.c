/*
 * The one description of letterpress's command line: its commands and
 * options. The parser, every --help and the bash, zsh and fish completion
 * scripts are made from these two tables; a new option is one row here
 * (and the code that acts on it).
 */
#include "cli/cli.h"

#include <string.h>

/* Commands that write a release's output, and so take -o and signing. */
#define WRITERS (LP_CMD_RENDER | LP_CMD_WATCH)
/* Commands that take the output format's options. */
#define FORMATS (LP_CMD_RENDER | LP_CMD_CHECK | LP_CMD_BATCH | LP_CMD_WATCH)
#define SIGNERS (LP_CMD_RENDER | LP_CMD_BATCH | LP_CMD_WATCH)

const lp_cli_command lp_cli_commands[] = {
        {"render", LP_CMD_RENDER, "IN.md", LP_KIND_RELEASE, NULL,
                "render a release to PDF, a fax TIFF or PNG previews",
                "Renders one release ('-': standard input). Without -o the output goes beside\n"
                "the input, named after it: a/b.md becomes a/b.pdf (a/b.tiff, a/b.png with\n"
                "--format). -o's extension chooses the format: .pdf, .tiff or .tif, .png; a\n"
                "PNG of N pages is OUT-1.png … OUT-N.png. The output appears whole or not at\n"
                "all, and never replaces an input.",
                lp_cli_render},
        {"check", LP_CMD_CHECK, "IN.md...", LP_KIND_RELEASE, NULL,
                "run every stage, print the problems; write nothing",
                "Runs every stage on each release and prints its warnings and errors;\n"
                "writes nothing. With --dump, prints the body's lines or the display list.",
                lp_cli_check},
        {"batch", LP_CMD_BATCH, "SRC...", LP_KIND_PATH, NULL,
                "render many releases into an archive, with a manifest",
                "Renders releases (files, and folders searched for *.md) into ARCHIVE,\n"
                "mirroring their paths, with ARCHIVE/manifest.jsonl; goes on past failures\n"
                "(exit 65 when some failed); --resume finishes an interrupted batch.",
                lp_cli_batch},
        {"manifest", LP_CMD_MANIFEST, "merge ARCHIVE", LP_KIND_DIR, "merge",
                "combine a sharded batch's manifests",
                "merge: combines the manifests of a sharded batch (--shard) in ARCHIVE into\n"
                "ARCHIVE/manifest.jsonl, the bytes one unsharded batch writes.",
                lp_cli_manifest},
        {"layouts", LP_CMD_LAYOUTS, "", LP_KIND_NONE, NULL, "list the available layouts",
                "Lists the layouts letterpress finds, a name and a description a line.",
                lp_cli_layouts},
        {"fonts", LP_CMD_FONTS, "[IN.md]", LP_KIND_RELEASE, NULL,
                "list the fonts a layout uses, and a release's coverage",
                "Lists the faces the layout (--layout, else the release's, else plain) can\n"
                "use: family, style, weight, where from (layout, bundled, system) and file.\n"
                "With a release, each of its characters with the face that sets it in body\n"
                "text, and those no face has, at their first line:col.",
                lp_cli_fonts},
        {"watch", LP_CMD_WATCH, "IN.md", LP_KIND_RELEASE, NULL,
                "render, then render again whenever an input changes",
                "Renders one release as render does, then again whenever the release or a\n"
                "file it uses (its layout, fonts, pictures) is saved, until Ctrl-C. One line\n"
                "a render: its time and warnings. A broken save keeps the last good output.",
                lp_cli_watch_cmd},
        {"completion", LP_CMD_COMPLETION, "bash|zsh|fish", LP_KIND_CHOICE, "bash zsh fish",
                "print a shell completion script",
                "Prints the completion script for bash, zsh or fish (installed with\n"
                "letterpress; for a shell of your own: letterpress completion bash > FILE).",
                lp_cli_completion},
        {"help", LP_CMD_HELP, "[COMMAND]", LP_KIND_COMMAND, NULL,
                "show the help of letterpress or of one command",
                "Shows the help of letterpress, or of COMMAND (as COMMAND --help does).",
                lp_cli_help_cmd},
        {NULL, 0, NULL, LP_KIND_NONE, NULL, NULL, NULL, NULL},
};

const lp_cli_opt lp_cli_opts[] = {
        /* Global: before or after the command name. */
        {LP_OPT_HELP, "help", 'h', LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, LP_CMD_ANY, true,
                "show this help and exit"},
        {LP_OPT_VERSION, "version", 'V', LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, LP_CMD_ANY, true,
                "show the versions of letterpress and of the\n"
                "libraries in use, and exit"},
        {LP_OPT_QUIET, "quiet", 'q', LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, LP_CMD_ANY, true,
                "print errors only, no warnings"},
        {LP_OPT_DIAGNOSTICS, "diagnostics", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "text json",
                "FORMAT", LP_CMD_ANY, true,
                "errors and warnings on stderr as text\n"
                "(file:line:col: error: …, the default) or json\n"
                "(one object a line)"},
        {LP_OPT_COLOR, "color", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "auto always never", "WHEN",
                LP_CMD_ANY, true,
                "colour text diagnostics: auto (on a terminal,\n"
                "unless NO_COLOR is set; the default), always or\n"
                "never"},
        {LP_OPT_LAYOUT, "layout", 'l', LP_ARG_REQUIRED, LP_KIND_LAYOUT, NULL, "NAME|PATH",
                LP_CMD_LAYOUT_USERS, true,
                "the layout, over the release's: a name (see\n"
                "letterpress layouts) or a layout's file or folder"},
        {LP_OPT_NO_SYSTEM_FONTS, "no-system-fonts", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL,
                LP_CMD_LAYOUT_USERS, true,
                "find fonts only in the layout and letterpress's\n"
                "fonts folder, never the system's (fontconfig)"},
        {LP_OPT_LAYOUT_DIR, "layout-dir", 0, LP_ARG_REQUIRED, LP_KIND_DIR, NULL, "DIR",
                LP_CMD_LAYOUT_USERS | LP_CMD_LAYOUTS, true,
                "look for layouts by name in DIR (NAME/layout.yaml)\n"
                "before LETTERPRESS_LAYOUT_PATH, the user's and the\n"
                "installed layouts; may be given more than once"},
        /* The commands' own. */
        {LP_OPT_OUTPUT, "output", 'o', LP_ARG_REQUIRED, LP_KIND_FILE, NULL, "FILE", WRITERS, false,
                "where to write ('-': standard output); default:\n"
                "beside IN, with the format's extension"},
        {LP_OPT_OUTPUT, "output", 'o', LP_ARG_REQUIRED, LP_KIND_DIR, NULL, "ARCHIVE", LP_CMD_BATCH,
                false, "the archive folder to write into (required)"},
        {LP_OPT_JOBS, "jobs", 'j', LP_ARG_REQUIRED, LP_KIND_NUMBER, NULL, "N", LP_CMD_BATCH, false,
                "worker threads (default: one per core)"},
        {LP_OPT_RESUME, "resume", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, LP_CMD_BATCH, false,
                "finish an interrupted batch"},
        {LP_OPT_SHARD, "shard", 0, LP_ARG_REQUIRED, LP_KIND_NUMBER, NULL, "K/N", LP_CMD_BATCH,
                false,
                "render the K-th of N shards (then 'letterpress\n"
                "manifest merge')"},
        {LP_OPT_FROM, "from", 0, LP_ARG_REQUIRED, LP_KIND_FILE, NULL, "LIST", LP_CMD_BATCH, false,
                "more sources, one a line ('-': standard input)"},
        {LP_OPT_STRICT, "strict", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, LP_CMD_CHECK, false,
                "warnings fail the check too (exit 65), for a\n"
                "press office's own CI"},
        {LP_OPT_DUMP, "dump", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "lines dlist", "STAGE",
                LP_CMD_CHECK, false, "print the body's lines or the display list to stdout"},
        /* The output format's. */
        {LP_OPT_FORMAT, "format", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "pdf tiff png", "FORMAT",
                FORMATS, false,
                "pdf, tiff or png (default: what -o's extension\n"
                "names, else pdf); -o naming another is an error"},
        {LP_OPT_FAX_MODE, "fax-mode", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "fine standard", "MODE",
                FORMATS, false,
                "TIFF: fine (204x196 dpi, default) or standard\n"
                "(204x98)"},
        {LP_OPT_FAX_CODING, "fax-coding", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "g4 g3 g3-2d",
                "CODING", FORMATS, false, "TIFF: g4 (default), g3 (1-D) or g3-2d"},
        {LP_OPT_DPI, "dpi", 0, LP_ARG_REQUIRED, LP_KIND_NUMBER, NULL, "N", FORMATS, false,
                "PNG: resolution, 1 to 1200 (default 96)"},
        {LP_OPT_GREY, "grey", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, FORMATS, false,
                "PNG: 8-bit grey instead of colour"},
        {LP_OPT_GREY, "gray", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, FORMATS, false, NULL},
        {LP_OPT_FAX, "fax", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, FORMATS, false,
                "PDF: apply the fax profile (TIFF always has it)\n"
                "and warn of what a fax will lose"},
        {LP_OPT_PDFA, "pdfa", 0, LP_ARG_REQUIRED, LP_KIND_CHOICE, "1b 2b 3b", "LEVEL", FORMATS,
                false,
                "PDF: PDF/A-1b, -2b or -3b (3b carries the\n"
                "release's Markdown inside); refused when it\n"
                "cannot be met"},
        {LP_OPT_PDFUA, "pdfua", 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, FORMATS, false,
                "PDF: PDF/UA-1 (accessible); refused, with the\n"
                "line, when something is missing (a title, an\n"
                "emblem's alt text...)"},
        /* Signing (docs/signing.md). */
        {LP_OPT_SIGN, "sign", 0, LP_ARG_REQUIRED, LP_KIND_FILE, NULL, "CRED", SIGNERS, false,
                "sign as PAdES B-B: a PKCS#12 file, a PEM key\n"
                "(with --sign-cert) or a PKCS#11 URI\n"
                "(pkcs11:token=…;object=…)"},
        {LP_OPT_SIGN_CERT, "sign-cert", 0, LP_ARG_REQUIRED, LP_KIND_FILE, NULL, "PEM", SIGNERS,
                false, "the signer's certificate (for a PEM or PKCS#11 key)"},
        {LP_OPT_SIGN_CHAIN, "sign-chain", 0, LP_ARG_REQUIRED, LP_KIND_FILE, NULL, "PEM", SIGNERS,
                false, "more certificates to embed (intermediate CAs)"},
        {LP_OPT_SIGN_PASSWORD_FILE, "sign-password-file", 0, LP_ARG_REQUIRED, LP_KIND_FILE, NULL,
                "FILE", SIGNERS, false, "password or PIN (else $LETTERPRESS_SIGN_PASSWORD)"},
        {LP_OPT_TSA, "tsa", 0, LP_ARG_REQUIRED, LP_KIND_URL, NULL, "URL", SIGNERS, false,
                "PAdES B-T: timestamp from this RFC 3161 authority"},
        {LP_OPT_SIGN_FIELD, "sign-field", 0, LP_ARG_OPTIONAL, LP_KIND_NONE, NULL, "NAME", SIGNERS,
                false,
                "the signature block becomes a signature field;\n"
                "with no --sign, an empty one to sign later\n"
                "(default Signature1)"},
        {LP_OPT_SIGN_LTV, "sign-ltv", 0, LP_ARG_REQUIRED, LP_KIND_FILE, NULL, "FILE", SIGNERS,
                false,
                "certificates, CRLs, OCSP responses (DER or\n"
                "PEM) for a DSS after the signature, with the\n"
                "chain (B-LT with --tsa); may be repeated"},
        {0, NULL, 0, LP_ARG_NONE, LP_KIND_NONE, NULL, NULL, 0, false, NULL},
};

const lp_cli_command *
lp_cli_command_named(const char *name)
{
	for (const lp_cli_command *c = lp_cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* The row for this command (bit), else any row of that name, so that the
 * caller can say whose option it is. */
const lp_cli_opt *
lp_cli_opt_long(const char *name, size_t len, unsigned bit)
{
	const lp_cli_opt *any = NULL;
	for (const lp_cli_opt *o = lp_cli_opts; o->name; o++) {
		if (strlen(o->name) != len || strncmp(o->name, name, len) != 0)
			continue;
		if (o->commands & bit)
			return o;
		if (!any)
			any = o;
	}
	return any;
}

const lp_cli_opt *
lp_cli_opt_short(char c, unsigned bit)
{
	const lp_cli_opt *any = NULL;
	for (const lp_cli_opt *o = lp_cli_opts; c && o->name; o++) {
		if (o->short_name != c)
			continue;
		if (o->commands & bit)
			return o;
		if (!any)
			any = o;
	}
	return any;
}
