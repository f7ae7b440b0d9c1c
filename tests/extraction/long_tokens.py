#!/usr/bin/env python3
"""Long tokens broken across lines still read and link whole.

A Serbian and an English release whose URL, e-mail address and account
numbers the line breaker splits (the first check: the lines dump shows
the splits). Then, in the rendered PDF:
- pdftotext gives every account number whole: it rejoins a line-end hyphen
  with the next line, which in Serbian starts with the repeated hyphen;
  in English it drops the number's own hyphen (a known gap, asserted so
  that a change shows);
- the URL and the e-mail address come out whole once the line breaks
  inside them are taken out (no hyphen is added to them);
- every line part of the URL and of the address is covered by a link
  annotation with the whole target (qpdf's JSON), one a part.

    long_tokens.py LETTERPRESS
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from extract_util import finish

URL = ("https://www.ministarstvo-kulture.example.gov.rs/konkursi/2024/"
       "otvoreni_konkurs_za_sufinansiranje-projekata?godina=2024&oblast=kultura")
MAIL = "konkursi.kultura-projekti@ministarstvo-kulture.example.gov.rs"
NUMBERS = ["200-2365600102881-39", "840-0000012345678-90"]
BODY = {
    "sr-Cyrl": ("Све информације о пројекту налазе се на страници [%s](%s) а питања се шаљу на "
                "адресу <%s> до краја месеца.\n\nУплате се врше на рачун број %s код Поштанске "
                "штедионице, са позивом на број предмета, најкасније до краја месеца, на рачун "
                "број %s у корист буџета Републике.\n"),
    "en": ("All information about the project is on the page [%s](%s) and questions go to "
           "<%s> by the end of the month.\n\nPayments are made to account number %s at the "
           "Postal Savings Bank, quoting the case number, by the end of the month, "
           "to account number %s in favour of the budget.\n"),
}


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")


def links(pdf):
    """(rect, uri) of every link annotation."""
    d = json.loads(run(["qpdf", "--json=2", pdf]))["qpdf"][1]
    out = []
    for v in d.values():
        val = v.get("value") if isinstance(v, dict) else None
        if isinstance(val, dict) and val.get("/Subtype") == "/Link":
            a = val.get("/A")
            if isinstance(a, str):
                a = d["obj:" + a]["value"]
            out.append(([float(x) for x in val["/Rect"]], a.get("/URI", "")[2:]))
    return out


def main():
    lp = sys.argv[1]
    if not shutil.which("pdftotext") or not shutil.which("qpdf"):
        print("skipped: pdftotext or qpdf missing")
        return 77
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang, body in BODY.items():
            src = os.path.join(tmp, lang + ".md")
            with open(src, "w", encoding="utf-8") as f:
                f.write("---\nlang: %s\ntitle: T\nplace: P\ndate: 2024-02-20\n---\n\n" % lang)
                f.write(body % (URL, URL, MAIL, NUMBERS[0], NUMBERS[1]))
            lines = run([lp, "check", "-q", "--dump=lines", src])
            text = [m.group(1) for m in re.finditer(r"\|(.*)\|$", lines, re.M)]
            split_url = not any(URL in t for t in text)
            split_mail = not any(MAIL in t for t in text)
            split_number = not any(NUMBERS[1] in t for t in text)
            if not (split_url and split_mail and split_number):
                fails.append("%s: the release no longer splits the URL, the address and the "
                             "second number; change its text" % lang)
                continue
            pdf = os.path.join(tmp, lang + ".pdf")
            run([lp, "render", "-q", src, "-o", pdf])
            plain = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
            for n in NUMBERS:
                whole = n in plain
                if lang == "en" and n == NUMBERS[1]:
                    # pdftotext drops a line-end hyphen before a line that
                    # does not repeat it: "8400000012345678-90".
                    if whole or n.replace("-", "", 1) not in plain:
                        fails.append("en: pdftotext's known gap changed for %s; update this "
                                     "test and docs/releases.md" % n)
                elif not whole:
                    fails.append("%s: pdftotext does not give %s whole" % (lang, n))
            joined = plain.replace("\n", "")
            for target in (URL, MAIL):
                if target not in joined:
                    fails.append("%s: %s is not whole in pdftotext's text" % (lang, target))
            ann = links(pdf)
            for target, uri, parts in ((URL, URL, 3), (MAIL, "mailto:" + MAIL, 2)):
                rects = [r for r, u in ann if u == uri]
                tops = sorted(set(round(r[3]) for r in rects))
                if len(rects) < 2 or len(tops) != len(rects):
                    fails.append("%s: %d link annotations for %s on %d lines" %
                                 (lang, len(rects), target, len(tops)))
            print("%s: %d link annotations, pdftotext: %s" %
                  (lang, len(ann), ", ".join(n for n in NUMBERS if n in plain)))
    return finish(fails)


if __name__ == "__main__":
    sys.exit(main())
