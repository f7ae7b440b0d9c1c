#!/usr/bin/env python3
"""Writes a binary file as a C header: a static const byte array NAME and
NAME_size, so the build carries the ICC profile without reading it at run
time. Usage: to_c.py IN OUT NAME"""
import sys

data = open(sys.argv[1], 'rb').read()
name = sys.argv[3]
with open(sys.argv[2], 'w') as out:
    out.write('/* Generated from %s by data/icc/to_c.py; do not edit. */\n' % sys.argv[1].split('/')[-1])
    out.write('static const unsigned char %s[%d] = {\n' % (name, len(data)))
    for i in range(0, len(data), 16):
        out.write('\t' + ', '.join('0x%02x' % b for b in data[i:i + 16]) + ',\n')
    out.write('};\n')
