#!/usr/bin/env python3
"""letterpress's hyphenation next to libhyphen on substrings.pl's output.

For every shipped language: the dictionary put through libhyphen's own
substrings.pl into a temporary folder, then a few thousand words (those of
the examples in the language, and words made of the patterns' own letter
strings, which reach every pattern) hyphenated by both (hyphen_compare).

    compare.py HYPHEN_COMPARE SOURCE_ROOT DICT_DIR [--report]

--report prints each language's figures against the dictionary as shipped
too (how many of the reference's points it finds unexpanded) and never
fails: the figures docs/benchmarks.md quotes.
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

SUBSTRINGS = '/usr/share/libhyphen/substrings.pl'
# language tag, dictionary, example files
LANGS = [
    ('sr', 'hyph_sr_RS.dic', ['predsednik-2024-02-20.md', 'seed-saopstenje-2024-02-20.md',
                              'long-izvestaj.md']),
    ('sr-Latn', 'hyph_sr-Latn_RS.dic', ['latinica-2024-03-14.md']),
    ('ru', 'hyph_ru_RU.dic', ['ru-2024-04-09.md']),
    ('uk', 'hyph_uk_UA.dic', ['uk-2024-05-16.md']),
    ('bg', 'hyph_bg_BG.dic', ['bg-2024-06-11.md']),
    ('en', 'hyph_en_US.dic', ['en-2024-09-24.md']),
]
WORDS = 3000


def charset(path):
    with open(path, 'rb') as f:
        name = f.readline().strip().decode('ascii')
    return {'ISO8859-5': 'iso8859_5', 'ISO8859-2': 'iso8859_2', 'KOI8-R': 'koi8_r'}.get(
        name, 'utf-8')


def words_for(root, dic, examples):
    enc = charset(dic)
    with open(dic, 'rb') as f:
        lines = f.read().decode(enc).split('\n')[1:]
    pieces = []
    for line in lines:
        if not line or line[0] == '%' or line.split()[0].isupper():
            continue
        letters = ''.join(c for c in line.split()[0] if not c.isdigit())
        letters = letters.strip('.')
        if letters and all(c.isalpha() for c in letters):
            pieces.append(letters)
    alphabet = set(''.join(pieces))
    words = []
    for name in examples:
        with open(os.path.join(root, 'examples', name), encoding='utf-8') as f:
            for w in re.findall(r'\w+', f.read()):
                w = w.lower()
                if len(w) > 1 and set(w) <= alphabet:
                    words.append(w)
    words = sorted(set(words))
    rng = random.Random(15)
    while len(words) < WORDS + 1000:
        w = ''.join(rng.choice(pieces) for _ in range(rng.randint(2, 4)))
        if 4 <= len(w) <= 40:
            words.append(w)
    return words


def main():
    exe, root, dict_dir = sys.argv[1:4]
    report = '--report' in sys.argv[4:]
    if not os.path.exists(SUBSTRINGS) or shutil.which('perl') is None:
        print('substrings.pl (libhyphen-dev) or perl missing')
        return 77
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for lang, name, examples in LANGS:
            dic = os.path.join(dict_dir, name)
            ref = os.path.join(tmp, name)
            subprocess.run(['perl', SUBSTRINGS, dic, ref], check=True,
                           stdout=subprocess.DEVNULL)
            wordfile = os.path.join(tmp, lang + '.words')
            with open(wordfile, 'w', encoding='utf-8') as f:
                f.write('\n'.join(words_for(root, dic, examples)) + '\n')
            if report:
                print('libhyphen on the shipped file:', end=' ', flush=True)
                subprocess.run([exe, lang, dict_dir, ref, wordfile, '--shipped', dic])
                print('letterpress:', end=' ', flush=True)
            r = subprocess.run([exe, lang, dict_dir, ref, wordfile] + (['--report'] if report else []))
            failed |= r.returncode != 0
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
