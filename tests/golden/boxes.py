#!/usr/bin/env python3
"""No two blocks of a page overlap: every text line's box (its glyphs'
extent, from an ascent of 0.8 em above the baseline to a descent of 0.25 em
below it, wide enough for Noto's capitals and descenders) against every
other line's and against each picture's (the paths drawn before the first
text of a page: the emblem), read from the golden display-list traces.

Usage: boxes.py TRACE_OR_FOLDER...   Prints each overlap; exit 1 if there is one."""
import glob
import os
import re
import sys

GLYPH = re.compile(r"(\d+)@(-?[\d.]+),(-?[\d.]+)/")
POINT = re.compile(r"[MLCZ ](-?[\d.]+),(-?[\d.]+)")


def boxes(path):
    pages, page = [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("page "):
            page = {"text": [], "pictures": []}
            pages.append(page)
        elif page is None:
            continue
        elif line.startswith("text "):
            size = float(re.search(r" size=([\d.]+)", line).group(1))
            text = re.search(r' text="((?:[^"\\]|\\.)*)"', line).group(1)
            gl = [(float(x), float(y)) for _, x, y in GLYPH.findall(line.split(" [", 1)[1])]
            if not gl or not text.strip():
                continue
            y = gl[0][1]
            # The last glyph's own width is not in the trace: half an em.
            page["text"].append(
                (gl[0][0], y - 0.8 * size, gl[-1][0] + 0.5 * size, y + 0.25 * size, text))
        elif line.startswith("path ") and not page["text"] and "fill=" in line:
            pts = [(float(x), float(y)) for x, y in POINT.findall(line.split(" rule=", 1)[-1])]
            if pts:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                page["pictures"].append((min(xs), min(ys), max(xs), max(ys), "picture"))
    return pages


def union(bs):
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs),
            max(b[3] for b in bs), "emblem")


def meets(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


bad = 0
traces = []
for arg in sys.argv[1:]:
    traces += sorted(glob.glob(os.path.join(arg, "*.trace"))) if os.path.isdir(arg) else [arg]
for path in traces:
    for n, page in enumerate(boxes(path), 1):
        items = page["text"] + ([union(page["pictures"])] if page["pictures"] else [])
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                # Runs of one line (a bold word in a paragraph) share a baseline.
                if a[3] == b[3] and a[4] != "emblem" and b[4] != "emblem":
                    continue
                if meets(a, b):
                    print(f"{path}: page {n}: {a[4]!r} overlaps {b[4]!r}")
                    bad = 1
print(f"{len(traces)} traces: " + ("overlaps found" if bad else "no blocks overlap"))
sys.exit(bad)
