#!/bin/sh
# The command line's conventions, as a user meets them (docs/letterpress.1,
# OPTIONS): long options as --name=VALUE and --name VALUE, short ones
# attached and clustered, "--", global options before and after the
# command, the output beside the input, per-command help, usage errors,
# the format from -o's extension, --version and JSON diagnostics.
#   tests/cli/conventions.sh LETTERPRESS SRCDIR
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

# run CODE ARGS...: runs letterpress with stdout in out, stderr in err, and
# checks the exit code.
run() {
	want=$1
	shift
	last="letterpress $*"
	"$lp" "$@" >out 2>err
	got=$?
	[ "$got" -eq "$want" ] || { fail "$last exited $got, not $want: $(head -c 300 err)"; return 1; }
}
# has FILE ERE, lacks FILE ERE: about the last run's out or err.
has() { grep -qE -e "$2" "$1" || fail "$last: $1 lacks /$2/: $(head -c 300 "$1")"; }
lacks() { ! grep -qE -e "$2" "$1" || fail "$last: $1 has /$2/"; }
empty() { [ ! -s "$1" ] || fail "$last: $1 is not empty: $(head -c 300 "$1")"; }
lines() { [ "$(wc -l <"$2")" -eq "$1" ] || fail "$last: $2 has $(wc -l <"$2") lines, not $1"; }

printf -- '---\ntitle: Наслов\n---\nТекст саопштења.\n' >r.md
cp "$src/examples/predsednik-2024-02-20.md" warn.md # renders with a warning (EXPO in Cyrillic)

# ---- --name=VALUE and --name VALUE, for every long option of every command
# (read from each command's --help, so a new option is tested too): both
# spellings give the same exit code and the same messages, and neither is
# taken for an unknown option or a missing value.
value_for() {
	case $1 in
	format) echo pdf ;; fax-mode) echo fine ;; fax-coding) echo g4 ;; dpi) echo 96 ;;
	pdfa) echo 2b ;; dump) echo lines ;; diagnostics) echo text ;; jobs) echo 1 ;;
	shard) echo 1/1 ;; layout) echo memorandum ;; output) echo "o.$2" ;; tsa) echo http://localhost:9/ ;;
	*) echo missing-file ;;
	esac
}
for cmd in render check batch manifest layouts completion help; do
	"$lp" "$cmd" --help >help.txt 2>&1 || fail "letterpress $cmd --help failed"
	for opt in $(sed -n 's/^\(  -., \|      \)--\([a-z-]*\)=.*/\2/p' help.txt); do
		v=$(value_for "$opt" "$cmd")
		"$lp" "$cmd" "--$opt=$v" missing.md >eq.out 2>eq.err
		a=$?
		"$lp" "$cmd" "--$opt" "$v" missing.md >sep.out 2>sep.err
		b=$?
		[ "$a" -eq "$b" ] || fail "$cmd --$opt=$v exits $a but --$opt $v exits $b"
		cmp -s eq.err sep.err || fail "$cmd --$opt=$v and --$opt $v say different things: $(head -c 200 eq.err) / $(head -c 200 sep.err)"
		if grep -qE "unknown option|needs a value|takes no value" eq.err; then
			fail "$cmd --$opt=$v: $(head -c 200 eq.err)"
		fi
		rm -rf o.* missing.pdf
	done
	# A value-taking option at the end needs its value.
	for opt in $(sed -n 's/^\(  -., \|      \)--\([a-z-]*\)=.*/\2/p' help.txt); do
		run 64 "$cmd" "--$opt" && has err "'--$opt' needs a value"
	done
done
rm -f missing*

# The same options in both spellings render the same bytes, and the layout
# chosen matters.
run 0 render r.md --layout=memorandum --output=eq.pdf
run 0 render r.md --layout memorandum --output sep.pdf
run 0 render r.md -lmemorandum -oshort.pdf
run 0 render r.md -o plain.pdf
cmp -s eq.pdf sep.pdf || fail "--layout=memorandum and --layout memorandum render different bytes"
cmp -s eq.pdf short.pdf || fail "-lmemorandum -oshort.pdf renders other bytes"
! cmp -s eq.pdf plain.pdf || fail "--layout memorandum was not applied"

