#!/usr/bin/env python3
"""Every word the line breaker hyphenated, whole in the plain text of five readers.

For every example, the words hyphenated at a line end are read from its
golden line dump (tests/golden/NAME.lines, whose lines end in "-" where a
break added a hyphen; a word whose halves are joined by "-" in the release
itself is a compound broken at its own hyphen and is left out). The PDF is
rendered and its text extracted by poppler (pdftotext), MuPDF (mutool draw
-F txt), Ghostscript (txtwrite), Mozilla pdf.js (getTextContent, through
tests/js/pdf-text.mjs) and PDFium (FPDFText_GetText, through
tests/js/pdfium-text.mjs). None of them but poppler and PDFium joins a word
at a line-end hyphen by itself (docs/standards.md, "The break hyphen in each
reader"), so letterpress gives readers the word whole on its first line and
the second half, where it is seen, reads as spaces (pipeline/compose_hyphen.c).
Each reader must return every hyphenated word whole, never split at the line
end, never with its second half left again at the start of the next line,
and without a mark of its own (PDFium's U+FFFE for a hyphen it took for a
soft one).

Usage: hyphens.py LETTERPRESS SOURCE_ROOT   (exit 77: poppler is missing)
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile


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
    # A sanitized build sets LP_TEST_FEW_READERS: letterpress still runs on
    # every input and poppler reads it; the other readers read the same
    # bytes in the release build's run.
    few = bool(os.environ.get("LP_TEST_FEW_READERS"))
    if few:
        print("poppler only (LP_TEST_FEW_READERS)")
    if not few and shutil.which("mutool"):
        readers["mutool"] = lambda p: run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", p])
    if not few and shutil.which("gs"):
        readers["gs"] = lambda p: run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite",
                                       "-sOutputFile=-", p])
    js = os.path.join(root, "tests", "js")
    node = not few and shutil.which("node")
    if node and os.path.isdir(os.path.join(js, "node_modules", "pdfjs-dist")):
        readers["pdf.js"] = lambda p: run(["node", os.path.join(js, "pdf-text.mjs"), p])
    if node and os.path.isdir(os.path.join(js, "node_modules", "@hyzyla", "pdfium")):
        readers["pdfium"] = lambda p: run(["node", os.path.join(js, "pdfium-text.mjs"), p])
    for name in ("mutool", "gs", "pdf.js", "pdfium"):
        if name not in readers and not few:
            print("skipped reader: %s (not installed)" % name)
    failed = False
    total = {r: [0, 0, 0] for r in readers}  # whole, split, stray
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
                if "\ufffe" in text:
                    print("FAIL %s %s: %d U+FFFE marks: the reader took a line-end hyphen for a soft one"
                          % (reader, name, text.count("\ufffe")))
                    failed = True
                whole = split = strays = 0
                for first, second in set(words):
                    n = words.count((first, second))
                    s = len(re.findall(r"\b%s-?[ \t]*\r?\n\s*%s\b" % (first, second), text))
                    w = len(re.findall(r"\b%s%s\b" % (first, second), text))
                    # The whole word, then the second half again at the
                    # next line's start.
                    stray = len(re.findall(r"\b%s%s\b[^\n]*\r?\n[ \t]*%s\b" % (first, second, second), text))
                    # (The whole word may also stand elsewhere, unbroken.)
                    split += min(s, n)
                    strays += stray
                    whole += min(w, n - min(s, n))
                    if s > 0 or w < n or stray > 0:
                        print("FAIL %s %s: %s-%s is split at the line end %d of %d times, whole %d, "
                              "its second half left again at the next line's start %d times"
                              % (reader, name, first, second, s, n, w, stray))
                        failed = True
                total[reader][0] += whole
                total[reader][1] += split
                total[reader][2] += strays
    for reader, (whole, split, stray) in total.items():
        print("%s %s: %d hyphenated words whole, %d split, %d second halves left again"
              % ("ok" if split == 0 and stray == 0 else "FAIL", reader, whole, split, stray))
    if sum(w + s for w, s, _ in total.values()) == 0:
        print("FAIL: no hyphenated word in any example: the test tests nothing")
        failed = True
    return 1 if failed else 0


sys.exit(main())
