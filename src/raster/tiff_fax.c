/*
 * TIFF Class F (the fax profile of TIFF, as HylaFAX, T.38 gateways and
 * fax-to-mail services take it) through libtiff, to memory or published
 * atomically.
 *
 * Every page is one IFD: SubfileType page, 1728 pixels a line, 1 bit,
 * Photometric min-is-white, FillOrder LSB2MSB (the bit order fax modems
 * send), one strip, PageNumber n/N, X 204 dpi and Y 196 or 98 dpi, CCITT
 * G4 (coded by ccitt.c, the strip handed to libtiff as it is) or G3 (1-D
 * or 2-D, coded by libtiff, EOLs byte-aligned, no RTC as Class F asks).
 * To a file, the TIFF is held in memory up to LP_TIFF_HOLD bytes and
 * written with one call, where libtiff makes eight a page, and a batch
 * hashes it there instead of reading the file back; past that, libtiff
 * writes straight into the file, a page at a time: a 500-page document
 * would otherwise hold its whole TIFF (tens of MB) in memory besides its
 * display list.
 * The only date is the document's own, so the same release gives the same
 * bytes on every run.
 *
 * libtiff reports errors through a handler; the one given per handle
 * (TIFFOpenOptions, libtiff 4.5) records the first message for diag, so
 * nothing is printed and nothing is global.
 */
#include "raster/raster.h"

#include "base/array.h"
#include "base/atomic_file.h"
#include "base/diag.h"
#include "base/sha256.h"
#include "raster/ccitt.h"
#include "raster/fax_profile.h"
#include "raster/glyph_cache.h"
#include "raster/raster_device.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tiffio.h>
#include <unistd.h>

/* A fax line: 1728 pixels over 215 mm at 204 dpi (ITU-T T.4). */
#define LP_FAX_LINE_PX 1728
#define LP_FAX_DPI_X 204.0
#define LP_FAX_DPI_FINE 196.0
#define LP_FAX_DPI_STANDARD 98.0

lp_tiff_options
lp_tiff_options_default(void)
{
	return (lp_tiff_options){LP_FAX_FINE, LP_FAX_G4, NULL, NULL, NULL};
}

/* ---- libtiff writing to memory or to a file --------------------------- */

/* How much of a TIFF bound for a file is held in memory before it goes
 * to the file: about twenty fine pages of text. */
#define LP_TIFF_HOLD ((size_t)1 << 20)

/* In memory (held), or at offsets of an open file: libtiff seeks back to
 * link each page's directory to the one before. A file's bytes are held
 * until they would pass LP_TIFF_HOLD, then spilled into it. */
typedef struct tiff_out {
	uint8_t *buf;
	size_t size, cap, pos;
	bool held; /* the bytes are in buf */
	int fd; /* the file's; -1 for memory only */
	const char *path; /* the file's, for its write errors */
	int io_errno; /* the first failed write's, to a file */
	bool nomem;
	char error[256]; /* libtiff's first complaint */
} tiff_out;

static tmsize_t
out_read(thandle_t h, void *data, tmsize_t n)
{
	tiff_out *f = (tiff_out *)h;
	size_t avail = f->pos < f->size ? f->size - f->pos : 0;
	size_t k = (size_t)n < avail ? (size_t)n : avail;
	if (!f->held) {
		ssize_t r = pread(f->fd, data, k, (off_t)f->pos);
		k = r > 0 ? (size_t)r : 0;
	} else {
		memcpy(data, f->buf + f->pos, k);
	}
	f->pos += k;
	return (tmsize_t)k;
}

static tmsize_t
file_write(tiff_out *f, const uint8_t *p, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w = pwrite(f->fd, p + done, n - done, (off_t)(f->pos + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!f->io_errno)
				f->io_errno = w < 0 ? errno : EIO;
			return -1;
		}
		done += (size_t)w;
	}
	f->pos += n;
	if (f->pos > f->size)
		f->size = f->pos;
	return (tmsize_t)n;
}

/* The held bytes into the file, from its start; buf is then done with. */
static bool
spill(tiff_out *f)
{
	size_t pos = f->pos, size = f->size;
	f->held = false;
	f->pos = f->size = 0;
	bool ok = file_write(f, f->buf, size) >= 0;
	f->pos = pos;
	free(f->buf);
	f->buf = NULL;
	f->cap = 0;
	return ok;
}

