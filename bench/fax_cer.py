#!/usr/bin/env python3
"""Reference texts and character error rates for bench/fax_ocr.sh.

  fax_cer.py ref DUMP LAYOUT_YAML OUTDIR
      From `letterpress check --dump=dlist` (the display list: every text
      run with its glyph positions) writes OUTDIR/ref-P.txt (the page's
      text, line by line, top to bottom, left to right) and
      OUTDIR/ref-P-footer.txt (the text below the body frame: contact
      footer, page numbers), and prints one line a page:
      "P PAGE_HEIGHT_PT FOOTER_TOP_PT". The footer band starts at the
      layout's body frame bottom (first-page / following-pages body.bottom).

  fax_cer.py cer REF HYP
      Prints "EDITS REF_LENGTH" after normalising both texts.

  fax_cer.py table RESULTS
      RESULTS has lines "EXAMPLE RENDERING PART EDITS LENGTH"; prints a
      Markdown table of CER in % by example and rendering, page and footer.

Normalisation (both sides): NFC; a hyphen at a line end joins the lines;
typographic quotes become ASCII ones, list bullets "*" and dashes "-"
(a reader's choice of code point, not a letter read wrong); letters that look the same in Latin
and Cyrillic (A/А, E/Е, O/О, P/Р, C/С, X/Х ...) are compared as the Latin
one (a reader cannot tell them apart either: Tesseract reads ЕХРО as EXPO);
a run of three or more single letters separated by spaces (a letter-spaced
title read letter by letter) is one word; white space collapses to one
space. CER = Levenshtein distance / reference length.
"""
import re
import sys
import unicodedata

# ---- The reference from the display-list dump -------------------------

# A run's use: " read-only" runs (a hyphenated word's second half, read
# whole on the first line) show nothing and are left out; " seen-only" ones
# (that half where it is drawn, on the next line) are what a reader sees.
TEXT_RE = re.compile(r'^text font=\S+ size=([\d.]+) color=#\w+ glyphs=\d+ text="((?:[^"\\]|\\.)*)"'
                     r'(?: actual="(?:[^"\\]|\\.)*")?(?: tracking=[\d.]+)?'
                     r'( read-only width=[\d.]+| seen-only)? \[(.*)\]$')
GLYPH_RE = re.compile(r'\d+@(-?[\d.]+),(-?[\d.]+)/\d+')


def unescape(s):
    s = re.sub(r'\\x([0-9A-Fa-f]{2})', lambda m: chr(int(m.group(1), 16)), s)
    return re.sub(r'\\(.)', r'\1', s)


def length_pt(v):
    v = str(v).strip()
    m = re.fullmatch(r'(-?[\d.]+)\s*(mm|cm|in|pt)?', v)
    if not m:
        raise SystemExit(f'fax_cer.py: cannot read length {v!r}')
    n = float(m.group(1))
    return n * {'mm': 72 / 25.4, 'cm': 720 / 25.4, 'in': 72, 'pt': 1, None: 1}[m.group(2)]


def body_bottoms(layout_yaml):
    import yaml  # here, so that the rest reads without PyYAML (tests/bench)
    with open(layout_yaml, encoding='utf-8') as f:
        L = yaml.safe_load(f)
    first = length_pt(L['first-page']['body']['bottom'])
    rest = L.get('following-pages', L['first-page'])['body']['bottom']
    return first, length_pt(rest)


def join_runs(parts):
    """The runs of one line left to right: runs of one paragraph line
    (spans of emphasis, links) follow each other as they are; runs far
    apart (columns of a letterhead) are separated by a space."""
    out, prev_end = '', None
    for x, text, end, size in sorted(parts):
        if prev_end is not None and x - prev_end > 0.5 * size:
            out = out.rstrip() + ' '
        out += text
        prev_end = end
    return out.strip()


