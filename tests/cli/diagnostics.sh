#!/bin/sh
# Diagnostics as a user reads them (README, Diagnostics): the located line,
# the source line with a caret under the span, the hints ("did you mean"),
# colour only on request or on a terminal without NO_COLOR, one JSON object
# a line with its fields, and check --strict.
#   tests/cli/diagnostics.sh LETTERPRESS SRCDIR
set -u
lp=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}
# same NAME: the last run's stderr is exactly the file NAME.want.
same() {
	diff -u "$1.want" err >diff.txt || fail "$1: stderr differs: $(cat diff.txt)"
}
# run CODE ARGS...: letterpress with stderr in err, and its exit code.
run() {
	want=$1
	shift
	last="letterpress $*"
	NO_COLOR= "$lp" "$@" >out 2>err
	got=$?
	[ "$got" -eq "$want" ] || fail "$last exited $got, not $want: $(head -c 400 err)"
}

# ---- A misspelt key, a misspelt field, a signature the layout cannot print.
printf -- '---\nlayout: predsednik\ntitel: Саопштење\nemial: a@b.rs\nsignature:\n  name: Петар\ndate: 2024-02-20\n---\nТекст.\n' >keys.md
run 0 check keys.md
cat >keys.want <<'END'
keys.md:3:1: warning: unknown key 'titel': letterpress does not read it and layout 'predsednik' prints no {titel}
 --> keys.md:3:1
  |
3 | titel: Саопштење
  | ^^^^^
  = help: did you mean 'title'?
keys.md:4:1: warning: unknown key 'emial': letterpress does not read it and layout 'predsednik' prints no {emial}
 --> keys.md:4:1
  |
4 | emial: a@b.rs
  | ^^^^^
  = help: did you mean 'email'?
keys.md:5:1: warning: layout 'predsednik' has no signature block: the signature is not printed
 --> keys.md:5:1
  |
5 | signature:
  | ^^^^^^^^^
  = help: 'letterpress layouts' lists the layouts; docs/layouts.md shows a signature block
keys.md: ok, 3 warning(s)
END
same keys
# --strict: the same warnings fail the check, as invalid input.
run 65 check --strict keys.md
grep -q "^keys.md: error: 3 warning(s), which --strict makes errors$" err || fail "strict: $(tail -1 err)"
printf -- '---\ntitle: Наслов\ndate: 2024-02-20\n---\nТекст саопштења.\n' >clean.md
run 0 check --strict clean.md
run 65 check --strict clean.md keys.md
grep -q "^clean.md: ok, 0 warning(s)$" err || fail "strict: clean.md is not ok: $(cat err)"
# A misspelt key stays out of the PDF's keywords; a field no layout prints too.
printf -- '---\ntitle: Наслов\ntitel: Тајна\nprojekat: Архив\ndate: 2024-02-20\n---\nТекст.\n' >kw.md
run 0 render kw.md -o kw.pdf
if command -v pdfinfo >/dev/null; then
	pdfinfo kw.pdf >info.txt
	! grep -q "Тајна\|Архив\|^Keywords" info.txt || fail "keywords: $(grep Keywords info.txt)"
fi

# ---- An unknown layout: its line, the closest name and the list.
printf -- '---\nlayout: predsedik\ntitle: x\ndate: 2024-02-20\n---\nT\n' >layout.md
run 66 check layout.md
cat >layout.want <<'END'
layout.md:2:9: error: no layout named 'predsedik' in the layout folders; a layout of the release's own is a path such as 'letterhead/layout.yaml'
 --> layout.md:2:9
  |
2 | layout: predsedik
  |         ^^^^^^^^^
  = help: did you mean 'predsednik'?
  = help: the layouts: latinica, memorandum, plain, predsednik
END
same layout

# ---- YAML's errors in plain words; a tab shows as four columns.
printf -- '---\ntitle: x\n\tplace: y\n---\nT\n' >tab.md
run 65 check tab.md
cat >tab.want <<'END'
tab.md:3:1: error: invalid front matter: a tab indents this line; YAML indents with spaces only
 --> tab.md:3:1
  |
3 |     place: y
  | ^^^^
  = help: replace the tab with spaces
END
same tab
# lang: the caret under the whole tag, even after Cyrillic on the line.
printf -- '---\ntitle: Наслов\nlang: sr_Latn\n---\nT\n' >lang.md
run 65 check lang.md
cat >lang.want <<'END'
lang.md:3:7: error: 'lang' must be a BCP 47 language tag (like sr-Latn or en); 'sr_Latn' is not one
 --> lang.md:3:7
  |
