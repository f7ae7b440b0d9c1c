/*
 * Dates and the XMP metadata packet (ISO 16684-1) of a PDF/A file.
 *
 * PDF/A (ISO 19005-1 §6.7.3, -2 and -3 §6.6.2.3) asks that every entry of
 * the document information dictionary have its twin in the XMP packet with
 * the same value: Title ↔ dc:title, Author ↔ dc:creator (a sequence of
 * one), Subject ↔ dc:description, Keywords ↔ pdf:Keywords, Producer ↔
 * pdf:Producer, Creator ↔ xmp:CreatorTool, CreationDate ↔ xmp:CreateDate,
 * ModDate ↔ xmp:ModifyDate. Both are written here from the same strings.
 * Dates are UTC written "D:YYYYMMDDHHmmSSZ" and "YYYY-MM-DDThh:mm:ssZ",
 * the one pair of forms every validator reads as the same instant
 * (libharu's own "Z00'00'" matches no XMP date). The packet is a
 * metadata stream the catalog names, never compressed (19005-1 §6.7.2),
 * and uses only the schemas PDF/A predefines, so it needs no extension
 * schema.
 */
#include "pdf/pdf_internal.h"

#include "base/diag.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool
lp_pdf_dates(int64_t date, char info[24], char xmp[24])
{
	time_t t = (time_t)date;
	struct tm tm;
	/* A negative date means the document has none: no date is better
	 * than the clock's, which would make every build differ. */
	if (date < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
		return false;
	/* %Y has four digits only from the year 1000: earlier dates are left out. */
	return tm.tm_year + 1900 >= 1000 && strftime(info, 24, "D:%Y%m%d%H%M%SZ", &tm) > 0
		&& strftime(xmp, 24, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* XML text: markup characters as entities; tab and line feed as
 * character references so that no XML processor folds them. The text
 * policy has already refused the other control characters. */
static HPDF_STATUS
put_xml(HPDF_Stream out, const char *s)
{
	HPDF_STATUS st = HPDF_OK;
	const char *run = s;
	for (; *s && st == HPDF_OK; s++) {
		const char *ent = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			: *s == '"' ? "&quot;" : *s == '\t' ? "&#9;" : *s == '\n' ? "&#10;"
			: *s == '\r' ? "&#13;" : NULL;
		if (!ent)
			continue;
		if (s > run)
			st = HPDF_Stream_Write(out, (const HPDF_BYTE *)run, (HPDF_UINT)(s - run));
		st += HPDF_Stream_WriteStr(out, ent);
		run = s + 1;
	}
	if (s > run && st == HPDF_OK)
		st = HPDF_Stream_Write(out, (const HPDF_BYTE *)run, (HPDF_UINT)(s - run));
	return st;
}

/* <tag>before VALUE after</tag> on one line, when value is set. */
static HPDF_STATUS
put_prop(HPDF_Stream out, const char *tag, const char *before, const char *value, const char *after)
{
	if (!value || !*value)
		return HPDF_OK;
	char open[96], close[96];
	snprintf(open, sizeof open, "   <%s>%s", tag, before);
	snprintf(close, sizeof close, "%s</%s>\n", after, tag);
	HPDF_STATUS st = HPDF_Stream_WriteStr(out, open);
	st += put_xml(out, value);
	st += HPDF_Stream_WriteStr(out, close);
	return st;
}

static const char *const alt_open = "<rdf:Alt><rdf:li xml:lang=\"x-default\">";
static const char *const alt_close = "</rdf:li></rdf:Alt>";

lp_status
lp_pdf_xmp_write(lp_pdf_dev *d, const lp_dl_meta *m, const char *producer, const char *creator)
{
	HPDF_Dict md = HPDF_DictStream_New(d->doc->mmgr, d->doc->xref);
	if (!md)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, "XMP metadata");
	HPDF_Stream out = md->stream;
	md->filter = HPDF_STREAM_FILTER_NONE;
	char info_date[24], xmp_date[24];
	bool dated = lp_pdf_dates(m->date, info_date, xmp_date);
	char part[64];
	snprintf(part, sizeof part, "   <pdfaid:part>%d</pdfaid:part>\n",
		d->opt.pdfa == LP_PDFA_1B ? 1 : d->opt.pdfa == LP_PDFA_2B ? 2 : 3);
	HPDF_STATUS st = HPDF_Dict_AddName(md, "Type", "Metadata");
	st += HPDF_Dict_AddName(md, "Subtype", "XML");
	/* The begin attribute is U+FEFF in UTF-8: the packet's encoding. */
	st += HPDF_Stream_WriteStr(out,
		"<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		"  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n");
	st += HPDF_Stream_WriteStr(out, part);
	st += HPDF_Stream_WriteStr(out,
		"   <pdfaid:conformance>B</pdfaid:conformance>\n"
		"  </rdf:Description>\n"
		"  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"   <dc:format>application/pdf</dc:format>\n");
	st += put_prop(out, "dc:title", alt_open, m->title, alt_close);
	st += put_prop(out, "dc:creator", "<rdf:Seq><rdf:li>", m->author, "</rdf:li></rdf:Seq>");
	st += put_prop(out, "dc:description", alt_open, m->subject, alt_close);
	st += put_prop(out, "dc:language", "<rdf:Bag><rdf:li>", m->lang, "</rdf:li></rdf:Bag>");
	st += HPDF_Stream_WriteStr(out,
		"  </rdf:Description>\n"
		"  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	st += put_prop(out, "pdf:Producer", "", producer, "");
	st += put_prop(out, "pdf:Keywords", "", m->keywords, "");
	st += HPDF_Stream_WriteStr(out,
		"  </rdf:Description>\n"
		"  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	st += put_prop(out, "xmp:CreatorTool", "", creator, "");
	if (dated) {
		st += put_prop(out, "xmp:CreateDate", "", xmp_date, "");
		st += put_prop(out, "xmp:ModifyDate", "", xmp_date, "");
		st += put_prop(out, "xmp:MetadataDate", "", xmp_date, "");
	}
	st += HPDF_Stream_WriteStr(out,
		"  </rdf:Description>\n"
		" </rdf:RDF>\n"
		"</x:xmpmeta>\n"
		"<?xpacket end=\"r\"?>");
	st += HPDF_Dict_Add(d->doc->catalog, "Metadata", md);
	return lp_pdf_check(d, st ? HPDF_INVALID_OBJECT : HPDF_OK, "XMP metadata");
}
