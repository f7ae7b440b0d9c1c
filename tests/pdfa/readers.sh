#!/bin/sh
# PDF/A outputs of every example checked by readers that share no code with
# letterpress: Apache PDFBox Preflight (PDF/A-1b), qpdf --check, the CIDSet
# check (cidset.py, through qpdf) and Ghostscript's and PDFium's text extraction against
# poppler's (words.py). Also two made-up releases: XML's markup characters
# in the metadata, and composite glyphs whose parts hb-subset adds.
# Usage: readers.sh LETTERPRESS SOURCE_ROOT. Exit 77 (skipped) without Java
# or Debian's PDFBox jars, which ./setup --test installs.
set -u
lp=$1
root=$2
here=$root/tests/pdfa
jars=/usr/share/java
cp=$jars/preflight.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/xmpbox.jar
cp=$cp:$jars/commons-logging.jar:$jars/jaxb-api.jar:$jars/javax.activation.jar
if ! command -v java >/dev/null || [ ! -f $jars/preflight.jar ]; then
	echo "skipped: no java or no PDFBox Preflight (libpdfbox2-java)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

# A sanitized build sets LP_TEST_FEW_READERS: letterpress still renders
# every level of every example and qpdf, poppler and the CIDSet check read
# them; Preflight, PDFBox, Ghostscript, PDFium, MuPDF and pdf.js read the same
# bytes in the release build's run.
few=${LP_TEST_FEW_READERS:-}

preflight() { # FILE: prints Preflight's verdict
	java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>&1
}

check_file() { # FILE LEVEL
	qpdf --check "$1" >"$tmp/qpdf.txt" 2>&1 || bad "qpdf --check $1: $(cat "$tmp/qpdf.txt")"
	# The same font code writes every level; PDF/A-1 is where CIDSet must be.
	if [ $2 = 1b ]; then
		python3 "$here/cidset.py" "$1" >"$tmp/cidset.txt" ||
			bad "CIDSet of $1: $(cat "$tmp/cidset.txt")"
	fi
	part=$(pdfinfo -meta "$1" | sed -n 's/.*pdfaid:part="\([0-9]\)".*/\1/p')
	[ "$part" = "${2%b}" ] || bad "$1 claims PDF/A part '$part', not ${2%b}"
}

printf -- '---\ntitle: "Ćirilica & latinica <test> \\"quoted\\""\ndate: 2024-02-20\norgan: [A & B]\n---\n\nệ ở ữ ǻ ḗ ṩ ȫ — Ćirilica & latinica.\n' >"$tmp/made-up.md"
for src in "$root"/examples/*.md "$tmp/made-up.md"; do
	name=$(basename "$src" .md)
	for level in 1b 2b 3b; do
		out=$tmp/$name-$level.pdf
		if ! "$lp" render -q "$src" -o "$out" --pdfa $level >"$tmp/err.txt" 2>&1; then
			bad "$name --pdfa $level: $(cat "$tmp/err.txt")"
			continue
		fi
		check_file "$out" $level
	done
	[ -z "$few" ] || continue
	verdict=$(preflight "$tmp/$name-1b.pdf")
	case $verdict in
	*"is a valid PDF/A-1b file"*) echo "ok $name: Preflight: valid PDF/A-1b" ;;
	*) bad "$name: Preflight: $verdict" ;;
	esac
	python3 "$here/words.py" "$tmp/$name-2b.pdf" || bad "$name: Ghostscript or PDFium lost words"
	# Every word MuPDF shows split at a line-end hyphen, pdf.js's own viewer
	# search finds whole (its find normalisation joins "-" at a line's end).
	split=$(mutool draw -F txt -o - "$tmp/$name-2b.pdf" 2>/dev/null | python3 -c '
import re, sys
print(" ".join(sorted({a + b for a, b in re.findall(r"(\w+)-[ \t]*\n[ \t]*(\w+)", sys.stdin.read())})))')
	if [ -n "$split" ]; then
		# shellcheck disable=SC2086 # one argument a word
		node "$root/tests/js/pdf-find.mjs" "$tmp/$name-2b.pdf" $split >"$tmp/find.txt" 2>&1 ||
			bad "$name: pdf.js find: $(cat "$tmp/find.txt")"
		missed=$(awk '$2 == 0 { print $1 }' "$tmp/find.txt")
		[ -z "$missed" ] || bad "$name: pdf.js's search does not find hyphenated words: $missed"
		echo "ok $name: pdf.js's search finds the $(echo "$split" | wc -w) words hyphenated at a line end"
	fi
done

if [ -n "$few" ]; then
	[ $fail = 0 ] && echo "all PDF/A outputs pass qpdf, pdfinfo and the CIDSet check (the other readers in the release build)"
	exit $fail
fi

# PDF/A-2b files keep their small objects in an object stream with a
# cross-reference stream (PDF 1.5): PDFBox reads every word poppler does.
long2b=$tmp/long-izvestaj-2b.pdf
grep -aq '/Type/ObjStm' "$long2b" || bad "$long2b has no object stream"
java -cp "$jars/pdfbox2-tools.jar:$cp" org.apache.pdfbox.tools.ExtractText "$long2b" "$tmp/pdfbox.txt" \
	>"$tmp/err.txt" 2>&1 || bad "PDFBox ExtractText: $(cat "$tmp/err.txt")"
pdftotext "$long2b" "$tmp/poppler.txt"
python3 - "$tmp/poppler.txt" "$tmp/pdfbox.txt" <<'PY' || bad "PDFBox lost words of $long2b"
import re, sys
def words(path):
    text = re.sub(r'-\s*\n\s*', '', open(path, encoding='utf-8').read())
    return set(re.findall(r'\w+', text))
lost = words(sys.argv[1]) - words(sys.argv[2])
print('PDFBox reads the object stream: %d words, lost %s' % (len(words(sys.argv[1])), sorted(lost)[:10]))
sys.exit(1 if lost else 0)
PY

# The validator does tell: the same release without --pdfa is no PDF/A.
"$lp" render -q "$root/examples/predsednik-2024-02-20.md" -o "$tmp/plain.pdf"
case $(preflight "$tmp/plain.pdf") in
*"is a valid PDF/A-1b file"*) bad "Preflight accepts a PDF without --pdfa" ;;
*) echo "ok Preflight refuses a plain PDF" ;;
esac
[ $fail = 0 ] && echo "all PDF/A outputs pass"
exit $fail
