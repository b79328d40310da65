"""Draw the Teams app icons (color.png 192x192, outline.png 32x32) with the standard library only.

Teams wants a full-colour icon and a white-on-transparent outline icon
(https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
The glyph is a speech bubble with a check mark: a question that gets its
answer. Run ``python deploy/teams/make_icons.py`` to redraw both files.
"""

from __future__ import annotations

import itertools
import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLUE = (0x1F, 0x5F, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4

Shape = Callable[[float, float], bool]
"""Whether a point of the unit square (0..1, 0..1) is inside."""


def rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float) -> Shape:
    """A rectangle with corners of radius ``r``."""

    def inside(x: float, y: float) -> bool:
        cx, cy = min(max(x, x0 + r), x1 - r), min(max(y, y0 + r), y1 - r)
        return x0 <= x <= x1 and y0 <= y <= y1 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r

    return inside


def triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> Shape:
    """The triangle ``abc``."""

    def side(p: tuple[float, float], q: tuple[float, float], x: float, y: float) -> float:
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])

    def inside(x: float, y: float) -> bool:
        s = (side(a, b, x, y), side(b, c, x, y), side(c, a, x, y))
        return all(v >= 0 for v in s) or all(v <= 0 for v in s)

    return inside


def stroke(points: list[tuple[float, float]], width: float) -> Shape:
    """A polyline through ``points``, ``width`` wide."""

    def near(x: float, y: float, p: tuple[float, float], q: tuple[float, float]) -> bool:
        dx, dy = q[0] - p[0], q[1] - p[1]
        t = max(0.0, min(1.0, ((x - p[0]) * dx + (y - p[1]) * dy) / (dx * dx + dy * dy)))
        return math.hypot(x - p[0] - t * dx, y - p[1] - t * dy) <= width / 2

    def inside(x: float, y: float) -> bool:
        return any(near(x, y, p, q) for p, q in itertools.pairwise(points))

    return inside


BUBBLE = rounded_rect(0.16, 0.20, 0.84, 0.70, 0.12)
TAIL = triangle((0.30, 0.66), (0.46, 0.66), (0.28, 0.84))
CHECK = stroke([(0.33, 0.45), (0.45, 0.57), (0.67, 0.34)], 0.075)


def coverage(shape: Shape, size: int, px: int, py: int) -> float:
    """How much of pixel (px, py) of a ``size`` square the shape covers, 0 to 1."""
    hits = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            hits += shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)
    return hits / SAMPLES**2


def color_icon(size: int = 192) -> list[bytes]:
    """White bubble on the ward's blue, the check in blue: an opaque square."""
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            bubble = coverage(lambda x, y: BUBBLE(x, y) or TAIL(x, y), size, px, py)
            check = coverage(CHECK, size, px, py)
            white = bubble * (1 - check)
            row += (
                bytes(round(b * (1 - white) + w * white) for b, w in zip(BLUE, WHITE, strict=True)) + b"\xff"
            )
        rows.append(bytes(row))
    return rows


def outline_icon(size: int = 32) -> list[bytes]:
    """The bubble's outline and the check in white on transparency, as Teams requires."""
    inner = rounded_rect(0.22, 0.26, 0.78, 0.64, 0.07)
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            ring = coverage(lambda x, y: (BUBBLE(x, y) and not inner(x, y)) or TAIL(x, y), size, px, py)
            alpha = max(ring, coverage(CHECK, size, px, py))
            row += bytes(WHITE) + bytes([round(255 * alpha)])
        rows.append(bytes(row))
    return rows


def png(rows: list[bytes], size: int) -> bytes:
    """A PNG file of unfiltered RGBA ``rows``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    """Write both icons next to this script."""
    (HERE / "color.png").write_bytes(png(color_icon(192), 192))
    (HERE / "outline.png").write_bytes(png(outline_icon(32), 32))


if __name__ == "__main__":
    main()
