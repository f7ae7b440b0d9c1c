/* Memory of the breaker's scratch arena while one release is set: the
 * most it handed out at once (a paragraph's working arrays, or a line's
 * glyphs being composed), the chunks it held, which every paragraph
 * reuses, and the document arena's bytes, for comparison. Counts, not
 * times: the figures do not depend on the machine.
 *
 *   build/bench/bench_scratch RELEASE.md...
 */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/limits.h"
#include "base/source.h"
#include "dlist/dlist.h"
#include "pipeline/pipeline.h"

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s RELEASE.md...\n", argv[0]);
		return 64;
	}
	lp_diag *diag = lp_diag_new(NULL, NULL);
	lp_engine *engine;
	if (lp_engine_new(NULL, &engine, diag) != LP_OK) {
		fprintf(stderr, "cannot make the engine\n");
		return 70;
	}
	printf("| release | pages | scratch peak | scratch chunks | document arena |\n");
	printf("| --- | --- | --- | --- | --- |\n");
	int status = 0;
	for (int i = 1; i < argc; i++) {
		lp_source *src;
		lp_job job;
		lp_dlist *list = NULL;
		if (lp_source_load(argv[i], LP_MAX_RELEASE_BYTES, &src, diag) != LP_OK) {
			status = 66;
			continue;
		}
		lp_status s = build_document(engine, src, NULL, &job, &list, false, diag);
		if (s == LP_OK) {
			const char *name = strrchr(argv[i], '/');
			printf("| %s | %u | %zu B | %zu B | %zu B |\n", name ? name + 1 : argv[i],
			        list->n_pages, lp_arena_peak(job.scratch),
			        lp_arena_held(job.scratch), lp_arena_used(job.arena));
		} else {
			fprintf(stderr, "%s: %s\n", argv[i], lp_status_str(s));
			status = 65;
		}
		lp_dlist_drop(list);
		job_release(&job);
		lp_source_drop(src);
	}
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return status;
}
