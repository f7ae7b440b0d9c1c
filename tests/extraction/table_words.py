#!/usr/bin/env python3
"""Words in neighbouring table cells stay apart, and hyphenated ones whole.

A word hyphenated at a cell's line end is given to readers whole on its
first line, its second half squeezed as invisible text past the hyphen
(pipeline/compose_hyphen.c). In a column with another beside it, that half
must end short of the next column's text, or readers run the two together
("высокопроизводительноепо"). Releases with such cells (Russian, three
columns, each alignment; Ukrainian, four narrow columns) are rendered, and
the line dump is checked to hyphenate where the test expects. Then every
reader installed (pdftotext as it is, -raw and -layout; MuPDF; pdf.js;
Ghostscript; PDFium) must give:
- every word of the cells whole;
- no word run into a word of another cell (a token that starts or ends
  with a cell's word and is none);
- no half of a hyphenated word alone.

    table_words.py LETTERPRESS SOURCE_ROOT   (exit 77: poppler is missing)
"""
import os
import re
import shutil
import sys
import tempfile

from extract_util import finish, run
from extract_util import readers as installed_readers

HEAD = "---\nlayout: memorandum\nlang: %s\ntitle: Таблица\ndate: 2024-01-01\n---\n\n"
RU = ["Показатель", "Описание", "Комментарий"], [
    "Оборудование", "новое высокопроизводительное",
    "по данным музея, без изменений с прошлого года, включая фонды и хранилища, "
    "экспозиции и выставочные залы, реставрационные мастерские и лаборатории"]
UK = ["Показник", "Опис", "Коментар", "Примітка"], [
    "сільськогосподарського призначення", "природоохоронний високопродуктивний",
    "електронно-обчислювальна", "п'ятдесятирічний досвід"]
# (name, language, head, row, each column's alignment row, the words the
# line dump must show hyphenated at a line end)
CASES = [
    ("ru-left", "ru", RU[0], RU[1], "|---|---|---|", ["высокопроизводительное"]),
    ("ru-right", "ru", RU[0], RU[1], "|---|---:|---|", ["высокопроизводительное"]),
    ("ru-centre", "ru", RU[0], RU[1], "|:---:|:---:|---|", ["высокопроизводительное"]),
    ("uk", "uk", UK[0], UK[1], "|---|---|---|---|",
     ["сільськогосподарського", "природоохоронний", "високопродуктивний",
      "електронно-обчислювальна"]),
]
WORD = re.compile(r"[\w’-]+")


def words(text):
    """The words of text as readers give them (the apostrophe typographic,
    as the release's straight one is set)."""
    return [w.strip("-") for w in WORD.findall(text.replace("'", "’")) if w.strip("-")]


def hyphenated(lp, src):
    """The lines of the dump that end in a hyphen the break added."""
    dump = run([lp, "check", "-q", "--dump=lines", src])
    return [m.group(1) for m in re.finditer(r"\|(.*)-\|$", dump, re.M)]


def check(reader, name, text, cells, whole, fails):
    got = words(text)
    known = set(cells)
    for w in sorted(known):
        if w not in got:
            fails.append("%s %s: the word %r is not whole" % (reader, name, w))
    for t in got:
        if t in known:
            continue
        glued = [w for w in known if len(w) > 2 and (t.startswith(w) or t.endswith(w))]
        if glued:
            fails.append("%s %s: %r runs %r into another word" % (reader, name, t, glued[0]))
        elif any(len(t) > 2 and t != w and (w.startswith(t) or w.endswith(t)) for w in whole):
            fails.append("%s %s: %r is half a hyphenated word" % (reader, name, t))


def main():
    lp, root = sys.argv[1], sys.argv[2]
    if not shutil.which("pdftotext"):
        print("skipped: no pdftotext")
        return 77
    readers = installed_readers(root)
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, lang, head, row, align, whole in CASES:
            src = os.path.join(tmp, name + ".md")
            with open(src, "w", encoding="utf-8") as f:
                f.write(HEAD % lang + "| %s |\n%s\n| %s |\n" %
                        (" | ".join(head), align, " | ".join(row)))
            broken = hyphenated(lp, src)
            for w in whole:
                if not any(w.startswith(b.split()[-1]) for b in broken):
                    fails.append("%s: %r is not hyphenated at a line end (lines ending "
                                 "in a hyphen: %s): the test tests nothing" % (name, w, broken))
            pdf = os.path.join(tmp, name + ".pdf")
            run([lp, "render", "-q", src, "-o", pdf])
            cells = words(" ".join(row))
            for reader, extract in readers.items():
                check(reader, name, extract(pdf), cells, whole, fails)
            print("%s: checked with %s" % (name, ", ".join(readers)))
    return finish(fails)


if __name__ == "__main__":
    sys.exit(main())
