#!/usr/bin/env python3
"""A combining mark drawn as a glyph of its own reads as itself in every reader.

Russian stress marks (U+0301 in "доро́га") have no precomposed letters:
HarfBuzz draws the accent as a glyph of its own in its letter's cluster.
The PDF backend maps that glyph to the mark in the font's ToUnicode CMap
(pdf/pdf_font.c); without it MuPDF read U+FFFD and pdf.js a stray
character, and only poppler, through /ActualText, got the word. A release
with stressed words in the (letter-spaced) title, body text, bold and
italic, and capitals, and a paragraph of long stressed words that is set
by hyphenating some of them (each read whole, as often as it was
written), is rendered as PDF and as PDF/A-2b; both pass
`qpdf --check`, and every reader installed (pdftotext as it is, -raw and
-layout; MuPDF; pdf.js; PDFium; Ghostscript) must give each word with its
accent (compared in NFC) and no U+FFFD.

Known gaps, asserted as they read so that a change shows:
- MuPDF 1.21 starts a new word after an accent set well left of its
  letter's end (a wide letter: "Ю́ НЫЙ", "сы́ н"): it puts the pen at the
  accent's own origin, and the next letter then stands a space from it;
- Ghostscript's txtwrite puts an accent raised over a capital on a line
  of its own ("ЗАМОК", the accent above).

    stress_marks.py LETTERPRESS SOURCE_ROOT   (exit 77: poppler is missing)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

from extract_util import finish, readers, run

RELEASE = """---
layout: memorandum
lang: ru
title: Доро́га
date: 2024-04-09
---

Ударение: доро́га, за́мок и замо́к, му́ка и мука́, **большо́й** и *ни́зкий*.

ЗА́МОК и А́ТЛАС, но Ю́НЫЙ и сы́н.

""" + " ".join(["Прави́тельство рассмотре́ло предложе́ния о межрегиона́льном "
                "сотру́дничестве и тра́нспортной инфраструкту́ре."] * 4) + "\n"
# The last paragraph's long stressed words, each written 4 times: the
# paragraph is set tight only by hyphenating some of them (the stress mark
# once kept a word from being hyphenated at all), and a hyphenated word
# still reads whole, once for each time it was written.
LONG = ["Прави́тельство", "рассмотре́ло", "предложе́ния", "межрегиона́льном",
        "сотру́дничестве", "тра́нспортной", "инфраструкту́ре"]
# Each word, and how a reader with a known gap gives it instead.
WORDS = {
    "ДОРО́ГА": {},  # the title, in capitals, letter-spaced
    "доро́га": {},
    "за́мок": {},
    "замо́к": {},
    "му́ка": {},
    "мука́": {},
    "большо́й": {},
    "ни́зкий": {},
    "ЗА́МОК": {"gs": "ЗАМОК"},
    "А́ТЛАС": {"gs": "АТЛАС"},
    "Ю́НЫЙ": {"mutool": "Ю́ НЫЙ", "gs": "ЮНЫЙ"},
    "сы́н": {"mutool": "сы́ н"},
}


def check(reader, name, text, fails):
    text = unicodedata.normalize("NFC", text)
    if "\ufffd" in text:
        fails.append("%s %s: %d U+FFFD" % (reader, name, text.count("\ufffd")))
    for word in LONG:
        n = text.count(unicodedata.normalize("NFC", word))
        if n != 4:
            fails.append("%s %s: %r read whole %d times, not 4, in:\n%s" % (
                reader, name, word, n, text))
    for word, gaps in WORDS.items():
        want = unicodedata.normalize("NFC", gaps.get(reader, word))
        if want not in text:
            fails.append("%s %s: no %r%s in:\n%s" % (
                reader, name, want, " (its known gap)" if reader in gaps else "", text))


def main():
    lp, root = sys.argv[1], sys.argv[2]
    if not shutil.which("pdftotext"):
        print("skipped: no pdftotext")
        return 77
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "stress.md")
        with open(src, "w", encoding="utf-8") as f:
            f.write(RELEASE)
        # The lines as set: some end in a hyphen inside a stressed word.
        lines = run([lp, "check", "-q", "--dump=lines", src])
        cut = [l for l in lines.splitlines() if l.endswith("-|") and any(
            w.startswith(l.split()[-1].lstrip("|")[:-2]) for w in LONG)]
        if not cut:
            fails.append("no stressed word hyphenated at a line's end:\n" + lines)
        for name, opts in (("pdf", []), ("pdfa-2b", ["--pdfa", "2b"])):
            pdf = os.path.join(tmp, name + ".pdf")
            run([lp, "render", "-q"] + opts + [src, "-o", pdf])
            if shutil.which("qpdf"):
                q = subprocess.run(["qpdf", "--check", pdf], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
                if q.returncode != 0:
                    fails.append("%s: qpdf --check: %s" % (name, q.stdout.decode()))
            for reader, extract in readers(root).items():
                check(reader, name, extract(pdf), fails)
            print("%s: checked" % name)
    return finish(fails)


if __name__ == "__main__":
    sys.exit(main())