static tmsize_t
out_write(thandle_t h, void *data, tmsize_t n)
{
	tiff_out *f = (tiff_out *)h;
	size_t end = f->pos + (size_t)n;
	if (f->held && f->fd >= 0 && end > LP_TIFF_HOLD && !spill(f))
		return -1;
	if (!f->held)
		return file_write(f, data, (size_t)n);
	if (LP_ARRAY_RESERVE(f->buf, f->cap, end, LP_ARRAY_ANY) != LP_OK) {
		f->nomem = true;
		return -1;
	}
	if (f->pos > f->size)
		memset(f->buf + f->size, 0, f->pos - f->size);
	memcpy(f->buf + f->pos, data, (size_t)n);
	f->pos = end;
	if (end > f->size)
		f->size = end;
	return n;
}

static toff_t
out_seek(thandle_t h, toff_t off, int whence)
{
	tiff_out *f = (tiff_out *)h;
	uint64_t base = whence == SEEK_CUR ? f->pos : whence == SEEK_END ? f->size : 0;
	f->pos = (size_t)(base + off);
	return f->pos;
}

static int
out_close(thandle_t h)
{
	(void)h;
	return 0;
}

static toff_t
out_size(thandle_t h)
{
	return ((tiff_out *)h)->size;
}

static int
out_map(thandle_t h, void **base, toff_t *size)
{
	(void)h, (void)base, (void)size;
	return 0;
}

static void
out_unmap(thandle_t h, void *base, toff_t size)
{
	(void)h, (void)base, (void)size;
}

static int
on_tiff_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
{
	(void)tif, (void)module;
	tiff_out *f = user;
	if (!f->error[0])
		vsnprintf(f->error, sizeof f->error, fmt, ap);
	return 1; /* handled: libtiff prints nothing */
}

static int
on_tiff_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
{
	(void)tif, (void)user, (void)module, (void)fmt, (void)ap;
	return 1;
}

/* ---- Pages ----------------------------------------------------------- */

typedef struct tiff_job {
	TIFF *tif;
	tiff_out *file;
	const lp_tiff_options *opt;
	const lp_dlist *list;
	uint8_t *row_bits;
	size_t row_bits_cap;
	lp_ccitt_recall *recall; /* G4 with the engine's cache: its kept pages */
	lp_diag *diag;
} tiff_job;

static lp_status
tiff_failed(tiff_job *j, const char *what)
{
	if (j->file->nomem)
		return LP_ERR_NOMEM;
	if (j->file->io_errno)
		return lp_diag_report(j->diag, LP_ERROR, LP_ERR_IO, j->file->path, 0, 0,
		        "write failed: %s", strerror(j->file->io_errno));
	return lp_diag_report(j->diag, LP_ERROR, LP_ERR_BACKEND, NULL, 0, 0,
	        "libtiff could not write %s: %s", what,
	        j->file->error[0] ? j->file->error : "unknown error");
}

