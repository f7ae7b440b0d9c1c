/* The pictures a release names (its signature picture, its body images):
 * read from below the release's folder (base/confine.h), decoded as SVG
 * or as PNG/JPEG, each path once per document, and kept by the job until
 * its backend is done. A picture that cannot be read or decoded is an
 * error at the release's line and column where its path is written: an
 * archive must not get a document missing a picture without a word. */
#include "pipeline/pipeline.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "base/limits.h"
#include "base/sha256.h"
#include "base/source.h"
#include "image/density.h"
#include "image/image.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

/* The folder a release's own files lie in: the release file's, or the
 * working folder for standard input and memory. Arena-owned. */
static const char *
release_folder(lp_job *job)
{
	char *folder = lp_source_folder(job->rel->source_name);
	const char *copy = folder ? lp_arena_strdup(job->arena, folder) : NULL;
	free(folder);
	return copy;
}

/* Decodes data as what its name says (SVG) or its signature (PNG, JPEG).
 * The decoder's own messages name the picture's file; a failure is told
 * at the release's path instead, quoting the decoder, so that it points at
 * the line to fix; what it only warned about is told as it was. */
static lp_status
decode(lp_job *job, const char *name, bool is_svg, const char *data, size_t size, uint64_t offset,
        size_t span, lp_image **img, lp_svg **svg)
{
	lp_diag *tmp = lp_diag_new(NULL, NULL);
	if (!tmp)
		return LP_ERR_NOMEM;
	lp_status s = is_svg ? lp_svg_from_memory(name, data, size, svg, tmp)
	                     : lp_image_from_memory(name, data, size, img, tmp);
	if (s == LP_OK || s == LP_ERR_NOMEM) {
		lp_diag_replay(job->diag, tmp);
	} else {
		char why[600] = "";
		for (size_t i = 0; i < lp_diag_size(tmp); i++) {
			const lp_diag_entry *e = lp_diag_at_index(tmp, i);
			if (e && e->severity == LP_ERROR) {
				lp_diag_format(e, why, sizeof why);
				break;
			}
		}
		lp_diag_extra x = {.span_bytes = span};
		lp_diag_at_ex(job->diag, LP_ERROR, s, job->src, offset, &x,
		        "this picture cannot be drawn: %s", why[0] ? why : lp_status_str(s));
	}
	lp_diag_drop(tmp);
	return s;
}

/* The natural size: pixels at the file's resolution (or the default), or
 * the SVG's user units at 96 an inch. */
static void
natural_size(lp_release_picture *p, const char *data, size_t size)
{
	if (p->svg) {
		float w, h;
		lp_svg_size(p->svg, &w, &h);
		p->w_pt = w * 72.0f / 96.0f;
		p->h_pt = h * 72.0f / 96.0f;
		return;
	}
	float px = LP_PICTURE_DEFAULT_PPI, py = LP_PICTURE_DEFAULT_PPI;
	lp_image_density(data, size, &px, &py);
	p->w_pt = (float)lp_image_width(p->image) * 72.0f / px;
	p->h_pt = (float)lp_image_height(p->image) * 72.0f / py;
}

/* What a decoded image holds: its samples and alpha, or the JPEG's bytes
 * that go to the PDF as they are. */
static size_t
held_bytes(const lp_image *img)
{
	size_t samples = 0, alpha = 0, jpeg = 0;
	lp_image_samples(img, &samples);
	lp_image_alpha(img, &alpha);
	lp_image_jpeg(img, &jpeg);
	return samples + alpha + jpeg;
}

