#!/usr/bin/env python3
"""Where pages end: never inside a word, never after a heading.

A release of hyphen-rich paragraphs and two headings, set with 0 to 29
one-line paragraphs before it so that every page break falls on a
different line of it. In each display list (`check --dump=dlist`), the
last line of the body on every page must not end inside a word (a hyphen
the line breaker added, or a line broken after a dash: TeX's
\\brokenpenalty), and must not be a heading (a heading is kept with what
follows).

    page_ends.py LETTERPRESS
"""
import random
import re
import subprocess
import sys
import tempfile
import os

WORDS = ("председник министарство саопштење информације Републике Србије архивска грађа "
         "дигитализација истраживачи документације обележавање годишњице представници "
         "локалне самоуправе сарадња међународних организација финансирање пројеката "
         "друштвено-економских научно-истраживачких 200-2365600102881-39").split()
HEADINGS = ["Наслов другог одељка", "Наслов трећег одељка"]
TEXT = re.compile(r'^text font=(\S+) size=(\S+) .*?text="((?:[^"\\]|\\.)*)".*? \[\d+@([\d.]+),([\d.]+)/')


def release(k):
    r = random.Random(7)
    paras = [' '.join(r.choice(WORDS) for _ in range(60)) + '.' for _ in range(14)]
    body = ('\n\n'.join(['Кратак пасус.'] * k + paras[:5]) + '\n\n## ' + HEADINGS[0] + '\n\n' +
            '\n\n'.join(paras[5:10]) + '\n\n## ' + HEADINGS[1] + '\n\n' + '\n\n'.join(paras[10:]))
    return ('---\nlang: sr-Cyrl\ntitle: Саопштење\nplace: Београд\ndate: 2024-02-20\n---\n\n' +
            body + '\n')


def last_lines(trace):
    """(page, text of its last body line) for every page."""
    pages = []
    for line in trace.splitlines():
        if line.startswith('page '):
            pages.append({})
            continue
        m = TEXT.match(line)
        if not m or not pages or float(m.group(2)) < 10:
            continue  # furniture set smaller than the body (page numbers)
        y = round(float(m.group(5)), 1)
        pages[-1].setdefault(y, []).append((float(m.group(4)), m.group(3)))
    out = []
    for n, lines in enumerate(pages, 1):
        if lines:
            y = max(lines)
            out.append((n, ''.join(t for _, t in sorted(lines[y]))))
    return out


def main():
    lp = sys.argv[1]
    bad = []
    n_pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(30):
            src = os.path.join(tmp, 'r%d.md' % k)
            with open(src, 'w', encoding='utf-8') as f:
                f.write(release(k))
            trace = subprocess.run([lp, 'check', '-q', '--dump=dlist', src], check=True,
                                   stdout=subprocess.PIPE).stdout.decode('utf-8')
            pages = last_lines(trace)
            for n, text in pages[:-1]:
                if text.rstrip().endswith('-'):
                    bad.append('%d short paragraphs: page %d ends inside a word: "%s"' % (k, n, text))
                if text.strip() in HEADINGS:
                    bad.append('%d short paragraphs: page %d ends with the heading "%s"' % (k, n, text))
            n_pages += len(pages)
    for b in bad:
        print('FAIL ' + b)
    print('30 releases, %d pages; %d failures' % (n_pages, len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