def page_lines(dump):
    """The text a reader sees on each page of the dump: [(height_pt,
    [(baseline_y, text, size)])], lines top to bottom (runs on one
    baseline, within a point, are one line, left to right)."""
    pages = []  # [(height, [(y, x, size, text, end)])]
    with open(dump, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('page '):
                w, h = line.split()[2].split('x')
                pages.append((float(h), []))
                continue
            m = TEXT_RE.match(line)
            if not m or not pages or (m.group(3) or '').startswith(' read-only'):
                continue
            g = GLYPH_RE.findall(m.group(4))
            if not g:
                continue
            x, y = float(g[0][0]), float(g[0][1])
            size = float(m.group(1))
            # Where the run ends: its last glyph's pen position and about
            # an em more.
            end = float(g[-1][0]) + 0.6 * size
            pages[-1][1].append((y, x, size, unescape(m.group(2)), end))
    out = []
    for h, runs in pages:
        runs.sort()
        lines = []
        for y, x, size, text, end in runs:
            if lines and abs(lines[-1][0] - y) < 1.0:
                lines[-1][1].append((x, text, end, size))
                lines[-1][2] = max(lines[-1][2], size)
            else:
                lines.append([y, [(x, text, end, size)], size])
        out.append((h, [(y, join_runs(parts), size) for y, parts, size in lines]))
    return out


def cmd_ref(dump, layout_yaml, outdir):
    first_bottom, rest_bottom = body_bottoms(layout_yaml)
    for p, (h, lines) in enumerate(page_lines(dump), 1):
        top = h - (first_bottom if p == 1 else rest_bottom)
        # A line whose letters start below the frame (cap height ~0.7 em).
        footer = [text for y, text, size in lines if y - 0.7 * size >= top]
        with open(f'{outdir}/ref-{p}.txt', 'w', encoding='utf-8') as f:
            f.write('\n'.join(text for _, text, _ in lines) + '\n')
        with open(f'{outdir}/ref-{p}-footer.txt', 'w', encoding='utf-8') as f:
            f.write('\n'.join(footer) + ('\n' if footer else ''))
        print(p, f'{h:.2f}', f'{top:.2f}')


# ---- Normalisation and distance ---------------------------------------

HOMOGLYPHS = str.maketrans('АВЕКМНОРСТХЅІЈаеорсуххѕіј', 'ABEKMHOPCTXSIJaeopcyxxsij')
QUOTES = str.maketrans({'•': '*', '◦': '*', '‣': '*', '–': '-', '—': '-', '„': '"', '“': '"', '”': '"', '«': '"', '»': '"', '‚': "'", '‘': "'",
                        '’': "'", '`': "'", '´': "'"})


def normalise(text):
    t = unicodedata.normalize('NFC', text)
    t = re.sub(r'-[ \t]*\n\s*', '', t)          # line-end hyphens join the word
    t = t.translate(QUOTES).translate(HOMOGLYPHS)
    t = re.sub(r'\s+', ' ', t).strip()
    # "С А О П Ш Т Е Њ Е" (a letter-spaced title read letter by letter)
    t = re.sub(r'(?<!\S)(?:\w )(?:\w ){1,}\w(?!\S)', lambda m: m.group(0).replace(' ', ''), t)
    return t


def levenshtein(a, b):
    """Ukkonen's banded edit distance: O(k * n) for a distance k."""
    n, m = len(a), len(b)
    if n < m:
        a, b, n, m = b, a, m, n
    k = max(16, n - m)
    while True:
        d = banded(a, b, k)
        if d <= k:
            return d
        k *= 2


def banded(a, b, k):
    n, m = len(a), len(b)
    INF = k + 1
    prev = [j if j <= k else INF for j in range(m + 1)]
    for i in range(1, n + 1):
        lo, hi = max(1, i - k), min(m, i + k)
        cur = [INF] * (m + 1)
        if i <= k:
            cur[0] = i
        ai = a[i - 1]
        for j in range(lo, hi + 1):
            c = prev[j - 1] + (ai != b[j - 1])
            if prev[j] + 1 < c:
                c = prev[j] + 1
            if cur[j - 1] + 1 < c:
                c = cur[j - 1] + 1
            cur[j] = c if c < INF else INF
        prev = cur
    return prev[m]


def cmd_cer(ref, hyp):
    with open(ref, encoding='utf-8') as f:
        r = normalise(f.read())
    with open(hyp, encoding='utf-8', errors='replace') as f:
        h = normalise(f.read())
    print(levenshtein(r, h), len(r))


# ---- The table ---------------------------------------------------------

def cmd_table(results):
    rows, cols = [], []
    cell = {}
    with open(results, encoding='utf-8') as f:
        for line in f:
            ex, rend, part, e, n = line.split()
            if ex not in rows:
                rows.append(ex)
            if rend not in cols:
                cols.append(rend)
            for key in ((ex, rend, part), ('all', rend, part)):
                ee, nn = cell.get(key, (0, 0))
                cell[key] = (ee + int(e), nn + int(n))
    rows.append('all')

    def pct(key):
        if key not in cell or cell[key][1] == 0:
            return '–'
        e, n = cell[key]
        return f'{100 * e / n:.2f}'

    print('| release | ' + ' | '.join(f'{c} page' for c in cols) + ' | '
          + ' | '.join(f'{c} footer' for c in cols) + ' |')
    print('| --- ' * (1 + 2 * len(cols)) + '|')
    for r in rows:
        name = '**all**' if r == 'all' else r
        print(f'| {name} | ' + ' | '.join(pct((r, c, 'page')) for c in cols) + ' | '
              + ' | '.join(pct((r, c, 'footer')) for c in cols) + ' |')
    n = {part: cell.get(('all', cols[0], part), (0, 0))[1] for part in ('page', 'footer')}
    print(f'\nReference: {n["page"]} characters of page text, {n["footer"]} of footer text.')


if __name__ == '__main__':
    a = sys.argv[1:]
    if a[:1] == ['ref'] and len(a) == 4:
        cmd_ref(*a[1:])
    elif a[:1] == ['cer'] and len(a) == 3:
        cmd_cer(*a[1:])
    elif a[:1] == ['table'] and len(a) == 2:
        cmd_table(a[1])
    else:
        sys.exit(__doc__)
