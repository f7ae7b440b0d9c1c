#!/usr/bin/env python3
"""Checks that a signed (or field) render is the unsigned render of the same
release plus the signature's objects (docs/signing.md, "Which bytes change,
and why"):

- the signed file starts with the unsigned file, byte for byte;
- every object of the unsigned file, looked up by number through each
  file's own cross-reference sections (classic tables or cross-reference
  streams, whose objects may be in an object stream; the latest revision
  wins), has the
  same bytes in the signed file, except the widget's page (which gains
  /Annots and, tagged, /Tabs /S) and the catalog (which gains /AcroForm),
  and, tagged, the StructTreeRoot (whose ParentTree gains the widget's
  key, mapped to its Form element, and whose /ParentTreeNextKey goes one
  on) and the document's element (which gains the Form among its kids),
  whose revisions are the old bytes plus exactly those entries;
- the update's cross-reference section is of the unsigned file's kind
  (a table after a table, a stream after a stream);
- both trailers carry the same /ID;
- every object the signed file adds is the signature's: reachable from the
  AcroForm through the field, or, tagged, the one Form element holding an
  OBJR to the widget; and of the kinds a signature field is made of (the
  widget, its appearance form and the appearance's fonts, the signature
  dictionary, stream lengths, the Form element); with SIGNED also a
  /Type /Sig.

Usage: increment.py UNSIGNED.pdf SIGNED.pdf [field|signed]
Prints what differs and exits 1 when anything does.
"""
import re
import sys
import zlib


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def xref_sections(d):
    """Object number -> (offset, None) or (object stream, index), the latest
    section first, following /Prev, and the newest section's trailer
    dictionary. A section is a classic table or a cross-reference stream
    (ISO 32000-1 7.5.8: /W, /Index, Flate without a predictor)."""
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", d)
    if not m:
        fail("no startxref at the end")
    at, table, seen, newest = int(m.group(1)), {}, set(), None
    while at is not None and at not in seen:
        seen.add(at)
        if d[at:at + 4] == b"xref":
            i = at + 4
            while True:
                h = re.compile(rb"\s*(\d+) (\d+)\s*\n").match(d, i)
                if not h:
                    break
                first, count = int(h.group(1)), int(h.group(2))
                i = h.end()
                for k in range(count):
                    e = d[i + 20 * k:i + 20 * k + 20]
                    table.setdefault(first + k, (int(e[:10]), None) if e[17:18] == b"n" else None)
                i += 20 * count
            t = re.compile(rb"\s*trailer\s*<<(.*?)>>\s*startxref", re.S).match(d, i)
            if not t:
                fail("no trailer after the xref section at %d" % at)
            trailer = t.group(1)
        else:
            x = re.compile(rb"\d+ 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.S).match(d, at)
            if not x or b"/Type/XRef" not in x.group(1).replace(b" /", b"/"):
                fail("no xref section at %d" % at)
            trailer = x.group(1)
            if b"/DecodeParms" in trailer:
                fail("a cross-reference stream with a predictor at %d" % at)
            w = [int(v) for v in re.search(rb"/W ?\[ ?(\d+) (\d+) (\d+) ?\]", trailer).groups()]
            size = int(re.search(rb"/Size (\d+)", trailer).group(1))
            ix = re.search(rb"/Index ?\[([\d ]+)\]", trailer)
            index = [int(v) for v in ix.group(1).split()] if ix else [0, size]
            length = int(re.search(rb"/Length (\d+)", trailer).group(1))
            rows = d[x.end():x.end() + length]
            if b"/FlateDecode" in trailer:
                rows = zlib.decompress(rows)
            r, row = 0, sum(w)
            for first, count in zip(index[0::2], index[1::2]):
                for num in range(first, first + count):
                    f = [int.from_bytes(rows[r * row + sum(w[:c]):r * row + sum(w[:c + 1])], "big")
                         for c in range(3)]
                    if w[0] == 0:
                        f[0] = 1
                    table.setdefault(num, (f[1], None) if f[0] == 1 else (f[1], f[2]) if f[0] == 2 else None)
                    r += 1
        if newest is None:
            newest = trailer
        p = re.search(rb"/Prev (\d+)", trailer)
        at = int(p.group(1)) if p else None
    return {k: v for k, v in table.items() if v is not None}, newest


def object_at(d, num, off):
    head = re.compile(rb"%d 0 obj\s*" % num).match(d, off)
    if not head:
        fail("object %d is not at %d" % (num, off))
    end = d.find(b"endobj", head.end())
    return d[head.end():end].rstrip()


def objects(path):
    """Every object by number (an object stream's objects read out of it;
    the object and cross-reference streams themselves left out), the file,
    and the newest section's /ID."""
    d = open(path, "rb").read()
    table, trailer = xref_sections(d)
    out, streams = {}, {}
    for num, (where, index) in table.items():
        if index is None:
            out[num] = object_at(d, num, where)
    for num, (where, index) in table.items():
        if index is None:
            continue
        if where not in streams:
            body = out[where]
            m = re.match(rb"<<(.*?)>>\s*stream\r?\n", body, re.S)
            n, first = (int(re.search(k + rb" (\d+)", m.group(1)).group(1)) for k in (rb"/N", rb"/First"))
            length = int(re.search(rb"/Length (\d+)", m.group(1)).group(1))
            data = zlib.decompress(body[m.end():m.end() + length])
            head = [int(v) for v in data[:first].split()]
            at = head[1::2] + [len(data) - first]
            streams[where] = {head[2 * i]: data[first + at[i]:first + at[i + 1]].rstrip() for i in range(n)}
        out[num] = streams[where][num]
    for num in list(out):
        if re.match(rb"<< ?/Type ?/(ObjStm|XRef)\b", out[num]):
            del out[num]
    m = re.search(rb"/ID ?\[ ?(<[0-9A-F]+>) ?(<[0-9A-F]+>) ?\]", trailer)
    return d, out, m.groups() if m else None


def dict_part(body):
    return re.split(rb"\nstream\r?\n", body)[0]  # a stream's dictionary only


def refs(body):
    head = dict_part(body)
    return {int(r) for r in re.findall(rb"(\d+) 0 R\b", head)}


def kids_of(body):
    """The /K value of a structure element and its kids, each as written:
    an element's reference, an MCID, a marked-content or object reference
    dictionary."""
    m = re.search(rb"/K ?(\[[^\]]*\]|<<.*?>>|\d+ \d+ R|\d+)", body, re.S)
    if not m:
        fail("a structure element without /K: %r" % body[:200])
    kids = re.findall(rb"<<.*?>>|\d+ \d+ R|\d+", m.group(1), re.S)
    return m, kids


def main():
    unsigned_path, signed_path = sys.argv[1], sys.argv[2]
    kind = sys.argv[3] if len(sys.argv) > 3 else "signed"
    a, ao, aid = objects(unsigned_path)
    b, bo, bid = objects(signed_path)
    if not b.startswith(a):
        i = next(i for i in range(min(len(a), len(b))) if a[i] != b[i])
        fail("the signed file is not the unsigned file plus an update: first difference at byte %d" % i)
    # The update's cross-reference section is of the unsigned file's kind:
    # a table after a table, a stream after a stream (ISO 32000-1 7.5.8).
    def kind_of(d):
        at = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", d).group(1))
        return "table" if d[at:at + 4] == b"xref" else "stream"
    if kind_of(a) != kind_of(b):
        fail("the update's cross-reference is a %s after a %s" % (kind_of(b), kind_of(a)))
    if not aid or aid != bid:
        fail("/ID differs: %r vs %r" % (aid, bid))
    # Dictionaries as libharu writes them, or compact (PDF/A-1b).
    catalog = [n for n, v in ao.items() if re.match(rb"<<\s*/Type\s*/Catalog\b", v)]
    if len(catalog) != 1:
        fail("no one catalog in the unsigned file")
    cat = catalog[0]
    form = re.search(rb"/AcroForm (\d+) 0 R", bo[cat])
    if not form:
        fail("the signed catalog has no /AcroForm")
    form = int(form.group(1))
    changed = sorted(n for n in ao if ao[n] != bo.get(n))
    added = set(bo) - set(ao)
    tagged = b"/StructTreeRoot" in ao[cat]
    # The widget's Form element (tagged): new, and named by the revised
    # StructTreeRoot and document element.
    elems = [n for n in added if re.match(rb"<< ?/S ?/Form\b", bo[n])]
    if tagged != (len(elems) == 1):
        fail("%d new Form elements in a%s file" % (len(elems), " tagged" if tagged else "n untagged"))
    elem = elems[0] if elems else None
    tree = set()
    for n in changed:
        old, new = ao[n], bo.get(n, b"")
        if tagged and re.match(rb"<< ?/Type ?/StructTreeRoot\b", old):
            # The ParentTree's last key the Form's, the next key one on.
            k = re.search(rb"/ParentTreeNextKey (\d+)", old)
            close = old.rindex(b"]", 0, k.start())
            want = (old[:close] + b" %s %d 0 R" % (k.group(1), elem) + old[close:k.start(1)]
                    + b"%d" % (int(k.group(1)) + 1) + old[k.end(1):])
            tree.add(n)
        elif tagged and re.match(rb"<< ?/S ?/Document\b", old):
            # The same kids and, among them, the Form; nothing else changed.
            (mo, ko), (mn, kn) = kids_of(old), kids_of(new)
            ref = b"%d 0 R" % elem
            if kn.count(ref) != 1 or [k for k in kn if k != ref] != ko:
                fail("the document's element's kids are not its old ones and the Form:\n%r\n%r" % (ko, kn))
            want, new = old, new[:mn.start()] + old[mo.start():mo.end()] + new[mn.end():]
            tree.add(n)
        elif n == cat:
            want = old[:-2] + b"/AcroForm %d 0 R\n>>" % form
        elif re.match(rb"<<\s*/Type\s*/Page\b", old):
            field = [r for r in refs(new) - refs(old)]
            if len(field) != 1:
                fail("page %d gains %r, not one widget" % (n, field))
            if re.search(rb"/Annots ?\[", old):
                want = re.sub(rb"(/Annots ?\[[^\]]*?)( ?)\]",
                              lambda m: m.group(1) + b" %d 0 R" % field[0] + m.group(2) + b"]", old)
            else:
                want = old[:-2] + b"/Annots [ %d 0 R ]\n>>" % field[0]
            if b"/StructTreeRoot" in ao[cat] and not re.search(rb"/Tabs\b", old):
                want = want[:-2] + b"/Tabs /S\n>>"
        else:
            fail("object %d changed:\n--- unsigned\n%r\n--- signed\n%r" % (n, old[:300], new[:300]))
        if new != want:
            fail("object %d is not the unsigned one plus the field's entries:\n%r\n%r" % (n, new[:400], want[:400]))
    pages = [n for n in changed if n != cat and n not in tree]
    if cat not in changed or len(pages) != 1:
        fail("changed objects %r: expected the catalog %d and one page" % (changed, cat))
    if len(tree) != (2 if tagged else 0):
        fail("changed objects %r: expected the StructTreeRoot and the document's element" % changed)
    if min(added) <= max(ao):
        fail("new objects %r take numbers below the unsigned file's %d" % (sorted(added), max(ao)))
    if elem is not None:
        widget = [n for n in added if re.match(rb"<<\s*/Type\s*/Annot\b", dict_part(bo[n]))
                  and b"/Widget" in bo[n]]
        if not widget or not re.search(rb"/K ?<< ?/Type ?/OBJR ?/Pg %d 0 R ?/Obj %d 0 R ?>>" % (pages[0], widget[0]),
                                       bo[elem]):
            fail("the Form element holds no OBJR to the widget on its page: %r" % bo[elem])
    # Everything new hangs from the AcroForm, and nothing else does (but
    # the Form element, which holds the widget).
    seen, todo = set(), [form] + ([elem] if elem else [])
    while todo:
        n = todo.pop()
        if n in seen or n not in added:
            continue
        seen.add(n)
        todo.extend(refs(bo[n]))
    if seen != added:
        fail("objects %r are new but not the signature field's" % sorted(added - seen))
    kinds = {}
    for n in added:
        v = bo[n]
        head = dict_part(v)
        m = re.search(rb"/Type /(\w+)", head)
        st = re.search(rb"/Subtype /(\w+)", head)
        if re.fullmatch(rb"\d+", v):
            k = "Length"
        elif m and m.group(1) in (b"Annot", b"Font", b"FontDescriptor", b"Sig", b"XObject"):
            k = m.group(1).decode() + ("/" + st.group(1).decode() if st else "")
        elif b"/Fields [" in head:
            k = "AcroForm"
        elif n == elem:
            k = "StructElem/Form"
        elif head != v:
            k = "stream"  # a font file, a CID set, a ToUnicode CMap
        elif re.fullmatch(rb"<<\n(/F\d+ \d+ 0 R\n)*>>", v):
            k = "Font resources"
        else:
            fail("object %d is new and not a signature field's kind: %r" % (n, v[:200]))
        kinds[k] = kinds.get(k, 0) + 1
    if kinds.get("Annot/Widget") != 1 or kinds.get("XObject/Form") != 1 or kinds.get("AcroForm") != 1:
        fail("new objects: %r" % kinds)
    if kind == "signed" and kinds.get("Sig") != 1:
        fail("no signature dictionary among the new objects: %r" % kinds)
    if kind == "field" and "Sig" in kinds:
        fail("an empty field has a signature dictionary: %r" % kinds)
    # The appearance's fonts are its own: the page's /Font resources are
    # among the unchanged objects, and no new font is in them.
    print("ok: %s = %s (%d bytes, cross-reference %s) + %d new objects %s; changed: catalog %d, page %d%s"
          % (signed_path, unsigned_path, len(a), kind_of(a), len(added),
             ", ".join("%s %d" % kv for kv in sorted(kinds.items())), cat, pages[0],
             ", structure %s" % " and ".join("%d" % n for n in sorted(tree)) if tree else ""))


main()
