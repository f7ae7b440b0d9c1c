#!/usr/bin/env python3
"""A table row taller than a page loses no text, in every shipped layout.

A release whose table has a cell of 1,500 words (300 of them numbered,
several pages of text in any layout's measure) is rendered with each
layout in layouts/. Then:
- poppler (`pdftotext -raw`) and MuPDF (`mutool draw -F txt`) give every
  numbered word once, in order, and the row after it;
- every word poppler finds (`pdftotext -bbox`) lies on the paper, and no
  two words of a page overlap: text cut off at the paper's edge, or drawn
  over the footer or the page number, is what the row did when it was one
  box taller than the frame;
- each page the row continues on shows the header's words again.

    tall_rows.py LETTERPRESS SOURCE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from extract_util import finish, shipped_layouts

N = 300
FILLER = ["дрво", "камен", "вода", "ветар", "облак"]
CELLS = ["Врста", "Садржај", "кратко", "следећи", "ред"]
LANG = {"latinica": "sr-Latn"}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r'([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          check=True).stdout.decode("utf-8")


def release(name):
    words = []
    for i in range(1, N + 1):
        words.append("m%03d" % i)
        words += [FILLER[(i * 7 + k * 3) % 5] for k in range(4)]
    return ("---\nlayout: %s\nlang: %s\ntitle: T\nplace: P\ndate: 2024-02-20\n---\n\n"
            "Увод.\n\n| %s | %s |\n|---|---|\n| %s | %s |\n| %s | %s |\n\n"
            "Крај.\n" % (name, LANG.get(name, "sr-Cyrl"), CELLS[0], CELLS[1], CELLS[2],
                          " ".join(words), CELLS[3], CELLS[4]))


def in_order(text, reader, name, fails):
    found = re.findall(r"m\d{3}", text)
    if found != ["m%03d" % i for i in range(1, N + 1)]:
        missing = N - len(set(found))
        fails.append("%s: %s gives %d numbered words of %d (%d missing), in order: %s" %
                     (name, reader, len(found), N, missing, found == sorted(found)))
    elif "следећи" not in text.split(found[-1], 1)[1]:
        fails.append("%s: %s loses the row after the tall one" % (name, reader))


def table_word(w):
    return bool(re.fullmatch(r"m\d{3}", w)) or w in FILLER or w in CELLS


def overlap(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w > 0.5 and h > 0.5


def check_pages(pdf, name, fails):
    pages = PAGE.findall(run(["pdftotext", "-bbox", pdf, "-"]))
    for n, (pw, ph, body) in enumerate(pages, 1):
        words = [(float(a), float(b), float(c), float(d), w)
                 for a, b, c, d, w in WORD.findall(body)]
        for w in words:
            if w[0] < 0 or w[1] < 0 or w[2] > float(pw) or w[3] > float(ph):
                fails.append("%s: page %d: '%s' runs off the paper" % (name, n, w[4]))
        # Sorted by top: a word overlaps only words that start above its
        # bottom. The letterheads' own lines sit closer than poppler's
        # word boxes are tall: only the table's words are looked at.
        words.sort(key=lambda w: w[1])
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[1] >= a[3]:
                    break
                if (table_word(a[4]) or table_word(b[4])) and overlap(a, b):
                    fails.append("%s: page %d: '%s' is drawn over '%s'" % (name, n, a[4], b[4]))
        if n > 1 and re.search(r"m\d{3}", body) and "Садржај" not in body:
            fails.append("%s: page %d continues the row without the header" % (name, n))
    return len(pages)


def main():
    lp, root = sys.argv[1], sys.argv[2]
    for tool in ("mutool", "pdftotext"):
        if not shutil.which(tool):
            print("skipped: %s missing" % tool)
            return 77
    fails = []
    layouts = shipped_layouts(root)
    with tempfile.TemporaryDirectory() as tmp:
        for name in layouts:
            src = os.path.join(tmp, name + ".md")
            with open(src, "w", encoding="utf-8") as f:
                f.write(release(name))
            pdf = os.path.join(tmp, name + ".pdf")
            run([lp, "render", "-q", src, "-o", pdf])
            in_order(run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"]), "pdftotext -raw",
                     name, fails)
            in_order(run(["mutool", "draw", "-F", "txt", "-o", "-", pdf]), "MuPDF", name, fails)
            pages = check_pages(pdf, name, fails)
            print("%s: %d pages" % (name, pages))
    return finish(fails)


if __name__ == "__main__":
    sys.exit(main())
