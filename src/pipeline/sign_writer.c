/* The PDF writer's signing step: the backend reserves the signature's
 * room (pdf/pdf_sigfield.c), then sign/pades.c fills it in memory, before
 * anything is published: a signature that fails leaves no output. */
#include "pipeline/writer.h"

#include "base/diag.h"
#include "pdf/pdf.h"
#include "sign/sign.h"

#include <stdlib.h>
#include <string.h>

/* The default field name, as Acrobat numbers its own. */
#define LP_SIGN_FIELD_DEFAULT "Signature1"

/* Field names are partial names (§12.7.3.2): no period; printable ASCII
 * keeps them one PDFDocEncoding string. */
static bool
field_name_ok(const char *s)
{
	if (!*s || strlen(s) > 64)
		return false;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '.')
			return false;
	return true;
}

lp_status
lp_sign_check_options(const lp_render_options *o, const char *name, lp_diag *diag)
{
	const char *field = o->sign_field ? o->sign_field : LP_SIGN_FIELD_DEFAULT;
	if (!field_name_ok(field))
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "the signature field name '%s' must be 1 to 64 printable ASCII characters "
		        "without '.'",
		        field);
	if (o->fax)
		return lp_diag_report(diag, LP_ERROR, LP_ERR_USAGE, name, 0, 0,
		        "a fax-profiled PDF is not signed: sign the document that is sent, not its "
		        "fax copy");
	return LP_OK;
}

/* (The options were checked by lp_sign_check_options() before the
 * document was built.) */
lp_status
lp_sign_write_pdf(const lp_dlist *list, const lp_writer_args *a, lp_pdf_options *po, uint8_t **data,
        size_t *size, lp_diag *diag)
{
	const lp_render_options *o = a->opts;
	lp_pdf_sig sig = {o->sign_field ? o->sign_field : LP_SIGN_FIELD_DEFAULT, o->signer != NULL};
	if (o->signer)
		sig.contents_bytes = lp_signer_reserve(o->signer);
	po->sig = &sig;
	lp_status s = lp_pdf_render(list, po, data, size, diag);
	if (s == LP_OK && o->signer)
		s = lp_pades_sign(o->signer, *data, *size, a->source_name, diag);
	/* --sign-ltv: the DSS, an update after the signed bytes. */
	if (s == LP_OK && o->signer && o->signer->n_ltv)
		s = lp_ltv_append(o->signer, data, size, a->source_name, diag);
	if (s != LP_OK) {
		free(*data);
		*data = NULL;
		*size = 0;
	}
	return s;
}
