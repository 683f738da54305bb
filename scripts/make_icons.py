"""Draws the app icons (three rising steps on green) as PNG files, without image libraries.

Run once after changing the design: `python scripts/make_icons.py`.
"""

import struct
import zlib
from pathlib import Path

GREEN = (11, 110, 79)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "webapp" / "static" / "icons"


def png(width: int, pixels: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + row for row in pixels)
    header = struct.pack(">IIBBBBB", width, width, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def draw(size: int, safe: float) -> bytes:
    """Steps inside the central `safe` fraction (maskable icons may be cropped to a circle)."""
    margin = size * (1 - safe) / 2 + size * safe * 0.18
    inner = size - 2 * margin
    step_w = inner / 3
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            colour = GREEN
            if margin <= x < size - margin and y < size - margin:
                step = min(int((x - margin) // step_w), 2)
                top = size - margin - inner * (step + 1) / 3
                gap = step_w * 0.12
                if y >= top and (x - margin) - step * step_w >= gap:
                    colour = WHITE
            row += bytes(colour)
        rows.append(bytes(row))
    return png(size, rows)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon-192.png").write_bytes(draw(192, 1.0))
    (OUT / "icon-512.png").write_bytes(draw(512, 1.0))
    (OUT / "maskable-512.png").write_bytes(draw(512, 0.8))
    print("icons written to", OUT)
