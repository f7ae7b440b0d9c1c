#!/usr/bin/env python3
"""Writes the PNG test images in this folder (run by hand; output committed).
The JPEGs come from make_jpegs.c, which needs libjpeg."""
import math
import struct
import zlib


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(path, w, h, color_type, rows, ppi=None):
    raw = b"".join(b"\0" + r for r in rows)
    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0))
    if ppi:
        ppm = round(ppi / 0.0254)
        data += chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    data += chunk(b"IDAT", zlib.compress(raw, 9))
    data += chunk(b"IEND", b"")
    open(path, "wb").write(data)


def emblem():
    rows = []
    for y in range(64):
        r = bytearray()
        for x in range(64):
            d = math.hypot(x - 31.5, y - 31.5)
            a = max(0, min(255, int((30 - d) * 40)))
            r += bytes((0xC0, 0x39, 0x2B, a))
        rows.append(bytes(r))
    png("emblem-alpha.png", 64, 64, 6, rows)


def gray():
    png("gray.png", 16, 16, 0, [bytes(x * 16 + y for x in range(16)) for y in range(16)])


def huge_header():
    # Declares 30000x30000 RGB pixels, holds a few bytes of data.
    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    data += chunk(b"IEND", b"")
    open("huge-header.png", "wb").write(data)


def body_images():
    # Body images (tests/integration/test_body_images.c): a picture that
    # says 300 ppi (600 x 300 pixels: 144 x 72 pt), one far wider and one
    # far taller than any page at 96 ppi, and photo.jpg saying 150 ppi.
    def stripes(w, h):
        return [bytes(((x // 10 + y // 10) % 2) * 200 + 20 for x in range(w)) for y in range(h)]

    png("body-300ppi.png", 600, 300, 0, stripes(600, 300), ppi=300)
    png("body-wide.png", 3000, 60, 0, stripes(3000, 60))
    png("body-tall.png", 60, 3000, 0, stripes(60, 3000))
    jpeg = bytearray(open("photo.jpg", "rb").read())
    assert jpeg[6:11] == b"JFIF\0"
    jpeg[13:18] = struct.pack(">BHH", 1, 150, 150)
    open("photo-150ppi.jpg", "wb").write(bytes(jpeg))


emblem()
gray()
huge_header()
body_images()
