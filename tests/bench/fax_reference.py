#!/usr/bin/env python3
"""The fax benchmark's reference text (bench/fax_cer.py) is what a reader
sees: a word the line breaker hyphenated is in it whole once its line-end
hyphen is joined, never with its second half missing (its seen-only run on
the next line left out) nor twice (its read-only run, which shows nothing,
let in). Until this test, the reference lost every second half and each
rendering read 2 % wrong.

  fax_reference.py LETTERPRESS SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

lp, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, 'bench'))
import fax_cer  # noqa: E402

WORD = re.compile(r'\w+')
failures = 0
checked = 0
for name in ('predsednik-2024-02-20', 'long-izvestaj', 'ru-2024-04-09'):
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, 'dump.txt')
        with open(dump, 'w', encoding='utf-8') as f:
            subprocess.run([lp, 'check', os.path.join(root, 'examples', name + '.md'),
                            '--dump=dlist'], stdout=f, stderr=subprocess.DEVNULL, check=True)
        # The words hyphenated at a line end: the last word of the text
        # before a seen-only "-" and the read-only run after it.
        whole = []
        prev_text = None
        with open(dump, encoding='utf-8') as f:
            lines = f.read().split('\n')
        for line in lines:
            m = fax_cer.TEXT_RE.match(line)
            if not m:
                continue
            text, use = fax_cer.unescape(m.group(2)), m.group(3) or ''
            if use.startswith(' read-only') and prev_text is not None:
                first = WORD.findall(prev_text)
                second = WORD.findall(text)
                if first and second:
                    whole.append(first[-1] + second[0])
            if not use:
                prev_text = text
        pages = fax_cer.page_lines(dump)
        ref = fax_cer.normalise('\n'.join(text for _, page in pages for _, text, _ in page))
        words = WORD.findall(ref)
        for w in whole:
            w = fax_cer.normalise(w)
            checked += 1
            if w not in words:
                print(f'{name}: "{w}" is not whole in the reference', file=sys.stderr)
                failures += 1
        if not whole:
            print(f'{name}: no hyphenated word found: the dump changed?', file=sys.stderr)
            failures += 1
print(f'fax_reference: {checked} hyphenated words whole, {failures} problems')
sys.exit(1 if failures else 0)
