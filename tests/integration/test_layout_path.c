/* Where a layout named in front matter is found (docs/layouts.md, at the
 * top): the release's own folder, then --layout-dir (in order), then
 * LETTERPRESS_LAYOUT_PATH, then the user's data folder (XDG), then the
 * installed layouts; the first wins. Each layout prints its own word,
 * read back from the display list's trace. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "cli_util.h"

#define LP LP_TEST_LETTERPRESS

static char out[1 << 16];

LP_TEST_TEMP_DIR_SUITE(layout_path);

/* A layout named name in folder (below dir) that prints word. */
static void
layout_in(const char *folder, const char *name, const char *word)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	        "mkdir -p %s/%s/%s && printf 'styles:\\n  body: {size: 11pt}\\nfirst-page:\\n"
	        "  blocks:\\n    - kind: text\\n      y: 270mm\\n      lines: [%s]\\n' "
	        "> %s/%s/%s/layout.yaml",
	        dir, folder, name, word, dir, folder, name);
	cr_assert(eq(int, system(cmd), 0));
}

/* The word of the layout rel/r.md (naming layout) is set on, or "" when
 * the check fails (its messages in out); env is put before the command. */
static const char *
word_for(const char *layout, const char *env, const char *args)
{
	static char word[64];
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	        "mkdir -p %s/rel && printf -- '---\\nlayout: %s\\ntitle: T\\n---\\n\\nText.\\n' > "
	        "%s/rel/r.md",
	        dir, layout, dir);
	cr_assert(eq(int, system(cmd), 0));
	word[0] = '\0';
	int st = sh(out, sizeof out,
	        "cd %s && env HOME=%s/home XDG_DATA_HOME= LETTERPRESS_LAYOUT_PATH= %s " LP
	        " check rel/r.md %s --dump=dlist 2>&1 | grep -o -e 'text=\"WORD[A-Z]*\"' "
	        "-e 'r.md:.*error: .*'",
	        dir, dir, env, args);
	if (st != 0 || sscanf(out, "text=\"%63[A-Z]\"", word) != 1)
		word[0] = '\0';
	return word;
}

Test(layout_path, the_release_folder_comes_first)
{
	layout_in("rel", "mine", "WORDREL");
	cr_assert(eq(str, (char *)word_for("mine", "", ""), "WORDREL"), "%s", out);
	/* Even over an installed name. */
	layout_in("rel", "predsednik", "WORDRELP");
	cr_assert(eq(str, (char *)word_for("predsednik", "", ""), "WORDRELP"), "%s", out);
}

Test(layout_path, layout_dirs_then_the_path_then_the_user_folder)
{
	layout_in("d1", "x", "WORDDA");
	layout_in("d2", "x", "WORDDB");
	layout_in("p1", "x", "WORDPA");
	layout_in("p2", "x", "WORDPB");
	layout_in("xdg/letterpress/layouts", "x", "WORDXDG");
	layout_in("home/.local/share/letterpress/layouts", "x", "WORDHOME");
	char args[512], env[512];
	snprintf(args, sizeof args, "--layout-dir %s/d1 --layout-dir=%s/d2", dir, dir);
	snprintf(env, sizeof env, "LETTERPRESS_LAYOUT_PATH=%s/p1:%s/p2 XDG_DATA_HOME=%s/xdg", dir,
	        dir, dir);
	cr_assert(eq(str, (char *)word_for("x", env, args), "WORDDA"), "%s", out);
	snprintf(args, sizeof args, "--layout-dir %s/d2 --layout-dir=%s/d1", dir, dir);
	cr_assert(eq(str, (char *)word_for("x", env, args), "WORDDB"), "%s", out);
	cr_assert(eq(str, (char *)word_for("x", env, ""), "WORDPA"), "%s", out);
	snprintf(env, sizeof env, "LETTERPRESS_LAYOUT_PATH=:%s/nowhere:%s/p2 XDG_DATA_HOME=%s/xdg",
	        dir, dir, dir);
	cr_assert(eq(str, (char *)word_for("x", env, ""), "WORDPB"), "%s", out);
	snprintf(env, sizeof env, "XDG_DATA_HOME=%s/xdg", dir);
	cr_assert(eq(str, (char *)word_for("x", env, ""), "WORDXDG"), "%s", out);
	/* Without XDG_DATA_HOME (or with a relative one): ~/.local/share. */
	cr_assert(eq(str, (char *)word_for("x", "", ""), "WORDHOME"), "%s", out);
	cr_assert(eq(str, (char *)word_for("x", "XDG_DATA_HOME=xdg", ""), "WORDHOME"), "%s", out);
	/* The user's layout by an installed name is the user's. */
	layout_in("home/.local/share/letterpress/layouts", "plain", "WORDPLAIN");
	cr_assert(eq(str, (char *)word_for("plain", "", ""), "WORDPLAIN"), "%s", out);
	/* letterpress layouts lists them. */
	int st = sh(out, sizeof out,
	        "env HOME=%s/home XDG_DATA_HOME= " LP " layouts --layout-dir %s/d1", dir, dir);
	cr_assert(eq(int, st, 0), "%s", out);
	cr_assert(ne(ptr, strstr(out, "\nx "), NULL), "%s", out);
	cr_assert(ne(ptr, strstr(out, "predsednik"), NULL), "%s", out);
}

Test(layout_path, a_name_nowhere_is_missing_and_paths_stay_inside)
{
	cr_assert(eq(str, (char *)word_for("nowhere", "", ""), ""), "%s", out);
	cr_assert(ne(ptr, strstr(out, "r.md:2:9: error: no layout named 'nowhere'"), NULL), "%s",
	        out);
	/* A path out of the release's folder is refused, though a layout is there. */
	layout_in(".", "outside", "WORDOUT");
	cr_assert(eq(str, (char *)word_for("../outside", "", ""), ""), "%s", out);
	cr_assert(ne(ptr, strstr(out, "r.md:2:9: error:"), NULL), "%s", out);
}
