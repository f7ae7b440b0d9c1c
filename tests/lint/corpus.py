#!/usr/bin/env python3
"""The mixed-script lint measured on a corpus of releases in Serbian
(Cyrillic and Latin), Russian, Ukrainian, Bulgarian and Macedonian
(tests/data/lint): `letterpress check --diagnostics=json` over all of them
must report every look-alike planted in them (manifest.tsv: file, line,
column, word) at its exact line and column, and no other warning at all,
but for "no hyphenation dictionary for language ..." (the hyphenator's
business, not the lint's: a build without Macedonian patterns says it).
Prints the counts docs/benchmarks.md quotes.
  tests/lint/corpus.py LETTERPRESS CORPUS_DIR"""
import json
import os
import re
import subprocess
import sys

lp, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
files = sorted(f for f in os.listdir(corpus) if f.endswith('.md'))
planted = {}
with open(os.path.join(corpus, 'manifest.tsv'), encoding='utf-8') as m:
    for line in m:
        if line.startswith('#') or not line.strip():
            continue
        f, ln, col, word = line.rstrip('\n').split('\t')
        planted[(f, int(ln), int(col))] = word

run = subprocess.run([lp, 'check', '--diagnostics=json', '--color=never'] + files, cwd=corpus,
                     capture_output=True, text=True, env=dict(os.environ, NO_COLOR='1'))
if run.returncode != 0:
    sys.exit('letterpress check exited %d: %s' % (run.returncode, run.stderr[:2000]))

LINT = re.compile(r"^(?:'[a-z]+': )?(?:Cyrillic )?word '([^']*)' (?:mixes Cyrillic and Latin|looks like the Latin)")
found, false_pos, other = {}, [], []
for line in run.stderr.splitlines():
    d = json.loads(line)
    m = LINT.match(d['message'])
    if not m:
        if not d['message'].startswith('no hyphenation dictionary for language '):
            other.append(line)
        continue
    key = (d['file'], d['line'], d['col'])
    if planted.get(key) == m.group(1) and key not in found:
        found[key] = m.group(1)
    else:
        false_pos.append('%s:%s:%s %s' % (key + (d['message'],)))

words = 0
for f in files:
    with open(os.path.join(corpus, f), encoding='utf-8') as src:
        words += len(re.findall(r'[^\W\d_]+', src.read()))
missed = ['%s:%d:%d %s' % (k + (w,)) for k, w in sorted(planted.items()) if k not in found]
print('releases %d, words %d, planted %d, found %d, false positives %d' %
      (len(files), words, len(planted), len(found), len(false_pos)))
for x in false_pos:
    print('FALSE POSITIVE: ' + x)
for x in missed:
    print('MISSED: ' + x)
for x in other:
    print('OTHER WARNING: ' + x)
ok = len(files) >= 50 and not false_pos and not missed and not other
sys.exit(0 if ok else 1)
