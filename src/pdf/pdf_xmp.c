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
 * metadata stream the catalog names, never compressed (19005-1 §6.7.2).
 *
 * The packet is one rdf:Description with every simple property as an
 * attribute (RDF/XML's abbreviated form, ISO 16684-1 §7.9.2.2) and the
 * arrays (title, creator, description, language) as elements, with no
 * padding: a PDF letterpress writes is never edited in place, and the
 * packet is uncompressed, so every byte of it counts against the file.
 *
 * PDF/UA-1 (ISO 14289-1 §5) identifies itself by pdfuaid:part; that schema
 * is not one PDF/A predefines, so a file claiming both describes it in a
 * PDF/A extension schema (19005-1 §6.7.8, -2 and -3 §6.6.2.3.3).
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
	return tm.tm_year + 1900 >= 1000 && strftime(info, 24, "D:%Y%m%d%H%M%SZ", &tm) > 0 &&
	       strftime(xmp, 24, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* What every write of the packet is made for, in a failure's message. */
static const char what[] = "XMP metadata";

/* XML text: markup characters as entities; tab and line feed as
 * character references so that no XML processor folds them. The text
 * policy has already refused the other control characters. */
static void
put_xml(lp_pdf_dev *d, HPDF_Stream out, const char *s)
{
	const char *run = s;
	for (; *s && d->error == LP_OK; s++) {
		const char *ent = *s == '&'    ? "&amp;"
		                  : *s == '<'  ? "&lt;"
		                  : *s == '>'  ? "&gt;"
		                  : *s == '"'  ? "&quot;"
		                  : *s == '\t' ? "&#9;"
		                  : *s == '\n' ? "&#10;"
		                  : *s == '\r' ? "&#13;"
		                               : NULL;
		if (!ent)
			continue;
		lp_pdf_stream_write(d, out, run, (size_t)(s - run), what);
		lp_pdf_stream_put(d, out, ent, what);
		run = s + 1;
	}
	lp_pdf_stream_write(d, out, run, (size_t)(s - run), what);
}

/* ` name="VALUE"`, when value is set. */
static void
put_attr(lp_pdf_dev *d, HPDF_Stream out, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	lp_pdf_stream_put(d, out, " ", what);
	lp_pdf_stream_put(d, out, name, what);
	lp_pdf_stream_put(d, out, "=\"", what);
	put_xml(d, out, value);
	lp_pdf_stream_put(d, out, "\"", what);
}

/* <tag>before VALUE after</tag>, when value is set. */
static void
put_prop(lp_pdf_dev *d, HPDF_Stream out, const char *tag, const char *before, const char *value,
        const char *after)
{
	if (!value || !*value)
		return;
	char open[96], close[96];
	snprintf(open, sizeof open, "<%s>%s", tag, before);
	snprintf(close, sizeof close, "%s</%s>\n", after, tag);
	lp_pdf_stream_put(d, out, open, what);
	put_xml(d, out, value);
	lp_pdf_stream_put(d, out, close, what);
}

static const char *const alt_open = "<rdf:Alt><rdf:li xml:lang=\"x-default\">";
static const char *const alt_close = "</rdf:li></rdf:Alt>";

/* The pdfuaid schema described for PDF/A, whose validators know only the
 * schemas PDF/A predefines (19005-1 §6.7.8). */
static const char pdfua_extension[] =
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
        "<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>"
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
        "<pdfaProperty:name>part</pdfaProperty:name>"
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
        "<pdfaProperty:category>internal</pdfaProperty:category>"
        "<pdfaProperty:description>The part of ISO 14289 the file meets</pdfaProperty:description>"
        "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\n";

lp_status
lp_pdf_xmp_write(lp_pdf_dev *d, const lp_dl_meta *m, const char *producer, const char *creator)
{
	HPDF_Dict md = HPDF_DictStream_New(d->doc->mmgr, d->doc->xref);
	if (!md)
		return lp_pdf_check(d, HPDF_FAILD_TO_ALLOC_MEM, what);
	HPDF_Stream out = md->stream;
	md->filter = HPDF_STREAM_FILTER_NONE;
	char info_date[24], xmp_date[24];
	bool dated = lp_pdf_dates(m->date, info_date, xmp_date);
	bool pdfa = d->opt.pdfa != LP_PDFA_NONE, pdfua = d->opt.pdfua;
	lp_pdf_hpdf(d, HPDF_Dict_AddName(md, "Type", "Metadata"), what);
	lp_pdf_hpdf(d, HPDF_Dict_AddName(md, "Subtype", "XML"), what);
	/* The begin attribute is U+FEFF in UTF-8: the packet's encoding. */
	lp_pdf_stream_put(d, out,
	        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
	        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
	        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
	        what);
	if (pdfa)
		lp_pdf_stream_put(
		        d, out, " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"", what);
	if (pdfua)
		lp_pdf_stream_put(
		        d, out, " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"", what);
	if (pdfa && pdfua)
		lp_pdf_stream_put(d, out,
		        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
		        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
		        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"",
		        what);
	lp_pdf_stream_put(d, out, "\n", what);
	if (pdfa) {
		put_attr(d, out, "pdfaid:part",
		        d->opt.pdfa == LP_PDFA_1B   ? "1"
		        : d->opt.pdfa == LP_PDFA_2B ? "2"
		                                    : "3");
		put_attr(d, out, "pdfaid:conformance", "B");
	}
	if (pdfua)
		put_attr(d, out, "pdfuaid:part", "1");
	put_attr(d, out, "dc:format", "application/pdf");
	put_attr(d, out, "pdf:Producer", producer);
	put_attr(d, out, "pdf:Keywords", m->keywords);
	put_attr(d, out, "xmp:CreatorTool", creator);
	if (dated) {
		put_attr(d, out, "xmp:CreateDate", xmp_date);
		put_attr(d, out, "xmp:ModifyDate", xmp_date);
		put_attr(d, out, "xmp:MetadataDate", xmp_date);
	}
	lp_pdf_stream_put(d, out, ">\n", what);
	put_prop(d, out, "dc:title", alt_open, m->title, alt_close);
	put_prop(d, out, "dc:creator", "<rdf:Seq><rdf:li>", m->author, "</rdf:li></rdf:Seq>");
	put_prop(d, out, "dc:description", alt_open, m->subject, alt_close);
	put_prop(d, out, "dc:language", "<rdf:Bag><rdf:li>", m->lang, "</rdf:li></rdf:Bag>");
	if (pdfa && pdfua)
		lp_pdf_stream_put(d, out, pdfua_extension, what);
	lp_pdf_stream_put(d, out,
	        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
	        "<?xpacket end=\"r\"?>",
	        what);
	/* Handed to the catalog whatever happened: it belongs to the document. */
	lp_pdf_hpdf(d, HPDF_Dict_Add(d->doc->catalog, "Metadata", md), what);
	return d->error;
}
