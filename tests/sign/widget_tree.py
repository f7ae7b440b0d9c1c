#!/usr/bin/env python3
"""Checks, through qpdf's reading of a signed (or field) PDF, that every
annotation, the signature widget among them, is in the structure tree as
ISO 14289-1 (PDF/UA-1) 7.18.1 and 7.18.4 ask (ISO 32000-1 14.7.4.4,
14.8.4.5):

- the widget (merged with its /Sig field) has a /StructParent; its key in
  the StructTreeRoot's /ParentTree maps to a /Form element whose /K holds
  an OBJR to the widget (on the widget's page);
- that Form element is reached from the StructTreeRoot through /K, and
  its /P is the element that holds it;
- every other annotation (the links) maps to an element holding an OBJR
  to it the same way; no key is used twice, and /ParentTreeNextKey is past
  them all;
- the field has a /TU (its alternate name) starting with PREFIX, when
  given; the widget's page has /Tabs /S and the widget in its /Annots;
- with --last, the Form is the document element's last kid (no signature
  block: an invisible signature, after all the content); otherwise some
  kid follows it or precedes it as the layout has it.

Usage: widget_tree.py FILE.pdf [--tu PREFIX] [--last]
Prints what is wrong and exits 1, or one line of what it found.
"""
import json
import subprocess
import sys


def fail(msg):
    print("FAIL: %s: %s" % (sys.argv[1], msg))
    sys.exit(1)


def main():
    path = sys.argv[1]
    args = sys.argv[2:]
    tu_prefix = args[args.index("--tu") + 1] if "--tu" in args else None
    last = "--last" in args
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", path],
                         capture_output=True, check=True).stdout
    objs = {k[4:]: v.get("value") for k, v in json.loads(out)["qpdf"][1].items()
            if k.startswith("obj:")}
    trailer = json.loads(out)["qpdf"][1]["trailer"]["value"]

    def get(ref):
        return objs.get(ref) if isinstance(ref, str) and ref.endswith(" R") else ref

    catalog = get(trailer["/Root"])
    root_ref = catalog.get("/StructTreeRoot")
    if not root_ref:
        fail("no /StructTreeRoot")
    root = get(root_ref)
    tree = get(root.get("/ParentTree"))
    if "/Kids" in tree:
        fail("a ParentTree with /Kids (letterpress writes a flat one)")
    nums = tree["/Nums"]
    keys = nums[0::2]
    if len(set(keys)) != len(keys):
        fail("a ParentTree key is used twice: %r" % keys)
    parent_of = dict(zip(keys, nums[1::2]))
    if root.get("/ParentTreeNextKey", 0) <= max(keys):
        fail("/ParentTreeNextKey %r is not past the keys %r" % (root.get("/ParentTreeNextKey"), keys))

    # Every element reached from the root through /K, with its holder.
    holder = {}
    todo = [(root_ref, None)]
    while todo:
        ref, up = todo.pop()
        if ref in holder:
            fail("element %s is reached twice" % ref)
        holder[ref] = up
        kids = get(ref).get("/K", [])
        for k in kids if isinstance(kids, list) else [kids]:
            if isinstance(k, str) and k.endswith(" R") and "/S" in get(k):
                todo.append((k, ref))

    widgets, checked = [], 0
    for page_ref in [r for r, o in objs.items() if isinstance(o, dict) and o.get("/Type") == "/Page"]:
        page = objs[page_ref]
        annots = get(page.get("/Annots", []))
        for a_ref in annots:
            a = get(a_ref)
            if "/StructParent" not in a:
                fail("annotation %s (%s) has no /StructParent" % (a_ref, a.get("/Subtype")))
            elem_ref = parent_of.get(a["/StructParent"])
            elem = get(elem_ref)
            if not elem or elem_ref not in holder:
                fail("annotation %s: key %r maps to %r, not an element of the tree"
                     % (a_ref, a["/StructParent"], elem_ref))
            kids = elem.get("/K", [])
            kids = kids if isinstance(kids, list) else [kids]
            objr = [get(k) for k in kids if isinstance(get(k), dict) and get(k).get("/Type") == "/OBJR"]
            if not any(o.get("/Obj") == a_ref and o.get("/Pg", page_ref) == page_ref for o in objr):
                fail("annotation %s: element %s holds no OBJR to it: %r" % (a_ref, elem_ref, elem))
            if elem.get("/P") != holder[elem_ref]:
                fail("element %s: /P %r, held by %r" % (elem_ref, elem.get("/P"), holder[elem_ref]))
            checked += 1
            if a.get("/Subtype") == "/Widget":
                if page.get("/Tabs") != "/S":
                    fail("the widget's page has no /Tabs /S")
                if a.get("/P") != page_ref:
                    fail("the widget's /P is %r, its page %s" % (a.get("/P"), page_ref))
                widgets.append((a_ref, a, elem_ref, elem))
    if len(widgets) != 1:
        fail("%d widgets on the pages" % len(widgets))
    w_ref, w, f_ref, form = widgets[0]
    if w.get("/FT") != "/Sig":
        fail("the widget is not a signature field's")
    if form.get("/S") != "/Form":
        fail("the widget's element is %r, not /Form" % form.get("/S"))
    tu = w.get("/TU", "")
    if not tu.startswith("u:") or len(tu) < 3:
        fail("the field has no /TU (alternate name): %r" % tu)
    if tu_prefix is not None and not tu[2:].startswith(tu_prefix):
        fail("/TU is %r, not %r…" % (tu[2:], tu_prefix))
    up = get(holder[f_ref])
    siblings = up["/K"] if isinstance(up["/K"], list) else [up["/K"]]
    at = siblings.index(f_ref)
    if last and at != len(siblings) - 1:
        fail("the Form is kid %d of %d, not the last" % (at + 1, len(siblings)))
    print("ok: %s: widget %s, /StructParent %d -> /Form %s (kid %d of %d of %s), /TU %r; %d annotations in the tree"
          % (path, w_ref, w["/StructParent"], f_ref, at + 1, len(siblings), up.get("/S"), tu[2:], checked))


main()
