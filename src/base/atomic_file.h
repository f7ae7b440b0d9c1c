/*
 * Every output file is published atomically: written to a temporary file in
 * the target's folder, flushed with fsync, renamed over the target, and the
 * folder fsynced. After any failure the target is untouched and no
 * temporary file is left behind. Path "-" means standard output, which
 * cannot be atomic: each lp_atomic_file_write() goes straight to it and
 * commit only flushes it, so a write that fails part-way leaves what was
 * written. A writer either renders its whole output to memory and writes
 * it with one lp_atomic_write(), or writes into the temporary file as it
 * renders (the fax TIFF) and aborts on failure: a failed render publishes
 * nothing either way.
 *
 * Temporary files are named ".NAME.lp-PID-XXXXXX.tmp". They are removed on
 * SIGINT, SIGTERM and SIGHUP once lp_cleanup_on_signals() (letterpress.h)
 * has installed its handlers, and one that a killed run left behind (its
 * PID gone) is removed by the next run that writes into the same folder.
 * lp_output_check() (letterpress.h) says which targets are refused; opening
 * applies it too (without knowing the inputs).
 */
#ifndef LP_BASE_ATOMIC_FILE_H
#define LP_BASE_ATOMIC_FILE_H

#include "letterpress.h"

#include <stdio.h>

typedef struct lp_atomic_file lp_atomic_file;

/* Creates the temporary file, after removing stale ones from the folder.
 * Fails with LP_ERR_OUTPUT (reported), also when lp_output_check() refuses
 * the target. */
lp_status lp_atomic_file_open(const char *path, lp_atomic_file **out, lp_diag *diag);

/* The temporary file's path (for libraries that want a file name), or NULL
 * for standard output. Borrowed. */
const char *lp_atomic_file_temp_path(const lp_atomic_file *f);

/* The temporary file's descriptor, for a writer that writes at offsets
 * itself, open for reading too (libtiff seeks back and reads the
 * directory it links the next one to); what it writes
 * there is published or removed like the rest. -1 for standard output. */
int lp_atomic_file_fd(const lp_atomic_file *f);
/* Appends bytes. Fails with LP_ERR_IO (reported); the file is then aborted
 * on commit. */
lp_status lp_atomic_file_write(lp_atomic_file *f, const void *data, size_t size, lp_diag *diag);

/* fsync and close the temporary file, which stays until commit or abort:
 * a writer of several files (PNG pages) writes them all before it
 * publishes any, without holding a descriptor for each. Fails with
 * LP_ERR_IO (reported). Does nothing for standard output. */
lp_status lp_atomic_file_close(lp_atomic_file *f, lp_diag *diag);

/* fsync, rename, fsync folder (the first two done already after
 * lp_atomic_file_close); frees f whatever happens. */
lp_status lp_atomic_file_commit(lp_atomic_file *f, lp_diag *diag);

/* Removes the temporary file and frees f. NULL-safe. */
void lp_atomic_file_abort(lp_atomic_file *f);

/* A scratch file no one else can see, for a writer that must seek back in
 * what it writes (libtiff) where the target cannot (standard output, or a
 * check that keeps nothing): open for reading and writing in $TMPDIR (else
 * /tmp) without a name (O_TMPFILE), or named and unlinked at once where the
 * file system has no O_TMPFILE; gone when closed, even after a kill -9.
 * Returns the descriptor, or -1 with errno set. */
int lp_scratch_file_open(void);
/* What a message about the scratch file calls it. */
#define LP_SCRATCH_NAME "<scratch file>"

/* Open + write + commit. */
lp_status lp_atomic_write(const char *path, const void *data, size_t size, lp_diag *diag);

#endif