# ---- short options cluster; the last may take a value
run 0 render warn.md -qo cluster.pdf && empty err
[ "$(head -c 5 cluster.pdf)" = "%PDF-" ] || fail "-qo cluster.pdf wrote no PDF"
run 0 render warn.md -o loud.pdf && has err "warning"
cmp -s cluster.pdf loud.pdf || fail "-qo changed the output"
run 64 render warn.md -qx && has err "unknown option '-x' \\(in '-qx'\\)"

# ---- "--" ends the options: a file named like an option is an input
cp r.md ./-x.md
run 64 render -x.md && has err "unknown option '-x.md'"
run 0 render -- -x.md && [ -f ./-x.pdf ] || fail "render -- -x.md did not write -x.pdf"
run 0 render -o dash.pdf -- -x.md && [ -f dash.pdf ] || fail "render -o dash.pdf -- -x.md wrote nothing"
run 0 check -- -x.md ./-x.md && has err "^-x.md: ok"

# ---- global options before or after the command
run 0 -q render warn.md -o before.pdf && empty err
run 0 render warn.md -o after.pdf --quiet && empty err
run 0 --layout memorandum render r.md -o gl.pdf
cmp -s gl.pdf eq.pdf || fail "--layout before the command was not applied"
run 0 -l memorandum -q check r.md && empty err
run 64 --jobs 2 batch r.md -o arch && has err "'--jobs' is an option of batch: it goes after the command"
run 64 render r.md --jobs 2 && has err "'--jobs' is not an option of render \\(it is batch's\\)"
run 64 --layout memorandum layouts && has err "layouts: .*--layout does not apply"

# ---- the output beside the input when -o is absent
mkdir -p a/b
cp r.md a/b/rel.md
run 0 render a/b/rel.md && empty out
[ "$(head -c 5 a/b/rel.pdf)" = "%PDF-" ] || fail "render a/b/rel.md did not write a/b/rel.pdf"
run 0 render a/b/rel.md --format tiff
tiffinfo a/b/rel.tiff 2>/dev/null | grep -q 'CCITT Group 4' || fail "render --format tiff did not write a/b/rel.tiff"
run 0 render a/b/rel.md --format png --dpi 24
[ "$(od -An -c -N4 a/b/rel.png | tr -d ' ')" = '211PNG' ] || fail "render --format png did not write a/b/rel.png"
cp r.md noext
run 0 render noext && [ -f noext.pdf ] || fail "render noext did not write noext.pdf"
# The input itself is never the output (a release named x.pdf).
cp r.md same.pdf
run 73 render same.pdf && has err "same.pdf"
cmp -s same.pdf r.md || fail "render same.pdf replaced its input"
run 64 render - <r.md && has err "standard input needs -o"
run 0 render - -o - <r.md >stdout.pdf
# batch keeps its required archive.
run 64 batch a && has err "batch: needs -o ARCHIVE"
# render takes one release.
run 64 render r.md warn.md && has err "takes one release"

# ---- per-command help, on stdout, exit 0; only the command's options
run 0 render --help && empty err
has out "^Usage: letterpress render "
has out "--output=FILE"
has out "--layout=NAME\\|PATH"
has out "--sign-field\\[=NAME\\]"
lacks out "--jobs|--dump|--resume"
cp out render-help.txt
run 0 help render && cmp -s out render-help.txt || fail "help render differs from render --help"
run 0 render -h && cmp -s out render-help.txt || fail "render -h differs from render --help"
run 0 batch --help && has out "--jobs=N" && has out "--output=ARCHIVE" && lacks out "--dump"
run 0 check --help && has out "--dump=STAGE" && lacks out "--output|--sign"
run 0 manifest --help && has out "^Usage: letterpress manifest \\[OPTIONS\\] merge ARCHIVE"
run 0 --help && empty err
for c in render watch check batch manifest layouts completion help; do has out "^  $c "; done
# A command's summary stands apart from its name and operands (a long
# one, under them): "completion bash|zsh|fishprint …" ran together.
has out "^  completion bash\\|zsh\\|fish\$"
lacks out "fishprint"
lacks out "--jobs"
run 64 help frobnicate && has err "no command 'frobnicate'"
# Every help line fits 80 columns.
for c in "" render watch check batch manifest layouts completion help; do
	"$lp" help $c | LC_ALL=C.UTF-8 awk -v c="$c" 'length($0) > 80 { print "FAIL: help " c ": " $0; exit 1 }' \
		|| failed=$((failed + 1))
