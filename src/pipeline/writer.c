/* The formats and their writers; see writer.h. */
#include "pipeline/writer.h"

#include "pdf/pdf.h"

#include <string.h>
#include <strings.h>

static lp_status
write_pdf(const lp_dlist *list, uint8_t **data, size_t *size, lp_diag *diag)
{
	lp_pdf_options po = lp_pdf_options_default();
	return lp_pdf_render(list, &po, data, size, diag);
}

/* One row a format; the first is what LP_FORMAT_AUTO falls back to. */
static const lp_writer writers[] = {
	{LP_FORMAT_PDF, "pdf", ".pdf", write_pdf},
};
#define N_WRITERS (sizeof writers / sizeof *writers)

static const lp_writer *
find(lp_format format)
{
	for (size_t i = 0; i < N_WRITERS; i++)
		if (writers[i].format == format)
			return &writers[i];
	return NULL;
}

lp_format
lp_format_from_name(const char *name)
{
	for (size_t i = 0; name && i < N_WRITERS; i++)
		if (strcmp(writers[i].name, name) == 0)
			return writers[i].format;
	return LP_FORMAT_AUTO;
}

lp_format
lp_format_from_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return LP_FORMAT_AUTO;
	for (size_t i = 0; i < N_WRITERS; i++)
		if (strcasecmp(writers[i].extension, dot) == 0)
			return writers[i].format;
	return LP_FORMAT_AUTO;
}

const char *
lp_format_name(lp_format format)
{
	const lp_writer *w = find(format);
	return w ? w->name : NULL;
}

const char *
lp_format_extension(lp_format format)
{
	const lp_writer *w = find(format);
	return w ? w->extension : NULL;
}

const lp_writer *
lp_writer_for(lp_format format, const char *path)
{
	if (format == LP_FORMAT_AUTO)
		format = lp_format_from_path(path);
	return format == LP_FORMAT_AUTO ? &writers[0] : find(format);
}
