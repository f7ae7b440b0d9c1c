/*
 * The archive batch, shared by the files of batch/ only:
 *
 *   plan.c     sources → the sorted list of releases and their outputs
 *   record.c   one manifest line: JSON written byte for byte the same, and read back
 *   archive.c  the archive folder: lock, outputs written inside it only, durably
 *   journal.c  the append-only journal that --resume reads
 *   batch.c    lp_batch_run(): worker threads over one engine, commits, the manifest
 *   work.c     one release on a worker: read, kept or rendered and written, or failed
 *   merge.c    lp_manifest_merge(): shard manifests → manifest.jsonl
 */
#ifndef LP_BATCH_BATCH_H
#define LP_BATCH_BATCH_H

#include "base/sha256.h"
#include "letterpress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/types.h>

/* ---- Byte buffers (record.c) ----------------------------------------- */

/* Grows as needed; a failed allocation is sticky and checked once. */
typedef struct lp_buf {
	char *data;
	size_t len, cap;
	bool failed;
} lp_buf;

void lp_buf_add(lp_buf *b, const void *data, size_t size);
void lp_buf_str(lp_buf *b, const char *s);
void lp_buf_free(lp_buf *b);

/* ---- Hashes (record.c; SHA-256 hex in base/sha256.h) --------------- */

/* The shard (1..n_shards) a source belongs to: the first eight bytes of
 * the SHA-256 of its manifest path, big-endian, modulo n_shards. The same
 * on every machine and in every run. */
uint32_t lp_shard_of(const char *source, uint32_t n_shards);

/* ---- Manifest records (record.c; lists in journal.c) ----------------- */

/* One release as the manifest and the journal write it. NULL strings and
 * negative numbers are JSON null. Strings are malloc'd. */
typedef struct lp_record {
	char *source;
	char *source_sha256;
	char *output;
	char *sha256;
	int64_t bytes, pages;
	bool ok;
	char *error;
	uint64_t warnings;
	char *layout;
	char *version;
	/* The journal's only: the files the output was made from besides the
	 * source (lp_render_output's inputs), NULL when none; never in a
	 * manifest. */
	char *inputs;
} lp_record;

/* Appends the record as one line of JSON and its newline: the keys in
 * their fixed order, no spaces, strings escaped (invalid UTF-8 as U+FFFD),
 * so equal records are equal bytes. */
void lp_record_json(const lp_record *r, lp_buf *out);
/* The same for the journal: a record with inputs ends with an "inputs"
 * key after the manifest's. */
void lp_record_journal_json(const lp_record *r, lp_buf *out);

/* Reads one line (without its newline) written by lp_record_json(). Fails
 * with LP_ERR_SYNTAX, *bad_at being the byte offset of the problem;
 * LP_ERR_NOMEM. On failure r is cleared. */
lp_status lp_record_parse(const char *line, size_t len, lp_record *r, size_t *bad_at);

/* A deep copy (LP_ERR_NOMEM), and freeing one. */
lp_status lp_record_copy(const lp_record *from, lp_record *to);
void lp_record_clear(lp_record *r);

/* s as the manifest shows it: invalid UTF-8 replaced by U+FFFD. malloc'd;
 * NULL when out of memory. */
char *lp_manifest_text(const char *s);

/* Records in file order. */
typedef struct lp_records {
	lp_record *v;
	size_t n, cap;
} lp_records;

lp_status lp_records_push(lp_records *rs, lp_record *r); /* takes r's strings */
void lp_records_free(lp_records *rs);

/* Reads records a line each from data. A last line without its newline
 * (a write cut short by a kill) is left out, and *valid_end (may be NULL)
 * is the offset after the last whole line. A malformed line is
 * LP_ERR_SYNTAX reported at name:line:col. */
lp_status lp_records_read(const char *name, const char *data, size_t size, lp_records *out,
        size_t *valid_end, lp_diag *diag);

/* Sorts by source, keeping file order among equal sources. */
void lp_records_sort(lp_records *rs);

/* ---- The plan (plan.c) ----------------------------------------------- */

typedef struct lp_batch_root {
	char *path; /* as given; "." for releases named by path */
	char *real; /* realpath, for the symlink check; NULL when it has none */
} lp_batch_root;