3 | lang: sr_Latn
  |       ^^^^^^^
  = help: did you mean 'sr-Latn'?
END
same lang
printf -- '---\nnumber: Број #5\ntitle: Наслов\ndate: 2024-02-20\n---\nT\n' >hash.md
run 0 check hash.md
cat >hash.want <<'END'
hash.md:2:14: warning: '#' after a space starts a YAML comment: 'number' ends before it, and the rest of the line is left out
 --> hash.md:2:14
  |
2 | number: Број #5
  |              ^^
  = help: put the value in quotes to keep the '#': number: "Број #…"
hash.md:2:1: note: layout 'plain' prints no {field} for 'number': it is kept for layouts that do, and not printed on this letterhead
 --> hash.md:2:1
  |
2 | number: Број #5
  | ^^^^^^
  = help: a layout prints a key as {key} in a template; 'keywords:' sets the PDF's keywords
hash.md: ok, 1 warning(s)
END
same hash

# ---- A layout's own mistakes: the layout's line and the name meant.
mkdir lay
cat >lay/layout.yaml <<'END'
page:
  size: A4
  margins: {top: 25mm, right: 25mm, bottom: 25mm, left: 25mm}
styles:
  body:
    family: Noto Serif
    size: 11pt
    align: justfy
first-page:
  body: {top: 60mm, bottom: 25mm}
  blocks:
    - kind: txet
      rect: {x: 25mm, y: 20mm, w: 160mm, h: 20mm}
      lines: ["{title}"]
END
run 65 check --layout lay/layout.yaml clean.md
grep -A5 "error: 'justfy' is not an alignment" err | grep -q "= help: did you mean 'justify'?" ||
	fail "alignment: $(cat err)"
grep -A5 "error: unknown block kind 'txet'" err | grep -q "= help: did you mean 'text'?" ||
	fail "block kind: $(cat err)"
grep -A4 "error: 'justfy'" err | grep -qE '^ *[|] +\^{6}$' || fail "alignment caret: $(cat err)"

# ---- Colour: only asked for, or on a terminal; NO_COLOR wins over auto.
run 0 check hash.md
! grep -q "$(printf '\033')" err || fail "colour without a terminal"
run 0 --color=always check hash.md
grep -q "$(printf '\033')\[1;33mwarning" err || fail "--color=always has no colour: $(cat -v err)"
if command -v script >/dev/null; then
	NO_COLOR=1 script -qec "$lp check $tmp/hash.md" /dev/null >tty.txt 2>&1
	! grep -q "$(printf '\033')" tty.txt || fail "NO_COLOR on a terminal: $(cat -v tty.txt)"
	env -u NO_COLOR TERM=xterm script -qec "$lp check $tmp/hash.md" /dev/null >tty.txt 2>&1
	grep -q "$(printf '\033')\[1;33mwarning" tty.txt || fail "no colour on a terminal: $(cat -v tty.txt)"
fi

# ---- JSON: one object a line, each with its fields and types.
run 0 --diagnostics=json check keys.md hash.md
python3 - err <<'END' || fail "json: $(cat err)"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
objs = [json.loads(l) for l in lines]
assert len(objs) == 5, objs
for o in objs:
    assert set(o) == {"severity", "file", "line", "col", "span", "code", "message", "hints",
                      "document"}, o
    assert o["severity"] in ("note", "warning", "error")
    assert isinstance(o["line"], int) and isinstance(o["col"], int)
    assert isinstance(o["hints"], list) and all(isinstance(h, str) for h in o["hints"])
a = objs[0]
assert (a["file"], a["line"], a["col"], a["span"]) == ("keys.md", 3, 1, 5), a
assert a["hints"] == ["did you mean 'title'?"] and a["code"] is None, a
h = objs[3]
assert (h["file"], h["line"], h["col"], h["span"]) == ("hash.md", 2, 14, 2), h
n = objs[4]
assert (n["severity"], n["file"], n["line"], n["col"]) == ("note", "hash.md", 2, 1), n
END
run 66 --diagnostics=json check layout.md
python3 - err <<'END' || fail "json layout: $(cat err)"
import json, sys
o = json.loads(open(sys.argv[1], encoding="utf-8").read())
assert o["code"] == "input missing" or o["code"], o
assert o["hints"] == ["did you mean 'predsednik'?",
                      "the layouts: latinica, memorandum, plain, predsednik"], o
assert (o["line"], o["col"], o["span"]) == (2, 9, 9), o
END

[ "$failed" -eq 0 ] && echo "ok: diagnostics" || exit 1