/* "YYYY:MM:DD HH:MM:SS" (TIFF 6.0 DateTime) of the document's date. */
static bool
tiff_date(int64_t date, char out[32])
{
	time_t t = (time_t)date;
	struct tm tm;
	if (date < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
		return false;
	return strftime(out, 32, "%Y:%m:%d %H:%M:%S", &tm) == 19;
}

static lp_status
put_page(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	tiff_job *j = user;
	TIFF *tif = j->tif;
	uint32_t w = page->width, h = page->height;
	bool g4 = j->opt->coding == LP_FAX_G4;
	int ok = 1;
	ok &= TIFFSetField(tif, TIFFTAG_SUBFILETYPE, (uint32_t)FILETYPE_PAGE);
	ok &= TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, w);
	ok &= TIFFSetField(tif, TIFFTAG_IMAGELENGTH, h);
	ok &= TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
	ok &= TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
	ok &= TIFFSetField(
	        tif, TIFFTAG_COMPRESSION, g4 ? COMPRESSION_CCITTFAX4 : COMPRESSION_CCITTFAX3);
	/* Class F: no RTC at the end of a page's data. */
	ok &= TIFFSetField(tif, TIFFTAG_FAXMODE, FAXMODE_CLASSF);
	if (g4)
		ok &= TIFFSetField(tif, TIFFTAG_GROUP4OPTIONS, (uint32_t)0);
	else
		ok &= TIFFSetField(tif, TIFFTAG_GROUP3OPTIONS,
		        (uint32_t)(GROUP3OPT_FILLBITS |
		                   (j->opt->coding == LP_FAX_G3_2D ? GROUP3OPT_2DENCODING : 0)));
	ok &= TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	ok &= TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
	ok &= TIFFSetField(tif, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
	ok &= TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, h);
	ok &= TIFFSetField(tif, TIFFTAG_XRESOLUTION, (float)page->dpi_x);
	ok &= TIFFSetField(tif, TIFFTAG_YRESOLUTION, (float)page->dpi_y);
	ok &= TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
	ok &= TIFFSetField(tif, TIFFTAG_PAGENUMBER, (uint16_t)index, (uint16_t)n_pages);
	ok &= TIFFSetField(tif, TIFFTAG_CLEANFAXDATA, (uint16_t)CLEANFAXDATA_CLEAN);
	char software[64], date[32];
	snprintf(software, sizeof software, "letterpress %s", lp_version());
	ok &= TIFFSetField(tif, TIFFTAG_SOFTWARE, software);
	if (tiff_date(j->list->meta.date, date))
		ok &= TIFFSetField(tif, TIFFTAG_DATETIME, date);
	if (!ok)
		return tiff_failed(j, "the page's tags");
	/* The page's bits are already min-is-white, a set bit black. G4 is
	 * coded here (ccitt.h: libtiff's coder made the same bytes with three
	 * times the instructions) and handed over raw, already in FillOrder
	 * LSB2MSB. */
	if (g4) {
		uint8_t *coded;
		size_t coded_size;
		lp_status s = lp_ccitt_g4_encode(page->bits, page->stride, w, h, page->inked,
		        j->recall, &coded, &coded_size);
		if (s != LP_OK)
			return s;
		tmsize_t put = TIFFWriteRawStrip(tif, 0, coded, (tmsize_t)coded_size);
		free(coded);
		if (put != (tmsize_t)coded_size)
			return tiff_failed(j, "a page");
	} else {
		/* libtiff's G3 coder takes rows packed tight, and its own copy:
		 * the device's page is not for writing. */
		size_t row_bytes = (w + 7) / 8;
		for (uint32_t y = 0; y < h; y++)
			memcpy(j->row_bits + (size_t)y * row_bytes,
			        page->bits + (size_t)y * page->stride, row_bytes);
		if (TIFFWriteEncodedStrip(tif, 0, j->row_bits, (tmsize_t)(row_bytes * h)) < 0)
			return tiff_failed(j, "a page");
	}
	if (!TIFFWriteDirectory(tif))
		return tiff_failed(j, "a page directory");
	return LP_OK;
}

static lp_status
put_page_sized(void *user, const lp_raster_page *page, uint32_t index, uint32_t n_pages)
{
	tiff_job *j = user;
	/* G3: the bit rows of one page for libtiff, reused: pages of a
	 * document share a size unless the layout mixes them (a new buffer
	 * for each page was mapped and unmapped by malloc, page faults every
	 * time). */
	size_t need = (size_t)(page->width + 7) / 8 * page->height;
	if (j->opt->coding != LP_FAX_G4 && need > j->row_bits_cap) {
		free(j->row_bits);
		j->row_bits_cap = 0;
		if (!(j->row_bits = malloc(need)))
			return LP_ERR_NOMEM;
		j->row_bits_cap = need;
	}
	return put_page(user, page, index, n_pages);
}

/* Renders every page into file (memory or an open file). */
static lp_status
render_into(const lp_dlist *list, const lp_tiff_options *opt, tiff_out *file, lp_diag *diag)
{
	TIFFOpenOptions *to = TIFFOpenOptionsAlloc();
	tiff_job j = {NULL, file, opt, list, NULL, 0, NULL, diag};
	if (opt->digest)
		opt->digest->set = false;
	if (!to)
		return LP_ERR_NOMEM;
	TIFFOpenOptionsSetErrorHandlerExtR(to, on_tiff_error, file);
	TIFFOpenOptionsSetWarningHandlerExtR(to, on_tiff_warning, file);
	/* "l": little-endian, whatever the host, for the same bytes anywhere. */
	j.tif = TIFFClientOpenExt("fax.tiff", "wl", (thandle_t)file, out_read, out_write, out_seek,
	        out_close, out_size, out_map, out_unmap, to);
	TIFFOpenOptionsFree(to);
	if (!j.tif)
		return tiff_failed(&j, "the file header");
	lp_fax_preflight(list, opt->source_name, diag);
	lp_raster_options ro = {LP_RASTER_FAX, LP_FAX_DPI_X,
	        opt->resolution == LP_FAX_STANDARD ? LP_FAX_DPI_STANDARD : LP_FAX_DPI_FINE,
	        LP_FAX_LINE_PX, opt->glyphs, opt->source_name};
	/* The pages coded before on this engine: a letterhead coded once.
	 * Without one (out of memory), pages are only coded afresh. */
	if (opt->glyphs && opt->coding == LP_FAX_G4)
		j.recall = lp_glyph_cache_take_recall(opt->glyphs);
	lp_status s = lp_raster_run(list, &ro, put_page_sized, &j, diag);
	if (j.recall)
		lp_glyph_cache_give_recall(opt->glyphs, j.recall);
	TIFFClose(j.tif); /* flushes nothing more: every page was written */
	j.tif = NULL;
	if (s == LP_OK && file->held && file->fd >= 0 && !file->nomem && !file->error[0]) {
		/* Hashed here, where the bytes are, not read back; set only
		 * once they are in the file. */
		bool hashed =
		        opt->digest && lp_sha256_bytes(file->buf, file->size, opt->digest->sha256);
		if (spill(file) && hashed)
			opt->digest->set = true;
	}
	if (s == LP_OK && (file->nomem || file->io_errno || file->error[0]))
		s = tiff_failed(&j, "the file");
	free(j.row_bits);
	return s;
}

