/* Status names and their sysexits.h exit codes. */
#include "letterpress.h"
#include "lp_config.h"

#include <sysexits.h>

const char *
lp_status_str(lp_status status)
{
	switch (status) {
	case LP_OK:
		return "ok";
	case LP_ERR_NOMEM:
		return "out of memory";
	case LP_ERR_USAGE:
		return "usage error";
	case LP_ERR_SYNTAX:
		return "invalid input";
	case LP_ERR_FONT:
		return "font error";
	case LP_ERR_LIMIT:
		return "input exceeds a limit";
	case LP_ERR_MISSING:
		return "input missing or unreadable";
	case LP_ERR_OUTPUT:
		return "output cannot be created";
	case LP_ERR_IO:
		return "input/output error";
	case LP_ERR_UNSUPPORTED:
		return "unsupported input";
	case LP_ERR_BACKEND:
		return "backend error";
	case LP_ERR_INTERNAL:
		return "internal error";
	case LP_ERR_BUSY:
		return "busy";
	case LP_ERR_CANCELLED:
		return "cancelled";
	}
	return "unknown status";
}

int
lp_status_exit_code(lp_status status)
{
	switch (status) {
	case LP_OK:
		return EX_OK;
	case LP_ERR_USAGE:
		return EX_USAGE;
	case LP_ERR_SYNTAX:
	case LP_ERR_FONT:
	case LP_ERR_LIMIT:
	case LP_ERR_UNSUPPORTED:
		return EX_DATAERR;
	case LP_ERR_MISSING:
		return EX_NOINPUT;
	case LP_ERR_OUTPUT:
		return EX_CANTCREAT;
	case LP_ERR_IO:
		return EX_IOERR;
	case LP_ERR_NOMEM:
		return EX_OSERR;
	case LP_ERR_BACKEND:
	case LP_ERR_INTERNAL:
		return EX_SOFTWARE;
	case LP_ERR_BUSY:
	case LP_ERR_CANCELLED:
		return EX_TEMPFAIL;
	}
	return EX_SOFTWARE;
}

const char *
lp_version(void)
{
	return LP_VERSION;
}
