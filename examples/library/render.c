/*
 * The smallest program on the letterpress library: renders one release.
 *
 *   cc render.c $(pkg-config --cflags --libs letterpress) -o render
 *   ./render release.md release.pdf
 */
#include <letterpress.h>

#include <stdio.h>

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s RELEASE.md OUT.pdf\n", argv[0]);
		return 64;
	}
	lp_diag *diag = lp_diag_new(NULL, NULL); /* collects messages */
	lp_engine *engine = NULL;
	lp_status s = lp_engine_new(NULL, &engine, diag); /* fonts, layouts: once */
	if (s == LP_OK)
		s = lp_render_file(engine, argv[1], argv[2], NULL, diag);
	char line[1024];
	const lp_diag_entry *e;
	for (size_t i = 0; (e = lp_diag_at_index(diag, i)); i++) {
		lp_diag_format(e, line, sizeof line);
		fprintf(stderr, "%s\n", line);
	}
	lp_engine_drop(engine);
	lp_diag_drop(diag);
	return lp_status_exit_code(s);
}