done

# ---- usage errors: exit 64, nothing on stdout, one line on stderr naming
# the help to read
for args in "render --frob r.md" "frobnicate" "render" "--format=pdf render r.md" "render r.md --format=jpg" \
	"render r.md --quiet=yes" "check" "completion tcsh" ""; do
	# shellcheck disable=SC2086
	run 64 $args && empty out && lines 1 err && has err "^letterpress: .*\\(see 'letterpress [a-z]* ?--help'\\)$"
done
run 64 render --layuot memorandum r.md && has err "unknown option '--layuot'; did you mean '--layout'\\?"

# ---- -o chooses the format from its extension
run 0 render r.md -o x.png --dpi 24
[ "$(od -An -c -N4 x.png | tr -d ' ')" = '211PNG' ] || fail "-o x.png wrote no PNG"
run 0 render r.md -o x.tif
[ "$(od -An -c -N2 x.tif | tr -d ' ')" = 'II' ] || [ "$(od -An -c -N2 x.tif | tr -d ' ')" = 'MM' ] \
	|| fail "-o x.tif wrote no TIFF"
run 0 render r.md -o X.PDF && [ "$(head -c 5 X.PDF)" = "%PDF-" ] || fail "-o X.PDF wrote no PDF"
run 64 render r.md -o x.txt && has err "writes no '.txt' files"
[ ! -e x.txt ] || fail "-o x.txt left a file"
run 64 render r.md -o y.png --format tiff && has err "the name says png but the format asked for is tiff"
[ ! -e y.png ] || fail "-o y.png --format tiff left a file"
run 0 render r.md -o fax --format tiff
tiffinfo fax >/dev/null 2>&1 || fail "-o fax --format tiff wrote no TIFF"

# ---- --version: letterpress's and the libraries' versions, at run time
run 0 --version && empty err
has out "^letterpress [0-9]+\\.[0-9]+\\.[0-9]+$"
for l in HarfBuzz FreeType ICU libharu libhyphen libyaml libtiff libpng zlib OpenSSL; do
	has out "^  $l +[0-9]+\\.[0-9]+"
done
has out "^  libhyphen .*\\(the build's; it has no run-time version\\)"
hb=$(pkg-config --modversion harfbuzz 2>/dev/null) && has out "^  HarfBuzz +$hb$"
icu=$(pkg-config --modversion icu-uc 2>/dev/null) && has out "^  ICU +$icu$"
z=$(pkg-config --modversion zlib 2>/dev/null) && has out "^  zlib +$z$"
run 0 render --version && has out "^  HarfBuzz "

# ---- --diagnostics json: one JSON object a line, before or after the command
printf -- '---\ndate: 2024-02-30\n---\nТекст.\n' >bad.md
for args in "--diagnostics=json render bad.md -o bad.pdf" "render bad.md -o bad.pdf --diagnostics json"; do
	# shellcheck disable=SC2086
	run 65 $args && python3 - err <<'EOF' || fail "$last: stderr is not the JSON expected: $(cat err)"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
e = [r for r in rows if r["severity"] == "error"][0]
assert e["file"] == "bad.md" and e["line"] == 2 and e["col"] >= 1, e
assert e["code"] == "invalid input" and "2024-02-30" in e["message"], e
EOF
done
[ ! -e bad.pdf ] || fail "a failed render left bad.pdf"
run 65 render bad.md -o bad.pdf && has err "^bad.md:2:[0-9]+: error: "

if [ "$failed" -ne 0 ]; then
	echo "$failed check(s) failed"
	exit 1
fi
echo "cli conventions: all checks passed"