lp_status
lp_raster_render_tiff(const lp_dlist *list, const lp_tiff_options *options, uint8_t **data,
        size_t *size, lp_diag *diag)
{
	*data = NULL;
	*size = 0;
	lp_tiff_options opt = options ? *options : lp_tiff_options_default();
	tiff_out *file = calloc(1, sizeof *file);
	if (!file)
		return LP_ERR_NOMEM;
	file->fd = -1;
	file->held = true;
	opt.digest = NULL; /* the caller has the bytes */
	lp_status s = render_into(list, &opt, file, diag);
	if (s == LP_OK) {
		*data = file->buf;
		*size = file->size;
		file->buf = NULL;
	}
	free(file->buf);
	free(file);
	return s;
}

lp_status
lp_raster_write_tiff_fd(const lp_dlist *list, const lp_tiff_options *options, int fd,
        const char *name, size_t *size, lp_diag *diag)
{
	*size = 0;
	lp_tiff_options opt = options ? *options : lp_tiff_options_default();
	tiff_out *file = calloc(1, sizeof *file);
	if (!file)
		return LP_ERR_NOMEM;
	file->fd = fd;
	file->path = name;
	file->held = true;
	lp_status s = render_into(list, &opt, file, diag);
	if (s == LP_OK)
		*size = file->size;
	free(file->buf); /* a failure's held bytes */
	free(file);
	return s;
}

/* A pipe cannot seek: the TIFF goes into a scratch file as it renders and
 * is copied out whole, so memory stays what a file target takes. Without
 * a scratch file (no writable temporary folder) it is made in memory. */
static lp_status
write_to_stdout(const lp_dlist *list, const lp_tiff_options *opt, lp_diag *diag)
{
	int fd = lp_scratch_file_open();
	if (fd < 0) {
		uint8_t *data = NULL;
		size_t size = 0;
		lp_status s = lp_raster_render_tiff(list, opt, &data, &size, diag);
		if (s == LP_OK)
			s = lp_atomic_write("-", data, size, diag);
		free(data);
		return s;
	}
	size_t size = 0;
	lp_status s = lp_raster_write_tiff_fd(list, opt, fd, LP_SCRATCH_NAME, &size, diag);
	lp_atomic_file *out = NULL;
	if (s == LP_OK)
		s = lp_atomic_file_open("-", &out, diag);
	uint8_t buf[1 << 16];
	for (size_t at = 0; s == LP_OK && at < size;) {
		ssize_t r = pread(fd, buf, sizeof buf, (off_t)at);
		if (r <= 0 && !(r < 0 && errno == EINTR))
			s = lp_diag_report(diag, LP_ERROR, LP_ERR_IO, LP_SCRATCH_NAME, 0, 0,
			        "cannot read back the TIFF: %s",
			        r ? strerror(errno) : "short file");
		else if (r > 0 && (s = lp_atomic_file_write(out, buf, (size_t)r, diag)) == LP_OK)
			at += (size_t)r;
	}
	if (out && s == LP_OK)
		s = lp_atomic_file_commit(out, diag);
	else
		lp_atomic_file_abort(out);
	close(fd);
	return s;
}

lp_status
lp_raster_write_tiff(
        const lp_dlist *list, const lp_tiff_options *options, const char *path, lp_diag *diag)
{
	lp_tiff_options opt = options ? *options : lp_tiff_options_default();
	if (strcmp(path, "-") == 0)
		return write_to_stdout(list, &opt, diag);
	lp_atomic_file *out;
	lp_status s = lp_atomic_file_open(path, &out, diag);
	if (s != LP_OK)
		return s;
	size_t size;
	s = lp_raster_write_tiff_fd(list, &opt, lp_atomic_file_fd(out), path, &size, diag);
	if (s != LP_OK) {
		lp_atomic_file_abort(out);
		return s;
	}
	return lp_atomic_file_commit(out, diag);
}
