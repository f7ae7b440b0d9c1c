#!/usr/bin/env python3
"""Checks that every /CIDSet in a PDF lists exactly the glyphs of its font
program (ISO 19005-1 §6.3.5): one bit per CID, set for CIDs 0..n-1 where n
is the embedded TrueType's glyph count (maxp), nothing beyond. Reads the
file through qpdf's JSON, so it shares no code with letterpress.
Usage: cidset.py FILE.pdf; prints one line a font and exits 1 on a mismatch,
2 when the file has no CIDSet at all."""
import base64
import json
import struct
import subprocess
import sys

doc = json.loads(subprocess.run(
    ['qpdf', '--json', '--json-stream-data=inline', '--decode-level=generalized', sys.argv[1]],
    check=True, capture_output=True).stdout)
objects = doc['qpdf'][1]


def stream_bytes(ref):
    return base64.b64decode(objects['obj:' + ref]['stream']['data'])


def glyph_count(font):
    """numGlyphs from the maxp table of a TrueType/OpenType file."""
    n_tables = struct.unpack('>H', font[4:6])[0]
    for i in range(n_tables):
        tag, _, offset, _ = struct.unpack('>4sIII', font[12 + 16 * i:28 + 16 * i])
        if tag == b'maxp':
            return struct.unpack('>H', font[offset + 4:offset + 6])[0]
    raise ValueError('no maxp table')


bad = seen = 0
for key, obj in objects.items():
    value = obj.get('value')
    if not isinstance(value, dict) or value.get('/Type') != '/FontDescriptor':
        continue
    if '/CIDSet' not in value:
        continue
    seen += 1
    program = value.get('/FontFile2') or value.get('/FontFile3')
    n = glyph_count(stream_bytes(program))
    bits = stream_bytes(value['/CIDSet'])
    listed = [c for c in range(len(bits) * 8) if bits[c // 8] & (0x80 >> (c % 8))]
    ok = listed == list(range(n))
    bad += not ok
    print('%s %s: %d glyphs, CIDSet lists %d%s' % (
        'ok' if ok else 'MISMATCH', value.get('/FontName'), n, len(listed),
        '' if ok else ' (first missing: %s)' % sorted(set(range(n)) - set(listed))[:5]))
sys.exit(1 if bad else 2 if seen == 0 else 0)
