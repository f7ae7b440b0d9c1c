/* The signing options render and batch share; see cli.h. */
#include "letterpress.h"

#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

static int
sign_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "letterpress: %s%s (see letterpress --help)\n", arg ? arg : "", msg);
	return EX_USAGE;
}

int
lp_cli_sign_option(int argc, char **argv, int *i, lp_cli_sign *cs)
{
	const char *arg = argv[*i];
	if (!strcmp(arg, "--sign-field")) {
		cs->field = true;
		return EX_OK;
	}
	if (!strncmp(arg, "--sign-field=", 13)) {
		cs->field = true;
		cs->field_name = arg + 13;
		return EX_OK;
	}
	const char **slot = !strcmp(arg, "--sign") ? &cs->opts.credential
		: !strcmp(arg, "--sign-cert") ? &cs->opts.cert
		: !strcmp(arg, "--sign-chain") ? &cs->opts.chain
		: !strcmp(arg, "--sign-password-file") ? &cs->opts.password_file
		: !strcmp(arg, "--tsa") ? &cs->opts.tsa_url : NULL;
	if (!slot)
		return -1;
	if (*i + 1 >= argc)
		return sign_usage(" needs a value", arg);
	*slot = argv[++*i];
	return EX_OK;
}

lp_status
lp_cli_sign_setup(const lp_cli_sign *cs, lp_render_options *ro, lp_signer **signer, lp_diag *diag)
{
	*signer = NULL;
	const lp_sign_options *o = &cs->opts;
	if (!o->credential && (o->cert || o->chain || o->password_file || o->tsa_url))
	{
		sign_usage("--sign-cert, --sign-chain, --sign-password-file and --tsa go with --sign",
			NULL);
		return LP_ERR_USAGE;
	}
	if (cs->field)
		ro->sign_field = cs->field_name ? cs->field_name : "Signature1";
	if (!o->credential)
		return LP_OK;
	lp_status s = lp_signer_new(o, signer, diag);
	ro->signer = *signer;
	return s;
}
