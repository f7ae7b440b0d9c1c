#!/bin/sh
# letterpress watch as a user runs it, on a copy of an example with its own
# layout and signature picture: every kind of save (written in place,
# replaced by a rename, vim's rename-away-then-write) of the release, of
# the layout and of the picture makes a new output, whose text pdftotext
# reads (or whose picture pdfimages lists); a broken save keeps the last
# good output and prints a located error; a file that is not an input
# changes nothing; SIGTERM and SIGINT end it with status 0 and no
# temporary file left. Every wait is bounded (10 s, polled every 50 ms).
#   tests/watch/watch.sh LETTERPRESS SRCDIR
set -eu
lp=$1 src=$2
for tool in pdftotext pdfimages sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/lp-watch-XXXXXX")
pid=
cleanup() {
  [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  echo "--- what watch printed:"
  cat "$dir/log"
  exit 1
}
step() { echo "ok: $*"; }

# Polls until the command succeeds; fails after 10 s.
wait_for() {
  i=0
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -le 200 ] || return 1
    sleep 0.05
  done
}
text() { pdftotext -enc UTF-8 rel.pdf - 2>/dev/null | tr -s ' \n' '  '; }
has() { text | grep -q "$1"; }
lacks() { ! text | grep -q "$1"; }
renders() { grep -c 'rel.pdf: [0-9]* pages* in' log || true; }
more_renders_than() { [ "$(renders)" -gt "$1" ]; }
# A process that has exited but is not yet reaped (a zombie) still answers
# kill -0: it counts as stopped.
running() {
  kill -0 "$pid" 2>/dev/null || return 1
  [ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)" != Z ]
}
stopped() { ! running; }

cd "$dir"
mkdir lh
cp "$src/layouts/latinica/layout.yaml" "$src/layouts/latinica/emblem.svg" lh/
cp "$src/tests/data/images/gray.png" sig.png
sed -e 's|^layout: latinica$|layout: lh/layout.yaml|' \
  -e 's|^email:|signature: {name: Ana Jovanović, function: spokesperson, image: sig.png}\nemail:|' \
  "$src/examples/en-2024-09-24.md" > rel.md
grep -q '^layout: lh/layout.yaml' rel.md && grep -q 'image: sig.png' rel.md

"$lp" watch rel.md -o rel.pdf 2> log &
pid=$!
wait_for has "Danube Regional Transport Council" || fail "no first output"
step "first output"

# Written in place (truncated and written, as most editors and > do).
printf '\nZanzibar harbour timetables follow.\n' >> rel.md
wait_for has "Zanzibar harbour" || fail "an appended paragraph did not show"
step "written in place"

# Replaced by a rename (sed -i, most editors' safe save).
sed 's/Zanzibar/Kilimanjaro/' rel.md > rel.md.new && mv rel.md.new rel.md
wait_for has "Kilimanjaro harbour" || fail "a file renamed over the release did not show"
lacks "Zanzibar" || fail "the old text is still there"
step "replaced by a rename"

# vim without backupcopy: the release renamed away, a new one written;
# here by a slow writer (the file exists, empty, for 300 ms before it is
# written and closed), which must not be rendered half-written.
mv rel.md rel.md~
(sleep 0.3; sed 's/Kilimanjaro/Okavango/' rel.md~) > rel.md
rm rel.md~
wait_for has "Okavango harbour" || fail "vim's save did not show"
! grep -q "error" log || fail "a file still being written was rendered"
step "renamed away and written anew"

# The layout: the engine kept it, so a new one must read it again.
sed -i 's/{label.place}: {place}/Lokacija: {place}/' lh/layout.yaml
wait_for has "Lokacija: Novi Sad" || fail "a layout change did not show"
grep -q "of it a new engine" log || fail "no new engine for a layout change"
step "layout changed"

# The signature picture: 16x16 grey, then 64x64.
pdfimages -list rel.pdf | grep -q ' 16  *16 ' || fail "the first picture is not in the PDF"
cp "$src/tests/data/images/emblem-alpha.png" sig.png
wait_for sh -c "pdfimages -list rel.pdf | grep -q ' 64  *64 '" || fail "a new picture did not show"
step "picture changed"

# A file that is not an input (beside them) changes nothing. (The line of
# the last render comes just after its output: let it be written first.)
sleep 0.3
n=$(renders)
echo "notes" > notes.txt
echo "more" > lh/README
sleep 0.4
[ "$(renders)" -eq "$n" ] || fail "a file that is not an input made a render"
step "other files ignored"

# A broken save: a located error, and the last good output stays.
before=$(sha256sum rel.pdf)
sed 's/^date: .*/date: 2024-02-30/' rel.md > rel.md.new && mv rel.md.new rel.md
wait_for grep -q "keeps the last good render" log || fail "no line for a failed render"
grep -Eq "^rel\.md:[0-9]+:[0-9]+: error: 'date' must be a date" log || fail "no located error"
[ "$(sha256sum rel.pdf)" = "$before" ] || fail "a failed render changed the output"
running || fail "watch stopped after an error"
step "broken save kept the last output"

# Fixed again, it renders again.
n=$(renders)
sed 's/^date: .*/date: 2024-09-25/' rel.md > rel.md.new && mv rel.md.new rel.md
wait_for more_renders_than "$n" || fail "no render after the fix"
wait_for has "25 September 2024" || fail "the new date is not there"
step "fixed"

# SIGTERM: status 0, nothing left behind.
kill -TERM "$pid"
wait_for stopped || fail "SIGTERM did not stop it"
status=0
wait "$pid" || status=$?
pid=
[ "$status" -eq 0 ] || fail "SIGTERM: exit status $status, not 0"
left=$(find . -name '*.tmp' -o -name '.*lp-*')
[ -z "$left" ] || fail "left behind: $left"
step "SIGTERM ends it with status 0"
echo "--- what watch printed (the latency is 'ms after the change'):"
cat log

# SIGINT (Ctrl-C), which a shell script's background jobs ignore unless
# they are given back the default. The log is emptied first: the renders
# of the run above must not count as this one's, or the signal can come
# before the new process has blocked it (and die of it, or be ignored).
: > log
env --default-signal=INT "$lp" watch rel.md -o rel.pdf 2> log &
pid=$!
wait_for more_renders_than 0 || fail "no render at the start"
kill -INT "$pid"
wait_for stopped || fail "SIGINT did not stop it"
status=0
wait "$pid" || status=$?
pid=
[ "$status" -eq 0 ] || fail "SIGINT: exit status $status, not 0"
step "SIGINT ends it with status 0"
