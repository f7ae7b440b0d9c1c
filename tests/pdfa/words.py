#!/usr/bin/env python3
"""Checks that Ghostscript's text extraction (txtwrite, what archive
indexers use) and PDFium's (FPDFText_GetText, Chrome's and pypdfium2's,
through tests/js/pdfium-text.mjs) return every word of a PDF that poppler's
pdftotext returns, each whole, hyphenated words included, as each reader
returns them (tests/pdfa/hyphens.py); letters set apart are joined in
Ghostscript's and PDFium's (the seed's title is typed "С А О П Ш Т Е Њ Е":
poppler joins the letters, the others keep the spaces typed).
Usage: words.py FILE.pdf; prints the words each reader lost, exits 1 if any."""
import os
import re
import subprocess
import sys

JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'js')


def words(text, letters_apart=False):
    if letters_apart:
        # A title typed with spaces between its letters comes out of these
        # readers as single letters (spacing, not the ToUnicode map this
        # checks): join them.
        text = re.sub(r'\b(\w)((?: \w\b)+)', lambda m: m.group(0).replace(' ', ''), text)
    return set(w for w in re.findall(r'\w+', text) if len(w) > 1 and not w.isdigit())


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode('utf-8', 'replace')


pdf = sys.argv[1]
poppler = words(run(['pdftotext', '-enc', 'UTF-8', pdf, '-']))
others = {
    'Ghostscript': words(run(['gs', '-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite',
                              '-sOutputFile=-', pdf]), letters_apart=True),
    'PDFium': words(run(['node', os.path.join(JS, 'pdfium-text.mjs'), pdf]),
                    letters_apart=True),
}
failed = not poppler
for reader, got in others.items():
    lost = sorted(poppler - got)
    failed = failed or bool(lost)
    print('%s: %d words, %s lost %d%s' % (pdf.split('/')[-1], len(poppler), reader, len(lost),
                                          ': ' + ' '.join(lost[:20]) if lost else ''))
sys.exit(1 if failed else 0)
