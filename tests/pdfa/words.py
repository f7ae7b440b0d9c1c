#!/usr/bin/env python3
"""Checks that Ghostscript's text extraction (txtwrite, what archive
indexers use) returns every word of a PDF that poppler's pdftotext returns,
each whole: words split at a line-end hyphen are joined in both first,
and letters set apart (a tracked title) are joined in Ghostscript's.
Usage: words.py FILE.pdf; prints the words Ghostscript lost, exits 1 if any."""
import re
import subprocess
import sys


def words(text, letters_apart=False):
    text = re.sub(r'-\s*\n\s*', '', text)  # a word hyphenated at a line end
    if letters_apart:
        # A letter-spaced title comes out of txtwrite as single letters
        # (spacing, not the ToUnicode map this checks): join them.
        text = re.sub(r'\b(\w)((?: \w\b)+)', lambda m: m.group(0).replace(' ', ''), text)
    return set(w for w in re.findall(r'\w+', text) if len(w) > 1 and not w.isdigit())


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode('utf-8', 'replace')


pdf = sys.argv[1]
poppler = words(run(['pdftotext', '-enc', 'UTF-8', pdf, '-']))
gs = words(run(['gs', '-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite',
                '-sOutputFile=-', pdf]), letters_apart=True)
lost = sorted(poppler - gs)
print('%s: %d words, Ghostscript lost %d%s' % (pdf.split('/')[-1], len(poppler), len(lost),
                                                ': ' + ' '.join(lost[:20]) if lost else ''))
sys.exit(1 if lost or not poppler else 0)
