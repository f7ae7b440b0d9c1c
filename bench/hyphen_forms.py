#!/usr/bin/env python3
"""Which way of drawing a word hyphenated at a line end makes each reader
return it whole: a measurement (docs/standards.md, "The break hyphen in
each reader"), not a test.

Writes a minimal tagged PDF (Helvetica, one paragraph element, a marked
content sequence a line) in several forms of "The quick brown fox jum-" /
"ped over the lazy dog.", runs every reader installed on each, and prints
a table: whether "jumped" comes out whole, whether a stray "ped" or
"jum-" is left, and whether the rest of the line was lost.

  artifact   the hyphen as an artifact (what letterpress wrote before)
  outlines   line 1: "jum" as text, then "ped" as invisible text (3 Tr)
             squeezed with Tz over the hyphen's width, the hyphen as a
             filled path; line 2: "ped" as filled paths (its outlines; a
             box a letter here, which is all a reader sees of a path)
  nomap      as outlines, but the hyphen and line 2's "ped" drawn as text
             in a second font resource whose ToUnicode maps every code
             to nothing (an empty bfchar destination)
  echo       as nomap, but the second font's ToUnicode maps those codes to
             spaces (what letterpress writes: src/pipeline/compose_hyphen.c,
             the font's echo in src/pdf/pdf_font.c)

Then, given letterpress, what the outlines form would cost the seed
release: its words hyphenated at a line end (from the golden line dump),
their second halves set as one paragraph in the seed's layout, rendered
(--pdfa 2b) once as text and once tracked 0.1 em, which letterpress draws
as outlines over invisible text (src/pdf/pdf_tracked.c): the difference
is what drawing those glyphs as outlines costs.

  bench/hyphen_forms.py [LETTERPRESS]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

W = {c: w for c, w in zip(" -.Tabcdefghijklmnopqrstuvwxyz",
                          [278, 333, 278, 611, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
                           222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500])}
SIZE = 12


def width(s):
    return sum(W[c] for c in s) * SIZE / 1000


def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def boxes(x, y, s):
    """Filled boxes standing for the glyph outlines of s at (x, y)."""
    out = ""
    for c in s:
        w = W[c] * SIZE / 1000
        out += "%.2f %.2f %.2f %.2f re " % (x + 0.5, y, w - 1, 6)
        x += w
    return out + "f\n"


def content(form):
    x0, y1, y2 = 72, 700, 685
    first, half, rest1 = "The quick brown fox ", "jum", ""
    second, rest2 = "ped", " over the lazy dog."
    c = "/P <</MCID 0>> BDC\nBT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (SIZE, x0, y1, esc(first + half))
    hx = x0 + width(first + half)
    hw = width("-")
    if form == "artifact":
        c += "EMC\n/Artifact <</Type /Layout>> BDC\nBT /F1 %d Tf %.2f %d Td (-) Tj ET\nEMC\n" % (SIZE, hx, y1)
        c += "/P <</MCID 1>> BDC\nBT /F1 %d Tf %d %d Td (%s) Tj ET\nEMC\n" % (SIZE, x0, y2, esc(second + rest2))
        return c
    tz = 100 * hw / width(second)
    c += "BT /F1 %d Tf 3 Tr %.2f Tz %.2f %d Td (%s) Tj 0 Tr 100 Tz ET\n" % (SIZE, tz, hx, y1, second)
    c += "EMC\n"
    if form == "outlines":
        c += "/Artifact <</Type /Layout>> BDC\n" + boxes(hx, y1 + 3, "-") + "EMC\n"
        c += "/P <</MCID 1>> BDC\n" + boxes(x0, y2, second)
    else:
        font = "F2" if form == "nomap" else "F3"
        c += "/Artifact <</Type /Layout>> BDC\nBT /%s %d Tf %.2f %d Td (-) Tj ET\nEMC\n" % (font, SIZE, hx, y1)
        c += "/P <</MCID 1>> BDC\nBT /%s %d Tf %d %d Td (%s) Tj ET\n" % (font, SIZE, x0, y2, second)
    c += "BT /F1 %d Tf %.2f %d Td (%s) Tj ET\nEMC\n" % (SIZE, x0 + width(second), y2, esc(rest2))
    return c


def pdf(form):
    stream = content(form).encode()
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Empty def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfchar <2D> <> <64> <> <65> <> "
            b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    spaces = cmap.replace(b"<2D> <> <64> <> <65> <> ", b"<2D> <0020> <64> <0020> <65> <0020> ")
    spaces = spaces.replace(b"3 beginbfchar", b"4 beginbfchar").replace(b"endbfchar", b"<70> <0020> endbfchar")
    objs = [
        b"<</Type/Catalog/Pages 2 0 R/MarkInfo<</Marked true>>/StructTreeRoot 6 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/StructParents 0"
        b"/Resources<</Font<</F1 5 0 R/F2 9 0 R/F3 11 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        b"<</Type/StructTreeRoot/K 7 0 R/ParentTree 8 0 R>>",
        b"<</S/P/P 6 0 R/Pg 3 0 R/K[0 1]>>",
        b"<</Nums[0[7 0 R 7 0 R]]>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding/ToUnicode 10 0 R>>",
        b"<</Length %d>>stream\n" % len(cmap) + cmap + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding/ToUnicode 12 0 R>>",
        b"<</Length %d>>stream\n" % len(spaces) + spaces + b"\nendstream",
    ]
    out = b"%PDF-1.7\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % o for o in offs)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout.decode("utf-8", "replace")


def outline_cost(lp, root, tmp):
    seed = os.path.join(root, "examples", "predsednik-2024-02-20.md")
    src = open(seed, encoding="utf-8").read()
    # hyphens.py's reading of the line dump, without running its main().
    code = open(os.path.join(root, "tests", "pdfa", "hyphens.py"), encoding="utf-8").read()
    ns = {}
    exec(code.split("def run(cmd)")[0], ns)
    words = ns["hyphenations"](os.path.join(root, "tests", "golden", "predsednik-2024-02-20.lines"), src)
    halves = [b for _, b in words]
    front = src.split("---")[1]
    sizes = {}
    for name, tracking in (("text", None), ("outlines", "0.1em")):
        lay = os.path.join(tmp, name)
        shutil.copytree(os.path.join(root, "layouts", "predsednik"), lay)
        y = open(os.path.join(lay, "layout.yaml"), encoding="utf-8").read()
        body = "    hyphenate: true\n"
        assert y.count(body) == 1
        y = y.replace(body, "    hyphenate: false\n" + ("    tracking: %s\n" % tracking if tracking else ""))
        y = y.replace("    based-on: body\n", "    based-on: body\n    tracking: 0em\n")
        open(os.path.join(lay, "layout.yaml"), "w", encoding="utf-8").write(y)
        md = os.path.join(tmp, name + ".md")
        f = front.replace("layout: predsednik", "layout: %s/layout.yaml" % name)
        open(md, "w", encoding="utf-8").write("---" + f + "---\n\n" + " ".join(halves) + "\n")
        subprocess.run([lp, "render", "-q", md, "-o", md[:-3] + ".pdf", "--pdfa", "2b"], check=True)
        sizes[name] = os.path.getsize(md[:-3] + ".pdf")
    glyphs = sum(len(h) for h in halves)
    extra = sizes["outlines"] - sizes["text"]
    print("\nthe seed's %d hyphenated words: %d glyphs in their second halves, %d different"
          % (len(halves), glyphs, len(set("".join(halves)))))
    print("their second halves as text: %d bytes; as outlines: %d bytes: +%d (%d a word, %d a glyph)"
          % (sizes["text"], sizes["outlines"], extra, extra // len(halves), extra // glyphs))


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    js = os.path.join(root, "tests", "js")
    readers = {
        "pdftotext": lambda p: run(["pdftotext", p, "-"]),
        "pdftotext -raw": lambda p: run(["pdftotext", "-raw", p, "-"]),
        "pdfinfo -struct-text": lambda p: run(["pdfinfo", "-struct-text", p]),
        "mutool txt": lambda p: run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", p]),
        "gs txtwrite": lambda p: run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite",
                                      "-sOutputFile=-", p]),
        "pdf.js text": lambda p: run(["node", os.path.join(js, "pdf-text.mjs"), p]),
        "pdf.js struct": lambda p: run(["node", os.path.join(js, "pdf-struct.mjs"), p]),
    }
    if os.path.exists(os.path.join(js, "pdfium-text.mjs")):
        readers["PDFium"] = lambda p: run(["node", os.path.join(js, "pdfium-text.mjs"), p])
    forms = ["artifact", "outlines", "nomap", "echo"]
    with tempfile.TemporaryDirectory() as tmp:
        print("| reader | " + " | ".join(forms) + " |")
        print("| --- |" + " --- |" * len(forms))
        for name, read in readers.items():
            cells = []
            for form in forms:
                path = os.path.join(tmp, form + ".pdf")
                open(path, "wb").write(pdf(form))
                t = read(path)
                marked = "\ufffe" in t  # PDFium's mark of a line-end hyphen it joined
                t = t.replace("\ufffe", "")
                whole = bool(re.search(r"\bjumped\b", t))
                stray = [w for w, r in (("jum-", r"jum-"), ("ped", r"(^|\s)ped\b"), ("\ufffd", "\ufffd"))
                         if re.search(r, t, re.M)]
                cells.append(("whole" if whole else "split") + (" (hyphen as U+FFFE)" if marked else "") + (", stray " + "/".join(
                    repr(s)[1:-1] for s in stray) if stray else "") + ("" if "lazy dog" in t else ", rest lost"))
                if os.environ.get("SHOW"):
                    print(name, form, repr(t[:200]), file=sys.stderr)
            print("| %s | %s |" % (name, " | ".join(cells)))
        if len(sys.argv) > 1:
            outline_cost(sys.argv[1], root, tmp)
    return 0


sys.exit(main())