typedef struct lp_batch_item {
	char *source; /* relative to its root, as the manifest shows it */
	char *path; /* as opened and shown in messages */
	char *output; /* relative to the archive; NULL when there is none */
	const lp_batch_root *root;
	uint32_t order; /* position among all sources found, for ties */
	/* A problem found while planning: the release fails with it. */
	lp_status status;
	char *error; /* the message, without location */
	char *error_file; /* where: the path, or the list file */
	uint32_t error_line, error_col;
	/* The source itself is sound (another maps to its output): its
	 * hash is recorded with the failure. */
	bool source_sound;
} lp_batch_item;

typedef struct lp_batch_plan {
	lp_batch_item *items;
	size_t n, cap;
	lp_batch_root *roots;
	size_t n_roots, cap_roots;
} lp_batch_plan;

/* build_id.c: the SHA-256 (hex) of letterpress's code and constants as
 * loaded and of the libraries' run-time versions, worked out once a
 * process: a journal written by another build is not resumed. "" when it
 * cannot be worked out (then the version alone tells). */
const char *lp_batch_build_id(void);

/* Finds every release the options name, sorts them by source, marks
 * sources that share an output, and keeps only the options' shard.
 * extension is the outputs' (".pdf"). Batch-level problems (an unreadable
 * list, too many releases) fail; an unreadable folder is reported and
 * skipped. */
lp_status lp_batch_plan_make(
        const lp_batch_options *opts, const char *extension, lp_batch_plan *plan, lp_diag *diag);
void lp_batch_plan_free(lp_batch_plan *plan);

/* ---- The archive folder (archive.c) ---------------------------------- */

typedef struct lp_archive {
	const char *path; /* as given, for messages */
	int fd, meta_fd, tmp_fd, lock_fd, shard_lock_fd;
	char tag[32]; /* "" or ".K-of-N": names this run's journal and manifest */
	char tmp_name[48];
	atomic_uint next_temp;
	/* The folder the last output was put in (lp_archive_place()): its path
	 * in the archive, its descriptor (-1 for none), device and inode. */
	char *place_dir;
	int place_fd;
	uint64_t place_dev, place_ino;
} lp_archive;

/* Makes the folder when missing, takes its lock (shared by the shards of
 * one archive, exclusive otherwise; LP_ERR_BUSY when held) and empties this
 * run's temporary folder. shard 0: not sharded. */
lp_status lp_archive_open(
        lp_archive *a, const char *path, uint32_t shard, uint32_t n_shards, lp_diag *diag);
/* Removes the temporary folder and lets go of the lock. */
void lp_archive_close(lp_archive *a);

/* An output written to the temporary folder, waiting to be put in place. */
typedef struct lp_archive_temp {
	char name[32];
} lp_archive_temp;

/* Writes data to a new temporary file (not yet flushed: lp_archive_flush()
 * does that for many at once). LP_ERR_IO (reported, naming rel) when the
 * disk fails. */
lp_status lp_archive_stage(lp_archive *a, const void *data, size_t size, lp_archive_temp *t,
        const char *rel, lp_diag *diag);

/* A new empty temporary file for an output written as it renders (the
 * fax TIFF), open for reading and writing in *fd. LP_ERR_IO (reported,
 * naming rel) when it cannot be made. */
lp_status lp_archive_stage_open(
        lp_archive *a, lp_archive_temp *t, int *fd, const char *rel, lp_diag *diag);

/* Hashes what was written to fd (the file's bytes from the start) into
 * hex, unless the writer did (known set), and closes fd; the file stays
 * staged as lp_archive_stage() leaves it. On failure (LP_ERR_IO, reported)
 * the file is removed. */
lp_status lp_archive_stage_close(lp_archive *a, const lp_archive_temp *t, int fd,
        const lp_file_digest *known, const char *rel, char hex[65], lp_diag *diag);

/* Renames a flushed temporary file to rel inside the archive, making
 * folders as needed and never following a symbolic link. LP_ERR_OUTPUT for
 * a problem with this output (a link on the way, a folder in its place),
 * LP_ERR_IO when the disk fails; both reported. The temporary file is gone
 * either way. */
