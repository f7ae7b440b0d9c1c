/* The signing options render, batch and watch share; see cli.h. */
#include "cli/cli.h"

#include <stdio.h>
#include <sysexits.h>

int
lp_cli_sign_option(const lp_cli_value *v, lp_cli_sign *cs)
{
	switch (v->opt->id) {
	case LP_OPT_SIGN_FIELD:
		cs->field = true;
		cs->field_name = v->value;
		return EX_OK;
	case LP_OPT_SIGN:
		cs->opts.credential = v->value;
		return EX_OK;
	case LP_OPT_SIGN_CERT:
		cs->opts.cert = v->value;
		return EX_OK;
	case LP_OPT_SIGN_CHAIN:
		cs->opts.chain = v->value;
		return EX_OK;
	case LP_OPT_SIGN_PASSWORD_FILE:
		cs->opts.password_file = v->value;
		return EX_OK;
	case LP_OPT_TSA:
		cs->opts.tsa_url = v->value;
		return EX_OK;
	case LP_OPT_SIGN_LTV:
		/* Past the limit, one more is kept for the message. */
		if (cs->n_ltv <= LP_MAX_LTV_FILES)
			cs->ltv[cs->n_ltv++] = v->value;
		cs->opts.ltv_files = cs->ltv;
		cs->opts.n_ltv_files = cs->n_ltv;
		return EX_OK;
	default:
		return -1;
	}
}

lp_status
lp_cli_sign_setup(const lp_cli_sign *cs, lp_render_options *ro, lp_signer **signer, lp_diag *diag)
{
	*signer = NULL;
	const lp_sign_options *o = &cs->opts;
	if (!o->credential &&
	        (o->cert || o->chain || o->password_file || o->tsa_url || o->n_ltv_files)) {
		lp_cli_usage(NULL, "--sign-cert, --sign-chain, --sign-password-file, --tsa and "
		                   "--sign-ltv go with --sign");
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
