/* Fax pages against Ghostscript's, one thread each, in turns in one
 * process: a block of the list's releases rendered to fax TIFFs (fine, G4)
 * by this build's engine, then letterpress's PDFs of the same releases
 * rendered by Ghostscript's library (libgs, `-sDEVICE=tiffg4 -r204x196`,
 * one instance given every PDF, its pages written into one file), block
 * after block, ROUNDS times. letterpress's TIFFs are written to one file
 * too, one after the other, as gs writes its pages: creating a file a
 * release cost some 70 µs of the kernel's time on ext4, which gs never
 * pays here. Each release's least thread CPU time over the rounds after
 * the first (which warms both: letterpress's caches, Ghostscript's fonts
 * and interpreter), summed.
 *
 *   build/bench/bench_vs_gs LIST [ROUNDS [each] [cold]]
 *
 * Each side renders its block twice in its turn: a process that renders
 * pages one after the other, as a batch does, keeps its code and tables
 * in the processor's caches, and the other side's turn (Ghostscript's
 * some 400 ms) evicts them; a release first after it took up to 1.8
 * times as long. "cold" renders each block once, to see that cost.
 * With "each", every release's pages and both sides' times a page are
 * printed too: where the ratio falls short, and on what pages.
 * LIST holds one release path a line (bench/batch_gen.py makes them). The
 * machine's speed drifts by half over minutes here, more than separate
 * whole-process runs of the two can average out (bench/fax_speed.sh,
 * section 5); taken in blocks a fraction of a second apart, the drift
 * falls on both alike, and each release's least is what it costs alone.
 * What neither side counts: starting the program, reading the release or
 * the PDF (its bytes are in the page cache). libgs is loaded
 * when the program runs (dlopen), so that building letterpress never
 * needs it; without it the program says so and exits 69.
 */
#include "letterpress.h"

