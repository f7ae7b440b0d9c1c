#!/usr/bin/env python3
"""Generates the batch benchmark's releases and their equivalents.

    bench/batch_gen.py OUT_DIR [COUNT] [SEED]

Writes COUNT one-page releases OUT_DIR/src/NNNN/rNNNNNN.md made from the
one-page examples (each example in turn), with varied text: the blocks of
the body in a shuffled order, a few neighbouring words swapped in each
paragraph, and another date. The same documents go to OUT_DIR/typst.json
(Typst markup, for bench/typst/compile.mjs) and OUT_DIR/html/rNNNNNN.html
(for WeasyPrint): the same letterhead lines, title, body, place and date,
Noto Serif 11 pt, justified and hyphenated in the release's language.
Deterministic: the same SEED gives the same bytes.
"""
import html
import json
import os
import random
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# One-page examples; long-izvestaj is several pages and seed-saopstenje is
# the predsednik release again.
EXAMPLES = ["predsednik-2024-02-20", "latinica-2024-03-14", "ru-2024-04-09",
            "uk-2024-05-16", "bg-2024-06-11", "mk-2024-07-02", "en-2024-09-24"]


def split_release(text):
    """Front matter lines and body blocks (blank-line separated)."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    front = text[4:end].split("\n")
    body = text[end + 5:].strip("\n")
    return front, [b for b in re.split(r"\n\s*\n", body) if b.strip()]


def field(front, key):
    for line in front:
        if line.startswith(key + ":"):
            return line.split(":", 1)[1].strip().strip('"')
    return ""


def organ_lines(front):
    out, on = [], False
    for line in front:
        if line.startswith("organ:"):
            on = True
        elif on and line.startswith("  - "):
            out.append(line[4:].strip())
        elif on:
            break
    return out


def vary(block, rnd):
    """Swaps a few neighbouring plain words of a paragraph (not of a list)."""
    if block.lstrip().startswith("- "):
        return block
    words = block.split()
    plain = [i for i in range(len(words) - 1)
             if re.fullmatch(r"[^\W\d_]+", words[i]) and re.fullmatch(r"[^\W\d_]+", words[i + 1])]
    for i in rnd.sample(plain, min(len(plain), 3)):
        words[i], words[i + 1] = words[i + 1], words[i]
    return "\n".join(" ".join(words[k:k + 12]) for k in range(0, len(words), 12))


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)]+\))")


def typst_text(s):
    return re.sub(r'([\\#$*_@<>`\[\]~=\-+/"\'])', r"\\\1", s)


def typst_inline(s):
    out = []
    for part in INLINE.split(s):
        if part.startswith("**"):
            out.append("#strong[" + typst_text(part[2:-2]) + "]")
        elif part.startswith("*"):
            out.append("#emph[" + typst_text(part[1:-1]) + "]")
        elif part.startswith("["):
            label, url = re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", part).groups()
            out.append('#link("' + url + '")[' + typst_text(label) + "]")
        else:
            out.append(typst_text(part))
    return "".join(out)


def html_inline(s):
    out = []
    for part in INLINE.split(s):
        if part.startswith("**"):
            out.append("<strong>" + html.escape(part[2:-2]) + "</strong>")
        elif part.startswith("*"):
            out.append("<em>" + html.escape(part[1:-1]) + "</em>")
        elif part.startswith("["):
            label, url = re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", part).groups()
            out.append('<a href="' + html.escape(url) + '">' + html.escape(label) + "</a>")
        else:
            out.append(html.escape(part))
    return "".join(out)


def block_items(block):
    """A list block's items, or None for a paragraph."""
    lines = block.split("\n")
    if not lines[0].lstrip().startswith("- "):
        return None
    items = []
    for line in lines:
        if line.lstrip().startswith("- "):
            items.append(line.lstrip()[2:])
        else:
            items[-1] += " " + line.strip()
    return items


def to_typst(lang, organ, title, place, date, blocks, emblem):
    head = [
        '#set page(paper: "a4", margin: (top: 20mm, bottom: 25mm, x: 25mm))',
        '#set text(font: "Noto Serif", size: 11pt, lang: "%s", hyphenate: true)' % lang.split("-")[0],
        "#set par(justify: true, leading: 3pt, spacing: 6pt, first-line-indent: 0pt)",
        "#align(center)[",
    ]
    if emblem:
        head.append('  #image("/layouts/predsednik/emblem.svg", height: 22mm)')
    head.append("  #strong[" + " \\\n".join(typst_text(o) for o in organ) + "]")
    head.append("]")
    head.append("#v(12pt)")
    head.append("#align(center)[#strong[#text(tracking: 0.3em)[" + typst_text(title.upper()) + "]]]")
    head.append("#v(12pt)")
    for b in blocks:
        items = block_items(b)
        if items:
            head.extend("- " + typst_inline(it) for it in items)
        else:
            head.append(typst_inline(" ".join(b.split())))
        head.append("")
    head.append(typst_text(place) + ", " + typst_text(date))
    return "\n".join(head) + "\n"


CSS = """@page { size: A4; margin: 20mm 25mm 25mm 25mm; }
body { font-family: "Noto Serif"; font-size: 11pt; line-height: 14pt; }
.head { text-align: center; font-weight: bold; }
.head img { height: 22mm; }
.title { text-align: center; font-weight: bold; letter-spacing: 0.3em; margin: 12pt 0; }
p.body, li { text-align: justify; hyphens: auto; text-indent: 0; margin: 0 0 6pt 0; }"""


def to_html(lang, organ, title, place, date, blocks, emblem):
    out = ['<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">' % lang,
           "<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>" % (html.escape(title), CSS),
           '<div class="head">']
    if emblem:
        out.append('<img src="../../../layouts/predsednik/emblem.svg" alt=""><br>')
    out.append("<br>".join(html.escape(o) for o in organ) + "</div>")
    out.append('<div class="title">%s</div>' % html.escape(title.upper()))
    for b in blocks:
        items = block_items(b)
        if items:
            out.append("<ul>" + "".join("<li>" + html_inline(it) + "</li>" for it in items) + "</ul>")
        else:
            out.append('<p class="body">' + html_inline(" ".join(b.split())) + "</p>")
    out.append("<p>%s, %s</p>\n</body>\n</html>\n" % (html.escape(place), html.escape(date)))
    return "\n".join(out)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
    examples = []
    for name in EXAMPLES:
        with open(os.path.join(TOP, "examples", name + ".md"), encoding="utf-8") as f:
            examples.append(split_release(f.read()))
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    typst = []
    for i in range(count):
        front, blocks = examples[i % len(examples)]
        blocks = [vary(b, rnd) for b in blocks]
        rnd.shuffle(blocks)
        date = "2024-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28))
        front = [("date: " + date) if l.startswith("date:") else l for l in front]
        d = os.path.join(out, "src", "%04d" % (i // 100))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "r%06d.md" % i), "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(blocks) + "\n")
        args = (field(front, "lang"), organ_lines(front), field(front, "title"),
                field(front, "place"), date, blocks, field(front, "layout") == "predsednik")
        typst.append(to_typst(*args))
        with open(os.path.join(out, "html", "r%06d.html" % i), "w", encoding="utf-8") as f:
            f.write(to_html(*args))
    with open(os.path.join(out, "typst.json"), "w", encoding="utf-8") as f:
        json.dump(typst, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