lp_status lp_archive_place(lp_archive *a, const lp_archive_temp *t, const char *rel, lp_diag *diag);

/* Removes a temporary file that will not be placed. */
void lp_archive_discard(lp_archive *a, const lp_archive_temp *t);

/* Removes the output at rel if there is one; *removed says whether there
 * was. */
lp_status lp_archive_remove(lp_archive *a, const char *rel, bool *removed, lp_diag *diag);

/* Flushes the archive's file system to the disk (syncfs): every file
 * written and every rename made so far is then durable. One call for any
 * number of outputs is what lets a batch stay fast on disks where each
 * fsync costs milliseconds. LP_ERR_IO (reported) on failure. */
lp_status lp_archive_flush(lp_archive *a, lp_diag *diag);

/* Reads the output at rel (a regular file, reached without links).
 * Returns false when there is none; *data is malloc'd. */
bool lp_archive_read(lp_archive *a, const char *rel, char **data, size_t *size);

/* Publishes a file at the archive's top (a manifest): temporary file,
 * fsync, rename, fsync the archive folder. */
lp_status lp_archive_publish(
        lp_archive *a, const char *name, const void *data, size_t size, lp_diag *diag);

/* Removes the archive's manifests this run makes stale, before it changes
 * any output: an unsharded run every manifest; a shard run manifest.jsonl,
 * its own and those of another shard count. */
lp_status lp_archive_drop_manifests(
        lp_archive *a, uint32_t shard, uint32_t n_shards, lp_diag *diag);

/* Parses "manifest.K-of-N.jsonl"; false for any other name. */
bool lp_manifest_shard_name(const char *name, uint32_t *k, uint32_t *n);

/* ---- The journal (journal.c) ----------------------------------------- */

/* Loads the journal of this run's tag. Records are only returned when its
 * first line is header (the same version and options); *end is where the
 * last whole line ends (0 when none is usable). */
lp_status lp_journal_load(
        lp_archive *a, const char *header, lp_records *out, off_t *end, lp_diag *diag);

/* Opens the journal for appending: from end (cut to it, dropping a line a
 * kill cut short) when end > 0, else anew with header as first line. */
lp_status lp_journal_open(lp_archive *a, const char *header, off_t end, int *fd, lp_diag *diag);

/* Appends whole lines in one write. */
lp_status lp_journal_append(lp_archive *a, int fd, const lp_buf *lines, lp_diag *diag);

/* ---- One run (batch.c; work.c does one release) ---------------------- */

/* One finished release on its way from a worker to the calling thread. */
typedef struct lp_batch_done {
	size_t index;
	lp_record rec;
	lp_diag *diag;
	lp_archive_temp temp; /* its output, written but not yet flushed and placed */
	bool staged; /* temp holds its output */
	bool removed; /* an output of an earlier run was removed: flush before recording */
	lp_status status; /* the release's; LP_ERR_IO stops the batch */
	bool kept;
	bool disk; /* writing into the archive failed: not the release's fault */
	struct lp_batch_done *next;
} lp_batch_done;

typedef struct lp_batch {
	lp_engine *engine;
	const lp_batch_options *opts;
	const lp_render_options *render; /* opts->render, or the defaults */
	lp_diag *diag; /* the batch's own messages */
	lp_batch_plan plan;
	lp_archive archive;
	lp_records prior; /* the journal of an interrupted run, by source */
	lp_record *results;
	int journal_fd;
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	lp_batch_done *head, *tail; /* guarded by lock, as are the next five */
	size_t queued, next;
	struct timespec head_since; /* when the oldest queued release finished */
	unsigned running;
	bool stop;
} lp_batch;

/* One release on a worker thread: read and checked, kept from an
 * interrupted run or rendered and staged, or failed with any output of an
 * earlier run removed. NULL when out of memory. */
lp_batch_done *lp_batch_work(lp_batch *b, size_t index);

/* Turns a release into a failure with status s (its record says why),
 * removing any output of an earlier run when remove_old. */
void lp_batch_fail(lp_batch *b, lp_batch_done *dn, lp_status s, bool remove_old);

#endif
