"""Files for the upload tests, made here: real pictures, a PDF, audio headers, and hostile ones."""

import io

from PIL import Image

from webapp.services.materials.demo import FILES


def photo_with_gps(size=(3000, 2000)) -> bytes:
    """A noisy JPEG (so it cannot shrink to 300 KB by quality alone) carrying GPS data."""
    image = Image.effect_noise(size, 80).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    gps = {1: "N", 2: (51.0, 53.0, 30.0), 3: "E", 4: (4.0, 29.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (10, 110, 80, 128)).save(out, "PNG")
    return out.getvalue()


def truncated_png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 50).save(out, "PNG")
    return out.getvalue()[:2000]


def pdf() -> bytes:
    return (FILES / "werkblad-nl.pdf").read_bytes()


def ogg() -> bytes:
    return (FILES / "verhaal-nadia.ogg").read_bytes()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_AS_PDF = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 100
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 100
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A isom" + b"\x00" * 100
