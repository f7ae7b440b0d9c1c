#!/usr/bin/env python3
"""A code block keeps its spaces, in every shipped layout.

A release with a code block of columns, an indented line and tabs is
rendered with each layout in layouts/. Then:
- the code block is set in a monospaced face (pdffonts);
- MuPDF's text (`mutool draw -F txt`) gives each of its lines exactly,
  spaces and indentation included, tabs as spaces to the next multiple of
  4 columns;
- the characters of one column stand at one x on every line
  (`mutool draw -F stext`): the columns line up;
- pdftotext -layout gives each line's words in order (it spaces them by
  its own grid, so runs of spaces are folded before comparing);
- a code span in a body paragraph is set in the code style's face and
  size, and one in a (bold) heading in its bold.

    code_blocks.py LETTERPRESS SOURCE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from extract_util import finish, shipped_layouts

CODE = "Ред   Износ    Напомена\n1     100      први\n  2   2000     увучено\nа\tб\tв"
# As set: the tabs to the next multiple of 4 columns.
LINES = ["Ред   Износ    Напомена", "1     100      први", "  2   2000     увучено",
         "а   б   в"]
SPAN = "saopstenje-2024.pdf"
HEAD_SPAN = "lp-render"
LANG = {"latinica": "sr-Latn"}


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          check=True).stdout.decode("utf-8")


def char_lines(pdf):
    """Each text line of MuPDF's structured text as [(char, x)]."""
    root = ET.fromstring(run(["mutool", "draw", "-F", "stext", "-o", "-", pdf]))
    return [[(c.get("c"), float(c.get("x"))) for c in line.iter("char")]
            for line in root.iter("line")]


def check_columns(pdf, name, fails):
    """The code lines' characters at one column index share one x."""
    found = {}
    for chars in char_lines(pdf):
        text = "".join(c for c, _ in chars).rstrip()
        for want in LINES:
            # With its indentation, or without (the line's first
            # character is then at its column in the code).
            if text == want:
                found[want] = (0, chars)
            elif text == want.lstrip():
                found[want] = (len(want) - len(text), chars)
    if len(found) != len(LINES):
        fails.append("%s: MuPDF's structured text lacks code lines %s" %
                     (name, [w for w in LINES if w not in found]))
        return
    xs = {}
    for want, (lead, chars) in found.items():
        for i, (c, x) in enumerate(chars):
            if c != " ":
                xs.setdefault(lead + i, []).append((x, want))
    cell = None
    for col, pts in sorted(xs.items()):
        if max(x for x, _ in pts) - min(x for x, _ in pts) > 0.05:
            fails.append("%s: column %d is not lined up: %s" % (name, col, pts))
        if col > 0 and cell is None and 0 in xs:
            cell = (pts[0][0] - xs[0][0][0]) / col
    if cell is None or not 4.0 < cell < 7.0:
        fails.append("%s: a column is %s pt wide, not a monospaced 9pt's" % (name, cell))


def check_span(pdf, name, fails):
    """The code span is in Noto Sans Mono at 9pt, the code style's size
    in every shipped layout (its paragraph is the body's); the heading's
    in Noto Sans Mono Bold."""
    root = ET.fromstring(run(["mutool", "draw", "-F", "stext", "-o", "-", pdf]))
    want = {SPAN: "NotoSansMono-Regular", HEAD_SPAN: "NotoSansMono-Bold"}
    for font in root.iter("font"):
        text = "".join(c.get("c") for c in font.iter("char"))
        for span, face in list(want.items()):
            if span not in text:
                continue
            if face not in font.get("name") or (
                    span == SPAN and abs(float(font.get("size")) - 9) > 0.01):
                fails.append("%s: the code span %r is in %s at %s pt" %
                             (name, span, font.get("name"), font.get("size")))
            del want[span]
    for span in want:
        fails.append("%s: the code span %r is not one run of text" % (name, span))


def main():
    lp, root = sys.argv[1], sys.argv[2]
    for tool in ("mutool", "pdftotext", "pdffonts"):
        if not shutil.which(tool):
            print("skipped: %s missing" % tool)
            return 77
    fails = []
    layouts = shipped_layouts(root)
    with tempfile.TemporaryDirectory() as tmp:
        for name in layouts:
            src = os.path.join(tmp, name + ".md")
            with open(src, "w", encoding="utf-8") as f:
                f.write("---\nlayout: %s\nlang: %s\ntitle: T\nplace: P\ndate: 2024-02-20\n"
                        "---\n\nПрви пасус.\n\n```\n%s\n```\n\nДатотека `%s` је ту.\n\n"
                        "## Команда `%s`\n\nКрај.\n" %
                        (name, LANG.get(name, "sr-Cyrl"), CODE, SPAN, HEAD_SPAN))
            pdf = os.path.join(tmp, name + ".pdf")
            run([lp, "render", "-q", src, "-o", pdf])
            if "NotoSansMono" not in run(["pdffonts", pdf]):
                fails.append("%s: the code block is not in Noto Sans Mono" % name)
            mu = [l.rstrip() for l in run(["mutool", "draw", "-F", "txt", "-o", "-", pdf])
                  .splitlines()]
            for want in LINES:
                if want not in mu:
                    fails.append("%s: MuPDF does not give the line %r" % (name, want))
            poppler = [" ".join(l.split()) for l in
                       run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"]).splitlines()]
            for want in LINES:
                if " ".join(want.split()) not in poppler:
                    fails.append("%s: pdftotext -layout does not give the words of %r" %
                                 (name, want))
            check_columns(pdf, name, fails)
            check_span(pdf, name, fails)
            print("%s: checked" % name)
    return finish(fails)


if __name__ == "__main__":
    sys.exit(main())
