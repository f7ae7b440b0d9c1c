/*
 * letterpress command-line tool: a thin client of include/letterpress.h.
 * It parses arguments, prints diagnostics and maps statuses to sysexits.h
 * codes; it never lays out anything itself.
 */
#include "letterpress.h"

#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

static const char usage_text[] =
	"Usage: letterpress COMMAND [OPTIONS]\n"
	"\n"
	"Typesets a press release (Markdown with YAML front matter) onto a letterhead.\n"
	"\n"
	"Commands:\n"
	"  render IN.md -o OUT.pdf|OUT.tiff|OUT.png [--layout NAME|PATH] [FORMAT OPTIONS]\n"
	"                 render a release to PDF, a fax TIFF or PNG previews ('-' reads\n"
	"                 stdin / writes stdout); a PNG of N pages is OUT-1.png … OUT-N.png\n"
	"  batch SRC... -o ARCHIVE [--jobs N] [--resume] [--shard K/N] [--from LIST]\n"
	"        [--layout NAME|PATH] [--format pdf|tiff|png] [FORMAT OPTIONS]\n"
	"                 render releases (files, folders searched for *.md) into ARCHIVE,\n"
	"                 mirroring their paths, with ARCHIVE/manifest.jsonl; going on past\n"
	"                 failures; --resume finishes an interrupted batch\n"
	"  manifest merge ARCHIVE\n"
	"                 combine the manifests of a sharded batch into manifest.jsonl\n"
	"  check IN.md [--layout NAME|PATH] [--dump=lines|dlist]\n"
	"                 run every stage, print warnings and errors; writes nothing\n"
	"                 (--dump prints the body's lines or the display list)\n"
	"  layouts        list the available layouts\n"
	"\n"
	"Options:\n"
	"  -o, --output PATH    where to write (render: a file or '-'; batch: a folder)\n"
	"  -j, --jobs N         batch: worker threads (default: one per core)\n"
	"  -l, --layout NAME    layout name (see 'letterpress layouts') or path to a layout\n"
	"      --format F       pdf, tiff or png (default: what -o's extension names, else\n"
	"                       pdf); an -o extension naming another format is an error\n"
	"\n"
	"Format options:\n"
	"      --fax-mode M     TIFF: fine (204x196 dpi, default) or standard (204x98)\n"
	"      --fax-coding C   TIFF: g4 (default), g3 (1-D) or g3-2d\n"
	"      --dpi N          PNG: resolution, 1 to 1200 (default 96)\n"
	"      --grey           PNG: 8-bit grey instead of colour\n"
	"      --fax            PDF: apply the fax profile (TIFF always has it) and warn of\n"
	"                       what a fax will lose\n"
	"      --pdfa L         PDF: PDF/A-1b, -2b or -3b (L is 1b, 2b or 3b; 3b carries the\n"
	"                       release's Markdown inside); refused when it cannot be met\n"
	"      --pdfua          PDF: PDF/UA-1 (accessible); refused, with the line, when\n"
	"                       something is missing (a title, an emblem's alt text...)\n"
	"\n"
	"Signing (PDF; see docs/signing.md):\n"
	"      --sign CRED      sign as PAdES B-B: CRED is a PKCS#12 file, a PEM key (with\n"
	"                       --sign-cert) or a PKCS#11 URI (pkcs11:token=…;object=…)\n"
	"      --sign-cert PEM  the signer's certificate (PEM key or PKCS#11 key)\n"
	"      --sign-chain PEM more certificates to embed (intermediate CAs)\n"
	"      --sign-password-file FILE  password or PIN (else $LETTERPRESS_SIGN_PASSWORD)\n"
	"      --tsa URL        PAdES B-T: timestamp from this RFC 3161 authority (http://)\n"
	"      --sign-field[=NAME]  the signature block becomes a signature field; with no\n"
	"                       --sign, an empty one to sign later (default Signature1)\n"
	"  -q, --quiet          print errors only, no warnings\n"
	"  -h, --help           show this help and exit\n"
	"  -V, --version        show the version and exit\n"
	"\n"
	"Environment: LETTERPRESS_DATA (folder with fonts/ and layouts/),\n"
	"SOURCE_DATE_EPOCH (document date when the release has none).\n"
	"\n"
	"Exit status follows sysexits.h: 0 ok, 64 usage, 65 invalid input (batch: some\n"
	"release failed), 66 input missing, 73 output cannot be created, 74 I/O error,\n"
	"75 another batch is writing the archive.\n";

typedef struct cli_args {
	const char *cmd;
	const char **inputs;
	int n_inputs;
	const char *output;
	const char *layout;
	lp_dump dump;
	lp_render_options out; /* the output format's options */
	lp_cli_sign sign;
	bool quiet;
} cli_args;

static void
print_diag(const lp_diag_entry *e, void *user)
{
	const cli_args *a = user;
	if (a->quiet && e->severity != LP_ERROR)
		return;
	char buf[2048];
	lp_diag_format(e, buf, sizeof buf);
	fprintf(stderr, "%s\n", buf);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "letterpress: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, " (see letterpress --help)\n");
	va_end(ap);
	return EX_USAGE;
}

