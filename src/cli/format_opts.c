/* The output format's options render, check, batch and watch share; the
 * parser has checked the words of each choice already (options.c). */
#include "cli/cli.h"

#include "base/limits.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

int
lp_cli_format_option(const lp_cli_command *cmd, const lp_cli_value *v, lp_render_options *ro)
{
	const char *s = v->value;
	switch (v->opt->id) {
	case LP_OPT_FORMAT:
		ro->format = lp_format_from_name(s);
		return EX_OK;
	case LP_OPT_FAX_MODE:
		ro->fax_mode = !strcmp(s, "standard") ? LP_FAX_MODE_STANDARD : LP_FAX_MODE_FINE;
		return EX_OK;
	case LP_OPT_FAX_CODING:
		ro->fax_code = !strcmp(s, "g3")      ? LP_FAX_CODE_G3
		               : !strcmp(s, "g3-2d") ? LP_FAX_CODE_G3_2D
		                                     : LP_FAX_CODE_G4;
		return EX_OK;
	case LP_OPT_PDFA:
		ro->pdfa = !strcmp(s, "1b")   ? LP_PDFA_1B
		           : !strcmp(s, "2b") ? LP_PDFA_2B
		                              : LP_PDFA_3B;
		return EX_OK;
	case LP_OPT_GREY:
		ro->grey = true;
		return EX_OK;
	case LP_OPT_FAX:
		ro->fax = true;
		return EX_OK;
	case LP_OPT_PDFUA:
		ro->pdfua = true;
		return EX_OK;
	case LP_OPT_DPI: {
		/* The backend's own bound (LP_MAX_RASTER_DPI) is checked here
		 * too, so a typo is a usage error before any work. */
		char *end;
		unsigned long n = strtoul(s, &end, 10);
		if (*s < '1' || *s > '9' || *end || n > LP_MAX_RASTER_DPI)
			return lp_cli_usage(cmd,
			        "--dpi takes a whole number from 1 to %u, not '%s'",
			        LP_MAX_RASTER_DPI, s);
		ro->dpi = (double)n;
		return EX_OK;
	}
	default:
		return -1;
	}
}