static lp_status
load(lp_job *job, const char *path, const char *key, uint64_t offset, lp_release_picture *p)
{
	const char *root = release_folder(job);
	/* Named as the user would write it: "coat.svg" beside a release in
	 * the working folder, not "./coat.svg". */
	const char *name = !root ? NULL
	                   : strcmp(root, ".") == 0
	                           ? lp_arena_strdup(job->arena, path)
	                           : lp_arena_printf(job->arena, "%s/%s", root, path);
	if (!name)
		return LP_ERR_NOMEM;
	lp_file_ref ref = {.path = path,
	        .root = root,
	        .root_name = "the release's folder",
	        .key = key,
	        .by_file = lp_source_name(job->src)};
	lp_source_line_col(job->src, offset, &ref.line, &ref.col);
	size_t n = strlen(path);
	/* The caret spans the path where it stands as written (not when an
	 * escape or an entity wrote it otherwise). */
	size_t span = offset <= lp_source_size(job->src) &&
	                              n <= lp_source_size(job->src) - offset &&
	                              memcmp(lp_source_data(job->src) + offset, path, n) == 0
	                      ? n
	                      : 0;
	ref.span = (uint32_t)lp_utf8_count((const uint8_t *)path, span);
	bool is_svg = n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
	char *data;
	size_t size;
	lp_status s = lp_file_read_ref(
	        &ref, is_svg ? LP_MAX_SVG_BYTES : LP_MAX_IMAGE_BYTES, &data, &size, job->diag);
	if (s != LP_OK)
		return s;
	lp_image *img = NULL;
	lp_svg *svg = NULL;
	s = decode(job, name, is_svg, data, size, offset, span, &img, &svg);
	if (s == LP_OK)
		s = svg ? lp_job_keep_svg(job, svg) : lp_job_keep_image(job, img);
	if (s != LP_OK) {
		lp_svg_drop(svg);
		lp_image_drop(img);
		free(data);
		return s;
	}
	*p = (lp_release_picture){.path = path, .image = img, .svg = svg};
	/* Only for a batch: OpenSSL's first digest sets up its library
	 * context, some 2 MB a one-document process has no use for. */
	if (job->want_inputs)
		lp_sha256_hex(data, size, p->sha256);
	natural_size(p, data, size);
	free(data);
	p->bytes = svg ? size : held_bytes(img);
	return LP_OK;
}

lp_status
lp_job_release_picture(lp_job *job, const char *path, const char *key, uint64_t offset,
        const lp_release_picture **out)
{
	*out = NULL;
	/* The same file written twice is decoded once, and so embedded once
	 * (the PDF backend writes each image object once). */
	for (uint32_t i = 0; i < job->n_rel_pictures; i++)
		if (strcmp(job->rel_pictures[i].path, path) == 0) {
			*out = &job->rel_pictures[i];
			return LP_OK;
		}
	lp_release_picture p;
	lp_status s = load(job, path, key, offset, &p);
	size_t total = s == LP_OK ? p.bytes : 0;
	for (uint32_t i = 0; i < job->n_rel_pictures; i++)
		total += job->rel_pictures[i].bytes;
	if (total > LP_MAX_DOC_PICTURE_BYTES)
		return lp_diag_at(job->diag, LP_ERROR, LP_ERR_LIMIT, job->src, offset,
		        "with this picture the release's pictures hold %zu MiB; the limit is "
		        "%u MiB (each file counted once, decoded)",
		        (total + (1u << 20) - 1) >> 20, LP_MAX_DOC_PICTURE_BYTES >> 20);
	if (s == LP_OK)
		s = LP_ARENA_ARRAY_RESERVE(job->arena, job->rel_pictures, job->cap_rel_pictures,
		        (size_t)job->n_rel_pictures + 1, LP_ARRAY_ANY);
	if (s != LP_OK)
		return s;
	job->rel_pictures[job->n_rel_pictures] = p;
	*out = &job->rel_pictures[job->n_rel_pictures++];
	return LP_OK;
}

char *
lp_job_inputs(const lp_job *job, const char *layout_digest, lp_status *status)
{
	*status = LP_OK;
	/* A layout whose files cannot be read again is recorded as "-",
	 * which no digest equals: a resume renders its releases again. */
	if (!layout_digest)
		layout_digest = "-";
	size_t n = strlen("layout ") + strlen(layout_digest) + 1;
	for (uint32_t i = 0; i < job->n_rel_pictures; i++)
		n += 64 + 1 + strlen(job->rel_pictures[i].path) + 1;
	char *text = malloc(n + 1), *at = text;
	if (!text) {
		*status = LP_ERR_NOMEM;
		return NULL;
	}
	at += sprintf(at, "layout %s\n", layout_digest);
	for (uint32_t i = 0; i < job->n_rel_pictures; i++)
		at += sprintf(
		        at, "%s %s\n", job->rel_pictures[i].sha256, job->rel_pictures[i].path);
	return text;
}
