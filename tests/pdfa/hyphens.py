#!/usr/bin/env python3
"""Every word the line breaker hyphenated, in the plain text of four readers.

For every example, the words hyphenated at a line end are read from its
golden line dump (tests/golden/NAME.lines, whose lines end in "-" where a
break added a hyphen; a word whose halves are joined by "-" in the release
itself is a compound broken at its own hyphen and is left out). The PDF is
rendered and its text extracted by poppler (pdftotext), MuPDF (mutool draw
-F txt), Ghostscript (txtwrite), Mozilla pdf.js (getTextContent, through
tests/js/pdf-text.mjs) and PDFium (FPDFText_GetText, through
tests/js/pdfium-text.mjs). Each hyphenation must come out whole; for a
reader listed in MARKED, joined with the reader's mark in the break
hyphen's place; for a reader listed in KNOWN_GAPS, split exactly at the
line end, "first-" then "second" on the next line: a known gap, with the
reader's reason below and in docs/standards.md ("The break hyphen in each
reader"). A reader in either list that starts doing something else fails
the test too, so that the lists and the docs are brought up to date.

Usage: hyphens.py LETTERPRESS SOURCE_ROOT   (exit 77: poppler is missing)
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Readers that split a word at a line-end hyphen whatever the PDF says
# (measured: MuPDF 1.21, Ghostscript 10.0, pdf.js 4.10). None of them
# honours /ActualText in plain text, whether on each line's half or on one
# span across the break, nor joins at a hyphen (U+002D, U+00AD or U+2010):
# they build lines from the glyphs' positions and have no dehyphenation in
# their text output (MuPDF's "-O dehyphenate" changes nothing in 1.21).
KNOWN_GAPS = {
    "mutool": "MuPDF 1.21 ignores /ActualText and does not join at a line-end hyphen",
    "gs": "Ghostscript 10.0's txtwrite ignores /ActualText and does not join at a line-end hyphen",
    "pdf.js": "pdf.js ignores /ActualText and does not join at a line-end hyphen in getTextContent",
}

# Readers that join a word at a line-end hyphen but keep a mark of their own
# where the hyphen was (measured: PDFium in @hyzyla/pdfium 2.1.13). PDFium
# takes a hyphen that ends a line for a soft one, drops the line break and
# returns U+FFFE, a noncharacter, in the hyphen's place; its client is meant
# to erase it (Chromium's PDF viewer does when text is copied). With the
# mark erased, the word is whole.
MARKED = {
    "pdfium": "\ufffe",
}


def hyphenations(lines_path, source):
    """(first half, second half) of every word a break hyphenated."""
    body = [m.group(1) for m in re.finditer(r"^\s*\S+ \S+ \|(.*)\|$", open(lines_path, encoding="utf-8").read(), re.M)]
    out = []
    for a, b in zip(body, body[1:]):
        m1 = re.search(r"(\w+)-$", a)
        m2 = re.match(r"(\w+)", b)
        if not m1 or not m2:
            continue
        first, second = m1.group(1), m2.group(1)
        if first + "-" + second in source:
            continue  # a compound broken at its own hyphen
        out.append((first, second))
    return out


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout.decode("utf-8")


def main():
    lp, root = sys.argv[1], sys.argv[2]
    if not shutil.which("pdftotext"):
        print("skipped: no pdftotext")
        return 77
    readers = {"pdftotext": lambda p: run(["pdftotext", "-enc", "UTF-8", p, "-"])}
    if shutil.which("mutool"):
        readers["mutool"] = lambda p: run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", p])
    if shutil.which("gs"):
        readers["gs"] = lambda p: run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite",
                                       "-sOutputFile=-", p])
    js = os.path.join(root, "tests", "js")
    if shutil.which("node") and os.path.isdir(os.path.join(js, "node_modules", "pdfjs-dist")):
        readers["pdf.js"] = lambda p: run(["node", os.path.join(js, "pdf-text.mjs"), p])
    if shutil.which("node") and os.path.isdir(os.path.join(js, "node_modules", "@hyzyla", "pdfium")):
        readers["pdfium"] = lambda p: run(["node", os.path.join(js, "pdfium-text.mjs"), p])
    for name in ("mutool", "gs", "pdf.js", "pdfium"):
        if name not in readers:
            print("skipped reader: %s (not installed)" % name)
    failed = False
    total = {r: [0, 0] for r in readers}  # whole, split
    with tempfile.TemporaryDirectory() as tmp:
        for lines in sorted(glob.glob(os.path.join(root, "tests", "golden", "*.lines"))):
            name = os.path.basename(lines)[:-6]
            src = os.path.join(root, "examples", name + ".md")
            words = hyphenations(lines, open(src, encoding="utf-8").read())
            if not words:
                continue
            pdf = os.path.join(tmp, name + ".pdf")
            subprocess.run([lp, "render", "-q", src, "-o", pdf], check=True)
            for reader, extract in readers.items():
                text = extract(pdf)
                mark = MARKED.get(reader)
                if mark:
                    # Each mark stands in a hyphenated word, in the hyphen's
                    # place, and each hyphenated word carries one.
                    marked = sum(min(len(re.findall(r"\b%s%s%s\b" % (first, mark, second), text)), 1)
                                 * words.count((first, second)) for first, second in set(words))
                    if marked != len(words) or text.count(mark) != len(words):
                        print("FAIL %s %s: %d of %d hyphenated words joined with %r, %d such marks in all; "
                              "if the reader now joins otherwise, update MARKED and docs/standards.md"
                              % (reader, name, marked, len(words), mark, text.count(mark)))
                        failed = True
                    text = text.replace(mark, "")
                whole = split = 0
                for first, second in set(words):
                    n = words.count((first, second))
                    # Joined (a line-end hyphen and its line break dropped)
                    # or split at the line end.
                    s = len(re.findall(r"\b%s-[ \t]*\r?\n\s*%s\b" % (first, second), text))
                    w = len(re.findall(r"\b%s%s\b" % (first, second), text))
                    # (The whole word may also stand elsewhere, unbroken.)
                    split += min(s, n)
                    whole += min(w, n - min(s, n))
                    if reader not in KNOWN_GAPS and (s > 0 or w < n):
                        print("FAIL %s %s: %s-%s is split at the line end %d of %d times, whole %d"
                              % (reader, name, first, second, s, n, w))
                        failed = True
                    if reader in KNOWN_GAPS and s != n:
                        print("FAIL %s %s: %s-%s split at the line end %d of %d times (a known gap: %s); "
                              "if the reader now joins it, update KNOWN_GAPS and docs/standards.md"
                              % (reader, name, first, second, s, n, KNOWN_GAPS[reader]))
                        failed = True
                total[reader][0] += whole
                total[reader][1] += split
    for reader, (whole, split) in total.items():
        if reader in KNOWN_GAPS:
            print("known gap %s: %d hyphenated words split at the line end, %d whole (%s)"
                  % (reader, split, whole, KNOWN_GAPS[reader]))
        elif reader in MARKED:
            print("ok %s: %d hyphenated words whole once its mark %r is erased" % (reader, whole, MARKED[reader]))
        else:
            print("ok %s: %d hyphenated words whole" % (reader, whole))
    if sum(w + s for w, s in total.values()) == 0:
        print("FAIL: no hyphenated word in any example: the test tests nothing")
        failed = True
    return 1 if failed else 0


sys.exit(main())