#include "bench_clock.h"
#include "bench_list.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Releases each side renders before the other takes its turn: a block
 * of letterpress's takes some 20 ms, of Ghostscript's some 400 ms, less
 * than the machine's drift moves in; a turn a release would leave each
 * side its caches cold (Ghostscript's 20 ms of work between two of
 * letterpress's renders doubled their time). */
#define BLOCK 20

/* What a release (its bytes in bench_input) gives: letterpress's PDF of
 * it, for gs, and each side's least time. */
typedef struct release {
	char *pdf_path;
	int pages;
	double best_lp, best_gs; /* ms */
} release;

/* The few entry points of Ghostscript's API (iapi.h) this needs. */
typedef struct gsapi {
	int (*new_instance)(void **, void *);
	int (*set_arg_encoding)(void *, int);
	int (*init_with_args)(void *, int, char **);
	int (*run_file)(void *, const char *, int, int *);
	int (*exit)(void *);
	void (*delete_instance)(void *);
} gsapi;

static bool
load_gs(gsapi *g)
{
	void *h = dlopen("libgs.so.10", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libgs.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	*(void **)&g->new_instance = dlsym(h, "gsapi_new_instance");
	*(void **)&g->set_arg_encoding = dlsym(h, "gsapi_set_arg_encoding");
	*(void **)&g->init_with_args = dlsym(h, "gsapi_init_with_args");
	*(void **)&g->run_file = dlsym(h, "gsapi_run_file");
	*(void **)&g->exit = dlsym(h, "gsapi_exit");
	*(void **)&g->delete_instance = dlsym(h, "gsapi_delete_instance");
	return g->new_instance && g->set_arg_encoding && g->init_with_args && g->run_file &&
	       g->exit && g->delete_instance;
}

/* The pages of a little-endian TIFF: its chain of directories. */
static int
tiff_pages(const uint8_t *d, size_t n)
{
	if (n < 8 || memcmp(d, "II*\0", 4) != 0)
		return -1;
	uint32_t at =
	        (uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
	int pages = 0;
	while (at != 0 && (size_t)at + 2 <= n && pages < 100000) {
		size_t entries = (size_t)d[at] | (size_t)d[at + 1] << 8,
		       next = at + 2 + 12 * entries;
		if (next + 4 > n)
			return -1;
		pages++;
		at = (uint32_t)d[next] | (uint32_t)d[next + 1] << 8 | (uint32_t)d[next + 2] << 16 |
		     (uint32_t)d[next + 3] << 24;
	}
	return pages;
}

static lp_status
render(lp_engine *e, const bench_input *r, lp_format format, uint8_t **out, size_t *size)
{
	lp_render_options ro = {.date_epoch = -1, .format = format};
	lp_diag *diag = lp_diag_new(NULL, NULL); /* one a release, as in a batch */
	if (!diag)
		return LP_ERR_NOMEM;
	lp_status s = lp_render_memory(e, r->path, r->data, r->size, &ro, out, size, diag);
	lp_diag_drop(diag);
	return s;
}

/* What both sides' turns share. */
typedef struct turn {
	lp_engine *e;
	const bench_input *in;
	release *r;
	const gsapi *gs;
	void *inst;
	FILE *lp_file; /* letterpress's TIFFs, one after the other, as gs's */
} turn;

/* letterpress's turn: releases [b, end) to fax TIFFs, each written to its
 * file (as a batch writes), its least time kept after round 0. */
static int
lp_turn(turn *t, size_t b, size_t end, int round)
{
	for (size_t i = b; i < end; i++) {
		uint8_t *out = NULL;
		size_t size = 0;
		double t0 = thread_cpu_ms();
		lp_status s = render(t->e, &t->in[i], LP_FORMAT_TIFF, &out, &size);
		if (s == LP_OK && (fwrite(out, 1, size, t->lp_file) != size || fflush(t->lp_file)))
			s = LP_ERR_IO;
		double ms = thread_cpu_ms() - t0;
		if (s != LP_OK) {
			fprintf(stderr, "%s: letterpress failed\n", t->in[i].path);
			free(out);
			return 65;
		}
		if (round == 0)
			t->r[i].pages = tiff_pages(out, size);
		else if (ms < t->r[i].best_lp)
			t->r[i].best_lp = ms;
		free(out);
	}
	return 0;
}

/* Ghostscript's turn: the same releases' PDFs, its pages into its file. */
static int
gs_turn(turn *t, size_t b, size_t end, int round)
{
	for (size_t i = b; i < end; i++) {
		int code = 0;
		double t0 = thread_cpu_ms();
		int g = t->gs->run_file(t->inst, t->r[i].pdf_path, 0, &code);
		double ms = thread_cpu_ms() - t0;
		if (g < 0) {
			fprintf(stderr, "%s: gs failed\n", t->in[i].path);
			return 65;
		}
		if (round > 0 && ms < t->r[i].best_gs)
			t->r[i].best_gs = ms;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s LIST [ROUNDS [each] [cold]]\n", argv[0]);
		return 64;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 4, passes = 2;
	bool each = false;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "each") == 0)
			each = true;
		else if (strcmp(argv[i], "cold") == 0)
			passes = 1;
		else {
			fprintf(stderr, "bench_vs_gs: unknown option '%s'\n", argv[i]);
			return 64;
		}
	}
	if (rounds < 2)
		rounds = 2;
	gsapi gs;
	if (!load_gs(&gs)) {
		fprintf(stderr, "bench_vs_gs: needs Ghostscript's library (libgs.so.10)\n");
		return 69;
	}
	bench_input *in;
	int status;
	size_t n = bench_read_list(argv[1], &in, &status);
	if (n == 0)
		return status;
	char dir[] = "/tmp/bench_vs_gs-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 73;
	}
	lp_engine *e;
	if (lp_engine_new(NULL, &e, NULL) != LP_OK)
		return 70;
	release *r = calloc(n, sizeof *r);
	if (!r)
		return 71;
	/* Each release's PDF written (letterpress's, as gs is given them in
	 * section 5). */
	for (size_t i = 0; status == 0 && i < n; i++) {
		release *x = &r[i];
		*x = (release){malloc(sizeof dir + 32), 0, 1e300, 1e300};
		uint8_t *out;
		size_t size;
		FILE *f = NULL;
		if (!x->pdf_path || render(e, &in[i], LP_FORMAT_PDF, &out, &size) != LP_OK) {
			fprintf(stderr, "%s: cannot be rendered\n", in[i].path);
			status = 65;
			break;
		}
		snprintf(x->pdf_path, sizeof dir + 32, "%s/%06zu.pdf", dir, i);
		if (!(f = fopen(x->pdf_path, "wb")) || fwrite(out, 1, size, f) != size ||
		        fclose(f) != 0) {
			perror(x->pdf_path);
			status = 73;
		}
		free(out);
	}
	void *inst = NULL;
	char gs_out[sizeof dir + 32];
	snprintf(gs_out, sizeof gs_out, "-sOutputFile=%s/gs.tif", dir);
	char *gs_argv[] = {"gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffg4",
	        "-r204x196", gs_out};
	if (status == 0 && (gs.new_instance(&inst, NULL) < 0 || gs.set_arg_encoding(inst, 1) < 0 ||
	                           gs.init_with_args(inst, 8, gs_argv) < 0)) {
		fprintf(stderr, "bench_vs_gs: Ghostscript did not start\n");
		status = 70;
	}
	char lp_tiff[sizeof dir + 16], gs_tiff[sizeof dir + 16];
	snprintf(lp_tiff, sizeof lp_tiff, "%s/lp.tiff", dir);
	snprintf(gs_tiff, sizeof gs_tiff, "%s/gs.tif", dir);
	FILE *lp_file = status == 0 ? fopen(lp_tiff, "wb") : NULL;
	if (status == 0 && !lp_file) {
		perror(lp_tiff);
		status = 73;
	}
	turn t = {.e = e, .in = in, .r = r, .gs = &gs, .inst = inst, .lp_file = lp_file};
	for (int round = 0; status == 0 && round < rounds; round++)
		for (size_t b = 0; status == 0 && b < n; b += BLOCK) {
			size_t end = b + BLOCK < n ? b + BLOCK : n;
			for (int pass = 0; status == 0 && pass < passes; pass++)
				status = lp_turn(&t, b, end, round);
			for (int pass = 0; status == 0 && pass < passes; pass++)
				status = gs_turn(&t, b, end, round);
		}
	int pages = 0;
	for (size_t i = 0; i < n; i++)
		pages += r[i].pages;
	if (lp_file)
		fclose(lp_file);
	if (inst) {
		gs.exit(inst);
		gs.delete_instance(inst);
	}
	double lp = 0, gs_ms = 0;
	for (size_t i = 0; i < n; i++) {
		if (each && status == 0 && r[i].pages > 0)
			printf("%s: %d page%s, letterpress %.3f ms a page, gs %.3f, ratio %.1fx\n",
			        in[i].path, r[i].pages, r[i].pages == 1 ? "" : "s",
			        r[i].best_lp / r[i].pages, r[i].best_gs / r[i].pages,
			        r[i].best_gs / r[i].best_lp);
		lp += r[i].best_lp;
		gs_ms += r[i].best_gs;
		if (r[i].pdf_path)
			unlink(r[i].pdf_path);
		free(r[i].pdf_path);
	}
	bench_inputs_free(in, n);
	unlink(lp_tiff);
	unlink(gs_tiff);
	rmdir(dir);
	free(r);
	lp_engine_drop(e);
	if (status != 0)
		return status;
	if (pages <= 0) {
		fprintf(stderr, "bench_vs_gs: no pages\n");
		return 65;
	}
	printf("%zu releases, %d pages, each release's least of %d rounds, %s, thread CPU:\n", n,
	        pages, rounds - 1,
	        passes > 1 ? "each turn's block twice" : "each turn's block once (cold)");
	printf("letterpress, release to fax TIFF: %.3f ms a page (%.0f pages/s)\n", lp / pages,
	        1000.0 * pages / lp);
	printf("gs tiffg4 204x196 on letterpress's PDF: %.3f ms a page (%.0f pages/s)\n",
	        gs_ms / pages, 1000.0 * pages / gs_ms);
	printf("ratio: %.1fx\n", gs_ms / lp);
	return 0;
}
