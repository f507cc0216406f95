#!/usr/bin/env python3
"""Draws Sheetsafe's app icon (a green rounded square holding a white sheet with a check mark,
the same picture as packaging/sheetsafe.svg) and writes it in the forms each installer needs:
PNGs for Linux (hicolor sizes), a Windows .ico and a macOS .icns. Drawn here from shapes with
the standard library only, so the repository holds no binary images and the build needs no
image tools.

    make_icons.py OUT_DIR
"""

import struct
import sys
import zlib
from pathlib import Path

GREEN = (30, 142, 62)
WHITE = (255, 255, 255)
LINE = (160, 200, 170)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def near_segment(x, y, ax, ay, bx, by, w):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= w * w


def colour_at(x, y):
    """The picture on a 1×1 square; None is transparent."""
    if not inside_round_rect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2):
        return None
    if near_segment(x, y, 0.42, 0.66, 0.53, 0.77, 0.045) or near_segment(x, y, 0.53, 0.77, 0.74, 0.52, 0.045):
        return GREEN
    if inside_round_rect(x, y, 0.24, 0.16, 0.76, 0.84, 0.04):
        for ly in (0.32, 0.44, 0.56):
            if abs(y - ly) < 0.018 and 0.32 < x < 0.68:
                return LINE
        return WHITE
    return GREEN


def render(size):
    """RGBA rows, 4×4 samples per pixel."""
    n = 4
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = a = 0
            for sy in range(n):
                for sx in range(n):
                    c = colour_at((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
                    if c is not None:
                        r += c[0]
                        g += c[1]
                        b += c[2]
                        a += 1
            if a:
                row += bytes((r // a, g // a, b // a, 255 * a // (n * n)))
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return rows


def png(size):
    rows = render(size)
    raw = b"".join(b"\0" + row for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def ico(images):
    """An .ico holding PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, data = b"", b""
    for size, blob in images:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(data))
        data += blob
    return header + entries + data


def icns(images):
    """An .icns with PNG members: icp4 16, icp5 32, ic07 128, ic08 256, ic09 512."""
    kinds = {16: b"icp4", 32: b"icp5", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
    body = b"".join(kinds[s] + struct.pack(">I", len(b) + 8) + b for s, b in images if s in kinds)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    pngs = {s: png(s) for s in (16, 32, 48, 128, 256)}
    for s, blob in pngs.items():
        (out / f"sheetsafe-{s}.png").write_bytes(blob)
    (out / "sheetsafe.ico").write_bytes(ico([(s, pngs[s]) for s in (16, 32, 48, 256)]))
    (out / "sheetsafe.icns").write_bytes(icns([(s, pngs[s]) for s in (16, 32, 128, 256)]))


if __name__ == "__main__":
    main()
