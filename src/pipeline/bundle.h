/*
 * A layout bundle: one layout resolved once into everything its documents
 * need from it, then frozen. It owns the parsed layout, the layout's own
 * fonts (in a font database layered over the engine's, so that they are
 * seen by this layout's documents and no others) and its pictures (emblems
 * and signature images, decoded once), and remembers what loading it
 * reported, to tell every document that uses it. Nothing in it changes
 * after lp_bundle_new(), so any number of threads may read it at once;
 * the engine makes each bundle under its lock and drops them with itself.
 */
#ifndef LP_PIPELINE_BUNDLE_H
#define LP_PIPELINE_BUNDLE_H

#include "font/fontdb.h"
#include "image/image.h"
#include "layout/layout.h"

#include <pthread.h>

typedef struct lp_bundle_picture {
	const char *path; /* the layout block's asset (absolute) */
	lp_image *image; /* one of these two */
	lp_svg *svg;
} lp_bundle_picture;

typedef struct lp_bundle {
	lp_layout *layout;
	/* The layout's own faces over the engine's base fonts: a family the
	 * layout brings is its own (lp_fontdb_new_over()). */
	lp_fontdb *fonts;
	lp_bundle_picture *pictures;
	uint32_t n_pictures;
	lp_diag *said; /* the warnings loading it reported, replayed to each document */
	/* lp_bundle_digest()'s answer, worked out on first use under the lock:
	 * a cache, which leaves the bundle as it is for its documents. */
	pthread_mutex_t digest_lock;
	char digest[65]; /* "" until worked out */
} lp_bundle;

/* Makes the bundle of layout (taken: dropped on failure too): adds its
 * font files to a database over base and decodes every picture its
 * templates name. The caller may set said before it shares the bundle.
 * Fails with the font's or picture's status, reported to diag. */
lp_status lp_bundle_new(lp_layout *layout, lp_fontdb *base, lp_bundle **out, lp_diag *diag);
void lp_bundle_drop(lp_bundle *bundle);

/* SHA-256 (hex) over what the bundle's documents are made from: the
 * layout's file, its own fonts and its pictures' files, for batch --resume.
 * Worked out the first time it is asked for (a one-document process never
 * asks, and so never sets up OpenSSL's digests); thread-safe. NULL when a
 * file cannot be read again or memory runs out. */
const char *lp_bundle_digest(const lp_bundle *bundle);

/* The picture decoded for a block's asset; NULL when the bundle has none
 * for that path. Borrowed, valid until the bundle is dropped. */
const lp_bundle_picture *lp_bundle_picture_at(const lp_bundle *bundle, const char *path);

#endif
