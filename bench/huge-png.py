# Writes the security review's decompression bomb: a PNG of 6300 x 6300 pixels of one colour (160 MB once decoded)
# in about 130 KB. usage: python3 bench/huge-png.py OUT.png
import struct
import sys
import zlib

w = h = 6300
row = b"\x00" + b"\xc8" * (w * 3)
z = zlib.compressobj(9)
data = b"".join(z.compress(row) for _ in range(h)) + z.flush()


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


with open(sys.argv[1], "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