static int
parse_args(int argc, char **argv, cli_args *a)
{
	a->inputs = calloc((size_t)argc, sizeof *a->inputs);
	if (!a->inputs) {
		fputs("letterpress: error: out of memory\n", stderr);
		return EX_OSERR;
	}
	int rc;
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
			if (!has_value)
				return usage_error("%s needs a value", arg);
			a->output = argv[++i];
		} else if (!strcmp(arg, "-l") || !strcmp(arg, "--layout")) {
			if (!has_value)
				return usage_error("%s needs a value", arg);
			a->layout = argv[++i];
		} else if ((rc = lp_cli_format_option(argc, argv, &i, &a->out)) >= 0
			|| (rc = lp_cli_sign_option(argc, argv, &i, &a->sign)) >= 0) {
			if (rc != EX_OK)
				return rc;
		} else if (!strncmp(arg, "--dump=", 7)) {
			if (!strcmp(arg + 7, "lines"))
				a->dump = LP_DUMP_LINES;
			else if (!strcmp(arg + 7, "dlist"))
				a->dump = LP_DUMP_DLIST;
			else
				return usage_error("--dump takes lines or dlist, not '%s'", arg + 7);
		} else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
			a->quiet = true;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return usage_error("unknown option '%s'", arg);
		} else {
			a->inputs[a->n_inputs++] = arg;
		}
	}
	return EX_OK;
}

static void
print_layout(const char *name, const char *description, void *user)
{
	(void)user;
	printf("%-14s %s\n", name, description);
}

static lp_status
make_engine(const cli_args *a, lp_diag *diag, lp_engine **engine)
{
	/* A layout given by path may bring fonts: the engine loads them up front. */
	bool is_path = a->layout && strchr(a->layout, '/');
	lp_engine_options eo = {0};
	eo.layouts = is_path ? &a->layout : NULL;
	eo.n_layouts = is_path ? 1 : 0;
	return lp_engine_new(&eo, engine, diag);
}

/* The files this run reads that no output may replace: the releases and
 * a layout given by path. */
static lp_status
check_output(const cli_args *a, const char *out, lp_diag *diag)
{
	const char **inputs = calloc((size_t)a->n_inputs + 1, sizeof *inputs);
	if (!inputs)
		return LP_ERR_NOMEM;
	size_t n = 0;
	for (int i = 0; i < a->n_inputs; i++)
		inputs[n++] = a->inputs[i];
	if (a->layout)
		inputs[n++] = a->layout;
	lp_status s = lp_output_check(out, inputs, n, diag);
	free(inputs);
	return s;
}

static int
run(const cli_args *a)
{
	bool is_render = !strcmp(a->cmd, "render"), is_check = !strcmp(a->cmd, "check");
	bool is_layouts = !strcmp(a->cmd, "layouts");
	if (!is_render && !is_check && !is_layouts)
		return usage_error("unknown command '%s'", a->cmd);
	if (is_layouts && a->n_inputs)
		return usage_error("'layouts' takes no input (got '%s')", a->inputs[0]);
	if ((is_render || is_check) && a->n_inputs != 1)
		return usage_error("'%s' takes exactly one input release", a->cmd);
	if (is_render && !a->output)
		return usage_error("'%s' needs -o OUTPUT", a->cmd);
	if (is_check && a->output)
		return usage_error("'%s' writes nothing; drop -o", a->cmd);
	if (a->dump != LP_DUMP_NONE && !is_check)
		return usage_error("--dump goes with 'check' (got '%s')", a->cmd);

	lp_diag *diag = lp_diag_new(print_diag, (void *)a);
	if (!diag) {
		fputs("letterpress: error: out of memory\n", stderr);
		return EX_OSERR;
	}
	lp_engine *engine = NULL;
	lp_signer *signer = NULL;
	lp_render_options ro = a->out;
	/* A refused output or a credential that cannot sign is refused
	 * before any work. */
	lp_status s = is_render ? check_output(a, a->output, diag) : LP_OK;
	if (s == LP_OK)
		s = lp_cli_sign_setup(&a->sign, &ro, &signer, diag);
	if (s == LP_OK)
		s = make_engine(a, diag, &engine);
	if (s == LP_OK) {
		ro.layout = a->layout;
		ro.date_epoch = -1;
		ro.dump = a->dump;
		ro.dump_to = stdout;
		if (is_layouts) {
			s = lp_engine_list_layouts(engine, print_layout, NULL, diag);
		} else if (is_render) {
			s = lp_render_file(engine, a->inputs[0], a->output, &ro, diag);
		} else if (is_check) {
			s = lp_check_file(engine, a->inputs[0], &ro, diag);
			if (s == LP_OK && !a->quiet && a->dump == LP_DUMP_NONE)
				fprintf(stderr, "%s: ok, %zu warning(s)%s\n", a->inputs[0],
					lp_diag_count(diag, LP_WARNING),
					lp_diag_repeats(diag) ? ", repeats not shown" : "");
		}
	}
	lp_engine_drop(engine);
	lp_signer_drop(signer);
	lp_diag_drop(diag);
	return lp_status_exit_code(s);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EX_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return EX_OK;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("letterpress %s\n", lp_version());
		return EX_OK;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return EX_OK;
		}
	}
	if (!strcmp(cmd, "batch"))
		return lp_cli_batch(argc, argv);
	if (!strcmp(cmd, "manifest"))
		return lp_cli_manifest(argc, argv);
	/* An interrupted run leaves no temporary file behind. */
	if (lp_cleanup_on_signals() != LP_OK)
		fprintf(stderr, "letterpress: warning: cannot install signal handlers\n");
	cli_args a = {.cmd = cmd};
	int rc = parse_args(argc, argv, &a);
	if (rc == EX_OK)
		rc = run(&a);
	free(a.inputs);
	return rc;
}
